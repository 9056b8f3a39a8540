"""One small formatter per output of `validate`: text, json and GitHub annotations."""

from __future__ import annotations

import json
import os

from ehelse_map.problems import Problem, Report
from ehelse_map.render.escape import json_text, printable
from ehelse_map.render.formats import ProblemFormat

__all__ = ["format_text_line", "printable", "render_github", "render_json", "render_text",
           "resolve_format", "summary"]


def resolve_format(fmt: ProblemFormat) -> ProblemFormat:
    """`auto` means GitHub annotations under GitHub Actions, plain text elsewhere."""
    if fmt is ProblemFormat.auto:
        return ProblemFormat.github if os.environ.get("GITHUB_ACTIONS") == "true" else ProblemFormat.text
    return fmt


_STYLE = {"error": "\x1b[31m", "warning": "\x1b[33m"}


def format_text_line(problem: Problem, color: bool = False) -> str:
    """`data/networks.yaml:12:5: error[E012] unknown actor 'x' (did you mean 'y'?)`."""
    severity = problem.severity
    label = f"{_STYLE[severity]}{severity}\x1b[0m" if color else severity
    return (f"{printable(problem.file)}:{problem.line}:{problem.column}: "
            f"{label}[{problem.code}] {printable(problem.message)}")


def render_text(report: Report, color: bool = False) -> str:
    return "".join(format_text_line(p, color) + "\n" for p in report.problems)


def render_json(report: Report, strict: bool = False, ascii_only: bool = False) -> str:
    """The JSON contract; `ascii_only` for an output stream that cannot hold UTF-8."""
    payload = {
        "valid": report.success(strict),
        "files": list(report.files),
        "errors": sum(p.severity == "error" for p in report.problems),
        "warnings": sum(p.severity == "warning" for p in report.problems),
        "problems": [
            {"file": p.file, "line": p.line, "column": p.column, "severity": p.severity,
             "code": p.code, "title": p.title, "message": p.message, "path": p.path}
            for p in report.problems
        ],
    }
    # Data stays exact for the reader of the JSON; only characters unsafe on a terminal or in a
    # CI log (and lone surrogates, which UTF-8 cannot hold) are written as \\u escapes.
    # (json.dumps already escapes C0 controls; the line breaks left are its own indentation.)
    return json_text(json.dumps(payload, ensure_ascii=ascii_only, indent=2)) + "\n"


def _escape_data(text: str) -> str:
    """A workflow command's message: `%`, CR and LF escaped as the runner expects, and nothing
    unsafe left, so a value from the data cannot end the command and start one of its own."""
    return printable(text).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def render_github(report: Report) -> str:
    """Workflow commands; data values are escaped so they cannot inject commands of their own."""
    lines = []
    for p in report.problems:
        kind = "error" if p.severity == "error" else "warning"
        lines.append(f"::{kind} file={_escape_property(p.file)},line={p.line},col={p.column},"
                     f"title={_escape_property(p.code + ' ' + p.title)}::{_escape_data(p.message)}\n")
    return "".join(lines)


def render_github_error(message: str, file: str | None = None) -> str:
    """One `::error` workflow command for what stopped the run before any file was checked
    (a missing file, a directory): `file` is the path it is about, when there is one."""
    where = f" file={_escape_property(file)}," if file else " "
    return f"::error{where}title={_escape_property('ehelse-map validate')}::{_escape_data(message)}\n"


def summary(report: Report, strict: bool = False) -> str:
    errors = sum(p.severity == "error" for p in report.problems)
    warnings = len(report.problems) - errors
    files = len(report.files)
    verdict = "valid" if report.success(strict) else "invalid"
    strict_note = " (--strict: warnings count as failures)" if strict and warnings else ""
    return (f"{files} file{'s' if files != 1 else ''} checked: {errors} error"
            f"{'s' if errors != 1 else ''}, {warnings} warning{'s' if warnings != 1 else ''}; "
            f"{verdict}{strict_note}")
