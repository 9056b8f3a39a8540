"""Scenario operations: apply consolidation proposals to a copy of a data set.

A scenario is a list of operations applied in order to a copy of the data set:

- **merge** networks into one. The merged network reaches the union of their coverage and
  has the union of their areas, tasks, funding lines, reporting and steering lines and
  sources. *Cadence rule*: for each targeted role the merged network holds one meeting series,
  the one of the merged networks' targets for that role with the most hours a year (ties: the
  first network named). So a role targeted by both networks is asked for the larger of the two
  loads, never the sum, and a role targeted by one keeps its cadence. The rule is applied at
  each end of the assumptions' ranges on its own: the low end of the merged hours is the
  largest of the series' lows, the high end the largest of their highs, even where another
  series is kept at the central values (`Target.merged`, `burden.kept_at`). Its id is `into` (default:
  the first network named), its host, kind, level, country and parent those of the first;
  its period runs from the earliest start to the latest end. References from other networks
  to a merged network point to the merged one.
- **retire** a network: it is removed, and references to it are dropped.
- **targets**: set a network's cadence for a role (adding the role when missing), or remove
  a role (a cadence of 0 meetings removes it too).
- **staffing**: replace the capacity, the rules and/or the overrides of the staffing
  assumption; `separate_roles` makes every role a person of its own.

Survey answers (`Dataset.observations`) describe the networks as they are. An operation that
changes a network sets the answers about it aside: a merged network is a new one, whose
cadence the cadence rule gives from the targets; a retired network asks nothing; a role whose
cadence is set (or that is removed) keeps no answer about the cadence it had.

Nothing here reads files or prints; `file` reads the YAML form, and `whatif` compares the key
figures before and after.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from ehelse_map.analyses.burden import QUANTITY_END, hours_at, kept_at
from ehelse_map.model.records import (
    Coverage,
    Dataset,
    Network,
    Observation,
    Period,
    Staffing,
    StaffingRule,
    Target,
    documented,
)
from ehelse_map.problems import plural

CADENCE_RULE = ("merged networks meet once per role: for each role the cadence with the most "
                "hours a year among the merged networks' targets is kept, the others dropped; "
                "the choice is made again at the low and at the high ends of the assumptions' "
                "ranges")


class ScenarioError(ValueError):
    """An operation cannot be applied: it names a network or role the data set does not have
    (any more), or merges a network with itself or into an id that is taken.

    `index` is the operation's place in the scenario (from 0), `field` the operation's field
    at fault (`merge`, `into`, `retire`, `network`, `targets`), `code` the problem code and
    `network` the unknown network, if that is the fault; a scenario file turns them into a
    `file:line:col` problem.
    """

    def __init__(self, message: str, field: str | None = None, code: str = "E012", *,
                 index: int | None = None, network: str | None = None) -> None:
        super().__init__(message)
        self.field = field
        self.code = code
        self.index = index
        self.network = network


@dataclass(frozen=True)
class Merge:
    networks: tuple[str, ...]
    into: str | None = None
    name: str | None = None


@dataclass(frozen=True)
class Retire:
    network: str


@dataclass(frozen=True)
class SetTargets:
    network: str
    targets: tuple[Target, ...] = ()
    """Cadences to set (a role already targeted gets the new cadence)."""
    remove: tuple[str, ...] = ()
    """Roles no longer targeted."""


@dataclass(frozen=True)
class ChangeStaffing:
    capacity_hours_per_year: float | None = None
    rules: tuple[StaffingRule, ...] | None = None
    overrides: dict[str, tuple[tuple[str, ...], ...]] | None = None
    separate_roles: bool = False


Operation = Merge | Retire | SetTargets | ChangeStaffing


@dataclass(frozen=True)
class Scenario:
    name: str
    operations: tuple[Operation, ...]
    description: str | None = None
    assume: dict[str, float] = field(default_factory=dict)
    """Assumption values (`ID` or `ID.name` -> value) the scenario is run under, before and
    after alike (`model.assume`)."""


def describe(operation: Operation) -> str:
    if isinstance(operation, Merge):
        into = f" into {operation.into}" if operation.into else ""
        return f"merge {', '.join(operation.networks)}{into}"
    if isinstance(operation, Retire):
        return f"retire {operation.network}"
    if isinstance(operation, SetTargets):
        parts = [f"{t.role} {t.cadence().split(' = ')[0]}"
                 for t in operation.targets] + [f"drop {r}" for r in operation.remove]
        return f"targets of {operation.network}: {', '.join(parts)}"
    parts = []
    if operation.capacity_hours_per_year is not None:
        parts.append(f"capacity {operation.capacity_hours_per_year:g} h/yr")
    if operation.separate_roles:
        parts.append("every role a person of its own")
    if operation.rules is not None:
        parts.append(f"{len(operation.rules)} staffing rules")
    if operation.overrides is not None:
        parts.append(f"{len(operation.overrides)} overrides")
    return "staffing: " + (", ".join(parts) or "unchanged")


def apply_scenario(dataset: Dataset, scenario: Scenario) -> Dataset:
    """The data set after the scenario's operations, in order. Raises ScenarioError, with the
    index of the operation at fault."""
    gone: dict[str, str] = {}  # network id -> the operation that retired or merged it away
    for index, operation in enumerate(scenario.operations):
        try:
            after = _apply(dataset, operation)
        except ScenarioError as error:
            message = str(error)
            if error.network in gone:
                message = (f"network '{error.network}' is no longer there: "
                           f"{gone[error.network]} took it away")
            raise ScenarioError(message, error.field, error.code, index=index,
                                network=error.network) from None
        gone.update({i: f"operation {index + 1} ({describe(operation)})"
                     for i in dataset.networks if i not in after.networks})
        dataset = after
    return dataset


def _apply(dataset: Dataset, operation: Operation) -> Dataset:
    if isinstance(operation, Merge):
        return merge_networks(dataset, operation)
    if isinstance(operation, Retire):
        return retire_network(dataset, operation.network)
    if isinstance(operation, SetTargets):
        return set_targets(dataset, operation)
    return change_staffing(dataset, operation)


def _require(dataset: Dataset, ident: str, field: str) -> Network:
    if ident not in dataset.networks:
        from ehelse_map.problems import suggest

        raise ScenarioError(f"unknown network '{ident}'" + suggest(ident, dataset.networks),
                            field, network=ident)
    return dataset.networks[ident]


def _union(*groups: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(i for g in groups for i in g))


def merged_targets(networks: list[Network]) -> tuple[Target, ...]:
    """The cadence rule: per role, the target with the most hours a year at the central values
    (first on ties), which remembers every series of the role (`Target.merged`) so that the
    rule is applied again at the low and the high ends (`burden.kept_at`)."""
    series: dict[str, list[Target]] = {}
    sources: dict[str, tuple[str, ...]] = {}
    for network in networks:
        for target in network.targets:
            sources[target.role] = _union(sources.get(target.role, ()), target.sources)
            # a network merged before brings every series it was merged from
            series.setdefault(target.role, []).extend(target.merged or (target,))
    kept = []
    for role, candidates in series.items():
        central = kept_at(candidates, "value")
        assert central is not None  # every role here has a series
        kept.append(replace(central, sources=sources[role],
                            merged=tuple(candidates) if len(candidates) > 1 else ()))
    return tuple(kept)


def explain_merge(dataset: Dataset, merge: Merge) -> tuple[str, ...]:
    """Per targeted role, which meeting series the cadence rule keeps and which it drops."""
    networks = [dataset.networks[i] for i in dict.fromkeys(merge.networks)
                if i in dataset.networks]
    by_role: dict[str, list[tuple[str, Target]]] = {}
    for network in networks:
        for target in network.targets:
            by_role.setdefault(target.role, []).append((network.id, target))
    kept = {t.role: t for t in merged_targets(networks)}
    reached = {n.id: set(n.coverage.members) for n in networks}
    union = set().union(*reached.values())

    def newly_asked(series: list[tuple[str, Target]]) -> str:
        """The organisations the merged network asks for the role that none of its askers did."""
        asked = set().union(*(reached[i] for i, _ in series))
        extra = sum(dataset.actors[m].count for m in union - asked if m in dataset.actors)
        return (f"; the merged network also asks for it in {extra} organisation"
                f"{'s' if extra != 1 else ''} that only the others reached" if extra else "")

    lines = []
    for role, series in by_role.items():
        def cadence(t: Target) -> str:
            return t.cadence()

        if len(series) == 1:
            lines.append(f"{role}: only {series[0][0]} asks for it; its {cadence(series[0][1])} "
                         f"is kept{newly_asked(series)}")
            continue
        keep = next(i for i, t in series if t is kept[role] or (
            t.meetings_per_year, t.hours_per_meeting) == (kept[role].meetings_per_year,
                                                          kept[role].hours_per_meeting))
        dropped = [f"{i}'s {cadence(t)}" for i, t in series if i != keep]
        lines.append(f"{role}: asked by {plural(len(series), 'network')}; {keep}'s "
                     f"{cadence(kept[role])} is kept, {', '.join(dropped)} dropped in every "
                     f"organisation both reach{newly_asked(series)}{_at_ends(series, keep)}")
    if not any(len(s) > 1 for s in by_role.values()):
        lines.append("no role is asked for by more than one of the merged networks, so no "
                     "meeting series is dropped")
    return tuple(lines)


def _at_ends(series: list[tuple[str, Target]], central: str) -> str:
    """Where the cadence rule keeps another network's series at the low or the high ends of
    the assumptions' ranges than at the central values, which one."""
    owned = [(i, s) for i, t in series for s in (t.merged or (t,))]
    notes = []
    for end, words in (("low", "low"), ("high", "high")):
        kept = kept_at((s for _, s in owned), end)
        owner = next((i for i, s in owned if s is kept), central)
        if kept is not None and owner != central:
            meetings, hours = (getattr(q, QUANTITY_END[end]) for q in (kept.meetings, kept.hours))
            notes.append(f"at the {words} ends of the assumptions' ranges {owner}'s "
                         f"{meetings:g}×{hours:g} h = {hours_at(kept, end):g} h/yr is kept")
    return "; " + ", and ".join(notes) if notes else ""


