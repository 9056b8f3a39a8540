"""Format 2 end to end, on tests/fixtures/format2 (every new construct once); the arithmetic is
in the comments.

Assumptions: cadence 4 meetings (2–6) × 3 hours (2–4) = 12 h (4–24); capacity 100 h (80–120);
staffing: up to 5,000 inhabitants (3,000–8,000) one person holds lead and coord.
Municipalities of region west: m-small (2,000), m-mid (6,000), m-big (30,000).

    general      ehelse (⊃ legemiddel, velferd), all three   coord: the cadence, 12 (4–24)
    specific     legemiddel, m-small and m-mid                coord: 10 × 2 = 20, documented
    seats-net    all three                    lead: 1 seat of 3 × 2 = 6 h: 2 each (0–6)
    post-net     m-big                        coord: a post the network holds: no burden
    part-net     all three, 2 of 3 take part  lead: 2 × 3 = 6 h × 2/3 = 4 each (0–6)
    unknown-net  the members of post-net      lead: no cadence: unknown
"""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path

import pytest

from ehelse_map.analyses.anchoring import anchoring
from ehelse_map.analyses.burden import burden
from ehelse_map.analyses.funding import funding
from ehelse_map.analyses.gaps import gaps
from ehelse_map.analyses.overlap import overlap
from ehelse_map.graph import build_graph
from ehelse_map.model.assume import with_assumptions
from ehelse_map.model.build import load_dataset

DATA = Path(__file__).parent / "fixtures" / "format2"
AS_OF = date(2024, 6, 1)


@pytest.fixture(scope="module")
def data():
    return load_dataset(DATA)


def ends(span):
    return (span.value, span.low, span.high)


def test_the_data_sets_own_date(data) -> None:
    assert data.as_of == AS_OF and data.name == "format 2 fixture"


def test_a_person_bears_estimates_documented_hours_and_shares(data) -> None:
    people = {r.key: r for r in burden(data, AS_OF, by="person").rows}
    small = people["m-small/lead+coord"]
    # 12 (4–24) + 20 + 2 (0–6) + 4 (0–6) = 38 (24–56)
    assert ends(small.hours_per_year) == (38, 24, 56)
    assert small.estimated and set(small.shared) == {"seats-net", "part-net"}
    # load against 100 (80–120): 0.38, low 24 / 120 = 0.2, high 56 / 80 = 0.7
    assert ends(small.load) == (0.38, 0.2, 0.7)
    assert small.rests_on == ("cadence", "capacity", "staffing")


def test_staffing_thresholds_widen_the_most_loaded_persons_range(data) -> None:
    mid = {r.key: r for r in burden(data, AS_OF).rows}["m-mid"]
    # 6,000 inhabitants: two persons at the central threshold (coord 12 + 20 = 32, 24–44;
    # lead 2 + 4 = 6, 0–12); at the high threshold (8,000) one person holds both: 38 (24–56).
    assert ends(mid.max_person_hours) == (32, 24, 56)
    assert mid.persons == 2


def test_unknown_cadence_is_never_zero_and_network_posts_are_no_burden(data) -> None:
    result = burden(data, AS_OF, by="person")
    lead = {r.key: r for r in result.rows}["m-big/lead"]
    # seats 2 (0–6) + participation 4 (0–6), and unknown-net's unknown part
    assert ends(lead.hours_per_year) == (6, 0, 12) and lead.hours_per_year.unknown == 1
    assert lead.unknown_networks == ("unknown-net",)
    coord = {r.key: r for r in result.rows}["m-big/coord"]
    assert ends(coord.hours_per_year) == (12, 4, 24)  # general only: post-net asks nothing
    assert [(p.network, p.role) for p in result.network_posts] == [("post-net", "coord")]
    assert (result.hours_known_networks, result.networks_in_scope) == (5, 6)
    # post-net reaches m-big and asks nothing of it: one of its networks, none of its unknowns
    big = {r.key: r for r in burden(data, AS_OF).rows}["m-big"]
    assert "post-net" in big.network_ids and big.unknown_networks == ("unknown-net",)
    assert ends(big.hours_per_year) == (18, 4, 36) and big.hours_per_year.unknown == 1


