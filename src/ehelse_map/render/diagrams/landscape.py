"""`landscape`: the bubble picture of how e-health is organised (seed 004's "colourful bubbles").

Three tiers (state and national, regional, municipalities), one column per country. Each tier
holds a row of organisations (discs, coloured by kind) and a row of networks (rings, coloured by
kind); municipalities are packed into one circle per county (circlify, area ∝ population). Lines
run from each network to the organisations and municipality groups it reaches, thicker for more
organisations, so a network visibly spans the tiers; and from a network's host, its funders and
the bodies it has relations with (mandate, agreement, cooperation, ownership, evaluation), each
kind of line in its own colour and dash, with a legend entry. Bubbles are sized by
organisations reached: a network's own reach, an organisation's through the networks it hosts
or funds; a network whose reach the data does not give is a dashed ring.

Built in three steps: `plans.landscape.plan` decides what is drawn within the detail budget
(`--max-bubbles`: at most that many organisations and networks per country and tier, the rest
in dashed "+N more" bubbles, said in the caption); `lay_out` flows the rows into country
columns (networks ordered by where their lines go, which keeps lines short and crossings few)
and fits the natural width or a page (`--size`: the budget is the largest the page holds with
no text under 7 points); `draw` draws it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ehelse_map.load.vocab import COUNTRIES
from ehelse_map.model.records import Dataset
from ehelse_map.render.diagrams.glyphs import warn_names
from ehelse_map.render.diagrams.i18n import text
from ehelse_map.render.diagrams.layout.labels import Label, Placer, draw_placed
from ehelse_map.render.diagrams.layout.packing import pack_municipalities
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
    draw_legend_columns,
    draw_legend_rows,
    header_height,
    legend_columns,
    legend_columns_size,
    legend_rows,
    legend_rows_height,
    legend_size,
)
from ehelse_map.render.diagrams.layout.tiers import (
    COMPACT,
    NATURAL,
    TIERS,
    TIGHT,
    Item,
    Row,
    arrange,
    columns_fit,
    columns_for,
    stack,
)
from ehelse_map.render.diagrams.page import MIN_TEXT_PT, PageSize
from ehelse_map.render.diagrams.plans.landscape import Bubble, LandscapePlan, Link, plan
from ehelse_map.render.diagrams.style import (
    ACTOR_GROUPS,
    DARK,
    DEFAULT_BUBBLES,
    GREY,
    INFERRED_MARK,
    MUTED,
    NETWORK_GROUPS,
    OKABE_ITO,
    Box,
    DiagramOptions,
    nice_sizes,
)

if TYPE_CHECKING:
    from matplotlib.figure import Figure

WIDTH = 16.0
TIER_LABEL = 0.45
R_MIN, R_MAX = 0.07, 0.40
GROUP_MIN, GROUP_MAX = 0.42, 1.3
LABEL_SIZE = 7.2
GROUP_SIZE = LABEL_SIZE + 0.6
INSIDE_SIZE = MIN_TEXT_PT
"""Municipality names inside their bubbles: the smallest text a picture has."""
LABEL_WIDTH = 1.18
COMPACT_LABEL_WIDTH = 0.95
GROUP_LABEL_WIDTH = 2.6
"""A county's name under its group of municipalities wraps at this width (inches)."""
COUNTRY_HEAD = 0.32
TIER_SIZE = 9.0
MOST_COMPACT = 2
"""`lay_out`'s `compact` levels are 0 (as at the natural size), 1 and 2."""
BUDGETS = (1, 2, 3, 4, 5, 6, 8, 10, 12, 16, 24, 32, 48, 80, 120, 200)
"""Budgets a page may get (up to --max-bubbles, else 24): the largest that fits."""
SIDE_LEGEND = 1.3
"""A page at least this much wider than tall has its legend in a column at the right."""

#: How each kind of line from a body to a network is drawn: colour, dash (points), width.
LINE_STYLES: dict[str, tuple[str, tuple[float, ...] | None, float]] = {
    "host": ("#000000", None, 0.9),
    "funding": (OKABE_ITO["vermillion"], (4.0, 2.0), 1.1),
    "mandate": (OKABE_ITO["blue"], (6.0, 2.0, 1.5, 2.0), 1.2),
    "agreement": (OKABE_ITO["green"], (1.5, 1.5), 1.3),
    "cooperation": (OKABE_ITO["purple"], (7.0, 3.0), 1.2),
    "ownership": ("#555555", (1.0, 1.0, 1.0, 3.0), 1.2),
    "evaluation": (OKABE_ITO["orange"], (2.0, 3.0), 1.3),
}


