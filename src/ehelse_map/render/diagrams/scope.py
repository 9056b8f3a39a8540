"""What a diagram shows, after --as-of, --country and --region.

The rules are the analyses' (`docs/analyses.md`): a record counts when its period overlaps the
as-of date; --country keeps networks and organisations of that country; --region keeps
organisations whose `region` is that id (or that are the region). They are restated here rather
than imported from the analyses' private helpers, so that the landscape does not import every
analysis, and a change of those helpers' signatures cannot break the pictures.
"""

from __future__ import annotations

from dataclasses import dataclass

from datetime import date

from ehelse_map.model.records import Actor, Dataset, Network
from ehelse_map.load.spec import COUNTRIES
from ehelse_map.render.diagrams.style import DiagramOptions, display_name
from ehelse_map.render.diagrams.i18n import text


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


def organisation_in_scope(actor: Actor, day: date, country: str | None,
                          region: str | None) -> bool:
    """Active on `day`, in the country and in the region (or the region itself)."""
    return (actor.period.active_on(day)
            and (country is None or actor.country == country)
            and (region is None or region in (actor.region, actor.id)))


def scope_for(dataset: Dataset, options: DiagramOptions) -> Scope:
    day, country, region = options.as_of, options.country, options.region
    inside_scope = {a.id for a in dataset.actors.values()
                    if organisation_in_scope(a, day, country, region)}
    networks = []
    reached: dict[str, tuple[str, ...]] = {}
    for network in sorted(dataset.networks.values(), key=lambda n: n.id):
        if not network.period.active_on(day) or (country is not None
                                                  and network.country != country):
            continue
        inside = tuple(sorted(inside_scope.intersection(network.coverage.members)))
        host = dataset.actors.get(network.host or "")
        hosted_here = host is not None and options.region in (host.id, host.region)
        if options.region is None or inside or hosted_here:
            networks.append(network)
            reached[network.id] = inside
    involved = {ident for n in networks for ident in (
        n.host, *(f.source for f in n.funding), *n.participants, *n.steered_by, *n.reports_to,
        *reached[n.id]) if ident}
    actors = []
    municipalities = []
    for actor in sorted(dataset.actors.values(), key=lambda a: a.id):
        if not actor.period.active_on(day):
            continue
        if options.country is not None and actor.country != options.country:
            continue
        if actor.kind == "municipality":
            if actor.id in inside_scope:
                municipalities.append(actor)
        elif options.region is None or options.region in (actor.id, actor.region) \
                or actor.id in involved:
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
