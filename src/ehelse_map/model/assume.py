"""Running anything under other assumptions: `--assume ID=VALUE` and a scenario's `assume:`.

An override sets one value of an assumption (`cadence-leader-network.meetings_per_year=6`, or
`capacity-default=120` for an assumption with a single value) to a point: value, low and high
become that number. Every quantity that refers to the value follows, exactly as if the data
keeper had edited the assumption: numbers taken from it become the new value; a number the data
wrote itself under the assumption (`estimate:` on a target) keeps its value and only its range
follows the assumption's.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace

from ehelse_map.load.spec import ASSUMED_MAX
from ehelse_map.model.records import (
    AssumedValue,
    Assumption,
    Dataset,
    Network,
    Quantity,
    Staffing,
    StaffingRule,
    Target,
)


class AssumeError(ValueError):
    """An override that names no assumption value; the message says what exists."""


@dataclass(frozen=True)
class Override:
    assumption: str
    name: str
    value: float
    was: AssumedValue

    def __str__(self) -> str:
        span = (f" ({_num(self.was.low)}–{_num(self.was.high)})"
                if self.was.low is not None and self.was.high is not None else "")
        return (f"{self.assumption}.{self.name} = {_num(self.value)} "
                f"(the data: {_num(self.was.value)}{span})")


def _num(value: float | None) -> str:
    if value is None:
        return "?"
    return f"{value:g}"


def parse_override(text: str) -> tuple[str, float]:
    """`ID[.name]=VALUE` -> (reference, value); ValueError with a usage line otherwise."""
    reference, sep, number = text.partition("=")
    usage = f"'{text}' is not ID=VALUE or ID.name=VALUE (e.g. capacity-default=120)"
    if not sep or not reference.strip():
        raise ValueError(usage)
    try:
        value = float(number.strip()) if len(number) <= 32 else float("nan")
    except ValueError:
        raise ValueError(usage) from None
    if not 0 <= value <= ASSUMED_MAX:  # NaN too: it compares false
        raise ValueError(f"'{text}': the value must be a number from 0 to {ASSUMED_MAX:g}, "
                         "as in the data")
    return reference.strip(), value


def resolve(dataset: Dataset, reference: str, value: float) -> Override:
    """The assumption value `reference` names (`ID` with one value, or `ID.name`)."""
    ident, _, name = reference.partition(".")
    assumption = dataset.assumptions.get(ident)
    if assumption is None:
        from ehelse_map.problems import suggest

        raise AssumeError(f"unknown assumption '{ident}'" + suggest(ident, dataset.assumptions))
    values = assumption.values
    if not values:
        raise AssumeError(f"assumption '{ident}' states no values to change")
    if not name:
        if len(values) > 1:
            raise AssumeError(f"assumption '{ident}' has several values; name one: "
                              + ", ".join(f"{ident}.{v}" for v in sorted(values)))
        name = next(iter(values))
    if name not in values:
        raise AssumeError(f"assumption '{ident}' has no value '{name}'; it has "
                          + ", ".join(sorted(values)))
    return Override(ident, name, value, values[name])


def with_assumptions(dataset: Dataset, overrides: Mapping[str, float]) -> tuple[
        Dataset, tuple[Override, ...]]:
    """The data set as if its assumptions had these values (see the module's docstring)."""
    resolved = tuple(resolve(dataset, ref, value) for ref, value in overrides.items())
    if not resolved:
        return dataset, ()
    changed = apply(dataset, {(o.assumption, o.name): (o.value, o.value, o.value)
                              for o in resolved})
    return replace(changed, overrides=(*dataset.overrides, *map(str, resolved))), resolved


def apply(dataset: Dataset,
          ends: Mapping[tuple[str, str], tuple[float, float | None, float | None]]) -> Dataset:
    """The data set with these assumption values set to (value, low, high): the engine of
    `--assume` and of the sensitivity analysis."""
    assumptions = dict(dataset.assumptions)
    for (ident, name), (value, low, high) in ends.items():
        old = assumptions[ident]
        values = dict(old.values)
        values[name] = AssumedValue(value, low, high, values[name].unit)
        assumptions[ident] = replace(old, values=values)
    requantify = _Requantify(assumptions, frozenset(ends))
    networks = {i: requantify.network(n) for i, n in dataset.networks.items()}
    staffing = requantify.staffing(dataset.staffing) if dataset.staffing else None
    return replace(dataset, assumptions=assumptions, networks=networks, staffing=staffing)


class _Requantify:
    def __init__(self, assumptions: dict[str, Assumption],
                 changed: frozenset[tuple[str, str]]) -> None:
        self.assumptions = assumptions
        self.changed = changed

    def quantity(self, q: Quantity) -> Quantity:
        if q.assumption is None or q.name is None or (q.assumption, q.name) not in self.changed:
            return q
        value = self.assumptions[q.assumption].values[q.name]
        if q.scale is None:  # taken from the assumption
            return replace(q, value=value.value, low=value.low, high=value.high)
        scale = (q.value or 0.0) / value.value if value.value else None
        if scale is None:
            return replace(q, low=None, high=None)
        return replace(q, low=None if value.low is None else value.low * scale,
                       high=None if value.high is None else value.high * scale, scale=scale)

    def network(self, network: Network) -> Network:
        targets = tuple(self.target(t) for t in network.targets)
        if targets == network.targets:
            return network
        return replace(network, targets=targets)

    def target(self, target: Target) -> Target:
        meetings, hours = self.quantity(target.meetings), self.quantity(target.hours)
        merged = tuple(self.target(t) for t in target.merged)
        if meetings is target.meetings and hours is target.hours and merged == target.merged:
            return target
        return replace(target, meetings=meetings, hours=hours, merged=merged)

    def staffing(self, staffing: Staffing) -> Staffing:
        capacity = self.quantity(staffing.capacity)
        rules = tuple(self.rule(r) for r in staffing.rules)
        return replace(staffing, capacity=capacity, rules=rules,
                       capacity_hours_per_year=capacity.value or 0.0)

    def rule(self, rule: StaffingRule) -> StaffingRule:
        if rule.threshold is None:
            return rule
        threshold = self.quantity(rule.threshold)
        central = threshold.value
        return replace(rule, threshold=threshold,
                       max_population=None if central is None else round(central))
