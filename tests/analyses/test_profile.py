"""`profile`: one organisation's own view, worked out by hand on tests/fixtures/format2.

The fixture (its numbers are in tests/test_format2.py): cadence 4 meetings (2–6) × 3 hours
(2–4) = 12 h (4–24); capacity 100 h (80–120); up to 5,000 inhabitants (3,000–8,000) one person
holds lead and coord. m-small (2,000 inhabitants, region west) is reached by four networks:

    network    role   asks                       meetings          hours           basis
    specific   coord  member, documented 10 × 2  10                20              documented
    general    coord  member, the cadence        4 (2–6)           12 (4–24)       estimated
    part-net   lead   2 of 3 take part, 2 × 3    2 × 2/3 = 1.33    6 × 2/3 = 4     documented
                                                 (0–2)             (0–6)
    seats-net  lead   1 seat of 3, 3 × 2         3 × 1/3 = 1 (0–3) 6 × 1/3 = 2     documented
                                                                   (0–6)

One person holds lead and coord: 20 + 12 + 4 + 2 = 38 h (24–56), 10 + 4 + 1.33 + 1 = 16.33
meetings (12–21); load 38 / 100 = 0.38 (24 / 120 = 0.2 to 56 / 80 = 0.7).
"""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from pathlib import Path

import pytest

from ehelse_map.analyses.burden import burden_views
from ehelse_map.analyses.profile import profile
from ehelse_map.model.build import load_dataset
from ehelse_map.render.table import jsonable

ROOT = Path(__file__).resolve().parents[1]
FORMAT2 = ROOT / "fixtures" / "format2"
ANALYSES = Path(__file__).parent / "data"
AS_OF = date(2024, 6, 1)


def ends(span):
    return None if span is None else (round(span.value, 2), round(span.low, 2),
                                      round(span.high, 2))


@pytest.fixture(scope="module")
def data():
    return load_dataset(FORMAT2)


@pytest.fixture(scope="module")
def small(data):
    return profile(data, AS_OF, "m-small")


def test_every_network_reaching_it_with_its_series(small) -> None:
    # sorted by hours a year, most first
    assert [n.network for n in small.networks] == ["specific", "general", "part-net",
                                                   "seats-net"]
    series = {n.network: n.series for n in small.networks}
    [specific], [general], [part], [seats] = (series[n] for n in (
        "specific", "general", "part-net", "seats-net"))
    assert (ends(specific.meetings_per_year), ends(specific.hours_per_year), specific.basis) \
        == ((10, 10, 10), (20, 20, 20), "documented")
    assert (ends(general.meetings_per_year), ends(general.hours_per_year), general.basis,
            general.assumptions) == ((4, 2, 6), (12, 4, 24), "estimated", ("cadence",))
    # 2 of 3 take part: 2 × 3 h × 2/3, from none of it (0) to all of it (6)
    assert (ends(part.meetings_per_year), ends(part.hours_per_year), part.shared) \
        == ((1.33, 0, 2), (4, 0, 6), True)
    # 1 seat shared by 3: 3 × 2 h × 1/3
    assert (ends(seats.meetings_per_year), ends(seats.hours_per_year), seats.shared) \
        == ((1, 0, 3), (2, 0, 6), True)
    # under 5,000 inhabitants one person holds both roles
    assert {s.person for s in (specific, general, part, seats)} == {("lead", "coord")}
    assert all(n.via is None for n in small.networks)


def test_the_person_and_the_totals_are_burdens(data, small) -> None:
    [person] = small.persons
    assert person.roles == ("lead", "coord") and person.networks == 4
    assert ends(person.hours_per_year) == (38, 24, 56)
    assert ends(person.meetings_per_year) == (16.33, 12, 21)
    assert ends(person.load) == (0.38, 0.2, 0.7)
    assert ends(small.burden.hours_per_year) == (38, 24, 56)
    assert ends(small.capacity_hours_per_year) == (100, 80, 120)
    assert small.assumptions == ("cadence", "capacity", "staffing")
    assert small.from_findings == ("F1",)  # the staffing assumption is taken from F1


@pytest.mark.parametrize("folder", [FORMAT2, ANALYSES])
def test_the_figures_are_those_burden_gives_every_organisation(folder) -> None:
    data = load_dataset(folder)
    orgs, people = burden_views(data, AS_OF, ("municipality", "person"))
    for row in orgs.rows:
        found = profile(data, AS_OF, row.key)
        assert found.burden == row
        assert found.persons == tuple(sorted(
            (p for p in people.rows if p.organisation == row.key),
            key=lambda p: (-(p.hours_per_year.value or 0), p.key)))
        assert {n.network for n in found.networks} == set(row.network_ids)


def test_funding_and_reporting_lines_on_the_day(small) -> None:
    funding = {n.network: n for n in small.networks}
    # specific: g1 ended in 2021, g3 was refused; g2 (2024–) reports to the funder
    assert [(f.grant, f.amount) for f in funding["specific"].funding] == [("g2", 500000)]
    assert funding["specific"].reporting_lines == ("funder (g2)",)
    # general documents no funding; seats-net and part-net say nothing: unknown, not none
    assert funding["general"].funding_documented and funding["general"].funding == ()
    assert small.funding_unknown == ("part-net", "seats-net")
    assert (small.funders, small.funding_lines, small.reporting_lines) == (
        ("funder",), 1, ("funder (g2)",))


