"""`diff` as tables (terminal) and as a Markdown changelog (pull-request comments)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from ehelse_map.model.span import Span
from ehelse_map.render.escape import md, md_code, one_line
from ehelse_map.render.formats import DiffFormat
from ehelse_map.render.i18n import N_, messages
from ehelse_map.render.numbers import number as plain_number
from ehelse_map.render.numbers import signed, span_text
from ehelse_map.render.table import Column, Table

if TYPE_CHECKING:
    from ehelse_map.analyses.diff import DiffResult, FieldChange, RecordChange
    from ehelse_map.analyses.figures import FigureChange

SIGN = {"added": "+", "removed": "−", "changed": "~"}


def number(value: Span | float | None, lang: str = "en") -> str:
    """A figure with its range (`107 (54–161)`), or a plain number."""
    if isinstance(value, Span):
        return span_text(value, lang=lang)
    return plain_number(value, lang)


def _value(value: Any) -> str:
    return "" if value is None else one_line(value)


def diff_text(result: DiffResult) -> str:
    """The terminal view: a changelog of records, then the key figures as a table."""
    from ehelse_map.render.table import render_table

    counts = result.counts
    lines = [f"Changes from {one_line(result.old)} to {one_line(result.new)}: "
             f"{counts['added']} added, {counts['removed']} removed, "
             f"{counts['changed']} changed", ""]
    width = max((len(f"{r.kind} {one_line(r.id)}") for r in result.changes), default=0)
    for record in result.changes:
        label = f"{record.kind} {one_line(record.id)}"
        lines.append(f"{SIGN[record.change]} {label:<{width}}  {one_line(record.name)}")
        for change in record.fields:
            lines.append(f"      {one_line(change.field)}: {_field_text(change)}")
    if not result.changes:
        lines.append("No changes in the data.")
    lines.append("")
    table = figures_table(result.figures, result.as_of, result.assumptions, "Key figures")
    return "\n".join(lines) + "\n" + render_table(table)


def _field_text(change: FieldChange) -> str:
    if change.added or change.removed:
        return " ".join([f"+{one_line(i)}" for i in change.added]
                        + [f"−{one_line(i)}" for i in change.removed])
    if change.old is None:
        return f"(new) {_value(change.new)}"
    if change.new is None:
        return f"{_value(change.old)} (removed)"
    return f"{_value(change.old)} → {_value(change.new)}"


#: The key figures (`analyses.figures.FIGURES`), in words.
FIGURE_WORDS = {
    "networks": N_("active networks"), "overlap_pairs": N_("overlapping pairs"),
    "duplicate_pairs": N_("near-duplicate pairs (score ≥ 0.9)"),
    "municipality_hours": N_("meeting hours/yr, all municipalities"),
    "max_person_hours": N_("hours/yr of the most burdened person"),
    "persons_over_capacity": N_("persons over capacity"),
    "reporting_lines_mean": N_("reporting lines per municipality, mean"),
    "reporting_lines_max": N_("reporting lines per municipality, max"),
    "unanchored": N_("networks without anchoring"),
}


def figure_words(figure: FigureChange, lang: str = "en") -> str:
    """A key figure's label in the language (the analysis's own label when it has no words)."""
    words = FIGURE_WORDS.get(figure.key)
    return messages(lang).t(words) if words else figure.label


def figures_table(figures: tuple[FigureChange, ...], as_of: Any, assumptions: tuple[str, ...],
                  title: str, before: str = "before", after: str = "after",
                  lang: str = "en") -> Table:
    """`title`, `before` and `after` are given in the language already."""
    m = messages(lang)
    estimated = any(f.estimated for f in figures)
    rows = tuple((figure_words(f, lang) + (" *" if f.estimated else ""), number(f.before, lang),
                  number(f.after, lang), signed(f.difference, lang)) for f in figures)
    when = m.t("as of {date}", date=as_of.isoformat()) if as_of else m.t("all periods")
    notes = [when]
    if estimated:
        notes.append(m.t("* rests on estimates: value (low–high) over the assumptions' ranges")
                     + (m.t(" (assumptions: {assumptions})", assumptions=", ".join(assumptions))
                        if assumptions else ""))
    return Table(title=title,
                 columns=(Column(m.t("figure"), max_width=44), Column(before, "right"),
                          Column(after, "right"), Column(m.t("change"), "right")),
                 rows=rows, notes=tuple(notes), lang=lang)


def figures_markdown(figures: tuple[FigureChange, ...], before: str = "before",
                     after: str = "after", lang: str = "en") -> list[str]:
    m = messages(lang)
    lines = [f"| {m.t('figure')} | {md(before)} | {md(after)} | {m.t('change')} |",
             "|---|---:|---:|---:|"]
    star = " \\*"
    lines += [f"| {md(figure_words(f, lang))}{star if f.estimated else ''} | "
              f"{number(f.before, lang)} | {number(f.after, lang)} | "
              f"{signed(f.difference, lang)} |" for f in figures]
    return lines


def _record_line(record: RecordChange) -> str:
    return f"- {record.kind} {md_code(record.id)} — {md(record.name)}"


def diff_markdown(result: DiffResult) -> str:
    counts = result.counts
    when = f"as of {result.as_of.isoformat()}" if result.as_of else "all periods"
    lines = [f"## Data changes: {md(result.old)} → {md(result.new)}", "",
             f"{counts['added']} added, {counts['removed']} removed, {counts['changed']} "
             f"changed; key figures {when}.", ""]
    if not result.changes:
        lines += ["No changes in the data.", ""]
    for change, heading in (("added", "Added"), ("removed", "Removed"), ("changed", "Changed")):
        records = [r for r in result.changes if r.change == change]
        if not records:
            continue
        lines += [f"### {heading}", ""]
        for record in records:
            lines.append(_record_line(record))
            for field in record.fields:
                lines.append(f"  - {md_code(field.field)}: {_field_markdown(field)}")
        lines.append("")
    lines += ["### Key figures", "", *figures_markdown(result.figures), ""]
    if any(f.estimated for f in result.figures):
        lines += ["\\* rests on estimated meeting cadences"
                  + (f" (assumptions: {', '.join(md_code(a) for a in result.assumptions)})"
                     if result.assumptions else "") + ".", ""]
    return "\n".join(lines)


def _field_markdown(change: FieldChange) -> str:
    if change.added or change.removed:
        parts = [f"+{md_code(i)}" for i in change.added] + [f"−{md_code(i)}" for i in change.removed]
        return ", ".join(parts)
    if change.old is None:
        return f"added {md(change.new)}"
    if change.new is None:
        return f"removed (was {md(change.old)})"
    return f"{md(change.old)} → {md(change.new)}"


def _json(result: DiffResult) -> str:
    from ehelse_map.render.table import render_json

    return render_json(result)


#: `diff` by format (the family `DiffFormat`).
DIFF: dict[DiffFormat, Callable[[DiffResult], str]] = {
    DiffFormat.table: diff_text, DiffFormat.json: _json, DiffFormat.markdown: diff_markdown,
}
