"""The graph in the file formats of other tools: GraphML (Gephi, Cytoscape, yEd, igraph), GEXF
1.2 (Gephi, sigma.js), node-link JSON (D3, networkx), a pair of CSV files and an Excel
workbook (Kumu and spreadsheets).

Every format is made from one *export graph*: `graph.build_graph` with its attributes made safe
for typed formats and for the tools that read them (see docs/evaluator-workflow.md):

- node keys stay `<type>:<id>` (`actor:ks`); names that readers reserve are renamed: the kind
  of record is `record_type` (sigma.js draws nodes by `type`), the record id `record_id` (GEXF
  and node-link JSON use `id` for the node key), the full name `full_name` (Cytoscape and
  igraph treat `name` as a node's identifier); an edge's kind is `relation` (GEXF reserves an
  edge's `type` for its direction) and its `label` repeats it for display;
- every edge has a stable id, `<from>.<relation>.<to>` (with `.2`, `.3` for a repeat), also its
  key in the graph, so a re-import updates rather than duplicates;
- `weight` is a number where one is known: hours a year on `targets`, the score on `overlaps`
  (the overlap analysis, one edge per overlapping pair of networks);
- an attribute that is not known is absent (never an empty text, never -1), lists are joined
  with `|`, and each attribute name has one type across all nodes (or all edges): bool, int,
  float or string, with ints widened to float and anything mixed written as text.

networkx and openpyxl are imported inside the functions, so importing this module stays cheap.
"""

from __future__ import annotations

import csv
import io
import json
import os
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeGuard

from ehelse_map.model.records import Dataset

if TYPE_CHECKING:
    import networkx as nx

    from ehelse_map.model.scope import Filters

FORMATS = ("graphml", "gexf", "json", "csv", "xlsx")
#: Between the items of a list-valued attribute (tasks, sources), in every format: Kumu reads
#: `|` as its multi-value separator, and no id or vocabulary word holds one.
LIST_SEPARATOR = "|"
#: The two CSV files of `--format csv`, written into a folder or beside a stem.
CSV_NAMES = ("elements", "connections")
#: The two sheets of `--format xlsx`, named as Kumu's import expects.
SHEET_NAMES = ("Elements", "Connections")
#: Graph attribute names that readers reserve, and the names the export gives them instead.
NODE_RENAMES = {"type": "record_type", "id": "record_id", "name": "full_name"}
EDGE_RENAMES = {"type": "relation"}
#: The relation of the edges added from the overlap analysis.
OVERLAPS = "overlaps"
#: The date GEXF and xlsx files carry when the export covers every period (`--all`).
ALL_PERIODS_DATE = "1970-01-01"


def export_graph(dataset: Dataset, as_of: date | None, filters: Filters | None = None,
                 overlaps: bool = True) -> nx.MultiDiGraph:
    """`build_graph` with attributes every export format can carry without loss, edge keys
    that are stable ids, weights, and (with `overlaps`) one edge per overlapping pair."""
    import networkx as nx

    from ehelse_map.graph import build_graph

    source = build_graph(dataset, as_of, filters)
    graph = nx.MultiDiGraph()
    graph.graph["as_of"] = as_of.isoformat() if as_of else "all"
    for node, data in source.nodes(data=True):
        attributes = {NODE_RENAMES.get(k, k): v for k, v in data.items()}
        attributes.setdefault("record_id", node.partition(":")[2])
        kind = attributes.get("record_type")
        record = (dataset.actors.get(attributes["record_id"]) if kind == "actor"
                  else dataset.networks.get(attributes["record_id"]) if kind == "network"
                  else None)
        if record is not None and record.url:
            attributes.setdefault("url", record.url)
        graph.add_node(node, **_clean_mapping(attributes))
    edges: list[tuple[str, str, dict[str, Any]]] = []
    for u, v, data in source.edges(data=True):
        attributes = {EDGE_RENAMES.get(k, k): v for k, v in data.items()}
        hours = attributes.get("hours_per_year")
        if attributes.get("relation") == "targets" and _positive(hours):
            attributes["weight"] = float(hours)
        edges.append((u, v, attributes))
    if overlaps:
        edges += _overlap_edges(dataset, as_of, filters, graph)
    ids: set[str] = set()
    for u, v, attributes in edges:
        relation = str(attributes.get("relation", ""))
        # two relations of one kind between the same pair (two agreements) are told apart
        attributes["label"] = (f"{relation}: {attributes['record']}" if attributes.get("record")
                               else relation)
        graph.add_edge(u, v, key=_edge_id(u, relation, v, ids), **_clean_mapping(attributes))
    _unify_types(graph.nodes(data=True), lambda item: item[1])
    _unify_types(graph.edges(data=True), lambda item: item[2])
    return graph


