"""What the command line needs before any work starts: output formats and input limits.

Kept free of heavy imports: every command module reads these at `--help` time.
"""

from __future__ import annotations

import enum

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
DEFAULT_MAX_DEPTH = 64
#: --max-depth cannot go past this: the checker walks the tree recursively.
DEPTH_CEILING = 200
DEFAULT_MAX_RECORDS = 500_000
#: At most one value (scalar) per this many bytes of --max-bytes: 4,194,304 values by default.
VALUE_BYTES = 5
DEFAULT_MAX_PROBLEMS = 10_000


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
