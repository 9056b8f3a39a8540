"""The evaluation's findings (seed 004, F1–F6) answered from the data, with what each answer
rests on. Pure: every number here comes from the analyses, computed once for the report.

Each finding carries its figures and its *evidence*: the documented records it counts, the
estimates (assumption ids) and inferences it rests on, and the assumptions that were themselves
taken from the evaluation's findings. An answer that rests on an assumption taken from the same
finding cannot confirm it; `circular` says so, and F1 is also computed with every role held by a
person of its own, so the report can show what the data says without the staffing assumption.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace
from datetime import date

from ehelse_map.analyses.anchoring import AnchoringResult
from ehelse_map.analyses.burden import BurdenResult, BurdenRow, SizeClassRow, burden_views
from ehelse_map.analyses.funding import FundingResult
from ehelse_map.analyses.overlap import OverlapPair, OverlapResult
from ehelse_map.analyses.scenarios.recommend import Candidate, RecommendResult
from ehelse_map.model.records import Dataset, Staffing, StaffingRule
from ehelse_map.model.span import Span

#: A person asked by this many networks or more is "the target of several networks".
MANY_NETWORKS = 3


@dataclass(frozen=True)
class Evidence:
    documented: tuple[str, ...] = ()
    """Records (network ids) whose documented values the answer counts."""
    estimated: tuple[str, ...] = ()
    """Assumption ids of the estimates it rests on."""
    inferred: tuple[str, ...] = ()
    """Records partly inferred that it rests on."""
    from_findings: tuple[tuple[str, str], ...] = ()
    """(assumption id, finding) of assumptions taken from the evaluation's findings."""


@dataclass(frozen=True)
class F1:
    """Complex actor map; the same person is the target of several networks."""

    networks: int
    municipalities_many: int
    """Municipalities (aggregates by their count) where one person is asked by
    MANY_NETWORKS or more networks."""
    municipalities_reached: int
    over_capacity: Span
    capacity: Span | None
    most_loaded: tuple[BurdenRow, ...]
    """The most loaded persons: every person tied at the highest hours (one row if no tie)."""
    by_size: tuple[SizeClassRow, ...]
    by_size_separate: tuple[SizeClassRow, ...]
    """The same with every role held by a person of its own (no staffing assumption)."""
    staffing: str | None
    evidence: Evidence


@dataclass(frozen=True)
class F2:
    documented: int
    networks: int
    multi_funded: tuple[str, ...]
    most_lines: tuple[tuple[str, str, int, int], ...]
    """(organisation id, name, reporting lines, networks) of the organisations answering to the
    most reporting lines (ties kept)."""
    evidence: Evidence


@dataclass(frozen=True)
class F3:
    pairs: int
    strongest: tuple[OverlapPair, ...]
    """The pairs with the highest scores: the top three, and any tied with the third."""
    not_compared: int
    evidence: Evidence


@dataclass(frozen=True)
class F4:
    joint: int
    best: Candidate | None
    adding: int
    """Merges looked at that would save no hours."""
    min_score: float
    evidence: Evidence


@dataclass(frozen=True)
class F5:
    judged: int
    """Networks that name target roles: only those can reach leaders directly."""
    no_roles: int
    """Networks in scope that name no target role: not judged, never counted as 'none'."""
    missing: tuple[tuple[str, int], ...]
    """(anchor kind, networks with roles that reach it neither directly nor by a path)."""
    unanchored: int
    evidence: Evidence


@dataclass(frozen=True)
class F6:
    tasks: tuple[tuple[str, int], ...]
    evidence: Evidence


@dataclass(frozen=True)
class Findings:
    as_of: date
    f1: F1
    f2: F2
    f3: F3
    f4: F4
    f5: F5
    f6: F6

    def circular(self, code: str) -> tuple[str, ...]:
        """Assumptions taken from finding `code` that its own answer rests on."""
        evidence: Evidence = getattr(self, code.lower()).evidence
        return tuple(sorted({a for a, finding in evidence.from_findings if finding == code}))


def findings(dataset: Dataset, as_of: date, *, networks: list[str], overlap: OverlapResult,
             orgs: BurdenResult, people: BurdenResult, money: FundingResult,
             anchors: AnchoringResult, merges: RecommendResult,
             country: str | None = None, region: str | None = None) -> Findings:
    """F1–F6 from results the caller computed once (the report's sections show the same)."""
    return Findings(
        as_of=as_of,
        f1=_f1(dataset, as_of, networks, orgs, people, country, region),
        f2=_f2(dataset, money),
        f3=_f3(dataset, overlap),
        f4=_f4(dataset, networks, merges),
        f5=_f5(dataset, anchors, overlap),
        f6=_f6(dataset, networks),
    )


def _from_findings(dataset: Dataset, assumptions: set[str]) -> tuple[tuple[str, str], ...]:
    return tuple(sorted((a, f) for a in assumptions if a in dataset.assumptions
                        for f in dataset.assumptions[a].from_findings))


