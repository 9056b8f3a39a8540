"""ehelse-map's version number, as the build wrote it into the package.

`pyproject.toml` is the only place the number is written by hand. Building or installing the
package (a wheel, or `pip install -e .`) writes it into `_version.py` (hatchling's version
hook, configured in `pyproject.toml`; the file is not in git), which costs nothing to read.
Without that file the installed package's metadata is read (`importlib.metadata` and its
e-mail header parser: about 30 ms of CPU, which every run with a cached data set paid for its
cache key); a source tree put on `sys.path` without being installed has neither, so the
number is then read from the `pyproject.toml` beside it.

Import this module only where the number is used (`--version`, the data-set cache key, the
"made with" line of pictures and reports). The package root's `ehelse_map.__version__` is this
module's, looked up on first use.
"""

from __future__ import annotations

import re
from pathlib import Path

DISTRIBUTION = "ehelse-map"
UNKNOWN = "0+unknown"


def installed_version() -> str:
    """The version the build wrote into the package, else of the installed distribution's
    metadata, else of the source tree, else `0+unknown`."""
    return built_version() or metadata_version()


def built_version() -> str | None:
    """The number in `_version.py`, which building or installing the package writes; None
    when there is no such file (a source tree that was never installed)."""
    import importlib

    try:
        number = importlib.import_module("ehelse_map._version").__version__
    except (ImportError, AttributeError):
        return None
    return number if isinstance(number, str) and number else None


def metadata_version() -> str:
    """The version in the installed distribution's metadata, else of the source tree."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(DISTRIBUTION)
    except PackageNotFoundError:
        return source_tree_version(Path(__file__).resolve().parents[2] / "pyproject.toml")


def source_tree_version(pyproject: Path) -> str:
    """`version` of the `[project]` table of `pyproject` (read as text: `tomllib` is Python
    3.11+), or `0+unknown` when there is no such file or line."""
    try:
        text = pyproject.read_text(encoding="utf-8")
    except OSError:
        return UNKNOWN
    project = re.search(r"^\[project\][ \t]*$(.*?)(?=^\[|\Z)", text, re.M | re.S)
    found = project and re.search(r"""^version\s*=\s*["']([^"'\s]+)["']""", project.group(1), re.M)
    return found.group(1) if found else UNKNOWN


__version__: str = installed_version()
