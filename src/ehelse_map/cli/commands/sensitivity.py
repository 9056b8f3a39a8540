"""`ehelse-map sensitivity`: how sure are the headline figures?"""

from __future__ import annotations

from typing import Annotated

import typer

from ehelse_map.cli.options import (
    AsOfOption,
    AssumeOption,
    CountryOption,
    DataOption,
    FormatOption,
    LangOption,
    RegionOption,
    emit,
    in_scope,
    language,
    load,
)
from ehelse_map.render.formats import Format


def sensitivity(
    data: DataOption = None, assume: AssumeOption = None, fmt: FormatOption = Format.table,
    lang: LangOption = None, as_of: AsOfOption = None, country: CountryOption = None,
    region: RegionOption = None,
    top: Annotated[int, typer.Option("--top", min=1, max=50, metavar="N",
                                     help="Rank stability of the top N.")] = 5,
    samples: Annotated[int, typer.Option("--samples", min=0, max=10_000, metavar="K",
                                         help="Points drawn in the box of all ranges.")] = 40,
    seed: Annotated[int, typer.Option("--seed", help="Seed of the sample.")] = 0,
) -> None:
    """Which assumptions move the headline figures most, and how stable the top ranks are.

    Swings one assumption at a time from its low to its high end (a tornado), and samples the
    box of all ranges for the rank stability of merge candidates and overlap pairs.
    """
    from ehelse_map.analyses.sensitivity import sensitivity as run
    from ehelse_map.cli.progress import stages
    from ehelse_map.cli.terminal import (
        Drawn,
        draw_table,
        show,
        with_assumed,
        with_assumed_json,
    )
    from ehelse_map.render.sensitivity_view import (
        stability_table,
        swings_table,
        tornado_tables,
    )
    from ehelse_map.render.table import render, render_json

    with stages(3) as step:
        step("load the data")
        dataset = load(data, assume=assume)
        day, scope = in_scope(dataset, as_of, country=country, region=region)
        step("swing the assumptions and sample their ranges")
        result = run(dataset, day, country=scope.country, region=scope.region, top=top,
                     samples=samples, seed=seed)
        step("lay out the tables")
        words = language(lang, fmt)
        tables = (*(tornado_tables(result, words) if fmt is Format.table
                    else (swings_table(result, words),)),
                  stability_table(result, words))
        if fmt is Format.table:
            drawn = [draw_table(table, last=i == len(tables) - 1)
                     for i, table in enumerate(tables)]
            output = Drawn("\n".join(d.text for d in drawn),
                           sum(d.lines for d in drawn) + len(drawn) - 1, table=True)
    if fmt is Format.json:
        emit(with_assumed_json(render_json(result)))
    elif fmt is Format.table:
        show(output)
    else:
        emit("\n".join(render(with_assumed(table) if i == len(tables) - 1 else table, result,
                              fmt) for i, table in enumerate(tables)))

def register(app: typer.Typer) -> None:
    app.command("sensitivity")(sensitivity)
