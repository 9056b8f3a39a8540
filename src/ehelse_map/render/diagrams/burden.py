"""`burden`: municipalities as bubbles (area ∝ population), packed by county or health-trust
area, coloured by the load on the busiest person: the meeting hours networks ask of them a year
divided by one person's coordination capacity (`analyses.burden`, finding F1 of seed 004).

The most burdened municipalities are labelled with their load; `~` marks values that rest on
estimated meeting cadences, and the caption names the assumptions behind every number.

A picture holds at most `MAX_GROUPS` groups and `MAX_DRAWN` municipalities (the Nordic
countries fit); beyond that the groups with the most loaded person are drawn, whole, and the
caption says how many were left out.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ehelse_map.model.records import Actor, Dataset
from ehelse_map.model.scope import organisation_in_scope
from ehelse_map.render.diagrams.i18n import text
from ehelse_map.render.diagrams.layout.labels import Label, Placer, draw_placed
from ehelse_map.render.diagrams.layout.packing import (
    Node,
    Packed,
    municipality_tree,
    natural,
    weight_of,
)
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
)
from ehelse_map.render.diagrams.scope import subtitle
from ehelse_map.render.diagrams.style import (
    DARK,
    MUTED,
    Box,
    DiagramOptions,
    display_name,
    source_parts,
)

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
ROOM = 0.3
UNKNOWN_SIZE = 0.12
STRIP_HEIGHT = 1.2
"""Height of the row of aggregate records under the packing (inches)."""
COLOURMAP = "viridis_r"
NOT_REACHED = "#D9D9D9"
UNKNOWN_FACE = "#FFFFFF"  # reached, hours unknown: never a colour of the scale
TOP_LABELLED = 10
NAME_SIZE = 7.0
GROUP_SIZE = 9.0
GROUP_WIDTH = 3.0
"""A group's name wraps at this width (inches)."""
PANEL_WIDTH = 3.1
MAX_GROUPS = 80
"""Most groups (counties, or health-trust areas) drawn; more are too small to read."""
MAX_DRAWN = 1500
"""Most municipalities drawn, as whole groups (the first group is drawn whatever its size)."""


@dataclass
class Municipality:
    actor: Actor
    value: float | None
    """Load (hours ÷ capacity), or hours when no capacity is set; None when not reached or
    when the hours are unknown."""
    estimated: bool
    group: str
    reached: bool = True
    """Some network reaches it; with `value` None its hours are unknown (never drawn as 0)."""


