"""Coverage gaps: a matrix of mandate area × region with the number of active networks that
cover each cell; cells with none are uncovered, cells with `CROWDED_AT` or more are crowded.

A network covers (area, region) when the area is one of its mandate areas and it reaches at
least one municipality in the region. A municipality's region is its `region` actor, or its
country when it has none. Only areas that some network of the region's country has ever had
(in any period) make cells there, so a Swedish area never shows as a gap in Norway.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from ehelse_map.analyses.common import region_name, region_of
from ehelse_map.model.records import Dataset
from ehelse_map.model.scope import (
    Filters,
    areas_of,
    members,
    narrower_areas,
    networks_in_scope,
    organisation_in_scope,
    organisations_in_scope,
)

CROWDED_AT = 3
"""A cell covered by at least this many networks is crowded."""


@dataclass(frozen=True)
class GapRegion:
    id: str
    """A region actor id, or a country code for municipalities without a region."""
    name: str
    country: str
    municipalities: int
    """Municipalities in scope in the region (aggregates counted as `count`)."""


@dataclass(frozen=True)
class GapCell:
    area: str
    region: str
    count: int
    """Active networks covering the cell."""
    networks: tuple[str, ...]
    status: str
    """`uncovered` (0), `crowded` (>= CROWDED_AT) or `covered`."""


@dataclass(frozen=True)
class GapsResult:
    as_of: date | None
    filters: Filters
    areas: tuple[str, ...]
    """Column order: area ids, sorted."""
    regions: tuple[GapRegion, ...]
    """Row order: by country, then name."""
    cells: tuple[GapCell, ...]
    """Region-major, in the orders above; only (area, region) pairs relevant to the country."""
    uncovered: tuple[GapCell, ...]
    crowded: tuple[GapCell, ...]
    """Most networks first."""
    unplaced: tuple[str, ...]
    """Networks whose organisations are not listed (coverage gives only a count)."""
    crowded_at: int = CROWDED_AT


def gaps(dataset: Dataset, as_of: date | None, *, country: str | None = None,
         region: str | None = None, area: str | None = None) -> GapsResult:
    """The area × region matrix for networks active on `as_of`."""
    filters = Filters(country=country, region=region, area=area)
    regions: dict[str, GapRegion] = {}
    counts: dict[str, int] = defaultdict(int)
    countries: dict[str, str] = {}
    for actor in sorted(dataset.actors.values(), key=lambda a: a.id):
        if actor.kind == "municipality" and organisation_in_scope(actor, as_of, filters):
            key = region_of(actor)
            counts[key] += actor.count
            countries.setdefault(key, actor.country)
    for key, total in counts.items():
        regions[key] = GapRegion(key, region_name(dataset, key), countries[key], total)
    closure = narrower_areas(dataset)  # a general mandate covers each narrower area's cell
    relevant: dict[str, set[str]] = defaultdict(set)
    for network in dataset.networks.values():
        relevant[network.country].update(areas_of(network, filters, closure))
    covering: dict[tuple[str, str], set[str]] = defaultdict(set)
    unplaced = []
    scope = organisations_in_scope(dataset, as_of, filters)
    for network in networks_in_scope(dataset, as_of, filters):
        reached = {region_of(dataset.actors[m])
                   for m in members(network, scope)
                   if dataset.actors[m].kind == "municipality"}
        if not network.coverage.members and network.coverage.count:
            unplaced.append(network.id)
        for area_id in areas_of(network, filters, closure):
            for key in reached:
                covering[(area_id, key)].add(network.id)
    ordered = sorted(regions.values(), key=lambda r: (r.country, r.name.casefold(), r.id))
    cells = []
    for reg in ordered:
        for area_id in sorted(relevant[reg.country]):
            nets = tuple(sorted(covering.get((area_id, reg.id), ())))
            status = ("uncovered" if not nets else
                      "crowded" if len(nets) >= CROWDED_AT else "covered")
            cells.append(GapCell(area_id, reg.id, len(nets), nets, status))
    used_areas = tuple(sorted({c.area for c in cells}))
    crowded = sorted((c for c in cells if c.status == "crowded"),
                     key=lambda c: (-c.count, c.region, c.area))
    return GapsResult(
        as_of=as_of, filters=filters, areas=used_areas, regions=tuple(ordered),
        cells=tuple(cells), uncovered=tuple(c for c in cells if c.status == "uncovered"),
        crowded=tuple(crowded), unplaced=tuple(sorted(unplaced)))
