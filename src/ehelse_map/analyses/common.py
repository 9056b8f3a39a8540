"""Helpers the analyses share: reporting and funding lines, regions and names, row limits.

What is in scope (the period rule and the filters) is decided in `ehelse_map.model.scope`.
"""

from __future__ import annotations

from datetime import date
from typing import TypeVar

from ehelse_map.model.records import Actor, Dataset, Funding, Network


def active_funding(network: Network, as_of: date | None) -> tuple[Funding, ...]:
    """The network's funding entries whose period covers `as_of` (all when None; an entry
    without a period counts, its period being unknown), refused applications left out."""
    return tuple(f for f in network.funding if f.status != "refused"
                 and (as_of is None or f.period.active_on(as_of)))


def reporting_lines(network: Network, as_of: date | None = None) -> frozenset[tuple[str, str]]:
    """(body, grant) the network reports to: directly (grant ``""``) or through a funding
    entry's reporting demand; each grant reports on its own, even to the same body."""
    direct = {(body, "") for body in network.reports_to}
    return frozenset(direct | {(f.reports_to, f.grant or "") for f in active_funding(
        network, as_of) if f.reports_to})


def funding_lines(network: Network, as_of: date | None = None) -> frozenset[tuple[str, str, str]]:
    """Distinct (source, scheme, grant) lines active on `as_of`; missing parts are ``""``."""
    return frozenset(f.line for f in active_funding(network, as_of))


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