def merge_networks(dataset: Dataset, merge: Merge) -> Dataset:
    networks = [_require(dataset, i, "merge") for i in dict.fromkeys(merge.networks)]
    if len(networks) < 2:
        twice = f"; '{networks[0].id}' is named twice" if len(merge.networks) > 1 else ""
        raise ScenarioError(f"a merge needs at least two different networks{twice}", "merge",
                            "E015")
    first = networks[0]
    new_id = merge.into or first.id
    merged_ids = {n.id for n in networks}
    if new_id in dataset.networks and new_id not in merged_ids:
        raise ScenarioError(f"cannot merge into '{new_id}': another network has that id",
                            "into", "E015")
    if new_id in dataset.actors:
        raise ScenarioError(f"cannot merge into '{new_id}': an actor has that id", "into",
                            "E015")
    members = _union(*(n.coverage.members for n in networks))
    counts = [n.coverage.count for n in networks if n.coverage.count]
    coverage = Coverage(members, None if members or not counts else max(counts),
                        "union of the merged networks' coverage")
    funding = tuple(dict.fromkeys(f for n in networks for f in n.funding))
    merged = replace(
        first, id=new_id,
        name=merge.name or " + ".join(n.short_name or n.name for n in networks),
        short_name=merge.name or None, coverage=coverage,
        areas=_union(*(n.areas for n in networks)), tasks=_union(*(n.tasks for n in networks)),
        targets=merged_targets(networks), sources=_union(*(n.sources for n in networks)),
        parent=first.parent if first.parent not in merged_ids else None,
        participants=_union(*(n.participants for n in networks)), funding=funding,
        reports_to=_union(*(n.reports_to for n in networks)),
        steered_by=_union(*(n.steered_by for n in networks)),
        period=_merged_period([n.period for n in networks]),
        inferred=f"what-if: merge of {', '.join(n.id for n in networks)}", location=None)
    rest = {i: n for i, n in dataset.networks.items() if i not in merged_ids}
    rest[new_id] = merged
    renamed: dict[str, str | None] = {i: new_id for i in merged_ids}
    return replace(dataset, networks={i: _rewire(n, renamed) for i, n in sorted(rest.items())},
                   observations=_set_aside(dataset, merged_ids | {new_id}))


