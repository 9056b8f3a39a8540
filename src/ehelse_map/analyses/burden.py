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
that names no target role at all, adds an *unknown* part: never 0 hours. A merged network's
role (`whatif`, `recommend`) keeps, at each end of the ranges, the series the cadence rule
chooses at that end (`kept_at`), not the centre's choice at every end.

Survey answers come first (`analyses.evidence`): where an organisation's answer in force gives
the meetings or hours of a network's series for a role, they replace the target's (estimated)
figures for that organisation, and the share is 1 (it said it takes part); "takes part: no"
takes that series off the organisation. With the data set's survey rule, members that did not
answer get the rule's aggregate of the others' answers (basis `surveyed`). Rows say which
networks' hours are observed (`observed_networks`) or surveyed (`surveyed`); the result counts
the organisations whose hours are observed.

Roles are merged into persons by the staffing assumption (`persons_for`), and a person's load
is their hours against the coordination capacity of one person. Every figure is a `Span`:
central value, low and high (from the assumptions' ranges, the staffing thresholds' ranges and
the shares), whether it rests on estimates, and how many parts are unknown.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field, replace
from datetime import date
from typing import TypedDict

from ehelse_map.analyses.common import funding_lines, region_name, region_of, reporting_lines, take
from ehelse_map.analyses.evidence import Aggregate, Evidence
from ehelse_map.analyses.staffing import holders, persons_for
from ehelse_map.model import span as sp
from ehelse_map.model.records import (
    ASKS_NETWORK,
    ASKS_SEATS,
    TAKES_PART_NO,
    Actor,
    Dataset,
    Network,
    Observation,
    Quantity,
    Staffing,
    Target,
)
from ehelse_map.model.records import UNKNOWN as UNKNOWN_QUANTITY
from ehelse_map.model.scope import (
    Filters,
    active,
    members,
    networks_in_scope,
    organisation_in_scope,
    organisations_in_scope,
    reached_as,
)
from ehelse_map.model.span import Span
from ehelse_map.runtime import without_collections

BY = ("municipality", "person", "role", "region", "size-class")
"""The views of `burden`: one row per organisation, person, role, region or size class."""

SIZE_CLASSES: tuple[tuple[int | None, str], ...] = (
    (5_000, "<5k"), (20_000, "5k–20k"), (50_000, "20k–50k"), (None, "≥50k"))
"""(upper bound exclusive, label): a municipality of 5,000 inhabitants is in `5k–20k`."""
UNKNOWN_SIZE = "unknown"
#: The ends of the staffing thresholds' ranges that groupings are computed at.
ENDS = ("value", "low", "high")


@dataclass(frozen=True, slots=True)
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
    observed: bool = False
    """Some of the row's hours come from the organisations' own survey answers."""
    observed_networks: tuple[str, ...] = ()
    """Networks whose meetings or hours for the row come (at least in part) from answers,
    and networks the row's organisations answered they take no part in."""
    surveyed: tuple[str, ...] = ()
    """Networks whose figures for the row are the survey rule's aggregate of other members'
    answers (the row's organisations did not answer)."""
    lines_unknown: int = 0
    """Networks reaching the row whose funding is not documented: `funding_lines` and
    `reporting_lines` leave their lines out and are floors (never read as complete)."""


@dataclass(frozen=True, slots=True)
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
    observed: int = 0
    """Municipalities reached whose hours rest in part on their own survey answers."""


@dataclass(frozen=True, slots=True)
class NetworkPost:
    """A post a network holds itself (`asks: network`): a resource, not a burden."""

    network: str
    role: str
    meetings_per_year: Span
    hours_per_year: Span


@dataclass(frozen=True, slots=True)
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
    reached_organisations: int = 0
    """Organisations in scope that networks reach (aggregates counted as `count`)."""
    observed_organisations: int = 0
    """Of those, organisations whose hours rest in part on their own survey answers."""
    fully_observed_organisations: int = 0
    """Of those, organisations whose every known hour comes from their own answers."""
    observed_series: int = 0
    """Meeting series (organisation, network, role) whose figures come from answers."""
    surveyed_networks: tuple[str, ...] = ()
    """Networks whose figures for members that did not answer are the survey rule's."""
    survey_rule: str | None = None
    """The data set's survey rule (`median-N`), or None."""
    reached_are_municipalities: bool = True
    """Every organisation reached is a municipality (for the notes' wording)."""


def size_class(actor: Actor) -> str:
    """The size class of one organisation of `actor` (population / count)."""
    if actor.population is None:
        return UNKNOWN_SIZE
    size = actor.population / max(actor.count, 1)
    for bound, label in SIZE_CLASSES:
        if bound is None or size < bound:
            return label
    return UNKNOWN_SIZE


@dataclass(slots=True)
class _Org:
    """What networks ask of one organisation, role by role."""

    networks: set[str] = field(default_factory=set)
    meetings: dict[str, list[Span]] = field(default_factory=lambda: defaultdict(list))
    hours: dict[str, list[Span]] = field(default_factory=lambda: defaultdict(list))
    by_role: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    unknown: set[str] = field(default_factory=set)
    shared: set[str] = field(default_factory=set)
    rests_on: set[str] = field(default_factory=set)
    uses: dict[str, set[str]] = field(default_factory=dict)
    """Network -> assumptions its figures for this organisation rest on (all its targets')."""
    observed: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    """Role -> networks whose figures for it come from this organisation's answers."""
    surveyed: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    """Role -> networks whose figures for it are the survey rule's aggregate."""
    unobserved: int = 0
    """Series whose figures rest on something other than its own answers."""


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
    return _views(dataset, as_of, views, Filters(country=country, region=region, area=area,
                                                 role=role, top=top),
                  capacity, staffing, None)


@dataclass(frozen=True, slots=True)
class PersonHours:
    """One person's hours a year: the `key` and `hours_per_year` of their row in
    `burden(by="person")`, without the rest of the row."""

    key: str
    organisation: str
    hours: Span