def test_the_overlaps_among_them_here(small) -> None:
    pairs = {(p.a, p.b): p for p in small.overlaps}
    # general/specific: legemiddel × coord × {m-small, m-mid} = 2 of 9 + 2 − 2: 0.2222
    # part-net/seats-net: other × lead × 3 organisations each, the same three: 1.0
    assert sorted(pairs) == [("general", "specific"), ("part-net", "seats-net")]
    assert (pairs["general", "specific"].score, pairs["general", "specific"].relation) == (
        0.2222, "nested")
    assert (pairs["part-net", "seats-net"].score, pairs["part-net", "seats-net"].relation) == (
        1.0, "duplicate")
    # coord (general, specific) and lead (part-net, seats-net) are one person in m-small,
    # but on different areas (ehelse ⊃ legemiddel, velferd vs other): no overlap of persons
    assert small.person_overlaps == ()


def test_the_path_to_its_leaders(small) -> None:
    leaders = {lead.anchor: lead for lead in small.leaders}
    # lead is a health-leader role; part-net and seats-net ask it of m-small themselves
    assert leaders["health-leader"].direct == ("part-net", "seats-net")
    assert leaders["health-leader"].none == ("general", "specific")
    assert leaders["chief-executive"].none == ("general", "part-net", "seats-net", "specific")
    assert all(not lead.paths for lead in small.leaders)


def test_posts_unknowns_and_who_takes_part(data) -> None:
    big = {n.network: n for n in profile(data, AS_OF, "m-big").networks}
    # post-net holds the coordinator post itself: it reaches m-big and asks nothing of it
    [post] = big["post-net"].series
    assert post.asks == "network" and ends(big["post-net"].hours_per_year) == (0, 0, 0)
    # unknown-net asks the head of health and care without a cadence: unknown, never 0
    [lead] = big["unknown-net"].series
    assert lead.basis == "unknown" and big["unknown-net"].hours_per_year.value is None
    # the order puts the unknown last
    assert list(big)[-1] == "unknown-net"


AGGREGATE = """\
  - {id: m-others, name: The other municipalities, kind: municipality, level: local,
     country: "NO", count: 3, population: 9000,
     population_as_of: "2024-01-01", sources: [src-a]}
  - {id: m-one, name: One of them, kind: municipality, level: local, country: "NO",
     parent: m-others, population: 2500, population_as_of: "2024-01-01",
     sources: [src-a]}
"""
AGGREGATE_NETWORK = """\
  - id: others-net
    name: Network of the others
    kind: network
    level: regional
    country: "NO"
    coverage: [m-others]
    areas: [other]
    tasks: [coordination]
    targets:
      - {role: coord, meetings_per_year: 5, hours_per_meeting: 2, sources: [src-a]}
    sources: [src-a]
"""


def test_an_organisation_reached_through_the_aggregate_it_belongs_to(tmp_path) -> None:
    actors = (FORMAT2 / "actors.yaml").read_text(encoding="utf-8")
    assert "\nrelations:\n" in actors  # the actors list ends there
    (tmp_path / "actors.yaml").write_text(
        actors.replace("\nrelations:\n", f"{AGGREGATE}\nrelations:\n"), encoding="utf-8")
    (tmp_path / "networks.yaml").write_text(
        (FORMAT2 / "networks.yaml").read_text(encoding="utf-8") + AGGREGATE_NETWORK,
        encoding="utf-8")
    data = load_dataset(tmp_path)
    one = profile(data, AS_OF, "m-one")
    # m-one lies in no coverage itself; others-net reaches the aggregate it belongs to
    assert one.through == ("m-others",)
    [network] = one.networks
    assert (network.network, network.via) == ("others-net", "m-others")
    # each of the three bears 5 × 2 = 10 h; m-one (2,500 inhabitants) has one person for
    # lead and coord, so the person row is that of m-one, not of the aggregate
    assert ends(one.burden.hours_per_year) == (10, 10, 10)
    assert one.persons[0].roles == ("lead", "coord")
    # the aggregate's own profile counts the same hours per organisation
    assert ends(profile(data, AS_OF, "m-others").burden.hours_per_year) == (10, 10, 10)


def test_an_organisation_no_network_reaches(data) -> None:
    found = profile(data, AS_OF, "ministry")
    assert found.networks == () and found.burden is None and found.persons == ()
    assert found.overlaps == () and found.funding_lines == 0


# --- the command ------------------------------------------------------------------------------

def run(run_cli, *args: str):
    return run_cli(["profile", *args, "--data", str(FORMAT2)])


def test_the_command_prints_the_library_result(run_cli, small) -> None:
    result = run(run_cli, "Small", "--format", "json")  # a name, in any case, is the id
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout) == jsonable(small)


def test_every_format(run_cli) -> None:
    table = run(run_cli, "m-small").stdout
    assert all(len(line) <= 80 for line in table.splitlines())
    for heading in ("Profile of Small: municipality in West, 2,000 inhabitants",
                    "Meeting series asked of Small", "Persons asked in Small",
                    "Funding and reporting lines", "Networks that overlap in Small",
                    "The path from the networks to Small's leaders"):
        assert heading in table
    assert "38 (24–56)" in table and "P1" in table
    rows = list(csv.reader(io.StringIO(run(run_cli, "m-small", "-f", "csv").stdout)))
    assert rows[0][:4] == ["network", "role", "person", "roles of the person"]
    assert [r[0] for r in rows[1:]] == ["specific", "general", "part-net", "seats-net"]
    assert rows[1][3] == "lead + coord" and rows[2][-1] == "est"
    markdown = run(run_cli, "m-small", "-f", "markdown").stdout
    assert markdown.startswith("### Profile of Small") and "| legemiddel | coord |" in markdown


def test_unknown_organisations_are_usage_errors(run_cli) -> None:
    result = run(run_cli, "m-smal")
    assert result.exit_code == 2 and result.stdout == ""
    assert "unknown value 'm-smal' (did you mean 'm-small'?); expected an actor id" \
        in result.stderr
