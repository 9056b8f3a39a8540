"""How output meets the terminal: colour, width, the pager and the default `--top`.

Decided once, here, from the global options (`--no-color`, `--no-pager`), the environment
(`NO_COLOR`, `TERM=dumb`, `PAGER`) and whether standard output is a terminal:

- Piped or redirected output is plain text at 80 columns, byte for byte the same on every run
  and whatever the terminal: no colour, no pager, no default row limit.
- On a terminal, tables use its width, show styles (`render.styled.THEME`) unless colour is
  off, open in a pager when taller than the screen (like git: `$PAGER`, else `less` with
  `LESS=FRX`, so a short table prints as usual), and list the first `DEFAULT_TOP` rows unless
  `--top` says otherwise (`--top 0`: all), with a note saying so.

Light at import (`--help` and `validate` use it): rich is imported only to draw a table in
colour.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any, TextIO

from ehelse_map import runtime
from ehelse_map.render.formats import Format

if TYPE_CHECKING:
    from ehelse_map.render.table import Laid, Table

DEFAULT_TOP = 25
"""Rows a table shows on a terminal without `--top`: about a screenful."""


def is_terminal(stream: TextIO | None = None) -> bool:
    return bool(getattr(stream or sys.stdout, "isatty", lambda: False)())


def use_color(stream: TextIO | None = None) -> bool:
    """Colour only on a terminal, never with `--no-color`, `NO_COLOR` (no-color.org) or
    `TERM=dumb`."""
    if not runtime.OUTPUT.color or os.environ.get("NO_COLOR") or os.environ.get("TERM") == "dumb":
        return False
    return is_terminal(stream)


def screen_top(top: int | None, fmt: Any = Format.table) -> tuple[int | None, bool]:
    """The row limit to compute with, and whether it is the terminal's default.

    `--top 0` means all rows; without `--top`, a table on a terminal shows `DEFAULT_TOP`; JSON,
    CSV, Markdown and piped tables are never cut unless asked."""
    if top == 0:
        return None, False
    if top is None and str(getattr(fmt, "value", fmt)) == "table" and is_terminal():
        return DEFAULT_TOP, True
    return top, False


def limit_note(table: Table) -> Table:
    """The table with a note saying a default limit cut it, and how to see the rest."""
    from ehelse_map.render.styled import styled

    if table.total_rows is None or table.total_rows <= len(table.rows):
        return table
    note = styled((f"showing {len(table.rows):,} of {table.total_rows:,} — `--top 0` for all",
                   "hint"))
    return replace(table, notes=(*table.notes, note))


@dataclass(frozen=True)
class Drawn:
    """A command's output ready for standard output: its text (with ANSI styles when in
    colour) and, for a table or `diff`'s changelog, its height (these may go through the
    pager)."""

    text: str
    lines: int = 0
    table: bool = False


def draw(table: Table, result: Any, fmt: Any, *, limited: bool = False) -> Drawn:
    """The output in `fmt`: a table for the terminal, else JSON (from the result), CSV or
    Markdown, made inert (`render.escape.inert`). Overrides in force (`--assume`) are named:
    the table's last note, an `assumed` list in JSON; CSV, rows only, leaves them to stderr."""
    name = str(getattr(fmt, "value", fmt))
    if name == "table":
        return draw_table(table, limited=limited)
    from ehelse_map.render.escape import inert
    from ehelse_map.render.table import render

    if name == "json":
        return Drawn(inert(with_assumed_json(render(table, result, fmt))))
    return Drawn(inert(render(with_assumed(table), result, fmt)))


def assumed_note() -> str:
    """The note that names the run's `--assume` overrides; empty without any."""
    if not runtime.OUTPUT.assumed:
        return ""
    return "assumed for this run (--assume): " + "; ".join(runtime.OUTPUT.assumed)


def with_assumed(table: Table) -> Table:
    """The table with the run's overrides as its last note."""
    note = assumed_note()
    return replace(table, notes=(*table.notes, note)) if note else table


def with_assumed_json(text: str) -> str:
    """JSON output with the run's overrides as a top-level `assumed` list (an object's last
    key); the text unchanged without overrides or when it is not an object."""
    if not runtime.OUTPUT.assumed:
        return text
    import json

    from ehelse_map.render.table import render_json

    value = json.loads(text)
    if not isinstance(value, dict):
        return text
    return render_json({**value, "assumed": list(runtime.OUTPUT.assumed)})


def with_assumed_text(text: str) -> str:
    """Text output (a scenario's comparison) with the run's overrides on a last line."""
    note = assumed_note()
    return text + note + "\n" if note else text


def draw_table(table: Table, *, limited: bool = False, last: bool = True) -> Drawn:
    """Lay a table out for standard output (its width, colour when on a terminal). Kept apart
    from `show` so that a progress display can cover the work and stop before the output."""
    from ehelse_map.render.escape import inert
    from ehelse_map.render.table import lay_out

    if limited:
        table = limit_note(table)
    if last:  # of what the command prints: where the overrides are named, once
        table = with_assumed(table)
    color = use_color(sys.stdout)
    laid = lay_out(table, styled=color)
    text = _ansi(laid) if color else inert(laid.text())
    return Drawn(text, len(laid.lines), table=True)


