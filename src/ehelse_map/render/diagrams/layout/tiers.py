"""The landscape's layout: rows of bubbles flowed into country columns and stacked into tiers,
and the column widths that make the picture lowest."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from ehelse_map.model.records import Actor, Network

GAP = 0.16
"""Least space between two bubbles' label boxes in a row (inches)."""
ROW_GAP = 0.16
TIER_PAD = 0.2
TIERS = ("national", "regional", "local")
GRID = 0.2
"""Step of the column widths tried (inches)."""


@dataclass(frozen=True)
class Spacing:
    """Space between the rows of a tier, and above and below its rows (inches)."""

    row_gap: float = ROW_GAP
    tier_pad: float = TIER_PAD


NATURAL = Spacing()
COMPACT = Spacing(0.1, 0.12)
"""A page too small for the natural spacing."""
TIGHT = Spacing(0.06, 0.08)
"""A page too small for even that."""


@dataclass
class Item:
    key: str
    kind: str
    """`actor`, `network`, `group` (packed municipalities) or `aggregate`."""
    r: float
    colour: str
    label: str
    label_w: float
    label_h: float
    record: Actor | Network | None = None
    members: list[Actor] = field(default_factory=list)
    x: float = 0.0
    y: float = 0.0

    @property
    def width(self) -> float:
        return max(2 * self.r, self.label_w) + GAP


@dataclass
class Row:
    items: list[Item]
    lines: list[list[Item]] = field(default_factory=list)
    height: float = 0.0


def arrange(rows: dict[str, dict[str, list[Row]]], columns: dict[str, tuple[float, float]],
            targets: dict[str, dict[str, float]], items: dict[str, Item],
            spacing: Spacing = NATURAL) -> dict[str, float]:
    """Flow every row into its country column; returns the height of each tier."""
    heights = {c: flow_country(rows[c], x0, x1, targets, items, spacing)
               for c, (x0, x1) in columns.items()}
    return {tier: max(h[tier] for h in heights.values()) for tier in TIERS}


def flow_country(tiers: dict[str, list[Row]], x0: float, x1: float,
                 targets: dict[str, dict[str, float]], items: dict[str, Item],
                 spacing: Spacing = NATURAL) -> dict[str, float]:
    """Flow one country's rows into [x0, x1]: organisation and group rows first, then networks
    sorted by the barycentre of what they reach, so their lines run as straight down as they
    can. Returns each tier's height."""
    for tier_rows in tiers.values():
        for row in tier_rows:
            if row.items and row.items[0].kind != "network":
                flow(row, x0, x1, spacing.row_gap)
    for tier_rows in tiers.values():
        for row in tier_rows:
            if row.items and row.items[0].kind == "network":
                row.items.sort(key=lambda item: (barycentre(item, targets, items), item.key))
                flow(row, x0, x1, spacing.row_gap)
    heights = {}
    for tier in TIERS:
        filled = [r for r in tiers[tier] if r.items]
        heights[tier] = (sum(r.height for r in filled)
                         + spacing.row_gap * max(0, len(filled) - 1) + 2 * spacing.tier_pad)
    return heights


def tier_heights(tiers: dict[str, list[Row]], width: float,
                 spacing: Spacing = NATURAL) -> dict[str, float]:
    """Each tier's height when its rows wrap at `width` (in their present order): what
    `_flow_country` would give, without placing anything."""
    heights = {}
    for tier in TIERS:
        filled = [r for r in tiers[tier] if r.items]
        total = 2 * spacing.tier_pad + spacing.row_gap * max(0, len(filled) - 1)
        for row in filled:
            lines = wrap(row.items, width)
            total += (sum(line_height(line) for line in lines)
                      + spacing.row_gap * (len(lines) - 1))
        heights[tier] = total
    return heights


def wrap(items: list[Item], width: float) -> list[list[Item]]:
    lines: list[list[Item]] = [[]]
    used = 0.0
    for item in items:
        if lines[-1] and used + item.width > width:
            lines.append([])
            used = 0.0
        lines[-1].append(item)
        used += item.width
    return [line for line in lines if line]


NARROWEST_COLUMN = 1.2
"""A country column is never narrower than this (inches), nor than its widest bubble."""


def narrowest(tiers: dict[str, list[Row]]) -> float:
    """The narrowest column a country's rows fit in: its widest item, at least
    `NARROWEST_COLUMN`."""
    return max([NARROWEST_COLUMN, *(i.width for t in tiers.values() for r in t for i in r.items)])


def columns_fit(rows: dict[str, dict[str, list[Row]]], space: float) -> bool:
    """Whether every country gets at least its narrowest column (on `columns_for`'s grid)
    within `space` inches."""
    if len(rows) <= 1:
        return True
    return sum(_least_step(narrowest(t)) for t in rows.values()) <= int(space / GRID)


