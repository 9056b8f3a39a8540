"""What every analysis shares: the filters, the period rule and the scope of organisations."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TypeVar

from ehelse_map.model.records import Actor, Dataset, Network


@dataclass(frozen=True)
class Filters:
    """The filters an analysis was run with, kept in its result so outputs can state them."""

    country: str | None = None
    """Only networks of this country (`NO`), and only organisations in it."""
    region: str | None = None
    """Only organisations whose `region` is this actor id (or that are the region itself)."""
    area: str | None = None
    """Only this mandate area."""
    role: str | None = None
    """Only this target role."""
    top: int | None = None
    """At most this many rows in the main listing (after sorting); None: all."""

    def describe(self) -> str:
        """`country NO, area legemiddel` — for table notes; empty when nothing is filtered."""
        parts = [f"{name} {value}" for name, value in (
            ("country", self.country), ("region", self.region), ("area", self.area),
            ("role", self.role), ("top", self.top)) if value is not None]
        return ", ".join(parts)


def active(record: Actor | Network, as_of: date | None) -> bool:
    """Active on `as_of` (fuzzy ends read generously); always True when `as_of` is None."""
    return as_of is None or record.period.active_on(as_of)


def networks_in_scope(dataset: Dataset, as_of: date | None, filters: Filters) -> list[Network]:
    """Active networks matching the country and area filters, sorted by id."""
    return [n for n in sorted(dataset.networks.values(), key=lambda n: n.id)
            if active(n, as_of)
            and (filters.country is None or n.country == filters.country)
            and (filters.area is None or filters.area in n.areas)]


def organisation_in_scope(actor: Actor, as_of: date | None, filters: Filters) -> bool:
    """An organisation counts when active and inside the country and region filters."""
    return (active(actor, as_of)
            and (filters.country is None or actor.country == filters.country)
            and (filters.region is None or filters.region in (actor.region, actor.id)))


def organisations_in_scope(dataset: Dataset, as_of: date | None,
                           filters: Filters) -> frozenset[str]:
    """Ids of every actor that counts as a reached organisation under the filters (computed
    once per analysis, so each network's reach is one set intersection)."""
    return frozenset(a.id for a in dataset.actors.values()
                     if organisation_in_scope(a, as_of, filters))


def members(network: Network, scope: frozenset[str]) -> tuple[str, ...]:
    """The network's reached organisations in `scope`, sorted and without repeats."""
    return tuple(sorted(scope.intersection(network.coverage.members)))


def areas_of(network: Network, filters: Filters) -> tuple[str, ...]:
    return tuple(a for a in dict.fromkeys(network.areas)
                 if filters.area is None or a == filters.area)


def roles_of(network: Network, filters: Filters) -> tuple[str, ...]:
    return tuple(r for r in network.roles if filters.role is None or r == filters.role)


def reporting_lines(network: Network) -> frozenset[str]:
    """Bodies the network reports to, directly or through a funding line's reporting demand."""
    return frozenset(network.reports_to) | {f.reports_to for f in network.funding if f.reports_to}


def funding_lines(network: Network) -> frozenset[tuple[str, str]]:
    """Distinct (source, scheme) pairs; a line without a scheme has scheme ``""``."""
    return frozenset((f.source, f.scheme or "") for f in network.funding)


def region_of(actor: Actor) -> str:
    """The region an organisation lies in: its `region` actor id, or else its country code."""
    return actor.region or actor.country


def region_name(dataset: Dataset, key: str) -> str:
    actor = dataset.actors.get(key)
    return (actor.short_name or actor.name) if actor else key


def short_name(dataset: Dataset, ident: str) -> str:
    """Display name of an actor or network id, preferring its short name."""
    record: Actor | Network | None = dataset.actors.get(ident) or dataset.networks.get(ident)
    if record is None:
        return ident
    return record.short_name or record.name


T = TypeVar("T")


def take(rows: tuple[T, ...], top: int | None) -> tuple[T, ...]:
    """The first `top` rows (all when None)."""
    return rows if top is None else rows[:max(top, 0)]
