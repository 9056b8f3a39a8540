"""Pictures for pages (issue 17.2): `--size a4|a4-landscape|a3|slide|WIDTHxHEIGHT(mm|in)`.

Every kind at every size: the figure is the page, every text lies on it, no two texts overlap,
and no text is smaller than 7 points at the printed size (its font size in points times the
scale from the figure to the page; at the natural size the picture prints as it is). What
does not fit is summarised, and the caption says so.
"""

from __future__ import annotations

import itertools
import xml.etree.ElementTree as ElementTree
from datetime import date

import pytest

from ehelse_map.model.build import load_dataset
from ehelse_map.render.diagrams import (
    A4_TEXT,
    KINDS,
    DiagramOptions,
    build,
    parse_size,
    render,
    render_for_page,
)
from ehelse_map.render.diagrams.page import MIN_TEXT_PT, NAMED
from ehelse_map.render.diagrams.style import LAYOUT_DPI, diagram_context

AS_OF = date(2025, 6, 1)
SIZES = (None, *NAMED, "160x240mm")
"""The natural size, every named page, and an A4 report's text block."""
SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def default_data():
    return load_dataset()


@pytest.fixture(scope="module")
def pictures(default_data, kind_options):
    """(kind, size) -> figure of the default data, built once."""
    cache = {}

    def get(kind: str, size: str | None):
        if (kind, size) not in cache:
            page = parse_size(size) if size else None
            cache[kind, size] = build(kind, default_data, DiagramOptions(
                as_of=AS_OF, size=page, **kind_options(kind, default_data)))
        return cache[kind, size]

    return get


def texts_of(figure):
    """(text, font size in points, window extent) of every visible, non-empty text."""
    from matplotlib.text import Text

    with diagram_context():
        figure.canvas.draw()
        renderer = figure.canvas.get_renderer()
        return [(a.get_text(), a.get_fontsize(), a.get_window_extent(renderer))
                for a in figure.findobj(Text) if a.get_visible() and a.get_text().strip()]


def printed_scale(figure, size: str | None) -> float:
    """How much the figure is scaled to print on the page (1 at the natural size). A picture
    the page is too small for is taller than the page, at its width (`build` warns); it prints
    at that width."""
    if size is None:
        return 1.0
    page = parse_size(size)
    width, height = figure.get_size_inches()
    if height > page.height + 0.011:
        return page.width / width
    return min(page.width / width, page.height / height)


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("kind", KINDS)
def test_no_text_is_under_7_points_at_the_printed_size(pictures, kind, size):
    figure = pictures(kind, size)
    scale = printed_scale(figure, size)
    texts = texts_of(figure)
    assert len(texts) > 10
    small = [(label, round(points * scale, 2)) for label, points, _ in texts
             if points * scale < MIN_TEXT_PT - 1e-9]
    assert small == []


@pytest.mark.parametrize("size", [s for s in SIZES if s is not None])
@pytest.mark.parametrize("kind", KINDS)
def test_the_picture_is_the_page(pictures, default_data, kind_options, kind, size, capsys):
    """The figure is the page; only when the page cannot hold even the least the picture
    shows (every tier summarised in "+N more") is it taller, with a warning saying how much
    room it needs, and a narrower selection then fits."""
    page = parse_size(size)
    width, height = pictures(kind, size).get_size_inches()
    assert width == pytest.approx(page.width, abs=0.011)
    if height <= page.height + 0.011:
        assert height == pytest.approx(page.height, abs=0.011)
        return
    capsys.readouterr()
    needs = kind_options(kind, default_data)
    build(kind, default_data, DiagramOptions(as_of=AS_OF, size=page, **needs))
    warning = capsys.readouterr().err
    assert f"needs {height * 25.4:.0f} mm of height" in warning and "--country" in warning
    one_country = build(kind, default_data, DiagramOptions(as_of=AS_OF, size=page, country="NO",
                                                           **needs))
    assert one_country.get_size_inches()[1] == pytest.approx(page.height, abs=0.011)


@pytest.mark.parametrize("size", [s for s in SIZES if s is not None])
@pytest.mark.parametrize("kind", KINDS)
def test_on_every_page_texts_lie_on_it_and_never_overlap(pictures, kind, size):
    figure = pictures(kind, size)
    width, height = (figure.get_size_inches() * LAYOUT_DPI).tolist()
    texts = texts_of(figure)
    for label, _, box in texts:
        assert box.x0 >= -0.5 and box.y0 >= -0.5, label
        assert box.x1 <= width + 0.5 and box.y1 <= height + 0.5, label
    crossing = []
    for (a, _, box_a), (b, _, box_b) in itertools.combinations(texts, 2):
        dx = min(box_a.x1, box_b.x1) - max(box_a.x0, box_b.x0)
        dy = min(box_a.y1, box_b.y1) - max(box_a.y0, box_b.y0)
        if dx > 0.5 and dy > 0.5:
            crossing.append((a, b))
    assert crossing == []