def _least_step(width: float) -> int:
    """The first grid step `k` (from 1) with `k * GRID >= width`, compared as `columns_for`
    compares (0.2 * 3 is 0.6000000000000001)."""
    step = max(1, math.ceil(width / GRID))
    while step * GRID < width:
        step += 1
    while step > 1 and (step - 1) * GRID >= width:
        step -= 1
    return step


def columns_for(rows: dict[str, dict[str, list[Row]]], x0: float, x1: float,
                targets: dict[str, dict[str, float]], items: dict[str, Item],
                spacing: Spacing = NATURAL) -> dict[str, tuple[float, float]]:
    """Country columns whose widths give the lowest picture.

    A column's tier heights depend on its own width only, so each country's heights are
    tabulated once on a grid of widths (with rows in their first order: sorting networks by
    where their lines go rarely changes how many lines a row needs); the total height (the sum
    over tiers of the tallest column) is then searched exhaustively for up to three countries,
    and by moving width between pairs of columns for more. When `x1 - x0` cannot give every
    country its narrowest column (`columns_fit`), each gets its narrowest, all squeezed to fit.
    """
    countries = list(rows)
    space = x1 - x0
    if len(countries) == 1:
        columns = {countries[0]: (x0, x1)}
        arrange(rows, columns, targets, items, spacing)
        return columns
    least = {c: narrowest(rows[c]) for c in countries}
    steps = int(space / GRID)
    if not columns_fit(rows, space):  # too narrow for all: each its narrowest, squeezed to fit
        steps = sum(_least_step(least[c]) for c in countries)
    table = {c: {k: tier_heights(rows[c], k * GRID, spacing)
                 for k in range(1, steps + 1) if k * GRID >= least[c]} for c in countries}

    def cost(choice: dict[str, int]) -> float:
        return sum(max(table[c][choice[c]][tier] for c in countries) for tier in TIERS)

    best: dict[str, int] | None = None
    best_cost = math.inf
    if len(countries) <= 3:
        first, *middle, last = countries
        for step_a in table[first]:
            for step_b in (table[middle[0]] if middle else [None]):
                used = step_a + (step_b or 0)
                rest = steps - used
                if rest not in table[last]:
                    continue
                choice = {first: step_a, last: rest}
                if step_b is not None:  # None when there is no middle column
                    choice[middle[0]] = step_b
                value = cost(choice)
                if value < best_cost - 1e-9:
                    best, best_cost = choice, value
    if best is None:  # many countries (or none fits): shares, then pairwise moves
        wanted = {c: max(least[c], 1.0) for c in countries}
        total = sum(wanted.values())
        shares = {c: max(min(table[c]), int(steps * wanted[c] / total)) for c in countries}
        while sum(shares.values()) > steps:
            widest = max(shares, key=lambda c: shares[c] - min(table[c]))
            shares[widest] -= 1
        best = shares
        best_cost = cost(best) if all(best[c] in table[c] for c in countries) else math.inf
        for _ in range(200):
            moved = False
            for a in countries:
                for b in countries:
                    trial = dict(best)
                    trial[a] += 1
                    trial[b] -= 1
                    if a == b or trial[a] not in table[a] or trial[b] not in table[b]:
                        continue
                    value = cost(trial)
                    if value < best_cost - 1e-9:
                        best, best_cost, moved = trial, value, True
            if not moved:
                break
    scale = space / (sum(best.values()) * GRID)
    columns, x = {}, x0
    for c in countries:
        columns[c] = (x, x + best[c] * GRID * scale)
        x += best[c] * GRID * scale
    arrange(rows, columns, targets, items, spacing)
    return columns


def flow(row: Row, x0: float, x1: float, gap: float = ROW_GAP) -> None:
    """Fill lines left to right within [x0, x1], each line centred; sets x."""
    row.lines = wrap(row.items, x1 - x0)
    for line in row.lines:
        width = sum(i.width for i in line)
        x = x0 + (x1 - x0 - width) / 2
        for item in line:
            item.x = x + item.width / 2
            x += item.width
    row.height = sum(line_height(line) for line in row.lines) + gap * (len(row.lines) - 1)


def line_height(line: list[Item]) -> float:
    top = max(i.r for i in line)
    return max(top + i.r + 0.05 + i.label_h for i in line)


def stack(row: Row, top: float, gap: float = ROW_GAP) -> None:
    for line in row.lines:
        centre = top - max(i.r for i in line)
        for item in line:
            item.y = centre
        top -= line_height(line) + gap


def barycentre(item: Item, targets: dict[str, dict[str, float]],
                items: dict[str, Item]) -> float:
    reached = targets.get(item.key, {})
    weights = [(items[k].x, w) for k, w in reached.items() if k in items]
    total = sum(w for _, w in weights)
    if not total:
        host = getattr(item.record, "host", None)
        return items[host].x if host in items else 1e6
    return sum(x * w for x, w in weights) / total
