"""One organisation's own view: every network that reaches it, what each asks of whom, the
funding and reporting lines they bring, where they overlap there, and the path to its leaders.

The municipality's answer to the evaluation's findings (seed 004), from the same analyses as
the whole landscape, so its numbers are the ones `burden`, `funding`, `overlap` and
`anchoring` give it:

- networks: those active on the day that reach it, directly or through an aggregate record it
  belongs to (`scope.reached_as`); a network whose documented participation leaves it out is
  listed as not taking part;
- meeting series: each target of each network, with the meetings and hours a year the
  organisation bears (`burden`'s rules: seats and participation as expected shares), what they
  rest on (`documented`, `estimated`, `observed` or `unknown`) and the person who holds the
  role under the staffing assumption;
- persons and totals: `burden`'s rows for the organisation;
- funding and reporting lines: those active on the day (`funding`);
- overlaps: the overlapping pairs (`overlap`) whose shared organisations include it, and the
  pairs that ask the same person there only because one person holds both roles (`overlap
  --persons`);
- leaders: for each kind of leader (`anchoring`), the networks that ask its own holder of such
  a role, those anchored through a body (and whether that body reaches this organisation
  too), and those that reach none.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ehelse_map.analyses.anchoring import ANCHORS, Anchor, anchoring
from ehelse_map.analyses.burden import BurdenRow, Series, organisation_burden
from ehelse_map.analyses.common import active_funding, reporting_lines, short_name
from ehelse_map.analyses.funding import FundingLine, funding_line, line_name
from ehelse_map.analyses.overlap import OverlapPair, overlap
from ehelse_map.analyses.staffing import holders, persons_for
from ehelse_map.model import span as sp
from ehelse_map.model.records import ASKS_NETWORK, ASKS_SEATS, Dataset, Network, Target
from ehelse_map.model.scope import Filters, active, reached_as
from ehelse_map.model.span import Span


@dataclass(frozen=True)
class ProfileSeries:
    """One meeting series a network asks of the organisation."""

    role: str
    role_name: str
    person: tuple[str, ...]
    """The roles one person holds with this one, under the staffing assumption (central)."""
    asks: str
    """`member` (one person in every member), `seats` (shared seats) or `network` (a post the
    network holds itself: no time asked of the organisation)."""
    meetings_per_year: Span
    hours_per_year: Span
    basis: str
    """What the cadence rests on: `documented`, `estimated`, `observed` or `unknown`."""
    assumptions: tuple[str, ...]
    """The assumptions behind an estimated cadence."""
    shared: bool
    """The figures are an expected share (seats, partial participation); low: none of it."""
    sources: tuple[str, ...]


@dataclass(frozen=True)
class ProfileNetwork:
    network: str
    name: str
    kind: str
    host: str | None
    via: str | None
    """The aggregate through which the network reaches the organisation; None: directly."""
    areas: tuple[str, ...]
    tasks: tuple[str, ...]
    series: tuple[ProfileSeries, ...]
    """In the order of the network's targets; empty when it names none."""
    meetings_per_year: Span
    hours_per_year: Span
    """Summed over the series; 0 when its targets are all posts it holds; unknown when it
    names no target role."""
    funding_documented: bool
    """False when the data says nothing about its funding: its lines are unknown, not none."""
    funding: tuple[FundingLine, ...]
    """Funding entries active on the day."""
    reporting_lines: tuple[str, ...]
    """Bodies reported to, directly or through funding (`body` or `body (grant)`)."""
    anchors: tuple[Anchor, ...]
    """One per kind of leader, in the order of `anchoring.ANCHORS`."""
    inferred: bool
    """Part of the record (reach, roles, host) is inferred."""
    sources: tuple[str, ...]


@dataclass(frozen=True)
class LeaderPath:
    network: str
    body: str
    """The network whose targets include the leader's role."""
    role: str
    path: tuple[str, ...]
    edges: tuple[str, ...]
    reaches_here: bool
    """The body reaches this organisation too: the path ends at its own leader."""


@dataclass(frozen=True)
class LeaderReach:
    """How the networks reaching the organisation reach one kind of its leaders."""

    anchor: str
    """`health-leader`, `chief-executive` or `elected`."""
    direct: tuple[str, ...]
    """Networks that ask the organisation's own holder of such a role."""
    paths: tuple[LeaderPath, ...]
    """Networks anchored through a body they report to, are steered by or are part of."""
    none: tuple[str, ...]
    """Networks naming target roles that reach this kind neither way."""
    not_judged: tuple[str, ...]
    """Networks naming no target role: whom they ask is unknown."""


