"""Coordination burden: how much time networks ask of each organisation and each person in it
(finding F1 of the evaluation, seed 004: the same person is the target of several networks and
has not the capacity to receive it all).

Every target of a network is its own meeting series. Whom it asks decides who bears it:
- `asks: member` (the default): one person in every member organisation bears
  `meetings × hours`;
- `asks: seats`: N persons shared by the R organisations reached; each organisation bears the
  expected share N/R, with the range 0 (it holds no seat) to the full series;
- `asks: network`: a post the network holds itself asks no time of members: it is a resource,
  counted in `network_posts`, never as burden.
Documented participation ("40 of 43 take part") scales each member's series the same way: the
expected share, with the range from 0 to all. A network whose cadence for a role is unknown, or
that names no target role at all, adds an *unknown* part: never 0 hours.

Roles are merged into persons by the staffing assumption (`persons_for`), and a person's load
is their hours against the coordination capacity of one person. Every figure is a `Span`:
central value, low and high (from the assumptions' ranges, the staffing thresholds' ranges and
the shares), whether it rests on estimates, and how many parts are unknown.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from ehelse_map.analyses import span as sp
from ehelse_map.analyses.common import funding_lines, region_name, region_of, reporting_lines, take
from ehelse_map.analyses.span import Span
from ehelse_map.analyses.staffing import holders, persons_for
from ehelse_map.model.records import (
    ASKS_NETWORK,
    ASKS_SEATS,
    Actor,
    Dataset,
    Network,
    Staffing,
    Target,
)
from ehelse_map.model.scope import (
    Filters,
    active,
    members,
    networks_in_scope,
    organisation_in_scope,
    organisations_in_scope,
    reached_as,
)

BY = ("municipality", "person", "role", "region", "size-class")
"""The views of `burden`: one row per organisation, person, role, region or size class."""

SIZE_CLASSES: tuple[tuple[int | None, str], ...] = (
    (5_000, "<5k"), (20_000, "5k–20k"), (50_000, "20k–50k"), (None, "≥50k"))
"""(upper bound exclusive, label): a municipality of 5,000 inhabitants is in `5k–20k`."""
UNKNOWN_SIZE = "unknown"
#: The ends of the staffing thresholds' ranges that groupings are computed at.
ENDS = ("value", "low", "high")


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
    meetings_per_year: Span
    hours_per_year: Span
    areas: int
    """Distinct mandate areas of those networks."""
    funding_lines: int
    """Distinct funding lines (source, scheme, grant) of those networks active then."""
    reporting_lines: int
    """Distinct bodies those networks report to, directly or through their funding."""
    max_person_hours: Span
    """Hours a year of the most loaded person (for role rows: of a person holding the role)."""
    load: Span | None
    """max_person_hours / capacity; None when no capacity is set."""
    over_capacity: Span
    """Persons whose hours exceed the capacity (a count, with its range)."""
    estimated: bool
    """Some contributing figure is an estimate."""
    network_ids: tuple[str, ...]
    unknown_networks: tuple[str, ...] = ()
    """Networks reaching the row whose hours are unknown (no cadence, or no target role)."""
    shared: tuple[str, ...] = ()
    """Networks whose time is shared (seats, partial participation): expected shares."""
    rests_on: tuple[str, ...] = ()
    """Assumption ids the row's figures depend on."""
    inferred: tuple[str, ...] = ()
    """Networks reaching the row whose records are partly inferred."""


@dataclass(frozen=True)
class SizeClassRow:
    """Municipalities of one size class; means are over every municipality in scope."""

    size_class: str
    municipalities: int
    """Municipalities in scope in this class (aggregates counted as `count`)."""
    reached: int
    """Of those, reached by at least one network."""
    networks_mean: float
    hours_mean: Span
    """Mean hours a year networks ask of one municipality."""
    person_hours_mean: Span
    """Mean hours a year of each municipality's most loaded person."""
    max_person_hours: Span
    persons_over_capacity: Span
    estimated: bool
    countries: tuple[str, ...] = ()
    """Countries of the municipalities in this class."""
    aggregate_records: int = 0
    """Records in this class that stand for many municipalities (`count` > 1)."""
    hours_unknown: int = 0
    """Municipalities reached whose hours are not all known."""