def _positive(value: Any) -> TypeGuard[float]:
    """A weight Gephi keeps: it drops edges of weight 0 on import, so 0 is left out."""
    return isinstance(value, (int, float)) and not isinstance(value, bool) and value > 0


def _edge_id(u: str, relation: str, v: str, taken: set[str]) -> str:
    """`actor:ks.hosts.network:ks-ekomp`; a repeat of the same triple gets `.2`, `.3`, ...

    Only characters an XML NMTOKEN (GraphML's id type) allows; node keys hold no `.`, so the
    parts never run together.
    """
    base = f"{u}.{relation}.{v}"
    ident, number = base, 1
    while ident in taken:
        number += 1
        ident = f"{base}.{number}"
    taken.add(ident)
    return ident


def _overlap_edges(dataset: Dataset, as_of: date | None, filters: Filters | None,
                   graph: nx.MultiDiGraph) -> list[tuple[str, str, dict[str, Any]]]:
    """One `overlaps` edge per overlapping pair of networks in the graph, weighted by score."""
    from ehelse_map.analyses.overlap import overlap
    from ehelse_map.graph import node_key

    result = overlap(dataset, as_of, country=filters.country if filters else None,
                     region=filters.region if filters else None)
    edges = []
    for pair in sorted(result.pairs, key=lambda p: (p.a, p.b)):
        a, b = node_key("network", pair.a), node_key("network", pair.b)
        if a in graph and b in graph and pair.score > 0:
            edges.append((a, b, {
                "relation": OVERLAPS, "weight": float(pair.score), "score": float(pair.score),
                "overlap": pair.relation, "shared_areas": tuple(pair.shared_areas),
                "shared_roles": tuple(pair.shared_roles),
                "shared_organisations": pair.shared_organisations}))
    return edges


def _clean_value(value: Any) -> Any:
    """A value typed formats can hold: None (and an empty list) becomes missing, lists text."""
    if value is None:
        return None
    if isinstance(value, (bool, int, float)):
        return value
    if isinstance(value, str):
        return value if value else None
    if isinstance(value, (list, tuple, set, frozenset)):
        items = sorted(value) if isinstance(value, (set, frozenset)) else value
        return LIST_SEPARATOR.join(str(v) for v in items) or None
    return str(value)


def _clean_mapping(data: dict[str, Any]) -> dict[str, Any]:
    cleaned = {str(k): _clean_value(v) for k, v in data.items()}
    return {k: v for k, v in cleaned.items() if v is not None}


def _kind_of(value: Any) -> str:
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, int):
        return "int"
    if isinstance(value, float):
        return "float"
    return "str"


def _unify_types(items: Any, attributes_of: Any) -> None:
    """Give every attribute one type: int+float -> float, any other mix -> str."""
    rows = [attributes_of(item) for item in items]
    kinds: dict[str, set[str]] = {}
    for data in rows:
        for name, value in data.items():
            kinds.setdefault(name, set()).add(_kind_of(value))
    for name, found in kinds.items():
        if len(found) == 1:
            continue
        convert = float if found == {"int", "float"} else _text
        for data in rows:
            if name in data:
                data[name] = convert(data[name])


def _text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return repr(value) if isinstance(value, float) else str(value)


def attribute_types(graph: nx.MultiDiGraph) -> dict[str, dict[str, str]]:
    """`{"node": {name: kind}, "edge": {...}}`, kinds `bool|int|float|str`; for docs and tests."""
    result: dict[str, dict[str, str]] = {"node": {}, "edge": {}}
    for _, data in graph.nodes(data=True):
        for name, value in data.items():
            result["node"][name] = _kind_of(value)
    for _, _, data in graph.edges(data=True):
        for name, value in data.items():
            result["edge"][name] = _kind_of(value)
    return {scope: dict(sorted(kinds.items())) for scope, kinds in result.items()}


def _stamp(graph: nx.MultiDiGraph) -> str:
    """The as-of date of the export, or ALL_PERIODS_DATE for `--all`: files that carry a date
    carry this one, so the same data gives the same bytes on any day."""
    stamp = str(graph.graph.get("as_of", "all"))
    return ALL_PERIODS_DATE if stamp == "all" else stamp


def _description(graph: nx.MultiDiGraph) -> str:
    stamp = graph.graph.get("as_of", "all")
    when = "every period" if stamp == "all" else f"as of {stamp}"
    return f"ehelse-map actor–network graph, {when}"


