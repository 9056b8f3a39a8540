"""The plan of the `landscape` picture: for each country and tier, the organisations, networks
and municipality groups drawn (at most `budget` of each a row, the rest counted in "+N more"
bubbles), what each reaches, and the lines from a network to its host, its funders and the
bodies it has relations with (mandate, agreement, cooperation, ownership, evaluation).

Computed without matplotlib; `diagrams/landscape.py` measures, lays out and draws it.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import TypeVar

from ehelse_map.load.vocab import COUNTRIES, RELATION_KINDS
from ehelse_map.model.records import Actor, Dataset, Network
from ehelse_map.render.diagrams.i18n import listing, text
from ehelse_map.render.diagrams.plans.frame import Frame, is_inferred, marked, names_of
from ehelse_map.render.diagrams.scope import Scope, active_funding, scope_for, subtitle
from ehelse_map.render.diagrams.style import (
    ACTOR_GROUPS,
    DEFAULT_BUBBLES,
    DiagramOptions,
    actor_group,
    display_name,
    network_group,
    source_parts,
)

TIERS = ("national", "regional", "local")
LINE_KINDS = ("reach", "host", "funding", *RELATION_KINDS)
"""Kinds of line, in the legend's order: what a network reaches, its host, its funders, then
the relations of the data (`relations`: giver to receiver)."""


@dataclass(frozen=True)
class Bubble:
    key: str
    """The record's id, `group:<region>`, `aggregate:<id>` or `more:<country>:...`."""
    kind: str
    """`actor`, `network`, `group` (municipalities packed), `aggregate` (a record standing for
    many municipalities) or `more` (a "+N more" summary)."""
    label: str
    """The name as drawn, unwrapped (with † when the record is partly an inference); for a
    group, its region's name (the count is `count`)."""
    group: str
    """Colour group: an actor or network group of `style`, `municipality`, or `more`."""
    reach: float | None
    """Organisations reached (bubble area); None when the data does not say whom a network
    reaches (drawn as a dashed ring, never as reaching nobody)."""
    inferred: bool = False
    members: tuple[Actor, ...] = ()
    """Municipalities drawn inside a group, or the aggregate record."""
    count: int = 0
    """Municipalities a group or an aggregate stands for; records a "+N more" summarises."""


@dataclass(frozen=True)
class Row:
    country: str
    tier: str
    bubbles: tuple[Bubble, ...]


@dataclass(frozen=True)
class Link:
    kind: str
    """One of `LINE_KINDS`."""
    source: str
    """Key of the bubble the line starts from: the network (reach), the host, the funder, the
    giver of a relation."""
    target: str
    weight: float = 1.0
    """Organisations reached (reach lines); lines of the same kind between the same bubbles
    otherwise."""


@dataclass(frozen=True)
class LandscapePlan:
    frame: Frame
    countries: tuple[str, ...]
    rows: tuple[Row, ...]
    """Per country, per tier top to bottom: organisations then networks (municipalities: the
    networks, then the groups)."""
    links: tuple[Link, ...]
    related: frozenset[str] | None
    """Keys --highlight concerns (None: nothing highlighted)."""
    highlight: str | None
    budget: int
    biggest: float
    """The widest reach: the scale of bubble areas."""
    summarised: tuple[tuple[str, int], ...] = ()
    """(`organisations` | `networks` | `groups`, how many are in "+N more" bubbles)."""

    @property
    def bubbles(self) -> dict[str, Bubble]:
        return {b.key: b for row in self.rows for b in row.bubbles}

    def rows_of(self, country: str, tier: str) -> list[Row]:
        return [r for r in self.rows if r.country == country and r.tier == tier]

    @property
    def line_kinds(self) -> tuple[str, ...]:
        present = {link.kind for link in self.links}
        return tuple(k for k in LINE_KINDS if k in present)


