"""`landscape`: the bubble picture of how e-health is organised (seed 004's "colourful bubbles").

Three tiers (state and national, regional, municipalities), one column per country. Each tier
holds a row of organisations (discs, coloured by kind) and a row of networks (rings, coloured by
kind); municipalities are packed into one circle per county (circlify, area ∝ population). Lines
run from each network to the organisations and municipality groups it reaches, thicker for more
organisations, so a network visibly spans the tiers. Bubbles are sized by organisations reached:
a network's own reach, an organisation's through the networks it hosts or funds.

Networks are ordered by where their lines go (barycentre of their targets), which keeps lines
short and crossings few.

A picture has a detail budget (`--max-bubbles`, default 24): each country shows at most that
many organisations and networks per tier, and half as many municipality groups. What does not
fit, by least reach, is summarised in one dashed "+N more" bubble per row, and the caption says
how much; --country and --region show the rest. A whole Nordic data set stays readable, and
drawing it costs about the same at any size.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from typing import TYPE_CHECKING, TypeVar, cast

from ehelse_map.load.vocab import COUNTRIES
from ehelse_map.model.records import Actor, Dataset, Network
from ehelse_map.render.diagrams.i18n import listing, text
from ehelse_map.render.diagrams.layout.labels import Label, Placer, draw_placed
from ehelse_map.render.diagrams.layout.packing import pack_municipalities
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
from ehelse_map.render.diagrams.layout.tiers import (
    ROW_GAP,
    TIER_PAD,
    TIERS,
    Item,
    Row,
    arrange,
    columns_for,
    stack,
)
from ehelse_map.render.diagrams.scope import Scope, scope_for, subtitle
from ehelse_map.render.diagrams.style import (
    ACTOR_GROUPS,
    DARK,
    GREY,
    MUTED,
    NETWORK_GROUPS,
    Box,
    DiagramOptions,
    actor_colour,
    actor_group,
    display_name,
    network_colour,
    nice_sizes,
    source_parts,
)

if TYPE_CHECKING:
    from matplotlib.figure import Figure

WIDTH = 16.0
TIER_LABEL = 0.45
R_MIN, R_MAX = 0.07, 0.40
GROUP_MIN, GROUP_MAX = 0.42, 1.3
LABEL_SIZE = 7.2
LABEL_WIDTH = 1.18
GROUP_LABEL_WIDTH = 2.6
"""A county's name under its group of municipalities wraps at this width (inches)."""
LEGEND_GAP = 0.55


