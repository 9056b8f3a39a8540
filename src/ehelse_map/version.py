"""ehelse-map's version number, read from the installed package's metadata.

`pyproject.toml` is the only place the number is written; an installed ehelse-map (a wheel or
`pip install -e .`) carries it in its metadata. A source tree put on `sys.path` without being
installed has no metadata, so the number is then read from the `pyproject.toml` beside it.

Reading the metadata imports `importlib.metadata` and its e-mail header parser (2-10 ms), which
`--help` never needs: import this module only where the number is used (`--version`, the
data-set cache key, the "made with" line of pictures and reports). The package root's
`ehelse_map.__version__` is this module's, looked up on first use.
"""

from __future__ import annotations

import re
from pathlib import Path

DISTRIBUTION = "ehelse-map"
UNKNOWN = "0+unknown"


def installed_version() -> str:
    """The version of the installed distribution, else of the source tree, else `0+unknown`."""
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