def build(dataset: Dataset, options: DiagramOptions, burden: BurdenResult | None = None
          ) -> Figure:
    """The picture; `burden` is the analysis by municipality for the options' filters when the
    caller has it already (the report), else it is computed here."""
    from ehelse_map.analyses import burden as analyse

    lang = options.lang
    result = burden if burden is not None else analyse(
        dataset, options.as_of, by="municipality", country=options.country,
        region=options.region)
    capacity_span = result.capacity_hours_per_year
    capacity = (capacity_span.value or 0.0) if capacity_span is not None else 0.0
    rows = {row.key: row for row in result.rows}
    municipalities = []
    for actor in sorted(dataset.actors.values(), key=lambda a: a.id):
        if actor.kind != "municipality" or not organisation_in_scope(
                actor, options.as_of, options.filters):
            continue
        row = rows.get(actor.id)
        figure = None if row is None else (row.load if capacity > 0
                                           else row.max_person_hours)
        value = None if figure is None else figure.value
        municipalities.append(Municipality(actor, value, bool(row and row.estimated),
                                           _group_of(actor, options.group), row is not None))

    listed = [m for m in municipalities if m.actor.count == 1]
    aggregates = [m for m in municipalities if m.actor.count > 1]
    drawn, all_groups = _most_burdened(listed, options.highlight)
    parts = _caption(dataset, options, result, municipalities)
    if len(drawn) < len(listed):
        shown = len({m.group for m in drawn})
        parts.insert(1, text("burden_summarised", lang, shown=shown, groups=all_groups,
                             drawn=len(drawn), total=len(listed),
                             unit=text(f"burden_groups_{options.group}", lang)))
    measurer = Measurer()
    caption = caption_text(measurer, parts, WIDTH - 2 * MARGIN)
    head = header_height(measurer, "x")
    packed, groups = _pack(drawn, options)
    plot_width = WIDTH - 2 * MARGIN - PANEL_WIDTH - 2 * CALLOUT
    strip = STRIP_HEIGHT if aggregates else 0.0
    if packed:
        tops = [p for p in packed if p.actor is None and p.cluster in groups]
        span_x = max(p.x + p.r for p in tops) - min(p.x - p.r for p in tops)
        span_y = max(p.y + p.r for p in tops) - min(p.y - p.r for p in tops)
        plot_height = min(MAX_PLOT_HEIGHT, max(MIN_PLOT_HEIGHT,
                                               plot_width * span_y / span_x + 2 * ROOM)) + strip
    else:
        plot_height = MIN_PLOT_HEIGHT
    height = MARGIN + head + plot_height + caption_height(measurer, caption) + 0.1 + MARGIN
    sheet = Sheet(WIDTH, height)
    draw_header(sheet, options.title or text("title_burden", lang), subtitle(dataset, options), measurer)
    draw_caption(sheet, caption)
    plot = Box(MARGIN, height - MARGIN - head - plot_height, WIDTH - MARGIN - PANEL_WIDTH,
               height - MARGIN - head)
    if not municipalities:
        sheet.text((plot.x0 + plot.x1) / 2, (plot.y0 + plot.y1) / 2,
                   text("no_municipalities", lang), size=11, colour=MUTED)
        return sheet.figure

    values = [m.value for m in municipalities if m.value is not None]
    top = max(values, default=1.0)
    vmax = max(1.0, math.ceil(top * 2) / 2) if capacity > 0 else max(1.0, top)
    colour_of = _colours(vmax)
    placer = Placer(measurer, Box(plot.x0, plot.y0 - 0.05, plot.x1, plot.y1 + 0.05))
    scale = None
    if packed:
        area = Box(plot.x0, plot.y0 + strip, plot.x1, plot.y1)
        scale = _draw_packing(sheet, dataset, drawn, packed, groups, area, colour_of,
                              options, capacity > 0, placer)
    if aggregates:
        _draw_aggregates(sheet, aggregates, Box(plot.x0 + CALLOUT, plot.y0, plot.x1 - CALLOUT,
                                                plot.y0 + strip), scale, colour_of, options,
                         capacity > 0, placer)
    _draw_panel(sheet, plot, vmax, capacity, lang, measurer)
    return sheet.figure


def _group_of(actor: Actor, by: str) -> str:
    if actor.count > 1:
        return f"aggregate:{actor.id}"
    key = actor.catchment if by == "catchment" else actor.region
    return key or actor.country


def _most_burdened(listed: list[Municipality], highlight: str | None
                   ) -> tuple[list[Municipality], int]:
    """(The municipalities to draw, the number of groups.) All of them when they fit the
    budget; else whole groups, the one with the highlighted id first, then by the load of
    their most loaded person (then their mean load), until the budget is spent."""
    groups: dict[str, list[Municipality]] = defaultdict(list)
    for m in listed:
        groups[m.group].append(m)
    if len(groups) <= MAX_GROUPS and len(listed) <= MAX_DRAWN:
        return listed, len(groups)

    def rank(key: str) -> tuple[bool, float, float, str]:
        values = [m.value for m in groups[key] if m.value is not None]
        marked = highlight is not None and (key == highlight or any(
            m.actor.id == highlight for m in groups[key]))
        return (not marked, -max(values, default=-1.0), -sum(values) / len(groups[key]), key)

    kept: set[str] = set()
    count = 0
    for key in sorted(groups, key=rank):
        if len(kept) == MAX_GROUPS or (kept and count + len(groups[key]) > MAX_DRAWN):
            break
        kept.add(key)
        count += len(groups[key])
    return [m for m in listed if m.group in kept], len(groups)


def _colours(vmax: float) -> ColourOf:
    import matplotlib

    cmap = matplotlib.colormaps[COLOURMAP]
    return lambda value: cmap(min(max(value / vmax, 0.0), 1.0))


def _group_name(dataset: Dataset, key: str, lang: str) -> str:
    if key.startswith("aggregate:"):
        aggregate = dataset.actors[key.split(":", 1)[1]]
        return text("aggregate_average", lang, name=display_name(aggregate))
    actor = dataset.actors.get(key)
    if actor is not None:
        return display_name(actor)
    try:
        return text(f"country_{key}", lang)
    except KeyError:
        return key


