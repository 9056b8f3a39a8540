"""A PNG canvas that draws each line of text as one bitmap, failing closed.

matplotlib 3.11 draws text in the Agg backend glyph by glyph, with Python work per glyph, and
lays each line out twice (once to measure it, once to draw it); for a landscape's ~2,800 glyphs
that was 0.2 s of a 1.1 s command (`bench/README.md`). FreeType can render a whole laid-out line
into one bitmap (`FT2Font.set_text`, `draw_glyphs_to_bitmap`), which is what matplotlib 3.10
did, and the bitmap made while measuring a line can be kept for drawing it: same fonts, same
positions to within two pixels, in a third of the time.

This leans on private matplotlib internals (`RendererAgg._prepare_font`, `RendererAgg._renderer`
and its `draw_text_image`, `backend_agg.get_hinting_flag`), so it fails closed:

- the capability is checked once per process (`available`): a line is measured and drawn both
  ways on a small canvas, and must measure the same and leave ink;
- any exception, in the check or in any later measuring or drawing, switches the path off for
  the rest of the run (`runtime.AGG_TEXT`), and the text is drawn by matplotlib's own code;
- pyproject.toml bounds matplotlib below the next minor release, and CI moves that bound
  deliberately, with `tests/test_text.py` and `tests/test_diagrams.py` comparing both paths.

Robustness wins over the tenth of a second. Text is laid out by matplotlib as before (so label
boxes and the overlap tests are unchanged); only the rasterising differs, and only in PNG.
Rotated text, mathtext and unantialiased text always take matplotlib's path.

Characters come from the fonts of the stack (`glyphs.families`) as FreeType falls back through
them, and text reaches the renderer through `glyphs.drawable`, so every glyph exists on both
paths (`tests/test_text.py` draws hostile names on both and compares them).
"""

from __future__ import annotations

from typing import Any

from matplotlib.backends.backend_agg import FigureCanvasAgg, RendererAgg

from ehelse_map import runtime
from ehelse_map.runtime import remembered


def available() -> bool:
    """Whether the whole-line path is on: checked once per process, off after any failure."""
    status = runtime.AGG_TEXT
    if not status.checked:
        status.checked = True
        try:
            _check()
        except Exception as error:  # whatever a changed matplotlib raises: fail closed
            status.switch_off(error)
        else:
            status.usable = True
    return status.usable


def _check() -> None:
    """Measure and draw one line both ways on a small canvas; raise when they disagree."""
    import numpy
    from matplotlib.font_manager import FontProperties, fontManager

    from ehelse_map.render.diagrams.glyphs import PRIMARY

    prop = FontProperties(family=[PRIMARY], size=10)
    ours = LineTextRenderer(60, 30, 100)
    theirs = RendererAgg(60, 30, 100)  # type: ignore[no-untyped-call]  # backend_agg is unannotated
    if list(ours._font_files(prop)) != list(fontManager._find_fonts_by_props(prop)):
        raise RuntimeError("the remembered font files differ from matplotlib's")
    fast = ours.fast_extent("Åg", prop)
    slow = theirs.get_text_width_height_descent("Åg", prop, False)  # type: ignore[no-untyped-call]
    if any(abs(a - b) > 1.0 for a, b in zip(fast, slow, strict=True)):
        raise RuntimeError(f"whole-line extent {fast} differs from matplotlib's {slow}")
    gc = ours.new_gc()
    gc.set_foreground("black")
    gc.set_antialiased(True)
    ours.fast_draw(gc, 5.0, 10.0, "Åg", prop)
    if not numpy.asarray(ours.buffer_rgba())[..., 3].any():  # type: ignore[no-untyped-call]
        raise RuntimeError("a whole-line bitmap left no ink")


