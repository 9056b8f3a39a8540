"""Page sizes for pictures printed at a known size (`--size`), and the smallest text they allow.

A picture made for a page is laid out at the page's size in inches, so a point of text is a
point on paper: the layout fits the page, and no text in it is smaller than `MIN_TEXT_PT`
(`tests/test_page_sizes.py` measures every text of every kind at every named size). What does
not fit is left out and counted ("+N more"), never shrunk below legibility.

Nothing here imports matplotlib: plans and the command parse sizes without it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MM_PER_INCH = 25.4
MIN_TEXT_PT = 7.0
"""No text of any picture is smaller than this at its printed size."""
MIN_SIDE_MM, MAX_SIDE_MM = 100.0, 1500.0
"""Sides a page may have: 100 mm holds a caption line of 7-point text and a picture beside it;
1.5 m is a poster."""


@dataclass(frozen=True)
class PageSize:
    """A page in inches, with the name it was asked for by."""

    name: str
    width: float
    height: float

    @property
    def width_mm(self) -> float:
        return self.width * MM_PER_INCH

    @property
    def height_mm(self) -> float:
        return self.height * MM_PER_INCH

    @property
    def wide(self) -> bool:
        """Wide enough for a side panel (legend, colour bar) beside the picture."""
        return self.width >= 10.0

    def describe(self) -> str:
        return f"{self.name} ({self.width_mm:.0f} × {self.height_mm:.0f} mm)"


def _mm(name: str, width: float, height: float) -> PageSize:
    return PageSize(name, width / MM_PER_INCH, height / MM_PER_INCH)


NAMED: dict[str, PageSize] = {
    "a4": _mm("a4", 210, 297),
    "a4-landscape": _mm("a4-landscape", 297, 210),
    "a3": _mm("a3", 297, 420),
    "slide": PageSize("slide", 13.333, 7.5),  # a 16:9 presentation slide
}
"""The named sizes `--size` accepts; any `WIDTHxHEIGHT` in mm or in also does."""

A4_TEXT = _mm("160x240mm", 160, 240)
"""The text block of an A4 report page (160 mm wide): what a report asks for its pictures."""

_CUSTOM = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*[x×]\s*(\d+(?:\.\d+)?)\s*(mm|in)\s*$", re.IGNORECASE)


def parse_size(value: str) -> PageSize:
    """`a4`, `a4-landscape`, `a3`, `slide` or `WIDTHxHEIGHT` with `mm` or `in` (`160x240mm`,
    `8x6in`); raises ValueError with a message for the user."""
    named = NAMED.get(value.strip().lower())
    if named is not None:
        return named
    found = _CUSTOM.match(value)
    if found is None:
        raise ValueError(f"'{value}' is not a size; use {', '.join(NAMED)} or WIDTHxHEIGHT in "
                         "mm or in, such as 160x240mm")
    factor = 1.0 if found[3].lower() == "mm" else MM_PER_INCH
    width, height = float(found[1]) * factor, float(found[2]) * factor
    for side in (width, height):
        if not MIN_SIDE_MM <= side <= MAX_SIDE_MM:
            raise ValueError(f"'{value}': each side must be {MIN_SIDE_MM:.0f}-{MAX_SIDE_MM:.0f} "
                             "mm")
    unit = found[3].lower()
    return PageSize(f"{found[1]}x{found[2]}{unit}", width / MM_PER_INCH, height / MM_PER_INCH)
