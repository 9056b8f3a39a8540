"""Diagrams: valid files in every format, the same bytes every time, no overlapping labels,
filters and --highlight that change the picture, and the command's usage errors.

Figures of the default data are built once per module; the checks read them from there.
"""

from __future__ import annotations

import itertools
import math
import xml.etree.ElementTree as ElementTree
from datetime import date
from pathlib import Path

import pytest

from ehelse_map.model.build import load_dataset
from ehelse_map.render.diagrams import KINDS, DiagramOptions, build, render
from ehelse_map.render.diagrams.layout.sheet import Measurer
from ehelse_map.render.diagrams.style import LAYOUT_DPI, diagram_context, figure_bytes

AS_OF = date(2025, 1, 1)
ROOT = Path(__file__).resolve().parents[1]
MINIMAL = ROOT / "tests" / "fixtures" / "minimal"
SVG = "{http://www.w3.org/2000/svg}"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(scope="module")
def default_data():
    return load_dataset()


@pytest.fixture(scope="module")
def minimal_data():
    return load_dataset(MINIMAL)


@pytest.fixture(scope="module")
def figures(default_data, kind_options):
    """kind -> figure of the default data."""
    return {kind: build(kind, default_data, DiagramOptions(
        as_of=AS_OF, **kind_options(kind, default_data))) for kind in KINDS}


@pytest.fixture(scope="module")
def saved(figures):
    """`saved(kind, fmt)`: the bytes of a default-data figure, made once."""
    cache: dict[tuple[str, str], bytes] = {}

    def get(kind: str, fmt: str) -> bytes:
        if (kind, fmt) not in cache:
            cache[(kind, fmt)] = figure_bytes(figures[kind], fmt, 100)
        return cache[(kind, fmt)]

    return get


def svg_texts(payload: bytes) -> list[str]:
    root = ElementTree.fromstring(payload)
    return ["".join(node.itertext()) for node in root.iter(f"{SVG}text")]


def png_size(payload: bytes) -> tuple[int, int]:
    assert payload[:8] == PNG_SIGNATURE
    assert payload[12:16] == b"IHDR"
    return int.from_bytes(payload[16:20], "big"), int.from_bytes(payload[20:24], "big")


# --- files -------------------------------------------------------------------------------------

@pytest.mark.parametrize("kind", KINDS)
def test_each_kind_writes_png_svg_and_pdf(figures, saved, kind):
    figure = figures[kind]
    width, height = png_size(saved(kind, "png"))
    inches = figure.get_size_inches()
    assert (width, height) == (round(inches[0] * 100), round(inches[1] * 100))
    assert width >= 1000 and height >= 700

    texts = svg_texts(saved(kind, "svg"))
    assert texts, "SVG text must stay text (svg.fonttype none)"
    assert any(t.startswith(("Who coordinates", "Overlapping", "Coordination", "Which",
                             "Networks reaching")) for t in texts)
    assert any(t.startswith("Source:") for t in texts)

    pdf = saved(kind, "pdf")
    assert pdf.startswith(b"%PDF-")
    assert pdf.rstrip().endswith(b"%%EOF")


def test_png_dpi_scales_the_pixels_not_the_picture(figures):
    figure = figures["upset"]
    small = png_size(figure_bytes(figure, "png", 50))
    large = png_size(figure_bytes(figure, "png", 200))
    assert large[0] == pytest.approx(small[0] * 4, abs=4)


def test_svg_labels_are_the_data_names(saved, default_data):
    texts = set(svg_texts(saved("landscape", "svg")))
    for ident in ("ks", "helsedirektoratet"):
        actor = default_data.actors[ident]
        assert (actor.short_name or actor.name) in texts
    assert {"Norway", "Municipalities"} <= texts


@pytest.mark.parametrize("kind", KINDS)
def test_minimal_data_renders_every_kind(minimal_data, kind_options, kind):
    payload = render(kind, minimal_data, DiagramOptions(
        as_of=AS_OF, **kind_options(kind, minimal_data)), "svg")
    assert "Source: ehelse-map default data set" in " ".join(svg_texts(payload))


@pytest.mark.parametrize("kind", [k for k in KINDS if k != "profile"])
def test_an_empty_selection_says_so(default_data, kind):
    """(`profile` draws one organisation, whatever the filters: see the next test.)"""
    texts = " ".join(svg_texts(render(kind, default_data,
                                      DiagramOptions(as_of=AS_OF, country="FI"), "svg")))
    assert "Country: Finland" in texts
    assert "No " in texts


# --- determinism -------------------------------------------------------------------------------

@pytest.mark.parametrize("kind", KINDS)
def test_same_data_same_bytes(saved, default_data, kind_options, kind):
    again = build(kind, default_data, DiagramOptions(as_of=AS_OF,
                                                     **kind_options(kind, default_data)))
    svg, pdf = figure_bytes(again, "svg"), figure_bytes(again, "pdf")
    assert svg == saved(kind, "svg")
    assert pdf == saved(kind, "pdf")
    assert b"<dc:date>" not in svg
    assert b"CreationDate" not in pdf


def test_same_bytes_in_another_process(saved):
    """No dependence on string hashing (PYTHONHASHSEED) or on what ran before."""
    import hashlib
    import os
    import subprocess
    import sys

    code = ("import hashlib; from datetime import date; from ehelse_map.model.build import "
            "load_dataset; from ehelse_map.render.diagrams import render, DiagramOptions;"
            "d = load_dataset(); o = DiagramOptions(as_of=date(2025, 1, 1));"
            "print(*[hashlib.sha256(render(k, d, o, 'svg')).hexdigest() "
            "for k in ('landscape', 'overlap')])")
    output = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True, env={**os.environ, "PYTHONHASHSEED": "12345"})
    expected = [hashlib.sha256(saved(k, "svg")).hexdigest() for k in ("landscape", "overlap")]
    assert output.stdout.split() == expected


