"""The drawing surface: a figure in inches (`Sheet`), text measured without FreeType layout
(`Measurer`), and the frame every diagram has: title, legend blocks and caption.

All text goes through `glyphs.drawable` both when it is measured and when it is drawn, so the
two agree on what a name with emoji, CJK or a megabyte of letters becomes; `$` is never
mathtext."""

from __future__ import annotations

import contextlib
import math
import re
import unicodedata
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, NamedTuple

from ehelse_map.render.diagrams.glyphs import ELLIPSIS, drawable, families, font_files, font_index
from ehelse_map.render.diagrams.style import DARK, LAYOUT_DPI, LINESPACING, MUTED, Box

if TYPE_CHECKING:
    from collections.abc import Iterator

    from matplotlib.figure import Figure


SAMPLE_SIZE = 10.0
"""Font size at which `Measurer` measures line heights (then scaled to other sizes)."""
LONG_WORD = 1.5
"""`Measurer.wrap` keeps a word that is wider than the line on a line of its own up to this
many times the width ("Velferdsteknologinettverket"); a longer one is cut with an ellipsis."""
_WORD = re.compile(r"[^ \t\n]+")
"""A word `Measurer.wrap` keeps together: no-break spaces (before a mark) stay inside it."""


class Measurer:
    """Text extents in inches, without laying out every string with FreeType.

    matplotlib's own measurement costs about a millisecond a string; layout tries many
    strings. Widths here are sums of hinted glyph advances, each from the first font of the
    stack that has the glyph, as matplotlib falls back (at most a percent wider than what
    FreeType lays out, never narrower), heights come from one real measurement per font size.
    Widths add up, so wrapping and shortening measure each character once.
    `tests/test_diagrams.py` checks the drawn result with the renderer itself.

    Each diagram makes its own (inside `diagram_context`, so it measures with the diagram's
    rcParams) and passes it to what lays text out; a fresh one costs no measurable time.
    """

    def __init__(self) -> None:
        from matplotlib.backends.backend_agg import FigureCanvasAgg
        from matplotlib.figure import Figure

        self._figure = Figure(figsize=(4, 4), dpi=LAYOUT_DPI)
        canvas = FigureCanvasAgg(self._figure)
        self._renderer = canvas.get_renderer()  # type: ignore[no-untyped-call]  # backend_agg is unannotated
        self._advance: dict[tuple[float, str, str], float] = {}
        self._heights: dict[tuple[float, str], tuple[float, float]] = {}
        # what layout asks again and again (a page's layout is tried up to ten times, the
        # legends measured in each): remembered, the same floats as measured the first time
        self._widths: dict[tuple[str, float, str], float] = {}
        self._sizes: dict[tuple[str, float, str], tuple[float, float]] = {}
        self._wrapped: dict[tuple[str, float, float, str, int], str] = {}

    def advance(self, char: str, fontsize: float, weight: str = "normal") -> float:
        """How far one character of drawable text moves the pen (inches)."""
        key = (fontsize, weight, char)
        advance = self._advance.get(key)
        if advance is None:
            from matplotlib.backends.backend_agg import get_hinting_flag
            from matplotlib.font_manager import get_font

            index = font_index(char, weight)
            if index is None:  # not drawable text: nothing is drawn for it
                advance = 0.0
            else:
                font = get_font(font_files(weight)[index])
                font.set_size(fontsize, LAYOUT_DPI)
                # backend_agg is unannotated: an untyped call
                glyph = font.load_char(ord(char), flags=get_hinting_flag())  # type: ignore[no-untyped-call]
                advance = glyph.horiAdvance
                if unicodedata.category(char).startswith("M"):
                    # a mark moves the pen by nothing, yet at the end of a line its ink can
                    # reach past the last advance, and the drawn box with it
                    advance = max(advance, glyph.width)
                advance = advance / 64 / LAYOUT_DPI
            self._advance[key] = advance
        return advance

    def _line_width(self, line: str, fontsize: float, weight: str) -> float:
        key = (line, fontsize, weight)
        total = self._widths.get(key)
        if total is None:
            total = 0.0
            for char in line:
                total += self.advance(char, fontsize, weight)
            self._widths[key] = total
        return total

    def _line_heights(self, fontsize: float, weight: str) -> tuple[float, float]:
        """Height of one line, and what each further line adds (inches).

        Measured once per weight at `SAMPLE_SIZE` and scaled: without hinting, text extents
        are proportional to the size (to 1/64 pixel)."""
        key = (fontsize, weight)
        if key not in self._heights:
            if (SAMPLE_SIZE, weight) not in self._heights:
                from matplotlib.text import Text

                heights = []
                for sample in ("lpÅ", "lpÅ\nlpÅ"):
                    artist = Text(0, 0, sample, fontsize=SAMPLE_SIZE, fontweight=weight,
                                  linespacing=LINESPACING, fontfamily=list(families()),
                                  parse_math=False, usetex=False)
                    artist.set_figure(self._figure)
                    heights.append(artist.get_window_extent(self._renderer).height / LAYOUT_DPI)
                self._heights[SAMPLE_SIZE, weight] = (heights[0], heights[1] - heights[0])
            first, further = self._heights[SAMPLE_SIZE, weight]
            self._heights[key] = (first * fontsize / SAMPLE_SIZE,
                                  further * fontsize / SAMPLE_SIZE)
        return self._heights[key]

    def size(self, label: str, fontsize: float, weight: str = "normal") -> tuple[float, float]:
        """Width and height (inches) of `label` as `Sheet.text` draws it."""
        key = (label, fontsize, weight)
        found = self._sizes.get(key)
        if found is None:
            lines = drawable(label, weight).split("\n")
            first, further = self._line_heights(fontsize, weight)
            width = max(self._line_width(line, fontsize, weight) for line in lines)
            found = self._sizes[key] = (width, first + further * (len(lines) - 1))
        return found

    def wrap(self, label: str, fontsize: float, width: float, weight: str = "normal",
             max_lines: int = 3) -> str:
        """`label` broken at spaces into lines no wider than `width` inches (a single word up to
        `LONG_WORD` times that), at most `max_lines` of them, the last cut with an ellipsis
        when the label goes on. Reads only as much of `label` as the lines hold."""
        key = (label, fontsize, width, weight, max_lines)
        found = self._wrapped.get(key)
        if found is None:
            found = self._wrapped[key] = self._wrap(label, fontsize, width, weight, max_lines)
        return found

    def _wrap(self, label: str, fontsize: float, width: float, weight: str,
              max_lines: int) -> str:
        space = self.advance(" ", fontsize, weight)
        lines: list[str] = []
        current, current_width = "", 0.0
        for match in _WORD.finditer(label):
            word = drawable(match[0], weight)
            word_width = self._line_width(word, fontsize, weight)
            if word_width > width * LONG_WORD:
                word = shorten(word, fontsize, width, self, weight)
                word_width = self._line_width(word, fontsize, weight)
            if not current:
                current, current_width = word, word_width
                continue
            trial = current_width + space  # the sum in the order `size` adds it up
            for char in word:
                trial += self.advance(char, fontsize, weight)
            if trial > width:
                lines.append(current)
                if len(lines) == max_lines:  # more text than lines: cut the last one
                    lines[-1] = shorten(lines[-1] + " " + ELLIPSIS, fontsize, width, self,
                                        weight)
                    return "\n".join(lines)
                current, current_width = word, word_width
            else:
                current, current_width = f"{current} {word}", trial
        if current:
            lines.append(current)
        return "\n".join(lines)


