"""`ehelse-map profile ID`: one organisation's own view of the networks that reach it."""

from __future__ import annotations

from typing import Annotated

import typer

from ehelse_map.cli.options import (
    HOURS_IN_A_YEAR,
    AsOfOption,
    AssumeOption,
    DataOption,
    FormatOption,
    LangOption,
    as_of_date,
    language,
    load,
    organisation,
)
from ehelse_map.render.formats import Format


def profile(organisation_id: Annotated[str, typer.Argument(
                metavar="ID", help="An organisation: an actor id or name (etne, Etne).")],
            data: DataOption = None, assume: AssumeOption = None,
            fmt: FormatOption = Format.table, lang: LangOption = None,
            as_of: AsOfOption = None,
            capacity: Annotated[float | None, typer.Option(
                "--capacity", min=0.0, max=HOURS_IN_A_YEAR, metavar="HOURS",
                help="Coordination hours one person can give a year (default: the data's "
                     "staffing assumption).")] = None) -> None:
    """Show one organisation's own view: the networks that reach it and what they ask.

    Each network's meeting series (who, how often, documented or estimated), the persons
    asked, funding and reporting lines, the overlaps among those networks and the path to its
    leaders. CSV gives the meeting series; JSON everything.
    """
    from ehelse_map.analyses.profile import profile as run
    from ehelse_map.cli.terminal import emit_tables
    from ehelse_map.render.profile_view import profile_tables

    dataset = load(data, assume=assume)
    ident = organisation(dataset, organisation_id, "ID")
    result = run(dataset, as_of_date(as_of, dataset), ident, capacity=capacity)
    tables = profile_tables(result, wide=fmt is not Format.table, held=fmt is Format.csv,
                            lang=language(lang, fmt))
    emit_tables(tables, result, fmt, csv_table=1)


def register(app: typer.Typer) -> None:
    app.command("profile")(profile)
