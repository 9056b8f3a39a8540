"""One tabular shape, four renderers: table (terminal text), csv, markdown and json.

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
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from ehelse_map.load.emoji import joiners_kept
from ehelse_map.model.span import Span
from ehelse_map.render.escape import json_text, md, one_line, text_of
from ehelse_map.render.formats import Format
from ehelse_map.render.numbers import UNKNOWN_TEXT, span_parts
from ehelse_map.render.styled import Styled, score_style


@dataclass(frozen=True)
class Column:
    header: str
    align: str = "left"  # "left" | "right"
    max_width: int | None = None  # when the table is wider than the terminal, wrap (or cut) here
    overflow: str = "fold"  # "fold" wraps long values; "ellipsis" cuts them with '…'
    ids: bool = False  # ids, or lists of them: wrapped only between words, never cut (the row
    #                    folds instead; see `lay_out`)
    style: str | None = None  # how a colour terminal marks values: "marks" (est, inf, shr,
    #                           ended), "score" (viridis steps), "gaps", "anchor"
    abbreviate: str = ""  # the header may be abbreviated, with a key under the table, when the
    #                       full ones do not fit; codes with this prefix when no short form is unique
    key: str | None = None  # the key's words for an abbreviated header (default: the header)


@dataclass(frozen=True)
class Table:
    title: str
    columns: tuple[Column, ...]
    rows: tuple[tuple[Any, ...], ...]
    notes: tuple[str | Styled, ...] = ()  # printed under the table: estimates, filters, as-of date
    total_rows: int | None = None  # rows before a limit (--top) cut the list; None: not cut
    lang: str = "en"  # the language of its words: figures read `1 234,5` in nb and nn (not in CSV)


def localised(table: Table) -> Table:
    """The table with its figures written as its language writes them (`Span` and decimal
    cells as styled text); English tables, and CSV (which writes numbers), are left as they
    are."""
    if table.lang not in ("nb", "nn"):
        return table
    from ehelse_map.render.numbers import localised as figure

    def cell(value: Any) -> Any:
        if isinstance(value, Span):
            return Styled(span_parts(value, lang=table.lang))
        if isinstance(value, float):
            return figure(f"{value:,.1f}" if value % 1 else f"{value:,.0f}", table.lang)
        return value

    return dataclasses.replace(table, rows=tuple(tuple(cell(v) for v in row)
                                                 for row in table.rows))


# Controls, zero-width, line/paragraph separators, bidi controls, BOM and lone surrogates.
_CONTROL = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff\ud800-\udfff]")


def clean_text(value: Any) -> str:
    """A value for CSV and HTML: control, zero-width and bidi characters dropped (line breaks and
    tabs, which those formats quote or collapse, kept; so are the zero-width joiners inside
    emoji sequences: "👩‍⚕️"). Terminal text and Markdown escape them instead: `escape.one_line`,
    `escape.md`."""
    text = text_of(value)
    # every character `_CONTROL` drops is unprintable: most text has none to look for
    return text if text.isprintable() else joiners_kept(text, _CONTROL)


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
    table = localised(table)
    lines = [f"### {md(table.title)}", ""] if table.title else []
    lines.append("| " + " | ".join(md(c.header) for c in table.columns) + " |")
    lines.append("|" + "|".join("---:" if c.align == "right" else "---" for c in table.columns) + "|")
    lines += ["| " + " | ".join(md(v) for v in row) + " |" for row in table.rows]
    if table.notes:
        lines.append("")
        lines += [f"- {md(n)}" for n in table.notes]
    return "\n".join(lines) + "\n"


LineSpans = list[tuple[int, int, str]]
"""Style spans of one line: (start, end, style name of `render.styled.THEME`)."""


@dataclass
class Laid:
    """A table laid out for a terminal: its lines and, when styled, each line's style spans."""

    lines: list[str]
    spans: list[LineSpans] | None = None

    def text(self) -> str:
        return "".join(line + "\n" for line in self.lines)


