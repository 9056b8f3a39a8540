"""What-if scenarios worked out by hand, plus properties that must hold for any data."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ehelse_map.analyses.burden import burden
from ehelse_map.analyses.scenarios.file import read_scenario
from ehelse_map.analyses.scenarios.operations import (
    ChangeStaffing,
    Merge,
    Retire,
    Scenario,
    ScenarioError,
    SetTargets,
    apply_scenario,
    merged_targets,
)
from ehelse_map.analyses.scenarios.whatif import what_if
from ehelse_map.model.build import load_dataset
from ehelse_map.model.records import Target

from .builders import dataset, municipality, network

AS_OF = date(2024, 6, 1)
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "diff"


def figures(result):
    return {f.key: f for f in result.figures}


def test_merging_two_identical_networks_removes_exactly_their_duplicated_hours():
    # A and B reach m1 and m2 and ask r1 4×2 h and r2 2×3 h: 14 h each, so every
    # municipality gives 28 h a year, 14 of them duplicated. Total 2 × 28 = 56 h.
    # Merged: one network asking 14 h of each: 28 h in all, a saving of exactly 28 h.
    targets = [("r1", 4, 2), ("r2", 2, 3)]
    data = dataset([municipality("m1"), municipality("m2")],
                   [network("a", ["m1", "m2"], targets), network("b", ["m1", "m2"], targets)])
    result = what_if(data, Scenario("merge", (Merge(("a", "b")),)), AS_OF)
    hours = figures(result)["municipality_hours"]
    assert (hours.before.value, hours.after.value, hours.difference.value) == (56, 28, -28)
    assert figures(result)["overlap_pairs"].after.value == 0
    assert figures(result)["duplicate_pairs"].before.value == 1
    assert [(s.organisation, s.before.value, s.after.value) for s in result.organisations] == [
        ("m1", 28, 14), ("m2", 28, 14)]
    assert result.rules and "most hours a year" in result.rules[0]
    assert any("r1: asked by 2 networks; a's 4×2 h = 8 h/yr is kept, b's 4×2 h = 8 h/yr "
               "dropped" in e for e in result.explanations)


def test_what_if_computes_each_burden_once(monkeypatch):
    """Issue 22.3: the burden before and after is computed once each (for the key figures),
    and the change per organisation is read from those, as `organisation_changes` alone
    gives it."""
    import importlib

    from ehelse_map.analyses.scenarios.whatif import organisation_changes

    burden_module = importlib.import_module("ehelse_map.analyses.burden")  # not the function

    targets = [("r1", 4, 2)]
    data = dataset([municipality("m1"), municipality("m2")],
                   [network("a", ["m1", "m2"], targets), network("b", ["m1"], targets)])
    scenario = Scenario("merge", (Merge(("a", "b")),))
    computed = []
    real = burden_module.burden_and_person_hours
    monkeypatch.setattr(burden_module, "burden_and_person_hours",
                        lambda *a, **k: computed.append(a[0]) or real(*a, **k))
    result = what_if(data, scenario, AS_OF)
    assert len(computed) == 2 and computed[0] is data
    monkeypatch.undo()
    assert result.organisations == organisation_changes(
        data, apply_scenario(data, scenario), AS_OF)


def test_merge_keeps_per_role_the_cadence_with_most_hours_not_a_product():
    # r1: A asks 10 meetings × 1 h = 10 h, B 1 × 6 h = 6 h: the merged network asks 10 × 1 h.
    # (Taking the largest count and the longest meeting apart would give 10 × 6 = 60 h.)
    # r2 only in B: kept as it is. Areas and coverage are unions.
    a = network("a", ["m1"], [("r1", 10, 1)], areas=["a1"])
    b = network("b", ["m2"], [("r1", 1, 6), ("r2", 2, 2)], areas=["a2"])
    data = dataset([municipality("m1"), municipality("m2")], [a, b])
    merged = apply_scenario(data, Scenario("x", (Merge(("a", "b"), into="ab", name="AB"),)))
    assert set(merged.networks) == {"ab"}
    ab = merged.networks["ab"]
    assert [(t.role, t.meetings_per_year, t.hours_per_meeting) for t in ab.targets] == [
        ("r1", 10, 1), ("r2", 2, 2)]
    assert ab.coverage.members == ("m1", "m2") and ab.areas == ("a1", "a2")
    assert ab.name == "AB" and ab.inferred.startswith("what-if")
    assert merged_targets([b, a])[0].hours_per_year == 10


def test_merge_rewires_references_and_retire_drops_them():
    a = network("a", ["m1"], [("r1", 1, 1)])
    b = network("b", ["m1"], [("r1", 1, 1)])
    c = network("c", ["m1"], [("r1", 1, 1)], reports_to=("a",), steered_by=("b",), parent="b")
    data = dataset([municipality("m1")], [a, b, c])
    merged = apply_scenario(data, Scenario("x", (Merge(("a", "b")),)))
    assert merged.networks["c"].reports_to == ("a",) and merged.networks["c"].steered_by == ("a",)
    assert merged.networks["c"].parent == "a"
    retired = apply_scenario(data, Scenario("x", (Retire("b"),)))
    assert retired.networks["c"].steered_by == () and retired.networks["c"].parent is None


def test_unknown_ids_are_scenario_errors():
    data = dataset([municipality("m1")], [network("a", ["m1"], [("r1", 1, 1)])])
    with pytest.raises(ScenarioError, match="unknown network 'b'"):
        apply_scenario(data, Scenario("x", (Retire("b"),)))
    with pytest.raises(ScenarioError, match="at least two"):
        apply_scenario(data, Scenario("x", (Merge(("a", "a")),)))
    with pytest.raises(ScenarioError, match="unknown role"):
        apply_scenario(data, Scenario("x", (SetTargets("a", (Target.of("zz", 1, 1),)),)))


def test_cadence_and_staffing_changes():
    # m1 (one person holds r1 and r2): A asks r1 4×2 = 8 h, B asks r2 6×2 = 12 h -> 20 h.
    data = dataset([municipality("m1")],
                   [network("a", ["m1"], [("r1", 4, 2)]), network("b", ["m1"], [("r2", 6, 2)])],
                   groups=[["r1", "r2"]], capacity=15)
    before = what_if(data, Scenario("x", (SetTargets("b", (Target.of("r2", 3, 2),)),)), AS_OF)
    assert figures(before)["max_person_hours"].after.value == 14
    assert figures(before)["persons_over_capacity"].before.value == 1
    assert figures(before)["persons_over_capacity"].after.value == 0
    split = what_if(data, Scenario("x", (ChangeStaffing(separate_roles=True),)), AS_OF)
    assert figures(split)["max_person_hours"].after.value == 12
    assert figures(split)["municipality_hours"].difference.value == 0
    dropped = apply_scenario(data, Scenario("x", (SetTargets("a", remove=("r1",)),)))
    assert dropped.networks["a"].targets == ()


ROLES = ("r1", "r2", "r3")
MUNICIPALITIES = ("m1", "m2", "m3", "m4")


@st.composite
def landscapes(draw):
    networks = []
    for i in range(draw(st.integers(1, 5))):
        members = draw(st.lists(st.sampled_from(MUNICIPALITIES), min_size=1, unique=True))
        roles = draw(st.lists(st.sampled_from(ROLES), min_size=1, max_size=3, unique=True))
        targets = [(r, draw(st.integers(0, 12)), draw(st.sampled_from([0.5, 1, 2, 3])))
                   for r in roles]
        networks.append(network(f"n{i}", members, targets,
                                areas=draw(st.lists(st.sampled_from(["a1", "a2"]), min_size=1,
                                                    unique=True))))
    actors = [municipality(m, population=draw(st.sampled_from([400, 9000, 60000])))
              for m in MUNICIPALITIES]
    groups = draw(st.sampled_from([[], [["r1", "r2"]], [["r1", "r2", "r3"]]]))
    return dataset(actors, networks, groups=groups), [n.id for n in networks]


def person_hours(data):
    return {r.key: r.hours_per_year.value or 0.0
            for r in burden(data, AS_OF, by="person").rows}


@settings(max_examples=60, deadline=None)
@given(landscapes(), st.data())
def test_retiring_never_raises_anyones_burden(landscape, pick):
    data, ids = landscape
    victim = pick.draw(st.sampled_from(ids))
    before = person_hours(data)
    after = person_hours(apply_scenario(data, Scenario("x", (Retire(victim),))))
    assert all(after.get(k, 0) <= before.get(k, 0) + 1e-9 for k in set(before) | set(after))


@settings(max_examples=60, deadline=None)
@given(landscapes(), st.data())
def test_merging_adds_at_most_the_heaviest_cadences_to_new_members(landscape, pick):
    data, ids = landscape
    if len(ids) < 2:
        return
    chosen = pick.draw(st.lists(st.sampled_from(ids), min_size=2, max_size=3, unique=True))
    result = what_if(data, Scenario("x", (Merge(tuple(chosen)),)), AS_OF)
    hours = figures(result)["municipality_hours"]
    # A merge drops duplicated series, but a member of one network alone can be asked the
    # other's heavier cadence: the total can rise by at most that, and never falls below 0.
    assert 0 <= hours.after.value <= hours.before.value + _upper_bound_gain(data, chosen)


def _upper_bound_gain(data, chosen):
    """The most a merge can add: each member gets, per role, the heaviest cadence."""
    members = {m for i in chosen for m in data.networks[i].coverage.members}
    roles = {t.role for i in chosen for t in data.networks[i].targets}
    best = {r: max((t.hours_per_year for i in chosen for t in data.networks[i].targets
                    if t.role == r), default=0) for r in roles}
    return len(members) * sum(best.values())


def test_scenario_file_round_trip(tmp_path):
    data = load_dataset(FIXTURES / "old")
    path = tmp_path / "s.yaml"
    path.write_text(
        "scenario_version: 1\n"
        "name: One network\n"
        "operations:\n"
        "  - merge: [ks-ekomp, vft-nettverk]\n"
        "    into: kommunalt-ehelsenettverk\n"
        "  - retire: digi-vestland-styring\n"
        "  - network: digi-vestland-ehelse\n"
        "    targets: [{role: helseleiar, meetings_per_year: 2, hours_per_meeting: 3}]\n"
        "  - staffing: {capacity_hours_per_year: 200}\n")
    scenario, problems = read_scenario(str(path), "s.yaml", data)
    assert problems == []
    assert scenario.name == "One network"
    assert [type(o).__name__ for o in scenario.operations] == [
        "Merge", "Retire", "SetTargets", "ChangeStaffing"]
    after = apply_scenario(data, scenario)
    assert "kommunalt-ehelsenettverk" in after.networks and after.staffing.capacity_hours_per_year == 200


def test_scenario_file_errors_point_at_line_and_column(tmp_path):
    data = load_dataset(FIXTURES / "old")
    path = tmp_path / "bad.yaml"
    path.write_text(
        "scenario_version: 1\n"
        "operations:\n"
        "  - merge: [ks-ekomp, vft-netverk]\n"
        "  - retire: ks-ekomp\n"
        "    into: x\n"
        "  - {}\n"
        "  - network: ks-ekomp\n"
        "    targets: [{role: helseleiar, meetings_per_year: lots, hours_per_meeting: 1}]\n"
        "  - staffing: {capacity: 3}\n")
    scenario, problems = read_scenario(str(path), "bad.yaml", data)
    assert scenario is None
    assert [(p.line, p.column, p.code) for p in problems] == [
        (3, 23, "E012"), (5, 11, "E013"), (6, 5, "E011"), (8, 53, "E013"), (9, 16, "W100")]
    assert "did you mean 'vft-nettverk'" in problems[0].message


CONFLICTS = {
    # scenario operations (after the header) -> (line, column, code, message) of the problem
    "self-merge": ("  - merge: [ks-ekomp, ks-ekomp]\n",
                   (3, 12, "E015", "a merge needs at least two different networks; "
                                   "'ks-ekomp' is named twice")),
    "retired twice": ("  - retire: ks-ekomp\n  - note: again\n    retire: ks-ekomp\n",
                      (5, 13, "E012", "network 'ks-ekomp' is no longer there: operation 1 "
                                      "(retire ks-ekomp) took it away")),
    "merged away": ("  - merge: [ks-ekomp, vft-nettverk]\n    into: kommunalt\n"
                    "  - network: vft-nettverk\n    remove_targets: [helseleiar]\n",
                    (5, 14, "E012", "network 'vft-nettverk' is no longer there: operation 1 "
                                    "(merge ks-ekomp, vft-nettverk into kommunalt) took it away")),
    "into a taken id": ("  - merge: [ks-ekomp, vft-nettverk]\n    into: digi-vestland-ehelse\n",
                        (4, 11, "E015", "cannot merge into 'digi-vestland-ehelse': another "
                                        "network has that id")),
}


@pytest.mark.parametrize("case", sorted(CONFLICTS))
def test_errors_found_by_applying_the_scenario_have_a_location(tmp_path, run_cli, case):
    """What only applying the operations in order finds is a located problem of the file, like
    the checker's, and the command exits 1 as for any scenario with errors."""
    operations, (line, column, code, message) = CONFLICTS[case]
    path = tmp_path / "scenario.yaml"
    path.write_text("scenario_version: 1\noperations:\n" + operations, encoding="utf-8")
    scenario, problems = read_scenario(str(path), "scenario.yaml", load_dataset(FIXTURES / "old"))
    assert scenario is None
    assert [(p.line, p.column, p.code, p.message) for p in problems] == [
        (line, column, code, message)]
    result = run_cli(["whatif", str(path), "--data", str(FIXTURES / "old")])
    assert result.exit_code == 1
    assert f"scenario.yaml:{line}:{column}: error[{code}] {message}\n" in result.stderr


