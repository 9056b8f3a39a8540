"""Any text the data may hold draws, in every diagram and the report (issue 12).

Each class of hostile text (emoji, emoji ZWJ sequences, CJK, right-to-left scripts, combining
marks, mathematical letters, `$…$`, backslashes, controls) gets a data set of its own whose
actor, network, area and role names are all of that class; every kind is drawn in PNG, SVG and
PDF, and the report in HTML. `$` stays a dollar, a character no font has becomes a visible
placeholder (and a warning naming the record, once), labels still never overlap, and what is
measured is what is drawn, on matplotlib's own text path and on `agg_text`'s.

Long names: shortening and wrapping read only what the picture shows, so a megabyte name draws
as fast as a short one.
"""

from __future__ import annotations

import dataclasses
import io
import itertools
import json
import random
import time
import xml.etree.ElementTree as ElementTree
from datetime import date

import pytest

from ehelse_map import runtime
from ehelse_map.fuzzydate import FuzzyDate
from ehelse_map.model.records import (
    Actor,
    Area,
    Coverage,
    Dataset,
    Network,
    Period,
    Role,
    Source,
    Staffing,
    StaffingRule,
    Target,
)
from ehelse_map.render.diagrams import KINDS, DiagramOptions, build, glyphs
from ehelse_map.render.diagrams.glyphs import MAX_LINE, PLACEHOLDER, drawable, families, font_index
from ehelse_map.render.diagrams.layout.sheet import Measurer, Sheet, shorten
from ehelse_map.render.diagrams.style import LAYOUT_DPI, diagram_context, figure_bytes

AS_OF = date(2025, 1, 1)
SVG = "{http://www.w3.org/2000/svg}"

#: Classes of text a name may hold; each is drawn as a whole data set of such names.
HOSTILE: dict[str, tuple[str, ...]] = {
    "emoji": ("Nett 🏥", "Helse 🇳🇴 og 🩺", "1\ufe0f\u20e3 keycap"),
    "emoji-zwj": ("Team 👩\u200d⚕\ufe0f", "👨\u200d👩\u200d👧 familie", "🏳\ufe0f\u200d🌈 nett"),
    "cjk": ("網絡 協調", "의료 네트워크", "医療ネットワーク"),
    "right-to-left": ("شبكة الصحة الوطنية", "لا إله", "הַבַּיִת שֶׁלִּי"),
    "combining": ("Cafe\u0301 Zoe\u0308", "Z̴̢̧a̵l̸g̷o̶ t̶e̷x̸t̵", "\u0301\u0302orphan marks",
                  "e" + "\u0301" * 12),
    "math-letters": ("𝐁𝐨𝐥𝐝 𝓈𝒸𝓇𝒾𝓅𝓉", "ℌ𝔢𝔩𝔰𝔢 𝕟𝕖𝕥𝕥"),
    "dollars": ("Net $\\foo$", "Budget $5 or $10", "$x^2$ and $", "$$ \\$ $\\frac{1}{0}$"),
    "backslashes": ("C:\\path\\to\\x", "\\textbf{bold} \\\\ end", "\\"),
    "controls": ("tab\there", "bell\x07ring", "\u202eevil override", "a\u00adb soft"),
}
LITERAL = ("Net $\\foo$", "Budget $5 or $10", "$x^2$ and $", "$$ \\$ $\\frac{1}{0}$",
           "C:\\path\\to\\x", "\\textbf{bold} \\\\ end")
"""Names that must appear as they are in the SVG."""


