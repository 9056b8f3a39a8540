"""Text the fonts can draw: the font stack, and `drawable`, the one rule for what a diagram
draws of a string and what it measures of it.

Names come from the data and may hold any character Unicode defines: emoji, CJK, Arabic,
combining marks, `$`. matplotlib would read `$…$` as mathtext (text is drawn with
`parse_math=False`, see `sheet.py`) and stops with "No glyphs have been loaded" on a character
no font has. So every string goes through `drawable` before it is measured or drawn:

- fonts: DejaVu Sans first, then the generic `sans-serif` family (DejaVu Sans again for
  matplotlib; in an SVG the viewer's own sans-serif font when it lacks DejaVu Sans), then the
  wide-coverage fonts this machine has (`FALLBACKS`); a character is drawn in the first font
  that has it, as matplotlib does;
- a character that no font has is drawn as `PLACEHOLDER` (U+FFFD): one per character, one per
  emoji sequence ("👩‍⚕️" is one emoji), none for the combining marks of a replaced
  character; invisible format characters no font has (variation selectors, tags) are left out;
- controls become a placeholder, tabs and other breaks a space; bidi overrides are left out,
  and so are marks at the start of a line (they have no character to sit on);
- at most `MAX_MARKS` combining marks on one character (no mark towers) and `MAX_LINE`
  characters a line, `MAX_LINES` lines a text (no picture shows more; measuring a megabyte
  name would take minutes).

`drawable` is idempotent, so measuring a string that was already made drawable gives what is
drawn. It depends only on the fonts installed: the same machine gives the same bytes.
"""

from __future__ import annotations

import sys
import unicodedata
from collections.abc import Iterable
from typing import Any

from ehelse_map.load.emoji import EMOJI_SEQUENCE
from ehelse_map.runtime import remembered

PRIMARY = "DejaVu Sans"
#: Fonts with wide coverage, in the order they are tried after DejaVu Sans, where installed.
#: Colour bitmap emoji fonts (Noto Color Emoji, Apple Color Emoji) are left out: FreeType
#: cannot scale them. STIXGeneral (mathematical letters, arrows) comes with matplotlib.
FALLBACKS = (
    "Noto Sans", "Noto Sans CJK JP", "Noto Sans CJK SC", "Noto Sans CJK TC", "Noto Sans CJK KR",
    "Source Han Sans", "WenQuanYi Zen Hei", "Droid Sans Fallback", "Noto Sans Arabic",
    "Noto Sans Hebrew", "Noto Sans Devanagari", "Noto Sans Thai", "Noto Sans Symbols",
    "Noto Sans Symbols 2", "Noto Sans Math", "Noto Emoji", "Segoe UI Symbol", "Segoe UI Emoji",
    "Arial Unicode MS", "FreeSans", "Symbola", "STIXGeneral", "Unifont")
GENERIC = "sans-serif"
PLACEHOLDER = "\ufffd"
"""REPLACEMENT CHARACTER, drawn for what no font has (DejaVu Sans has it in every weight)."""
ELLIPSIS = "…"
MAX_LINE = 500
"""Characters of one line that are measured or drawn: 500 characters of text at 6 points run
past the widest picture (16 inches); the rest of a longer line is an ellipsis."""
MAX_LINES = 60
MAX_MARKS = 3
"""Combining marks kept on one character: enough for Vietnamese or pointed Hebrew; more only
stack upwards into the labels above."""

#: Left out whatever the fonts have: bidi embeddings, overrides, isolates and marks. They would
#: reorder a label; the renderer applies the Unicode bidi algorithm to the characters anyway.
_BIDI = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
#: Default-ignorable characters that are not format (Cf) characters: variation selectors,
#: the combining grapheme joiner, Hangul fillers.
_IGNORABLE = ((0x034F, 0x034F), (0x115F, 0x1160), (0x17B4, 0x17B5), (0x180B, 0x180F),
              (0x3164, 0x3164), (0xFE00, 0xFE0F), (0xFFA0, 0xFFA0), (0xE0100, 0xE01EF))

_KEEP, _SPACE, _DROP, _REPLACE = range(4)


@remembered
def families() -> tuple[str, ...]:
    """The font stack for `font.family`: only families this machine has, so matplotlib never
    logs "font family not found". `diagram_context` resolves `sans-serif` to DejaVu Sans."""
    from matplotlib.font_manager import fontManager

    installed = {entry.name for entry in fontManager.ttflist}
    return (PRIMARY, GENERIC, *(name for name in FALLBACKS if name in installed))


@remembered
def font_files(weight: str) -> tuple[Any, ...]:
    """The font files matplotlib draws `weight` text from, in its order of fallback (what
    `FontManager._find_fonts_by_props` finds for the stack, less the generic family, which is
    DejaVu Sans again)."""
    from matplotlib.font_manager import FontProperties, findfont

    found = []
    for family in families():
        if family == GENERIC:
            continue
        try:
            found.append(findfont(FontProperties(family=[family], weight=weight),
                                  fallback_to_default=False))
        except ValueError:
            continue
    return tuple(found)


