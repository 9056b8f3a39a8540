"""The analysis commands end to end: JSON equals the library result, every format, exit codes."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from ehelse_map.analyses import anchoring, brokers, burden, funding, gaps, overlap
from ehelse_map.analyses.profile import profile
from ehelse_map.fuzzydate import parse_as_of
from ehelse_map.model.build import load_dataset
from ehelse_map.render.table import jsonable

DATA = Path(__file__).parent / "data"
AS_OF = "2024-06"

# command line -> the library call it must equal
CASES = {
    "overlap": (["overlap"], lambda d, day: overlap(d, day)),
    "overlap-filtered": (["overlap", "--area", "velferdsteknologi", "--top", "1",
                          "--min-score", "0.1", "--group-threshold", "0.3"],
                         lambda d, day: overlap(d, day, area="velferdsteknologi", top=1,
                                                min_score=0.1, group_threshold=0.3)),
    "overlap-groups": (["overlap", "--groups"], lambda d, day: overlap(d, day)),
    "overlap-persons": (["overlap", "--persons", "--region", "vestland"],
                        lambda d, day: overlap(d, day, persons=True, region="vestland")),
    "burden": (["burden"], lambda d, day: burden(d, day)),
    "burden-person": (["burden", "--by", "person", "--role", "helseleiar", "--region",
                       "vestland"],
                      lambda d, day: burden(d, day, by="person", role="helseleiar",
                                            region="vestland")),
    "burden-role": (["burden", "--by", "role", "--capacity", "50"],
                    lambda d, day: burden(d, day, by="role", capacity=50)),
    "burden-region": (["burden", "--by", "region", "--country", "NO"],
                      lambda d, day: burden(d, day, by="region", country="NO")),
    "burden-size": (["burden", "--by", "size-class"],
                    lambda d, day: burden(d, day, by="size-class")),
    "funding": (["funding", "--top", "2"], lambda d, day: funding(d, day, top=2)),
    "funding-orgs": (["funding", "--by", "organisation", "--region", "vestland"],
                     lambda d, day: funding(d, day, region="vestland")),
    "anchoring": (["anchoring"], lambda d, day: anchoring(d, day)),
    "gaps": (["gaps", "--country", "NO"], lambda d, day: gaps(d, day, country="NO")),
    "brokers": (["brokers", "--top", "3"], lambda d, day: brokers(d, day, top=3)),
    "profile": (["profile", "Bergen"], lambda d, day: profile(d, day, "bergen")),
    "profile-capacity": (["profile", "utsira", "--capacity", "40"],
                         lambda d, day: profile(d, day, "utsira", capacity=40)),
}
COMMANDS = ["overlap", "burden", "funding", "anchoring", "gaps", "brokers"]


def invoke(run_cli, args: list[str], fmt: str = "json"):
    return run_cli([*args, "--data", str(DATA), "--as-of", AS_OF, "--format", fmt])


@pytest.mark.parametrize("case", sorted(CASES))
def test_json_equals_the_library_result(run_cli, case: str) -> None:
    args, call = CASES[case]
    result = invoke(run_cli, args)
    assert result.exit_code == 0, result.stderr
    expected = jsonable(call(load_dataset(DATA), parse_as_of(AS_OF)))
    assert json.loads(result.stdout) == expected


@pytest.mark.parametrize("case", sorted(CASES))
@pytest.mark.parametrize("fmt", ["table", "csv", "markdown"])
def test_every_format(run_cli, case: str, fmt: str) -> None:
    args, _ = CASES[case]
    result = invoke(run_cli, args, fmt)
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    if fmt == "csv":
        rows = list(csv.reader(io.StringIO(out)))
        assert len({len(r) for r in rows}) == 1  # a rectangle with a header
    elif fmt == "markdown":
        assert out.startswith("### ") and "|---" in out and "- as of 2024-06-30" in out
    else:
        assert all(len(line) <= 80 for line in out.splitlines()), out
        assert "as of 2024-06-30" in out


def test_json_overlap_explains_the_pair(run_cli) -> None:
    payload = json.loads(invoke(run_cli, ["overlap"]).stdout)
    first = payload["pairs"][0]
    # ks-ekomp: {legemiddel, velferdsteknologi} × {ehelsekoordinator} × 5 municipalities = 10
    # vft-nettverket: {velferdsteknologi} × {ehelsekoordinator} × 4 (not utsira) = 4, inside
    assert (first["a"], first["b"], first["score"], first["relation"], first["inner"]) == (
        "ks-ekomp", "vft-nettverket", 0.4, "nested", "vft-nettverket")
    assert first["shared_members"] == ["bergen", "modalen", "stavanger", "voss"]
    assert payload["as_of"] == "2024-06-30"


def test_persons_table_says_what_its_roles_column_counts(run_cli) -> None:
    """With --persons a pair's roles are those held by the persons both networks ask for
    (one person can hold a role in each), so the note under the table says so."""
    plain = invoke(run_cli, ["overlap"], "table").stdout
    persons = " ".join(line.strip() for line in
                       invoke(run_cli, ["overlap", "--persons"], "table").stdout.splitlines())
    assert "roles are those held by" not in plain
    assert "roles are those held by the persons both networks ask for" in persons


def test_csv_views(run_cli) -> None:
    header = next(csv.reader(io.StringIO(invoke(run_cli, ["burden", "--by", "person"],
                                                "csv").stdout)))
    assert header[:3] == ["org", "roles", "nets"]
    wide = next(csv.reader(io.StringIO(invoke(run_cli, ["overlap"], "csv").stdout)))
    assert wide[-2:] == ["shared areas", "shared roles"]
    orgs = next(csv.reader(io.StringIO(invoke(run_cli, ["funding", "--by", "organisation"],
                                              "csv").stdout)))
    assert orgs[0] == "organisation"


@pytest.mark.parametrize("args, message", [
    (["overlap", "--area", "legemidel"], "did you mean 'legemiddel'"),
    (["burden", "--role", "helseleder"], "--role: unknown value 'helseleder'"),
    (["gaps", "--region", "vestlnd"], "did you mean 'vestland'"),
    (["brokers", "--country", "XX"], "--country: unknown value 'XX'"),
    (["funding", "--as-of", "2024-13"], "--as-of"),
])
def test_unknown_filter_values_exit_2_with_one_line(run_cli, args, message) -> None:
    result = run_cli([*args, "--data", str(DATA)])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert message in result.stderr and len(result.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize("args", [["burden", "--by", "planet"], ["overlap", "--top", "-1"],
                                  ["overlap", "--min-score", "2"]])
def test_bad_option_values_are_usage_errors(run_cli, args) -> None:
    assert run_cli([*args, "--data", str(DATA)]).exit_code == 2


@pytest.mark.parametrize("command", COMMANDS)
def test_broken_data_exits_1(run_cli, tmp_path, command: str) -> None:
    (tmp_path / "actors.yaml").write_text("schema_version: 9\n")
    result = run_cli([command, "--data", str(tmp_path)])
    assert result.exit_code == 1 and result.stdout == ""


@pytest.mark.parametrize("command", COMMANDS)
def test_commands_run_on_the_default_data(run_cli, command: str) -> None:
    result = run_cli([command, "--format", "json"])
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["as_of"]