def _set_aside(dataset: Dataset, networks: set[str],
               roles: set[str] | None = None) -> tuple[Observation, ...]:
    """The survey answers that still describe the data set once `networks` (only their
    `roles`, when given) changed."""
    return tuple(o for o in dataset.observations
                 if o.network not in networks or (roles is not None and o.role not in roles))


def _merged_period(periods: list[Period]) -> Period:
    starts = [p.start for p in periods]
    ends = [p.end for p in periods]
    start = None if any(s is None for s in starts) else min(
        starts, key=lambda s: s.earliest())  # type: ignore[union-attr]
    end = None if any(e is None for e in ends) else max(
        ends, key=lambda e: e.latest())  # type: ignore[union-attr]
    return Period(start, end)


def _rewire(network: Network, renamed: dict[str, str | None]) -> Network:
    """References to renamed networks follow them; references to None are dropped."""
    def ids(values: tuple[str, ...]) -> tuple[str, ...]:
        mapped = (renamed.get(v, v) for v in values)
        return tuple(dict.fromkeys(v for v in mapped if v is not None and v != network.id))

    if not renamed.keys() & _references(network):
        return network
    parent = renamed.get(network.parent, network.parent) if network.parent else None
    funding = tuple(replace(f, reports_to=renamed.get(f.reports_to, f.reports_to))
                    if f.reports_to in renamed else f for f in network.funding)
    return replace(network, parent=parent if parent != network.id else None,
                   reports_to=ids(network.reports_to), steered_by=ids(network.steered_by),
                   participants=ids(network.participants),
                   funding=tuple(dict.fromkeys(funding)))


