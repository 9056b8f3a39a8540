"""The data set as one typed networkx graph: the stage between the model and the analyses.

Nodes are keyed `"<type>:<id>"` (`actor:ks`, `network:digi-vestland-ehelse`, `role:helseleiar`,
`area:legemiddel`) because area and role ids live in vocabularies of their own and must never
collide with actor or network ids. Every node carries `type` and `id`; every edge carries `type`
(see `EDGE_TYPES`) plus the attributes of the record it comes from, so a result computed on the
graph can be traced back to the data. An attribute the data does not give is absent, never an
empty text or a stand-in such as -1 for an unknown population. Funding sources are actors: a
funding line is a `funds` edge from the source actor to the network, carrying the scheme and
the reporting line it brings.

networkx is imported inside the functions: importing this module must stay cheap. Searches
that only follow edges use `build_links`, the same nodes and edges in plain dicts, and never
import networkx at all.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING, Any

from ehelse_map.model.records import Actor, Dataset, Network
from ehelse_map.model.scope import (
    Filters,
    active,
    members,
    networks_in_scope,
    organisations_in_scope,
)

if TYPE_CHECKING:
    import networkx as nx

NODE_TYPES = ("actor", "network", "role", "area")
EDGE_TYPES = (
    "hosts",         # actor -> network: the network's host
    "member",        # network -> actor: the network reaches the actor (coverage)
    "targets",       # network -> role: the network asks that role for time (cadence attributes)
    "covers-area",   # network -> area: a mandate area of the network
    "funds",         # actor -> network: a funding line (scheme, reports_to)
    "reports-to",    # network -> actor|network: a reporting line (via: "network" or "funding")
    "steered-by",    # network -> actor|network
    "parent",        # actor -> actor, network -> network: part of
    "participates",  # actor|network -> network: sits in the network without being reached
    # relations between actors and networks (data format 2), from the giver to the receiver:
    "cooperation",   # actor|network -> actor|network: a cooperation agreement
    "mandate",       # actor|network -> actor|network: gives the other its mandate
    "agreement",     # actor|network -> actor|network: an agreement behind the other's work
    "ownership",     # actor -> actor|network: owns
    "evaluation",    # actor|network -> actor|network: evaluated the other
)
RELATION_EDGES = frozenset({"cooperation", "mandate", "agreement", "ownership", "evaluation"})


def node_key(kind: str, ident: str) -> str:
    """The graph key of a record: `node_key("actor", "ks") == "actor:ks"`."""
    return f"{kind}:{ident}"


def split_key(key: str) -> tuple[str, str]:
    """The inverse of `node_key`."""
    kind, _, ident = key.partition(":")
    return kind, ident


def record_key(dataset: Dataset, ident: str) -> str:
    """The node key of an actor or network id (references such as `reports_to` may be either)."""
    return node_key("network" if ident in dataset.networks else "actor", ident)


def build_graph(dataset: Dataset, as_of: date | None = None,
                filters: Filters | None = None) -> nx.MultiDiGraph:
    """The data set as of `as_of` (None: every period) as a typed MultiDiGraph.

    Only networks active on the date are included, with every actor, role and area they refer
    to; active actors are included even when no network refers to them. With `filters`
    (country, region), only the networks in scope that reach an organisation in it, and the
    organisations in scope, with everything those networks refer to. Nodes and edges are
    added in sorted order so that algorithms over the graph give the same floats on every run.
    Graph attributes: `as_of` (ISO date or None).
    """
    import networkx as nx

    graph = nx.MultiDiGraph(as_of=as_of.isoformat() if as_of else None)
    _fill(graph, dataset, as_of, filters or Filters())
    return graph


def build_links(dataset: Dataset, as_of: date | None = None, filters: Filters | None = None,
                *, edge_types: Iterable[str] | None = None) -> Links:
    """The nodes and edges of `build_graph`, with its attributes, in plain dicts, for analyses
    that only follow edges (`anchoring`, `brokers`) without importing networkx (0.1–0.15 s).
    With `edge_types`, only edges of those types are kept (every node is, as in `build_graph`).
    """
    links = Links(as_of=as_of.isoformat() if as_of else None)
    if edge_types is not None:
        links.keep = frozenset(edge_types)
    _fill(links, dataset, as_of, filters or Filters())
    return links


def _fill(graph: nx.MultiDiGraph | Links, dataset: Dataset, as_of: date | None,
          filters: Filters) -> None:
    networks = networks_in_scope(dataset, as_of, filters)
    scope = None
    if filters.region is not None or filters.country is not None:
        scope = organisations_in_scope(dataset, as_of, filters)
        if filters.region is not None:
            networks = [n for n in networks if members(n, scope)]
    referenced = _referenced_actors(dataset, networks) | _related_actors(dataset, as_of)
    for actor_id in sorted(dataset.actors):
        actor = dataset.actors[actor_id]
        is_active = active(actor, as_of)
        in_scope = is_active if scope is None else actor_id in scope
        if in_scope or actor_id in referenced:
            graph.add_node(node_key("actor", actor_id), **_actor_attributes(actor, is_active))
    for role_id in sorted(dataset.roles):
        role = dataset.roles[role_id]
        graph.add_node(node_key("role", role_id), **_given(
            type="role", id=role_id, label=role.label(), anchor=role.anchor, country=role.country))
    for area_id in sorted(dataset.areas):
        area = dataset.areas[area_id]
        graph.add_node(node_key("area", area_id), **_given(
            type="area", id=area_id, label=area.label(), group=area.group))
    for network in networks:
        graph.add_node(node_key("network", network.id), **_network_attributes(network))
    for network in networks:
        _add_network_edges(graph, dataset, network, as_of)
    for actor_id in sorted(dataset.actors):
        actor = dataset.actors[actor_id]
        key = node_key("actor", actor_id)
        if actor.parent and key in graph and node_key("actor", actor.parent) in graph:
            graph.add_edge(key, node_key("actor", actor.parent), type="parent")
    for relation in dataset.relations:
        if as_of is not None and not relation.period.active_on(as_of):
            continue
        for target in relation.targets:
            source_key = record_key(dataset, relation.source)
            target_key = record_key(dataset, target)
            if source_key in graph and target_key in graph:
                graph.add_edge(source_key, target_key, **_given(
                    type=relation.kind, record=relation.id, about=relation.about,
                    sources="|".join(relation.sources)))


class Links:
    """The part of networkx's `MultiDiGraph` that `build_graph` and edge-following searches
    use, in the same order: nodes as added (an edge adds the nodes it lacks, bare), each
    node's out- and in-edges grouped by the node at the other end, that node's first edge
    first. Edges whose type is not in `keep` (when given) are not stored, nor do they set
    the order; their nodes are added as networkx would."""

    __slots__ = ("_nodes", "_pred", "_succ", "graph", "keep")

    def __init__(self, **attributes: Any) -> None:
        self.graph: dict[str, Any] = attributes
        self.keep: frozenset[str] | None = None
        self._nodes: dict[str, dict[str, Any]] = {}
        self._succ: dict[str, dict[str, list[dict[str, Any]]]] = {}
        self._pred: dict[str, dict[str, list[dict[str, Any]]]] = {}

    def __contains__(self, node: object) -> bool:
        return node in self._nodes

    def add_node(self, node: str, **attributes: Any) -> None:
        if node in self._nodes:
            self._nodes[node].update(attributes)
        else:
            self._nodes[node] = attributes
            self._succ[node] = {}
            self._pred[node] = {}

    def add_edge(self, source: str, target: str, **attributes: Any) -> None:
        if source not in self._nodes:
            self.add_node(source)
        if target not in self._nodes:
            self.add_node(target)
        if self.keep is None or attributes.get("type") in self.keep:
            self._succ[source].setdefault(target, []).append(attributes)
            self._pred[target].setdefault(source, []).append(attributes)

    def nodes(self, data: bool = False) -> list[Any]:
        return list(self._nodes.items()) if data else list(self._nodes)

    def out_edges(self, node: str, data: bool = False) -> list[tuple[Any, ...]]:
        return [(node, target, edge) if data else (node, target)
                for target, edges in self._succ[node].items() for edge in edges]

    def in_edges(self, node: str, data: bool = False) -> list[tuple[Any, ...]]:
        return [(source, node, edge) if data else (source, node)
                for source, edges in self._pred[node].items() for edge in edges]


def _related_actors(dataset: Dataset, as_of: date | None) -> set[str]:
    """Actors a relation active on `as_of` names: they belong on the map even when no network
    refers to them (the ministry behind an agreement, an evaluating body)."""
    ids: set[str] = set()
    for relation in dataset.relations:
        if as_of is None or relation.period.active_on(as_of):
            ids.update((relation.source, *relation.targets))
    return {i for i in ids if i in dataset.actors}


def _referenced_actors(dataset: Dataset, networks: list[Network]) -> set[str]:
    ids: set[str] = set()
    for network in networks:
        ids.update(network.coverage.members)
        ids.update(network.participants)
        ids.update(network.reports_to)
        ids.update(network.steered_by)
        ids.update(f.source for f in network.funding)
        ids.update(f.reports_to for f in network.funding if f.reports_to)
        ids.update(h.actor for h in network.hosts)
        if network.host:
            ids.add(network.host)
    return {i for i in ids if i in dataset.actors}


def _given(**attributes: Any) -> dict[str, Any]:
    """The attributes that have a value: None (not given, unknown) is left out."""
    return {name: value for name, value in attributes.items() if value is not None}


def _actor_attributes(actor: Actor, active: bool) -> dict[str, Any]:
    return _given(
        type="actor", id=actor.id, label=actor.short_name or actor.name,
        name=actor.name, kind=actor.kind, level=actor.level, country=actor.country,
        region=actor.region, count=actor.count, population=actor.population, active=active,
    )


def _network_attributes(network: Network) -> dict[str, Any]:
    return _given(
        type="network", id=network.id, label=network.short_name or network.name,
        name=network.name, kind=network.kind, level=network.level,
        country=network.country, tasks=tuple(network.tasks),
        period=str(network.period) or None, estimated=network.rests_on_estimates,
        sources=tuple(network.sources),
    )


def _add_network_edges(graph: nx.MultiDiGraph | Links, dataset: Dataset, network: Network,
                       as_of: date | None) -> None:
    key = node_key("network", network.id)
    host = network.host_on(as_of)
    if host and node_key("actor", host) in graph:
        graph.add_edge(node_key("actor", host), key, type="hosts")
    for member in sorted(set(network.coverage.members)):
        actor = dataset.actors.get(member)
        if actor is not None and active(actor, as_of):
            graph.add_edge(key, node_key("actor", member), type="member", count=actor.count)
    for target in network.targets:
        graph.add_edge(key, node_key("role", target.role), **_given(
            type="targets", meetings_per_year=target.meetings_per_year,
            hours_per_meeting=target.hours_per_meeting, hours_per_year=target.hours_per_year,
            estimate=target.estimate))
    for area in network.areas:
        graph.add_edge(key, node_key("area", area), type="covers-area")
    funding_now = [f for f in network.funding if f.status != "refused"
                   and (as_of is None or f.period.active_on(as_of))]
    for funding in funding_now:
        graph.add_edge(node_key("actor", funding.source), key, **_given(
            type="funds", scheme=funding.scheme, grant=funding.grant,
            reports_to=funding.reports_to))
    for body in network.reports_to:
        _add_reference(graph, dataset, key, body, "reports-to", via="network")
    for funding in funding_now:
        if funding.reports_to:
            _add_reference(graph, dataset, key, funding.reports_to, "reports-to",
                           via=f"funding:{funding.source}")
    for body in network.steered_by:
        _add_reference(graph, dataset, key, body, "steered-by")
    if network.parent:
        _add_reference(graph, dataset, key, network.parent, "parent")
    for participant in network.participants:
        participant_key = record_key(dataset, participant)
        if participant_key in graph:
            graph.add_edge(participant_key, key, type="participates")


def _add_reference(graph: nx.MultiDiGraph | Links, dataset: Dataset, source: str, ident: str,
                   edge_type: str, **attributes: Any) -> None:
    """An edge to an actor or network; references to inactive networks are left out."""
    target = record_key(dataset, ident)
    if target in graph:
        graph.add_edge(source, target, type=edge_type, **attributes)
