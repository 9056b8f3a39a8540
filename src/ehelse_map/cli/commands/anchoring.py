"""`ehelse-map anchoring`: which networks reach health leaders, chief executives, politicians."""

from __future__ import annotations

import typer

from ehelse_map.cli.options import (AreaOption, AsOfOption, CountryOption, DataOption, FormatOption,
                       TopOption, as_of_date, emit, load)
from ehelse_map.load.limits import Format


def anchoring(data: DataOption = None, fmt: FormatOption = Format.table,
              as_of: AsOfOption = None, country: CountryOption = None, area: AreaOption = None,
              top: TopOption = None) -> None:
    """Show which networks reach health leaders, chief executives and politicians.

    Directly as targets, or via a body the network reports to, is steered by or is part of.
    """
    from ehelse_map.analyses.anchoring import anchoring as run
    from ehelse_map.render.analysis_tables import anchoring_table
    from ehelse_map.render.table import render
    from ehelse_map.cli.commands._analysis import check_filters

    dataset = load(data)
    check_filters(dataset, country=country, area=area)
    result = run(dataset, as_of_date(as_of), country=country, area=area, top=top)
    emit(render(anchoring_table(result), result, fmt))


def register(app: typer.Typer) -> None:
    app.command("anchoring")(anchoring)
