"""`ehelse-map schema`: the JSON Schema of the data files, for editors."""

from __future__ import annotations

import enum
import json
from typing import Annotated

import typer

from ehelse_map.cli.options import emit


class SchemaFile(str, enum.Enum):
    actors = "actors"
    networks = "networks"


def schema(
    file: Annotated[SchemaFile | None, typer.Option(
        "--file", help="Only the schema of this file (default: both, keyed by file).")] = None,
) -> None:
    """Print the JSON Schema of actors.yaml and networks.yaml.

    Save one and point your editor at it: `ehelse-map schema --file actors > actors.schema.json`,
    then start actors.yaml with `# yaml-language-server: $schema=actors.schema.json`.
    """
    from ehelse_map.load.json_schema import json_schema, json_schemas

    payload = json_schema(file.value) if file else json_schemas()
    emit(json.dumps(payload, ensure_ascii=False, indent=2) + "\n")


def register(app: typer.Typer) -> None:
    app.command("schema")(schema)
