"""Ranges: every figure's low ≤ value ≤ high, cadence only ever raises hours, and sensitivity
finds the assumption that matters by construction (tests/fixtures/format2); a merge applies
its cadence rule at each end of the ranges (tests/fixtures/unknowns)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ehelse_map.analyses.burden import BY, burden_views
from ehelse_map.analyses.scenarios.operations import Merge, Scenario
from ehelse_map.analyses.scenarios.recommend import recommend
from ehelse_map.analyses.scenarios.whatif import figures_of, what_if
from ehelse_map.analyses.sensitivity import sensitivity
from ehelse_map.model.assume import apply
from ehelse_map.model.build import load_dataset

DATA = Path(__file__).resolve().parents[1] / "fixtures" / "format2"
UNKNOWNS = Path(__file__).resolve().parents[1] / "fixtures" / "unknowns"
#: Merges on format2: an estimated cadence against a documented one, against a post the
#: network holds (asks members nothing), all three, and seats against partial participation.
MERGES = (("general", "specific"), ("general", "post-net"), ("general", "specific", "post-net"),
          ("seats-net", "part-net"))
AS_OF = date(2024, 6, 1)
VALUES = [("cadence", "meetings_per_year"), ("cadence", "hours_per_meeting"),
          ("capacity", "hours"), ("staffing", "small")]


@pytest.fixture(scope="module")
def data():
    return load_dataset(DATA)


def ordered(span) -> bool:
    if span is None or span.value is None:
        return True
    return span.low - 1e-9 <= span.value <= span.high + 1e-9


def figures(result):
    for row in result.rows:
        yield from (row.meetings_per_year, row.hours_per_year, row.max_person_hours,
                    row.load, row.over_capacity)
    for size in result.size_classes:
        yield from (size.hours_mean, size.person_hours_mean, size.max_person_hours,
                    size.persons_over_capacity)


boxes = st.lists(st.tuples(st.floats(0, 20), st.floats(0, 20), st.floats(0, 20)),
                 min_size=len(VALUES), max_size=len(VALUES))


def drawn_ends(box: list[tuple[float, float, float]]) -> dict:
    """Each assumption's (value, low, high) from three drawn numbers, sorted, at its scale."""
    ends = {}
    for key, (a, b, c) in zip(VALUES, box, strict=True):
        low, value, high = sorted((a, b, c))
        scale = 1000 if key[0] == "staffing" else 10 if key[0] == "capacity" else 1
        ends[key] = (value * scale, low * scale, high * scale)
    return ends


@pytest.mark.slow
@given(boxes)
def test_low_value_high_hold_for_every_figure(data, box) -> None:
    ends = drawn_ends(box)
    for result in burden_views(apply(data, ends), AS_OF, BY):
        assert all(ordered(f) for f in figures(result))


@pytest.mark.slow
@given(st.floats(0, 50), st.floats(0, 50))
def test_raising_a_cadence_never_lowers_anyones_hours(data, lower, extra) -> None:
    def hours(meetings: float) -> dict[str, float]:
        changed = apply(data, {("cadence", "meetings_per_year"): (meetings, meetings, meetings)})
        (people,) = burden_views(changed, AS_OF, ("person",))
        return {r.key: r.hours_per_year.value or 0.0 for r in people.rows}

    before, after = hours(lower), hours(lower + extra)
    assert all(after[key] >= value - 1e-9 for key, value in before.items())


def test_sensitivity_finds_the_assumption_that_matters_by_construction(data) -> None:
    # the most loaded person (m-small) holds the general network's coord series: meetings swing
    # 2–6 × 3 h = 12 h, hours 4 × 2–4 = 8 h; capacity and the staffing threshold move nothing
    result = sensitivity(data, AS_OF, samples=5)
    top = [s for s in result.swings if s.figure == "max_person_hours"]
    assert [(s.assumption, s.at_low, s.at_high, s.swing) for s in top[:2]] == [
        ("cadence.meetings_per_year", 32, 44, 12), ("cadence.hours_per_meeting", 34, 42, 8)]
    assert {s.assumption: s.swing for s in top}["capacity.hours"] == 0
    # the threshold moves the middle class's mean: at 8,000 inhabitants one person holds both
    middle = {s.assumption: s for s in result.swings
              if s.figure == "person_hours_mean:5k–20k"}
    assert (middle["staffing.small"].at_low, middle["staffing.small"].at_high) == (32, 38)
    # the same seed gives the same stability; every candidate is documented hours: stable
    again = sensitivity(data, AS_OF, samples=5)
    assert again.stability == result.stability
    assert all(s.share_in_top == 1.0 for s in result.stability if s.kind == "candidate")