@dataclass(frozen=True)
class NetworkPost:
    """A post a network holds itself (`asks: network`): a resource, not a burden."""

    network: str
    role: str
    meetings_per_year: Span
    hours_per_year: Span


@dataclass(frozen=True)
class BurdenResult:
    as_of: date | None
    filters: Filters
    by: str
    rows: tuple[BurdenRow, ...]
    """Sorted by hours a year (highest first; unknown last), then key; empty for size-class."""
    size_classes: tuple[SizeClassRow, ...]
    """Always present, smallest class first."""
    capacity_hours_per_year: Span | None
    assumptions: tuple[str, ...]
    """Ids of the assumptions behind the numbers: cadence estimates, staffing, capacity."""
    total_rows: int = 0
    """Rows before `top`."""
    network_posts: tuple[NetworkPost, ...] = ()
    hours_known_networks: int = 0
    """Networks in scope with every targeted role's hours known."""
    networks_in_scope: int = 0
    from_findings: tuple[str, ...] = field(default=())
    """Findings of the evaluation that assumptions behind these figures were taken from."""


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
class _Org:
    """What networks ask of one organisation, role by role."""

    networks: set[str] = field(default_factory=set)
    meetings: dict[str, list[Span]] = field(default_factory=lambda: defaultdict(list))
    hours: dict[str, list[Span]] = field(default_factory=lambda: defaultdict(list))
    by_role: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    unknown: set[str] = field(default_factory=set)
    shared: set[str] = field(default_factory=set)
    rests_on: set[str] = field(default_factory=set)


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
    cap = _capacity(staffing, capacity)
    networks = {n.id: n for n in networks_in_scope(dataset, as_of, filters)}
    orgs, posts = _accumulate(dataset, networks, as_of, filters)
    context = _Context(dataset, networks, staffing, cap, as_of)
    person_rows: dict[tuple[str, tuple[str, ...]], BurdenRow] = {}
    org_rows: dict[str, BurdenRow] = {}
    for org_id, org in orgs.items():
        persons = context.persons(org_id, org)
        for group, row in persons.items():
            person_rows[(org_id, group)] = row
        org_rows[org_id] = context.org_row(org_id, org, list(persons.values()))
    used = set().union(*(o.rests_on for o in orgs.values())) if orgs else set()
    if staffing is not None:
        used.add(staffing.assumption)
        if staffing.capacity_assumption and capacity is None:
            used.add(staffing.capacity_assumption)
    used = {a for a in used if a}
    size_classes = _size_classes(dataset, as_of, filters, org_rows)
    known = sum(1 for n in networks.values() if _hours_known(n, filters))
    findings = tuple(sorted({f for a in used if a in dataset.assumptions
                             for f in dataset.assumptions[a].from_findings}))
    results = []
    for by in views:
        if by == "municipality":
            rows = list(org_rows.values())
        elif by == "person":
            rows = list(person_rows.values())
        elif by == "role":
            rows = _role_rows(context, orgs, person_rows, role)
        elif by == "region":
            rows = _region_rows(context, org_rows)
        else:
            rows = []
        rows.sort(key=_order)
        results.append(BurdenResult(
            as_of=as_of, filters=filters, by=by, rows=take(tuple(rows), top),
            size_classes=size_classes, capacity_hours_per_year=cap,
            assumptions=tuple(sorted(used)), total_rows=len(rows),
            network_posts=tuple(posts), hours_known_networks=known,
            networks_in_scope=len(networks), from_findings=findings))
    return tuple(results)


@dataclass(frozen=True)
class Series:
    """One meeting series a network asks of one organisation, as burden counts it: a target's
    meetings and hours a year after seats and participation (`share`, the expected part of the
    series the organisation bears: 1 for a member asked in full)."""

    network: str
    role: str
    meetings_per_year: Span
    hours_per_year: Span
    share: Span
    via: str
    """The record through which the network reaches the organisation: the organisation
    itself, or an aggregate it belongs to (`scope.reached_as`)."""


