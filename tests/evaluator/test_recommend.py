"""`recommend` ranks merges by hours saved and says what it keeps, on worked examples."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from ehelse_map.analyses.scenarios.recommend import DISCLAIMER, recommend
from ehelse_map.render.scenario_view import recommend_markdown, recommend_table

from .builders import dataset, municipality, network

AS_OF = date(2024, 6, 1)
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "diff"


def test_ranked_by_hours_saved_with_overlap_and_anchoring():
    # a and b are identical (r1 4×2 h in m1, m2): merging saves 2 × 8 = 16 h.
    # c overlaps a and b only in m1 (r1 1×1 h): merging a and c saves 1 h in m1 but asks
    # m2 for c's nothing extra (a's cadence is heavier), so the saving is 1 h.
    # Health leaders (role "lead") are reached by b only: merged with a it extends to both.
    data = dataset([municipality("m1"), municipality("m2")], [
        network("a", ["m1", "m2"], [("r1", 4, 2)]),
        network("b", ["m1", "m2"], [("r1", 4, 2), ("lead", 1, 1)]),
        network("c", ["m1"], [("r1", 1, 1)]),
    ], anchors={"lead": "health-leader"})
    result = recommend(data, AS_OF, min_score=0.0)
    assert result.disclaimer == DISCLAIMER and "not advice" in DISCLAIMER
    best = result.candidates[0]
    assert best.hours_saved.value == max(c.hours_saved.value for c in result.candidates)
    ab = next(c for c in result.candidates if c.networks == ("a", "b"))
    assert ab.hours_saved.value == 16 and ab.kind == "pair" and ab.shared_roles == ("r1",)
    assert {a.anchor: a.status for a in ab.anchoring}["health-leader"] == "extended"
    ac = next(c for c in result.candidates if c.networks == ("a", "c"))
    assert ac.hours_saved.value == 1 and ac.organisations_adding == 0
    groups = [c for c in result.candidates if c.kind == "group"]
    assert groups and groups[0].networks == ("a", "b", "c")
    assert [c.hours_saved.value for c in result.candidates] == sorted(
        (c.hours_saved.value for c in result.candidates), reverse=True)


def test_a_merge_that_adds_hours_is_not_a_consolidation_candidate():
    # a reaches m1 and m2 with r1 1×1 h; b reaches m1 only with r1 10×1 h. Merged: both
    # municipalities get 10 h: m1 saves 1 h, m2 is asked 9 h more: 8 h added in all.
    data = dataset([municipality("m1"), municipality("m2")], [
        network("a", ["m1", "m2"], [("r1", 1, 1)]), network("b", ["m1"], [("r1", 10, 1)])])
    result = recommend(data, AS_OF, min_score=0.0)
    assert result.candidates == () and result.considered == 1
    [merge] = result.adding
    assert merge.hours_saved.value == -8 and merge.organisations_adding == 1


def test_renderers_label_it_as_a_computation():
    data = dataset([municipality("m1")], [network("a", ["m1"], [("r1", 1, 1)]),
                                          network("b", ["m1"], [("r1", 1, 1)])])
    result = recommend(data, AS_OF)
    table = recommend_table(result)
    assert any("not advice" in n for n in table.notes)
    assert "not advice" in recommend_markdown(result)


def test_cli(run_cli):
    out = run_cli(["recommend", "--data", str(FIXTURES / "old"), "--as-of", "2024-06-01",
                   "-f", "json"])
    assert out.exit_code == 0, out.stderr
    payload = json.loads(out.stdout)
    assert payload["disclaimer"].startswith("A computation on the data, not advice")
    pair = next(c for c in payload["candidates"] if c["networks"] == ["ks-ekomp", "vft-nettverk"])
    # The same coordinator, 6 × 2 h by each network, in 3 municipalities: 36 h saved.
    assert pair["hours_saved"]["value"] == 36
    assert run_cli(["recommend", "--data", str(FIXTURES / "old")]).exit_code == 0


def test_shortcuts_agree_with_the_analyses_on_the_default_data():
    """recommend computes hours and anchoring locally; they must equal the analyses' own."""
    from ehelse_map.analyses.anchoring import anchoring
    from ehelse_map.analyses.figures import key_figures
    from ehelse_map.analyses.scenarios.operations import Merge, Scenario
    from ehelse_map.analyses.scenarios.recommend import anchor_kinds
    from ehelse_map.analyses.scenarios.whatif import what_if
    from ehelse_map.model.build import load_dataset

    data = load_dataset()
    result = recommend(data, AS_OF, min_score=0.05)
    figures = key_figures(data, AS_OF)
    for candidate in result.candidates:
        assert candidate.hours_before == figures.value("municipality_hours")
    active = {n.id: n for n in data.active_networks(AS_OF)}
    for row in anchoring(data, AS_OF).networks:
        reached = {a.anchor for a in row.anchors if a.how != "none"}
        assert anchor_kinds(data, active, row.network) == reached, row.network
    for candidate in result.candidates[:3]:
        full = what_if(data, Scenario("x", (Merge(candidate.networks),)), AS_OF)
        hours = {f.key: f for f in full.figures}["municipality_hours"]
        assert round(-hours.difference.value, 2) == candidate.hours_saved.value


def test_anchoring_after_a_merge_is_that_of_the_merged_data_set():
    """Each candidate is merged on its own, and references are renamed only where anchoring
    follows them; the merged network still reaches the leaders it reaches in the whole data
    set after that merge."""
    from ehelse_map.analyses.scenarios.operations import Merge, merge_networks
    from ehelse_map.analyses.scenarios.recommend import anchor_kinds
    from ehelse_map.model.build import load_dataset

    data = load_dataset()
    candidates = recommend(data, AS_OF, min_score=0.05).candidates
    assert candidates
    for candidate in candidates:
        merged = merge_networks(data, Merge(candidate.networks))
        new_id = candidate.networks[0]
        active = {n.id: n for n in merged.active_networks(AS_OF)}
        active[new_id] = merged.networks[new_id]
        after = {a.anchor for a in candidate.anchoring
                 if a.status in ("kept", "extended", "gained")}
        assert anchor_kinds(data, active, new_id) == after, candidate.networks