def burden_and_person_hours(dataset: Dataset, as_of: date | None, *,
                            country: str | None = None, region: str | None = None,
                            rows: RowMemo | None = None
                            ) -> tuple[BurdenResult, tuple[PersonHours, ...]]:
    """`burden(by="municipality")`, and every person's hours: what the key figures need of
    the person view (its most loaded person), without building 43,000 person rows at ten
    times Nordic scale for one maximum. `rows`: see `RowMemo`."""
    hours: list[PersonHours] = []
    (orgs,) = _views(dataset, as_of, ("municipality",), Filters(country=country, region=region),
                     None, None, hours, rows)
    return orgs, tuple(hours)


class RowMemo:
    """The organisation rows of one `burden_and_person_hours`, for the next one over another
    version of the same data set: after a what-if scenario, or the newer side of a `diff`.

    The first computation given the memo records its rows; a later one takes over the row and
    the persons' hours of every organisation whose networks are equal to those it had (the
    same ids, every field but where the record stands), for the same date and scope, with
    equal actors, staffing and survey answers, since its row depends on nothing else; it works
    out the others. A scenario keeps the records it leaves alone as the very same objects, so
    most comparisons end at once; merging two networks of a county then costs the rows of
    that county's municipalities, not of every organisation."""

    def __init__(self) -> None:
        self._basis: tuple[Dataset, date | None, Filters] | None = None
        self._networks: dict[str, Network] = {}
        self._rows: dict[str, tuple[set[str], BurdenRow, list[PersonHours]]] = {}
        self._equal: dict[str, bool] = {}
        """Network id -> equal to the recorded one (worked out once per network)."""

    def _serves(self, dataset: Dataset, as_of: date | None, filters: Filters,
                networks: dict[str, Network]) -> bool:
        """Whether rows recorded before may be taken over now; records them when none were."""
        if self._basis is None:
            self._basis, self._networks = (dataset, as_of, filters), networks
            return False
        before, before_as_of, before_filters = self._basis
        self._equal = {}
        # `==` on records leaves out their locations; the same object compares at once
        return (as_of == before_as_of and filters == before_filters
                and dataset.survey_rule == before.survey_rule
                and dataset.staffing == before.staffing
                and dataset.observations == before.observations
                and dataset.actors == before.actors)

    def _row(self, org_id: str, org: _Org, networks: dict[str, Network]
             ) -> tuple[BurdenRow, list[PersonHours]] | None:
        found = self._rows.get(org_id)
        if found is None or found[0] != org.networks:
            return None
        for ident in org.networks:
            equal = self._equal.get(ident)
            if equal is None:
                equal = self._equal[ident] = networks[ident] == self._networks.get(ident)
            if not equal:
                return None
        return found[1], found[2]


@without_collections
def _views(dataset: Dataset, as_of: date | None, views: tuple[str, ...], filters: Filters,
           capacity: float | None, staffing: Staffing | None,
           person_hours: list[PersonHours] | None,
           memo: RowMemo | None = None) -> tuple[BurdenResult, ...]:
    role, top = filters.role, filters.top
    for by in views:
        if by not in BY:
            raise ValueError(f"by must be one of {', '.join(BY)}")
    staffing = staffing if staffing is not None else dataset.staffing
    cap = _capacity(staffing, capacity)
    networks = {n.id: n for n in networks_in_scope(dataset, as_of, filters)}
    evidence = Evidence(dataset, as_of)
    orgs, posts = _accumulate(dataset, networks, as_of, filters, evidence)
    context = _Context(dataset, networks, staffing, cap, as_of)
    person_rows: dict[tuple[str, tuple[str, ...]], BurdenRow] = {}
    org_rows: dict[str, BurdenRow] = {}
    # a person's full row (lines, notes, sorted ids) only for the views that list persons:
    # an organisation's row needs only their loads (43,367 rows at ten times Nordic scale)
    listed = any(by in ("person", "role") for by in views)
    # rows are recorded and taken over only as `burden_and_person_hours` computes them: with
    # the data set's own staffing and capacity, and every person's hours
    recording = serving = False
    if memo is not None and person_hours is not None and not listed \
            and staffing is dataset.staffing and capacity is None:
        serving = memo._serves(dataset, as_of, filters, networks)
        recording = not serving
    for org_id, org in orgs.items():
        kept = memo._row(org_id, org, networks) if serving and memo is not None else None
        if kept is not None and person_hours is not None:
            org_rows[org_id] = kept[0]
            person_hours.extend(kept[1])
            continue
        loads = context.loads(org_id, org)
        if listed:
            for group, load in loads.items():
                person_rows[(org_id, group)] = context.person_row(org_id, org, group, load)
        if person_hours is not None:
            person_hours.extend(PersonHours(_person_key(org_id, group), org_id, load.hours)
                                for group, load in loads.items())
        org_rows[org_id] = context.org_row(org_id, org, list(loads.values()))
        if recording and memo is not None and person_hours is not None:
            memo._rows[org_id] = (org.networks, org_rows[org_id],
                                  person_hours[len(person_hours) - len(loads):])
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
    observed = _observed_counts(dataset, orgs, org_rows)
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
            networks_in_scope=len(networks), from_findings=findings, **observed))
    return tuple(results)


@dataclass(frozen=True, slots=True)
class CentralLoads:
    """The central values of what `burden(by="municipality")` gives for each organisation
    reached, and of its size classes' person_hours_mean: what the sensitivity analysis
    recomputes at every point it tries (the same floats, none of the ranges, lines and notes;
    `tests/analyses/test_ranges.py` checks they agree)."""

    most_loaded: dict[str, float | None]
    """Organisation -> hours a year of its most loaded person (None: none known)."""
    over_capacity: dict[str, float | None]
    """Organisation -> persons over the capacity (None: no person's hours known)."""
    capacity: bool
    """A capacity is set (else nobody is counted over it)."""
    person_hours_mean: dict[str, float | None]
    """Size class -> mean hours of each municipality's most loaded person, for the classes
    with municipalities reached (`SizeClassRow.person_hours_mean`)."""