def test_same_bytes_whatever_the_hash_seed_with_many_clusters(tmp_path, run_cli):
    """The spring layout of a small cluster got its nodes in the order of a set (networkx's
    subgraph view of fewer than half the nodes): the overlap picture of data with many
    clusters changed with PYTHONHASHSEED."""
    import os
    import subprocess
    import sys

    assert run_cli(["generate", "-o", str(tmp_path), "-n", "0.1"]).exit_code == 0
    code = ("import hashlib; from datetime import date; from ehelse_map.model.build import "
            f"load_dataset; from ehelse_map.render.diagrams import render, DiagramOptions;"
            f"d = load_dataset({str(tmp_path)!r}); o = DiagramOptions(as_of=date(2025, 1, 1));"
            "print(hashlib.sha256(render('overlap', d, o, 'svg')).hexdigest())")
    digests = {subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                              check=True, env={**os.environ, "PYTHONHASHSEED": seed,
                                               "EHELSE_MAP_CACHE": "off"}).stdout
               for seed in ("1", "2")}
    assert len(digests) == 1


# --- legibility --------------------------------------------------------------------------------

def text_boxes(figure):
    """Window extents of every visible, non-empty text, measured by the Agg renderer."""
    from matplotlib.text import Text

    figure.canvas.draw()
    renderer = figure.canvas.get_renderer()
    boxes = []
    for artist in figure.findobj(Text):
        if artist.get_visible() and artist.get_text().strip():
            boxes.append((artist.get_text(), artist.get_window_extent(renderer)))
    return boxes


def overlapping(boxes, tolerance: float = 0.5):
    """Pairs of texts whose boxes overlap by more than `tolerance` pixels both ways."""
    found = []
    for (a, box_a), (b, box_b) in itertools.combinations(boxes, 2):
        dx = min(box_a.x1, box_b.x1) - max(box_a.x0, box_b.x0)
        dy = min(box_a.y1, box_b.y1) - max(box_a.y0, box_b.y0)
        if dx > tolerance and dy > tolerance:
            found.append((a, b))
    return found


@pytest.mark.parametrize("kind", KINDS)
def test_no_two_labels_overlap(figures, kind):
    with diagram_context():
        boxes = text_boxes(figures[kind])
    assert len(boxes) > 10
    assert overlapping(boxes) == []


@pytest.mark.parametrize("kind", KINDS)
def test_every_text_lies_inside_the_figure(figures, kind):
    figure = figures[kind]
    width, height = (figure.get_size_inches() * LAYOUT_DPI).tolist()
    with diagram_context():
        for label, box in text_boxes(figure):
            assert box.x0 >= -0.5 and box.y0 >= -0.5, label
            assert box.x1 <= width + 0.5 and box.y1 <= height + 0.5, label


@pytest.mark.parametrize("kind", ["landscape", "burden"])
def test_no_overlap_with_filters_and_other_languages(default_data, kind):
    for options in (DiagramOptions(as_of=AS_OF, lang="nn", country="NO"),
                    DiagramOptions(as_of=AS_OF, lang="nb", region="vestland",
                                   highlight="bergen")):
        figure = build(kind, default_data, options)
        with diagram_context():
            assert overlapping(text_boxes(figure)) == []


def test_measurer_is_never_narrower_than_the_renderer():
    """Layout measures text without FreeType layout; it must not underestimate."""
    from matplotlib.text import Text

    with diagram_context():
        measurer = Measurer()
        for label, size, weight in [("Helsefellesskapet i Sogn og Fjordane", 7.2, "normal"),
                                    ("Kommunerne i Region\nHovedstaden · 29", 7.8, "bold"),
                                    ("Ølen Åfjord – «KS» 0.83×", 6.4, "normal"),
                                    ("Who coordinates e-health", 15, "bold")]:
            artist = Text(0, 0, label, fontsize=size, fontweight=weight, linespacing=1.15)
            artist.set_figure(measurer._figure)
            extent = artist.get_window_extent(measurer._renderer)
            width, height = measurer.size(label, size, weight)
            assert width * LAYOUT_DPI >= extent.width - 0.01
            assert width * LAYOUT_DPI <= extent.width * 1.03 + 2
            assert height * LAYOUT_DPI == pytest.approx(extent.height, abs=0.6)


def test_packing_keeps_one_scale_across_groups():
    """Bubble area is population on one scale, in every group alike."""
    from ehelse_map.render.diagrams.layout.packing import Node, natural

    root = Node("root", children=[
        Node("a", children=[Node("a1", 400), Node("a2", 100), Node("a3", 100)]),
        Node("b", children=[Node("b1", 400)]),
    ])
    _, packed = natural(root)
    radius = {p.cluster: p.r for p in packed}
    assert radius["a1"] == pytest.approx(radius["b1"])
    assert radius["a1"] == pytest.approx(2 * radius["a2"])
    for p, q in itertools.combinations([p for p in packed if p.cluster in ("a1", "a2", "a3")], 2):
        assert math.hypot(p.x - q.x, p.y - q.y) >= p.r + q.r - 1e-6


# --- filters and highlight change the picture ----------------------------------------------------

