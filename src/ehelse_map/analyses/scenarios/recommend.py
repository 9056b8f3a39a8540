"""Consolidation candidates: overlapping networks ranked by the meeting hours a merge would save.

Candidates are the overlapping pairs scoring at least `min_score` and the overlap groups of
three or more networks. Each is merged by `operations.merge_networks` (one meeting series per
role, the heaviest cadence kept, chosen at each end of the assumptions' ranges) and ranked by
the hours a year it takes off municipalities. The overlap that makes it a candidate and the
anchoring the merged network keeps or loses are reported with it. This is arithmetic on the
data, not advice: a merge changes mandates, ownership and funding that the data does not
describe.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, replace
from datetime import date
from typing import TYPE_CHECKING

from ehelse_map.analyses.burden import asked_of_each
from ehelse_map.analyses.evidence import Evidence
from ehelse_map.analyses.figures import difference
from ehelse_map.analyses.scenarios.operations import CADENCE_RULE, Merge, merge_networks
from ehelse_map.model import span as sp
from ehelse_map.model.records import Dataset, Network
from ehelse_map.model.scope import Filters, networks_in_scope, organisations_in_scope
from ehelse_map.model.span import Span

if TYPE_CHECKING:
    from ehelse_map.analyses.overlap import OverlapResult

DISCLAIMER = ("A computation on the data, not advice: it shows what merging overlapping "
              "networks would do to the meeting hours the data records, under the cadence "
              "rule below. Mandates, ownership, funding terms and the value of each meeting "
              "are not in the data.")
DEFAULT_MIN_SCORE = 0.25


@dataclass(frozen=True)
class AnchorKept:
    anchor: str
    """`health-leader`, `chief-executive` or `elected`."""
    status: str
    """`kept` (every merged network reached it), `extended` (some did; now all members do),
    `lost` (some did; the merged network does not), `none` (none did, none does),
    `gained` (none did; the merged network does)."""
    before: tuple[str, ...]
    """The merged networks that reached it before."""


@dataclass(frozen=True)
class Candidate:
    networks: tuple[str, ...]
    names: tuple[str, ...]
    kind: str
    """`pair` or `group`."""
    score: float
    """The pair's overlap score; for a group its highest pair score."""
    relation: str
    """For pairs: duplicate, nested or partial; for groups: `group`."""
    shared_areas: tuple[str, ...]
    shared_roles: tuple[str, ...]
    shared_organisations: int
    hours_before: Span
    """Meeting hours a year asked of all municipalities, before the merge."""
    hours_after: Span
    hours_saved: Span
    """hours_before − hours_after, at the centre and at each corner of the assumptions."""
    organisations_saving: int
    """Municipalities asked for fewer hours after the merge (aggregates counted as `count`,
    like `shared_organisations`)."""
    organisations_adding: int
    """Municipalities asked for more after the merge (reached by only some of the networks,
    which now get the heaviest cadence of all of them)."""
    anchoring: tuple[AnchorKept, ...]
    estimated: bool
    """The hours rest on at least one estimate."""
    rests_on: tuple[str, ...] = ()
    """Assumption ids the hours depend on."""
    inferred: tuple[str, ...] = ()
    """The merging networks whose records are partly inferred."""


@dataclass(frozen=True)
class RecommendResult:
    as_of: date | None
    candidates: tuple[Candidate, ...]
    """Merges that save hours: most hours saved first, then highest score, then ids."""
    considered: int
    """Overlapping pairs and groups looked at."""
    min_score: float
    adding: tuple[Candidate, ...] = ()
    """Merges looked at that would save no hours or add some: not consolidation candidates."""
    total_candidates: int = 0
    """Candidates before `top`."""
    disclaimer: str = DISCLAIMER
    rule: str = CADENCE_RULE
    municipalities_reached: int = 0
    """Municipalities in scope that the active networks reach (aggregates as `count`)."""
    observed_municipalities: int = 0
    """Of those, municipalities with survey answers in force: their hours before a merge rest
    on the answers; a merged network's hours come from the cadence rule on the targets."""