def hostile_dataset(names: tuple[str, ...]) -> Dataset:
    """Every kind of record, named from `names` (in turn): a county, a host, municipalities
    (one of them an aggregate), overlapping networks, an area and a role."""
    src = ("s1",)
    name = itertools.cycle(names)
    actors = [
        Actor(id="county", name=next(name), kind="county", level="regional", country="NO",
              sources=src),
        Actor(id="host", name=next(name), kind="association", level="national", country="NO",
              sources=src),
        *(Actor(id=f"m{i}", name=next(name), kind="municipality", level="local", country="NO",
                region="county", population=300 + 4000 * i, population_as_of="2024-01-01",
                sources=src) for i in range(4)),
        Actor(id="many", name=next(name), kind="municipality", level="local", country="NO",
              count=25, sources=src),
    ]
    members = [("m0", "m1", "m2", "m3", "many"), ("m0", "m1", "m2"), ("m1", "m2", "m3")]
    networks = [
        Network(id=f"n{i}", name=next(name), kind=("network", "programme", "council")[i],
                level="regional", country="NO", host="host", coverage=Coverage(reach),
                areas=("area",), tasks=("coordination",),
                targets=(Target.of("role", 4, 3), Target.of("other", 2, 2)),
                sources=src, period=Period(FuzzyDate.parse("2020"), None))
        for i, reach in enumerate(members)]
    return Dataset(
        actors={a.id: a for a in actors}, networks={n.id: n for n in networks},
        areas={"area": Area("area", {"en": next(name)}, sources=src)},
        roles={"role": Role("role", {"en": next(name)}, sources=src),
               "other": Role("other", {"en": next(name)}, sources=src)},
        sources={"s1": Source("s1", next(name))}, assumptions={},
        staffing=Staffing(assumption="staffing-test", rules=(StaffingRule(None, (("role",),
                                                                                  ("other",))),),
                          capacity_hours_per_year=40))


def svg_texts(payload: bytes) -> list[str]:
    root = ElementTree.fromstring(payload)
    return ["".join(node.itertext()) for node in root.iter(f"{SVG}text")]


def text_boxes(figure) -> list[tuple[str, object]]:
    from matplotlib.text import Text

    figure.canvas.draw()
    renderer = figure.canvas.get_renderer()
    return [(a.get_text(), a.get_window_extent(renderer)) for a in figure.findobj(Text)
            if a.get_visible() and a.get_text().strip()]


def overlapping(boxes, tolerance: float = 0.5) -> list[tuple[str, str]]:
    found = []
    for (a, box_a), (b, box_b) in itertools.combinations(boxes, 2):
        dx = min(box_a.x1, box_b.x1) - max(box_a.x0, box_b.x0)
        dy = min(box_a.y1, box_b.y1) - max(box_a.y0, box_b.y0)
        if dx > tolerance and dy > tolerance:
            found.append((a, b))
    return found


@pytest.fixture(autouse=True)
def fresh_warnings(monkeypatch):
    """Each test starts a new "run": every record may be warned about once again."""
    monkeypatch.setattr(runtime, "WARNED", set())


# --- every class of text, every kind, every format ---------------------------------------------

@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("case", HOSTILE)
def test_hostile_names_draw_in_every_format(case, kind, recwarn):
    names = HOSTILE[case]
    options = DiagramOptions(as_of=AS_OF, title=f"{names[0]} — {names[-1]}", highlight="n0")
    figure = build(kind, hostile_dataset(names), options)
    svg = figure_bytes(figure, "svg")
    assert figure_bytes(figure, "png").startswith(b"\x89PNG")
    assert figure_bytes(figure, "pdf").rstrip().endswith(b"%%EOF")
    assert svg_texts(svg)  # well-formed XML: no control character or lone surrogate in it
    assert not [w for w in recwarn if "Glyph" in str(w.message)], "matplotlib met a missing glyph"
    with diagram_context():
        assert overlapping(text_boxes(figure)) == []


@pytest.mark.parametrize("kind", KINDS)
def test_hostile_names_give_the_same_bytes(kind):
    every = tuple(name for names in HOSTILE.values() for name in names)
    options = DiagramOptions(as_of=AS_OF, highlight="m1")
    first, second = (build(kind, hostile_dataset(every), options) for _ in range(2))
    for fmt in ("png", "svg"):
        assert figure_bytes(first, fmt) == figure_bytes(second, fmt)


@pytest.mark.parametrize("case", HOSTILE)
def test_hostile_names_in_the_report(case):
    from ehelse_map.render.report.assemble import build_report
    from ehelse_map.render.report.html import render_html

    html = render_html(build_report(hostile_dataset(HOSTILE[case]), AS_OF), "test")
    assert html.count("<svg") == 4
    if case == "dollars":  # in the tables and in the pictures
        assert html.count("Budget $5 or $10") >= 2


