"""The plan of the `burden` picture: which municipalities, in which groups, with which load and
in which state (not reached, hours unknown, a floor because some hours are unknown, known), which
are called out, and the caption that says what the numbers rest on.

Computed from `analyses.burden` without matplotlib; `diagrams/burden.py` lays it out and draws it.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ehelse_map.model.records import Actor, Dataset
from ehelse_map.model.scope import organisation_in_scope
from ehelse_map.model.span import Span
from ehelse_map.render.diagrams.i18n import listing, text
from ehelse_map.render.diagrams.plans.frame import Frame, is_inferred, names_of
from ehelse_map.render.diagrams.scope import subtitle
from ehelse_map.render.diagrams.style import DiagramOptions, display_name, source_parts
from ehelse_map.render.numbers import localised

if TYPE_CHECKING:
    from ehelse_map.analyses.burden import BurdenResult, BurdenRow

MAX_GROUPS = 80
"""Most groups (counties, or health-trust areas) drawn; more are too small to read."""
MAX_DRAWN = 1500
"""Most municipalities drawn, as whole groups (the first group is drawn whatever its size)."""
TOP_LABELLED = 10
"""Municipalities called out with their value, the most loaded first."""

NOT_REACHED, UNKNOWN, FLOOR, KNOWN = "not-reached", "unknown", "floor", "known"
"""The states of a municipality's value: no network reaches it; networks reach it but no hours
are known; some hours are known and others not (the value is a floor); all are known."""


@dataclass(frozen=True)
class Load:
    """One municipality (or aggregate record) as the picture shows it."""

    actor: Actor
    name: str
    group: str
    value: float | None
    """Load (busiest person's hours ÷ capacity), or hours when no capacity is set; None when
    not reached or when no hours are known. Never 0 for unknown."""
    low: float | None
    high: float | None
    estimated: bool
    """The value rests on estimated meeting cadences."""
    unknown_networks: int
    """Networks reaching it whose hours are unknown (no published cadence, no target role)."""
    reached: bool
    inferred: bool
    """The municipality's own record is partly an inference."""
    weight: float | None
    """Bubble area: inhabitants of one municipality the record stands for, 1 with
    `--bubble-size equal`, None when the population is not in the data."""

    @property
    def id(self) -> str:
        return self.actor.id

    @property
    def state(self) -> str:
        if not self.reached:
            return NOT_REACHED
        if self.value is None:
            return UNKNOWN
        return FLOOR if self.unknown_networks else KNOWN


@dataclass(frozen=True)
class Group:
    key: str
    name: str
    members: tuple[str, ...]
    """Ids of its municipalities, in the order they are packed (largest first)."""


@dataclass(frozen=True)
class TopPerson:
    """The most loaded person in the selection, with the range the assumptions allow."""

    municipality: str
    name: str
    hours: Span
    load: Span | None
    rests_on: tuple[str, ...]
    tied: tuple[str, ...] = ()
    """The names of every municipality whose busiest person has as many hours (ties are
    ties: the caption names them all, up to three)."""


@dataclass(frozen=True)
class BurdenPlan:
    frame: Frame
    municipalities: tuple[Load, ...]
    """Listed municipalities drawn (whole groups), sorted by id."""
    aggregates: tuple[Load, ...]
    """Records standing for many municipalities, drawn in a row each as one of average size."""
    groups: tuple[Group, ...]
    """Groups drawn, largest first (then key)."""
    called: tuple[str, ...]
    """Municipalities called out with their value: the most loaded first, then --highlight."""
    as_load: bool
    """Values are loads (× capacity); False: hours a year (no capacity in the data)."""
    capacity: float
    vmax: float
    """Top of the colour scale."""
    group_by: str
    bubble_size: str
    highlight: str | None
    reached_by_highlight: tuple[str, ...]
    """Municipalities the highlighted network reaches (outlined)."""
    left_out_groups: int = 0
    left_out_municipalities: int = 0
    top: TopPerson | None = None

    @property
    def empty(self) -> bool:
        return not self.municipalities and not self.aggregates


def plan(dataset: Dataset, options: DiagramOptions, burden: BurdenResult | None = None,
         max_groups: int = MAX_GROUPS, max_drawn: int = MAX_DRAWN) -> BurdenPlan:
    """What the burden picture shows; `burden` is the analysis by municipality for the options'
    filters when the caller has it already (the report), else it is computed here."""
    from ehelse_map.analyses import burden as analyse

    lang = options.lang
    result = burden if burden is not None else analyse(
        dataset, options.as_of, by="municipality", country=options.country,
        region=options.region)
    capacity_span = result.capacity_hours_per_year
    capacity = (capacity_span.value or 0.0) if capacity_span is not None else 0.0
    as_load = capacity > 0
    rows = {row.key: row for row in result.rows}
    everyone = []
    for actor in sorted(dataset.actors.values(), key=lambda a: a.id):
        if actor.kind != "municipality" or not organisation_in_scope(
                actor, options.as_of, options.filters):
            continue
        everyone.append(_load(actor, rows.get(actor.id), as_load, options))
    listed = [m for m in everyone if m.actor.count == 1]
    aggregates = tuple(m for m in everyone if m.actor.count > 1)
    drawn, all_groups = _most_burdened(listed, options.highlight, max_groups, max_drawn)
    groups = _groups(dataset, drawn, lang)
    values = [m.value for m in everyone if m.value is not None]
    top_value = max(values, default=1.0)
    vmax = max(1.0, math.ceil(top_value * 2) / 2) if as_load else max(1.0, top_value)
    ranked = sorted((m for m in drawn if m.value is not None),
                    key=lambda m: (-(m.value or 0.0), m.id))
    called = [m.id for m in ranked[:TOP_LABELLED]]
    if options.highlight is not None and options.highlight not in called and any(
            m.id == options.highlight for m in drawn):
        called.append(options.highlight)
    highlight = options.highlight
    reached_by = tuple(sorted(dataset.networks[highlight].coverage.members)) if (
        highlight in dataset.networks) else ()
    top = _top_person(rows, everyone)
    left_groups = all_groups - len(groups)
    left_municipalities = len(listed) - len(drawn)
    caption = _caption(dataset, options, result, everyone, top)
    if left_municipalities:
        caption.insert(1, text("burden_summarised", lang, shown=len(groups), groups=all_groups,
                               drawn=len(drawn), total=len(listed),
                               unit=text(f"burden_groups_{options.group}", lang)))
    named = [m.actor for m in everyone] + [dataset.actors[g.key] for g in groups
                                          if g.key in dataset.actors]
    frame = Frame(options.title or text("title_burden", lang), subtitle(dataset, options),
                  tuple(caption), names_of(named), lang)
    return BurdenPlan(frame, tuple(drawn), aggregates, tuple(groups), tuple(called), as_load,
                      capacity, vmax, options.group, options.bubble_size, highlight,
                      reached_by, left_groups, left_municipalities, top)


def _load(actor: Actor, row: BurdenRow | None, as_load: bool, options: DiagramOptions) -> Load:
    figure = None if row is None else (row.load if as_load else row.max_person_hours)
    value = None if figure is None else figure.value
    if options.bubble_size == "equal":
        weight: float | None = 1.0
    else:
        weight = actor.population / max(actor.count, 1) if actor.population else None
    return Load(actor, display_name(actor), _group_of(actor, options.group), value,
                None if figure is None else figure.low, None if figure is None else figure.high,
                bool(row and row.estimated), len(row.unknown_networks) if row else 0,
                row is not None, is_inferred(actor), weight)


def _group_of(actor: Actor, by: str) -> str:
    if actor.count > 1:
        return f"aggregate:{actor.id}"
    key = actor.catchment if by == "catchment" else actor.region
    return key or actor.country


def _most_burdened(listed: list[Load], highlight: str | None, max_groups: int,
                   max_drawn: int) -> tuple[list[Load], int]:
    """(The municipalities to draw, the number of groups.) All of them when they fit the
    budget; else whole groups, the one with the highlighted id first, then by the load of
    their most loaded person (then their mean load), until the budget is spent."""
    groups: dict[str, list[Load]] = defaultdict(list)
    for m in listed:
        groups[m.group].append(m)
    if len(groups) <= max_groups and len(listed) <= max_drawn:
        return listed, len(groups)

    def rank(key: str) -> tuple[bool, float, float, str]:
        values = [m.value for m in groups[key] if m.value is not None]
        marked = highlight is not None and (key == highlight or any(
            m.id == highlight for m in groups[key]))
        return (not marked, -max(values, default=-1.0), -sum(values) / len(groups[key]), key)

    kept: set[str] = set()
    count = 0
    for key in sorted(groups, key=rank):
        if len(kept) == max_groups or (kept and count + len(groups[key]) > max_drawn):
            break
        kept.add(key)
        count += len(groups[key])
    return [m for m in listed if m.group in kept], len(groups)


def _groups(dataset: Dataset, drawn: list[Load], lang: str) -> list[Group]:
    members: dict[str, list[Load]] = defaultdict(list)
    for m in drawn:
        members[m.group].append(m)
    order = sorted(members, key=lambda k: (-len(members[k]), k))
    return [Group(key, group_name(dataset, key, lang), tuple(
        m.id for m in sorted(members[key], key=lambda m: (-(m.weight or 0.0), m.id))))
        for key in order]


def group_name(dataset: Dataset, key: str, lang: str) -> str:
    if key.startswith("aggregate:"):
        aggregate = dataset.actors[key.split(":", 1)[1]]
        return text("aggregate_average", lang, name=display_name(aggregate))
    actor = dataset.actors.get(key)
    if actor is not None:
        return display_name(actor)
    try:
        return text(f"country_{key}", lang)
    except KeyError:
        return key


def _top_person(rows: dict[str, BurdenRow], everyone: list[Load]) -> TopPerson | None:
    """The municipality whose busiest person has the most hours (ties: by id)."""
    known = [rows[m.id] for m in everyone if m.id in rows
             and rows[m.id].max_person_hours.value is not None]
    if not known:
        return None
    row = min(known, key=lambda r: (-(r.max_person_hours.value or 0.0), r.key))
    tied = tuple(r.name for r in sorted(known, key=lambda r: r.key)
                 if round(r.max_person_hours.value or 0.0, 6)
                 == round(row.max_person_hours.value or 0.0, 6))
    return TopPerson(row.key, row.name, row.max_person_hours, row.load, row.rests_on, tied)


def _hours_range(span: Span, lang: str) -> str:
    low, high = span.low, span.high
    if low is None or high is None or abs(high - low) < 0.5:
        return text("range_none", lang)
    return text("range_hours", lang, low=f"{low:.0f}", high=f"{high:.0f}")


def _caption(dataset: Dataset, options: DiagramOptions, result: BurdenResult,
             everyone: list[Load], top: TopPerson | None) -> list[str]:
    lang = options.lang
    parts = []
    staffing = dataset.staffing
    size = text("bubble_population" if options.bubble_size == "population" else "bubble_equal",
                lang)
    if result.capacity_hours_per_year is not None:
        capacity_id = (staffing.capacity_assumption if staffing and
                       staffing.capacity_assumption else "—")
        parts.append(text("caption_burden", lang,
                          capacity=result.capacity_hours_per_year.value or 0,
                          capacity_id=capacity_id, size=size))
    else:
        parts.append(text("caption_no_capacity", lang, size=size))
    rows = {row.key: row for row in result.rows}
    networks = {n for m in everyone if m.id in rows for n in rows[m.id].network_ids}
    estimated = sorted(n for n in networks if dataset.networks[n].rests_on_estimates)
    ids = sorted({t.estimate for n in estimated for t in dataset.networks[n].targets
                  if t.estimate})
    parts.append(text("caption_estimates", lang, est=len(estimated), total=len(networks),
                      ids=", ".join(f"'{i}'" for i in ids) or "—",
                      staffing=staffing.assumption if staffing else "—"))
    if result.observed_organisations:
        parts.append(text("caption_observed", lang, n=result.observed_organisations,
                          total=result.reached_organisations))
    if top is not None:
        rests = ", ".join(f"'{a}'" for a in top.rests_on) or "—"
        load = ""
        if top.load is not None and top.load.value is not None:
            load = text("top_load", lang, value=localised(f"{top.load.value:.2f}", lang))
        names = list(top.tied[:3]) + ([f"+{len(top.tied) - 3}"] if len(top.tied) > 3 else [])
        parts.append(text("caption_top_person", lang, name=listing(names, lang) or top.name,
                          hours=localised(f"{top.hours.value or 0:,.0f}", lang), load=load,
                          range=_hours_range(top.hours, lang), ids=rests))
    floors = sum(1 for m in everyone if m.state == FLOOR)
    unknown = sum(1 for m in everyone if m.state == UNKNOWN)
    reached = sum(1 for m in everyone if m.reached)
    if unknown:
        parts.append(text("caption_hours_unknown", lang, n=unknown))
    if floors:
        parts.append(text("caption_hours_floor", lang, n=floors, reached=reached))
    inferred_networks = sorted(n for n in networks if is_inferred(dataset.networks[n]))
    inferred_places = [m.name for m in everyone if m.inferred]
    if inferred_networks or inferred_places:
        sentence = text("caption_inferred_networks", lang, n=len(inferred_networks),
                        total=len(networks))
        if inferred_places:
            sentence += " " + text("caption_inferred_marked", lang,
                                   names=listing(inferred_places[:8], lang))
        parts.append(sentence)
    parts += source_parts(dataset, options, [dataset.networks[n] for n in sorted(networks)]
                          + [m.actor for m in everyone])
    return parts