def shorten(label: str, fontsize: float, width: float, measurer: Measurer,
            weight: str = "normal") -> str:
    """`label` cut with an ellipsis to fit `width` inches (each line of it).

    Widths add up, so the cut is where the running sum of advances, plus the ellipsis, passes
    `width`: one pass over the characters that fit, however long the label."""
    return "\n".join(_shorten_line(line, fontsize, width, measurer, weight)
                     for line in drawable(label, weight).split("\n"))


def _shorten_line(line: str, fontsize: float, width: float, measurer: Measurer,
                  weight: str) -> str:
    ellipsis = measurer.advance(ELLIPSIS, fontsize, weight)
    total = 0.0
    cut = 0  # the longest prefix that fits with the ellipsis after it
    for index, char in enumerate(line):
        if total + ellipsis <= width:
            cut = index
        total += measurer.advance(char, fontsize, weight)
        if total > width:  # and so is every longer prefix with the ellipsis
            return line[:cut].rstrip() + ELLIPSIS
    return line


class Disc(NamedTuple):
    """A circle for `Sheet.discs`: centre and radius in inches, colours with any alpha in
    them, edge width in points."""

    x: float
    y: float
    r: float
    face: Any
    edge: Any
    lw: float


class _Stroke(NamedTuple):
    """A curve waiting in `Sheet.together`: its path and how it is drawn."""

    path: Any
    colour: Any
    """With its alpha in it."""
    lw: float
    linestyle: Any
    zorder: float


