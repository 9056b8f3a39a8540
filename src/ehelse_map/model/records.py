"""The data model: frozen dataclasses built from validated YAML.

Nothing here parses YAML or reports problems; `dataset.load_dataset` builds these objects only
after validation succeeded, so every reference in a `Dataset` resolves.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from ehelse_map.fuzzydate import FuzzyDate


@dataclass(frozen=True, slots=True)
class Location:
    """Where a value came from, for messages that point back at the data."""

    file: str
    line: int
    column: int
    path: str = ""

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}"


@dataclass(frozen=True, slots=True)
class Period:
    """An active period; either end may be open or fuzzy (`2017`, `2021-04`)."""

    start: FuzzyDate | None = None
    end: FuzzyDate | None = None

    def active_on(self, day: date) -> bool:
        """True when the period overlaps `day`; fuzzy ends are read generously."""
        if self.start is not None and self.start.earliest() > day:
            return False
        return not (self.end is not None and self.end.latest() < day)

    def overlaps(self, other: Period) -> bool:
        starts = [p.start.earliest() for p in (self, other) if p.start is not None]
        ends = [p.end.latest() for p in (self, other) if p.end is not None]
        return not starts or not ends or max(starts) <= min(ends)

    def __str__(self) -> str:
        start = str(self.start) if self.start else ""
        end = str(self.end) if self.end else ""
        return f"{start}–{end}" if (start or end) else ""


@dataclass(frozen=True, slots=True)
class Source:
    id: str
    title: str
    url: str | None = None
    publisher: str | None = None
    published: str | None = None
    note: str | None = None


@dataclass(frozen=True, slots=True)
class AssumedValue:
    """A quantity an assumption stands for: its central value and plausible range."""

    value: float
    low: float | None = None
    high: float | None = None
    unit: str | None = None


@dataclass(frozen=True, slots=True)
class Assumption:
    """An explicit, documented assumption; estimates in the data point at one of these."""

    id: str
    text: str
    sources: tuple[str, ...] = ()
    values: dict[str, AssumedValue] = field(default_factory=dict)
    from_findings: tuple[str, ...] = ()
    """Findings of the 2023 evaluation (F1-F6) this assumption is taken from: a result that
    follows from it cannot confirm them."""


BASES = ("documented", "estimated", "observed", "surveyed", "unknown")


@dataclass(frozen=True, slots=True)
class Quantity:
    """A number the analyses compute with, and what it rests on.

    `basis` is `documented` (a source gives it), `estimated` (an assumption gives it, or is the
    reason for it), `observed` (an organisation's own survey answer), `surveyed` (the survey
    rule's aggregate of other members' answers, standing in for a member that did not answer)
    or `unknown` (value None: never read as 0).
    `low`/`high` is the plausible range; None when nobody stated one (a documented value's
    range is the value itself). An estimate remembers its assumption, and which of its values
    (`name`) it takes, so `--assume` can change it; `scale` is set when the data wrote its own
    number under the assumption (`estimate:` on a target): the range is then the assumption's
    range scaled to that number.
    """

    value: float | None
    low: float | None = None
    high: float | None = None
    basis: str = "documented"
    assumption: str | None = None
    name: str | None = None
    scale: float | None = None
    sources: tuple[str, ...] = ()

    @property
    def known(self) -> bool:
        return self.value is not None

    @property
    def estimated(self) -> bool:
        return self.basis == "estimated"

    @property
    def observed(self) -> bool:
        return self.basis == "observed"

    @property
    def lower(self) -> float | None:
        """The low end, or the value itself where no range is stated."""
        return self.low if self.low is not None else self.value

    @property
    def upper(self) -> float | None:
        return self.high if self.high is not None else self.value


UNKNOWN = Quantity(None, basis="unknown")


def documented(value: float, sources: tuple[str, ...] = ()) -> Quantity:
    return Quantity(float(value), float(value), float(value), "documented", sources=sources)


@dataclass(frozen=True, slots=True)
class Area:
    """A mandate area from the data's own vocabulary (e.g. a national priority area).

    `broader`: areas this one is part of; a mandate for a broader area meets this one.
    """

    id: str
    labels: dict[str, str]
    group: str | None = None
    sources: tuple[str, ...] = ()
    broader: tuple[str, ...] = ()

    def label(self, lang: str = "en") -> str:
        return _pick_label(self.labels, lang, self.id)


@dataclass(frozen=True, slots=True)
class Role:
    """A post in a member organisation that networks target.

    `anchor` says which kind of anchoring a network gains by reaching the role:
    `health-leader`, `chief-executive`, `elected` or None.
    """

    id: str
    labels: dict[str, str]
    anchor: str | None = None
    country: str | None = None
    sources: tuple[str, ...] = ()

    def label(self, lang: str = "en") -> str:
        return _pick_label(self.labels, lang, self.id)


@dataclass(frozen=True, slots=True)
class StaffingRule:
    """Up to `max_population` inhabitants, these groups of roles are each held by one person.

    `threshold` is the bound as a quantity (an assumption may give it with a range);
    `max_population` is its central value.
    """

    max_population: int | None
    persons: tuple[tuple[str, ...], ...]
    threshold: Quantity | None = None


@dataclass(frozen=True, slots=True)
class Staffing:
    """Which roles one person holds; an assumption, overridable per municipality."""

    assumption: str
    rules: tuple[StaffingRule, ...]
    overrides: dict[str, tuple[tuple[str, ...], ...]] = field(default_factory=dict)
    capacity_hours_per_year: float = 0.0
    capacity_assumption: str | None = None
    capacity: Quantity = UNKNOWN
    """The capacity of one person as a quantity; `capacity_hours_per_year` is its value (0 when
    the data gives none)."""

    def __post_init__(self) -> None:
        if not self.capacity.known and self.capacity_hours_per_year:
            kind = "estimated" if self.capacity_assumption else "documented"
            value = float(self.capacity_hours_per_year)
            object.__setattr__(self, "capacity", Quantity(
                value, value, value, kind, self.capacity_assumption))


@dataclass(frozen=True, slots=True)
class Actor:
    id: str
    name: str
    kind: str
    level: str
    country: str
    sources: tuple[str, ...]
    short_name: str | None = None
    parent: str | None = None
    region: str | None = None
    catchment: str | None = None
    number: str | None = None
    identifiers: dict[str, str] = field(default_factory=dict)
    population: int | None = None
    population_as_of: str | None = None
    count: int = 1
    period: Period = Period()
    successor: str | None = None
    former_names: tuple[str, ...] = ()
    url: str | None = None
    note: str | None = None
    inferred: str | None = None
    location: Location | None = field(default=None, compare=False, repr=False)
    other_names: tuple[tuple[str, str | None], ...] = ()
    """(name, language) of parallel names: Sámi and Kven names of a municipality, say."""


@dataclass(frozen=True, slots=True)
class Coverage:
    """Whom a network reaches: explicit actors and/or a selector (region, catchment, country).

    `members` is the expansion done at load time. `count` is a documented number of
    organisations reached when they are not listed (e.g. the 2008 seminars: 134 municipalities).
    """

    members: tuple[str, ...]
    count: int | None = None
    inferred: str | None = None


ASKS_MEMBER, ASKS_NETWORK, ASKS_SEATS = "member", "network", "seats"


@dataclass(frozen=True, slots=True)
class Target:
    """A role a network targets, with its meeting cadence.

    `meetings` and `hours` (a meeting) say what they rest on; `estimate` is the assumption
    behind the cadence as the data wrote it. `asks` is whom the meetings ask: one person in each
    member (`member`), a post the network holds itself (`network`: no time asked of members),
    or `seats` persons shared by the members.
    """

    role: str
    meetings: Quantity = UNKNOWN
    hours: Quantity = UNKNOWN
    estimate: str | None = None
    sources: tuple[str, ...] = ()
    asks: str = ASKS_MEMBER
    seats: int | None = None
    merged: tuple[Target, ...] = ()
    """Only on the role of a merged network (`whatif --merge`, `recommend`): every series the
    merged networks had for the role. This target is the one the cadence rule keeps at the
    central values; at the low and the high ends of the assumptions' ranges the rule is
    applied again, there (`analyses.burden`). Empty for a target the data describes."""

    @classmethod
    def of(cls, role: str, meetings_per_year: float | None, hours_per_meeting: float | None,
           estimate: str | None = None, sources: tuple[str, ...] = (),
           asks: str = ASKS_MEMBER, seats: int | None = None) -> Target:
        """A target from plain numbers: documented, or estimates of `estimate` (no range)."""
        def quantity(value: float | None) -> Quantity:
            if value is None:
                return UNKNOWN
            if estimate is None:
                return documented(value, sources)
            return Quantity(float(value), basis="estimated", assumption=estimate)

        return cls(role, quantity(meetings_per_year), quantity(hours_per_meeting), estimate,
                   sources, asks, seats)

    @property
    def meetings_per_year(self) -> float | None:
        return self.meetings.value

    @property
    def hours_per_meeting(self) -> float | None:
        return self.hours.value

    @property
    def hours_per_year(self) -> float | None:
        """Central hours a year, or None when either part is unknown."""
        if self.meetings.value is None or self.hours.value is None:
            return None
        return self.meetings.value * self.hours.value

    def cadence(self) -> str:
        """`4×3 h = 12 h/yr` in words, `?` for what is unknown (never 0)."""
        def shown(value: float | None) -> str:
            return "?" if value is None else f"{value:g}"

        return (f"{shown(self.meetings_per_year)}×{shown(self.hours_per_meeting)} h = "
                f"{shown(self.hours_per_year)} h/yr")

    @property
    def rests_on_estimate(self) -> bool:
        return any(t.meetings.estimated or t.hours.estimated for t in (self, *self.merged))

    @property
    def assumptions(self) -> tuple[str, ...]:
        """The assumptions behind the cadence (for a merged role: behind every series the
        cadence rule chooses from)."""
        return tuple(dict.fromkeys(q.assumption for t in (self, *self.merged)
                                   for q in (t.meetings, t.hours) if q.assumption))

    @property
    def asks_members(self) -> bool:
        """Some series asks time of members: not only a post the network holds itself."""
        return any(t.asks != ASKS_NETWORK for t in (self, *self.merged))


@dataclass(frozen=True, slots=True)
class Amount:
    value: float
    currency: str


@dataclass(frozen=True, slots=True)
class Funding:
    """A funding line. Entries with different `grant` ids are different lines, each with its
    own reporting line, even from the same source and scheme."""

    source: str
    scheme: str | None = None
    reports_to: str | None = None
    note: str | None = None
    sources: tuple[str, ...] = ()
    grant: str | None = None
    status: str | None = None
    period: Period = Period()
    amount: Amount | None = None

    @property
    def line(self) -> tuple[str, str, str]:
        """(source, scheme, grant): what makes one funding line different from another."""
        return (self.source, self.scheme or "", self.grant or "")


@dataclass(frozen=True, slots=True)
class Host:
    actor: str
    period: Period = Period()


@dataclass(frozen=True, slots=True)
class Participation:
    """Who of the organisations reached take part, for a period: a documented count (of `of`,
    by default of all reached), or the members listed."""

    count: int | None = None
    of: int | None = None
    members: tuple[str, ...] = ()
    period: Period = Period()
    as_of: str | None = None
    estimate: str | None = None
    sources: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Relation:
    """A cooperation, a mandate given, an agreement, ownership or an evaluation."""

    kind: str
    source: str
    """The actor or network the relation comes from (the one giving a mandate)."""
    targets: tuple[str, ...]
    sources: tuple[str, ...]
    id: str | None = None
    about: str | None = None
    period: Period = Period()
    note: str | None = None


@dataclass(frozen=True, slots=True)
class Network:
    id: str
    name: str
    kind: str
    level: str
    country: str
    host: str | None
    """The host on the data's as-of date, or the latest (see `hosts` for the history)."""
    coverage: Coverage
    areas: tuple[str, ...]
    tasks: tuple[str, ...]
    targets: tuple[Target, ...]
    sources: tuple[str, ...]
    short_name: str | None = None
    parent: str | None = None
    participants: tuple[str, ...] = ()
    funding: tuple[Funding, ...] = ()
    reports_to: tuple[str, ...] = ()
    steered_by: tuple[str, ...] = ()
    period: Period = Period()
    url: str | None = None
    note: str | None = None
    inferred: str | None = None
    location: Location | None = field(default=None, compare=False, repr=False)
    hosts: tuple[Host, ...] = ()
    funding_documented: bool = True
    """False when the data says nothing about funding (no `funding` key): unknown, not none.
    `funding: []` documents that there is none."""
    targets_documented: bool = True
    """False when the data names no `targets` at all: whom it asks is unknown."""
    successor: str | None = None
    predecessors: tuple[str, ...] = ()
    participation: tuple[Participation, ...] = ()

    @property
    def roles(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(t.role for t in self.targets))

    @property
    def rests_on_estimates(self) -> bool:
        return any(t.rests_on_estimate for t in self.targets)

    def host_on(self, day: date | None) -> str | None:
        """The host on `day` (None: the latest host), or None when nobody hosts it then."""
        if day is None or not self.hosts:
            return self.hosts[-1].actor if self.hosts else self.host
        for host in self.hosts:
            if host.period.active_on(day):
                return host.actor
        return None

    def participation_on(self, day: date | None) -> Participation | None:
        """The participation entry in force on `day` (the latest when `day` is None)."""
        if not self.participation:
            return None
        if day is None:
            return self.participation[-1]
        return next((p for p in self.participation if p.period.active_on(day)), None)


