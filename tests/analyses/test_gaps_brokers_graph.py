"""Gaps, brokers and the graph on hand-made data sets."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import replace

from ehelse_map.analyses import brokers, gaps
from ehelse_map.graph import build_graph
from ehelse_map.model.records import Funding

from .factory import AS_OF, actor, dataset, network, period


def gaps_data():
    actors = [actor("west", kind="county"), actor("south", kind="county"),
              actor("w1", region="west"), actor("w2", region="west"), actor("s1", region="south"),
              actor("loose"),  # no region: counted under its country, NO
              actor("se1", country="SE", region="skane"), actor("skane", kind="region",
                                                                country="SE"),
              actor("hf", kind="health-trust", region="west")]
    return dataset(actors, [
        network("national", ["w1", "w2", "s1", "loose"], areas=["a1", "a2"]),
        network("west-1", ["w1"], areas=["a1"]),
        network("west-2", ["w2", "hf"], areas=["a1"]),
        network("hospital", ["hf"], areas=["a2"]),        # reaches no municipality
        network("old", ["s1"], areas=["a3"], period=period("2010", "2012")),
        network("seminars", [], count=134, areas=["a1"]),
        network("swedish", ["se1"], areas=["s-area"], country="SE"),
    ])


def test_gaps_matrix() -> None:
    result = gaps(gaps_data(), AS_OF)
    cells = {(c.region, c.area): c for c in result.cells}
    # a1 in west: national, west-1, west-2 = 3 -> crowded
    assert cells[("west", "a1")].networks == ("national", "west-1", "west-2")
    assert cells[("west", "a1")].status == "crowded"
    # a2 in west: national only (hospital reaches the trust, not a municipality)
    assert (cells[("west", "a2")].count, cells[("west", "a2")].status) == (1, "covered")
    # a3 was used in Norway (by old, ended 2012): uncovered everywhere in Norway now
    assert {c.region for c in result.uncovered} == {"NO", "south", "west"}
    assert all(c.area == "a3" for c in result.uncovered)
    # the Swedish area makes cells only in Sweden, and Norwegian areas none there
    assert ("skane", "s-area") in cells and ("skane", "a1") not in cells
    assert ("west", "s-area") not in cells
    assert cells[("NO", "a1")].networks == ("national",)
    assert [r.id for r in result.regions] == ["NO", "south", "west", "skane"]
    assert result.areas == ("a1", "a2", "a3", "s-area")
    assert [(c.region, c.area) for c in result.crowded] == [("west", "a1")]
    assert result.unplaced == ("seminars",)


def test_gaps_filters() -> None:
    result = gaps(gaps_data(), AS_OF, country="NO", area="a1")
    assert result.areas == ("a1",)
    assert [r.id for r in result.regions] == ["NO", "south", "west"]
    only_west = gaps(gaps_data(), AS_OF, region="west")
    assert [r.id for r in only_west.regions] == ["west"]
    assert only_west.regions[0].municipalities == 2


def brokers_data():
    # A tree: ks hosts n1 and n2; n1 reaches m1, m2; n2 reaches m3. "lonely" touches nothing.
    actors = [actor("ks", kind="association"), actor("m1"), actor("m2"), actor("m3"),
              actor("lonely")]
    return dataset(actors, [network("n1", ["m1", "m2"], host="ks"),
                            network("n2", ["m3"], host="ks")])


def test_brokers_worked_by_hand() -> None:
    # n = 6 nodes; normalised betweenness = unordered pairs through the node / C(5, 2) = 10
    # ks separates {n1, m1, m2} from {n2, m3}: 3·2 = 6 pairs -> 0.6
    # n1 separates {m1}, {m2}, {ks, n2, m3}: 1 + 3 + 3 = 7 -> 0.7
    # n2 separates {m3} from 4 others: 4 -> 0.4; leaves 0
    # degree centrality = neighbours / 5
    result = brokers(brokers_data(), AS_OF)
    got = [(b.id, b.type, b.betweenness, b.degree_centrality, b.degree) for b in result.brokers]
    assert got == [("n1", "network", 0.7, 0.6, 3), ("ks", "actor", 0.6, 0.4, 2),
                   ("n2", "network", 0.4, 0.4, 2), ("m1", "actor", 0.0, 0.2, 1),
                   ("m2", "actor", 0.0, 0.2, 1), ("m3", "actor", 0.0, 0.2, 1)]
    assert result.brokers[1].connects == ("regional",)
    assert result.brokers[0].connects == ("local", "national")
    assert (result.nodes, result.edges, result.approximate) == (6, 5, False)
    assert (result.method, result.sources, result.error_bound) == ("exact", 6, 0.0)
    assert [b.id for b in brokers(brokers_data(), AS_OF, top=2).brokers] == ["n1", "ks"]
    assert brokers(brokers_data(), AS_OF, country="SE").brokers == ()


def test_graph_nodes_and_edges() -> None:
    data = dataset([actor("ks", kind="association"), actor("hdir", kind="directorate"),
                    actor("m1"), actor("gone", period=period("2000", "2001"))], [
        network("n1", ["m1", "gone"], host="ks", areas=["a1"], participants=("hdir",),
                funding=[Funding("hdir", "x", reports_to="hdir")], reports_to=("ks",),
                steered_by=("n2",)),
        network("n2", ["m1"], parent="n1"),
        network("ended", ["m1"], period=period("2001", "2002")),
    ])
    graph = build_graph(data, AS_OF)
    assert "network:ended" not in graph and "actor:gone" in graph  # referenced, inactive
    assert graph.nodes["actor:gone"]["active"] is False
    edges = {(u, v, d["type"]) for u, v, d in graph.edges(data=True)}
    assert {("actor:ks", "network:n1", "hosts"), ("network:n1", "actor:m1", "member"),
            ("network:n1", "role:r1", "targets"), ("network:n1", "area:a1", "covers-area"),
            ("actor:hdir", "network:n1", "funds"), ("network:n1", "actor:ks", "reports-to"),
            ("network:n1", "actor:hdir", "reports-to"), ("network:n1", "network:n2", "steered-by"),
            ("network:n2", "network:n1", "parent"),
            ("actor:hdir", "network:n1", "participates")} <= edges
    assert ("network:n1", "actor:gone", "member") not in edges
    targets = graph.get_edge_data("network:n1", "role:r1")[0]
    assert targets["hours_per_year"] == 1 and "estimate" not in targets  # absent, never ""
    assert "population" not in graph.nodes["actor:ks"] and "region" not in graph.nodes["actor:ks"]
    assert graph.graph["as_of"] == "2024-06-01"


def test_importing_the_analyses_does_not_import_networkx() -> None:
    code = ("import sys, ehelse_map.graph, ehelse_map.analyses, "
            "ehelse_map.render.analysis_tables; print('networkx' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_betweenness_is_networkx_s_exact_and_subset_betweenness() -> None:
    """The counting is igraph's; the figures are networkx's definitions: exact betweenness
    normalised over ordered pairs, and from sampled sources the subset betweenness of those
    sources to every node (networkx halves both on an undirected graph, as igraph does)."""
    import random

    import networkx as nx

    from ehelse_map.analyses.brokers import betweenness

    graph = nx.gnm_random_graph(90, 220, seed=5)
    nodes = [f"n{i:02d}" for i in graph.nodes]
    neighbours = {f"n{i:02d}": {f"n{j:02d}" for j in graph[i]} for i in graph.nodes}
    exact, method, _, _ = betweenness(nodes, neighbours)
    expected = nx.betweenness_centrality(graph, normalized=True)
    assert method == "exact"
    assert max(abs(exact[f"n{i:02d}"] - value) for i, value in expected.items()) < 1e-12
    estimate, method, k, _ = betweenness(nodes, neighbours, limit=30)
    sources = sorted(random.Random(0).sample(range(90), 30))  # the seeded sample (SEED 0)
    subset = nx.betweenness_centrality_subset(graph, sources, list(graph.nodes))
    assert (method, k) == ("sampled", 30)
    for i, value in subset.items():  # the mean over the sampled sources other than the node
        scale = 2 / ((k - 1 if i in sources else k) * 88)
        assert abs(estimate[f"n{i:02d}"] - value * scale) < 1e-12


def test_brokers_say_how_betweenness_was_counted_and_sampling_stays_near_exact() -> None:
    """Exact up to SOURCES nodes; above, a seeded sample of SOURCES sources, with the method,
    the sample and the error bound in the result and in the table's note (issue 22.2)."""
    import random

    from ehelse_map.analyses.brokers import betweenness, error_bound
    from ehelse_map.render.analysis_tables import brokers_table

    rng = random.Random(3)
    nodes = [f"n{i:03d}" for i in range(120)]
    neighbours: dict[str, set[str]] = {n: set() for n in nodes}
    for i, node in enumerate(nodes):  # a ring with chords: every node reached
        for other in (nodes[(i + 1) % 120], rng.choice(nodes)):
            if other != node:
                neighbours[node].add(other)
                neighbours[other].add(node)
    exact, method, k, bound = betweenness(nodes, neighbours)
    assert (method, k, bound) == ("exact", 120, 0.0)
    estimate, method, k, bound = betweenness(nodes, neighbours, limit=80)
    assert (method, k) == ("sampled", 80) and bound == error_bound(120, 80) > 0
    assert max(abs(estimate[n] - exact[n]) for n in nodes) <= bound
    assert betweenness(nodes, neighbours, limit=80)[0] == estimate, "seeded: the same sample"
    assert error_bound(10_000, 2_000) < error_bound(10_000, 1_000) < error_bound(100_000, 1_000)
    result = brokers(brokers_data(), AS_OF)
    note = " ".join(brokers_table(result).notes)
    assert "betweenness exact" in note
    sampled = replace(result, method="sampled", approximate=True, sources=4, error_bound=0.25)
    assert "from 4 of 6 nodes" in " ".join(brokers_table(sampled).notes)