class Sheet:
    """A figure drawn in inches (y up), with artists placed on the figure itself.

    No axes: artists use the figure's inch transform, so there are no data limits to update
    and no clipping to the axes for every artist, both of which cost more than the drawing.
    """

    def __init__(self, width: float, height: float, page: bool = False) -> None:
        from matplotlib.figure import Figure

        from ehelse_map.render.diagrams.layout.agg_text import canvas_for

        # Whole hundredths of an inch, rounded up: a PNG at the default 100 dpi then has exactly
        # width x height pixels whatever rounding the matplotlib version applies. A page keeps
        # its exact size: printed on it, a point of text stays a point.
        if not page:
            width = math.ceil(width * 100 - 1e-6) / 100
            height = math.ceil(height * 100 - 1e-6) / 100
        self.width, self.height = width, height
        self.figure: Figure = Figure(figsize=(width, height), dpi=LAYOUT_DPI)
        canvas_for(self.figure)
        self._inches = self.figure.dpi_scale_trans
        self._strokes: list[_Stroke] | None = None
        """Curves waiting to be drawn as one artist (`together`); None outside it."""

    def add(self, artist: Any) -> Any:
        """Add an artist whose coordinates are inches from the lower left corner."""
        artist.set_transform(self._inches)
        return self.figure.add_artist(artist)

    def text(self, x: float, y: float, label: str, *, size: float = 8, weight: str = "normal",
             colour: str = DARK, ha: str = "center", va: str = "center", zorder: float = 10,
             **kwargs: Any) -> Any:
        from matplotlib.text import Text

        return self.add(Text(x, y, drawable(label, weight), fontsize=size, fontweight=weight,
                             color=colour, ha=ha, va=va, zorder=zorder, linespacing=LINESPACING,
                             fontfamily=list(families()), parse_math=False, usetex=False,
                             **kwargs))

    def disc(self, x: float, y: float, r: float, *, face: Any, edge: Any = "white",
             lw: float = 0.8, alpha: float | None = None, zorder: float = 3,
             **kwargs: Any) -> Any:
        """A filled circle; `alpha` (when given) applies to fill and edge alike."""
        from matplotlib.patches import Circle

        patch = Circle((x, y), r, facecolor=face, edgecolor=edge, linewidth=lw, alpha=alpha,
                       zorder=zorder, **kwargs)
        self.add(patch)
        return patch

    def discs(self, discs: list[Disc], *, zorder: float) -> None:
        """Many filled circles as one artist, drawn in the order given: what `disc` draws for
        each, without an artist per circle (a picture's packed municipalities: hundreds).
        Nothing for no circles."""
        if not discs:
            return
        from matplotlib.collections import PathCollection
        from matplotlib.path import Path

        self.add(PathCollection([Path.circle((d.x, d.y), d.r) for d in discs],
                                facecolors=[d.face for d in discs],
                                edgecolors=[d.edge for d in discs],
                                linewidths=[d.lw for d in discs], zorder=zorder))

    def ring(self, x: float, y: float, r: float, *, colour: str, lw: float = 2.2,
             alpha: float = 1.0, zorder: float = 4, fill_alpha: float = 0.18) -> None:
        """A network: a translucent disc with a strong rim in its colour."""
        from matplotlib.colors import to_rgba

        self.disc(x, y, r, face=to_rgba(colour, fill_alpha * alpha), edge=to_rgba(colour, alpha),
                  lw=lw, zorder=zorder)

    def rect(self, box: Box, *, face: str, edge: str = "none", lw: float = 0.0,
             zorder: float = 0) -> None:
        from matplotlib.patches import Rectangle

        self.add(Rectangle((box.x0, box.y0), box.width, box.height, facecolor=face,
                                    edgecolor=edge, linewidth=lw, zorder=zorder))

    def line(self, xs: list[float], ys: list[float], *, colour: str = DARK, lw: float = 0.8,
             alpha: float = 1.0, zorder: float = 2, **kwargs: Any) -> None:
        from matplotlib.lines import Line2D

        self.add(Line2D(xs, ys, color=colour, linewidth=lw, alpha=alpha, zorder=zorder,
                        solid_capstyle="round", **kwargs))

    def curve(self, start: tuple[float, float], end: tuple[float, float], *, colour: str,
              lw: float, alpha: float, zorder: float = 1, **kwargs: Any) -> None:
        """A smooth vertical S-curve from `start` to `end` (a cubic Bézier)."""
        (x0, y0), (x1, y1) = start, end
        middle = (y0 + y1) / 2
        self._bezier([(x0, y0), (x0, middle), (x1, middle), (x1, y1)], colour=colour, lw=lw,
                     alpha=alpha, zorder=zorder, **kwargs)

    def arc(self, start: tuple[float, float], end: tuple[float, float], *, bulge: float,
            colour: str, lw: float, alpha: float, zorder: float = 1, **kwargs: Any) -> None:
        """A shallow arc from `start` to `end`, its middle `bulge` inches to the left of the
        direction of travel (a cubic Bézier): for lines between bubbles of one row."""
        (x0, y0), (x1, y1) = start, end
        length = math.hypot(x1 - x0, y1 - y0) or 1.0
        nx, ny = -(y1 - y0) / length * bulge * 4 / 3, (x1 - x0) / length * bulge * 4 / 3
        self._bezier([(x0, y0), (x0 + (x1 - x0) / 4 + nx, y0 + (y1 - y0) / 4 + ny),
                      (x1 - (x1 - x0) / 4 + nx, y1 - (y1 - y0) / 4 + ny), (x1, y1)],
                     colour=colour, lw=lw, alpha=alpha, zorder=zorder, **kwargs)

    def bend(self, start: tuple[float, float], end: tuple[float, float],
             control: tuple[float, float], *, colour: str, lw: float, alpha: float,
             zorder: float = 1, **kwargs: Any) -> None:
        """A curve from `start` to `end` drawn towards `control` (a quadratic Bézier, as the
        cubic with the same shape): for chords between bubbles around a centre."""
        (x0, y0), (x1, y1), (cx, cy) = start, end, control
        self._bezier([(x0, y0), (x0 + 2 / 3 * (cx - x0), y0 + 2 / 3 * (cy - y0)),
                      (x1 + 2 / 3 * (cx - x1), y1 + 2 / 3 * (cy - y1)), (x1, y1)],
                     colour=colour, lw=lw, alpha=alpha, zorder=zorder, **kwargs)

    def _bezier(self, points: list[tuple[float, float]], *, colour: str, lw: float,
                alpha: float, zorder: float, linestyle: Any = "solid") -> None:
        from matplotlib.colors import to_rgba
        from matplotlib.path import Path

        path = Path(points, [Path.MOVETO, Path.CURVE4, Path.CURVE4, Path.CURVE4])
        if self._strokes is not None:
            if self._strokes and self._strokes[0].zorder != zorder:
                self._add_strokes()
            self._strokes.append(_Stroke(path, to_rgba(colour, alpha), lw, linestyle, zorder))
            return
        from matplotlib.patches import PathPatch

        self.add(PathPatch(path, facecolor="none", edgecolor=colour, linewidth=lw,
                           alpha=alpha, zorder=zorder, capstyle="round", linestyle=linestyle))

    @contextlib.contextmanager
    def together(self) -> Iterator[None]:
        """Curves drawn inside this block (`curve`, `arc`, `bend`) become one artist per run of
        a layer, in the order drawn: what one `PathPatch` each draws, without an artist per
        line (a landscape has 250). Draw only curves inside it: another artist would be drawn
        before the curves of its layer still waiting."""
        self._strokes = []
        try:
            yield
        finally:
            self._add_strokes()
            self._strokes = None

    def _add_strokes(self) -> None:
        from matplotlib.collections import PathCollection

        strokes = self._strokes or []
        if strokes:
            self.add(PathCollection([s.path for s in strokes], facecolors="none",
                                    edgecolors=[s.colour for s in strokes],
                                    linewidths=[s.lw for s in strokes],
                                    linestyles=[s.linestyle for s in strokes],
                                    capstyle="round", joinstyle="miter",
                                    zorder=strokes[0].zorder))
            strokes.clear()