def plan(dataset: Dataset, options: DiagramOptions, budget: int | None = None
         ) -> LandscapePlan:
    """What the landscape shows with at most `budget` organisations and networks per country
    and tier (default: --max-bubbles, else 24)."""
    budget = budget or options.max_bubbles or DEFAULT_BUBBLES
    lang = options.lang
    scope = scope_for(dataset, options)
    reach = _reach(dataset, scope, options)
    by_place: dict[tuple[str, str], tuple[list[Actor], list[Network]]] = defaultdict(
        lambda: ([], []))
    for actor in scope.actors:
        by_place[actor.country, actor.level][0].append(actor)
    for network in scope.networks:
        by_place[network.country, network.level][1].append(network)
    rows: list[Row] = []
    drawn_in: dict[str, str] = {}
    summarised: Counter[str] = Counter()
    for country in scope.countries:
        for tier in TIERS:
            orgs, nets = by_place[country, tier]
            orgs, hidden_orgs = _widest(orgs, reach, budget, options.highlight)
            orgs.sort(key=lambda a: (list(ACTOR_GROUPS).index(actor_group(a.kind)),
                                     -(reach.get(a.id) or 0), display_name(a)))
            org_bubbles = [_actor_bubble(a, reach) for a in orgs]
            if hidden_orgs:
                key = f"more:{country}:{tier}:actors"
                org_bubbles.append(_more(key, len(hidden_orgs), "more_organisations", lang))
                drawn_in.update((a.id, key) for a in hidden_orgs)
                summarised["organisations"] += len(hidden_orgs)
            nets, hidden_nets = _widest(nets, reach, budget, options.highlight)
            net_bubbles = [_network_bubble(n, scope, reach, lang) for n in nets]
            if hidden_nets:
                key = f"more:{country}:{tier}:networks"
                net_bubbles.append(_more(key, len(hidden_nets), "more_networks", lang))
                drawn_in.update((n.id, key) for n in hidden_nets)
                summarised["networks"] += len(hidden_nets)
            if tier == "local":
                groups, hidden_groups = _groups(dataset, scope, country, options, budget,
                                                drawn_in)
                summarised["groups"] += hidden_groups
                rows += [Row(country, tier, tuple(net_bubbles)),
                         Row(country, tier, tuple(groups + org_bubbles))]
            else:
                rows += [Row(country, tier, tuple(org_bubbles)),
                         Row(country, tier, tuple(net_bubbles))]
    drawn = {b.key for row in rows for b in row.bubbles}
    links = _reach_links(dataset, scope, drawn, drawn_in) + _body_links(
        dataset, scope, options, drawn, drawn_in)
    bubbles = [b for row in rows for b in row.bubbles]
    caption = _caption(dataset, options, scope, bubbles, summarised, budget)
    frame = Frame(options.title or text("title_landscape", lang), subtitle(dataset, options),
                  tuple(caption), names_of([*scope.actors, *scope.municipalities,
                                            *scope.networks]), lang)
    biggest = max([1.0, *(v for v in reach.values() if v is not None)])
    return LandscapePlan(frame, tuple(scope.countries), tuple(rows), tuple(links),
                         _related(dataset, scope, options, drawn_in), options.highlight,
                         budget, biggest, tuple((k, summarised[k]) for k in
                                                ("organisations", "networks", "groups")
                                                if summarised[k]))


# --- records and their reach ------------------------------------------------------------------

def _reach(dataset: Dataset, scope: Scope, options: DiagramOptions) -> dict[str, float | None]:
    """Organisations reached: by each network (None when the data does not say), and by each
    organisation through the networks it hosts or funds on the day (aggregates count as the
    organisations they stand for)."""
    reach: dict[str, float | None] = {}
    by_actor: dict[str, set[str]] = defaultdict(set)
    day = options.as_of
    for network in scope.networks:
        members = scope.members[network.id]
        if members:
            reach[network.id] = float(sum(dataset.actors[m].count for m in members))
        elif network.coverage.members:
            reach[network.id] = 0.0  # documented, and none of them in the selection
        else:
            reach[network.id] = float(network.coverage.count) if network.coverage.count \
                else None
        bodies = {network.host_on(day), *(f.source for f in active_funding(network, day))}
        for actor_id in sorted(b for b in bodies if b):
            by_actor[actor_id].update(members)
    for actor_id, reached in by_actor.items():
        reach[actor_id] = float(sum(dataset.actors[m].count for m in reached))
    return reach


