"""`overlap`: networks as bubbles sized by reach; overlapping networks drawn close together and
joined by lines as thick as their overlap score; the strongest overlaps labelled with what they
share (areas, roles, organisations reached by both).

Scores come from `analyses.overlap` (weighted Jaccard over area × role × organisation). Each set
of connected networks is laid out with a seeded spring layout (networkx), and the sets are then
packed side by side with circlify, largest first, so unrelated clusters never tangle.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ehelse_map.model.records import Dataset
from ehelse_map.render.diagrams.i18n import text
from ehelse_map.render.diagrams.layout.labels import Label, Placer, draw_placed
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
)
from ehelse_map.render.diagrams.scope import Scope, scope_for, subtitle
from ehelse_map.render.diagrams.style import (
    DARK,
    MUTED,
    NETWORK_GROUPS,
    Box,
    DiagramOptions,
    display_name,
    network_colour,
    nice_sizes,
    source_parts,
    vocabulary_label,
)
from ehelse_map.runtime import import_circlify

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from ehelse_map.analyses.overlap import OverlapPair, OverlapResult

WIDTH, HEIGHT = 15.0, 10.0
R_MIN, R_MAX = 0.08, 0.42
TOP_LABELLED = 6
MAX_PAIRS = 80
MAX_ALONE = 24
"""Networks without overlap named in the caption; the rest are counted."""
NAME_SIZE = 7.5
PAIR_SIZE = 6.6
SEED = 20240501
MAX_SPREAD = 2.6
NODE_GAP = 0.9
"""Least space between two bubbles (inches): room for their names."""


@dataclass
class Node:
    id: str
    name: str
    r: float
    colour: str
    x: float = 0.0
    y: float = 0.0


def build(dataset: Dataset, options: DiagramOptions, overlap: OverlapResult | None = None
          ) -> Figure:
    """The picture; `overlap` is the analysis for the options' filters when the caller has it
    already (the report), else it is computed here."""
    from ehelse_map.analyses import overlap as analyse

    result = overlap if overlap is not None else analyse(
        dataset, options.as_of, country=options.country, region=options.region)
    every = [p for p in result.pairs if p.score > 0]
    pairs = every[:MAX_PAIRS]
    measurer = Measurer()
    lang = options.lang
    scope = scope_for(dataset, options)

    reach = _reach(dataset, scope, {n for p in pairs for n in (p.a, p.b)})
    biggest = max([1, *reach.values()])

    def radius(value: float) -> float:
        return min(R_MAX, max(R_MIN, R_MAX * math.sqrt(value / biggest)))

    nodes = {ident: Node(ident, display_name(dataset.networks[ident]), radius(reach[ident]),
                         network_colour(dataset.networks[ident].kind)) for ident in reach}

    legends = _legends(lang, biggest, radius)
    legend_width = max(legend_size(measurer, b)[0] for b in legends)
    head = header_height(measurer, "x")
    overlapping = {n for p in every for n in (p.a, p.b)}
    alone = sorted(display_name(n) for n in scope.networks if n.id not in overlapping)
    top = min(TOP_LABELLED, len(pairs))
    if len(every) > len(pairs):  # the strongest pairs only, and the caption says so
        caption_parts = [text("caption_overlap_strongest", lang, shown=len(pairs),
                              total=len(every), drawn=len(reach), overlapping=len(overlapping),
                              top=top)]
    else:
        caption_parts = [text("caption_overlap", lang, top=top)]
    if alone:
        listed = ", ".join(alone[:MAX_ALONE])
        if len(alone) > MAX_ALONE:
            listed += " " + text("and_more", lang, n=len(alone) - MAX_ALONE)
        caption_parts.append(text("not_overlapping", lang, n=len(alone), names=listed))
    caption_parts += source_parts(dataset, options, scope.networks)
    plot_x0, plot_x1 = MARGIN, WIDTH - MARGIN - legend_width - 0.4
    caption = caption_text(measurer, caption_parts, plot_x1 - MARGIN)
    plot = Box(plot_x0, MARGIN + caption_height(measurer, caption) + 0.2, plot_x1,
               HEIGHT - MARGIN - head - 0.1)

    sheet = Sheet(WIDTH, HEIGHT)
    draw_header(sheet, options.title or text("title_overlap", lang), subtitle(dataset, options), measurer)
    draw_caption(sheet, caption)
    ly = plot.y1
    for block in legends:
        draw_legend(sheet, plot_x1 + 0.4, ly, block, measurer)
        ly -= legend_size(measurer, block)[1] + 0.3
    if not pairs:
        sheet.text((plot.x0 + plot.x1) / 2, (plot.y0 + plot.y1) / 2, text("no_pairs", lang),
                   size=11, colour=MUTED)
        return sheet.figure

    _layout(nodes, pairs, plot)
    highlight = options.highlight
    placer = Placer(measurer, plot)
    placer.avoid((n.x, n.y, n.r) for n in nodes.values())
    for pair in sorted(pairs, key=lambda p: (p.score, p.a, p.b)):
        a, b = nodes[pair.a], nodes[pair.b]
        on = highlight is None or highlight in (pair.a, pair.b)
        sheet.line(*_edge(a, b), colour=DARK, lw=0.4 + 6.5 * pair.score,
                   alpha=(0.25 + 0.5 * pair.score) if on else 0.08, zorder=1)
    labels = []
    for node in nodes.values():
        faded = highlight is not None and highlight != node.id and not any(
            highlight in (p.a, p.b) and node.id in (p.a, p.b) for p in pairs)
        sheet.ring(node.x, node.y, node.r, colour=node.colour, alpha=0.3 if faded else 1.0)
        if highlight == node.id:
            sheet.disc(node.x, node.y, node.r + 0.05, face="none", edge="black", lw=2.2,
                       zorder=6)
        labels.append(Label(measurer.wrap(node.name, NAME_SIZE, 1.5), node.x, node.y, node.r,
                            size=NAME_SIZE, weight="bold" if highlight == node.id else "normal",
                            colour=MUTED if faded else DARK, priority=100 + node.r,
                            leader=True, halo=True))
    ranked = sorted(pairs, key=lambda p: (highlight not in (p.a, p.b), -p.score, p.a, p.b))
    for rank, pair in enumerate(ranked[:TOP_LABELLED]):
        a, b = nodes[pair.a], nodes[pair.b]
        labels.append(Label(_pair_text(dataset, pair, lang, measurer), (a.x + b.x) / 2,
                            (a.y + b.y) / 2, 0.02, size=PAIR_SIZE, colour="black",
                            priority=50 - rank, leader=True, halo=True))
    draw_placed(sheet, placer.place_all(labels))
    return sheet.figure


def _reach(dataset: Dataset, scope: Scope, ids: set[str]) -> dict[str, float]:
    return {n.id: float(sum(dataset.actors[m].count for m in scope.members[n.id])
                        or n.coverage.count or 1)
            for n in scope.networks if n.id in ids}


def _pair_text(dataset: Dataset, pair: OverlapPair, lang: str, measurer: Measurer) -> str:
    """`0.62 · Digital samhandling, Medicines · Head of health and care · 41 organisations`."""
    areas = ", ".join(vocabulary_label(dataset.areas[a], lang) for a in pair.shared_areas
                      if a in dataset.areas)
    roles = ", ".join(vocabulary_label(dataset.roles[r], lang) for r in pair.shared_roles
                      if r in dataset.roles)
    lines = [f"{pair.score:.2f} · {text('shared_orgs', lang, n=pair.shared_organisations)}",
             measurer.wrap(areas, PAIR_SIZE, 2.0, max_lines=2),
             measurer.wrap(roles, PAIR_SIZE, 2.0, max_lines=2)]
    return "\n".join(line for line in lines if line)


def _layout(nodes: dict[str, Node], pairs: list[OverlapPair], plot: Box) -> None:
    """Spring layout per connected set of networks, the sets packed by circlify into the plot."""
    import networkx as nx

    graph = nx.Graph()
    for ident in sorted(nodes):
        graph.add_node(ident)
    for pair in sorted(pairs, key=lambda p: (p.a, p.b)):
        graph.add_edge(pair.a, pair.b, weight=0.2 + pair.score)
    components = sorted((sorted(c) for c in nx.connected_components(graph)),
                        key=lambda c: (-len(c), c[0]))
    local: list[dict[str, tuple[float, float]]] = []
    extents = []
    for component in components:
        sub = graph.subgraph(component)
        if len(component) == 1:
            positions = {component[0]: (0.0, 0.0)}
        else:
            raw = nx.spring_layout(sub, weight="weight", seed=SEED, iterations=200)
            positions = _normalise({i: (float(p[0]), float(p[1]))
                                    for i, p in sorted(raw.items())}, nodes)
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
        factor = min(MAX_SPREAD, plot.width / (x1 - x0), plot.height / (y1 - y0))
        cx, cy = (plot.x0 + plot.x1) / 2, (plot.y0 + plot.y1) / 2
        for ident, (x, y) in positions.items():
            nodes[ident].x = cx + (x - (x0 + x1) / 2) * factor
            nodes[ident].y = cy + (y - (y0 + y1) / 2) * factor
            if factor < 1.0:
                nodes[ident].r *= max(factor, 0.6)
        return
    circlify = import_circlify()
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
    factor = min(MAX_SPREAD, min(unit_x, unit_y) * scale)
    for index, positions in enumerate(local):
        cx = plot.x0 + (placed[index].x - min_x) * unit_x
        cy = plot.y0 + (placed[index].y - min_y) * unit_y
        for ident, (x, y) in positions.items():
            nodes[ident].x = cx + x * factor
            nodes[ident].y = cy + y * factor
            if factor < 1.0:
                nodes[ident].r *= max(factor, 0.6)


def _edge(a: Node, b: Node) -> tuple[list[float], list[float]]:
    """The line between two bubbles, from rim to rim."""
    distance = math.hypot(b.x - a.x, b.y - a.y) or 1.0
    ux, uy = (b.x - a.x) / distance, (b.y - a.y) / distance
    return [a.x + ux * a.r, b.x - ux * b.r], [a.y + uy * a.r, b.y - uy * b.r]


def _widen(positions: dict[str, tuple[float, float]]) -> dict[str, tuple[float, float]]:
    """Turn a layout so that its longest spread runs across: plots are wider than tall."""
    if len(positions) < 2:
        return positions
    xs = [x for x, _ in positions.values()]
    ys = [y for _, y in positions.values()]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    sxx = sum((x - mx) ** 2 for x in xs)
    syy = sum((y - my) ** 2 for y in ys)
    sxy = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=False))
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
                                      positions[a][1] - positions[b][1]) - 0
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


def _legends(lang: str, biggest: float, radius: Callable[[float], float]) -> list[LegendBlock]:
    kinds = LegendBlock(text("legend_networks", lang), [
        LegendEntry(text(group, lang), "ring", colour) for group, (colour, _) in
        NETWORK_GROUPS.items()])
    sizes = LegendBlock(text("legend_size", lang), [
        LegendEntry(text("size_reach", lang, n=v), "ring", "#999999", size=radius(v))
        for v in nice_sizes(biggest)])
    scores = LegendBlock(text("legend_score", lang), [
        LegendEntry(f"{s:.2f}", "line", DARK, size=0.4 + 6.5 * s) for s in (0.1, 0.5, 1.0)])
    return [kinds, sizes, scores]