def render_table(table: Table, *, width: int | None = None) -> str:
    """An aligned plain-text table that fits `width` (default: the terminal's, 80 otherwise)."""
    return lay_out(table, width).text()


def lay_out(table: Table, width: int | None = None, *, styled: bool = False) -> Laid:
    """The table as lines that fit `width`, with style spans when `styled` (a colour terminal
    shows them; the text is the same either way, so piped output is the plain lines).

    Written by hand rather than with rich.Table: rich spent over a second laying out a
    650-row burden table (0.7–1.7 s with rich 15, against 15–30 ms here), and a fixed-width
    layout is also byte-stable for golden tests.

    A table that fits keeps every value on one line. One that does not gives way in this
    order: columns with a `max_width` wrap there (and take back what room is left);
    `ellipsis` columns shrink and cut with '…'; other columns wrap between words (and after
    hyphens; `ids` columns only between words); `ids` columns get narrower than their longest
    id, and a row whose id does not fit folds: the id is written whole, past its column, and
    the rest of the row follows on the next line, as `df` does with long device names (an id
    wider than the whole table stands whole on a line of its own); last, words in other
    columns are cut. Headers marked `abbreviate` are abbreviated, with a key under the table,
    when the full ones would not fit.
    """
    width = width or terminal_width()
    table = localised(table)
    cells = [[one_line(v) for v in row] for row in table.rows]
    columns, headers, key = _abbreviated(table.columns, [one_line(c.header) for c in table.columns],
                                         cells, width)
    widest = [max(len(h), max((len(row[i]) for row in cells), default=0))
              for i, h in enumerate(headers)]
    gap = "  " if sum(widest) + 2 * (len(headers) - 1) <= width else " "
    widths = _fit_widths(columns, headers, cells, widest, width, len(gap))
    writer = _Writer(columns, widths, gap, width, styled)
    if table.title:
        writer.text(table.title, "title")
    writer.row(headers, None)
    for texts, values in zip(cells, table.rows, strict=True):
        writer.row(texts, values)
    for note in (key, *table.notes) if key else table.notes:
        writer.text(note, "note", "  ")
    return writer.laid


class _Words:
    """The longest unbreakable pieces of each column, measured only when a table must shrink."""

    def __init__(self, columns: tuple[Column, ...], headers: list[str],
                 cells: list[list[str]]) -> None:
        self.columns, self.headers, self.cells = columns, headers, cells
        self._longest: dict[int, int] = {}
        self._rows: dict[int, dict[int, list[int]]] = {}

    def header(self, index: int) -> int:
        return _longest_word(self.headers[index])

    def longest(self, index: int) -> int:
        """Longest piece among the values and the header (ids break only between words)."""
        if index not in self._longest:
            if self.columns[index].ids:
                pieces = max(self.rows_by_id_length(index), default=0)
            else:  # each distinct text once: long tables repeat counts, ranges and marks
                texts = {row[index] for row in self.cells}
                if _is_figure(self.columns[index]):
                    pieces = max((_longest_piece(t, _FIGURE_PIECE) for t in texts), default=0)
                else:
                    pieces = max((_longest_word(t) for t in texts), default=0)
            self._longest[index] = max(pieces, self.header(index))
        return self._longest[index]

    def rows_by_id_length(self, index: int) -> dict[int, list[int]]:
        """Length of a cell's longest id -> the rows whose cell it is (an `ids` column)."""
        if index not in self._rows:
            rows: dict[int, list[int]] = {}
            for number, row in enumerate(self.cells):
                rows.setdefault(_longest_id(row[index]), []).append(number)
            self._rows[index] = rows
        return self._rows[index]


