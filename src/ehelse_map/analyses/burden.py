"""Coordination burden: how much time networks ask of each organisation and each person in it
(finding F1 of the evaluation, seed 004: the same person is the target of several networks and
has not the capacity to receive it all).

Every target of a network is its own meeting series: an organisation reached by the network
spends `meetings_per_year × hours_per_meeting` hours a year for each targeted role. Roles are
merged into persons by the staffing assumption (`persons_for`), and a person's load is their
hours against the coordination capacity of one person (`staffing.capacity_hours_per_year`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from ehelse_map.analyses.common import funding_lines, region_name, region_of, reporting_lines, take
from ehelse_map.analyses.staffing import holders, persons_for
from ehelse_map.model.records import Actor, Dataset, Network, Staffing
from ehelse_map.model.scope import (
    Filters,
    members,
    networks_in_scope,
    organisation_in_scope,
    organisations_in_scope,
)

BY = ("municipality", "person", "role", "region", "size-class")
"""The views of `burden`: one row per organisation, person, role, region or size class."""

SIZE_CLASSES: tuple[tuple[int | None, str], ...] = (
    (5_000, "<5k"), (20_000, "5k–20k"), (50_000, "20k–50k"), (None, "≥50k"))
"""(upper bound exclusive, label): a municipality of 5,000 inhabitants is in `5k–20k`."""
UNKNOWN_SIZE = "unknown"


@dataclass(frozen=True)
class BurdenRow:
    """The load in one organisation, person, role or region.

    A row of one organisation (views `municipality` and `person`) gives the values of one
    organisation; an aggregate actor's row stands for `organisations` organisations that each
    bear them. Rows that gather organisations (`role`, `region`) sum over them, each weighed
    by its count; `max_person_hours` and `load` always concern the single most loaded person.
    """

    key: str
    """Organisation id, `organisation/role+role` for a person, role id or region id."""
    name: str
    organisation: str | None
    """The organisation of a municipality or person row."""
    roles: tuple[str, ...]
    """The roles the person holds; the role of a role row; empty otherwise."""
    organisations: int
    persons: int
    """Persons with any load: per organisation, or summed over organisations."""
    networks: int
    """Distinct networks reaching the row's organisations (for persons: targeting them)."""
    meetings_per_year: float
    hours_per_year: float
    areas: int
    """Distinct mandate areas of those networks."""
    funding_lines: int
    """Distinct (source, scheme) funding lines of those networks."""
    reporting_lines: int
    """Distinct bodies those networks report to, directly or through their funding."""
    max_person_hours: float
    """Hours a year of the most loaded person (for role rows: of a person holding the role)."""
    load: float | None
    """max_person_hours / capacity, 3 decimals; None when no capacity is set."""
    over_capacity: int
    """Persons whose hours exceed the capacity."""
    estimated: bool
    """Some contributing target's cadence is an estimate."""
    network_ids: tuple[str, ...]


@dataclass(frozen=True)
class SizeClassRow:
    """Municipalities of one size class; means are over every municipality in scope."""

    size_class: str
    municipalities: int
    """Municipalities in scope in this class (aggregates counted as `count`)."""
    reached: int
    """Of those, reached by at least one network."""
    networks_mean: float
    hours_mean: float
    """Mean hours a year networks ask of one municipality."""
    person_hours_mean: float
    """Mean hours a year of each municipality's most loaded person."""
    max_person_hours: float
    persons_over_capacity: int
    estimated: bool
    countries: tuple[str, ...] = ()
    """Countries of the municipalities in this class."""
    aggregate_records: int = 0
    """Records in this class that stand for many municipalities (`count` > 1)."""


@dataclass(frozen=True)
class BurdenResult:
    as_of: date | None
    filters: Filters
    by: str
    rows: tuple[BurdenRow, ...]
    """Sorted by hours a year (highest first), then key; empty for `by="size-class"`."""
    size_classes: tuple[SizeClassRow, ...]
    """Always present, smallest class first."""
    capacity_hours_per_year: float
    assumptions: tuple[str, ...]
    """Ids of the assumptions behind the numbers: cadence estimates, staffing, capacity."""