@pytest.mark.parametrize("case", ["dollars", "backslashes"])
def test_dollars_and_backslashes_are_drawn_as_they_are(case):
    data = hostile_dataset(HOSTILE[case])
    texts = " ".join(text for kind in KINDS for text in svg_texts(figure_bytes(
        build(kind, data, DiagramOptions(as_of=AS_OF)), "svg")))
    for name in HOSTILE[case]:
        if name in LITERAL:
            assert name in texts, f"{name!r} is not drawn as it is"


def test_dollars_stay_dollars_and_no_text_is_mathtext():
    from matplotlib.text import Text

    figure = build("overlap", hostile_dataset(HOSTILE["dollars"]), DiagramOptions(as_of=AS_OF))
    texts = figure.findobj(Text)
    assert texts and not any(t.get_parse_math() for t in texts)
    assert "Budget $5 or $10" in svg_texts(figure_bytes(figure, "svg"))


def test_what_no_font_has_becomes_a_placeholder_and_a_warning_once(capsys):
    data = hostile_dataset(HOSTILE["emoji"] + HOSTILE["cjk"])
    for kind in KINDS:
        build(kind, data, DiagramOptions(as_of=AS_OF))
    warned = capsys.readouterr().err.splitlines()
    missing = [r for r in [*data.actors.values(), *data.networks.values()]
               if glyphs.missing(r.name)]
    if not missing:
        pytest.skip("this machine has fonts for emoji and CJK")
    for record in missing:
        about = [line for line in warned if f"'{record.id}'" in line]
        assert len(about) == 1, (record.id, warned)
        assert about[0].startswith("ehelse-map: warning: ") and about[0].isascii()
    assert len(warned) == len({line for line in warned})
    texts = svg_texts(figure_bytes(build("upset", data, DiagramOptions(as_of=AS_OF)), "svg"))
    assert any(PLACEHOLDER in t for t in texts)
    assert capsys.readouterr().err == ""  # once per run


# --- drawable: one rule for measuring and drawing -----------------------------------------------

SAMPLES = [name for names in HOSTILE.values() for name in names] + [
    "Helse Førde · 11", "x\ud800y", "\ufffe\uffff", "a\x00b\x1bc", "\u2066iso\u2069", "",
    "line one\nline two", "\U000e0001tag", "🏴\U000e0067\U000e0062\U000e0065\U000e006e"
    "\U000e0067\U000e007f England"]


@pytest.mark.parametrize("weight", ["normal", "bold"])
def test_drawable_text_is_all_drawable_and_stays_as_it_is(weight):
    for sample in SAMPLES:
        text = drawable(sample, weight)
        assert drawable(text, weight) == text, sample
        text.encode("utf-8")  # no lone surrogates
        for char in text.replace("\n", ""):
            assert font_index(char, weight) is not None, (sample, char)
        assert "$" not in sample or text.count("$") == sample.count("$")
        assert all(len(line) <= MAX_LINE for line in text.split("\n"))


def test_drawable_keeps_what_fonts_have_and_replaces_one_emoji_once():
    assert drawable("Budget $5 or $10") == "Budget $5 or $10"
    assert drawable("Cafe\u0301") == "Cafe\u0301"
    assert drawable("a\tb\x1fc") == "a b c"
    assert drawable("\u202eevil") == "evil"
    if font_index("👩", "normal") is None:
        assert drawable("Team 👩\u200d⚕\ufe0f!") == f"Team {PLACEHOLDER}!"
        assert drawable("👨\u200d👩\u200d👧") == PLACEHOLDER
    if font_index("網", "normal") is None:
        assert drawable("網\u0301絡\u0a4d") == PLACEHOLDER * 2


def test_the_font_stack_starts_with_dejavu_and_has_a_generic_family():
    stack = families()
    assert stack[0] == "DejaVu Sans" and "sans-serif" in stack
    from matplotlib.font_manager import fontManager

    installed = {f.name for f in fontManager.ttflist}
    assert all(f in installed for f in stack if f != "sans-serif")


