"""The typer application. Each command lives in its own module under `commands/`."""

from __future__ import annotations

import importlib
import sys
from typing import Annotated

import typer


def _new_app() -> typer.Typer:
    return typer.Typer(
        name="ehelse-map",
        help="Actor map and overlap analysis for Nordic public e-health coordination.",
        no_args_is_help=True,
        add_completion=False,
        pretty_exceptions_enable=False,
        rich_markup_mode=None,
        context_settings={"help_option_names": ["-h", "--help"]},
    )


#: Command name -> its module under `commands/`, in the order `--help` lists them.
COMMANDS = {
    "validate": "validate",
    "actors": "listings",
    "networks": "listings",
    "show": "listings",
    "profile": "profile",
    "overlap": "overlap",
    "burden": "burden",
    "funding": "funding",
    "anchoring": "anchoring",
    "gaps": "gaps",
    "brokers": "brokers",
    "diagram": "diagram",
    "report": "report",
    "export": "export",
    "whatif": "whatif",
    "recommend": "recommend",
    "sensitivity": "sensitivity",
    "diff": "diff",
    "survey": "survey",
    "schema": "schema",
    "migrate": "migrate",
    "generate": "generate",
}


def _version(value: bool) -> None:
    if value:
        from ehelse_map.version import __version__  # reads package metadata: not at start-up

        typer.echo(f"ehelse-map {__version__}")
        raise typer.Exit()


def main(
    version: Annotated[bool, typer.Option(
        "--version", callback=_version, is_eager=True, help="Show the version and exit.")] = False,
    no_color: Annotated[bool, typer.Option(
        "--no-color", help="No colour or styles in any output (as NO_COLOR=1 does).")] = False,
    no_pager: Annotated[bool, typer.Option(
        "--no-pager", help="Never open long tables in a pager ($PAGER, else less).")] = False,
    lang: Annotated[str | None, typer.Option(
        "--lang", metavar="LANG", show_default=False,
        help="Language of every text: nb (Bokmål), nn (Nynorsk) or en [default: the locale's "
             "when it is one of them, else en]. JSON and CSV stay English.")] = None,
) -> None:
    """Actor map and overlap analysis for Nordic public e-health coordination.

    Exit codes: 0 success, 1 data problems, 2 usage or I/O error. On a terminal, tables use
    its width and colours, show the first 25 rows (--top 0 for all) and open in a pager when
    taller than the screen; piped, they are plain text at 80 columns.
    """
    from ehelse_map.cli.options import check_choice
    from ehelse_map.runtime import set_output

    check_choice("--lang", lang, ("nb", "nn", "en"))
    set_output(color=not no_color, pager=not no_pager, lang=lang)


def build_app(only: str | None = None) -> typer.Typer:
    """The application with every command, or with only the module of command `only`.

    Building a typer command inspects its signature; doing that for one command instead of
    eighteen keeps start-up short for the command actually run.
    """
    app = _new_app()
    app.callback()(main)
    modules = [COMMANDS[only]] if only in COMMANDS else list(dict.fromkeys(COMMANDS.values()))
    for module in modules:
        importlib.import_module(f"{__package__}.commands.{module}").register(app)
    return app


def __getattr__(name: str) -> typer.Typer:
    """`from ehelse_map.cli import app`: the application with every command (tests, tools);
    built when asked for (in about 50 microseconds once the commands are imported)."""
    if name == "app":
        return build_app()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _invoked_command(args: list[str]) -> str | None:
    """The command named on the command line; of the global options only `--lang` takes a
    value."""
    skip = False
    for arg in args:
        if skip:
            skip = False
        elif arg == "--lang":
            skip = True
        elif not arg.startswith("-"):
            return arg
    return None


def run() -> None:
    """Console-script entry point: usage errors as one line on stderr, exit code 2."""
    import typer.main

    from ehelse_map.runtime import collector_off_for_start_up, matplotlib_for_console

    # options.load turns it back on once the data is loaded; why and the figures: runtime.py
    collector_off_for_start_up()
    matplotlib_for_console()

    from ehelse_map.cli.coercion import install

    command = typer.main.get_command(build_app(_invoked_command(sys.argv[1:])))
    install(command)
    try:
        code = command.main(args=sys.argv[1:], prog_name="ehelse-map", standalone_mode=False)
    except typer.Abort:
        sys.stderr.write("ehelse-map: aborted\n")
        raise SystemExit(130) from None
    except typer.TyperException as error:  # click's usage errors, as vendored by typer
        if type(error).__name__ == "NoArgsIsHelpError" or not hasattr(error, "format_message"):
            error.show()  # type: ignore[attr-defined]
            raise SystemExit(getattr(error, "exit_code", 2)) from None
        from ehelse_map.render.escape import inert, printable

        context = getattr(error, "ctx", None)
        hint = f" (see '{context.command_path} --help')" if context is not None else ""
        # typer's value coercion goes through pydantic, whose prefix means nothing to a user.
        message = error.format_message().replace("Value error, ", "")
        sys.stderr.write(inert(f"ehelse-map: error: {printable(message)}{printable(hint)}\n"))
        raise SystemExit(getattr(error, "exit_code", 2)) from None
    raise SystemExit(code if isinstance(code, int) else 0)
