"""Survey answers in the analyses, on a hand-made data set; the arithmetic is in the comments.

    n1: m1 m2 m3 m4 m5        r1 4×3 = 12 h, an estimate with range 2–6 meetings × 2–4 hours
                               (so 4–24 h)
    n2: m1 m2, 1 seat         r1 2×6 = 12 h documented; one seat shared by 2: each bears the
                               expected share 1/2 = 6 h (range 0–12)

No staffing: every role is a person of its own. Answers are given for the 12 months before
2024-05-31 and are in force on AS_OF (2024-06-01).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from ehelse_map.analyses import burden
from ehelse_map.analyses.evidence import Evidence, in_force
from ehelse_map.analyses.figures import key_figures
from ehelse_map.analyses.scenarios.operations import Merge, merge_networks, retire_network
from ehelse_map.analyses.scenarios.recommend import recommend
from ehelse_map.fuzzydate import FuzzyDate
from ehelse_map.model.records import (
    AssumedValue,
    Assumption,
    Observation,
    Participation,
    Quantity,
    Target,
)
from ehelse_map.render.analysis_tables import burden_table

from .factory import AS_OF, actor, dataset, network, period

CADENCE = Assumption("cad", "ESTIMATE: quarterly, three hours", ("s1",), {
    "meetings_per_year": AssumedValue(4, 2, 6), "hours_per_meeting": AssumedValue(3, 2, 4)})
ESTIMATED = Target("r1", Quantity(4, 2, 6, "estimated", "cad", "meetings_per_year"),
                   Quantity(3, 2, 4, "estimated", "cad", "hours_per_meeting"), "cad")
SEAT = Target.of("r1", 2, 6, sources=("s1",), asks="seats", seats=1)
MEMBERS = ["m1", "m2", "m3", "m4", "m5"]


def answer(organisation: str, takes_part: str = "yes", meetings: float | None = None,
           hours: float | None = None, network: str = "n1", role: str = "r1",
           start: str = "2023-06-01", end: str = "2024-05-31") -> Observation:
    def observed(value: float | None) -> Quantity:
        if value is None:
            return Quantity(None, basis="unknown")
        return Quantity(float(value), float(value), float(value), "observed", sources=("q",))

    return Observation(f"obs-{organisation}-{network}-{end}", organisation, network, role,
                       period(start, end), takes_part, ("q",), observed(meetings),
                       observed(hours), FuzzyDate.parse(end))


def data(*observations: Observation, rule: str | None = None, n1: list[str] = MEMBERS,
         **fields):
    built = dataset([actor(m) for m in MEMBERS],
                    [network("n1", n1, targets=[ESTIMATED], **fields),
                     network("n2", ["m1", "m2"], targets=[SEAT])])
    return replace(built, assumptions={"cad": CADENCE}, observations=observations,
                   survey_rule=rule)


def hours(result, key: str):
    row = {r.key: r for r in result.rows}[key]
    return (row.hours_per_year.value, row.hours_per_year.low, row.hours_per_year.high,
            row.hours_per_year.estimated)


def test_without_answers_nothing_changes():
    result = burden(data(), AS_OF)
    # m1: n1 12 (4–24) estimated + n2 6 (0–12) = 18 (4–36)
    assert hours(result, "m1") == (18, 4, 36, True)
    assert not any(r.observed for r in result.rows)
    assert (result.observed_organisations, result.reached_organisations) == (0, 5)
    assert not any("observed" in str(note) for note in burden_table(result).notes)


def test_an_answer_replaces_the_estimate_for_that_organisation_only():
    result = burden(data(answer("m3", meetings=6, hours=2)), AS_OF)
    # m3: 6 meetings × 2 h = 12 h, observed: no range, not an estimate
    assert hours(result, "m3") == (12, 12, 12, False)
    row = {r.key: r for r in result.rows}["m3"]
    assert row.observed and row.observed_networks == ("n1",) and row.rests_on == ()
    # m4 did not answer: still the estimate 12 (4–24)
    assert hours(result, "m4") == (12, 4, 24, True)
    assert (result.observed_organisations, result.fully_observed_organisations,
            result.reached_organisations, result.observed_series) == (1, 1, 5, 1)
    assert "obs" in burden_table(result).rows[[r.key for r in result.rows].index("m3")][-1]
    notes = burden_table(result).notes
    assert "hours observed (survey answers) in 1 of 5 municipalities (all their hours in 1)" in notes


def test_takes_part_no_takes_the_network_off():
    result = burden(data(answer("m4", "no"), answer("m1", "no", network="n2")), AS_OF)
    got = {r.key: r for r in result.rows}
    assert "m4" not in got  # n1 was its only network
    # m1: n2's seat answered "no": only n1's estimate is left, 12 (4–24)
    assert hours(result, "m1") == (12, 4, 24, True)
    assert got["m1"].networks == 1 and got["m1"].observed_networks == ("n2",)
    # m2 still bears the expected half of n2's seat: 12 + 6 = 18 (4–36)
    assert hours(result, "m2") == (18, 4, 36, True)
    # both answered, but their remaining hours are estimates: none is fully observed
    assert (result.observed_organisations, result.fully_observed_organisations) == (1, 0)


def test_an_answer_that_it_takes_part_ends_the_expected_share():
    # m2 holds n2's one seat: it bears the whole series, 2 × 6 = 12 h, not 6 (0–12)
    result = burden(data(answer("m2", meetings=2, hours=6, network="n2")), AS_OF, role="r1")
    assert hours(result, "m2") == (24, 16, 36, True)  # n1 12 (4–24) + n2 12
    row = {r.key: r for r in result.rows}["m2"]
    assert row.shared == ()
    # documented participation without m5 is overruled by m5's own "partly"
    part = (Participation(members=("m1", "m2", "m3", "m4")),)
    result = burden(data(answer("m5", "partly", meetings=1), participation=part), AS_OF)
    # 1 meeting observed × 3 h (2–4) estimated = 3 (2–4), partly observed
    assert hours(result, "m5") == (3, 2, 4, True)


def test_a_partial_answer_keeps_the_estimate_for_what_it_left_out():
    result = burden(data(answer("m3", meetings=6)), AS_OF)
    # 6 observed × 3 (2–4) estimated hours = 18 (12–24)
    assert hours(result, "m3") == (18, 12, 24, True)
    row = {r.key: r for r in result.rows}["m3"]
    assert row.observed and row.rests_on == ("cad",)
    assert result.fully_observed_organisations == 0


def test_the_survey_rule_gives_the_median_to_members_that_did_not_answer():
    answers = (answer("m1", meetings=2, hours=1), answer("m2", meetings=4, hours=2),
               answer("m3", meetings=6, hours=3), answer("m4", "partly", meetings=1, hours=1))
    off = burden(data(*answers), AS_OF)
    assert hours(off, "m5") == (12, 4, 24, True)  # no rule: the estimate
    assert burden(data(*answers, rule="median-4"), AS_OF).surveyed_networks == ()  # 3 "yes"
    result = burden(data(*answers, rule="median-3"), AS_OF)
    # medians of the three "yes" answers: 4 meetings × 2 h = 8 h; range 2×1 = 2 to 6×3 = 18;
    # surveyed: not an estimate, not m5's own observation
    assert hours(result, "m5") == (8, 2, 18, False)
    row = {r.key: r for r in result.rows}["m5"]
    assert row.surveyed == ("n1",) and not row.observed and row.rests_on == ()
    assert result.surveyed_networks == ("n1",) and result.survey_rule == "median-3"
    # members that answered keep their own answer: m4 "partly", 1 × 1 = 1 h
    assert hours(result, "m4") == (1, 1, 1, False)
    notes = burden_table(result).notes
    assert any(n.startswith("srv: survey rule median-3") for n in notes)
    assert "srv" in {r.key: m for r, m in zip(result.rows, (c[-1] for c in
                                                              burden_table(result).rows),
                                              strict=True)}["m5"]


def test_which_answer_is_in_force():
    old = answer("m1", meetings=1, hours=1, start="2022-06-01", end="2023-05-31")
    new = answer("m1", meetings=8, hours=1)
    assert in_force(new, date(2024, 6, 1)) and in_force(new, date(2025, 5, 31))
    assert not in_force(new, date(2025, 6, 1))  # a year after its period ended
    assert not in_force(new, date(2023, 5, 31))  # before its period began
    evidence = Evidence(data(old, new), AS_OF)
    assert evidence.of("m1", "n1")["r1"] is new  # both in force: the later period wins
    assert Evidence(data(old, new), date(2023, 1, 1)).of("m1", "n1")["r1"] is old


def test_key_figures_recommend_and_scenarios_use_the_answers():
    base = data()
    observed = data(answer("m1", meetings=1, hours=1), answer("m2", meetings=1, hours=1))
    # municipality hours: n1 5 × 12 = 60, n2 2 × 6 = 12 -> 72; with answers m1, m2 bear
    # 1 h of n1 each instead of 12: 72 - 22 = 50
    assert key_figures(base, AS_OF).value("municipality_hours").value == 72
    figures = key_figures(observed, AS_OF)
    assert figures.value("municipality_hours").value == 50
    assert (figures.observed_municipalities, figures.municipalities_reached) == (2, 5)
    assert recommend(observed, AS_OF, min_score=0.0).observed_municipalities == 2
    # an operation that changes a network sets its answers aside
    assert merge_networks(observed, Merge(("n1", "n2"))).observations == ()
    assert retire_network(observed, "n2").observations == observed.observations
    assert retire_network(observed, "n1").observations == ()


def test_key_figures_after_a_scenario_keep_the_rows_it_leaves_alone_answers_and_all(
        monkeypatch):
    """What-if computes the burden before and after; after, an organisation whose networks,
    answers, actor and staffing are the very same objects keeps its row (`burden.RowMemo`).
    m1 answered about n2; retiring n3 (m4 only) leaves m1's answer and row as they were, and
    every figure equals a computation from scratch. Retiring n2 sets m1's answer aside: the
    answers differ, so no row is kept."""
    import importlib

    from ehelse_map.analyses.figures import key_figures_and_burden

    module = importlib.import_module("ehelse_map.analyses.burden")
    before = data(answer("m1", network="n2", meetings=3, hours=2))
    before = replace(before, networks={**before.networks,
                                       "n3": network("n3", ["m4"], targets=[SEAT])})
    for retired, worked_out in (("n3", {"m4"}), ("n2", set(MEMBERS))):
        after = retire_network(before, retired)
        rows = module.RowMemo()
        key_figures_and_burden(before, AS_OF, rows=rows)
        computed: list[str] = []
        loads = module._Context.loads
        monkeypatch.setattr(module._Context, "loads",
                            lambda self, org_id, org, seen=computed, real=loads:
                            seen.append(org_id) or real(self, org_id, org))
        kept = key_figures_and_burden(after, AS_OF, rows=rows)
        monkeypatch.undo()
        assert set(computed) == worked_out
        assert kept == key_figures_and_burden(after, AS_OF)
