"""Output formats. Light, read at `--help` time by every command module."""

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
