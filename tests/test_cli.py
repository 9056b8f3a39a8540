"""The CLI end to end: exit codes, stdout versus stderr, formats, help, start-up imports."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from ehelse_map.cli import app

ROOT = Path(__file__).resolve().parents[1]


def command_names() -> list[str]:
    import typer.main

    group = typer.main.get_command(app)
    return sorted(group.commands)  # type: ignore[attr-defined]


@pytest.mark.parametrize("name", command_names())
def test_every_command_has_help_text(run_cli, name):
    result = run_cli([name, "--help"])
    assert result.exit_code == 0
    assert "Usage" in result.stdout
    import typer.main

    command = typer.main.get_command(app).commands[name]  # type: ignore[attr-defined]
    assert command.help and len(command.help.strip()) > 20


@pytest.mark.parametrize("name", command_names())
def test_help_keeps_the_defaults_written_in_brackets(run_cli, name):
    """Help is plain text (no rich markup, see the light-import test): `[default: ...]` in
    help text shows as written, with no escapes."""
    import typer.main

    command = typer.main.get_command(app).commands[name]  # type: ignore[attr-defined]
    written = [p for p in command.params if "[default: " in (getattr(p, "help", "") or "")]
    output = " ".join(run_cli([name, "--help"], env={"COLUMNS": "200"}).stdout.split())
    for param in written:
        hint = param.help[param.help.index("[default: "):].split("]")[0] + "]"
        assert " ".join(hint.split()) in output, (param.name, hint)
    assert not re.search(r"[\w)] \.(\s|$)", output)  # what a dropped "[...]" leaves
    assert "\\[" not in output


def test_version(run_cli):
    import ehelse_map

    result = run_cli(["--version"])
    assert result.exit_code == 0
    assert result.stdout.strip() == f"ehelse-map {ehelse_map.__version__}"


def test_validate_minimal_is_clean(run_cli, minimal_dir):
    result = run_cli(["validate", "--strict", str(minimal_dir)])
    assert result.exit_code == 0
    assert result.stdout == ""
    assert "0 errors, 0 warnings; valid" in result.stderr


def test_validate_reports_problem_lines_on_stdout_and_summary_on_stderr(run_cli, tmp_path, minimal_dir):
    (tmp_path / "actors.yaml").write_text((minimal_dir / "actors.yaml").read_text())
    broken = (minimal_dir / "networks.yaml").read_text().replace("host: ks", "host: kss")
    (tmp_path / "networks.yaml").write_text(broken)
    result = run_cli(["validate", "--format", "text", str(tmp_path)])
    assert result.exit_code == 1
    line = next(text for text in result.stdout.splitlines() if "E012" in text)
    assert line.endswith("error[E012] unknown actor 'kss' (did you mean 'ks'?)")
    assert line.split(":")[0].endswith("networks.yaml")
    assert "1 error" in result.stderr and "invalid" in result.stderr


def test_validate_json_is_one_document(run_cli, minimal_dir):
    result = run_cli(["validate", "--format", "json", str(minimal_dir)])
    payload = json.loads(result.stdout)
    assert payload["valid"] is True and payload["problems"] == []
    assert len(payload["files"]) == 2


def test_validate_auto_picks_github_under_actions(run_cli, tmp_path):
    (tmp_path / "actors.yaml").write_text("schema_version: 1\nactors: {}\n")
    result = run_cli(["validate", str(tmp_path / "actors.yaml")], env={"GITHUB_ACTIONS": "true"})
    assert result.exit_code == 1
    assert result.stdout.startswith("::error file=")


@pytest.mark.parametrize("target", ["missing/actors.yaml", "folder/actors.yaml"])
def test_validate_io_errors_are_github_annotations_too(run_cli, tmp_path, monkeypatch, target):
    """A missing file or a directory stops the run (exit 2); under GitHub Actions it is an
    annotation on the file as well as the line on stderr."""
    (tmp_path / "folder" / "actors.yaml").mkdir(parents=True)
    monkeypatch.chdir(tmp_path)
    for args, env in ((["--format", "github"], None), ([], {"GITHUB_ACTIONS": "true"})):
        result = run_cli(["validate", *args, target], env=env)
        assert result.exit_code == 2
        assert result.stdout.startswith(f"::error file={target},title=ehelse-map validate::{target}: ")
        assert result.stdout.count("\n") == 1 and result.stderr.startswith("ehelse-map: error: ")
    plain = run_cli(["validate", "--format", "text", target])
    assert plain.exit_code == 2 and plain.stdout == ""


def test_strict_turns_warnings_into_failure(run_cli, tmp_path, minimal_dir):
    (tmp_path / "actors.yaml").write_text(
        (minimal_dir / "actors.yaml").read_text().replace('country: "NO"', "country: NO", 1))
    (tmp_path / "networks.yaml").write_text((minimal_dir / "networks.yaml").read_text())
    assert run_cli(["validate", str(tmp_path)]).exit_code == 0
    strict = run_cli(["validate", "--strict", str(tmp_path)])
    assert strict.exit_code == 1
    assert "warning[W101] 'NO' is read as the boolean false by other YAML tools" in strict.stdout


@pytest.mark.parametrize("path", ["does-not-exist.yaml", "."])
def test_io_errors_exit_2_with_one_line(run_cli, path, tmp_path):
    target = str(tmp_path / path) if path != "." else str(tmp_path)
    result = run_cli(["validate", target])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert len(result.stderr.strip().splitlines()) == 1


YML_CASES = {
    # files in the folder -> what the one-line error must name
    "both .yml": (["actors.yml", "networks.yml"], ["actors.yml", "networks.yml", ".yaml"]),
    "one .yml": (["actors.yaml", "networks.yml"], ["networks.yml", "networks.yaml"]),
    ".yaml and .yml": (["actors.yaml", "actors.yml", "networks.yaml"],
                       ["actors.yml", "actors.yaml", "keep one"]),
}


@pytest.mark.parametrize("case", sorted(YML_CASES))
@pytest.mark.parametrize("command", [["validate", "{dir}"], ["validate", "{dir}/actors.{ext}"],
                                     ["overlap", "--data", "{dir}"],
                                     ["networks", "--data", "{dir}", "-f", "json"]])
def test_yml_data_files_are_refused_never_read_as_an_empty_data_set(run_cli, minimal_dir,
                                                                     tmp_path, case, command):
    """`actors.yml`/`networks.yml` are not read; rather than check (or analyse) half a data
    set, every command says which files to rename (or, with both spellings, to keep one)."""
    names, named = YML_CASES[case]
    for name in names:
        source = minimal_dir / (name.split(".")[0] + ".yaml")
        (tmp_path / name).write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
    ext = "yml" if "actors.yml" in names else "yaml"
    result = run_cli([arg.format(dir=tmp_path, ext=ext) for arg in command])
    assert result.exit_code == 2, result.stdout
    assert result.stdout == ""
    (line,) = result.stderr.splitlines()
    assert line.startswith("ehelse-map: error: ")
    for word in named:
        assert word in line


def test_actors_json_contract(run_cli, minimal_dir):
    result = run_cli(["actors", "--data", str(minimal_dir), "--format", "json"])
    items = json.loads(result.stdout)
    bergen = next(a for a in items if a["id"] == "bergen")
    for key in ("id", "name", "kind", "level", "country", "sources"):
        assert key in bergen
    assert bergen["number"] == "4601" and bergen["population"] == 291940


def test_networks_json_contract(run_cli, minimal_dir):
    result = run_cli(["networks", "--data", str(minimal_dir), "--format", "json"])
    network = json.loads(result.stdout)[0]
    for key in ("id", "name", "kind", "level", "host", "areas", "roles", "members", "funding",
                "reports_to", "sources"):
        assert key in network
    assert network["members"] == ["bergen", "modalen"]
    assert network["roles"] == ["helseleiar", "ehelsekoordinator"]


def test_listing_json_equals_library_result(run_cli, minimal_dir):
    from ehelse_map import list_actors, load_dataset
    from ehelse_map.fuzzydate import parse_as_of
    from ehelse_map.render.table import jsonable

    expected = jsonable(list_actors(load_dataset(minimal_dir), parse_as_of("2024")))
    result = run_cli(["actors", "--data", str(minimal_dir), "--format", "json", "--as-of", "2024"])
    assert json.loads(result.stdout) == expected


@pytest.mark.parametrize("command", ["actors", "networks"])
@pytest.mark.parametrize("fmt", ["table", "json", "csv", "markdown"])
def test_listings_every_format(run_cli, minimal_dir, command, fmt):
    result = run_cli([command, "--data", str(minimal_dir), "--format", fmt])
    assert result.exit_code == 0, result.stderr
    if fmt == "csv":
        rows = list(csv.reader(io.StringIO(result.stdout)))
        assert rows[0][0] == "id" and len(rows) > 1
    elif fmt == "markdown":
        assert "| id |" in result.stdout
    elif fmt == "table":
        assert all(len(line) <= 80 for line in result.stdout.splitlines())


def test_filters_and_unknown_filter_value(run_cli, minimal_dir):
    result = run_cli(["actors", "--data", str(minimal_dir), "--kind", "municipality", "-f", "json"])
    assert {a["id"] for a in json.loads(result.stdout)} == {"bergen", "modalen"}
    bad = run_cli(["actors", "--data", str(minimal_dir), "--kind", "municipalty"])
    assert bad.exit_code == 2
    assert "did you mean 'municipality'" in bad.stderr


def test_show_record_and_unknown_id(run_cli, minimal_dir):
    ok = run_cli(["show", "bergen", "--data", str(minimal_dir)])
    assert ok.exit_code == 0 and "4601" in ok.stdout
    missing = run_cli(["show", "bergn", "--data", str(minimal_dir)])
    assert missing.exit_code == 2
    assert "did you mean 'bergen'" in missing.stderr


def test_show_an_organisation_lists_the_networks_reaching_it(run_cli, minimal_dir):
    """Issue 17: `show etne` listed none of the networks that reach Etne."""
    shown = run_cli(["show", "Bergen", "--data", str(minimal_dir), "--as-of", "2024"])
    assert shown.exit_code == 0, shown.stderr
    networks = [line.split(None, 2)[2] for line in shown.stdout.splitlines()
                if line.startswith("reached by ")]
    assert networks and all("(" in n for n in networks)  # id (name)
    assert "ehelse-map profile bergen" in " ".join(shown.stdout.split())
    item = json.loads(run_cli(["show", "bergen", "--data", str(minimal_dir), "--as-of", "2024",
                               "-f", "json"]).stdout)
    listed = json.loads(run_cli(["networks", "--data", str(minimal_dir), "--as-of", "2024",
                                 "-f", "json", "--active"]).stdout)
    assert item["networks"] == sorted(n["id"] for n in listed if "bergen" in n["members"])
    assert [n.split(" (")[0] for n in networks] == item["networks"]


def test_commands_on_broken_data_exit_1_with_problems_on_stderr(run_cli, tmp_path):
    (tmp_path / "actors.yaml").write_text("schema_version: 9\n")
    result = run_cli(["actors", "--data", str(tmp_path)])
    assert result.exit_code == 1
    assert "error[E010]" in result.stderr and result.stdout == ""


def test_schema_checks_either_file_and_each_file_alone(run_cli):
    payload = json.loads(run_cli(["schema"]).stdout)
    assert payload["type"] == "object" and "schema_version" in payload["required"]
    actors = payload["properties"]["actors"]["anyOf"][0]
    assert actors["items"]["required"][0] == "id"
    assert {"actors", "networks", "staffing"} <= set(payload["properties"])
    only = json.loads(run_cli(["schema", "--file", "networks"]).stdout)
    assert list(only["properties"])[:3] == ["schema_version", "areas", "roles"]


def _run(args: list[str], **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(args, capture_output=True, text=True, cwd=ROOT, **kwargs)


@pytest.mark.parametrize("command", [["burden"], ["profile", "etne"], ["whatif"]])
@pytest.mark.parametrize("hours", ["inf", "1e400", "9000", "-1"])
def test_a_capacity_no_year_holds_is_refused_in_one_line(command, hours):
    """`--capacity` is hours a person gives a year: from 0 to a leap year's 8,784. Infinity
    (which no load can be divided by: it stopped `burden` and `profile` with a traceback) and
    more hours than a year has are refused like any bad value: one line, exit code 2."""
    result = _run([sys.executable, "-m", "ehelse_map", *command, "--capacity", hours],
                  env={**os.environ, "EHELSE_MAP_CACHE": "off"})
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "Invalid value for '--capacity'" in lines[0], result.stderr


def test_console_entry_point_runs_in_a_subprocess(tmp_path):
    """The installed `ehelse-map` script (or `python -m ehelse_map`) works from any folder."""
    script = Path(sys.executable).parent / "ehelse-map"
    argv = [str(script)] if script.exists() else [sys.executable, "-m", "ehelse_map"]
    result = subprocess.run([*argv, "validate"], capture_output=True, text=True, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "valid" in result.stderr
    module = subprocess.run([sys.executable, "-m", "ehelse_map", "--version"],
                            capture_output=True, text=True, cwd=tmp_path)
    assert module.stdout.startswith("ehelse-map ")


@pytest.mark.parametrize("args", [
    ["--help"], ["overlap", "--help"], ["actors"], ["validate"], ["networks", "-f", "json"],
    ["overlap"], ["burden"], ["funding"], ["gaps"], ["anchoring"], ["brokers"],
    ["whatif", "--merge", "digi-vestland,digi-vestland-ehelse"],
    ["diff", str(ROOT / "data"), str(ROOT / "data")]])
def test_light_commands_do_not_import_networkx_matplotlib_or_rich(args):
    """Help is click's plain text (typer's rich help would import rich's Console and Table);
    rich is imported only to draw a table in colour or a progress display on a terminal."""
    code = ("import sys\nfrom ehelse_map.cli import app\n"
            "try:\n    app(" + repr(args) + ")\nexcept SystemExit:\n    pass\n"
            "heavy = [m for m in ('networkx', 'matplotlib', 'numpy', 'docx', 'lxml', 'rich.console',\n"
            "                     'rich.table', 'rich.progress') if m in sys.modules]\n"
            "sys.stderr.write('HEAVY=' + ','.join(heavy))\n")
    result = _run([sys.executable, "-c", code], env={**os.environ, "COLUMNS": "80"})
    assert "HEAVY=" in result.stderr
    assert result.stderr.rsplit("HEAVY=", 1)[1].strip() == ""


@pytest.mark.parametrize("kind", ["landscape", "overlap", "burden", "upset"])
def test_diagrams_do_not_import_networkx(kind, tmp_path):
    """Pictures need matplotlib only: the overlap picture's spring layout is our own
    (`layout/spring.py`), importing networkx would cost more than drawing it."""
    target = tmp_path / f"{kind}.png"
    code = ("import sys\nfrom ehelse_map.cli import app\n"
            f"try:\n    app(['diagram', {kind!r}, '--output', {str(target)!r}])\n"
            "except SystemExit:\n    pass\n"
            "sys.stderr.write('NETWORKX=' + str('networkx' in sys.modules))\n")
    result = _run([sys.executable, "-c", code])
    assert target.read_bytes()[:4] == b"\x89PNG"
    assert result.stderr.rsplit("NETWORKX=", 1)[1].strip() == "False"


@pytest.mark.parametrize("args", [["overlap", "--format", "xml"], ["burden", "--by", "nope"],
                                  ["overlap", "--no-such-option"], ["no-such-command"]])
def test_usage_errors_are_one_line_on_stderr_with_exit_2(args, tmp_path):
    """The console entry point never shows a multi-line error box or a traceback."""
    result = subprocess.run([sys.executable, "-m", "ehelse_map", *args], capture_output=True,
                            text=True, cwd=tmp_path)
    assert result.returncode == 2
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("ehelse-map: error: ")
    assert "Value error" not in lines[0] and "Traceback" not in result.stderr
