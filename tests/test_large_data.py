"""Large data sets: a picture that cannot show everything says what it left out, packing stays
fast for any number of circles, and the report computes each analysis once. The default data's
pictures are unaffected.

Speed itself is measured in bench/, never here; these tests pin the behaviour that keeps it.
"""

from __future__ import annotations

import itertools
import math
import re
import xml.etree.ElementTree as ElementTree
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ehelse_map.model.build import load_dataset
from ehelse_map.render.diagrams import DiagramOptions, build, render
from ehelse_map.render.diagrams.style import LAYOUT_DPI, diagram_context

AS_OF = date(2025, 1, 1)
SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def default_data():
    return load_dataset()


@pytest.fixture(scope="module")
def small_synthetic(tmp_path_factory):
    """The synthetic data at 5% of Nordic scale: long made-up names, a few hundred records."""
    from ehelse_map.synthetic import generate

    folder = tmp_path_factory.mktemp("synthetic")
    for name, content in generate(scale=0.05, seed=0).items():
        (folder / name).write_text(content, encoding="utf-8")
    return load_dataset(folder)


def caption(payload: bytes) -> str:
    """Every text of an SVG in order, one line of a caption after the other, as one string."""
    root = ElementTree.fromstring(payload)
    return " ".join("".join(node.itertext()) for node in root.iter(f"{SVG}text"))


# --- burden: a budget of groups and municipalities -------------------------------------------

def test_the_default_burden_draws_every_municipality(default_data):
    text = caption(render("burden", default_data, DiagramOptions(as_of=AS_OF), "svg"))
    assert "Too many to draw" not in text


def test_beyond_the_budget_burden_draws_the_most_loaded_groups_and_says_so(default_data,
                                                                         monkeypatch):
    """Whole groups are drawn, the one holding the most loaded person first; the caption
    counts the groups and municipalities drawn against all of them."""
    from ehelse_map.analyses import burden

    monkeypatch.setattr("ehelse_map.render.diagrams.burden.MAX_GROUPS", 1)
    text = caption(render("burden", default_data, DiagramOptions(as_of=AS_OF), "svg"))
    found = re.search(r"Too many to draw one by one: of (\d+) counties and regions, the 1 with "
                      r"the most loaded person are drawn \((\d+) of (\d+) municipalities\)\. "
                      r"Use --country or --region to see the others\.", text)
    assert found, text
    listed = [a for a in default_data.actors.values() if a.kind == "municipality"
              and a.count == 1 and a.period.active_on(AS_OF)]
    top = max(burden(default_data, AS_OF).rows,
              key=lambda r: ((r.load.value or 0) if r.load else 0, r.key)
              if default_data.actors[r.key].count == 1
              and default_data.actors[r.key].kind == "municipality" else (-1, ""))
    region = default_data.actors[top.key].region
    assert int(found[1]) == len({a.region or a.country for a in listed})
    assert int(found[2]) == sum(1 for a in listed if a.region == region)
    assert int(found[3]) == len(listed)
    assert top.name in text  # the most loaded municipality is called out


def test_long_names_called_out_stay_left_of_the_colour_bar(small_synthetic):
    """Callouts wrap to their column rather than run off the sheet or into the colour bar."""
    from matplotlib.text import Text

    from ehelse_map.render.diagrams.burden import MARGIN, PANEL_WIDTH, WIDTH

    figure = build("burden", small_synthetic, DiagramOptions(as_of=AS_OF))
    plot_right = (WIDTH - MARGIN - PANEL_WIDTH) * LAYOUT_DPI
    with diagram_context():
        figure.canvas.draw()
        renderer = figure.canvas.get_renderer()
        callouts = [(t.get_text(), t.get_window_extent(renderer)) for t in figure.findobj(Text)
                    if "(synthetic) ~" in t.get_text().replace("\n", " ")]
    assert callouts
    for label, box in callouts:
        assert box.x0 >= 0 and box.x1 <= plot_right + 0.5, label


# --- overlap: the strongest pairs, and the caption says how many ------------------------------

def test_the_default_overlap_draws_every_pair(default_data):
    text = caption(render("overlap", default_data, DiagramOptions(as_of=AS_OF), "svg"))
    assert "Every overlapping pair is drawn" in text


def test_beyond_the_budget_overlap_draws_the_strongest_pairs_and_says_so(default_data,
                                                                        monkeypatch):
    """Only pairs that are cut are said to be left out: a network counts as overlapping no
    other only when it is in no overlapping pair at all, drawn or not."""
    from ehelse_map.analyses import overlap

    monkeypatch.setattr("ehelse_map.render.diagrams.overlap.MAX_PAIRS", 2)
    result = overlap(default_data, AS_OF)
    pairs = result.pairs
    overlapping = {n for p in pairs for n in (p.a, p.b)}
    drawn = {n for p in pairs[:2] for n in (p.a, p.b)}
    active = [n for n in default_data.networks.values() if n.period.active_on(AS_OF)]
    # a network whose targets or organisations the data does not give is not compared, and
    # is never said to overlap no other
    not_compared = {n.network for n in result.not_compared} | {
        n.id for n in active if n.id not in overlapping and not n.coverage.members}
    text = caption(render("overlap", default_data, DiagramOptions(as_of=AS_OF), "svg"))
    assert (f"Too many to draw one by one: the 2 strongest of {len(pairs)} overlapping pairs "
            f"are drawn, joining {len(drawn)} of the {len(overlapping)} networks that overlap; "
            "the 2 strongest are labelled") in text
    assert (f"{len(active) - len(overlapping) - len(not_compared)} networks overlap no other"
            in text)
    assert f"{len(not_compared)} networks could not be compared" in text
    assert "Every overlapping pair is drawn" not in text


