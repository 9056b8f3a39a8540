"""`burden`: municipalities as bubbles (area ∝ population, or all alike with `--bubble-size
equal`), packed by county or health-trust area, coloured by the load on the busiest person: the
meeting hours networks ask of them a year divided by one person's coordination capacity
(`analyses.burden`, finding F1 of seed 004).

Built in three steps: `plans.burden.plan` decides what is shown (which municipalities, their
values and whether they are known, which are called out, the caption); `lay_out` fits it to the
natural size or to a page (`--size`), with the colour bar beside the picture or, on a narrow
page, under it; `draw` draws it.

Unknown is never a colour of the scale: a municipality no network reaches is grey, one reached
with no known hours white; a value with some hours unknown is a floor, marked `+?`. `~` marks
values that rest on estimated meeting cadences, and the caption names the assumptions and the
range of the most loaded person's hours.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from ehelse_map.model.records import Dataset
from ehelse_map.render.diagrams.glyphs import warn_names
from ehelse_map.render.diagrams.i18n import text
from ehelse_map.render.diagrams.layout.labels import Label, Placer, draw_placed
from ehelse_map.render.diagrams.layout.packing import Node, Packed, natural
from ehelse_map.render.diagrams.layout.sheet import (
    MARGIN,
    Disc,
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
)
from ehelse_map.render.diagrams.page import MIN_TEXT_PT, PageSize
from ehelse_map.render.diagrams.plans.burden import (
    FLOOR,
    MAX_DRAWN,
    MAX_GROUPS,
    NOT_REACHED,
    UNKNOWN,
    BurdenPlan,
    Load,
    plan,
)
from ehelse_map.render.diagrams.plans.frame import marked
from ehelse_map.render.diagrams.style import (
    DARK,
    ESTIMATED_MARK,
    INFERRED_MARK,
    MUTED,
    UNKNOWN_MARK,
    Box,
    DiagramOptions,
)
from ehelse_map.render.numbers import localised

if TYPE_CHECKING:
    from collections.abc import Callable

    from matplotlib.figure import Figure
    from matplotlib.typing import ColorType

    from ehelse_map.analyses.burden import BurdenResult

    #: A load (or hours) to its RGBA colour on the diagram's scale.
    ColourOf = Callable[[float], tuple[float, float, float, float]]

WIDTH = 14.0
MIN_PLOT_HEIGHT, MAX_PLOT_HEIGHT = 5.5, 9.0
CALLOUT = 1.55
"""Width of the callout column at each side of the packing (inches)."""
NARROW_CALLOUT = 1.3
ROOM = 0.3
UNKNOWN_SIZE = 0.12
STRIP_HEIGHT = 1.2
"""Height of the row of aggregate records under the packing (inches)."""
COLOURMAP = "viridis_r"
NOT_REACHED_FACE = "#D9D9D9"
UNKNOWN_FACE = "#FFFFFF"  # reached, hours unknown: never a colour of the scale
NAME_SIZE = 7.0
INSIDE_SIZE = MIN_TEXT_PT
"""Names inside their bubbles: the smallest text a picture has."""
GROUP_SIZE = 9.0
GROUP_WIDTH = 3.0
"""A group's name wraps at this width (inches)."""
PANEL_WIDTH = 3.1
BAR_HEIGHT = 0.22
"""Thickness of the colour bar under the picture on a narrow page (inches)."""
GROUP_AREA = 1.2
"""Square inches of packing a group needs on a page for its name to be read."""
PER_SQUARE_INCH = 20
"""Municipalities a square inch of packing holds on a page."""


def build(dataset: Dataset, options: DiagramOptions, burden: BurdenResult | None = None
          ) -> Figure:
    """The picture; `burden` is the analysis by municipality for the options' filters when the
    caller has it already (the report), else it is computed here."""
    page = options.size
    max_groups, max_drawn = budget_for(page)
    burden_plan = plan(dataset, options, burden, max_groups, max_drawn)
    warn_names(burden_plan.frame.names)
    measurer = Measurer()
    return draw(burden_plan, lay_out(burden_plan, page, measurer), measurer)