def build(dataset: Dataset, options: DiagramOptions) -> Figure:
    measurer = Measurer()
    page = options.size
    if page is None:
        landscape_plan = plan(dataset, options)
        layout = lay_out(landscape_plan, dataset, None, measurer)
    else:
        landscape_plan, layout = _fitted(dataset, options, page, measurer)
    warn_names(landscape_plan.frame.names)
    return draw(landscape_plan, layout, measurer)


def _fitted(dataset: Dataset, options: DiagramOptions, page: PageSize,
            measurer: Measurer) -> tuple[LandscapePlan, LandscapeLayout]:
    """The plan and layout that fit the page with the largest budget (at most --max-bubbles,
    else 24), as at the natural size if that fits it, else compact (organisations and networks
    of a tier in one row, smaller bubbles; at 2, as small as they go). Should nothing fit, the
    most compact layout of the smallest budget (taller than the page; `build` says so).

    A smaller budget or a more compact layout never needs more room, so the largest budget
    that fits at all is the one that fits at the most compact level (found by halving), and
    only that budget is then tried less compact: five layouts for the report's page, where
    nothing fits, not ten."""
    limit = options.max_bubbles or DEFAULT_BUBBLES
    budgets = sorted({b for b in BUDGETS if b <= limit} | {limit})
    tried: dict[tuple[int, int], tuple[LandscapePlan, LandscapeLayout]] = {}
    plans: dict[int, LandscapePlan] = {}

    def attempt(index: int, compact: int) -> tuple[LandscapePlan, LandscapeLayout]:
        if (index, compact) not in tried:
            budget = budgets[index]
            if budget not in plans:
                plans[budget] = plan(dataset, options, budget)
            tried[index, compact] = (plans[budget],
                                     lay_out(plans[budget], dataset, page, measurer, compact))
        return tried[index, compact]

    def fits(index: int, compact: int) -> bool:
        return attempt(index, compact)[1].overflow <= 0

    largest, low, high = 0, 0, len(budgets) - 1
    while low <= high:
        middle = (low + high) // 2
        if fits(middle, MOST_COMPACT):
            largest, low = middle, middle + 1
        else:
            high = middle - 1
    compact = next((c for c in range(MOST_COMPACT) if fits(largest, c)), MOST_COMPACT)
    return attempt(largest, compact)


# --- layout ---------------------------------------------------------------------------------------

@dataclass
class LandscapeLayout:
    width: float
    height: float
    caption: str
    items: dict[str, Item]
    columns: dict[str, tuple[float, float]]
    bands: dict[str, tuple[float, float]]
    top: float
    """The top of the first tier, under the country names."""
    legends: list[list[LegendBlock]]
    legend_at: tuple[float, float]
    """Top left of the legend: rows under the tiers, or a column at the right."""
    overflow: float = 0.0
    """Inches the picture needs beyond the page (0 when it fits)."""
    content_x0: float = 0.0
    content_x1: float = 0.0
    targets: dict[str, dict[str, float]] = field(default_factory=dict)
    legend_columns: bool = False
    """`legends` are columns (on a page) rather than rows (the natural size)."""
    country_head: float = COUNTRY_HEAD

    @property
    def page(self) -> bool:
        """Laid out for a page: the sheet keeps the page's exact size."""
        return self.legend_columns


