"""Overlapping mandates: which networks ask the same people in the same organisations for the
same thing (finding F3 of the evaluation, seed 004).

The score of a pair is a weighted Jaccard index over (area, role, organisation) combinations:

    T(n)  = areas(n) × roles(n) × organisations(n)
    W(S)  = Σ over (area, role, org) in S of count(org)       (an aggregate actor weighs `count`)
    score = W(T(a) ∩ T(b)) / W(T(a) ∪ T(b))

Because T(n) is a product, W(T(n)) = |areas|·|roles|·W(organisations) and the intersection is the
product of the three intersections, so no combination is ever enumerated. The score is 1 for
identical networks and 0 when they share no area, no role or no organisation.

In persons mode (`persons=True`, `overlap --persons`) the role is replaced by the person holding
it under the staffing assumption, organisation by organisation: networks asking the coordinator
and the welfare-technology coordinator of a small municipality, where one person holds both,
then overlap there. W sums count(org) × persons per organisation instead.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, replace
from datetime import date
from itertools import combinations

from ehelse_map.analyses.common import short_name, take
from ehelse_map.analyses.staffing import holders, persons_for
from ehelse_map.model.records import Dataset, Network
from ehelse_map.model.scope import (
    Filters,
    areas_of,
    members,
    narrower_areas,
    networks_in_scope,
    organisations_in_scope,
    roles_of,
)
from ehelse_map.runtime import without_collections

DUPLICATE_AT = 0.9
"""A pair scoring at least this is `duplicate` (near-identical)."""

GROUP_THRESHOLD = 0.25
"""Pairs scoring at least this join their networks into one group."""


@dataclass(frozen=True)
class OverlapPair:
    """Two networks that reach the same role in the same organisation on the same area."""

    a: str
    """Id of one network; `a < b`, so each pair is listed once."""
    b: str
    """Id of the other network."""
    a_name: str
    b_name: str
    score: float
    """Weighted Jaccard index of the two (area, role, organisation) sets, in [0, 1], 4 decimals."""
    relation: str
    """`duplicate` (score >= DUPLICATE_AT), `nested` (one's reach inside the other's on the
    shared areas) or `partial`."""
    inner: str | None
    """The network whose reach lies inside the other's, when one does."""
    shared_areas: tuple[str, ...]
    shared_roles: tuple[str, ...]
    """Roles targeted by both (in persons mode: roles of the persons targeted by both)."""
    shared_organisations: int
    """Organisations where both reach the same role (person); aggregates count `count`."""
    shared_members: tuple[str, ...]
    """Ids of those organisations."""
    sources: tuple[str, ...]
    """Sources of the two network records."""
    via_broader: tuple[str, ...] = ()
    """Shared areas one network covers through a broader mandate: `ehelse ⊃ legemiddel`."""
    inferred: tuple[str, ...] = ()
    """Of the two, the networks whose records are partly inferred."""


@dataclass(frozen=True)
class OverlapGroup:
    """Networks connected by overlaps scoring at least the group threshold."""

    networks: tuple[str, ...]
    pairs: int
    """Pairs inside the group at or above the threshold."""
    max_score: float
    shared_areas: tuple[str, ...]
    """Areas shared by at least one of those pairs."""


@dataclass(frozen=True)
class NotCompared:
    """A network in scope that cannot overlap anything, and why."""

    network: str
    reason: str
    """`no target roles`, `no areas`, or `organisations not listed` (coverage gives a count)."""


@dataclass(frozen=True)
class OverlapResult:
    as_of: date | None
    filters: Filters
    pairs: tuple[OverlapPair, ...]
    """Sorted by score (highest first), then ids."""
    groups: tuple[OverlapGroup, ...]
    """Sorted by size (largest first), then first id; built from every pair (before
    `min_score` and `top` cut the listing)."""
    not_compared: tuple[NotCompared, ...]
    networks: int
    """Networks in scope (active, filtered)."""
    min_score: float = 0.0
    group_threshold: float = GROUP_THRESHOLD
    duplicate_at: float = DUPLICATE_AT
    persons: bool = False
    """Roles were merged into persons by the staffing assumption before comparing."""
    assumptions: tuple[str, ...] = ()
    """The staffing assumption, in persons mode."""
    total_pairs: int = 0
    """Pairs scoring at least `min_score`, before `top` cut the listing."""

    def at_least(self, min_score: float) -> OverlapResult:
        """The result `overlap` gives with this higher `min_score` (the groups are built from
        every pair, so only the listing changes): what the report hands `recommend` instead
        of comparing every pair again."""
        if min_score < self.min_score or len(self.pairs) < self.total_pairs:
            raise ValueError("at_least needs the uncut result of a lower min_score")
        listed = tuple(p for p in self.pairs if p.score >= min_score)
        return replace(self, pairs=listed, min_score=min_score, total_pairs=len(listed))


Person = tuple[str, ...]
"""A person is the group of roles they hold (a role alone when no staffing group names it)."""


