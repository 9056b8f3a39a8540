"""Scenario files for `whatif`: strict YAML, checked like the data, with file:line:col problems.

```yaml
scenario_version: 1
name: One e-health network for the municipalities
operations:
  - merge: [ks-ekomp, velferdsteknologinettverket]
    into: kommunalt-ehelsenettverk        # optional: the merged network's id
    name: Kommunalt e-helsenettverk       # optional
  - retire: e-helse-seminar-2008
  - network: digi-vestland-ehelse
    targets: [{role: helseleiar, meetings_per_year: 2, hours_per_meeting: 3}]
    remove_targets: [ehelsekoordinator]
  - staffing: {capacity_hours_per_year: 200}
```

`staffing` takes `capacity_hours_per_year`, `rules` and `overrides` as in the data format; each
replaces the data's. `rules: [{persons: [[helseleiar]]}]` makes every role a person of its own.

The spec uses the field types of `load/spec.py` and the checker of `load/check_file.py`;
references are resolved against the data set the scenario is applied to, with the same `E012`
message and suggestion as the validator. What only applying the operations in order can find
(a network retired twice, or used after a merge took it away, `E012`; a network merged with
itself or into a taken id, `E015`) is located at the operation's field too.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from ehelse_map.analyses.scenarios.operations import (
    ChangeStaffing,
    Merge,
    Operation,
    Retire,
    Scenario,
    ScenarioError,
    SetTargets,
    apply_scenario,
)
from ehelse_map.load.check_file import Checked, check_tree
from ehelse_map.load.files import read_text
from ehelse_map.load.limits import Limits
from ehelse_map.load.spec import (
    ASSUMED_MAX,
    NAME,
    NOTE,
    PERSONS,
    Const,
    Dict,
    Int,
    List,
    Number,
    Obj,
    Ref,
    Text,
)
from ehelse_map.load.vocab import ID_PATTERN
from ehelse_map.load.yaml_tree import Mapping, parse
from ehelse_map.model.records import Dataset, StaffingRule, Target
from ehelse_map.problems import Problem, suggest

OPERATION_KEYS = ("merge", "retire", "network", "staffing")
TARGET = Obj({"role": Ref(("role",)), "meetings_per_year": Number(0),
              "hours_per_meeting": Number(0)},
             required=("role", "meetings_per_year", "hours_per_meeting"))
STAFFING_CHANGE = Obj({
    "capacity_hours_per_year": Number(0),
    "rules": List(Obj({"max_population": Int(0), "persons": PERSONS}, required=("persons",)),
                  min_items=1),
    "overrides": Dict(Ref(("actor",)), PERSONS),
})
OPERATION = Obj({
    "merge": List(Ref(("network",)), min_items=2), "into": Text(pattern=ID_PATTERN),
    "name": NAME, "retire": Ref(("network",)), "network": Ref(("network",)),
    "targets": List(TARGET), "remove_targets": List(Ref(("role",))),
    "staffing": STAFFING_CHANGE, "note": NOTE,
}, description="one of: merge (with into, name), retire, network (with targets, "
               "remove_targets), staffing")
ASSUME = Dict(Text(pattern=r"^[a-z0-9][a-z0-9-]*(\.[a-z0-9_-]+)?$"), Number(0, ASSUMED_MAX),
              description="assumption values to run the scenario under: ID or ID.name: value")
SCENARIO = Obj({"scenario_version": Const((1,)), "name": NAME, "description": NOTE,
                "assume": ASSUME, "operations": List(OPERATION, min_items=1)},
               required=("scenario_version", "operations"))
MAX_PROBLEMS = 1_000
_ALLOWED = {"merge": {"into", "name"}, "retire": set(), "network": {"targets", "remove_targets"},
            "staffing": set()}


def read_scenario(path: str, display: str, dataset: Dataset,
                  limits: Limits = Limits()) -> tuple[Scenario | None, list[Problem]]:
    """The scenario in `path`, or None and the problems (warnings may come with a scenario).

    Raises `load.files.InputError` when the file cannot be read at all.
    """
    text, problems = read_text(path, display, limits)
    if text is None:
        return None, problems
    root, parse_problems = parse(text, display, limits)
    problems += parse_problems
    if root is None:
        return None, problems
    if not isinstance(root, Mapping):
        return None, [*problems, Problem(display, root.line, root.column, "E010",
                                         "expected a mapping with scenario_version and operations")]
    checked = check_tree(SCENARIO, root, display, MAX_PROBLEMS)
    problems += checked.problems
    problems += _resolve(checked, display, dataset)
    problems += _shape(checked, display)
    problems += _assumed(checked, display, dataset)
    problems.sort(key=lambda p: (p.line, p.column, p.code))
    if any(p.severity == "error" for p in problems):
        return None, problems
    scenario = _build(checked.value, display)
    conflict = _conflict(scenario, checked, display, dataset)
    if conflict is not None:
        return None, sorted([*problems, conflict], key=lambda p: (p.line, p.column, p.code))
    return scenario, problems


def _assumed(checked: Checked, display: str, dataset: Dataset) -> list[Problem]:
    """Each `assume:` key must name an assumption value of the data set."""
    from ehelse_map.model.assume import AssumeError, resolve

    problems = []
    for key, value in ((checked.value or {}).get("assume") or {}).items():
        try:
            resolve(dataset, key, value)
        except AssumeError as error:
            line, column = checked.positions.get(f"assume.{key}", (1, 1))
            problems.append(Problem(display, line, column, "E012", str(error), f"assume.{key}"))
    return problems


def _conflict(scenario: Scenario, checked: Checked, display: str,
              dataset: Dataset) -> Problem | None:
    """What only applying the operations in order finds (a network merged with itself, or
    retired twice, or merged into an id that is taken), at the operation's field."""
    try:
        apply_scenario(dataset, scenario)
    except ScenarioError as error:
        index = error.index or 0
        path = f"operations[{index}]"
        field = f"{path}.{error.field}" if error.field else path
        line, column = checked.positions.get(field) or checked.positions.get(path, (1, 1))
        return Problem(display, line, column, error.code, str(error), field)
    return None