def lay_out(landscape_plan: LandscapePlan, dataset: Dataset, page: PageSize | None,
            measurer: Measurer, compact: int = 0) -> LandscapeLayout:
    """Rows flowed into country columns, tiers stacked; the natural width (16 inches, as tall
    as the rows need) or the page's (what is left over goes to the tiers). `compact` (1 or 2)
    puts the organisations and networks of the state and regional tiers in one row, spaces
    rows closer and draws bubbles smaller (at 2, as small as they go); text keeps its size."""
    width = page.width if page else WIDTH
    scale = geometry(page, compact)
    head = header_height(measurer, "x", width,
                         title=landscape_plan.frame.title)
    items = _items(landscape_plan, dataset, measurer, scale,
                   COMPACT_LABEL_WIDTH if compact else LABEL_WIDTH)
    rows: dict[str, dict[str, list[Row]]] = {}
    for country in landscape_plan.countries:
        rows[country] = {}
        for tier in TIERS:
            planned = [[items[b.key] for b in row.bubbles]
                       for row in landscape_plan.rows_of(country, tier)]
            if compact and tier != "local":
                planned = [[item for line in planned for item in line]]
            rows[country][tier] = [Row(line) for line in planned]
    blocks = _legends(landscape_plan, scale)
    legend_column = 0.0
    side = _side_legend(page, blocks, head, rows, measurer)
    if side is not None:
        legends, legend_column, content_x1 = side
        content_x0 = MARGIN + TIER_LABEL
        legend_height = 0.0
    elif page is not None:
        content_x0, content_x1 = MARGIN + TIER_LABEL, width - MARGIN
        legends = legend_columns(blocks, width - 2 * MARGIN, measurer)
        legend_height = legend_columns_size(legends, measurer)[1]
    else:
        content_x0, content_x1 = MARGIN + TIER_LABEL, width - MARGIN
        legends = legend_rows(blocks, width - 2 * MARGIN, measurer)
        legend_height = legend_rows_height(legends, measurer)
    caption = caption_text(measurer, list(landscape_plan.frame.caption), width - 2 * MARGIN)
    if not landscape_plan.countries:
        height = page.height if page else 4.0
        return LandscapeLayout(width, height, caption, {}, {}, {}, height / 2, [], (0.0, 0.0),
                               content_x0=content_x0, content_x1=content_x1,
                               legend_columns=page is not None)
    targets: dict[str, dict[str, float]] = {}
    for link in landscape_plan.links:
        if link.kind == "reach":
            targets.setdefault(link.source, {})[link.target] = link.weight
    spacing = (NATURAL, COMPACT, TIGHT)[compact]
    columns = columns_for(rows, content_x0, content_x1, targets, items, spacing)
    heights = arrange(rows, columns, targets, items, spacing)
    body = sum(heights.values())
    # one country on a page: its name is in the subtitle, the column needs no head
    country_head = 0.0 if page is not None and len(columns) == 1 else COUNTRY_HEAD
    frame = head + country_head + caption_height(measurer, caption) + MARGIN * 1.2
    fixed = frame + 0.25 + legend_height
    overflow = 0.0
    if page is None:
        height = fixed + body
        extra = 0.0
    else:
        height = page.height
        extra = height - fixed - body
        short = max(0.0, legend_column - (height - frame + country_head))
        if extra < 0 or short > 0:
            overflow = max(-extra, short)
            height += overflow
            extra = max(extra, 0.0)
    grow = min(extra / len(TIERS), 1.0)  # the tiers take what the page leaves, within reason
    top = height - MARGIN - head - country_head
    y = top
    bands = {}
    for tier in TIERS:
        band = heights[tier] + grow
        bands[tier] = (y - band, y)
        for country in landscape_plan.countries:
            row_top = y - spacing.tier_pad - grow / 2
            for row in rows[country][tier]:
                if not row.items:
                    continue
                stack(row, row_top, spacing.row_gap)
                row_top -= row.height + spacing.row_gap
        y -= band
    legend_at = ((content_x1 + 0.3, top + country_head) if side is not None
                 else (MARGIN, y - 0.25))
    return LandscapeLayout(width, height, caption, items, columns, bands, top, legends,
                           legend_at, overflow, content_x0, content_x1, targets,
                           page is not None, country_head)


def _side_legend(page: PageSize | None, blocks: list[LegendBlock], head: float,
                 rows: dict[str, dict[str, list[Row]]],
                 measurer: Measurer) -> tuple[list[list[LegendBlock]], float, float] | None:
    """On a wide page (`SIDE_LEGEND`), the legend in columns right of the tiers: its blocks,
    its height and where the tiers end left of it; None on other pages, and where the room it
    leaves the tiers cannot hold every country's narrowest column (the legend then goes under
    the tiers)."""
    if page is None or page.width < SIDE_LEGEND * page.height:
        return None
    room = page.height - head - 2 * MARGIN
    legends = [blocks]
    if legend_columns_size(legends, measurer)[1] > room:
        legends = legend_columns(blocks, 2 * max(legend_size(measurer, b)[0] for b in blocks)
                                 + 0.6, measurer)
    legend_width, legend_column = legend_columns_size(legends, measurer)
    content_x1 = page.width - MARGIN - legend_width - 0.3
    if not columns_fit(rows, content_x1 - (MARGIN + TIER_LABEL)):
        return None
    return legends, legend_column, content_x1


