"""Plans: what each picture shows, checked without drawing (issue 13.7).

Every kind is built plan → layout → drawing; the plan is plain frozen dataclasses computed
without matplotlib (a subprocess checks that computing all four never imports it). The tests
here read plans only and import no matplotlib themselves: which municipalities, with which
values and in which state (unknown is never 0), which pairs are drawn nested in which, which
lines the landscape draws, what the captions say about estimates, ranges and inferences.
"""

from __future__ import annotations

import dataclasses
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from ehelse_map.analyses import burden, overlap
from ehelse_map.model.build import load_dataset
from ehelse_map.render.diagrams import DiagramOptions
from ehelse_map.render.diagrams.plans import burden as burden_plan
from ehelse_map.render.diagrams.plans import landscape as landscape_plan
from ehelse_map.render.diagrams.plans import overlap as overlap_plan
from ehelse_map.render.diagrams.plans import plan
from ehelse_map.render.diagrams.plans import upset as upset_plan

AS_OF = date(2025, 6, 1)
ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def data():
    return load_dataset()


@pytest.fixture(scope="module")
def options():
    return DiagramOptions(as_of=AS_OF)


def test_plans_never_import_matplotlib():
    code = ("import sys; from datetime import date; from ehelse_map.model.build import "
            "load_dataset; from ehelse_map.render.diagrams import DiagramOptions;"
            "from ehelse_map.render.diagrams.plans import plan;"
            "d = load_dataset(); o = DiagramOptions(as_of=date(2025, 6, 1), highlight='bergen');"
            "[plan(k, d, o) for k in ('landscape', 'overlap', 'burden', 'upset')];"
            "print(sorted(m for m in sys.modules if m.split('.')[0] in "
            "('matplotlib', 'circlify', 'networkx', 'numpy', 'PIL')))")
    output = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True)
    assert output.stdout.split() == ["[]"]


# --- burden -------------------------------------------------------------------------------------

def test_burden_plan_draws_every_municipality_with_its_load(data, options):
    result = burden(data, AS_OF)
    rows = {r.key: r for r in result.rows}
    drawn = plan("burden", data, options)
    listed = {a.id for a in data.actors.values() if a.kind == "municipality" and a.count == 1
              and a.period.active_on(AS_OF)}
    # all of Norway is more than one picture holds: whole groups, the most loaded first, and
    # the rest counted (test_beyond_the_budget_...)
    drawn_ids = {m.id for m in drawn.municipalities}
    assert drawn_ids <= listed
    assert len(drawn_ids) + drawn.left_out_municipalities == len(listed)
    assert {m.id for m in drawn.aggregates} == {
        a.id for a in data.actors.values() if a.kind == "municipality" and a.count > 1
        and a.period.active_on(AS_OF)}
    for m in (*drawn.municipalities, *drawn.aggregates):
        row = rows.get(m.id)
        if row is None:
            assert m.state == burden_plan.NOT_REACHED and m.value is None
            continue
        assert m.value == (row.load.value if row.load else None)
        assert m.estimated == row.estimated
        assert m.unknown_networks == len(row.unknown_networks)
    assert drawn.as_load and drawn.capacity == result.capacity_hours_per_year.value
    assert {g.key for g in drawn.groups} == {m.group for m in drawn.municipalities}
    most_loaded = max(drawn.municipalities, key=lambda m: m.value or 0.0)
    assert most_loaded.value == max((r.load.value or 0.0) for r in result.rows if r.load)


def test_unknown_hours_are_never_a_value(data, options):
    """The Swedish municipalities are reached by networks that name no target role: their
    hours are unknown, so the plan gives no value (drawn white), never 0."""
    drawn = plan("burden", data, options)
    sweden = next(m for m in drawn.aggregates if m.id == "se-kommuner")
    assert sweden.reached and sweden.value is None and sweden.state == burden_plan.UNKNOWN
    floors = [m for m in (*drawn.municipalities, *drawn.aggregates)
              if m.state == burden_plan.FLOOR]
    assert floors and all(m.value is not None and m.unknown_networks for m in floors)
    assert any("Unknown is never drawn as zero" in part for part in drawn.frame.caption)
    assert any(f"{len(floors)} of the" in part and "floors, marked +?" in part
               for part in drawn.frame.caption)


