"""Circle packing with circlify: municipalities (area ∝ population) in their county's circle,
clustered by health-trust area (catchment).

The two-level packing is also what keeps it fast: circlify places each circle against every
pair already placed, so ten groups of five pack far quicker than fifty circles in one. Its time
grows with about the fourth power of the circles in one level (0.7 s for 80 in circlify's
Python, 0.04 s computed with numpy by `huang.pack_a1_0`, which gives the same circles), so a
level of more than `MAX_LEVEL` circles is packed by the front-chain method instead
(`front_chain`), whose time grows with the circles times the length of the packing's rim.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import NamedTuple

from ehelse_map.model.records import Actor
from ehelse_map.render.diagrams.layout import huang

MAX_LEVEL = 80
"""Most circles packed by circlify in one level (the 68 counties of the Nordic countries fit);
larger levels are packed by `front_chain`."""


@dataclass(frozen=True)
class Packed:
    x: float
    y: float
    r: float
    actor: Actor | None
    """None for the circle of a cluster (a health-trust area)."""
    cluster: str = ""
    """The key of a cluster circle, or of the node a leaf was packed as."""


def weight_of(actor: Actor, fallback: float) -> float:
    """Population of one organisation the record stands for (aggregates: the average)."""
    if actor.population:
        return actor.population / max(actor.count, 1)
    return fallback


@dataclass
class Node:
    """A circle to pack: a leaf with a weight (area), or a branch holding other nodes."""

    key: str
    weight: float = 0.0
    children: list[Node] = field(default_factory=list)
    actor: Actor | None = None


def natural(node: Node) -> tuple[float, list[Packed]]:
    """Pack bottom-up so that every leaf's area is its weight, across all branches alike.

    circlify packs one level into a unit circle; its circles keep the ratio of their radii, so
    one factor turns them back into true sizes. Returns the node's radius and its descendants,
    centred on the node. (Packing top-down instead would fill every branch to its rim and give
    leaves of equal weight different sizes in different branches.)
    """
    if not node.children:
        return math.sqrt(max(node.weight, 1e-9)), []
    inner = [(child, *natural(child)) for child in node.children]
    if len(inner) == 1:
        child, radius, below = inner[0]
        return radius, [Packed(0.0, 0.0, radius, child.actor, child.key), *below]
    if len(inner) > MAX_LEVEL:
        centres, scale = front_chain([radius for _, radius, _ in inner])
    else:
        circlify = huang.circlify()
        packed = circlify.circlify([{"id": str(i), "datum": r * r} for i, (_, r, _) in
                                    enumerate(inner)],
                                   target_enclosure=circlify.Circle(x=0, y=0, r=1))
        spots = {int(c.ex["id"]): c for c in packed if c.ex and "id" in c.ex}
        first = max(spots, key=lambda i: spots[i].r)
        scale = inner[first][1] / spots[first].r
        centres = [(spots[i].x * scale, spots[i].y * scale) for i in range(len(inner))]
    result: list[Packed] = []
    for (child, radius, below), (cx, cy) in zip(inner, centres, strict=False):
        result.append(Packed(cx, cy, radius, child.actor, child.key))
        result.extend(Packed(cx + p.x, cy + p.y, p.r, p.actor, p.cluster) for p in below)
    return scale, result


class _Circle(NamedTuple):
    x: float
    y: float
    r: float


def front_chain(radii: list[float]) -> tuple[list[tuple[float, float]], float]:
    """Circles of `radii` packed in their order, each tangent to two on the rim (the "front
    chain") nearest the centre: Wang et al. (2006), as d3-hierarchy's `packSiblings` does it.
    Returns their centres and the radius of the smallest circle around them, centred on the
    origin. Each circle is checked against the rim only, never against every circle placed.
    """
    n = len(radii)
    xs, ys, rs = [0.0] * n, [0.0] * n, list(radii)
    if n == 1:
        return [(0.0, 0.0)], rs[0]
    if n == 2:
        return [(-rs[1], 0.0), (rs[0], 0.0)], rs[0] + rs[1]
    xs[0], xs[1] = -rs[1], rs[0]
    _place(xs, ys, rs, 1, 0, 2)
    after, before = [1, 2, 0] + [0] * (n - 3), [2, 0, 1] + [0] * (n - 3)  # the rim, a ring
    a, b = 0, 1
    i = 3
    while i < n:
        _place(xs, ys, rs, a, b, i)
        # the nearest rim circle (by length along the rim) the new one overlaps, if any
        j, k, sj, sk = after[b], before[a], rs[b], rs[a]
        blocked = False
        while True:
            if sj <= sk:
                if _overlap(xs, ys, rs, j, i):
                    b, after[a], before[j] = j, j, a
                    blocked = True
                    break
                sj, j = sj + rs[j], after[j]
            else:
                if _overlap(xs, ys, rs, k, i):
                    a, after[k], before[b] = k, b, k
                    blocked = True
                    break
                sk, k = sk + rs[k], before[k]
            if j == after[k]:
                break
        if blocked:
            continue  # place circle i again, tangent to the new pair
        before[i], after[i], after[a], before[b] = a, b, i, i
        b = i
        # the next pair: the rim neighbours whose weighted midpoint is nearest the centre
        best, c = _score(xs, ys, rs, a, i), after[i]
        while c != i:
            value = _score(xs, ys, rs, c, after[c])
            if value < best:
                a, best = c, value
            c = after[c]
        b = after[a]
        i += 1
    rim, c = [b], after[b]
    while c != b:
        rim.append(c)
        c = after[c]
    around = huang.circlify().enclose([_Circle(xs[c], ys[c], rs[c]) for c in rim])
    return [(x - around.x, y - around.y) for x, y in zip(xs, ys, strict=False)], around.r


def _place(xs: list[float], ys: list[float], rs: list[float], b: int, a: int, c: int) -> None:
    """Put circle c tangent to circles a and b (on the side that keeps the chain turning)."""
    dx, dy = xs[b] - xs[a], ys[b] - ys[a]
    d2 = dx * dx + dy * dy
    if not d2:
        xs[c], ys[c] = xs[a] + rs[c], ys[a]
        return
    a2, b2 = (rs[a] + rs[c]) ** 2, (rs[b] + rs[c]) ** 2
    if a2 > b2:
        x = (d2 + b2 - a2) / (2 * d2)
        y = math.sqrt(max(0.0, b2 / d2 - x * x))
        xs[c], ys[c] = xs[b] - x * dx - y * dy, ys[b] - x * dy + y * dx
    else:
        x = (d2 + a2 - b2) / (2 * d2)
        y = math.sqrt(max(0.0, a2 / d2 - x * x))
        xs[c], ys[c] = xs[a] + x * dx - y * dy, ys[a] + x * dy + y * dx


def _overlap(xs: list[float], ys: list[float], rs: list[float], a: int, b: int) -> bool:
    dr = rs[a] + rs[b] - 1e-6
    dx, dy = xs[b] - xs[a], ys[b] - ys[a]
    return dr > 0 and dr * dr > dx * dx + dy * dy


def _score(xs: list[float], ys: list[float], rs: list[float], a: int, b: int) -> float:
    ab = rs[a] + rs[b]
    dx = (xs[a] * rs[b] + xs[b] * rs[a]) / ab
    dy = (ys[a] * rs[b] + ys[b] * rs[a]) / ab
    return dx * dx + dy * dy


def municipality_tree(key: str, members: list[Actor],
                      cluster_of: Callable[[Actor], str] | None, fallback: float) -> Node:
    """A group of municipalities, clustered by `cluster_of` when it splits them."""
    leaves: dict[str, list[Node]] = defaultdict(list)
    for actor in sorted(members, key=lambda a: (-weight_of(a, fallback), a.id)):
        cluster = cluster_of(actor) if cluster_of else ""
        leaves[cluster].append(Node(actor.id, max(weight_of(actor, fallback), 1.0),
                                    actor=actor))
    if len(leaves) == 1:
        return Node(key, children=next(iter(leaves.values())))
    return Node(key, children=[Node(f"cluster:{c}", children=group)
                               for c, group in sorted(leaves.items(),
                                                      key=lambda kv: (-len(kv[1]), kv[0]))])


def pack_municipalities(members: list[Actor], x: float, y: float, r: float,
                        cluster_of: Callable[[Actor], str] | None = None) -> list[Packed]:
    """`members` packed into the circle (x, y, r), clustered by `cluster_of` (default: the
    catchment); clusters come first in the result, then municipalities, largest first."""
    known = sorted(weight_of(a, 0) for a in members if a.population)
    fallback = known[len(known) // 2] if known else 1.0
    if cluster_of is None:
        cluster_of = lambda actor: actor.catchment or ""  # noqa: E731
    radius, packed = natural(municipality_tree("group", members, cluster_of, fallback))
    scale = r / radius
    result = [Packed(x + p.x * scale, y + p.y * scale, p.r * scale, p.actor,
                     p.cluster.split(":", 1)[1] if p.cluster.startswith("cluster:") else
                     p.cluster) for p in packed]
    result.sort(key=lambda p: (p.actor is not None, -p.r, p.actor.id if p.actor else p.cluster))
    return result