@dataclass(frozen=True)
class OrganisationBurden:
    """The burden on one organisation: its row, its persons' rows and every series behind
    them. The rows are those `burden` gives the organisation (for an organisation reached only
    through an aggregate, the rows it would have with the aggregate's networks)."""

    organisation: str
    row: BurdenRow | None
    """None when no network reaches it (or it is not active on the day)."""
    persons: tuple[BurdenRow, ...]
    """Most hours first."""
    series: tuple[Series, ...]
    """By network, then role, in the order of the network's targets."""
    not_taking_part: tuple[str, ...]
    """Networks reaching it whose documented participation leaves it out."""
    capacity_hours_per_year: Span | None
    assumptions: tuple[str, ...]


def organisation_burden(dataset: Dataset, as_of: date | None, organisation: str, *,
                        capacity: float | None = None, staffing: Staffing | None = None
                        ) -> OrganisationBurden:
    """What the networks active on `as_of` ask of `organisation` (an actor id), reached
    directly or through an aggregate it belongs to, by the rules of `burden`."""
    staffing = staffing if staffing is not None else dataset.staffing
    cap = _capacity(staffing, capacity)
    actor = dataset.actors[organisation]
    through = reached_as(dataset, organisation)
    networks = ({n.id: n for n in networks_in_scope(dataset, as_of, Filters(
        organisation=organisation))} if active(actor, as_of) else {})
    org = _Org()
    series: list[Series] = []
    absent = []
    for network in networks.values():
        via = next(r for r in through if r in network.coverage.members)
        reach = reach_of(dataset, network)
        share = _share(network, via, reach, as_of)
        if share is None:
            absent.append(network.id)
            continue
        asking = [t for t in network.targets if t.asks != ASKS_NETWORK]
        added = _add(org, network.id, [(t, _series(t, reach)) for t in asking], share,
                     _assumptions(network, asking, as_of), bool(network.targets))
        series += [Series(network.id, t.role, meetings, hours, share, via)
                   for t, meetings, hours in added]
    context = _Context(dataset, networks, staffing, cap, as_of)
    persons = context.persons(organisation, org) if org.networks else {}
    row = context.org_row(organisation, org, list(persons.values())) if org.networks else None
    used = set(row.rests_on) if row is not None else set()
    return OrganisationBurden(
        organisation=organisation, row=row,
        persons=tuple(sorted(persons.values(), key=_order)), series=tuple(series),
        not_taking_part=tuple(absent), capacity_hours_per_year=cap,
        assumptions=tuple(sorted(a for a in used if a)))


def _order(row: BurdenRow) -> tuple[int, float, str]:
    value = row.hours_per_year.value
    return (value is None, -(value or 0.0), row.key)


def _capacity(staffing: Staffing | None, capacity: float | None) -> Span | None:
    if capacity is not None:
        return sp.exact(capacity) if capacity > 0 else None
    if staffing is None or not staffing.capacity.known or not staffing.capacity_hours_per_year:
        return None
    return sp.of(staffing.capacity)


def _hours_known(network: Network, filters: Filters) -> bool:
    targets = [t for t in network.targets if filters.role is None or t.role == filters.role]
    return bool(targets) and all(t.hours_per_year is not None for t in targets
                                 if t.asks != ASKS_NETWORK)


def _share(network: Network, org: str, reach: int, as_of: date | None) -> Span | None:
    """The expected share of the network's time this organisation bears through documented
    participation: None when it does not take part (a documented list without it)."""
    part = network.participation_on(as_of)
    if part is None:
        return sp.exact(1.0)
    if part.members:
        return sp.exact(1.0) if org in part.members else None
    if part.count is None:
        return sp.exact(1.0)
    return sp.share(part.count, part.of or reach)


