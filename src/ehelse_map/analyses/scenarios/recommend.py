"""Consolidation candidates: overlapping networks ranked by the meeting hours a merge would save.

Candidates are the overlapping pairs scoring at least `min_score` and the overlap groups of
three or more networks. Each is merged by `whatif.merge_networks` (one meeting series per role,
the heaviest cadence kept) and ranked by the hours a year it takes off municipalities. The
overlap that makes it a candidate and the anchoring the merged network keeps or loses are
reported with it. This is arithmetic on the data, not advice: a merge changes mandates,
ownership and funding that the data does not describe.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, replace
from datetime import date

from ehelse_map.analyses.scenarios.operations import CADENCE_RULE, Merge, merge_networks
from ehelse_map.model.records import Dataset, Network

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
    hours_before: float
    """Meeting hours a year asked of all municipalities, before the merge."""
    hours_after: float
    hours_saved: float
    """hours_before − hours_after; negative when the merge would add hours."""
    organisations_saving: int
    organisations_adding: int
    """Organisations asked for more after the merge (reached by only some of the networks,
    which now get the heaviest cadence of all of them)."""
    anchoring: tuple[AnchorKept, ...]
    estimated: bool
    """The hours rest on at least one estimated cadence."""


@dataclass(frozen=True)
class RecommendResult:
    as_of: date | None
    candidates: tuple[Candidate, ...]
    """Most hours saved first, then highest score, then ids."""
    considered: int
    min_score: float
    disclaimer: str = DISCLAIMER
    rule: str = CADENCE_RULE


def recommend(dataset: Dataset, as_of: date | None, *, country: str | None = None,
              region: str | None = None, min_score: float = DEFAULT_MIN_SCORE,
              top: int | None = None) -> RecommendResult:
    """Candidates ranked by hours saved. Each merge changes only the organisations its networks
    reach, so its effect is computed on those alone (linear in their coverage), never by
    re-running the whole burden analysis."""
    from ehelse_map.analyses.overlap import overlap

    found = overlap(dataset, as_of, country=country, region=region, min_score=min_score)
    specs: list[tuple[tuple[str, ...], str, float, str, tuple[str, ...], tuple[str, ...], int]] = [
        ((p.a, p.b), "pair", p.score, p.relation, p.shared_areas, p.shared_roles,
         p.shared_organisations) for p in found.pairs]
    for group in found.groups:
        if len(group.networks) >= 3:
            specs.append((group.networks, "group", group.max_score, "group", group.shared_areas,
                          (), 0))
    scope = _municipalities(dataset, as_of, country, region)
    active = {n.id: n for n in dataset.networks.values()
              if (as_of is None or n.period.active_on(as_of))
              and (country is None or n.country == country)}
    base_hours = round(_municipality_hours(dataset, active.values(), as_of, scope), 2)
    reach_before = {i: anchor_kinds(dataset, active, i) for i in active}
    candidates = []
    for networks, kind, score, relation, areas, roles, shared in specs:
        merging = [dataset.networks[i] for i in networks]
        # merged on a data set of the merging networks alone: the merged record is the same,
        # and no other network is rewired (that made ranking grow with candidates × networks)
        alone = replace(dataset, networks={n.id: n for n in merging})
        merged = merge_networks(alone, Merge(networks)).networks[networks[0]]
        changes = _changes(dataset, merging, merged, as_of, scope)
        saved = round(sum(b - a for b, a, _ in changes.values()), 2)
        reached = anchor_kinds(dataset, _AfterMerge(active, networks, merged), merged.id)
        candidates.append(Candidate(
            networks=networks, names=tuple(n.short_name or n.name for n in merging),
            kind=kind, score=score, relation=relation, shared_areas=areas, shared_roles=roles,
            shared_organisations=shared, hours_before=base_hours,
            hours_after=round(base_hours - saved, 2), hours_saved=saved,
            organisations_saving=sum(1 for b, a, _ in changes.values() if a < b),
            organisations_adding=sum(1 for b, a, _ in changes.values() if a > b),
            anchoring=_kept(networks, reach_before, reached),
            estimated=any(e for _, _, e in changes.values())))
    candidates.sort(key=lambda c: (-c.hours_saved, -c.score, c.networks))
    return RecommendResult(as_of=as_of, candidates=tuple(candidates[:top] if top else candidates),
                           considered=len(candidates), min_score=min_score)


def _municipalities(dataset: Dataset, as_of: date | None, country: str | None,
                    region: str | None) -> frozenset[str]:
    """Municipalities that count, by the analyses' scope rule: active on `as_of`, in the
    country, and in the region (or the region itself)."""
    return frozenset(a.id for a in dataset.actors.values()
                     if a.kind == "municipality"
                     and (as_of is None or a.period.active_on(as_of))
                     and (country is None or a.country == country)
                     and (region is None or region in (a.region, a.id)))


def _municipal_members(dataset: Dataset, network: Network, as_of: date | None,
                       scope: frozenset[str]) -> tuple[str, ...]:
    return tuple(sorted(scope.intersection(network.coverage.members)))


def _municipality_hours(dataset: Dataset, networks: Iterable[Network], as_of: date | None,
                        scope: frozenset[str]) -> float:
    """Σ over municipalities of the hours a year networks ask of them (the burden figure)."""
    return sum(sum(t.hours_per_year for t in n.targets)
               * sum(dataset.actors[m].count for m in _municipal_members(dataset, n, as_of,
                                                                          scope))
               for n in networks)


def _changes(dataset: Dataset, merging: list[Network], merged: Network, as_of: date | None,
             scope: frozenset[str]) -> dict[str, tuple[float, float, bool]]:
    """Municipality -> (hours before, hours after, estimated), × count, for those the merge
    touches; every other network's hours in them are the same before and after."""
    before: dict[str, float] = {}
    estimated: dict[str, bool] = {}
    for network in merging:
        hours = sum(t.hours_per_year for t in network.targets)
        for m in _municipal_members(dataset, network, as_of, scope):
            before[m] = before.get(m, 0.0) + hours * dataset.actors[m].count
            estimated[m] = estimated.get(m, False) or network.rests_on_estimates
    after_hours = sum(t.hours_per_year for t in merged.targets)
    result = {}
    for m in _municipal_members(dataset, merged, as_of, scope):
        after = after_hours * dataset.actors[m].count
        result[m] = (before.get(m, 0.0), after, estimated.get(m, False)
                     or merged.rests_on_estimates)
    return result


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
