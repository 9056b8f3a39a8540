"""A figure with its range and what it rests on: the number type of every analysis result.

A `Span` is a central value with a plausible low and high, a flag saying whether any part is
an estimate, and a count of parts that are unknown. Sums of monotone parts keep exact bounds:
the low of a sum is the sum of the lows. An unknown part is never read as 0: it is left out of
`value`, `low` and `high` and counted in `unknown`, so a reader sees "120 + 2 unknown"; a sum
of nothing but unknown parts has `value` None.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # for the annotations only: `validate`'s messages use Span, not the model
    from ehelse_map.model.records import Quantity


@dataclass(frozen=True, slots=True, init=False)
class Span:
    value: float | None
    """The central value; None when nothing of it is known."""
    low: float | None
    high: float | None
    estimated: bool = False
    """Some known part rests on an estimate (its assumptions are listed with the result)."""
    unknown: int = 0
    """Parts of the sum that are unknown and left out of value, low and high."""

    def __init__(self, value: float | None, low: float | None, high: float | None,
                 estimated: bool = False, unknown: int = 0) -> None:
        # The frozen dataclass's own __init__ sets each field through object.__setattr__, at
        # 1.6 µs a Span; the slots' setters take half that, and every analysis makes tens of
        # thousands of Spans (328,000 in `burden` at ten times Nordic scale).
        _set_value(self, value)
        _set_low(self, low)
        _set_high(self, high)
        _set_estimated(self, estimated)
        _set_unknown(self, unknown)

    @property
    def known(self) -> bool:
        return self.value is not None

    @property
    def width(self) -> float:
        if self.low is None or self.high is None:
            return 0.0
        return self.high - self.low

    def __add__(self, other: Span) -> Span:
        return total((self, other))

    def scaled(self, factor: float) -> Span:
        """Every end times a non-negative factor (an aggregate's count, a share)."""
        if self.value is None:
            return self
        return Span(self.value * factor, _mul(self.low, factor), _mul(self.high, factor),
                    self.estimated, self.unknown)

    def rounded(self, digits: int = 2) -> Span:
        if self.value is None:
            return self
        return Span(round(self.value, digits), _round(self.low, digits),
                    _round(self.high, digits), self.estimated, self.unknown)


_set_value, _set_low, _set_high, _set_estimated, _set_unknown = (
    vars(Span)[name].__set__ for name in ("value", "low", "high", "estimated", "unknown"))

ZERO = Span(0.0, 0.0, 0.0)
UNKNOWN = Span(None, None, None, unknown=1)


def _mul(end: float | None, factor: float) -> float | None:
    return None if end is None else end * factor


def _round(end: float | None, digits: int) -> float | None:
    return None if end is None else round(end, digits)


def exact(value: float) -> Span:
    """A documented number: its range is itself."""
    return Span(float(value), float(value), float(value))


def of(quantity: Quantity) -> Span:
    """A quantity of the data as a span (a stated-less range reads as the value itself)."""
    if quantity.value is None:
        return UNKNOWN
    return Span(quantity.value, quantity.lower, quantity.upper, quantity.estimated)


def product(a: Quantity, b: Quantity) -> Span:
    """The product of two non-negative quantities (meetings × hours): bounds multiply."""
    if a.value is None or b.value is None:
        return UNKNOWN
    low = a.lower * b.lower if a.lower is not None and b.lower is not None else None
    high = a.upper * b.upper if a.upper is not None and b.upper is not None else None
    return Span(a.value * b.value, low, high, a.estimated or b.estimated)


def total(parts: Iterable[Span]) -> Span:
    """The sum: bounds add; unknown parts are counted, not added."""
    value = low = high = 0.0
    estimated = False
    unknown = 0
    any_known = False
    for part in parts:
        unknown += part.unknown
        if part.value is None:
            continue
        any_known = True
        value += part.value
        low += part.low if part.low is not None else part.value
        high += part.high if part.high is not None else part.value
        estimated = estimated or part.estimated
    if not any_known:
        return Span(None, None, None, False, unknown)
    return Span(value, low, high, estimated, unknown)


def largest(parts: Iterable[Span]) -> Span:
    """The largest of several figures: the maximum of each end (exact for monotone parts)."""
    items = [p for p in parts]
    known = [p for p in items if p.value is not None]
    unknown = sum(p.unknown for p in items)
    if not known:
        return Span(None, None, None, False, unknown)
    return Span(max(p.value for p in known if p.value is not None),
                max(p.low if p.low is not None else p.value for p in known),  # type: ignore[type-var]
                max(p.high if p.high is not None else p.value for p in known),  # type: ignore[type-var]
                any(p.estimated for p in known), unknown)


def share(part: float, whole: float) -> Span:
    """An expected share with the range of not knowing who: from 0 to all of it."""
    if whole <= 0:
        return UNKNOWN
    fraction = min(part / whole, 1.0)
    return Span(fraction, 0.0 if fraction < 1 else 1.0, 1.0)


def times(span: Span, factor: Span) -> Span:
    """The product of two non-negative spans (hours × an expected share)."""
    if span.value is None or factor.value is None:
        return Span(None, None, None, False, span.unknown or factor.unknown or 1)
    low = (span.low if span.low is not None else span.value) * (
        factor.low if factor.low is not None else factor.value)
    high = (span.high if span.high is not None else span.value) * (
        factor.high if factor.high is not None else factor.value)
    return Span(span.value * factor.value, low, high, span.estimated or factor.estimated,
                span.unknown)