def test_the_most_loaded_are_called_out_first(data, options):
    drawn = plan("burden", data, options)
    values = {m.id: m.value or 0.0 for m in drawn.municipalities}
    called = [values[i] for i in drawn.called]
    assert called == sorted(called, reverse=True)
    assert called[0] == max(values.values())
    assert len(drawn.called) == burden_plan.TOP_LABELLED


def test_the_burden_caption_gives_the_top_figure_its_assumptions_and_range(data, options):
    drawn = plan("burden", data, options)
    top = drawn.top
    assert top is not None and top.hours.estimated
    row = max(burden(data, AS_OF).rows, key=lambda r: (r.max_person_hours.value or 0))
    assert top.hours.value == row.max_person_hours.value
    sentence = next(p for p in drawn.frame.caption if p.startswith("Most loaded person"))
    assert f"{top.hours.value:.0f} h a year" in sentence
    for assumption in top.rests_on:
        assert f"'{assumption}'" in sentence
    # the bundled assumptions give ranges, and the caption gives the figure's
    assert (f"{top.hours.low:.0f}–{top.hours.high:.0f} h; ranges over the assumptions' low and "
            "high values") in sentence
    narrow = dataclasses.replace(top.hours, low=None, high=None)
    assert burden_plan._hours_range(narrow, "en") == "no range: the assumptions give none"


def test_equal_bubbles_weigh_every_municipality_alike(data):
    drawn = plan("burden", data, DiagramOptions(as_of=AS_OF, bubble_size="equal"))
    assert {m.weight for m in drawn.municipalities} == {1.0}
    assert any("drawn the same size" in part for part in drawn.frame.caption)
    by_population = plan("burden", data, DiagramOptions(as_of=AS_OF))
    bergen = next(m for m in by_population.municipalities if m.id == "bergen")
    assert bergen.weight == data.actors["bergen"].population


def test_beyond_the_budget_whole_groups_are_left_out_and_counted(data, options):
    drawn = burden_plan.plan(data, options, max_groups=1)
    every = len(burden_plan.plan(data, options, max_groups=99, max_drawn=9999).groups)
    assert len(drawn.groups) == 1
    assert drawn.left_out_groups == every - 1 and drawn.left_out_municipalities > 0
    assert drawn.frame.caption[1].startswith("Too many to draw one by one")


# --- overlap ------------------------------------------------------------------------------------

def test_overlap_plan_draws_every_pair_and_nests_the_nested(data, options):
    result = overlap(data, AS_OF)
    drawn = plan("overlap", data, options)
    assert [(e.a, e.b, e.score) for e in drawn.edges] == [
        (p.a, p.b, p.score) for p in result.pairs if p.score > 0]
    nested = [p for p in result.pairs if p.relation == "nested"]
    assert nested
    containers = {n.id: n.container for n in drawn.nodes}
    for pair in nested:
        outer = pair.b if pair.inner == pair.a else pair.a
        edge = next(e for e in drawn.edges if (e.a, e.b) == (pair.a, pair.b))
        # drawn inside its container, and the pair then shown by the nesting, not a line
        assert edge.containment == (containers[pair.inner] == outer)
    strongest_nested = max(nested, key=lambda p: p.score)
    assert containers[strongest_nested.inner] in (strongest_nested.a, strongest_nested.b)
    assert all(e.containment is False for e in drawn.edges if e.relation != "nested")


def test_a_network_is_never_drawn_inside_itself():
    pairs = [_pair("a", "b", "a", 0.5), _pair("b", "c", "b", 0.4), _pair("a", "c", "c", 0.3)]
    found = overlap_plan.containers(pairs)
    assert found == {"a": "b", "b": "c"}  # c inside a would close a circle


def _pair(a: str, b: str, inner: str, score: float):
    from ehelse_map.analyses.overlap import OverlapPair

    return OverlapPair(a, b, a, b, score, "nested", inner, ("x",), ("r",), 1, ("m",), ())


def test_highlight_never_fades_the_strongest_pair(data):
    result = overlap(data, AS_OF)
    strongest = result.pairs[0]
    other = next(n for p in result.pairs for n in (p.a, p.b)
                 if n not in (strongest.a, strongest.b))
    drawn = plan("overlap", data, DiagramOptions(as_of=AS_OF, highlight=other))
    edge = next(e for e in drawn.edges if e.strongest)
    assert (edge.a, edge.b) == (strongest.a, strongest.b)
    assert not edge.faded and edge.rank == 0 and edge.detailed
    assert not drawn.node(strongest.a).faded and not drawn.node(strongest.b).faded
    assert any(e.faded for e in drawn.edges)  # the rest of the picture is faded


