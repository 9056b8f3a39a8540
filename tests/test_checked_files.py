"""Loads that share a `CheckedFiles` read and check a file only once per distinct bytes: the
second version of a data set (`diff`) takes over the files it shares with the first, and
what it loads is what loading it alone gives, located in its own files."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from ehelse_map.load import check_set
from ehelse_map.load.check_set import CheckedFiles, validate_files
from ehelse_map.model.build import load_dataset

MINIMAL = Path(__file__).resolve().parent / "fixtures" / "minimal"


@pytest.fixture
def versions(tmp_path) -> tuple[Path, Path]:
    """Two versions of the minimal data set: the same actors.yaml, one network renamed."""
    old, new = tmp_path / "old", tmp_path / "new"
    shutil.copytree(MINIMAL, old)
    shutil.copytree(MINIMAL, new)
    networks = new / "networks.yaml"
    text = networks.read_text(encoding="utf-8")
    assert "name: Digi Vestland – faggruppe for e-helse" in text
    networks.write_text(text.replace("name: Digi Vestland – faggruppe for e-helse",
                                     "name: Digi Vestland – e-helse"), encoding="utf-8")
    return old, new


@pytest.fixture
def checks(monkeypatch) -> list[str]:
    """The display name of every file parsed and checked."""
    seen: list[str] = []
    original = check_set.check

    def counting(root, display, *args, **kwargs):
        seen.append(Path(display).name)
        return original(root, display, *args, **kwargs)

    monkeypatch.setattr(check_set, "check", counting)
    return seen


def test_a_file_the_versions_share_is_checked_once(versions, checks):
    old, new = versions
    files = CheckedFiles()
    load_dataset(old, reuse=files)
    assert sorted(checks) == ["actors.yaml", "networks.yaml"]
    load_dataset(new, reuse=files)
    assert sorted(checks) == ["actors.yaml", "networks.yaml", "networks.yaml"]


def test_the_second_version_loads_as_it_does_alone_and_points_at_its_own_files(versions):
    old, new = versions
    files = CheckedFiles()
    load_dataset(old, reuse=files)
    shared = load_dataset(new, reuse=files)
    alone = load_dataset(new)
    assert shared == alone
    assert shared.networks["digi-vestland-ehelse"].name == "Digi Vestland – e-helse"
    for ident, actor in shared.actors.items():
        assert actor.location == alone.actors[ident].location
        assert actor.location is not None and Path(actor.location.file).parent.name == "new"


def test_problems_of_a_file_taken_over_name_the_file_they_are_in(tmp_path, checks):
    first, second = tmp_path / "first", tmp_path / "second"
    for folder in (first, second):
        shutil.copytree(MINIMAL, folder)
        actors = folder / "actors.yaml"
        actors.write_text(actors.read_text(encoding="utf-8") + "colour: blue\n",
                          encoding="utf-8")
    files = CheckedFiles()
    before = validate_files([str(p) for p in sorted(first.iterdir())], reuse=files)
    after = validate_files([str(p) for p in sorted(second.iterdir())], reuse=files)
    alone = validate_files([str(p) for p in sorted(second.iterdir())])
    assert len(checks) == 2 + 2  # the second folder's files were not checked again
    assert [(Path(p.file).parent.name, p.line, p.code, p.message) for p in before.problems] == [
        ("first", 50, "W100", "unknown field 'colour'")]
    assert after.problems == alone.problems
    assert all(Path(p.file).parent.name == "second" for p in after.problems)


def test_a_file_after_one_with_another_number_of_records_is_read_again(versions, checks):
    """actors.yaml is read first; its records count against the limit networks.yaml gets."""
    old, new = versions
    (new / "networks.yaml").write_bytes((old / "networks.yaml").read_bytes())
    actors = new / "actors.yaml"
    actors.write_text(actors.read_text(encoding="utf-8").replace(
        "actors:\n", "actors:\n  - id: nav\n    name: NAV\n    kind: agency\n"
        "    level: national\n    country: \"NO\"\n    sources: [seed:000]\n", 1),
        encoding="utf-8")
    files = CheckedFiles()
    load_dataset(old, reuse=files)
    shared = load_dataset(new, reuse=files)
    assert checks == ["actors.yaml", "networks.yaml", "actors.yaml", "networks.yaml"]
    assert shared == load_dataset(new) and "nav" in shared.actors


def test_other_limits_check_again(versions, checks):
    from ehelse_map.load.limits import Limits

    old, _ = versions
    files = CheckedFiles()
    load_dataset(old, reuse=files)
    load_dataset(old, Limits(max_problems=5), reuse=files)
    assert len(checks) == 4


def test_without_it_every_load_checks_every_file(versions, checks):
    old, _ = versions
    load_dataset(old)
    load_dataset(old)
    assert len(checks) == 4