def test_sensitivity_cli_in_every_format(run_cli) -> None:
    for fmt in ("table", "json", "csv", "markdown"):
        out = run_cli(["sensitivity", "--data", str(DATA), "--samples", "3", "-f", fmt])
        assert out.exit_code == 0, out.stderr
        assert "meetings" in out.stdout and "cadence" in out.stdout


# --- at scale (issue 22) ----------------------------------------------------------------------

@pytest.mark.parametrize("where", ["format2", "bundled"])
def test_central_loads_are_burdens_central_values_at_every_end(data, where) -> None:
    """The sensitivity analysis computes only the central values it uses; they are burden's,
    float for float, at the data's values and at either end of every range."""
    from ehelse_map.analyses.burden import central_loads
    from ehelse_map.analyses.sensitivity import ranged_values

    dataset = data if where == "format2" else load_dataset(
        Path(__file__).resolve().parents[2] / "data")
    as_of = AS_OF if where == "format2" else dataset.as_of
    points = [dataset] + [apply(dataset, {(i, n): (end, end, end)})
                          for i, n, _, low, high in ranged_values(dataset) for end in (low, high)]
    for point in points:
        (orgs,) = burden_views(point, as_of, ("municipality",))
        loads = central_loads(point, as_of)
        assert {r.key: r.max_person_hours.value for r in orgs.rows} == loads.most_loaded
        assert {r.key: r.over_capacity.value for r in orgs.rows} == loads.over_capacity
        assert loads.capacity == (orgs.capacity_hours_per_year is not None)
        assert {s.size_class: s.person_hours_mean.value for s in orgs.size_classes
                if s.reached and s.size_class != "unknown"} == loads.person_hours_mean


def test_recommend_reuses_overlap_pairs_no_assumption_moves(data) -> None:
    from ehelse_map.analyses.overlap import overlap
    from ehelse_map.analyses.scenarios.recommend import DEFAULT_MIN_SCORE, recommend
    from ehelse_map.analyses.sensitivity import ranged_values

    pairs = overlap(data, AS_OF, min_score=DEFAULT_MIN_SCORE)
    for i, n, _, low, high in ranged_values(data):
        for end in (low, high):
            point = apply(data, {(i, n): (end, end, end)})
            assert overlap(point, AS_OF, min_score=DEFAULT_MIN_SCORE) == pairs
            assert recommend(point, AS_OF, pairs=pairs) == recommend(point, AS_OF)


