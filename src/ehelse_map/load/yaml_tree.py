"""Strict YAML loading that keeps the line and column of every node.

We read YAML *events* from libyaml's C parser (the pure-Python parser when libyaml is missing)
and build our own small tree, instead of calling `safe_load`:

- every scalar stays text, so YAML 1.1 never turns `NO` into False or `0150` into 104; the
  validator converts each value by the field it belongs to;
- anchors, aliases, tags, merge keys, extra documents and deep nesting are refused while
  streaming, before they can cost memory (billion laughs) or stack (deep brackets);
- PyYAML's constructors, which raise odd exceptions on crafted input, never run.

Building the tree is the hot path for big data sets, so the event loop is one flat function
with no per-event work beyond what the checks need.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Protocol

from ehelse_map.load.limits import VALUE_BYTES, Limits
from ehelse_map.load.yaml11 import BOOL_WORDS, NUMBER_START, TRUE_WORDS, yaml11_type
from ehelse_map.problems import TOO_MANY_PROBLEMS, Problem
from ehelse_map.runtime import collector_paused

if TYPE_CHECKING:
    from yaml import MarkedYAMLError


class Scalar:
    __slots__ = ("column", "line", "plain", "value")

    def __init__(self, value: str, line: int, column: int, plain: bool) -> None:
        self.value = value
        self.line = line
        self.column = column
        self.plain = plain

    def __repr__(self) -> str:
        return f"Scalar({self.value!r}@{self.line}:{self.column})"


class Mapping:
    """`items` maps each key to its value node, in file order; `keys` holds the key scalars
    (for their positions), in the same order. A duplicate key's second entry is left out."""

    __slots__ = ("column", "items", "keys", "line")

    def __init__(self, line: int, column: int) -> None:
        self.items: dict[str, Node] = {}
        self.keys: list[Scalar] = []
        self.line = line
        self.column = column

    def key(self, name: str) -> Scalar:
        """The key scalar of `name` (which must be present)."""
        return next(key for key in self.keys if key.value == name)


class Sequence:
    __slots__ = ("column", "items", "line")

    def __init__(self, line: int, column: int) -> None:
        self.items: list[Node] = []
        self.line = line
        self.column = column


Node = Scalar | Mapping | Sequence

#: Plain scalars that YAML resolves to null.
NULLS = frozenset({"", "~", "null", "Null", "NULL"})
#: An alias (already reported) stands in the tree as a plain scalar `*`, which YAML cannot
#: otherwise produce; the checker skips it, so it brings no second problem.
ALIAS = "*"


class _Located(Protocol):
    """A parser's mark, or our own `_Mark`: a 0-based line and column."""

    @property
    def line(self) -> int: ...
    @property
    def column(self) -> int: ...


#: Records one problem at a mark (and may end the reading by raising `_Abort`).
_ProblemAt = Callable[[_Located, str, str], None]


# --- parsing -----------------------------------------------------------------------------------

def parse(text: str, display: str, limits: Limits = Limits()) -> tuple[Node | None, list[Problem]]:
    """Build the node tree for one YAML document; problems instead of exceptions.

    The tree is None when the text is not usable YAML; otherwise problems may still hold what
    our subset refuses (aliases, tags, duplicate keys...), each at its own line and column.
    """
    import yaml

    loader_class = getattr(yaml, "CSafeLoader", None) or yaml.SafeLoader
    problems: list[Problem] = []
    try:
        with collector_paused():  # the tree holds no cycles (runtime.py)
            root = _build(loader_class(text), display, limits, problems)
    except yaml.MarkedYAMLError as error:
        own = _own_limit_before(error, text, display, limits, loader_class)
        problems[:] = own if own is not None else [*problems, _syntax_problem(error, text, display)]
        return None, problems
    except yaml.YAMLError as error:  # reader errors (control characters) carry a position too
        position = getattr(error, "position", None)
        in_bytes = loader_class is not yaml.SafeLoader  # libyaml counts bytes, PyYAML characters
        line, column = _line_col(text, position, in_bytes) if position is not None else (1, 1)
        problems.append(Problem(display, line, column, "E001", _reader_message(error)))
        return None, problems
    except _Abort:
        return None, problems
    except (RecursionError, MemoryError, ArithmeticError, LookupError, ValueError,
            AttributeError, TypeError) as error:
        # The parser is third-party code; whatever it raises on crafted input becomes a problem.
        problems.append(Problem(display, 1, 1, "E001", f"cannot parse YAML: {error}"))
        return None, problems
    if root is None or (root.__class__ is Scalar and root.plain and root.value in NULLS):
        problems.append(Problem(display, 1, 1, "E010", "file is empty; expected a mapping with "
                                "schema_version"))
        return None, problems
    return root, problems