@without_collections
def central_loads(dataset: Dataset, as_of: date | None, *, country: str | None = None,
                  region: str | None = None) -> CentralLoads:
    """`CentralLoads` at the data set's values, a third of the time of `burden_views`."""
    filters = Filters(country=country, region=region)
    staffing = dataset.staffing
    cap = _capacity(staffing, None)
    networks = {n.id: n for n in networks_in_scope(dataset, as_of, filters)}
    orgs, _ = _accumulate(dataset, networks, as_of, filters, Evidence(dataset, as_of))
    context = _Context(dataset, networks, staffing, cap, as_of)
    most: dict[str, float | None] = {}
    over: dict[str, float | None] = {}
    for org_id, org in orgs.items():
        held = context.held(persons_for(dataset.actors[org_id], staffing))
        groups: dict[tuple[str, ...], list[str]] = defaultdict(list)
        for role in org.hours:
            groups[held.get(role, (role,))].append(role)
        known, count = [], 0.0
        for roles in groups.values():  # sp.total's sum, in its order
            value, any_known = 0.0, False
            for role in roles:
                for part in org.hours[role]:
                    if part.value is not None:
                        value += part.value
                        any_known = True
            if any_known:
                known.append(value)
                if cap is not None and cap.value is not None:
                    count += float(value > cap.value)
        most[org_id] = max(known) if known else None
        # as `org_row`: unknown when no person's hours are known and either a capacity is set
        # (each person's `over` is unknown) or a network asks someone none of the roles is
        asked = set().union(*(org.by_role[r] for r in org.hours))
        unknown = not known and ((groups and cap is not None and cap.value is not None)
                                 or bool(org.unknown - asked))
        over[org_id] = None if unknown else count
    means: dict[str, float | None] = {}
    labels = [label for _, label in SIZE_CLASSES] + [UNKNOWN_SIZE]
    by_class: dict[str, list[Actor]] = {label: [] for label in labels}
    for actor in dataset.actors.values():
        if actor.kind == "municipality" and organisation_in_scope(actor, as_of, filters):
            by_class[size_class(actor)].append(actor)
    for label in labels:  # `_size_classes`' mean, in its order
        actors = by_class[label]
        reached = [a for a in actors if a.id in orgs]
        total = sum(a.count for a in actors)
        if not sum(a.count for a in reached) or label == UNKNOWN_SIZE:
            continue
        values = [v * a.count for a in reached if (v := most[a.id]) is not None]
        means[label] = round(sum_in_order(values) * (1 / total), 1) if values and total \
            else None
    return CentralLoads(most, over, cap is not None, means)


def sum_in_order(values: Iterable[float]) -> float:
    """0.0 plus each value in turn: the float `span.total` gives."""
    result = 0.0
    for value in values:
        result += value
    return result
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
    evidence = Evidence(dataset, as_of)
    for network in networks.values():
        via = next(r for r in through if r in network.coverage.members)
        reach = reach_of(dataset, network)
        asking = [t for t in network.targets if t.asks_members]
        answers = evidence.of(via, network.id) if evidence else {}
        share = _answered_share(_share(network, via, reach, as_of), answers, asking)
        if share is None:
            absent.append(network.id)
            continue
        added = _bear(org, _asks(network, list(network.targets), reach, evidence, as_of), share,
                      answers)
        series += [Series(network.id, t.role, meetings, hours, share, via)
                   for t, meetings, hours in added]
    context = _Context(dataset, networks, staffing, cap, as_of)
    loads = context.loads(organisation, org) if org.networks else {}
    persons = {group: context.person_row(organisation, org, group, load)
               for group, load in loads.items()}
    row = context.org_row(organisation, org, list(loads.values())) if org.networks else None
    used = set(row.rests_on) if row is not None else set()
    return OrganisationBurden(
        organisation=organisation, row=row,
        persons=tuple(sorted(persons.values(), key=_order)), series=tuple(series),
        not_taking_part=tuple(absent), capacity_hours_per_year=cap,
        assumptions=tuple(sorted(a for a in used if a)))


class _Observed(TypedDict):
    reached_organisations: int
    observed_organisations: int
    fully_observed_organisations: int
    observed_series: int
    surveyed_networks: tuple[str, ...]
    survey_rule: str | None
    reached_are_municipalities: bool


def _observed_counts(dataset: Dataset, orgs: dict[str, _Org],
                     org_rows: dict[str, BurdenRow]) -> _Observed:
    """How much of the result rests on survey answers: the `BurdenResult` fields that say so."""
    count = {o: dataset.actors[o].count for o in orgs}
    observed = [o for o, row in org_rows.items() if row.observed]
    return _Observed(
        reached_organisations=sum(count.values()),
        observed_organisations=sum(count[o] for o in observed),
        fully_observed_organisations=sum(
            count[o] for o in observed if not orgs[o].unobserved and orgs[o].hours
            and not org_rows[o].hours_per_year.unknown),
        observed_series=sum(len(n) for org in orgs.values() for n in org.observed.values()),
        surveyed_networks=tuple(sorted({n for org in orgs.values()
                                        for nets in org.surveyed.values() for n in nets})),
        survey_rule=dataset.survey_rule,
        reached_are_municipalities=all(dataset.actors[o].kind == "municipality"
                                       for o in orgs))


