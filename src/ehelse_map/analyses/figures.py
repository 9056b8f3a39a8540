"""Key figures of a data set, the few numbers `diff`, `whatif`, `recommend` and `report` compare.

Each figure is computed by the analyses (overlap, burden, anchoring); this module only picks
and sums. Every figure is a `Span`: its value and its range over the assumptions' ranges.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from ehelse_map.model import span as sp
from ehelse_map.model.records import Dataset
from ehelse_map.model.scope import Filters, members, networks_in_scope, organisations_in_scope
from ehelse_map.model.span import Span

if TYPE_CHECKING:
    from ehelse_map.analyses.burden import BurdenResult, RowMemo

#: (key, label, unit), in the order outputs list them.
FIGURES = (
    ("networks", "active networks", ""),
    ("overlap_pairs", "overlapping pairs", "pairs"),
    ("duplicate_pairs", "near-duplicate pairs (score ≥ 0.9)", "pairs"),
    ("municipality_hours", "meeting hours/yr, all municipalities", "h/yr"),
    ("max_person_hours", "hours/yr of the most burdened person", "h/yr"),
    ("persons_over_capacity", "persons over capacity", "persons"),
    ("reporting_lines_mean", "reporting lines per municipality, mean", "lines"),
    ("reporting_lines_max", "reporting lines per municipality, max", "lines"),
    ("unanchored", "networks without anchoring", "networks"),
)
LABELS = {key: label for key, label, _ in FIGURES}
UNITS = {key: unit for key, _, unit in FIGURES}
HOUR_FIGURES = frozenset({"municipality_hours", "max_person_hours", "persons_over_capacity"})


@dataclass(frozen=True)
class Figure:
    key: str
    label: str
    value: Span
    unit: str

    @property
    def estimated(self) -> bool:
        """Rests on at least one estimate (its range is then the assumptions' range)."""
        return self.value.estimated


@dataclass(frozen=True)
class KeyFigures:
    as_of: date | None
    figures: tuple[Figure, ...]
    most_burdened: str | None
    """`organisation/role+role` of the most burdened person, when anyone has a load."""
    assumptions: tuple[str, ...]
    """Assumption ids behind the hour figures."""
    municipalities_reached: int = 0
    """Municipalities networks reach (aggregates counted as `count`)."""
    observed_municipalities: int = 0
    """Of those, municipalities whose hours rest in part on their own survey answers."""

    def value(self, key: str) -> Span:
        return next(f.value for f in self.figures if f.key == key)


@dataclass(frozen=True)
class FigureChange:
    key: str
    label: str
    unit: str
    before: Span
    after: Span
    difference: Span
    """after − before, at the central values and at each corner of the assumptions (all low,
    all high); the range spans the three. Rounded to 2 decimals."""

    @property
    def estimated(self) -> bool:
        return self.before.estimated or self.after.estimated


def key_figures(dataset: Dataset, as_of: date | None, *, country: str | None = None,
                region: str | None = None, rows: RowMemo | None = None) -> KeyFigures:
    """The figures of `FIGURES` for networks active on `as_of` in the country/region; `rows`:
    the burden's `RowMemo`, for the key figures of two versions of a data set."""
    return key_figures_and_burden(dataset, as_of, country=country, region=region, rows=rows)[0]


def key_figures_and_burden(dataset: Dataset, as_of: date | None, *,
                           country: str | None = None, region: str | None = None,
                           rows: RowMemo | None = None) -> tuple[KeyFigures, BurdenResult]:
    """`key_figures`, and the burden by municipality they rest on, `burden(dataset, as_of,
    country=..., region=...)`: `what_if` compares it organisation by organisation, which
    computed it a second time (issue 22.3: every analysis once per command). `rows`: the
    burden's `RowMemo`, for key figures before and after a scenario."""
    from ehelse_map.analyses.anchoring import anchoring
    from ehelse_map.analyses.burden import burden_and_person_hours
    from ehelse_map.analyses.overlap import DUPLICATE_AT, overlap

    filters = Filters(country=country, region=region)
    pairs = overlap(dataset, as_of, country=country, region=region).pairs
    orgs, hours = burden_and_person_hours(dataset, as_of, country=country, region=region,
                                          rows=rows)
    municipal = [r for r in orgs.rows if r.organisation
                 and dataset.actors[r.organisation].kind == "municipality"]
    people = [p for p in hours if dataset.actors[p.organisation].kind == "municipality"
              and p.hours.value is not None]
    reached = sum(r.organisations for r in municipal)
    top = max(people, key=lambda p: (p.hours.value or 0.0, p.key), default=None)
    anchored = anchoring(dataset, as_of, country=country, region=region)
    values = {
        "networks": sp.exact(len(networks_reaching(dataset, as_of, filters))),
        "overlap_pairs": sp.exact(len(pairs)),
        "duplicate_pairs": sp.exact(sum(p.score >= DUPLICATE_AT for p in pairs)),
        "municipality_hours": sp.total(r.hours_per_year.scaled(r.organisations)
                                       for r in municipal).rounded(),
        "max_person_hours": sp.largest(p.hours for p in people).rounded()
        if people else sp.ZERO,
        "persons_over_capacity": sp.total(r.over_capacity.scaled(r.organisations)
                                          for r in municipal) if municipal else sp.ZERO,
        "reporting_lines_mean": sp.exact(round(sum(r.reporting_lines * r.organisations
                                                   for r in municipal) / reached, 2)
                                         if reached else 0.0),
        "reporting_lines_max": sp.exact(max((r.reporting_lines for r in municipal), default=0)),
        "unanchored": sp.exact(len(anchored.unanchored)),
    }
    figures = tuple(Figure(key, label, values[key], unit) for key, label, unit in FIGURES)
    return KeyFigures(as_of=as_of, figures=figures,
                      most_burdened=top.key if top and (top.hours.value or 0) > 0
                      else None,
                      assumptions=orgs.assumptions, municipalities_reached=reached,
                      observed_municipalities=sum(r.organisations for r in municipal
                                                  if r.observed)), orgs


def networks_reaching(dataset: Dataset, as_of: date | None, filters: Filters) -> list[str]:
    """Networks in scope; with a region, those that reach an organisation in it."""
    networks = networks_in_scope(dataset, as_of, filters)
    if filters.region is None:
        return [n.id for n in networks]
    scope = organisations_in_scope(dataset, as_of, filters)
    return [n.id for n in networks if members(n, scope)]


def difference(before: Span, after: Span) -> Span:
    """after − before at the centre and at each corner; unknown when either is. A difference
    of monotone figures need not be monotone, so its range is the smallest and the largest of
    the three (all low, centre, all high): low ≤ value ≤ high always holds."""
    if before.value is None or after.value is None:
        return Span(None, None, None, False, before.unknown + after.unknown)
    ends = [_end(after.low, after.value) - _end(before.low, before.value),
            after.value - before.value,
            _end(after.high, after.value) - _end(before.high, before.value)]
    return Span(round(after.value - before.value, 2), round(min(ends), 2), round(max(ends), 2),
                before.estimated or after.estimated, before.unknown + after.unknown)


def _end(end: float | None, value: float) -> float:
    return value if end is None else end


def compare(before: KeyFigures, after: KeyFigures) -> tuple[FigureChange, ...]:
    """Each figure before and after, with the difference."""
    return tuple(FigureChange(key=old.key, label=old.label, unit=old.unit, before=old.value,
                              after=new.value, difference=difference(old.value, new.value))
                 for old, new in zip(before.figures, after.figures, strict=True))
