"""Every member of every format enum, on every command that has `--format`: the formats come
from the commands themselves and the registries, never from a list written here."""

from __future__ import annotations

import csv
import enum
import io
import json
from pathlib import Path

import pytest
from typer.main import get_command

from ehelse_map.cli import app
from ehelse_map.render import diff_view, scenario_view, table
from ehelse_map.render.formats import FAMILIES

DATA = Path(__file__).parent / "fixtures" / "format2"
#: What each command needs besides --format to run (its required arguments).
NEEDS: dict[str, list[str]] = {
    "show": ["m-small"],
    "profile": ["m-small"],
    "whatif": ["--retire", "seats-net"],
    "diff": [str(DATA), str(DATA)],
    "export": ["-o", "{tmp}/out"],
    "sensitivity": ["--samples", "2"],
    "validate": [str(DATA)],
}
WITHOUT_DATA = {"validate", "schema", "generate", "migrate"}


def _choices(param: object) -> list[str]:
    """The option's choices, from its enum (typer) or its click Choice (older typers)."""
    kind = getattr(getattr(param, "type_descriptor", None), "annotation", None)
    if isinstance(kind, type) and issubclass(kind, enum.Enum):
        return [member.value for member in kind]
    return list(param.type.choices)  # type: ignore[attr-defined]


def _format_options() -> list[tuple[str, str]]:
    group = get_command(app)
    found = []
    for name, command in sorted(group.commands.items()):  # type: ignore[attr-defined]
        for param in command.params:
            if "--format" in getattr(param, "opts", ()):
                found += [(name, choice) for choice in _choices(param)]
    return found


@pytest.mark.parametrize("registry, family", [
    (table.RENDERERS, "table"), (scenario_view.WHATIF, "scenario"),
    (scenario_view.RECOMMEND, "scenario"), (diff_view.DIFF, "diff")])
def test_every_registry_covers_its_family(registry, family) -> None:
    formats: type[enum.Enum] = FAMILIES[family]
    assert set(registry) == set(formats)


def test_every_command_format_belongs_to_a_family() -> None:
    members = {m.value for family in FAMILIES.values() for m in family}
    options = _format_options()
    assert options and {choice for _, choice in options} <= members


@pytest.mark.parametrize("command, fmt", _format_options())
def test_every_format_of_every_command(run_cli, tmp_path, command, fmt) -> None:
    args = [a.replace("{tmp}", str(tmp_path)) for a in NEEDS.get(command, [])]
    data = [] if command in WITHOUT_DATA else ["--data", str(DATA)]
    if command == "export" and fmt in ("csv",):
        args = ["-o", str(tmp_path / "kumu")]
    result = run_cli([command, *args, *data, "--format", fmt])
    assert result.exit_code in (0, 1), result.stderr  # validate: 1 when the data has warnings
    written = sorted(tmp_path.iterdir())
    output = result.stdout if not written else written[0].read_bytes().decode("utf-8", "replace")
    assert output.strip(), (command, fmt)
    if fmt == "json" and command != "export":
        json.loads(result.stdout)
    if fmt == "csv" and command not in ("export",):
        assert list(csv.reader(io.StringIO(result.stdout)))
