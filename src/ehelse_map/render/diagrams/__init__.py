"""Diagrams for reports: one module per kind, each built plan → layout → drawing.

`plans.<kind>.plan(dataset, options)` decides what a picture shows, as frozen dataclasses and
without matplotlib; the kind's module here (`landscape`, `overlap`, `burden`, `upset`) lays the
plan out, at its natural size or for a page (`DiagramOptions.size`), and draws it with
`build(dataset, options) -> Figure`. `render()` builds a kind and returns PNG, SVG or PDF bytes;
`render_for_page()` does so for a page size (a report's text width); nothing here writes files
(the command does, through `safe_write`). matplotlib is imported only when a diagram is built.

Process-wide state of this package (the PNG text path's capability, the font warnings given,
the shared text measurer) lives in `ehelse_map/runtime.py`, with the rest of the program's.
"""

from __future__ import annotations

import dataclasses
import importlib
import sys
from typing import TYPE_CHECKING, Any

from ehelse_map.render.diagrams.i18n import LANGS
from ehelse_map.render.diagrams.page import A4_TEXT, NAMED, PageSize, parse_size
from ehelse_map.render.diagrams.style import (
    BUBBLE_SIZES,
    DEFAULT_DPI,
    FORMATS,
    DiagramOptions,
    format_of,
)

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from ehelse_map.model.records import Dataset

KINDS = ("landscape", "overlap", "burden", "upset", "sensitivity", "profile")
GROUPS = ("region", "catchment")
SIZES = tuple(NAMED)


def build(kind: str, dataset: Dataset, options: DiagramOptions, **analysed: Any) -> Figure:
    """The figure for `kind`; raises ValueError for an unknown kind.

    `analysed` passes results the caller has already computed for the same options, so a
    report runs each analysis once: `overlap=` (overlap) and `burden=` (burden by
    municipality). With `options.size`, the figure is the page's size; should the page be too
    small for the least the picture can show, it is taller than the page and stderr says so.
    """
    if kind not in KINDS:
        raise ValueError(f"unknown diagram kind '{kind}'")
    from ehelse_map.render.diagrams.glyphs import warn_missing
    from ehelse_map.render.diagrams.style import diagram_context
    from ehelse_map.runtime import import_matplotlib

    import_matplotlib()
    warn_missing("--title", options.title or "")
    warn_missing("the data set's name", options.source)
    module = importlib.import_module(f"{__name__}.{kind}")
    with diagram_context():
        figure: Figure = module.build(dataset, options, **analysed)  # each kind's module has one
    page = options.size
    if page is not None:
        width, height = (float(v) for v in figure.get_size_inches())
        if height > page.height + 0.011:
            sys.stderr.write(f"ehelse-map: warning: the {kind} picture needs "
                             f"{height * 25.4:.0f} mm of height at {width * 25.4:.0f} mm wide, "
                             f"more than {page.describe()} has; use a larger --size, or "
                             "--country or --region\n")
    return figure


def render(kind: str, dataset: Dataset, options: DiagramOptions, fmt: str,
           dpi: int = DEFAULT_DPI, **analysed: Any) -> bytes:
    """The diagram as bytes in `fmt` (`png`, `svg` or `pdf`); the same input gives the same bytes."""
    from ehelse_map.render.diagrams.style import figure_bytes

    return figure_bytes(build(kind, dataset, options, **analysed), fmt, dpi)


def render_for_page(kind: str, dataset: Dataset, options: DiagramOptions, fmt: str,
                    size: PageSize | str = A4_TEXT, dpi: int = DEFAULT_DPI,
                    **analysed: Any) -> bytes:
    """The diagram laid out for a page: `size` is a `PageSize` or what `--size` takes (`a4`,
    `slide`, `160x120mm`); the default is an A4 report's text block, 160 × 240 mm. No text is
    smaller than 7 points printed at that size; what does not fit is summarised."""
    page = parse_size(size) if isinstance(size, str) else size
    return render(kind, dataset, dataclasses.replace(options, size=page), fmt, dpi, **analysed)


__all__ = ["A4_TEXT", "BUBBLE_SIZES", "DEFAULT_DPI", "FORMATS", "GROUPS", "KINDS", "LANGS",
           "SIZES", "DiagramOptions", "PageSize", "build", "format_of", "parse_size", "render",
           "render_for_page"]
