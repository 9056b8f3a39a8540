"""Validation across files: ids, references, dates, coverage. Collects every problem in one run.

One root cause gives one message: when a file of a data set cannot be read or parsed, the
references in the other files that would have resolved to its records cannot be checked.
They are not listed one by one as unknown; one problem says how many were not checked and
why (`N references not checked: actors.yaml could not be read`).
"""

from __future__ import annotations

from dataclasses import replace

from ehelse_map.load.check_file import Checked, check
from ehelse_map.load.check_rules import check_records
from ehelse_map.load.files import (
    DATA_FILES,
    InputError,
    decode,
    display_path,
    group_inputs,
    read_bytes,
    resolve_inputs,
)
from ehelse_map.load.limits import DEFAULT_MAX_PROBLEMS, DEFAULT_MAX_RECORDS, Limits
from ehelse_map.load.spec import RECORD_LISTS
from ehelse_map.load.validated import Validated
from ehelse_map.load.yaml_tree import parse
from ehelse_map.problems import TOO_MANY_PROBLEMS, Problem, Suggester
from ehelse_map.runtime import collector_paused

__all__ = [
    "DATA_FILES",
    "DEFAULT_MAX_PROBLEMS",
    "DEFAULT_MAX_RECORDS",
    "CheckedFiles",
    "InputError",
    "Limits",
    "Validated",
    "display_path",
    "group_inputs",
    "resolve_inputs",
    "validate_data",
    "validate_files",
    "validate_sets",
]

#: Problems that follow from records missing because a file could not be read: unknown
#: references (E012 'unknown ...') and coverage that then reaches too few (W301) or no one
#: (W302).
_FOLLOW_ON_CODES = ("W301", "W302")


class CheckedFiles:
    """The files checked so far by the data sets it is given to, by their bytes: a later data
    set holding a file with the same bytes (the file a `diff` of two versions did not change)
    takes over its checked values instead of parsing and checking it again.

    Checking a file depends only on its bytes and the limits; its name is only where its
    problems say they are, so they are given the new name. The limits include the records
    the files before it left, so a file after one whose number of records changed is read
    again. Files that could not be parsed or that stopped at the problem limit are always
    checked again. It keeps every file's bytes and checked values while it lives: give it to
    the loads of one command.
    """

    def __init__(self) -> None:
        self._by_bytes: dict[tuple[bytes, Limits], tuple[Checked, list[Problem]]] = {}

    def get(self, data: bytes, limits: Limits, display: str) -> tuple[Checked, list[Problem]] | None:
        found = self._by_bytes.get((data, limits))
        if found is None:
            return None
        checked, problems = found
        return checked, [p if p.file == display else replace(p, file=display) for p in problems]

    def put(self, data: bytes, limits: Limits, checked: Checked, problems: list[Problem]) -> None:
        self._by_bytes[(data, limits)] = (checked, problems)


def validate_files(files: list[str], limits: Limits = Limits(),
                   reuse: CheckedFiles | None = None) -> Validated:
    """Read, check and cross-check `files` as one data set. Raises InputError only for I/O.
    `reuse`: files checked before with the same bytes are taken over (`CheckedFiles`)."""
    run = _Run(limits, reuse)
    for path in files:
        display = display_path(path)
        data, problems = read_bytes(path, display, limits)
        run.problems += problems
        if data is not None:
            run.add(display, data)
        else:
            run.unreadable.append(display)
    return run.finish([display_path(f) for f in files])


def validate_sets(paths: list[str], limits: Limits = Limits()) -> tuple[list[str], list[Problem]]:
    """(files, problems) of every data set among `paths`, each folder checked on its own
    (`group_inputs`), so two data sets given together never clash over ids. Past
    `limits.max_problems` in all, the list ends with one E019. Raises InputError for I/O."""
    files: list[str] = []
    problems: list[Problem] = []
    for group in group_inputs(paths):
        validated = validate_files(group, limits)
        files += validated.files
        problems += validated.problems
    return files, _cut(problems, limits.max_problems)