def _person_key(org_id: str, group: tuple[str, ...]) -> str:
    """A person's row key: their organisation and the roles they hold."""
    return f"{org_id}/{'+'.join(group)}"


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
                                 if t.asks_members)


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
                filters: Filters, evidence: Evidence) -> tuple[dict[str, _Org], list[NetworkPost]]:
    orgs: dict[str, _Org] = defaultdict(_Org)
    posts: list[NetworkPost] = []
    declined: list[tuple[str, str, dict[str, Observation]]] = []
    scope = organisations_in_scope(dataset, as_of, filters)
    answered = bool(evidence)
    for network in networks.values():
        targets = [t for t in network.targets if filters.role is None or t.role == filters.role]
        asking = [t for t in targets if t.asks_members]
        posts += [NetworkPost(network.id, t.role, sp.of(t.meetings), _hours(t))
                  for t in targets if t.asks == ASKS_NETWORK]
        reached = members(network, scope)
        if not reached:
            continue
        reach = sum(dataset.actors[m].count for m in network.coverage.members
                    if m in dataset.actors) or len(reached)
        asks = _asks(network, targets, reach, evidence, as_of)
        # without a list of who takes part, every member bears the same share: its series
        # are worked out once for the network, not once per member
        participation = network.participation_on(as_of)
        common: Span | None = None
        borne: list[tuple[Span, Span]] | None = None
        if participation is None or not participation.members:
            common = _share(network, "", reach, as_of)
            if common is not None:
                borne = [(sp.times(m, common), sp.times(h, common)) for _, (m, h) in asks.parts]
        for org_id in reached:
            answers = evidence.of(org_id, network.id) if answered else {}
            share = common if common is not None else _share(network, org_id, reach, as_of)
            if answers:
                share = _answered_share(share, answers, asking)
                if share is None:
                    declined.append((org_id, network.id, answers))
            if share is None:
                continue  # documented, or answered, not to take part
            _bear(orgs[org_id], asks, share, answers, borne if share is common else None)
    for org_id, ident, answers in declined:  # its answers took the network off: say so
        if org_id in orgs:
            for role in answers:
                orgs[org_id].observed[role].add(ident)
    return orgs, posts


@dataclass(frozen=True)
class _Asks:
    """What one network asks of each organisation it reaches, worked out once per network:
    its series before participation, and what they rest on."""

    network: Network
    named: bool
    """It names target roles (all of them may be posts it holds: then it asks nothing)."""
    asking: list[Target]
    reach: int
    parts: list[tuple[Target, tuple[Span, Span]]]
    assumptions: frozenset[str]
    participation_estimate: str | None
    aggregates: dict[str, Aggregate]
    """The survey rule's aggregate of the answers, per role asked for."""
    seats: bool = False
    """Some series asks for shared seats: the organisation's time is an expected share."""
    hours_unknown: bool = False
    """Some series' hours a year are unknown."""


def _asks(network: Network, targets: list[Target], reach: int, evidence: Evidence,
          as_of: date | None) -> _Asks:
    asking = [t for t in targets if t.asks_members]
    participation = network.participation_on(as_of)
    estimate = participation.estimate if participation is not None else None
    assumptions = {a for t in asking for a in t.assumptions} | ({estimate} if estimate else set())
    aggregates = ({t.role: a for t in asking
                   if (a := evidence.aggregate(network.id, t.role)) is not None}
                  if evidence.aggregates else {})
    parts = [(t, _series(t, reach)) for t in asking]
    return _Asks(network, bool(targets), asking, reach, parts, frozenset(assumptions), estimate,
                 aggregates, any(t.asks == ASKS_SEATS for t in asking),
                 any(hours.value is None for _, (_, hours) in parts))


def _bear(org: _Org, asks: _Asks, share: Span, answers: dict[str, Observation],
          borne: list[tuple[Span, Span]] | None = None) -> list[tuple[Target, Span, Span]]:
    """Add what a network asks of one organisation that takes part (its expected `share` of
    each series, or its own `answers`, or the survey rule's aggregates) to `org`; returns each
    target's meetings and hours a year as added. A network that names no target role asks
    for an unknown amount; one whose targets are all posts it holds asks nothing. `borne`:
    the series already times `share`, worked out once when many members bear the same."""
    network = asks.network
    org.networks.add(network.id)
    if not asks.asking:
        if not asks.named:
            org.unknown.add(network.id)  # reaches it, asks whom and how much: unknown
        return []
    if answers or asks.aggregates:
        return _with_evidence(org, network, asks.asking, asks.reach, share, answers,
                              asks.aggregates, asks.participation_estimate)
    ident = network.id
    org.rests_on |= asks.assumptions
    org.unobserved += len(asks.parts)
    if share.value != 1.0 or asks.seats:
        org.shared.add(ident)
    if asks.hours_unknown:
        org.unknown.add(ident)
    by_role, meetings_of, hours_of = org.by_role, org.meetings, org.hours
    added = []
    for index, (target, (meetings, hours)) in enumerate(asks.parts):
        each = borne[index] if borne is not None else (sp.times(meetings, share),
                                                       sp.times(hours, share))
        role = target.role
        by_role[role].add(ident)
        meetings_of[role].append(each[0])
        hours_of[role].append(each[1])
        added.append((target, *each))
    return added


def _answered_share(share: Span | None, answers: dict[str, Observation],
                    asking: list[Target]) -> Span | None:
    """The participation share once the organisation's answers are heard: 1 when it says it
    takes part for some role (whatever the documented participation says), None when it says
    it takes no part for every role the network asks for."""
    if not answers:
        return share
    if any(a.takes_part != TAKES_PART_NO for a in answers.values()):
        return sp.exact(1.0)
    if asking and all(t.role in answers for t in asking):
        return None
    return share


@dataclass(frozen=True, slots=True)
class _Part:
    """What one organisation bears of one target's series, and what that rests on."""

    meetings: Span
    hours: Span
    shared: bool
    basis: str
    """`observed` (its own answer), `surveyed` (the survey rule's aggregate) or `data`."""
    assumptions: frozenset[str]
    complete: bool = False
    """Its own answer gave both the meetings and the hours."""


def _part(target: Target, reach: int, share: Span, answer: Observation | None,
          aggregate: Aggregate | None) -> _Part | None:
    """One organisation's part of a target's series: its own answer first (share 1: it takes
    part; a figure it left out comes from the survey rule, else from the target), then the
    survey rule's aggregate, then the target. None when it answered that it does not take
    part."""
    if answer is not None:
        if answer.takes_part == TAKES_PART_NO:
            return None
        said = _first_known(answer.meetings, aggregate.meetings if aggregate else None,
                            target.meetings)
        each = _first_known(answer.hours, aggregate.hours if aggregate else None, target.hours)
        return _Part(sp.of(said), sp.product(said, each), False, "observed",
                     _assumed(said, each), answer.meetings.known and answer.hours.known)
    basis = "data"
    if aggregate is not None and (aggregate.meetings.known or aggregate.hours.known):
        target = replace(target, meetings=_first_known(aggregate.meetings, target.meetings),
                         hours=_first_known(aggregate.hours, target.hours), merged=())
        basis = "surveyed"
    meetings, hours = _series(target, reach)
    return _Part(sp.times(meetings, share), sp.times(hours, share),
                 share.value != 1.0 or target.asks == ASKS_SEATS, basis,
                 frozenset(target.assumptions))