# --- packing: circlify's circles, computed with numpy -------------------------------------------

@settings(max_examples=60, deadline=None)
@given(st.lists(st.one_of(st.floats(0.01, 1e6), st.sampled_from([1.0, 2.0, 4.0])),
                min_size=11, max_size=45))
def test_the_vectorised_packing_places_every_circle_where_circlify_does(values):
    """`huang.pack_a1_0` is circlify's `pack_A1_0` (Huang et al.) over arrays: the same floats
    for any level, equal values and wide ranges included, so no picture changes."""
    from ehelse_map.render.diagrams.layout import huang

    data = sorted(values, reverse=True)
    own = huang.circlify().pack_A1_0.original
    assert [tuple(c) for c in huang.pack_a1_0(data)] == [tuple(c) for c in own(data)]


def test_circlify_packs_big_levels_with_numpy_and_small_ones_itself():
    from ehelse_map.render.diagrams.layout import huang

    module = huang.circlify()
    assert module.pack_A1_0.vectorised and huang.circlify() is module  # installed once
    small = [9.0, 4.0, 1.0]
    assert module.pack_A1_0(small) == module.pack_A1_0.original(small)
    with pytest.raises(ValueError):
        huang.pack_a1_0([1.0, 2.0])  # sorted from the largest, as circlify asks


# --- packing: any number of circles, linear time -----------------------------------------------

def test_a_large_level_is_packed_tightly_without_overlap():
    """More circles than circlify can pack in one level go to the front-chain packer: none
    overlaps, all lie in the returned circle around the origin, and the packing is dense."""
    from ehelse_map.render.diagrams.layout.packing import MAX_LEVEL, front_chain

    radii = sorted((1 + (i * 37 % 101) / 10 for i in range(3 * MAX_LEVEL)), reverse=True)
    centres, radius = front_chain(radii)
    assert len(centres) == len(radii)
    for (i, (x, y)), (j, (u, v)) in itertools.combinations(enumerate(centres), 2):
        assert math.hypot(x - u, y - v) >= radii[i] + radii[j] - 1e-6
    assert all(math.hypot(x, y) + r <= radius * (1 + 1e-9) for (x, y), r in zip(centres, radii, strict=False))
    assert sum(r * r for r in radii) / radius ** 2 > 0.7


def test_a_large_level_keeps_one_scale():
    """Leaves of a level too large for circlify keep area = weight, like any other level."""
    from ehelse_map.render.diagrams.layout.packing import MAX_LEVEL, Node, natural

    leaves = [Node(f"m{i}", 400 if i % 2 else 100) for i in range(MAX_LEVEL + 20)]
    _, packed = natural(Node("root", children=sorted(leaves, key=lambda n: -n.weight)))
    radii = {p.cluster: p.r for p in packed}
    assert len(radii) == len(leaves)
    assert radii["m1"] == pytest.approx(2 * radii["m0"])
    assert radii["m1"] == pytest.approx(20)


# --- the report: each analysis once ------------------------------------------------------------

def test_burden_views_equal_the_views_computed_one_by_one(small_synthetic):
    from ehelse_map.analyses.burden import BY, burden, burden_views

    together = burden_views(small_synthetic, AS_OF, BY, country="NO")
    assert together == tuple(burden(small_synthetic, AS_OF, by=by, country="NO") for by in BY)


def test_the_report_computes_burden_once_and_draws_the_diagrams_own_pictures(default_data,
                                                                             monkeypatch):
    """The report's tables and its burden and overlap pictures rest on one computation each;
    the pictures are byte for byte those `ehelse-map diagram` draws."""
    import importlib

    from ehelse_map.render.diagrams import parse_size
    from ehelse_map.render.report.assemble import PICTURE_PAGE, build_report

    analysis = importlib.import_module("ehelse_map.analyses.burden")  # not the function
    calls = []
    accumulate = analysis._accumulate
    monkeypatch.setattr(analysis, "_accumulate", lambda *a: calls.append(1) or accumulate(*a))
    report = build_report(default_data, AS_OF)
    # once for every table and picture; once more for F1 without the staffing assumption
    # (every role its own person), a different question the report answers beside it
    assert len(calls) == 2
    drawn = {d.kind: d.svg for s in report.sections for d in s.diagrams}
    options = DiagramOptions(as_of=AS_OF, source="ehelse-map data set",
                             size=parse_size(PICTURE_PAGE))  # laid out for the report's page
    for kind in ("overlap", "burden"):
        assert drawn[kind] == render(kind, default_data, options, "svg"), kind
