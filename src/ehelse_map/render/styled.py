"""Text in parts, each with a meaning a terminal can show: estimated, inferred, unknown, a score.

A table cell, title or note may be `Styled`: the same text in every format (CSV, Markdown,
HTML and plain text take `text`), with parts marked by a style *name*. Only a terminal with
colour turns the names into looks, through `THEME` (rich style strings, read by the CLI; this
module imports nothing). The looks are chosen to read on dark and light backgrounds and for
colour-blind readers: Okabe–Ito hues for marks, viridis steps for scores, dim italic for
unknowns so that `–` and `+?` never look like a printed 0.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Styled:
    """Text made of (text, style name or None) parts."""

    parts: tuple[tuple[str, str | None], ...]

    @property
    def text(self) -> str:
        return "".join(text for text, _ in self.parts)

    def __str__(self) -> str:
        return self.text


def styled(*parts: str | tuple[str, str | None]) -> Styled:
    """`styled(("est", "estimated"), ": rests on estimates")`: plain strings have no style."""
    return Styled(tuple((p, None) if isinstance(p, str) else p for p in parts))


#: Viridis at five steps (low to high), with the text colour that reads on each.
SCORE_STEPS = ("#ffffff on #440154", "#ffffff on #3b528b", "#ffffff on #21918c",
               "#000000 on #5ec962", "#000000 on #fde725")

#: Style name -> rich style. Marks use Okabe–Ito hues (orange, reddish purple, sky blue,
#: vermillion), which stay apart for the common kinds of colour blindness.
THEME: dict[str, str] = {
    "title": "bold",
    "header": "bold underline",
    "note": "dim",
    "hint": "bold",
    "estimated": "#e69f00",
    "inferred": "#cc79a7",
    "shared": "#56b4e9",
    "unknown": "dim italic",
    "ended": "dim",
    "none": "dim",
    "uncovered": "bold #d55e00",
    "crowded": "bold",
    "unused": "dim",
    "key": "bold",
    **{f"score.{i}": style for i, style in enumerate(SCORE_STEPS)},
}


#: Where each step after the first starts: the overlap scores that matter are small (a group
#: forms at 0.25, a pair is a duplicate at 0.9), so equal steps would paint them all alike.
SCORE_BOUNDS = (0.1, 0.25, 0.5, 0.9)


def score_style(score: float) -> str:
    """The style name of a score in [0, 1]: `score.0` (below 0.1) to `score.4` (0.9 up)."""
    return f"score.{sum(score >= bound for bound in SCORE_BOUNDS)}"
