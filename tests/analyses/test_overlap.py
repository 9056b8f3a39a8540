"""Overlap on hand-made data sets; every expected score is worked out in the comments."""

from __future__ import annotations

from datetime import date

import pytest

from ehelse_map.analyses import overlap
from ehelse_map.analyses.overlap import DUPLICATE_AT

from .factory import AS_OF, actor, dataset, municipalities, network, period


def pair(result, a: str, b: str):
    found = [p for p in result.pairs if (p.a, p.b) == tuple(sorted((a, b)))]
    assert len(found) <= 1
    return found[0] if found else None


def test_partial_overlap_score_worked_by_hand() -> None:
    # A: areas {a1, a2} × roles {r1} × orgs {m1, m2, m3}        W = 2·1·3 = 6
    # B: areas {a1} × roles {r1, r2} × orgs {m2, m3, m4}        W = 1·2·3 = 6
    # A ∩ B: {a1} × {r1} × {m2, m3}                             W = 1·1·2 = 2
    # score = 2 / (6 + 6 − 2) = 0.2; neither reach is inside the other -> partial
    data = dataset(municipalities("m1", "m2", "m3", "m4"), [
        network("a", ["m1", "m2", "m3"], areas=["a1", "a2"], targets=[("r1", 4, 2)]),
        network("b", ["m2", "m3", "m4"], areas=["a1"], targets=[("r1", 4, 2), ("r2", 1, 1)]),
    ])
    result = overlap(data, AS_OF)
    p = pair(result, "a", "b")
    assert p is not None
    assert p.score == 0.2
    assert p.relation == "partial" and p.inner is None
    assert p.shared_areas == ("a1",) and p.shared_roles == ("r1",)
    assert p.shared_organisations == 2 and p.shared_members == ("m2", "m3")
    assert p.sources == ("s1",)
    assert result.networks == 2


def test_aggregate_actor_weighs_its_count_and_near_identical_is_duplicate() -> None:
    # "many" stands for 10 municipalities.
    # C: {a1} × {r1} × {many(10), m1(1)}   W = 11
    # D: {a1} × {r1} × {many(10)}          W = 10
    # C ∩ D = D                            W = 10
    # score = 10 / (11 + 10 − 10) = 10/11 = 0.9091 >= 0.9 -> duplicate; D lies inside C
    data = dataset([actor("many", count=10), actor("m1")], [
        network("c", ["many", "m1"]), network("d", ["many"])])
    p = pair(overlap(data, AS_OF), "c", "d")
    assert p.score == round(10 / 11, 4) == 0.9091
    assert p.score >= DUPLICATE_AT
    assert p.relation == "duplicate" and p.inner == "d"
    assert p.shared_organisations == 10


def test_network_inside_another_is_nested() -> None:
    # E: {a1, a2} × {r1} × {m1..m4}   W = 2·1·4 = 8
    # F: {a1} × {r1} × {m1, m2}       W = 1·1·2 = 2, all inside E
    # score = 2 / (8 + 2 − 2) = 0.25 -> nested, F inner
    data = dataset(municipalities("m1", "m2", "m3", "m4"), [
        network("e", ["m1", "m2", "m3", "m4"], areas=["a1", "a2"]),
        network("f", ["m1", "m2"], areas=["a1"])])
    p = pair(overlap(data, AS_OF), "e", "f")
    assert (p.score, p.relation, p.inner) == (0.25, "nested", "f")


def test_same_reach_different_areas_both_ways_is_partial() -> None:
    # Same roles and organisations, areas {a1, a2} against {a1, a3}:
    # W = 2·1·1 = 2 each, shared 1·1·1 = 1, score = 1 / 3 = 0.3333
    data = dataset(municipalities("m1"), [
        network("x", ["m1"], areas=["a1", "a2"]), network("y", ["m1"], areas=["a1", "a3"])])
    p = pair(overlap(data, AS_OF), "x", "y")
    assert (p.score, p.relation, p.inner) == (0.3333, "partial", None)


def test_no_shared_area_role_pair_or_organisation_means_no_pair() -> None:
    data = dataset(municipalities("m1", "m2"), [
        network("same-orgs-other-area", ["m1"], areas=["a2"]),
        network("same-orgs-other-role", ["m1"], targets=[("r9", 1, 1)]),
        network("other-orgs", ["m2"]),
        network("base", ["m1"]),
    ])
    result = overlap(data, AS_OF)
    assert result.pairs == ()


