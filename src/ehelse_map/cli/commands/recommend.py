"""`ehelse-map recommend`: consolidation candidates ranked by the meeting hours they would save."""

from __future__ import annotations

from typing import Annotated

import typer

from ehelse_map.cli.options import (
    AsOfOption,
    AssumeOption,
    CountryOption,
    DataOption,
    LangOption,
    RegionOption,
    emit,
    in_scope,
    language,
    load,
)
from ehelse_map.render.formats import ScenarioFormat


def recommend(
    data: DataOption = None, assume: AssumeOption = None,
    as_of: AsOfOption = None,
    country: CountryOption = None,
    region: RegionOption = None,
    min_score: Annotated[float, typer.Option(
        "--min-score", min=0.0, max=1.0, help="Consider pairs with at least this overlap score.")
    ] = 0.25,
    top: Annotated[int, typer.Option(
        "--top", metavar="N", min=0, help="Show the N best candidates; 0 for all.")] = 10,
    fmt: Annotated[ScenarioFormat, typer.Option(
        "--format", "-f", case_sensitive=False, help="table, json or markdown.")
    ] = ScenarioFormat.table,
    lang: LangOption = None,
) -> None:
    """Rank merges of overlapping networks by the meeting hours they would save.

    With the overlap behind each and the anchoring kept or lost. A computation on the data,
    not advice.
    """
    from ehelse_map.analyses.scenarios.recommend import recommend as compute
    from ehelse_map.cli.progress import stages
    from ehelse_map.cli.terminal import draw_table, show, with_assumed_json, with_assumed_text
    from ehelse_map.render.scenario_view import RECOMMEND, recommend_table

    with stages(3) as step:
        step("load the data")
        dataset = load(data, assume=assume)
        day, scope = in_scope(dataset, as_of, country=country, region=region)
        step("try the merges")
        result = compute(dataset, day, country=scope.country, region=scope.region,
                         min_score=min_score, top=top or None)
        step("lay out the table")
        table = (draw_table(recommend_table(result, lang=language(lang)))
                 if fmt is ScenarioFormat.table else None)
    if table is not None:
        show(table)
    else:
        text = RECOMMEND[fmt](result, language(lang))
        emit(with_assumed_json(text) if fmt is ScenarioFormat.json
             else with_assumed_text(text))


def register(app: typer.Typer) -> None:
    app.command("recommend")(recommend)
