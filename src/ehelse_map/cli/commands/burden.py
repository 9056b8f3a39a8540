"""`ehelse-map burden`: the time networks ask of each organisation, person, role and region."""

from __future__ import annotations

import enum
from typing import Annotated

import typer

from ehelse_map.cli.options import (
    HOURS_IN_A_YEAR,
    AreaOption,
    AsOfOption,
    AssumeOption,
    CountryOption,
    DataOption,
    FormatOption,
    LangOption,
    RegionOption,
    RoleOption,
    TopOption,
    in_scope,
    language,
    load,
)
from ehelse_map.render.formats import Format


class By(str, enum.Enum):
    """The views of `burden` (the same names as `ehelse_map.analyses.burden.BY`)."""

    municipality = "municipality"
    person = "person"
    role = "role"
    region = "region"
    size_class = "size-class"


def burden(data: DataOption = None, assume: AssumeOption = None,
           fmt: FormatOption = Format.table, lang: LangOption = None, as_of: AsOfOption = None,
           by: Annotated[By, typer.Option(
               "--by", case_sensitive=False,
               help="One row per municipality (member organisation), person, role, region, "
                    "or municipality size class.")] = By.municipality,
           country: CountryOption = None, region: RegionOption = None, area: AreaOption = None,
           role: RoleOption = None, top: TopOption = None,
           capacity: Annotated[float | None, typer.Option(
               "--capacity", min=0.0, max=HOURS_IN_A_YEAR, metavar="HOURS",
               help="Coordination hours one person can give a year [default: the data's "
                    "staffing assumption].")] = None) -> None:
    """Show the coordination burden on municipalities, persons, roles and regions.

    Hours a year, areas, funding and reporting lines, load against a person's capacity.
    """
    from ehelse_map.analyses.burden import burden as run
    from ehelse_map.cli.progress import stages
    from ehelse_map.cli.terminal import draw, screen_top, show
    from ehelse_map.render.analysis_tables import burden_table

    top, limited = screen_top(top, fmt)
    with stages(3) as step:
        step("load the data")
        dataset = load(data, assume=assume)
        day, scope = in_scope(dataset, as_of, country=country, region=region, area=area,
                              role=role)
        step(f"add up the burden by {by.value}")
        result = run(dataset, day, by=by.value, country=scope.country, region=scope.region,
                     area=scope.area, role=scope.role, top=top, capacity=capacity)
        step("lay out the table")
        output = draw(burden_table(result, language(lang, fmt)), result, fmt, limited=limited)
    show(output)


def register(app: typer.Typer) -> None:
    app.command("burden")(burden)
