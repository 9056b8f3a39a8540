"""Plans: what each diagram draws, as frozen dataclasses, computed without matplotlib.

Every kind is built in three steps: `plans.<kind>.plan(dataset, options)` decides what to draw
(records, values and their state, labels, groups, lines, the caption's sentences); the kind's
module in `ehelse_map.render.diagrams` lays the plan out (measures text, packs circles, fits the
page) and draws it. Plans are what tests check the content of a picture on: which
municipalities, their values and whether they are known, which pairs are nested in which,
which lines run where. Importing or computing a plan never imports matplotlib (a test checks).
"""

from __future__ import annotations

from typing import Any

from ehelse_map.model.records import Dataset
from ehelse_map.render.diagrams.style import DiagramOptions


def plan(kind: str, dataset: Dataset, options: DiagramOptions, **analysed: Any) -> Any:
    """The plan of `kind` (`landscape`, `overlap`, `burden`, `upset`) for the options."""
    import importlib

    module = importlib.import_module(f"{__name__}.{kind}")
    return module.plan(dataset, options, **analysed)