def test_rank_stability_draws_fewer_points_at_scale_by_a_smooth_rule(data) -> None:
    from ehelse_map.analyses.sensitivity import MIN_POINTS, POINT_BUDGET, points_for
    from ehelse_map.model.scope import Filters

    assert points_for(data, AS_OF, Filters(), 40) == 40  # a few municipalities: all asked
    result = sensitivity(data, AS_OF, samples=12)
    assert (result.samples, result.samples_asked) == (12, 12)
    sizes = [POINT_BUDGET // m for m in (1_000, 4_000, 11_170, 33_500)]
    assert [min(40, max(MIN_POINTS, s)) for s in sizes] == [40, 40, 14, MIN_POINTS]


def test_the_output_says_when_fewer_points_were_drawn(data) -> None:
    from dataclasses import replace

    from ehelse_map.render.sensitivity_view import stability_table

    result = sensitivity(data, AS_OF, samples=10)
    assert not any("points asked" in note for note in stability_table(result).notes)
    fewer = replace(result, samples_asked=40)
    assert any("10 of the 40 points asked" in note for note in stability_table(fewer).notes)


def ends_of(span) -> tuple[float | None, float | None, float | None]:
    return span.value, span.low, span.high


def scenario_figures(data, box_data):
    """Every span `recommend` and `whatif` give on `box_data`, for the merges of MERGES."""
    found = recommend(box_data, AS_OF)
    for candidate in (*found.candidates, *found.adding):
        yield from (candidate.hours_before, candidate.hours_after, candidate.hours_saved)
    for networks in MERGES:
        result = what_if(box_data, Scenario("x", (Merge(networks),)), AS_OF)
        for change in result.figures:
            yield from (change.before, change.after, change.difference)
        for row in result.organisations:
            yield from (row.before, row.after, row.difference)


@pytest.mark.slow
@given(boxes)
def test_low_value_high_hold_for_whatif_and_recommend(data, box) -> None:
    ends = drawn_ends(box)
    box_data = apply(data, ends)
    assert all(ordered(f) for f in scenario_figures(data, box_data))
    # merging the estimated and the documented series (both ask every member): the merged
    # hours' ends are exactly the hours with every assumption at that end
    merge = Scenario("x", (Merge(("general", "specific")),))
    after = figures_of(what_if(box_data, merge, AS_OF))["municipality_hours"].after
    for index, end in ((1, "low"), (2, "high")):
        at = apply(data, {k: (v[index], v[index], v[index]) for k, v in ends.items()})
        pinned = figures_of(what_if(at, merge, AS_OF))["municipality_hours"].after
        assert getattr(after, end) == pytest.approx(getattr(pinned, end))


# The merge on tests/fixtures/unknowns, by hand. Two municipalities (count 1 each) are reached
# by `documented` (lead 2×3 = 6 h, exact) and `estimated` (lead 4×2 = 8 h; low 2×1 = 2, high
# 6×3 = 18); `silent` adds an unknown part to each. The merged network keeps, per end, the
# larger series: low max(6, 2) = 6 (documented's), central max(6, 8) = 8, high max(6, 18) = 18.
#   before, all municipalities: 2 × (6 + 8) = 28;  low 2 × (6 + 2) = 16;  high 2 × (6 + 18) = 48
#   after:                      2 × 8 = 16;        low 2 × 6 = 12;        high 2 × 18 = 36
#   saved = before − after:     28 − 16 = 12;      low 16 − 12 = 4;       high 48 − 36 = 12
#   change (after − before):    −12, range over all-low −4, centre −12, all-high −12: −12 to −4
# (The old rule kept `estimated` at every end: after 16 (4–36), saved 12 (12–12).)
def test_merge_keeps_the_larger_cadence_at_each_end() -> None:
    data = load_dataset(UNKNOWNS)
    (candidate,) = recommend(data, AS_OF).candidates
    assert ends_of(candidate.hours_before) == (28, 16, 48)
    assert ends_of(candidate.hours_after) == (16, 12, 36)
    assert ends_of(candidate.hours_saved) == (12, 4, 12)
    result = what_if(data, Scenario("x", (Merge(("documented", "estimated")),)), AS_OF)
    hours = figures_of(result)["municipality_hours"]
    assert (ends_of(hours.before), ends_of(hours.after), ends_of(hours.difference)) == (
        (28, 16, 48), (16, 12, 36), (-12, -12, -4))
    assert ends_of(figures_of(result)["max_person_hours"].after) == (8, 6, 18)
    assert [ends_of(r.after) for r in result.organisations] == [(8, 6, 18)] * 2
    assert any("at the low ends of the assumptions' ranges documented's 2×3 h = 6 h/yr is kept"
               in line for line in result.explanations)


# With one value of `guess` pinned at its central value, the other alone moves the merge's
# figures; `--assume` at its low (high) end must give exactly the low (high) end of the range.
# guess.hours_per_meeting 1–3 (meetings pinned at 4): estimated 4, 8, 12 h; merged
# max(6, ·) = 6, 8, 12; saved per municipality min(6, ·) = 4, 6, 6 -> 8 (8–12) in all, after
# 16 (12–24). guess.meetings_per_year 2–6 (hours pinned at 2) gives the same numbers.
@pytest.mark.parametrize("value, pin, ends", [
    ("guess.hours_per_meeting", "guess.meetings_per_year=4", (1, 3)),
    ("guess.meetings_per_year", "guess.hours_per_meeting=2", (2, 6)),
])
def test_assume_at_an_end_gives_that_end_of_the_merge(run_cli, value, pin, ends) -> None:
    def run(*assume: str) -> tuple[dict, dict]:
        flags = [a for pair in (("--assume", x) for x in (pin, *assume)) for a in pair]
        rec = run_cli(["recommend", "--data", str(UNKNOWNS), "-f", "json", *flags])
        what = run_cli(["whatif", "--data", str(UNKNOWNS), "--merge", "documented,estimated",
                        "-f", "json", *flags])
        assert rec.exit_code == 0 and what.exit_code == 0, rec.stderr + what.stderr
        saved = json.loads(rec.stdout)["candidates"][0]["hours_saved"]
        after = {f["key"]: f["after"] for f in json.loads(what.stdout)["figures"]}
        return saved, after["municipality_hours"]

    saved, after = run()
    assert (saved["value"], saved["low"], saved["high"]) == (12, 8, 12)
    assert (after["value"], after["low"], after["high"]) == (16, 12, 24)
    for end, at in zip(("low", "high"), ends, strict=True):
        saved_at, after_at = run(f"{value}={at:g}")
        assert saved_at["low"] == saved_at["value"] == saved_at["high"] == saved[end]
        assert after_at["low"] == after_at["value"] == after_at["high"] == after[end]
