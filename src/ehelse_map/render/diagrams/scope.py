"""What a diagram shows, after --as-of, --country and --region.

The rules are `ehelse_map.model.scope`'s, as for every analysis: a record counts when its
period overlaps the as-of date; --country keeps networks and organisations of that country;
--region keeps organisations whose `region` is that id (or that are the region). This module
adds only what a picture needs on top: the bodies a shown network involves (its host on the
day, funders active then, those it reports to or is steered by, and the other ends of the
relations it has). Pure: no matplotlib.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ehelse_map.load.vocab import COUNTRIES
from ehelse_map.model.records import Actor, Dataset, Funding, Network
from ehelse_map.model.scope import (
    Filters,
    in_region,
    members,
    networks_in_scope,
    organisation_in_scope,
    organisations_in_scope,
)
from ehelse_map.render.diagrams.i18n import text
from ehelse_map.render.diagrams.style import DiagramOptions, display_name


@dataclass(frozen=True)
class Scope:
    countries: list[str]
    networks: list[Network]
    """Active networks in the country filter that reach the region (or are hosted in it)."""
    members: dict[str, tuple[str, ...]]
    """Network id -> the organisations it reaches inside the filters."""
    actors: list[Actor]
    """Organisations other than municipalities: all in scope, or with --region those in the
    region and those that host, fund or take part in a network shown."""
    municipalities: list[Actor]


def active_funding(network: Network, day: date) -> tuple[Funding, ...]:
    """The network's funding lines on `day`, refused applications left out: the rule of
    `analyses.common.active_funding` (a test holds them equal). Repeated here because importing
    the analyses costs a landscape, which runs none, 50 ms."""
    return tuple(f for f in network.funding if f.status != "refused"
                 and f.period.active_on(day))


def scope_for(dataset: Dataset, options: DiagramOptions) -> Scope:
    day = options.as_of
    filters = options.filters
    inside_scope = organisations_in_scope(dataset, day, filters)
    networks = []
    reached: dict[str, tuple[str, ...]] = {}
    for network in networks_in_scope(dataset, day, Filters(country=filters.country)):
        inside = members(network, inside_scope)
        host = dataset.actors.get(network.host_on(day) or "")
        hosted_here = host is not None and options.region in (host.id, host.region)
        if options.region is None or inside or hosted_here:
            networks.append(network)
            reached[network.id] = inside
    involved = {ident for n in networks for ident in (
        n.host_on(day), *(f.source for f in active_funding(n, day)), *n.participants,
        *n.steered_by, *n.reports_to, *reached[n.id]) if ident}
    shown = {n.id for n in networks}
    for relation in dataset.relations:  # the other ends of a shown network's relations
        if relation.period.active_on(day):
            ends = (relation.source, *relation.targets)
            if shown.intersection(ends):
                involved.update(ends)
    actors = []
    municipalities = []
    in_country = Filters(country=filters.country)
    for actor in sorted(dataset.actors.values(), key=lambda a: a.id):
        if not organisation_in_scope(actor, day, in_country):
            continue
        if actor.kind == "municipality":
            if actor.id in inside_scope:
                municipalities.append(actor)
        elif in_region(actor, options.region) or actor.id in involved:
            actors.append(actor)
    present = {n.country for n in networks} | {a.country for a in actors + municipalities}
    countries = [c for c in COUNTRIES if c in present]
    return Scope(countries, networks, reached, actors, municipalities)


def subtitle(dataset: Dataset, options: DiagramOptions) -> str:
    """`Country: Norway · Region: Vestland · as of 2025-01-01 · highlighted: KS`."""
    lang = options.lang
    parts = []
    if options.country:
        parts.append(text("scope_country", lang, value=country_name(options.country, lang)))
    if options.region:
        region = dataset.actors.get(options.region)
        parts.append(text("scope_region", lang,
                          value=display_name(region) if region else options.region))
    if not parts:
        parts.append(text("scope_all", lang))
    parts.append(text("as_of", lang, date=options.as_of.isoformat()))
    if options.highlight:
        record = dataset.actors.get(options.highlight) or dataset.networks.get(options.highlight)
        parts.append(text("highlighted", lang,
                          value=display_name(record) if record else options.highlight))
    return " · ".join(parts)


def country_name(code: str, lang: str) -> str:
    try:
        return text(f"country_{code}", lang)
    except KeyError:
        return code
