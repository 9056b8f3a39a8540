"""The terminal as analysts expect it (issue 20): colour only on a terminal and never with
NO_COLOR or --no-color, the same text with and without colour and when piped, a default row
limit and a pager only on a terminal, a progress display only on an interactive terminal, and
headlines that say what a limit cut. (Ids never cut, folding, styles and abbreviated headers:
tests/test_table_layout.py.)"""

from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from ehelse_map import runtime
from ehelse_map.cli import progress, terminal
from ehelse_map.render.table import Column, Table, render_table

DATA = Path(__file__).parent / "analyses" / "data"
ROOT = Path(__file__).resolve().parents[1]
ANSI = re.compile(r"\x1b\[[0-9;]*m")


# --- a real terminal ------------------------------------------------------------------------

def on_terminal(args: list[str], env: dict[str, str] | None = None, columns: int = 80,
                lines: int = 50) -> str:
    """The command's standard output when it is a terminal (a pseudo-terminal of that size)."""
    import fcntl
    import pty
    import struct
    import termios

    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", lines, columns, 0, 0))
    environment = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "CI")}
    environment.update({"TERM": "xterm-256color", "PAGER": "cat", **(env or {})})
    process = subprocess.Popen([sys.executable, "-m", "ehelse_map", *args], stdout=slave,
                               stderr=subprocess.PIPE, stdin=subprocess.DEVNULL, cwd=ROOT,
                               env=environment)
    os.close(slave)
    chunks = []
    try:
        while chunk := os.read(master, 65536):
            chunks.append(chunk)
    except OSError:  # EIO: the child closed the terminal
        pass
    process.wait()
    os.close(master)
    assert process.returncode == 0, process.stderr.read() if process.stderr else ""
    return b"".join(chunks).decode().replace("\r\n", "\n")


def piped(args: list[str]) -> str:
    environment = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
    return subprocess.run([sys.executable, "-m", "ehelse_map", *args], capture_output=True,
                          text=True, cwd=ROOT, env=environment, check=True).stdout


posix_only = pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals are POSIX")
TABLE = ["burden", "--by", "region", "--data", str(DATA), "--as-of", "2024-06-30", "--top", "0"]


@pytest.mark.slow
@posix_only
def test_colour_on_a_terminal_is_the_piped_text_with_styles():
    coloured = on_terminal(TABLE)
    assert "\x1b[" in coloured
    assert ANSI.sub("", coloured) == piped(TABLE)


@pytest.mark.slow
@posix_only
@pytest.mark.parametrize(("args", "env"), [(["--no-color"], None), ([], {"NO_COLOR": "1"}),
                                           ([], {"TERM": "dumb"})])
def test_no_color_and_NO_COLOR_give_the_plain_text_on_a_terminal(args, env):
    text = on_terminal([*args, *TABLE], env)
    assert "\x1b" not in text
    assert text == piped(TABLE)


@pytest.mark.slow
@posix_only
def test_a_terminal_gets_a_default_limit_and_its_width():
    args = ["burden", "--by", "person", "--data", str(DATA), "--as-of", "2024-06-30"]
    narrow = on_terminal(["--no-color", *args])
    assert narrow == piped(args)  # 10 rows: under the limit, and 80 columns
    wide = on_terminal(["--no-color", "networks", "--data", str(ROOT / "data")], columns=200)
    assert "showing 25 of" in wide.splitlines()[0]
    assert "`--top 0` for all" in wide
    assert max(map(len, wide.splitlines())) > 80


# --- colour, limits and the pager, decided in the CLI ---------------------------------------

class FakeStream(io.StringIO):
    def __init__(self, tty: bool) -> None:
        super().__init__()
        self.tty = tty

    def isatty(self) -> bool:
        return self.tty


