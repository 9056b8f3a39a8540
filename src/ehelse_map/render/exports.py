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

The writers stream (issue 22.1): `write_export` writes a file to a binary stream the command
opened (`safe_write.atomic_open`) element by element, node by node and row by row, so what an
export holds is the graph and about `CHUNK` characters, whatever the size of the file. The
bytes are those the documents gave when each was built whole first (an ElementTree indented by
two spaces, `json.dumps(..., indent=2)`, openpyxl's ordinary mode; `tests/evaluator/
export_reference.py` keeps that way of making them, and the tests compare). At ten times
Nordic scale `export -f graphml` peaked at 547 MB and now peaks at 246 MB.

networkx and openpyxl are imported inside the functions, so importing this module stays cheap.
"""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import tempfile
from collections.abc import Container, Iterable, Iterator
from datetime import date
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, TypeGuard

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
#: The byte-order mark `--excel` puts before CSV text, so Excel reads it as UTF-8.
UTF8_BOM = b"\xef\xbb\xbf"


def export_graph(dataset: Dataset, as_of: date | None, filters: Filters | None = None,
                 overlaps: bool = True) -> nx.MultiDiGraph:
    """`build_graph` with attributes every export format can carry without loss, edge keys
    that are stable ids, weights, and (with `overlaps`) one edge per overlapping pair.

    The graph `build_graph` gives is taken apart as it is copied (each node's edges leave it
    once copied), so the two graphs are never both whole in memory: at ten times Nordic scale
    that was 150 MB of the 547 MB `export` peaked at.
    """
    import networkx as nx

    from ehelse_map.graph import build_graph

    pairs = _overlap_pairs(dataset, as_of, filters) if overlaps else []
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
    for node in list(source):  # edges in source.edges() order: the ids depend on it
        out = [(v, key, data) for v, keyed in source.succ[node].items()
               for key, data in keyed.items()]
        for v, _, data in out:
            attributes = {EDGE_RENAMES.get(k, k): value for k, value in data.items()}
            hours = attributes.get("hours_per_year")
            if attributes.get("relation") == "targets" and _positive(hours):
                attributes["weight"] = float(hours)
            _add_export_edge(graph, node, v, attributes)
        source.remove_edges_from([(node, v, key) for v, key, _ in out])
    del source
    for a, b, attributes in _overlap_edges(pairs, graph):
        _add_export_edge(graph, a, b, attributes)
    _unify_types(graph.nodes(data=True), lambda item: item[1])
    _unify_types(graph.edges(data=True), lambda item: item[2])
    return graph


def _add_export_edge(graph: nx.MultiDiGraph, u: str, v: str, attributes: dict[str, Any]) -> None:
    relation = str(attributes.get("relation", ""))
    # two relations of one kind between the same pair (two agreements) are told apart
    attributes["label"] = (f"{relation}: {attributes['record']}" if attributes.get("record")
                           else relation)
    taken = graph.succ[u].get(v, {})
    graph.add_edge(u, v, key=_edge_id(u, relation, v, taken), **_clean_mapping(attributes))


def _positive(value: Any) -> TypeGuard[float]:
    """A weight Gephi keeps: it drops edges of weight 0 on import, so 0 is left out."""
    return isinstance(value, (int, float)) and not isinstance(value, bool) and value > 0


def _edge_id(u: str, relation: str, v: str, taken: Container[str]) -> str:
    """`actor:ks.hosts.network:ks-ekomp`; a repeat of the same triple gets `.2`, `.3`, ...
    (`taken`: the ids of the edges from `u` to `v` so far; no other edge can have them).

    Only characters an XML NMTOKEN (GraphML's id type) allows; node keys hold no `.`, so the
    parts never run together.
    """
    base = f"{u}.{relation}.{v}"
    ident, number = base, 1
    while ident in taken:
        number += 1
        ident = f"{base}.{number}"
    return ident


def _overlap_pairs(dataset: Dataset, as_of: date | None,
                   filters: Filters | None) -> list[Any]:
    """The overlapping pairs of networks, by (a, b)."""
    from ehelse_map.analyses.overlap import overlap

    result = overlap(dataset, as_of, country=filters.country if filters else None,
                     region=filters.region if filters else None)
    return sorted(result.pairs, key=lambda p: (p.a, p.b))


def _overlap_edges(pairs: list[Any], graph: nx.MultiDiGraph
                   ) -> list[tuple[str, str, dict[str, Any]]]:
    """One `overlaps` edge per overlapping pair of networks in the graph, weighted by score."""
    from ehelse_map.graph import node_key

    edges = []
    for pair in pairs:
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


#: The plain value types every format holds, by the kind each is written as. `_clean_value`
#: keeps them as they are (text only when it is not empty).
_KINDS = {bool: "bool", int: "int", float: "float", str: "str"}


def _clean_mapping(data: dict[str, Any]) -> dict[str, Any]:
    cleaned = {str(k): v if type(v) in _KINDS else _clean_value(v) for k, v in data.items()}
    return {k: v for k, v in cleaned.items() if v is not None and v != ""}


def _kind_of(value: Any) -> str:
    return _kind_of_type(type(value))


def _kind_of_type(kind: type) -> str:
    found = _KINDS.get(kind)
    if found is not None:
        return found
    if issubclass(kind, bool):
        return "bool"
    if issubclass(kind, int):
        return "int"
    if issubclass(kind, float):
        return "float"
    return "str"


def _kinds_by_name(rows: Iterable[dict[str, Any]]) -> dict[str, set[str]]:
    """The kinds of value each attribute name has among `rows`. Rows come in few shapes (the
    names and value types of a record kind), so each shape is read once."""
    shapes = {tuple(zip(data, map(type, data.values()), strict=True)) for data in rows}
    kinds: dict[str, set[str]] = {}
    for shape in shapes:
        for name, kind in shape:
            kinds.setdefault(name, set()).add(_kind_of_type(kind))
    return kinds


def _unify_types(items: Any, attributes_of: Any) -> None:
    """Give every attribute one type: int+float -> float, any other mix -> str."""
    rows = [attributes_of(item) for item in items]
    for name, found in _kinds_by_name(rows).items():
        if len(found) == 1:
            continue
        convert = float if found == {"int", "float"} else _text
        for data in rows:
            if name in data:
                data[name] = convert(data[name])


def _text(value: Any) -> str:
    if type(value) is str:
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    return repr(value) if isinstance(value, float) else str(value)


def attribute_types(graph: nx.MultiDiGraph) -> dict[str, dict[str, str]]:
    """`{"node": {name: kind}, "edge": {...}}`, kinds `bool|int|float|str`; for docs and tests.
    An export graph has one kind per name (`_unify_types`); in any other graph the kind of the
    last value read counts."""
    def rows(scope: str) -> Iterator[dict[str, Any]]:
        if scope == "node":
            return (data for _, data in graph.nodes(data=True))
        return (data for _, _, data in graph.edges(data=True))

    result: dict[str, dict[str, str]] = {}
    for scope in ("node", "edge"):
        kinds = _kinds_by_name(rows(scope))
        if any(len(found) > 1 for found in kinds.values()):
            kinds = {}
            for data in rows(scope):
                for name, value in data.items():
                    kinds[name] = {_kind_of(value)}
        result[scope] = {name: next(iter(found)) for name, found in sorted(kinds.items())}
    return result


def _stamp(graph: nx.MultiDiGraph) -> str:
    """The as-of date of the export, or ALL_PERIODS_DATE for `--all`: files that carry a date
    carry this one, so the same data gives the same bytes on any day."""
    stamp = str(graph.graph.get("as_of", "all"))
    return ALL_PERIODS_DATE if stamp == "all" else stamp


def _description(graph: nx.MultiDiGraph) -> str:
    stamp = graph.graph.get("as_of", "all")
    when = "every period" if stamp == "all" else f"as of {stamp}"
    return f"ehelse-map actor–network graph, {when}"


class _Sink:
    """Text written to a binary stream as UTF-8 in chunks of about `CHUNK` characters: what an
    export holds at any moment is the graph and one chunk, never the whole document."""

    def __init__(self, stream: IO[bytes], errors: str = "strict") -> None:
        self.stream = stream
        self.errors = errors
        self.parts: list[str] = []
        self.size = 0

    def write(self, text: str) -> None:
        self.parts.append(text)
        self.size += len(text)
        if self.size >= CHUNK:
            self.flush()

    def flush(self) -> None:
        if self.parts:
            self.stream.write("".join(self.parts).encode("utf-8", self.errors))
            self.parts.clear()
            self.size = 0


#: Characters a writer collects before it encodes and writes them (about 256 KiB of text).
CHUNK = 1 << 18


def _cdata(text: str) -> str:
    """Character data escaped as `xml.etree.ElementTree` escapes it (same bytes)."""
    if "&" in text:
        text = text.replace("&", "&amp;")
    if "<" in text:
        text = text.replace("<", "&lt;")
    if ">" in text:
        text = text.replace(">", "&gt;")
    return text


def _attribute(text: str) -> str:
    """An attribute value escaped as `xml.etree.ElementTree` escapes it (same bytes)."""
    if "&" in text:
        text = text.replace("&", "&amp;")
    if "<" in text:
        text = text.replace("<", "&lt;")
    if ">" in text:
        text = text.replace(">", "&gt;")
    if '"' in text:
        text = text.replace('"', "&quot;")
    if "\r" in text:
        text = text.replace("\r", "&#13;")
    if "\n" in text:
        text = text.replace("\n", "&#10;")
    if "\t" in text:
        text = text.replace("\t", "&#09;")
    return text


def _start(tag: str, attributes: dict[str, str]) -> str:
    return "<" + tag + "".join(f' {k}="{_attribute(v)}"' for k, v in attributes.items())


def _leaf(tag: str, attributes: dict[str, str], text: str | None = None) -> str:
    """An element without children, as ElementTree writes it: `<tag a="v" />` or with text."""
    if text:
        return f"{_start(tag, attributes)}>{_cdata(text)}</{tag}>"
    return _start(tag, attributes) + " />"


def _parent(tag: str, attributes: dict[str, str], children: list[str], level: int) -> str:
    """An element with `children` (already written) at indentation `level`, laid out as
    `ElementTree.indent(root, "  ")` lays it out; without children, a leaf."""
    if not children:
        return _leaf(tag, attributes)
    inner = "\n" + "  " * (level + 1)
    return f"{_start(tag, attributes)}>{inner}{inner.join(children)}\n{'  ' * level}</{tag}>"


#: The XML declaration every XML export starts with: UTF-8, characters beyond ASCII as
#: themselves, never as character references.
XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n'

_GRAPHML_TYPES = {"bool": "boolean", "int": "long", "float": "double", "str": "string"}


def write_graphml(graph: nx.MultiDiGraph, stream: IO[bytes]) -> None:
    """GraphML 1.0 with one typed key per attribute (`attr.type` boolean, long, double or
    string) and the stable edge ids, written to `stream` element by element.

    Written here rather than by networkx so booleans are `true`/`false` as XML Schema wants
    (networkx writes `True`), and key ids are `node.NAME`, `edge.NAME`, `graph.NAME`: Gephi
    reads a key with the id `d3` as the node label and `d7` as the edge label (yEd's ids), so
    the numbered ids networkx writes would turn an ordinary attribute into a label there.
    The bytes are those `xml.etree.ElementTree` gives for the same tree, indented by two
    spaces; the tree is never built.
    """
    ns = "http://graphml.graphdrawing.org/xmlns"
    out = _Sink(stream, "xmlcharrefreplace")
    types = attribute_types(graph)
    types["graph"] = {k: _kind_of(v) for k, v in sorted(graph.graph.items())}
    ids: dict[tuple[str, str], str] = {}
    out.write(XML_DECLARATION + _start("graphml", {
        "xmlns": ns, "xmlns:xsi": "http://www.w3.org/2001/XMLSchema-instance",
        "xsi:schemaLocation": f"{ns} {ns}/1.0/graphml.xsd"}) + ">")
    for scope in ("graph", "node", "edge"):
        for name, kind in types[scope].items():
            key = ids[(scope, name)] = f"{scope}.{name}"
            out.write("\n  " + _leaf("key", {"id": key, "for": scope, "attr.name": name,
                                             "attr.type": _GRAPHML_TYPES[kind]}))

    # each <data> element's opening, written once per attribute rather than once per value
    opening = {scope_name: _start("data", {"key": key}) for scope_name, key in ids.items()}

    def data(scope: str, values: dict[str, Any]) -> list[str]:
        elements = []
        for name, value in values.items():
            text = _text(value)
            start = opening[(scope, name)]
            elements.append(f"{start}>{_cdata(text)}</data>" if text else start + " />")
        return elements

    body = {"id": "G", "edgedefault": "directed"}
    head = data("graph", dict(sorted(graph.graph.items())))
    if not head and not len(graph):
        out.write("\n  " + _leaf("graph", body))
    else:
        out.write("\n  " + _start("graph", body) + ">")
        for line in head:
            out.write("\n    " + line)
        for node, values in graph.nodes(data=True):
            out.write("\n    " + _parent("node", {"id": node}, data("node", values), 2))
        for u, v, key, values in graph.edges(keys=True, data=True):
            out.write("\n    " + _parent("edge", {"id": key, "source": u, "target": v},
                                         data("edge", values), 2))
        out.write("\n  </graph>")
    out.write("\n</graphml>\n")
    out.flush()


def to_graphml(graph: nx.MultiDiGraph) -> bytes:
    """The bytes of `write_graphml`."""
    buffer = io.BytesIO()
    write_graphml(graph, buffer)
    return buffer.getvalue()


_GEXF_TYPES = {"bool": "boolean", "int": "long", "float": "double", "str": "string"}
#: Attributes GEXF writes on the element itself rather than as an attvalue.
_GEXF_NATIVE = {"node": ("label",), "edge": ("label", "weight")}


def write_gexf(graph: nx.MultiDiGraph, stream: IO[bytes]) -> None:
    """GEXF 1.2 (`http://www.gexf.net/1.2draft`) as its published schema has it, written to
    `stream` element by element (the bytes ElementTree gives for the same tree, indented).

    Nodes carry `label`; edges their stable `id`, `label` (the relation) and `weight` where
    one is known; everything else is a typed attvalue, its attribute id being its name. GEXF
    1.2 has no graph attributes: the as-of date is the `lastmodifieddate` and is named in the
    description (1970-01-01 for `--all`), so the same data gives the same bytes on any day.
    """
    ns = "http://www.gexf.net/1.2draft"
    out = _Sink(stream, "xmlcharrefreplace")
    out.write(XML_DECLARATION + _start("gexf", {
        "xmlns": ns, "xmlns:xsi": "http://www.w3.org/2001/XMLSchema-instance",
        "xsi:schemaLocation": f"{ns} {ns}/gexf.xsd", "version": "1.2"}) + ">")
    meta = [_leaf("creator", {}, "ehelse-map"), _leaf("description", {}, _description(graph))]
    out.write("\n  " + _parent("meta", {"lastmodifieddate": _stamp(graph)}, meta, 1))
    out.write("\n  " + _start("graph", {"defaultedgetype": "directed", "mode": "static"}) + ">")
    types = attribute_types(graph)
    for scope in ("node", "edge"):
        declared = {k: v for k, v in types[scope].items() if k not in _GEXF_NATIVE[scope]}
        if declared:
            out.write("\n    " + _parent("attributes", {"class": scope, "mode": "static"}, [
                _leaf("attribute", {"id": name, "title": name, "type": _GEXF_TYPES[kind]})
                for name, kind in declared.items()], 2))

    # each attvalue's opening up to its value, written once per attribute, not once per value
    opening = {(scope, name): _start("attvalue", {"for": name}) + ' value="'
               for scope in ("node", "edge") for name in types[scope]}

    def attvalues(scope: str, values: dict[str, Any]) -> list[str]:
        native = _GEXF_NATIVE[scope]
        rest = [opening[(scope, k)] + _attribute(_text(v)) + '" />'
                for k, v in values.items() if k not in native]
        return [_parent("attvalues", {}, rest, 4)] if rest else []

    nodes = {"count": str(graph.number_of_nodes())}
    if not len(graph):
        out.write("\n    " + _leaf("nodes", nodes))
    else:
        out.write("\n    " + _start("nodes", nodes) + ">")
        for node, values in graph.nodes(data=True):
            fields = {"id": node, "label": str(values.get("label", node))}
            out.write("\n      " + _parent("node", fields, attvalues("node", values), 3))
        out.write("\n    </nodes>")
    edges = {"count": str(graph.number_of_edges())}
    if not graph.number_of_edges():
        out.write("\n    " + _leaf("edges", edges))
    else:
        out.write("\n    " + _start("edges", edges) + ">")
        for u, v, key, values in graph.edges(keys=True, data=True):
            fields = {"id": key, "source": u, "target": v, "label": str(values.get("label", ""))}
            if "weight" in values:
                fields["weight"] = _text(values["weight"])
            out.write("\n      " + _parent("edge", fields, attvalues("edge", values), 3))
        out.write("\n    </edges>")
    out.write("\n  </graph>\n</gexf>\n")
    out.flush()


def to_gexf(graph: nx.MultiDiGraph) -> bytes:
    """The bytes of `write_gexf`."""
    buffer = io.BytesIO()
    write_gexf(graph, buffer)
    return buffer.getvalue()


def _node_items(graph: nx.MultiDiGraph) -> Iterator[dict[str, Any]]:
    for node, values in graph.nodes(data=True):
        yield {"id": node, **values}


def _edge_items(graph: nx.MultiDiGraph) -> Iterator[dict[str, Any]]:
    for u, v, key, values in graph.edges(keys=True, data=True):
        yield {"source": u, "target": v, "key": key, **values}


def node_link_data(graph: nx.MultiDiGraph) -> dict[str, Any]:
    """networkx's node-link layout, written here so it is the same on every networkx: `nodes`
    with `id`, and the edges (with `source`, `target` and `key`, the edge id) under both
    `edges` (what `node_link_graph` reads by default from networkx 3.4 on) and `links` (D3's
    name, and networkx's before 3.4)."""
    links = list(_edge_items(graph))
    return {
        "directed": True, "multigraph": True, "graph": dict(graph.graph),
        "nodes": list(_node_items(graph)), "edges": links, "links": links,
    }


_SCALARS = frozenset({*_KINDS, type(None)})


def _flat_encoder(level: int) -> json.JSONEncoder:
    """The C encoder writing a mapping of plain values as `json.dumps(..., indent=2)` writes it
    at nesting depth `level`, without the braces' own lines."""
    inner = "\n" + "  " * (level + 1)
    return json.JSONEncoder(ensure_ascii=False, separators=("," + inner, ": "))


def _json_value(value: Any, level: int, flat: json.JSONEncoder | None = None) -> str:
    """`value` as `json.dumps(..., ensure_ascii=False, indent=2)` writes it at nesting depth
    `level`. A mapping of plain values (every node and edge) goes through the C encoder with
    the indented separators (`flat`, made once per list), about ten times as fast as the
    pure-Python indenting encoder."""
    if type(value) is dict and value and set(map(type, value.values())) <= _SCALARS:
        text = (flat or _flat_encoder(level)).encode(value)
        return "{\n" + "  " * (level + 1) + text[1:-1] + "\n" + "  " * level + "}"
    return json.dumps(value, ensure_ascii=False, indent=2).replace("\n", "\n" + "  " * level)


def _json_list(out: _Sink, items: Iterable[Any], level: int) -> None:
    """A list written item by item, as `json.dumps(..., indent=2)` writes it at `level`."""
    inner = "\n" + "  " * (level + 1)
    flat = _flat_encoder(level + 1)
    first = True
    for item in items:
        out.write(("[" if first else ",") + inner + _json_value(item, level + 1, flat))
        first = False
    out.write("[]" if first else "\n" + "  " * level + "]")


def write_node_link(graph: nx.MultiDiGraph, stream: IO[bytes]) -> None:
    """node-link JSON (see `node_link_data`), written to `stream` node by node and edge by
    edge: the bytes of `json.dumps(node_link_data(graph), ensure_ascii=False, indent=2)` and a
    newline. `json.load` it into `networkx.node_link_graph(data)` or D3's force layout."""
    out = _Sink(stream)
    out.write('{\n  "directed": true,\n  "multigraph": true,\n  "graph": '
              + _json_value(dict(graph.graph), 1) + ',\n  "nodes": ')
    _json_list(out, _node_items(graph), 1)
    out.write(',\n  "edges": ')
    _json_list(out, _edge_items(graph), 1)
    out.write(',\n  "links": ')
    _json_list(out, _edge_items(graph), 1)
    out.write("\n}\n")
    out.flush()


def to_node_link(graph: nx.MultiDiGraph) -> str:
    """The text of `write_node_link`."""
    buffer = io.BytesIO()
    write_node_link(graph, buffer)
    return buffer.getvalue().decode("utf-8")


# --- Kumu: CSV and xlsx ----------------------------------------------------------------------

#: Kumu's element columns (ID first, so connections refer to elements by it), then the rest.
ELEMENT_COLUMNS = ("ID", "Label", "Type", "Description", "Tags")
#: Kumu's connection columns (ID first, so a re-import updates rather than duplicates).
CONNECTION_COLUMNS = ("ID", "From", "To", "Type", "Direction", "Strength")
#: Node and edge attributes the Kumu columns above already hold.
_ELEMENT_HELD = {"label": "Label", "record_type": "Type", "full_name": "Description",
                 "tasks": "Tags"}
_CONNECTION_HELD = {"relation": "Type", "weight": "Strength", "label": None}


def kumu_rows(graph: nx.MultiDiGraph) -> tuple[Iterator[list[Any]], Iterator[list[Any]]]:
    """(elements, connections) as rows of typed values (header first), in Kumu's layout,
    made one at a time as they are read.

    Elements: `ID, Label, Type, Description, Tags`, then every other node attribute; `Type`
    is the kind of record, `Description` the full name, `Tags` a network's tasks.
    Connections: `ID, From, To, Type, Direction, Strength`, then every other edge attribute;
    From and To hold element IDs (labels are not unique: an actor and a network may share a
    name), `Type` is the relation, `Direction` `directed` (`undirected` for `overlaps`) and
    `Strength` the weight. An unknown value is None (an empty cell).
    """
    node_fields = sorted({k for _, d in graph.nodes(data=True) for k in d} - set(_ELEMENT_HELD))
    edge_fields = sorted({k for _, _, d in graph.edges(data=True) for k in d}
                         - set(_CONNECTION_HELD))

    def elements() -> Iterator[list[Any]]:
        yield [*ELEMENT_COLUMNS, *node_fields]
        for node, data in graph.nodes(data=True):
            yield [node, data.get("label", node), data.get("record_type"),
                   data.get("full_name"), data.get("tasks"),
                   *(data.get(f) for f in node_fields)]

    def connections() -> Iterator[list[Any]]:
        yield [*CONNECTION_COLUMNS, *edge_fields]
        for u, v, key, data in graph.edges(keys=True, data=True):
            relation = data.get("relation")
            yield [key, u, v, relation, "undirected" if relation == OVERLAPS else "directed",
                   data.get("weight"), *(data.get(f) for f in edge_fields)]

    return elements(), connections()


def kumu_tables(graph: nx.MultiDiGraph) -> tuple[list[list[Any]], list[list[Any]]]:
    """`kumu_rows` as two lists."""
    elements, connections = kumu_rows(graph)
    return list(elements), list(connections)


def write_kumu_csv(graph: nx.MultiDiGraph, role: str, stream: IO[bytes],
                   excel: bool = False) -> None:
    """The `elements` or `connections` CSV file (see `to_kumu_csv`), row by row; with
    `excel`, after the UTF-8 byte-order mark."""
    if excel:
        stream.write(UTF8_BOM)
    out = _Sink(stream)
    writer = csv.writer(out, delimiter=";" if excel else ",", lineterminator="\n")
    for row in kumu_rows(graph)[CSV_NAMES.index(role)]:
        writer.writerow([_csv_value(value, excel) for value in row])
    out.flush()


def to_kumu_csv(graph: nx.MultiDiGraph, excel: bool = False) -> tuple[str, str]:
    """(elements, connections) CSV text in Kumu's import layout (see `kumu_rows`).

    `excel`: for a spreadsheet in a locale with a decimal comma (Norwegian, Swedish, Danish,
    German...): `;` between fields and `,` as the decimal mark. The caller adds the UTF-8 BOM
    that makes Excel read the file as UTF-8. Cells a spreadsheet would run as a formula are
    prefixed with `'` either way.
    """
    texts = []
    for role in CSV_NAMES:
        buffer = io.BytesIO()
        write_kumu_csv(graph, role, buffer, excel=excel)
        data = buffer.getvalue()
        texts.append((data[len(UTF8_BOM):] if excel else data).decode("utf-8"))
    return texts[0], texts[1]


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


#: Rows whose widest cell sets a workbook column's width (after the header).
WIDTH_ROWS = 100


def write_kumu_xlsx(graph: nx.MultiDiGraph, stream: IO[bytes]) -> None:
    """A workbook with the sheets `Elements` and `Connections` in Kumu's layout (see
    `kumu_rows`): numbers as numbers, booleans as booleans, text always as text (a cell
    starting with `=` is never a formula). The same data gives the same bytes.

    openpyxl's write-only mode writes each sheet row by row into a temporary file, and the
    workbook is then copied entry by entry (through another temporary file) into `stream`, so
    the rows are never all held at once. The bytes are those of openpyxl's ordinary mode: the
    sheet's dimension, which the write-only mode cannot know, is known here before the first
    row.
    """
    from datetime import datetime
    from itertools import chain, islice

    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.utils import get_column_letter

    stamp = datetime.fromisoformat(_stamp(graph))
    book = Workbook(write_only=True)
    book.properties.creator = "ehelse-map"
    book.properties.title = _description(graph)
    book.properties.created = book.properties.modified = stamp
    counts = (graph.number_of_nodes(), graph.number_of_edges())
    for name, rows, count in zip(SHEET_NAMES, kumu_rows(graph), counts, strict=True):
        sheet = book.create_sheet(name)
        header = next(rows)
        first = list(islice(rows, WIDTH_ROWS))
        sheet.freeze_panes = "A2"
        for c, title in enumerate(header, start=1):
            widest = max((len(_csv_value(row[c - 1])) for row in first), default=0)
            width = min(max(len(title), widest) + 2, 50)
            sheet.column_dimensions[get_column_letter(c)].width = width
        # what openpyxl's ordinary mode writes as <dimension>: every cell of the header is set
        dimension = f"A1:{get_column_letter(len(header))}{count + 1}"
        sheet.calculate_dimension = lambda ref=dimension: ref

        def cells(row: list[Any], sheet: Any = sheet) -> list[Any]:
            # openpyxl reads text starting with `=` as a formula and `#N/A` and the like as
            # errors: such cells are written as text explicitly
            out: list[Any] = []
            for value in row:
                if isinstance(value, str) and value[:1] in ("=", "#"):
                    value = WriteOnlyCell(sheet, value=value)
                    value.data_type = "s"
                out.append(value)
            return out

        for row in chain([header], first, rows):
            sheet.append(cells(row))
    # zipfile seeks back to finish each entry: into a file of our own, then copied (a pipe
    # or a stream opened for appending would give other bytes, or a broken workbook)
    with tempfile.TemporaryFile() as raw, tempfile.TemporaryFile() as stable:
        book.save(raw)
        raw.seek(0)
        _stable_zip(raw, stable, stamp.isoformat())
        stable.seek(0)
        shutil.copyfileobj(stable, stream, 1 << 20)


def to_kumu_xlsx(graph: nx.MultiDiGraph) -> bytes:
    """The bytes of `write_kumu_xlsx`."""
    buffer = io.BytesIO()
    write_kumu_xlsx(graph, buffer)
    return buffer.getvalue()


def _stable_zip(source: IO[bytes], target: IO[bytes], stamp: str) -> None:
    """The zip `source` into `target`, entry by entry, with every entry dated 1980-01-01 and
    the workbook's modified date `stamp`: openpyxl writes the time of saving into both."""
    import re
    import zipfile

    with zipfile.ZipFile(source) as zipped, \
            zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as stable:
        for info in zipped.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            if info.filename == "docProps/core.xml":
                content = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>"
                                 + f"{stamp}Z".encode(), zipped.read(info.filename))
                stable.writestr(entry, content)
                continue
            with zipped.open(info) as reading, stable.open(entry, "w") as writing:
                shutil.copyfileobj(reading, writing, 1 << 20)


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


def export_roles(fmt: str) -> tuple[str, ...]:
    """The files one format writes, by role: `main`, or `elements` and `connections`."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    return CSV_NAMES if fmt == "csv" else ("main",)


def write_export(graph: nx.MultiDiGraph, fmt: str, role: str, stream: IO[bytes],
                 excel: bool = False) -> None:
    """Write the file `role` of format `fmt` to `stream` as it is made: peak memory is the
    graph and a chunk, whatever the size of the file. `excel` applies to csv only (see
    `to_kumu_csv`)."""
    if role not in export_roles(fmt):
        raise ValueError(f"format {fmt} writes {', '.join(export_roles(fmt))}, not {role!r}")
    if fmt == "graphml":
        write_graphml(graph, stream)
    elif fmt == "gexf":
        write_gexf(graph, stream)
    elif fmt == "json":
        write_node_link(graph, stream)
    elif fmt == "xlsx":
        write_kumu_xlsx(graph, stream)
    else:
        write_kumu_csv(graph, role, stream, excel=excel)


def render_export(graph: nx.MultiDiGraph, fmt: str, excel: bool = False) -> dict[str, bytes]:
    """The bytes of one format, keyed by file role (see `write_export`, which writes them
    without holding them)."""
    files = {}
    for role in export_roles(fmt):
        buffer = io.BytesIO()
        write_export(graph, fmt, role, buffer, excel=excel)
        files[role] = buffer.getvalue()
    return files
