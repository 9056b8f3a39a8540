"""`ehelse-map whatif`: apply a consolidation scenario and compare the key figures."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ehelse_map.cli.options import (
    HOURS_IN_A_YEAR,
    AsOfOption,
    AssumeOption,
    CountryOption,
    DataOption,
    LangOption,
    RegionOption,
    assumed,
    emit,
    fail,
    in_scope,
    language,
    load,
    say,
)
from ehelse_map.render.formats import ScenarioFormat

if TYPE_CHECKING:
    from ehelse_map.problems import Problem, Report


def whatif(
    scenario_file: Annotated[Path | None, typer.Argument(
        metavar="[SCENARIO]", show_default=False,
        help="A scenario YAML file (docs/evaluator-workflow.md); options below add to it.")
    ] = None,
    merge: Annotated[list[str] | None, typer.Option(
        "--merge", metavar="A,B[,...]", help="Merge these networks (into the first). Repeatable."
    )] = None,
    retire: Annotated[list[str] | None, typer.Option(
        "--retire", metavar="ID", help="Retire this network. Repeatable.")] = None,
    cadence: Annotated[list[str] | None, typer.Option(
        "--cadence", metavar="NET:ROLE=MxH",
        help="Set a network's cadence for a role: M meetings a year of H hours; 0 drops the "
             "role. Repeatable.")] = None,
    capacity: Annotated[float | None, typer.Option(
        "--capacity", metavar="HOURS", min=0, max=HOURS_IN_A_YEAR,
        help="Coordination hours one person can give a year.")] = None,
    separate_roles: Annotated[bool, typer.Option(
        "--separate-roles", help="Staffing: every role is held by a person of its own.")
    ] = False,
    data: DataOption = None, assume: AssumeOption = None,
    lang: LangOption = None,
    as_of: AsOfOption = None,
    country: CountryOption = None,
    region: RegionOption = None,
    fmt: Annotated[ScenarioFormat, typer.Option(
        "--format", "-f", case_sensitive=False, help="table, json or markdown.")
    ] = ScenarioFormat.table,
) -> None:
    """Try a consolidation scenario: key figures before, after and the difference.

    What if networks were merged or retired, cadences or staffing changed? Shows overlap,
    meeting hours, the most burdened person, reporting lines and anchoring before and after.

    Merged networks meet once per role, at the cadence with the most hours a year among them.
    """
    from ehelse_map.analyses.scenarios.cadence import parse_cadence
    from ehelse_map.analyses.scenarios.operations import (
        ChangeStaffing,
        Merge,
        Operation,
        Retire,
        Scenario,
        ScenarioError,
        SetTargets,
    )
    from ehelse_map.analyses.scenarios.whatif import what_if
    from ehelse_map.cli.progress import stages
    from ehelse_map.cli.terminal import use_color, with_assumed_json, with_assumed_text
    from ehelse_map.model.records import Target
    from ehelse_map.render.problems import render_text
    from ehelse_map.render.scenario_view import COMMAND_LINE, WHATIF

    with stages(1) as step:
        step("load the data")
        dataset = load(data, assume=assume)
    day, scope = in_scope(dataset, as_of, country=country, region=region)
    operations: list[Operation] = []
    name = COMMAND_LINE
    if scenario_file is not None:
        from ehelse_map.analyses.scenarios.file import read_scenario
        from ehelse_map.load.check_set import display_path
        from ehelse_map.load.files import InputError

        try:
            scenario, problems = read_scenario(str(scenario_file),
                                               display_path(str(scenario_file)), dataset)
        except InputError as error:
            raise fail(str(error)) from None
        if problems:
            say(render_text(_report(problems), use_color(sys.stderr)))
        if scenario is None:
            raise fail(f"{scenario_file}: the scenario has errors", 1)
        operations += scenario.operations
        name = scenario.name
        if scenario.assume:
            dataset = assumed(dataset, [f"{k}={v:g}" for k, v in scenario.assume.items()])
    try:
        for text in merge or ():
            operations.append(Merge(tuple(i.strip() for i in text.split(",") if i.strip())))
        operations += [Retire(i) for i in retire or ()]
        for text in cadence or ():
            network, role, meetings, hours = parse_cadence(text)
            operations.append(SetTargets(network, (Target.of(role, meetings, hours),)))
    except ValueError as error:
        raise fail(f"--cadence: {error}") from None
    if capacity is not None or separate_roles:
        operations.append(ChangeStaffing(capacity_hours_per_year=capacity,
                                         separate_roles=separate_roles))
    if not operations:
        raise fail("nothing to do: give a SCENARIO file or --merge, --retire, --cadence, "
                   "--capacity or --separate-roles")
    try:
        with stages(1) as step:
            step("compare before and after")
            result = what_if(dataset, Scenario(name, tuple(operations)), day,
                             country=scope.country, region=scope.region)
    except ScenarioError as error:
        raise fail(str(error)) from None
    text = WHATIF[fmt](result, language(lang))
    emit(with_assumed_json(text) if fmt is ScenarioFormat.json else with_assumed_text(text))


def _report(problems: list[Problem]) -> Report:
    from ehelse_map.problems import Report

    return Report(tuple(problems), tuple(sorted({p.file for p in problems})))


def register(app: typer.Typer) -> None:
    app.command("whatif")(whatif)
