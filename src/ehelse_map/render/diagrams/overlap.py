"""`overlap`: networks as rings sized by reach; overlapping networks drawn close together and
joined by lines as thick as their overlap score, each line's score on it; a network nested in
another (its organisations and roles inside the other's on the areas they share) drawn inside
it; the strongest overlaps labelled with what they share.

Built in three steps: `plans.overlap.plan` decides what is shown (pairs, nesting, labels,
fading, caption); `lay_out` places it (the nested inside the ring they lie in, each set of
connected networks by a seeded spring layout, the sets packed side by side with circlify) and
places the labels, on the natural sheet or a page (`--size`); `draw` draws it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ehelse_map.model.records import Dataset
from ehelse_map.render.diagrams.glyphs import warn_names
from ehelse_map.render.diagrams.i18n import text
from ehelse_map.render.diagrams.layout import huang
from ehelse_map.render.diagrams.layout.labels import Label, Placed, Placer, draw_placed
from ehelse_map.render.diagrams.layout.packing import front_chain
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
    draw_legend_rows,
    header_height,
    legend_rows,
    legend_rows_height,
    legend_size,
)
from ehelse_map.render.diagrams.page import PageSize
from ehelse_map.render.diagrams.plans.overlap import (
    MAX_ALONE,
    MAX_PAIRS,
    OverlapEdge,
    OverlapPlan,
    plan,
)
from ehelse_map.render.diagrams.style import (
    DARK,
    INFERRED_MARK,
    MUTED,
    NETWORK_GROUPS,
    Box,
    DiagramOptions,
    nice_sizes,
)

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from ehelse_map.analyses.overlap import OverlapResult

WIDTH, HEIGHT = 15.0, 10.0
R_MIN, R_MAX = 0.08, 0.42
NAME_SIZE = 7.5
PAIR_SIZE = 7.0
SEED = 20240501
MAX_SPREAD = 2.6
MAX_ZOOM = 1.6
NODE_GAP = 0.9
"""Least space between two bubbles (inches): room for their names."""
NAME_WIDTH = 1.5
PAIR_WIDTH = 2.0
LABEL_ROOM = 0.45
"""Room a ring keeps under what is nested in it, for the inner networks' names (inches)."""
NEST_PAD = 0.08
SIBLING_GAP = 0.3
LEADER_STEPS = 10
"""A pair's label may be led this many steps of 0.22 inches from its edge, out of a crowded
ring (other labels: 6)."""
"""Space between two networks nested in the same ring (inches)."""


def build(dataset: Dataset, options: DiagramOptions, overlap: OverlapResult | None = None
          ) -> Figure:
    """The picture; `overlap` is the analysis for the options' filters when the caller has it
    already (the report), else it is computed here."""
    page = options.size
    pairs, alone = budget_for(page)
    overlap_plan = plan(dataset, options, overlap, max_pairs=pairs, max_alone=alone)
    warn_names(overlap_plan.frame.names)
    measurer = Measurer()
    return draw(overlap_plan, lay_out(overlap_plan, page, measurer), measurer)


def budget_for(page: PageSize | None) -> tuple[int, int]:
    """(Most pairs drawn, most networks without overlap named in the caption): 80 and 24 at
    the natural size, fewer on a smaller page (about a pair for every 1.5 square inches)."""
    if page is None:
        return MAX_PAIRS, MAX_ALONE
    area = page.width * page.height
    return max(6, min(MAX_PAIRS, int(area / 1.5))), 12 if area < 120 else MAX_ALONE


# --- layout ---------------------------------------------------------------------------------------

@dataclass
class Node:
    id: str
    r: float
    x: float = 0.0
    y: float = 0.0
    children: list[str] = field(default_factory=list)
    offsets: dict[str, tuple[float, float]] = field(default_factory=dict)
    """Centres of the nested networks, relative to this ring's centre."""


@dataclass
class OverlapLayout:
    width: float
    height: float
    caption: str
    plot: Box
    legends: list[list[LegendBlock]]
    legend_at: tuple[float, float]
    beside: bool
    nodes: dict[str, Node]
    placed: list[Placed]
    dropped: int
    page: bool = False
    """Laid out for a page: the sheet keeps the page's exact size."""