def _xml_bytes(root: Any) -> bytes:
    """UTF-8 with an XML declaration; characters beyond ASCII as themselves, never as
    character references."""
    import xml.etree.ElementTree as ET

    ET.indent(root, "  ")
    text: bytes = ET.tostring(root, "utf-8", xml_declaration=False)
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + text + b"\n"


_GRAPHML_TYPES = {"bool": "boolean", "int": "long", "float": "double", "str": "string"}


def to_graphml(graph: nx.MultiDiGraph) -> bytes:
    """GraphML 1.0 with one typed key per attribute (`attr.type` boolean, long, double or
    string) and the stable edge ids.

    Written here rather than by networkx so booleans are `true`/`false` as XML Schema wants
    (networkx writes `True`), and key ids are `node.NAME`, `edge.NAME`, `graph.NAME`: Gephi
    reads a key with the id `d3` as the node label and `d7` as the edge label (yEd's ids), so
    the numbered ids networkx writes would turn an ordinary attribute into a label there.
    """
    import xml.etree.ElementTree as ET

    ns = "http://graphml.graphdrawing.org/xmlns"
    root = ET.Element("graphml", {
        "xmlns": ns, "xmlns:xsi": "http://www.w3.org/2001/XMLSchema-instance",
        "xsi:schemaLocation": f"{ns} {ns}/1.0/graphml.xsd"})
    types = attribute_types(graph)
    types["graph"] = {k: _kind_of(v) for k, v in sorted(graph.graph.items())}
    ids: dict[tuple[str, str], str] = {}
    for scope in ("graph", "node", "edge"):
        for name, kind in types[scope].items():
            key = ids[(scope, name)] = f"{scope}.{name}"
            ET.SubElement(root, "key", {"id": key, "for": scope,
                                        "attr.name": name, "attr.type": _GRAPHML_TYPES[kind]})
    body = ET.SubElement(root, "graph", {"id": "G", "edgedefault": "directed"})

    def data(parent: ET.Element, scope: str, values: dict[str, Any]) -> None:
        for name, value in values.items():
            item = ET.SubElement(parent, "data", {"key": ids[(scope, name)]})
            item.text = _text(value)

    data(body, "graph", dict(sorted(graph.graph.items())))
    for node, values in graph.nodes(data=True):
        data(ET.SubElement(body, "node", {"id": node}), "node", values)
    for u, v, key, values in graph.edges(keys=True, data=True):
        data(ET.SubElement(body, "edge", {"id": key, "source": u, "target": v}), "edge", values)
    return _xml_bytes(root)


_GEXF_TYPES = {"bool": "boolean", "int": "long", "float": "double", "str": "string"}
#: Attributes GEXF writes on the element itself rather than as an attvalue.
_GEXF_NATIVE = {"node": ("label",), "edge": ("label", "weight")}


def to_gexf(graph: nx.MultiDiGraph) -> bytes:
    """GEXF 1.2 (`http://www.gexf.net/1.2draft`) as its published schema has it.

    Nodes carry `label`; edges their stable `id`, `label` (the relation) and `weight` where
    one is known; everything else is a typed attvalue, its attribute id being its name. GEXF
    1.2 has no graph attributes: the as-of date is the `lastmodifieddate` and is named in the
    description (1970-01-01 for `--all`), so the same data gives the same bytes on any day.
    """
    import xml.etree.ElementTree as ET

    ns = "http://www.gexf.net/1.2draft"
    root = ET.Element("gexf", {
        "xmlns": ns, "xmlns:xsi": "http://www.w3.org/2001/XMLSchema-instance",
        "xsi:schemaLocation": f"{ns} {ns}/gexf.xsd", "version": "1.2"})
    meta = ET.SubElement(root, "meta", {"lastmodifieddate": _stamp(graph)})
    ET.SubElement(meta, "creator").text = "ehelse-map"
    ET.SubElement(meta, "description").text = _description(graph)
    body = ET.SubElement(root, "graph", {"defaultedgetype": "directed", "mode": "static"})
    types = attribute_types(graph)
    for scope in ("node", "edge"):
        declared = {k: v for k, v in types[scope].items() if k not in _GEXF_NATIVE[scope]}
        if declared:
            block = ET.SubElement(body, "attributes", {"class": scope, "mode": "static"})
            for name, kind in declared.items():
                ET.SubElement(block, "attribute", {"id": name, "title": name,
                                                   "type": _GEXF_TYPES[kind]})

    def attvalues(parent: ET.Element, scope: str, values: dict[str, Any]) -> None:
        rest = [(k, v) for k, v in values.items() if k not in _GEXF_NATIVE[scope]]
        if rest:
            block = ET.SubElement(parent, "attvalues")
            for name, value in rest:
                ET.SubElement(block, "attvalue", {"for": name, "value": _text(value)})

    nodes = ET.SubElement(body, "nodes", {"count": str(graph.number_of_nodes())})
    for node, values in graph.nodes(data=True):
        label = str(values.get("label", node))
        element = ET.SubElement(nodes, "node", {"id": node, "label": label})
        attvalues(element, "node", values)
    edges = ET.SubElement(body, "edges", {"count": str(graph.number_of_edges())})
    for u, v, key, values in graph.edges(keys=True, data=True):
        fields = {"id": key, "source": u, "target": v, "label": str(values.get("label", ""))}
        if "weight" in values:
            fields["weight"] = _text(values["weight"])
        attvalues(ET.SubElement(edges, "edge", fields), "edge", values)
    return _xml_bytes(root)