def test_the_note_on_network_posts_names_a_few_and_counts_the_rest(data) -> None:
    from dataclasses import replace

    from ehelse_map.render.analysis_tables import NOTE_POSTS, burden_table

    def posts_note(result) -> str:
        notes = [str(n) for n in burden_table(result).notes]
        return next(n for n in notes if n.startswith("posts the networks hold"))

    result = burden(data, AS_OF)
    assert posts_note(result).endswith(": post-net/coord")
    [post] = result.network_posts
    many = tuple(replace(post, network=f"net-{i:03}") for i in range(40))
    note = posts_note(replace(result, network_posts=many))
    assert "40, the first 8: net-000/coord, net-001/coord" in note and NOTE_POSTS == 8
    assert "net-007/coord" in note and "net-008" not in note  # the rest counted, not named
    assert note.endswith("all of them in --format json")


def test_a_general_mandate_meets_its_narrower_areas(data) -> None:
    [pair] = [p for p in overlap(data, AS_OF).pairs if {p.a, p.b} == {"general", "specific"}]
    # T(general) = 3 areas (ehelse, legemiddel, velferd) × coord × 3 orgs = 9;
    # T(specific) = 1 × 1 × 2 = 2; shared: legemiddel × coord × 2 = 2; score 2 / (9 + 2 − 2)
    assert pair.score == round(2 / 9, 4) and pair.relation == "nested"
    assert pair.inner == "specific" and pair.shared_areas == ("legemiddel",)
    assert pair.via_broader == ("ehelse ⊃ legemiddel",)
    # --area legemiddel keeps the general network too
    assert {p.a for p in overlap(data, AS_OF, area="legemiddel").pairs} | {
        p.b for p in overlap(data, AS_OF, area="legemiddel").pairs} == {"general", "specific"}
    cells = {(c.area, c.region): c.count for c in gaps(data, AS_OF).cells}
    assert cells[("velferd", "west")] == 2  # general (through ehelse) and post-net


def test_each_grant_is_a_line_and_only_while_it_runs(data) -> None:
    result = funding(data, AS_OF)
    specific = next(n for n in result.networks if n.network == "specific")
    # g1 ended in 2021 and g3 was refused: only g2 counts in 2024
    assert [(line.grant, line.amount, line.currency) for line in specific.lines] == [
        ("g2", 500000, "NOK")]
    assert specific.reporting_lines == ("funder (g2)",) and specific.ended_lines == 2
    earlier = funding(data, date(2021, 6, 1))
    assert [line.grant for line in next(
        n for n in earlier.networks if n.network == "specific").lines] == ["g1"]
    # general documents no funding (funding: []); seats-net says nothing: unknown, not none
    assert "general" in result.unfunded and "seats-net" in result.undocumented
    assert next(n for n in result.networks if n.network == "seats-net").funders is None


def test_the_host_of_the_day_and_the_relations_are_in_the_graph(data) -> None:
    graph = build_graph(data, AS_OF)
    hosts = [u for u, v, kind in graph.edges(data="type") if v == "network:general"
             and kind == "hosts"]
    assert hosts == ["actor:m-big"]
    earlier = build_graph(data, date(2021, 1, 1))
    assert [u for u, v, kind in earlier.edges(data="type") if v == "network:general"
            and kind == "hosts"] == ["actor:ks"]
    assert ("actor:ministry", "network:general") in {
        (u, v) for u, v, kind in graph.edges(data="type") if kind == "mandate"}
    assert data.networks["general"].host == "m-big"  # on the data's own date


def test_anchoring_follows_a_mandate_back_to_who_gave_it(data) -> None:
    rows = {r.network: r for r in anchoring(data, AS_OF).networks}
    # no network reaches a leader through the ministry (it targets nobody): nothing invented
    assert {a.anchor: a.how for a in rows["general"].anchors}["health-leader"] == "none"


def test_coverage_of_the_members_of_another_network(data) -> None:
    assert data.networks["unknown-net"].coverage.members == ("m-big",)


def test_assume_equals_editing_the_data(tmp_path, run_cli) -> None:
    edited = tmp_path / "edited"
    shutil.copytree(DATA, edited)
    actors = edited / "actors.yaml"
    actors.write_text(actors.read_text(encoding="utf-8").replace(
        "meetings_per_year: {value: 4, low: 2, high: 6,",
        "meetings_per_year: {value: 8, low: 8, high: 8,"), encoding="utf-8")
    args = ["burden", "--by", "person", "--format", "json"]
    assumed = run_cli([*args, "--data", str(DATA), "--assume",
                       "cadence.meetings_per_year=8"])
    assert assumed.exit_code == 0, assumed.stderr
    assert "assuming cadence.meetings_per_year = 8 (the data: 4 (2–6))" in assumed.stderr
    plain = run_cli([*args, "--data", str(edited)])
    as_assumed = json.loads(assumed.stdout)
    # the same figures; the output names the override, which the edited data does not need
    assert as_assumed.pop("assumed") == ["cadence.meetings_per_year = 8 (the data: 4 (2–6))"]
    assert as_assumed == json.loads(plain.stdout)


