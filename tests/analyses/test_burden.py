"""Burden on a hand-made data set; the arithmetic is in the comments.

Staffing: up to 5,000 inhabitants one person holds r1 and r2; above, each role is a person.
r3 is in no group, so it is always a person of its own. Capacity: 80 hours a year.

    n1: small, big          r1 4×3 = 12 h   r2 10×2 = 20 h   areas a1 a2
        funding ks/dt (reports to hdir), reports to ks
    n2: small, tiny(×4)     r2 12×5 = 60 h (estimate)        areas a2 a3
        funding statsforvalter
    n3: big                 r3 2×2 = 4 h                     area a1

small (3,000 inhabitants, region west): one person r1+r2 = 12 + 20 + 60 = 92 h, 4 + 10 + 12 = 26
meetings, over 80 h -> load 115 %. big (30,000, region west): r1 12 h, r2 20 h, r3 4 h = 36 h.
tiny (4 municipalities with 8,000 in all -> 2,000 each, no region): r1+r2 60 h each -> 75 %.
"""

from __future__ import annotations

import pytest

from ehelse_map.analyses import burden, persons_for, size_class
from ehelse_map.model.records import Funding

from .factory import AS_OF, actor, dataset, network, period, staffing, target

STAFF = staffing([(5000, [["r1", "r2"]]), (None, [["r1"], ["r2"]])], capacity=80)


def data(extra: list | None = None, **kwargs):
    return dataset([
        actor("small", population=3000, region="west"),
        actor("big", population=30000, region="west"),
        actor("tiny", population=8000, count=4),
        actor("lonely", population=10000, region="west"),
        actor("west", kind="county"),
    ], [
        network("n1", ["small", "big"], areas=["a1", "a2"],
                targets=[("r1", 4, 3), ("r2", 10, 2)],
                funding=[Funding("ks", "dt", reports_to="hdir")], reports_to=("ks",)),
        network("n2", ["small", "tiny"], areas=["a2", "a3"],
                targets=[target("r2", 12, 5, estimate="cadence-guess")],
                funding=[Funding("statsforvalter")]),
        network("n3", ["big"], areas=["a1"], targets=[("r3", 2, 2)]),
        *(extra or []),
    ], staffing=kwargs.get("staffing", STAFF))


def rows(result):
    return {r.key: r for r in result.rows}


def v(span):
    """The central value of a figure (every figure here is documented or a point estimate)."""
    return None if span is None else span.value


def test_by_person() -> None:
    result = burden(data(), AS_OF, by="person")
    got = rows(result)
    small = got["small/r1+r2"]
    assert (small.networks, v(small.meetings_per_year), v(small.hours_per_year)) == (2, 26, 92)
    assert (small.areas, small.funding_lines, small.reporting_lines) == (3, 2, 2)
    assert v(small.load) == round(92 / 80, 3) == 1.15 and v(small.over_capacity) == 1
    assert small.estimated
    assert (v(got["big/r1"].hours_per_year), v(got["big/r2"].hours_per_year),
            v(got["big/r3"].hours_per_year)) == (12, 20, 4)
    assert not got["big/r1"].estimated
    tiny = got["tiny/r1+r2"]
    assert (v(tiny.hours_per_year), v(tiny.load), tiny.organisations) == (60, 0.75, 4)
    # sorted by hours: 92, 60, 20, 12, 4
    assert [r.key for r in result.rows] == [
        "small/r1+r2", "tiny/r1+r2", "big/r2", "big/r1", "big/r3"]


def test_by_municipality() -> None:
    got = rows(burden(data(), AS_OF, by="municipality"))
    big = got["big"]
    # networks n1, n3; 12 + 20 + 4 = 36 h; meetings 4 + 10 + 2 = 16; most loaded: r2 20 h
    assert (big.networks, v(big.hours_per_year), v(big.meetings_per_year), big.persons) == (
        2, 36, 16, 3)
    assert (v(big.max_person_hours), v(big.load), v(big.over_capacity)) == (20, 0.25, 0)
    # areas a1 a2; funding ks/dt; reporting ks, hdir
    assert (big.areas, big.funding_lines, big.reporting_lines) == (2, 1, 2)
    assert got["small"].persons == 1 and v(got["small"].over_capacity) == 1
    assert "lonely" not in got  # reached by no network