def size_class(actor: Actor) -> str:
    """The size class of one organisation of `actor` (population / count)."""
    if actor.population is None:
        return UNKNOWN_SIZE
    size = actor.population / max(actor.count, 1)
    for bound, label in SIZE_CLASSES:
        if bound is None or size < bound:
            return label
    return UNKNOWN_SIZE


@dataclass
class _Person:
    org: str
    roles: tuple[str, ...]
    load: dict[str, list[float]]  # network id -> [meetings, hours, estimated (0/1)]


def burden(dataset: Dataset, as_of: date | None, *, by: str = "municipality",
           country: str | None = None, region: str | None = None, area: str | None = None,
           role: str | None = None, top: int | None = None, capacity: float | None = None,
           staffing: Staffing | None = None) -> BurdenResult:
    """The burden view `by`, plus the size-class summary, for networks active on `as_of`.

    `capacity` and `staffing` override the data set's assumptions (for what-if questions).
    """
    return burden_views(dataset, as_of, (by,), country=country, region=region, area=area,
                        role=role, top=top, capacity=capacity, staffing=staffing)[0]


def burden_views(dataset: Dataset, as_of: date | None, views: tuple[str, ...], *,
                 country: str | None = None, region: str | None = None,
                 area: str | None = None, role: str | None = None, top: int | None = None,
                 capacity: float | None = None, staffing: Staffing | None = None
                 ) -> tuple[BurdenResult, ...]:
    """Several views of one computation, each as `burden(by=view)` gives it: the report shows
    municipalities and persons, and every view rests on the same person and organisation rows."""
    for by in views:
        if by not in BY:
            raise ValueError(f"by must be one of {', '.join(BY)}")
    filters = Filters(country=country, region=region, area=area, role=role, top=top)
    staffing = staffing if staffing is not None else dataset.staffing
    cap = capacity if capacity is not None else (staffing.capacity_hours_per_year
                                                 if staffing else 0.0)
    networks = {n.id: n for n in networks_in_scope(dataset, as_of, filters)
                if role is None or role in n.roles}
    org_networks, persons = _accumulate(dataset, networks, as_of, filters, staffing)
    person_rows = {key: _person_row(dataset, networks, p, cap) for key, p in persons.items()}
    persons_of: dict[str, list[BurdenRow]] = defaultdict(list)
    for (org, _group), row in person_rows.items():
        persons_of[org].append(row)
    org_rows = {org: _org_row(dataset, networks, org, nets, persons_of[org], cap)
                for org, nets in org_networks.items()}
    used = {t.estimate for n in networks.values() for t in n.targets
            if t.estimate and (role is None or t.role == role)}
    if staffing is not None:
        used.add(staffing.assumption)
        if staffing.capacity_assumption and capacity is None:
            used.add(staffing.capacity_assumption)
    size_classes = _size_classes(dataset, as_of, filters, org_rows)
    results = []
    for by in views:
        if by == "municipality":
            rows = list(org_rows.values())
        elif by == "person":
            rows = list(person_rows.values())
        elif by == "role":
            rows = _role_rows(dataset, networks, persons, person_rows, cap, role)
        elif by == "region":
            rows = _region_rows(dataset, networks, org_rows, cap)
        else:
            rows = []
        rows.sort(key=lambda r: (-r.hours_per_year, r.key))
        results.append(BurdenResult(
            as_of=as_of, filters=filters, by=by, rows=take(tuple(rows), top),
            size_classes=size_classes, capacity_hours_per_year=cap,
            assumptions=tuple(sorted(used))))
    return tuple(results)


