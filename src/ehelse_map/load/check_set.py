"""Validation across files: ids, references, dates, coverage. Collects every problem in one run."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from typing import Any

from ehelse_map.load.check_file import Checked, check
from ehelse_map.load.files import (
    DATA_FILES,
    InputError,
    decode,
    display_path,
    read_bytes,
    resolve_inputs,
)
from ehelse_map.load.limits import DEFAULT_MAX_PROBLEMS, DEFAULT_MAX_RECORDS, Limits
from ehelse_map.load.spec import RECORD_LISTS
from ehelse_map.load.yaml_tree import no_gc, parse
from ehelse_map.problems import TOO_MANY_PROBLEMS, Problem, Suggester

#: The limits of a validation run (the loader's limits cover all four).

__all__ = [
    "DATA_FILES",
    "DEFAULT_MAX_PROBLEMS",
    "DEFAULT_MAX_RECORDS",
    "InputError",
    "Limits",
    "Validated",
    "display_path",
    "resolve_inputs",
    "validate_data",
    "validate_files",
]


@dataclass
class Validated:
    """Checked values of every file, merged, plus every problem found."""

    files: list[str]
    problems: list[Problem]
    #: top-level key -> (file, index in that file's list, record) for every well-formed record
    records: dict[str, list[tuple[str, int, dict[str, Any]]]] = field(default_factory=dict)
    staffing: tuple[str, dict[str, Any]] | None = None
    coverage: dict[str, tuple[str, ...]] = field(default_factory=dict)  # network id -> members
    positions: dict[str, dict[str, tuple[int, int]]] = field(default_factory=dict)

    @property
    def has_errors(self) -> bool:
        return any(p.severity == "error" for p in self.problems)


def validate_files(files: list[str], limits: Limits = Limits()) -> Validated:
    """Read, check and cross-check `files` as one data set. Raises InputError only for I/O."""
    run = _Run(limits)
    for path in files:
        display = display_path(path)
        data, problems = read_bytes(path, display, limits)
        run.problems += problems
        if data is not None:
            run.add(display, data)
    return run.finish([display_path(f) for f in files])


def validate_data(files: list[tuple[str, bytes]],
                  limits: Limits = Limits()) -> Validated:
    """Check (display name, file content) pairs as one data set, without touching the disk.

    The same path as `validate_files` after reading; tests and the fuzzer use it.
    """
    run = _Run(limits)
    for display, data in files:
        run.add(display, data)
    return run.finish([display for display, _ in files])


class _Run:
    """Problems and checked values of the files read so far."""

    def __init__(self, limits: Limits) -> None:
        self.limits = limits
        self.problems: list[Problem] = []
        self.checked: list[tuple[str, Checked]] = []
        self.records = 0

    def add(self, display: str, data: bytes) -> None:
        text, problems = decode(data, display, self.limits)
        del data
        self.problems += problems
        if text is None:
            return
        # Each file gets what is left of the record limit, so two files cannot exceed it.
        limits = replace(self.limits, max_records=max(self.limits.max_records - self.records, 0))
        with no_gc():  # nodes and checked values hold no cycles; see loader.no_gc
            root, problems = parse(text, display, limits)
            del text
            self.problems += problems
            if root is None:
                return
            result = check(root, display, limits.max_problems)
            del root  # the tree can be large; only the checked values are kept
        self.problems += result.problems
        result.problems = []
        if not result.stopped:
            value = result.value or {}
            self.records += sum(len(value.get(key) or ()) for key in RECORD_LISTS)
            self.checked.append((display, result))

    def finish(self, files: list[str]) -> Validated:
        limits = self.limits
        validated = Validated(files, self.problems)
        if len(self.problems) <= limits.max_problems:
            with no_gc():
                _cross_check(self.checked, validated, limits)
        order = {name: i for i, name in enumerate(files)}
        problems = sorted(set(validated.problems), key=lambda p: (
            order.get(p.file, len(order)), p.line, p.column, p.code, p.message))
        stops = [p for p in problems if p.code == "E019" and p.message == TOO_MANY_PROBLEMS]
        if stops or len(problems) > limits.max_problems:
            problems = [p for p in problems if not (p.code == "E019"
                                                    and p.message == TOO_MANY_PROBLEMS)]
            cut = problems[limits.max_problems:limits.max_problems + 1] or stops[:1] or problems[-1:]
            last = cut[0]
            problems = [*problems[:limits.max_problems],
                        Problem(last.file, last.line, last.column, "E019", TOO_MANY_PROBLEMS,
                                last.path)]
        validated.problems = problems
        return validated


def _cross_check(checked: list[tuple[str, Checked]], out: Validated, limits: Limits) -> None:
    ids: dict[str, tuple[str, str, int]] = {}  # id -> (kind, file, line)
    for display, result in checked:
        for kind, ident, line, column, path in result.ids:
            if ident in ids:
                _other_kind, other_file, other_line = ids[ident]
                out.problems.append(Problem(display, line, column, "E015",
                                            f"duplicate id '{ident}' (first defined at "
                                            f"{other_file}:{other_line})", path))
            else:
                ids[ident] = (kind, display, line)
    by_kind: dict[str, list[str]] = {}
    for ident, (kind, _, _) in ids.items():
        by_kind.setdefault(kind, []).append(ident)

    suggesters: dict[tuple[str, ...], Suggester] = {}
    for display, result in checked:
        for use in result.refs:
            known = ids.get(use.value)
            if known is not None and known[0] in use.kinds:
                continue
            if len(out.problems) > limits.max_problems:
                return  # `finish` says the list was cut short
            wanted = " or ".join(use.kinds)
            if known is not None:
                message = (f"'{use.value}' is {_article(known[0])} {known[0]}, but "
                           f"{_article(wanted)} {wanted} is expected here")
            else:
                suggester = suggesters.get(use.kinds)
                if suggester is None:
                    suggester = suggesters[use.kinds] = Suggester(
                        [i for k in use.kinds for i in by_kind.get(k, ())])
                message = f"unknown {wanted} '{use.value}'" + suggester.suggest(use.value)
            out.problems.append(Problem(display, use.line, use.column, "E012", message, use.path))

    total = 0
    for display, result in checked:
        out.positions[display] = result.positions
        value = result.value or {}
        for key in RECORD_LISTS:
            items = value.get(key) or ()
            total += len(items)
            out.records.setdefault(key, []).extend(
                (display, i, r) for i, r in enumerate(items) if isinstance(r, dict))
        if value.get("staffing"):
            if out.staffing is not None:
                line, column = result.positions.get("staffing", (1, 1))
                out.problems.append(Problem(display, line, column, "E015",
                                            f"staffing is already given in {out.staffing[0]}",
                                            "staffing"))
            else:
                out.staffing = (display, value["staffing"])
    if total > limits.max_records:
        out.problems.append(Problem(out.files[0] if out.files else "-", 1, 1, "E019",
                                    f"{total:,} records; the limit is {limits.max_records:,} "
                                    "(raise it with --max-records)"))
    _check_records(out)


def _article(word: str) -> str:
    return "an" if word[:1] in ("a", "e", "i", "o", "u") else "a"


def _records_with_index(out: Validated, key: str) -> Iterator[tuple[str, dict[str, Any], str]]:
    """(file, record, data path) for every well-formed record of a top-level list."""
    for display, index, record in out.records.get(key, ()):
        yield display, record, f"{key}[{index}]"


def _position(out: Validated, display: str, path: str) -> tuple[int, int]:
    positions = out.positions.get(display, {})
    while path:
        if path in positions:
            return positions[path]
        path = path.rsplit(".", 1)[0] if "." in path else ""
    return (1, 1)


def _add(out: Validated, display: str, path: str, code: str, message: str) -> None:
    line, column = _position(out, display, path)
    out.problems.append(Problem(display, line, column, code, message, path))


def _check_period(out: Validated, display: str, path: str, record: dict[str, Any]) -> None:
    period = record.get("period") or {}
    start, end = period.get("from"), period.get("to")
    if start is not None and end is not None and end.latest() < start.earliest():
        _add(out, display, f"{path}.period.to", "E016", f"period ends ({end}) before it starts ({start})")


def _check_records(out: Validated) -> None:
    actors: list[dict[str, Any]] = []
    for display, record, path in _records_with_index(out, "actors"):
        actors.append(record)
        _check_period(out, display, path, record)
        if (record.get("population") is not None
                and f"{path}.population_as_of" not in out.positions.get(display, {})):
            _add(out, display, f"{path}.population", "E011",
                 "population needs population_as_of (the date the figure is for)")
    index = _CoverageIndex(actors)
    for display, record, path in _records_with_index(out, "networks"):
        _check_period(out, display, path, record)
        for i, target in enumerate(record.get("targets") or ()):
            if isinstance(target, dict) and not target.get("estimate") and not target.get("sources"):
                _add(out, display, f"{path}.targets[{i}]", "W201",
                     f"cadence for role '{target.get('role')}' has neither sources nor an estimate "
                     "assumption; add one so readers know whether it is documented")
        coverage = record.get("coverage")
        if record.get("id") and coverage is not None:
            members, count = index.expand(coverage)
            out.coverage[record["id"]] = members
            if not members and not count:
                _add(out, display, f"{path}.coverage", "W302", "coverage reaches no actor")
            if count and members and isinstance(coverage, dict) and len(members) != count:
                _add(out, display, f"{path}.coverage.count", "W301",
                     f"coverage selects {len(members)} actors but count says {count}; mark "
                     "the difference as inferred or fix the selector")


class _CoverageIndex:
    """Actors indexed by the fields coverage selectors use, so expansion stays linear."""

    def __init__(self, actors: list[dict[str, Any]]) -> None:
        self.order = {a["id"]: i for i, a in enumerate(actors) if a.get("id")}
        self.by_field: dict[tuple[str, str, str], list[str]] = {}
        for actor in actors:
            if not actor.get("id"):
                continue
            for name in ("region", "catchment", "country"):
                if actor.get(name):
                    key = (name, actor[name], actor.get("kind") or "")
                    self.by_field.setdefault(key, []).append(actor["id"])

    def expand(self, coverage: Any) -> tuple[tuple[str, ...], int | None]:
        if isinstance(coverage, list):
            return tuple(dict.fromkeys(c for c in coverage if c)), None
        if not isinstance(coverage, dict):
            return (), None
        kind = coverage.get("kind") or "municipality"
        selected: set[str] | None = None
        for name in ("region", "catchment", "country"):
            if coverage.get(name):
                found = set(self.by_field.get((name, coverage[name], kind), ()))
                selected = found if selected is None else selected & found
        chosen = set(selected or ())
        chosen -= set(coverage.get("except") or ())
        chosen |= {i for i in coverage.get("include") or () if i}
        members = tuple(sorted(chosen, key=lambda i: (self.order.get(i, len(self.order)), i)))
        return members, coverage.get("count")
