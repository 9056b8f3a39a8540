"""Brokers: which actors and networks connect state, region and municipality.

The actor–network graph is the undirected, simple view of `build_graph` restricted to actor and
network nodes and the edges between them (hosts, member, funds, reports-to, steered-by, parent,
participates); actors no network touches are left out. Betweenness centrality is the share of
shortest paths between other nodes that pass through a node, normalised to [0, 1] as networkx
normalises it (the sum over ordered pairs divided by (n − 1)(n − 2)); degree centrality is the
number of neighbours divided by n − 1. Values are rounded to 6 decimals.

**One method, whose cost grows smoothly** (issue 22.2). Brandes' algorithm counts the shortest
paths from every node in turn: n breadth-first searches, each linear in the edges. It is run
from `SOURCES` nodes at most: from every node (exact) up to `SOURCES` nodes, and above that from
`SOURCES` nodes drawn with seed `SEED` (deterministic). The cost is min(n, SOURCES) searches,
so it grows without a step where the exact count stops (it had one: 200 sampled sources above
2,000 nodes made 1.28 times Nordic scale take 3.85 times as long as 1.30). A node's value is
then the mean, over the sampled sources other than itself, of its dependency divided by n − 2
(networkx's estimator since 3.6, after Brandes and Pich 2007): unbiased, each term in [0, 1],
so by Hoeffding's inequality for sampling without replacement (with Serfling's finite-
population factor) it is within ε of the exact value with probability 95 %, with k − 1 of the
n − 1 other nodes sampled: ε = sqrt(ln(2/0.05) · (1 − (k − 2)/(n − 1)) / (2(k − 1))), the
result's `error_bound`. That is a worst-case bound (0.028 for 2,000 of 15,666 nodes, ten times
Nordic scale); measured against the exact values the estimates differ far less
(bench/README.md). The searches are igraph's (C, `Graph.betweenness` with `sources`): on
2,000 sources at ten times Nordic scale 0.46 s against 13.5 s for the same searches in Python
on lists of integers, which were already 3 to 8 times networkx's; the sums are the same floats.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from ehelse_map.analyses.common import take
from ehelse_map.graph import Links, build_links, node_key, split_key
from ehelse_map.model.records import Dataset
from ehelse_map.model.scope import Filters, members, networks_in_scope, organisations_in_scope

if TYPE_CHECKING:
    import networkx as nx

BROKER_EDGES = frozenset({"hosts", "member", "funds", "reports-to", "steered-by", "parent",
                          "participates"})
#: Most breadth-first searches betweenness is counted from: every node up to this many nodes
#: (exact), a seeded sample of this many above.
SOURCES = 2000
EXACT_UP_TO = SOURCES
SEED = 0
#: The probability the stated error bound holds for one node's value.
CONFIDENCE = 0.95
EXACT = "exact"
SAMPLED = "sampled"


@dataclass(frozen=True)
class Broker:
    id: str
    type: str
    """`actor` or `network`."""
    name: str
    kind: str
    level: str
    country: str
    betweenness: float
    degree_centrality: float
    degree: int
    """Distinct neighbours in the actor–network graph."""
    connects: tuple[str, ...]
    """Distinct levels (national, regional, local) among the neighbours."""


@dataclass(frozen=True)
class BrokersResult:
    as_of: date | None
    filters: Filters
    brokers: tuple[Broker, ...]
    """Highest betweenness first, then degree, then id."""
    nodes: int
    """Actors and networks with at least one edge."""
    edges: int
    approximate: bool
    """Betweenness was estimated from a sample (more than SOURCES nodes)."""
    method: str = EXACT
    """`exact` (shortest paths counted from every node) or `sampled` (from `sources` nodes
    drawn with seed SEED, scaled by nodes / sources)."""
    sources: int = 0
    """Nodes the shortest paths were counted from: all of them when exact."""
    error_bound: float = 0.0
    """± bound on each betweenness value at 95 % (0 when exact); see the module's docstring."""
    total_rows: int = 0
    """Brokers in scope (all nodes, or a region's), before `top` cut the listing."""