def _first_known(*quantities: Quantity | None) -> Quantity:
    return next((q for q in quantities if q is not None and q.known), UNKNOWN_QUANTITY)


def _assumed(*quantities: Quantity) -> frozenset[str]:
    return frozenset(q.assumption for q in quantities if q.assumption)


def _with_evidence(org: _Org, network: Network, asking: list[Target], reach: int, share: Span,
                   answers: dict[str, Observation], aggregates: dict[str, Aggregate],
                   participation_estimate: str | None) -> list[tuple[Target, Span, Span]]:
    """`_bear` for a network the organisation answered about, or that the survey rule gives
    figures for: series by series, its own answer, the rule's aggregate or the target."""
    used: set[str] = set()
    added = []
    for target in asking:
        answer = answers.get(target.role)
        part = _part(target, reach, share, answer,
                     aggregates.get(target.role))
        if answer is not None:
            org.observed[target.role].add(network.id)
        if part is None:
            continue  # it answered that it takes no part for this role
        if part.basis == "surveyed":
            org.surveyed[target.role].add(network.id)
        if not part.complete:
            org.unobserved += 1
        if part.basis != "observed" and participation_estimate:
            used.add(participation_estimate)
        used |= part.assumptions
        if part.shared:
            org.shared.add(network.id)
        org.by_role[target.role].add(network.id)
        org.meetings[target.role].append(part.meetings)
        org.hours[target.role].append(part.hours)
        if part.hours.value is None:
            org.unknown.add(network.id)
        added.append((target, part.meetings, part.hours))
    org.rests_on |= used
    others = {a for t in network.targets if t not in asking for a in t.assumptions}
    org.uses[network.id] = used | others
    return added


def _hours(target: Target) -> Span:
    return sp.product(target.meetings, target.hours)


#: An end of the assumptions' ranges -> the end of a quantity it reads.
QUANTITY_END = {"low": "lower", "value": "value", "high": "upper"}


def hours_at(target: Target, end: str) -> float | None:
    """Hours a year of the target's cadence at one end of the assumptions' ranges (`low`,
    `value` or `high`); None when the cadence is unknown."""
    meetings, hours = (getattr(q, QUANTITY_END[end]) for q in (target.meetings, target.hours))
    return None if meetings is None or hours is None else meetings * hours


def kept_at(series: Iterable[Target], end: str) -> Target | None:
    """The cadence rule of a merge at one end of the assumptions' ranges: the series with the
    most hours a year there; a known cadence beats an unknown one (never read as 0), the first
    wins ties. None when there is no series."""
    best: Target | None = None
    most: float | None = None
    for target in series:
        hours = hours_at(target, end)
        if best is None or (hours is not None and (most is None or hours > most)):
            best, most = target, hours
    return best


def _series(target: Target, reach: int) -> tuple[Span, Span]:
    """(meetings, hours) a year one member bears for this target, before participation."""
    if len(target.merged) > 1:
        return _merged_series(target, reach)
    meetings, hours = sp.of(target.meetings), _hours(target)
    if target.asks == ASKS_SEATS and target.seats:
        seats = sp.share(target.seats, reach)
        meetings, hours = sp.times(meetings, seats), sp.times(hours, seats)
    return meetings, hours


def _merged_series(target: Target, reach: int) -> tuple[Span, Span]:
    """A merged network's series for a role: each end is what the series the cadence rule
    keeps *at that end* asks of a member there (`kept_at`; a post the network holds asks 0).
    When every series asks members alike, hours are the largest of monotone parts at each
    end, so the low is exact at the all-low corner and the high at the all-high corner.
    Otherwise (series that differ in whom they ask, and meetings in any case) the range is
    taken over the all-low corner, the centre and the all-high corner."""
    ends: dict[str, tuple[Span, Span]] = {}
    for end in ("low", "value", "high"):
        kept = kept_at(target.merged, end) or target
        ends[end] = ((sp.ZERO, sp.ZERO) if kept.asks == ASKS_NETWORK
                     else _series(replace(kept, merged=()), reach))

    def over_ends(index: int) -> Span:
        centre = ends["value"][index]
        if centre.value is None:
            return centre
        low, high = ends["low"][index], ends["high"][index]
        low_end = low.low if low.low is not None else low.value
        high_end = high.high if high.high is not None else high.value
        return Span(centre.value,
                    min(centre.value, low_end if low_end is not None else centre.value),
                    max(centre.value, high_end if high_end is not None else centre.value),
                    any(e[index].estimated for e in ends.values()), centre.unknown)

    return over_ends(0), over_ends(1)


def reach_of(dataset: Dataset, network: Network) -> int:
    """Organisations the network reaches in all (aggregates weighed by count): what seats and
    participation counts are shares of."""
    return sum(dataset.actors[m].count for m in network.coverage.members
               if m in dataset.actors) or network.coverage.count or 0


def asked_of_member(dataset: Dataset, network: Network, as_of: date | None) -> Span:
    """Hours a year the network asks of one member organisation before participation, summed
    over its targets by the rules above (unknown parts counted, posts it holds left out)."""
    reach = reach_of(dataset, network)
    asking = [t for t in network.targets if t.asks_members]
    if not asking:
        return sp.UNKNOWN
    return sp.total(_series(t, reach)[1] for t in asking)


def participation_share(dataset: Dataset, network: Network, org: str,
                        as_of: date | None) -> Span | None:
    """The expected share of the network's series this organisation bears through documented
    participation; None when it is documented not to take part."""
    return _share(network, org, reach_of(dataset, network), as_of)


