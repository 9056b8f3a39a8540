"""`profile`: one organisation at the centre, every network that reaches it around it, each
bubble's area the hours a year that network asks of it (`analyses.profile`, finding F1 of seed
004 seen from one municipality).

Built in three steps: `plans.profile.plan` decides what is shown (the networks, their hours and
whether they are known, the overlaps among them there, the persons, the caption); `lay_out`
places the networks on an ellipse around the centre, fitted to the natural size or to a page
(`--size`: the networks asking the fewest hours are summarised in "+N more" until every label
has a place), with the legend beside the picture or, on a narrow page, under it; `draw` draws
it.

Unknown hours are never a size: such a network is a dashed ring of one fixed size marked `?`.
A network asking no time (posts it holds itself) is a small grey circle labelled 0 h. A thin
ring around a bubble marks the high end of its range; the label gives the range.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ehelse_map.model.records import Dataset
from ehelse_map.render.diagrams.glyphs import warn_names
from ehelse_map.render.diagrams.i18n import text
from ehelse_map.render.diagrams.layout.labels import Label, Placed, Placer, draw_placed
from ehelse_map.render.diagrams.layout.sheet import (
    CIRCLES,
    LEGEND_GAP,
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
)
from ehelse_map.render.diagrams.page import PageSize
from ehelse_map.render.diagrams.plans.frame import marked
from ehelse_map.render.diagrams.plans.profile import (
    FLOOR,
    LEVELS,
    NOTHING,
    UNKNOWN,
    Bubble,
    ProfilePlan,
    hours_text,
    number,
    plan,
)
from ehelse_map.render.diagrams.style import (
    DARK,
    ESTIMATED_MARK,
    GREY,
    INFERRED_MARK,
    MUTED,
    OKABE_ITO,
    UNKNOWN_MARK,
    Box,
    DiagramOptions,
    nice_sizes,
)

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from ehelse_map.analyses.profile import ProfileResult

WIDTH = 13.0
MIN_PLOT_HEIGHT = 7.0
MAX_PLOT_HEIGHT = 12.0
PANEL_WIDTH = 3.6
"""Width of one column of the legend beside the picture (inches)."""
PANEL_GAP = 0.3
LABEL_SIZE = 7.5
LABEL_WIDTH = 1.6
"""A network's name wraps at this width (inches); 1.3 on a narrow page."""
NARROW_LABEL_WIDTH = 1.2
CENTRE_SIZE = 9.0
MARK_SIZE = 8.0
MAX_RADIUS = 0.8
MIN_RADIUS = 0.035
"""The least radius a network with known hours is drawn at (a few minutes a year)."""
UNKNOWN_RADIUS = 0.14
NOTHING_RADIUS = 0.07
MORE_RADIUS = 0.18
GAP = 0.1
SPACING = 0.3
LABEL_SHARE = 0.7
"""How much of its extent along the ellipse a label is given there: less than all of it, as
labels also fit beside their neighbours' and on leader lines."""
"""Length of the ellipse each network gets besides its bubble's width (inches): room for the
label of a small one."""
KEY_RADIUS = 0.25
"""The largest circle of the size key (inches)."""
LEVEL_COLOURS = {"national": OKABE_ITO["blue"], "regional": OKABE_ITO["green"],
                 "local": OKABE_ITO["orange"]}
LINK_COLOUR = OKABE_ITO["vermillion"]
CENTRE_FACE = DARK
UNKNOWN_EDGE = "#777777"
SPOKE = "#D0D0D0"
MORE_KEY = "+more"


def build(dataset: Dataset, options: DiagramOptions, profile: ProfileResult | None = None
          ) -> Figure:
    """The picture; `profile` is the analysis for `options.organisation` when the caller has
    it already (the report), else it is computed here."""
    from ehelse_map.analyses.profile import profile as analyse

    if options.organisation is None:
        raise ValueError("the profile diagram needs an organisation (--organisation ID)")
    result = profile if profile is not None else analyse(dataset, options.as_of,
                                                         options.organisation)
    measurer = Measurer()
    page = options.size
    drawn = plan(dataset, options, result)
    layout = lay_out(drawn, page, measurer)
    budget = len(drawn.bubbles)
    while layout.dropped and budget > 2:
        budget -= 1  # the fewest hours into "+N more" until every label has a place
        drawn = plan(dataset, options, result, max_networks=budget)
        layout = lay_out(drawn, page, measurer)
    warn_names(drawn.frame.names)
    return draw(drawn, layout, measurer)


