"""Circle packing with circlify: municipalities (area ∝ population) in their county's circle,
clustered by health-trust area (catchment).

The two-level packing is also what keeps it fast: circlify places each circle against every
pair already placed, so ten groups of five pack far quicker than fifty circles in one.
"""

from __future__ import annotations

import math
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any, Callable

from ..model import Actor


@dataclass(frozen=True)
class Packed:
    x: float
    y: float
    r: float
    actor: Actor | None
    """None for the circle of a cluster (a health-trust area)."""
    cluster: str = ""
    """The key of a cluster circle, or of the node a leaf was packed as."""


def import_circlify() -> Any:
    """circlify, imported without its optional pyplot debugging helpers.

    circlify imports matplotlib.pyplot when it can, which costs half a second and sets up global
    figure state we never use; its logger also prints to stdout. Both are kept out.
    """
    import logging

    if "circlify" not in sys.modules:
        blocked = "matplotlib.pyplot" not in sys.modules
        if blocked:
            sys.modules["matplotlib.pyplot"] = None  # type: ignore[assignment]
        try:
            import circlify  # noqa: F401
        finally:
            if blocked:
                del sys.modules["matplotlib.pyplot"]
        logging.getLogger("circlify").setLevel(logging.ERROR)
    return sys.modules["circlify"]


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
    circlify = import_circlify()
    packed = circlify.circlify([{"id": str(i), "datum": r * r} for i, (_, r, _) in
                                enumerate(inner)],
                               target_enclosure=circlify.Circle(x=0, y=0, r=1))
    spots = {int(c.ex["id"]): c for c in packed if c.ex and "id" in c.ex}
    first = max(spots, key=lambda i: spots[i].r)
    scale = inner[first][1] / spots[first].r
    result: list[Packed] = []
    for index, (child, radius, below) in enumerate(inner):
        cx, cy = spots[index].x * scale, spots[index].y * scale
        result.append(Packed(cx, cy, radius, child.actor, child.key))
        result.extend(Packed(cx + p.x, cy + p.y, p.r, p.actor, p.cluster) for p in below)
    return scale, result


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