def _resolve(checked: Checked, display: str, dataset: Dataset) -> list[Problem]:
    known: dict[str, Collection[str]] = {"network": dataset.networks, "role": dataset.roles,
                                         "actor": dataset.actors}
    problems = []
    for use in checked.refs:
        kind = use.kinds[0]
        if use.value not in known[kind]:
            problems.append(Problem(display, use.line, use.column, "E012",
                                    f"unknown {kind} '{use.value}'"
                                    + suggest(use.value, known[kind]), use.path))
    return problems


def _shape(checked: Checked, display: str) -> list[Problem]:
    """Each operation has exactly one of OPERATION_KEYS, and only the fields that go with it."""
    problems = []
    for index, operation in enumerate((checked.value or {}).get("operations") or ()):
        if not isinstance(operation, dict):
            continue
        path = f"operations[{index}]"
        line, column = checked.positions.get(path, (1, 1))
        kinds = [k for k in OPERATION_KEYS if k in operation]
        if len(kinds) != 1:
            problems.append(Problem(display, line, column, "E011",
                                    "an operation needs exactly one of: "
                                    + ", ".join(OPERATION_KEYS)
                                    + (f" (found {', '.join(kinds)})" if kinds else ""), path))
            continue
        extra = set(operation) - {kinds[0], "note"} - _ALLOWED[kinds[0]]
        for name in sorted(extra):
            where = checked.positions.get(f"{path}.{name}", (line, column))
            problems.append(Problem(display, where[0], where[1], "E013",
                                    f"'{name}' does not go with '{kinds[0]}'", f"{path}.{name}"))
        if kinds[0] == "network" and not operation.get("targets") and not operation.get(
                "remove_targets"):
            problems.append(Problem(display, line, column, "E011",
                                    "a network operation needs targets or remove_targets", path))
    return problems


def _persons(groups: Any) -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(g) for g in groups or ())


def _build(value: dict[str, Any], display: str) -> Scenario:
    operations: list[Operation] = []
    for item in value["operations"]:
        if "merge" in item:
            operations.append(Merge(tuple(item["merge"]), item.get("into"), item.get("name")))
        elif "retire" in item:
            operations.append(Retire(item["retire"]))
        elif "network" in item:
            operations.append(SetTargets(
                item["network"],
                tuple(Target.of(t["role"], t["meetings_per_year"], t["hours_per_meeting"])
                      for t in item.get("targets") or ()),
                tuple(item.get("remove_targets") or ())))
        else:
            staffing = item["staffing"] or {}
            rules = staffing.get("rules")
            overrides = staffing.get("overrides")
            operations.append(ChangeStaffing(
                capacity_hours_per_year=staffing.get("capacity_hours_per_year"),
                rules=tuple(StaffingRule(r.get("max_population"), _persons(r["persons"]))
                            for r in rules) if rules is not None else None,
                overrides={k: _persons(v) for k, v in overrides.items()}
                if overrides is not None else None))
    return Scenario(name=value.get("name") or display, operations=tuple(operations),
                    description=value.get("description"),
                    assume=dict(value.get("assume") or {}))
