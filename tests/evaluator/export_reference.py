"""The exports as they were written before they streamed (issue 22.1): each document built
whole (an ElementTree, one `json.dumps`, openpyxl's ordinary mode, CSV text in memory) and
then serialised. `test_exports.py` checks the streamed writers give these very bytes."""

from __future__ import annotations

import csv
import io
import json
import re
import xml.etree.ElementTree as ET
import zipfile
from datetime import datetime
from typing import Any

from ehelse_map.render.exports import (
    SHEET_NAMES,
    UTF8_BOM,
    _csv_value,
    _description,
    _kind_of,
    _stamp,
    _text,
    attribute_types,
    kumu_tables,
)


def _xml_bytes(root: Any) -> bytes:
    ET.indent(root, "  ")
    text: bytes = ET.tostring(root, "utf-8", xml_declaration=False)
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + text + b"\n"


_TYPES = {"bool": "boolean", "int": "long", "float": "double", "str": "string"}


def graphml(graph: Any) -> bytes:
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
            ET.SubElement(root, "key", {"id": key, "for": scope, "attr.name": name,
                                        "attr.type": _TYPES[kind]})
    body = ET.SubElement(root, "graph", {"id": "G", "edgedefault": "directed"})

    def data(parent: ET.Element, scope: str, values: dict[str, Any]) -> None:
        for name, value in values.items():
            ET.SubElement(parent, "data", {"key": ids[(scope, name)]}).text = _text(value)

    data(body, "graph", dict(sorted(graph.graph.items())))
    for node, values in graph.nodes(data=True):
        data(ET.SubElement(body, "node", {"id": node}), "node", values)
    for u, v, key, values in graph.edges(keys=True, data=True):
        data(ET.SubElement(body, "edge", {"id": key, "source": u, "target": v}), "edge", values)
    return _xml_bytes(root)


_NATIVE = {"node": ("label",), "edge": ("label", "weight")}


def gexf(graph: Any) -> bytes:
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
        declared = {k: v for k, v in types[scope].items() if k not in _NATIVE[scope]}
        if declared:
            block = ET.SubElement(body, "attributes", {"class": scope, "mode": "static"})
            for name, kind in declared.items():
                ET.SubElement(block, "attribute", {"id": name, "title": name,
                                                   "type": _TYPES[kind]})

    def attvalues(parent: ET.Element, scope: str, values: dict[str, Any]) -> None:
        rest = [(k, v) for k, v in values.items() if k not in _NATIVE[scope]]
        if rest:
            block = ET.SubElement(parent, "attvalues")
            for name, value in rest:
                ET.SubElement(block, "attvalue", {"for": name, "value": _text(value)})

    nodes = ET.SubElement(body, "nodes", {"count": str(graph.number_of_nodes())})
    for node, values in graph.nodes(data=True):
        element = ET.SubElement(nodes, "node", {"id": node,
                                                "label": str(values.get("label", node))})
        attvalues(element, "node", values)
    edges = ET.SubElement(body, "edges", {"count": str(graph.number_of_edges())})
    for u, v, key, values in graph.edges(keys=True, data=True):
        fields = {"id": key, "source": u, "target": v, "label": str(values.get("label", ""))}
        if "weight" in values:
            fields["weight"] = _text(values["weight"])
        attvalues(ET.SubElement(edges, "edge", fields), "edge", values)
    return _xml_bytes(root)


def node_link(graph: Any) -> bytes:
    links = [{"source": u, "target": v, "key": key, **values}
             for u, v, key, values in graph.edges(keys=True, data=True)]
    data = {"directed": True, "multigraph": True, "graph": dict(graph.graph),
            "nodes": [{"id": node, **values} for node, values in graph.nodes(data=True)],
            "edges": links, "links": links}
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def kumu_csv(graph: Any, excel: bool = False) -> dict[str, bytes]:
    files = {}
    for name, rows in zip(("elements", "connections"), kumu_tables(graph), strict=True):
        out = io.StringIO()
        writer = csv.writer(out, delimiter=";" if excel else ",", lineterminator="\n")
        for row in rows:
            writer.writerow([_csv_value(value, excel) for value in row])
        files[name] = (UTF8_BOM if excel else b"") + out.getvalue().encode("utf-8")
    return files


def kumu_xlsx(graph: Any) -> bytes:
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
                    cell.data_type = "s"
        sheet.freeze_panes = "A2"
        for c, header in enumerate(rows[0], start=1):
            widest = max((len(_csv_value(row[c - 1])) for row in rows[1:101]), default=0)
            sheet.column_dimensions[get_column_letter(c)].width = min(max(len(header), widest)
                                                                      + 2, 50)
    buffer = io.BytesIO()
    book.save(buffer)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as source, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                content = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>"
                                 + f"{stamp.isoformat()}Z".encode(), content)
            entry = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            target.writestr(entry, content)
    return out.getvalue()


def render(graph: Any, fmt: str, excel: bool = False) -> dict[str, bytes]:
    """`render_export`'s result, made the old way."""
    if fmt == "csv":
        return kumu_csv(graph, excel)
    made = {"graphml": graphml, "gexf": gexf, "json": node_link, "xlsx": kumu_xlsx}[fmt]
    return {"main": made(graph)}