def _same_nodes_and_edges(graph, links, order=list) -> None:
    assert links.nodes(data=True) == list(graph.nodes(data=True))
    assert links.graph == graph.graph
    for node in graph:
        assert order(links.out_edges(node, data=True)) == order(graph.out_edges(node, data=True))
        assert order(links.in_edges(node, data=True)) == order(graph.in_edges(node, data=True))
        assert order(links.out_edges(node)) == order(graph.out_edges(node))


def sorted_edges(edges) -> list:
    return sorted(edges, key=repr)


def test_links_hold_the_graph_s_nodes_and_edges_in_its_order(tmp_path) -> None:
    """`build_links` is `build_graph` without networkx: the bundled data, a synthetic set in
    format 2 (relations, hosts over periods, reporting through funding), every period, a
    region; and an edge to a node not yet added adds it bare, as networkx does."""
    from ehelse_map.graph import Links, build_links
    from ehelse_map.load.files import default_data_dir
    from ehelse_map.model.build import load_dataset
    from ehelse_map.model.scope import Filters
    from ehelse_map.synthetic import generate

    for name, text in generate(0.05, seed=5).items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    for data in (load_dataset(default_data_dir()), load_dataset(tmp_path)):
        for as_of in (AS_OF, None):
            _same_nodes_and_edges(build_graph(data, as_of), build_links(data, as_of))
        region = sorted({a.region for a in data.actors.values() if a.region})[0]
        _same_nodes_and_edges(build_graph(data, AS_OF, Filters(region=region)),
                              build_links(data, AS_OF, Filters(region=region)))
        # only some edge types: every node still, and those edges (a node's neighbours come in
        # the order of their first edge kept, where networkx's come by their first edge)
        kept = ("targets", "parent", "reports-to", "mandate")
        graph = build_graph(data, AS_OF, Filters(region=region))
        graph.remove_edges_from([(u, v, k) for u, v, k, t in graph.edges(keys=True, data="type")
                                 if t not in kept])
        _same_nodes_and_edges(graph, build_links(data, AS_OF, Filters(region=region),
                                                 edge_types=kept), order=sorted_edges)
    links = Links()
    links.add_edge("a", "b", type="x")
    links.add_node("a", id="a")
    assert links.nodes(data=True) == [("a", {"id": "a"}), ("b", {})] and "b" in links


def test_brokers_count_the_same_on_networkx_s_graph_and_without_it() -> None:
    from ehelse_map.load.files import default_data_dir
    from ehelse_map.model.build import load_dataset

    for data in (brokers_data(), load_dataset(default_data_dir())):
        for country in (None, "NO"):
            assert brokers(data, AS_OF, graph=build_graph(data, AS_OF), country=country) == (
                brokers(data, AS_OF, country=country))


def test_anchoring_does_not_import_networkx() -> None:
    code = ("import sys\nfrom ehelse_map.analyses import anchoring\n"
            "from ehelse_map.load.files import default_data_dir\n"
            "from ehelse_map.model.build import load_dataset\n"
            "result = anchoring(load_dataset(default_data_dir()), None)\n"
            "print(len(result.networks) > 0, 'networkx' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         env={**os.environ, "EHELSE_MAP_CACHE": "off"})
    assert out.stdout.split() == ["True", "False"]