def _actor_bubble(actor: Actor, reach: dict[str, float | None]) -> Bubble:
    inferred = is_inferred(actor)
    return Bubble(actor.id, "actor", marked(display_name(actor), inferred),
                  actor_group(actor.kind), reach.get(actor.id) or 0.0, inferred)


def _network_bubble(network: Network, scope: Scope, reach: dict[str, float | None],
                    lang: str) -> Bubble:
    inferred = is_inferred(network)
    name = display_name(network)
    if not scope.members[network.id] and network.coverage.count:
        name = f"{name} · {text('count_only', lang, n=network.coverage.count)}"
    return Bubble(network.id, "network", marked(name, inferred), network_group(network.kind),
                  reach.get(network.id), inferred)


def _more(key: str, count: int, what: str, lang: str) -> Bubble:
    return Bubble(key, "more", text(what, lang, n=count), "more", None, count=count)


_Record = TypeVar("_Record", bound="Actor | Network")


def _widest(records: list[_Record], reach: dict[str, float | None], limit: int,
            keep: str | None) -> tuple[list[_Record], list[_Record]]:
    """(shown, left out), each in the order given: all shown when they fit, else the
    `limit - 1` with the widest reach (always `keep`), leaving room for a "+N more" bubble
    (a budget of 1, the least a page may get, shows only that bubble)."""
    if len(records) <= limit:
        return list(records), []
    ranked = sorted(records, key=lambda r: (r.id != keep, -(reach.get(r.id) or 0), r.id))
    kept = any(r.id == keep for r in records)
    shown = {r.id for r in ranked[:max(limit - 1, int(kept))]}
    return ([r for r in records if r.id in shown], [r for r in records if r.id not in shown])


def group_key(actor: Actor) -> str:
    if actor.count > 1:
        return f"aggregate:{actor.id}"
    return f"group:{actor.region or actor.catchment or actor.country}"


