"""`sensitivity`: tornado charts of which assumptions move the headline figures most.

Built in three steps: `plans.sensitivity.plan` swings every assumption value with a range
(`analyses.sensitivity`) and decides the bars of each figure's panel; `lay_out` sizes the
panels for the natural width or a page (`--size`: fewer bars per panel until they fit, the rest
counted); `draw` draws them. Each panel has its own scale: the figures have different units.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ehelse_map.model.records import Dataset
from ehelse_map.render.diagrams.i18n import text
from ehelse_map.render.diagrams.layout.sheet import (
    MARGIN,
    Measurer,
    Sheet,
    caption_height,
    caption_text,
    draw_caption,
    draw_header,
    header_height,
    shorten,
)
from ehelse_map.render.diagrams.page import PageSize
from ehelse_map.render.diagrams.plans.sensitivity import (
    MAX_BARS,
    Bar,
    Panel,
    SensitivityPlan,
    plan,
)
from ehelse_map.render.diagrams.style import DARK, MUTED, OKABE_ITO, Box, DiagramOptions

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from ehelse_map.analyses.sensitivity import SensitivityResult

WIDTH = 11.0
ROW = 0.26
BAR = 0.16
LABEL_SIZE = 7.5
VALUE_SIZE = 7.0
PANEL_TITLE_SIZE = 9.0
NOTE_SIZE = 7.5
KEY_SIZE = 8.0
KEY_MARK = 0.28
PANEL_GAP = 0.3
PAGE_PANEL_GAP = 0.18
LABEL_SHARE = 0.5
"""Most of the content width the assumption names may take."""
LOW_COLOUR = OKABE_ITO["blue"]
HIGH_COLOUR = OKABE_ITO["orange"]


def build(dataset: Dataset, options: DiagramOptions,
          sensitivity: SensitivityResult | None = None) -> Figure:
    from ehelse_map.analyses.sensitivity import sensitivity as analyse

    page = options.size
    measurer = Measurer()
    result = sensitivity if sensitivity is not None else analyse(
        dataset, options.as_of, country=options.country, region=options.region, samples=0)
    tornado = plan(dataset, options, result, MAX_BARS)
    layout = lay_out(tornado, page, measurer)
    if page is not None and layout.overflow > 0:
        # the most bars a panel keeps on the page: one column, or two on a wide page
        trials = [(bars, columns) for bars in range(MAX_BARS, 0, -1)
                  for columns in ((1, 2) if page.wide else (1,))]
        for bars, columns in trials:
            tornado = plan(dataset, options, result, bars)
            layout = lay_out(tornado, page, measurer, columns)
            if layout.overflow <= 0:
                break
    return draw(tornado, layout, measurer)


@dataclass
class PanelLayout:
    x0: float
    x1: float
    top: float
    title: str
    labels: list[str]
    notes: list[str]
    low: float
    high: float
    """The panel's scale: the smallest and largest figure it draws."""
    label_x1: float = 0.0
    bar_x0: float = 0.0
    bar_x1: float = 0.0


@dataclass
class SensitivityLayout:
    width: float
    height: float
    caption: str
    key_title: str
    key: list[KeyItem]
    legend_top: float
    panels: list[PanelLayout] = field(default_factory=list)
    overflow: float = 0.0
    page: bool = False


COLUMN_GAP = 0.4