def node_link_data(graph: nx.MultiDiGraph) -> dict[str, Any]:
    """networkx's node-link layout, written here so it is the same on every networkx: `nodes`
    with `id`, and the edges (with `source`, `target` and `key`, the edge id) under both
    `edges` (what `node_link_graph` reads by default from networkx 3.4 on) and `links` (D3's
    name, and networkx's before 3.4)."""
    links = [{"source": u, "target": v, "key": key, **values}
             for u, v, key, values in graph.edges(keys=True, data=True)]
    return {
        "directed": True, "multigraph": True, "graph": dict(graph.graph),
        "nodes": [{"id": node, **values} for node, values in graph.nodes(data=True)],
        "edges": links, "links": links,
    }


def to_node_link(graph: nx.MultiDiGraph) -> str:
    """node-link JSON: `json.load` it into `networkx.node_link_graph(data)` or D3's force
    layout (`nodes`, `links`)."""
    return json.dumps(node_link_data(graph), ensure_ascii=False, indent=2) + "\n"


# --- Kumu: CSV and xlsx ----------------------------------------------------------------------

#: Kumu's element columns (ID first, so connections refer to elements by it), then the rest.
ELEMENT_COLUMNS = ("ID", "Label", "Type", "Description", "Tags")
#: Kumu's connection columns (ID first, so a re-import updates rather than duplicates).
CONNECTION_COLUMNS = ("ID", "From", "To", "Type", "Direction", "Strength")
#: Node and edge attributes the Kumu columns above already hold.
_ELEMENT_HELD = {"label": "Label", "record_type": "Type", "full_name": "Description",
                 "tasks": "Tags"}
_CONNECTION_HELD = {"relation": "Type", "weight": "Strength", "label": None}


def kumu_tables(graph: nx.MultiDiGraph) -> tuple[list[list[Any]], list[list[Any]]]:
    """(elements, connections) as rows of typed values (header first), in Kumu's layout.

    Elements: `ID, Label, Type, Description, Tags`, then every other node attribute; `Type`
    is the kind of record, `Description` the full name, `Tags` a network's tasks.
    Connections: `ID, From, To, Type, Direction, Strength`, then every other edge attribute;
    From and To hold element IDs (labels are not unique: an actor and a network may share a
    name), `Type` is the relation, `Direction` `directed` (`undirected` for `overlaps`) and
    `Strength` the weight. An unknown value is None (an empty cell).
    """
    node_fields = sorted({k for _, d in graph.nodes(data=True) for k in d} - set(_ELEMENT_HELD))
    elements: list[list[Any]] = [[*ELEMENT_COLUMNS, *node_fields]]
    for node, data in graph.nodes(data=True):
        elements.append([node, data.get("label", node), data.get("record_type"),
                         data.get("full_name"), data.get("tasks"),
                         *(data.get(f) for f in node_fields)])
    edge_fields = sorted({k for _, _, d in graph.edges(data=True) for k in d}
                         - set(_CONNECTION_HELD))
    connections: list[list[Any]] = [[*CONNECTION_COLUMNS, *edge_fields]]
    for u, v, key, data in graph.edges(keys=True, data=True):
        relation = data.get("relation")
        connections.append([key, u, v, relation,
                            "undirected" if relation == OVERLAPS else "directed",
                            data.get("weight"), *(data.get(f) for f in edge_fields)])
    return elements, connections