# --- the frame: title, caption, legend blocks --------------------------------------------------

MARGIN = 0.35
TITLE_SIZE = 15
NARROW_TITLE_SIZE = 13
"""Title size on a sheet narrower than `NARROW` inches (a portrait page)."""
NARROW = 10.0
SUBTITLE_SIZE = 9.5
CAPTION_SIZE = 7.5
LEGEND_SIZE = 8
LEGEND_TITLE_SIZE = 8.5


def title_size(width: float) -> float:
    return TITLE_SIZE if width >= NARROW else NARROW_TITLE_SIZE


#: Lines a title may take before it is cut with an ellipsis (a narrow page, a long name).
TITLE_LINES = 2


def title_lines(measurer: Measurer, title: str, width: float) -> str:
    """The title wrapped to the sheet `width` inches wide, at most `TITLE_LINES` lines."""
    size = title_size(width)
    wrapped = measurer.wrap(" ".join(title.splitlines()), size, width - 2 * MARGIN, "bold",
                            max_lines=TITLE_LINES)
    return "\n".join(shorten(line, size, width - 2 * MARGIN, measurer, "bold")
                     for line in wrapped.split("\n"))


def header_height(measurer: Measurer, subtitle: str | None, width: float = NARROW,
                  title: str | None = None) -> float:
    """Height of the title (one line, or as many as `title` wraps to) and subtitle on a sheet
    `width` inches wide."""
    size = title_size(width)
    one = measurer.size("Ag", size, "bold")[1]
    lines = title_lines(measurer, title, width).count("\n") + 1 if title else 1
    height = one * lines + 0.12
    if subtitle:
        height += measurer.size("Ag", SUBTITLE_SIZE)[1] + 0.08
    return height + 0.15