def _accumulate(dataset: Dataset, networks: dict[str, Network], as_of: date | None,
                filters: Filters) -> tuple[dict[str, _Org], list[NetworkPost]]:
    orgs: dict[str, _Org] = defaultdict(_Org)
    posts: list[NetworkPost] = []
    scope = organisations_in_scope(dataset, as_of, filters)
    for network in networks.values():
        targets = [t for t in network.targets if filters.role is None or t.role == filters.role]
        asking = [t for t in targets if t.asks != ASKS_NETWORK]
        posts += [NetworkPost(network.id, t.role, sp.of(t.meetings), _hours(t))
                  for t in targets if t.asks == ASKS_NETWORK]
        reached = members(network, scope)
        if not reached:
            continue
        reach = sum(dataset.actors[m].count for m in network.coverage.members
                    if m in dataset.actors) or len(reached)
        parts = [(t, _series(t, reach)) for t in asking]
        assumptions = _assumptions(network, asking, as_of)
        for org_id in reached:
            share = _share(network, org_id, reach, as_of)
            if share is not None:  # None: documented not to take part
                _add(orgs[org_id], network.id, parts, share, assumptions, bool(targets))
    return orgs, posts


def _assumptions(network: Network, asking: list[Target], as_of: date | None) -> set[str]:
    """The assumptions what `network` asks rests on: its estimated cadences, and the estimate
    behind its participation on the day."""
    found = {a for t in asking for a in t.assumptions}
    participation = network.participation_on(as_of)
    if participation is not None and participation.estimate:
        found.add(participation.estimate)
    return found


def _add(org: _Org, network: str, parts: list[tuple[Target, tuple[Span, Span]]], share: Span,
         assumptions: set[str], named: bool) -> list[tuple[Target, Span, Span]]:
    """Add what `network` asks of one organisation (its series `parts`, times the expected
    `share` it bears) to `org`; returns each target's meetings and hours as added. `named`:
    the network names target roles (when all of them are posts it holds, it asks nothing)."""
    org.networks.add(network)
    if not parts:
        if not named:
            org.unknown.add(network)  # reaches it, asks whom and how much: unknown
        return []
    org.rests_on |= assumptions
    if share.value != 1.0 or any(t.asks == ASKS_SEATS for t, _ in parts):
        org.shared.add(network)
    added = []
    for target, (meetings, hours) in parts:
        borne = sp.times(meetings, share), sp.times(hours, share)
        org.by_role[target.role].add(network)
        org.meetings[target.role].append(borne[0])
        org.hours[target.role].append(borne[1])
        if hours.value is None:
            org.unknown.add(network)
        added.append((target, *borne))
    return added


def _hours(target: Target) -> Span:
    return sp.product(target.meetings, target.hours)


def _series(target: Target, reach: int) -> tuple[Span, Span]:
    """(meetings, hours) a year one member bears for this target, before participation."""
    meetings, hours = sp.of(target.meetings), _hours(target)
    if target.asks == ASKS_SEATS and target.seats:
        seats = sp.share(target.seats, reach)
        meetings, hours = sp.times(meetings, seats), sp.times(hours, seats)
    return meetings, hours


def reach_of(dataset: Dataset, network: Network) -> int:
    """Organisations the network reaches in all (aggregates weighed by count): what seats and
    participation counts are shares of."""
    return sum(dataset.actors[m].count for m in network.coverage.members
               if m in dataset.actors) or network.coverage.count or 0


def asked_of_member(dataset: Dataset, network: Network, as_of: date | None) -> Span:
    """Hours a year the network asks of one member organisation before participation, summed
    over its targets by the rules above (unknown parts counted, posts it holds left out)."""
    reach = reach_of(dataset, network)
    asking = [t for t in network.targets if t.asks != ASKS_NETWORK]
    if not asking:
        return sp.UNKNOWN
    return sp.total(_series(t, reach)[1] for t in asking)


def participation_share(dataset: Dataset, network: Network, org: str,
                        as_of: date | None) -> Span | None:
    """The expected share of the network's series this organisation bears through documented
    participation; None when it is documented not to take part."""
    return _share(network, org, reach_of(dataset, network), as_of)


def _lines(networks: dict[str, Network], ids: Iterable[str],
           as_of: date | None) -> tuple[int, int, int]:
    """Distinct areas, funding lines and reporting lines of the networks `ids`."""
    areas: set[str] = set()
    funding: set[tuple[str, str, str]] = set()
    reporting: set[tuple[str, str]] = set()
    for ident in ids:
        network = networks[ident]
        areas.update(network.areas)
        funding |= funding_lines(network, as_of)
        reporting |= reporting_lines(network, as_of)
    return len(areas), len(funding), len(reporting)


