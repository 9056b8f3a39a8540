"""`ehelse-map schema`: the JSON Schema of the data files, for editors."""

from __future__ import annotations

import enum
import json
from typing import Annotated

import typer

from ehelse_map.cli.options import emit


class SchemaFile(str, enum.Enum):
    data = "data"
    actors = "actors"
    networks = "networks"
    observations = "observations"


def schema(
    file: Annotated[SchemaFile, typer.Option(
        "--file", help="data: one schema for any data file; actors, networks or observations: "
        "the same rules with that file's usual keys first.")] = SchemaFile.data,
) -> None:
    """Print the JSON Schema of the data files, for editors and check-jsonschema.

    Save it and point your editor at it: `ehelse-map schema > ehelse-map.schema.json`, then
    start each data file with `# yaml-language-server: $schema=ehelse-map.schema.json`.
    """
    from ehelse_map.load.json_schema import json_schema

    payload = json_schema(file.value)
    emit(json.dumps(payload, ensure_ascii=False, indent=2) + "\n")


def register(app: typer.Typer) -> None:
    app.command("schema")(schema)
