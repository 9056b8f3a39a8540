"""The input limits: what one run reads at most. Light, read at `--help` time."""

from __future__ import annotations

from dataclasses import dataclass

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
DEFAULT_MAX_DEPTH = 64
#: --max-depth cannot go past this: the checker walks the tree recursively.
DEPTH_CEILING = 200
DEFAULT_MAX_RECORDS = 500_000
#: At most one value (scalar) per this many bytes of --max-bytes: 4,194,304 values by default.
VALUE_BYTES = 5
DEFAULT_MAX_PROBLEMS = 10_000


@dataclass(frozen=True)
class Limits:
    """What one run reads at most, so that hostile files cost seconds and megabytes."""

    max_bytes: int = DEFAULT_MAX_BYTES  # per file
    max_depth: int = DEFAULT_MAX_DEPTH  # nesting of mappings and lists
    max_records: int = DEFAULT_MAX_RECORDS  # items of the top-level lists, all files together
    max_problems: int = DEFAULT_MAX_PROBLEMS  # problems listed; checking stops past this
