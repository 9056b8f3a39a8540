"""A PNG canvas that draws each line of text as one bitmap.

matplotlib 3.11 draws text in the Agg backend glyph by glyph, with Python work per glyph, and
lays each line out twice (once to measure it, once to draw it); for a landscape's ~2,800 glyphs
that was 0.2 s of a 1.1 s command (`bench/README.md`). FreeType can render a whole laid-out line
into one bitmap (`FT2Font.set_text`, `draw_glyphs_to_bitmap`), which is what matplotlib 3.10
did, and the bitmap made while measuring a line can be kept for drawing it: same fonts, same
positions to within two pixels, in a third of the time.

Text is laid out by matplotlib as before (so label boxes and the overlap tests are unchanged);
only the rasterising differs, and only in PNG. Rotated text, mathtext, and any matplotlib whose
renderer no longer takes a bitmap in `draw_text_image`, go through matplotlib's own drawing.

Characters come from the fonts of the stack (`glyphs.families`) as FreeType falls back through
them, and text reaches the renderer through `glyphs.drawable`, so every glyph exists on both
paths (`tests/test_text.py` draws hostile names on both and compares them).
"""

from __future__ import annotations

from typing import Any

from matplotlib.backends.backend_agg import FigureCanvasAgg, RendererAgg, get_hinting_flag


class LineTextRenderer(RendererAgg):
    """RendererAgg whose `draw_text` renders a whole line of plain, level text at once."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[no-untyped-call]  # backend_agg is unannotated
        self.whole_lines = True
        """False once drawing a bitmap has failed: matplotlib's own drawing for the rest."""
        self._lines: dict[tuple[str, Any], tuple[Any, float, float]] = {}
        """(text, font properties) -> (bitmap, x offset, descent) of the lines measured."""

    def get_text_width_height_descent(self, s: str, prop: Any, ismath: Any) -> Any:
        if ismath or not self.whole_lines:
            # backend_agg is unannotated: an untyped call
            return super().get_text_width_height_descent(s, prop, ismath)  # type: ignore[no-untyped-call]
        font = self._line(s, prop)
        width, height = font.get_width_height()
        return width / 64, height / 64, font.get_descent() / 64

    def draw_text(self, gc: Any, x: float, y: float, s: str, prop: Any, angle: float,
                  ismath: Any = False, mtext: Any = None) -> None:
        if ismath or angle or not gc.get_antialiased() or not self.whole_lines:
            # backend_agg is unannotated: an untyped call
            super().draw_text(gc, x, y, s, prop, angle, ismath, mtext)  # type: ignore[no-untyped-call]
            return
        if (s, prop) not in self._lines:
            self._line(s, prop)
        bitmap, x_offset, descent = self._lines[s, prop]
        try:
            draw_bitmap(self, bitmap, round(x + x_offset), round(y + descent) + 1, gc)
        except TypeError:  # another matplotlib's renderer: draw as matplotlib does
            self.whole_lines = False
            # backend_agg is unannotated: an untyped call
            super().draw_text(gc, x, y, s, prop, angle, ismath, mtext)  # type: ignore[no-untyped-call]

    def _line(self, s: str, prop: Any) -> Any:
        """Lay out and render one line (kept for drawing it); returns the font, laid out."""
        import numpy

        font = self._prepare_font(prop)  # type: ignore[no-untyped-call]  # backend_agg is unannotated
        # backend_agg is unannotated: an untyped call
        font.set_text(s, 0, flags=get_hinting_flag())  # type: ignore[no-untyped-call]
        font.draw_glyphs_to_bitmap(antialiased=True)
        x_offset, _ = font.get_bitmap_offset()
        self._lines[s, prop.copy()] = (
            numpy.asarray(font.get_image()).copy(), x_offset / 64, font.get_descent() / 64)
        return font


def draw_bitmap(renderer: RendererAgg, image: Any, left: int, bottom: int, gc: Any) -> None:
    """Blend a text bitmap into the canvas (matplotlib 3.11's `draw_text_image`)."""
    renderer._renderer.draw_text_image(image, left, bottom, 0, gc)


class LineTextCanvas(FigureCanvasAgg):
    """FigureCanvasAgg drawing with `LineTextRenderer` (PNG only: SVG and PDF keep text as
    text through their own backends)."""

    def get_renderer(self) -> RendererAgg:
        width, height = self.get_width_height(physical=True)
        key = width, height, self.figure.dpi
        if self._lastKey != key:
            self.renderer = LineTextRenderer(width, height, self.figure.dpi)
            self._lastKey = key
        renderer: RendererAgg = self.renderer  # set here or by FigureCanvasAgg.get_renderer
        return renderer
