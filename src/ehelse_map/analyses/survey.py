"""The survey round-trip's analyses: what each organisation's questionnaire asks, and what the
answers that came back say.

- `questionnaires`: for each organisation, every active network that reaches it (directly or
  through the aggregate it belongs to) and every role the network asks for time, with the
  figure the tool uses now (meetings and hours a year, range, basis).
- `survey_summary`: how many municipalities answered, by county and by size class; where the
  answers confirm or contradict the estimates (inside or outside the estimate's range); and
  which assumptions the answers have made unnecessary (every use of them in scope replaced by
  an answer or by the survey rule's aggregate).
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from ehelse_map.analyses.burden import SIZE_CLASSES, UNKNOWN_SIZE, series_of, size_class
from ehelse_map.analyses.common import region_name, region_of
from ehelse_map.analyses.evidence import Evidence, rule_minimum
from ehelse_map.model import span as sp
from ehelse_map.model.records import (
    ASKS_NETWORK,
    TAKES_PART_NO,
    TAKES_PART_PARTLY,
    TAKES_PART_YES,
    Dataset,
    Network,
    Observation,
    Quantity,
    Target,
)
from ehelse_map.model.scope import (
    Filters,
    networks_in_scope,
    organisation_in_scope,
    reached_through,
)
from ehelse_map.model.span import Span

# --- questionnaires ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Question:
    """One row of a questionnaire: a network and a role it asks for time."""

    network: str
    network_name: str
    role: str
    meetings: Span
    """Meetings a year the tool now counts for this organisation (with its range)."""
    hours: Span
    """Hours a year the tool now counts for this organisation (with its range)."""
    basis: str
    """What the figure rests on: `estimated`, `documented`, `observed` (an earlier answer),
    `surveyed` (the survey rule) or `unknown`."""
    via: str | None = None
    """The aggregate actor through which the network reaches the organisation, if not
    directly."""
    seats: int | None = None
    """For `asks: seats`: the persons all members send in all."""


@dataclass(frozen=True)
class Questionnaire:
    organisation: str
    name: str
    country: str
    region: str | None
    as_of: date
    questions: tuple[Question, ...]
    """Sorted by network name, then role."""
    roles: tuple[str, ...]
    """Roles of the data used in the organisation's country: the list for 'roles held'."""


def questionnaire(dataset: Dataset, organisation: str, as_of: date) -> Questionnaire:
    """What to ask `organisation`: every network active on `as_of` that reaches it, and every
    role those networks ask for time (posts a network holds itself are left out)."""
    actor = dataset.actors[organisation]
    evidence = Evidence(dataset, as_of)
    questions = []
    for network in networks_in_scope(dataset, as_of, Filters()):
        via = reached_through(dataset, organisation, network)
        if via is None:
            continue
        for target in network.targets:
            if target.asks == ASKS_NETWORK:
                continue
            meetings, hours, basis = series_of(dataset, network, target, via, as_of, evidence)
            if via != organisation and basis == "observed":
                basis = "estimated" if hours.estimated else "documented"  # the aggregate's
            questions.append(Question(network.id, network.short_name or network.name,
                                      target.role, meetings, hours, basis,
                                      via if via != organisation else None, target.seats))
    questions.sort(key=lambda q: (q.network_name.casefold(), q.network, q.role))
    roles = tuple(r.id for r in dataset.roles.values()
                  if r.country is None or r.country == actor.country)
    return Questionnaire(organisation, actor.name, actor.country, actor.region, as_of,
                         tuple(questions), roles)


def survey_organisations(dataset: Dataset, as_of: date, filters: Filters) -> tuple[str, ...]:
    """The municipalities a survey goes to under the country and region filters: active ones
    that stand for one organisation (an aggregate cannot answer one questionnaire)."""
    return tuple(a.id for a in dataset.actors.values()
                 if a.kind == "municipality" and a.count == 1
                 and organisation_in_scope(a, as_of, filters))


# --- what came back ------------------------------------------------------------------------------


@dataclass(frozen=True)
class CoverageRow:
    """Response coverage of one county or size class."""

    key: str
    name: str
    municipalities: int
    """Municipalities in scope (aggregates counted as `count`)."""
    answered: int
    """Of those, municipalities with an answer in force."""
    series: int
    """Meeting series (municipality, network, role) the networks ask of them."""
    series_answered: int


