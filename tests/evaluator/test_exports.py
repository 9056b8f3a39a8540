"""Exports read back with networkx (and csv) lose nothing: every node, edge and typed attribute.

The GraphML and GEXF files are not validated against their published XML schemas: the schemas
cannot be fetched in CI and are not shipped here. Instead the tests check what a schema would
(one typed key per attribute, boolean lexical forms, unique key ids) and the round trip.
"""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
from collections import Counter
from datetime import date
from pathlib import Path

import networkx as nx
import pytest

from ehelse_map.model.build import load_dataset
from ehelse_map.render.exports import (
    attribute_types,
    csv_paths,
    export_graph,
    to_gexf,
    to_graphml,
    to_kumu_csv,
    to_node_link,
)

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "diff" / "new"
AS_OF = date(2024, 6, 1)


@pytest.fixture(scope="module")
def graph() -> nx.MultiDiGraph:
    return export_graph(load_dataset(FIXTURE), AS_OF)


def edge_bag(g, drop=()) -> Counter:
    return Counter((u, v, tuple(sorted((k, val) for k, val in d.items() if k not in drop)))
                   for u, v, d in g.edges(data=True))


def test_export_graph_has_no_none_and_one_type_per_attribute(graph):
    for _, data in graph.nodes(data=True):
        assert all(v is not None and isinstance(v, (str, int, float, bool)) for v in data.values())
    kinds: dict[str, set[type]] = {}
    for _, _, data in graph.edges(data=True):
        for k, v in data.items():
            kinds.setdefault(k, set()).add(type(v))
    assert all(len(t) == 1 for t in kinds.values()), kinds
    types = attribute_types(graph)
    assert types["edge"]["meetings_per_year"] == "float"
    assert types["node"]["population"] == "int" and types["node"]["active"] == "bool"
    assert {"record_id", "type", "label"} <= set(types["node"])
    assert "id" not in types["node"] and "type" not in types["edge"]


def test_graphml_round_trip(graph):
    data = to_graphml(graph)
    back = nx.read_graphml(io.BytesIO(data), force_multigraph=True)
    assert dict(back.nodes(data=True)) == dict(graph.nodes(data=True))
    assert edge_bag(back) == edge_bag(graph)
    assert back.graph["as_of"] == "2024-06-01"


def test_graphml_is_schema_shaped(graph):
    root = ET.fromstring(to_graphml(graph))
    ns = "{http://graphml.graphdrawing.org/xmlns}"
    keys = root.findall(f"{ns}key")
    assert len({k.get("id") for k in keys}) == len(keys)
    assert {k.get("attr.type") for k in keys} <= {"boolean", "int", "long", "float", "double",
                                                   "string"}
    boolean = {k.get("id") for k in keys if k.get("attr.type") == "boolean"}
    values = [d.text for d in root.iter(f"{ns}data") if d.get("key") in boolean]
    assert values and set(values) <= {"true", "false"}
    ids = [e.get("id") for e in root.iter() if e.tag in (f"{ns}node", f"{ns}edge")]
    assert len(ids) == len(set(ids))


def test_gexf_round_trip(graph):
    back = nx.read_gexf(io.BytesIO(to_gexf(graph)))
    expected = {n: {**d} for n, d in graph.nodes(data=True)}
    assert dict(back.nodes(data=True)) == expected
    assert edge_bag(back, drop=("id",)) == edge_bag(graph)


def test_gexf_is_deterministic_and_dated_by_as_of(graph):
    first, second = to_gexf(graph), to_gexf(graph)
    assert first == second
    assert b'lastmodifieddate="2024-06-01"' in first
    root = ET.fromstring(first)
    ns = "{http://www.gexf.net/1.2draft}"
    types = {a.get("type") for a in root.iter(f"{ns}attribute")}
    assert types <= {"string", "long", "integer", "double", "float", "boolean"}


def test_node_link_json_round_trip(graph):
    payload = json.loads(to_node_link(graph))
    assert {"nodes", "links"} <= set(payload)
    back = nx.node_link_graph(payload, edges="links")
    assert dict(back.nodes(data=True)) == dict(graph.nodes(data=True))
    assert edge_bag(back) == edge_bag(graph)


def test_kumu_csv_keeps_every_element_and_connection(graph):
    elements, connections = to_kumu_csv(graph)
    rows = list(csv.DictReader(io.StringIO(elements)))
    assert list(rows[0])[:5] == ["ID", "Label", "Type", "Description", "Tags"]
    assert {r["ID"] for r in rows} == set(graph.nodes)
    ks = next(r for r in rows if r["ID"] == "network:ks-ekomp")
    assert ks["Label"] == "KS eKomp" and ks["Type"] == "network"
    assert ks["Tags"] == "coordination | implementation"
    links = list(csv.DictReader(io.StringIO(connections)))
    assert list(links[0])[:4] == ["From", "To", "Type", "Direction"]
    assert Counter((r["From"], r["To"], r["Type"]) for r in links) == Counter(
        (u, v, d["relation"]) for u, v, d in graph.edges(data=True))
    ids = {r["ID"] for r in rows}
    assert all(r["From"] in ids and r["To"] in ids for r in links)


def test_csv_paths(tmp_path):
    assert csv_paths(tmp_path) == (tmp_path / "elements.csv", tmp_path / "connections.csv")
    assert csv_paths(tmp_path / "map.csv") == (tmp_path / "map-elements.csv",
                                               tmp_path / "map-connections.csv")
    assert csv_paths(tmp_path / "map") == (tmp_path / "map-elements.csv",
                                           tmp_path / "map-connections.csv")


@pytest.mark.parametrize("fmt", ["graphml", "gexf", "json"])
def test_cli_export_writes_and_refuses_to_overwrite(run_cli, tmp_path, fmt):
    out = tmp_path / f"map.{fmt}"
    args = ["export", "--data", str(FIXTURE), "--as-of", "2024-06-01", "-f", fmt, "-o", str(out)]
    assert run_cli(args).exit_code == 0
    first = out.read_bytes()
    assert first
    again = run_cli(args)
    assert again.exit_code == 2 and "already exists" in again.stderr
    assert run_cli([*args, "--force"]).exit_code == 0
    assert out.read_bytes() == first


def test_cli_export_csv_into_folder_and_not_to_stdout(run_cli, tmp_path):
    result = run_cli(["export", "--data", str(FIXTURE), "-f", "csv", "-o", str(tmp_path)])
    assert result.exit_code == 0
    assert (tmp_path / "elements.csv").exists() and (tmp_path / "connections.csv").exists()
    assert run_cli(["export", "--data", str(FIXTURE), "-f", "csv", "-o", "-"]).exit_code == 2


def test_cli_export_never_writes_over_an_input(run_cli):
    result = run_cli(["export", "--data", str(FIXTURE), "-f", "json", "--force",
                      "-o", str(FIXTURE / "actors.yaml")])
    assert result.exit_code == 2 and "input file" in result.stderr


def test_all_periods_include_ended_networks(graph):
    everything = export_graph(load_dataset(FIXTURE), None)
    assert "network:e-helse-seminar-2008" in everything
    assert "network:e-helse-seminar-2008" not in graph


def test_every_format_gives_the_same_bytes_twice():
    from ehelse_map.render.exports import FORMATS, render_export

    data = load_dataset(FIXTURE)
    for fmt in FORMATS:
        first = render_export(export_graph(data, AS_OF), fmt)
        assert first == render_export(export_graph(data, AS_OF), fmt), fmt