@pytest.fixture
def stdout_tty(monkeypatch):
    """Standard output is a terminal (isatty), with no colour or paging settings about."""
    def use(tty: bool = True) -> FakeStream:
        stream = FakeStream(tty)
        monkeypatch.setattr(sys, "stdout", stream)
        return stream
    for name in ("NO_COLOR", "CI", "PAGER", "EHELSE_MAP_PAGER"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("TERM", "xterm-256color")
    monkeypatch.setattr(runtime, "OUTPUT", runtime.OutputSettings())
    return use


def small_table(rows: int = 3) -> Table:
    return Table("Title", (Column("id", ids=True), Column("hours", "right")),
                 tuple((f"org-{i}", "–" if i == 0 else i) for i in range(rows)),
                 notes=("a note",), total_rows=rows + 10)


def test_colour_only_on_a_terminal_and_never_when_turned_off(stdout_tty, monkeypatch):
    stdout_tty(False)
    assert not terminal.use_color()
    stdout_tty(True)
    assert terminal.use_color()
    monkeypatch.setenv("NO_COLOR", "1")
    assert not terminal.use_color()
    monkeypatch.delenv("NO_COLOR")
    runtime.OUTPUT.color = False
    assert not terminal.use_color()


def test_a_coloured_table_is_the_plain_table_with_styles(stdout_tty):
    stdout_tty(True)
    table = small_table()
    coloured = terminal.draw_table(table).text
    assert "\x1b[" in coloured
    assert ANSI.sub("", coloured) == render_table(table, width=80)
    runtime.OUTPUT.color = False
    assert terminal.draw_table(table).text == render_table(table, width=80)


def test_the_command_line_turns_colour_and_the_pager_off(run_cli):
    run_cli(["--no-color", "--no-pager", "actors", "--data", str(DATA), "--format", "json"])
    assert (runtime.OUTPUT.color, runtime.OUTPUT.pager) == (False, False)
    run_cli(["actors", "--data", str(DATA), "--format", "json"])
    assert (runtime.OUTPUT.color, runtime.OUTPUT.pager) == (True, True)


def test_the_pager_only_on_a_terminal_and_for_a_long_table(stdout_tty, monkeypatch):
    paged: list[str] = []
    monkeypatch.setattr(terminal, "_page", lambda text: paged.append(text) or True)
    monkeypatch.setenv("LINES", "20")
    monkeypatch.setenv("COLUMNS", "80")
    long, short = terminal.Drawn("x\n" * 30, 30, table=True), terminal.Drawn("x\n", 1, table=True)
    out = stdout_tty(False)
    terminal.show(long)
    assert not paged and out.getvalue() == long.text  # piped: never
    stdout_tty(True)
    terminal.show(short)
    assert not paged  # fits the screen
    terminal.show(terminal.Drawn("x\n" * 30, 30))
    assert not paged  # not a table (JSON, CSV, Markdown)
    terminal.show(long)
    assert paged == [long.text]
    runtime.OUTPUT.pager = False
    terminal.show(long)
    assert len(paged) == 1


def test_a_long_diff_goes_through_the_pager_on_a_terminal_as_git_diff_does(stdout_tty,
                                                                           monkeypatch):
    from ehelse_map.cli.commands.diff import diff
    from ehelse_map.render.formats import DiffFormat

    paged: list[str] = []
    monkeypatch.setattr(terminal, "_page", lambda text: paged.append(text) or True)
    monkeypatch.setenv("LINES", "20")
    bundled = ROOT / "data"
    out = stdout_tty(False)
    diff(old=DATA, new=bundled)
    changelog = out.getvalue()
    assert not paged and changelog.startswith("Changes from ")  # piped: printed as it is
    assert changelog.count("\n") > 20
    out = stdout_tty(True)
    diff(old=DATA, new=bundled)
    assert paged == [changelog] and out.getvalue() == ""
    diff(old=DATA, new=bundled, fmt=DiffFormat.json)  # JSON is never paged
    assert len(paged) == 1 and out.getvalue().startswith("{")


def test_the_pager_is_less_frx_unless_the_user_says_otherwise(monkeypatch):
    monkeypatch.delenv("EHELSE_MAP_PAGER", raising=False)
    monkeypatch.delenv("PAGER", raising=False)
    monkeypatch.setattr("shutil.which", lambda name: f"/usr/bin/{name}")
    assert terminal.pager_command() == ["less"]
    monkeypatch.setenv("PAGER", "more -s")
    assert terminal.pager_command() == ["more", "-s"]
    monkeypatch.setenv("PAGER", "cat")
    assert terminal.pager_command() is None
    monkeypatch.setenv("EHELSE_MAP_PAGER", "")
    assert terminal.pager_command() is None


def test_default_top_only_for_a_table_on_a_terminal(stdout_tty):
    from ehelse_map.render.formats import Format

    stdout_tty(False)
    assert terminal.screen_top(None, Format.table) == (None, False)
    stdout_tty(True)
    assert terminal.screen_top(None, Format.table) == (terminal.DEFAULT_TOP, True)
    for fmt in (Format.json, Format.csv, Format.markdown):
        assert terminal.screen_top(None, fmt) == (None, False)
    assert terminal.screen_top(0, Format.table) == (None, False)
    assert terminal.screen_top(7, Format.table) == (7, False)


def test_a_default_limit_says_so_and_how_to_see_everything(stdout_tty):
    stdout_tty(True)
    text = ANSI.sub("", terminal.draw_table(small_table(3), limited=True).text)
    assert text.rstrip().endswith("showing 3 of 13 — `--top 0` for all")
    complete = Table("t", (Column("a"),), (("x",),), total_rows=1)
    assert "--top 0" not in terminal.draw_table(complete, limited=True).text


def test_commands_on_a_terminal_cut_tables_but_never_json(run_cli, monkeypatch):
    monkeypatch.setattr(terminal, "is_terminal", lambda stream=None: True)
    monkeypatch.setattr(terminal, "DEFAULT_TOP", 2)
    monkeypatch.setenv("NO_COLOR", "1")
    args = ["burden", "--by", "person", "--data", str(DATA), "--as-of", "2024-06-30"]
    table = run_cli(args).stdout
    assert table.startswith("Coordination burden by person: showing 2 of 10 rows\n")
    assert "showing 2 of 10 — `--top 0` for all" in table
    assert "showing" not in run_cli([*args, "--top", "0"]).stdout
    assert len(json.loads(run_cli([*args, "--format", "json"]).stdout)["rows"]) == 10


# --- headlines -----------------------------------------------------------------------------

@pytest.mark.parametrize(("args", "title"), [
    (["overlap", "--top", "1"], "Overlapping networks: showing 1 of 2 pairs among 4 networks"),
    (["overlap"], "Overlapping networks: 2 pairs among 4 networks"),
    (["burden", "--top", "2"], "Coordination burden by municipality: showing 2 of 5 rows"),
    (["funding", "--top", "1"], "Funding and reporting lines: showing 1 of 4 networks"),
    (["funding", "--by", "organisation", "--top", "1"],
     "Funding and reporting lines per organisation: showing 1 of 5 organisations"),
    (["anchoring", "--top", "1"], "Anchoring: showing 1 of 4 networks"),
    (["anchoring"], "Anchoring of 4 networks"),
    (["brokers", "--top", "2"], "Brokers: showing 2 of 12 nodes, 21 edges"),
    (["brokers", "--top", "2", "--region", "vestland"],
     "Brokers: showing 2 of 8 nodes in scope; graph of 12 nodes"),
    (["actors", "--top", "2"], "showing 2 of 9 actors"),
    (["networks", "--top", "1"], "showing 1 of 5 networks"),
])
def test_headlines_say_what_a_limit_cut(run_cli, args, title):
    result = run_cli([*args, "--data", str(DATA), "--as-of", "2024-06-30"])
    assert result.exit_code == 0, result.stderr
    assert title in result.stdout.splitlines()[0]


# --- progress ----------------------------------------------------------------------------------

def test_progress_is_silent_when_not_a_terminal_or_in_ci(monkeypatch):
    monkeypatch.setattr(sys, "stderr", FakeStream(False))
    monkeypatch.delenv("CI", raising=False)
    assert not progress.wanted()
    with progress.stages(2) as step:
        assert step is progress._nothing
    monkeypatch.setattr(sys, "stderr", FakeStream(True))
    assert progress.wanted()
    monkeypatch.setenv("CI", "true")
    assert not progress.wanted()


def test_progress_shows_the_stages_on_an_interactive_terminal(monkeypatch):
    import threading

    stream = FakeStream(True)
    monkeypatch.setattr(sys, "stderr", stream)
    monkeypatch.delenv("CI", raising=False)
    monkeypatch.setattr(progress, "DELAY", 0.0)
    started = threading.Event()
    original = progress._Display._start

    def start(self):
        original(self)
        started.set()

    monkeypatch.setattr(progress._Display, "_start", start)
    with progress.stages(2) as step:
        step("load the data")
        assert started.wait(5)
        step("draw")
    assert "draw" in stream.getvalue() or "load the data" in stream.getvalue()


@pytest.mark.slow
def test_commands_write_no_progress_when_piped(tmp_path):
    result = subprocess.run([sys.executable, "-m", "ehelse_map", "diagram", "upset", "-o",
                             str(tmp_path / "u.svg"), "--data", str(DATA)],
                            capture_output=True, text=True, cwd=ROOT, check=True)
    assert result.stderr.startswith("ehelse-map: wrote ")
    assert "\x1b" not in result.stderr and "\r" not in result.stderr