def _cut(problems: list[Problem], limit: int) -> list[Problem]:
    """At most `limit` problems, then one E019 saying the list stops there."""
    stops = [p for p in problems if p.code == "E019" and p.message == TOO_MANY_PROBLEMS]
    if not stops and len(problems) <= limit:
        return problems
    kept = [p for p in problems if not (p.code == "E019" and p.message == TOO_MANY_PROBLEMS)]
    cut = kept[limit:limit + 1] or stops[:1] or kept[-1:]
    last = cut[0]
    return [*kept[:limit],
            Problem(last.file, last.line, last.column, "E019", TOO_MANY_PROBLEMS, last.path)]


def validate_data(files: list[tuple[str, bytes]], limits: Limits = Limits(),
                  reuse: CheckedFiles | None = None) -> Validated:
    """Check (display name, file content) pairs as one data set, without touching the disk.

    The same path as `validate_files` after reading; tests and the fuzzer use it.
    """
    run = _Run(limits, reuse)
    for display, data in files:
        run.add(display, data)
    return run.finish([display for display, _ in files])


class _Run:
    """Problems and checked values of the files read so far."""

    def __init__(self, limits: Limits, reuse: CheckedFiles | None = None) -> None:
        self.limits = limits
        self.reuse = reuse
        self.problems: list[Problem] = []
        self.checked: list[tuple[str, Checked]] = []
        self.records = 0
        #: files whose records could not be had: not read, not UTF-8, not parsed, not a mapping
        self.unreadable: list[str] = []

    def add(self, display: str, data: bytes) -> None:
        # Each file gets what is left of the record limit, so two files cannot exceed it.
        limits = replace(self.limits, max_records=max(self.limits.max_records - self.records, 0))
        reuse = self.reuse
        found = reuse.get(data, limits, display) if reuse is not None else None
        if found is not None:
            result, problems = found
            self.problems += problems
        else:
            kept = data if reuse is not None else None  # else its bytes go before parsing
            start = len(self.problems)
            text, problems = decode(data, display, self.limits)
            del data
            self.problems += problems
            if text is None:
                self.unreadable.append(display)
                return
            with collector_paused():  # nodes and checked values hold no cycles (runtime.py)
                root, problems = parse(text, display, limits)
                del text
                self.problems += problems
                if root is None:
                    self.unreadable.append(display)
                    return
                result = check(root, display, limits.max_problems)
                del root  # the tree can be large; only the checked values are kept
            self.problems += result.problems
            result.problems = []
            if reuse is not None and kept is not None and not result.stopped:
                reuse.put(kept, limits, result, self.problems[start:])
        if result.value is None and not result.stopped:
            self.unreadable.append(display)  # not a mapping: no records to refer to
        if not result.stopped:
            value = result.value or {}
            self.records += sum(len(value.get(key) or ()) for key in RECORD_LISTS)
            self.checked.append((display, result))

    def finish(self, files: list[str]) -> Validated:
        limits = self.limits
        validated = Validated(files, self.problems)
        if len(self.problems) <= limits.max_problems:
            with collector_paused():
                _cross_check(self.checked, validated, limits)
        order = {name: i for i, name in enumerate(files)}
        problems = sorted(set(validated.problems), key=lambda p: (
            order.get(p.file, len(order)), p.line, p.column, p.code, p.message))
        if self.unreadable:
            problems = _not_checked(problems, self.unreadable)
        validated.problems = _cut(problems, limits.max_problems)
        return validated


def _not_checked(problems: list[Problem], unreadable: list[str]) -> list[Problem]:
    """`problems` without those that follow from the records of `unreadable` files being
    missing, and one problem in their place, where the first of them was."""
    skipped = [p for p in problems if p.file not in unreadable and (
        (p.code == "E012" and p.message.startswith("unknown ")) or p.code in _FOLLOW_ON_CODES)]
    if not skipped:
        return problems
    first = skipped[0]
    files = " and ".join(unreadable)
    summary = Problem(first.file, first.line, first.column, "E012",
                      f"{len(skipped):,} reference{'s' if len(skipped) != 1 else ''} not checked: "
                      f"{files} could not be read", first.path)
    gone = set(skipped)
    return [summary if p is first else p for p in problems if p is first or p not in gone]


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
        if value.get("dataset"):
            out.datasets.append((display, value["dataset"]))
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
    check_records(out)


def _article(word: str) -> str:
    return "an" if word[:1] in ("a", "e", "i", "o", "u") else "a"