def test_country_filter_changes_the_landscape(saved, default_data):
    everything = svg_texts(saved("landscape", "svg"))
    norway = svg_texts(render("landscape", default_data,
                              DiagramOptions(as_of=AS_OF, country="NO"), "svg"))
    assert "Sweden" in everything and "Sweden" not in norway
    assert "Country: Norway · as of 2025-01-01" in norway


def test_region_filter_changes_the_burden(default_data):
    vestland = " ".join(svg_texts(render("burden", default_data,
                                         DiagramOptions(as_of=AS_OF, region="vestland"),
                                         "svg")))
    rogaland = " ".join(svg_texts(render("burden", default_data,
                                         DiagramOptions(as_of=AS_OF, region="rogaland"),
                                         "svg")))
    assert "Bergen" in vestland and "Bergen" not in rogaland
    assert "Stavanger" in rogaland and "Stavanger" not in vestland


@pytest.mark.parametrize("kind", KINDS)
def test_highlight_changes_the_picture(saved, default_data, kind_options, kind):
    network = "digi-vestland-ehelse" if "digi-vestland-ehelse" in default_data.networks else \
        sorted(default_data.networks)[0]
    plain = saved(kind, "svg")
    marked = render(kind, default_data, DiagramOptions(
        as_of=AS_OF, highlight=network, **kind_options(kind, default_data)), "svg")
    assert plain != marked
    # the subtitle: the selection (the organisation, in a profile), then what is highlighted
    centre = default_data.actors[kind_options(kind, default_data).get("organisation", "ks")]
    start = ("All countries", centre.short_name or centre.name)
    assert any(t.startswith(start) and "highlighted:" in t for t in svg_texts(marked))


# --- the landscape's detail budget ---------------------------------------------------------------

def active_networks(data, country: str, level: str) -> list:
    return [n for n in data.networks.values() if n.country == country and n.level == level
            and n.period.active_on(AS_OF)]


def test_the_default_landscape_summarises_beyond_the_budget(saved, default_data):
    """The bundled data covers all of Norway: its regional networks are more than the default
    budget (24 a row), so the 23 with the widest reach are drawn and the rest summarised."""
    texts = svg_texts(saved("landscape", "svg"))
    regional = active_networks(default_data, "NO", "regional")
    assert len(regional) > 24
    assert f"+{len(regional) - 23} more networks" in texts
    assert any("Too many to draw" in t for t in texts)


def test_a_small_budget_summarises_the_smallest_reach(default_data):
    """With --max-bubbles 4 a row shows the three widest-reaching networks and one dashed
    "+N more" bubble; the caption says how many were summarised and how to see them."""
    regional = active_networks(default_data, "NO", "regional")
    texts = svg_texts(render("landscape", default_data,
                             DiagramOptions(as_of=AS_OF, max_bubbles=4), "svg"))
    assert f"+{len(regional) - 3} more networks" in texts
    caption = " ".join(texts)  # its lines are text elements one after the other
    assert ("Too many to draw one by one: where a country has more than 4 organisations or "
            "networks in a tier, the 3 with the widest reach are drawn" in caption)
    assert ("Raise --max-bubbles, or narrow the selection with --country or --region, to see "
            "them." in caption)
    widest = sorted(regional, key=lambda n: (-len(n.coverage.members), n.id))
    assert widest[0].short_name or widest[0].name in " ".join(texts)


def test_a_highlighted_network_is_never_summarised(default_data):
    regional = active_networks(default_data, "NO", "regional")
    smallest = min(regional, key=lambda n: (len(n.coverage.members), n.id))
    name = smallest.short_name or smallest.name

    def drawn(options: DiagramOptions) -> bool:
        """Is the name drawn (its wrapped lines are consecutive text elements)?"""
        texts = svg_texts(render("landscape", default_data, options, "svg"))
        return f" {name} " in f" {' '.join(texts)} "

    assert not drawn(DiagramOptions(as_of=AS_OF, max_bubbles=4))
    assert drawn(DiagramOptions(as_of=AS_OF, max_bubbles=4, highlight=smallest.id))


def test_the_budget_bounds_the_picture_of_a_large_data_set(tmp_path):
    """At Nordic scale (1,117 municipalities, ~300 networks) each country and tier shows at
    most the budget, whatever the size of the data; the rest is counted in the caption."""
    from ehelse_map.synthetic import generate

    for name, content in generate(scale=1, seed=0).items():
        (tmp_path / name).write_text(content, encoding="utf-8")
    data = load_dataset(tmp_path)
    options = DiagramOptions(as_of=AS_OF, max_bubbles=6)
    figure = build("landscape", data, options)
    texts = svg_texts(figure_bytes(figure, "svg"))
    networks = [t for t in texts if t.startswith(("Digitalisation network", "Steering group",
                                                  "E-health working group", "Health community"))]
    countries, tiers = 5, 3
    assert len(networks) <= countries * tiers * (6 - 1)
    assert any(t.endswith("more networks") for t in texts)
    assert any("are summarised in dashed" in t for t in texts)
    assert figure.get_size_inches()[1] < 40


def test_language_changes_the_words(default_data):
    texts = svg_texts(render("upset", default_data, DiagramOptions(as_of=AS_OF, lang="nn"),
                             "svg"))
    assert any(t.startswith("Kva nettverk") for t in texts)
    assert any(t.startswith("Kjelde:") for t in texts)


# --- the command ---------------------------------------------------------------------------------