def budget_for(page: PageSize | None) -> tuple[int, int]:
    """(Most groups, most municipalities) drawn: 80 and 1,500 at the natural size; on a page,
    as many as its packing area holds legibly."""
    if page is None:
        return MAX_GROUPS, MAX_DRAWN
    side = PANEL_WIDTH if page.wide else 0.0
    width = page.width - 2 * MARGIN - side - 2 * _callout(page)
    height = page.height - 3.2 - (0.0 if page.wide else 1.3)  # header, caption, panel
    area = max(width, 1.0) * max(height, 1.0)
    return (max(4, min(MAX_GROUPS, int(area / GROUP_AREA))),
            max(100, min(MAX_DRAWN, int(area * PER_SQUARE_INCH))))


def _callout(page: PageSize | None) -> float:
    return CALLOUT if page is None or page.wide else NARROW_CALLOUT


# --- layout ---------------------------------------------------------------------------------------

@dataclass
class BurdenLayout:
    width: float
    height: float
    caption: str
    plot: Box
    """Packing, callouts and the aggregates' strip."""
    panel: Box
    """Colour bar and key: right of the plot, or under it on a narrow page."""
    beside: bool
    callout: float
    strip: float
    packed: list[Packed] = field(default_factory=list)
    overflow: float = 0.0
    """Inches the picture needs beyond the page (0 when it fits)."""
    page: bool = False
    """Laid out for a page: the sheet keeps the page's exact size."""


def lay_out(burden_plan: BurdenPlan, page: PageSize | None, measurer: Measurer) -> BurdenLayout:
    """Sizes and places the parts: the natural size (14 inches wide, as tall as the packing
    needs) or the page's."""
    width = page.width if page else WIDTH
    beside = page is None or page.wide
    callout = _callout(page)
    caption = caption_text(measurer, list(burden_plan.frame.caption), width - 2 * MARGIN)
    head = header_height(measurer, "x", width,
                         title=burden_plan.frame.title)
    packed = _pack(burden_plan)
    strip = STRIP_HEIGHT if burden_plan.aggregates else 0.0
    panel_height = 0.0 if beside else _bottom_panel_height(burden_plan, measurer, width)
    below = caption_height(measurer, caption) + 0.1 + MARGIN + panel_height
    plot_width = width - 2 * MARGIN - (PANEL_WIDTH if beside else 0.0) - 2 * callout
    if page is None:
        if packed:
            tops = [p for p in packed if p.actor is None and p.cluster.startswith("group:")]
            span_x = max(p.x + p.r for p in tops) - min(p.x - p.r for p in tops)
            span_y = max(p.y + p.r for p in tops) - min(p.y - p.r for p in tops)
            plot_height = min(MAX_PLOT_HEIGHT, max(MIN_PLOT_HEIGHT, plot_width * span_y / span_x
                                                   + 2 * ROOM)) + strip
        else:
            plot_height = MIN_PLOT_HEIGHT
        height = MARGIN + head + plot_height + below
        overflow = 0.0
    else:
        height = page.height
        plot_height = height - MARGIN - head - below
        least = 2.0 + strip
        overflow = max(0.0, least - plot_height)
        plot_height = max(plot_height, least)
        height += overflow
    top = height - MARGIN - head
    if beside:
        plot = Box(MARGIN, top - plot_height, width - MARGIN - PANEL_WIDTH, top)
        panel = Box(plot.x1, plot.y0, width - MARGIN, top)
    else:
        plot = Box(MARGIN, top - plot_height, width - MARGIN, top)
        panel = Box(MARGIN, plot.y0 - panel_height, width - MARGIN, plot.y0)
    return BurdenLayout(width, height, caption, plot, panel, beside, callout, strip, packed,
                        overflow, page is not None)


