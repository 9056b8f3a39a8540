"""Data values cannot take over the outputs: no GitHub workflow command injection, no terminal
control sequences, no spreadsheet formulas, and nothing that cannot be written as UTF-8."""

from __future__ import annotations

import csv
import io
import json

import pytest

from ehelse_map.load.check_set import validate_data
from ehelse_map.problems import Problem, Report
from ehelse_map.render.problems import printable, render_github, render_json, render_text
from ehelse_map.render.table import Column, Table, clean_text, csv_cell, render_csv

EVIL_ID = "x%0A\r\n::error file=owned.yaml,line=1::pwned\x1b]0;title\x07\u202e\ud800"
EVIL_FILE = "data/a,b:c%d\n.yaml"


def report(*problems: Problem) -> Report:
    return Report(tuple(problems), tuple(sorted({p.file for p in problems})))


EVIL = report(Problem(EVIL_FILE, 3, 7, "E012", f"unknown actor '{EVIL_ID}'", "networks[0].host"),
              Problem("ok.yaml", 1, 1, "W100", f"unknown field '{EVIL_ID}'"))


# --- GitHub annotations --------------------------------------------------------------------------

def test_github_one_command_per_problem_and_nothing_else():
    output = render_github(EVIL)
    output.encode("utf-8")
    lines = output.split("\n")
    assert lines[-1] == "" and len(lines) == 3
    assert lines[0].startswith("::error file=") and lines[1].startswith("::warning file=")
    assert "\r" not in output and "\x1b" not in output and "\x07" not in output


def test_github_properties_escape_percent_colon_comma_and_line_breaks():
    line = render_github(EVIL).split("\n")[0]
    properties, message = line[len("::error "):].split("::", 1)
    assert properties == ("file=data/a%2Cb%3Ac%25d\\x0a.yaml,line=3,col=7,"
                          "title=E012 unknown-reference")
    assert message.startswith("unknown actor 'x%250A\\x0d\\x0a::error file=owned.yaml")
    assert "%0A" not in message.replace("%250A", "")


def test_github_escapes_the_workflow_command_characters():
    line = render_github(report(Problem("f.yaml", 1, 1, "E001", "100% done\r\nnext"))).rstrip("\n")
    assert line.endswith("::100%25 done\\x0d\\x0anext")


# --- terminal text -----------------------------------------------------------------------------------

def test_text_escapes_every_control_character():
    output = render_text(EVIL)
    output.encode("utf-8")
    assert output.count("\n") == 2
    for character in ("\r", "\x1b", "\x07", "\u202e", "\ud800"):
        assert character not in output
    assert "\\x1b]0;title\\x07\\u202e\\ud800" in output
    assert output.startswith("data/a,b:c%d\\x0a.yaml:3:7: error[E012] unknown actor 'x%0A\\x0d\\x0a")


@pytest.mark.parametrize("character", ["\x00", "\x08", "\x0b", "\x1b", "\x7f", "\x85", "\x9b",
                                       "\u200b", "\u200e", "\u2028", "\u2029", "\u202a",
                                       "\u202e", "\u2066", "\u2069", "\ufeff", "\udc80"])
def test_printable_escapes(character):
    shown = printable(f"a{character}b")
    assert character not in shown and shown.startswith("a\\") and shown.endswith("b")


def test_printable_keeps_ordinary_text():
    text = "Digi Vestland – faggruppe for e-helse; Tromsø, Åland, Þórshöfn 😀"
    assert printable(text) is text


def test_text_color_only_adds_the_severity_style():
    from ehelse_map.render.problems import format_text_line

    line = format_text_line(EVIL.problems[1], color=True)
    assert line.count("\x1b[") == 2 and line.startswith("ok.yaml:1:1: \x1b[33mwarning\x1b[0m")


# --- JSON ----------------------------------------------------------------------------------------------

def test_json_keeps_the_data_exact_but_escapes_what_a_terminal_would_run():
    output = render_json(EVIL)
    output.encode("utf-8")
    for character in ("\x1b", "\x07", "\r", "\u202e", "\ud800"):
        assert character not in output
    payload = json.loads(output)
    assert payload["problems"][0]["message"] == f"unknown actor '{EVIL_ID}'"
    assert payload["problems"][0]["file"] == EVIL_FILE


def test_json_ascii_only():
    output = render_json(report(Problem("ø.yaml", 1, 1, "W100", "unknown field 'æ'")),
                         ascii_only=True)
    assert output.isascii()
    assert json.loads(output)["problems"][0]["message"] == "unknown field 'æ'"


# --- end to end: a hostile key in a data file ----------------------------------------------------------

def test_hostile_key_end_to_end():
    data = (b'schema_version: 1\n"a\\n::error file=x::pwned\\u202e": 1\n')
    validated = validate_data([("actors.yaml", data)])
    rendered = report(*validated.problems)
    assert render_text(rendered) == (
        "actors.yaml:2:1: warning[W100] unknown field 'a\\x0a::error file=x::pwned\\u202e'\n")
    assert render_github(rendered).count("\n") == 1


# --- CSV (render/tabular.py) ---------------------------------------------------------------------------

@pytest.mark.parametrize("value", ["=1+1", "+A1", "-2+3", "@SUM(A1:A9)", "=HYPERLINK(\"x\")",
                                   "\t=1+1", "\r=1+1", "\u200b=1+1", "\x1b=1", ["=a", "b"],
                                   "-cmd|' /C calc'!A0"])
def test_csv_cells_never_start_a_formula(value):
    cell = csv_cell(value)
    assert cell.startswith("'")


@pytest.mark.parametrize(("value", "cell"), [("-5", "-5"), ("+1.5", "+1.5"), (-3.5, "-3.5"),
                                             (12, "12"), ("bergen", "bergen"), (None, "")])
def test_csv_numbers_and_plain_text_stay_as_they_are(value, cell):
    assert csv_cell(value) == cell


def test_rendered_csv_has_no_formula_cell():
    hostile = ["=1+1", "+1+1", "-1+1", "@A1", "\t=1", "a\nb", "x,y", 'q"uote', "-7"]
    table = Table("t", (Column("name"), Column("n", "right")), tuple((v, i) for i, v in enumerate(hostile)))
    rows = list(csv.reader(io.StringIO(render_csv(table))))
    assert rows[0] == ["name", "n"]
    cells = [row[0] for row in rows[1:]]
    assert cells[5] == "a\nb" and cells[6] == "x,y" and cells[7] == 'q"uote' and cells[8] == "-7"
    for cell in cells[:5]:
        assert cell.startswith("'")


def test_clean_text_strips_terminal_controls():
    cleaned = clean_text("\x1b[2J\x1b]0;x\x07red\u202e\u200b\x00\x9b")
    assert cleaned == "[2J]0;xred"


def test_clean_text_keeps_the_joiners_of_emoji_only():
    assert clean_text("Team 👩\u200d⚕\ufe0f") == "Team 👩\u200d⚕\ufe0f"
    assert clean_text("👨\u200d👩\u200d👧 K\u200dS") == "👨\u200d👩\u200d👧 KS"
    assert clean_text("👩\u200d\u202e⚕ \u200d👩") == "👩⚕ 👩"