def _items(landscape_plan: LandscapePlan, dataset: Dataset, measurer: Measurer,
           scale: float, label_width: float) -> dict[str, Item]:
    biggest = landscape_plan.biggest
    lang = landscape_plan.frame.lang
    items = {}
    for row in landscape_plan.rows:
        for bubble in row.bubbles:
            items[bubble.key] = _item(bubble, dataset, biggest, lang, measurer, scale,
                                      label_width)
    return items


def radius(value: float, biggest: float, scale: float = 1.0) -> float:
    """A bubble's radius for `value` organisations reached: area ∝ value, `R_MAX` for the
    widest reach, never under `R_MIN`; times `scale` on a page (`geometry`)."""
    return scale * min(R_MAX, max(R_MIN, R_MAX * math.sqrt(value / biggest)))


def geometry(page: PageSize | None, compact: int = 0) -> float:
    """How much smaller bubbles are drawn on a page than at the natural 16 inches (text stays
    its size): a page half as wide draws them at 0.55; compact, by the page's height too; at
    the most compact, at 0.35."""
    if page is None:
        return 1.0
    if compact == 2:
        return 0.35
    if compact:
        return max(0.35, min(1.0, page.width / WIDTH, page.height / 14.0))
    return max(0.55, min(1.0, page.width / WIDTH))


def _item(bubble: Bubble, dataset: Dataset, biggest: float, lang: str, measurer: Measurer,
          scale: float, label_width: float) -> Item:
    colour = _colour(bubble)
    record = dataset.networks.get(bubble.key) or dataset.actors.get(bubble.key)
    if bubble.kind == "group":
        r = scale * min(GROUP_MAX, max(GROUP_MIN, 0.18 * math.sqrt(len(bubble.members))))
        # the name wrapped (and cut), so a long one keeps its count
        name = measurer.wrap(bubble.label, GROUP_SIZE, GROUP_LABEL_WIDTH, "bold", max_lines=2)
        label = text("group_count", lang, name=name, n=bubble.count)
        w, h = measurer.size(label, GROUP_SIZE, "bold")
    elif bubble.kind == "aggregate":
        r = scale * min(0.75, max(0.25, 0.07 * math.sqrt(bubble.count)))
        name = text("group_count", lang, name=bubble.label, n=bubble.count)
        label = measurer.wrap(name, GROUP_SIZE, 1.6, "bold")
        w, h = measurer.size(label, GROUP_SIZE, "bold")
    elif bubble.kind == "more" and bubble.key.endswith(":municipalities"):
        # on the scale of what it stands for: records for many, or listed municipalities
        count = bubble.count
        r = scale * (min(0.75, max(0.25, 0.07 * math.sqrt(count)))
                     if all(a.count > 1 for a in bubble.members)
                     else min(GROUP_MAX, max(GROUP_MIN, 0.18 * math.sqrt(count))))
        label = measurer.wrap(bubble.label, GROUP_SIZE, GROUP_LABEL_WIDTH, "bold")
        w, h = measurer.size(label, GROUP_SIZE, "bold")
    else:
        if bubble.kind == "more":
            r = R_MIN * 2 * scale
        elif bubble.reach is None:
            r = R_MIN * 1.6 * scale  # whom it reaches is not documented: a ring, not a dot
        else:
            r = radius(bubble.reach, biggest, scale)
        label = measurer.wrap(bubble.label, LABEL_SIZE, label_width)
        w, h = measurer.size(label, LABEL_SIZE)
    members = list(bubble.members) if bubble.kind == "group" else []
    return Item(bubble.key, bubble.kind, r, colour, label, w, h, record, members)


