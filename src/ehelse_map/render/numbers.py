"""How numbers read: one style for every table, note and report sentence.

Hours and meetings show as whole numbers when whole, else with one decimal. A figure with a
range reads `107 (54–161)`; an unknown one reads `–`, never 0; a sum with unknown parts gets
`+?` (`120+?`: 120 known, more not known). In Norwegian (`lang` nb or nn) thousands are
separated by a narrow no-break space and decimals by a comma (`1 234,5`); a share keeps
`56%` (no space, so a table's column never breaks inside it); CSV and JSON keep the figures
as numbers.
"""

from __future__ import annotations

from functools import lru_cache
from math import isfinite

from ehelse_map.model.span import Span
from ehelse_map.problems import plural

__all__ = ["UNKNOWN_TEXT", "decimal", "localised", "number", "plural", "signed", "span_text"]

UNKNOWN_TEXT = "–"


def localised(text: str, lang: str = "en") -> str:
    """A figure written in English style (`1,234.5`, `56%`) as the language writes it."""
    if lang not in ("nb", "nn"):
        return text
    return text.replace(",", "\u202f").replace(".", ",")


def number(value: float | None, lang: str = "en") -> str:
    """`1,234`, `12.5`; `–` for unknown; `1 234`, `12,5` in Norwegian."""
    if value is None:
        return UNKNOWN_TEXT
    return localised(f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}", lang)


def decimal(value: float, places: int, lang: str = "en") -> str:
    """`0.42` (`0,42` in Norwegian): a score or a mean with fixed decimals."""
    return localised(f"{value:,.{places}f}", lang)


def span_text(span: Span, *, percent: bool = False, lang: str = "en") -> str:
    """`107 (54–161)` for a figure with a range, `107` without, `–` when unknown, `+?` when
    some parts of the sum are unknown. `percent` shows shares as `56% (28–84%)`."""
    value = span.value
    if value is None:
        return UNKNOWN_TEXT
    low = span.low if span.low is not None else value
    high = span.high if span.high is not None else value
    if not (value and low and high):  # -0.0 equals 0.0 as a key, yet reads "-0"
        return _span_text(value, low, high, span.unknown, percent, lang)
    # long tables repeat their figures (35,000 in `burden` at ten times Nordic scale, 2,700
    # distinct): each is written once
    return _remembered_span_text(value, low, high, span.unknown, percent, lang)


def _span_text(value: float, low: float, high: float, unknown: int, percent: bool,
               lang: str) -> str:
    whole = abs(value) >= 10  # 56 (22–171), not 56 (21.6–170.9): ranges read at a glance

    def shown(end: float) -> str:
        if percent:
            return localised(f"{end:.0%}", lang)
        # round(inf) raises; an infinite figure (a load over a capacity near 0) reads `inf`
        return number(round(end), lang) if whole and isfinite(end) else number(end, lang)

    text, low_text, high_text = shown(value), shown(low), shown(high)
    if low_text != text or high_text != text:
        text += f" ({low_text}–{high_text})"
    if unknown:
        text += "+?"
    return text


_remembered_span_text = lru_cache(maxsize=1 << 16)(_span_text)


def span_parts(span: Span, *, percent: bool = False, lang: str = "en"
               ) -> tuple[tuple[str, str | None], ...]:
    """`span_text` in styled parts (`render.styled`): an estimated figure is `estimated`, an
    unknown one and the `+?` of a sum with unknown parts are `unknown`."""
    if span.value is None:
        return ((UNKNOWN_TEXT, "unknown"),)
    text = span_text(span, percent=percent, lang=lang)
    style = "estimated" if span.estimated else None
    if span.unknown:
        return ((text[:-2], style), ("+?", "unknown"))
    return ((text, style),)


def signed(span: Span, lang: str = "en") -> str:
    """A change: `+12`, `−12 (−16–−8)`, `0`, `–` when unknown."""
    if span.value is None:
        return UNKNOWN_TEXT

    def one(value: float) -> str:
        if value == 0:
            return "0"
        return ("+" if value > 0 else "−") + number(abs(value), lang)

    text = one(span.value)
    low = span.low if span.low is not None else span.value
    high = span.high if span.high is not None else span.value
    if one(low) != text or one(high) != text:
        text += f" ({one(low)}–{one(high)})"
    return text + ("+?" if span.unknown else "")