def emit_table(table: Table, *, limited: bool = False) -> None:
    """Draw a table and show it (through the pager when it is taller than the terminal)."""
    show(draw_table(table, limited=limited))


def emit_tables(tables: tuple[Table, ...], result: Any, fmt: Format, *,
                csv_table: int = 0) -> None:
    """Several tables of one result: on the terminal and in Markdown every table, a blank line
    apart (the terminal's through the pager as one); JSON from the result; CSV holds one table,
    `csv_table`."""
    from ehelse_map.render.table import render_csv, render_json, render_markdown

    if fmt is Format.table:
        drawn = [draw_table(table, last=i == len(tables) - 1) for i, table in enumerate(tables)]
        show(Drawn("\n".join(d.text for d in drawn), sum(d.lines for d in drawn)
                   + len(drawn) - 1, table=True))
        return
    if fmt is Format.json:
        text = with_assumed_json(render_json(result))
    elif fmt is Format.csv:
        text = render_csv(tables[csv_table])
    else:
        text = "\n".join(render_markdown(with_assumed(table) if i == len(tables) - 1 else table)
                         for i, table in enumerate(tables))
    from ehelse_map.render.escape import inert

    sys.stdout.write(inert(text))
    sys.stdout.flush()


def _ansi(laid: Laid) -> str:
    """The lines with their styles as the terminal's escape codes. rich's Console decides the
    colour system (truecolor, 256, 16 colours, legacy Windows; `FORCE_COLOR`, `COLORTERM`);
    each span is rendered by rich's Style for it. (Printing rich Text objects gives the same
    bytes, 26x slower: 4.5 s for 43,000 rows, against 0.18 s.)"""
    from rich.console import COLOR_SYSTEMS, Console
    from rich.style import Style

    from ehelse_map.render.escape import inert
    from ehelse_map.render.styled import THEME

    # colour was decided by `use_color`; the Console only picks how to say it
    console = Console(file=sys.stdout, force_terminal=True, highlight=False, markup=False,
                      emoji=False)
    system = COLOR_SYSTEMS.get(console.color_system or "")
    styles = {name: Style.parse(look) for name, look in THEME.items()}
    legacy = console.legacy_windows
    out: list[str] = []
    for line, spans in zip(laid.lines, laid.spans or [[]] * len(laid.lines), strict=True):
        safe = inert(line)
        if safe != line or system is None:  # an escaped line keeps no styles (rare)
            out += [safe, "\n"]
            continue
        at = 0
        for start, end, name in spans:
            out += [line[at:start], styles[name].render(line[start:end], color_system=system,
                                                         legacy_windows=legacy)]
            at = end
        out += [line[at:], "\n"]
    return "".join(out)


def show(drawn: Drawn) -> None:
    """Write to standard output, through the pager when standard output is a terminal, paging
    is on and the text is taller than the screen."""
    if drawn.table and _wants_pager(drawn.lines) and _page(drawn.text):
        return
    sys.stdout.write(drawn.text)
    sys.stdout.flush()


def _wants_pager(lines: int) -> bool:
    import shutil

    if not runtime.OUTPUT.pager or not is_terminal(sys.stdout):
        return False
    return lines >= shutil.get_terminal_size((80, 24)).lines


def pager_command() -> list[str] | None:
    """`$EHELSE_MAP_PAGER`, else `$PAGER`, else `less`, as an argument list; None when it is
    empty, `cat`, or not found."""
    import shlex
    import shutil

    text = os.environ.get("EHELSE_MAP_PAGER", os.environ.get("PAGER", "less"))
    try:
        argv = shlex.split(text)
    except ValueError:
        return None
    if not argv or argv[0] == "cat" or shutil.which(argv[0]) is None:
        return None
    return argv


def _page(text: str) -> bool:
    """Run the pager on `text`, as git does (`LESS=FRX` unless set: quit when it fits one
    screen, keep colours, leave the text on the screen). False when no pager could start."""
    import subprocess

    argv = pager_command()
    if argv is None:
        return False
    env = {**os.environ, "LESS": os.environ.get("LESS", "FRX"), "LV": os.environ.get("LV", "-c")}
    try:
        process = subprocess.Popen(argv, stdin=subprocess.PIPE, env=env)
    except OSError:
        return False
    with runtime.interrupt_ignored():  # Ctrl-C is the pager's
        try:
            assert process.stdin is not None
            encoding = getattr(sys.stdout, "encoding", None) or "utf-8"
            process.stdin.write(text.encode(encoding, errors="backslashreplace"))
            process.stdin.close()
        except BrokenPipeError:  # the reader quit before the end
            pass
        finally:
            process.wait()
    return True
