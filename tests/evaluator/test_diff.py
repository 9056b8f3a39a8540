"""`diff` on a fixture pair whose changes are known (tests/fixtures/diff/old -> new)."""

from __future__ import annotations

import json
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest

from ehelse_map.analyses.diff import diff_datasets
from ehelse_map.model.build import load_dataset
from ehelse_map.render.diff_view import diff_markdown, diff_text

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "diff"
AS_OF = date(2024, 6, 1)


@pytest.fixture(scope="module")
def result():
    return diff_datasets(load_dataset(FIXTURES / "old"), load_dataset(FIXTURES / "new"), AS_OF)


def changes(result, kind, change):
    return sorted(c.id for c in result.changes if c.kind == kind and c.change == change)


def test_added_removed_changed_records(result):
    assert changes(result, "network", "added") == ["helsefellesskap-bergen"]
    assert changes(result, "network", "removed") == ["vft-nettverk"]
    assert changes(result, "network", "changed") == ["digi-vestland-ehelse",
                                                     "digi-vestland-styring", "ks-ekomp"]
    assert changes(result, "actor", "added") == ["alver", "helse-bergen"]
    assert changes(result, "actor", "removed") == ["askoy"]
    assert changes(result, "actor", "changed") == ["modalen"]
    assert changes(result, "source", "added") == ["s2"]
    assert result.counts == {"added": 4, "removed": 2, "changed": 4}


def test_field_by_field(result):
    ks = next(c for c in result.changes if c.id == "ks-ekomp")
    by_field = {f.field: f for f in ks.fields}
    assert set(by_field) == {"coverage", "targets[ehelsekoordinator]", "targets[helseleiar]",
                             "funding[helsedirektoratet/velferdsteknologiprogrammet]"}
    assert by_field["coverage"].added == ("alver",) and by_field["coverage"].removed == ("askoy",)
    cadence = by_field["targets[ehelsekoordinator]"]
    assert cadence.old.startswith("6/yr × 2 h") and cadence.new.startswith("4/yr × 2 h")
    assert by_field["targets[helseleiar]"].old is None
    modalen = next(c for c in result.changes if c.id == "modalen")
    assert [(f.field, f.old, f.new) for f in modalen.fields] == [
        ("population", 397, 380), ("population_as_of", "2024-01-01", "2025-01-01")]
    digi = next(c for c in result.changes if c.id == "digi-vestland-ehelse")
    assert {f.field: f.added for f in digi.fields} == {"coverage": ("alver",),
                                                       "tasks": ("implementation",)}


def test_key_figures_change(result):
    # old: 3 municipalities × 64 h = 192 h; new: ks-ekomp 8 h + 4 h (helseleiar) and the
    # helsefellesskap's 8 h replace the VFT network's 12 h: 3 × 60 = 180 h.
    figures = {f.key: f for f in result.figures}
    hours = figures["municipality_hours"]
    assert (hours.before.value, hours.after.value, hours.difference.value) == (192, 180, -12)
    assert figures["municipality_hours"].estimated
    # Modalen's one person: 12 + 12 + 12 + 20 = 56 h before, 8 + 4 + 12 + 20 + 8 = 52 h after.
    assert (figures["max_person_hours"].before.value,
            figures["max_person_hours"].after.value) == (56, 52)
    assert (figures["unanchored"].before.value, figures["unanchored"].after.value) == (2, 0)


def test_markdown_reads_like_a_changelog(result):
    text = diff_markdown(result)
    assert text.startswith("## Data changes:")
    for heading in ("### Added", "### Removed", "### Changed", "### Key figures"):
        assert heading in text
    assert "- network `vft-nettverk` — VFT-nettverket" in text
    assert "  - `coverage`: +`alver`, −`askoy`" in text
    assert "| meeting hours/yr, all municipalities \\* | 192 | 180 | −12 |" in text


def test_text_view(result):
    text = diff_text(result)
    assert "− network vft-nettverk" in text
    assert "population: 397 → 380" in text