def build(dataset: Dataset, options: DiagramOptions) -> Figure:
    scope = scope_for(dataset, options)
    measurer = Measurer()
    if not scope.countries:
        return _empty(dataset, options, measurer)
    reach = _reach(dataset, scope)
    biggest = max([1, *reach.values()])

    def radius(value: float) -> float:
        return min(R_MAX, max(R_MIN, R_MAX * math.sqrt(value / biggest)))

    def labelled(key: str, kind: str, r: float, colour: str, name: str,
                 record: Actor | Network | None = None) -> Item:
        wrapped = measurer.wrap(name, LABEL_SIZE, LABEL_WIDTH)
        w, h = measurer.size(wrapped, LABEL_SIZE)
        return Item(key, kind, r, colour, wrapped, w, h, record)

    def summary(key: str, count: int, what: str) -> Item:
        label = measurer.wrap(text(what, options.lang, n=count), LABEL_SIZE, LABEL_WIDTH)
        w, h = measurer.size(label, LABEL_SIZE)
        return Item(key, "more", R_MIN * 2, GREY, label, w, h)

    # rows[country][tier] -> (organisations row, networks row)
    rows: dict[str, dict[str, list[Row]]] = {}
    items_by_key: dict[str, Item] = {}
    drawn_in: dict[str, str] = {}
    summarised: Counter[str] = Counter()
    by_place: dict[tuple[str, str], tuple[list[Actor], list[Network]]] = defaultdict(
        lambda: ([], []))
    for actor in scope.actors:
        by_place[actor.country, actor.level][0].append(actor)
    for network in scope.networks:
        by_place[network.country, network.level][1].append(network)
    for country in scope.countries:
        tiers: dict[str, list[Row]] = {}
        for tier in TIERS:
            orgs, nets = by_place[country, tier]
            orgs, hidden_orgs = _widest(orgs, reach, options.max_bubbles, options.highlight)
            orgs.sort(key=lambda a: (list(ACTOR_GROUPS).index(actor_group(a.kind)),
                                     -reach.get(a.id, 0), display_name(a)))
            org_items = [labelled(a.id, "actor", radius(reach.get(a.id, 0)),
                                  actor_colour(a.kind), display_name(a), a) for a in orgs]
            if hidden_orgs:
                key = f"more:{country}:{tier}:actors"
                org_items.append(summary(key, len(hidden_orgs), "more_organisations"))
                drawn_in.update((a.id, key) for a in hidden_orgs)
                summarised["organisations"] += len(hidden_orgs)
            nets, hidden_nets = _widest(nets, reach, options.max_bubbles, options.highlight)
            net_items = [labelled(n.id, "network", radius(reach.get(n.id, 0)),
                                  network_colour(n.kind), _network_label(n, scope, options),
                                  n) for n in nets]
            if hidden_nets:
                key = f"more:{country}:{tier}:networks"
                net_items.append(summary(key, len(hidden_nets), "more_networks"))
                drawn_in.update((n.id, key) for n in hidden_nets)
                summarised["networks"] += len(hidden_nets)
            if tier == "local":
                groups, hidden_groups = _group_items(dataset, scope, country, options, measurer,
                                                     drawn_in)
                summarised["groups"] += hidden_groups
                org_items = groups + org_items
                tiers[tier] = [Row(net_items), Row(org_items)]
            else:
                tiers[tier] = [Row(org_items), Row(net_items)]
            for item in org_items + net_items:
                items_by_key[item.key] = item
        rows[country] = tiers

    legends = _legends(options, biggest)
    content_x0 = MARGIN + TIER_LABEL
    content_x1 = WIDTH - MARGIN
    targets = _targets(dataset, scope, items_by_key, drawn_in)
    columns = columns_for(rows, content_x0, content_x1, targets, items_by_key)

    # y positions: tiers top to bottom, every country sharing each tier's band
    head = header_height(measurer, "x")
    country_head = 0.32
    heights = arrange(rows, columns, targets, items_by_key)
    caption_parts = [text("caption_landscape", options.lang)]
    counted = [text(f"summarised_{kind}", options.lang, n=summarised[kind])
               for kind in ("organisations", "networks", "groups") if summarised[kind]]
    if counted:
        caption_parts.append(text("caption_summarised", options.lang,
                                  what=listing(counted, options.lang),
                                  limit=options.max_bubbles, shown=options.max_bubbles - 1))
    caption_parts += source_parts(dataset, options, scope.networks + scope.actors)
    caption = caption_text(measurer, caption_parts, content_x1 - MARGIN)
    body = sum(heights.values())
    legend_lines = _legend_lines(legends, content_x1 - MARGIN, measurer)
    legend_height = sum(max(legend_size(measurer, b)[1] for b in line) + 0.25
                        for line in legend_lines)
    height = (head + country_head + body + 0.25 + legend_height
              + caption_height(measurer, caption) + MARGIN * 1.2)
    sheet = Sheet(WIDTH, height)
    top = height - MARGIN - head - country_head

    placer = Placer(measurer, Box(0.05, 0.05, WIDTH - 0.05, height - 0.05))
    y = top
    bands = {}
    for _index, tier in enumerate(TIERS):
        bands[tier] = (y - heights[tier], y)
        for country in scope.countries:
            row_top = y - TIER_PAD
            for row in rows[country][tier]:
                if not row.items:
                    continue
                stack(row, row_top)
                row_top -= row.height + ROW_GAP
        y -= heights[tier]

    _draw_frame(sheet, scope, options, columns, bands, content_x0, content_x1, top,
                country_head, placer)
    related = _related(dataset, scope, options, drawn_in)
    _draw_links(sheet, targets, items_by_key, related)
    labels = _draw_items(sheet, items_by_key, related, options, measurer)
    placer.avoid((i.x, i.y, i.r) for i in items_by_key.values())
    draw_placed(sheet, placer.place_all(labels))

    ly = y - 0.25
    for line in legend_lines:
        lx = MARGIN
        for block in line:
            draw_legend(sheet, lx, ly, block, measurer)
            lx += legend_size(measurer, block)[0] + LEGEND_GAP
        ly -= max(legend_size(measurer, b)[1] for b in line) + 0.25
    draw_header(sheet, options.title or text("title_landscape", options.lang),
                subtitle(dataset, options), measurer)
    draw_caption(sheet, caption)
    return sheet.figure


def _empty(dataset: Dataset, options: DiagramOptions, measurer: Measurer) -> Figure:
    """Nothing in the selection: say so, with the usual title and caption."""
    caption = caption_text(measurer, source_parts(dataset, options, []), WIDTH - 2 * MARGIN)
    height = 4.0
    sheet = Sheet(WIDTH, height)
    draw_header(sheet, options.title or text("title_landscape", options.lang),
                subtitle(dataset, options), measurer)
    sheet.text(WIDTH / 2, height / 2, text("nothing_selected", options.lang), size=11,
               colour=MUTED)
    draw_caption(sheet, caption)
    return sheet.figure