# --- layout ---------------------------------------------------------------------------------------

@dataclass
class Spot:
    """Where a network (or the "+N more" summary) is drawn."""

    key: str
    x: float
    y: float
    r: float
    """Radius of the bubble (central hours), or of the fixed-size mark."""
    ring: float | None
    """Radius of the high end of the range; None when there is none to draw."""

    @property
    def outer(self) -> float:
        return max(self.r, self.ring or 0.0)


@dataclass
class ProfileLayout:
    width: float
    height: float
    caption: str
    plot: Box
    legend: list[list[LegendBlock]]
    """Legend blocks in columns, drawn from `legend_at`."""
    legend_at: tuple[float, float]
    centre: tuple[float, float, float]
    spots: dict[str, Spot] = field(default_factory=dict)
    labels: list[Placed] = field(default_factory=list)
    scale: float = 0.0
    """Inches of radius per square root of an hour."""
    dropped: int = 0
    """Labels with no place: the caller summarises more networks."""
    overflow: float = 0.0
    page: bool = False


def lay_out(profile_plan: ProfilePlan, page: PageSize | None, measurer: Measurer
            ) -> ProfileLayout:
    """The legend beside the picture at the natural size and on a wide page (in one column, or
    two when one is taller than the picture), under it on a narrow page; the networks on an
    ellipse filling the rest.

    The size key depends on the scale, the scale on the room the legend leaves: laid out
    first with room for the largest size key, then again with the key that scale gives,
    which is kept when its own key still fits."""
    roomy = _lay_out(profile_plan, page, measurer, _legend(profile_plan, None))
    if roomy.scale <= 0:
        return roomy
    snug = _lay_out(profile_plan, page, measurer, _legend(profile_plan, roomy.scale))
    return snug if snug.overflow <= roomy.overflow and snug.dropped <= roomy.dropped else roomy


def _lay_out(profile_plan: ProfilePlan, page: PageSize | None, measurer: Measurer,
             blocks: list[LegendBlock]) -> ProfileLayout:
    width = page.width if page else WIDTH
    beside = page is None or page.wide
    content = width - 2 * MARGIN
    caption = caption_text(measurer, list(profile_plan.frame.caption), content)
    head = header_height(measurer, profile_plan.frame.subtitle, width,
                         title=profile_plan.frame.title)
    below = caption_height(measurer, caption) + 0.1
    label_width = LABEL_WIDTH if beside else NARROW_LABEL_WIDTH
    texts = {b.network: label_text(b, profile_plan.frame.lang, label_width, measurer)
             for b in profile_plan.bubbles}
    if profile_plan.more is not None:
        texts[MORE_KEY] = more_text(profile_plan, profile_plan.frame.lang)
    sizes = {key: measurer.size(t, LABEL_SIZE) for key, t in texts.items()}
    room_x = max([w for w, _ in sizes.values()] + [0.5]) + 0.15
    room_y = max([h for _, h in sizes.values()] + [0.2]) + 0.15
    if beside:
        spec = (1, PANEL_WIDTH)
        legend, legend_width, legend_height = _columns(blocks, measurer, *spec)
        available = (page.height - 2 * MARGIN - head - below) if page else None
        if available is not None and legend_height > available:
            spec = (2, PANEL_WIDTH * 0.85)
            legend, legend_width, legend_height = _columns(blocks, measurer, *spec)
    else:
        spec = (2, (content - LEGEND_GAP) / 2)
        legend, legend_width, legend_height = _columns(blocks, measurer, *spec)
    if page is None:
        plot_height = min(MAX_PLOT_HEIGHT, max(MIN_PLOT_HEIGHT, legend_height,
                                               _needed(profile_plan, room_y)))
        height = MARGIN + head + plot_height + below + MARGIN
    else:
        height = page.height
        plot_height = height - 2 * MARGIN - head - below - (
            0.0 if beside else legend_height + 0.2)
    least = 2 * room_y + 0.8
    overflow = 0.0
    if page is not None and plot_height < least:  # taller than the page; `build` says so
        overflow = least - plot_height
        height += overflow
        plot_height = least
    top = height - MARGIN - head
    if beside:
        plot = Box(MARGIN, top - plot_height, width - MARGIN - legend_width - PANEL_GAP, top)
    else:
        plot = Box(MARGIN, top - plot_height, width - MARGIN, top)
    scale = _scale(profile_plan, plot, room_x, room_y)
    legend_at = (plot.x1 + PANEL_GAP, plot.y1) if beside else (MARGIN, plot.y0 - 0.2)
    layout = ProfileLayout(width, height, caption, plot, legend, legend_at, (0.0, 0.0, 0.0),
                           scale=scale, overflow=overflow, page=page is not None)
    _place(profile_plan, layout, room_x, room_y, texts, measurer)  # at least `least` tall
    # the size key at the scale the bubbles are drawn at, in the room kept for the legend
    layout.legend, final_width, final_height = _columns(
        _legend(profile_plan, layout.scale), measurer, *spec)
    if beside:  # against the right margin
        layout.legend_at = (width - MARGIN - final_width, plot.y1)
    into_plot = beside and width - MARGIN - final_width < plot.x1 + 0.1
    too_tall = final_height > (plot.height + 0.1 if beside else legend_height + 0.01)
    if page is not None and (too_tall or into_plot):
        layout.overflow = max(layout.overflow, final_height - legend_height, 0.01)
    return layout


