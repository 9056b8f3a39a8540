"""`ehelse-map funding`: funding sources and the reporting lines they bring."""

from __future__ import annotations

import enum
from typing import Annotated

import typer

from ehelse_map.cli.options import (
    AreaOption,
    AsOfOption,
    AssumeOption,
    CountryOption,
    DataOption,
    FormatOption,
    RegionOption,
    TopOption,
    in_scope,
    load,
)
from ehelse_map.render.formats import Format


class By(str, enum.Enum):
    network = "network"
    organisation = "organisation"


def funding(data: DataOption = None, assume: AssumeOption = None,
            fmt: FormatOption = Format.table, as_of: AsOfOption = None,
            by: Annotated[By, typer.Option(
                "--by", case_sensitive=False,
                help="One row per network, or per organisation reached.")] = By.network,
            country: CountryOption = None, region: RegionOption = None, area: AreaOption = None,
            top: TopOption = None) -> None:
    """Show funding sources and the reporting lines they bring.

    Per network its funders and schemes; per organisation the distinct lines reaching it.
    """
    from ehelse_map.analyses.funding import funding as run
    from ehelse_map.cli.progress import stages
    from ehelse_map.cli.terminal import draw, screen_top, show
    from ehelse_map.render.analysis_tables import funding_organisations_table, funding_table

    top, limited = screen_top(top, fmt)
    with stages(3) as step:
        step("load the data")
        dataset = load(data, assume=assume)
        day, scope = in_scope(dataset, as_of, country=country, region=region, area=area)
        step("follow the funding")
        result = run(dataset, day, country=scope.country, region=scope.region,
                     area=scope.area, top=top)
        step("lay out the table")
        table = (funding_table(result) if by is By.network
                 else funding_organisations_table(result))
        output = draw(table, result, fmt, limited=limited)
    show(output)


def register(app: typer.Typer) -> None:
    app.command("funding")(funding)
