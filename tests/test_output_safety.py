"""Data values cannot take over the outputs: no GitHub workflow command injection, no terminal
control sequences, no spreadsheet formulas, no HTML, links or mentions in Markdown, and nothing
that cannot be written as UTF-8."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ehelse_map.load.check_set import validate_data
from ehelse_map.problems import Problem, Report
from ehelse_map.render.escape import WORD_JOINER, inert, md, md_code, md_url
from ehelse_map.render.problems import printable, render_github, render_json, render_text
from ehelse_map.render.table import Column, Table, clean_text, csv_cell, render_csv, render_table

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


# --- every command, every format: data in human output cannot act ---------------------------
# A data set whose names are hostile: HTML, a link, a mention, an issue reference and GitHub
# workflow commands, one at the start of a name (so of `show`'s first line and table rows),
# and a long text whose second line would start with one.

HOSTILE = "<img src=x onerror=alert(1)> [x](http://e) @octocat ::error file=a::b"
DIFF_OLD = Path(__file__).resolve().parent / "fixtures" / "diff" / "old"
AS_OF = ["--as-of", "2024-06-01"]


@pytest.fixture(scope="module")
def hostile(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("hostile") / "data"
    shutil.copytree(DIFF_OLD, folder)
    actors = folder / "actors.yaml"
    actors.write_text(actors.read_text(encoding="utf-8")
                      .replace("name: Bergen\n", f'name: "{HOSTILE}"\n')
                      .replace("name: Modalen\n", f'name: "::error file=m::b {HOSTILE}"\n'),
                      encoding="utf-8")
    networks = folder / "networks.yaml"
    text = networks.read_text(encoding="utf-8")
    text = text.replace("name: KS eKommune – e-helse\n",
                        f'name: "::error file=n::b {HOSTILE} #12 <!-- <script>"\n'
                        '    inferred: "first line\\n::warning file=i::second\\n'
                        '  ::notice::third ##[error]legacy"\n')
    networks.write_text(text.replace("short_name: KS eKomp\n", f'short_name: "{HOSTILE}"\n'),
                        encoding="utf-8")
    return folder


def _lines(text: str) -> list[str]:
    return re.split(r"\r\n|\r|\n", text)


def assert_inert(text: str) -> None:
    """No line can be a GitHub Actions workflow command, old or new form."""
    for line in _lines(text):
        assert not line.lstrip().startswith("::"), line
        assert "##[" not in line, line
    assert "\x1b" not in text


def assert_markdown_inert(text: str) -> None:
    """Rendered as Markdown (CommonMark with GFM tables), the data stays text: no HTML element
    or comment, no link or image of its own, no mention, no issue reference."""
    markdown_it = pytest.importorskip("markdown_it")
    html = markdown_it.MarkdownIt("commonmark").enable(["table", "strikethrough"]).render(text)
    for made in ("<img src=x", 'src="x"', "<script", "<!--", 'href="http://e"', "@octocat",
                 "#12"):
        assert made not in html, made
    assert "\\<img" not in html  # escapes are consumed, not shown
    for line in _lines(text):
        assert not line.lstrip().startswith("::"), line


LISTINGS = ["actors", "networks", "overlap", "burden", "funding", "anchoring", "gaps", "brokers",
            "show ks-ekomp", "show bergen", "show modalen"]
SCENARIOS = ["whatif --merge ks-ekomp,vft-nettverk", "recommend --min-score 0", "diff OLD"]


@pytest.mark.parametrize("fmt", ["table", "markdown", "csv", "json"])
@pytest.mark.parametrize("command", LISTINGS)
def test_listings_and_analyses_are_inert_in_every_format(run_cli, hostile, command, fmt):
    result = run_cli([*command.split(), "--data", str(hostile), *AS_OF, "--format", fmt])
    assert result.exit_code == 0, result.stderr
    assert_inert(result.stdout)
    assert_inert(result.stderr)
    if fmt == "markdown":
        assert_markdown_inert(result.stdout)
    if fmt == "json":
        json.loads(result.stdout)


@pytest.mark.parametrize("fmt", ["table", "markdown", "json"])
@pytest.mark.parametrize("command", SCENARIOS)
def test_whatif_recommend_and_diff_are_inert_in_every_format(run_cli, hostile, command, fmt):
    args = [str(DIFF_OLD) if arg == "OLD" else arg for arg in command.split()]
    result = run_cli([*args, "--data", str(hostile), *AS_OF, "--format", fmt])
    assert result.exit_code == 0, result.stderr
    assert_inert(result.stdout)
    assert_inert(result.stderr)
    if fmt == "markdown":
        assert_markdown_inert(result.stdout)


def test_show_escapes_a_name_that_would_start_a_workflow_command(run_cli, hostile):
    table = run_cli(["show", "modalen", "--data", str(hostile)]).stdout
    assert table.startswith("\\x3a:error file=m::b <img src=x onerror=alert(1)>")
    markdown = run_cli(["show", "modalen", "--data", str(hostile), "-f", "markdown"]).stdout
    assert markdown.startswith("### \\::error file=m::b \\<img src=x onerror=alert(1)\\> "
                               "\\[x\\](http://e) @\u2060octocat")
    # a long text's line breaks are spaces in a table, so its second line starts nothing
    inferred = run_cli(["show", "ks-ekomp", "--data", str(hostile)]).stdout
    assert "first line ::warning" in inferred and "##\\x5berror]legacy" in inferred


def test_the_markdown_shows_the_data_as_typed(run_cli, hostile):
    """Escaped, not dropped: rendered, the reader sees the name exactly (with an invisible word
    joiner after '@' and '#')."""
    markdown_it = pytest.importorskip("markdown_it")
    import html as html_module

    for args in (["show", "bergen", "-f", "markdown"],
                 ["diff", str(DIFF_OLD), "-f", "markdown"],
                 ["whatif", "--merge", "ks-ekomp,vft-nettverk", "-f", "markdown"]):
        out = run_cli([*args, "--data", str(hostile), *AS_OF]).stdout
        rendered = markdown_it.MarkdownIt("commonmark").enable("table").render(out)
        shown = html_module.unescape(re.sub(r"<[^>]+>", "", rendered)).replace("\u2060", "")
        assert HOSTILE in shown, args


def test_report_markdown_is_inert(run_cli, hostile, tmp_path):
    output = tmp_path / "report.md"
    result = run_cli(["report", "-o", str(output), "--data", str(hostile), *AS_OF])
    assert result.exit_code == 0, result.stderr
    assert_markdown_inert(output.read_text(encoding="utf-8"))
    assert_inert(result.stderr)


def test_validate_text_output_is_inert(run_cli, hostile, tmp_path):
    folder = tmp_path / "data"
    shutil.copytree(hostile, folder)
    networks = folder / "networks.yaml"
    networks.write_text(networks.read_text(encoding="utf-8").replace(
        "  - id: ks-ekomp\n", '  - id: ks-ekomp\n    "##[error]legacy ::error x::y": 1\n'),
        encoding="utf-8")
    result = run_cli(["validate", str(folder), "--format", "text"])
    assert "unknown field '##\\x5berror]legacy" in result.stdout
    assert_inert(result.stdout)
    github = run_cli(["validate", str(folder), "--format", "github"]).stdout
    assert github.startswith("::warning file=")  # annotations are meant; their data is escaped
    assert github.count("\n") == 1


def test_error_messages_on_stderr_are_inert(run_cli, hostile):
    result = run_cli(["show", "::error file=x::y", "--data", str(hostile)])
    assert result.exit_code == 2
    assert_inert(result.stderr)
    result = run_cli(["overlap", "--region", "::error file=x::y ##[warning]z", "--data",
                      str(hostile)])
    assert result.exit_code == 2 and "##[" not in result.stderr


# --- the shared functions -----------------------------------------------------------------------

@pytest.mark.parametrize(("text", "shown"), [
    ("::error file=a::b", "\\x3a:error file=a::b"),
    ("  \t::warning::x", "  \t\\x3a:warning::x"),
    ("\u3000::notice::x", "\u3000\\x3a:notice::x"),  # the runner trims Unicode white space too
    ("a\n::error::b\r::error::c", "a\n\\x3a:error::b\r\\x3a:error::c"),
    ("text ##[error]x", "text ##\\x5berror]x"),
    ("a :: b", "a :: b"),
    ("plain", "plain"),
])
def test_inert(text, shown):
    assert inert(text) == shown


def test_inert_covers_a_wrapped_or_padded_table_line():
    """A cell that starts a line only after wrapping or padding is caught at the line."""
    table = Table("t", (Column("a"), Column("b", max_width=20)),
                  (("", "::error file=x::padded"), ("x", "some words ::error file=y::wrapped")))
    rendered = inert(render_table(table, width=30))
    assert "::error file=x::padded" not in rendered
    assert_inert(rendered)


def test_terminal_tables_escape_controls_and_keep_one_line_per_row():
    rendered = render_table(Table("t", (Column("a"),), (("x\n::error::y\x1b[2J",),)), width=80)
    assert rendered.splitlines()[2] == "x ::error::y\\x1b[2J"


@pytest.mark.parametrize("value", ["::error file=a::b", "a ##[error]b", "\u202e\x9b", "ok"])
def test_json_keeps_data_exact_and_inert(value):
    from ehelse_map.render.table import render_json as table_json

    for text in (table_json({"name": value}),
                 render_json(report(Problem("f.yaml", 1, 1, "W100", value)))):
        assert "##[" not in text and "\u202e" not in text and "\x9b" not in text
        assert_inert(text)
    assert json.loads(table_json({"name": value}))["name"] == value


@pytest.mark.parametrize("value", [
    "# heading", "## two", "> quote", "- item", "+ item", "* item", "1. item", "2024) x", "---",
    "===", "***", "~~~", "```", "<img src=x onerror=alert(1)>", "<!-- c -->", "<script>x</script>",
    "[x](http://e)", "![i](http://e/i.png)", "[ref]: http://e", "[^1]", "&lt;", "&amp;", "`code`",
    "*em* _em_ **b**", "~~s~~", "$x^2$", "$$", "a|b", "| a |", "a\\", "\\", "\\*", "::error x::y",
    "@octocat", "@org/team", "x @octocat y", "#12", "GH-12", "mail@example.com", "-5", "1.5",
])
def test_md_renders_as_exactly_the_text(value):
    """In a paragraph, a table cell and a list item, `md(value)` renders as one element whose
    only content is the value as text."""
    markdown_it = pytest.importorskip("markdown_it")
    import html as html_module

    parser = markdown_it.MarkdownIt("commonmark").enable(["table", "strikethrough"])
    for source, element in ((md(value), "p"), (f"| a |\n|---|\n| {md(value)} |\n", "td"),
                            (f"- {md(value)}\n", "li")):
        rendered = parser.render(source)
        found = re.findall(rf"<{element}>(.*?)</{element}>", rendered, re.DOTALL)
        assert len(found) == 1, (value, rendered)
        assert "<" not in found[0], (value, rendered)
        assert html_module.unescape(found[0]).replace(WORD_JOINER, "") == value, rendered


@given(st.text(alphabet=st.characters(codec="utf-8", categories=["L", "N", "P", "S", "Zs"]),
               max_size=40))
@settings(max_examples=300)
def test_md_shows_any_text_as_typed(value):
    """Property: rendered as CommonMark, `md(value)` is one paragraph holding `value` as text
    (white space collapsed, word joiners aside), whatever the value."""
    markdown_it = pytest.importorskip("markdown_it")
    import html as html_module

    rendered = markdown_it.MarkdownIt("commonmark").render(md(value))
    expected = printable(" ".join(value.split()))
    if not expected:
        assert rendered == ""
        return
    assert rendered.startswith("<p>") and rendered.endswith("</p>\n"), rendered
    inner = rendered[len("<p>"):-len("</p>\n")]
    assert "<" not in inner.replace("&lt;", ""), rendered
    assert html_module.unescape(inner).replace(WORD_JOINER, "") == expected


def test_md_neutralises_mentions_and_references_with_a_word_joiner():
    assert md("hi @octocat, see #12 and GH-3") == (
        f"hi @{WORD_JOINER}octocat, see #{WORD_JOINER}12 and GH-{WORD_JOINER}3")
    assert md("mail@example.com") == f"mail@{WORD_JOINER}example.com"


def test_md_code_falls_back_to_text_for_what_a_code_span_cannot_hold():
    assert md_code("ks-ekomp") == "`ks-ekomp`"
    assert md_code("a|b") == "a\\|b" and md_code("a`b") == "a\\`b"
    assert md_code("<img>") == "`<img>`"  # a code span shows it as typed


def test_md_url_cannot_end_the_link():
    assert md_url("https://e/a b)(<x>") == "https://e/a%20b%29%28%3Cx%3E"
    assert md_url("a:b report.svg", file_name=True) == "a%3Ab%20report.svg"
def test_clean_text_keeps_the_joiners_of_emoji_only():
    assert clean_text("Team 👩\u200d⚕\ufe0f") == "Team 👩\u200d⚕\ufe0f"
    assert clean_text("👨\u200d👩\u200d👧 K\u200dS") == "👨\u200d👩\u200d👧 KS"
    assert clean_text("👩\u200d\u202e⚕ \u200d👩") == "👩⚕ 👩"
