"""`ehelse-map anchoring`: which networks reach health leaders, chief executives, politicians."""

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
    TopOption,
    in_scope,
    load,
)
from ehelse_map.render.formats import Format


def anchoring(data: DataOption = None, assume: AssumeOption = None, fmt: FormatOption = Format.table,
              as_of: AsOfOption = None, country: CountryOption = None,
              region: RegionOption = None, area: AreaOption = None,
              top: TopOption = None) -> None:
    """Show which networks reach health leaders, chief executives and politicians.

    Directly as targets, or via a body the network reports to, is steered by or is part of.
    """
    from ehelse_map.analyses.anchoring import anchoring as run
    from ehelse_map.cli.progress import stages
    from ehelse_map.cli.terminal import draw, screen_top, show
    from ehelse_map.render.analysis_tables import anchoring_table

    top, limited = screen_top(top, fmt)
    with stages(3) as step:
        step("load the data")
        dataset = load(data, assume=assume)
        day, scope = in_scope(dataset, as_of, country=country, region=region, area=area)
        step("follow the paths")
        result = run(dataset, day, country=scope.country, region=scope.region,
                     area=scope.area, top=top)
        step("lay out the table")
        output = draw(anchoring_table(result), result, fmt, limited=limited)
    show(output)


def register(app: typer.Typer) -> None:
    app.command("anchoring")(anchoring)