class LineTextRenderer(RendererAgg):
    """RendererAgg whose text methods render a whole line of plain, level text at once, while
    `runtime.AGG_TEXT` allows it; matplotlib's own methods otherwise."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[no-untyped-call]  # backend_agg is unannotated
        self._lines: dict[tuple[str, Any], tuple[Any, float, float]] = {}
        """(text, font properties) -> (bitmap, x offset, descent) of the lines measured."""
        self._files: dict[tuple[Any, ...], Any] = {}
        """What `_font_files` looked up: `_font_key` -> font files."""
        self._heights: dict[tuple[Any, ...], tuple[int, int, int, int] | None] = {}
        """`_font_key` -> the first font's units per em, line gap, ascent and descent."""

    def _prepare_font(self, font_prop: Any) -> Any:
        """matplotlib's `_prepare_font`, with each kind of text's font files looked up once per
        canvas: matplotlib looks them up for every line measured and drawn (30 µs), and scores
        every installed font anew for every size (1.4 ms), though a scalable font's score never
        depends on the size."""
        if runtime.AGG_TEXT.usable:
            try:
                from matplotlib.font_manager import get_font

                font = get_font(self._font_files(font_prop))
                font.clear()
                font.set_size(font_prop.get_size_in_points(), self.dpi)
                return font
            except Exception as error:  # fail closed: matplotlib prepares fonts from now on
                runtime.AGG_TEXT.switch_off(error)
        return super()._prepare_font(font_prop)  # type: ignore[no-untyped-call]  # backend_agg is unannotated

    def _get_font_height_metrics(self, font_prop: Any) -> tuple[Any, Any, Any]:
        """What matplotlib's `Text._get_layout` asks a backend for before it reads them itself
        from the font's tables, for every text: the ascent, descent and line gap in pixels.
        Here each font's tables are read once. (None, None, None) lets matplotlib read them."""
        if runtime.AGG_TEXT.usable:
            try:
                key = _font_key(font_prop)
                if key not in self._heights:
                    from matplotlib.font_manager import get_font

                    self._heights[key] = _unscaled_heights(get_font(self._font_files(font_prop)))
                found = self._heights[key]
                if found is not None:
                    units_per_em, line_gap, ascent, descent = found
                    # the sums in matplotlib's order: the same floats
                    scale = 1 / units_per_em * font_prop.get_size_in_points() * self.dpi / 72
                    return ascent * scale, -descent * scale, line_gap * scale
            except Exception as error:  # fail closed: matplotlib reads the tables from now on
                runtime.AGG_TEXT.switch_off(error)
        return None, None, None

    def _font_files(self, font_prop: Any) -> Any:
        from matplotlib.font_manager import fontManager

        key = _font_key(font_prop)
        files = self._files.get(key)
        if files is None:
            files = self._files[key] = fontManager._find_fonts_by_props(font_prop)
        return files

    def get_text_width_height_descent(self, s: str, prop: Any, ismath: Any) -> Any:
        if not ismath and runtime.AGG_TEXT.usable:
            try:
                return self.fast_extent(s, prop)
            except Exception as error:  # fail closed: matplotlib measures from now on
                runtime.AGG_TEXT.switch_off(error)
        # backend_agg is unannotated: an untyped call
        return super().get_text_width_height_descent(s, prop, ismath)  # type: ignore[no-untyped-call]

    def draw_text(self, gc: Any, x: float, y: float, s: str, prop: Any, angle: float,
                  ismath: Any = False, mtext: Any = None) -> None:
        if not (ismath or angle) and runtime.AGG_TEXT.usable and gc.get_antialiased():
            try:
                self.fast_draw(gc, x, y, s, prop)
                return
            except Exception as error:  # fail closed: matplotlib draws from now on
                runtime.AGG_TEXT.switch_off(error)
        # backend_agg is unannotated: an untyped call
        super().draw_text(gc, x, y, s, prop, angle, ismath, mtext)  # type: ignore[no-untyped-call]

    def fast_extent(self, s: str, prop: Any) -> tuple[float, float, float]:
        """Width, height and descent of one line laid out by FreeType as a whole."""
        font = self._line(s, prop)
        width, height = font.get_width_height()
        return width / 64, height / 64, font.get_descent() / 64

    def fast_draw(self, gc: Any, x: float, y: float, s: str, prop: Any) -> None:
        """Blend the line's bitmap (made when it was measured, or now) into the canvas."""
        if (s, prop) not in self._lines:
            self._line(s, prop)
        bitmap, x_offset, descent = self._lines[s, prop]
        draw_bitmap(self, bitmap, round(x + x_offset), round(y + descent) + 1, gc)

    def _line(self, s: str, prop: Any) -> Any:
        """Lay out and render one line (kept for drawing it); returns the font, laid out."""
        import numpy
        from matplotlib.backends.backend_agg import get_hinting_flag

        font = self._prepare_font(prop)
        # backend_agg is unannotated: an untyped call
        font.set_text(s, 0, flags=get_hinting_flag())  # type: ignore[no-untyped-call]
        font.draw_glyphs_to_bitmap(antialiased=True)
        x_offset, _ = font.get_bitmap_offset()
        self._lines[s, prop.copy()] = (
            numpy.asarray(font.get_image()).copy(), x_offset / 64, font.get_descent() / 64)
        return font


