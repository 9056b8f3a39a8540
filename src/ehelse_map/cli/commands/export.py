"""`ehelse-map export`: the graph for Gephi, Cytoscape, yEd, D3, Kumu and spreadsheets."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from ehelse_map.cli.options import (
    AsOfOption,
    AssumeOption,
    CountryOption,
    DataOption,
    RegionOption,
    fail,
    in_scope,
    load,
    writing,
    wrote,
)
from ehelse_map.render.formats import ExportFormat

ForceOption = Annotated[bool, typer.Option(
    "--force", help="Overwrite output files that already exist.")]


def export(
    output: Annotated[str, typer.Option(
        "--output", "-o", metavar="PATH",
        help="Output file; '-' is stdout. For csv: a folder (elements.csv and connections.csv "
             "in it) or a stem (STEM-elements.csv and STEM-connections.csv).")],
    fmt: Annotated[ExportFormat, typer.Option(
        "--format", "-f", case_sensitive=False,
        help="graphml (Gephi, Cytoscape, yEd, igraph), gexf (Gephi, sigma.js), json (node-link: "
             "D3, networkx), csv or xlsx (Kumu, spreadsheets).")
    ] = ExportFormat.graphml,
    excel: Annotated[bool, typer.Option(
        "--excel", help="csv for Excel where the decimal mark is a comma (nb, sv, da, de...): "
                        "UTF-8 with a BOM, ';' between fields, ',' in decimals.")] = False,
    data: DataOption = None, assume: AssumeOption = None,
    as_of: AsOfOption = None,
    country: CountryOption = None,
    region: RegionOption = None,
    active: Annotated[bool, typer.Option(
        "--active/--all", help="Networks active on the --as-of date, or of every period.")
    ] = True,
    force: ForceOption = False,
) -> None:
    """Export the actor–network graph for Gephi, Cytoscape, yEd, D3, Kumu or a spreadsheet.

    Nodes are actors, networks, roles and areas; edges are hosts, member, targets,
    covers-area, funds, reports-to, steered-by, parent, participates, the relations the data
    states (cooperation, mandate, agreement, ownership, evaluation) and overlaps (from the
    overlap analysis, weighted by score).
    """
    from ehelse_map.cli.progress import stages
    from ehelse_map.render.exports import csv_paths, export_graph, write_export
    from ehelse_map.safe_write import atomic_open, check_target

    if excel and fmt is not ExportFormat.csv:
        raise fail("--excel applies to --format csv only")
    if fmt is ExportFormat.xlsx and output == "-" and sys.stdout.isatty():
        raise fail("--format xlsx writes a binary workbook; give a file with -o")
    if fmt is ExportFormat.csv and output == "-":
        raise fail("--format csv writes two files; give a folder or a file stem with -o")
    with stages(3, enabled=output != "-") as step:  # no display over a graph on stdout
        step("load the data")
        dataset = load(data, assume=assume)
        day, scope = in_scope(dataset, as_of, country=country, region=region)
        step("build the graph")
        graph = export_graph(dataset, day if active else None, scope)
        if fmt is ExportFormat.csv:
            elements, connections = csv_paths(output)
            targets = {"elements": elements, "connections": connections}
        else:
            targets = {"main": Path(output) if output != "-" else Path("-")}
        step(f"write {fmt.value}")
        with writing(output):
            for path in targets.values():  # refuse before writing anything
                check_target(path if str(path) != "-" else "-", force=force,
                             inputs=dataset.files)
            for role, path in targets.items():  # each file written as it is made: exports.py
                with atomic_open("-" if str(path) == "-" else path, "wb", force=force,
                                 inputs=dataset.files) as handle:
                    write_export(graph, fmt.value, role, handle, excel=excel)
    written = [str(p) for p in targets.values() if str(p) != "-"]
    if written:
        wrote(written)


def register(app: typer.Typer) -> None:
    app.command("export")(export)