def _needed(profile_plan: ProfilePlan, room_y: float) -> float:
    """Height the labels need at the natural size: about two labels a network at each side."""
    count = len(profile_plan.bubbles) + (profile_plan.more is not None)
    return 2 * room_y + count * room_y / 2.2


def _scale(profile_plan: ProfilePlan, plot: Box, room_x: float, room_y: float) -> float:
    a, b = _axes(plot, room_x, room_y, len(profile_plan.bubbles) + 1)
    top = max([x.extent or 0.0 for x in profile_plan.bubbles] + [0.0])
    if top <= 0:
        return 0.0
    return min(MAX_RADIUS, 0.35 * min(a, b)) / math.sqrt(top)


def _axes(plot: Box, room_x: float, room_y: float, count: int) -> tuple[float, float]:
    """Half-axes of the ellipse the bubbles' outer edges may reach: the plot less room for
    the labels, and no wider than a few networks need (they stay near the centre)."""
    most = max(1.6, 0.45 * count)
    return (min(max(plot.width / 2 - room_x, 0.6), most),
            min(max(plot.height / 2 - room_y, 0.6), most))


def _radius(bubble: Bubble, scale: float) -> tuple[float, float | None]:
    """(Bubble radius, radius of the high end or None)."""
    if bubble.state == NOTHING:
        return NOTHING_RADIUS, None
    if bubble.hours is None:
        return UNKNOWN_RADIUS, None
    r = max(MIN_RADIUS, scale * math.sqrt(max(bubble.hours, 0.0)))
    high = bubble.high
    if high is None or high <= bubble.hours + 0.05 or scale <= 0:
        return r, None
    return r, max(r + 0.02, scale * math.sqrt(high))