def test_command_line_conflicts_say_which_operation_took_the_network(run_cli):
    result = run_cli(["whatif", "--retire", "ks-ekomp", "--retire", "ks-ekomp",
                      "--data", str(FIXTURES / "old")])
    assert result.exit_code == 2
    assert result.stderr == ("ehelse-map: error: network 'ks-ekomp' is no longer there: "
                             "operation 1 (retire ks-ekomp) took it away\n")


def test_cli_whatif_options_and_file(run_cli, tmp_path):
    base = ["whatif", "--data", str(FIXTURES / "old"), "--as-of", "2024-06-01"]
    out = run_cli([*base, "--merge", "ks-ekomp,vft-nettverk", "-f", "json"])
    assert out.exit_code == 0, out.stderr
    payload = json.loads(out.stdout)
    hours = {f["key"]: f for f in payload["figures"]}["municipality_hours"]
    # ks-ekomp and the VFT network ask the same coordinator 6 × 2 h each in 3 municipalities.
    assert (hours["before"]["value"], hours["after"]["value"]) == (192, 156)
    text = run_cli([*base, "--retire", "ks-ekomp"]).stdout
    assert "What if" in text and "retire ks-ekomp" in text
    assert run_cli(base).exit_code == 2
    assert run_cli([*base, "--retire", "nope"]).exit_code == 2
    assert run_cli([*base, "--cadence", "ks-ekomp:helseleiar=lots"]).exit_code == 2
    bad = tmp_path / "bad.yaml"
    bad.write_text("scenario_version: 1\noperations:\n  - retire: nope\n")
    result = run_cli([*base, str(bad)])
    assert result.exit_code == 1
    assert "bad.yaml:3:13: error[E012] unknown network 'nope'" in result.stderr