def brokers(dataset: Dataset, as_of: date | None, *,
            graph: nx.MultiDiGraph | Links | None = None,
            country: str | None = None, region: str | None = None,
            top: int | None = None) -> BrokersResult:
    """Centrality in the actor–network graph as of `as_of`: of `graph` (`build_graph`'s), or
    when not given of the same nodes and edges without networkx (`build_links`).

    With `country`, the graph is first restricted to that country's actors and networks, so the
    brokers are those of its own landscape. With `region`, centrality is still computed on that
    whole landscape (a region's brokers are the bodies that connect it to the rest), and the
    rows are the region's organisations and the networks reaching them.
    """
    filters = Filters(country=country, region=region, top=top)
    if graph is None:
        graph = build_links(dataset, as_of, edge_types=BROKER_EDGES)
    data_of = dict(graph.nodes(data=True))
    kept = [node for node in sorted(data_of)
            if data_of[node].get("type") in ("actor", "network")
            and (country is None or data_of[node].get("country") == country)]
    neighbours: dict[str, set[str]] = {node: set() for node in kept}
    for u in kept:
        for _, v, edge in graph.out_edges(u, data=True):
            if edge.get("type") in BROKER_EDGES and u != v and v in neighbours:
                neighbours[u].add(v)
                neighbours[v].add(u)
    nodes = [node for node in kept if neighbours[node]]
    n = len(nodes)
    between, method, k, bound = betweenness(nodes, neighbours)
    unit = 1.0 / (n - 1.0) if n > 1 else 0.0  # as networkx's degree_centrality
    degree = {node: len(neighbours[node]) * unit for node in nodes}
    shown: set[str] | None = None
    if region is not None:
        scope = organisations_in_scope(dataset, as_of, filters)
        shown = {node_key("actor", ident) for ident in scope} | {
            node_key("network", n.id) for n in networks_in_scope(dataset, as_of, filters)
            if members(n, scope)}
    rows = []
    for node in nodes:
        if shown is not None and node not in shown:
            continue
        near = neighbours[node]
        data = data_of[node]
        rows.append(Broker(
            id=split_key(node)[1], type=data["type"], name=data.get("label", ""),
            kind=data.get("kind", ""), level=data.get("level", ""),
            country=data.get("country", ""), betweenness=round(between[node], 6),
            degree_centrality=round(degree[node], 6), degree=len(near),
            connects=tuple(sorted({data_of[m].get("level", "") for m in near}))))
    rows.sort(key=lambda b: (-b.betweenness, -b.degree, b.id, b.type))
    edges = sum(len(near) for near in neighbours.values()) // 2
    return BrokersResult(as_of=as_of, filters=filters, brokers=take(tuple(rows), top),
                         nodes=n, edges=edges, approximate=method == SAMPLED, method=method,
                         sources=k, error_bound=bound, total_rows=len(rows))


def betweenness(nodes: list[str], neighbours: dict[str, set[str]],
                limit: int = SOURCES) -> tuple[dict[str, float], str, int, float]:
    """(betweenness by node, method, sources, error bound) of the undirected graph `nodes`
    with `neighbours`: exact up to `limit` nodes, else from `limit` sampled sources."""
    n = len(nodes)
    index = {node: i for i, node in enumerate(nodes)}
    adjacency = [sorted(index[m] for m in neighbours[node]) for node in nodes]
    if n <= limit:
        method, k, sources = EXACT, n, list(range(n))
    else:
        method, k = SAMPLED, limit
        sources = sorted(random.Random(SEED).sample(range(n), k))
    sums = _brandes(adjacency, sources)
    if n <= 2:
        values = [0.0] * n
    elif method == EXACT:
        values = [total * (1 / ((n - 1) * (n - 2))) for total in sums]
    else:  # the mean over the sampled sources other than the node itself
        sampled = set(sources)
        values = [total * (1 / ((k - 1) * (n - 2)) if i in sampled else 1 / (k * (n - 2)))
                  for i, total in enumerate(sums)]
    return dict(zip(nodes, values, strict=True)), method, k, error_bound(n, k)


def error_bound(n: int, k: int, confidence: float = CONFIDENCE) -> float:
    """The ± bound, rounded up to 4 decimals, on a node's betweenness estimated from `k` of
    `n` sources (0 when k = n): see the module's docstring."""
    if k >= n or n <= 2 or k <= 1:
        return 0.0
    others = k - 1  # samples other than the node itself, of the n - 1 other nodes
    epsilon = math.sqrt(math.log(2 / (1 - confidence)) * (1 - (others - 1) / (n - 1))
                        / (2 * others))
    return math.ceil(epsilon * 10_000) / 10_000


def _brandes(adjacency: list[list[int]], sources: list[int]) -> list[float]:
    """Σ over `sources` s of the dependency of s on each node (Brandes 2001, unweighted): the
    sums networkx's `betweenness_centrality` normalises. igraph counts each unordered pair of
    an undirected graph once, so its figures are half these sums."""
    from ehelse_map.runtime import import_igraph, unimportable

    igraph = import_igraph()  # only here, and without matplotlib: 50 ms of start-up

    n = len(adjacency)
    edges = [(v, w) for v, near in enumerate(adjacency) for w in near if v < w]
    with unimportable("numpy"):  # Graph() imports numpy (50 ms) only to ask if edges is an array
        graph = igraph.Graph(n=n, edges=edges)
    halves = graph.betweenness(directed=False, sources=None if len(sources) == n else sources)
    return [2.0 * half for half in halves]
