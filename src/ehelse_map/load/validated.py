"""What validation learnt from a data set: checked records, expanded coverage, positions."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ehelse_map.problems import Problem


@dataclass
class Validated:
    """Checked values of every file, merged, plus every problem found."""

    files: list[str]
    problems: list[Problem]
    #: top-level key -> (file, index in that file's list, record) for every well-formed record
    records: dict[str, list[tuple[str, int, dict[str, Any]]]] = field(default_factory=dict)
    staffing: tuple[str, dict[str, Any]] | None = None
    #: (file, `dataset` mapping) of each file that describes the data set, and the one used
    datasets: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    dataset: tuple[str, dict[str, Any]] | None = None
    coverage: dict[str, tuple[str, ...]] = field(default_factory=dict)  # network id -> members
    positions: dict[str, dict[str, tuple[int, int]]] = field(default_factory=dict)

    @property
    def has_errors(self) -> bool:
        return any(p.severity == "error" for p in self.problems)