def lay_out(overlap_plan: OverlapPlan, page: PageSize | None,
            measurer: Measurer) -> OverlapLayout:
    """Places rings and labels; when labels do not fit, the caption says how many."""
    layout = _lay_out(overlap_plan, page, measurer, None)
    if layout.dropped:  # say so, in room reserved for the count
        layout = _lay_out(overlap_plan, page, measurer, layout.dropped)
    return layout


def _lay_out(overlap_plan: OverlapPlan, page: PageSize | None, measurer: Measurer,
             dropped: int | None) -> OverlapLayout:
    width, height = (page.width, page.height) if page else (WIDTH, HEIGHT)
    beside = page is None or page.wide
    lang = overlap_plan.frame.lang
    nodes = _nodes(overlap_plan)
    biggest = max([1.0, *(n.reach for n in overlap_plan.nodes)])
    # beside the plot, the legend has room for the largest zoom; under it, rings keep their size
    max_zoom = MAX_ZOOM if beside else 1.0
    blocks = _legends(overlap_plan, biggest, max_zoom)
    head = header_height(measurer, "x", width,
                         title=overlap_plan.frame.title)
    parts = list(overlap_plan.frame.caption)
    reserve = ""
    if dropped:
        parts.insert(-1, text("labels_dropped", lang, n=dropped))
        reserve = text("labels_dropped", lang, n=max(dropped, 999))
    if beside:
        legend_width = max(legend_size(measurer, b)[0] for b in blocks)
        plot_x1 = width - MARGIN - legend_width - 0.4
        rows = [[b] for b in blocks]
        legend_height = 0.0
    else:
        plot_x1 = width - MARGIN
        rows = legend_rows(blocks, width - 2 * MARGIN, measurer)
        legend_height = legend_rows_height(rows, measurer)
    caption = caption_text(measurer, parts, plot_x1 - MARGIN if beside else width - 2 * MARGIN)
    room = caption_height(measurer, caption)
    if reserve:
        reserved = caption_text(measurer, [*parts[:-2], reserve, parts[-1]],
                                plot_x1 - MARGIN if beside else width - 2 * MARGIN)
        room = max(room, caption_height(measurer, reserved))
    plot = Box(MARGIN, MARGIN + room + 0.2 + legend_height, plot_x1, height - MARGIN - head - 0.1)
    legend_at = (plot_x1 + 0.4, plot.y1) if beside else (MARGIN, plot.y0 - 0.1)
    layout = OverlapLayout(width, height, caption, plot, rows, legend_at, beside,
                           {}, [], 0, page is not None)
    if not overlap_plan.edges:
        return layout
    _sizes(overlap_plan, nodes, biggest)
    zoom = _arrange(overlap_plan, nodes, plot, max_zoom)
    blocks = _legends(overlap_plan, biggest, zoom)
    layout.legends = [[b] for b in blocks] if beside else legend_rows(
        blocks, width - 2 * MARGIN, measurer)
    layout.nodes = nodes
    layout.placed, layout.dropped = _labels(overlap_plan, nodes, plot, measurer)
    return layout


def radius(reach: float, biggest: float) -> float:
    return min(R_MAX, max(R_MIN, R_MAX * math.sqrt(reach / biggest)))


def _nodes(overlap_plan: OverlapPlan) -> dict[str, Node]:
    nodes = {n.id: Node(n.id, 0.0) for n in overlap_plan.nodes}
    for node in overlap_plan.nodes:
        if node.container is not None:
            nodes[node.container].children.append(node.id)
    return nodes


def _sizes(overlap_plan: OverlapPlan, nodes: dict[str, Node], biggest: float) -> None:
    """Each ring's radius: by its reach, or larger to hold what is nested in it (packed inside,
    a little above the middle, room for their names below them)."""
    reach = {n.id: n.reach for n in overlap_plan.nodes}

    def size(ident: str) -> float:
        node = nodes[ident]
        own = radius(reach[ident], biggest)
        if not node.children:
            node.r = own
            return node.r
        children = sorted(node.children, key=lambda c: (-size(c), c))
        # apart by SIBLING_GAP, so that a line between two of them shows
        centres, enclosing = front_chain([nodes[c].r + SIBLING_GAP / 2 for c in children])
        node.r = max(own, enclosing + LABEL_ROOM + NEST_PAD)
        lift = min(LABEL_ROOM / 2, node.r - enclosing - NEST_PAD)
        node.offsets = {c: (x, y + lift) for c, (x, y) in zip(children, centres, strict=True)}
        return node.r

    for ident in sorted(nodes):
        if overlap_plan.node(ident).container is None:
            size(ident)


