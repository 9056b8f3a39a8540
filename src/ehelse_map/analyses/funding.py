"""Funding and reporting lines (finding F2 of the evaluation, seed 004: different funding
sources, each with its own reporting line).

A funding line is a distinct (source, scheme) pair on a network. A reporting line is a body a
network reports to, either directly (`reports_to`) or because a funding line demands it
(`funding[].reports_to`). An organisation bears every line of every network that reaches it.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from ehelse_map.analyses.common import funding_lines, reporting_lines, short_name, take
from ehelse_map.model.records import Dataset
from ehelse_map.model.scope import Filters, members, networks_in_scope, organisations_in_scope


@dataclass(frozen=True)
class FundingLine:
    source: str
    """Actor id of the funder."""
    source_name: str
    scheme: str | None
    reports_to: str | None
    """The reporting line this funding brings, when documented."""
    sources: tuple[str, ...]
    """Sources documenting the funding line."""


@dataclass(frozen=True)
class NetworkFunding:
    network: str
    name: str
    funders: int
    """Distinct funding sources."""
    lines: tuple[FundingLine, ...]
    """As the data lists them."""
    reporting_lines: tuple[str, ...]
    """Bodies reported to, directly or through funding, sorted."""
    multi_funded: bool
    """More than one funding source."""
    organisations: int
    """Organisations reached in scope (aggregates counted as `count`)."""
    sources: tuple[str, ...]


@dataclass(frozen=True)
class OrganisationFunding:
    organisation: str
    name: str
    networks: int
    funders: int
    """Distinct funding sources behind the networks reaching it."""
    funding_lines: int
    reporting_lines: int
    network_ids: tuple[str, ...]


@dataclass(frozen=True)
class FundingResult:
    as_of: date | None
    filters: Filters
    networks: tuple[NetworkFunding, ...]
    """Most funders first, then most lines, then id."""
    organisations: tuple[OrganisationFunding, ...]
    """Most funding lines first, then most reporting lines, then id."""
    multi_funded: tuple[str, ...]
    """Networks with more than one funding source, sorted."""
    unfunded: tuple[str, ...]
    """Networks for which the data documents no funding, sorted."""


def funding(dataset: Dataset, as_of: date | None, *, country: str | None = None,
            region: str | None = None, area: str | None = None, top: int | None = None
            ) -> FundingResult:
    """Funding and reporting lines per network and per reached organisation.

    With `region`, only networks reaching an organisation in it are listed. `top` cuts both
    listings; `multi_funded` and `unfunded` are always complete.
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
        lines = tuple(FundingLine(
            source=f.source, source_name=short_name(dataset, f.source), scheme=f.scheme,
            reports_to=f.reports_to, sources=f.sources) for f in network.funding)
        funders = len({f.source for f in network.funding})
        rows.append(NetworkFunding(
            network=network.id, name=short_name(dataset, network.id), funders=funders,
            lines=lines, reporting_lines=tuple(sorted(reporting_lines(network))),
            multi_funded=funders > 1,
            organisations=sum(dataset.actors[m].count for m in reached),
            sources=network.sources))
    rows.sort(key=lambda r: (-r.funders, -len(r.lines), r.network))
    networks = {n.id: n for n in dataset.networks.values()}
    orgs = []
    for org, ids in per_org.items():
        org_lines: set[tuple[str, str]] = set()
        reports: set[str] = set()
        for ident in ids:
            org_lines |= funding_lines(networks[ident])
            reports |= reporting_lines(networks[ident])
        orgs.append(OrganisationFunding(
            organisation=org, name=short_name(dataset, org), networks=len(ids),
            funders=len({source for source, _ in org_lines}), funding_lines=len(org_lines),
            reporting_lines=len(reports), network_ids=tuple(sorted(ids))))
    orgs.sort(key=lambda r: (-r.funding_lines, -r.reporting_lines, r.organisation))
    return FundingResult(
        as_of=as_of, filters=filters, networks=take(tuple(rows), top),
        organisations=take(tuple(orgs), top),
        multi_funded=tuple(sorted(r.network for r in rows if r.multi_funded)),
        unfunded=tuple(sorted(r.network for r in rows if not r.lines)))
