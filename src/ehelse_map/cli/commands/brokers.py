"""`ehelse-map brokers`: who connects state, region and municipality."""

from __future__ import annotations

import typer

from ehelse_map.cli.options import (
    AsOfOption,
    AssumeOption,
    CountryOption,
    DataOption,
    FormatOption,
    RegionOption,
    TopOption,
    emit,
    in_scope,
    load,
)
from ehelse_map.render.formats import Format


def brokers(data: DataOption = None, assume: AssumeOption = None,
            fmt: FormatOption = Format.table, as_of: AsOfOption = None,
            country: CountryOption = None, region: RegionOption = None,
            top: TopOption = None) -> None:
    """Show who connects state, region and municipality.

    Betweenness and degree centrality of actors and networks in the actor–network graph.
    """
    from ehelse_map.analyses.brokers import brokers as run
    from ehelse_map.render.analysis_tables import brokers_table
    from ehelse_map.render.table import render
    dataset = load(data, assume=assume)
    day, scope = in_scope(dataset, as_of, country=country, region=region)
    result = run(dataset, day, country=scope.country, region=scope.region, top=top)
    emit(render(brokers_table(result), result, fmt))


def register(app: typer.Typer) -> None:
    app.command("brokers")(brokers)
