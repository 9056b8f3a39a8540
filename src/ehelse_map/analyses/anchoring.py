"""Anchoring: does a network reach the health leaders, the chief executive and the elected
officials (finding F5 of the evaluation, seed 004: anchoring with leaders decides success)?

A network is anchored with a kind of leader (`Role.anchor`) directly when it targets a role of
that kind, or through a path when it reports to, is steered by, or is part of (parent) a body
that targets such a role — a steering group of chief executives, a leader network of heads of
health and care, a partnership meeting of politicians. The path is searched breadth first over
`reports-to`, `steered-by` and `parent` edges of the graph, so the shortest path is returned;
among equally short ones, the first in id order.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from ehelse_map.analyses.common import short_name, take
from ehelse_map.graph import Links, build_links, node_key, split_key
from ehelse_map.model.records import Dataset
from ehelse_map.model.scope import Filters, members, networks_in_scope, organisations_in_scope
from ehelse_map.runtime import without_collections

if TYPE_CHECKING:
    import networkx as nx

ANCHORS = ("health-leader", "chief-executive", "elected")
PATH_EDGES = ("reports-to", "steered-by", "parent")
#: Relations followed backwards, from the receiver to the body that gave them: a network
#: mandated by a body (or working under its agreement) is anchored where that body is.
MANDATE_EDGES = ("mandate", "agreement")


@dataclass(frozen=True)
class Anchor:
    """How one network reaches one kind of leader."""

    anchor: str
    """`health-leader`, `chief-executive` or `elected`."""
    how: str
    """`direct` (a target of the network), `path` (through another body) or `none`."""
    role: str | None
    """The targeted role with this anchor (of the network itself or of the body)."""
    body: str | None
    """The network whose targets include `role`; the network itself when direct."""
    path: tuple[str, ...]
    """Ids from the network to the body, both included; empty when none."""
    edges: tuple[str, ...]
    """Edge types along the path (`reports-to`, `steered-by`, `parent`)."""


@dataclass(frozen=True)
class NetworkAnchoring:
    network: str
    name: str
    anchors: tuple[Anchor, ...]
    """One per kind, in the order of `ANCHORS`."""
    reached: int
    """Kinds reached directly or through a path."""
    sources: tuple[str, ...]


@dataclass(frozen=True)
class AnchoringResult:
    as_of: date | None
    filters: Filters
    networks: tuple[NetworkAnchoring, ...]
    """Fewest kinds reached first, then id."""
    unanchored: tuple[str, ...]
    """Networks that reach none of the kinds, sorted."""
    total_networks: int = 0
    """Networks in scope, before `top` cut the listing."""


@without_collections
def anchoring(dataset: Dataset, as_of: date | None, *,
              graph: nx.MultiDiGraph | Links | None = None,
              country: str | None = None, region: str | None = None,
              area: str | None = None, top: int | None = None) -> AnchoringResult:
    """Anchoring of every network active on `as_of`, searched in `graph` (`build_graph`'s)
    or, when not given, in the same nodes and edges without networkx (`build_links`).
    With `region`, only networks that reach an organisation in that region."""
    filters = Filters(country=country, region=region, area=area, top=top)
    if graph is None:
        graph = build_links(dataset, as_of, edge_types=("targets", *PATH_EDGES, *MANDATE_EDGES))
    bodies = _bodies(dataset, graph)
    scope = organisations_in_scope(dataset, as_of, filters) if region is not None else None
    rows = []
    steps: dict[str, list[tuple[str, str, str]]] = {}  # shared: the searches cross the same bodies
    for network in networks_in_scope(dataset, as_of, filters):
        if scope is not None and not members(network, scope):
            continue
        anchors = _anchors(graph, node_key("network", network.id), bodies, steps)
        rows.append(NetworkAnchoring(
            network=network.id, name=short_name(dataset, network.id), anchors=anchors,
            reached=sum(a.how != "none" for a in anchors), sources=network.sources))
    rows.sort(key=lambda r: (r.reached, r.network))
    unanchored = tuple(sorted(r.network for r in rows if r.reached == 0))
    return AnchoringResult(as_of=as_of, filters=filters,
                           networks=take(tuple(rows), top), unanchored=unanchored,
                           total_networks=len(rows))


def _bodies(dataset: Dataset, graph: nx.MultiDiGraph | Links) -> dict[str, dict[str, str]]:
    """Network node -> {anchor kind: the first (sorted) targeted role of that kind}."""
    bodies: dict[str, dict[str, str]] = {}
    for node, data in graph.nodes(data=True):
        if data.get("type") != "network":
            continue
        kinds: dict[str, str] = {}
        for _, role_node, edge in graph.out_edges(node, data=True):
            if edge.get("type") != "targets":
                continue
            role_id = split_key(role_node)[1]
            role = dataset.roles.get(role_id)
            if role is not None and role.anchor and (
                    role.anchor not in kinds or role_id < kinds[role.anchor]):
                kinds[role.anchor] = role_id
        if kinds:
            bodies[node] = kinds
    return bodies


def _anchors(graph: nx.MultiDiGraph | Links, start: str, bodies: dict[str, dict[str, str]],
             steps_of: dict[str, list[tuple[str, str, str]]]) -> tuple[Anchor, ...]:
    """The nearest body of each anchor kind from the network `start`, breadth first along
    mandates and funding. `steps_of` keeps each node's sorted steps for the next search."""
    found: dict[str, Anchor] = {}
    previous: dict[str, tuple[str, str] | None] = {start: None}
    queue = deque([start])
    while queue and len(found) < len(ANCHORS):
        node = queue.popleft()
        for kind, role in bodies.get(node, {}).items():
            if kind in found or kind not in ANCHORS:
                continue
            path, edges = _unwind(previous, node)
            found[kind] = Anchor(anchor=kind, how="direct" if node == start else "path",
                                 role=role, body=split_key(node)[1], path=path, edges=edges)
        steps = steps_of.get(node)
        if steps is None:
            steps = steps_of[node] = sorted(
                [(split_key(target)[1], edge["type"], target)
                 for _, target, edge in graph.out_edges(node, data=True)
                 if edge.get("type") in PATH_EDGES]
                + [(split_key(giver)[1], f"{edge['type']}-from", giver)
                   for giver, _, edge in graph.in_edges(node, data=True)
                   if edge.get("type") in MANDATE_EDGES])
        for _, edge_type, target in steps:
            if target not in previous:
                previous[target] = (node, edge_type)
                queue.append(target)
    return tuple(found.get(kind) or Anchor(kind, "none", None, None, (), ())
                 for kind in ANCHORS)


def _unwind(previous: dict[str, tuple[str, str] | None],
            node: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    path = [split_key(node)[1]]
    edges: list[str] = []
    step = previous[node]
    while step is not None:
        node, edge_type = step
        path.append(split_key(node)[1])
        edges.append(edge_type)
        step = previous[node]
    return tuple(reversed(path)), tuple(reversed(edges))