@dataclass(frozen=True)
class Comparison:
    """Answers about one network and role against the figure the data gives for it."""

    network: str
    role: str
    estimate_meetings: Span
    """Meetings a year by the data (the target's cadence, with its range)."""
    estimate_hours: Span
    """Hours a year one participant bears by the data (meetings × hours, with the range)."""
    basis: str
    """`estimated` or `documented`: what the answers are held against."""
    answers: int
    """'yes' answers that give hours a year (meetings and hours)."""
    inside: int
    """Of those, answers inside the estimate's range: they confirm it."""
    below: int
    above: int
    not_taking_part: int
    """Answers that the organisation takes no part."""
    partly: int
    """Answers that it takes part in some meetings only (not compared)."""
    median_hours: float | None
    """Median hours a year of the compared answers."""
    low_hours: float | None
    high_hours: float | None

    @property
    def verdict(self) -> str:
        """`confirms`, `contradicts` (most answers outside the range), `mixed` or `no figure`."""
        if not self.answers:
            return "no figure"
        if self.inside == self.answers:
            return "confirms"
        if self.inside * 2 < self.answers:
            return "contradicts"
        return "mixed"


@dataclass(frozen=True)
class AssumptionReplaced:
    """How far the answers have made one assumption unnecessary in scope."""

    assumption: str
    uses: int
    """(organisation, network, role, meetings or hours) in scope whose figure is the
    assumption's (aggregates counted as `count`)."""
    answered: int
    """Of those, replaced by the organisation's own answer."""
    surveyed: int
    """Of those, replaced by the survey rule's aggregate."""

    @property
    def remaining(self) -> int:
        return self.uses - self.answered - self.surveyed

    @property
    def unnecessary(self) -> bool:
        return self.uses > 0 and self.remaining == 0


@dataclass(frozen=True)
class SurveyResult:
    as_of: date | None
    filters: Filters
    answers: int
    """Answers in force about networks in scope from organisations in scope."""
    questionnaires: int
    """Returned questionnaires (the distinct sources of those answers)."""
    municipalities: int
    answered: int
    """Municipalities in scope with an answer in force."""
    by_region: tuple[CoverageRow, ...]
    by_size: tuple[CoverageRow, ...]
    comparisons: tuple[Comparison, ...]
    assumptions: tuple[AssumptionReplaced, ...]
    survey_rule: str | None
    surveyed: tuple[tuple[str, str], ...]
    """(network, role) the survey rule gives an aggregate for."""
    roles_held: int
    """Organisations whose answers say which roles one person holds together."""
    remarks: tuple[tuple[str, str], ...]
    """(title, note) of the returned questionnaires (sources) that carry a note: networks the
    respondent missed from the list, say."""


def survey_summary(dataset: Dataset, as_of: date | None, *, country: str | None = None,
                   region: str | None = None) -> SurveyResult:
    """What the answers in force on `as_of` say, for networks and organisations in scope."""
    filters = Filters(country=country, region=region)
    evidence = Evidence(dataset, as_of)
    networks = {n.id: n for n in networks_in_scope(dataset, as_of, filters)}
    in_scope = {a.id for a in dataset.actors.values()
                if organisation_in_scope(a, as_of, filters)}
    answers = [o for o in evidence.answers.values()
               if o.network in networks and o.organisation in in_scope]
    municipalities = [a for a in dataset.actors.values()
                      if a.kind == "municipality" and a.id in in_scope]
    answered = {o.organisation for o in answers}
    series = _series(dataset, networks, in_scope)
    by_region: dict[str, list[str]] = defaultdict(list)
    by_size: dict[str, list[str]] = defaultdict(list)
    for actor in municipalities:
        by_region[region_of(actor)].append(actor.id)
        by_size[size_class(actor)].append(actor.id)

    def coverage(key: str, name: str, ids: list[str]) -> CoverageRow:
        asked = [s for s in series if s[0] in ids]
        return CoverageRow(key, name, sum(dataset.actors[i].count for i in ids),
                           sum(dataset.actors[i].count for i in ids if i in answered),
                           len(asked), sum(1 for s in asked if s in evidence.answers))

    sizes = [label for _, label in SIZE_CLASSES] + [UNKNOWN_SIZE]
    sources = {o.sources[0] for o in answers if o.sources}
    remarks = tuple((dataset.sources[s].title, dataset.sources[s].note or "")
                    for s in sorted(sources) if s in dataset.sources and dataset.sources[s].note)
    return SurveyResult(
        as_of=as_of, filters=filters, answers=len(answers), questionnaires=len(sources),
        municipalities=sum(a.count for a in municipalities),
        answered=sum(a.count for a in municipalities if a.id in answered),
        by_region=tuple(coverage(k, region_name(dataset, k), ids)
                        for k, ids in sorted(by_region.items())),
        by_size=tuple(coverage(k, k, by_size[k]) for k in sizes if by_size.get(k)),
        comparisons=_comparisons(dataset, networks, answers),
        assumptions=_replaced(dataset, networks, series, evidence),
        survey_rule=dataset.survey_rule if rule_minimum(dataset.survey_rule) else None,
        surveyed=tuple(sorted(k for k in evidence.aggregates if k[0] in networks)),
        roles_held=len({o.organisation for o in answers
                        if o.roles_held or o.roles_held_other}),
        remarks=remarks)


