"""The version number is written once, in pyproject.toml; the build writes it into the package
(`_version.py`), and without that file it is read from the package metadata."""

from __future__ import annotations

import importlib.metadata
from pathlib import Path

import pytest

from ehelse_map import version

ROOT = Path(__file__).resolve().parents[1]


def test_the_built_file_the_installed_metadata_and_pyproject_agree():
    """Fails after the number in pyproject.toml changed without reinstalling (`pip install -e .`):
    the file and the metadata are written at install time."""
    written = version.source_tree_version(ROOT / "pyproject.toml")
    assert written != version.UNKNOWN
    assert version.built_version() == written  # the tests run on an installed package
    assert version.installed_version() == written == importlib.metadata.version("ehelse-map")


def test_the_number_is_read_without_importlib_metadata():
    """Reading the metadata costs about 30 ms of CPU, which every run with a cached data set
    paid for its cache key; the file the build writes costs nothing."""
    import subprocess
    import sys

    code = ("import sys\nfrom ehelse_map.version import __version__\n"
            "print(__version__, 'importlib.metadata' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == [version.source_tree_version(ROOT / "pyproject.toml"), "False"]


def test_the_package_root_gives_the_same_number():
    import ehelse_map

    assert ehelse_map.__version__ == version.__version__


def test_without_the_built_file_the_metadata_gives_the_number(monkeypatch):
    monkeypatch.setattr(version, "built_version", lambda: None)
    assert version.installed_version() == importlib.metadata.version("ehelse-map")


def test_an_uninstalled_source_tree_reads_its_pyproject(monkeypatch):
    def not_installed(name: str) -> str:
        raise importlib.metadata.PackageNotFoundError(name)

    monkeypatch.setattr(version, "built_version", lambda: None)
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
    built = ROOT / "src" / "ehelse_map" / "_version.py"  # written by the build, not in git
    written = [path.relative_to(ROOT) for path in (ROOT / "src").rglob("*.py")
               if path != built and f'"{number}"' in path.read_text(encoding="utf-8")]
    assert written == []


def test_source_tree_version_without_a_file(tmp_path):
    assert version.source_tree_version(tmp_path / "missing.toml") == version.UNKNOWN