def asked_of(dataset: Dataset, network: Network, org: str, as_of: date | None,
             evidence: Evidence | None = None) -> Span | None:
    """Hours a year the network asks of one organisation by burden's rules: its own survey
    answers first (with `evidence`), the survey rule's aggregate, else the targets' series
    times the participation share. None when it takes no part (documented or answered); what
    `asked_of_member` times `participation_share` gives when there are no answers."""
    return asked_of_each(dataset, network, (org,), as_of, evidence).get(org)


def asked_of_each(dataset: Dataset, network: Network, orgs: Iterable[str],
                  as_of: date | None, evidence: Evidence | None = None) -> dict[str, Span]:
    """`asked_of` for several organisations of one network (those taking part), computing
    what they share once."""
    reach = reach_of(dataset, network)
    asking = [t for t in network.targets if t.asks_members]
    aggregates = ({t.role: a for t in asking
                   if (a := evidence.aggregate(network.id, t.role)) is not None}
                  if evidence is not None and evidence.aggregates else {})
    series = sp.total(_series(t, reach)[1] for t in asking) if asking else sp.UNKNOWN
    found = {}
    for org in orgs:
        answers = evidence.of(org, network.id) if evidence else {}
        share = _share(network, org, reach, as_of)
        if answers:
            share = _answered_share(share, answers, asking)
        if share is None:
            continue
        if not asking:
            found[org] = sp.UNKNOWN
        elif not answers and not aggregates:
            found[org] = sp.times(series, share)
        else:
            parts = [_part(t, reach, share, answers.get(t.role), aggregates.get(t.role))
                     for t in asking]
            found[org] = sp.total(p.hours for p in parts if p is not None)
    return found


def series_of(dataset: Dataset, network: Network, target: Target, org: str,
              as_of: date | None, evidence: Evidence | None = None
              ) -> tuple[Span, Span, str]:
    """(meetings, hours) a year this organisation bears of one target's series by burden's
    rules, and their basis: `observed` (its own answer), `surveyed` (the survey rule),
    `estimated`, `documented` or `unknown`. An organisation documented or answered not to
    take part bears nothing (0, on that basis)."""
    reach = reach_of(dataset, network)
    asking = [t for t in network.targets if t.asks_members]
    answers = evidence.of(org, network.id) if evidence else {}
    share = _answered_share(_share(network, org, reach, as_of), answers, asking)
    answer = answers.get(target.role)
    if share is None:
        return sp.ZERO, sp.ZERO, "observed" if answers else "documented"
    part = _part(target, reach, share, answer,
                 evidence.aggregate(network.id, target.role) if evidence else None)
    if part is None:
        return sp.ZERO, sp.ZERO, "observed"
    if part.basis != "data":
        return part.meetings, part.hours, part.basis
    basis = ("unknown" if part.hours.value is None else
             "estimated" if part.hours.estimated else "documented")
    return part.meetings, part.hours, basis


_NetworkLines = tuple[tuple[str, ...], frozenset[tuple[str, str, str]],
                      frozenset[tuple[str, str]], bool]


def _network_lines(network: Network, as_of: date | None) -> _NetworkLines:
    """One network's areas, funding lines, reporting lines and whether its funding is
    undocumented: what `_count_lines` adds up."""
    return (network.areas, funding_lines(network, as_of), reporting_lines(network, as_of),
            not network.funding_documented)


def _count_lines(parts: Iterable[_NetworkLines]) -> tuple[int, int, int, int]:
    """Distinct areas, funding lines and reporting lines of some networks, and how many of
    them have no documented funding (the line counts leave those out)."""
    areas: set[str] = set()
    funding: set[tuple[str, str, str]] = set()
    reporting: set[tuple[str, str]] = set()
    undocumented = 0
    for its_areas, its_funding, its_reporting, unfunded in parts:
        areas.update(its_areas)
        funding |= its_funding
        reporting |= its_reporting
        undocumented += unfunded
    return len(areas), len(funding), len(reporting), undocumented


@dataclass(frozen=True, slots=True)
class _PersonLoad:
    """What one person of an organisation bears: all an organisation's row needs of them."""

    roles: list[str]
    networks: set[str]
    meetings: Span
    hours: Span
    over: Span
    """Whether their hours exceed the capacity (`_Context.over`)."""