def to_kumu_csv(graph: nx.MultiDiGraph, excel: bool = False) -> tuple[str, str]:
    """(elements, connections) CSV text in Kumu's import layout (see `kumu_tables`).

    `excel`: for a spreadsheet in a locale with a decimal comma (Norwegian, Swedish, Danish,
    German...): `;` between fields and `,` as the decimal mark. The caller adds the UTF-8 BOM
    that makes Excel read the file as UTF-8. Cells a spreadsheet would run as a formula are
    prefixed with `'` either way.
    """
    return tuple(_csv_text(rows, excel) for rows in kumu_tables(graph))  # type: ignore[return-value]


def _csv_text(rows: list[list[Any]], excel: bool) -> str:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";" if excel else ",", lineterminator="\n")
    for row in rows:
        writer.writerow([_csv_value(value, excel) for value in row])
    return out.getvalue()


def _csv_value(value: Any, excel: bool = False) -> str:
    from ehelse_map.render.table import csv_cell

    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        text = repr(value) if isinstance(value, float) else str(value)
        return text.replace(".", ",") if excel else text
    return csv_cell(value)


def to_kumu_xlsx(graph: nx.MultiDiGraph) -> bytes:
    """A workbook with the sheets `Elements` and `Connections` in Kumu's layout (see
    `kumu_tables`): numbers as numbers, booleans as booleans, text always as text (a cell
    starting with `=` is never a formula). The same data gives the same bytes."""
    from datetime import datetime

    from openpyxl import Workbook
    from openpyxl.utils import get_column_letter

    stamp = datetime.fromisoformat(_stamp(graph))
    book = Workbook()
    book.properties.creator = "ehelse-map"
    book.properties.title = _description(graph)
    book.properties.created = book.properties.modified = stamp
    for index, (name, rows) in enumerate(zip(SHEET_NAMES, kumu_tables(graph), strict=True)):
        sheet = book.active if index == 0 else book.create_sheet()
        sheet.title = name
        for r, row in enumerate(rows, start=1):
            for c, value in enumerate(row, start=1):
                if value is None:
                    continue
                cell = sheet.cell(row=r, column=c, value=value)
                if isinstance(value, str):
                    cell.data_type = "s"  # openpyxl would make `=...` a formula
        sheet.freeze_panes = "A2"
        for c, header in enumerate(rows[0], start=1):
            widest = max((len(_csv_value(row[c - 1])) for row in rows[1:101]), default=0)
            width = min(max(len(header), widest) + 2, 50)
            sheet.column_dimensions[get_column_letter(c)].width = width
    buffer = io.BytesIO()
    book.save(buffer)
    return _stable_zip(buffer.getvalue(), stamp.isoformat())


def _stable_zip(data: bytes, stamp: str) -> bytes:
    """The zip with every entry dated 1980-01-01 and the workbook's modified date `stamp`:
    openpyxl writes the time of saving into both."""
    import re
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                content = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>"
                                 + f"{stamp}Z".encode(), content)
            entry = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            target.writestr(entry, content)
    return out.getvalue()


def csv_paths(target: str | os.PathLike[str]) -> tuple[Path, Path]:
    """Where `-o PATH` puts the two CSV files.

    An existing folder, or a path ending in `/`: `PATH/elements.csv` and
    `PATH/connections.csv`. Anything else is a stem (a trailing `.csv` is dropped):
    `STEM-elements.csv` and `STEM-connections.csv`.
    """
    text = os.fspath(target)
    path = Path(text)
    if path.is_dir() or text.endswith(("/", os.sep)):
        return tuple(path / f"{name}.csv" for name in CSV_NAMES)  # type: ignore[return-value]
    stem = path.name[:-4] if path.name.lower().endswith(".csv") else path.name
    return tuple(path.with_name(f"{stem}-{name}.csv") for name in CSV_NAMES)  # type: ignore[return-value]


#: The byte-order mark `--excel` puts before CSV text, so Excel reads it as UTF-8.
UTF8_BOM = b"\xef\xbb\xbf"


def render_export(graph: nx.MultiDiGraph, fmt: str, excel: bool = False) -> dict[str, bytes]:
    """The bytes of one format, keyed by file role: `main`, or `elements` and `connections`.
    `excel` applies to csv only (see `to_kumu_csv`)."""
    if fmt == "graphml":
        return {"main": to_graphml(graph)}
    if fmt == "gexf":
        return {"main": to_gexf(graph)}
    if fmt == "json":
        return {"main": to_node_link(graph).encode("utf-8")}
    if fmt == "xlsx":
        return {"main": to_kumu_xlsx(graph)}
    if fmt == "csv":
        bom = UTF8_BOM if excel else b""
        return {name: bom + text.encode("utf-8")
                for name, text in zip(CSV_NAMES, to_kumu_csv(graph, excel), strict=True)}
    raise ValueError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