@pytest.mark.parametrize("weight", ["normal", "bold"])
def test_measured_is_what_matplotlib_draws(weight):
    """Widths never narrower than the renderer's (but for a rounding of positions the renderer
    makes), heights the same, for every sample, at several sizes."""
    from matplotlib.text import Text

    with diagram_context():
        measurer = Measurer()
        for sample, size in itertools.product(SAMPLES, (6.2, 7.5, 15)):
            text = drawable(sample, weight)
            if not text.strip():
                continue
            artist = Text(0, 0, text, fontsize=size, fontweight=weight, linespacing=1.15,
                          fontfamily=list(families()), parse_math=False)
            artist.set_figure(measurer._figure)
            extent = artist.get_window_extent(measurer._renderer)
            width, height = measurer.size(sample, size, weight)
            assert width * LAYOUT_DPI >= extent.width - 0.1, (sample, size)
            assert height * LAYOUT_DPI == pytest.approx(extent.height, abs=0.6), (sample, size)


def _dark_box(png: bytes, box: tuple[int, int, int, int]):
    from PIL import Image

    image = Image.open(io.BytesIO(png)).convert("L").crop(box)
    return Image.eval(image, lambda v: 255 if v < 128 else 0).getbbox()


@pytest.mark.parametrize("case", HOSTILE)
def test_hostile_text_lands_alike_on_both_png_text_paths(case):
    """`agg_text` draws whole lines, matplotlib glyph by glyph; both draw the same text."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    names = HOSTILE[case]

    def draw(canvas_class) -> bytes:
        sheet = Sheet(5, 0.5 * len(names))
        if canvas_class is not None:
            canvas_class(sheet.figure)
        for index, name in enumerate(names):
            sheet.text(0.2, 0.5 * (len(names) - index) - 0.25, name, size=10, ha="left",
                       weight="bold" if index % 2 else "normal")
        with diagram_context():
            return figure_bytes(sheet.figure, "png", 100)

    ours, theirs = draw(None), draw(FigureCanvasAgg)
    for index in range(len(names)):
        box = (0, 50 * index, 500, 50 * index + 50)
        mine, reference = _dark_box(ours, box), _dark_box(theirs, box)
        assert (mine is None) == (reference is None), names[index]
        if mine is not None:
            assert all(abs(a - b) <= 2 for a, b in zip(mine, reference, strict=True)), (
                names[index], mine, reference)


# --- long names ---------------------------------------------------------------------------------

def _naive_shorten(label: str, size: float, width: float, measurer: Measurer) -> str:
    """The old way: cut one character at a time, measuring each step."""
    if measurer.size(label, size)[0] <= width:
        return label
    cut = label
    while cut and measurer.size(cut + "…", size)[0] > width:
        cut = cut[:-1]
    return cut.rstrip() + "…"


def _naive_wrap(label: str, size: float, width: float, measurer: Measurer,
                max_lines: int = 3) -> str:
    words, lines, current = label.split(), [], ""
    for word in words:
        trial = f"{current} {word}".strip()
        if current and measurer.size(trial, size)[0] > width:
            lines.append(current)
            current = word
        else:
            current = trial
    if current:
        lines.append(current)
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = _naive_shorten(lines[-1] + " …", size, width, measurer)
    return "\n".join(lines)


def test_shorten_and_wrap_cut_where_measuring_every_step_would():
    rng = random.Random(12)
    alphabet = "abcdefghijklmnopqrstuvwxyzæøå ÆØÅ WMil.-·0123456789"
    with diagram_context():
        measurer = Measurer()
        for _ in range(300):
            label = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 60))).strip()
            words = " ".join(w[:9] for w in label.split())
            size, width = rng.choice((6.2, 7.2, 9.0)), rng.uniform(0.05, 3.0)
            assert shorten(label, size, width, measurer) == _naive_shorten(label, size, width,
                                                                            measurer)
            width = max(width, 1.0)
            lines = rng.randint(1, 4)
            assert measurer.wrap(words, size, width, max_lines=lines) == _naive_wrap(
                words, size, width, measurer, lines)


@pytest.mark.parametrize("unit", ["x", "Nettverk for e-helse ", "網", "e\u0301"])
def test_a_megabyte_label_is_cut_without_reading_it_all(unit):
    label = unit * (1_000_000 // len(unit))
    with diagram_context():
        measurer = Measurer()
        start = time.perf_counter()
        short = shorten(label, 7.5, 2.6, measurer)
        wrapped = measurer.wrap(label, 7.2, 1.18)
        caption = measurer.wrap(label, 7.5, 14, max_lines=6)
        width, _ = measurer.size(label, 7.5)
        elapsed = time.perf_counter() - start
    assert elapsed < 2.0  # measuring every step took minutes
    assert measurer.size(short, 7.5)[0] <= 2.6 and short.endswith("…")
    assert wrapped.count("\n") <= 2 and wrapped.endswith("…")
    assert caption.count("\n") <= 5 and caption.endswith("…")
    assert all(measurer.size(line, 7.2)[0] <= 1.18 * 1.5 for line in wrapped.split("\n"))
    # what is measured of a line is at most MAX_LINE characters of it
    assert width == measurer.size(label[:2 * MAX_LINE], 7.5)[0]


def long_dataset(unit: str, length: int = 1_000_000) -> Dataset:
    data = hostile_dataset(("Short name", "Other name"))
    long_name = (unit * (length // len(unit) + 1))[:length]
    actors = dict(data.actors, m1=dataclasses.replace(data.actors["m1"], name=long_name),
                  county=dataclasses.replace(data.actors["county"], name=long_name))
    networks = dict(data.networks, n0=dataclasses.replace(data.networks["n0"], name=long_name))
    return dataclasses.replace(data, actors=actors, networks=networks)


@pytest.mark.slow
@pytest.mark.parametrize("unit", ["x", "Nettverk for e-helse ", "網絡 "])
def test_a_megabyte_name_draws_every_kind_in_seconds(unit):
    from ehelse_map.render.report.assemble import build_report
    from ehelse_map.render.report.html import render_html

    data = long_dataset(unit)
    for kind in KINDS:
        start = time.perf_counter()
        figure = build(kind, data, DiagramOptions(as_of=AS_OF, highlight="n0"))
        for fmt in ("png", "svg", "pdf"):
            figure_bytes(figure, fmt)
        assert time.perf_counter() - start < 10, kind
    start = time.perf_counter()
    html = render_html(build_report(data, AS_OF), "test")
    assert time.perf_counter() - start < 20
    assert html.count("<svg") == 4


# --- through the commands -----------------------------------------------------------------------

def hostile_folder(folder, minimal_dir) -> None:
    """The minimal data set with hostile names, in YAML, as a user would write it."""
    names = {"KS": "Team 👩‍⚕️ $5 or $10", "Vestland fylkeskommune": "網絡 \\ 👨‍👩‍👧",
             "Bergen": "شبكة الصحة Cafe\u0301", "Modalen": "Net $\\foo$ 🏥",
             "Digi Vestland – faggruppe for e-helse": "🏳️‍🌈 $$ ∑ 𝐁𝐨𝐥𝐝"}
    for file in ("actors.yaml", "networks.yaml"):
        text = (minimal_dir / file).read_text(encoding="utf-8")
        for old, new in names.items():
            text = text.replace(f"name: {old}\n", f"name: {json.dumps(new, ensure_ascii=False)}\n")
        (folder / file).write_text(text, encoding="utf-8")


def test_commands_draw_hostile_names(run_cli, tmp_path, minimal_dir):
    data = tmp_path / "data"
    data.mkdir()
    hostile_folder(data, minimal_dir)
    assert run_cli(["validate", str(data)]).exit_code == 0
    for kind, fmt in itertools.product(KINDS, ("png", "svg", "pdf")):
        result = run_cli(["diagram", kind, "--data", str(data), "-o",
                          str(tmp_path / f"{kind}.{fmt}")])
        assert result.exit_code == 0, result.stderr
    assert "$5 or $10" in (tmp_path / "landscape.svg").read_text(encoding="utf-8")
    assert "Net $\\foo$" in (tmp_path / "burden.svg").read_text(encoding="utf-8")
    runtime.WARNED.clear()
    result = run_cli(["report", "--data", str(data), "-o", str(tmp_path / "report.html")])
    assert result.exit_code == 0, result.stderr
    warnings = [line for line in result.stderr.splitlines() if "warning" in line]
    assert len(warnings) == len(set(warnings))
    assert all(line.count("'") == 2 for line in warnings)  # each names one record
