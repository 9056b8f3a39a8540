"""Output formats, declared once per result family. Light: read at `--help` time.

Each family's renderers are a registry keyed by its enum (`render.table.RENDERERS`,
`render.scenario_view.WHATIF` and `RECOMMEND`, `render.diff_view.DIFF`, ...); a test checks
that every registry covers every member of its enum, and runs every member on every command.
"""

from __future__ import annotations

import enum


class Format(str, enum.Enum):
    """Output formats shared by every listing and analysis command."""

    table = "table"
    json = "json"
    csv = "csv"
    markdown = "markdown"


class ProblemFormat(str, enum.Enum):
    """Output formats of `validate`."""

    auto = "auto"
    text = "text"
    json = "json"
    github = "github"


class ScenarioFormat(str, enum.Enum):
    """Output formats of `whatif` and `recommend`."""

    table = "table"
    json = "json"
    markdown = "markdown"


class DiffFormat(str, enum.Enum):
    """Output formats of `diff`."""

    table = "table"
    json = "json"
    markdown = "markdown"


class ExportFormat(str, enum.Enum):
    """Formats of `export`: graph files for Gephi, Cytoscape, yEd, D3 and Kumu."""

    graphml = "graphml"
    gexf = "gexf"
    json = "json"
    csv = "csv"
    xlsx = "xlsx"


#: family -> its formats: every command's --format is one of these.
FAMILIES: dict[str, type[enum.Enum]] = {
    "table": Format, "problems": ProblemFormat, "scenario": ScenarioFormat,
    "diff": DiffFormat, "export": ExportFormat,
}