EXTREMES = ("100x100mm", "100x1500mm", "150x100mm", "200x150mm", "1500x100mm")
"""The smallest page `--size` accepts, and the most lopsided: pages the pictures are too big
for, in every direction."""


@pytest.mark.parametrize("size", EXTREMES)
@pytest.mark.parametrize("kind", KINDS)
def test_every_page_size_accepted_draws_every_kind(default_data, kind_options, kind, size,
                                                   capsys):
    """A page too small for a picture never stops it: the figure is the page's width, and its
    height, or taller with a warning saying how much it needs; every text lies within its
    width. (A side legend that would leave the tiers too little room goes under them, a
    colour bar too narrow beside its key goes over it, a profile too low for its ring of
    networks gets taller.)"""
    page = parse_size(size)
    capsys.readouterr()
    figure = build(kind, default_data, DiagramOptions(as_of=AS_OF, size=page,
                                                      **kind_options(kind, default_data)))
    width, height = figure.get_size_inches()
    warning = capsys.readouterr().err
    assert width == pytest.approx(page.width, abs=0.011)
    if height > page.height + 0.011:
        assert f"needs {height * 25.4:.0f} mm of height" in warning
    else:
        assert height == pytest.approx(page.height, abs=0.011)
        assert "needs" not in warning
    right = width * LAYOUT_DPI
    assert [label for label, _, box in texts_of(figure)
            if box.x0 < -0.5 or box.x1 > right + 0.5] == []


def svg_text(payload: bytes) -> str:
    root = ElementTree.fromstring(payload)
    return " ".join("".join(node.itertext()) for node in root.iter(f"{SVG}text"))


def test_a_small_page_summarises_the_landscape_and_says_so(default_data):
    """The landscape's detail budget comes from the page: what does not fit is in "+N more"
    bubbles, and the caption says how much and how to see it."""
    text = svg_text(render("landscape", default_data,
                           DiagramOptions(as_of=AS_OF, size=parse_size("a4")), "svg"))
    assert "more networks" in text
    assert "are summarised in dashed" in text or "are counted in dashed" in text
    assert "--country or --region" in text


def test_max_bubbles_is_an_upper_bound_on_a_page(default_data):
    from ehelse_map.render.diagrams.landscape import _fitted
    from ehelse_map.render.diagrams.layout.sheet import Measurer

    page = parse_size("a3")
    with diagram_context():
        fitted, _ = _fitted(default_data, DiagramOptions(as_of=AS_OF, size=page, country="NO"),
                            page, Measurer())
        capped, _ = _fitted(default_data, DiagramOptions(as_of=AS_OF, size=page, country="NO",
                                                         max_bubbles=6), page, Measurer())
    assert fitted.budget == 24 and capped.budget == 6


@pytest.mark.parametrize("size, narrowing", [
    ("160x237mm", {}), ("a4", {"country": "NO"}), ("a3", {}), ("slide", {"country": "SE"}),
])
def test_the_page_gets_the_largest_budget_that_fits_at_its_least_compact(default_data, size,
                                                                          narrowing):
    """The search tries a few layouts, and picks what trying every budget at every compact
    level would: the largest budget that fits, as little compacted as it fits."""
    from ehelse_map.render.diagrams import landscape
    from ehelse_map.render.diagrams.layout.sheet import Measurer
    from ehelse_map.render.diagrams.plans.landscape import plan

    page = parse_size(size)
    options = DiagramOptions(as_of=AS_OF, size=page, **narrowing)
    with diagram_context():
        chosen_plan, chosen = landscape._fitted(default_data, options, page, Measurer())
        every = [(budget, compact, landscape.lay_out(plan(default_data, options, budget),
                                                      default_data, page, Measurer(), compact))
                 for budget in (b for b in landscape.BUDGETS if b <= 24)
                 for compact in range(landscape.MOST_COMPACT + 1)]
    fitting = [(budget, -compact, layout) for budget, compact, layout in every
               if layout.overflow <= 0]
    # nothing fits: the smallest budget at its most compact
    best = max(fitting, key=lambda f: f[:2]) if fitting else every[landscape.MOST_COMPACT]
    budget, layout = best[0], best[2]
    assert chosen_plan.budget == budget
    assert (chosen.height, chosen.overflow) == (layout.height, layout.overflow)
    assert chosen.items.keys() == layout.items.keys()


def test_the_report_gets_pictures_for_its_text_width(default_data):
    """`render_for_page` lays a picture out for a page; by default an A4 report's text block,
    160 mm wide: a PNG at 100 dpi is 630 pixels wide."""
    payload = render_for_page("burden", default_data, DiagramOptions(as_of=AS_OF), "png")
    assert int.from_bytes(payload[16:20], "big") == int(A4_TEXT.width * 100) == 629
    svg = render_for_page("overlap", default_data, DiagramOptions(as_of=AS_OF), "svg",
                          size="120x100mm")
    root = ElementTree.fromstring(svg)
    assert root.get("width", "").startswith("340.")  # 120 mm in points