def _colour(bubble: Bubble) -> str:
    if bubble.group in ACTOR_GROUPS:
        return ACTOR_GROUPS[bubble.group][0]
    if bubble.group in NETWORK_GROUPS:
        return NETWORK_GROUPS[bubble.group][0]
    return GREY


def _legends(landscape_plan: LandscapePlan, scale: float) -> list[LegendBlock]:
    lang = landscape_plan.frame.lang
    bubbles = [b for row in landscape_plan.rows for b in row.bubbles]
    present = {b.group for b in bubbles if b.kind in ("actor", "network")}
    actors = LegendBlock(text("legend_actors", lang), [
        LegendEntry(text(group, lang), "disc", colour) for group, (colour, _) in
        ACTOR_GROUPS.items() if group in present])
    networks = LegendBlock(text("legend_networks", lang), [
        LegendEntry(text(group, lang), "ring", colour) for group, (colour, _) in
        NETWORK_GROUPS.items() if group in present])
    if any(b.kind == "network" and b.reach is None for b in bubbles):
        networks.entries.append(LegendEntry(text("reach_unknown_key", lang), "dashed", "#777777",
                                            size=R_MIN * 1.6 * scale))
    lines = LegendBlock(text("legend_lines", lang), [
        LegendEntry(text("link_reach", lang), "line", "#999999", size=2.5)])
    for kind in landscape_plan.line_kinds:
        if kind in LINE_STYLES:
            colour, dash, lw = LINE_STYLES[kind]
            lines.entries.append(LegendEntry(text(f"line_{kind}", lang), "line", colour,
                                             size=lw * 1.3, dash=dash))
    sizes = []
    for value in nice_sizes(landscape_plan.biggest):
        sizes.append(LegendEntry(text("size_reach", lang, n=value), "ring", "#999999",
                                 size=radius(value, landscape_plan.biggest, scale)))
    size_block = LegendBlock(text("legend_size", lang), sizes)
    municipalities = LegendBlock(text("tier_local", lang), [
        LegendEntry(text("size_municipality", lang), "disc", ACTOR_GROUPS["municipality"][0],
                    size=0.06),
        LegendEntry(text("legend_clusters", lang), "disc", "#EAF5FC", size=0.08,
                    edge="#B5D8EE"),
        LegendEntry(text("legend_aggregate", lang), "hatch", ACTOR_GROUPS["municipality"][0],
                    size=0.08)])
    if any(b.inferred for b in bubbles):
        municipalities.entries.append(LegendEntry(text("inferred_key", lang), "text",
                                                  INFERRED_MARK))
    if any(b.kind == "more" for b in bubbles):
        actors.entries.append(LegendEntry(text("more_key", lang), "dashed", GREY, size=R_MIN * 2
                                          * scale))
    return [block for block in (actors, networks, lines, municipalities, size_block)
            if block.entries]


# --- drawing --------------------------------------------------------------------------------------

def draw(landscape_plan: LandscapePlan, layout: LandscapeLayout, measurer: Measurer) -> Figure:
    sheet = Sheet(layout.width, layout.height, layout.page)
    frame = landscape_plan.frame
    if not landscape_plan.countries:
        sheet.text(layout.width / 2, layout.height / 2, text("nothing_selected", frame.lang),
                   size=11, colour=MUTED)
        draw_header(sheet, frame.title, frame.subtitle, measurer)
        draw_caption(sheet, layout.caption)
        return sheet.figure
    placer = Placer(measurer, Box(0.05, 0.05, layout.width - 0.05, layout.height - 0.05))
    _draw_frame(sheet, landscape_plan, layout, placer)
    related = landscape_plan.related
    items = layout.items
    with sheet.together():  # about 250 lines: one artist for each layer of them
        _draw_reach(sheet, layout.targets, items, related)
        _draw_bodies(sheet, [link for link in landscape_plan.links if link.kind != "reach"],
                     items, related)
    labels = _draw_items(sheet, landscape_plan, items, related)
    placer.avoid((i.x, i.y, i.r) for i in items.values())
    draw_placed(sheet, placer.place_all(labels))
    if layout.legend_columns:
        draw_legend_columns(sheet, *layout.legend_at, layout.legends, measurer)
    else:
        draw_legend_rows(sheet, *layout.legend_at, layout.legends, measurer)
    draw_header(sheet, frame.title, frame.subtitle, measurer)
    draw_caption(sheet, layout.caption)
    return sheet.figure


