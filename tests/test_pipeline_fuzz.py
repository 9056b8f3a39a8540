"""Validation is the contract: whatever `validate` accepts, every command processes without an
exception.

A mutation fuzzer starts from data sets that hold every construct of the format
(tests/fixtures/format2, tests/fixtures/minimal) and changes them the way hostile or careless
files do: empty values and list items, blank and huge text, huge and odd numbers, unknown and
wrong-kind ids, shapes swapped, keys dropped, items duplicated. A data set that validates
without errors then goes through the whole pipeline in process: the model, the graph, every
analysis and view, sensitivity, the exports, the listings, and (for some cases) a diagram. The
only exceptions allowed are none.

`EHELSE_PIPELINE_FUZZ` sets the number of cases (CI: 60; `python bench/fuzz.py --pipeline`
runs 10,000).
"""

from __future__ import annotations

import copy
import os
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ehelse_map.load.check_set import validate_data
from ehelse_map.model.build import build_dataset

pytestmark = pytest.mark.slow

FIXTURES = Path(__file__).parent / "fixtures"
BASES = ("format2", "minimal")
AS_OF = date(2024, 6, 1)
CASES = int(os.environ.get("EHELSE_PIPELINE_FUZZ", "60"))

HAZARDS: list[Any] = [
    None, "", " ", "~", [], {}, [None], [""], 0, -1, 10**40, 1e308, 0.5, "x" * 5000,
    "NO", "yes", "0150", "2024-02-30", "1:1:1", "nowhere", "m-small", "general", "west",
    "cadence", "cadence.meetings_per_year", "src-a", "lead", "ehelse", "seats", "network",
    {"assume": "cadence"}, {"assume": "nowhere.x"}, {"value": 3, "low": 5},
    {"value": 2, "low": 1, "high": 3}, ["general"], ["m-small", "m-small"], [["lead"]],
    {"members_of": "general"}, {"region": ["west", "west"]}, {"count": 0},
    "👩\u200d⚕\ufe0f", "$x$", "::error file=a::b", "\u202e", "a\u200bb",
]


def _base(name: str) -> list[tuple[str, Any]]:
    folder = FIXTURES / name
    return [(f, yaml.safe_load((folder / f).read_text(encoding="utf-8")))
            for f in ("actors.yaml", "networks.yaml")]


BASE_DATA = {name: _base(name) for name in BASES}


def _paths(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every place in a document: mapping keys and list indexes, depth first."""
    found = [path]
    if isinstance(value, dict):
        for key, item in value.items():
            found += _paths(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += _paths(item, (*path, index))
    return found


def _parent(doc: Any, path: tuple[Any, ...]) -> Any:
    for step in path[:-1]:
        doc = doc[step]
    return doc


@st.composite
def mutated(draw: st.DrawFn) -> list[tuple[str, bytes]]:
    base = draw(st.sampled_from(BASES))
    files = copy.deepcopy(BASE_DATA[base])
    for _ in range(draw(st.integers(1, 4))):
        index = draw(st.integers(0, len(files) - 1))
        _, doc = files[index]
        places = [p for p in _paths(doc) if p]
        path = draw(st.sampled_from(places))
        parent = _parent(doc, path)
        action = draw(st.sampled_from(["replace", "drop", "duplicate", "null-item"]))
        if action == "replace":
            parent[path[-1]] = copy.deepcopy(draw(st.sampled_from(HAZARDS)))
        elif action == "drop":
            del parent[path[-1]]
        elif action == "duplicate" and isinstance(parent, list):
            parent.append(copy.deepcopy(parent[path[-1]]))
        elif isinstance(parent, list):
            parent.insert(path[-1], None)
    return [(name, yaml.safe_dump(doc, allow_unicode=True, sort_keys=False).encode("utf-8"))
            for name, doc in files]


def run_everything(files: list[tuple[str, bytes]], draw_picture: str | None) -> None:
    """Every command's core, in process, on a data set that validated."""
    from ehelse_map.analyses.anchoring import anchoring
    from ehelse_map.analyses.brokers import brokers
    from ehelse_map.analyses.burden import BY, burden_views
    from ehelse_map.analyses.diff import diff_datasets
    from ehelse_map.analyses.figures import key_figures
    from ehelse_map.analyses.funding import funding
    from ehelse_map.analyses.gaps import gaps
    from ehelse_map.analyses.listings import actor_item, list_actors, list_networks, network_item
    from ehelse_map.analyses.overlap import overlap
    from ehelse_map.analyses.scenarios.operations import Merge, Retire, Scenario
    from ehelse_map.analyses.scenarios.recommend import recommend
    from ehelse_map.analyses.scenarios.whatif import what_if
    from ehelse_map.analyses.sensitivity import sensitivity
    from ehelse_map.render import analysis_tables as tables
    from ehelse_map.render.diff_view import diff_text
    from ehelse_map.render.exports import export_graph, render_export
    from ehelse_map.render.formats import Format
    from ehelse_map.render.report.assemble import build_report
    from ehelse_map.render.scenario_view import whatif_text
    from ehelse_map.render.table import render

    validated = validate_data(files)
    assert not validated.has_errors
    dataset = build_dataset(validated)
    day = dataset.as_of or AS_OF
    for as_of in (day, None):
        found = overlap(dataset, as_of)
        overlap(dataset, as_of, persons=True)
        for result in burden_views(dataset, as_of, BY):
            for fmt in Format:
                render(tables.burden_table(result), result, fmt)
        money = funding(dataset, as_of)
        anchors = anchoring(dataset, as_of)
        cells = gaps(dataset, as_of)
        brokers(dataset, as_of)
        for table in (tables.overlap_table(found), tables.funding_table(money),
                      tables.anchoring_table(anchors), tables.gaps_table(cells)):
            render(table, found, Format.table)
    recommend(dataset, day, min_score=0.0)
    key_figures(dataset, day)
    diff_text(diff_datasets(dataset, dataset, day))
    ids = sorted(dataset.networks)
    if len(ids) >= 2:
        whatif_text(what_if(dataset, Scenario("x", (Merge((ids[0], ids[-1])), Retire(ids[1]))),
                            day))
    build_report(dataset, day, diagrams=False)
    sensitivity(dataset, day, samples=2)
    list_actors(dataset, day)
    list_networks(dataset, day)
    for actor in dataset.actors.values():
        actor_item(actor, day)
    for network in dataset.networks.values():
        network_item(dataset, network, day)
    graph = export_graph(dataset, day)
    for fmt in ("graphml", "gexf", "json", "csv"):
        render_export(graph, fmt)
    if draw_picture is not None:
        from ehelse_map.render.diagrams import DiagramOptions
        from ehelse_map.render.diagrams import render as draw

        draw(draw_picture, dataset, DiagramOptions(as_of=day), "png", 50)


@settings(max_examples=CASES, deadline=None, derandomize="EHELSE_PIPELINE_RANDOM" not in os.environ,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(mutated(), st.sampled_from([None] * 7 + ["landscape", "overlap", "burden", "upset"]))
def test_whatever_validates_goes_through_every_command(files, picture) -> None:
    validated = validate_data(files)
    if validated.has_errors:
        return
    run_everything(files, picture)


def test_the_bases_validate_and_run() -> None:
    for name in BASES:
        files = [(f, yaml.safe_dump(d, allow_unicode=True).encode()) for f, d in BASE_DATA[name]]
        assert not validate_data(files).has_errors, name
        run_everything(files, "upset")