def _evidence(dataset: Dataset, networks: set[str], assumptions: set[str]) -> Evidence:
    known = {n for n in networks if n in dataset.networks}
    return Evidence(
        documented=tuple(sorted(n for n in known if not dataset.networks[n].rests_on_estimates)),
        estimated=tuple(sorted(assumptions)),
        inferred=tuple(sorted(n for n in known if dataset.networks[n].inferred
                              or dataset.networks[n].coverage.inferred)),
        from_findings=_from_findings(dataset, assumptions))


def _municipal(dataset: Dataset, rows: tuple[BurdenRow, ...]) -> list[BurdenRow]:
    return [r for r in rows if r.organisation
            and dataset.actors[r.organisation].kind == "municipality"]


def _separate(staffing: Staffing | None) -> Staffing | None:
    """The staffing assumption without its groups: every role a person of its own."""
    if staffing is None:
        return None
    return replace(staffing, rules=(StaffingRule(None, ()),), overrides={})


def _f1(dataset: Dataset, as_of: date, networks: list[str], orgs: BurdenResult,
        people: BurdenResult, country: str | None, region: str | None) -> F1:
    persons = _municipal(dataset, people.rows)
    municipal = _municipal(dataset, orgs.rows)
    many = {r.organisation for r in persons if r.networks >= MANY_NETWORKS}
    counts = {a.id: a.count for a in dataset.actors.values()}
    known = [r for r in persons if r.hours_per_year.value is not None]
    top = max((r.hours_per_year.value or 0.0 for r in known), default=None)
    most = tuple(sorted((r for r in known if r.hours_per_year.value == top),
                        key=lambda r: r.key)) if top else ()
    (separate,) = burden_views(dataset, as_of, ("size-class",), country=country, region=region,
                               staffing=_separate(dataset.staffing))
    over = Span(sum((r.over_capacity.value or 0) * r.organisations for r in municipal),
                sum((r.over_capacity.low or 0) * r.organisations for r in municipal),
                sum((r.over_capacity.high or 0) * r.organisations for r in municipal),
                any(r.over_capacity.estimated for r in municipal))
    used = set(orgs.assumptions)
    return F1(
        networks=len(networks), municipalities_many=sum(counts[o] for o in many if o),
        municipalities_reached=sum(r.organisations for r in municipal),
        over_capacity=over, capacity=orgs.capacity_hours_per_year, most_loaded=most,
        by_size=orgs.size_classes, by_size_separate=separate.size_classes,
        staffing=dataset.staffing.assumption if dataset.staffing else None,
        evidence=_evidence(dataset, {n for r in municipal for n in r.network_ids}, used))


def _f2(dataset: Dataset, money: FundingResult) -> F2:
    ranked = sorted(money.organisations, key=lambda o: (-o.reporting_lines, o.organisation))
    top = ranked[0].reporting_lines if ranked else 0
    most = tuple((o.organisation, o.name, o.reporting_lines, o.networks) for o in ranked
                 if o.reporting_lines == top and top > 0)
    funded = {n.network for n in money.networks if n.documented}
    return F2(documented=money.total_networks - len(money.undocumented),
              networks=money.total_networks, multi_funded=money.multi_funded, most_lines=most,
              evidence=_evidence(dataset, funded, set()))


def _f3(dataset: Dataset, found: OverlapResult) -> F3:
    pairs = list(found.pairs)
    strongest = pairs[:3]
    if len(pairs) > 3:
        strongest += [p for p in pairs[3:] if p.score == pairs[2].score]
    involved = {n for p in strongest for n in (p.a, p.b)}
    return F3(pairs=len(pairs), strongest=tuple(strongest), not_compared=len(found.not_compared),
              evidence=_evidence(dataset, involved, set(found.assumptions)))


def _f4(dataset: Dataset, networks: list[str], merges: RecommendResult) -> F4:
    joint = [n for n in networks if "implementation" in dataset.networks[n].tasks]
    best = merges.candidates[0] if merges.candidates else None
    used = set(best.rests_on) if best else set()
    return F4(joint=len(joint), best=best, adding=len(merges.adding),
              min_score=merges.min_score,
              evidence=_evidence(dataset, set(best.networks) if best else set(joint), used))


def _f5(dataset: Dataset, anchors: AnchoringResult, found: OverlapResult) -> F5:
    judged = [n for n in anchors.networks if dataset.networks[n.network].targets]
    no_roles = len(anchors.networks) - len(judged)
    missing = tuple((kind, sum(1 for n in judged for a in n.anchors
                               if a.anchor == kind and a.how == "none"))
                    for kind in ("health-leader", "chief-executive", "elected"))
    unanchored = sum(1 for n in judged if n.reached == 0)
    return F5(judged=len(judged), no_roles=no_roles, missing=missing, unanchored=unanchored,
              evidence=_evidence(dataset, {n.network for n in judged}, set()))


def _f6(dataset: Dataset, networks: list[str]) -> F6:
    tasks = Counter(t for n in networks for t in dataset.networks[n].tasks)
    return F6(tasks=tuple(sorted(tasks.items(), key=lambda i: (-i[1], i[0]))),
              evidence=_evidence(dataset, set(networks), set()))
