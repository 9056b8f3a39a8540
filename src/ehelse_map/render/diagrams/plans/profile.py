"""The plan of the `profile` picture: one organisation at the centre, every network that reaches
it around it, each sized by the hours a year it asks of that organisation.

From `analyses.profile` (the figures of `ehelse-map profile ID` and of `burden` for the same
organisation): a network's hours are the sum of the meeting series it asks of the organisation
(central value, with the range over the assumptions' low and high ends), `~` when they rest on
estimated cadences. A network whose hours the data does not give is `unknown`, never 0; one whose
targets are all posts it holds itself asks nothing (`nothing`, a documented 0); one with some
series of unknown hours has a floor (`floor`). Networks whose documented participation leaves
the organisation out are named in the caption, not drawn. Lines join the networks that overlap
there (the profile's overlaps, and pairs asking one person through two roles). Persons are
numbered as in the profile's persons table (P1, P2, ...).

What a page cannot hold is counted in one "+N more" summary: the networks asking the fewest
hours (then those of unknown hours, then those asking none). Computed without matplotlib;
`diagrams/profile.py` lays it out and draws it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ehelse_map.model.records import Dataset
from ehelse_map.model.span import Span
from ehelse_map.render.diagrams.i18n import listing, text
from ehelse_map.render.diagrams.plans.frame import Frame, is_inferred, names_of
from ehelse_map.render.diagrams.style import DiagramOptions, display_name, source_parts

if TYPE_CHECKING:
    from ehelse_map.analyses.profile import ProfileNetwork, ProfileResult

KNOWN, FLOOR, UNKNOWN, NOTHING = "known", "floor", "unknown", "nothing"
"""The states of a network's hours: all known; some known, others not (a floor); none known;
a documented 0 (it asks only posts it holds itself)."""
LEVELS = ("national", "regional", "local")
"""The order of the levels around the centre, clockwise from the top."""


@dataclass(frozen=True)
class Bubble:
    """One network around the organisation."""

    network: str
    name: str
    level: str
    hours: float | None
    """Hours a year it asks of the organisation, central value; None: unknown (never 0)."""
    low: float | None
    high: float | None
    estimated: bool
    """The hours rest on estimated meeting cadences (`~`)."""
    unknown_series: int
    """Meeting series whose hours are unknown: with known others, the hours are a floor."""
    asks: bool
    """False: every target is a post the network holds; it asks no time (0 h, documented)."""
    via: str | None
    """The name of the aggregate record through which it reaches the organisation."""
    persons: tuple[str, ...]
    """The persons it asks (P1, P2, ...), as numbered in `ProfilePlan.persons`."""
    inferred: bool

    @property
    def state(self) -> str:
        if not self.asks:
            return NOTHING
        if self.hours is None:
            return UNKNOWN
        return FLOOR if self.unknown_series else KNOWN

    @property
    def extent(self) -> float | None:
        """The largest hours drawn for it: the high end, else the central value."""
        if self.hours is None:
            return None
        return max(self.hours, self.high if self.high is not None else self.hours)


@dataclass(frozen=True)
class Summary:
    """Networks the page has no room for, counted in one "+N more" bubble."""

    networks: tuple[str, ...]
    hours: float | None
    """Their known hours summed; None when none is known."""
    unknown: int
    """Of them, networks whose hours are unknown."""
    estimated: bool


@dataclass(frozen=True)
class Link:
    """Two drawn networks that overlap in the organisation."""

    a: str
    b: str
    score: float
    person: bool
    """They ask different roles that one person holds here (staffing), not the same role."""


@dataclass(frozen=True)
class Person:
    key: str
    """`P1`, `P2`, ... as in the profile's persons table."""
    roles: tuple[str, ...]
    """The roles the person holds, as labels in the picture's language."""
    hours: Span
    load: Span | None
    """Hours against one person's capacity; None when the data sets no capacity."""


@dataclass(frozen=True)
class ProfilePlan:
    frame: Frame
    organisation: str
    name: str
    kind: str
    count: int
    """Organisations the record stands for (an aggregate: the figures are one of them's)."""
    bubbles: tuple[Bubble, ...]
    """Drawn, in their order around the centre: by level, then most hours first."""
    more: Summary | None
    links: tuple[Link, ...]
    """Among drawn networks, the strongest first."""
    persons: tuple[Person, ...]
    not_taking_part: tuple[str, ...]
    """Names of networks that cover it but whose documented participation leaves it out."""
    highlight: str | None
    """A drawn network to emphasise."""
    total: Span | None
    """Hours a year of all its persons together; None when no network reaches it."""

    @property
    def empty(self) -> bool:
        return not self.bubbles and self.more is None

    def bubbles_by_id(self) -> dict[str, Bubble]:
        return {b.network: b for b in self.bubbles}