def test_command_writes_each_format(run_cli, tmp_path):
    for name in ("a.png", "b.svg", "c.PDF"):
        result = run_cli(["diagram", "upset", "-o", str(tmp_path / name), "--data", str(MINIMAL),
                          "--as-of", "2025"])
        assert result.exit_code == 0, result.stderr
        assert result.stdout == ""
        assert f"wrote {tmp_path / name}" in result.stderr
    assert (tmp_path / "a.png").read_bytes()[:8] == PNG_SIGNATURE
    ElementTree.fromstring((tmp_path / "b.svg").read_bytes())
    assert (tmp_path / "c.PDF").read_bytes().startswith(b"%PDF-")


def test_existing_file_needs_force(run_cli, tmp_path):
    target = tmp_path / "x.png"
    target.write_bytes(b"precious")
    args = ["diagram", "landscape", "-o", str(target), "--data", str(MINIMAL)]
    result = run_cli(args)
    assert result.exit_code == 2
    assert result.stderr == f"ehelse-map: error: {target}: already exists; use --force to " \
                            "overwrite it\n"
    assert target.read_bytes() == b"precious"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["x.png"]
    result = run_cli([*args, "--force"])
    assert result.exit_code == 0
    assert target.read_bytes()[:8] == PNG_SIGNATURE


def test_refuses_to_write_over_the_data(run_cli, tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    for name in ("actors.yaml", "networks.yaml"):
        (data / name).write_bytes((MINIMAL / name).read_bytes())
    target = data / "actors.yaml"
    # the name must end in .svg to get that far: symlink an .svg name to the data file
    link = tmp_path / "actors.svg"
    link.symlink_to(target)
    result = run_cli(["diagram", "upset", "-o", str(link), "--data", str(data), "--force"])
    assert result.exit_code == 2
    assert "is an input file" in result.stderr
    assert target.read_bytes() == (MINIMAL / "actors.yaml").read_bytes()


@pytest.mark.parametrize("args, message", [
    (["bubbles", "-o", "x.png"], "KIND: unknown value 'bubbles'"),
    (["landscape"], "give the file to write with -o FILE"),
    (["landscape", "-o", "x.jpg"], "x.jpg: unknown file type; use a name ending in .png, .svg "
                                   "or .pdf"),
    (["landscape", "-o", "x.png", "--lang", "de"], "--lang: unknown value 'de'"),
    (["landscape", "-o", "x.png", "--country", "XX"], "--country: unknown value 'XX'"),
    (["landscape", "-o", "x.png", "--dpi", "5"], "--dpi: 5 is outside 50-600"),
    (["landscape", "-o", "x.png", "--max-bubbles", "2"], "--max-bubbles: 2 is outside 4-200"),
    (["burden", "-o", "x.png", "--max-bubbles", "8"], "--max-bubbles applies to the landscape "
                                                      "diagram only"),
    (["landscape", "-o", "x.png", "--as-of", "2025-13"], "--as-of: '2025-13' has no month 13"),
    (["landscape", "-o", "x.png", "--group", "catchment"], "--group applies to the burden "
                                                           "diagram only"),
    (["landscape", "-o", "x.png", "--highlight", "bergn"], "--highlight: unknown value 'bergn' "
                                                           "(did you mean 'bergen'?)"),
    (["burden", "-o", "x.png", "--region", "vestlnd"], "--region: unknown value 'vestlnd' "
                                                        "(did you mean 'vestland'?)"),
    (["landscape", "-o", "missing/x.png"], "missing/x.png: folder missing does not exist"),
    (["profile", "-o", "x.png"], "diagram profile needs --organisation ID"),
    (["profile", "-o", "x.png", "--organisation", "bergn"], "--organisation: unknown value "
                                                            "'bergn' (did you mean 'bergen'?)"),
    (["landscape", "-o", "x.png", "--organisation", "bergen"], "--organisation applies to the "
                                                               "profile diagram only"),
    (["profile", "-o", "x.png", "--organisation", "bergen", "--region", "vestland"],
     "--country and --region do not apply to the profile diagram"),
])
def test_bad_options_give_one_line_and_exit_2(run_cli, tmp_path, monkeypatch, args, message):
    monkeypatch.chdir(tmp_path)
    result = run_cli(["diagram", *args, "--data", str(MINIMAL)])
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("ehelse-map: error: ")
    assert message in lines[0]
    assert result.stdout == ""
    assert list(tmp_path.iterdir()) == []


def test_imports_stay_light_and_pyplot_stays_out():
    """--help and the command module import no matplotlib; drawing imports circlify but never
    pyplot (no global figure state, no backend switching)."""
    import subprocess
    import sys

    code = ("import sys; from datetime import date; from ehelse_map.cli import app;"
            "import ehelse_map.cli.commands.diagram;"
            "print([m for m in ('matplotlib', 'circlify', 'networkx') if m in sys.modules]);"
            "from ehelse_map.model.build import load_dataset;"
            "from ehelse_map.render.diagrams import render, DiagramOptions;"
            f"render('landscape', load_dataset({str(MINIMAL)!r}), "
            "DiagramOptions(as_of=date(2025, 1, 1)), 'png');"
            "print('circlify' in sys.modules, 'matplotlib.pyplot' in sys.modules)")
    output = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True)
    assert output.stdout.splitlines() == ["[]", "True False"]


# --- PNG text drawn a line at a time ----------------------------------------------------------

def _dark_box(png: bytes, box: tuple[int, int, int, int]) -> tuple[int, int, int, int]:
    """The bounding box of the dark pixels inside `box` (x0, y0, x1, y1)."""
    import io

    from PIL import Image

    image = Image.open(io.BytesIO(png)).convert("L").crop(box)
    return Image.eval(image, lambda v: 255 if v < 128 else 0).getbbox()