def draw_header(sheet: Sheet, title: str, subtitle: str | None, measurer: Measurer) -> None:
    """Title (wrapped to at most `TITLE_LINES` lines) and subtitle (one line) at the top left,
    cut to the width of the sheet."""
    width = sheet.width - 2 * MARGIN
    y = sheet.height - MARGIN
    size = title_size(sheet.width)
    wrapped = title_lines(measurer, title, sheet.width)
    sheet.text(MARGIN, y, wrapped, size=size, weight="bold", colour="black", ha="left",
               va="top")
    if subtitle:
        title_height = measurer.size(wrapped, size, "bold")[1]
        sheet.text(MARGIN, y - title_height - 0.1,
                   shorten(" ".join(subtitle.splitlines()), SUBTITLE_SIZE, width, measurer),
                   size=SUBTITLE_SIZE, colour=MUTED, ha="left", va="top")


def caption_text(measurer: Measurer, parts: list[str], width: float) -> str:
    """Caption sentences wrapped to `width` inches."""
    lines: list[str] = []
    for part in parts:
        lines.extend(measurer.wrap(part, CAPTION_SIZE, width, max_lines=6).split("\n"))
    return "\n".join(lines)


def caption_height(measurer: Measurer, caption: str) -> float:
    return measurer.size(caption, CAPTION_SIZE)[1] + 0.2 if caption else 0.0


def draw_caption(sheet: Sheet, caption: str) -> None:
    sheet.text(MARGIN, MARGIN * 0.6, caption, size=CAPTION_SIZE, colour=MUTED, ha="left",
               va="bottom")


@dataclass
class LegendEntry:
    label: str
    style: str
    """`disc`, `ring`, `dashed` (a ring with a dashed rim), `nested` (a ring in a ring),
    `range` (a ring with a thin circle around it), `hollow` (a circle's outline only),
    `hatch` (a dotted disc), `line`, `patch`, `dot`, or `text` (the mark is `colour`, drawn as
    text)."""
    colour: str
    size: float = 0.07
    """Radius (disc, ring, dot) or line width in points (line)."""
    edge: str = "white"
    dash: tuple[float, ...] | None = None
    """Dash pattern (points on, off, ...) of a `line` or a `dashed` ring."""


@dataclass
class LegendBlock:
    title: str
    entries: list[LegendEntry] = field(default_factory=list)
    wrap: float | None = None
    """Wrap the title and entries at this width (inches) rather than cut them at
    `LEGEND_WIDTH`: a narrow page's legend, in columns."""


LEGEND_ROW = 0.2
CIRCLES = ("disc", "ring", "dot", "hatch", "dashed", "nested", "range", "hollow")


LEGEND_WIDTH = 3.6
"""Widest legend title or entry (inches); longer ones (a highlighted name) are cut."""


