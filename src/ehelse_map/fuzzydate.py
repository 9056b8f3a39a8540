"""Dates as precise as the sources are: `2017`, `2021-04` or `2024-01-01`."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

# [0-9], not \d: \d also matches other scripts' digits ("٢٠٢٤"), which date() cannot take.
_PATTERN = re.compile(r"^([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?$")


class FuzzyDateError(ValueError):
    """Raised with a message fit for a user when a date string is malformed or impossible."""


@dataclass(frozen=True, order=True)
class FuzzyDate:
    year: int
    month: int | None = None
    day: int | None = None

    @classmethod
    def parse(cls, text: str) -> FuzzyDate:
        match = _PATTERN.match(text)
        if not match:
            raise FuzzyDateError(f"'{text}' is not a date (use YYYY, YYYY-MM or YYYY-MM-DD)")
        year, month, day = (int(g) if g else None for g in match.groups())
        assert year is not None
        if year == 0:
            raise FuzzyDateError(f"'{text}' is not a date: there is no year 0")
        if month is not None and not 1 <= month <= 12:
            raise FuzzyDateError(f"'{text}' has no month {month}")
        if day is not None:
            assert month is not None
            last = calendar.monthrange(year, month)[1]
            if not 1 <= day <= last:
                raise FuzzyDateError(f"'{text}' is not a day: {year}-{month:02d} has {last} days")
        return cls(year, month, day)

    def earliest(self) -> date:
        return date(self.year, self.month or 1, self.day or 1)

    def latest(self) -> date:
        month = self.month or 12
        return date(self.year, month, self.day or calendar.monthrange(self.year, month)[1])

    def __str__(self) -> str:
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"


def parse_as_of(text: str | None) -> date:
    """The `--as-of` option: a fuzzy date read at its latest day; today when not given."""
    if text is None:
        return date.today()
    return FuzzyDate.parse(text).latest()