class _Context:
    """What turning accumulated loads into rows needs: capacity, staffing, the networks."""

    def __init__(self, dataset: Dataset, networks: dict[str, Network],
                 staffing: Staffing | None, cap: Span | None, as_of: date | None) -> None:
        self.dataset = dataset
        self.networks = networks
        self.staffing = staffing
        self.cap = cap
        self.as_of = as_of

    def load(self, hours: Span) -> Span | None:
        cap = self.cap
        if cap is None or hours.value is None or not cap.value:
            return None
        low_cap = cap.low if cap.low else cap.value
        high_cap = cap.high if cap.high else cap.value
        return Span(round(hours.value / cap.value, 3),
                    round((hours.low if hours.low is not None else hours.value) / high_cap, 3),
                    round((hours.high if hours.high is not None else hours.value) / low_cap, 3),
                    hours.estimated or cap.estimated, hours.unknown)

    def over(self, hours: Span) -> Span:
        """1 when the hours exceed the capacity: 0–1 where the ranges leave it open."""
        cap = self.cap
        if cap is None or hours.value is None or cap.value is None:
            return sp.ZERO
        central = float(hours.value > cap.value)
        low = float((hours.low if hours.low is not None else hours.value)
                    > (cap.high if cap.high is not None else cap.value))
        high = float((hours.high if hours.high is not None else hours.value)
                     > (cap.low if cap.low is not None else cap.value))
        return Span(central, low, high, hours.estimated or cap.estimated)

    def groupings(self, org_id: str) -> dict[str, dict[str, tuple[str, ...]]]:
        """Role -> its holders' group, at each end of the staffing thresholds' ranges."""
        actor = self.dataset.actors[org_id]
        return {end: holders(persons_for(actor, self.staffing, end)) for end in ENDS}

    def persons(self, org_id: str, org: _Org) -> dict[tuple[str, ...], BurdenRow]:
        """The persons of the central grouping, with their loads' ranges."""
        held = holders(persons_for(self.dataset.actors[org_id], self.staffing))
        groups: dict[tuple[str, ...], list[str]] = defaultdict(list)
        for role in org.hours:
            groups[held.get(role, (role,))].append(role)
        return {group: self._person_row(org_id, org, group, roles)
                for group, roles in groups.items()}

    def _person_row(self, org_id: str, org: _Org, group: tuple[str, ...],
                    roles: list[str]) -> BurdenRow:
        actor = self.dataset.actors[org_id]
        nets = set().union(*(org.by_role[r] for r in roles))
        hours = sp.total(h for r in roles for h in org.hours[r])
        meetings = sp.total(m for r in roles for m in org.meetings[r])
        areas, funding, reporting = _lines(self.networks, nets, self.as_of)
        rests = self._rests_on(org, nets, person=True)
        return BurdenRow(
            key=f"{org_id}/{'+'.join(group)}", name=actor.short_name or actor.name,
            organisation=org_id, roles=group, organisations=actor.count, persons=1,
            networks=len(nets), meetings_per_year=meetings, hours_per_year=hours,
            areas=areas, funding_lines=funding, reporting_lines=reporting,
            max_person_hours=hours, load=self.load(hours), over_capacity=self.over(hours),
            estimated=hours.estimated, network_ids=tuple(sorted(nets)),
            unknown_networks=tuple(sorted(org.unknown & nets)),
            shared=tuple(sorted(org.shared & nets)), rests_on=rests,
            inferred=self._inferred(nets))

    def _rests_on(self, org: _Org, nets: set[str], person: bool) -> tuple[str, ...]:
        used: set[str] = set()
        for ident in nets:
            for target in self.networks[ident].targets:
                used.update(target.assumptions)
            participation = self.networks[ident].participation_on(self.as_of)
            if participation is not None and participation.estimate:
                used.add(participation.estimate)
        if self.staffing is not None:
            used.add(self.staffing.assumption)
            if self.cap is not None and self.staffing.capacity_assumption:
                used.add(self.staffing.capacity_assumption)
        return tuple(sorted(u for u in used if u))

    def _inferred(self, nets: Iterable[str]) -> tuple[str, ...]:
        return tuple(sorted(n for n in nets if self.networks[n].inferred
                            or self.networks[n].coverage.inferred))

    def org_row(self, org_id: str, org: _Org, persons: list[BurdenRow]) -> BurdenRow:
        actor = self.dataset.actors[org_id]
        areas, funding, reporting = _lines(self.networks, org.networks, self.as_of)
        hours = sp.total([p.hours_per_year for p in persons]
                         + [sp.UNKNOWN for _ in org.unknown - set().union(
                             *(set(p.network_ids) for p in persons))])
        top, over = self._most_loaded(org_id, org, persons)
        return BurdenRow(
            key=org_id, name=actor.short_name or actor.name, organisation=org_id, roles=(),
            organisations=actor.count, persons=len(persons), networks=len(org.networks),
            meetings_per_year=sp.total(p.meetings_per_year for p in persons),
            hours_per_year=hours, areas=areas, funding_lines=funding,
            reporting_lines=reporting, max_person_hours=top, load=self.load(top),
            over_capacity=over, estimated=hours.estimated or top.estimated,
            network_ids=tuple(sorted(org.networks)),
            unknown_networks=tuple(sorted(org.unknown)), shared=tuple(sorted(org.shared)),
            rests_on=self._rests_on(org, org.networks, person=False),
            inferred=self._inferred(org.networks))

    def _most_loaded(self, org_id: str, org: _Org,
                     persons: list[BurdenRow]) -> tuple[Span, Span]:
        """The most loaded person's hours and the persons over capacity, with ranges that
        also cover the staffing thresholds' ranges (other groupings of roles into persons)."""
        central = sp.largest(p.hours_per_year for p in persons)
        over = sp.total(p.over_capacity for p in persons) if persons else sp.ZERO
        if central.value is None:
            return central, over
        lows, highs = [central.low], [central.high]
        over_lows, over_highs = [over.low], [over.high]
        for end, held in self.groupings(org_id).items():
            if end == "value":
                continue
            groups: dict[tuple[str, ...], list[Span]] = defaultdict(list)
            for role, hours in org.hours.items():
                groups[held.get(role, (role,))].extend(hours)
            loads = [sp.total(h) for h in groups.values()]
            top = sp.largest(loads)
            lows.append(top.low)
            highs.append(top.high)
            counts = sp.total(self.over(h) for h in loads)
            over_lows.append(counts.low)
            over_highs.append(counts.high)
        low = min(x for x in lows if x is not None) if any(x is not None for x in lows) else None
        high = max(x for x in highs if x is not None) if any(
            x is not None for x in highs) else None
        over_low = min(x for x in over_lows if x is not None)
        over_high = max(x for x in over_highs if x is not None)
        return (Span(central.value, low, high, central.estimated, central.unknown),
                Span(over.value, over_low, over_high, over.estimated))