class _Context:
    """What turning accumulated loads into rows needs: capacity, staffing, the networks."""

    def __init__(self, dataset: Dataset, networks: dict[str, Network],
                 staffing: Staffing | None, cap: Span | None, as_of: date | None) -> None:
        self.dataset = dataset
        self.networks = networks
        self.staffing = staffing
        self.cap = cap
        self.as_of = as_of
        # Worked out once per computation, not once per row (issue 22: burden at ten times
        # Nordic scale spent 5 of its 8 s on them): the lines of each set of networks (the
        # municipalities of a county share theirs), the assumptions each set rests on, and the
        # role -> person map of each grouping of roles (one per staffing rule or override).
        self._about: dict[frozenset[str], tuple[tuple[str, ...], tuple[str, ...],
                                                tuple[int, int, int, int]]] = {}
        self._rests: dict[tuple[frozenset[str], bool], tuple[str, ...]] = {}
        self._held: dict[int, tuple[tuple[tuple[str, ...], ...], dict[str, tuple[str, ...]]]] = {}
        # ... and, per network, what those sets are made of (a network is in many sets)
        self._network_lines: dict[str, _NetworkLines] = {}
        self._network_basis: dict[str, frozenset[str]] = {}

    def about(self, ids: Iterable[str]) -> tuple[tuple[str, ...], tuple[str, ...],
                                                 tuple[int, int, int, int]]:
        """The networks `ids` sorted, those of them partly inferred, and their lines (`_count_lines`):
        worked out once per set, and the tuples shared by every row with that set."""
        key = frozenset(ids)
        found = self._about.get(key)
        if found is None:
            found = self._about[key] = (tuple(sorted(key)), self._inferred(key),
                                        _count_lines(self._lines_of(ident) for ident in key))
        return found

    def _lines_of(self, ident: str) -> _NetworkLines:
        found = self._network_lines.get(ident)
        if found is None:
            found = self._network_lines[ident] = _network_lines(self.networks[ident], self.as_of)
        return found

    def _basis_of(self, ident: str) -> frozenset[str]:
        """The assumptions one network's figures rest on: its targets' and its
        participation's estimate."""
        found = self._network_basis.get(ident)
        if found is None:
            network = self.networks[ident]
            used = {a for target in network.targets for a in target.assumptions}
            participation = network.participation_on(self.as_of)
            if participation is not None and participation.estimate:
                used.add(participation.estimate)
            found = self._network_basis[ident] = frozenset(used)
        return found

    def lines(self, ids: Iterable[str]) -> tuple[int, int, int, int]:
        """The lines (`_count_lines`) of the networks `ids`, worked out once per set."""
        return self.about(ids)[2]

    def held(self, groups: tuple[tuple[str, ...], ...]) -> dict[str, tuple[str, ...]]:
        """`holders(groups)`, once per grouping (the groupings are the staffing's own tuples)."""
        found = self._held.get(id(groups))
        if found is None:
            found = self._held[id(groups)] = (groups, holders(groups))  # keeps `groups` alive
        return found[1]

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
        if cap is None or cap.value is None:
            return sp.UNKNOWN  # no capacity set: over it or not is unknown, never "not over"
        if hours.value is None:
            return sp.UNKNOWN  # hours unknown: over or not is unknown, never "not over"
        central = float(hours.value > cap.value)
        low = float((hours.low if hours.low is not None else hours.value)
                    > (cap.high if cap.high is not None else cap.value))
        high = float((hours.high if hours.high is not None else hours.value)
                     > (cap.low if cap.low is not None else cap.value))
        # a floor of hours under the capacity may be over it once its unknown parts are known
        unknown = 1 if hours.unknown and not central else 0  # this one person
        return Span(central, low, high, hours.estimated or cap.estimated, unknown)

    def loads(self, org_id: str, org: _Org) -> dict[tuple[str, ...], _PersonLoad]:
        """The persons of the central grouping (their roles, as a group) and their loads."""
        held = self.held(persons_for(self.dataset.actors[org_id], self.staffing))
        groups: dict[tuple[str, ...], list[str]] = defaultdict(list)
        for role in org.hours:
            groups[held.get(role, (role,))].append(role)
        loads = {}
        for group, roles in groups.items():
            if len(roles) == 1:  # most persons hold one role: its own lists, summed in order
                (role,) = roles
                hours, meetings = sp.total(org.hours[role]), sp.total(org.meetings[role])
                networks = set(org.by_role[role])
            else:
                hours = sp.total(h for r in roles for h in org.hours[r])
                meetings = sp.total(m for r in roles for m in org.meetings[r])
                networks = set().union(*(org.by_role[r] for r in roles))
            loads[group] = _PersonLoad(roles, networks, meetings, hours, self.over(hours))
        return loads

    def person_row(self, org_id: str, org: _Org, group: tuple[str, ...],
                   load: _PersonLoad) -> BurdenRow:
        """The row of one person: their load, with the lines and notes of their networks."""
        actor = self.dataset.actors[org_id]
        roles, nets, hours, meetings = load.roles, load.networks, load.hours, load.meetings
        ids, inferred, (areas, funding, reporting, unfunded) = self.about(nets)
        rests = self._rests_on(org, nets, person=True)
        observed = (set().union(*(org.observed.get(r, set()) for r in roles))
                    if org.observed else set())
        surveyed = (set().union(*(org.surveyed.get(r, set()) for r in roles))
                    if org.surveyed else set())
        return BurdenRow(
            lines_unknown=unfunded, key=_person_key(org_id, group), name=actor.short_name or actor.name,
            organisation=org_id, roles=group, organisations=actor.count, persons=1,
            networks=len(nets), meetings_per_year=meetings, hours_per_year=hours,
            areas=areas, funding_lines=funding, reporting_lines=reporting,
            max_person_hours=hours, load=self.load(hours), over_capacity=load.over,
            estimated=hours.estimated, network_ids=ids,
            unknown_networks=tuple(sorted(org.unknown & nets)),
            shared=tuple(sorted(org.shared & nets)), rests_on=rests,
            inferred=inferred, observed=bool(observed),
            observed_networks=tuple(sorted(observed)), surveyed=tuple(sorted(surveyed)))

    def _rests_on(self, org: _Org, nets: AbstractSet[str], person: bool) -> tuple[str, ...]:
        if org.uses:  # the organisation's own answers: its own
            return self._rests_on_networks(org, nets)
        key = (frozenset(nets), person)
        found = self._rests.get(key)
        if found is None:
            found = self._rests[key] = self._rests_on_networks(org, nets)
        return found

    def _rests_on_networks(self, org: _Org, nets: Iterable[str]) -> tuple[str, ...]:
        used: set[str] = set()
        for ident in nets:
            if ident in org.uses:  # the organisation's answers replaced some of them
                used |= org.uses[ident]
                continue
            used |= self._basis_of(ident)
        if self.staffing is not None:
            used.add(self.staffing.assumption)
            if self.cap is not None and self.staffing.capacity_assumption:
                used.add(self.staffing.capacity_assumption)
        return tuple(sorted(u for u in used if u))

    def _inferred(self, nets: Iterable[str]) -> tuple[str, ...]:
        return tuple(sorted(n for n in nets if self.networks[n].inferred
                            or self.networks[n].coverage.inferred))

    def org_row(self, org_id: str, org: _Org, persons: list[_PersonLoad]) -> BurdenRow:
        actor = self.dataset.actors[org_id]
        reaching = frozenset(org.networks)  # the key of `about` and `_rests_on`, made once
        ids, inferred, (areas, funding, reporting, unfunded) = self.about(reaching)
        unassigned = (len(org.unknown - set().union(*(p.networks for p in persons)))
                      if org.unknown else 0)
        hours = sp.total([p.hours for p in persons] + [sp.UNKNOWN] * unassigned)
        top, over = self._most_loaded(org_id, org, persons)
        if unassigned:  # a network asking someone unknown may ask the most loaded person too
            top = Span(top.value, top.low, top.high, top.estimated, top.unknown + unassigned)
            if top.value is None:  # no one's hours known: whether anyone is over is unknown
                over = sp.UNKNOWN
            elif not over.high:  # no one known to be over; the unknown part may tip someone
                over = Span(over.value, over.low, over.high, over.estimated, over.unknown or 1)
        observed = set().union(*org.observed.values()) if org.observed else set()
        surveyed = set().union(*org.surveyed.values()) if org.surveyed else set()
        return BurdenRow(
            lines_unknown=unfunded, key=org_id, name=actor.short_name or actor.name,
            organisation=org_id, roles=(),
            organisations=actor.count, persons=len(persons), networks=len(org.networks),
            meetings_per_year=sp.total(p.meetings for p in persons),
            hours_per_year=hours, areas=areas, funding_lines=funding,
            reporting_lines=reporting, max_person_hours=top, load=self.load(top),
            over_capacity=over, estimated=hours.estimated or top.estimated,
            network_ids=ids,
            unknown_networks=tuple(sorted(org.unknown)), shared=tuple(sorted(org.shared)),
            rests_on=self._rests_on(org, reaching, person=False),
            inferred=inferred, observed=bool(observed),
            observed_networks=tuple(sorted(observed)), surveyed=tuple(sorted(surveyed)))

    def _most_loaded(self, org_id: str, org: _Org,
                     persons: list[_PersonLoad]) -> tuple[Span, Span]:
        """The most loaded person's hours and the persons over capacity, with ranges that
        also cover the staffing thresholds' ranges (other groupings of roles into persons)."""
        central = sp.largest(p.hours for p in persons)
        over = sp.total(p.over for p in persons) if persons else sp.ZERO
        if central.value is None:
            return central, over
        lows, highs = [central.low], [central.high]
        over_lows, over_highs = [over.low], [over.high]
        actor, staffing = self.dataset.actors[org_id], self.staffing
        grouped = persons_for(actor, staffing)
        for end in ENDS[1:]:  # low, high
            grouped_at = persons_for(actor, staffing, end)
            if grouped_at is grouped:
                continue  # the same persons at this end: the central figures hold
            held = self.held(grouped_at)
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
        if over.value is None:  # no capacity: whether anyone is over it is unknown
            return Span(central.value, low, high, central.estimated, central.unknown), over
        over_low = min(x for x in over_lows if x is not None)
        over_high = max(x for x in over_highs if x is not None)
        return (Span(central.value, low, high, central.estimated, central.unknown),
                Span(over.value, over_low, over_high, over.estimated, over.unknown))


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
        observed: set[str] = set()
        surveyed: set[str] = set()
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
            observed |= org.observed.get(role_id, set())
            surveyed |= org.surveyed.get(role_id, set())
            meetings.append(sp.total(org.meetings[role_id]).scaled(weight))
            hours.append(sp.total(org.hours[role_id]).scaled(weight))
        if not orgs_count:
            continue
        areas, funding, reporting, unfunded = context.lines(nets)
        holder_rows = [r for _, r in role_holders]
        top = sp.largest(r.hours_per_year for r in holder_rows)
        role = dataset.roles.get(role_id)
        total_hours = sp.total(hours)
        rows.append(BurdenRow(
            lines_unknown=unfunded, key=role_id, name=role.label() if role else role_id, organisation=None,
            roles=(role_id,), organisations=orgs_count, persons=orgs_count, networks=len(nets),
            meetings_per_year=sp.total(meetings), hours_per_year=total_hours, areas=areas,
            funding_lines=funding, reporting_lines=reporting, max_person_hours=top,
            load=context.load(top),
            over_capacity=sp.total(r.over_capacity.scaled(r.organisations) for r in holder_rows),
            estimated=total_hours.estimated, network_ids=tuple(sorted(nets)),
            rests_on=tuple(sorted({a for r in holder_rows for a in r.rests_on})),
            inferred=context._inferred(nets), observed=bool(observed),
            observed_networks=tuple(sorted(observed)), surveyed=tuple(sorted(surveyed))))
    return rows


