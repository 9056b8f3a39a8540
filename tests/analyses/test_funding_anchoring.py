"""Funding lines and anchoring paths on hand-made data sets."""

from __future__ import annotations

from ehelse_map.analyses import anchoring, funding
from ehelse_map.graph import build_graph
from ehelse_map.model.records import Funding

from .factory import AS_OF, actor, dataset, municipalities, network, period, role

ACTORS = [*municipalities("m1", "m2"), actor("ks", kind="association"),
          actor("hdir", kind="directorate"), actor("sf", kind="state-administrator")]


def funding_data():
    return dataset(ACTORS, [
        # two funders, three lines (ks/dt and ks/other are distinct lines of one source)
        network("both", ["m1", "m2"], reports_to=("ks",), funding=[
            Funding("ks", "dt", reports_to="hdir"), Funding("ks", "other"), Funding("sf")]),
        network("one", ["m1"], funding=[Funding("sf", reports_to="sf")]),
        network("none", ["m2"], reports_to=("hdir",)),
    ])


def test_funding_per_network() -> None:
    result = funding(funding_data(), AS_OF)
    assert [n.network for n in result.networks] == ["both", "one", "none"]
    both = result.networks[0]
    assert (both.funders, len(both.lines), both.multi_funded, both.organisations) == (
        2, 3, True, 2)
    # reports to ks directly and to hdir through the dt funding
    assert both.reporting_lines == ("hdir", "ks")
    assert [(f.source, f.scheme, f.reports_to) for f in both.lines] == [
        ("ks", "dt", "hdir"), ("ks", "other", None), ("sf", None, None)]
    assert result.multi_funded == ("both",)
    assert result.unfunded == ("none",)


def test_funding_per_organisation() -> None:
    got = {o.organisation: o for o in organisations()}
    # m1: lines ks/dt, ks/other, sf/"" (from both and one: sf/"" counted once) = 3;
    #     funders ks, sf = 2; reporting ks, hdir (both), sf (one) = 3
    assert (got["m1"].networks, got["m1"].funding_lines, got["m1"].funders,
            got["m1"].reporting_lines) == (2, 3, 2, 3)
    # m2: both (3 lines, reports ks, hdir) + none (no lines, reports hdir) -> 3 lines, 2 reports
    assert (got["m2"].funding_lines, got["m2"].reporting_lines) == (3, 2)
    assert [o.organisation for o in organisations()] == ["m1", "m2"]


def organisations():
    return funding(funding_data(), AS_OF).organisations


def test_funding_filters() -> None:
    data = funding_data()
    assert [n.network for n in funding(data, AS_OF, top=1).networks] == ["both"]
    assert funding(data, AS_OF, top=1).multi_funded == ("both",)
    assert funding(data, AS_OF, country="SE").networks == ()


ROLES = [role("leader", "health-leader"), role("ceo", "chief-executive"),
         role("mayor", "elected"), role("coord")]


def anchoring_data():
    return dataset(ACTORS, [
        network("direct", ["m1"], targets=[("leader", 4, 2), ("coord", 10, 2)]),
        # steered by a steering group of chief executives that reports to a political council
        network("project", ["m1"], targets=[("coord", 10, 2)],
                steered_by=("steering",), reports_to=("ks",)),
        network("steering", ["m1"], targets=[("ceo", 4, 2)], reports_to=("council",)),
        network("council", ["m1", "m2"], targets=[("mayor", 5, 3)]),
        # part of "direct" (parent), so it reaches health leaders through it
        network("child", ["m1"], targets=[("coord", 4, 1)], parent="direct"),
        network("alone", ["m2"], targets=[("coord", 4, 1)], reports_to=("hdir",)),
        # the steering group of "late" ended before the date: its path is gone
        network("late", ["m2"], targets=[("coord", 4, 1)], steered_by=("old-steering",)),
        network("old-steering", ["m2"], targets=[("ceo", 4, 1)], period=period("2010", "2012")),
    ], roles=ROLES)


def test_anchoring_direct_and_paths() -> None:
    result = anchoring(anchoring_data(), AS_OF)
    got = {n.network: {a.anchor: a for a in n.anchors} for n in result.networks}
    assert got["direct"]["health-leader"].how == "direct"
    assert got["direct"]["health-leader"].path == ("direct",)
    assert got["direct"]["chief-executive"].how == "none"
    ceo = got["project"]["chief-executive"]
    assert (ceo.how, ceo.body, ceo.role, ceo.path, ceo.edges) == (
        "path", "steering", "ceo", ("project", "steering"), ("steered-by",))
    elected = got["project"]["elected"]
    assert elected.path == ("project", "steering", "council")
    assert elected.edges == ("steered-by", "reports-to")
    assert got["child"]["health-leader"].path == ("child", "direct")
    assert got["child"]["health-leader"].edges == ("parent",)
    assert result.unanchored == ("alone", "late")
    # fewest kinds reached first, then id: steering reaches ceo directly and elected via
    # council; project reaches both through steering
    assert [(n.network, n.reached) for n in result.networks] == [
        ("alone", 0), ("late", 0), ("child", 1), ("council", 1), ("direct", 1),
        ("project", 2), ("steering", 2)]


def test_anchoring_uses_a_given_graph_and_all_periods() -> None:
    data = anchoring_data()
    for as_of in (AS_OF, None):  # networkx's graph, or the same edges without it (the default)
        assert anchoring(data, as_of, graph=build_graph(data, as_of)) == anchoring(data, as_of)
    late = {n.network: n for n in anchoring(data, None).networks}["late"]
    assert late.anchors[1].body == "old-steering"
    assert [n.network for n in anchoring(data, AS_OF, top=2).networks] == ["alone", "late"]
