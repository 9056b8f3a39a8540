"""Properties that must hold for any data: overlap symmetric and bounded, nesting recognised,
burden monotone in the set of networks."""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ehelse_map.analyses import burden, overlap
from ehelse_map.model.records import Funding, Network
from ehelse_map.model.span import Span

from .factory import AS_OF, actor, dataset, network, period, staffing, target

pytestmark = pytest.mark.slow

AREAS = ("a1", "a2", "a3")
ROLES = ("r1", "r2", "r3")
ORGS = tuple(f"m{i}" for i in range(6))
FUNDERS = ("ks", "sf", "hdir")
STAFFINGS = (None, staffing([(5000, [["r1", "r2"]]), (None, [["r1"], ["r3"]])], capacity=60),
             staffing([(None, [["r1", "r2", "r3"]])], capacity=100, overrides={"m0": [["r3"]]}))


@st.composite
def actors(draw: st.DrawFn) -> list:
    return [actor(m, count=draw(st.integers(1, 4)),
                  population=draw(st.one_of(st.none(), st.integers(500, 80000))),
                  region=draw(st.sampled_from([None, "west", "south"]))) for m in ORGS]


@st.composite
def specs(draw: st.DrawFn) -> dict:
    roles = sorted(draw(st.sets(st.sampled_from(ROLES), min_size=1)))
    return {
        "members": sorted(draw(st.sets(st.sampled_from(ORGS), min_size=1))),
        "areas": sorted(draw(st.sets(st.sampled_from(AREAS), min_size=1))),
        "targets": [target(r, draw(st.integers(1, 12)), draw(st.integers(1, 4)),
                           draw(st.sampled_from([None, "guess"]))) for r in roles],
        "funding": [Funding(s, draw(st.sampled_from([None, "x"])),
                            draw(st.sampled_from([None, "hdir"])))
                    for s in sorted(draw(st.sets(st.sampled_from(FUNDERS), max_size=2)))],
        "reports_to": tuple(sorted(draw(st.sets(st.sampled_from(FUNDERS), max_size=2)))),
    }


def build(ident: str, spec: dict) -> Network:
    return network(ident, spec["members"], areas=spec["areas"], targets=spec["targets"],
                   funding=spec["funding"], reports_to=spec["reports_to"])


@given(actors(), specs(), specs(), st.sampled_from(STAFFINGS), st.booleans())
def test_overlap_score_symmetric_and_bounded(people: list, one: dict, two: dict, staff,
                                             persons: bool) -> None:
    forward = overlap(dataset(people, [build("x", one), build("y", two)], staffing=staff),
                      AS_OF, persons=persons)
    backward = overlap(dataset(people, [build("x", two), build("y", one)], staffing=staff),
                       AS_OF, persons=persons)
    assert [p.score for p in forward.pairs] == [p.score for p in backward.pairs]
    assert [p.shared_organisations for p in forward.pairs] == [
        p.shared_organisations for p in backward.pairs]
    for p in forward.pairs:
        assert 0 < p.score <= 1


@given(actors(), st.lists(specs(), min_size=2, max_size=5), st.sampled_from(STAFFINGS),
       st.booleans())
def test_overlap_scores_within_bounds_for_many(people: list, many: list, staff,
                                               persons: bool) -> None:
    result = overlap(dataset(people, [build(f"n{i}", s) for i, s in enumerate(many)],
                             staffing=staff), AS_OF, persons=persons)
    assert all(0 <= p.score <= 1 and p.a < p.b for p in result.pairs)
    assert list(result.pairs) == sorted(result.pairs, key=lambda p: (-p.score, p.a, p.b))


@given(actors(), specs(), st.data(), st.sampled_from(STAFFINGS), st.booleans())
def test_network_inside_another_is_nested(people: list, outer: dict, data: st.DataObject,
                                          staff, persons: bool) -> None:
    def subset(values: list) -> list:
        return sorted(data.draw(st.sets(st.sampled_from(values), min_size=1)))

    roles = subset([t.role for t in outer["targets"]])
    inner = {**outer, "members": subset(outer["members"]), "areas": subset(outer["areas"]),
             "targets": [target(r, 1, 1) for r in roles]}
    result = overlap(dataset(people, [build("in", inner), build("out", outer)], staffing=staff),
                     AS_OF, persons=persons)
    (pair,) = result.pairs
    assert pair.inner == "in"
    if pair.score >= result.duplicate_at:
        assert pair.relation == "duplicate"
    else:
        assert pair.relation == "nested"


NUMBERS = ("organisations", "persons", "networks", "meetings_per_year", "hours_per_year",
           "areas", "funding_lines", "reporting_lines", "max_person_hours", "over_capacity")
SIZE_NUMBERS = ("reached", "networks_mean", "hours_mean", "person_hours_mean",
                "max_person_hours", "persons_over_capacity")


def at_least(a, b) -> bool:
    """a >= b, for plain numbers and for figures at every end (an unknown part is not 0: a
    figure that gains unknown parts still has a known part no lower)."""
    if isinstance(a, Span):
        ends = [(x if x is not None else 0.0, y if y is not None else 0.0)
                for x, y in ((a.value, b.value), (a.low, b.low), (a.high, b.high))]
        return all(x >= y - 1e-9 for x, y in ends) and a.unknown >= b.unknown
    return a >= b


def assert_not_lower(before, after) -> None:
    """Every row of `before` is in `after` with no number lower."""
    rows_after = {r.key: r for r in after.rows}
    for row in before.rows:
        other = rows_after[row.key]
        for name in NUMBERS:
            assert at_least(getattr(other, name), getattr(row, name)), (row.key, name)
        if row.load is not None:
            assert at_least(other.load, row.load)
    for small, large in zip(before.size_classes, after.size_classes, strict=False):
        for name in SIZE_NUMBERS:
            if name in ("hours_mean", "person_hours_mean") and getattr(small, name).value is None:
                continue  # no municipality of the class was reached before: nothing to compare
            assert at_least(getattr(large, name), getattr(small, name)), (small.size_class, name)


BYS = ("municipality", "person", "role", "region")


@settings(max_examples=60)
@given(actors(), st.lists(specs(), max_size=4), specs(), st.sampled_from(STAFFINGS),
       st.sampled_from(BYS))
def test_adding_a_network_never_lowers_burden(people: list, base: list, extra: dict,
                                              staff, by: str) -> None:
    networks = [build(f"n{i}", s) for i, s in enumerate(base)]
    before = burden(dataset(people, networks, staffing=staff), AS_OF, by=by)
    after = burden(dataset(people, [*networks, build("extra", extra)], staffing=staff),
                   AS_OF, by=by)
    assert_not_lower(before, after)


@settings(max_examples=60)
@given(actors(), st.lists(specs(), min_size=1, max_size=5), st.data(),
       st.sampled_from(STAFFINGS), st.sampled_from(BYS))
def test_retiring_a_network_never_raises_burden(people: list, specs_: list, data: st.DataObject,
                                                staff, by: str) -> None:
    networks = [build(f"n{i}", s) for i, s in enumerate(specs_)]
    gone = data.draw(st.integers(0, len(networks) - 1))
    retired = list(networks)
    retired[gone] = dataclasses.replace(networks[gone], period=period("2000", "2010"))
    before = burden(dataset(people, networks, staffing=staff), AS_OF, by=by)
    after = burden(dataset(people, retired, staffing=staff), AS_OF, by=by)
    assert_not_lower(after, before)