@remembered
def _charmaps(weight: str) -> tuple[frozenset[int], ...]:
    """The code points each font of the stack has a glyph for (no fallback, no Last Resort)."""
    from matplotlib import ft2font

    maps = []
    for path in font_files(weight):
        font = ft2font.FT2Font(str(path), face_index=getattr(path, "face_index", 0))
        maps.append(frozenset(code for code, glyph in font.get_charmap().items() if glyph))
    return tuple(maps)


def font_index(char: str, weight: str) -> int | None:
    """The position in `font_files(weight)` of the first font with a glyph for `char`."""
    code = ord(char)
    return next((i for i, charmap in enumerate(_charmaps(weight)) if code in charmap), None)


_CLASSES: dict[tuple[str, str], int] = {}


def _classify(char: str, weight: str) -> int:
    key = (char, weight)
    found = _CLASSES.get(key)
    if found is None:
        found = _CLASSES[key] = _class_of(char, weight)
    return found


def _class_of(char: str, weight: str) -> int:
    category = unicodedata.category(char)
    if char.isspace():
        return _KEEP if category == "Zs" and font_index(char, weight) is not None else _SPACE
    if category in ("Cc", "Cs") or (0xFDD0 <= ord(char) <= 0xFDEF) or ord(char) & 0xFFFE == 0xFFFE:
        return _REPLACE  # controls, lone surrogates, non-characters: never text
    if char in _BIDI:
        return _DROP
    if font_index(char, weight) is not None:
        return _KEEP
    code = ord(char)
    if category == "Cf" or any(low <= code <= high for low, high in _IGNORABLE):
        return _DROP
    return _REPLACE


def _emoji(match: Any, weight: str) -> str:
    """An emoji sequence as it is, when the fonts have its pictographs, else one placeholder."""
    sequence: str = match[0]
    if all(_classify(c, weight) != _REPLACE for c in sequence):
        return sequence
    return PLACEHOLDER


def drawable(text: str, weight: str = "normal") -> str:
    """`text` as diagrams draw and measure it (see the module's docstring)."""
    lines = text.split("\n", MAX_LINES)
    if len(lines) > MAX_LINES:
        lines = lines[:MAX_LINES]
        lines[-1] = lines[-1][:MAX_LINE - 2] + " " + ELLIPSIS
    return "\n".join([_line(line, weight) for line in lines])


def _line(line: str, weight: str) -> str:
    cut = len(line) > MAX_LINE
    if cut:
        line = line[:MAX_LINE - 1]
    if not (line.isascii() and line.isprintable()):
        line = _substitute(line, weight)
    return line + ELLIPSIS if cut else line


def _substitute(line: str, weight: str) -> str:
    line = EMOJI_SEQUENCE.sub(lambda match: _emoji(match, weight), line)
    out: list[str] = []
    marks = 0
    for char in line:
        kind = _classify(char, weight)
        if unicodedata.category(char).startswith("M"):
            if out and out[-1] == PLACEHOLDER:
                continue  # a mark of a replaced character: part of its placeholder
            if not out and kind == _KEEP:
                continue  # a mark with nothing to sit on: the shaper would add a dotted circle
        if unicodedata.combining(char):
            marks += 1
            if marks > MAX_MARKS:
                continue
        else:
            marks = 0
        if kind == _KEEP:
            out.append(char)
        elif kind == _SPACE:
            out.append(" ")
        elif kind == _REPLACE:
            out.append(PLACEHOLDER)
    return "".join(out)


def missing(text: str) -> list[str]:
    """The characters of `text` that no font has in some weight (each once, in order)."""
    if text.isascii():
        return []
    found: dict[str, None] = {}
    for char in dict.fromkeys(text[:MAX_LINE * MAX_LINES]):  # no more is ever drawn
        for weight in ("normal", "bold"):
            if _classify(char, weight) == _REPLACE:
                found[char] = None
    return list(found)


def warn_missing(owner: str, text: str) -> None:
    """Say on stderr, once per run for each `owner` ("network 'x'"), that `text` has
    characters no font has, and that they are drawn as placeholders (`runtime.WARNED`)."""
    from ehelse_map import runtime

    if owner in runtime.WARNED or text.isascii():
        return
    absent = missing(text)
    if not absent:
        return
    runtime.WARNED.add(owner)
    codes = ", ".join(f"U+{ord(c):04X}" for c in absent[:5]) + (", ..." if len(absent) > 5
                                                                  else "")
    sys.stderr.write(f"ehelse-map: warning: {_ascii(owner)}: no installed font has "
                     f"{codes}; diagrams draw a replacement mark (U+FFFD) instead\n")


def warn_names(names: Iterable[tuple[str, str]]) -> None:
    """`warn_missing` for each (owner, text) a plan names."""
    for owner, text in names:
        warn_missing(owner, text)


def _ascii(text: str) -> str:
    """Safe on any terminal: escapes for everything outside printable ASCII."""
    return "".join(c if " " <= c <= "~" else c.encode("unicode_escape").decode("ascii")
                   for c in text[:80])