def _series(dataset: Dataset, networks: dict[str, Network],
            in_scope: set[str]) -> list[tuple[str, str, str]]:
    """(organisation, network, role) of every series the networks ask of organisations in
    scope (posts a network holds itself left out)."""
    found = []
    for network in networks.values():
        roles = [t.role for t in network.targets if t.asks != ASKS_NETWORK]
        for member in network.coverage.members:
            if member in in_scope:
                found += [(member, network.id, role) for role in roles]
    return found


def _comparisons(dataset: Dataset, networks: dict[str, Network],
                 answers: list[Observation]) -> tuple[Comparison, ...]:
    grouped: dict[tuple[str, str], list[Observation]] = defaultdict(list)
    for answer in answers:
        grouped[(answer.network, answer.role)].append(answer)
    rows = []
    for (ident, role), group in sorted(grouped.items()):
        target = next((t for t in networks[ident].targets if t.role == role), None)
        if target is None:
            continue  # an answer about a role the network does not target (flagged)
        meetings, hours = sp.of(target.meetings), sp.product(target.meetings, target.hours)
        figures = [o.meetings.value * o.hours.value for o in group
                   if o.takes_part == TAKES_PART_YES and o.meetings.value is not None
                   and o.hours.value is not None]
        low = hours.low if hours.low is not None else hours.value
        high = hours.high if hours.high is not None else hours.value
        below = sum(1 for f in figures if low is not None and f < low - 1e-9)
        above = sum(1 for f in figures if high is not None and f > high + 1e-9)
        rows.append(Comparison(
            network=ident, role=role, estimate_meetings=meetings, estimate_hours=hours,
            basis=_basis(target), answers=len(figures),
            inside=len(figures) - below - above if hours.value is not None else 0,
            below=below, above=above,
            not_taking_part=sum(1 for o in group if o.takes_part == TAKES_PART_NO),
            partly=sum(1 for o in group if o.takes_part == TAKES_PART_PARTLY),
            median_hours=round(statistics.median(figures), 2) if figures else None,
            low_hours=min(figures) if figures else None,
            high_hours=max(figures) if figures else None))
    return tuple(rows)


def _basis(target: Target) -> str:
    if target.meetings.value is None or target.hours.value is None:
        return "unknown"
    return "estimated" if target.rests_on_estimate else "documented"


def _replaced(dataset: Dataset, networks: dict[str, Network],
              series: list[tuple[str, str, str]], evidence: Evidence
              ) -> tuple[AssumptionReplaced, ...]:
    """For each assumption behind a target's meetings or hours in scope: its uses, and how
    many the answers (own or through the survey rule) replaced."""
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    targets = {(n.id, t.role): t for n in networks.values() for t in n.targets}
    for organisation, ident, role in series:
        target = targets[(ident, role)]
        weight = dataset.actors[organisation].count
        answer = evidence.answers.get((organisation, ident, role))
        aggregate = evidence.aggregate(ident, role)
        for name, quantity in (("meetings", target.meetings), ("hours", target.hours)):
            if not quantity.assumption:
                continue
            tally = counts[quantity.assumption]
            tally[0] += weight
            if answer is not None and (answer.takes_part == TAKES_PART_NO
                                       or _field(answer, name).known):
                tally[1] += weight
            elif answer is None and aggregate is not None and _aggregate_field(
                    aggregate.meetings, aggregate.hours, name).known:
                tally[2] += weight
    return tuple(AssumptionReplaced(a, *counts[a]) for a in sorted(counts))


def _field(answer: Observation, name: str) -> Quantity:
    return answer.meetings if name == "meetings" else answer.hours


def _aggregate_field(meetings: Quantity, hours: Quantity, name: str) -> Quantity:
    return meetings if name == "meetings" else hours


__all__ = ["AssumptionReplaced", "Comparison", "CoverageRow", "Question", "Questionnaire",
           "SurveyResult", "questionnaire", "survey_organisations", "survey_summary"]