TAKES_PART_YES, TAKES_PART_NO, TAKES_PART_PARTLY = "yes", "no", "partly"


@dataclass(frozen=True, slots=True)
class Observation:
    """A survey answer: what `organisation` says `network` asked of `role` in `period` (the 12
    months before it answered). `meetings` and `hours` (a meeting) have basis `observed`, or
    are unknown when the answer left them out. `takes_part` is `yes`, `no` or `partly`."""

    id: str
    organisation: str
    network: str
    role: str
    period: Period
    takes_part: str
    sources: tuple[str, ...]
    meetings: Quantity = UNKNOWN
    hours: Quantity = UNKNOWN
    answered: FuzzyDate | None = None
    roles_held: tuple[str, ...] = ()
    roles_held_other: str | None = None
    respondent_role: str | None = None
    role_not_targeted: str | None = None
    note: str | None = None
    location: Location | None = field(default=None, compare=False, repr=False)

    @property
    def ends(self) -> date | None:
        """The last day the answer covers (its answer day), when the period has an end."""
        return self.period.end.latest() if self.period.end is not None else None


@dataclass(frozen=True, slots=True)
class Dataset:
    """A validated data set: every id resolves, every record has a source."""

    actors: dict[str, Actor]
    networks: dict[str, Network]
    areas: dict[str, Area]
    roles: dict[str, Role]
    sources: dict[str, Source]
    assumptions: dict[str, Assumption]
    staffing: Staffing | None
    files: tuple[str, ...] = ()
    as_of: date | None = None
    """The day the data describes (its `dataset.as_of`); commands default to it."""
    name: str | None = None
    relations: tuple[Relation, ...] = ()
    overrides: tuple[str, ...] = ()
    """Assumption values changed for this run (`--assume`), in words; empty for the data as
    written."""
    observations: tuple[Observation, ...] = ()
    """Survey answers (`observations.yaml`), in file order."""
    survey_rule: str | None = None
    """`median-N` when the median of N or more members' answers stands in for the members of
    a network that did not answer (`dataset.survey_rule`); None: no such aggregate."""

    def active_networks(self, day: date) -> list[Network]:
        return [n for n in self.networks.values() if n.period.active_on(day)]

    def active_actors(self, day: date) -> list[Actor]:
        return [a for a in self.actors.values() if a.period.active_on(day)]


def _pick_label(labels: dict[str, str], lang: str, fallback: str) -> str:
    """Prefer the asked language, then the Norwegian forms, then English, then anything."""
    for key in (lang, "nb" if lang == "nn" else "nn", "nb", "en", *labels):
        if key in labels:
            return labels[key]
    return fallback
