"""`ehelse-map gaps`: mandate areas × regions, uncovered and crowded."""

from __future__ import annotations

import typer

from ehelse_map.cli.options import (
    AreaOption,
    AsOfOption,
    AssumeOption,
    CountryOption,
    DataOption,
    FormatOption,
    RegionOption,
    in_scope,
    load,
)
from ehelse_map.render.formats import Format


def gaps(data: DataOption = None, assume: AssumeOption = None,
         fmt: FormatOption = Format.table, as_of: AsOfOption = None,
         country: CountryOption = None, region: RegionOption = None,
         area: AreaOption = None) -> None:
    """Show mandate areas × regions: how many active networks cover each cell.

    Uncovered cells (0) and crowded cells (3 or more) are counted under the matrix.
    """
    from ehelse_map.analyses.gaps import gaps as run
    from ehelse_map.cli.progress import stages
    from ehelse_map.cli.terminal import draw, show
    from ehelse_map.render.analysis_tables import gaps_table

    with stages(3) as step:
        step("load the data")
        dataset = load(data, assume=assume)
        day, scope = in_scope(dataset, as_of, country=country, region=region, area=area)
        step("count networks per cell")
        result = run(dataset, day, country=scope.country, region=scope.region,
                     area=scope.area)
        step("lay out the table")
        output = draw(gaps_table(result), result, fmt)
    show(output)


def register(app: typer.Typer) -> None:
    app.command("gaps")(gaps)