@dataclass(frozen=True)
class ProfileResult:
    as_of: date | None
    filters: Filters
    organisation: str
    name: str
    kind: str
    country: str
    region: str | None
    region_name: str | None
    population: int | None
    count: int
    """Organisations the record stands for (an aggregate: more than 1); figures are per
    organisation."""
    active: bool
    """Active on the day; when not, no network is counted."""
    through: tuple[str, ...]
    """Aggregates it belongs to, through which networks may reach it."""
    networks: tuple[ProfileNetwork, ...]
    """Most hours a year first (unknown last), then id."""
    not_taking_part: tuple[str, ...]
    """Networks reaching it whose documented participation leaves it out."""
    burden: BurdenRow | None
    """`burden`'s row for the organisation: totals, the most loaded person, load, lines."""
    persons: tuple[BurdenRow, ...]
    """`burden --by person`'s rows for its persons, most hours first."""
    capacity_hours_per_year: Span | None
    staffing: str | None
    """The staffing assumption that groups roles into persons."""
    funders: tuple[str, ...]
    """Distinct funding sources of the networks whose funding is documented."""
    funding_lines: int
    """Distinct (source, scheme, grant) lines active on the day."""
    reporting_lines: tuple[str, ...]
    funding_unknown: tuple[str, ...]
    """Networks whose funding the data does not document: the counts leave them out."""
    overlaps: tuple[OverlapPair, ...]
    """Overlapping pairs whose shared organisations include it, by score."""
    person_overlaps: tuple[OverlapPair, ...]
    """Pairs asking the same person here only because the staffing assumption gives one
    person both roles (not in `overlaps`)."""
    leaders: tuple[LeaderReach, ...]
    """One per kind of leader."""
    assumptions: tuple[str, ...]
    from_findings: tuple[str, ...]
    """Findings of the evaluation that assumptions behind these figures were taken from."""
    sources: tuple[str, ...]
    """Every source the profile rests on: the organisation, the networks, their funding and
    cadences, the assumptions."""


def basis(target: Target) -> str:
    """What a target's cadence rests on, the weakest part deciding."""
    parts = (target.meetings.basis, target.hours.basis)
    for kind in ("unknown", "estimated", "observed"):
        if kind in parts:
            return kind
    return "documented"


def profile(dataset: Dataset, as_of: date | None, organisation: str, *,
            capacity: float | None = None) -> ProfileResult:
    """The profile of `organisation` (an actor id) for networks active on `as_of`."""
    actor = dataset.actors[organisation]
    through = reached_as(dataset, organisation)
    load = organisation_burden(dataset, as_of, organisation, capacity=capacity)
    ids = {s.network for s in load.series} | {
        n for n in (load.row.network_ids if load.row else ())}
    networks = [dataset.networks[i] for i in sorted(ids)]
    held = holders(persons_for(actor, dataset.staffing))
    anchored = {row.network: row.anchors for row in anchoring(dataset, as_of).networks}
    rows = [_network(dataset, as_of, n, load.series, held, anchored, through)
            for n in networks]
    rows.sort(key=lambda r: (r.hours_per_year.value is None,
                             -(r.hours_per_year.value or 0.0), r.network))
    lines = {f.line for n in networks if n.funding_documented for f in active_funding(n, as_of)}
    reports = {line for n in networks for line in reporting_lines(n, as_of)}
    here = set(through)
    pairs = tuple(p for p in overlap(dataset, as_of).pairs if here & set(p.shared_members))
    known = {(p.a, p.b) for p in pairs}
    by_person = tuple(p for p in overlap(dataset, as_of, persons=True).pairs
                      if here & set(p.shared_members) and (p.a, p.b) not in known)
    used = set(load.assumptions) | {a for n in networks for t in n.targets
                                    for a in t.assumptions}
    findings = {f for a in used if a in dataset.assumptions
                for f in dataset.assumptions[a].from_findings}
    return ProfileResult(
        as_of=as_of, filters=Filters(organisation=organisation), organisation=organisation,
        name=short_name(dataset, organisation), kind=actor.kind, country=actor.country,
        region=actor.region,
        region_name=short_name(dataset, actor.region) if actor.region else None,
        population=actor.population, count=actor.count,
        active=active(actor, as_of), through=through[1:], networks=tuple(rows),
        not_taking_part=load.not_taking_part, burden=load.row, persons=load.persons,
        capacity_hours_per_year=load.capacity_hours_per_year,
        staffing=dataset.staffing.assumption if dataset.staffing else None,
        funders=tuple(sorted({source for source, _, _ in lines})), funding_lines=len(lines),
        reporting_lines=tuple(sorted(line_name(b, g) for b, g in reports)),
        funding_unknown=tuple(sorted(n.id for n in networks if not n.funding_documented)),
        overlaps=pairs, person_overlaps=by_person,
        leaders=_leaders(dataset, as_of, rows, here),
        assumptions=tuple(sorted(a for a in used if a)), from_findings=tuple(sorted(findings)),
        sources=_sources(dataset, organisation, networks, used, as_of))


