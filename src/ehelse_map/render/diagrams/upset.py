"""`upset`: an UpSet matrix (Lex et al., 2014) of which networks target the same (organisation,
role) combinations — the picture for more than three overlapping sets, where Venn diagrams fail.

Built in three steps: `plans.upset.plan` decides the columns (signatures: the networks that
target exactly those pairs; aggregates count as the organisations they stand for), the rows
(networks) and what the caption says of the networks that cannot be in the matrix; `lay_out`
sizes the matrix for the natural width or a page (`--size`: as many columns and rows as it
holds legibly); `draw` draws it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ehelse_map.model.records import Dataset
from ehelse_map.render.diagrams.glyphs import warn_names
from ehelse_map.render.diagrams.i18n import text
from ehelse_map.render.diagrams.layout.sheet import (
    MARGIN,
    LegendBlock,
    LegendEntry,
    Measurer,
    Sheet,
    caption_height,
    caption_text,
    draw_caption,
    draw_header,
    draw_legend,
    header_height,
    legend_size,
    shorten,
)
from ehelse_map.render.diagrams.page import PageSize
from ehelse_map.render.diagrams.plans.upset import MAX_COLUMNS, MAX_ROWS, UpsetPlan, plan
from ehelse_map.render.diagrams.style import (
    DARK,
    FAINT,
    INFERRED_MARK,
    MUTED,
    Box,
    DiagramOptions,
)

if TYPE_CHECKING:
    from matplotlib.figure import Figure

WIDTH = 14.0
ROW = 0.25
COLUMN = 0.34
MIN_COLUMN = 0.26
"""Narrowest column on a page: a value of four digits at 7 points fits over its bar."""
BARS_HEIGHT = 2.6
MIN_BARS_HEIGHT = 1.4
SET_BARS = 1.5
NARROW_SET_BARS = 1.0
NAME_SIZE = 7.5
VALUE_SIZE = 7.0
NAME_WIDTH = 2.6
NARROW_NAME_WIDTH = 1.9
DEGREE_COLOURS = ("#BBBBBB", "#56B4E9", "#0072B2", "#D55E00")
"""Okabe–Ito: grey for combinations of one network, then blue, dark blue, vermillion (4+)."""
HIGHLIGHT = "#E69F00"
FIXED_HEIGHT = 3.4
"""Header, caption and gaps of a page picture besides bars and matrix (inches), for the
budget; the layout then measures."""


def build(dataset: Dataset, options: DiagramOptions) -> Figure:
    page = options.size
    measurer = Measurer()
    columns, rows = budget_for(page)
    upset_plan = plan(dataset, options, columns, rows)
    layout = lay_out(upset_plan, page, measurer)
    while page is not None and layout.overflow > 0 and rows > 4:  # fewer rows until it fits
        rows -= max(1, int(layout.overflow / ROW + 0.999))
        upset_plan = plan(dataset, options, columns, max(rows, 4))
        layout = lay_out(upset_plan, page, measurer)
    warn_names(upset_plan.frame.names)
    return draw(upset_plan, layout, measurer)


def budget_for(page: PageSize | None) -> tuple[int, int]:
    """(Most columns, most rows): 28 and 20 at the natural size; on a page, as many as fit
    at the narrowest column and the row height."""
    if page is None:
        return MAX_COLUMNS, MAX_ROWS
    names = NAME_WIDTH if page.wide else NARROW_NAME_WIDTH
    set_bars = SET_BARS if page.wide else NARROW_SET_BARS
    legend = 2.6 if page.wide else 0.0
    across = page.width - 2 * MARGIN - set_bars - names - 0.5 - legend
    down = page.height - FIXED_HEIGHT - MIN_BARS_HEIGHT - (0.0 if page.wide else 1.0)
    return (max(4, min(MAX_COLUMNS, int(across / MIN_COLUMN))),
            max(4, min(MAX_ROWS, int(down / ROW))))


@dataclass
class UpsetLayout:
    width: float
    height: float
    caption: str
    names: dict[str, str]
    name_width: float
    matrix_x0: float
    matrix_top: float
    column: float
    bars: float
    set_bars: float
    legend: LegendBlock
    legend_at: tuple[float, float]
    overflow: float = 0.0
    page: bool = False
    """Laid out for a page: the sheet keeps the page's exact size."""