def _accumulate(dataset: Dataset, networks: dict[str, Network], as_of: date | None,
                filters: Filters, staffing: Staffing | None
                ) -> tuple[dict[str, set[str]], dict[tuple[str, tuple[str, ...]], _Person]]:
    org_networks: dict[str, set[str]] = defaultdict(set)
    persons: dict[tuple[str, tuple[str, ...]], _Person] = {}
    holder_cache: dict[str, dict[str, tuple[str, ...]]] = {}
    scope = organisations_in_scope(dataset, as_of, filters)
    for network in networks.values():
        targets = [t for t in network.targets if filters.role is None or t.role == filters.role]
        for org in members(network, scope):
            org_networks[org].add(network.id)
            if org not in holder_cache:
                holder_cache[org] = holders(persons_for(dataset.actors[org], staffing))
            held = holder_cache[org]
            for target in targets:
                group = held.get(target.role, (target.role,))
                person = persons.get((org, group))
                if person is None:
                    person = persons[(org, group)] = _Person(org, group, {})
                entry = person.load.setdefault(network.id, [0.0, 0.0, 0.0])
                entry[0] += target.meetings_per_year
                entry[1] += target.hours_per_year
                entry[2] = max(entry[2], 1.0 if target.estimate else 0.0)
    return org_networks, persons


def _lines(networks: dict[str, Network], ids: Iterable[str]) -> tuple[int, int, int]:
    """Distinct areas, funding lines and reporting lines of the networks `ids`."""
    areas: set[str] = set()
    funding: set[tuple[str, str]] = set()
    reporting: set[str] = set()
    for ident in ids:
        network = networks[ident]
        areas.update(network.areas)
        funding |= funding_lines(network)
        reporting |= reporting_lines(network)
    return len(areas), len(funding), len(reporting)


def _load(hours: float, cap: float) -> float | None:
    return round(hours / cap, 3) if cap > 0 else None


def _person_row(dataset: Dataset, networks: dict[str, Network], person: _Person,
                cap: float) -> BurdenRow:
    actor = dataset.actors[person.org]
    hours = sum(v[1] for v in person.load.values())
    areas, funding, reporting = _lines(networks, person.load)
    return BurdenRow(
        key=f"{person.org}/{'+'.join(person.roles)}", name=actor.short_name or actor.name,
        organisation=person.org, roles=person.roles, organisations=actor.count, persons=1,
        networks=len(person.load), meetings_per_year=sum(v[0] for v in person.load.values()),
        hours_per_year=hours, areas=areas, funding_lines=funding, reporting_lines=reporting,
        max_person_hours=hours, load=_load(hours, cap),
        over_capacity=int(cap > 0 and hours > cap),
        estimated=any(v[2] for v in person.load.values()),
        network_ids=tuple(sorted(person.load)))


def _org_row(dataset: Dataset, networks: dict[str, Network], org: str, nets: set[str],
             person_rows: list[BurdenRow], cap: float) -> BurdenRow:
    actor = dataset.actors[org]
    areas, funding, reporting = _lines(networks, nets)
    top_hours = max((p.hours_per_year for p in person_rows), default=0.0)
    return BurdenRow(
        key=org, name=actor.short_name or actor.name, organisation=org, roles=(),
        organisations=actor.count, persons=len(person_rows), networks=len(nets),
        meetings_per_year=sum(p.meetings_per_year for p in person_rows),
        hours_per_year=sum(p.hours_per_year for p in person_rows), areas=areas,
        funding_lines=funding, reporting_lines=reporting, max_person_hours=top_hours,
        load=_load(top_hours, cap), over_capacity=sum(p.over_capacity for p in person_rows),
        estimated=any(p.estimated for p in person_rows), network_ids=tuple(sorted(nets)))