def test_png_text_lands_where_matplotlib_draws_it():
    """`LineTextCanvas` renders each line of text as one bitmap (matplotlib 3.11 draws glyph by
    glyph, more slowly); the words land within two pixels of matplotlib's own drawing, also
    rotated, bold and over several lines. (A line's bitmap is as wide as the extent matplotlib
    measures for layout; its own glyph-by-glyph drawing can end a pixel or two short of it.)"""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    from ehelse_map.render.diagrams.layout.sheet import Sheet

    def draw(canvas_class) -> bytes:
        sheet = Sheet(4, 2)
        canvas_class(sheet.figure)
        sheet.text(0.3, 1.5, "Helse Førde · 11", size=9, ha="left")
        sheet.text(2.0, 1.0, "Velferdsteknologi-\nnettverket", size=7.2, weight="bold")
        sheet.text(3.6, 1.0, "Regional", size=9, rotation=90)
        with diagram_context():
            return figure_bytes(sheet.figure, "png", 100)

    ours, theirs = draw(type(Sheet(1, 1).figure.canvas)), draw(FigureCanvasAgg)
    for box in [(0, 0, 200, 80), (110, 40, 300, 160), (340, 0, 400, 200)]:
        mine, reference = _dark_box(ours, box), _dark_box(theirs, box)
        assert mine is not None and reference is not None
        assert all(abs(a - b) <= 2 for a, b in zip(mine, reference, strict=False)), (box, mine, reference)


@pytest.fixture
def fresh_agg_text(monkeypatch):
    """A new "run" for the whole-line text path: unchecked, as at the start of a process."""
    from ehelse_map import runtime

    monkeypatch.setattr(runtime, "AGG_TEXT", runtime.AggTextState())
    return runtime


def _one_line_png() -> bytes:
    from ehelse_map.render.diagrams.layout.sheet import Sheet

    sheet = Sheet(2, 1)
    sheet.text(1, 0.5, "Bergen", size=9)
    with diagram_context():
        return figure_bytes(sheet.figure, "png", 100)


def test_png_text_fails_closed_when_the_check_fails(monkeypatch, fresh_agg_text):
    """Should the whole-line path fail its check, in any way (not only the TypeError a changed
    renderer gives), matplotlib draws every text of the run, and the reason is kept."""
    from ehelse_map.render.diagrams.layout import agg_text

    def broken(*args):
        raise RuntimeError("a matplotlib whose internals moved")

    monkeypatch.setattr(agg_text, "draw_bitmap", broken)
    png = _one_line_png()
    assert fresh_agg_text.AGG_TEXT.checked and not fresh_agg_text.AGG_TEXT.usable
    assert "RuntimeError" in (fresh_agg_text.AGG_TEXT.failure or "")
    assert _dark_box(png, (0, 0, 200, 100)) is not None


@pytest.mark.parametrize(("method", "message"), [
    ("_line", "'FT2Font' object has no attribute 'set_text'"),
    ("_font_files", "'FontProperties' object has no attribute 'get_stretch'")])
def test_png_text_fails_closed_when_drawing_fails_later(monkeypatch, fresh_agg_text, method,
                                                        message):
    """A failure after the check (measuring a line of some font, looking its fonts up)
    switches the path off for the rest of the run; the text is still drawn."""
    from ehelse_map.render.diagrams.layout import agg_text

    assert agg_text.available()

    def broken(*args):
        raise AttributeError(message)

    monkeypatch.setattr(agg_text.LineTextRenderer, method, broken)
    png = _one_line_png()
    assert not fresh_agg_text.AGG_TEXT.usable
    assert "AttributeError" in (fresh_agg_text.AGG_TEXT.failure or "")
    assert _dark_box(png, (0, 0, 200, 100)) is not None


@pytest.mark.parametrize("weight", ["normal", "bold"])
@pytest.mark.parametrize("style", ["normal", "italic"])
def test_remembered_font_files_are_matplotlibs_at_every_size(weight, style):
    """`LineTextRenderer` looks a kind of text's font files up once, whatever its size."""
    from matplotlib.font_manager import FontProperties, fontManager

    from ehelse_map.render.diagrams.glyphs import families
    from ehelse_map.render.diagrams.layout.agg_text import LineTextRenderer

    renderer = LineTextRenderer(10, 10, 100)
    with diagram_context():
        for stack in (list(families()), ["sans-serif"], ["DejaVu Sans", "STIXGeneral"]):
            for size in (5.5, 7, 8.5, 11, 24):
                prop = FontProperties(family=stack, size=size, weight=weight, style=style)
                assert list(renderer._font_files(prop)) == list(
                    fontManager._find_fonts_by_props(prop))


def test_remembered_font_heights_lay_text_out_as_matplotlib_does(monkeypatch):
    """`LineTextRenderer` answers matplotlib's `_get_font_height_metrics`, from each font's
    tables read once; the text layout is the same, to the last bit, as when matplotlib reads
    them itself for every text."""
    from matplotlib.figure import Figure
    from matplotlib.font_manager import FontProperties
    from matplotlib.text import Text

    from ehelse_map.render.diagrams.glyphs import families
    from ehelse_map.render.diagrams.layout.agg_text import LineTextRenderer, available

    assert available()
    assert LineTextRenderer(10, 10, 100)._get_font_height_metrics(
        FontProperties(family=list(families()), size=10)) != (None, None, None)

    def layouts():
        renderer = LineTextRenderer(400, 300, 100)
        figure = Figure(dpi=100)
        found = []
        with diagram_context():
            for size in (5.5, 8, 11.5):
                for weight in ("normal", "bold"):
                    for label in ("Åse", "two\nlines", "Gj"):
                        artist = Text(0, 0, label, fontsize=size, fontweight=weight,
                                      fontfamily=list(families()))
                        artist.set_figure(figure)
                        box, lines, descent = artist._get_layout(renderer)
                        found.append((box.bounds, lines, descent))
        return found

    remembered = layouts()
    monkeypatch.setattr(LineTextRenderer, "_get_font_height_metrics",
                        lambda self, prop: (None, None, None))
    assert remembered == layouts()