def lay_out(tornado: SensitivityPlan, page: PageSize | None, measurer: Measurer,
            columns: int = 1) -> SensitivityLayout:
    """Panels one under the other (or in `columns` side by side, filled in order to even
    heights), each with its own scale, the assumption names at the left."""
    width = page.width if page else WIDTH
    content = width - 2 * MARGIN
    column_width = (content - COLUMN_GAP * (columns - 1)) / columns
    lang = tornado.frame.lang
    caption = caption_text(measurer, list(tornado.frame.caption), content)
    head = header_height(measurer, tornado.frame.subtitle, width,
                         title=tornado.frame.title)
    key_title, key, legend_height = _key(lang, content, measurer)
    if not any(p.bars for p in tornado.panels):  # no bar to explain
        key_title, key, legend_height = "", [], 0.0
    ranges = {b.assumption: f"  {_number(b.low)}–{_number(b.high)}"
              for p in tornado.panels for b in p.bars}
    widest = max([measurer.size(n + r, LABEL_SIZE)[0] for n, r in ranges.items()] + [1.0])
    label_width = min(widest, column_width * LABEL_SHARE)
    gap = PANEL_GAP if page is None else PAGE_PANEL_GAP
    values = [v for p in tornado.panels if p.central is not None for b in p.bars
              for v in _value_texts(b, p.central) if v]
    value_room = max([measurer.size(v, VALUE_SIZE)[0] for v in values] + [0.2]) + 0.1
    panels, heights = [], []
    for panel in tornado.panels:
        title = measurer.wrap(_panel_title(panel, lang), PANEL_TITLE_SIZE, column_width, "bold",
                              max_lines=3)
        labels = [_label(b.assumption, ranges[b.assumption], label_width, measurer)
                  for b in panel.bars]
        notes = [measurer.wrap(note, NOTE_SIZE, column_width, max_lines=2)
                 for note in _panel_notes(panel, lang)]
        figures = [v for b in panel.bars for v in (b.at_low, b.at_high)]
        if panel.central is not None:
            figures.append(panel.central)
        low, high = (min(figures), max(figures)) if figures else (0.0, 1.0)
        panels.append(PanelLayout(0.0, 0.0, 0.0, title, labels, notes, low, high))
        heights.append(measurer.size(title, PANEL_TITLE_SIZE, "bold")[1] + 0.1
                       + ROW * len(labels)
                       + sum(measurer.size(n, NOTE_SIZE)[1] + 0.05 for n in notes) + gap)
    share = sum(heights) / columns
    column, used, tallest = 0, 0.0, 0.0
    for panel_layout, height in zip(panels, heights, strict=True):
        if column < columns - 1 and used > 0 and used + height / 2 > share:
            column, used = column + 1, 0.0
        panel_layout.x0 = MARGIN + column * (column_width + COLUMN_GAP)
        panel_layout.x1 = panel_layout.x0 + column_width
        panel_layout.label_x1 = panel_layout.x0 + label_width
        panel_layout.bar_x0 = panel_layout.label_x1 + 0.15 + value_room
        panel_layout.bar_x1 = panel_layout.x1 - value_room
        panel_layout.top = -(head + legend_height + 0.1 + used)  # from the top, for now
        used += height
        tallest = max(tallest, used)
    needed = MARGIN + head + legend_height + 0.1 + tallest + caption_height(measurer, caption) \
        + MARGIN
    overflow = 0.0
    height = needed
    if page is not None:
        overflow = max(0.0, needed - page.height)
        height = max(needed, page.height)
    for panel_layout in panels:
        panel_layout.top += height - MARGIN
    return SensitivityLayout(width, height, caption, key_title, key, height - MARGIN - head,
                             panels, overflow, page is not None)


def _label(name: str, value_range: str, width: float, measurer: Measurer) -> str:
    """The assumption's name, shortened when it must be, and its range, always whole."""
    room = width - measurer.size(value_range, LABEL_SIZE)[0]
    return shorten(name, LABEL_SIZE, room, measurer) + value_range


@dataclass(frozen=True)
class KeyItem:
    """One mark of the key and its words, at (x, y) of the mark's left end."""

    style: str
    """`patch` or `dashed` (the central value's line)."""
    colour: str
    label: str
    x: float
    y: float


def _key(lang: str, width: float, measurer: Measurer) -> tuple[str, list[KeyItem], float]:
    """The key as one line under the header, wrapping where the width ends: its title, its
    items placed from (0, 0) downwards, and its height."""
    title = text("legend_sensitivity", lang) + ":"
    items = [("patch", LOW_COLOUR, text("sens_at_low", lang)),
             ("patch", HIGH_COLOUR, text("sens_at_high", lang)),
             ("dashed", DARK, text("sens_central", lang))]
    x = measurer.size(title, KEY_SIZE, "bold")[0] + 0.15
    y, line = 0.0, measurer.size("Ag", KEY_SIZE)[1] + 0.08
    placed: list[KeyItem] = []
    for style, colour, label in items:
        room = KEY_MARK + 0.08 + measurer.size(label, KEY_SIZE)[0]
        if x + room > width and placed:
            x, y = 0.0, y - line
        placed.append(KeyItem(style, colour, label, x, y))
        x += room + 0.3
    return title, placed, line - y


def _panel_title(panel: Panel, lang: str) -> str:
    if panel.central is None:
        return f"{panel.label}: {text('sens_unknown', lang)}"
    return f"{panel.label}: {_number(panel.central)}"


def _panel_notes(panel: Panel, lang: str) -> list[str]:
    if panel.central is not None and not panel.bars:
        return [text("sens_nothing_moves", lang)]
    notes = []
    if panel.hidden:
        notes.append(text("sens_hidden", lang, n=panel.hidden))
    if panel.still and panel.bars:
        notes.append(text("sens_still", lang, n=panel.still))
    return ["; ".join(notes)] if notes else []


def _number(value: float) -> str:
    """Whole numbers from 10 up, one decimal below (as the sensitivity tables print them);
    thousands with a thin space."""
    if abs(value) >= 10:
        return f"{round(value):,}".replace(",", "\u202f")
    return f"{value:.1f}".rstrip("0").rstrip(".")