OVERRIDE = "cadence.meetings_per_year = 8 (the data: 4 (2–6))"


@pytest.mark.parametrize("command", [["burden"], ["overlap"], ["profile", "m-small"],
                                     ["sensitivity", "--samples", "2"], ["recommend"],
                                     ["whatif", "--retire", "seats-net"]])
@pytest.mark.parametrize("fmt", ["table", "markdown", "json"])
def test_every_output_names_the_overrides_it_was_run_under(run_cli, command, fmt) -> None:
    args = [*command, "--data", str(DATA), "--format", fmt]
    result = run_cli([*args, "--assume", "cadence.meetings_per_year=8"])
    assert result.exit_code == 0, result.stderr
    if fmt == "json":
        assert json.loads(result.stdout)["assumed"] == [OVERRIDE]
    else:  # once, after everything else the command prints (markdown escapes the _)
        text = result.stdout.replace("\\_", "_")
        assert " ".join(text.split()).count(f"assumed for this run (--assume): {OVERRIDE}") == 1
    plain = run_cli(args)  # without --assume nothing is said, and JSON keeps its keys
    assert "assumed" not in plain.stdout
    assert "--assume" not in plain.stdout


def test_pictures_and_reports_name_the_overrides(run_cli, tmp_path) -> None:
    picture, report = tmp_path / "burden.svg", tmp_path / "report.html"
    for args in (["diagram", "burden", "-o", str(picture)], ["report", "-o", str(report)]):
        result = run_cli([*args, "--data", str(DATA), "--assume", "cadence.meetings_per_year=8"])
        assert result.exit_code == 0, result.stderr
    assert OVERRIDE in " ".join(picture.read_text(encoding="utf-8").split())
    assert OVERRIDE in report.read_text(encoding="utf-8").replace("&#x27;", "'")


def test_an_assumption_with_low_equal_high_gives_a_zero_width_range(data) -> None:
    pinned, _ = with_assumptions(data, {"cadence.meetings_per_year": 4,
                                        "cadence.hours_per_meeting": 3})
    coord = {r.key: r for r in burden(pinned, AS_OF, by="person").rows}["m-big/coord"]
    assert ends(coord.hours_per_year) == (12, 12, 12)


@pytest.mark.parametrize("override, message", [
    ("nowhere=3", "unknown assumption 'nowhere'"),
    ("cadence=3", "has several values; name one: cadence.hours_per_meeting"),
    ("cadence.length=3", "has no value 'length'"),
    ("capacity", "is not ID=VALUE"),
    ("capacity=-1", "must be a number from 0 to 1e+09, as in the data"),
    ("capacity=nan", "must be a number from 0 to 1e+09"),
    ("capacity=inf", "must be a number from 0 to 1e+09"),
    # beyond what the data format takes, sums of hours would overflow to infinity
    ("cadence.meetings_per_year=1e308", "must be a number from 0 to 1e+09"),
])
def test_bad_overrides_are_usage_errors(run_cli, override, message) -> None:
    result = run_cli(["burden", "--data", str(DATA), "--assume", override])
    assert result.exit_code == 2 and message in result.stderr


def test_migrate_is_loss_free_on_version_1_data(tmp_path, run_cli) -> None:
    for fixture in ("minimal", "diff/old"):
        source = Path(__file__).parent / "fixtures" / fixture
        folder = tmp_path / fixture.replace("/", "-")
        shutil.copytree(source, folder)
        before = load_dataset(folder)
        assert run_cli(["migrate", str(folder)]).exit_code == 0
        for name in ("actors.yaml", "networks.yaml"):
            old = (source / name).read_text(encoding="utf-8").splitlines()
            new = (folder / name).read_text(encoding="utf-8").splitlines()
            assert [(a, b) for a, b in zip(old, new, strict=True) if a != b] == [
                ("schema_version: 1", "schema_version: 2")]
        after = load_dataset(folder)
        assert after.networks == before.networks and after.actors == before.actors
        assert run_cli(["migrate", str(folder), "--check"]).exit_code == 0


# --- bad input for each new field: exact file:line:col and code -----------------------------

