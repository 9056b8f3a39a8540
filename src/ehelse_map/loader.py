"""Strict YAML loading that keeps the line and column of every node.

We read YAML *events* from libyaml's C parser (the pure-Python parser when libyaml is missing)
and build our own small tree, instead of calling `safe_load`:

- every scalar stays text, so YAML 1.1 never turns `NO` into False or `0150` into 104; the
  validator converts each value by the field it belongs to;
- anchors, aliases, tags, merge keys, extra documents and deep nesting are refused while
  streaming, before they can cost memory (billion laughs) or stack (deep brackets);
- PyYAML's constructors, which raise odd exceptions on crafted input, never run.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from typing import Union

from .problems import Problem

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
DEFAULT_MAX_DEPTH = 64


class InputError(Exception):
    """A file that cannot be read at all (missing, a directory, unreadable): exit code 2."""


class Scalar:
    __slots__ = ("value", "line", "column", "plain")

    def __init__(self, value: str, line: int, column: int, plain: bool) -> None:
        self.value = value
        self.line = line
        self.column = column
        self.plain = plain

    def __repr__(self) -> str:
        return f"Scalar({self.value!r}@{self.line}:{self.column})"


class Mapping:
    """`items` maps each key to (key scalar, value node), in file order."""

    __slots__ = ("items", "line", "column")

    def __init__(self, line: int, column: int) -> None:
        self.items: dict[str, tuple[Scalar, Node]] = {}
        self.line = line
        self.column = column


class Sequence:
    __slots__ = ("items", "line", "column")

    def __init__(self, line: int, column: int) -> None:
        self.items: list[Node] = []
        self.line = line
        self.column = column


Node = Union[Scalar, Mapping, Sequence]

#: Plain scalars that YAML resolves to null.
NULLS = frozenset({"", "~", "null", "Null", "NULL"})


@dataclass(frozen=True)
class Limits:
    max_bytes: int = DEFAULT_MAX_BYTES
    max_depth: int = DEFAULT_MAX_DEPTH


def read_text(path: str, display: str, limits: Limits) -> tuple[str | None, list[Problem]]:
    """The file's text, or a problem when it is too big or not UTF-8.

    Raises InputError for what is not a readable regular file (checked before opening, so a FIFO
    never blocks us).
    """
    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise InputError(f"{display}: no such file") from None
    except OSError as error:
        raise InputError(f"{display}: cannot read: {error.strerror}") from None
    if stat.S_ISDIR(info.st_mode):
        raise InputError(f"{display}: is a directory, not a YAML file")
    if not stat.S_ISREG(info.st_mode):
        raise InputError(f"{display}: not a regular file")
    if info.st_size > limits.max_bytes:
        return None, [Problem(display, 1, 1, "E001",
                              f"file is {info.st_size:,} bytes; the limit is {limits.max_bytes:,} "
                              "(raise it with --max-bytes)")]
    try:
        with open(path, "rb") as handle:
            data = handle.read(limits.max_bytes + 1)
    except OSError as error:
        raise InputError(f"{display}: cannot read: {error.strerror}") from None
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        column = error.start - (data.rfind(b"\n", 0, error.start) + 1) + 1
        return None, [Problem(display, line, column, "E001",
                              f"byte 0x{data[error.start]:02x} is not UTF-8 (save the file as UTF-8)")]


def parse(text: str, display: str, limits: Limits = Limits()) -> tuple[Node | None, list[Problem]]:
    """Build the node tree for one YAML document; problems instead of exceptions."""
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    builder = _Builder(display, limits)
    try:
        for event in yaml.parse(text, Loader=loader):
            if builder.feed(event):
                break
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        reason = error.problem or error.context or "invalid YAML"
        builder.problems.append(Problem(display, line, column, "E001", f"YAML syntax: {reason}"))
        return None, builder.problems
    except yaml.YAMLError as error:  # reader errors (control characters) carry a position too
        position = getattr(error, "position", None)
        line, column = _line_col(text, position) if position is not None else (1, 1)
        builder.problems.append(Problem(display, line, column, "E001", _reader_message(error)))
        return None, builder.problems
    except (RecursionError, MemoryError, ValueError, IndexError, AttributeError, TypeError) as error:
        # The parser is third-party code; whatever it raises on crafted input becomes a problem.
        builder.problems.append(Problem(display, 1, 1, "E001", f"cannot parse YAML: {error}"))
        return None, builder.problems
    if builder.aborted:
        return None, builder.problems
    if builder.root is None:
        builder.problems.append(Problem(display, 1, 1, "E010", "file is empty; expected a mapping "
                                        "with schema_version"))
    return builder.root, builder.problems


def _line_col(text: str, position: int) -> tuple[int, int]:
    line = text.count("\n", 0, position) + 1
    return line, position - (text.rfind("\n", 0, position) + 1) + 1


def _reader_message(error: Exception) -> str:
    character = getattr(error, "character", None)
    if isinstance(character, str):
        return f"character U+{ord(character):04X} is not allowed in YAML"
    if isinstance(character, int):
        return f"character U+{character:04X} is not allowed in YAML"
    return f"cannot read YAML: {error}"


class _Builder:
    """Turns parser events into nodes, refusing what our YAML subset leaves out."""

    def __init__(self, display: str, limits: Limits) -> None:
        self.display = display
        self.limits = limits
        self.problems: list[Problem] = []
        self.stack: list[Mapping | Sequence] = []
        self.pending_key: list[Scalar | None] = []
        self.root: Node | None = None
        self.documents = 0
        self.aborted = False

    def _problem(self, mark, code: str, message: str) -> None:
        self.problems.append(Problem(self.display, mark.line + 1, mark.column + 1, code, message))

    def feed(self, event) -> bool:
        """Take one event; True means stop reading (a fatal problem was recorded)."""
        name = type(event).__name__
        mark = event.start_mark
        if name == "DocumentStartEvent":
            self.documents += 1
            if self.documents > 1:
                self._problem(mark, "E002", "a second YAML document ('---'); "
                              "put everything in one document")
                self.aborted = True
                return True
            return False
        if name == "AliasEvent":
            self._problem(mark, "E002", f"alias '*{event.anchor}' is not allowed; "
                          "write the value out")
            self._attach(Scalar("", mark.line + 1, mark.column + 1, plain=False), mark)
            return False
        if name in ("ScalarEvent", "MappingStartEvent", "SequenceStartEvent"):
            if event.anchor is not None:
                self._problem(mark, "E002", f"anchor '&{event.anchor}' is not allowed")
            if event.tag is not None and not (name != "ScalarEvent" and event.implicit):
                self._problem(mark, "E002", f"explicit tag '{event.tag}' is not allowed")
        if name == "ScalarEvent":
            self._attach(Scalar(event.value, mark.line + 1, mark.column + 1,
                                plain=event.style in (None, "")), mark)
        elif name in ("MappingStartEvent", "SequenceStartEvent"):
            if len(self.stack) >= self.limits.max_depth:
                self._problem(mark, "E001", f"nesting is deeper than {self.limits.max_depth} "
                              "levels (raise it with --max-depth)")
                self.aborted = True
                return True
            cls = Mapping if name == "MappingStartEvent" else Sequence
            node = cls(mark.line + 1, mark.column + 1)
            self._attach(node, mark)
            self.stack.append(node)
            self.pending_key.append(None)
        elif name in ("MappingEndEvent", "SequenceEndEvent"):
            self.stack.pop()
            self.pending_key.pop()
        return False

    def _attach(self, node: Node, mark) -> None:
        if not self.stack:
            self.root = node
            return
        parent = self.stack[-1]
        if isinstance(parent, Sequence):
            parent.items.append(node)
            return
        key = self.pending_key[-1]
        if key is None:
            self.pending_key[-1] = self._check_key(node, mark)
            return
        self.pending_key[-1] = None
        if key.value in parent.items:
            if key.line >= 0:
                first = parent.items[key.value][0]
                self.problems.append(Problem(
                    self.display, key.line, key.column, "E003",
                    f"duplicate key '{key.value}' (first at line {first.line}); "
                    "the first value is used"))
            return
        if key.line >= 0:
            parent.items[key.value] = (key, node)

    def _check_key(self, node: Node, mark) -> Scalar:
        """A usable key, or a placeholder (line -1) whose value is then dropped."""
        bad = Scalar("", -1, -1, plain=True)
        if not isinstance(node, Scalar):
            kind = "mapping" if isinstance(node, Mapping) else "list"
            self._problem(mark, "E004", f"a {kind} used as a key; keys must be names")
            return bad
        if node.plain and node.value in NULLS:
            self._problem(mark, "E004", "empty or null key; keys must be names")
            return bad
        if node.plain and node.value == "<<":
            self._problem(mark, "E002", "merge key '<<' is not allowed; write the fields out")
            return bad
        if node.plain and node.value[:1] in "0123456789+-." and _looks_numeric(node.value):
            self._problem(mark, "E004", f"key {node.value} is a number; keys must be names")
            return bad
        if node.plain and _yaml11_type(node.value) == "bool":
            self._problem(mark, "W101", f"key '{node.value}' is read as a boolean by other YAML "
                          f"tools; quote it: \"{node.value}\"")
        return node


def _looks_numeric(text: str) -> bool:
    return _yaml11_type(text) in ("int", "float")


def _yaml11_type(text: str) -> str | None:
    from .scalars import yaml11_type

    return yaml11_type(text)
