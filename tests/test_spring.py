"""The overlap picture's spring layout and connected sets are networkx's, computed without it:
the same positions to the last bits on graphs of every shape the picture can have."""

from __future__ import annotations

import random

import networkx as nx
import pytest

from ehelse_map.render.diagrams.layout.spring import connected_sets, spring_layout


def random_graph(seed: int, count: int, density: float) -> tuple[list[str], dict]:
    rng = random.Random(seed)
    nodes = sorted(f"n{i:03d}" for i in range(count))
    weights = {(a, b): 0.2 + rng.random() for i, a in enumerate(nodes) for b in nodes[i + 1:]
               if rng.random() < density}
    return nodes, weights


def networkx_layout(nodes, weights, seed, iterations):
    graph = nx.Graph()
    graph.add_nodes_from(nodes)
    for (a, b), weight in weights.items():
        graph.add_edge(a, b, weight=weight)
    raw = nx.spring_layout(graph, weight="weight", seed=seed, iterations=iterations)
    return {node: (float(x), float(y)) for node, (x, y) in raw.items()}


@pytest.mark.parametrize(("seed", "count", "density"),
                         [(1, 2, 1.0), (2, 3, 1.0), (3, 8, 0.4), (4, 30, 0.15), (5, 60, 0.05),
                          (6, 160, 0.03), (7, 12, 0.0)])
@pytest.mark.parametrize("iterations", [1, 50, 200])
def test_positions_are_networkx_spring_layout(seed, count, density, iterations):
    nodes, weights = random_graph(seed, count, density)
    ours = spring_layout(nodes, weights, seed=seed, iterations=iterations)
    assert list(ours) == nodes
    assert ours == networkx_layout(nodes, weights, seed, iterations)


def test_the_pair_may_be_given_either_way_round():
    nodes, weights = random_graph(9, 10, 0.5)
    turned = {(b, a): weight for (a, b), weight in weights.items()}
    assert spring_layout(nodes, turned, 9, 100) == spring_layout(nodes, weights, 9, 100)


def test_one_node_sits_at_the_centre_and_none_gives_nothing():
    assert spring_layout(["only"], {}, 1, 200) == {"only": (0.0, 0.0)}
    assert spring_layout([], {}, 1, 200) == {}


@pytest.mark.parametrize("seed", range(5))
def test_connected_sets_are_networkx_connected_components(seed):
    nodes, weights = random_graph(seed, 40, 0.04)
    graph = nx.Graph(list(weights))
    graph.add_nodes_from(nodes)
    theirs = sorted(sorted(c) for c in nx.connected_components(graph))
    assert sorted(connected_sets(nodes, weights)) == theirs


def test_a_node_without_edges_is_a_set_of_its_own():
    assert sorted(connected_sets(["a", "b", "c"], [("a", "b")])) == [["a", "b"], ["c"]]