def test_the_capability_is_checked_once(monkeypatch, fresh_agg_text):
    from ehelse_map.render.diagrams.layout import agg_text

    calls = []
    check = agg_text._check
    monkeypatch.setattr(agg_text, "_check", lambda: calls.append(1) or check())
    for _ in range(3):
        _one_line_png()
    assert calls == [1]


def _text_pixels(figure, png: bytes, background: bytes):
    """Per text artist: its text, where it is drawn (x, y, alignment) and the bounding box of
    the pixels it changes in `png` against `background` (the same figure, texts hidden)."""
    import io

    import numpy
    from matplotlib.text import Text
    from PIL import Image

    drawn = numpy.asarray(Image.open(io.BytesIO(png)).convert("L"), dtype=int)
    plain = numpy.asarray(Image.open(io.BytesIO(background)).convert("L"), dtype=int)
    height = drawn.shape[0]
    renderer = figure.canvas.get_renderer()
    found = []
    for artist in figure.findobj(Text):
        if not (artist.get_visible() and artist.get_text().strip()):
            continue
        box = artist.get_window_extent(renderer)
        x0, x1 = max(int(box.x0) - 2, 0), min(int(box.x1) + 3, drawn.shape[1])
        y0, y1 = max(int(height - box.y1) - 2, 0), min(int(height - box.y0) + 3, height)
        changed = numpy.argwhere(numpy.abs(drawn[y0:y1, x0:x1] - plain[y0:y1, x0:x1]) > 40)
        ink = None
        if len(changed):
            (top, left), (bottom, right) = changed.min(axis=0), changed.max(axis=0)
            ink = (x0 + left, y0 + top, x0 + right, y0 + bottom)
        found.append((artist.get_text(), tuple(round(v, 4) for v in artist.get_position()),
                      artist.get_ha(), ink))
    return found


@pytest.mark.parametrize("kind", KINDS)
def test_forcing_the_fallback_draws_the_same_picture(monkeypatch, fresh_agg_text, default_data,
                                                     kind_options, kind):
    """With the whole-line path forced off (its check monkeypatched to fail), every diagram
    places the same labels in the same places, and each text's ink lands within 2 pixels of
    where the whole-line path puts it."""
    from matplotlib.text import Text

    from ehelse_map.render.diagrams.layout import agg_text

    options = DiagramOptions(as_of=AS_OF, **kind_options(kind, default_data))

    def pictures():
        figure = build(kind, default_data, options)
        with diagram_context():
            png = figure_bytes(figure, "png", 100)
            texts = [t for t in figure.findobj(Text) if t.get_visible()]
            for artist in texts:
                artist.set_visible(False)
            background = figure_bytes(figure, "png", 100)
            for artist in texts:
                artist.set_visible(True)
            return _text_pixels(figure, png, background)

    fast = pictures()
    assert fresh_agg_text.AGG_TEXT.usable, fresh_agg_text.AGG_TEXT.failure

    def refuse():
        raise RuntimeError("forced off")

    monkeypatch.setattr(fresh_agg_text, "AGG_TEXT", fresh_agg_text.AggTextState())
    monkeypatch.setattr(agg_text, "_check", refuse)
    fallback = pictures()
    assert not fresh_agg_text.AGG_TEXT.usable
    assert [t[:3] for t in fast] == [t[:3] for t in fallback]  # the same labels, same places
    for (label, _, _, mine), (_, _, _, theirs) in zip(fast, fallback, strict=True):
        assert (mine is None) == (theirs is None), label
        if mine is not None:
            assert all(abs(a - b) <= 2 for a, b in zip(mine, theirs, strict=True)), (
                label, mine, theirs)


def test_groups_are_summarised_by_the_municipalities_they_stand_for(default_data):
    """Denmark's five regional records stand for 98 municipalities; with room for two groups
    the largest is drawn and the four others are summarised, on the same scale."""
    texts = svg_texts(render("landscape", default_data,
                             DiagramOptions(as_of=AS_OF, max_bubbles=4, country="DK"), "svg"))
    danish = [a for a in default_data.actors.values()
              if a.kind == "municipality" and a.country == "DK"]
    largest = max(danish, key=lambda a: (a.count, a.id))
    rest = sum(a.count for a in danish) - largest.count
    assert f"+{len(danish) - 1} more groups · {rest}" in texts
    assert any(t.endswith(f"· {largest.count}") for t in texts if not t.startswith("+"))


def test_a_highlight_lights_up_the_bubble_its_networks_are_summarised_in(default_data):
    """Highlighting an organisation whose networks are summarised must not fade the "+N more"
    bubble that holds them (the plan's `related`, read without drawing)."""
    from ehelse_map.render.diagrams.plans.landscape import plan

    landscape_plan = plan(default_data, DiagramOptions(as_of=AS_OF, max_bubbles=4,
                                                       highlight="helse-fonna"))
    drawn = landscape_plan.bubbles
    hosted = [n.id for n in default_data.networks.values() if n.host == "helse-fonna"
              and n.period.active_on(AS_OF)]
    assert any(ident not in drawn for ident in hosted)  # some are summarised
    assert landscape_plan.related is not None
    assert "more:NO:regional:networks" in landscape_plan.related


