"""One tabular shape, four renderers: table (rich), csv, markdown and json.

Every listing and analysis turns its result into a `Table` in its own `*_table()` function; the
renderers below know nothing about actors or networks. JSON is rendered from the result
dataclass itself (see `jsonable`), not from the table, so the JSON contract keeps full detail.
Every value goes through `render.escape` for its format (terminal, CSV, Markdown, JSON).
"""

from __future__ import annotations

import csv
import dataclasses
import enum
import io
import json
import re
import textwrap
from dataclasses import dataclass
from datetime import date
from typing import Any

from ehelse_map.analyses.span import Span
from ehelse_map.load.emoji import joiners_kept
from ehelse_map.render.escape import json_text, md, one_line, text_of
from ehelse_map.render.formats import Format


@dataclass(frozen=True)
class Column:
    header: str
    align: str = "left"  # "left" | "right"
    max_width: int | None = None  # the table renderer wraps (or cuts) past this
    overflow: str = "fold"  # "fold" wraps long values; "ellipsis" cuts them with '…'
    keep: bool = False  # never narrower than its longest value (ids people copy and paste)


@dataclass(frozen=True)
class Table:
    title: str
    columns: tuple[Column, ...]
    rows: tuple[tuple[Any, ...], ...]
    notes: tuple[str, ...] = ()  # printed under the table: estimates, filters, as-of date


# Controls, zero-width, line/paragraph separators, bidi controls, BOM and lone surrogates.
_CONTROL = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff\ud800-\udfff]")


def clean_text(value: Any) -> str:
    """A value for CSV and HTML: control, zero-width and bidi characters dropped (line breaks and
    tabs, which those formats quote or collapse, kept; so are the zero-width joiners inside
    emoji sequences: "👩‍⚕️"). Terminal text and Markdown escape them instead: `escape.one_line`,
    `escape.md`."""
    return joiners_kept(text_of(value), _CONTROL)


def csv_cell(value: Any) -> str:
    """A CSV cell that spreadsheets will not run as a formula."""
    text = clean_text(value) if not isinstance(value, float) else f"{value:g}"
    if text[:1] in ("=", "+", "-", "@", "\t", "\r") and not _is_number(text):
        return "'" + text
    return text


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def render_csv(table: Table) -> str:
    """One row per table row; a column of figures with ranges becomes three columns
    (`hours`, `hours low`, `hours high`), and an unknown figure an empty cell."""
    spans = [any(isinstance(row[i], Span) for row in table.rows)
             for i in range(len(table.columns))]
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    header: list[str] = []
    for column, ranged in zip(table.columns, spans, strict=True):
        header += [column.header, f"{column.header} low", f"{column.header} high"] if ranged \
            else [column.header]
    writer.writerow(header)
    for row in table.rows:
        cells: list[str] = []
        for value, ranged in zip(row, spans, strict=True):
            if not ranged:
                cells.append(csv_cell(value))
            elif isinstance(value, Span):
                cells += [_csv_number(value.value), _csv_number(value.low),
                          _csv_number(value.high)]
            else:
                cells += [csv_cell(value), "", ""]
        writer.writerow(cells)
    return buffer.getvalue()


def _csv_number(value: float | None) -> str:
    return "" if value is None else f"{value:g}"


def render_markdown(table: Table) -> str:
    """A GitHub Flavored Markdown table; every title, header, cell and note goes through `md`."""
    lines = [f"### {md(table.title)}", ""] if table.title else []
    lines.append("| " + " | ".join(md(c.header) for c in table.columns) + " |")
    lines.append("|" + "|".join("---:" if c.align == "right" else "---" for c in table.columns) + "|")
    lines += ["| " + " | ".join(md(v) for v in row) + " |" for row in table.rows]
    if table.notes:
        lines.append("")
        lines += [f"- {md(n)}" for n in table.notes]
    return "\n".join(lines) + "\n"


def render_table(table: Table, *, width: int | None = None, color: bool | None = None) -> str:
    """An aligned plain-text table that fits `width` (default: the terminal's, 80 otherwise).

    Written by hand rather than with rich.Table: rich spent over a second laying out a
    650-row burden table, and a fixed-width layout is also byte-stable for golden tests.
    Columns marked `keep` never shrink; `ellipsis` columns shrink first and cut with '…';
    the others wrap.
    """
    width = width or _terminal_width()
    cells = [[one_line(v) for v in row] for row in table.rows]
    headers = [one_line(c.header) for c in table.columns]
    natural = sum(max([len(h)] + [len(r[i]) for r in cells]) for i, h in enumerate(headers))
    gap = "  " if natural + 2 * (len(headers) - 1) <= width else " "
    widths = _fit_widths(table.columns, headers, cells, width, len(gap))
    lines = []
    if table.title:
        lines += textwrap.wrap(one_line(table.title), width) or [""]
    header = _layout_row(table.columns, headers, widths, gap)
    lines += [f"\x1b[1m{line}\x1b[0m" if color else line for line in header]
    for row in cells:
        lines += _layout_row(table.columns, row, widths, gap)
    for note in table.notes:
        wrapped = textwrap.wrap(one_line(note), width, subsequent_indent="  ") or [""]
        lines += [f"\x1b[2m{line}\x1b[0m" if color else line for line in wrapped]
    return "".join(line.rstrip() + "\n" for line in lines)