def _draw_frame(sheet: Sheet, landscape_plan: LandscapePlan, layout: LandscapeLayout,
                placer: Placer) -> None:
    lang = landscape_plan.frame.lang
    measurer = placer.measurer
    bands = layout.bands
    for index, tier in enumerate(TIERS):
        low, high = bands[tier]
        if index % 2 == 0:
            sheet.rect(Box(MARGIN, low, layout.content_x1, high), face="#F3F3F3", zorder=0)
        label = measurer.wrap(text(f"tier_{tier}", lang), TIER_SIZE, high - low - 0.1, "bold",
                              max_lines=2)  # turned: wrapped to the band's height
        sheet.text(MARGIN + TIER_LABEL / 2 - 0.05, (low + high) / 2, label, size=TIER_SIZE,
                   weight="bold", colour=MUTED, rotation=90)
        w, h = measurer.size(label, TIER_SIZE, "bold")
        placer.block(Box(MARGIN + TIER_LABEL / 2 - 0.05 - h / 2, (low + high) / 2 - w / 2,
                         MARGIN + TIER_LABEL / 2 - 0.05 + h / 2, (low + high) / 2 + w / 2))
    bottom = min(low for low, _ in bands.values())
    top = layout.top
    head = layout.country_head
    for index, (country, (cx0, cx1)) in enumerate(layout.columns.items()):
        if index:
            sheet.line([cx0, cx0], [bottom, top + head * 0.8], colour="#CCCCCC", lw=0.8,
                       zorder=0.5)
        if not head:
            continue
        name = text(f"country_{country}", lang) if country in COUNTRIES else country
        sheet.text((cx0 + cx1) / 2, top + head / 2, name, size=10.5, weight="bold",
                   colour="black")
        w, h = measurer.size(name, 10.5, "bold")
        centre = (cx0 + cx1) / 2
        placer.block(Box(centre - w / 2, top + head / 2 - h / 2, centre + w / 2,
                         top + head / 2 + h / 2))


def _draw_reach(sheet: Sheet, targets: dict[str, dict[str, float]], items: dict[str, Item],
                related: frozenset[str] | None) -> None:
    biggest = max([1.0, *(w for t in targets.values() for w in t.values())])
    for network_id in sorted(targets):
        source = items.get(network_id)
        if source is None:
            continue
        for key, weight in sorted(targets[network_id].items()):
            target = items[key]
            width = 0.5 + 3.5 * math.sqrt(weight / biggest)
            on = related is None or (network_id in related and key in related)
            alpha = (0.32 if related is None else 0.85) if on else 0.08
            if target.y < source.y - 1e-6:
                start, end = (source.x, source.y - source.r), _top_point(source, target)
            elif target.y > source.y + 1e-6:
                start, end = (source.x, source.y + source.r), (target.x, target.y - target.r)
            else:
                continue
            sheet.curve(start, end, colour=source.colour, lw=width, alpha=alpha, zorder=1)


def _draw_bodies(sheet: Sheet, links: list[Link], items: dict[str, Item],
                 related: frozenset[str] | None) -> None:
    """Lines from a body to a network: host, funders, relations; each kind its colour and
    dash. Between rows an S-curve from rim to rim, within a row a shallow arc above."""
    for link in links:
        source, target = items.get(link.source), items.get(link.target)
        if source is None or target is None or link.kind not in LINE_STYLES:
            continue
        colour, dash, lw = LINE_STYLES[link.kind]
        on = related is None or (link.source in related and link.target in related)
        alpha = (0.7 if related is None else 0.95) if on else 0.08
        style = {"linestyle": (0, dash)} if dash else {}
        if abs(source.y - target.y) < 1e-6:
            direction = 1.0 if target.x > source.x else -1.0
            sheet.arc((source.x + direction * source.r, source.y),
                      (target.x - direction * target.r, target.y),
                      bulge=0.18 * direction, colour=colour, lw=lw, alpha=alpha, zorder=1.5,
                      **style)
            continue
        upper, lower = (source, target) if source.y > target.y else (target, source)
        start = (upper.x, upper.y - upper.r)
        end = _top_point(upper, lower)
        sheet.curve(start, end, colour=colour, lw=lw, alpha=alpha, zorder=1.5, **style)