def recommend(dataset: Dataset, as_of: date | None, *, country: str | None = None,
              region: str | None = None, min_score: float = DEFAULT_MIN_SCORE,
              top: int | None = None, pairs: OverlapResult | None = None) -> RecommendResult:
    """Candidates ranked by hours saved. Each merge changes only the organisations its networks
    reach, so its effect is computed on those alone (linear in their coverage), never by
    re-running the whole burden analysis.

    `pairs`: the overlap of these networks with this `min_score`, when the caller has it
    (roles mode: no assumption moves it, so the sensitivity analysis finds it once)."""
    from ehelse_map.analyses.overlap import overlap

    found = pairs if pairs is not None else overlap(dataset, as_of, country=country,
                                                    region=region, min_score=min_score)
    specs: list[tuple[tuple[str, ...], str, float, str, tuple[str, ...], tuple[str, ...], int]] = [
        ((p.a, p.b), "pair", p.score, p.relation, p.shared_areas, p.shared_roles,
         p.shared_organisations) for p in found.pairs]
    for group in found.groups:
        if len(group.networks) >= 3:
            specs.append((group.networks, "group", group.max_score, "group", group.shared_areas,
                          (), 0))
    scope = _municipalities(dataset, as_of, country, region)
    active = {n.id: n for n in networks_in_scope(dataset, as_of, Filters(country=country))}
    evidence = Evidence(dataset, as_of)
    base_hours = _municipality_hours(dataset, active.values(), as_of, scope, evidence).rounded()
    reach_before = {i: anchor_kinds(dataset, active, i) for i in active}
    candidates = []
    for networks, kind, score, relation, areas, roles, shared in specs:
        merging = [dataset.networks[i] for i in networks]
        # merged on a data set of the merging networks alone: the merged record is the same,
        # and no other network is rewired (that made ranking grow with candidates × networks)
        alone = replace(dataset, networks={n.id: n for n in merging})
        merged = merge_networks(alone, Merge(networks)).networks[networks[0]]
        changes = _changes(dataset, merging, merged, as_of, scope, evidence)
        saved = _saved(changes)
        after = difference(saved, base_hours) if saved.value is not None else saved
        count = {m: dataset.actors[m].count for m in changes}
        reached = anchor_kinds(dataset, _AfterMerge(active, networks, merged), merged.id)
        candidates.append(Candidate(
            networks=networks, names=tuple(n.short_name or n.name for n in merging),
            kind=kind, score=score, relation=relation, shared_areas=areas, shared_roles=roles,
            shared_organisations=shared, hours_before=base_hours, hours_after=after.rounded(),
            hours_saved=saved, organisations_saving=sum(
                count[m] for m, (b, a) in changes.items() if _less(a, b)),
            organisations_adding=sum(count[m] for m, (b, a) in changes.items() if _less(b, a)),
            anchoring=_kept(networks, reach_before, reached),
            estimated=any(b.estimated or a.estimated for b, a in changes.values()),
            rests_on=tuple(sorted({a for n in merging for t in n.targets
                                   for a in t.assumptions})),
            inferred=tuple(n.id for n in merging if n.inferred or n.coverage.inferred)))
    saving = [c for c in candidates if (c.hours_saved.value or 0) > 0]
    adding = [c for c in candidates if (c.hours_saved.value or 0) <= 0]
    saving.sort(key=lambda c: (-(c.hours_saved.value or 0), -c.score, c.networks))
    adding.sort(key=lambda c: ((c.hours_saved.value or 0), -c.score, c.networks))
    asked = {m for n in active.values() for m in _municipal_members(dataset, n, as_of, scope)}
    answered = asked & {m for m, n in evidence.by_member if n in active}
    return RecommendResult(as_of=as_of, candidates=tuple(saving[:top] if top else saving),
                           considered=len(candidates), min_score=min_score,
                           adding=tuple(adding), total_candidates=len(saving),
                           municipalities_reached=sum(dataset.actors[m].count for m in asked),
                           observed_municipalities=sum(dataset.actors[m].count
                                                       for m in answered))


def _municipalities(dataset: Dataset, as_of: date | None, country: str | None,
                    region: str | None) -> frozenset[str]:
    """Municipalities in scope (`model.scope`'s rule)."""
    scope = organisations_in_scope(dataset, as_of, Filters(country=country, region=region))
    return frozenset(i for i in scope if dataset.actors[i].kind == "municipality")


def _municipal_members(dataset: Dataset, network: Network, as_of: date | None,
                       scope: frozenset[str]) -> tuple[str, ...]:
    return tuple(sorted(scope.intersection(network.coverage.members)))


def _asked(dataset: Dataset, network: Network, as_of: date | None,
           scope: frozenset[str], evidence: Evidence | None) -> dict[str, Span]:
    """Municipality -> hours a year the network asks of it, × its count (burden's rules:
    survey answers first, seats and participation as expected shares)."""
    asked = asked_of_each(dataset, network, _municipal_members(dataset, network, as_of, scope),
                          as_of, evidence)
    return {m: hours.scaled(dataset.actors[m].count) for m, hours in asked.items()}


def _municipality_hours(dataset: Dataset, networks: Iterable[Network], as_of: date | None,
                        scope: frozenset[str], evidence: Evidence) -> Span:
    """Σ over municipalities of the hours a year networks ask of them (the burden figure)."""
    return sp.total(h for n in networks
                    for h in _asked(dataset, n, as_of, scope, evidence).values())