def _legend_text(measurer: Measurer, label: str, size: float, weight: str = "normal",
                 wrap: float | None = None) -> str:
    if wrap is not None:
        return measurer.wrap(label, size, wrap, weight, max_lines=3)
    return shorten(label, size, LEGEND_WIDTH, measurer, weight)


def _title_wrap(block: LegendBlock) -> float | None:
    """A wrapped block's title may take the width of its marks too."""
    return None if block.wrap is None else block.wrap + _mark(block) + 0.1


def _row(block: LegendBlock) -> float:
    """Least height of an entry: a little less in a narrow page's wrapped legend."""
    return LEGEND_ROW if block.wrap is None else LEGEND_ROW - 0.03


def _mark(block: LegendBlock) -> float:
    return max(max((2 * e.size for e in block.entries if e.style in CIRCLES), default=0.14),
               0.28)


def legend_size(measurer: Measurer, block: LegendBlock) -> tuple[float, float]:
    mark = max((2 * e.size for e in block.entries if e.style in CIRCLES), default=0.14)
    mark = max(mark, 0.28)
    title = _legend_text(measurer, block.title, LEGEND_TITLE_SIZE, "bold", _title_wrap(block))
    labels = [_legend_text(measurer, e.label, LEGEND_SIZE, wrap=block.wrap)
              for e in block.entries]
    width = max([measurer.size(title, LEGEND_TITLE_SIZE, "bold")[0]]
                + [mark + 0.1 + measurer.size(label, LEGEND_SIZE)[0] for label in labels])
    height = measurer.size(title, LEGEND_TITLE_SIZE, "bold")[1] + 0.1
    for entry, label in zip(block.entries, labels, strict=True):
        height += max(_row(block), 2 * entry.size + 0.06 if entry.style in CIRCLES else 0,
                      measurer.size(label, LEGEND_SIZE)[1] + 0.05)
    return width, height


def draw_legend(sheet: Sheet, x: float, top: float, block: LegendBlock,
                measurer: Measurer) -> float:
    """Draw a legend block with its top-left corner at (x, top); returns its height."""
    from matplotlib.patches import Rectangle

    title = _legend_text(measurer, block.title, LEGEND_TITLE_SIZE, "bold", _title_wrap(block))
    title_height = measurer.size(title, LEGEND_TITLE_SIZE, "bold")[1]
    sheet.text(x, top, title, size=LEGEND_TITLE_SIZE, weight="bold", colour="black",
               ha="left", va="top")
    y = top - title_height - 0.1
    mark = max(max((2 * e.size for e in block.entries if e.style in CIRCLES),
                   default=0.14), 0.28)
    for entry in block.entries:
        label = _legend_text(measurer, entry.label, LEGEND_SIZE, wrap=block.wrap)
        row = max(_row(block), 2 * entry.size + 0.06 if entry.style in CIRCLES else 0,
                  measurer.size(label, LEGEND_SIZE)[1] + 0.05)
        cy = y - row / 2
        cx = x + mark / 2
        if entry.style == "disc":
            sheet.disc(cx, cy, entry.size, face=entry.colour, edge=entry.edge, lw=0.6)
        elif entry.style == "ring":
            sheet.ring(cx, cy, entry.size, colour=entry.colour, lw=1.8)
        elif entry.style == "dashed":
            sheet.disc(cx, cy, entry.size, face="#F4F4F4", edge=entry.colour, lw=1.2,
                       linestyle=(0, entry.dash or (3, 2)))
        elif entry.style == "nested":
            sheet.ring(cx, cy, entry.size, colour=entry.colour, lw=1.4)
            sheet.ring(cx, cy - entry.size * 0.3, entry.size * 0.5, colour=entry.colour,
                       lw=1.2, zorder=5)
        elif entry.style == "range":
            sheet.ring(cx, cy, entry.size * 0.6, colour=entry.colour, lw=1.2)
            sheet.disc(cx, cy, entry.size, face="none", edge=entry.colour, lw=0.7, zorder=5)
        elif entry.style == "hollow":
            sheet.disc(cx, cy, entry.size, face="none", edge=entry.colour, lw=1.0)
        elif entry.style == "dot":
            sheet.disc(cx, cy, entry.size, face=entry.colour, edge="none", lw=0)
        elif entry.style == "hatch":
            sheet.disc(cx, cy, entry.size, face=entry.colour, edge="white", lw=0.6,
                       hatch="...")
        elif entry.style == "text":
            sheet.text(cx, cy, entry.colour, size=LEGEND_SIZE + 2, weight="bold",
                       colour="black")
        elif entry.style == "line":
            dash: dict[str, Any] = {"linestyle": (0, entry.dash)} if entry.dash else {}
            sheet.line([x, x + mark], [cy, cy], colour=entry.colour, lw=entry.size, zorder=5,
                       **dash)
        else:
            sheet.add(Rectangle((x, cy - 0.06), mark, 0.12, facecolor=entry.colour,
                                         edgecolor=entry.edge, linewidth=0.6, zorder=5))
        sheet.text(x + mark + 0.1, cy, label, size=LEGEND_SIZE, ha="left", va="center")
        y -= row
    return top - y