def test_every_drawn_pair_has_its_score_as_its_label(data, options):
    drawn = plan("overlap", data, options)
    for edge in drawn.edges:
        assert edge.label.startswith(f"{edge.score:.2f}")
    assert sum(1 for e in drawn.edges if e.detailed) == min(overlap_plan.TOP_LABELLED,
                                                            len(drawn.edges))


def test_networks_not_compared_are_not_said_to_overlap_nothing(data, options):
    result = overlap(data, AS_OF)
    drawn = plan("overlap", data, options)
    caption = " ".join(drawn.frame.caption)
    no_roles = [n.network for n in result.not_compared]
    assert f"{len(no_roles)} networks could not be compared" in caption
    alone = next(p for p in drawn.frame.caption if "overlap no other" in p)
    for ident in no_roles:
        assert (data.networks[ident].short_name or data.networks[ident].name) not in alone


def test_inferred_networks_are_marked(data, options):
    drawn = plan("overlap", data, options)
    for node in drawn.nodes:
        assert node.name.endswith("\u00a0†") == node.inferred
    assert any(n.inferred for n in drawn.nodes)
    assert any(p.startswith("† marks") for p in drawn.frame.caption)


# --- upset --------------------------------------------------------------------------------------

def test_upset_plan_leaves_undocumented_networks_out_and_says_so(data, options):
    drawn = plan("upset", data, options)
    missing = {n.id for n in data.networks.values() if n.period.active_on(AS_OF)
               and not n.targets}
    assert {ident for ident, _ in drawn.undocumented} == missing
    assert all(reason == "no target roles" for _, reason in drawn.undocumented)
    assert all(row.total > 0 for row in drawn.rows)  # never a bar of 0 for "unknown"
    assert not {row.id for row in drawn.rows} & missing
    caption = " ".join(drawn.frame.caption)
    assert f"{len(missing)} networks are not in the matrix" in caption


def test_upset_columns_are_largest_first_within_the_budget(data, options):
    drawn = upset_plan.plan(data, options, max_columns=5, max_rows=6)
    sizes = [c.size for c in drawn.columns]
    assert len(sizes) <= 5 and sizes == sorted(sizes, reverse=True)
    assert len(drawn.rows) <= 6
    assert drawn.hidden_columns > 0


# --- landscape: the lines to hosts, funders and relations ----------------------------------------

def test_landscape_draws_host_funding_and_relations_active_on_the_day(relations_data):
    drawn = landscape_plan.plan(relations_data, DiagramOptions(as_of=AS_OF))
    links = {(link.kind, link.source, link.target) for link in drawn.links}
    assert ("host", "assoc", "net") in links
    assert ("host", "county", "net") not in links  # hosted by the county until 2024
    assert ("funding", "assoc", "net") in links
    assert ("funding", "dep", "net") not in links  # that grant ended in 2020
    assert ("mandate", "dep", "assoc") in links
    assert not any(kind == "evaluation" for kind, _, _ in links)  # ended in 2020
    assert ("reach", "net", "group:county") in links
    assert drawn.line_kinds == ("reach", "host", "funding", "mandate")


def test_landscape_reach_not_documented_is_unknown_not_zero(relations_data):
    drawn = landscape_plan.plan(relations_data, DiagramOptions(as_of=AS_OF))
    quiet = drawn.bubbles["quiet"]
    assert quiet.reach is None and quiet.inferred and quiet.label.endswith("†")
    assert drawn.bubbles["net"].reach == 2.0
    caption = " ".join(drawn.frame.caption)
    assert "the data does not say whom the network reaches" in caption


def test_landscape_highlight_concerns_the_relations_too(relations_data):
    drawn = landscape_plan.plan(relations_data, DiagramOptions(as_of=AS_OF, highlight="dep"))
    assert drawn.related is not None and {"dep", "assoc"} <= drawn.related


