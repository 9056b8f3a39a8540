"""The graph in the file formats of other tools: GraphML and GEXF (Gephi, Cytoscape, yEd),
node-link JSON (D3 and web tools) and a pair of CSV files (Kumu and spreadsheets).

Every format is made from one *export graph*: `graph.build_graph` with its attributes made
safe for typed formats (see docs/evaluator-workflow.md):

- node keys stay `<type>:<id>` (`actor:ks`); the record id is the attribute `record_id`, because
  GEXF and node-link JSON use `id` for the node key itself;
- the edge type is the attribute `relation`, because GEXF reserves an edge's `type` for its
  direction;
- no attribute is ever None (it is left out), lists are joined with `,`, and each attribute
  name has one type across all nodes (or all edges): bool, int, float or string, with ints
  widened to float and anything mixed written as text.

networkx is imported inside the functions, so importing this module stays cheap.
"""

from __future__ import annotations

import csv
import io
import json
import os
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ehelse_map.model.records import Dataset

if TYPE_CHECKING:
    import networkx as nx

    from ehelse_map.model.scope import Filters

FORMATS = ("graphml", "gexf", "json", "csv")
LIST_SEPARATOR = ","
KUMU_TAG_SEPARATOR = " | "
#: The two CSV files of `--format csv`, written into a folder or beside a stem.
CSV_NAMES = ("elements", "connections")


def export_graph(dataset: Dataset, as_of: date | None,
                 filters: Filters | None = None) -> nx.MultiDiGraph:
    """`build_graph` with attributes every export format can carry without loss."""
    import networkx as nx

    from ehelse_map.graph import build_graph

    source = build_graph(dataset, as_of, filters)
    graph = nx.MultiDiGraph()
    graph.graph.update(_clean_mapping(source.graph))
    graph.graph["as_of"] = as_of.isoformat() if as_of else "all"
    for node, data in source.nodes(data=True):
        attributes = dict(data)
        attributes["record_id"] = attributes.pop("id", node.partition(":")[2])
        record = dataset.actors.get(attributes["record_id"]) if data.get("type") == "actor" \
            else dataset.networks.get(attributes["record_id"]) if data.get("type") == "network" \
            else None
        if record is not None and record.url:
            attributes.setdefault("url", record.url)
        graph.add_node(node, **_clean_mapping(attributes))
    for u, v, data in source.edges(data=True):
        attributes = dict(data)
        attributes["relation"] = attributes.pop("type", "")
        graph.add_edge(u, v, **_clean_mapping(attributes))
    _unify_types(graph.nodes(data=True), lambda item: item[1])
    _unify_types(graph.edges(data=True), lambda item: item[2])
    return graph


def _clean_value(value: Any) -> Any:
    """A value typed formats can hold: None becomes missing (returned as None), lists text."""
    if value is None:
        return None
    if isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, (list, tuple, set, frozenset)):
        items = sorted(value) if isinstance(value, (set, frozenset)) else value
        return LIST_SEPARATOR.join(str(v) for v in items)
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
        convert = float if found == {"int", "float"} else str
        for data in rows:
            if name in data:
                data[name] = convert(data[name])


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


_GRAPHML_TYPES = {"bool": "boolean", "int": "long", "float": "double", "str": "string"}


