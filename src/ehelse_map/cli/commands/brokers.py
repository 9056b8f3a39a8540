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
    from ehelse_map.cli.progress import stages
    from ehelse_map.cli.terminal import draw, screen_top, show
    from ehelse_map.render.analysis_tables import brokers_table

    top, limited = screen_top(top, fmt)
    with stages(3) as step:
        step("load the data")
        dataset = load(data, assume=assume)
        day, scope = in_scope(dataset, as_of, country=country, region=region)
        step("measure centrality")
        result = run(dataset, day, country=scope.country, region=scope.region, top=top)
        step("lay out the table")
        output = draw(brokers_table(result), result, fmt, limited=limited)
    show(output)


def register(app: typer.Typer) -> None:
    app.command("brokers")(brokers)