def test_landscape_budget_counts_what_is_summarised(data):
    small = landscape_plan.plan(data, DiagramOptions(as_of=AS_OF), budget=4)
    assert dict(small.summarised)["networks"] > 0
    assert all(len([b for b in row.bubbles if b.kind != "more"]) <= 3 for row in small.rows
               if any(b.kind == "more" for b in row.bubbles) and row.tier != "local")
    full = landscape_plan.plan(data, DiagramOptions(as_of=AS_OF))
    assert full.budget == 24  # --max-bubbles' default
    assert sum(dict(full.summarised).values()) < sum(dict(small.summarised).values())


def test_the_diagrams_read_funding_as_the_analyses_do(data, relations_data):
    from ehelse_map.analyses.common import active_funding as analysed
    from ehelse_map.render.diagrams.scope import active_funding

    for dataset in (data, relations_data):
        for network in dataset.networks.values():
            for day in (date(2019, 6, 1), AS_OF):
                assert active_funding(network, day) == analysed(network, day)


# --- sensitivity ---------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def swung(data):
    from ehelse_map.analyses.sensitivity import sensitivity

    return sensitivity(data, AS_OF, samples=0)


def test_the_tornado_draws_what_moves_largest_first_and_counts_the_rest(data, options, swung):
    from ehelse_map.render.diagrams.plans import sensitivity as sensitivity_plan

    drawn = sensitivity_plan.plan(data, options, swung, max_bars=3)
    assert [p.key for p in drawn.panels] == [key for key, _, _ in swung.figures]
    for panel in drawn.panels:
        swings = [s for s in swung.swings if s.figure == panel.key]
        moving = [s for s in swings if s.swing]
        drawn_swings = [abs(b.at_high - b.at_low) for b in panel.bars]
        assert drawn_swings == pytest.approx([s.swing for s in moving[:3]])
        assert panel.hidden == max(0, len(moving) - 3)
        assert panel.still == len(swings) - len(moving)  # counted, never drawn as empty bars
    over = next(p for p in drawn.panels if p.key == "persons_over_capacity")
    assert over.central == 0 and over.bars == ()  # nothing moves it: said, not drawn


def test_the_tornado_marks_assumptions_taken_from_a_finding(data, options, swung):
    drawn = plan("sensitivity", data, options, sensitivity=swung)
    bars = [b for p in drawn.panels for b in p.bars]
    from_findings = {a.id: a.from_findings for a in data.assumptions.values()}
    for bar in bars:
        marks = from_findings[bar.assumption.split(".", 1)[0]]
        assert bar.from_findings == marks
        assert bar.assumption.endswith(f"[{', '.join(marks)}]") == bool(marks)
    assert any(b.from_findings == ("F5",) for b in bars)
    assert any("cannot confirm the finding" in part for part in drawn.frame.caption)


def test_a_figure_the_data_cannot_give_is_unknown_not_zero(data, options, swung):
    from dataclasses import replace

    from ehelse_map.render.diagrams.plans import sensitivity as sensitivity_plan

    key, label, _ = swung.figures[0]
    unknown = replace(swung, figures=((key, label, None), *swung.figures[1:]),
                      swings=tuple(s for s in swung.swings if s.figure != key))
    drawn = sensitivity_plan.plan(data, options, unknown)
    assert drawn.panels[0].central is None and drawn.panels[0].bars == ()


# --- profile ------------------------------------------------------------------------------------
#
# tests/fixtures/format2 on 2024-06-01, worked out by hand (as in tests/analyses/test_profile.py):
# the cadence assumption is 4 meetings (2–6) × 3 hours (2–4); m-small (2,000 inhabitants) has one
# person for lead and coord; every network reaching it is regional.
#
#     network    asks of m-small                              hours a year
#     specific   coord, 10 × 2, documented                     20 (20–20)
#     general    coord, the cadence, estimated                 4 × 3 = 12 (2 × 2 = 4 – 6 × 4 = 24)
#     part-net   lead, 2 × 3, 2 of 3 members take part         6 × 2/3 = 4 (0–6)
#     seats-net  lead, 3 × 2, 1 seat shared by 3 members       6 × 1/3 = 2 (0–6)

FORMAT2 = ROOT / "tests" / "fixtures" / "format2"
FORMAT2_DAY = date(2024, 6, 1)


@pytest.fixture(scope="module")
def format2():
    return load_dataset(FORMAT2)


