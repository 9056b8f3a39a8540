"""`ehelse-map overlap`: networks that ask the same people for the same thing."""

from __future__ import annotations

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
    RoleOption,
    TopOption,
    in_scope,
    load,
)
from ehelse_map.render.formats import Format


def overlap(data: DataOption = None, assume: AssumeOption = None,
            fmt: FormatOption = Format.table, as_of: AsOfOption = None,
            country: CountryOption = None, region: RegionOption = None, area: AreaOption = None,
            role: RoleOption = None, top: TopOption = None,
            groups: Annotated[bool, typer.Option(
                "--groups", help="Show groups of mutually overlapping networks.")] = False,
            min_score: Annotated[float, typer.Option(
                "--min-score", min=0.0, max=1.0, metavar="S",
                help="List only pairs scoring at least S.")] = 0.0,
            group_threshold: Annotated[float, typer.Option(
                "--group-threshold", min=0.0, max=1.0, metavar="S",
                help="Pairs scoring at least S join a group.")] = 0.25,
            persons: Annotated[bool, typer.Option(
                "--persons", help="Compare persons, not roles: merge the roles one person holds "
                                  "(staffing assumption).")] = False) -> None:
    """Rank networks that ask the same people for the same thing.

    Score: weighted Jaccard over (area, role, organisation); see docs/analyses.md.
    """
    from ehelse_map.analyses.overlap import overlap as run
    from ehelse_map.cli.progress import stages
    from ehelse_map.cli.terminal import draw, screen_top, show
    from ehelse_map.render.analysis_tables import overlap_groups_table, overlap_table

    top, limited = screen_top(top, fmt)
    with stages(3) as step:
        step("load the data")
        dataset = load(data, assume=assume)
        day, scope = in_scope(dataset, as_of, country=country, region=region, area=area,
                              role=role)
        step("compare networks")
        result = run(dataset, day, country=scope.country, region=scope.region, area=scope.area,
                     role=scope.role, top=top, min_score=min_score,
                     group_threshold=group_threshold, persons=persons)
        step("lay out the table")
        table = (overlap_groups_table(result) if groups
                 else overlap_table(result, wide=fmt is not Format.table))
        output = draw(table, result, fmt, limited=limited and not groups)
    show(output)


def register(app: typer.Typer) -> None:
    app.command("overlap")(overlap)