def _role_rows(dataset: Dataset, networks: dict[str, Network],
               persons: dict[tuple[str, tuple[str, ...]], _Person],
               person_rows: dict[tuple[str, tuple[str, ...]], BurdenRow], cap: float,
               only: str | None) -> list[BurdenRow]:
    rows = []
    by_role: dict[str, list[tuple[_Person, BurdenRow]]] = defaultdict(list)
    for key, person in persons.items():
        for role_id in person.roles:
            by_role[role_id].append((person, person_rows[key]))
    for role_id, role_holders in sorted(by_role.items()):
        nets: set[str] = set()
        meetings = hours = 0.0
        estimated = False
        orgs = 0
        for person, _row in role_holders:
            weight = dataset.actors[person.org].count
            role_load = [(n, t) for n in person.load for t in networks[n].targets
                         if t.role == role_id]
            if not role_load:
                continue
            orgs += weight
            nets.update(n for n, _ in role_load)
            meetings += weight * sum(t.meetings_per_year for _, t in role_load)
            hours += weight * sum(t.hours_per_year for _, t in role_load)
            estimated = estimated or any(t.estimate for _, t in role_load)
        if not orgs or (only is not None and role_id != only):
            continue
        areas, funding, reporting = _lines(networks, nets)
        holder_rows = [r for _, r in role_holders]
        top_hours = max(r.hours_per_year for r in holder_rows)
        role = dataset.roles.get(role_id)
        rows.append(BurdenRow(
            key=role_id, name=role.label() if role else role_id, organisation=None,
            roles=(role_id,), organisations=orgs, persons=orgs, networks=len(nets),
            meetings_per_year=meetings, hours_per_year=hours, areas=areas,
            funding_lines=funding, reporting_lines=reporting, max_person_hours=top_hours,
            load=_load(top_hours, cap),
            over_capacity=sum(r.over_capacity * r.organisations for r in holder_rows),
            estimated=estimated, network_ids=tuple(sorted(nets))))
    return rows


def _region_rows(dataset: Dataset, networks: dict[str, Network], org_rows: dict[str, BurdenRow],
                 cap: float) -> list[BurdenRow]:
    by_region: dict[str, list[BurdenRow]] = defaultdict(list)
    for org, row in org_rows.items():
        by_region[region_of(dataset.actors[org])].append(row)
    rows = []
    for key, group in sorted(by_region.items()):
        nets = {n for r in group for n in r.network_ids}
        areas, funding, reporting = _lines(networks, nets)
        top_hours = max(r.max_person_hours for r in group)
        rows.append(BurdenRow(
            key=key, name=region_name(dataset, key), organisation=None, roles=(),
            organisations=sum(r.organisations for r in group),
            persons=sum(r.persons * r.organisations for r in group), networks=len(nets),
            meetings_per_year=sum(r.meetings_per_year * r.organisations for r in group),
            hours_per_year=sum(r.hours_per_year * r.organisations for r in group),
            areas=areas, funding_lines=funding, reporting_lines=reporting,
            max_person_hours=top_hours, load=_load(top_hours, cap),
            over_capacity=sum(r.over_capacity * r.organisations for r in group),
            estimated=any(r.estimated for r in group), network_ids=tuple(sorted(nets))))
    return rows


def _size_classes(dataset: Dataset, as_of: date | None, filters: Filters,
                  org_rows: dict[str, BurdenRow]) -> tuple[SizeClassRow, ...]:
    labels = [label for _, label in SIZE_CLASSES] + [UNKNOWN_SIZE]
    groups: dict[str, list[Actor]] = {label: [] for label in labels}
    for actor in dataset.actors.values():
        if actor.kind == "municipality" and organisation_in_scope(actor, as_of, filters):
            groups[size_class(actor)].append(actor)
    rows = []
    for label in labels:
        actors = groups[label]
        if not actors and label == UNKNOWN_SIZE:
            continue
        total = sum(a.count for a in actors)
        reached = [(a, org_rows[a.id]) for a in actors if a.id in org_rows]

        def mean(values: Iterable[float], total: int = total) -> float:
            return round(sum(values) / total, 1) if total else 0.0

        rows.append(SizeClassRow(
            size_class=label, municipalities=total, reached=sum(a.count for a, _ in reached),
            networks_mean=mean(a.count * r.networks for a, r in reached),
            hours_mean=mean(a.count * r.hours_per_year for a, r in reached),
            person_hours_mean=mean(a.count * r.max_person_hours for a, r in reached),
            max_person_hours=max((r.max_person_hours for _, r in reached), default=0.0),
            persons_over_capacity=sum(a.count * r.over_capacity for a, r in reached),
            estimated=any(r.estimated for _, r in reached),
            countries=tuple(sorted({a.country for a in actors})),
            aggregate_records=sum(1 for a in actors if a.count > 1)))
    return tuple(rows)


__all__ = ["BY", "SIZE_CLASSES", "BurdenResult", "BurdenRow", "SizeClassRow", "burden",
           "burden_views", "persons_for", "size_class"]