_GENERIC = frozenset({"serif", "sans-serif", "cursive", "fantasy", "monospace"})


def _font_key(font_prop: Any) -> tuple[Any, ...]:
    """What chooses the fonts for a text: its font properties but the size (when every font
    is scalable), and what rcParams name for the generic families among them."""
    import matplotlib

    rc: Any = matplotlib.rcParams  # its stubs take only literal names
    family = tuple(font_prop.get_family())
    return (family, font_prop.get_style(), font_prop.get_variant(), font_prop.get_weight(),
            font_prop.get_stretch(), font_prop.get_file(),
            None if _all_scalable() else font_prop.get_size(),
            tuple(tuple(rc[f"font.{name}"]) for name in family if name in _GENERIC))


def _unscaled_heights(font: Any) -> tuple[int, int, int, int] | None:
    """A font's units per em, line gap, ascent and descent, from the tables matplotlib's
    `Text._get_layout` reads (OS/2, else hhea); None when it has neither."""
    for table_name, line_gap, ascent, descent in (
            ("OS/2", "sTypoLineGap", "sTypoAscender", "sTypoDescender"),
            ("hhea", "lineGap", "ascent", "descent")):
        table = font.get_sfnt_table(table_name)
        if table is not None:
            units_per_em = font.get_sfnt_table("head")["unitsPerEm"]
            return units_per_em, table[line_gap], table[ascent], table[descent]
    return None


@remembered
def _all_scalable() -> bool:
    """Whether every font matplotlib chooses from is scalable (TrueType and OpenType are):
    then the size takes no part in choosing one (`FontManager.score_size`)."""
    from matplotlib.font_manager import fontManager

    return all(entry.size == "scalable" for entry in fontManager.ttflist)


def draw_bitmap(renderer: RendererAgg, image: Any, left: int, bottom: int, gc: Any) -> None:
    """Blend a text bitmap into the canvas (matplotlib 3.11's `draw_text_image`)."""
    renderer._renderer.draw_text_image(image, left, bottom, 0, gc)


class LineTextCanvas(FigureCanvasAgg):
    """FigureCanvasAgg drawing with `LineTextRenderer` (PNG only: SVG and PDF keep text as
    text through their own backends). Use `canvas_for`, which checks the capability."""

    def get_renderer(self) -> RendererAgg:
        width, height = self.get_width_height(physical=True)
        key = width, height, self.figure.dpi
        if self._lastKey != key:
            self.renderer = LineTextRenderer(width, height, self.figure.dpi)
            self._lastKey = key
        renderer: RendererAgg = self.renderer  # set here or by FigureCanvasAgg.get_renderer
        return renderer


def canvas_for(figure: Any) -> FigureCanvasAgg:
    """The canvas a diagram draws on: `LineTextCanvas` when the whole-line path is available,
    else matplotlib's own `FigureCanvasAgg`."""
    return LineTextCanvas(figure) if available() else FigureCanvasAgg(figure)