def test_identical_data_has_no_changes(run_cli):
    result = run_cli(["diff", str(FIXTURES / "old"), str(FIXTURES / "old"), "--exit-code"])
    assert result.exit_code == 0
    assert "0 added, 0 removed, 0 changed" in result.stdout


def test_cli_json_matches_library(run_cli, result):
    out = run_cli(["diff", str(FIXTURES / "old"), str(FIXTURES / "new"), "--as-of",
                   "2024-06-01", "-f", "json"])
    assert out.exit_code == 0
    from ehelse_map.render.table import jsonable

    payload = json.loads(out.stdout)
    assert payload.pop("old").endswith("old") and payload.pop("new").endswith("new")
    expected = json.loads(json.dumps(jsonable(result)))
    del expected["old"], expected["new"]
    assert payload == expected


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_git_revision(run_cli, tmp_path):
    repo = tmp_path / "repo"
    shutil.copytree(FIXTURES / "old", repo / "data")

    def git(*args):
        subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True)

    git("init", "-q")
    git("-c", "user.name=t", "-c", "user.email=t@example.org", "add", ".")
    git("-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-q", "-m", "old")
    for name in ("actors.yaml", "networks.yaml"):
        shutil.copy(FIXTURES / "new" / name, repo / "data" / name)
    out = run_cli(["diff", "--git", "HEAD", "--data", str(repo / "data"), "-f", "markdown",
                   "--as-of", "2024-06-01"])
    assert out.exit_code == 0, out.stderr
    assert "## Data changes: git HEAD → working tree" in out.stdout
    assert "- network `vft-nettverk`" in out.stdout
    bad = run_cli(["diff", "--git", "no-such-rev", "--data", str(repo / "data")])
    assert bad.exit_code == 2 and "unknown revision" in bad.stderr


def test_usage_errors(run_cli):
    assert run_cli(["diff"]).exit_code == 2


def test_records_that_only_moved_are_unchanged_and_an_edit_among_them_is_found(tmp_path):
    """Two folders, every line moved down by one: no record's location is the same, so the
    comparison goes by each record's values, never by where it stands."""
    moved = tmp_path / "moved"
    shutil.copytree(FIXTURES / "old", moved)
    for path in moved.glob("*.yaml"):
        path.write_text("# moved down a line\n" + path.read_text(encoding="utf-8"),
                        encoding="utf-8")
    old = load_dataset(FIXTURES / "old")
    assert diff_datasets(old, load_dataset(moved), AS_OF).changes == ()
    actors = moved / "actors.yaml"
    text = actors.read_text(encoding="utf-8")
    assert text.count("population: 397") == 1
    actors.write_text(text.replace("population: 397", "population: 398"), encoding="utf-8")
    changed = diff_datasets(old, load_dataset(moved), AS_OF).changes
    assert [(c.id, [(f.field, f.old, f.new) for f in c.fields]) for c in changed] == [
        ("modalen", [("population", 397, 398)])]


def test_key_figures_of_two_loads_equal_each_computed_alone():
    """`diff` lets the newer side keep the burden rows of organisations whose networks are
    equal on both sides (`burden.RowMemo`): two loads of the bundled data, one network's
    cadence changed in the newer, give the figures each side gives alone."""
    from dataclasses import replace

    from ehelse_map.analyses.figures import compare, key_figures
    from ehelse_map.model.records import Target

    old, new = load_dataset(), load_dataset()
    network = new.networks["digi-vestland"]
    target = network.targets[0]
    new = replace(new, networks={**new.networks, network.id: replace(network, targets=(
        Target.of(target.role, 12, 3, sources=("s",)), *network.targets[1:]))})
    result = diff_datasets(old, new, AS_OF)
    assert [c.id for c in result.changes] == ["digi-vestland"]
    assert result.figures == compare(key_figures(old, AS_OF), key_figures(new, AS_OF))
    assert any(f.difference.value for f in result.figures)