def _fit_widths(columns: tuple[Column, ...], headers: list[str], cells: list[list[str]],
                widest: list[int], width: int, gap: int) -> list[int]:
    """Column widths that fit `width`, giving way in the order `lay_out` describes. Nothing
    goes below 6 characters (nor an `ids` column below its header's longest word)."""
    count = len(columns)
    if sum(widest) + gap * (count - 1) <= width:
        return list(widest)
    words = _Words(columns, headers, cells)
    fitted = []
    for index, column in enumerate(columns):
        limit = column.max_width
        if limit is not None and column.overflow != "ellipsis":
            limit = max(limit, words.longest(index))  # wrap there, but never cut a word by itself
        fitted.append(widest[index] if limit is None else min(widest[index], limit))
    excess = sum(fitted) + gap * (count - 1) - width
    while excess < 0:  # room left: capped columns take it back, the one short of most first
        short = [i for i in range(count) if fitted[i] < widest[i]]
        if not short:
            break
        grown = max(short, key=lambda i: (widest[i] - fitted[i], -i))
        fitted[grown] += 1
        excess += 1
    if excess <= 0:
        return fitted

    def roomiest(floor: list[int]) -> Callable[[list[int]], int]:
        return lambda able: max(able, key=lambda i: (fitted[i] - floor[i], fitted[i]))

    def fewest_folds(floor: list[int]) -> Callable[[list[int]], int]:
        # narrowing an ids column by one folds the cells whose longest id is exactly as wide;
        # each folded cell costs a line (two in one row cost two: a row folded in both
        # network columns takes three lines), so count cells; on a tie the leftmost column
        # folds (a row whose first id stands alone reads best)
        return lambda able: min(able, key=lambda i: (
            len(words.rows_by_id_length(i).get(fitted[i], ())), i))

    def six(i: int) -> int:
        return 6

    def word(i: int) -> int:
        return widest[i] if widest[i] <= 6 else min(widest[i], max(6, words.longest(i)))

    def header(i: int) -> int:
        return max(6, words.header(i))

    def whole_words(i: int) -> int:
        return min(widest[i], max(words.longest(i), words.header(i)))

    phases = (
        ([i for i, c in enumerate(columns) if c.overflow == "ellipsis" and not c.ids], six,
         roomiest),
        ([i for i, c in enumerate(columns) if c.overflow == "fold" or c.ids], word, roomiest),
        ([i for i, c in enumerate(columns) if c.ids], header, fewest_folds),
        ([i for i, c in enumerate(columns) if c.overflow == "fold" and not c.ids
          and not _is_figure(c)], whole_words, roomiest),  # short words: narrower than 6
        ([i for i, c in enumerate(columns) if c.overflow == "fold" and not c.ids
          and not _is_figure(c)], six, roomiest),
        ([i for i, c in enumerate(columns) if _is_figure(c)], six, roomiest),  # last of all
    )
    for candidates, measure, choose in phases:
        if excess <= 0:
            break
        floor = [measure(i) if i in candidates else 0 for i in range(count)]
        pick = choose(floor)
        while excess > 0:
            able = [i for i in candidates if fitted[i] > floor[i]]
            if not able:
                break
            fitted[pick(able)] -= 1
            excess -= 1
    return fitted


#: Where a list of ids may break: at spaces and after a slash (`source/scheme`), never at the
#: hyphens inside an id.
_ID_PIECE = re.compile(r"[^\s/]*/+(?=\S)|\S+")


#: Where a figure may break: at spaces and before the `+?` of a sum with unknown parts
#: (`121 (49–340)+?`), never inside a number or a range.
#: A piece of a figure no wrap breaks: `1 234` keeps its narrow no-break space (Norwegian).
_FIGURE_PIECE = re.compile(r"\+\?|(?:(?!\+\?)(?:\S|\u202f))+")


def _is_figure(column: Column) -> bool:
    """Right-aligned columns hold figures: they wrap between their parts and are cut only
    when nothing else can give way."""
    return column.align == "right" and not column.ids


def _longest_id(text: str) -> int:
    if " " not in text and "/" not in text:
        return len(text)
    return _longest_piece(text, _ID_PIECE)


