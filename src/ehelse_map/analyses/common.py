"""Helpers the analyses share: reporting and funding lines, regions and names, row limits.

What is in scope (the period rule and the filters) is decided in `ehelse_map.model.scope`.
"""

from __future__ import annotations

from typing import TypeVar

from ehelse_map.model.records import Actor, Dataset, Network


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