def lay_out(upset_plan: UpsetPlan, page: PageSize | None, measurer: Measurer) -> UpsetLayout:
    width = page.width if page else WIDTH
    wide = page is None or page.wide
    widest = NAME_WIDTH if wide else NARROW_NAME_WIDTH
    set_bars = SET_BARS if wide else NARROW_SET_BARS
    names = {r.id: shorten(r.name, NAME_SIZE, widest, measurer) for r in upset_plan.rows}
    name_width = max([measurer.size(v, NAME_SIZE)[0] for v in names.values()] + [1.0])
    legend = _legend(upset_plan)
    legend_w, legend_h = legend_size(measurer, legend)
    caption = caption_text(measurer, list(upset_plan.frame.caption), width - 2 * MARGIN)
    head = header_height(measurer, "x", width,
                         title=upset_plan.frame.title)
    matrix_height = max(len(upset_plan.rows), 1) * ROW
    below_legend = 0.0 if wide else legend_h + 0.3
    fixed = MARGIN + head + 0.3 + 0.2 + matrix_height + 0.2 + caption_height(
        measurer, caption) + MARGIN + below_legend
    overflow = 0.0
    if page is None:
        bars = BARS_HEIGHT
        height = fixed + bars
    else:
        height = page.height
        bars = min(BARS_HEIGHT * 1.5, height - fixed)
        if bars < MIN_BARS_HEIGHT:
            overflow = MIN_BARS_HEIGHT - bars
            bars = MIN_BARS_HEIGHT
            height += overflow
    matrix_x0 = MARGIN + set_bars + 0.15 + name_width + 0.2
    matrix_top = height - MARGIN - head - 0.3 - bars - 0.2
    right = width - MARGIN - (legend_w + 0.5 if wide else 0.0)
    column = min(COLUMN, (right - matrix_x0) / max(len(upset_plan.columns), 1))
    if wide:
        legend_at = (width - MARGIN - legend_w, matrix_top + 0.2 + bars)
    else:
        legend_at = (MARGIN, matrix_top - matrix_height - 0.3)
    return UpsetLayout(width, height, caption, names, name_width, matrix_x0, matrix_top, column,
                       bars, set_bars, legend, legend_at, overflow, page is not None)


def _legend(upset_plan: UpsetPlan) -> LegendBlock:
    lang = upset_plan.frame.lang
    degrees = sorted({min(c.degree, 4) for c in upset_plan.columns})
    legend = LegendBlock(text("legend_degree", lang), [
        LegendEntry(text("degree_1", lang) if d == 1 else text("degree_more", lang, n=4)
                    if d == 4 else text("degree_n", lang, n=d), "patch", DEGREE_COLOURS[d - 1])
        for d in degrees])
    if upset_plan.highlight is not None:
        legend.entries.append(LegendEntry(text("highlight_legend", lang,
                                               name=upset_plan.highlight_name or ""),
                                          "patch", HIGHLIGHT))
    if any(r.inferred for r in upset_plan.rows):
        legend.entries.append(LegendEntry(text("inferred_key", lang), "text", INFERRED_MARK))
    return legend


def draw(upset_plan: UpsetPlan, layout: UpsetLayout, measurer: Measurer) -> Figure:
    sheet = Sheet(layout.width, layout.height, layout.page)
    draw_header(sheet, upset_plan.frame.title, upset_plan.frame.subtitle, measurer)
    draw_caption(sheet, layout.caption)
    if not upset_plan.columns:
        sheet.text(layout.width / 2, layout.height / 2, text("upset_none", upset_plan.frame.lang),
                   size=11, colour=MUTED)
        return sheet.figure
    _draw_matrix(sheet, upset_plan, layout)
    _draw_column_bars(sheet, upset_plan, layout)
    _draw_set_bars(sheet, upset_plan, layout)
    draw_legend(sheet, *layout.legend_at, layout.legend, measurer)
    return sheet.figure


