"""`ehelse-map export`: the graph for Gephi, Cytoscape, yEd, D3 and Kumu."""

from __future__ import annotations

import enum
from pathlib import Path
from typing import Annotated

import typer

from ehelse_map.cli.options import (
    AsOfOption,
    CountryOption,
    DataOption,
    RegionOption,
    fail,
    in_scope,
    load,
    writing,
    wrote,
)


class ExportFormat(str, enum.Enum):
    graphml = "graphml"
    gexf = "gexf"
    json = "json"
    csv = "csv"


ForceOption = Annotated[bool, typer.Option(
    "--force", help="Overwrite output files that already exist.")]


def export(
    output: Annotated[str, typer.Option(
        "--output", "-o", metavar="PATH",
        help="Output file; '-' is stdout. For csv: a folder (elements.csv and connections.csv "
             "in it) or a stem (STEM-elements.csv and STEM-connections.csv).")],
    fmt: Annotated[ExportFormat, typer.Option(
        "--format", "-f", case_sensitive=False,
        help="graphml or gexf (Gephi, Cytoscape, yEd), json (node-link, D3), csv (Kumu).")
    ] = ExportFormat.graphml,
    data: DataOption = None,
    as_of: AsOfOption = None,
    country: CountryOption = None,
    region: RegionOption = None,
    active: Annotated[bool, typer.Option(
        "--active/--all", help="Networks active on the --as-of date, or of every period.")
    ] = True,
    force: ForceOption = False,
) -> None:
    """Export the actor–network graph for Gephi, Cytoscape, yEd, D3 or Kumu.

    Nodes are actors, networks, roles and areas; edges are hosts, member, targets,
    covers-area, funds, reports-to, steered-by, parent and participates.
    """
    from ehelse_map.cli.progress import stages
    from ehelse_map.render.exports import csv_paths, export_graph, render_export
    from ehelse_map.safe_write import check_target, write_bytes

    if fmt is ExportFormat.csv and output == "-":
        raise fail("--format csv writes two files; give a folder or a file stem with -o")
    with stages(4, enabled=output != "-") as step:  # no display over a graph on stdout
        step("load the data")
        dataset = load(data)
        day, scope = in_scope(dataset, as_of, country=country, region=region)
        step("build the graph")
        graph = export_graph(dataset, day if active else None, scope)
        step(f"write {fmt.value}")
        files = render_export(graph, fmt.value)
        if fmt is ExportFormat.csv:
            elements, connections = csv_paths(output)
            targets = {"elements": elements, "connections": connections}
        else:
            targets = {"main": Path(output) if output != "-" else Path("-")}
        step("save")
        with writing(output):
            for path in targets.values():  # refuse before writing anything
                check_target(path if str(path) != "-" else "-", force=force,
                             inputs=dataset.files)
            for role, path in targets.items():
                write_bytes("-" if str(path) == "-" else path, files[role], force=force,
                            inputs=dataset.files)
    written = [str(p) for p in targets.values() if str(p) != "-"]
    if written:
        wrote(written)


def register(app: typer.Typer) -> None:
    app.command("export")(export)
