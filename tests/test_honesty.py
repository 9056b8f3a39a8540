"""Unknown is never zero, and inferences travel with the figures, in every command and format.

tests/fixtures/unknowns holds one documented, one estimated and one unknown value of each kind:
`documented` asks the lead 2 × 3 h and documents no funding (`funding: []`); `estimated` asks
4 (2–6) × 2 (1–3) h, is partly inferred, and has a documented grant; `silent` names no target
role and says nothing about funding; `unknown-town` has no population.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

DATA = Path(__file__).parent / "fixtures" / "unknowns"
MINUS_ONE = re.compile(r"(?<![\w.,–-])-1(?![\w.,])")
COMMANDS = ["actors", "networks", "overlap", "burden", "burden --by person",
            "burden --by role", "burden --by region", "burden --by size-class", "funding",
            "funding --by organisation", "anchoring", "gaps", "brokers", "recommend",
            "show unknown-town", "show silent", "sensitivity --samples 2"]
FORMATS = ["table", "json", "csv", "markdown"]


def run(run_cli, command: str, fmt: str):
    result = run_cli([*command.split(), "--data", str(DATA), "--format", fmt])
    assert result.exit_code == 0, result.stderr
    return result.stdout


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("command", COMMANDS)
def test_no_output_shows_an_unknown_as_minus_one(run_cli, command, fmt) -> None:
    if command == "recommend" and fmt == "csv":
        pytest.skip("recommend has no csv")
    out = run(run_cli, command, fmt)
    assert not MINUS_ONE.search(out), out


def test_unknown_hours_are_never_zero(run_cli) -> None:
    rows = {r["key"]: r for r in json.loads(run(run_cli, "burden", "json"))["rows"]}
    town = rows["unknown-town"]
    # documented 6 + estimated 8 (2–18... 2×1=2 to 6×3=18) = 14 (8–24), and silent: unknown
    assert (town["hours_per_year"]["value"], town["hours_per_year"]["unknown"]) == (14, 1)
    assert town["max_person_hours"]["unknown"] == 1  # silent may ask that person too
    assert town["unknown_networks"] == ["silent"]
    table = run(run_cli, "burden", "table")
    lines = table.splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith("unknown-town"))
    assert "14 (8–24)" in lines[at]
    assert "+?" in lines[at] + lines[at + 1]  # at 80 columns the +? may wrap under its figure
    assert "hours known for 2 of 3 networks" in table
    csv_text = run(run_cli, "burden", "csv")
    assert "hours low" in csv_text.splitlines()[0]


def test_over_capacity_is_a_floor_where_hours_are_partly_unknown(run_cli) -> None:
    # 14 (8–24) known hours against 100: not over on what is known, but `silent` may ask the
    # lead too, so "0 over" is a floor (0+?), never a plain 0
    out = run(run_cli, "burden --capacity 100", "json")
    town = {r["key"]: r for r in json.loads(out)["rows"]}["unknown-town"]
    assert (town["over_capacity"]["value"], town["over_capacity"]["unknown"]) == (0, 1)
    table = run(run_cli, "burden --by region --capacity 100", "table")
    assert " 0+? " in table


def test_undocumented_funding_is_unknown_not_none(run_cli) -> None:
    networks = {n["network"]: n for n in json.loads(run(run_cli, "funding", "json"))["networks"]}
    assert networks["silent"]["funders"] is None and not networks["silent"]["documented"]
    assert networks["documented"]["funders"] == 0 and networks["documented"]["documented"]
    table = run(run_cli, "funding", "table")
    assert re.search(r"silent\s+–\s+not documented", table)
    assert "funding documented for 2 of 3 networks" in table


def test_a_network_with_no_roles_is_not_compared_and_not_unanchored(run_cli) -> None:
    overlap = json.loads(run(run_cli, "overlap", "json"))
    assert overlap["not_compared"] == [{"network": "silent", "reason": "no target roles"}]
    assert "not compared: 1 networks" not in run(run_cli, "overlap", "table")


def test_unknown_population_is_absent_from_exports(run_cli, tmp_path) -> None:
    for fmt in ("graphml", "gexf", "json"):
        target = tmp_path / f"map.{fmt}"
        result = run_cli(["export", "-f", fmt, "-o", str(target), "--data", str(DATA)])
        assert result.exit_code == 0, result.stderr
        text = target.read_text(encoding="utf-8")
        assert not MINUS_ONE.search(text), fmt
    nodes = {n["id"]: n for n in json.loads((tmp_path / "map.json").read_text())["nodes"]}
    assert "population" not in nodes["actor:unknown-town"]
    assert nodes["actor:known-town"]["population"] == 3000


@pytest.mark.parametrize("fmt", ["table", "csv", "markdown"])
def test_every_row_on_an_inferred_record_says_so(run_cli, fmt) -> None:
    for command in ("burden", "burden --by person", "overlap"):
        out = run(run_cli, command, fmt)
        lines = [line for line in out.splitlines() if "town" in line or "estimated" in line]
        assert lines and all("inf" in line for line in lines), (command, fmt, out)


def test_inferred_records_are_named_in_json(run_cli) -> None:
    burden = json.loads(run(run_cli, "burden", "json"))
    assert all(row["inferred"] == ["estimated"] for row in burden["rows"])
    [pair] = json.loads(run(run_cli, "overlap", "json"))["pairs"]
    assert pair["inferred"] == ["estimated"]


def test_over_capacity_without_a_capacity_is_unknown_not_zero(run_cli) -> None:
    # the fixture sets no capacity: nobody can be said to be over it, nor not over it
    rows = json.loads(run(run_cli, "burden --by role", "json"))["rows"]
    assert all(r["over_capacity"]["value"] is None for r in rows)
    table = run(run_cli, "burden --by role", "table")
    lead = next(line for line in table.splitlines() if line.startswith("lead"))
    assert lead.split()[-3:-2] == ["–"] or " – " in lead  # load and over: unknown
    assert " 0 " not in lead.split("(")[-1]


def test_funding_and_reporting_lines_are_floors_where_funding_is_undocumented(run_cli) -> None:
    # `silent` reaches both towns and documents no funding: its lines are unknown
    rows = {r["key"]: r for r in json.loads(run(run_cli, "burden", "json"))["rows"]}
    assert rows["unknown-town"]["lines_unknown"] == 1
    table = run(run_cli, "burden", "table")
    town = next(line for line in table.splitlines() if line.startswith("unknown-town"))
    assert "1+? 1+?" in " ".join(town.split())
    assert "no documented funding" in table


def test_a_size_class_nobody_is_in_has_unknown_means_not_zero(run_cli) -> None:
    table = run(run_cli, "burden --by size-class", "table")
    empty = next(line for line in table.splitlines() if line.startswith("5k–20k"))
    assert empty.split()[1:3] == ["0", "0"]  # municipalities and reached: counted, truly 0
    assert set(empty.split()[3:]) == {"–"}  # means and counts over nobody: unknown


def test_a_funding_period_the_data_does_not_give_is_null_not_empty(run_cli) -> None:
    result = run_cli(["funding", "--format", "json"])  # the bundled data: no grant dated
    lines = [line for n in json.loads(result.stdout)["networks"] for line in n["lines"]]
    assert lines and all(line["period"] is None for line in lines)
