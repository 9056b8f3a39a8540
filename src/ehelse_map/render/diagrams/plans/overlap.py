"""The plan of the `overlap` picture: which networks and pairs are drawn, which network is drawn
inside which (a `nested` pair: the inner network's organisations and roles lie inside the
other's on the areas they share), each pair's label, what --highlight fades, and the caption.

Computed from `analyses.overlap` without matplotlib; `diagrams/overlap.py` lays it out (spring
layout, packing) and draws it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ehelse_map.model.records import Area, Dataset, Network, Role
from ehelse_map.render.diagrams.i18n import text
from ehelse_map.render.diagrams.plans.frame import Frame, is_inferred, marked, names_of
from ehelse_map.render.diagrams.scope import scope_for, subtitle
from ehelse_map.render.diagrams.style import (
    DiagramOptions,
    display_name,
    network_group,
    source_parts,
    vocabulary_label,
)

if TYPE_CHECKING:
    from ehelse_map.analyses.overlap import OverlapPair, OverlapResult

MAX_PAIRS = 80
"""Most pairs drawn (the strongest); the caption counts the rest."""
TOP_LABELLED = 6
"""Pairs labelled with what they share (every drawn pair has its score on its edge)."""
MAX_ALONE = 24
"""Networks without overlap named in the caption; the rest are counted."""


@dataclass(frozen=True)
class OverlapNode:
    id: str
    name: str
    """The name as drawn, with † when the record is partly inferred."""
    group: str
    """Network kind group (`style.NETWORK_GROUPS`): the ring's colour."""
    reach: float
    """Organisations reached in the selection (aggregates weigh their count): bubble area."""
    inferred: bool
    container: str | None
    """The network this one is drawn inside (it is nested in it), or None."""
    faded: bool
    """--highlight is given and this network is neither it, nor overlaps it, nor is in the
    strongest pair."""


@dataclass(frozen=True)
class OverlapEdge:
    a: str
    b: str
    score: float
    relation: str
    """`nested`, `duplicate` or `partial` (`analyses.overlap`)."""
    inner: str | None
    containment: bool
    """Drawn as nesting (`inner` inside the other), not as a line."""
    label: str
    """The first line of its label: the score, and for detailed pairs relation and
    organisations."""
    areas: str
    """Shared areas, for a detailed label (else empty)."""
    roles: str
    """Shared roles, for a detailed label (else empty)."""
    rank: int
    """Order of labelling: 0 for the strongest pair, then the highlighted, then by score."""
    strongest: bool
    faded: bool

    @property
    def detailed(self) -> bool:
        return bool(self.areas or self.roles)

    @property
    def outer(self) -> str | None:
        if self.inner is None:
            return None
        return self.b if self.inner == self.a else self.a


@dataclass(frozen=True)
class OverlapPlan:
    frame: Frame
    nodes: tuple[OverlapNode, ...]
    """Every network of a drawn pair, sorted by id."""
    edges: tuple[OverlapEdge, ...]
    """The drawn pairs, strongest first."""
    highlight: str | None
    pairs_total: int
    """Overlapping pairs in the selection, drawn or not."""

    def node(self, ident: str) -> OverlapNode:
        return next(n for n in self.nodes if n.id == ident)


def plan(dataset: Dataset, options: DiagramOptions, overlap: OverlapResult | None = None,
         max_pairs: int = MAX_PAIRS, top_labelled: int = TOP_LABELLED,
         max_alone: int = MAX_ALONE) -> OverlapPlan:
    """What the overlap picture shows; `overlap` is the analysis for the options' filters when
    the caller has it already (the report), else it is computed here."""
    from ehelse_map.analyses import overlap as analyse

    lang = options.lang
    result = overlap if overlap is not None else analyse(
        dataset, options.as_of, country=options.country, region=options.region)
    every = [p for p in result.pairs if p.score > 0]
    pairs = every[:max_pairs]
    scope = scope_for(dataset, options)
    drawn = sorted({n for p in pairs for n in (p.a, p.b)})
    container = containers(pairs)
    highlight = options.highlight
    strongest = (pairs[0].a, pairs[0].b) if pairs else None
    near = {n for p in pairs if highlight in (p.a, p.b) for n in (p.a, p.b)}
    nodes = []
    for ident in drawn:
        network = dataset.networks[ident]
        members = scope.members.get(ident, tuple(network.coverage.members))
        reach = float(sum(dataset.actors[m].count for m in members if m in dataset.actors)
                      or network.coverage.count or 1)
        inferred = is_inferred(network)
        faded = highlight is not None and ident != highlight and ident not in near and (
            strongest is None or ident not in strongest)
        nodes.append(OverlapNode(ident, marked(display_name(network), inferred),
                                 network_group(network.kind), reach, inferred,
                                 container.get(ident), faded))
    ranked = sorted(pairs, key=lambda p: ((p.a, p.b) != strongest, highlight not in (p.a, p.b),
                                          -p.score, p.a, p.b))
    rank = {(p.a, p.b): index for index, p in enumerate(ranked)}
    edges = []
    for pair in pairs:
        order = rank[pair.a, pair.b]
        detailed = order < top_labelled
        outer = (pair.b if pair.inner == pair.a else pair.a) if pair.inner else None
        areas, roles = _shared(dataset, pair, lang) if detailed else ("", "")
        edges.append(OverlapEdge(
            pair.a, pair.b, pair.score, pair.relation, pair.inner,
            pair.inner is not None and container.get(pair.inner) == outer,
            _head(pair, lang, detailed), areas, roles, order, (pair.a, pair.b) == strongest,
            highlight is not None and highlight not in (pair.a, pair.b)
            and (pair.a, pair.b) != strongest))
    caption = _caption(dataset, options, result, every, pairs, drawn, container, nodes,
                       top_labelled, max_alone)
    records: list[Network | Area | Role] = [*scope.networks]
    records += [dataset.areas[a] for p in pairs for a in p.shared_areas if a in dataset.areas]
    records += [dataset.roles[r] for p in pairs for r in p.shared_roles if r in dataset.roles]
    frame = Frame(options.title or text("title_overlap", lang), subtitle(dataset, options),
                  tuple(caption), names_of(records, lang), lang)
    return OverlapPlan(frame, tuple(nodes), tuple(edges), highlight, len(every))