def test_by_role() -> None:
    got = rows(burden(data(), AS_OF, by="role"))
    r2 = got["r2"]
    # organisations: small 1 + big 1 + tiny 4 = 6
    # hours: small 20 + 60, big 20, tiny 4 × 60 = 80 + 20 + 240 = 340
    # meetings: small 10 + 12, big 10, tiny 4 × 12 = 22 + 10 + 48 = 80
    assert (r2.organisations, v(r2.hours_per_year), v(r2.meetings_per_year)) == (6, 340, 80)
    # the most loaded holder of r2 is small's person (92 h), the only one over capacity
    assert (v(r2.max_person_hours), v(r2.load), v(r2.over_capacity), r2.networks) == (
        92, 1.15, 1, 2)
    assert v(got["r1"].hours_per_year) == 24 and got["r1"].organisations == 2
    assert not got["r1"].estimated and r2.estimated
    assert (v(got["r3"].hours_per_year), v(got["r3"].max_person_hours)) == (4, 4)


def test_by_region() -> None:
    got = rows(burden(data(), AS_OF, by="region"))
    # west: small 92 + big 36 = 128 h, 2 organisations, persons 1 + 3
    assert (v(got["west"].hours_per_year), got["west"].organisations, got["west"].persons) == (
        128, 2, 4)
    # tiny has no region: its country NO; 4 organisations × 60 h = 240 h
    assert (v(got["NO"].hours_per_year), got["NO"].organisations, got["NO"].persons) == (
        240, 4, 4)
    assert v(got["NO"].max_person_hours) == 60
    assert list(got) == ["NO", "west"]  # 240 h before 128 h


def test_size_classes() -> None:
    result = burden(data(), AS_OF, by="size-class")
    assert result.rows == ()
    got = {s.size_class: s for s in result.size_classes}
    assert list(got) == ["<5k", "5k–20k", "20k–50k", "≥50k"]
    small = got["<5k"]
    # small (1) and tiny (4 of 2,000): 5 municipalities
    # networks: (1·2 + 4·1) / 5 = 1.2; hours: (92 + 4·60) / 5 = 66.4; person hours the same
    assert (small.municipalities, small.reached, small.networks_mean) == (5, 5, 1.2)
    assert (v(small.hours_mean), v(small.person_hours_mean), v(small.max_person_hours)) == (
        66.4, 66.4, 92)
    assert v(small.persons_over_capacity) == 1 and small.estimated
    # lonely is in scope but no network reaches it: no mean to give, never 0 hours
    assert (got["5k–20k"].municipalities, got["5k–20k"].reached,
            v(got["5k–20k"].hours_mean)) == (1, 0, None)
    assert (got["20k–50k"].networks_mean, v(got["20k–50k"].hours_mean),
            v(got["20k–50k"].person_hours_mean)) == (2, 36, 20)
    assert got["≥50k"].municipalities == 0


def test_municipalities_without_population_form_the_unknown_class() -> None:
    """A record with no population (here one standing for 290 Swedish municipalities) has no
    size class; the row says which countries and how many such records it holds."""
    sweden = actor("se-kommuner", country="SE", count=290)
    result = burden(dataset([actor("small", population=900), sweden], []), AS_OF,
                    by="size-class")
    unknown = result.size_classes[-1]
    assert (unknown.size_class, unknown.municipalities) == ("unknown", 290)
    assert (unknown.countries, unknown.aggregate_records) == (("SE",), 1)
    assert result.size_classes[0].countries == ("NO",)


def test_assumptions_and_capacity_override() -> None:
    result = burden(data(), AS_OF, by="person", capacity=100)
    assert v(rows(result)["small/r1+r2"].load) == 0.92
    assert v(result.capacity_hours_per_year) == 100
    assert result.assumptions == ("cadence-guess", "staffing-test")
    assert burden(data(), AS_OF).assumptions == ("cadence-guess", "capacity-test",
                                                 "staffing-test")