def test_merge_explanation_counts_organisations_newly_asked_for_a_role():
    # A asks r1 in m1, m2; B asks r2 in m2, m3. The merged network reaches m1, m2, m3, so it
    # asks r1 of m3 (only B reached it) and r2 of m1 (only A reached it): one new each.
    data = dataset([municipality("m1"), municipality("m2"), municipality("m3")],
                   [network("a", ["m1", "m2"], [("r1", 4, 2)]),
                    network("b", ["m2", "m3"], [("r2", 2, 3)])])
    result = what_if(data, Scenario("merge", (Merge(("a", "b")),)), AS_OF)
    r1 = next(e for e in result.explanations if "r1:" in e)
    r2 = next(e for e in result.explanations if "r2:" in e)
    assert r1.endswith("also asks for it in 1 organisation that only the others reached")
    assert r2.endswith("also asks for it in 1 organisation that only the others reached")
    # m3 gains r1's 8 h and m1 gains r2's 6 h: both show as changes.
    assert {(s.organisation, s.before.value, s.after.value)
            for s in result.organisations} >= {
        ("m3", 6, 14), ("m1", 8, 14)}


@pytest.mark.parametrize("operation", [
    Merge(("digi-vestland", "digi-vestland-ehelse")), Retire("ks-ekomp"),
    SetTargets("digi-vestland", (Target.of("ehelsekoordinator", 12, 2, sources=("s",)),)),
    ChangeStaffing(capacity_hours_per_year=50.0), ChangeStaffing(separate_roles=True)])
@pytest.mark.parametrize("scope", [{}, {"region": "vestland"}])
def test_the_key_figures_after_a_scenario_equal_a_computation_from_scratch(operation, scope):
    """`what_if` lets the burden after a scenario keep the rows of the organisations it leaves
    alone (`burden.RowMemo`); they must be the rows a fresh computation gives."""
    from ehelse_map.analyses.burden import RowMemo
    from ehelse_map.analyses.figures import key_figures_and_burden

    data = load_dataset()
    after = apply_scenario(data, Scenario("x", (operation,)))
    rows = RowMemo()
    key_figures_and_burden(data, AS_OF, rows=rows, **scope)
    assert key_figures_and_burden(after, AS_OF, rows=rows, **scope) == key_figures_and_burden(
        after, AS_OF, **scope)