def _longest_piece(text: str, pattern: re.Pattern[str]) -> int:
    return max((len(piece) for piece in pattern.findall(text)), default=0)


def _wrap_ids(text: str, width: int,
              pattern: re.Pattern[str] = _ID_PIECE) -> list[tuple[str, int, int]]:
    """`text` in lines of at most `width`, broken only where `pattern` allows; a piece
    wider than that stands whole on its own line. (text, start, size) per line."""
    lines, start, end = [], -1, 0
    for match in pattern.finditer(text):
        if start < 0:
            start, end = match.span()
        elif match.end() - start <= width:
            end = match.end()
        else:
            lines.append((text[start:end], start, end - start))
            start, end = match.span()
    if start >= 0:
        lines.append((text[start:end], start, end - start))
    return lines or [("", 0, 0)]


_WORD = re.compile(r"[^\s-]*-?")


def _longest_word(text: str) -> int:
    """Length of the longest piece `textwrap` will not break: words, hyphenated parts."""
    return max((len(piece) for piece in _WORD.findall(text)), default=0)


_SEPARATOR = re.compile(r"[\s-]+")


def with_short_headers(table: Table, width: int) -> Table:
    """The table with the headers marked `abbreviate` shortened as the terminal shortens them
    at `width` characters, the key first among its notes: for pages (the report), where a
    table cannot be wider than the text."""
    cells = [[one_line(v) for v in row] for row in table.rows]
    columns, _, key = _abbreviated(table.columns, [one_line(c.header) for c in table.columns],
                                   cells, width)
    if key is None:
        return table
    return dataclasses.replace(table, columns=columns, notes=(key, *table.notes))


def abbreviations(names: list[str], width: int, prefix: str) -> list[str]:
    """Names shortened to `width`: a first word most of them share is dropped ("Region
    Hovedstaden" -> "Hovedstaden"), then the rest cut with a full stop ("Hovedst."); when
    that leaves two alike, or less than two letters, numbered codes (`R1`, `R2`, ...)."""
    firsts: dict[str, int] = {}
    for name in names:
        parts = _SEPARATOR.split(name, maxsplit=1)
        if len(parts) == 2:
            firsts[parts[0]] = firsts.get(parts[0], 0) + 1
    shortened = []
    for name in names:
        short = name
        parts = _SEPARATOR.split(name, maxsplit=1)
        if len(short) > width and len(parts) == 2 and firsts[parts[0]] > 1:
            short = parts[1]
        if len(short) > width:
            short = short[:width - 1].rstrip(" -") + "."
        shortened.append(short)
    if (len(set(shortened)) < len(shortened) or any(len(s) > width for s in shortened)
            or any(s.endswith(".") and len(s) < 3 for s in shortened)):
        return [f"{prefix}{i}" for i in range(1, len(names) + 1)]
    return shortened