def _role_rows(context: _Context, orgs: dict[str, _Org],
               person_rows: dict[tuple[str, tuple[str, ...]], BurdenRow],
               only: str | None) -> list[BurdenRow]:
    dataset = context.dataset
    by_role: dict[str, list[tuple[str, BurdenRow]]] = defaultdict(list)
    for (org_id, group), row in person_rows.items():
        for role_id in group:
            by_role[role_id].append((org_id, row))
    rows = []
    for role_id, role_holders in sorted(by_role.items()):
        if only is not None and role_id != only:
            continue
        nets: set[str] = set()
        meetings: list[Span] = []
        hours: list[Span] = []
        orgs_count = 0
        for org_id, _row in role_holders:
            org = orgs[org_id]
            if role_id not in org.hours:
                continue
            weight = dataset.actors[org_id].count
            orgs_count += weight
            nets |= org.by_role[role_id]
            meetings.append(sp.total(org.meetings[role_id]).scaled(weight))
            hours.append(sp.total(org.hours[role_id]).scaled(weight))
        if not orgs_count:
            continue
        areas, funding, reporting = _lines(context.networks, nets, context.as_of)
        holder_rows = [r for _, r in role_holders]
        top = sp.largest(r.hours_per_year for r in holder_rows)
        role = dataset.roles.get(role_id)
        total_hours = sp.total(hours)
        rows.append(BurdenRow(
            key=role_id, name=role.label() if role else role_id, organisation=None,
            roles=(role_id,), organisations=orgs_count, persons=orgs_count, networks=len(nets),
            meetings_per_year=sp.total(meetings), hours_per_year=total_hours, areas=areas,
            funding_lines=funding, reporting_lines=reporting, max_person_hours=top,
            load=context.load(top),
            over_capacity=sp.total(r.over_capacity.scaled(r.organisations) for r in holder_rows),
            estimated=total_hours.estimated, network_ids=tuple(sorted(nets)),
            rests_on=tuple(sorted({a for r in holder_rows for a in r.rests_on})),
            inferred=context._inferred(nets)))
    return rows