def _references(network: Network) -> set[str]:
    found = set(network.reports_to) | set(network.steered_by) | set(network.participants)
    found |= {f.reports_to for f in network.funding if f.reports_to}
    if network.parent:
        found.add(network.parent)
    return found


def retire_network(dataset: Dataset, ident: str) -> Dataset:
    _require(dataset, ident, "retire")
    rest = {i: _rewire(n, {ident: None}) for i, n in dataset.networks.items() if i != ident}
    return replace(dataset, networks=rest, observations=_set_aside(dataset, {ident}))


def set_targets(dataset: Dataset, operation: SetTargets) -> Dataset:
    network = _require(dataset, operation.network, "network")
    for role in (*operation.remove, *(t.role for t in operation.targets)):
        if role not in dataset.roles:
            from ehelse_map.problems import suggest

            raise ScenarioError(f"unknown role '{role}'" + suggest(role, dataset.roles),
                                "targets" if role not in operation.remove else "remove_targets")
    new = {t.role: t for t in operation.targets}
    drop = set(operation.remove) | {r for r, t in new.items() if t.meetings_per_year == 0}
    targets = [new.pop(t.role, t) for t in network.targets]
    targets += new.values()
    kept = tuple(t for t in targets if t.role not in drop)
    networks = dict(dataset.networks)
    networks[network.id] = replace(network, targets=kept)
    changed = set(operation.remove) | {t.role for t in operation.targets}
    return replace(dataset, networks=networks,
                   observations=_set_aside(dataset, {network.id}, changed))


def change_staffing(dataset: Dataset, operation: ChangeStaffing) -> Dataset:
    staffing = dataset.staffing or Staffing(assumption="what-if", rules=())
    if operation.separate_roles:
        staffing = replace(staffing, rules=(StaffingRule(None, ()),), overrides={})
    if operation.rules is not None:
        staffing = replace(staffing, rules=operation.rules)
    if operation.overrides is not None:
        staffing = replace(staffing, overrides=dict(operation.overrides))
    if operation.capacity_hours_per_year is not None:
        capacity = operation.capacity_hours_per_year
        staffing = replace(staffing, capacity_hours_per_year=capacity,
                           capacity=documented(capacity))
    return replace(dataset, staffing=staffing)


__all__ = ["CADENCE_RULE", "ChangeStaffing", "Merge", "Operation", "Retire", "Scenario",
           "ScenarioError", "SetTargets", "apply_scenario", "describe", "merge_networks",
           "merged_targets", "retire_network", "set_targets"]