def plan(dataset: Dataset, options: DiagramOptions, profile: ProfileResult | None = None,
         max_networks: int | None = None) -> ProfilePlan:
    """What the profile picture shows for `options.organisation` (an actor id); `profile` is
    the analysis for it when the caller has it already. `max_networks`: most networks drawn
    one by one (at least 2); the rest are summarised."""
    from ehelse_map.render.profile_view import person_keys

    organisation = options.organisation
    if organisation is None:
        raise ValueError("the profile diagram needs an organisation (--organisation ID)")
    if organisation not in dataset.actors:
        raise ValueError(f"unknown organisation '{organisation}'")
    lang = options.lang
    result = profile if profile is not None else _analyse(dataset, options, organisation)
    keys = person_keys(result)
    every = [_bubble(dataset, n, keys) for n in result.networks]
    ranked = sorted(every, key=_rank)
    if max_networks is not None and len(ranked) > max_networks:
        kept = {b.network for b in ranked[:max(max_networks - 1, 1)]}
        left = [b for b in ranked if b.network not in kept]
        more: Summary | None = Summary(
            tuple(b.network for b in left),
            sum(b.hours for b in left if b.hours is not None)
            if any(b.hours is not None for b in left) else None,
            sum(1 for b in left if b.state == UNKNOWN), any(b.estimated for b in left))
    else:
        kept, more = {b.network for b in every}, None
    bubbles = tuple(sorted((b for b in every if b.network in kept), key=_around))
    links = _links(result, kept)
    persons = tuple(Person(keys[p.roles], tuple(_role(dataset, r, lang) for r in p.roles),
                           p.hours_per_year, p.load) for p in result.persons)
    absent = tuple(display_name(dataset.networks[n]) for n in result.not_taking_part)
    drawn = [dataset.networks[b.network] for b in bubbles]
    highlight = options.highlight if options.highlight in kept else None
    name = display_name(dataset.actors[organisation])
    caption = _caption(dataset, options, result, every, bubbles, more, links, absent)
    frame = Frame(options.title or text("title_profile", lang, name=name),
                  _subtitle(dataset, options, result), tuple(caption),
                  names_of([dataset.actors[organisation], *drawn,
                            *(dataset.networks[n] for n in result.not_taking_part),
                            *(dataset.roles[r] for p in result.persons for r in p.roles
                              if r in dataset.roles)], lang), lang)
    return ProfilePlan(frame, organisation, name, result.kind, result.count, bubbles, more,
                       links, persons, absent, highlight,
                       result.burden.hours_per_year if result.burden else None)


def _analyse(dataset: Dataset, options: DiagramOptions, organisation: str) -> ProfileResult:
    from ehelse_map.analyses.profile import profile

    return profile(dataset, options.as_of, organisation)


def _bubble(dataset: Dataset, network: ProfileNetwork, keys: dict[tuple[str, ...], str]
            ) -> Bubble:
    record = dataset.networks[network.network]
    hours = network.hours_per_year
    asking = [s for s in network.series if s.asks != "network"]
    persons = sorted({keys[s.person] for s in asking if s.person in keys},
                     key=lambda k: int(k[1:]))
    via = display_name(dataset.actors[network.via]) if network.via in dataset.actors else None
    return Bubble(network.network, display_name(record), record.level, hours.value, hours.low,
                  hours.high, hours.estimated, hours.unknown if asking else 0,
                  bool(asking) or not network.series, via, tuple(persons),
                  is_inferred(record))


def _rank(bubble: Bubble) -> tuple[int, float, str]:
    """Most hours first, then unknown hours, then none asked: the last are summarised first."""
    order = {KNOWN: 0, FLOOR: 0, UNKNOWN: 1, NOTHING: 2}[bubble.state]
    return order, -(bubble.hours or 0.0), bubble.network


def _around(bubble: Bubble) -> tuple[int, int, float, str]:
    level = LEVELS.index(bubble.level) if bubble.level in LEVELS else len(LEVELS)
    return (level, *_rank(bubble))


def _links(result: ProfileResult, kept: set[str]) -> tuple[Link, ...]:
    found = [Link(p.a, p.b, p.score, False) for p in result.overlaps]
    found += [Link(p.a, p.b, p.score, True) for p in result.person_overlaps]
    drawn = [link for link in found if link.a in kept and link.b in kept]
    return tuple(sorted(drawn, key=lambda k: (-k.score, k.person, k.a, k.b)))