def _abbreviated(columns: tuple[Column, ...], headers: list[str], cells: list[list[str]],
                 width: int) -> tuple[tuple[Column, ...], list[str], Styled | None]:
    """The columns and headers to lay out, and the key under the table when headers marked
    `abbreviate` had to be shortened: only when their longest words, beside every other
    column at its full width, would not fit `width`."""
    marked = [i for i, c in enumerate(columns) if c.abbreviate]
    if not marked:
        return columns, headers, None
    widest = [max(len(h), max((len(row[i]) for row in cells), default=0))
              for i, h in enumerate(headers)]
    values = {i: max((len(row[i]) for row in cells), default=0) for i in marked}
    others = sum(widest) - sum(widest[i] for i in marked) + len(columns) - 1
    if others + sum(max(_longest_word(headers[i]), values[i]) for i in marked) <= width:
        return columns, headers, None
    room = max((width - others) // len(marked), *values.values(), 2)
    short = abbreviations([headers[i] for i in marked], room, columns[marked[0]].abbreviate)
    new_headers, new_columns = list(headers), list(columns)
    parts: list[tuple[str, str | None]] = []
    for index, abbreviation in zip(marked, short, strict=True):
        new_headers[index] = abbreviation
        new_columns[index] = dataclasses.replace(columns[index], header=abbreviation)
        meaning = columns[index].key or headers[index]
        if meaning != abbreviation:
            parts += [("; ", None)] if parts else []
            parts += [(abbreviation, "key"), (" " + meaning, None)]
    return tuple(new_columns), new_headers, Styled(tuple(parts)) if parts else None


_MARKS = {"est": "estimated", "inf": "inferred", "shr": "shared", "ended": "ended",
          "slutt": "ended"}  # `ended` in Bokmål and Nynorsk
_MARK = re.compile(r"[a-z]+")


class _Writer:
    """Lines (and their style spans) of a table whose column widths are settled."""

    def __init__(self, columns: tuple[Column, ...], widths: list[int], gap: str, width: int,
                 styled: bool) -> None:
        self.columns, self.widths, self.gap, self.width = columns, widths, gap, width
        self.right = [c.align == "right" for c in columns]
        self.offsets = [sum(widths[:i]) + len(gap) * i for i in range(len(widths))]
        self.laid = Laid([], [] if styled else None)
        self._values: tuple[Any, ...] | None = None
        self._spans: dict[int, LineSpans] = {}
        # the pieces of each (column, text) once: long tables repeat their cells' texts
        # (ranges, counts, marks), and wrapping them was most of laying out 11,000 rows
        self._stacks: dict[tuple[int, str, bool], list[tuple[str, int, int]]] = {}

    # -- rows ---------------------------------------------------------------------------

    def row(self, texts: list[str], values: tuple[Any, ...] | None) -> None:
        """One row (the header row when `values` is None) as one or more lines."""
        widths, right = self.widths, self.right
        self._values, self._texts = values, texts
        self._spans = {}
        if values is not None and all(len(t) <= w for t, w in zip(texts, widths, strict=False)):
            if self.laid.spans is None:  # the common case, kept fast: one plain line
                self.laid.lines.append(self.gap.join(
                    t.rjust(w) if r else t.ljust(w)
                    for t, w, r in zip(texts, widths, right, strict=False)).rstrip())
                return
            self._line([(self.offsets[i] + (widths[i] - len(t) if right[i] else 0), t, i, 0,
                         len(t)) for i, t in enumerate(texts) if t])
            return
        stacks = [self._stacked_piece(i, t, values is None) for i, t in enumerate(texts)]
        folded = [i for i, stack in enumerate(stacks) if self.columns[i].ids
                  and any(len(piece[0]) > widths[i] for piece in stack)]
        if not folded:
            self._stacked(stacks, range(len(stacks)))
            return
        last = folded[-1]
        self._head(stacks[:last + 1])
        if last + 1 < len(stacks):
            self._stacked(stacks, range(last + 1, len(stacks)))

    def _stacked_piece(self, index: int, text: str, header: bool) -> list[tuple[str, int, int]]:
        """`_stack`, remembered for the table (the pieces are only read)."""
        key = (index, text, header)
        found = self._stacks.get(key)
        if found is None:
            found = self._stacks[key] = self._stack(index, text, header)
        return found

    def _stack(self, index: int, text: str, header: bool) -> list[tuple[str, int, int]]:
        """The pieces of a cell, one per line: (text, start in the cell, characters of the
        cell it shows)."""
        width = self.widths[index]
        if len(text) <= width:
            return [(text, 0, len(text))]
        column = self.columns[index]
        if column.overflow == "ellipsis" and not header and not column.ids:
            return [(text[: max(width - 1, 0)] + "…", 0, max(width - 1, 0))]
        if column.ids and not header:
            return _wrap_ids(text, width)
        if _is_figure(column) and not header and _longest_piece(text, _FIGURE_PIECE) <= width:
            return _wrap_ids(text, width, _FIGURE_PIECE)
        return self._located(text, textwrap.wrap(text, width, break_on_hyphens=True) or [""])

    @staticmethod
    def _located(text: str, lines: list[str]) -> list[tuple[str, int, int]]:
        """Wrapped lines with where each starts in `text` (wrapping only drops spaces)."""
        pieces, cursor = [], 0
        for line in lines:
            start = text.find(line, cursor)
            start = cursor if start < 0 else start
            pieces.append((line, start, len(line)))
            cursor = start + len(line)
        return pieces

    def _stacked(self, stacks: list[list[tuple[str, int, int]]], shown: range) -> None:
        """Cells side by side in their columns, as many lines as the tallest; the columns
        not `shown` are left blank (and so is a line with nothing in it)."""
        if self.laid.spans is None:  # plain text (piped, no colour): the lines only
            self._stacked_plain(stacks, shown)
            return
        for line in range(max(len(stacks[i]) for i in shown)):
            placed = []
            for i in shown:
                if line < len(stacks[i]) and stacks[i][line][0]:
                    text, start, size = stacks[i][line]
                    pad = self.widths[i] - len(text) if self.right[i] else 0
                    placed.append((self.offsets[i] + pad, text, i, start, size))
            if placed or len(shown) == len(stacks):
                self._line(placed)

    def _stacked_plain(self, stacks: list[list[tuple[str, int, int]]], shown: range) -> None:
        """`_stacked` without style spans: each line written as it is placed (an N=10
        `burden` piped wraps 7,600 of its 11,400 rows)."""
        widths, right, offsets, lines = self.widths, self.right, self.offsets, self.laid.lines
        every = len(shown) == len(stacks)
        for number in range(max(len(stacks[i]) for i in shown)):
            line = ""
            for i in shown:
                stack = stacks[i]
                if number < len(stack):
                    text = stack[number][0]
                    if text:
                        at = offsets[i] + (widths[i] - len(text) if right[i] else 0)
                        if len(line) < at:
                            line += " " * (at - len(line))
                        line += text
            if line or every:
                lines.append(line.rstrip())

    def _head(self, stacks: list[list[tuple[str, int, int]]]) -> None:
        """The first cells of a folded row, up to its last id that does not fit, in order:
        each line of a cell in its column; an id too wide for it runs on past the column's
        end, moves left to end at the table's edge, or (wider than the table) starts the
        line; a line is started where a piece would run into the one before."""
        lines: list[list[tuple[int, str, int, int, int]]] = [[]]
        end = 0
        for index, stack in enumerate(stacks):
            width, column_at = self.widths[index], self.offsets[index]
            for text, start, size in stack:
                if not text:
                    continue
                if len(text) <= width:
                    at = column_at + (width - len(text) if self.right[index] else 0)
                elif column_at + len(text) <= self.width:
                    at = column_at
                else:
                    at = max(self.width - len(text), 0)
                if lines[-1] and end + len(self.gap) > at:
                    lines.append([])
                lines[-1].append((at, text, index, start, size))
                end = at + len(text)
        for placed in lines:
            self._line(placed)

    def _line(self, placed: list[tuple[int, str, int, int, int]]) -> None:
        """A line of (column position, text, column, start in the cell, size) pieces."""
        line = ""
        spans: LineSpans = []
        for at, text, index, start, size in placed:
            if len(line) < at:
                line += " " * (at - len(line))
            if self.laid.spans is not None:
                for begin, finish, style in self._cell_spans(index):
                    low, high = max(begin, start), min(finish, start + size)
                    if low < high:
                        spans.append((at + low - start, at + high - start, style))
            line += text
        self.laid.lines.append(line.rstrip())
        if self.laid.spans is not None:
            self.laid.spans.append(spans)

    # -- styles ---------------------------------------------------------------------------

    def _cell_spans(self, index: int) -> LineSpans:
        """Style spans of a cell of the current row, over the cell's text."""
        if index not in self._spans:
            text = self._texts[index]
            if self._values is None:
                self._spans[index] = [(0, len(text), "header")]
            else:
                self._spans[index] = _cell_styles(self.columns[index], self._values[index], text)
        return self._spans[index]

    # -- title and notes ----------------------------------------------------------------------

    def text(self, value: str | Styled, style: str, indent: str = "") -> None:
        """A title or note, wrapped to the table's width between words (continued lines
        indented); ids and addresses in it are never broken. A blank line (`\n\n`) in a
        plain text parts paragraphs, each wrapped on its own, a blank line between them."""
        if isinstance(value, str) and "\n\n" in value:
            for number, paragraph in enumerate(value.split("\n\n")):
                if number:
                    self.laid.lines.append("")
                    if self.laid.spans is not None:
                        self.laid.spans.append([])
                self.text(paragraph, style, indent)
            return
        text = one_line(value)
        lines = textwrap.wrap(text, self.width, subsequent_indent=indent,  # ids stay whole
                              break_long_words=False, break_on_hyphens=False) or [""]
        self.laid.lines += [line.rstrip() for line in lines]
        if self.laid.spans is None:
            return
        spans = _parts_spans(value.parts, style) if isinstance(value, Styled) else [
            (0, len(text), style)]
        bodies = [line[len(indent):] if number else line for number, line in enumerate(lines)]
        for line, (body, start, size) in zip(lines, self._located(text, bodies), strict=True):
            shift = len(line) - len(body) - start
            self.laid.spans.append([(max(b, start) + shift, min(f, start + size) + shift, s)
                                    for b, f, s in spans if max(b, start) < min(f, start + size)])


def _parts_spans(parts: tuple[tuple[str, str | None], ...], base: str | None) -> LineSpans:
    spans, at = [], 0
    for text, style in parts:
        size = len(one_line(text))
        if size and (style or base):
            spans.append((at, at + size, style or base or ""))
        at += size
    return spans


def _cell_styles(column: Column, value: Any, text: str) -> LineSpans:
    """How a colour terminal marks a cell: `Styled` parts as given; figures (`Span`) that rest
    on estimates as estimated, unknowns (`–`, the `+?` of a sum) apart from zeros; and the
    column's own `style`."""
    if isinstance(value, Styled):
        return _parts_spans(value.parts, None)
    if isinstance(value, Span):
        return _parts_spans(span_parts(value), None)
    rule = column.style
    if rule == "marks":
        return [(m.start(), m.end(), _MARKS[m.group()]) for m in _MARK.finditer(text)
                if m.group() in _MARKS]
    if rule == "score":
        try:
            return [(0, len(text), score_style(float(text.replace(',', '.'))))]
        except ValueError:
            return []
    if rule == "gaps":
        style = ("uncovered" if text == "0" else "crowded" if text.endswith("!") else
                 "unused" if text == "·" else None)
        return [(0, len(text), style)] if style else []
    if text == UNKNOWN_TEXT:
        return [(0, len(text), "none" if rule == "anchor" else "unknown")]
    if text.endswith("+?"):
        return [(len(text) - 2, len(text), "unknown")]
    return []


def terminal_width() -> int:
    """The terminal's width when standard output is one, else 80 (piped output is stable)."""
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


#: The table family by format: JSON comes from the result, the others from the table.
RENDERERS: dict[Format, Callable[[Table, Any], str]] = {
    Format.table: lambda table, result: render_table(table),
    Format.json: lambda table, result: render_json(result),
    Format.csv: lambda table, result: render_csv(table),
    Format.markdown: lambda table, result: render_markdown(table),
}


def render(table: Table, result: Any, fmt: Format) -> str:
    """The string for `fmt` (see `RENDERERS`)."""
    return RENDERERS[fmt](table, result)