def _arrange(overlap_plan: OverlapPlan, nodes: dict[str, Node], plot: Box,
             max_zoom: float) -> float:
    """The outermost rings by the spring layout; what is nested follows its ring. Returns the
    zoom the rings were drawn at."""
    roots = {n.id: n.id for n in overlap_plan.nodes}
    for node in overlap_plan.nodes:
        ident = node.id
        while overlap_plan.node(roots[ident]).container is not None:
            roots[ident] = overlap_plan.node(roots[ident]).container or roots[ident]
    top = {ident: nodes[ident] for ident in sorted(nodes) if roots[ident] == ident}
    links: dict[tuple[str, str], float] = {}
    for edge in overlap_plan.edges:
        a, b = sorted((roots[edge.a], roots[edge.b]))
        if a != b:
            links[a, b] = links.get((a, b), 0.0) + edge.score
    before = {ident: ring.r for ident, ring in top.items()}
    zoom = _layout(top, links, plot, max_zoom)
    for ident, ring in top.items():
        _place_nested(nodes, ident, ring.r / before[ident] if before[ident] else 1.0)
    return zoom


def _place_nested(nodes: dict[str, Node], ident: str, factor: float) -> None:
    """Put what is nested in `ident` inside it, scaled as the ring was by the layout."""
    node = nodes[ident]
    for child in node.children:
        dx, dy = node.offsets[child]
        inner = nodes[child]
        inner.x, inner.y = node.x + dx * factor, node.y + dy * factor
        inner.r *= factor
        _place_nested(nodes, child, factor)


def _layout(nodes: dict[str, Node], links: dict[tuple[str, str], float], plot: Box,
            max_zoom: float = MAX_ZOOM) -> float:
    """Spring layout per connected set of rings, the sets packed by circlify into the plot;
    returns the zoom the rings were drawn at (`_zoom`)."""
    from ehelse_map.render.diagrams.layout.spring import connected_sets, spring_layout

    weights = {pair: 0.2 + min(score, 1.0) for pair, score in sorted(links.items())}
    components = sorted(connected_sets(sorted(nodes), weights), key=lambda c: (-len(c), c[0]))
    local: list[dict[str, tuple[float, float]]] = []
    extents = []
    for component in components:
        if len(component) == 1:
            positions = {component[0]: (0.0, 0.0)}
        else:
            members = set(component)
            raw = spring_layout(component, {pair: weight for pair, weight in weights.items()
                                            if pair[0] in members}, SEED, iterations=200)
            positions = _normalise(dict(sorted(raw.items())), nodes)
        positions = _widen(_separate(positions, nodes))
        local.append(positions)
        extents.append(max(math.hypot(x, y) + nodes[i].r + 0.55
                           for i, (x, y) in positions.items()))
    if len(local) == 1:  # one cluster: fit its bounding box, not its circle, to the plot
        positions = local[0]
        pad = 0.75
        x0 = min(x - nodes[i].r for i, (x, _) in positions.items()) - pad
        x1 = max(x + nodes[i].r for i, (x, _) in positions.items()) + pad
        y0 = min(y - nodes[i].r for i, (_, y) in positions.items()) - pad
        y1 = max(y + nodes[i].r for i, (_, y) in positions.items()) + pad
        fit = min(plot.width / (x1 - x0), plot.height / (y1 - y0))
        zoom = _zoom(fit, max_zoom)
        factor = min(MAX_SPREAD, fit) * zoom
        cx, cy = (plot.x0 + plot.x1) / 2, (plot.y0 + plot.y1) / 2
        for ident, (x, y) in positions.items():
            nodes[ident].x = cx + (x - (x0 + x1) / 2) * factor
            nodes[ident].y = cy + (y - (y0 + y1) / 2) * factor
            nodes[ident].r *= zoom if factor >= 1.0 else max(factor, 0.6)
        return zoom
    circlify = huang.circlify()
    packed = circlify.circlify([{"id": str(i), "datum": e * e} for i, e in enumerate(extents)],
                               target_enclosure=circlify.Circle(x=0, y=0, r=1))
    placed = {int(c.ex["id"]): c for c in packed if c.ex and "id" in c.ex}
    # scale so that every cluster's packed circle holds its layout
    scale = min(placed[i].r / extents[i] for i in placed)
    width, height = plot.width, plot.height
    spans_x = [(placed[i].x - placed[i].r, placed[i].x + placed[i].r) for i in placed]
    spans_y = [(placed[i].y - placed[i].r, placed[i].y + placed[i].r) for i in placed]
    min_x, max_x = min(s[0] for s in spans_x), max(s[1] for s in spans_x)
    min_y, max_y = min(s[0] for s in spans_y), max(s[1] for s in spans_y)
    # cluster centres stretch to the plot's shape (that only moves them apart); each cluster
    # keeps its own proportions, spread a little or shrunk if the plot cannot hold it
    unit_x, unit_y = width / (max_x - min_x), height / (max_y - min_y)
    fit = min(unit_x, unit_y) * scale
    zoom = _zoom(fit, max_zoom)
    factor = min(MAX_SPREAD, fit) * zoom
    for index, positions in enumerate(local):
        cx = plot.x0 + (placed[index].x - min_x) * unit_x
        cy = plot.y0 + (placed[index].y - min_y) * unit_y
        for ident, (x, y) in positions.items():
            nodes[ident].x = cx + x * factor
            nodes[ident].y = cy + y * factor
            nodes[ident].r *= zoom if factor >= 1.0 else max(factor, 0.6)
    return zoom


