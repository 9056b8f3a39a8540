"""Brokers: which actors and networks connect state, region and municipality.

The actor–network graph is the undirected, simple view of `build_graph` restricted to actor and
network nodes and the edges between them (hosts, member, funds, reports-to, steered-by, parent,
participates); actors no network touches are left out. Betweenness centrality is the share of
shortest paths between other nodes that pass through a node (normalised by networkx to [0, 1]);
degree centrality is the number of neighbours divided by n − 1. Up to `EXACT_UP_TO` nodes
betweenness is exact; above, it is estimated from `SAMPLE` source nodes drawn with a fixed
seed, so results stay deterministic and the cost linear in the number of edges. Values are
rounded to 6 decimals.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from ehelse_map.analyses.common import take
from ehelse_map.graph import build_graph, node_key, split_key
from ehelse_map.model.records import Dataset
from ehelse_map.model.scope import Filters, members, networks_in_scope, organisations_in_scope

if TYPE_CHECKING:
    import networkx as nx

BROKER_EDGES = frozenset({"hosts", "member", "funds", "reports-to", "steered-by", "parent",
                          "participates"})
EXACT_UP_TO = 2000
SAMPLE = 200
SEED = 0


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
    """Betweenness was estimated from a sample (more than EXACT_UP_TO nodes)."""
    total_rows: int = 0
    """Brokers in scope (all nodes, or a region's), before `top` cut the listing."""


def brokers(dataset: Dataset, as_of: date | None, *, graph: nx.MultiDiGraph | None = None,
            country: str | None = None, region: str | None = None,
            top: int | None = None) -> BrokersResult:
    """Centrality in the actor–network graph as of `as_of` (the graph is built if not given).

    With `country`, the graph is first restricted to that country's actors and networks, so the
    brokers are those of its own landscape. With `region`, centrality is still computed on that
    whole landscape (a region's brokers are the bodies that connect it to the rest), and the
    rows are the region's organisations and the networks reaching them.
    """
    import networkx as nx

    filters = Filters(country=country, region=region, top=top)
    if graph is None:
        graph = build_graph(dataset, as_of)
    simple = nx.Graph()
    for node in sorted(graph.nodes):
        data = graph.nodes[node]
        if data.get("type") in ("actor", "network") and (
                country is None or data.get("country") == country):
            simple.add_node(node)
    pairs = sorted({tuple(sorted((u, v))) for u, v, kind in graph.edges(data="type")
                    if kind in BROKER_EDGES and u != v and u in simple and v in simple})
    simple.add_edges_from(pairs)
    simple.remove_nodes_from([node for node in list(simple) if not simple.degree(node)])
    n = simple.number_of_nodes()
    approximate = n > EXACT_UP_TO
    if approximate:
        between = nx.betweenness_centrality(simple, k=SAMPLE, seed=SEED)
    else:
        between = nx.betweenness_centrality(simple)
    degree = nx.degree_centrality(simple) if n > 1 else {node: 0.0 for node in simple}
    shown: set[str] | None = None
    if region is not None:
        scope = organisations_in_scope(dataset, as_of, filters)
        shown = {node_key("actor", ident) for ident in scope} | {
            node_key("network", n.id) for n in networks_in_scope(dataset, as_of, filters)
            if members(n, scope)}
    rows = []
    for node in simple.nodes:
        if shown is not None and node not in shown:
            continue
        neighbours = list(simple.neighbors(node))
        data = graph.nodes[node]
        rows.append(Broker(
            id=split_key(node)[1], type=data["type"], name=data.get("label", ""),
            kind=data.get("kind", ""), level=data.get("level", ""),
            country=data.get("country", ""), betweenness=round(between[node], 6),
            degree_centrality=round(degree[node], 6), degree=len(neighbours),
            connects=tuple(sorted({graph.nodes[m].get("level", "") for m in neighbours}))))
    rows.sort(key=lambda b: (-b.betweenness, -b.degree, b.id, b.type))
    return BrokersResult(as_of=as_of, filters=filters, brokers=take(tuple(rows), top),
                         nodes=n, edges=simple.number_of_edges(), approximate=approximate,
                         total_rows=len(rows))