def to_graphml(graph: nx.MultiDiGraph) -> bytes:
    """GraphML 1.0 with one typed key per attribute (`attr.type` boolean, long, double or
    string), key ids `d0, d1, ...` and edge ids `e0, e1, ...`.

    Written here rather than by networkx so booleans are `true`/`false` as XML Schema wants
    (networkx writes `True`) and key ids are unique across node, edge and graph keys.
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
            key = ids[(scope, name)] = f"d{len(ids)}"
            ET.SubElement(root, "key", {"id": key, "for": scope,
                                        "attr.name": name, "attr.type": _GRAPHML_TYPES[kind]})
    body = ET.SubElement(root, "graph", {"id": "G", "edgedefault": "directed"})

    def data(parent: ET.Element, scope: str, values: dict[str, Any]) -> None:
        for name, value in values.items():
            item = ET.SubElement(parent, "data", {"key": ids[(scope, name)]})
            item.text = _xml_text(value)

    data(body, "graph", dict(sorted(graph.graph.items())))
    for node, values in graph.nodes(data=True):
        data(ET.SubElement(body, "node", {"id": node}), "node", values)
    for index, (u, v, values) in enumerate(graph.edges(data=True)):
        data(ET.SubElement(body, "edge", {"id": f"e{index}", "source": u, "target": v}),
             "edge", values)
    ET.indent(root, "  ")
    text: bytes = ET.tostring(root, "utf-8")  # bytes for any encoding but "unicode"
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + text + b"\n"


def _xml_text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return repr(value)
    return str(value)


def to_gexf(graph: nx.MultiDiGraph) -> bytes:
    """GEXF 1.2 with typed attributes; the `lastmodifieddate` is the as-of date, so the same
    data gives the same bytes on any day."""
    import networkx as nx

    text = "\n".join(nx.generate_gexf(graph, encoding="utf-8", prettyprint=True,
                                      version="1.2draft"))
    stamp = graph.graph.get("as_of", "all")
    if stamp == "all":
        stamp = "1970-01-01"
    import re

    text = re.sub(r'lastmodifieddate="[^"]*"', f'lastmodifieddate="{stamp}"', text, count=1)
    return (text + "\n").encode("utf-8")


def to_node_link(graph: nx.MultiDiGraph) -> str:
    """node-link JSON (`nodes`, `links`), the shape D3's force layout reads."""
    import networkx as nx

    data = nx.node_link_data(graph, edges="links")
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=False) + "\n"


def to_kumu_csv(graph: nx.MultiDiGraph) -> tuple[str, str]:
    """(elements, connections) CSV text in Kumu's import layout.

    Elements: `ID, Label, Type, Description, Tags`, then every other node attribute.
    Connections: `From, To, Type, Direction`, then every other edge attribute. From and To hold
    element IDs (`actor:ks`), which Kumu matches against the ID column; Tags are a network's
    tasks separated by `|`.
    """
    from ehelse_map.render.table import csv_cell

    node_fields = sorted({k for _, d in graph.nodes(data=True) for k in d}
                         - {"label", "type", "name"})
    elements = io.StringIO()
    writer = csv.writer(elements, lineterminator="\n")
    writer.writerow(["ID", "Label", "Type", "Description", "Tags", *node_fields])
    for node, data in graph.nodes(data=True):
        tags = KUMU_TAG_SEPARATOR.join(str(data.get("tasks", "")).split(LIST_SEPARATOR)) \
            if data.get("tasks") else ""
        writer.writerow([csv_cell(node), csv_cell(data.get("label", node)),
                         csv_cell(data.get("type", "")), csv_cell(data.get("name", "")),
                         csv_cell(tags), *(_csv_value(data.get(f)) for f in node_fields)])
    edge_fields = sorted({k for _, _, d in graph.edges(data=True) for k in d} - {"relation"})
    connections = io.StringIO()
    writer = csv.writer(connections, lineterminator="\n")
    writer.writerow(["From", "To", "Type", "Direction", *edge_fields])
    for u, v, data in graph.edges(data=True):
        writer.writerow([csv_cell(u), csv_cell(v), csv_cell(data.get("relation", "")), "directed",
                         *(_csv_value(data.get(f)) for f in edge_fields)])
    return elements.getvalue(), connections.getvalue()


def _csv_value(value: Any) -> str:
    from ehelse_map.render.table import csv_cell

    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value) if isinstance(value, float) else str(value)
    return csv_cell(value)


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


def render_export(graph: nx.MultiDiGraph, fmt: str) -> dict[str, bytes]:
    """The bytes of one format, keyed by file role: `main`, or `elements` and `connections`."""
    if fmt == "graphml":
        return {"main": to_graphml(graph)}
    if fmt == "gexf":
        return {"main": to_gexf(graph)}
    if fmt == "json":
        return {"main": to_node_link(graph).encode("utf-8")}
    if fmt == "csv":
        elements, connections = to_kumu_csv(graph)
        return {"elements": elements.encode("utf-8"), "connections": connections.encode("utf-8")}
    raise ValueError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
