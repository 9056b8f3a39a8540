"""One scope: `--as-of`, `--country` and `--region` mean the same in every command.

Each command that reads a situation from the data is run with the same filter values; the
values are normalised the same way (case, names), refused the same way (exit 2, one line with
a suggestion), and a filter that selects nothing is said on stderr with exit 0.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

DATA = Path(__file__).parent / "analyses" / "data"

#: Every command that takes the scope options, with what else it needs to run.
COMMANDS: dict[str, list[str]] = {
    "actors": ["actors"],
    "networks": ["networks"],
    "overlap": ["overlap"],
    "burden": ["burden"],
    "funding": ["funding"],
    "anchoring": ["anchoring"],
    "gaps": ["gaps"],
    "brokers": ["brokers"],
    "recommend": ["recommend"],
    "whatif": ["whatif", "--retire", "ks-ekomp"],
    "diff": ["diff", str(DATA), str(DATA)],
    "export": ["export", "-f", "json", "-o", "-"],
    "diagram": ["diagram", "upset", "-o", "{tmp}/x.svg"],
    "report": ["report", "-o", "{tmp}/r.md"],
    "sensitivity": ["sensitivity", "--samples", "2"],
}


def _run(run_cli, tmp_path: Path, name: str, *extra: str):
    args = [a.replace("{tmp}", str(tmp_path)) for a in COMMANDS[name]]
    return run_cli([*args, "--data", str(DATA), *extra])


def _stdout(run_cli, tmp_path: Path, name: str, *extra: str) -> str:
    for leftover in tmp_path.iterdir():
        leftover.unlink()
    result = _run(run_cli, tmp_path, name, *extra)
    assert result.exit_code == 0, result.stderr
    files = sorted(p.read_bytes() for p in tmp_path.iterdir())
    return result.stdout + repr(files)


def test_every_command_with_scope_options_is_listed() -> None:
    """A command that gains --region must be added here (and so gets every test below)."""
    from typer.main import get_command

    from ehelse_map.cli import app

    group = get_command(app)
    with_region = {name for name, command in group.commands.items()  # type: ignore[attr-defined]
                   if any("--region" in p.opts for p in command.params)}
    assert with_region == set(COMMANDS)


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_region_by_name_in_any_case_is_the_region_id(run_cli, tmp_path, name) -> None:
    by_id = _stdout(run_cli, tmp_path, name, "--region", "vestland", "--as-of", "2024-06-01")
    by_name = _stdout(run_cli, tmp_path, name, "--region", "VESTLAND", "--as-of", "2024-06-01")
    assert by_name == by_id


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_country_code_in_any_case(run_cli, tmp_path, name) -> None:
    upper = _stdout(run_cli, tmp_path, name, "--country", "NO", "--as-of", "2024-06-01")
    lower = _stdout(run_cli, tmp_path, name, "--country", "no", "--as-of", "2024-06-01")
    assert lower == upper


@pytest.mark.parametrize("name", sorted(COMMANDS))
@pytest.mark.parametrize("args, message", [
    (["--region", "bergen"], "--region: 'bergen' is a municipality, not a county or region"),
    (["--region", "vestlnd"], "--region: unknown value 'vestlnd' (did you mean 'vestland'?)"),
    (["--country", "XX"], "--country: unknown value 'XX'"),
    (["--as-of", "2024-13"], "--as-of"),
])
def test_unknown_values_are_the_same_usage_error(run_cli, tmp_path, name, args,
                                                 message) -> None:
    result = _run(run_cli, tmp_path, name, *args)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert not list(tmp_path.iterdir()), "nothing is written on a usage error"


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_a_filter_that_selects_nothing_is_said_and_exits_0(run_cli, tmp_path, name) -> None:
    result = _run(run_cli, tmp_path, name, "--country", "FI")
    assert result.exit_code == 0, result.stderr
    assert "nothing in scope" in result.stderr


def test_resolve_filters_normalises_and_suggests() -> None:
    from ehelse_map.model.build import load_dataset
    from ehelse_map.model.scope import UnknownFilter, resolve_filters

    dataset = load_dataset(DATA)
    filters = resolve_filters(dataset, country="no", region="Vestland", area="Medicines",
                              role="E-HEALTH COORDINATOR")
    assert (filters.country, filters.region, filters.area, filters.role) == (
        "NO", "vestland", "legemiddel", "ehelsekoordinator")
    with pytest.raises(UnknownFilter, match="did you mean 'legemiddel'"):
        resolve_filters(dataset, area="legemidel")


def test_data_without_its_own_date_defaults_to_its_newest_source_and_says_so(run_cli):
    """Never today when the data can say when it is from: the minimal fixture has no
    `dataset.as_of`, and its newest source was published on 2022-04-26."""
    minimal = Path(__file__).parent / "fixtures" / "minimal"
    result = run_cli(["burden", "--data", str(minimal), "--format", "json"])
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["as_of"] == "2022-04-26"
    assert "as of 2022-04-26" in run_cli(["burden", "--data", str(minimal)]).stdout


def test_data_that_dates_nothing_runs_as_of_today_and_says_so(run_cli, tmp_path):
    import shutil

    undated = tmp_path / "undated"
    shutil.copytree(Path(__file__).parent / "fixtures" / "minimal", undated)
    actors = undated / "actors.yaml"
    actors.write_text("\n".join(line for line in actors.read_text(encoding="utf-8").splitlines()
                                if "published:" not in line) + "\n", encoding="utf-8")
    result = run_cli(["burden", "--data", str(undated)])
    assert result.exit_code == 0, result.stderr
    assert "states no date" in result.stderr and "as of today" in result.stderr