def _own_limit_before(error: MarkedYAMLError, text: str, display: str, limits: Limits,
                      loader_class: Callable[[str], Any], retries: int = 3) -> list[Problem] | None:
    """Our own problems, when one of our limits is crossed before where the parser stopped.

    A parser reads ahead of the events it hands us (libyaml scans a run of `[[[[` to its end
    to settle simple keys) and may stop there on a limit of its own, such as libyaml 0.2.6's
    1,000 nesting levels, before our streaming checks saw the events. Reading the text up to
    the stopping point again lets our checks run first: if one of them ends the reading, its
    located message is the root cause. Otherwise (None) the parser's own error stands. This
    never looks at the parser's wording.
    """
    mark = error.problem_mark
    if mark is None or retries == 0:
        return None
    end = _offset(text, mark.line, mark.column)
    if end <= 0:
        return None
    import yaml

    problems: list[Problem] = []
    try:
        with collector_paused():  # the tree holds no cycles (runtime.py)
            _build(loader_class(text[:end]), display, limits, problems)
    except _Abort:
        return problems
    except yaml.MarkedYAMLError as earlier:
        return _own_limit_before(earlier, text[:end], display, limits, loader_class, retries - 1)
    except Exception:
        return None
    return None


def _offset(text: str, line: int, column: int) -> int:
    """The character offset of a 0-based (line, column) mark."""
    start = 0
    for _ in range(line):
        start = text.find("\n", start) + 1
        if start == 0:
            return len(text)
    return min(start + column, len(text))


class _Abort(Exception):
    """Stop reading: a problem that makes the rest of the file meaningless was recorded."""