def draw(tornado: SensitivityPlan, layout: SensitivityLayout, measurer: Measurer) -> Figure:
    sheet = Sheet(layout.width, layout.height, layout.page)
    draw_header(sheet, tornado.frame.title, tornado.frame.subtitle, measurer)
    draw_caption(sheet, layout.caption)
    if layout.key:
        _draw_key(sheet, layout)
    for panel, panel_layout in zip(tornado.panels, layout.panels, strict=True):
        _draw_panel(sheet, panel, panel_layout, measurer)
    return sheet.figure


def _draw_key(sheet: Sheet, layout: SensitivityLayout) -> None:
    top = layout.legend_top
    sheet.text(MARGIN, top, layout.key_title, size=KEY_SIZE, weight="bold", colour=DARK,
               ha="left", va="top")
    for item in layout.key:
        x, y = MARGIN + item.x, top + item.y - 0.07  # the middle of the key's first line
        if item.style == "patch":
            sheet.rect(Box(x, y - BAR / 2, x + KEY_MARK, y + BAR / 2), face=item.colour)
        else:
            sheet.line([x, x + KEY_MARK], [y, y], colour=item.colour, lw=1.0,
                       linestyle=(0, (3.0, 2.0)))
        sheet.text(x + KEY_MARK + 0.08, y, item.label, size=KEY_SIZE, colour=DARK, ha="left")


def _draw_panel(sheet: Sheet, panel: Panel, panel_layout: PanelLayout,
                measurer: Measurer) -> None:
    title_height = measurer.size(panel_layout.title, PANEL_TITLE_SIZE, "bold")[1]
    sheet.text(panel_layout.x0, panel_layout.top, panel_layout.title, size=PANEL_TITLE_SIZE,
               weight="bold", colour=DARK, ha="left", va="top")
    rows_top = panel_layout.top - title_height - 0.1
    span = (panel_layout.high - panel_layout.low) or 1.0

    def x_of(value: float) -> float:
        return panel_layout.bar_x0 + (value - panel_layout.low) / span * (
            panel_layout.bar_x1 - panel_layout.bar_x0)

    for index, (bar, label) in enumerate(zip(panel.bars, panel_layout.labels, strict=True)):
        y = rows_top - (index + 0.5) * ROW
        if index % 2 == 0:
            sheet.rect(Box(panel_layout.x0, y - ROW / 2, panel_layout.x1, y + ROW / 2),
                       face="#F5F5F5")
        sheet.text(panel_layout.label_x1, y, label, size=LABEL_SIZE, colour=DARK, ha="right")
        assert panel.central is not None  # a figure the data cannot give has no bars
        _draw_bar(sheet, bar, panel.central, y, x_of)
    if panel.bars and panel.central is not None:
        x = x_of(panel.central)
        sheet.line([x, x], [rows_top, rows_top - ROW * len(panel.bars)], colour=DARK, lw=1.0,
                   zorder=5, linestyle=(0, (3.0, 2.0)))
    y = rows_top - ROW * len(panel.bars) - 0.05
    for note in panel_layout.notes:
        sheet.text(panel_layout.x0, y, note, size=NOTE_SIZE, colour=MUTED, ha="left", va="top")
        y -= measurer.size(note, NOTE_SIZE)[1] + 0.05


def _draw_bar(sheet: Sheet, bar: Bar, central: float, y: float,
              x_of: Callable[[float], float]) -> None:
    middle = x_of(central)
    ends = sorted(((bar.at_low, LOW_COLOUR), (bar.at_high, HIGH_COLOUR)),
                  key=lambda end: -abs(end[0] - central))  # the longer first: both show
    for value, colour in ends:
        x = x_of(value)
        sheet.rect(Box(min(x, middle), y - BAR / 2, max(x, middle), y + BAR / 2), face=colour,
                   zorder=3)
    left, right = _value_texts(bar, central)
    if left:
        sheet.text(x_of(min(bar.at_low, bar.at_high)) - 0.05, y, left, size=VALUE_SIZE,
                   colour=DARK, ha="right")
    if right:
        sheet.text(x_of(max(bar.at_low, bar.at_high)) + 0.05, y, right, size=VALUE_SIZE,
                   colour=DARK, ha="left")


def _value_texts(bar: Bar, central: float) -> tuple[str, str]:
    """The figures written at the bar's left and right ends (both ends on one side of the
    central value, as a non-monotone figure can have: both, outermost last)."""
    left = sorted((v for v in (bar.at_low, bar.at_high) if v < central), reverse=True)
    right = sorted(v for v in (bar.at_low, bar.at_high) if v > central)
    return " / ".join(map(_number, left)), " / ".join(map(_number, right))
