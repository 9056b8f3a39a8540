"""`sensitivity` as tables: the tornado of swings per figure, and the rank stability."""

from __future__ import annotations

from ehelse_map.analyses.sensitivity import MIN_POINTS, POINT_BUDGET, SensitivityResult
from ehelse_map.render.numbers import number as _number
from ehelse_map.render.numbers import plural
from ehelse_map.render.table import Column, Table


def number(value: float | None) -> str:
    """Whole numbers from 10 up (as in every range), one decimal below."""
    if value is not None and abs(value) >= 10:
        return _number(round(value))
    return _number(value)


def swings_table(result: SensitivityResult) -> Table:
    """Every swing in one table (CSV, Markdown): figure, assumption, range, results."""
    rows = tuple((s.figure, s.assumption, number(s.low), number(s.high), number(s.at_low),
                  number(s.central), number(s.at_high), number(s.swing))
                 for s in result.swings)
    return Table(
        title=_title(result),
        columns=(Column("figure"), Column("assumption"), Column("low", "right"),
                 Column("high", "right"), Column("at low", "right"), Column("value", "right"),
                 Column("at high", "right"), Column("swing", "right")),
        rows=rows, notes=_notes(result))


def tornado_tables(result: SensitivityResult) -> tuple[Table, ...]:
    """One small table per headline figure, the largest swing first: a tornado in text."""
    tables = []
    for index, (key, label, central) in enumerate(result.figures):
        rows = tuple((s.assumption, f"{number(s.low)}–{number(s.high)}", number(s.at_low),
                      number(s.at_high), number(s.swing))
                     for s in result.swings if s.figure == key)
        tables.append(Table(
            title=(_title(result) + "\n\n" if index == 0 else "")
            + f"{label}: {number(central)}",
            columns=(Column("assumption", ids=True), Column("range", "right"),
                     Column("at low", "right"), Column("at high", "right"),
                     Column("swing", "right")),
            rows=rows,
            notes=_notes(result) if index == len(result.figures) - 1 else ()))
    return tuple(tables)


def _title(result: SensitivityResult) -> str:
    when = f"as of {result.as_of.isoformat()}" if result.as_of else "all periods"
    return f"Sensitivity: which assumptions move the headline figures ({when})"


def _notes(result: SensitivityResult) -> tuple[str, ...]:
    return ("each assumption value set to its low, then its high end, the others central; "
            "swing: |at high − at low|, largest first",
            f"assumptions with a range: {len(result.assumptions)}"
            if result.assumptions else "no assumption states a range: nothing can swing",
            result.filters.describe())


def stability_table(result: SensitivityResult) -> Table:
    rows = tuple((s.kind, " + ".join(s.item), s.rank, f"{s.share_in_top:.0%}")
                 for s in result.stability)
    return Table(
        title=f"Rank stability of the top {result.top}",
        columns=(Column("kind"), Column("networks", ids=True), Column("rank", "right"),
                 Column(f"in top {result.top}", "right")),
        rows=rows,
        notes=tuple(note for note in (
               f"share of {plural(result.samples, 'point')} drawn uniformly in the box of all "
               f"ranges (seed {result.seed}) at which it stays in the top {result.top}",
               "overlap scores rest on no estimated quantity: pair ranks cannot move"
               if result.pairs_fixed else
               "pairs compared as persons (the staffing assumption has a range)",
               _fewer_points(result)) if note))


def _fewer_points(result: SensitivityResult) -> str:
    """Says so when the data's size cut the points drawn below those asked."""
    if result.samples_asked <= result.samples:
        return ""
    return (f"{result.samples} of the {result.samples_asked} points asked, at this size: at "
            f"most {POINT_BUDGET:,} / municipalities in scope points, and at least "
            f"{MIN_POINTS} (each point reruns burden and merge candidates)")
