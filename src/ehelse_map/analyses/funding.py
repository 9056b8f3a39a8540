"""Funding and reporting lines (finding F2 of the evaluation, seed 004: different funding
sources, each with its own reporting line).

A funding line is a distinct (source, scheme, grant): three grants from one funder are three
lines, each with its own reporting line. Only entries whose period covers the as-of day count
(an entry without a period counts, its period unknown); refused applications never count. A
reporting line is a body a network reports to, directly (`reports_to`) or because a funding
entry demands it. An organisation bears every line of every network that reaches it.

Where the data says nothing about a network's funding, its funding is *unknown*: it is never
counted as no funding, and sums say how many networks they could not count.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from ehelse_map.analyses.common import (
    active_funding,
    funding_lines,
    reporting_lines,
    short_name,
    take,
)
from ehelse_map.model.records import Dataset, Funding
from ehelse_map.model.scope import Filters, members, networks_in_scope, organisations_in_scope


@dataclass(frozen=True)
class FundingLine:
    source: str
    """Actor id of the funder."""
    source_name: str
    scheme: str | None
    grant: str | None
    """The grant or application this line belongs to, when the data names it."""
    status: str | None
    """applied, granted or paid, when documented."""
    period: str | None
    """`2021–2023`; None (null in JSON) when the period is not documented."""
    amount: float | None
    currency: str | None
    reports_to: str | None
    """The reporting line this funding brings, when documented."""
    sources: tuple[str, ...]
    """Sources documenting the funding line."""


@dataclass(frozen=True)
class NetworkFunding:
    network: str
    name: str
    documented: bool
    """False when the data says nothing about the network's funding."""
    funders: int | None
    """Distinct funding sources now; None when funding is not documented."""
    lines: tuple[FundingLine, ...]
    """The entries active on the as-of day, as the data lists them."""
    reporting_lines: tuple[str, ...]
    """Bodies reported to, directly or through funding (`body` or `body (grant)`), sorted."""
    multi_funded: bool
    """More than one funding source."""
    organisations: int
    """Organisations reached in scope (aggregates counted as `count`)."""
    sources: tuple[str, ...]
    ended_lines: int = 0
    """Funding entries of other periods, not counted on the as-of day."""


@dataclass(frozen=True)
class OrganisationFunding:
    organisation: str
    name: str
    networks: int
    funders: int
    """Distinct funding sources behind the networks reaching it whose funding is documented."""
    funding_lines: int
    reporting_lines: int
    network_ids: tuple[str, ...]
    unknown_networks: int = 0
    """Networks reaching it whose funding is not documented: the counts leave them out."""


@dataclass(frozen=True)
class FundingResult:
    as_of: date | None
    filters: Filters
    networks: tuple[NetworkFunding, ...]
    """Most funders first (unknown last), then most lines, then id."""
    organisations: tuple[OrganisationFunding, ...]
    """Most funding lines first, then most reporting lines, then id."""
    multi_funded: tuple[str, ...]
    """Networks with more than one funding source, sorted."""
    unfunded: tuple[str, ...]
    """Networks documented to have no funding now, sorted."""
    undocumented: tuple[str, ...] = ()
    """Networks whose funding the data does not document, sorted."""
    total_networks: int = 0
    total_organisations: int = 0


def line_name(body: str, grant: str) -> str:
    """A reporting line as text: `body`, or `body (grant)` when a grant brings it."""
    return f"{body} ({grant})" if grant else body


def funding_line(dataset: Dataset, entry: Funding) -> FundingLine:
    """A funding entry of the data as the result shows it."""
    return FundingLine(
        source=entry.source, source_name=short_name(dataset, entry.source), scheme=entry.scheme,
        grant=entry.grant, status=entry.status, period=str(entry.period) or None,
        amount=entry.amount.value if entry.amount else None,
        currency=entry.amount.currency if entry.amount else None,
        reports_to=entry.reports_to, sources=entry.sources)


def funding(dataset: Dataset, as_of: date | None, *, country: str | None = None,
            region: str | None = None, area: str | None = None, top: int | None = None
            ) -> FundingResult:
    """Funding and reporting lines per network and per reached organisation.

    With `region`, only networks reaching an organisation in it are listed. `top` cuts both
    listings; `multi_funded`, `unfunded` and `undocumented` are always complete.
    """
    filters = Filters(country=country, region=region, area=area, top=top)
    rows = []
    per_org: dict[str, list[str]] = defaultdict(list)
    scope = organisations_in_scope(dataset, as_of, filters)
    for network in networks_in_scope(dataset, as_of, filters):
        reached = members(network, scope)
        if region is not None and not reached:
            continue
        for org in reached:
            per_org[org].append(network.id)
        active = active_funding(network, as_of)
        lines = tuple(funding_line(dataset, f) for f in active)
        funders = len({f.source for f in active}) if network.funding_documented else None
        rows.append(NetworkFunding(
            network=network.id, name=short_name(dataset, network.id),
            documented=network.funding_documented, funders=funders, lines=lines,
            reporting_lines=tuple(sorted(line_name(b, g) for b, g in
                                         reporting_lines(network, as_of))),
            multi_funded=(funders or 0) > 1,
            organisations=sum(dataset.actors[m].count for m in reached),
            sources=network.sources, ended_lines=len(network.funding) - len(active)))
    rows.sort(key=lambda r: (r.funders is None, -(r.funders or 0), -len(r.lines), r.network))
    networks = {n.id: n for n in dataset.networks.values()}
    orgs = []
    for org, ids in per_org.items():
        org_lines: set[tuple[str, str, str]] = set()
        reports: set[tuple[str, str]] = set()
        unknown = 0
        for ident in ids:
            if not networks[ident].funding_documented:
                unknown += 1
            org_lines |= funding_lines(networks[ident], as_of)
            reports |= reporting_lines(networks[ident], as_of)
        orgs.append(OrganisationFunding(
            organisation=org, name=short_name(dataset, org), networks=len(ids),
            funders=len({line[0] for line in org_lines}), funding_lines=len(org_lines),
            reporting_lines=len(reports), network_ids=tuple(sorted(ids)),
            unknown_networks=unknown))
    orgs.sort(key=lambda r: (-r.funding_lines, -r.reporting_lines, r.organisation))
    return FundingResult(
        as_of=as_of, filters=filters, networks=take(tuple(rows), top),
        organisations=take(tuple(orgs), top),
        multi_funded=tuple(sorted(r.network for r in rows if r.multi_funded)),
        unfunded=tuple(sorted(r.network for r in rows if r.documented and not r.lines)),
        undocumented=tuple(sorted(r.network for r in rows if not r.documented)),
        total_networks=len(rows), total_organisations=len(orgs))