def hours_of(bubble):
    return tuple(None if v is None else round(v, 2) for v in (bubble.hours, bubble.low,
                                                               bubble.high))


def test_profile_plan_sizes_each_network_by_the_hours_it_asks(format2):
    from ehelse_map.render.diagrams.plans import profile as profile_plan

    drawn = plan("profile", format2, DiagramOptions(as_of=FORMAT2_DAY, organisation="m-small"))
    assert [b.network for b in drawn.bubbles] == ["specific", "general", "part-net",
                                                  "seats-net"]
    found = {b.network: b for b in drawn.bubbles}
    assert hours_of(found["specific"]) == (20, 20, 20) and not found["specific"].estimated
    assert hours_of(found["general"]) == (12, 4, 24) and found["general"].estimated
    assert hours_of(found["part-net"]) == (4, 0, 6)
    assert hours_of(found["seats-net"]) == (2, 0, 6)
    assert {b.state for b in drawn.bubbles} == {profile_plan.KNOWN}
    assert {b.level for b in drawn.bubbles} == {"regional"}
    # one person holds both roles: P1 attends every series, 20 + 12 + 4 + 2 = 38 h (24–56)
    assert all(b.persons == ("P1",) for b in drawn.bubbles)
    [person] = drawn.persons
    assert person.key == "P1" and set(person.roles) == {"Head of health and care",
                                                         "Coordinator"}
    assert (person.hours.value, person.hours.low, person.hours.high) == (38, 24, 56)
    assert drawn.total is not None and drawn.total.value == 38
    # the overlaps there, strongest first: part-net/seats-net duplicate, general in specific
    assert [(k.a, k.b, k.score, k.person) for k in drawn.links] == [
        ("part-net", "seats-net", 1.0, False), ("general", "specific", 0.2222, False)]
    caption = " ".join(drawn.frame.caption)
    assert drawn.frame.title == "Networks reaching Small and the hours they ask"
    assert drawn.frame.subtitle.startswith("Small · West · 2\u202f000 inhabitants · as of 2024")
    assert "'cadence', 'capacity', 'staffing' [F1]" in caption
    assert "[F1] after an assumption" in caption and "cannot confirm the finding" in caption
    assert "against a capacity of 100 (80–120) h a year" in caption
    assert "Source: ehelse-map default data set" in caption
    assert "never drawn as zero" not in caption  # nothing here is unknown


def test_profile_plan_never_draws_unknown_hours_as_zero(format2):
    """m-big: unknown-net names no cadence (unknown, never 0); post-net asks only a post it
    holds itself (a documented 0, said as such)."""
    from ehelse_map.render.diagrams.plans import profile as profile_plan

    drawn = plan("profile", format2, DiagramOptions(as_of=FORMAT2_DAY, organisation="m-big"))
    found = {b.network: b for b in drawn.bubbles}
    assert found["unknown-net"].state == profile_plan.UNKNOWN
    assert found["unknown-net"].hours is None and found["unknown-net"].extent is None
    assert found["post-net"].state == profile_plan.NOTHING and found["post-net"].hours == 0
    caption = " ".join(drawn.frame.caption)
    assert "1 of the 5 networks give no meeting cadence" in caption
    assert "1 networks target only posts they hold themselves" in caption


AGGREGATE_ACTORS = """\
  - {id: m-others, name: The other municipalities, kind: municipality, level: local,
     country: "NO", count: 3, population: 9000, population_as_of: "2024-01-01",
     sources: [src-a]}
  - {id: m-one, name: One of them, kind: municipality, level: local, country: "NO",
     parent: m-others, population: 2500, population_as_of: "2024-01-01", sources: [src-a]}
"""
AGGREGATE_NETWORK = """\
  - id: others-net
    name: Network of the others
    kind: network
    level: local
    country: "NO"
    coverage: [m-others]
    areas: [other]
    tasks: [coordination]
    targets:
      - {role: coord, meetings_per_year: 5, hours_per_meeting: 2, sources: [src-a]}
    sources: [src-a]
"""