def _fit_widths(columns: tuple[Column, ...], headers: list[str], cells: list[list[str]],
                width: int, gap: int) -> list[int]:
    """Column widths that fit `width`. Ellipsis columns shrink first; then wrapping columns,
    the one with the most room above its longest word first, so that words (and the parts of
    hyphenated ids) are not cut while any column has room to give; only then are words cut,
    the widest column first. Nothing goes below 6 characters; `keep` columns never shrink."""
    natural, word = [], []
    for index, column in enumerate(columns):
        widest = max([len(headers[index])] + [len(row[index]) for row in cells])
        longest = max([6, _longest_word(headers[index])]
                      + [_longest_word(row[index]) for row in cells])
        # max_width wraps long text, but never cuts a word by itself: `fit` shrinks if needed
        limit = column.max_width and (column.max_width if column.overflow == "ellipsis"
                                      else max(column.max_width, longest))
        natural.append(widest if column.keep else min(widest, limit or widest))
        word.append(min(natural[-1], longest))
    fitted = list(natural)
    excess = sum(fitted) + gap * (len(fitted) - 1) - width
    six = [6] * len(columns)
    for overflow, floor in (("ellipsis", six), ("fold", word), ("fold", six)):
        while excess > 0:
            shrinkable = [i for i, c in enumerate(columns)
                          if not c.keep and c.overflow == overflow and fitted[i] > floor[i]]
            if not shrinkable:
                break
            roomiest = max(shrinkable, key=lambda i: (fitted[i] - floor[i], fitted[i]))
            fitted[roomiest] -= 1
            excess -= 1
    return fitted


_WORD = re.compile(r"[^\s-]*-?")


def _longest_word(text: str) -> int:
    """Length of the longest piece `textwrap` will not break: words, hyphenated parts."""
    return max((len(piece) for piece in _WORD.findall(text)), default=0)


def _layout_row(columns: tuple[Column, ...], row: list[str], widths: list[int],
                gap: str) -> list[str]:
    """One table row as one or more text lines (wrapped cells make a row taller)."""
    stacks = []
    for column, text, width in zip(columns, row, widths, strict=False):
        if len(text) <= width:
            stacks.append([text])
        elif column.overflow == "ellipsis":
            stacks.append([text[: max(width - 1, 0)] + "…"])
        else:
            stacks.append(textwrap.wrap(text, width, break_on_hyphens=True) or [""])
    height = max(len(stack) for stack in stacks)
    lines = []
    for index in range(height):
        parts = []
        for column, stack, width in zip(columns, stacks, widths, strict=False):
            text = stack[index] if index < len(stack) else ""
            parts.append(text.rjust(width) if column.align == "right" else text.ljust(width))
        lines.append(gap.join(parts))
    return lines


def _terminal_width() -> int:
    import shutil
    import sys

    if sys.stdout.isatty():
        return shutil.get_terminal_size((80, 24)).columns
    return 80


def jsonable(value: Any) -> Any:
    """Dataclasses, tuples, sets, dates and enums as plain JSON values, in a stable order."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: jsonable(getattr(value, f.name)) for f in dataclasses.fields(value)
                if f.metadata.get("json", True)}
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [jsonable(v) for v in value]
    if isinstance(value, (set, frozenset)):
        return sorted(jsonable(v) for v in value)
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, date):
        return value.isoformat()
    return value if isinstance(value, (str, int, float, bool, type(None))) else str(value)


def render_json(value: Any) -> str:
    return json_text(json.dumps(jsonable(value), ensure_ascii=False, indent=2)) + "\n"


def render(table: Table, result: Any, fmt: Format, *, color: bool | None = None) -> str:
    """The string for `fmt`: JSON comes from the result, the other formats from the table."""
    if fmt is Format.json:
        return render_json(result)
    if fmt is Format.csv:
        return render_csv(table)
    if fmt is Format.markdown:
        return render_markdown(table)
    return render_table(table, color=color)


def render_tables(tables: tuple[Table, ...], result: Any, fmt: Format, *, csv_table: int = 0,
                  color: bool | None = None) -> str:
    """Several tables of one result: JSON from the result; CSV holds one table, `csv_table`;
    the terminal and Markdown show every table, a blank line apart."""
    if fmt is Format.json:
        return render_json(result)
    if fmt is Format.csv:
        return render_csv(tables[csv_table])
    one = render_markdown if fmt is Format.markdown else (
        lambda table: render_table(table, color=color))
    return "\n".join(one(table) for table in tables)