def _network(dataset: Dataset, as_of: date | None, network: Network, series: tuple[Series, ...],
             held: dict[str, tuple[str, ...]], anchored: dict[str, tuple[Anchor, ...]],
             through: tuple[str, ...]) -> ProfileNetwork:
    borne = iter([s for s in series if s.network == network.id])  # in the targets' order
    items = []
    for target in network.targets:
        role = dataset.roles.get(target.role)
        if target.asks == ASKS_NETWORK:
            meetings = hours = sp.ZERO
            shared = False
        else:
            one = next(borne)
            meetings, hours = one.meetings_per_year, one.hours_per_year
            shared = one.share.value != 1.0 or target.asks == ASKS_SEATS
        items.append(ProfileSeries(
            role=target.role, role_name=role.label() if role else target.role,
            person=held.get(target.role, (target.role,)), asks=target.asks,
            meetings_per_year=meetings, hours_per_year=hours, basis=basis(target),
            assumptions=target.assumptions, shared=shared, sources=target.sources))
    asking = [i for i in items if i.asks != ASKS_NETWORK]
    # posts it holds itself ask nothing (0); no target role at all: whom it asks is unknown
    nothing = sp.ZERO if items else sp.UNKNOWN
    via = next(r for r in through if r in network.coverage.members)
    return ProfileNetwork(
        network=network.id, name=short_name(dataset, network.id), kind=network.kind,
        host=network.host_on(as_of), via=None if via == through[0] else via,
        areas=network.areas, tasks=network.tasks, series=tuple(items),
        meetings_per_year=sp.total(i.meetings_per_year for i in asking) if asking else nothing,
        hours_per_year=sp.total(i.hours_per_year for i in asking) if asking else nothing,
        funding_documented=network.funding_documented,
        funding=tuple(funding_line(dataset, f) for f in active_funding(network, as_of)),
        reporting_lines=tuple(sorted(line_name(b, g)
                                     for b, g in reporting_lines(network, as_of))),
        anchors=anchored.get(network.id, ()),
        inferred=bool(network.inferred or network.coverage.inferred), sources=network.sources)


def _leaders(dataset: Dataset, as_of: date | None, rows: list[ProfileNetwork],
             here: set[str]) -> tuple[LeaderReach, ...]:
    def reaches_here(body: str) -> bool:
        network = dataset.networks.get(body)
        return (network is not None and active(network, as_of)
                and not here.isdisjoint(network.coverage.members))

    found = []
    for kind in ANCHORS:
        direct, paths, none, unjudged = [], [], [], []
        for row in rows:
            anchor = next((a for a in row.anchors if a.anchor == kind), None)
            if not row.series:
                unjudged.append(row.network)
            elif anchor is None or anchor.how == "none":
                none.append(row.network)
            elif anchor.how == "direct":
                direct.append(row.network)
            elif anchor.body is not None and anchor.role is not None:
                paths.append(LeaderPath(row.network, anchor.body, anchor.role, anchor.path,
                                        anchor.edges, reaches_here(anchor.body)))
        found.append(LeaderReach(kind, tuple(sorted(direct)), tuple(paths),
                                 tuple(sorted(none)), tuple(sorted(unjudged))))
    return tuple(found)


def _sources(dataset: Dataset, organisation: str, networks: list[Network], used: set[str],
             as_of: date | None) -> tuple[str, ...]:
    cited = set(dataset.actors[organisation].sources)
    for network in networks:
        cited.update(network.sources)
        for target in network.targets:
            cited.update(target.sources)
        for entry in active_funding(network, as_of):
            cited.update(entry.sources)
    for ident in used:
        if ident in dataset.assumptions:
            cited.update(dataset.assumptions[ident].sources)
    return tuple(sorted(s for s in cited if s in dataset.sources))


__all__ = ["LeaderPath", "LeaderReach", "ProfileNetwork", "ProfileResult", "ProfileSeries",
           "basis", "profile"]