def test_only_active_networks_and_overlapping_periods() -> None:
    data = dataset(municipalities("m1"), [
        network("old", ["m1"], period=period("2010", "2015")),
        network("new", ["m1"], period=period("2020")),
        network("open", ["m1"]),
    ])
    assert [(p.a, p.b) for p in overlap(data, AS_OF).pairs] == [("new", "open")]
    # Without a date every period counts, but old (2010–2015) and new (2020–) never meet.
    assert {(p.a, p.b) for p in overlap(data, None).pairs} == {
        ("new", "open"), ("old", "open")}
    assert overlap(data, date(2012, 1, 1)).pairs[0].b == "open"


def test_not_compared_networks_are_reported() -> None:
    data = dataset(municipalities("m1"), [
        network("no-targets", ["m1"], targets=[]),
        network("counted", [], count=134),
        network("base", ["m1"]),
    ])
    result = overlap(data, AS_OF)
    assert [(n.network, n.reason) for n in result.not_compared] == [
        ("counted", "organisations not listed"), ("no-targets", "no target roles")]
    assert result.networks == 3


def test_filters_narrow_the_combination_space() -> None:
    # With --role r1, B is {a1} × {r1} × {m2, m3, m4} (W = 3) and A is unchanged (W = 6):
    # shared 1·1·2 = 2, score = 2 / (6 + 3 − 2) = 2/7 = 0.2857
    data = dataset(
        [actor("m1", region="west"), actor("m2", region="west"), actor("m3"), actor("m4")], [
            network("a", ["m1", "m2", "m3"], areas=["a1", "a2"], targets=[("r1", 4, 2)]),
            network("b", ["m2", "m3", "m4"], areas=["a1"],
                    targets=[("r1", 4, 2), ("r2", 1, 1)])])
    assert overlap(data, AS_OF, role="r1").pairs[0].score == round(2 / 7, 4)
    assert overlap(data, AS_OF, role="r2").pairs == ()
    # --area a1: A is {a1} × {r1} × 3 orgs (W = 3), B W = 6, shared 2: 2 / 7 again
    assert overlap(data, AS_OF, area="a1").pairs[0].score == round(2 / 7, 4)
    # --region west: A {a1,a2}×{r1}×{m1,m2} W=4, B {a1}×{r1,r2}×{m2} W=2, shared 1: 1/5
    p = overlap(data, AS_OF, region="west").pairs[0]
    assert (p.score, p.shared_members) == (0.2, ("m2",))
    assert overlap(data, AS_OF, country="SE").pairs == ()


def test_pairs_sorted_by_score_then_ids_and_top() -> None:
    data = dataset(municipalities("m1", "m2", "m3", "m4"), [
        network("e", ["m1", "m2", "m3", "m4"], areas=["a1", "a2"]),   # e–f 0.25, e–g 0.5
        network("f", ["m1", "m2"], areas=["a1"]),                     # f–g 0.5
        network("g", ["m1", "m2", "m3", "m4"], areas=["a1"]),
    ])
    # e–g: shared 1·1·4 = 4 / (8 + 4 − 4) = 0.5; f–g: 2 / (2 + 4 − 2) = 0.5
    result = overlap(data, AS_OF)
    assert [(p.a, p.b, p.score) for p in result.pairs] == [
        ("e", "g", 0.5), ("f", "g", 0.5), ("e", "f", 0.25)]
    assert [(p.a, p.b) for p in overlap(data, AS_OF, top=1).pairs] == [("e", "g")]
    assert [p.b for p in overlap(data, AS_OF, min_score=0.3).pairs] == ["g", "g"]


def test_groups_are_components_above_the_threshold() -> None:
    data = dataset(municipalities("m1", "m2", "m3", "m4", "n1", "n2"), [
        network("e", ["m1", "m2", "m3", "m4"], areas=["a1", "a2"]),
        network("f", ["m1", "m2"], areas=["a1"]),
        network("g", ["m1", "m2", "m3", "m4"], areas=["a1"]),
        network("p", ["n1", "n2"]), network("q", ["n1", "n2"]),          # score 1
        network("weak", ["n1", "n2", "m1", "m2", "m3", "m4"], areas=["a9"],
                targets=[("r1", 1, 1), ("r8", 1, 1)]),                  # shares no area
    ])
    result = overlap(data, AS_OF, group_threshold=0.3)
    # e–g 0.5 and f–g 0.5 join {e, f, g}; e–f (0.25) is below 0.3 but e is already in
    assert [(g.networks, g.pairs, g.max_score) for g in result.groups] == [
        (("e", "f", "g"), 2, 0.5), (("p", "q"), 1, 1.0)]
    assert [g.networks for g in overlap(data, AS_OF, group_threshold=0.6).groups] == [
        ("p", "q")]


