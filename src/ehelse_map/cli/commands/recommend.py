"""`ehelse-map recommend`: consolidation candidates ranked by the meeting hours they would save."""

from __future__ import annotations

from typing import Annotated

import typer

from ehelse_map.cli.options import (
    AsOfOption,
    AssumeOption,
    CountryOption,
    DataOption,
    RegionOption,
    TopOption,
    emit,
    in_scope,
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
    top: TopOption = 10,
    fmt: Annotated[ScenarioFormat, typer.Option(
        "--format", "-f", case_sensitive=False, help="table, json or markdown.")
    ] = ScenarioFormat.table,
) -> None:
    """Rank merges of overlapping networks by the meeting hours they would save.

    With the overlap behind each and the anchoring kept or lost. A computation on the data,
    not advice.
    """
    from ehelse_map.analyses.scenarios.recommend import recommend as compute
    from ehelse_map.render.scenario_view import RECOMMEND

    dataset = load(data, assume=assume)
    day, scope = in_scope(dataset, as_of, country=country, region=region)
    result = compute(dataset, day, country=scope.country, region=scope.region,
                     min_score=min_score, top=top)
    emit(RECOMMEND[fmt](result))


def register(app: typer.Typer) -> None:
    app.command("recommend")(recommend)