# --- data ---------------------------------------------------------------------------------------

def _reach(dataset: Dataset, scope: Scope) -> dict[str, float]:
    """Organisations reached: by each network, and by each organisation through the networks it
    hosts or funds (aggregates count as the organisations they stand for)."""
    reach: dict[str, float] = {}
    by_actor: dict[str, set[str]] = defaultdict(set)
    for network in scope.networks:
        members = scope.members[network.id]
        if members:
            reach[network.id] = sum(dataset.actors[m].count for m in members)
        else:
            reach[network.id] = network.coverage.count or 0
        for actor_id in cast("set[str]", {network.host, *(f.source for f in network.funding)} - {None}):
            by_actor[actor_id].update(members)
    for actor_id, reached in by_actor.items():
        reach[actor_id] = sum(dataset.actors[m].count for m in reached)
    return reach


def _network_label(network: Network, scope: Scope, options: DiagramOptions) -> str:
    name = display_name(network)
    if not scope.members[network.id] and network.coverage.count:
        return f"{name} · {text('count_only', options.lang, n=network.coverage.count)}"
    return name


_Record = TypeVar("_Record", bound="Actor | Network")


def _widest(records: list[_Record], reach: dict[str, float], limit: int,
            keep: str | None) -> tuple[list[_Record], list[_Record]]:
    """(shown, left out), each in the order given: all shown when they fit, else the
    `limit - 1` with the widest reach (always `keep`), leaving room for a "+N more" bubble."""
    if len(records) <= limit:
        return list(records), []
    ranked = sorted(records, key=lambda r: (r.id != keep, -reach.get(r.id, 0), r.id))
    shown = {r.id for r in ranked[:limit - 1]}
    return ([r for r in records if r.id in shown], [r for r in records if r.id not in shown])


def _group_key(actor: Actor) -> str:
    if actor.count > 1:
        return f"aggregate:{actor.id}"
    return f"group:{actor.region or actor.catchment or actor.country}"