def test_profile_plan_of_an_organisation_reached_only_through_an_aggregate(tmp_path):
    """m-one lies in no coverage itself; others-net reaches the aggregate it belongs to and
    asks each of the three 5 × 2 = 10 h a year."""
    actors = (FORMAT2 / "actors.yaml").read_text(encoding="utf-8")
    (tmp_path / "actors.yaml").write_text(
        actors.replace("\nrelations:\n", f"{AGGREGATE_ACTORS}\nrelations:\n"), encoding="utf-8")
    (tmp_path / "networks.yaml").write_text(
        (FORMAT2 / "networks.yaml").read_text(encoding="utf-8") + AGGREGATE_NETWORK,
        encoding="utf-8")
    data = load_dataset(tmp_path)
    drawn = plan("profile", data, DiagramOptions(as_of=FORMAT2_DAY, organisation="m-one"))
    [bubble] = drawn.bubbles
    assert (bubble.network, bubble.via, bubble.level) == ("others-net", "The other "
                                                          "municipalities", "local")
    assert hours_of(bubble) == (10, 10, 10) and not bubble.estimated
    assert "1 networks reach One of them through The other municipalities" in " ".join(
        drawn.frame.caption)


def test_profile_plan_summarises_the_networks_asking_least(data):
    """With room for 5 of Etne's networks, the 4 asking most hours are drawn and the rest are
    counted, their known hours summed and their unknowns counted."""
    from ehelse_map.analyses.profile import profile

    result = profile(data, AS_OF, "etne")
    drawn = plan("profile", data, DiagramOptions(as_of=AS_OF, organisation="etne"),
                 profile=result, max_networks=5)
    by_hours = sorted(result.networks, key=lambda n: (n.hours_per_year.value is None,
                                                      -(n.hours_per_year.value or 0),
                                                      n.network))
    assert {b.network for b in drawn.bubbles} == {n.network for n in by_hours[:4]}
    assert drawn.more is not None and len(drawn.more.networks) == len(result.networks) - 4
    rest = by_hours[4:]
    assert drawn.more.unknown == sum(1 for n in rest if n.hours_per_year.value is None)
    assert drawn.more.hours == pytest.approx(sum(n.hours_per_year.value for n in rest
                                                 if n.hours_per_year.value is not None))
    assert all(k.a not in drawn.more.networks and k.b not in drawn.more.networks
               for k in drawn.links)
    assert f"the {len(rest)} that ask the fewest hours are counted in '+{len(rest)} more'" in \
        " ".join(drawn.frame.caption)


def test_profile_plan_needs_an_organisation(data):
    with pytest.raises(ValueError, match="needs an organisation"):
        plan("profile", data, DiagramOptions(as_of=AS_OF))
    with pytest.raises(ValueError, match="unknown organisation 'nowhere'"):
        plan("profile", data, DiagramOptions(as_of=AS_OF, organisation="nowhere"))


def test_profile_plan_of_an_organisation_no_network_reaches(data):
    drawn = plan("profile", data, DiagramOptions(as_of=AS_OF, organisation="hod"))
    assert drawn.empty and drawn.total is None
    assert drawn.frame.caption[0].startswith("No network reaches")


def test_the_profile_plan_never_imports_matplotlib():
    """(The profile analysis uses the graph, so networkx is loaded; drawing is not.)"""
    code = ("import sys; from datetime import date; from ehelse_map.model.build import "
            "load_dataset; from ehelse_map.render.diagrams import DiagramOptions;"
            "from ehelse_map.render.diagrams.plans import plan;"
            "plan('profile', load_dataset(), DiagramOptions(as_of=date(2025, 6, 1), "
            "organisation='etne'));"
            "print(sorted(m for m in sys.modules if m.split('.')[0] in "
            "('matplotlib', 'circlify', 'numpy', 'PIL')))")
    output = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True)
    assert output.stdout.split() == ["[]"]


def test_the_burden_caption_names_every_municipality_tied_for_the_top(data):
    """Ties are ties: in the bundled data Etne, Fitjar and Tysnes each ask 90 h of one person,
    and the caption names all three, not the first by id."""
    import datetime

    from ehelse_map.render.diagrams import DiagramOptions
    from ehelse_map.render.diagrams.plans import burden as burden_plan

    drawn = burden_plan.plan(data, DiagramOptions(as_of=datetime.date(2025, 6, 1)))
    assert drawn.top is not None and drawn.top.tied == ("Etne", "Fitjar", "Tysnes")
    assert any(c.startswith("Most loaded person: Etne, Fitjar and Tysnes, 90 h")
               for c in drawn.frame.caption)
