"""Option values are converted without pydantic only where typer's conversion would give the
same value; every other value, and every error, is typer's own (`cli/coercion.py`)."""

from __future__ import annotations

import enum
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import typer
import typer.main

from ehelse_map.cli import build_app
from ehelse_map.cli.coercion import PassThrough, TyperFunctions, install

# An older typer converts without pydantic, and nothing is installed: nothing to compare.
build_runtime_param = pytest.importorskip("typer._coercion").build_runtime_param
coerce_cli_choice = pytest.importorskip("typer._param_types").coerce_cli_choice
coerce_cli_path = pytest.importorskip("typer._param_types").coerce_cli_path

TEXTS = ["", "0", "5", "007", "200", "201", "10000", "12345678901234567", "-1", "+3", " 5",
         "5 ", "1_000", "5.0", "0.5", ".5", "5.", "1.", "1e3", "nan", "inf", "-0", "abc",
         "ÆØÅ", "\u0663", "１２", "json", "JSON", "Json", "text", "csv", "-", "a,b"]


def _parameters(command: Any) -> list[tuple[Any, Any]]:
    """(context, parameter) for every parameter of `command` and its subcommands, help options
    included."""
    found = []

    def visit(node: Any, parent: Any) -> None:
        ctx = typer.Context(node, parent=parent, info_name=node.name)
        for param in [*node.params, node.get_help_option(ctx)]:
            if param is not None:
                found.append((ctx, param))
        for sub in getattr(node, "commands", {}).values():
            visit(sub, ctx)

    visit(command, None)
    return found


def _values(param: Any, folder: Path) -> list[Any]:
    annotation = param.type_descriptor.annotation
    choices = list(annotation) if isinstance(annotation, type) and issubclass(
        annotation, enum.Enum) else []
    names = [*[c.value for c in choices], *[c.name.upper() for c in choices]]
    paths = [str(folder), str(folder / "file.yaml"), str(folder / "missing"), folder,
             folder / "file.yaml"]
    singles = [None, param.default, True, 3, 2.5, -1, *choices, *TEXTS, *names, *paths]
    if param.multiple or param.nargs == -1:
        return [None, (), [], "abc", ("a", "b"), ["5", "x"], (str(folder),),
                (str(folder), str(folder / "missing")), *[(v,) for v in singles if v is not None]]
    return singles


def _outcome(converter: Any, value: Any, ctx: Any, param: Any) -> tuple[Any, ...]:
    try:
        result = converter.coerce(value, param=param, ctx=ctx)
    except Exception as error:  # the comparison is of whatever each raises
        message = error.format_message() if hasattr(error, "format_message") else str(error)
        return ("error", type(error), message)
    return ("value", type(result), result)


def test_every_parameter_of_every_command_converts_as_typer_does(tmp_path):
    (tmp_path / "file.yaml").write_text("a: 1\n")
    functions = TyperFunctions(build_runtime_param, coerce_cli_choice, coerce_cli_path)
    compared = 0
    for ctx, param in _parameters(typer.main.get_command(build_app())):
        ours = PassThrough(param.type_descriptor, functions)
        theirs = build_runtime_param(param.type_descriptor)
        for value in _values(param, tmp_path):
            assert _outcome(ours, value, ctx, param) == _outcome(theirs, value, ctx, param), (
                param.name, value)
            compared += 1
    assert compared > 5000


def test_install_reaches_every_parameter_and_the_help_options():
    command = typer.main.get_command(build_app())
    install(command)
    for _, param in _parameters(command):
        assert isinstance(param._runtime_param, PassThrough), param.name


def _console(*args: str) -> subprocess.CompletedProcess[str]:
    code = ("import sys; from ehelse_map.cli import run; sys.argv = ['ehelse-map', *sys.argv[1:]]\n"
            "try:\n    run()\nfinally:\n"
            "    print('pydantic' in sys.modules, file=sys.stderr)")
    return subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True,
                          timeout=120, env={"EHELSE_MAP_CACHE": "off", "PATH": "/usr/bin:/bin"})


def test_the_console_parses_plain_options_without_importing_pydantic():
    result = _console("overlap", "--top", "3", "--format", "json")
    assert result.returncode == 0, result.stderr
    assert result.stderr.splitlines()[-1] == "False"


def test_values_typer_must_convert_keep_typers_words():
    result = _console("overlap", "--top", "three")
    assert result.returncode == 2
    assert "Invalid value for '--top': Input should be a valid integer" in result.stderr
    assert result.stderr.splitlines()[-1] == "True"
