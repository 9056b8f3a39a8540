"""One tabular shape, four renderers: table (rich), csv, markdown and json.

Every listing and analysis turns its result into a `Table` in its own `*_table()` function; the
renderers below know nothing about actors or networks. JSON is rendered from the result
dataclass itself (see `jsonable`), not from the table, so the JSON contract keeps full detail.
"""

from __future__ import annotations

import csv
import dataclasses
import enum
import io
import json
import re
from dataclasses import dataclass
from datetime import date
from typing import Any


class Format(str, enum.Enum):
    """Output formats shared by every listing and analysis command."""

    table = "table"
    json = "json"
    csv = "csv"
    markdown = "markdown"


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


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069]")


def clean_text(value: Any) -> str:
    """Data values go to terminals: strip control, zero-width and bidi characters."""
    if value is None:
        return ""
    if isinstance(value, float):
        text = f"{value:,.1f}" if value % 1 else f"{value:,.0f}"
    elif isinstance(value, (list, tuple)):
        text = ", ".join(str(v) for v in value)
    else:
        text = str(value)
    return _CONTROL.sub("", text)


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
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([c.header for c in table.columns])
    for row in table.rows:
        writer.writerow([csv_cell(v) for v in row])
    return buffer.getvalue()


def render_markdown(table: Table) -> str:
    def cell(value: Any) -> str:
        return clean_text(value).replace("|", "\\|").replace("\n", " ")

    lines = [f"### {cell(table.title)}", ""] if table.title else []
    lines.append("| " + " | ".join(cell(c.header) for c in table.columns) + " |")
    lines.append("|" + "|".join("---:" if c.align == "right" else "---" for c in table.columns) + "|")
    lines += ["| " + " | ".join(cell(v) for v in row) + " |" for row in table.rows]
    if table.notes:
        lines.append("")
        lines += [f"- {cell(n)}" for n in table.notes]
    return "\n".join(lines) + "\n"


def render_table(table: Table, *, width: int | None = None, color: bool | None = None) -> str:
    """A rich table as text; `width` defaults to the terminal's (80 when not a terminal)."""
    from rich.console import Console
    from rich.table import Table as RichTable
    from rich.text import Text

    buffer = io.StringIO()
    console = Console(
        file=buffer,
        width=width or _terminal_width(),
        force_terminal=bool(color),
        no_color=not color,
        highlight=False,
        emoji=False,
        markup=False,
    )
    rich_table = RichTable(title=clean_text(table.title) or None, title_justify="left", box=None,
                           header_style="bold", pad_edge=False, show_edge=False,
                           padding=(0, 1), collapse_padding=True)
    widths = _fit_widths(table, console.width)
    for column, fitted in zip(table.columns, widths):
        rich_table.add_column(column.header, justify=column.align, max_width=column.max_width,
                              overflow=column.overflow, no_wrap=column.overflow == "ellipsis",
                              width=fitted)
    for row in table.rows:
        rich_table.add_row(*(Text(clean_text(v)) for v in row))
    console.print(rich_table)
    for note in table.notes:
        console.print(Text(clean_text(note), style="dim"))
    return buffer.getvalue()


def _fit_widths(table: Table, width: int) -> list[int | None]:
    """Fixed widths for `keep` and `ellipsis` columns so the table fits `width` without wrapping.

    rich shrinks only wrapping columns; columns that cut with an ellipsis are shrunk here, the
    widest first, never below 8 characters. Other columns are left to rich (None).
    """
    natural = []
    for index, column in enumerate(table.columns):
        widest = max([len(column.header)] + [len(clean_text(r[index])) for r in table.rows])
        natural.append(min(widest, column.max_width or widest))
    fitted: list[int | None] = [n if (c.keep or c.overflow == "ellipsis") else None
                                for c, n in zip(table.columns, natural)]
    excess = sum(natural) + len(natural) - 1 - width
    while excess > 0:
        shrinkable = [i for i, c in enumerate(table.columns)
                      if c.overflow == "ellipsis" and (fitted[i] or 0) > 8]
        if not shrinkable:
            break
        widest = max(shrinkable, key=lambda i: fitted[i] or 0)
        fitted[widest] = (fitted[widest] or 0) - 1
        excess -= 1
    return fitted


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
    return json.dumps(jsonable(value), ensure_ascii=False, indent=2) + "\n"


def render(table: Table, result: Any, fmt: Format, *, color: bool | None = None) -> str:
    """The string for `fmt`: JSON comes from the result, the other formats from the table."""
    if fmt is Format.json:
        return render_json(result)
    if fmt is Format.csv:
        return render_csv(table)
    if fmt is Format.markdown:
        return render_markdown(table)
    return render_table(table, color=color)