def _changes(dataset: Dataset, merging: list[Network], merged: Network, as_of: date | None,
             scope: frozenset[str], evidence: Evidence) -> dict[str, tuple[Span, Span]]:
    """Municipality -> (hours before, hours after), × count, for those the merge touches;
    every other network's hours in them are the same before and after. Before, survey
    answers count; the merged network is a new one, which no answer describes (see
    `operations.merge_networks`)."""
    before: dict[str, list[Span]] = {}
    for network in merging:
        for m, hours in _asked(dataset, network, as_of, scope, evidence).items():
            before.setdefault(m, []).append(hours)
    after = _asked(dataset, merged, as_of, scope, None)
    return {m: (sp.total(before.get(m, [])) if m in before else sp.ZERO, after.get(m, sp.ZERO))
            for m in set(before) | set(after)}


def _less(a: Span, b: Span) -> bool:
    return a.value is not None and b.value is not None and a.value < b.value


def _saved(changes: dict[str, tuple[Span, Span]]) -> Span:
    """Hours the merge takes off, corner by corner: what the merging networks asked minus what
    the merged one asks, each at the same corner of the assumptions (the merged network's
    cadence chosen at that corner: `burden.kept_at`). A difference need not be monotone, so
    the range is the smallest and the largest of the all-low corner, the centre and the
    all-high corner. Unknown when any part is."""
    parts = [x for pair in changes.values() for x in pair]
    if any(x.value is None for x in parts):
        return Span(None, None, None, False, sum(x.unknown for x in parts) or 1)
    value = sum((b.value or 0) - (a.value or 0) for b, a in changes.values())
    corners = [value] + [
        sum(_end(getattr(b, end), b.value or 0) - _end(getattr(a, end), a.value or 0)
            for b, a in changes.values()) for end in ("low", "high")]
    return Span(round(value, 2), round(min(corners), 2), round(max(corners), 2),
                any(x.estimated for x in parts))


def _end(end: float | None, value: float) -> float:
    return value if end is None else end


class _AfterMerge(Mapping[str, Network]):
    """The active networks after a merge as anchoring looks them up: the merged networks gone,
    the merged one in their place, references to them renamed. Each network is renamed when it
    is looked up, so following a merge's few references never copies every network."""

    def __init__(self, active: dict[str, Network], merged_ids: tuple[str, ...],
                 merged: Network) -> None:
        self._active, self._ids, self._merged = active, merged_ids, merged

    def __getitem__(self, ident: str) -> Network:
        if ident == self._merged.id:
            return _renamed(self._merged, self._ids, self._merged.id)
        if ident in self._ids:
            raise KeyError(ident)
        return _renamed(self._active[ident], self._ids, self._merged.id)

    def __iter__(self) -> Iterator[str]:
        yield from (i for i in self._active if i not in self._ids)
        yield self._merged.id

    def __len__(self) -> int:
        return sum(1 for _ in self)


def _renamed(network: Network, merged: tuple[str, ...], new_id: str) -> Network:
    """Only the references that anchoring follows, pointed at the merged network."""
    def ids(values: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(new_id if v in merged else v for v in values)

    if not (set(network.reports_to) | set(network.steered_by) | {network.parent}) & set(merged):
        return network
    parent = new_id if network.parent in merged else network.parent
    return replace(network, reports_to=ids(network.reports_to),
                   steered_by=ids(network.steered_by), parent=parent)


def anchor_kinds(dataset: Dataset, networks: Mapping[str, Network], start: str
                 ) -> frozenset[str]:
    """Kinds of leader the network reaches: the anchors of the roles it targets, or that a
    network it reports to, is steered by or is part of targets, followed transitively (the
    rule of `analyses.anchoring`, which reports the paths; here only the kinds are needed)."""
    seen = {start}
    queue = [start]
    kinds: set[str] = set()
    while queue:
        network = networks.get(queue.pop())
        if network is None:
            continue
        for target in network.targets:
            role = dataset.roles.get(target.role)
            if role is not None and role.anchor:
                kinds.add(role.anchor)
        for ident in (*network.reports_to, *network.steered_by,
                      *((network.parent,) if network.parent else ())):
            if ident in networks and ident not in seen:
                seen.add(ident)
                queue.append(ident)
    return frozenset(kinds)


def _kept(networks: tuple[str, ...], before: dict[str, frozenset[str]],
          after: frozenset[str]) -> tuple[AnchorKept, ...]:
    from ehelse_map.analyses.anchoring import ANCHORS

    kept = []
    for kind in ANCHORS:
        had = tuple(n for n in networks if kind in before.get(n, frozenset()))
        if kind in after:
            status = "kept" if len(had) == len(networks) else "extended" if had else "gained"
        else:
            status = "lost" if had else "none"
        kept.append(AnchorKept(kind, status, had))
    return tuple(kept)
