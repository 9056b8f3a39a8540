"""`ehelse-map validate`: check data files for CI, with file:line:col problems."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, TextIO

import typer

from ehelse_map.cli.options import EXIT_OK, EXIT_PROBLEMS, DataOption, emit, fail, say
from ehelse_map.load.limits import (
    DEFAULT_MAX_BYTES,
    DEFAULT_MAX_DEPTH,
    DEFAULT_MAX_PROBLEMS,
    DEFAULT_MAX_RECORDS,
    DEPTH_CEILING,
)
from ehelse_map.render.formats import ProblemFormat


def validate(
    paths: Annotated[list[Path] | None, typer.Argument(
        metavar="[PATH]...", show_default=False,
        help="Data set folders or YAML files [default: the --data folder].")] = None,
    data: DataOption = None,
    fmt: Annotated[ProblemFormat, typer.Option(
        "--format", "-f", case_sensitive=False,
        help="text, json, github (annotations), or auto: github under GitHub Actions, else text."
    )] = ProblemFormat.auto,
    strict: Annotated[bool, typer.Option("--strict", help="Fail on warnings too.")] = False,
    max_bytes: Annotated[int, typer.Option(
        "--max-bytes", min=1, help="Largest file read, in bytes.")] = DEFAULT_MAX_BYTES,
    max_depth: Annotated[int, typer.Option(
        "--max-depth", min=1, max=DEPTH_CEILING,
        help="Deepest YAML nesting read.")] = DEFAULT_MAX_DEPTH,
    max_records: Annotated[int, typer.Option(
        "--max-records", min=1,
        help="Most records (items of top-level lists) in one data set.")] = DEFAULT_MAX_RECORDS,
    max_problems: Annotated[int, typer.Option(
        "--max-problems", min=1,
        help="Most problems listed; checking stops past this.")] = DEFAULT_MAX_PROBLEMS,
) -> None:
    """Check data files: YAML, schema and cross references, all problems at once.

    Files in different folders are different data sets, each checked on its own (pre-commit
    passes the changed files of every folder at once).
    Exit codes: 0 valid, 1 data problems (warnings too with --strict), 2 usage or I/O error.
    Problems go to stdout, the summary to stderr.
    """
    from ehelse_map.cli.terminal import use_color
    from ehelse_map.load.check_set import validate_sets
    from ehelse_map.load.files import InputError, default_data_dir
    from ehelse_map.load.limits import Limits
    from ehelse_map.problems import Report
    from ehelse_map.render import problems as render

    for stream in (sys.stdout, sys.stderr):  # a non-UTF-8 terminal gets escapes, not a crash
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")
    limits = Limits(max_bytes, max_depth, max_records, max_problems)
    targets = [str(p) for p in paths] if paths else [str(data or default_data_dir())]
    chosen = render.resolve_format(fmt)
    try:
        files, problems = validate_sets(targets, limits)
    except InputError as error:
        if chosen is ProblemFormat.github:  # the run's annotations show it, not only its log
            emit(render.render_github_error(str(error), error.path), annotations=True)
        raise fail(str(error)) from None
    report = Report(tuple(problems), tuple(files))
    if chosen is ProblemFormat.json:
        emit(render.render_json(report, strict, ascii_only=not _utf8(sys.stdout)))
    elif chosen is ProblemFormat.github:
        emit(render.render_github(report), annotations=True)
    else:
        emit(render.render_text(report, use_color(sys.stdout)))
    if chosen is not ProblemFormat.json:
        say(render.summary(report, strict) + "\n")
    raise typer.Exit(EXIT_OK if report.success(strict) else EXIT_PROBLEMS)


def _utf8(stream: TextIO) -> bool:
    import codecs

    try:
        return codecs.lookup(getattr(stream, "encoding", None) or "utf-8").name == "utf-8"
    except LookupError:
        return False


def register(app: typer.Typer) -> None:
    app.command("validate")(validate)