@pytest.mark.parametrize("count", [1, 3])
def test_score_is_symmetric_in_argument_order(count: int) -> None:
    members = [actor("m1", count=count), actor("m2")]
    one = dataset(members, [network("a", ["m1"]), network("b", ["m1", "m2"])])
    two = dataset(members, [network("b", ["m1"]), network("a", ["m1", "m2"])])
    assert pair(overlap(one, AS_OF), "a", "b").score == pair(overlap(two, AS_OF), "a", "b").score


def test_persons_mode_merges_roles_held_by_one_person() -> None:
    # Staffing: up to 5,000 inhabitants r1 and r2 are one person; above, each is alone.
    # p asks r1, q asks r2, both on a1, in small (1,000), big (100,000) and tiny (4 × 500).
    # By role they share nothing. By person:
    #   W(p) = 1 area × (small 1 + big 1 + tiny 4) persons = 6; W(q) = 6
    #   shared: small (r1+r2) 1 + tiny (r1+r2) 4 = 5; big's r1 and r2 are different persons
    #   score = 5 / (6 + 6 − 5) = 5/7 = 0.7143; big is in neither's inside -> partial
    from .factory import staffing

    staff = staffing([(5000, [["r1", "r2"]])])
    data = dataset([actor("small", population=1000), actor("big", population=100000),
                    actor("tiny", population=2000, count=4)], [
        network("p", ["small", "big", "tiny"], targets=[("r1", 1, 1)]),
        network("q", ["small", "big", "tiny"], targets=[("r2", 1, 1)])], staffing=staff)
    assert overlap(data, AS_OF).pairs == ()
    result = overlap(data, AS_OF, persons=True)
    p = pair(result, "p", "q")
    assert (p.score, p.relation, p.inner) == (round(5 / 7, 4), "partial", None)
    assert p.shared_members == ("small", "tiny") and p.shared_organisations == 5
    assert p.shared_roles == ("r1", "r2")
    assert result.persons and result.assumptions == ("staffing-test",)


def test_persons_mode_equals_role_mode_without_staffing() -> None:
    data = dataset(municipalities("m1", "m2", "m3", "m4"), [
        network("a", ["m1", "m2", "m3"], areas=["a1", "a2"], targets=[("r1", 4, 2)]),
        network("b", ["m2", "m3", "m4"], areas=["a1"], targets=[("r1", 4, 2), ("r2", 1, 1)]),
    ])
    by_role, by_person = overlap(data, AS_OF), overlap(data, AS_OF, persons=True)
    assert by_role.pairs == by_person.pairs


def test_groups_use_every_pair_whatever_the_listing_cut() -> None:
    data = dataset(municipalities("m1", "m2"), [network("p", ["m1", "m2"]),
                                               network("q", ["m1", "m2"])])
    result = overlap(data, AS_OF, min_score=1.1, top=0)
    assert result.pairs == () and [g.networks for g in result.groups] == [("p", "q")]


def test_region_filter_leaves_out_networks_reaching_nobody_there() -> None:
    data = dataset([actor("w1", region="west"), actor("e1", region="east")], [
        network("west-a", ["w1"]), network("west-b", ["w1"]),
        network("east-untargeted", ["e1"], targets=[]), network("counted", [], count=10)])
    result = overlap(data, AS_OF, region="west")
    assert (result.networks, result.not_compared) == (2, ())
    assert [(p.a, p.b) for p in result.pairs] == [("west-a", "west-b")]


def test_a_higher_min_score_of_an_uncut_result_is_the_result_of_that_score() -> None:
    # the report hands recommend its own overlap, cut at recommend's score, instead of
    # comparing every pair again: the cut must be what overlap gives at that score
    from ehelse_map.model.build import default_data_dir, load_dataset

    data = load_dataset(default_data_dir())
    every = overlap(data, AS_OF)
    for score in (0.1, 0.25, 0.5):
        assert every.at_least(score) == overlap(data, AS_OF, min_score=score)
    with pytest.raises(ValueError):
        overlap(data, AS_OF, min_score=0.5).at_least(0.25)
    with pytest.raises(ValueError):
        overlap(data, AS_OF, top=3).at_least(0.25)
