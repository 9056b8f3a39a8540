"""Survey evidence for the analyses: which answer counts for an organisation, network and role
on a day, and what the data set's survey rule makes of the answers for members that did not
answer.

- **In force.** An answer describes the 12 months before it was given (its `period`). It
  counts on a day from the start of that period until `VALID_AFTER` days after its end: a
  cadence reported for the last 12 months is the best evidence of the next ones, until a newer
  answer replaces it. Of several answers in force for the same organisation, network and role,
  the one whose period ends last counts (then the later answer day, then the id).
- **Survey rule** (`dataset.survey_rule`, off by default). `median-N`: for a network and role
  that at least N members answered with "yes" and a figure, the median of their figures stands
  in for the members that did not answer, with the lowest and the highest answer as its range.
  Meetings and hours are aggregated separately, each needing N answers. The result has basis
  `surveyed`: it is neither an estimate (no assumption is behind it) nor the member's own
  observation. "partly" answers are left out (they report only the meetings the member
  attended), and so are "no" answers (they say nothing about the cadence).
"""

from __future__ import annotations

import re
import statistics
from dataclasses import dataclass
from datetime import date, timedelta

from ehelse_map.model.records import (
    TAKES_PART_YES,
    UNKNOWN,
    Dataset,
    Observation,
    Quantity,
)

#: Days after its period ends that an answer still counts.
VALID_AFTER = 365
_RULE = re.compile(r"^median-([1-9][0-9]*)$")


def rule_minimum(rule: str | None) -> int | None:
    """N of a `median-N` survey rule; None when there is no rule (or it is `none`)."""
    match = _RULE.match(rule or "")
    return int(match.group(1)) if match else None


def in_force(observation: Observation, day: date | None) -> bool:
    """The answer counts on `day` (every answer counts when `day` is None)."""
    if day is None:
        return True
    period = observation.period
    if period.start is not None and period.start.earliest() > day:
        return False
    end = observation.ends
    return end is None or day <= end + timedelta(days=VALID_AFTER)


def _recency(observation: Observation) -> tuple[date, date, str]:
    answered = observation.answered.latest() if observation.answered is not None else date.min
    return (observation.ends or date.min, answered, observation.id)


@dataclass(frozen=True)
class Aggregate:
    """The survey rule's figures for one network and role, for members that did not answer."""

    network: str
    role: str
    meetings: Quantity
    """Median meetings a year (basis `surveyed`, range lowest–highest answer), or unknown."""
    hours: Quantity
    """Median hours a meeting, or unknown."""
    answers: int
    """Members whose "yes" answers gave a figure (the larger of the two counts)."""
    rule: str


class Evidence:
    """The answers in force on a day, indexed for the analyses, and the rule's aggregates."""

    def __init__(self, dataset: Dataset, as_of: date | None) -> None:
        self.rule = dataset.survey_rule
        answers: dict[tuple[str, str, str], Observation] = {}
        for observation in dataset.observations:
            if not in_force(observation, as_of):
                continue
            key = (observation.organisation, observation.network, observation.role)
            known = answers.get(key)
            if known is None or _recency(observation) > _recency(known):
                answers[key] = observation
        self.answers = answers
        self.by_member: dict[tuple[str, str], dict[str, Observation]] = {}
        for (organisation, network, role), observation in answers.items():
            self.by_member.setdefault((organisation, network), {})[role] = observation
        self.aggregates = self._aggregates(rule_minimum(self.rule))

    def __bool__(self) -> bool:
        return bool(self.answers)

    def of(self, organisation: str, network: str) -> dict[str, Observation]:
        """The organisation's answers about the network, by role (empty when none)."""
        return self.by_member.get((organisation, network), {})

    def aggregate(self, network: str, role: str) -> Aggregate | None:
        return self.aggregates.get((network, role))

    def _aggregates(self, minimum: int | None) -> dict[tuple[str, str], Aggregate]:
        if minimum is None:
            return {}
        figures: dict[tuple[str, str], tuple[list[float], list[float]]] = {}
        for (_, network, role), observation in sorted(self.answers.items()):
            if observation.takes_part != TAKES_PART_YES:
                continue
            meetings, hours = figures.setdefault((network, role), ([], []))
            if observation.meetings.value is not None:
                meetings.append(observation.meetings.value)
            if observation.hours.value is not None:
                hours.append(observation.hours.value)
        found = {}
        for (network, role), (meetings, hours) in figures.items():
            if max(len(meetings), len(hours)) < minimum:
                continue
            found[(network, role)] = Aggregate(
                network, role, _median(meetings, minimum), _median(hours, minimum),
                max(len(meetings), len(hours)), self.rule or "")
        return found


def _median(values: list[float], minimum: int) -> Quantity:
    if len(values) < minimum:
        return UNKNOWN
    return Quantity(float(statistics.median(values)), min(values), max(values), "surveyed")


__all__ = ["VALID_AFTER", "Aggregate", "Evidence", "in_force", "rule_minimum"]
