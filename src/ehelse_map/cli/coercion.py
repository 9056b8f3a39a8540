"""Option values converted without pydantic when typer's conversion would change nothing.

typer (0.2x) converts every parameter's value, defaults included, through a pydantic
`TypeAdapter` it builds on first use. Importing pydantic and building one adapter per option
took 0.08–0.11 s of every command: `ehelse-map validate` on the bundled data spent 0.11 s of
its 0.27 s in typer's argument parsing, against 0.05 s checking the data. Nearly every value
a command meets is one whose conversion is plain: an option not given (None), a default that
already has its type, a string for a string option, decimal digits for a number, a choice's
name, a path. `install` gives each parameter a converter that does those conversions as
typer's does and hands every other value (and every value it would reject) to typer's own
converter, built when first needed, so that errors and their wording stay typer's.

Only typer's documented behaviour is reproduced; the private functions used for choices and
paths are typer's own, and with a typer that lacks them nothing is installed.
`tests/test_coercion.py` compares both converters on every parameter of every command.
"""

from __future__ import annotations

import enum
import re
from pathlib import Path
from typing import Any, NamedTuple, get_args, get_origin

#: Returned when a value needs typer's own converter.
_TYPER: Any = object()

#: Strings that int() and float() read as pydantic does. pydantic reads more (signs, spaces,
#: underscores, exponents, "5.0" as an int); those go to typer.
_PLAIN_NUMBER = {int: re.compile(r"[0-9]+"), float: re.compile(r"[0-9]+(\.[0-9]*)?|\.[0-9]+")}


class TyperFunctions(NamedTuple):
    """The typer functions the pass-through converter uses."""

    build: Any  # a parameter's own converter, from its type descriptor
    choice: Any  # a choice's value from its name (raises ValueError)
    path: Any  # a path's checks (exists, file or folder, ...) once it is a Path


def install(command: Any) -> None:
    """Give every typer parameter of `command` and its subcommands the pass-through converter,
    the help option too (typer makes that one when the command line is parsed)."""
    try:
        from typer._coercion import build_runtime_param
        from typer._param_types import coerce_cli_choice, coerce_cli_path
    except ImportError:
        return
    functions = TyperFunctions(build_runtime_param, coerce_cli_choice, coerce_cli_path)

    def give(param: Any) -> None:
        if getattr(param, "_runtime_param", False) is None and hasattr(param, "type_descriptor"):
            param._runtime_param = PassThrough(param.type_descriptor, functions)

    def visit(node: Any) -> None:
        for param in getattr(node, "params", ()):
            give(param)
        make_help_option = getattr(node, "get_help_option", None)
        if make_help_option is not None:
            def get_help_option(ctx: Any) -> Any:
                option = make_help_option(ctx)
                if option is not None:
                    give(option)
                return option

            node.get_help_option = get_help_option
        for sub in getattr(node, "commands", {}).values():
            visit(sub)

    visit(command)


class PassThrough:
    """typer's contract for a parameter's converter: `coerce(value, param=, ctx=)`."""

    __slots__ = ("_descriptor", "_own", "_typer")

    def __init__(self, descriptor: Any, functions: TyperFunctions) -> None:
        self._descriptor = descriptor
        self._typer = functions
        self._own: Any = None

    def coerce(self, value: Any, param: Any, ctx: Any) -> Any:
        converted = self._plain(value, param, ctx)
        if converted is not _TYPER:
            return converted
        if self._own is None:
            self._own = self._typer.build(self._descriptor)
        return self._own.coerce(value, param=param, ctx=ctx)

    def _plain(self, value: Any, param: Any, ctx: Any) -> Any:
        multiple = param.multiple or param.nargs == -1
        if value is None:  # as typer's RuntimeParam.coerce, before it converts anything
            return () if multiple else None
        descriptor = self._descriptor
        info = descriptor.parameter_info
        if descriptor.file_annotation is not None or info.parser is not None:
            return _TYPER
        annotation = descriptor.annotation
        if not multiple:
            return self._leaf(annotation, info, value, param, ctx)
        if get_origin(annotation) is not list or not isinstance(value, (list, tuple)):
            return _TYPER
        items = [self._leaf(get_args(annotation)[0], info, item, param, ctx) for item in value]
        return _TYPER if any(item is _TYPER for item in items) else items

    def _leaf(self, annotation: Any, info: Any, value: Any, param: Any, ctx: Any) -> Any:
        kind = type(value)
        if annotation is str:
            return value if kind is str else _TYPER
        if annotation in (int, float):
            if info.clamp:
                return _TYPER
            if kind is str and len(value) <= 15 and _PLAIN_NUMBER[annotation].fullmatch(value):
                value = annotation(value)
            elif kind is not annotation:
                return _TYPER
            if (info.min is not None and not value >= info.min) or (
                    info.max is not None and not value <= info.max):
                return _TYPER  # typer words the error
            return value
        if isinstance(annotation, type) and issubclass(annotation, enum.Enum):
            try:
                return self._typer.choice(value, choices=list(annotation),
                                          case_sensitive=info.case_sensitive, ctx=ctx)
            except ValueError:
                return _TYPER  # typer words the error
        if annotation is Path and info.path_type is None and kind in (str, Path):
            # pydantic makes Path(value) of a str; the checks after that are typer's own
            return self._typer.path(value if kind is Path else Path(value), info,
                                    path_type=Path, param=param, ctx=ctx)
        return _TYPER
