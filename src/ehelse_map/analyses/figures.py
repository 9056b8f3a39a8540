"""Key figures of a data set, the few numbers `diff`, `whatif`, `recommend` and `report` compare.

Each figure is computed by the analyses (overlap, burden, anchoring); this module only picks
and sums. A figure is `estimated` when it rests on an estimated meeting cadence.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ehelse_map.model.records import Dataset
from ehelse_map.model.scope import Filters, members, networks_in_scope, organisations_in_scope

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
    value: float
    unit: str
    estimated: bool
    """Rests on at least one estimated meeting cadence."""


@dataclass(frozen=True)
class KeyFigures:
    as_of: date | None
    figures: tuple[Figure, ...]
    most_burdened: str | None
    """`organisation/role+role` of the most burdened person, when anyone has a load."""
    assumptions: tuple[str, ...]
    """Assumption ids behind the hour figures."""

    def value(self, key: str) -> float:
        return next(f.value for f in self.figures if f.key == key)


@dataclass(frozen=True)
class FigureChange:
    key: str
    label: str
    unit: str
    before: float
    after: float
    difference: float
    """after − before, rounded to 2 decimals."""
    estimated: bool


def key_figures(dataset: Dataset, as_of: date | None, *, country: str | None = None,
                region: str | None = None) -> KeyFigures:
    """The figures of `FIGURES` for networks active on `as_of` in the country/region."""
    from ehelse_map.analyses.anchoring import anchoring
    from ehelse_map.analyses.burden import burden
    from ehelse_map.analyses.overlap import DUPLICATE_AT, overlap

    filters = Filters(country=country, region=region)
    pairs = overlap(dataset, as_of, country=country, region=region).pairs
    load = burden(dataset, as_of, by="person", country=country, region=region)
    orgs = burden(dataset, as_of, by="municipality", country=country, region=region)
    municipal = [r for r in orgs.rows if r.organisation
                 and dataset.actors[r.organisation].kind == "municipality"]
    people = [r for r in load.rows if r.organisation
              and dataset.actors[r.organisation].kind == "municipality"]
    reached = sum(r.organisations for r in municipal)
    top = max(people, key=lambda r: (r.hours_per_year, r.key), default=None)
    anchored = anchoring(dataset, as_of, country=country, region=region)
    hours_estimated = any(r.estimated for r in municipal)
    values = {
        "networks": (float(len(_networks_reaching(dataset, as_of, filters))), False),
        "overlap_pairs": (float(len(pairs)), False),
        "duplicate_pairs": (float(sum(p.score >= DUPLICATE_AT for p in pairs)), False),
        "municipality_hours": (round(sum(r.hours_per_year * r.organisations
                                         for r in municipal), 2), hours_estimated),
        "max_person_hours": (round(top.hours_per_year, 2) if top else 0.0,
                             bool(top and top.estimated)),
        "persons_over_capacity": (float(sum(r.over_capacity * r.organisations
                                            for r in municipal)), hours_estimated),
        "reporting_lines_mean": (round(sum(r.reporting_lines * r.organisations
                                           for r in municipal) / reached, 2)
                                 if reached else 0.0, False),
        "reporting_lines_max": (float(max((r.reporting_lines for r in municipal), default=0)),
                                False),
        "unanchored": (float(len(anchored.unanchored)), False),
    }
    figures = tuple(Figure(key, label, values[key][0], unit, values[key][1])
                    for key, label, unit in FIGURES)
    return KeyFigures(as_of=as_of, figures=figures,
                      most_burdened=top.key if top and top.hours_per_year > 0 else None,
                      assumptions=orgs.assumptions)


def _networks_reaching(dataset: Dataset, as_of: date | None, filters: Filters) -> list[str]:
    """Networks in scope; with a region, those that reach an organisation in it."""
    networks = networks_in_scope(dataset, as_of, filters)
    if filters.region is None:
        return [n.id for n in networks]
    scope = organisations_in_scope(dataset, as_of, filters)
    return [n.id for n in networks if members(n, scope)]


def compare(before: KeyFigures, after: KeyFigures) -> tuple[FigureChange, ...]:
    """Each figure before and after, with the difference."""
    changes = []
    for old, new in zip(before.figures, after.figures, strict=False):
        changes.append(FigureChange(
            key=old.key, label=old.label, unit=old.unit, before=old.value, after=new.value,
            difference=round(new.value - old.value, 2), estimated=old.estimated or new.estimated))
    return tuple(changes)