def containers(pairs: list[OverlapPair]) -> dict[str, str]:
    """Inner network -> the network it is drawn inside: of the nested pairs it is the inner of,
    the strongest (then by ids), unless that would draw a network inside itself."""
    found: dict[str, str] = {}
    for pair in sorted((p for p in pairs if p.relation == "nested" and p.inner),
                       key=lambda p: (-p.score, p.a, p.b)):
        inner = pair.inner
        assert inner is not None  # filtered above
        outer = pair.b if inner == pair.a else pair.a
        if inner in found:
            continue
        ancestor: str | None = outer
        while ancestor is not None and ancestor != inner:
            ancestor = found.get(ancestor)
        if ancestor is None:
            found[inner] = outer
    return found


def _head(pair: OverlapPair, lang: str, detailed: bool) -> str:
    score = f"{pair.score:.2f}"
    if not detailed:
        return score
    return " · ".join((score, text(f"relation_{pair.relation}", lang),
                       text("shared_orgs", lang, n=pair.shared_organisations)))


def _shared(dataset: Dataset, pair: OverlapPair, lang: str) -> tuple[str, str]:
    areas = ", ".join(vocabulary_label(dataset.areas[a], lang) for a in pair.shared_areas
                      if a in dataset.areas)
    roles = ", ".join(vocabulary_label(dataset.roles[r], lang) for r in pair.shared_roles
                      if r in dataset.roles)
    return areas, roles


def _caption(dataset: Dataset, options: DiagramOptions, result: OverlapResult,
             every: list[OverlapPair], pairs: list[OverlapPair], drawn: list[str],
             container: dict[str, str], nodes: list[OverlapNode], top_labelled: int,
             max_alone: int) -> list[str]:
    lang = options.lang
    top = min(top_labelled, len(pairs))
    overlapping = {n for p in every for n in (p.a, p.b)}
    if len(every) > len(pairs):  # the strongest pairs only, and the caption says so
        parts = [text("caption_overlap_strongest", lang, shown=len(pairs), total=len(every),
                      drawn=len(drawn), overlapping=len(overlapping), top=top)]
    else:
        parts = [text("caption_overlap", lang, top=top)]
    if container:
        parts.append(text("caption_nested", lang))
    scope = scope_for(dataset, options)
    not_compared = {n.network: n.reason for n in result.not_compared}
    for network in scope.networks:  # reaching nobody known is not overlapping nobody
        if network.id not in overlapping and not network.coverage.members:
            not_compared.setdefault(network.id, "organisations not listed")
    alone = sorted(display_name(n) for n in scope.networks
                   if n.id not in overlapping and n.id not in not_compared)
    if alone:
        parts.append(text("not_overlapping", lang, n=len(alone),
                          names=_listed(alone, max_alone, lang)))
    if not_compared:
        by_reason: dict[str, list[str]] = {}
        for ident, reason in sorted(not_compared.items()):
            record = dataset.networks.get(ident)
            by_reason.setdefault(reason, []).append(display_name(record) if record else ident)
        reasons = "; ".join(
            f"{_reason(reason, lang)}: "
            f"{_listed(sorted(names), max_alone, lang)}"
            for reason, names in sorted(by_reason.items()))
        parts.append(text("caption_not_compared", lang, n=len(not_compared), reasons=reasons))
    if any(n.inferred for n in nodes):
        parts.append(text("caption_inferred_mark", lang))
    parts += source_parts(dataset, options, scope.networks)
    return parts


def _reason(reason: str, lang: str) -> str:
    """Why a network was not compared, in the language (the analysis's words otherwise)."""
    try:
        return text("reason_" + reason.replace(" ", "_"), lang)
    except KeyError:
        return reason


def _listed(names: list[str], limit: int, lang: str) -> str:
    listed = ", ".join(names[:limit])
    if len(names) > limit:
        listed += " " + text("and_more", lang, n=len(names) - limit)
    return listed
