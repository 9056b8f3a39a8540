"""Diagrams for reports: one module per kind, each with `build(dataset, options) -> Figure`.

`render()` builds a kind and returns PNG, SVG or PDF bytes; nothing here writes files (the
command does, through `safe_write`). matplotlib is imported only when a diagram is built.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from ehelse_map.render.diagrams.i18n import LANGS
from ehelse_map.render.diagrams.style import DEFAULT_DPI, FORMATS, DiagramOptions, format_of

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from ehelse_map.model.records import Dataset

KINDS = ("landscape", "overlap", "burden", "upset")
GROUPS = ("region", "catchment")


def build(kind: str, dataset: Dataset, options: DiagramOptions, **analysed: Any) -> Figure:
    """The figure for `kind`; raises ValueError for an unknown kind.

    `analysed` passes results the caller has already computed for the same options, so a
    report runs each analysis once: `overlap=` (overlap) and `burden=` (burden by
    municipality).
    """
    if kind not in KINDS:
        raise ValueError(f"unknown diagram kind '{kind}'")
    from ehelse_map.render.diagrams.glyphs import warn_missing
    from ehelse_map.render.diagrams.style import diagram_context

    warn_missing("--title", options.title or "")
    warn_missing("the data set's name", options.source)
    module = importlib.import_module(f"{__name__}.{kind}")
    with diagram_context():
        figure: Figure = module.build(dataset, options, **analysed)  # each kind's module has one
        return figure


def render(kind: str, dataset: Dataset, options: DiagramOptions, fmt: str,
           dpi: int = DEFAULT_DPI, **analysed: Any) -> bytes:
    """The diagram as bytes in `fmt` (`png`, `svg` or `pdf`); the same input gives the same bytes."""
    from ehelse_map.render.diagrams.style import figure_bytes

    return figure_bytes(build(kind, dataset, options, **analysed), fmt, dpi)


__all__ = ["DEFAULT_DPI", "FORMATS", "GROUPS", "KINDS", "LANGS", "DiagramOptions", "build",
           "format_of", "render"]
