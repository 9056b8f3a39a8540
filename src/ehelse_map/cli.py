"""The typer application. Each command lives in its own module under `commands/`."""

from __future__ import annotations

import importlib
from typing import Annotated

import typer

from . import __version__

app = typer.Typer(
    name="ehelse-map",
    help="Actor map and overlap analysis for Nordic public e-health coordination.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)

#: Command modules, in the order `--help` lists them.
COMMANDS = (
    "validate",
    "listings",
    "overlap",
    "burden",
    "funding",
    "anchoring",
    "gaps",
    "brokers",
    "diagram",
    "report",
    "export",
    "whatif",
    "recommend",
    "diff",
    "schema",
    "generate",
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"ehelse-map {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[bool, typer.Option(
        "--version", callback=_version, is_eager=True, help="Show the version and exit.")] = False,
) -> None:
    """Actor map and overlap analysis for Nordic public e-health coordination.

    Exit codes: 0 success, 1 data problems, 2 usage or I/O error.
    """


for _name in COMMANDS:
    importlib.import_module(f"{__package__}.commands.{_name}").register(app)


def run() -> None:
    """Console-script entry point."""
    app()