@dataclass(frozen=True)
class _Reach:
    network: Network
    areas: frozenset[str]
    roles: frozenset[str]
    members: frozenset[str]
    role_people: frozenset[Person]
    """The persons targeted in every organisation, when they do not depend on the organisation."""
    people: dict[str, frozenset[Person]] | None
    """Organisation -> persons targeted there (persons mode); None: `role_people` everywhere."""
    total: int
    """W(T(n))."""
    start: date
    end: date
    """The active period's bounds, open ends as date.min / date.max."""

    def persons(self, org: str) -> frozenset[Person]:
        return self.role_people if self.people is None else self.people[org]

    def keys(self) -> set[Person]:
        if self.people is None:
            return set(self.role_people)
        return {p for persons in self.people.values() for p in persons}


@without_collections
def overlap(dataset: Dataset, as_of: date | None, *, country: str | None = None,
            region: str | None = None, area: str | None = None, role: str | None = None,
            top: int | None = None, min_score: float = 0.0,
            group_threshold: float = GROUP_THRESHOLD, persons: bool = False) -> OverlapResult:
    """Overlapping pairs of networks active on `as_of` (None: any time, periods must overlap).

    Filters narrow the combination space itself: `region` keeps only organisations in it,
    `area` and `role` keep only that area or role; the score is computed on what remains.
    With `persons`, roles are first merged into persons by the staffing assumption, so two
    networks targeting different roles held by the same person overlap in that organisation.
    Networks are indexed by (area, role or person), so only pairs sharing a key are compared.
    """
    filters = Filters(country=country, region=region, area=area, role=role, top=top)
    reaches, not_compared = _reaches(dataset, as_of, filters, persons)
    # Candidates share an organisation (from an organisation -> networks index) and an
    # (area, role or person) key; indexing by key alone grows with the square of the networks
    # (773,000 candidates at 10x Nordic scale for 2,242 real pairs).
    keys = {i: {(a, p) for a in r.areas for p in r.keys()} for i, r in reaches.items()}  # noqa: SIM118
    by_member: dict[str, list[str]] = defaultdict(list)
    for ident in sorted(reaches):
        for member in reaches[ident].members:
            by_member[member].append(ident)
    sharing: set[tuple[str, str]] = set()
    for bucket in by_member.values():
        sharing.update(combinations(bucket, 2))
    candidates = {(a, b) for a, b in sharing if not keys[a].isdisjoint(keys[b])}
    weights = {i: dataset.actors[i].count for r in reaches.values() for i in r.members}
    pairs = [p for p in (_pair(dataset, reaches[a], reaches[b], weights) for a, b in candidates)
             if p is not None]
    pairs.sort(key=lambda p: (-p.score, p.a, p.b))
    listed = tuple(p for p in pairs if p.score >= min_score)
    staffing = dataset.staffing
    return OverlapResult(
        as_of=as_of, filters=filters, pairs=take(listed, top),
        groups=_groups(pairs, group_threshold), not_compared=tuple(not_compared),
        networks=len(reaches) + len(not_compared), min_score=min_score,
        group_threshold=group_threshold, persons=persons,
        assumptions=(staffing.assumption,) if persons and staffing else (),
        total_pairs=len(listed))


def _reaches(dataset: Dataset, as_of: date | None, filters: Filters,
             by_person: bool) -> tuple[dict[str, _Reach], list[NotCompared]]:
    reaches: dict[str, _Reach] = {}
    skipped: list[NotCompared] = []
    held: dict[str, dict[str, Person]] = {}
    scope = organisations_in_scope(dataset, as_of, filters)
    closure = narrower_areas(dataset)
    for network in networks_in_scope(dataset, as_of, filters):
        roles = roles_of(network, filters)
        if filters.role is not None and not roles:
            continue  # outside the role filter altogether
        reached = members(network, scope)
        if filters.region is not None and not reached:
            continue  # reaches nobody in the region (or nobody known)
        if not roles:
            skipped.append(NotCompared(network.id, "no target roles"))
        elif not network.areas:
            skipped.append(NotCompared(network.id, "no areas"))
        elif not network.coverage.members and network.coverage.count:
            skipped.append(NotCompared(network.id, "organisations not listed"))
        elif reached:
            areas = frozenset(areas_of(network, filters, closure))
            people = None
            if by_person:
                for org in reached:
                    if org not in held:
                        held[org] = holders(persons_for(dataset.actors[org], dataset.staffing))
                people = {org: frozenset(held[org].get(r, (r,)) for r in roles)
                          for org in reached}
                total = len(areas) * sum(dataset.actors[o].count * len(p)
                                         for o, p in people.items())
            else:
                total = len(areas) * len(roles) * sum(dataset.actors[m].count for m in reached)
            period = network.period
            reaches[network.id] = _Reach(
                network, areas, frozenset(roles), frozenset(reached),
                frozenset((r,) for r in roles), people, total,
                period.start.earliest() if period.start else date.min,
                period.end.latest() if period.end else date.max)
    return reaches, skipped