def _build(parser: Any, display: str, limits: Limits, problems: list[Problem]) -> Node | None:
    """Turn the parser's events into nodes, refusing what our YAML subset leaves out.

    This loop runs once per event of files that may be tens of megabytes, so it is written
    flat: no method calls on the usual path, and line numbers shared between the nodes of a
    line (each int object costs memory).
    """
    from yaml.events import (
        AliasEvent,
        DocumentStartEvent,
        MappingEndEvent,
        MappingStartEvent,
        ScalarEvent,
        SequenceEndEvent,
        SequenceStartEvent,
        StreamEndEvent,
    )

    max_problems = limits.max_problems

    def problem(mark: _Located, code: str, message: str) -> None:
        if len(problems) >= max_problems:
            problems.append(Problem(display, mark.line + 1, mark.column + 1, "E019",
                                    TOO_MANY_PROBLEMS))
            raise _Abort
        problems.append(Problem(display, mark.line + 1, mark.column + 1, code, message))

    max_depth, max_records = limits.max_depth, limits.max_records
    # Real data holds about one value per 15-20 bytes; hostile files (`[a,a,a,...]`) one per
    # two, and every value costs 100-180 bytes of memory. Past one value per 5 bytes of the
    # size limit we stop, which keeps memory under about 40 times --max-bytes.
    max_values = max(limits.max_bytes // VALUE_BYTES, 1000)
    records = values = 0
    intern = sys.intern
    get_event = parser.get_event
    root: Node | None = None
    containers: list[Mapping | Sequence] = []  # open collections, innermost last
    keys: list[Scalar | None] = []  # per open collection: a mapping's key awaiting its value
    top: Mapping | Sequence | None = None
    documents = 0
    names: dict[str, str] = {}  # plain keys `_check_key` accepted without a word
    line_index, line = -1, 0  # the last line seen, 0-based, and its 1-based int object
    try:
        while True:
            event = get_event()
            cls = event.__class__
            if cls is ScalarEvent:
                mark = event.start_mark
                if event.anchor is not None or event.tag is not None:
                    _scalar_extras(event, problem)
                if mark.line != line_index:
                    line_index, line = mark.line, mark.line + 1
                values += 1
                if values > max_values:
                    problem(mark, "E019", f"more than {max_values:,} values in one file; that is "
                            "not a data set (raise --max-bytes to allow more)")
                    raise _Abort
                node: Node = Scalar(event.value, line, mark.column + 1, not event.style)
            elif cls is MappingStartEvent or cls is SequenceStartEvent:
                mark = event.start_mark
                if event.anchor is not None:
                    problem(mark, "E002", f"anchor '&{event.anchor}' is not allowed")
                if event.tag is not None and not event.implicit:
                    problem(mark, "E002", f"explicit tag '{_shown_tag(event.tag)}' is not allowed")
                if len(containers) >= max_depth:
                    problem(mark, "E001", f"nesting is deeper than {max_depth} levels "
                            "(raise it with --max-depth)")
                    raise _Abort
                if mark.line != line_index:
                    line_index, line = mark.line, mark.line + 1
                node = (Mapping if cls is MappingStartEvent else Sequence)(line, mark.column + 1)
            elif cls is MappingEndEvent or cls is SequenceEndEvent:
                containers.pop()
                keys.pop()
                top = containers[-1] if containers else None
                continue
            elif cls is AliasEvent:
                mark = event.start_mark
                problem(mark, "E002", f"alias '*{event.anchor}' is not allowed; write the value out")
                if top is not None and top.__class__ is Mapping and keys[-1] is None:
                    keys[-1] = _DROPPED  # an alias as a key: drop the entry
                    continue
                node = Scalar(ALIAS, mark.line + 1, mark.column + 1, True)
            elif cls is DocumentStartEvent:
                documents += 1
                if documents > 1:
                    problem(event.start_mark, "E002", "a second YAML document ('---'); "
                            "put everything in one document")
                    raise _Abort
                continue
            elif cls is StreamEndEvent or event is None:
                return root
            else:  # StreamStartEvent, DocumentEndEvent
                continue

            # Attach the new node to the open collection.
            if top is None:
                root = node
            elif top.__class__ is Sequence:
                top.items.append(node)
                if len(containers) == 2:  # an item of a top-level list: a record
                    records += 1
                    if records > max_records:
                        problem(event.start_mark, "E019", f"more than {max_records:,} records "
                                "(raise it with --max-records)")
                        raise _Abort
            elif top.__class__ is Mapping:  # always, when not a Sequence; this narrows top
                key = keys[-1]
                if key is None:
                    # keys repeat: a plain spelling accepted once is accepted again unchecked,
                    # and stored once
                    spelling = (names.get(node.value)
                                if node.__class__ is Scalar and node.plain else None)
                    if spelling is not None:
                        node.value = spelling  # type: ignore[union-attr]
                        key = node  # type: ignore[assignment]
                    else:
                        before = len(problems)
                        key = _check_key(node, problem)
                        if key is not _DROPPED:
                            key.value = intern(key.value)
                            if key.plain and len(problems) == before:  # no warning to repeat
                                names[key.value] = key.value
                    keys[-1] = key
                else:
                    keys[-1] = None
                    if key is not _DROPPED:
                        items = top.items
                        if key.value in items:
                            first = top.key(key.value)
                            problem(_Mark(key), "E003", f"duplicate key '{key.value}' (first "
                                    f"at line {first.line}); the first value is used")
                        else:
                            items[key.value] = node
                            top.keys.append(key)
            # mypy does not narrow on `__class__ is not`; isinstance would cost time per event
            if node.__class__ is not Scalar:
                containers.append(node)  # type: ignore[arg-type]  # a Mapping or Sequence here
                keys.append(None)
                top = node  # type: ignore[assignment]  # a Mapping or Sequence here
    finally:
        dispose = getattr(parser, "dispose", None)
        if dispose is not None:
            dispose()


_DROPPED = Scalar("", -1, -1, True)


class _Mark:
    """A parser-mark look-alike for a node we already built (0-based, like the parser's)."""

    __slots__ = ("column", "line")

    def __init__(self, node: Node) -> None:
        self.line = node.line - 1
        self.column = node.column - 1


def _scalar_extras(event: Any, problem: _ProblemAt) -> None:
    mark = event.start_mark
    if event.anchor is not None:
        problem(mark, "E002", f"anchor '&{event.anchor}' is not allowed")
    if event.tag is not None:
        problem(mark, "E002", f"explicit tag '{_shown_tag(event.tag)}' is not allowed")


def _shown_tag(tag: str) -> str:
    """Tags as the user wrote them: `!!python/object/apply:os.system`, not the expanded URI."""
    prefix = "tag:yaml.org,2002:"
    return "!!" + tag[len(prefix):] if tag.startswith(prefix) else tag


def _check_key(node: Node, problem: _ProblemAt) -> Scalar:
    """A usable key, or _DROPPED (the entry is then left out) after recording why."""
    if node.__class__ is not Scalar:
        kind = "mapping" if node.__class__ is Mapping else "list"
        problem(_Mark(node), "E004", f"a {kind} used as a key; keys must be names")
        return _DROPPED
    assert isinstance(node, Scalar)
    value = node.value
    if node.plain:
        if value in NULLS:
            problem(_Mark(node), "E004", "empty or null key; keys must be names")
            return _DROPPED
        if value[0] in NUMBER_START and yaml11_type(value) in ("int", "float"):
            problem(_Mark(node), "E004", f"key {value} is a number; keys must be names")
            return _DROPPED
        if value == "<<":
            problem(_Mark(node), "E002", "merge key '<<' is not allowed; write the fields out")
            return _DROPPED
        if value in BOOL_WORDS:
            reading = "true" if value in TRUE_WORDS else "false"
            problem(_Mark(node), "W101", f"key '{value}' is read as the boolean {reading} by "
                    f"other YAML tools; quote it: \"{value}\"")
    elif not value:
        problem(_Mark(node), "E004", "empty key; keys must be names")
        return _DROPPED
    return node


# --- messages ----------------------------------------------------------------------------------

_CONTEXTS = {
    "while parsing a flow sequence": "the [ list that starts",
    "while parsing a flow mapping": "the { mapping that starts",
    "while scanning a quoted scalar": "the quoted text that starts",
    "while parsing a quoted scalar": "the quoted text that starts",
    "while scanning a double-quoted scalar": "the quoted text that starts",
    "while scanning a single-quoted scalar": "the quoted text that starts",
    "while parsing a block mapping": "the mapping that starts",
    "while parsing a block collection": "the list that starts",
    "while scanning a block scalar": "the block text that starts",
}
_PROBLEMS = {
    "found invalid Unicode character escape code":
        "an escape that is not a character (a lone surrogate such as \\ud800, or past "
        "\\U0010FFFF)",
}


def _syntax_problem(error: MarkedYAMLError, text: str, display: str) -> Problem:
    """One clear line for a YAML syntax error, at the place the parser stopped."""
    mark = error.problem_mark or error.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    problem = error.problem or error.context or "invalid YAML"
    if "cannot start any token" in problem or "tab character" in problem:
        character = _character_at(text, line, column)
        if character == "\t":
            return Problem(display, line, column, "E001",
                           "YAML syntax: a tab character; indent with spaces, never tabs")
        if character:
            problem = f"found character {character!r} that cannot start any token (quote the value)"
    elif problem in _PROBLEMS:
        problem = _PROBLEMS[problem]
    elif problem.startswith("mapping values are not allowed"):
        problem = ("a ':' that YAML reads as a new key; quote the value if it holds ': ', or fix "
                   "the indentation")
    context = _CONTEXTS.get(error.context or "")
    start = error.context_mark
    if context and start is not None and (start.line, start.column) != (line - 1, column - 1):
        problem += f" in {context} at line {start.line + 1}, column {start.column + 1}"
    return Problem(display, line, column, "E001", f"YAML syntax: {problem}")


def _character_at(text: str, line: int, column: int) -> str:
    start = 0
    for _ in range(line - 1):
        start = text.find("\n", start) + 1
        if start == 0:
            return ""
    return text[start + column - 1:start + column]


def _line_col(text: str, position: int, in_bytes: bool) -> tuple[int, int]:
    if in_bytes:  # an offset into the UTF-8 encoding of text
        position = len(text.encode("utf-8", "surrogatepass")[:position].decode("utf-8", "replace"))
    line = text.count("\n", 0, position) + 1
    return line, position - (text.rfind("\n", 0, position) + 1) + 1


def _reader_message(error: Exception) -> str:
    character = getattr(error, "character", None)
    if isinstance(character, str):
        return f"character U+{ord(character):04X} is not allowed in YAML"
    if isinstance(character, int):
        return f"character U+{character:04X} is not allowed in YAML"
    return f"cannot read YAML: {error}"