# --- pictures that tell the story (issue 17.5) --------------------------------------------------

def test_the_landscape_draws_hosts_funders_and_relations_with_a_legend_entry_each(
        relations_data):
    """Lines run from a network's host on the day, its funders then and the bodies it has
    relations with; each kind of line has its legend entry, and a network whose reach the
    data does not give is a dashed ring with its own entry."""
    from matplotlib.collections import PathCollection
    from matplotlib.patches import PathPatch

    figure = build("landscape", relations_data, DiagramOptions(as_of=AS_OF))
    texts = svg_texts(figure_bytes(figure, "svg"))
    for entry in ("hosts it", "funds it", "gives its mandate",
                  "dashed ring: whom it reaches not documented"):
        assert entry in texts, entry
    assert "evaluated it" not in texts  # that relation ended in 2020
    # the lines are PathPatches, or drawn together as one PathCollection per layer
    styles = [p.get_linestyle() for p in figure.findobj(PathPatch)]
    styles += [style for c in figure.findobj(PathCollection) for style in c.get_linestyle()]
    dashed = [s for s in styles if (s[1] is not None if isinstance(s, tuple)
                                    else s not in ("-", "solid"))]
    assert len(dashed) >= 2  # the funding and the mandate line


def test_a_nested_network_is_drawn_inside_the_one_it_lies_in(default_data):
    from ehelse_map.render.diagrams.layout.sheet import Measurer
    from ehelse_map.render.diagrams.overlap import edge_segment, lay_out
    from ehelse_map.render.diagrams.plans.overlap import plan

    overlap_plan = plan(default_data, DiagramOptions(as_of=AS_OF))
    with diagram_context():
        layout = lay_out(overlap_plan, None, Measurer())
    nodes = layout.nodes
    nested = [e for e in overlap_plan.edges if e.containment]
    assert nested
    for edge in nested:
        inner, outer = nodes[edge.inner], nodes[edge.outer]
        assert math.hypot(inner.x - outer.x, inner.y - outer.y) + inner.r <= outer.r + 1e-6
    # rings not nested in one another never overlap
    roots = [n for n in overlap_plan.nodes if n.container is None]
    for a, b in itertools.combinations(roots, 2):
        first, second = nodes[a.id], nodes[b.id]
        assert math.hypot(first.x - second.x, first.y - second.y) >= first.r + second.r
    # each pair's label sits on its line, or leads to it
    for spot in layout.placed:
        key = spot.label.key
        if not key.startswith("pair:"):
            continue
        edge = next(e for e in overlap_plan.edges if key == f"pair:{e.a}:{e.b}")
        if edge.containment:
            continue
        x0, y0, x1, y1 = edge_segment(nodes[edge.a], nodes[edge.b])
        px, py = (spot.cx, spot.cy) if spot.leader is None else spot.leader[:2]
        cross = (x1 - x0) * (py - y0) - (y1 - y0) * (px - x0)
        assert abs(cross) / math.hypot(x1 - x0, y1 - y0) < 1e-6, key


def test_equal_bubbles_make_small_municipalities_as_large_as_bergen(default_data):
    from ehelse_map.render.diagrams.burden import _pack
    from ehelse_map.render.diagrams.plans.burden import plan

    def radii(bubble_size: str) -> dict[str, float]:
        packed = _pack(plan(default_data, DiagramOptions(as_of=AS_OF,
                                                         bubble_size=bubble_size)))
        return {p.actor.id: p.r for p in packed if p.actor is not None}

    equal, population = radii("equal"), radii("population")
    assert max(equal.values()) == pytest.approx(min(equal.values()))
    assert population["bergen"] > 10 * population["utsira" if "utsira" in population
                                                   else min(population, key=population.get)]
    texts = " ".join(svg_texts(render("burden", default_data,
                                      DiagramOptions(as_of=AS_OF, bubble_size="equal"),
                                      "svg")))
    assert "Municipalities: all drawn the same size" in texts


# --- profile: one organisation and the networks around it ---------------------------------------

FORMAT2 = ROOT / "tests" / "fixtures" / "format2"


def test_profile_draws_unknown_hours_as_a_dashed_ring_of_fixed_size():
    """tests/fixtures/format2, m-big: unknown-net gives no cadence, post-net asks only a post
    it holds itself. Neither is a bubble sized by hours: the unknown is a fixed dashed ring
    marked ?, the documented 0 a small grey circle, and their labels say which."""
    from matplotlib.patches import Circle

    from ehelse_map.render.diagrams import profile as drawing
    from ehelse_map.render.diagrams.plans import plan

    data = load_dataset(FORMAT2)
    options = DiagramOptions(as_of=date(2024, 6, 1), organisation="m-big")
    drawn = plan("profile", data, options)
    with diagram_context():
        layout = drawing.lay_out(drawn, None, Measurer())
        figure = drawing.draw(drawn, layout, Measurer())
    unknown, post = layout.spots["unknown-net"], layout.spots["post-net"]
    assert (unknown.r, unknown.ring, post.r) == (drawing.UNKNOWN_RADIUS, None,
                                                  drawing.NOTHING_RADIUS)
    labels = {p.label.key: p.label.text for p in layout.labels}
    assert labels["unknown-net"].endswith("hours unknown · P2")  # asked of its own lead
    assert labels["post-net"].endswith("0 h: asks no time")
    assert "~12 (4–24) h" in labels["general"]
    circles = [c for c in figure.findobj(Circle)
               if c.center == (unknown.x, unknown.y) and c.radius == unknown.r]
    assert circles and circles[0].get_linestyle() == (0, (3.0, 2.0))  # dashed
    with diagram_context():
        assert "?" in [t for t, _ in text_boxes(figure)]