def _pack(municipalities: list[Municipality],
          options: DiagramOptions) -> tuple[list[Packed], dict[str, list[Municipality]]]:
    """Groups of municipalities packed bottom-up: every bubble's area is its population on
    one scale (aggregates: an average municipality)."""
    groups: dict[str, list[Municipality]] = defaultdict(list)
    for m in municipalities:
        groups[m.group].append(m)
    if not groups:
        return [], {}
    known = sorted(weight_of(m.actor, 0) for m in municipalities if m.actor.population)
    fallback = known[len(known) // 2] if known else 1.0
    cluster = (lambda a: a.catchment or "") if options.group == "region" else None
    root = Node("root", children=[
        municipality_tree(key, [m.actor for m in groups[key]], cluster, fallback)
        for key in sorted(groups, key=lambda k: (-len(groups[k]), k))])
    if len(root.children) == 1:  # a lone group is still drawn as its own circle
        radius, inner = natural(root.children[0])
        return [Packed(0.0, 0.0, radius, None, root.children[0].key), *inner], dict(groups)
    return natural(root)[1], dict(groups)


def _draw_packing(sheet: Sheet, dataset: Dataset, municipalities: list[Municipality],
                  packed: list[Packed], groups: dict[str, list[Municipality]], plot: Box,
                  colour_of: ColourOf, options: DiagramOptions, as_load: bool, placer: Placer
                  ) -> float:
    """The packing fitted between the callout columns, the most burdened called out at the
    sides, names inside the bubbles they fit in."""
    tops = [p for p in packed if p.actor is None and p.cluster in groups]
    x0, x1 = min(p.x - p.r for p in tops), max(p.x + p.r for p in tops)
    y0, y1 = min(p.y - p.r for p in tops), max(p.y + p.r for p in tops)
    inner = Box(plot.x0 + CALLOUT, plot.y0 + ROOM, plot.x1 - CALLOUT, plot.y1 - ROOM)
    scale = min(inner.width / (x1 - x0), inner.height / (y1 - y0))
    cx = (inner.x0 + inner.x1) / 2 - (x0 + x1) / 2 * scale
    cy = (inner.y0 + inner.y1) / 2 - (y0 + y1) / 2 * scale
    highlight = options.highlight
    reached_by = set(dataset.networks[highlight].coverage.members) if (
        highlight in dataset.networks) else set()
    ranked = sorted((m for m in municipalities if m.value is not None),
                    key=lambda m: (-(m.value or 0), m.actor.id))
    called = [m.actor.id for m in ranked[:TOP_LABELLED]]
    if highlight is not None and highlight not in called and any(
            m.actor.id == highlight for m in municipalities):
        called.append(highlight)
    by_id = {m.actor.id: m for m in municipalities}
    bubbles: dict[str, tuple[float, float, float]] = {}
    faces: dict[str, ColorType] = {}
    circles = []
    group_labels = []
    for spot in sorted(packed, key=lambda p: (p.actor is not None, p.cluster not in groups)):
        x, y, r = cx + spot.x * scale, cy + spot.y * scale, spot.r * scale
        if spot.actor is None and spot.cluster in groups:
            sheet.disc(x, y, r, face="#F4F4F4", edge="#BBBBBB", lw=0.8, zorder=1)
            name = placer.measurer.wrap(_group_name(dataset, spot.cluster, options.lang),
                                        GROUP_SIZE, GROUP_WIDTH, "bold", max_lines=2)
            group_labels.append(Label(name, x, y, r,
                                      size=GROUP_SIZE, weight="bold", colour=DARK,
                                      priority=1000, sides=("above", "below", "left", "right"),
                                      halo=True))
        elif spot.actor is None:
            sheet.disc(x, y, r, face="#FAFAFA", edge="#CCCCCC", lw=0.5, zorder=1.5)
        else:
            m = by_id[spot.actor.id]
            face = _face(m, colour_of)
            mark = spot.actor.id == highlight or spot.actor.id in reached_by
            sheet.disc(x, y, r, face=face, edge="black" if mark else "white",
                       lw=1.6 if mark else 0.4, zorder=4 if mark else 3)
            bubbles[spot.actor.id] = (x, y, r)
            faces[spot.actor.id] = face
            circles.append((x, y, r))
    centre = (inner.x0 + inner.x1) / 2
    callouts = [(by_id[i], *bubbles[i]) for i in called if i in bubbles]
    _callouts(sheet, placer, callouts, centre, plot, as_load)
    placer.avoid(circles)
    names = [_name_label(by_id[i], *bubbles[i], faces[i]) for i in sorted(bubbles)
             if i not in called]
    draw_placed(sheet, placer.place_all(group_labels + names))
    return scale


def _draw_aggregates(sheet: Sheet, aggregates: list[Municipality], strip: Box,
                     scale: float | None, colour_of: ColourOf, options: DiagramOptions, as_load: bool,
                     placer: Placer) -> None:
    """Aggregate records in a row under the packing: each drawn as one municipality of
    average size, on the packing's scale, with its name and value below."""
    measurer = placer.measurer
    sizes = [math.sqrt(weight_of(m.actor, 0.0)) for m in aggregates]
    if scale is None:
        scale = 0.3 / max([*sizes, 1.0])
    title = text("aggregates_row", options.lang)
    title_w, title_h = measurer.size(title, NAME_SIZE, "bold")
    sheet.text(strip.x0, strip.y1 - 0.05, title, size=NAME_SIZE, weight="bold", colour=DARK,
               ha="left", va="top")
    placer.block(Box(strip.x0, strip.y1 - 0.05 - title_h, strip.x0 + title_w, strip.y1 - 0.05))
    slot = strip.width / len(aggregates)
    centre_y = strip.y1 - 0.05 - title_h - 0.1 - max([s * scale for s in sizes] + [UNKNOWN_SIZE])
    for index, (m, size) in enumerate(zip(aggregates, sizes, strict=False)):
        x = strip.x0 + (index + 0.5) * slot
        # without a population the size is unknown: a fixed bubble with a dashed rim
        r = max(size * scale, 0.04) if size else UNKNOWN_SIZE
        face = _face(m, colour_of)
        mark = m.actor.id == options.highlight
        sheet.disc(x, centre_y, r, face=face, edge="black" if mark else (
            "white" if size else "#555555"), lw=1.6 if mark else (0.4 if size else 0.8),
            linestyle="solid" if size or mark else (0, (2, 1.5)))
        label = measurer.wrap(display_name(m.actor), NAME_SIZE - 0.5, slot - 0.1, max_lines=2)
        label += f"\n{'~' if m.estimated else ''}{_format(m.value, as_load)}".rstrip()
        spot = placer.place(Label(label, x, centre_y, r, size=NAME_SIZE - 0.5, colour=DARK,
                                  sides=("below",)))
        if spot is not None:
            draw_placed(sheet, [spot])


def _callouts(sheet: Sheet, placer: Placer, items: list[tuple[Municipality, float, float, float]],
              centre: float, plot: Box, as_load: bool) -> None:
    """Labels in a column at each side of the packing, in the order of their bubbles from top to
    bottom so that leader lines never cross, pushed apart just enough not to overlap."""
    measurer = placer.measurer
    for side in ("left", "right"):
        column = sorted((item for item in items if (item[1] < centre) == (side == "left")),
                        key=lambda item: (-item[2], item[0].actor.id))
        if not column:
            continue
        # wrapped to the column: a long name would run off the sheet or into the colour bar
        texts = [measurer.wrap(_callout_text(m, as_load), NAME_SIZE, CALLOUT - 0.2, "bold")
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
        for (_m, x, y, r), label, (w, h), ly in zip(column, texts, sizes, ys, strict=False):
            if side == "left":
                lx, ha, edge = plot.x0 + CALLOUT - 0.15, "right", plot.x0 + CALLOUT - 0.1
                box = Box(lx - w, ly - h / 2, lx, ly + h / 2)
            else:
                lx, ha, edge = plot.x1 - CALLOUT + 0.15, "left", plot.x1 - CALLOUT + 0.1
                box = Box(lx, ly - h / 2, lx + w, ly + h / 2)
            sheet.text(lx, ly, label, size=NAME_SIZE, weight="bold", colour="black", ha=ha)
            angle = math.atan2(ly - y, edge - x)
            sheet.line([x + r * math.cos(angle), edge], [y + r * math.sin(angle), ly],
                       colour="#555555", lw=0.6, zorder=11)
            placer.block(box)


def _callout_text(m: Municipality, as_load: bool) -> str:
    return f"{display_name(m.actor)} {'~' if m.estimated else ''}{_format(m.value, as_load)}"


def _name_label(m: Municipality, x: float, y: float, r: float, face: ColorType) -> Label:
    """A name inside its bubble, in black or white after the fill, or nothing."""
    return Label(display_name(m.actor), x, y, r, size=NAME_SIZE - 0.8, colour="black",
                 priority=r, inside=True, inside_colour=_ink(face), sides=())


def _ink(face: ColorType) -> str:
    """White on dark fills, black on light ones (relative luminance)."""
    from matplotlib.colors import to_rgb

    red, green, blue = to_rgb(face)
    return "white" if 0.2126 * red + 0.7152 * green + 0.0722 * blue < 0.45 else "black"


def _face(m: Municipality, colour_of: Any) -> Any:
    """Grey when no network reaches it, white when its hours are unknown, else the scale."""
    if not m.reached:
        return NOT_REACHED
    return UNKNOWN_FACE if m.value is None else colour_of(m.value)


def _format(value: float | None, as_load: bool) -> str:
    if value is None:
        return "?"
    return f"{value:.2f}×" if as_load else f"{value:.0f} h"


def _draw_panel(sheet: Sheet, plot: Box, vmax: float, capacity: float, lang: str,
                measurer: Measurer) -> None:
    """Colour bar (with the capacity marked) and the legend, right of the plot."""
    import matplotlib
    from matplotlib.cm import ScalarMappable
    from matplotlib.colorbar import Colorbar
    from matplotlib.colors import Normalize

    x = plot.x1 + 0.45
    title = text("legend_load" if capacity > 0 else "legend_hours", lang)
    title = measurer.wrap(title, 8.5, PANEL_WIDTH - 0.6, weight="bold")
    _, title_height = measurer.size(title, 8.5, "bold")
    top = plot.y1 - 0.1
    sheet.text(x, top, title, size=8.5, weight="bold", colour="black", ha="left", va="top")
    bar_top = top - title_height - 0.15
    bar_height = min(3.6, plot.height * 0.5)
    width, height = sheet.width, sheet.height
    axes = sheet.figure.add_axes((x / width, (bar_top - bar_height) / height, 0.22 / width,
                                  bar_height / height))
    mappable = ScalarMappable(norm=Normalize(0, vmax), cmap=matplotlib.colormaps[COLOURMAP])
    bar = Colorbar(axes, mappable=mappable, orientation="vertical")
    bar.outline.set_linewidth(0.5)
    axes.tick_params(labelsize=7.5, length=3, width=0.5)
    ticks = [t / 2 for t in range(0, int(vmax * 2) + 1)] if capacity > 0 and vmax <= 4 else None
    if ticks:
        bar.set_ticks(ticks, labels=[f"{t:g}×" for t in ticks])
    if capacity > 0:
        axes.axhline(1.0, color="black", linewidth=1.6)
        label = text("capacity_mark", lang)
        # the capacity mark sits left of the bar, clear of the tick labels on the right
        sheet.text(x - 0.06, bar_top - bar_height * (1 - 1.0 / vmax), label, size=7.5,
                   colour="black", ha="right", va="center")
    draw_legend(sheet, x, bar_top - bar_height - 0.4, LegendBlock(text("legend_key", lang), [
        LegendEntry(text("not_reached", lang), "disc", NOT_REACHED, size=0.08, edge="#999999"),
        LegendEntry(text("hours_unknown", lang), "disc", UNKNOWN_FACE, size=0.08,
                    edge="#555555"),
        LegendEntry(text("size_municipality", lang), "disc", "#BBBBBB", size=0.06),
        LegendEntry(text("estimated_key", lang), "text", "~")]), measurer)


def _caption(dataset: Dataset, options: DiagramOptions, result: BurdenResult,
             municipalities: list[Municipality]) -> list[str]:
    lang = options.lang
    parts = []
    staffing = dataset.staffing
    if result.capacity_hours_per_year is not None:
        capacity_id = (staffing.capacity_assumption if staffing and
                       staffing.capacity_assumption else "—")
        parts.append(text("caption_burden", lang,
                          capacity=result.capacity_hours_per_year.value or 0,
                          capacity_id=capacity_id))
    else:
        parts.append(text("caption_no_capacity", lang))
    rows = {row.key: row for row in result.rows}
    networks = {n for m in municipalities if m.actor.id in rows
                for n in rows[m.actor.id].network_ids}
    estimated = sorted(n for n in networks if dataset.networks[n].rests_on_estimates)
    ids = sorted({t.estimate for n in estimated for t in dataset.networks[n].targets
                  if t.estimate})
    parts.append(text("caption_estimates", lang, est=len(estimated), total=len(networks),
                      ids=", ".join(f"'{i}'" for i in ids) or "—",
                      staffing=staffing.assumption if staffing else "—"))
    if result.observed_organisations:
        parts.append(text("caption_observed", lang, n=result.observed_organisations,
                          total=result.reached_organisations))
    parts += source_parts(dataset, options, [dataset.networks[n] for n in sorted(networks)]
                          + [m.actor for m in municipalities])
    return parts