def _region_rows(context: _Context, org_rows: dict[str, BurdenRow]) -> list[BurdenRow]:
    dataset = context.dataset
    by_region: dict[str, list[BurdenRow]] = defaultdict(list)
    for org, row in org_rows.items():
        by_region[region_of(dataset.actors[org])].append(row)
    rows = []
    for key, group in sorted(by_region.items()):
        nets = {n for r in group for n in r.network_ids}
        areas, funding, reporting, unfunded = context.lines(nets)
        top = sp.largest(r.max_person_hours for r in group)
        hours = sp.total(r.hours_per_year.scaled(r.organisations) for r in group)
        rows.append(BurdenRow(
            lines_unknown=unfunded, key=key, name=region_name(dataset, key), organisation=None, roles=(),
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
            inferred=tuple(sorted({n for r in group for n in r.inferred})),
            observed=any(r.observed for r in group),
            observed_networks=tuple(sorted({n for r in group for n in r.observed_networks})),
            surveyed=tuple(sorted({n for r in group for n in r.surveyed}))))
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
            hours_unknown=sum(a.count for a, r in reached if r.hours_per_year.unknown),
            observed=sum(a.count for a, r in reached if r.observed)))
    return tuple(rows)


__all__ = [
    "BY",
    "SIZE_CLASSES",
    "BurdenResult",
    "BurdenRow",
    "CentralLoads",
    "NetworkPost",
    "OrganisationBurden",
    "PersonHours",
    "RowMemo",
    "Series",
    "SizeClassRow",
    "asked_of",
    "asked_of_member",
    "burden",
    "burden_and_person_hours",
    "burden_views",
    "central_loads",
    "organisation_burden",
    "participation_share",
    "persons_for",
    "reach_of",
    "series_of",
    "size_class",
]