def _place(profile_plan: ProfilePlan, layout: ProfileLayout, room_x: float, room_y: float,
           texts: dict[str, str], measurer: Measurer) -> None:
    plot = layout.plot
    by_id = profile_plan.bubbles_by_id()
    cx, cy = (plot.x0 + plot.x1) / 2, (plot.y0 + plot.y1) / 2
    keys = [b.network for b in profile_plan.bubbles] + (
        [MORE_KEY] if profile_plan.more is not None else [])
    radii: dict[str, tuple[float, float | None]] = {
        b.network: _radius(b, layout.scale) for b in profile_plan.bubbles}
    radii[MORE_KEY] = (MORE_RADIUS, None)
    a, b = _axes(plot, room_x, room_y, len(keys))
    shrink = 1.0
    points: list[tuple[float, float]] = []
    fixed = {k for k in keys if k not in by_id or by_id[k].state in (UNKNOWN, NOTHING)}
    label_sizes = {k: measurer.size(texts[k], LABEL_SIZE) for k in keys}

    def size(key: str) -> float:
        return _outer(radii[key]) * (1.0 if key in fixed else shrink)

    for _ in range(4):  # neighbours must not touch: shrink the bubbles until they do not
        outer = max([size(k) for k in keys] + [UNKNOWN_RADIUS])
        ea, eb = max(a - outer, 0.3), max(b - outer, 0.3)
        points = _ellipse_points([2 * size(k) + GAP + SPACING for k in keys], ea, eb)
        for _ in range(3):  # a label takes the room along the ellipse it lies across
            weights = []
            for key, (px, py) in zip(keys, points, strict=True):
                t = math.atan2(py / eb, px / ea)
                tx, ty = -ea * math.sin(t), eb * math.cos(t)
                length = math.hypot(tx, ty) or 1.0
                w, h = label_sizes[key]
                weights.append(2 * size(key) + GAP + 0.08
                               + LABEL_SHARE * (abs(tx) * w + abs(ty) * h) / length)
            points = _ellipse_points(weights, ea, eb)
        worst = 1.0
        for i in range(len(keys)):
            j = (i + 1) % len(keys)
            if i == j:
                continue
            distance = math.dist(points[i], points[j])
            need = size(keys[i]) + size(keys[j])
            if need > 0:
                worst = min(worst, (distance - GAP) / need)
        if worst >= 1.0:
            break
        shrink *= max(worst, 0.3)
    layout.scale *= shrink
    for key, (px, py) in zip(keys, points, strict=True):
        r, ring = radii[key]
        factor = 1.0 if key in fixed else shrink
        layout.spots[key] = Spot(key, cx + px, cy + py, max(r * factor, MIN_RADIUS)
                                 if key not in fixed else r, ring * factor if ring else None)
    nearest = min([math.hypot(s.x - cx, s.y - cy) - s.outer for s in layout.spots.values()]
                  + [0.9])
    w, h = measurer.size(_centre_text(profile_plan, measurer), CENTRE_SIZE, "bold")
    fits = math.hypot(w / 2, h / 2) + 0.04  # the name and count inside the disc
    layout.centre = (cx, cy, max(0.25, min(fits, 0.7, nearest - 0.25)))
    placer = Placer(measurer, Box(plot.x0, plot.y0, plot.x1, plot.y1))
    placer.avoid([(s.x, s.y, s.outer) for s in layout.spots.values()])
    placer.avoid([layout.centre])
    for spot in layout.spots.values():
        bubble = by_id.get(spot.key)
        if bubble is not None and bubble.state == UNKNOWN:
            w, h = measurer.size("?", MARK_SIZE, "bold")
            placer.block(Box(spot.x - w / 2, spot.y - h / 2, spot.x + w / 2, spot.y + h / 2))
    centre_label = _centre_label(profile_plan, layout, measurer)
    centre_spot = placer.place(centre_label)
    labels = []
    for key in keys:
        spot = layout.spots[key]
        w, h = measurer.size(texts[key], LABEL_SIZE)
        labels.append(Label(texts[key], spot.x, spot.y, spot.outer, size=LABEL_SIZE,
                            colour=DARK, key=key, spots=_outward(spot, cx, cy, w, h),
                            sides=_sides(spot, cx, cy), leader=True, steps=5))
    placed = placer.place_all(labels)
    layout.labels = ([centre_spot] if centre_spot is not None else []) + placed
    layout.dropped = len(labels) - len(placed) + (centre_spot is None)


def _outer(radius: tuple[float, float | None]) -> float:
    return max(radius[0], radius[1] or 0.0)


def _ellipse_points(weights: list[float], a: float, b: float) -> list[tuple[float, float]]:
    """A point for each weight along an ellipse, clockwise from the top, each given a share
    of its length in proportion to its weight (a large bubble more than a small one)."""
    if not weights:
        return []
    steps = 720
    ts = [math.pi / 2 - 2 * math.pi * i / steps for i in range(steps + 1)]
    xy = [(a * math.cos(t), b * math.sin(t)) for t in ts]
    lengths = [0.0]
    for p, q in itertools.pairwise(xy):
        lengths.append(lengths[-1] + math.dist(p, q))
    total = lengths[-1]
    points = []
    index = 0
    whole = sum(weights)
    before = 0.0
    for weight in weights:
        goal = total * (before + weight / 2 - weights[0] / 2) / whole
        before += weight
        while lengths[index + 1] < goal:
            index += 1
        points.append(xy[index])
    return points