def test_without_staffing_every_role_is_a_person_and_load_is_unknown() -> None:
    got = rows(burden(data(staffing=None), AS_OF, by="person"))
    assert v(got["small/r2"].hours_per_year) == 80 and got["small/r2"].load is None


def test_override_wins_over_rules() -> None:
    staff = staffing([(None, [["r1"], ["r2"]])], capacity=80,
                     overrides={"big": [["r1", "r2", "r3"]]})
    got = rows(burden(data(staffing=staff), AS_OF, by="person"))
    assert v(got["big/r1+r2+r3"].hours_per_year) == 36
    assert "small/r1" in got  # rule for everyone else


def test_filters() -> None:
    # --role r2: n1 (20 h) and n2 (60 h) for small; n3 drops out
    got = rows(burden(data(), AS_OF, by="municipality", role="r2"))
    assert v(got["small"].hours_per_year) == 80 and got["big"].networks == 1
    # --area a3: only n2
    assert set(rows(burden(data(), AS_OF, area="a3"))) == {"small", "tiny"}
    assert set(rows(burden(data(), AS_OF, region="west"))) == {"small", "big"}
    assert burden(data(), AS_OF, country="SE").rows == ()
    assert [r.key for r in burden(data(), AS_OF, top=1).rows] == ["small"]
    with pytest.raises(ValueError):
        burden(data(), AS_OF, by="galaxy")


def test_inactive_networks_do_not_count() -> None:
    ended = network("ended", ["big"], targets=[("r1", 100, 1)], period=period("2010", "2012"))
    assert v(rows(burden(data([ended]), AS_OF))["big"].hours_per_year) == 36


def test_persons_for_and_size_class() -> None:
    rules = STAFF
    assert persons_for(actor("x", population=5000), rules) == (("r1", "r2"),)
    assert persons_for(actor("x", population=5001), rules) == (("r1",), ("r2",))
    assert persons_for(actor("x"), rules) == (("r1",), ("r2",))  # unknown size: catch-all
    assert persons_for(actor("hf", kind="health-trust", population=100), rules) == ()
    assert persons_for(actor("x", population=3000), None) == ()
    assert [size_class(actor("x", population=p)) for p in (4999, 5000, 19999, 20000, 50000)] == [
        "<5k", "5k–20k", "5k–20k", "20k–50k", "≥50k"]
    assert size_class(actor("x")) == "unknown"
    assert size_class(actor("x", population=100000, count=40)) == "<5k"


def test_an_organisations_row_is_the_same_whether_or_not_its_persons_are_listed() -> None:
    # the municipality view works from each person's load alone, without building the
    # persons' rows; the rows must be those the person view's computation gives
    from ehelse_map.analyses.burden import burden_views
    from ehelse_map.model.build import load_dataset

    data = load_dataset()
    (alone,) = burden_views(data, AS_OF, ("municipality",))
    together, persons = burden_views(data, AS_OF, ("municipality", "person"))
    assert alone == together
    assert len(persons.rows) > len(alone.rows) > 300


@pytest.mark.parametrize("scope", [{}, {"country": "NO"}, {"region": "vestland"},
                                   {"country": "DK"}])
def test_person_hours_are_the_person_views_keys_and_hours(scope) -> None:
    # the key figures take the most loaded person from these, without the persons' rows
    from ehelse_map.analyses.burden import burden_and_person_hours, burden_views
    from ehelse_map.model.build import load_dataset

    data = load_dataset()
    orgs, hours = burden_and_person_hours(data, AS_OF, **scope)
    alone, persons = burden_views(data, AS_OF, ("municipality", "person"), **scope)
    assert orgs == alone
    assert sorted((h.key, h.organisation, h.hours) for h in hours) == sorted(
        (r.key, r.organisation, r.hours_per_year) for r in persons.rows)
    assert len(hours) == persons.total_rows > 0