def _groups(dataset: Dataset, scope: Scope, country: str, options: DiagramOptions, budget: int,
            drawn_in: dict[str, str]) -> tuple[list[Bubble], int]:
    """One bubble per municipality group of `country`: all of them, or when there are more than
    half the budget, the largest and one "+N more" bubble. Records in `drawn_in` the bubble
    each municipality is drawn in; returns the bubbles and how many groups were summarised."""
    lang = options.lang
    groups: dict[str, list[Actor]] = defaultdict(list)
    for actor in scope.municipalities:
        if actor.country == country:
            groups[group_key(actor)].append(actor)
    hidden: list[Actor] = []
    hidden_groups = 0
    limit = 1 if budget <= 1 else max(2, budget // 2)  # the smallest budget: only "+N more"
    if len(groups) > limit:
        highlighted = {group_key(a) for a in scope.municipalities if a.id == options.highlight}
        ranked = sorted(groups, key=lambda k: (k not in highlighted,
                                               -sum(a.count for a in groups[k]), k))
        for key in ranked[limit - 1:]:
            hidden.extend(groups.pop(key))
            hidden_groups += 1
    bubbles = []
    for key, members in groups.items():
        for actor in members:
            drawn_in[actor.id] = key
        if key.startswith("aggregate:"):
            actor = members[0]
            bubbles.append(Bubble(key, "aggregate", display_name(actor), "municipality",
                                  float(actor.count), is_inferred(actor), (actor,),
                                  actor.count))
        else:
            region = key.split(":", 1)[1]
            region_actor = dataset.actors.get(region)
            if region_actor is not None:
                name = display_name(region_actor)
            else:
                name = text(f"country_{region}", lang) if region in COUNTRIES else region
            bubbles.append(Bubble(key, "group", name, "municipality",
                                  float(sum(a.count for a in members)), False,
                                  tuple(members), len(members)))
    bubbles.sort(key=lambda b: (b.kind == "aggregate", -len(b.members), b.key))
    if hidden:
        key = f"more:{country}:municipalities"
        for actor in hidden:
            drawn_in[actor.id] = key
        count = sum(a.count for a in hidden)
        bubbles.append(Bubble(key, "more", text("more_groups", lang, n=hidden_groups, m=count),
                              "more", None, False, tuple(hidden), count))
    return bubbles, hidden_groups


# --- lines --------------------------------------------------------------------------------------

def _reach_links(dataset: Dataset, scope: Scope, drawn: set[str],
                 drawn_in: dict[str, str]) -> list[Link]:
    """network -> each bubble it reaches, weighed by the organisations reached there."""
    links = []
    for network in scope.networks:
        if network.id not in drawn:
            continue
        weights: dict[str, float] = defaultdict(float)
        for member in scope.members[network.id]:
            key = drawn_in.get(member, member)
            if key in drawn and key != network.id:
                weights[key] += dataset.actors[member].count
        links += [Link("reach", network.id, key, weight) for key, weight in sorted(
            weights.items())]
    return links


def _body_links(dataset: Dataset, scope: Scope, options: DiagramOptions, drawn: set[str],
                drawn_in: dict[str, str]) -> list[Link]:
    """Lines from a body to a network: its host on the day, its funders then, and every
    relation active then between two things drawn (a summarised record: its "+N more")."""
    day = options.as_of
    found: Counter[tuple[str, str, str]] = Counter()

    def add(kind: str, source: str, target: str) -> None:
        a, b = drawn_in.get(source, source), drawn_in.get(target, target)
        if a in drawn and b in drawn and a != b:
            found[kind, a, b] += 1

    for network in scope.networks:
        host = network.host_on(day)
        if host:
            add("host", host, network.id)
        for funding in active_funding(network, day):
            add("funding", funding.source, network.id)
    for relation in dataset.relations:
        if relation.period.active_on(day):
            for target in relation.targets:
                add(relation.kind, relation.source, target)
    return [Link(kind, a, b, float(n)) for (kind, a, b), n in sorted(
        found.items(), key=lambda item: (LINE_KINDS.index(item[0][0]), item[0][1:]))]


def _related(dataset: Dataset, scope: Scope, options: DiagramOptions,
             drawn_in: dict[str, str]) -> frozenset[str] | None:
    """Keys of what --highlight concerns (None: nothing highlighted): a network's members,
    host and funders; an organisation's networks (reached, hosted, funded); and the other ends
    of their relations."""
    ident = options.highlight
    if ident is None:
        return None
    day = options.as_of
    keys = {ident}
    if ident in dataset.networks:
        network = dataset.networks[ident]
        keys.update(scope.members.get(ident, ()))
        keys.update(b for b in (network.host_on(day), *(
            f.source for f in active_funding(network, day))) if b)
    else:
        for network in scope.networks:
            involved = (ident in scope.members[network.id] or network.host_on(day) == ident
                        or any(f.source == ident for f in active_funding(network, day)))
            if involved:
                keys.add(network.id)
    for relation in dataset.relations:
        ends = (relation.source, *relation.targets)
        if ident in ends and relation.period.active_on(day):
            keys.update(ends)
    # what is drawn inside a group or a "+N more" bubble lights up that bubble
    return frozenset(keys | {drawn_in[k] for k in keys if k in drawn_in})


# --- caption ----------------------------------------------------------------------------------

def _caption(dataset: Dataset, options: DiagramOptions, scope: Scope, bubbles: list[Bubble],
             summarised: Counter[str], budget: int) -> list[str]:
    lang = options.lang
    parts = [text("caption_landscape", lang)]
    counted = [text(f"summarised_{kind}", lang, n=summarised[kind])
               for kind in ("organisations", "networks", "groups") if summarised[kind]]
    if counted and budget > 1:
        parts.append(text("caption_summarised", lang, what=listing(counted, lang),
                          limit=budget, shown=budget - 1))
    elif counted:
        parts.append(text("caption_summarised_all", lang, what=listing(counted, lang)))
    if any(b.kind == "network" and b.reach is None for b in bubbles):
        parts.append(text("caption_reach_unknown", lang))
    if any(b.inferred for b in bubbles):
        parts.append(text("caption_inferred_mark", lang))
    parts += source_parts(dataset, options, scope.networks + scope.actors)
    return parts