def _outward(spot: Spot, cx: float, cy: float, w: float, h: float
             ) -> tuple[tuple[float, float], ...]:
    """Label centres straight out from the centre, then a little turned either way: each the
    nearest to the bubble that keeps clear of it."""
    base = math.atan2(spot.y - cy, spot.x - cx)
    found = []
    for turn in (0.0, 0.35, -0.35, 0.7, -0.7):
        ux, uy = math.cos(base + turn), math.sin(base + turn)
        distance = spot.outer + 0.04
        for _ in range(40):
            x = spot.x + ux * distance + ux * w / 2
            y = spot.y + uy * distance + uy * h / 2
            if not Box(x - w / 2, y - h / 2, x + w / 2, y + h / 2).hits_circle(
                    spot.x, spot.y, spot.outer + 0.03):
                found.append((x, y))
                break
            distance += 0.03
    return tuple(found)


def _sides(spot: Spot, cx: float, cy: float) -> tuple[str, ...]:
    dx, dy = spot.x - cx, spot.y - cy
    across = ("right", "left") if dx >= 0 else ("left", "right")
    along = ("above", "below") if dy >= 0 else ("below", "above")
    return (across[0], along[0], along[1], across[1]) if abs(dx) >= abs(dy) else (
        along[0], across[0], across[1], along[1])


def _centre_text(profile_plan: ProfilePlan, measurer: Measurer) -> str:
    """The organisation's name (two lines at most) and how many networks reach it."""
    lang = profile_plan.frame.lang
    count = len(profile_plan.bubbles) + (len(profile_plan.more.networks)
                                         if profile_plan.more else 0)
    networks = text("profile_network", lang) if count == 1 else text(
        "profile_networks", lang, n=count)
    name = measurer.wrap(profile_plan.name, CENTRE_SIZE, 1.1, "bold", max_lines=2)
    return f"{name}\n{networks}"


def _centre_label(profile_plan: ProfilePlan, layout: ProfileLayout, measurer: Measurer
                  ) -> Label:
    """Inside the disc when it fits; else beside it (a narrow page), on a white box."""
    x, y, r = layout.centre
    return Label(_centre_text(profile_plan, measurer), x, y, r, size=CENTRE_SIZE,
                 weight="bold", colour=DARK, inside=True, inside_colour="white",
                 priority=1000, sides=("below", "above", "right", "left"), leader=True,
                 halo=True, key="centre")


def label_text(bubble: Bubble, lang: str, width: float, measurer: Measurer) -> str:
    """`Digi Vestland – e-helse\n~24 (10–60) h · P1`: the name wrapped to two lines, the
    hours with their range and marks, the persons asked, and `via` when through an
    aggregate."""
    name = measurer.wrap(marked(bubble.name, bubble.inferred), LABEL_SIZE, width, max_lines=2)
    lines = [name, value_text(bubble, lang)]
    if bubble.via:
        lines.append(measurer.wrap(text("profile_via", lang, name=bubble.via), LABEL_SIZE,
                                   width, max_lines=1))
    return "\n".join(lines)


def value_text(bubble: Bubble, lang: str) -> str:
    if bubble.state == NOTHING:
        return text("profile_nothing_label", lang)
    if bubble.state == UNKNOWN:
        value = text("profile_unknown_label", lang)
    else:
        from ehelse_map.model.span import Span

        span = Span(bubble.hours, bubble.low, bubble.high)
        value = (f"{ESTIMATED_MARK if bubble.estimated else ''}{hours_text(span)}"
                 f"{UNKNOWN_MARK if bubble.state == FLOOR else ''} {text('hours_unit', lang)}")
    if bubble.persons:
        value += " · " + ", ".join(bubble.persons)
    return value


def more_text(profile_plan: ProfilePlan, lang: str) -> str:
    more = profile_plan.more
    assert more is not None
    lines = [text("profile_more_label", lang, n=len(more.networks))]
    if more.hours is not None:
        lines.append(text("profile_more_hours", lang, hours=(
            ESTIMATED_MARK if more.estimated else "") + number(more.hours)))
    if more.unknown:
        lines.append(text("profile_more_unknown", lang, n=more.unknown))
    return "\n".join(lines)


# --- the legend -------------------------------------------------------------------------------