BASE_NETWORK = """schema_version: 2
areas:
  - {id: a1, labels: {en: A1}, sources: [s]}
roles:
  - {id: r1, labels: {en: R1}, sources: [s]}
networks:
  - id: n1
    name: N1
    kind: network
    level: regional
    country: "NO"
    coverage: [m1, m2]
    areas: [a1]
    tasks: [coordination]
    sources: [s]
"""
BASE_ACTORS = """schema_version: 2
sources:
  - {id: s, title: S}
actors:
  - {id: m1, name: M1, kind: municipality, level: local, country: "NO", sources: [s]}
  - {id: m2, name: M2, kind: municipality, level: local, country: "NO", sources: [s]}
"""


@pytest.mark.parametrize("extra, expected", [
    ("    targets:\n      - {role: r1, asks: seats, seats: many, meetings_per_year: 1,"
     " hours_per_meeting: 1, sources: [s]}\n", "networks.yaml:17:40: error[E013]"),
    ("    targets:\n      - {role: r1, asks: seats, seats: 5, meetings_per_year: 1,"
     " hours_per_meeting: 1, sources: [s]}\n", "networks.yaml:17:40: error[E013] 5 seats but"),
    ("    successor: nowhere\n", "networks.yaml:16:16: error[E012] unknown network 'nowhere'"),
    ("    successor: n1\n", "networks.yaml:16:16: error[E020] succession goes round in a circle:"
     " n1 → n1"),
    ("    host:\n      - {actor: m1, from: '2020'}\n      - {actor: m2, from: '2022'}\n",
     "networks.yaml:18:9: error[E016] hosts 1 and 2 cover the same time"),
    ("    participation: {count: 3, of: 2}\n", "networks.yaml:16:28: error[E013] 3 take part, "
     "more than the 2"),
    ("    funding:\n      - {source: m1, amount: {value: 5}}\n",
     "networks.yaml:17:30: error[E011] missing required field 'currency'"),
])
def test_each_new_field_refuses_what_it_cannot_mean(tmp_path, run_cli, extra, expected):
    (tmp_path / "actors.yaml").write_text(BASE_ACTORS, encoding="utf-8")
    (tmp_path / "networks.yaml").write_text(BASE_NETWORK + extra, encoding="utf-8")
    result = run_cli(["validate", str(tmp_path), "--format", "text"])
    assert result.exit_code == 1
    assert expected in result.stdout, result.stdout


def test_circles_of_areas_and_of_members_of_are_errors(tmp_path, run_cli) -> None:
    (tmp_path / "actors.yaml").write_text(BASE_ACTORS, encoding="utf-8")
    networks = BASE_NETWORK.replace(
        "  - {id: a1, labels: {en: A1}, sources: [s]}\n",
        "  - {id: a1, labels: {en: A1}, broader: [a2], sources: [s]}\n"
        "  - {id: a2, labels: {en: A2}, broader: [a1], sources: [s]}\n").replace(
        "    coverage: [m1, m2]\n", "    coverage: {members_of: n2}\n") + (
        "  - {id: n2, name: N2, kind: network, level: local, country: 'NO',"
        " coverage: {members_of: n1}, areas: [a1], tasks: [coordination], sources: [s]}\n")
    (tmp_path / "networks.yaml").write_text(networks, encoding="utf-8")
    result = run_cli(["validate", str(tmp_path), "--format", "text"])
    assert "networks.yaml:3:41: error[E020] areas are broader than each other in a circle" \
        in result.stdout
    assert "error[E020] coverage goes round in a circle: n1 → n2 → n1" in result.stdout


def test_a_scenario_file_runs_under_its_own_assumptions(tmp_path, run_cli) -> None:
    scenario = tmp_path / "s.yaml"
    scenario.write_text("scenario_version: 1\nassume:\n  cadence.meetings_per_year: 6\n"
                        "operations:\n  - retire: seats-net\n", encoding="utf-8")
    result = run_cli(["whatif", str(scenario), "--data", str(DATA), "-f", "json"])
    assert result.exit_code == 0, result.stderr
    assert "assuming cadence.meetings_per_year = 6" in result.stderr
    # m-small's person before: general 6 × 3 = 18 + 20 + 2 + 4 = 44; seats-net retired: 42
    hours = {f["key"]: f for f in json.loads(result.stdout)["figures"]}["max_person_hours"]
    assert (hours["before"]["value"], hours["after"]["value"]) == (44, 42)
    scenario.write_text("scenario_version: 1\nassume:\n  nowhere: 3\n"
                        "operations:\n  - retire: seats-net\n", encoding="utf-8")
    bad = run_cli(["whatif", str(scenario), "--data", str(DATA)])
    assert bad.exit_code == 1 and "s.yaml:3:12: error[E012] unknown assumption 'nowhere'" \
        in bad.stderr