def _pair(dataset: Dataset, x: _Reach, y: _Reach, weights: dict[str, int]) -> OverlapPair | None:
    # Candidates already share an organisation; periods that never meet end it here
    # (the same rule as Period.overlaps, with bounds computed once per network).
    if max(x.start, y.start) > min(x.end, y.end):
        return None
    shared_areas = x.areas & y.areas
    in_both = x.members & y.members
    common: AbstractSet[Person]  # a frozenset, or a set built up per organisation
    if x.people is None and y.people is None:
        common = x.role_people & y.role_people
        shared = sorted(in_both) if common else []
        people_weight = len(common) * sum(weights[m] for m in shared)
    else:
        common, shared, people_weight = set(), [], 0
        for org in sorted(in_both):
            here = x.persons(org) & y.persons(org)
            if here:
                shared.append(org)
                people_weight += weights[org] * len(here)
                common |= here
    if not shared or not shared_areas:
        return None
    inter = len(shared_areas) * people_weight
    score = inter / (x.total + y.total - inter)
    relation, inner = _relation(x, y, score)
    a, b = x.network, y.network
    shared_roles = {r for person in common for r in person} & (x.roles | y.roles)
    return OverlapPair(
        a=a.id, b=b.id, a_name=short_name(dataset, a.id), b_name=short_name(dataset, b.id),
        score=round(score, 4), relation=relation, inner=inner,
        shared_areas=tuple(sorted(shared_areas)), shared_roles=tuple(sorted(shared_roles)),
        shared_organisations=sum(weights[m] for m in shared), shared_members=tuple(shared),
        sources=tuple(sorted(set(a.sources) | set(b.sources))),
        via_broader=_via_broader(dataset, (a, b), shared_areas),
        inferred=tuple(n.id for n in (a, b) if n.inferred or n.coverage.inferred))


def _via_broader(dataset: Dataset, networks: tuple[Network, Network],
                 shared: AbstractSet[str]) -> tuple[str, ...]:
    """`ehelse ⊃ legemiddel` for each shared area a network has only through a broader one."""
    found = set()
    for network in networks:
        own = set(network.areas)
        for area in shared - own:
            for ancestor in _ancestors(dataset, area):
                if ancestor in own:
                    found.add(f"{ancestor} ⊃ {area}")
    return tuple(sorted(found))


def _ancestors(dataset: Dataset, area: str) -> list[str]:
    """Every area above `area`, nearest first."""
    found: list[str] = []
    todo = list(dataset.areas[area].broader) if area in dataset.areas else []
    while todo:
        parent = todo.pop(0)
        if parent not in found:
            found.append(parent)
            todo += list(dataset.areas[parent].broader) if parent in dataset.areas else []
    return found


def _relation(x: _Reach, y: _Reach, score: float) -> tuple[str, str | None]:
    """Classify a pair; `x` and `y` are in id order.

    x is inside y on the shared areas when x's organisations are a subset of y's and, in each,
    the roles (persons) x targets are a subset of those y targets.
    When both are inside each other (same reach), the one whose areas are a subset of the
    other's is the inner one; with areas that differ both ways the pair is `partial`.
    """
    x_in_y = _inside(x, y)
    y_in_x = _inside(y, x)
    inner: str | None = None
    if x_in_y and y_in_x:
        if x.areas <= y.areas:
            inner = x.network.id
        elif y.areas <= x.areas:
            inner = y.network.id
    elif x_in_y:
        inner = x.network.id
    elif y_in_x:
        inner = y.network.id
    if score >= DUPLICATE_AT:
        return "duplicate", inner
    return ("nested" if inner else "partial"), inner


def _inside(x: _Reach, y: _Reach) -> bool:
    """x's reach (organisations, and the roles or persons targeted in each) lies in y's."""
    if not x.members <= y.members:
        return False
    if x.people is None and y.people is None:
        return x.roles <= y.roles
    return all(x.persons(org) <= y.persons(org) for org in x.members)


def _groups(pairs: list[OverlapPair], threshold: float) -> tuple[OverlapGroup, ...]:
    """Connected components of the graph of pairs scoring at least `threshold` (union-find)."""
    parent: dict[str, str] = {}

    def find(node: str) -> str:
        parent.setdefault(node, node)
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    strong = [p for p in pairs if p.score >= threshold]
    for pair in strong:
        ra, rb = find(pair.a), find(pair.b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    members_of: dict[str, list[OverlapPair]] = defaultdict(list)
    for pair in strong:
        members_of[find(pair.a)].append(pair)
    groups = []
    for group_pairs in members_of.values():
        networks = sorted({n for p in group_pairs for n in (p.a, p.b)})
        groups.append(OverlapGroup(
            networks=tuple(networks), pairs=len(group_pairs),
            max_score=max(p.score for p in group_pairs),
            shared_areas=tuple(sorted({a for p in group_pairs for a in p.shared_areas}))))
    groups.sort(key=lambda g: (-len(g.networks), g.networks))
    return tuple(groups)
