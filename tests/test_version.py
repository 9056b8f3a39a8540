"""The version number is written once, in pyproject.toml, and read from the package metadata."""

from __future__ import annotations

import importlib.metadata
from pathlib import Path

import pytest

from ehelse_map import version

ROOT = Path(__file__).resolve().parents[1]


def test_the_installed_metadata_and_pyproject_agree():
    """Fails after the number in pyproject.toml changed without reinstalling (`pip install -e .`):
    the metadata is written at install time."""
    written = version.source_tree_version(ROOT / "pyproject.toml")
    assert written != version.UNKNOWN
    assert version.installed_version() == written == importlib.metadata.version("ehelse-map")


def test_the_package_root_gives_the_same_number():
    import ehelse_map

    assert ehelse_map.__version__ == version.__version__


def test_an_uninstalled_source_tree_reads_its_pyproject(monkeypatch):
    def not_installed(name: str) -> str:
        raise importlib.metadata.PackageNotFoundError(name)

    monkeypatch.setattr(importlib.metadata, "version", not_installed)
    # the pyproject.toml beside the package's source tree; an installed wheel has none (CI
    # installs one), and then the number is unknown, never a guess
    beside = Path(version.__file__).resolve().parents[2] / "pyproject.toml"
    expected = version.source_tree_version(beside) if beside.exists() else version.UNKNOWN
    assert version.installed_version() == expected


@pytest.mark.parametrize(("text", "expected"), [
    ('[build-system]\nversion = "9"\n\n[project]\nname = "x"\nversion = "1.2.3"\n', "1.2.3"),
    ("[project]\nname = 'x'\nversion = '2.0'\n[tool.x]\nversion = '3'\n", "2.0"),
    ('[project]\nname = "x"\ndynamic = ["version"]\n[tool.x]\nversion = "3"\n', "0+unknown"),
    ("", "0+unknown"),
])
def test_source_tree_version_reads_the_project_table(tmp_path, text, expected):
    pyproject = tmp_path / "pyproject.toml"
    pyproject.write_text(text)
    assert version.source_tree_version(pyproject) == expected


def test_no_version_number_is_written_in_the_code():
    number = version.source_tree_version(ROOT / "pyproject.toml")
    written = [path.relative_to(ROOT) for path in (ROOT / "src").rglob("*.py")
               if f'"{number}"' in path.read_text(encoding="utf-8")]
    assert written == []


def test_source_tree_version_without_a_file(tmp_path):
    assert version.source_tree_version(tmp_path / "missing.toml") == version.UNKNOWN