LEGEND_GAP = 0.55
"""Space between two legend blocks side by side (inches)."""


def legend_rows(blocks: list[LegendBlock], width: float,
                measurer: Measurer) -> list[list[LegendBlock]]:
    """Legend blocks side by side, wrapping to a new row when they pass `width` inches."""
    rows: list[list[LegendBlock]] = [[]]
    used = 0.0
    for block in blocks:
        block_width = legend_size(measurer, block)[0] + LEGEND_GAP
        if rows[-1] and used + block_width > width:
            rows.append([])
            used = 0.0
        rows[-1].append(block)
        used += block_width
    return [row for row in rows if row]


def legend_rows_height(rows: list[list[LegendBlock]], measurer: Measurer) -> float:
    return sum(max(legend_size(measurer, b)[1] for b in row) + 0.25 for row in rows)


def draw_legend_rows(sheet: Sheet, x: float, top: float, rows: list[list[LegendBlock]],
                     measurer: Measurer) -> None:
    for row in rows:
        left = x
        for block in row:
            draw_legend(sheet, left, top, block, measurer)
            left += legend_size(measurer, block)[0] + LEGEND_GAP
        top -= max(legend_size(measurer, b)[1] for b in row) + 0.25


def legend_columns(blocks: list[LegendBlock], width: float,
                   measurer: Measurer) -> list[list[LegendBlock]]:
    """Legend blocks in as many columns as fit `width` inches, each block going to the column
    that is shortest so far (in order): lower than rows when blocks differ in height. When not
    even two columns fit, the entries are wrapped to make two (or three) fit."""
    for block in blocks:
        block.wrap = None
    found = _columns(blocks, width, measurer, least=2)
    if found is not None:
        return found
    for count in (3, 2):
        if len(blocks) < count:
            continue
        share = (width - LEGEND_GAP * (count - 1)) / count
        for block in blocks:
            block.wrap = max(share - _mark(block) - 0.1, 1.0)
        found = _columns(blocks, width, measurer, least=count)
        if found is not None and len(found) >= count:
            return found
    for block in blocks:
        block.wrap = max(width - _mark(block) - 0.1, 1.0)
    return [blocks]


def _columns(blocks: list[LegendBlock], width: float, measurer: Measurer,
             least: int) -> list[list[LegendBlock]] | None:
    sizes = [legend_size(measurer, b) for b in blocks]
    for count in range(len(blocks), least - 1, -1):
        columns: list[list[int]] = [[] for _ in range(count)]
        heights = [0.0] * count
        for index, (_, height) in enumerate(sizes):
            shortest = min(range(count), key=lambda c: (heights[c], c))
            columns[shortest].append(index)
            heights[shortest] += height + 0.25
        used = sum(max((sizes[i][0] for i in column), default=0.0) + LEGEND_GAP
                   for column in columns if column) - LEGEND_GAP
        if used <= width:
            return [[blocks[i] for i in column] for column in columns if column]
    return None


def legend_columns_size(columns: list[list[LegendBlock]],
                        measurer: Measurer) -> tuple[float, float]:
    """Width and height of legend columns side by side."""
    width = sum(max(legend_size(measurer, b)[0] for b in column) + LEGEND_GAP
                for column in columns) - LEGEND_GAP
    height = max(sum(legend_size(measurer, b)[1] + 0.25 for b in column) for column in columns)
    return width, height


def draw_legend_columns(sheet: Sheet, x: float, top: float, columns: list[list[LegendBlock]],
                        measurer: Measurer) -> None:
    for column in columns:
        y = top
        for block in column:
            draw_legend(sheet, x, y, block, measurer)
            y -= legend_size(measurer, block)[1] + 0.25
        x += max(legend_size(measurer, b)[0] for b in column) + LEGEND_GAP
