"""A seeded Fruchterman-Reingold spring layout, and connected sets, without networkx.

The overlap picture laid its rings out with `networkx.spring_layout(graph, weight="weight",
seed=..., iterations=...)`; importing networkx for that one call cost more CPU than the
layout and drawing together (0.15-0.2 s of a 1 s command). `spring_layout` here is the same
computation as networkx 3.6's dense force-directed method (graphs under 500 nodes, no fixed
nodes, the default `k`, `threshold`, `scale` and `center`), on the same random start, so the
positions are the same to the last bits; `tests/test_spring.py` compares them with networkx.
Written down here, the picture also no longer moves when a networkx release changes its
layout.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

THRESHOLD = 1e-4
"""networkx's default: stop once the mean step of a node is below this."""


def connected_sets(nodes: Iterable[str], edges: Iterable[tuple[str, str]]) -> list[list[str]]:
    """The connected sets of an undirected graph, each sorted, in no particular order."""
    neighbours: dict[str, set[str]] = {node: set() for node in nodes}
    for a, b in edges:
        neighbours[a].add(b)
        neighbours[b].add(a)
    seen: set[str] = set()
    sets = []
    for start in neighbours:
        if start in seen:
            continue
        seen.add(start)
        members, stack = [start], [start]
        while stack:
            for other in neighbours[stack.pop()]:
                if other not in seen:
                    seen.add(other)
                    members.append(other)
                    stack.append(other)
        sets.append(sorted(members))
    return sets


def spring_layout(nodes: list[str], weights: Mapping[tuple[str, str], float], seed: int,
                  iterations: int) -> dict[str, tuple[float, float]]:
    """Positions in [-1, 1] (centred, the largest coordinate 1) of `nodes`, in their order;
    `weights` are the undirected edges' attractions (either order of the pair)."""
    import numpy as np

    count = len(nodes)
    if count == 0:
        return {}
    if count == 1:
        return {nodes[0]: (0.0, 0.0)}
    index = {node: i for i, node in enumerate(nodes)}
    adjacency = np.zeros((count, count))
    for (a, b), weight in weights.items():
        adjacency[index[a], index[b]] = adjacency[index[b], index[a]] = weight
    # networkx draws the start from a RandomState of the seed (its np_random_state decorator)
    pos = np.asarray(np.random.RandomState(seed).rand(count, 2), dtype=adjacency.dtype)
    k = np.sqrt(1.0 / count)
    t = max(max(pos.T[0]) - min(pos.T[0]), max(pos.T[1]) - min(pos.T[1])) * 0.1
    dt = t / (iterations + 1)
    for _ in range(iterations):
        delta = pos[:, np.newaxis, :] - pos[np.newaxis, :, :]
        distance = np.linalg.norm(delta, axis=-1)
        np.clip(distance, 0.01, None, out=distance)
        displacement = np.einsum("ijk,ij->ik", delta,
                                 (k * k / distance**2 - adjacency * distance / k))
        length = np.clip(np.linalg.norm(displacement, axis=-1), a_min=0.01, a_max=None)
        delta_pos = np.einsum("ij,i->ij", displacement, t / length)
        pos += delta_pos
        t -= dt
        if (np.linalg.norm(delta_pos) / count) < THRESHOLD:
            break
    pos -= pos.mean(axis=0)  # networkx's rescale_layout with scale 1 and centre 0
    limit = np.abs(pos).max()
    if limit > 0:
        pos *= 1 / limit
    pos += np.zeros(2)  # and the centre, as networkx adds it (-0.0 becomes 0.0)
    return {node: (float(x), float(y)) for node, (x, y) in zip(nodes, pos, strict=True)}