def _legend(profile_plan: ProfilePlan, scale: float | None) -> list[LegendBlock]:
    """The key, the size key at `scale` (None: the room it may take), the persons."""
    lang = profile_plan.frame.lang
    bubbles = profile_plan.bubbles
    levels = [lv for lv in (*LEVELS, "other") if any(_level(b) == lv for b in bubbles)]
    key = [LegendEntry(text("profile_level_entry", lang, level=text(f"level_{lv}", lang)),
                       "ring", _colour(lv), size=0.08) for lv in levels]
    if any(b.high is not None and b.hours is not None and b.high > b.hours + 0.05
           for b in bubbles):
        key.append(LegendEntry(text("profile_range_key", lang), "range", MUTED, size=0.1))
    if any(b.state == UNKNOWN for b in bubbles):
        key.append(LegendEntry(text("profile_unknown_key", lang), "dashed", UNKNOWN_EDGE,
                               size=0.09))
    if any(b.state == NOTHING for b in bubbles):
        key.append(LegendEntry(text("profile_nothing_key", lang), "hollow", GREY, size=0.07))
    if profile_plan.more is not None:
        key.append(LegendEntry(text("more_key", lang), "dashed", GREY, size=0.09))
    if any(not link.person for link in profile_plan.links):
        key.append(LegendEntry(text("profile_overlap_key", lang), "line", LINK_COLOUR,
                               size=1.8))
    if any(link.person for link in profile_plan.links):
        key.append(LegendEntry(text("profile_person_key", lang), "line", LINK_COLOUR,
                               size=1.2, dash=(3, 2)))
    if any(b.estimated for b in bubbles):
        key.append(LegendEntry(text("estimated_key", lang), "text", ESTIMATED_MARK))
    if any(b.state == FLOOR for b in bubbles):
        key.append(LegendEntry(text("floor_key", lang), "text", UNKNOWN_MARK))
    if any(b.inferred for b in bubbles):
        key.append(LegendEntry(text("inferred_key", lang), "text", INFERRED_MARK))
    blocks = [LegendBlock(text("legend_key", lang), key)] if key else []
    top = max([b.extent or 0.0 for b in bubbles] + [0.0])
    if top > 0 and scale is None:  # room for the size key whatever the scale comes to be
        blocks.append(LegendBlock(text("legend_profile_size", lang), [
            LegendEntry(text("profile_size_entry", lang, n=1000), "ring", MUTED,
                        size=KEY_RADIUS) for _ in range(2)]))
    elif top > 0 and scale is not None and scale > 0:
        largest = min(top, (KEY_RADIUS / scale) ** 2)
        values = [v for v in nice_sizes(largest) if scale * math.sqrt(v) >= 0.04][-2:]
        if values:
            blocks.append(LegendBlock(text("legend_profile_size", lang), [
                LegendEntry(text("profile_size_entry", lang, n=v), "ring", MUTED,
                            size=scale * math.sqrt(v)) for v in values]))
    if profile_plan.persons:
        unit = text("hours_unit", lang)
        entries = []
        for person in profile_plan.persons:
            hours = person.hours
            words = (f"{ESTIMATED_MARK if hours.estimated else ''}{hours_text(hours)}"
                     f"{UNKNOWN_MARK if hours.unknown and hours.value is not None else ''} "
                     f"{unit}")
            if person.load is not None and person.load.value is not None:
                words += text("top_load", lang, value=f"{person.load.value:.2f}")
            # the hours first: a long list of roles is what a narrow legend cuts
            entries.append(LegendEntry(f"{words} · {' + '.join(person.roles)}", "text",
                                       person.key))
        blocks.append(LegendBlock(text("legend_profile_persons", lang), entries))
    return blocks


def _columns(blocks: list[LegendBlock], measurer: Measurer, count: int, width: float
             ) -> tuple[list[list[LegendBlock]], float, float]:
    """Blocks wrapped to `width` inches each, in `count` columns filled in order to even
    heights: (the columns, their width, their height)."""
    for block in blocks:
        mark = max(max((2 * e.size for e in block.entries if e.style in CIRCLES),
                       default=0.14), 0.28)
        block.wrap = max(width - mark - 0.1, 1.0)
    heights = [legend_size(measurer, b)[1] + 0.25 for b in blocks]
    total = sum(heights)
    columns: list[list[LegendBlock]] = [[]]
    used = 0.0
    for block, height in zip(blocks, heights, strict=True):
        if len(columns) < count and columns[-1] and used + height / 2 > total / count:
            columns.append([])
            used = 0.0
        columns[-1].append(block)
        used += height
    widths = [max(legend_size(measurer, b)[0] for b in column) for column in columns if column]
    tall = max([sum(legend_size(measurer, b)[1] + 0.25 for b in column) for column in columns
                if column] + [0.0])
    return ([c for c in columns if c], sum(widths) + LEGEND_GAP * (len(widths) - 1)
            if widths else 0.0, tall)