def _pack(burden_plan: BurdenPlan) -> list[Packed]:
    """Groups of municipalities packed bottom-up: every bubble's area is its weight on one
    scale (population, or 1 each). Group circles are keyed `group:<key>`, clusters
    `cluster:<catchment>`."""
    if not burden_plan.groups:
        return []
    by_id = {m.id: m for m in burden_plan.municipalities}
    known = sorted(m.weight for m in burden_plan.municipalities if m.weight)
    fallback = known[len(known) // 2] if known else 1.0
    clustered = burden_plan.group_by == "region"
    children = []
    for group in burden_plan.groups:
        leaves: dict[str, list[Node]] = {}
        for ident in group.members:
            m = by_id[ident]
            cluster = (m.actor.catchment or "") if clustered else ""
            leaves.setdefault(cluster, []).append(
                Node(ident, max(m.weight or fallback, 1e-6), actor=m.actor))
        if len(leaves) == 1:
            children.append(Node(f"group:{group.key}", children=next(iter(leaves.values()))))
        else:
            children.append(Node(f"group:{group.key}", children=[
                Node(f"cluster:{c}", children=nodes) for c, nodes in
                sorted(leaves.items(), key=lambda kv: (-len(kv[1]), kv[0]))]))
    root = Node("root", children=children)
    if len(children) == 1:  # a lone group is still drawn as its own circle
        radius, inner = natural(children[0])
        return [Packed(0.0, 0.0, radius, None, children[0].key), *inner]
    return natural(root)[1]


@dataclass(frozen=True)
class _BottomPanel:
    """How the colour bar and the key share the panel under the plot: side by side, or on a
    page too narrow for that (under `MIN_BAR` inches left for the bar), the key under the
    bar."""
    key: LegendBlock
    bar_width: float
    stacked: bool
    title: str
    """The bar's title, wrapped at the bar's width."""


MIN_BAR = 1.5
"""The narrowest colour bar (inches) drawn beside the key; narrower, the key goes under it."""


def _bottom_panel(burden_plan: BurdenPlan, measurer: Measurer, panel_width: float) -> _BottomPanel:
    key = _key(burden_plan)
    beside = panel_width - legend_size(measurer, key)[0] - 0.6
    stacked = beside < MIN_BAR
    if stacked:
        key.wrap = panel_width - 0.2 - 0.28 - 0.1  # the mark and its gap: as in the side panel
    bar_width = min(3.6, panel_width - 0.2 if stacked else beside)
    title = measurer.wrap(_scale_title(burden_plan), 8.5, bar_width, weight="bold")
    return _BottomPanel(key, bar_width, stacked, title)


def _bottom_panel_height(burden_plan: BurdenPlan, measurer: Measurer, width: float) -> float:
    parts = _bottom_panel(burden_plan, measurer, width - 2 * MARGIN)
    bar = measurer.size(parts.title, 8.5, "bold")[1] + 0.15 + BAR_HEIGHT + 0.35
    key_height = legend_size(measurer, parts.key)[1]
    return (bar + key_height if parts.stacked else max(bar, key_height)) + 0.3


# --- drawing --------------------------------------------------------------------------------------

def draw(burden_plan: BurdenPlan, layout: BurdenLayout, measurer: Measurer) -> Figure:
    sheet = Sheet(layout.width, layout.height, layout.page)
    draw_header(sheet, burden_plan.frame.title, burden_plan.frame.subtitle, measurer)
    draw_caption(sheet, layout.caption)
    plot = layout.plot
    if burden_plan.empty:
        sheet.text((plot.x0 + plot.x1) / 2, (plot.y0 + plot.y1) / 2,
                   text("no_municipalities", _lang(burden_plan)), size=11, colour=MUTED)
        return sheet.figure
    colour_of = _colours(burden_plan.vmax)
    placer = Placer(measurer, Box(plot.x0, plot.y0 - 0.05, plot.x1, plot.y1 + 0.05))
    scale = None
    if layout.packed:
        area = Box(plot.x0, plot.y0 + layout.strip, plot.x1, plot.y1)
        scale = _draw_packing(sheet, burden_plan, layout, area, colour_of, placer)
    if burden_plan.aggregates:
        # between the callout columns where there is room, else the plot's whole width (the
        # callouts stay beside the packing, above this row)
        inset = layout.callout if layout.beside else 0.0
        _draw_aggregates(sheet, burden_plan, Box(plot.x0 + inset, plot.y0, plot.x1 - inset,
                                                 plot.y0 + layout.strip),
                         scale, colour_of, placer)
    if layout.beside:
        _draw_side_panel(sheet, burden_plan, layout.panel, measurer)
    else:
        _draw_bottom_panel(sheet, burden_plan, layout.panel, measurer)
    return sheet.figure


def _lang(burden_plan: BurdenPlan) -> str:
    return burden_plan.frame.lang


def _colours(vmax: float) -> ColourOf:
    import matplotlib

    cmap = matplotlib.colormaps[COLOURMAP]
    return lambda value: cmap(min(max(value / vmax, 0.0), 1.0))


def _draw_packing(sheet: Sheet, burden_plan: BurdenPlan, layout: BurdenLayout, plot: Box,
                  colour_of: ColourOf, placer: Placer) -> float:
    """The packing fitted between the callout columns, the most burdened called out at the
    sides, names inside the bubbles they fit in."""
    packed = layout.packed
    callout = layout.callout
    inner = Box(plot.x0 + callout, plot.y0 + ROOM, plot.x1 - callout, plot.y1 - ROOM)
    packed = _turned(packed, inner)
    tops = [p for p in packed if p.actor is None and p.cluster.startswith("group:")]
    x0, x1 = min(p.x - p.r for p in tops), max(p.x + p.r for p in tops)
    y0, y1 = min(p.y - p.r for p in tops), max(p.y + p.r for p in tops)
    scale = min(inner.width / (x1 - x0), inner.height / (y1 - y0))
    cx = (inner.x0 + inner.x1) / 2 - (x0 + x1) / 2 * scale
    cy = (inner.y0 + inner.y1) / 2 - (y0 + y1) / 2 * scale
    highlight = burden_plan.highlight
    reached_by = set(burden_plan.reached_by_highlight)
    by_id = {m.id: m for m in burden_plan.municipalities}
    names = {f"group:{g.key}": g.name for g in burden_plan.groups}
    bubbles: dict[str, tuple[float, float, float]] = {}
    faces: dict[str, ColorType] = {}
    circles = []
    group_labels = []
    group_circles = []
    discs: dict[float, list[Disc]] = {1: [], 1.5: [], 3: [], 4: []}  # by zorder
    for spot in sorted(packed, key=lambda p: (p.actor is not None,
                                              not p.cluster.startswith("group:"))):
        x, y, r = cx + spot.x * scale, cy + spot.y * scale, spot.r * scale
        if spot.actor is None and spot.cluster in names:
            discs[1].append(Disc(x, y, r, "#F4F4F4", "#BBBBBB", 0.8))
            group_circles.append((x, y, r))
            name = placer.measurer.wrap(names[spot.cluster], GROUP_SIZE, GROUP_WIDTH, "bold",
                                        max_lines=2)
            group_labels.append(Label(name, x, y, r, size=GROUP_SIZE, weight="bold",
                                      colour=DARK, priority=1000,
                                      sides=("above", "below", "left", "right"), halo=True))
        elif spot.actor is None:
            discs[1.5].append(Disc(x, y, r, "#FAFAFA", "#CCCCCC", 0.5))
        else:
            m = by_id[spot.actor.id]
            face = _face(m, colour_of)
            mark = spot.actor.id == highlight or spot.actor.id in reached_by
            discs[4 if mark else 3].append(Disc(x, y, r, face, "black" if mark else (
                "#777777" if m.state == UNKNOWN else "white"), 1.6 if mark else 0.4))
            bubbles[spot.actor.id] = (x, y, r)
            faces[spot.actor.id] = face
            circles.append((x, y, r))
    for zorder, drawn in discs.items():
        sheet.discs(drawn, zorder=zorder)
    centre = (inner.x0 + inner.x1) / 2
    callouts = [(by_id[i], *bubbles[i]) for i in burden_plan.called if i in bubbles]
    _callouts(sheet, placer, callouts, centre, Box(plot.x0, plot.y0, plot.x1, plot.y1),
              callout, burden_plan.as_load, _lang(burden_plan))
    # a group's name keeps clear of every other group's circle, or it reads as that group's
    groups_placer = placer.sharing_text()
    groups_placer.avoid(group_circles)
    groups_placer.avoid(circles)
    named_groups = groups_placer.place_all(group_labels)
    placer.avoid(circles)
    labels = [_name_label(by_id[i], *bubbles[i], faces[i]) for i in sorted(bubbles)
              if i not in burden_plan.called]
    draw_placed(sheet, named_groups + placer.place_all(labels))
    return scale


def _turned(packed: list[Packed], area: Box) -> list[Packed]:
    """The packing turned a quarter when that draws it at least a tenth larger: groups side by
    side on a wide page, one above the other on a tall one."""
    tops = [p for p in packed if p.actor is None and p.cluster.startswith("group:")]
    span_x = max(p.x + p.r for p in tops) - min(p.x - p.r for p in tops)
    span_y = max(p.y + p.r for p in tops) - min(p.y - p.r for p in tops)
    as_is = min(area.width / span_x, area.height / span_y)
    turned = min(area.width / span_y, area.height / span_x)
    if turned < as_is * 1.1:
        return packed
    return [Packed(-p.y, p.x, p.r, p.actor, p.cluster) for p in packed]


def _draw_aggregates(sheet: Sheet, burden_plan: BurdenPlan, strip: Box, scale: float | None,
                     colour_of: ColourOf, placer: Placer) -> None:
    """Aggregate records in a row under the packing: each drawn as one municipality of
    average size, on the packing's scale, with its name and value below."""
    measurer = placer.measurer
    aggregates = burden_plan.aggregates
    sizes = [math.sqrt(m.weight or 0.0) for m in aggregates]
    if scale is None:
        scale = 0.3 / max([*sizes, 1.0])
    title = measurer.wrap(text("aggregates_row", _lang(burden_plan)), NAME_SIZE,
                          strip.width, "bold", max_lines=2)
    title_w, title_h = measurer.size(title, NAME_SIZE, "bold")
    sheet.text(strip.x0, strip.y1 - 0.05, title, size=NAME_SIZE, weight="bold", colour=DARK,
               ha="left", va="top")
    placer.block(Box(strip.x0, strip.y1 - 0.05 - title_h, strip.x0 + title_w, strip.y1 - 0.05))
    slot = strip.width / len(aggregates)
    biggest = min(max([s * scale for s in sizes] + [UNKNOWN_SIZE]), 0.3)
    centre_y = strip.y1 - 0.05 - title_h - 0.1 - biggest
    for index, (m, size) in enumerate(zip(aggregates, sizes, strict=True)):
        x = strip.x0 + (index + 0.5) * slot
        # without a population the size is unknown: a fixed bubble with a dashed rim
        r = min(max(size * scale, 0.04), 0.3) if size else UNKNOWN_SIZE
        face = _face(m, colour_of)
        mark = m.id == burden_plan.highlight
        sheet.disc(x, centre_y, r, face=face, edge="black" if mark else (
            "white" if size else "#555555"), lw=1.6 if mark else (0.4 if size else 0.8),
            linestyle="solid" if size or mark else (0, (2, 1.5)))
        label = measurer.wrap(marked(m.name, m.inferred), NAME_SIZE, slot - 0.1,
                              max_lines=2 if slot > 1.2 else 3)
        label += f"\n{value_text(m, burden_plan.as_load, _lang(burden_plan))}"
        spot = placer.place(Label(label, x, centre_y, r, size=NAME_SIZE, colour=DARK,
                                  sides=("below",)))
        if spot is not None:
            draw_placed(sheet, [spot])


def _callouts(sheet: Sheet, placer: Placer, items: list[tuple[Load, float, float, float]],
              centre: float, plot: Box, callout: float, as_load: bool, lang: str = "en"
              ) -> None:
    """Labels in a column at each side of the packing, in the order of their bubbles from top to
    bottom so that leader lines never cross, pushed apart just enough not to overlap."""
    measurer = placer.measurer
    for side in ("left", "right"):
        column = sorted((item for item in items if (item[1] < centre) == (side == "left")),
                        key=lambda item: (-item[2], item[0].id))
        if not column:
            continue
        # wrapped to the column: a long name would run off the sheet or into the colour bar
        texts = [measurer.wrap(callout_text(m, as_load, lang), NAME_SIZE, callout - 0.2, "bold")
                 for m, *_ in column]
        sizes = [measurer.size(t, NAME_SIZE, "bold") for t in texts]
        ys = [item[2] for item in column]
        gap = 0.05
        for i in range(1, len(ys)):  # push down
            ys[i] = min(ys[i], ys[i - 1] - (sizes[i - 1][1] + sizes[i][1]) / 2 - gap)
        overflow = (plot.y0 + sizes[-1][1] / 2) - ys[-1]
        if overflow > 0:  # push back up from the bottom
            ys[-1] += overflow
            for i in range(len(ys) - 2, -1, -1):
                ys[i] = max(ys[i], ys[i + 1] + (sizes[i + 1][1] + sizes[i][1]) / 2 + gap)
        for (_m, x, y, r), label, (w, h), ly in zip(column, texts, sizes, ys, strict=True):
            if side == "left":
                lx, ha, edge = plot.x0 + callout - 0.15, "right", plot.x0 + callout - 0.1
                box = Box(lx - w, ly - h / 2, lx, ly + h / 2)
            else:
                lx, ha, edge = plot.x1 - callout + 0.15, "left", plot.x1 - callout + 0.1
                box = Box(lx, ly - h / 2, lx + w, ly + h / 2)
            sheet.text(lx, ly, label, size=NAME_SIZE, weight="bold", colour="black", ha=ha)
            angle = math.atan2(ly - y, edge - x)
            sheet.line([x + r * math.cos(angle), edge], [y + r * math.sin(angle), ly],
                       colour="#555555", lw=0.6, zorder=11)
            placer.block(box)


def value_text(m: Load, as_load: bool, lang: str = "en") -> str:
    """`~0.88×+?`: the value, `~` when it rests on estimates, `+?` when it is a floor, `?`
    when unknown."""
    if m.value is None:
        return "?"
    number = (localised(f"{m.value:.2f}", lang) + "×" if as_load
              else localised(f"{m.value:,.0f}", lang) + (" t" if lang in ("nb", "nn") else " h"))
    return (f"{ESTIMATED_MARK if m.estimated else ''}{number}"
            f"{UNKNOWN_MARK if m.state == FLOOR else ''}")


def callout_text(m: Load, as_load: bool, lang: str = "en") -> str:
    return f"{marked(m.name, m.inferred)} {value_text(m, as_load, lang)}"


def _name_label(m: Load, x: float, y: float, r: float, face: ColorType) -> Label:
    """A name inside its bubble, in black or white after the fill, or nothing."""
    return Label(marked(m.name, m.inferred), x, y, r, size=INSIDE_SIZE, colour="black",
                 priority=r, inside=True, inside_colour=_ink(face), sides=())


def _ink(face: ColorType) -> str:
    """White on dark fills, black on light ones (relative luminance)."""
    from matplotlib.colors import to_rgb

    red, green, blue = to_rgb(face)
    return "white" if 0.2126 * red + 0.7152 * green + 0.0722 * blue < 0.45 else "black"


def _face(m: Load, colour_of: Any) -> Any:
    """Grey when no network reaches it, white when no hours are known, else the scale."""
    if m.state == NOT_REACHED:
        return NOT_REACHED_FACE
    return UNKNOWN_FACE if m.value is None else colour_of(m.value)


def _key(burden_plan: BurdenPlan) -> LegendBlock:
    lang = _lang(burden_plan)
    drawn = [*burden_plan.municipalities, *burden_plan.aggregates]
    size = "size_municipality" if burden_plan.bubble_size == "population" else "size_equal"
    entries = [
        LegendEntry(text("not_reached", lang), "disc", NOT_REACHED_FACE, size=0.08,
                    edge="#999999"),
        LegendEntry(text("hours_unknown", lang), "disc", UNKNOWN_FACE, size=0.08,
                    edge="#555555"),
        LegendEntry(text(size, lang), "disc", "#BBBBBB", size=0.06),
        LegendEntry(text("estimated_key", lang), "text", ESTIMATED_MARK)]
    if any(m.state == FLOOR for m in drawn):
        entries.append(LegendEntry(text("floor_key", lang), "text", UNKNOWN_MARK))
    if any(m.inferred for m in drawn):
        entries.append(LegendEntry(text("inferred_key", lang), "text", INFERRED_MARK))
    return LegendBlock(text("legend_key", lang), entries)


def _scale_title(burden_plan: BurdenPlan) -> str:
    return text("legend_load" if burden_plan.as_load else "legend_hours", _lang(burden_plan))


def _ticks(burden_plan: BurdenPlan) -> list[float] | None:
    vmax = burden_plan.vmax
    if burden_plan.as_load and vmax <= 4:
        return [t / 2 for t in range(0, int(vmax * 2) + 1)]
    return None


def _draw_side_panel(sheet: Sheet, burden_plan: BurdenPlan, panel: Box,
                     measurer: Measurer) -> None:
    """Colour bar (with the capacity marked) and the key, right of the plot."""
    x = panel.x0 + 0.45
    title = measurer.wrap(_scale_title(burden_plan), 8.5, PANEL_WIDTH - 0.6, weight="bold")
    _, title_height = measurer.size(title, 8.5, "bold")
    top = panel.y1 - 0.1
    sheet.text(x, top, title, size=8.5, weight="bold", colour="black", ha="left", va="top")
    bar_top = top - title_height - 0.15
    bar_height = min(3.6, panel.height * 0.5)
    axes = _colour_bar(sheet, burden_plan, Box(x, bar_top - bar_height, x + 0.22, bar_top),
                       "vertical")
    if burden_plan.as_load:
        axes.axhline(1.0, color="black", linewidth=1.6)
        # the capacity mark sits left of the bar, clear of the tick labels on the right
        sheet.text(x - 0.06, bar_top - bar_height * (1 - 1.0 / burden_plan.vmax),
                   text("capacity_mark", _lang(burden_plan)), size=7.5, colour="black",
                   ha="right", va="center")
    key = _key(burden_plan)
    key.wrap = panel.x1 - x - 0.28 - 0.1 - 0.1  # longer words (nn, nb) wrap inside the page
    draw_legend(sheet, x, bar_top - bar_height - 0.4, key, measurer)


def _draw_bottom_panel(sheet: Sheet, burden_plan: BurdenPlan, panel: Box,
                       measurer: Measurer) -> None:
    """Colour bar (horizontal, the capacity marked above it) and the key: beside it, or under
    it on a narrow page."""
    parts = _bottom_panel(burden_plan, measurer, panel.width)
    bar_width = parts.bar_width
    x, top = panel.x0 + 0.1, panel.y1 - 0.15
    _, title_height = measurer.size(parts.title, 8.5, "bold")
    sheet.text(x, top, parts.title, size=8.5, weight="bold", colour="black", ha="left",
               va="top")
    bar_top = top - title_height - 0.2
    axes = _colour_bar(sheet, burden_plan, Box(x, bar_top - BAR_HEIGHT, x + bar_width,
                                               bar_top), "horizontal")
    if burden_plan.as_load:
        axes.axvline(1.0, color="black", linewidth=1.6)
        mark = text("capacity_mark", _lang(burden_plan))
        mark_x = x + bar_width / burden_plan.vmax
        width = measurer.size(mark, 7.5)[0]
        sheet.text(min(mark_x, x + bar_width - width / 2), bar_top + 0.03, mark, size=7.5,
                   colour="black", va="bottom")
    if parts.stacked:
        draw_legend(sheet, x, bar_top - BAR_HEIGHT - 0.35, parts.key, measurer)
    else:
        draw_legend(sheet, panel.x1 - legend_size(measurer, parts.key)[0] - 0.1, top,
                    parts.key, measurer)


def _colour_bar(sheet: Sheet, burden_plan: BurdenPlan, box: Box,
                orientation: Literal["vertical", "horizontal"]) -> Any:
    import matplotlib
    from matplotlib.cm import ScalarMappable
    from matplotlib.colorbar import Colorbar
    from matplotlib.colors import Normalize

    width, height = sheet.width, sheet.height
    axes = sheet.figure.add_axes((box.x0 / width, box.y0 / height, box.width / width,
                                  box.height / height))
    mappable = ScalarMappable(norm=Normalize(0, burden_plan.vmax),
                              cmap=matplotlib.colormaps[COLOURMAP])
    bar = Colorbar(axes, mappable=mappable, orientation=orientation)
    bar.outline.set_linewidth(0.5)
    axes.tick_params(labelsize=7.5, length=3, width=0.5)
    ticks = _ticks(burden_plan)
    if ticks:
        bar.set_ticks(ticks, labels=[localised(f"{t:g}", _lang(burden_plan)) + "×"
                                     for t in ticks])
    return axes