def _top_point(source: Item, target: Item) -> tuple[float, float]:
    """Where a line from above meets a target: on its upper rim, towards the source, so lines
    into a big group fan out instead of meeting in one point."""
    if target.kind not in ("group", "aggregate"):
        return target.x, target.y + target.r
    angle = math.atan2(source.y - target.y, source.x - target.x)
    angle = min(max(angle, math.radians(40)), math.radians(140))
    return target.x + target.r * math.cos(angle), target.y + target.r * math.sin(angle)


def _draw_items(sheet: Sheet, landscape_plan: LandscapePlan, items: dict[str, Item],
                related: frozenset[str] | None) -> list[Label]:
    labels = []
    bubbles = landscape_plan.bubbles
    highlight = landscape_plan.highlight
    for item in items.values():
        bubble = bubbles[item.key]
        faded = related is not None and item.key not in related
        alpha = 0.3 if faded else 1.0
        emphasis = related is not None and item.key == highlight
        if item.kind == "network" and bubble.reach is None:
            sheet.disc(item.x, item.y, item.r, face="#F4F4F4", edge=item.colour, lw=1.6,
                       alpha=alpha, zorder=4, linestyle=(0, (3, 2)))
        elif item.kind == "network":
            sheet.ring(item.x, item.y, item.r, colour=item.colour, alpha=alpha, zorder=4)
        elif item.kind == "actor":
            sheet.disc(item.x, item.y, item.r, face=item.colour, alpha=alpha, zorder=3)
        elif item.kind == "aggregate":
            sheet.disc(item.x, item.y, item.r, face=item.colour, edge="white", alpha=alpha,
                       zorder=3, hatch="...")
        elif item.kind == "more":
            sheet.disc(item.x, item.y, item.r, face="#F4F4F4", edge=item.colour, lw=1.2,
                       alpha=alpha, zorder=3, linestyle=(0, (3, 2)))
        else:
            labels.extend(_draw_group(sheet, item, related, highlight, alpha))
        if emphasis:
            sheet.disc(item.x, item.y, item.r + 0.04, face="none", edge="black", lw=2.0,
                       zorder=6)
        grouped = item.kind in ("group", "aggregate") or item.key.endswith(":municipalities")
        size = GROUP_SIZE if grouped else LABEL_SIZE
        weight = "bold" if grouped or emphasis else "normal"
        labels.append(Label(item.label, item.x, item.y, item.r, size=size, weight=weight,
                            colour=MUTED if faded else DARK, priority=10 + item.r,
                            sides=("below",), halo=True, key=item.key))
    return labels


def _draw_group(sheet: Sheet, item: Item, related: frozenset[str] | None,
                highlight: str | None, alpha: float) -> list[Label]:
    """Pack a county's municipalities into its circle, clustered by health-trust area."""
    from matplotlib.colors import to_rgba

    sheet.disc(item.x, item.y, item.r, face="#DCEFFA", edge="#9CCBE8", lw=0.8, zorder=2)
    labels = []
    areas: list[Disc] = []
    municipalities: list[Disc] = []
    for circle in pack_municipalities(item.members, item.x, item.y, item.r * 0.97):
        if circle.actor is None:
            areas.append(Disc(circle.x, circle.y, circle.r, "#EAF5FC", "#B5D8EE", 0.5))
            continue
        actor = circle.actor
        shown = None if (related is None or actor.id in related) and alpha == 1.0 else 0.3
        municipalities.append(Disc(circle.x, circle.y, circle.r,
                                   to_rgba(ACTOR_GROUPS["municipality"][0], shown),
                                   to_rgba("white", shown), 0.4))
        if related is not None and actor.id == highlight:
            sheet.disc(circle.x, circle.y, circle.r + 0.03, face="none", edge="black", lw=1.8,
                       zorder=6)
        labels.append(Label(actor.short_name or actor.name, circle.x, circle.y, circle.r,
                            size=INSIDE_SIZE, colour="black", priority=circle.r, inside=True,
                            sides=(), key=actor.id))
    sheet.discs(areas, zorder=2.5)
    sheet.discs(municipalities, zorder=3)
    return labels
