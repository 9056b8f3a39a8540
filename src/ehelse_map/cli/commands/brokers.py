"""`ehelse-map brokers`: who connects state, region and municipality."""

from __future__ import annotations

import typer

from ehelse_map.cli.options import (AsOfOption, CountryOption, DataOption, FormatOption, TopOption,
                       as_of_date, emit, load)
from ehelse_map.load.limits import Format


def brokers(data: DataOption = None, fmt: FormatOption = Format.table, as_of: AsOfOption = None,
            country: CountryOption = None, top: TopOption = None) -> None:
    """Show who connects state, region and municipality.

    Betweenness and degree centrality of actors and networks in the actor–network graph.
    """
    from ehelse_map.analyses.brokers import brokers as run
    from ehelse_map.render.analysis_tables import brokers_table
    from ehelse_map.render.table import render
    from ehelse_map.cli.commands._analysis import check_filters

    dataset = load(data)
    check_filters(dataset, country=country)
    result = run(dataset, as_of_date(as_of), country=country, top=top)
    emit(render(brokers_table(result), result, fmt))


def register(app: typer.Typer) -> None:
    app.command("brokers")(brokers)