@pytest.mark.parametrize("value, message", [
    ("a5", "'a5' is not a size"),
    ("10x10mm", "each side must be 100-1500 mm"),
    ("300x200cm", "'300x200cm' is not a size"),
])
def test_sizes_that_are_not_pages_are_refused(value, message):
    with pytest.raises(ValueError, match=message):
        parse_size(value)


def test_named_and_custom_sizes():
    assert (round(parse_size("a4").width_mm), round(parse_size("a4").height_mm)) == (210, 297)
    assert parse_size("A4-Landscape").width > parse_size("a4-landscape").height
    assert parse_size("8x6in").width == pytest.approx(8.0)
    assert parse_size("160x240mm").width_mm == pytest.approx(160.0)
    assert parse_size("slide").width / parse_size("slide").height == pytest.approx(16 / 9,
                                                                                   rel=1e-3)


def test_the_command_draws_for_a_page(run_cli, tmp_path, minimal_dir):
    target = tmp_path / "x.png"
    result = run_cli(["diagram", "burden", "-o", str(target), "--size", "a4", "--data",
                      str(minimal_dir), "--bubble-size", "equal"])
    assert result.exit_code == 0, result.stderr
    payload = target.read_bytes()  # 210 x 297 mm at 100 dpi, whole pixels
    assert (int.from_bytes(payload[16:20], "big"), int.from_bytes(payload[20:24], "big")) == (
        826, 1169)


@pytest.mark.parametrize("args, message", [
    (["landscape", "--size", "a5"], "--size: 'a5' is not a size"),
    (["landscape", "--bubble-size", "equal"], "--bubble-size applies to the burden diagram"),
    (["burden", "--bubble-size", "area"], "--bubble-size: unknown value 'area'"),
])
def test_bad_sizes_give_one_line_and_exit_2(run_cli, tmp_path, minimal_dir, args, message):
    result = run_cli(["diagram", *args, "-o", str(tmp_path / "x.png"), "--data",
                      str(minimal_dir)])
    assert result.exit_code == 2
    assert len(result.stderr.splitlines()) == 1 and message in result.stderr
    assert list(tmp_path.iterdir()) == []


# --- national scale: the budgets keep a whole country legible -------------------------------------

@pytest.fixture(scope="module")
def national(tmp_path_factory):
    """The synthetic data at Nordic scale (`generate --scale 1`): 1,117 municipalities."""
    from ehelse_map.synthetic import generate

    folder = tmp_path_factory.mktemp("national")
    for name, content in generate(scale=1, seed=0).items():
        (folder / name).write_text(content, encoding="utf-8")
    return load_dataset(folder)


@pytest.mark.slow
@pytest.mark.parametrize("kind, size", [("burden", None), ("burden", "a4"),
                                        ("landscape", None), ("landscape", "a4")])
def test_national_scale_stays_legible(national, kind, size):
    page = parse_size(size) if size else None
    figure = build(kind, national, DiagramOptions(as_of=AS_OF, country="NO", size=page))
    scale = printed_scale(figure, size)
    texts = texts_of(figure)
    assert min(points for _, points, _ in texts) * scale >= MIN_TEXT_PT
    if page is not None:
        assert figure.get_size_inches()[1] == pytest.approx(page.height, abs=0.011)
    crossing = [(a, b) for (a, _, x), (b, _, y) in itertools.combinations(texts, 2)
                if min(x.x1, y.x1) - max(x.x0, y.x0) > 0.5
                and min(x.y1, y.y1) - max(x.y0, y.y0) > 0.5]
    assert crossing == []


@pytest.mark.parametrize("lang", ["nb", "nn"])
@pytest.mark.parametrize("kind", KINDS)
def test_norwegian_texts_lie_on_the_picture_at_its_natural_size(default_data, kind_options,
                                                               kind, lang):
    """Norwegian words are longer than English ones: legends and keys wrap, never run off."""
    figure = build(kind, default_data, DiagramOptions(as_of=AS_OF, lang=lang,
                                                      **kind_options(kind, default_data)))
    width, height = (figure.get_size_inches() * LAYOUT_DPI).tolist()
    for label, _, box in texts_of(figure):
        assert box.x0 >= -0.5 and box.y0 >= -0.5, label
        assert box.x1 <= width + 0.5 and box.y1 <= height + 0.5, label


@pytest.mark.parametrize("kind", KINDS)
def test_titles_wrap_on_a_report_page_instead_of_being_cut(default_data, kind_options, kind):
    """A Nynorsk title on the report's 160-mm page takes two lines rather than end in '…'."""
    from ehelse_map.render.diagrams.layout.sheet import title_size

    page = parse_size("160x237mm")
    figure = build(kind, default_data, DiagramOptions(as_of=AS_OF, lang="nn", size=page,
                                                      **kind_options(kind, default_data)))
    size = title_size(float(figure.get_size_inches()[0]))
    titles = [text for text, points, _ in texts_of(figure) if points == size]
    assert titles and not any("…" in title for title in titles), titles
