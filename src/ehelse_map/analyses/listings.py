"""Listings of actors and networks: the stable JSON contract of `actors`, `networks` and `show`."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from ehelse_map.model.records import Actor, Dataset, Network
from ehelse_map.model.scope import (
    Filters,
    active,
    in_region,
    members,
    organisations_in_scope,
    reached_as,
)


@dataclass(frozen=True)
class ActorItem:
    id: str
    name: str
    kind: str
    level: str
    country: str
    parent: str | None
    region: str | None
    catchment: str | None
    number: str | None
    """Official number (kommunenummer for Norwegian municipalities), always a string."""
    population: int | None
    population_as_of: str | None
    count: int
    """How many organisations the record stands for (1 unless an aggregate)."""
    period: str
    active: bool
    inferred: str | None
    sources: tuple[str, ...]
    networks: tuple[str, ...] = ()
    """Ids of the networks active on the as-of date that reach it, directly or through an
    aggregate it belongs to (`ehelse-map profile ID` tells what they ask), sorted."""


@dataclass(frozen=True)
class FundingItem:
    source: str
    scheme: str | None
    reports_to: str | None


@dataclass(frozen=True)
class TargetItem:
    role: str
    meetings_per_year: float | None
    """None when unknown."""
    hours_per_meeting: float | None
    hours_per_year: float | None
    estimate: str | None
    asks: str = "member"
    seats: int | None = None


@dataclass(frozen=True)
class NetworkItem:
    id: str
    name: str
    kind: str
    level: str
    country: str
    host: str | None
    parent: str | None
    areas: tuple[str, ...]
    tasks: tuple[str, ...]
    roles: tuple[str, ...]
    targets: tuple[TargetItem, ...]
    members: tuple[str, ...]
    """Ids of the actors the network reaches, coverage expanded."""
    member_count: int | None
    """The documented number reached when the members are not listed."""
    reach: int
    """Organisations reached: members weighted by their `count` (aggregates), else member_count."""
    funding: tuple[FundingItem, ...]
    reports_to: tuple[str, ...]
    steered_by: tuple[str, ...]
    period: str
    active: bool
    estimates: bool
    """True when any target cadence is an estimate."""
    inferred: str | None
    coverage_inferred: str | None
    """Why the organisations reached are an inference, when they are."""
    sources: tuple[str, ...]


def actor_item(actor: Actor, as_of: date, networks: tuple[str, ...] = ()) -> ActorItem:
    """The listing of one actor; `networks`: those reaching it (`reaching`)."""
    return ActorItem(actor.id, actor.name, actor.kind, actor.level, actor.country, actor.parent,
                     actor.region, actor.catchment, actor.number, actor.population,
                     actor.population_as_of, actor.count, str(actor.period),
                     actor.period.active_on(as_of), actor.inferred, actor.sources, networks)


def reaching(dataset: Dataset, as_of: date | None) -> dict[str, tuple[str, ...]]:
    """Actor id -> the networks active on `as_of` that reach it, directly or through an
    aggregate it belongs to (`scope.reached_as`), sorted; actors nobody reaches are left out.
    One pass over the coverage of every network, so listing every actor costs no more."""
    direct: dict[str, set[str]] = defaultdict(set)
    for network in dataset.networks.values():
        if active(network, as_of):
            for member in network.coverage.members:
                direct[member].add(network.id)
    found = {}
    for ident in dataset.actors:
        ids = set().union(*(direct.get(r, set()) for r in reached_as(dataset, ident)))
        if ids:
            found[ident] = tuple(sorted(ids))
    return found


def network_reach(dataset: Dataset, network: Network) -> int:
    """Organisations a network reaches; an aggregate member counts as the organisations it stands for."""
    if network.coverage.members:
        return sum(dataset.actors[m].count for m in network.coverage.members)
    return network.coverage.count or 0


def network_item(dataset: Dataset, network: Network, as_of: date) -> NetworkItem:
    return NetworkItem(
        network.id, network.name, network.kind, network.level, network.country, network.host,
        network.parent, network.areas, network.tasks, network.roles,
        tuple(TargetItem(t.role, t.meetings_per_year, t.hours_per_meeting, t.hours_per_year,
                         t.estimate, t.asks, t.seats) for t in network.targets),
        network.coverage.members, network.coverage.count, network_reach(dataset, network),
        tuple(FundingItem(f.source, f.scheme, f.reports_to) for f in network.funding),
        network.reports_to, network.steered_by, str(network.period),
        network.period.active_on(as_of), network.rests_on_estimates, network.inferred,
        network.coverage.inferred, network.sources,
    )


def list_actors(dataset: Dataset, as_of: date, *, country: str | None = None,
                region: str | None = None, level: str | None = None, kind: str | None = None,
                active_only: bool = False) -> tuple[ActorItem, ...]:
    """Actors in data-file order, filtered (`region`: those in it, and the region itself)."""
    items = []
    reached = reaching(dataset, as_of)
    for actor in dataset.actors.values():
        if (country and actor.country != country) or (level and actor.level != level) \
                or (kind and actor.kind != kind) or not in_region(actor, region):
            continue
        if active_only and not actor.period.active_on(as_of):
            continue
        items.append(actor_item(actor, as_of, reached.get(actor.id, ())))
    return tuple(items)


def list_networks(dataset: Dataset, as_of: date, *, country: str | None = None,
                  region: str | None = None, level: str | None = None, kind: str | None = None,
                  active_only: bool = False) -> tuple[NetworkItem, ...]:
    """Networks in data-file order, filtered (`region`: those reaching an organisation in it,
    active or not)."""
    in_region_ids = (None if region is None else
                     organisations_in_scope(dataset, None, Filters(region=region)))
    items = []
    for network in dataset.networks.values():
        if (country and network.country != country) or (level and network.level != level) \
                or (kind and network.kind != kind):
            continue
        if in_region_ids is not None and not members(network, in_region_ids):
            continue
        if active_only and not network.period.active_on(as_of):
            continue
        items.append(network_item(dataset, network, as_of))
    return tuple(items)