def _role(dataset: Dataset, role: str, lang: str) -> str:
    record = dataset.roles.get(role)
    return record.label(lang) if record else role


def _thousands(value: int) -> str:
    return f"{value:,}".replace(",", "\u202f")


def _subtitle(dataset: Dataset, options: DiagramOptions, result: ProfileResult) -> str:
    """`Etne · Vestland · 4 093 inhabitants · as of 2025-06-01`."""
    lang = options.lang
    parts = [result.name]
    if result.region_name:
        parts.append(result.region_name)
    if result.count > 1:
        parts.append(text("profile_stands_for", lang, n=_thousands(result.count)))
    if result.population is not None:
        parts.append(text("profile_inhabitants", lang, n=_thousands(result.population)))
    parts.append(text("as_of", lang, date=options.as_of.isoformat()))
    if options.highlight:
        record = dataset.actors.get(options.highlight) or dataset.networks.get(options.highlight)
        parts.append(text("highlighted", lang,
                          value=display_name(record) if record else options.highlight))
    return " · ".join(parts)


def _caption(dataset: Dataset, options: DiagramOptions, result: ProfileResult,
             every: list[Bubble], bubbles: tuple[Bubble, ...], more: Summary | None,
             links: tuple[Link, ...], absent: tuple[str, ...]) -> list[str]:
    lang = options.lang
    name = result.name
    day = options.as_of.isoformat()
    parts = []
    if not result.active:
        parts.append(text("profile_inactive", lang, name=name))
    elif not every:
        parts.append(text("profile_none", lang, name=name, date=day))
    else:
        parts.append(text("caption_profile", lang, name=name, date=day))
    if any(not link.person for link in links):
        parts.append(text("caption_profile_links", lang, name=name))
    if any(link.person for link in links):
        parts.append(text("caption_profile_person_links", lang, name=name))
    unknown = [b for b in every if b.state == UNKNOWN]
    if unknown:
        parts.append(text("caption_profile_unknown", lang, n=len(unknown), total=len(every)))
    if any(b.state == FLOOR for b in every):
        parts.append(text("caption_profile_floor", lang))
    nothing = [b for b in every if b.state == NOTHING]
    if nothing:
        parts.append(text("caption_profile_nothing", lang, n=len(nothing), name=name))
    if absent:
        parts.append(text("caption_profile_absent", lang, n=len(absent), name=name,
                          names=listing(list(absent), lang)))
    via = sorted({b.via for b in every if b.via})
    if via:
        parts.append(text("caption_profile_via", lang, n=sum(1 for b in every if b.via),
                          name=name, via=listing(via, lang)))
    if result.count > 1:
        parts.append(text("caption_profile_aggregate", lang, name=name,
                          n=_thousands(result.count)))
    if more is not None:
        parts.append(text("caption_profile_more", lang, shown=len(bubbles), total=len(every),
                          n=len(more.networks), id=result.organisation))
    if result.persons:
        capacity = result.capacity_hours_per_year
        parts.append(text("caption_profile_persons", lang,
                          staffing=result.staffing or "—",
                          capacity=_capacity(capacity, lang)))
    marks = {a.id: a.from_findings for a in dataset.assumptions.values()}
    if result.assumptions:
        ids = [f"'{a}'" + (f" [{', '.join(marks[a])}]" if marks.get(a) else "")
               for a in result.assumptions]
        parts.append(text("caption_profile_assumptions", lang, ids=", ".join(ids)))
    if result.from_findings:
        parts.append(text("caption_profile_findings", lang,
                          findings=listing(list(result.from_findings), lang)))
    if any(b.inferred for b in bubbles):
        parts.append(text("caption_inferred_mark", lang))
    used = [dataset.assumptions[a] for a in result.assumptions if a in dataset.assumptions]
    records = [dataset.actors[result.organisation],
               *(dataset.networks[b.network] for b in every), *used]
    parts += source_parts(dataset, options, records)
    return parts


def _capacity(capacity: Span | None, lang: str) -> str:
    if capacity is None or capacity.value is None:
        return text("profile_no_capacity", lang)
    return text("profile_capacity", lang, value=hours_text(capacity))


def hours_text(span: Span) -> str:
    """`24 (10–60)`: the central value and, when it has one, its range; `–` when unknown."""
    if span.value is None:
        return "–"
    value = number(span.value)
    if span.low is None or span.high is None or span.high - span.low < 0.05:
        return value
    return f"{value} ({number(span.low)}–{number(span.high)})"


def number(value: float) -> str:
    """Whole numbers from 10 up, one decimal below."""
    if abs(value) >= 9.95:
        return _thousands(round(value))
    return f"{value:.1f}".rstrip("0").rstrip(".")