def _group_items(dataset: Dataset, scope: Scope, country: str, options: DiagramOptions,
                 measurer: Measurer, drawn_in: dict[str, str]) -> tuple[list[Item], int]:
    """One item per municipality group of `country`: all of them, or when there are more than
    half of --max-bubbles, the largest and one "+N more" item. Records in `drawn_in` the item
    each municipality is drawn in; returns the items and how many groups were summarised."""
    groups: dict[str, list[Actor]] = defaultdict(list)
    for actor in scope.municipalities:
        if actor.country == country:
            groups[_group_key(actor)].append(actor)
    hidden: list[Actor] = []
    hidden_groups = 0
    limit = max(2, options.max_bubbles // 2)
    if len(groups) > limit:
        highlighted = {_group_key(a) for a in scope.municipalities if a.id == options.highlight}
        ranked = sorted(groups, key=lambda k: (k not in highlighted,
                                               -sum(a.count for a in groups[k]), k))
        for key in ranked[limit - 1:]:
            hidden.extend(groups.pop(key))
            hidden_groups += 1
    items = []
    for key, members in groups.items():
        for actor in members:
            drawn_in[actor.id] = key
        if key.startswith("aggregate:"):
            actor = members[0]
            r = min(0.75, max(0.25, 0.07 * math.sqrt(actor.count)))
            name = text("group_count", options.lang, name=display_name(actor), n=actor.count)
            wrapped = measurer.wrap(name, LABEL_SIZE + 0.6, 1.6)
        else:
            region = key.split(":", 1)[1]
            r = min(GROUP_MAX, max(GROUP_MIN, 0.18 * math.sqrt(len(members))))
            region_actor = dataset.actors.get(region)
            region_name = (display_name(region_actor) if region_actor
                           else text(f"country_{region}", options.lang)
                           if f"country_{region}" in _COUNTRY_KEYS else region)
            # the name wrapped (and cut), so a long one keeps its count
            region_name = measurer.wrap(region_name, LABEL_SIZE + 0.6, GROUP_LABEL_WIDTH, "bold",
                                        max_lines=2)
            wrapped = text("group_count", options.lang, name=region_name, n=len(members))
        w, h = measurer.size(wrapped, LABEL_SIZE + 0.6, "bold")
        item = Item(key, "aggregate" if key.startswith("aggregate:") else "group", r,
                    ACTOR_GROUPS["municipality"][0], wrapped, w, h, None, members)
        items.append(item)
    items.sort(key=lambda i: (i.kind == "aggregate", -len(i.members), i.key))
    if hidden:
        key = f"more:{country}:municipalities"
        for actor in hidden:
            drawn_in[actor.id] = key
        count = sum(a.count for a in hidden)
        label = text("more_groups", options.lang, n=hidden_groups, m=count)
        w, h = measurer.size(label, LABEL_SIZE + 0.6, "bold")
        # on the scale of what it stands for: records for many, or listed municipalities
        r = (min(0.75, max(0.25, 0.07 * math.sqrt(count))) if all(a.count > 1 for a in hidden)
             else min(GROUP_MAX, max(GROUP_MIN, 0.18 * math.sqrt(count))))
        items.append(Item(key, "more", r, GREY, label, w, h))
    return items, hidden_groups


_COUNTRY_KEYS = {f"country_{c}" for c in COUNTRIES}


def _targets(dataset: Dataset, scope: Scope, items: dict[str, Item],
             drawn_in: dict[str, str]) -> dict[str, dict[str, float]]:
    """network id -> {item key it reaches: organisations reached there}."""
    result: dict[str, dict[str, float]] = {}
    for network in scope.networks:
        if network.id not in items:
            continue
        weights: dict[str, float] = defaultdict(float)
        for member in scope.members[network.id]:
            actor = dataset.actors[member]
            key = drawn_in.get(member, member)
            if key in items and key != network.id:
                weights[key] += actor.count
        result[network.id] = dict(weights)
    return result


def _related(dataset: Dataset, scope: Scope, options: DiagramOptions,
             drawn_in: dict[str, str]) -> set[str] | None:
    """Keys of what --highlight concerns (None: nothing highlighted)."""
    ident = options.highlight
    if ident is None:
        return None
    keys = {ident}
    if ident in dataset.networks:
        network = dataset.networks[ident]
        keys.update(m for m in scope.members.get(ident, ()))
        if network.host:
            keys.add(network.host)
    else:
        for network in scope.networks:
            involved = (ident in scope.members[network.id] or network.host == ident
                        or any(f.source == ident for f in network.funding))
            if involved:
                keys.add(network.id)
    # what is drawn inside a group or a "+N more" bubble lights up that bubble
    return keys | {drawn_in[k] for k in keys if k in drawn_in}


# --- drawing ------------------------------------------------------------------------------------

def _draw_frame(sheet: Sheet, scope: Scope, options: DiagramOptions,
                columns: dict[str, tuple[float, float]], bands: dict[str, tuple[float, float]],
                x0: float, x1: float, top: float, country_head: float, placer: Placer) -> None:

    for index, tier in enumerate(TIERS):
        low, high = bands[tier]
        if index % 2 == 0:
            sheet.rect(Box(MARGIN, low, x1, high), face="#F3F3F3", zorder=0)
        label = text(f"tier_{tier}", options.lang)
        sheet.text(MARGIN + TIER_LABEL / 2 - 0.05, (low + high) / 2, label, size=9,
                   weight="bold", colour=MUTED, rotation=90)
        w, h = placer.measurer.size(label, 9, "bold")
        placer.block(Box(MARGIN + TIER_LABEL / 2 - 0.05 - h / 2, (low + high) / 2 - w / 2,
                          MARGIN + TIER_LABEL / 2 - 0.05 + h / 2, (low + high) / 2 + w / 2))
    bottom = min(low for low, _ in bands.values())
    for index, (country, (cx0, cx1)) in enumerate(columns.items()):
        if index:
            sheet.line([cx0, cx0], [bottom, top + country_head * 0.8], colour="#CCCCCC",
                       lw=0.8, zorder=0.5)
        name = text(f"country_{country}", options.lang) if f"country_{country}" in \
            _COUNTRY_KEYS else country
        sheet.text((cx0 + cx1) / 2, top + country_head / 2, name, size=10.5, weight="bold",
                   colour="black")
        w, h = placer.measurer.size(name, 10.5, "bold")
        centre = (cx0 + cx1) / 2
        placer.block(Box(centre - w / 2, top + country_head / 2 - h / 2, centre + w / 2,
                         top + country_head / 2 + h / 2))


def _draw_links(sheet: Sheet, targets: dict[str, dict[str, float]], items: dict[str, Item],
                related: set[str] | None) -> None:
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


def _top_point(source: Item, target: Item) -> tuple[float, float]:
    """Where a line from above meets a target: on its upper rim, towards the source, so lines
    into a big group fan out instead of meeting in one point."""
    if target.kind not in ("group", "aggregate"):
        return target.x, target.y + target.r
    angle = math.atan2(source.y - target.y, source.x - target.x)
    angle = min(max(angle, math.radians(40)), math.radians(140))
    return target.x + target.r * math.cos(angle), target.y + target.r * math.sin(angle)


def _draw_items(sheet: Sheet, items: dict[str, Item], related: set[str] | None,
                options: DiagramOptions, measurer: Measurer) -> list[Label]:
    labels = []
    for item in items.values():
        faded = related is not None and item.key not in related
        alpha = 0.3 if faded else 1.0
        emphasis = related is not None and item.key == options.highlight
        if item.kind == "network":
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
            labels.extend(_draw_group(sheet, item, related, options, alpha))
        if emphasis:
            sheet.disc(item.x, item.y, item.r + 0.04, face="none", edge="black", lw=2.0,
                       zorder=6)
        grouped = item.kind in ("group", "aggregate") or item.key.endswith(":municipalities")
        size = LABEL_SIZE + (0.6 if grouped else 0)
        weight = "bold" if grouped or emphasis else "normal"
        labels.append(Label(item.label, item.x, item.y, item.r, size=size, weight=weight,
                            colour=MUTED if faded else DARK, priority=10 + item.r,
                            sides=("below",), halo=True, key=item.key))
    return labels


def _draw_group(sheet: Sheet, item: Item, related: set[str] | None, options: DiagramOptions,
                alpha: float) -> list[Label]:
    """Pack a county's municipalities into its circle, clustered by health-trust area."""
    sheet.disc(item.x, item.y, item.r, face="#DCEFFA", edge="#9CCBE8", lw=0.8, zorder=2)
    labels = []
    for circle in pack_municipalities(item.members, item.x, item.y, item.r * 0.97):
        if circle.actor is None:
            sheet.disc(circle.x, circle.y, circle.r, face="#EAF5FC", edge="#B5D8EE", lw=0.5,
                       zorder=2.5)
            continue
        actor = circle.actor
        on = related is None or actor.id in related
        sheet.disc(circle.x, circle.y, circle.r, face=ACTOR_GROUPS["municipality"][0],
                   edge="white", lw=0.4, alpha=None if on and alpha == 1.0 else 0.3, zorder=3)
        if related is not None and actor.id == options.highlight:
            sheet.disc(circle.x, circle.y, circle.r + 0.03, face="none", edge="black", lw=1.8,
                       zorder=6)
        labels.append(Label(display_name(actor), circle.x, circle.y, circle.r, size=6.2,
                            colour="black", priority=circle.r, inside=True, sides=(),
                            key=actor.id))
    return labels


def _legends(options: DiagramOptions, biggest: float) -> list[LegendBlock]:
    lang = options.lang
    actors = LegendBlock(text("legend_actors", lang), [
        LegendEntry(text(group, lang), "disc", colour) for group, (colour, _) in
        ACTOR_GROUPS.items()])
    networks = LegendBlock(text("legend_networks", lang), [
        LegendEntry(text(group, lang), "ring", colour) for group, (colour, _) in
        NETWORK_GROUPS.items()] + [LegendEntry(text("link_reach", lang), "line", "#999999",
                                               size=2.5)])
    sizes = []
    for value in nice_sizes(biggest):
        r = min(R_MAX, max(R_MIN, R_MAX * math.sqrt(value / biggest)))
        sizes.append(LegendEntry(text("size_reach", lang, n=value), "ring", "#999999", size=r))
    size_block = LegendBlock(text("legend_size", lang), sizes)
    municipalities = LegendBlock(text("tier_local", lang), [
        LegendEntry(text("size_municipality", lang), "disc", ACTOR_GROUPS["municipality"][0],
                    size=0.06),
        LegendEntry(text("legend_clusters", lang), "disc", "#EAF5FC", size=0.08,
                    edge="#B5D8EE"),
        LegendEntry(text("legend_aggregate", lang), "hatch", ACTOR_GROUPS["municipality"][0],
                    size=0.08)])
    return [actors, networks, municipalities, size_block]


def _legend_lines(blocks: list[LegendBlock], width: float,
                  measurer: Measurer) -> list[list[LegendBlock]]:
    """Legend blocks side by side under the picture, wrapping when they do not fit."""
    lines: list[list[LegendBlock]] = [[]]
    used = 0.0
    for block in blocks:
        block_width = legend_size(measurer, block)[0] + LEGEND_GAP
        if lines[-1] and used + block_width > width:
            lines.append([])
            used = 0.0
        lines[-1].append(block)
        used += block_width
    return lines