def _level(bubble: Bubble) -> str:
    return bubble.level if bubble.level in LEVELS else "other"


def _colour(level: str) -> str:
    return LEVEL_COLOURS.get(level, GREY)


# --- drawing --------------------------------------------------------------------------------------

def draw(profile_plan: ProfilePlan, layout: ProfileLayout, measurer: Measurer) -> Figure:
    sheet = Sheet(layout.width, layout.height, layout.page)
    draw_header(sheet, profile_plan.frame.title, profile_plan.frame.subtitle, measurer)
    draw_caption(sheet, layout.caption)
    x, top = layout.legend_at
    for column in layout.legend:
        y = top
        for block in column:
            draw_legend(sheet, x, y, block, measurer)
            y -= legend_size(measurer, block)[1] + 0.25
        x += max(legend_size(measurer, b)[0] for b in column) + LEGEND_GAP
    cx, cy, cr = layout.centre
    by_id = profile_plan.bubbles_by_id()
    highlight = profile_plan.highlight
    for key, spot in layout.spots.items():
        bubble = by_id.get(key)
        dashed = bubble is not None and bubble.via is not None
        style: Any = (0, (3.0, 2.0)) if dashed else "solid"
        sheet.line([cx, spot.x], [cy, spot.y], colour=SPOKE, lw=0.8, zorder=0.5,
                   linestyle=style)
    for link in profile_plan.links:
        a, b = layout.spots[link.a], layout.spots[link.b]
        middle = ((a.x + b.x) / 2, (a.y + b.y) / 2)
        control = (cx + 0.55 * (middle[0] - cx), cy + 0.55 * (middle[1] - cy))
        faded = highlight is not None and highlight not in (link.a, link.b)
        dash: Any = (0, (3.0, 2.0)) if link.person else "solid"
        sheet.bend((a.x, a.y), (b.x, b.y), control, colour=LINK_COLOUR,
                   lw=0.9 if link.person else 0.6 + 2.4 * link.score,
                   alpha=0.15 if faded else (0.5 if link.person else 0.75), zorder=1,
                   linestyle=dash)
    sheet.disc(cx, cy, cr, face=CENTRE_FACE, edge="white", lw=1.0, zorder=6)
    for key, spot in layout.spots.items():
        bubble = by_id.get(key)
        if bubble is None:  # the "+N more" summary
            sheet.disc(spot.x, spot.y, spot.r, face="#F4F4F4", edge=GREY, lw=1.2, zorder=3,
                       linestyle=(0, (3.0, 2.0)))
            continue
        _draw_bubble(sheet, bubble, spot, bubble.network == highlight)
    draw_placed(sheet, layout.labels)
    return sheet.figure


def _draw_bubble(sheet: Sheet, bubble: Bubble, spot: Spot, highlighted: bool) -> None:
    colour = _colour(_level(bubble))
    edge_width = 2.2 if highlighted else 1.2
    if bubble.state == NOTHING:
        sheet.disc(spot.x, spot.y, spot.r, face="white", edge="black" if highlighted else GREY,
                   lw=edge_width, zorder=3)
        return
    if bubble.state == UNKNOWN:
        sheet.disc(spot.x, spot.y, spot.r, face="white",
                   edge="black" if highlighted else UNKNOWN_EDGE, lw=edge_width, zorder=3,
                   linestyle=(0, (3.0, 2.0)))
        sheet.text(spot.x, spot.y, "?", size=MARK_SIZE, weight="bold", colour=UNKNOWN_EDGE,
                   zorder=7)
        return
    if spot.ring is not None:
        sheet.disc(spot.x, spot.y, spot.ring, face="none", edge=colour, lw=0.7, zorder=2.5,
                   alpha=0.9)
    sheet.ring(spot.x, spot.y, spot.r, colour=colour, lw=edge_width, fill_alpha=0.4,
               zorder=3)
    if highlighted:
        sheet.disc(spot.x, spot.y, spot.r + 0.02, face="none", edge="black", lw=2.0,
                   zorder=3.5)