def _colour(networks: tuple[str, ...], highlight: str | None) -> str:
    if highlight is not None and highlight in networks:
        return HIGHLIGHT
    return DEGREE_COLOURS[min(len(networks), 4) - 1]


def _draw_matrix(sheet: Sheet, upset_plan: UpsetPlan, layout: UpsetLayout) -> None:
    x0, top, width = layout.matrix_x0, layout.matrix_top, layout.column
    right = x0 + width * len(upset_plan.columns)
    for index, row in enumerate(upset_plan.rows):
        y = top - (index + 0.5) * ROW
        if index % 2 == 0:
            sheet.rect(Box(MARGIN, y - ROW / 2, right, y + ROW / 2), face="#F5F5F5")
        weight = "bold" if row.id == upset_plan.highlight else "normal"
        sheet.text(x0 - 0.2, y, layout.names[row.id], size=NAME_SIZE, weight=weight,
                   colour=DARK, ha="right")
    dot = min(0.075, width * 0.3)
    for col, column in enumerate(upset_plan.columns):
        x = x0 + (col + 0.5) * width
        ys = []
        for index, row in enumerate(upset_plan.rows):
            y = top - (index + 0.5) * ROW
            member = row.id in column.networks
            sheet.disc(x, y, dot, face=DARK if member else FAINT, edge="none", lw=0, zorder=4)
            if member:
                ys.append(y)
        if len(ys) > 1:
            sheet.line([x, x], [min(ys), max(ys)], colour=DARK, lw=2.0, zorder=3)


def _number(value: int) -> str:
    return f"{value:,}".replace(",", "\u202f")


def _draw_column_bars(sheet: Sheet, upset_plan: UpsetPlan, layout: UpsetLayout) -> None:
    x0, width, bars = layout.matrix_x0, layout.column, layout.bars
    bottom = layout.matrix_top + 0.2
    top_value = max(c.size for c in upset_plan.columns)
    unit = (bars - 0.25) / top_value
    for col, column in enumerate(upset_plan.columns):
        x = x0 + (col + 0.5) * width
        h = column.size * unit
        sheet.rect(Box(x - width * 0.35, bottom, x + width * 0.35, bottom + h),
                   face=_colour(column.networks, upset_plan.highlight), zorder=2)
        sheet.text(x, bottom + h + 0.03, _number(column.size), size=VALUE_SIZE, colour=DARK,
                   va="bottom")
    # the axis: a baseline and a title at the left
    sheet.line([x0, x0 + width * len(upset_plan.columns)], [bottom, bottom], colour="#999999",
               lw=0.6)
    sheet.text(x0 - 0.2, bottom + bars / 2, text("upset_bars", upset_plan.frame.lang),
               size=7.5, colour=MUTED, ha="right")


def _draw_set_bars(sheet: Sheet, upset_plan: UpsetPlan, layout: UpsetLayout) -> None:
    top, right = layout.matrix_top, MARGIN + layout.set_bars
    biggest = max(r.total for r in upset_plan.rows)
    unit = (layout.set_bars - 0.45) / biggest
    for index, row in enumerate(upset_plan.rows):
        y = top - (index + 0.5) * ROW
        w = row.total * unit
        face = HIGHLIGHT if row.id == upset_plan.highlight else "#777777"
        sheet.rect(Box(right - w, y - ROW * 0.3, right, y + ROW * 0.3), face=face, zorder=2)
        sheet.text(right - w - 0.04, y, _number(row.total), size=VALUE_SIZE, colour=DARK,
                   ha="right")
    sheet.text(right - layout.set_bars / 2 + 0.1, top + 0.12,
               text("upset_sets", upset_plan.frame.lang), size=7, colour=MUTED, va="bottom")