def _region_rows(context: _Context, org_rows: dict[str, BurdenRow]) -> list[BurdenRow]:
    dataset = context.dataset
    by_region: dict[str, list[BurdenRow]] = defaultdict(list)
    for org, row in org_rows.items():
        by_region[region_of(dataset.actors[org])].append(row)
    rows = []
    for key, group in sorted(by_region.items()):
        nets = {n for r in group for n in r.network_ids}
        areas, funding, reporting = _lines(context.networks, nets, context.as_of)
        top = sp.largest(r.max_person_hours for r in group)
        hours = sp.total(r.hours_per_year.scaled(r.organisations) for r in group)
        rows.append(BurdenRow(
            key=key, name=region_name(dataset, key), organisation=None, roles=(),
            organisations=sum(r.organisations for r in group),
            persons=sum(r.persons * r.organisations for r in group), networks=len(nets),
            meetings_per_year=sp.total(r.meetings_per_year.scaled(r.organisations)
                                       for r in group),
            hours_per_year=hours, areas=areas, funding_lines=funding,
            reporting_lines=reporting, max_person_hours=top, load=context.load(top),
            over_capacity=sp.total(r.over_capacity.scaled(r.organisations) for r in group),
            estimated=hours.estimated, network_ids=tuple(sorted(nets)),
            unknown_networks=tuple(sorted({n for r in group for n in r.unknown_networks})),
            shared=tuple(sorted({n for r in group for n in r.shared})),
            rests_on=tuple(sorted({a for r in group for a in r.rests_on})),
            inferred=tuple(sorted({n for r in group for n in r.inferred}))))
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

        def mean(values: Iterable[Span], total: int = total) -> Span:
            parts = list(values)
            if not total or not parts:
                return Span(None, None, None)
            return sp.total(parts).scaled(1 / total).rounded(1)

        hours_mean = mean(r.hours_per_year.scaled(a.count) for a, r in reached)
        rows.append(SizeClassRow(
            size_class=label, municipalities=total, reached=sum(a.count for a, _ in reached),
            networks_mean=round(sum(a.count * r.networks for a, r in reached) / total, 1)
            if total else 0.0,
            hours_mean=hours_mean,
            person_hours_mean=mean(r.max_person_hours.scaled(a.count) for a, r in reached),
            max_person_hours=sp.largest(r.max_person_hours for _, r in reached),
            persons_over_capacity=sp.total(r.over_capacity.scaled(a.count)
                                           for a, r in reached) if reached else sp.ZERO,
            estimated=hours_mean.estimated,
            countries=tuple(sorted({a.country for a in actors})),
            aggregate_records=sum(1 for a in actors if a.count > 1),
            hours_unknown=sum(a.count for a, r in reached if r.hours_per_year.unknown)))
    return tuple(rows)


__all__ = ["BY", "SIZE_CLASSES", "BurdenResult", "BurdenRow", "NetworkPost",
           "OrganisationBurden", "Series", "SizeClassRow", "asked_of_member", "burden",
           "burden_views", "organisation_burden", "participation_share", "persons_for",
           "reach_of", "size_class"]