def _zoom(fit: float, most: float) -> float:
    """How much larger than by their reach alone rings are drawn when the plot has room to
    spare beyond the widest spread, up to `most` (the size legend is drawn at the same zoom)."""
    return min(most, max(1.0, fit / MAX_SPREAD))


def _widen(positions: dict[str, tuple[float, float]]) -> dict[str, tuple[float, float]]:
    """Turn a layout so that its longest spread runs across: plots are wider than tall."""
    if len(positions) < 2:
        return positions
    xs = [x for x, _ in positions.values()]
    ys = [y for _, y in positions.values()]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    sxx = sum((x - mx) ** 2 for x in xs)
    syy = sum((y - my) ** 2 for y in ys)
    sxy = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True))
    angle = 0.5 * math.atan2(2 * sxy, sxx - syy)  # the principal axis
    cos, sin = math.cos(-angle), math.sin(-angle)
    turned = {i: ((x - mx) * cos - (y - my) * sin, (x - mx) * sin + (y - my) * cos)
              for i, (x, y) in positions.items()}
    first = min(turned)  # a fixed orientation: the first id on the left
    if turned[first][0] > 0:
        turned = {i: (-x, y) for i, (x, y) in turned.items()}
    return turned


def _normalise(positions: dict[str, tuple[float, float]],
               nodes: dict[str, Node]) -> dict[str, tuple[float, float]]:
    """Scale a spring layout (unitless) so that neighbouring bubbles sit about NODE_GAP apart."""
    ids = sorted(positions)
    nearest = []
    for a in ids:
        nearest.append(min(math.hypot(positions[a][0] - positions[b][0],
                                      positions[a][1] - positions[b][1])
                           for b in ids if b != a))
    typical = sorted(nearest)[len(nearest) // 2] or 1.0
    wanted = NODE_GAP + 2 * sum(nodes[i].r for i in ids) / len(ids)
    scale = wanted / typical
    return {i: (x * scale, y * scale) for i, (x, y) in positions.items()}


def _separate(positions: dict[str, tuple[float, float]],
              nodes: dict[str, Node]) -> dict[str, tuple[float, float]]:
    """Push overlapping bubbles apart (a few deterministic relaxation rounds)."""
    points = {i: list(p) for i, p in positions.items()}
    ids = sorted(points)
    for _ in range(60):
        moved = False
        for index, a in enumerate(ids):
            for b in ids[index + 1:]:
                (ax, ay), (bx, by) = points[a], points[b]
                gap = nodes[a].r + nodes[b].r + NODE_GAP
                distance = math.hypot(bx - ax, by - ay)
                if distance < gap:
                    if distance < 1e-9:
                        ux, uy = 1.0, 0.0
                    else:
                        ux, uy = (bx - ax) / distance, (by - ay) / distance
                    push = (gap - distance) / 2
                    points[a] = [ax - ux * push, ay - uy * push]
                    points[b] = [bx + ux * push, by + uy * push]
                    moved = True
        if not moved:
            break
    cx = sum(p[0] for p in points.values()) / len(points)
    cy = sum(p[1] for p in points.values()) / len(points)
    return {i: (p[0] - cx, p[1] - cy) for i, p in points.items()}


def edge_segment(a: Node, b: Node) -> tuple[float, float, float, float]:
    """The line between two rings, from rim to rim."""
    distance = math.hypot(b.x - a.x, b.y - a.y) or 1.0
    ux, uy = (b.x - a.x) / distance, (b.y - a.y) / distance
    return a.x + ux * a.r, a.y + uy * a.r, b.x - ux * b.r, b.y - uy * b.r


def _labels(overlap_plan: OverlapPlan, nodes: dict[str, Node], plot: Box,
            measurer: Measurer) -> tuple[list[Placed], int]:
    """Names by their rings (the nested inside the rings they lie in), and each pair's label
    on its edge: on the line, or on the ring of the network the other is nested in. Returns
    the labels placed and how many pair labels had no room."""
    placer = Placer(measurer, plot)
    placer.avoid((n.x, n.y, n.r) for n in nodes.values())
    containers = {c: n.id for n in nodes.values() for c in n.children}

    def rings_around(ident: str) -> tuple[tuple[float, float, float], ...]:
        found = []
        outer = containers.get(ident)
        while outer is not None:
            found.append((nodes[outer].x, nodes[outer].y, nodes[outer].r))
            outer = containers.get(outer)
        return tuple(found)

    highlight = overlap_plan.highlight
    labels = []
    for entry in overlap_plan.nodes:
        node = nodes[entry.id]
        labels.append(Label(measurer.wrap(entry.name, NAME_SIZE, NAME_WIDTH), node.x, node.y,
                            node.r, size=NAME_SIZE,
                            weight="bold" if highlight == entry.id else "normal",
                            colour=MUTED if entry.faded else DARK, priority=100 + node.r,
                            leader=True, halo=True, key=f"name:{entry.id}",
                            within=rings_around(entry.id)))
    for edge in overlap_plan.edges:
        label = _pair_text(edge, measurer)
        colour = MUTED if edge.faded else "black"
        key = f"pair:{edge.a}:{edge.b}"
        if edge.containment and edge.inner is not None:
            # its edge is the nesting: by the inner ring, inside the one it lies in
            inner = nodes[edge.inner]
            labels.append(Label(label, inner.x, inner.y, inner.r, size=PAIR_SIZE,
                                colour=colour, priority=50 - edge.rank, halo=True, key=key,
                                leader=True, within=rings_around(edge.inner),
                                steps=LEADER_STEPS))
        else:
            # on its line; where the line runs under rings, beside its middle with a leader
            spots = _spots(edge, nodes)
            mx, my = spots[0]
            shared = tuple(ring for ring in rings_around(edge.a) if ring in rings_around(edge.b))
            labels.append(Label(label, mx, my, 0.0, size=PAIR_SIZE, colour=colour,
                                priority=50 - edge.rank, halo=True, key=key, leader=True,
                                spots=spots, within=shared, steps=LEADER_STEPS))
    placed = placer.place_all(labels)
    dropped = sum(1 for label in placer.dropped if label.key.startswith("pair:"))
    return placed, dropped


def _pair_text(edge: OverlapEdge, measurer: Measurer) -> str:
    """`0.62 · nested · 41 organisations`, then the areas and the roles they share."""
    lines = [edge.label]
    if edge.detailed:
        lines += [measurer.wrap(edge.areas, PAIR_SIZE, PAIR_WIDTH, max_lines=2),
                  measurer.wrap(edge.roles, PAIR_SIZE, PAIR_WIDTH, max_lines=2)]
    return "\n".join(line for line in lines if line)


def _spots(edge: OverlapEdge, nodes: dict[str, Node]) -> tuple[tuple[float, float], ...]:
    """Where a pair's label may sit: centred on its line, from the middle outwards."""
    x0, y0, x1, y1 = edge_segment(nodes[edge.a], nodes[edge.b])
    return tuple((x0 + (x1 - x0) * t, y0 + (y1 - y0) * t)
                 for t in (0.5, 0.4, 0.6, 0.3, 0.7, 0.2, 0.8, 0.12, 0.88))


def _legends(overlap_plan: OverlapPlan, biggest: float, zoom: float) -> list[LegendBlock]:
    lang = overlap_plan.frame.lang
    kinds = LegendBlock(text("legend_networks", lang), [
        LegendEntry(text(group, lang), "ring", colour) for group, (colour, _) in
        NETWORK_GROUPS.items()])
    sizes = LegendBlock(text("legend_size", lang), [
        LegendEntry(text("size_reach", lang, n=v), "ring", "#999999",
                    size=radius(v, biggest) * zoom)
        for v in nice_sizes(biggest)])
    scores = LegendBlock(text("legend_score", lang), [
        LegendEntry(f"{s:.2f}", "line", DARK, size=line_width(s)) for s in (0.1, 0.5, 1.0)])
    blocks = [kinds, sizes, scores]
    key = []
    if any(e.containment for e in overlap_plan.edges):
        key.append(LegendEntry(text("nested_key", lang), "nested", "#999999", size=0.12))
    if any(n.inferred for n in overlap_plan.nodes):
        key.append(LegendEntry(text("inferred_key", lang), "text", INFERRED_MARK))
    if key:
        blocks.append(LegendBlock(text("legend_key", lang), key))
    return blocks


def line_width(score: float) -> float:
    return 0.4 + 6.5 * score


# --- drawing --------------------------------------------------------------------------------------

def draw(overlap_plan: OverlapPlan, layout: OverlapLayout, measurer: Measurer) -> Figure:
    sheet = Sheet(layout.width, layout.height, layout.page)
    draw_header(sheet, overlap_plan.frame.title, overlap_plan.frame.subtitle, measurer)
    draw_caption(sheet, layout.caption)
    x, top = layout.legend_at
    if layout.beside:
        for (block,) in layout.legends:
            draw_legend(sheet, x, top, block, measurer)
            top -= legend_size(measurer, block)[1] + 0.3
    else:
        draw_legend_rows(sheet, x, top, layout.legends, measurer)
    plot = layout.plot
    if not overlap_plan.edges:
        sheet.text((plot.x0 + plot.x1) / 2, (plot.y0 + plot.y1) / 2,
                   text("no_pairs", overlap_plan.frame.lang), size=11, colour=MUTED)
        return sheet.figure
    nodes = layout.nodes
    colours = {group: colour for group, (colour, _) in NETWORK_GROUPS.items()}
    for edge in sorted(overlap_plan.edges, key=lambda e: (e.score, e.a, e.b)):
        if edge.containment:
            continue  # drawn as a ring inside a ring
        x0, y0, x1, y1 = edge_segment(nodes[edge.a], nodes[edge.b])
        alpha = 0.08 if edge.faded else (0.25 + 0.5 * edge.score)
        sheet.line([x0, x1], [y0, y1], colour=DARK, lw=line_width(edge.score), alpha=alpha,
                   zorder=1)
    depth = _depths(overlap_plan)
    for entry in sorted(overlap_plan.nodes, key=lambda n: (depth[n.id], n.id)):
        node = nodes[entry.id]
        sheet.ring(node.x, node.y, node.r, colour=colours[entry.group],
                   alpha=0.3 if entry.faded else 1.0, zorder=4 + depth[entry.id])
        if overlap_plan.highlight == entry.id:
            sheet.disc(node.x, node.y, node.r + 0.05, face="none", edge="black", lw=2.2,
                       zorder=9)
    draw_placed(sheet, layout.placed)
    return sheet.figure


def _depths(overlap_plan: OverlapPlan) -> dict[str, int]:
    """How many rings each network is drawn inside (inner rings are drawn over outer ones)."""
    depth = {}
    for node in overlap_plan.nodes:
        level, outer = 0, node.container
        while outer is not None:
            level += 1
            outer = overlap_plan.node(outer).container
        depth[node.id] = level
    return depth