def test_profile_names_the_aggregate_it_is_reached_through(tmp_path):
    from test_plans import AGGREGATE_ACTORS, AGGREGATE_NETWORK

    actors = (FORMAT2 / "actors.yaml").read_text(encoding="utf-8")
    (tmp_path / "actors.yaml").write_text(
        actors.replace("\nrelations:\n", f"{AGGREGATE_ACTORS}\nrelations:\n"), encoding="utf-8")
    (tmp_path / "networks.yaml").write_text(
        (FORMAT2 / "networks.yaml").read_text(encoding="utf-8") + AGGREGATE_NETWORK,
        encoding="utf-8")
    texts = svg_texts(render("profile", load_dataset(tmp_path), DiagramOptions(
        as_of=date(2024, 6, 1), organisation="m-one"), "svg"))
    assert "Network of the others\n10 h · P1\nvia The other municipalities" in "\n".join(texts)


@pytest.mark.parametrize("organisation, lang", [("etne", "nn"), ("bergen", "nb"),
                                                ("se-kommuner", "en"), ("hod", "en")])
def test_profile_labels_never_overlap_for_any_organisation(default_data, organisation, lang):
    figure = build("profile", default_data, DiagramOptions(as_of=AS_OF, lang=lang,
                                                           organisation=organisation))
    with diagram_context():
        boxes = text_boxes(figure)
    assert overlapping(boxes) == []


def test_profile_of_an_organisation_no_network_reaches_says_so(default_data):
    texts = " ".join(svg_texts(render("profile", default_data, DiagramOptions(
        as_of=AS_OF, organisation="hod"), "svg")))
    assert "No network reaches" in texts


@pytest.mark.parametrize("dpi", [72, 100, 300])
def test_many_discs_as_one_artist_draw_what_one_artist_each_draws(dpi):
    """`Sheet.discs` (the packed municipalities: hundreds of circles) draws what `Sheet.disc`
    draws for each, at any dpi: touching, overlapping and translucent circles, in order; at
    most one level of 255 apart where antialiasing rounds differently."""
    import io

    import numpy
    from matplotlib.colors import to_rgba
    from PIL import Image

    from ehelse_map.render.diagrams.layout.sheet import Disc, Sheet

    discs = [Disc(0.4 + 0.25 * (i % 8), 0.4 + 0.3 * (i // 8), 0.08 + 0.02 * (i % 5),
                  to_rgba("#56B4E9", None if i % 3 else 0.3), "white", 0.4 + 0.4 * (i % 2))
             for i in range(40)]

    def pixels(draw) -> numpy.ndarray:
        with diagram_context():
            sheet = Sheet(2.6, 1.9)
            draw(sheet)
            payload = figure_bytes(sheet.figure, "png", dpi)
        return numpy.asarray(Image.open(io.BytesIO(payload)).convert("RGB")).astype(int)

    def one_each(sheet) -> None:
        for d in discs:
            sheet.disc(d.x, d.y, d.r, face=d.face, edge=d.edge, lw=d.lw, zorder=3)

    each = pixels(one_each)
    together = pixels(lambda sheet: sheet.discs(discs, zorder=3))
    assert each.shape == together.shape
    assert (each != 255).any()  # something was drawn
    assert numpy.abs(each - together).max() <= 1


def test_curves_drawn_together_are_what_one_artist_each_draws():
    """`Sheet.together` (the landscape's 250 lines) draws curves, arcs and bends of several
    layers, widths, dashes and alphas as one artist per run of a layer: the same pixels as one
    `PathPatch` each, to within one level of 255."""
    import io

    import numpy
    from PIL import Image

    from ehelse_map.render.diagrams.layout.sheet import Sheet

    def lines(sheet) -> None:
        for i in range(12):
            x = 0.3 + 0.18 * i
            zorder = 1 if i < 6 else 1.5  # two layers: two artists
            dash = {"linestyle": (0, (4.0, 2.0))} if i % 3 == 0 else {}
            sheet.curve((x, 1.7), (2.4 - x, 0.3), colour="#0072B2", lw=0.5 + 0.4 * i,
                        alpha=0.3 + 0.05 * i, zorder=zorder, **dash)
            sheet.arc((x, 1.0), (x + 0.5, 1.0), bulge=0.15, colour="#D55E00", lw=1.2,
                      alpha=0.7, zorder=zorder)
        sheet.bend((0.2, 0.2), (2.4, 1.8), (0.4, 1.6), colour="black", lw=2.0, alpha=0.5)

    def pixels(together: bool) -> numpy.ndarray:
        with diagram_context():
            sheet = Sheet(2.6, 1.9)
            if together:
                with sheet.together():
                    lines(sheet)
            else:
                lines(sheet)
            artists = len(sheet.figure.get_children())
            payload = figure_bytes(sheet.figure, "png", 100)
        return artists, numpy.asarray(Image.open(io.BytesIO(payload)).convert("RGB")).astype(int)

    one_each, each = pixels(False)
    runs, together = pixels(True)
    assert runs < one_each
    assert (each != 255).any()
    assert numpy.abs(each - together).max() <= 1
