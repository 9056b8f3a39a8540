"""Checking a node tree from `yaml_tree` against a spec from `spec`.

`check` walks the tree, converting text to each field's type, and collects problems,
references (resolved later, when all files are read) and the position of every value by its
data path.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ehelse_map.fuzzydate import FuzzyDate, FuzzyDateError
from ehelse_map.load.emoji import ZWJ, without_emoji_joiners
from ehelse_map.load.limits import DEFAULT_MAX_PROBLEMS
from ehelse_map.load.spec import (
    BAD_NOTE_CHARS,
    BAD_TEXT_CHARS,
    FILE,
    MAX_ID,
    MAX_NUMBER_TEXT,
    Const,
    Date,
    Dict,
    Id,
    Int,
    List,
    Number,
    Obj,
    Quantity,
    Ref,
    Shapes,
    Text,
    Vocab,
)
from ehelse_map.load.yaml11 import misread, to_int, to_number, yaml11_number, yaml11_reading
from ehelse_map.load.yaml_tree import ALIAS, NULLS, Mapping, Node, Scalar, Sequence
from ehelse_map.problems import TOO_MANY_PROBLEMS, Problem, suggest

# Characters that have no place in ids or names (spec.BAD_TEXT_CHARS, which the JSON Schema
# uses too); notes may hold tabs and line breaks. Lone surrogates (only the pure-Python parser
# lets them through) are refused as well.
_BAD_TEXT = re.compile(f"[{BAD_TEXT_CHARS}\\ud800-\\udfff]")
_BAD_LONG_TEXT = re.compile(f"[{BAD_NOTE_CHARS}\\ud800-\\udfff]")


@dataclass
class RefUse:
    kinds: tuple[str, ...]
    value: str
    line: int
    column: int
    path: str


@dataclass
class Checked:
    """What `check` learnt from one file."""

    value: Any
    problems: list[Problem] = field(default_factory=list)
    refs: list[RefUse] = field(default_factory=list)
    ids: list[tuple[str, str, int, int, str]] = field(default_factory=list)  # kind,id,line,col,path
    #: data path -> (line, column) of every mapping, list and field value (not of the plain
    #: items of lists of ids, which nothing looks up and which would cost memory)
    positions: dict[str, tuple[int, int]] = field(default_factory=dict)
    #: more than max_problems problems: the last one is the E019 that says so, and value, refs
    #: and ids are incomplete
    stopped: bool = False


def _is_null(node: Node) -> bool:
    return node.__class__ is Scalar and node.plain and node.value in NULLS


#: Plain scalars that stand for no value: nulls, and aliases (reported by the loader already).
_ABSENT = NULLS | {ALIAS}
#: Specs whose values are single scalars: lists of them do not record item positions.
_SCALAR_SPECS = (Text, Vocab, Ref, Id, Int, Number, Date, Const)
#: What a reference or a vocabulary word may be at most (ids are slugs of at most MAX_ID).
_MAX_WORD = MAX_ID
_TYPE_NAMES = {Scalar: "a text value", Mapping: "a mapping", Sequence: "a list"}


def _shown(text: str) -> str:
    """Text for a message, with whitespace other than a plain space made visible: an id
    `'s6\\u00a0'` says what is wrong where `'s6 '` would not."""
    return "".join(c if c == " " or (c.isprintable() and not c.isspace()) else
                   f"\\u{ord(c):04x}" for c in text)


class _Checker:
    """Walks a node tree against a spec. Past `max_problems` problems it records one E019 and
    then raises _TooMany when `stop` (a hopeless file costs no more time), else stores no more."""

    def __init__(self, display: str, max_problems: int = DEFAULT_MAX_PROBLEMS,
                 stop: bool = False) -> None:
        self.display = display
        self.max_problems = max_problems
        self.stop = stop
        self.out = Checked(None)
        self.positions = self.out.positions

    def problem(self, node: Node, code: str, message: str, path: str) -> None:
        if len(self.out.problems) >= self.max_problems:
            if not self.out.stopped:
                self.out.stopped = True
                self.out.problems.append(Problem(self.display, node.line, node.column, "E019",
                                                 TOO_MANY_PROBLEMS, path))
            if self.stop:
                raise _TooMany
            return
        self.out.problems.append(Problem(self.display, node.line, node.column, code, message, path))

    def walk(self, spec: Any, node: Node, path: str) -> Any:
        """The checked value of `node`, recording its position under `path`."""
        self.positions[path] = (node.line, node.column)
        return self.value(spec, node, path)

    def value(self, spec: Any, node: Node, path: str) -> Any:
        if node.__class__ is Scalar and node.plain and node.value in _ABSENT:
            return None
        return _DISPATCH[spec.__class__](self, spec, node, path)

    def _expect(self, node: Node, cls: type, what: str, path: str) -> bool:
        if node.__class__ is cls:
            return True
        self.problem(node, "E013", f"expected {what}, got {_TYPE_NAMES[node.__class__]}", path)
        return False

    def _text_value(self, node: Node, path: str, long: bool = False,
                    limit: int = _MAX_WORD) -> str | None:
        if not self._expect(node, Scalar, "a text value", path):
            return None
        text = node.value  # type: ignore[union-attr]
        if len(text) > limit:
            self.problem(node, "E017", f"text is {len(text):,} characters long; the limit here "
                         f"is {limit:,}", path)
            return None
        if text.isprintable():  # the usual case, in C: no control, format or separator character
            return text
        pattern = _BAD_LONG_TEXT if long else _BAD_TEXT
        bad = pattern.search(text)
        if bad is not None and bad.group() == ZWJ:  # it may join emoji ("👩‍⚕️"): that is text
            bad = pattern.search(without_emoji_joiners(text))
        if bad is None:
            return text
        if "\ud800" <= bad.group() <= "\udfff":
            self.problem(node, "E017", "text holds a lone surrogate (an invalid character)", path)
        else:
            self.problem(node, "E017", f"text holds the invisible or control character "
                         f"U+{ord(bad.group()):04X}; remove it", path)
        return None

    def _warn_ambiguous(self, node: Scalar, path: str) -> None:
        if node.plain and misread(node.value):
            self.problem(node, "W101", f"'{node.value}' is read as {yaml11_reading(node.value)} "
                         f"by other YAML tools; quote it: \"{node.value}\"", path)

    def _warn_number(self, node: Scalar, number: float, path: str) -> None:
        """Numbers other YAML tools read differently: `0150` (octal 104), `1e3` (text)."""
        reading = yaml11_number(node.value)
        if reading is None or reading != number:
            other = yaml11_reading(node.value) or "text"
            shown = f"{number:g}" if isinstance(number, float) else str(number)
            self.problem(node, "W101", f"'{node.value}' is read as {other} by other YAML tools; "
                         f"write {shown}", path)

    def _text(self, spec: Text, node: Node, path: str) -> str | None:
        text = self._text_value(node, path, spec.long, spec.limit)
        if text is None:
            return None
        assert isinstance(node, Scalar)
        if node.plain and text in NULLS:
            return None
        if not text.strip():
            self.problem(node, "E017", "text is empty or blank; write it out or leave the "
                         "field out", path)
            return None
        self._warn_ambiguous(node, path)
        if spec.regex and not spec.regex.match(text):
            self.problem(node, "E017", f"'{_shown(text)}' does not match {spec.pattern}", path)
            return None
        return text

    def _key(self, spec: Any, node: Scalar, path: str) -> Any:
        """A free key of a Dict: like a value, but the loader already warned about `yes:`."""
        if spec.__class__ is Text:
            text = self._text_value(node, path, limit=spec.limit)
            if text is not None and spec.regex and not spec.regex.match(text):
                self.problem(node, "E017", f"'{_shown(text)}' does not match {spec.pattern}", path)
                return None
            return text
        return self.value(spec, node, path)

    def _id(self, spec: Id, node: Node, path: str) -> str | None:
        text = self._text_value(node, path)
        if text is None:
            return None
        assert isinstance(node, Scalar)
        if not spec.regex.match(text):
            self.problem(node, "E017", f"id '{_shown(text)}' is not a slug (lower-case letters, "
                         "digits and '-')", path)
            return None
        self._warn_ambiguous(node, path)
        self.out.ids.append((spec.kind, text, node.line, node.column, path))
        return text

    def _ref(self, spec: Ref, node: Node, path: str) -> str | None:
        text = self._text_value(node, path)
        if text is None:
            return None
        assert isinstance(node, Scalar)
        self.out.refs.append(RefUse(spec.kinds, text, node.line, node.column, path))
        return text

    def _vocab(self, spec: Vocab, node: Node, path: str) -> str | None:
        text = self._text_value(node, path)
        if text is None:
            return None
        if text not in spec.choices:
            self.problem(node, "E014", f"'{_shown(text)}' is not one of: {', '.join(spec.choices)}"
                         + suggest(text, spec.choices), path)
            return None
        assert isinstance(node, Scalar)
        self._warn_ambiguous(node, path)
        return text

    def _int(self, spec: Int, node: Node, path: str) -> int | None:
        if not self._expect(node, Scalar, "a whole number", path):
            return None
        assert isinstance(node, Scalar)
        if len(node.value) > MAX_NUMBER_TEXT:
            self.problem(node, "E013", f"expected a whole number, got {len(node.value):,} "
                         f"characters", path)
            return None
        number = to_int(node.value) if node.plain else None
        if number is None:
            self.problem(node, "E013", f"expected a whole number, got '{node.value}'", path)
            return None
        if number < spec.minimum:
            self.problem(node, "E013", f"{number} is less than {spec.minimum}", path)
            return None
        if number > spec.maximum:
            self.problem(node, "E013", f"{number} is more than {spec.maximum:,}", path)
            return None
        if node.value[:1] == "0" and len(node.value) > 1:  # `0150`: octal 104 elsewhere
            self._warn_number(node, number, path)
        return number

    def _number(self, spec: Number, node: Node, path: str) -> float | None:
        if not self._expect(node, Scalar, "a number", path):
            return None
        assert isinstance(node, Scalar)
        if len(node.value) > MAX_NUMBER_TEXT:
            self.problem(node, "E013", f"expected a number, got {len(node.value):,} characters",
                         path)
            return None
        number = to_number(node.value) if node.plain else None
        if number is None or number != number or number in (float("inf"), float("-inf")):
            self.problem(node, "E013", f"expected a number, got '{node.value}'", path)
            return None
        if number < spec.minimum:
            self.problem(node, "E013", f"{node.value} is less than {spec.minimum:g}", path)
            return None
        if number > spec.maximum:
            self.problem(node, "E013", f"{node.value} is more than {spec.maximum:,g}", path)
            return None
        if not node.value.isdigit() or node.value[0] == "0":
            self._warn_number(node, number, path)
        return number

    def _const(self, spec: Const, node: Node, path: str) -> int | None:
        known = {str(v): v for v in spec.values}
        if node.__class__ is not Scalar or node.value not in known:
            shown = (f" '{node.value[:40]}'" if node.__class__ is Scalar
                     else f" ({_TYPE_NAMES[node.__class__]})")
            self.problem(node, "E010", f"unsupported {path}{shown}; this version of ehelse-map "
                         f"reads {' or '.join(known)}", path)
            return None
        assert isinstance(node, Scalar)
        return known[node.value]

    def _date(self, spec: Date, node: Node, path: str) -> FuzzyDate | None:
        text = self._text_value(node, path)
        if text is None:
            return None
        assert isinstance(node, Scalar)
        try:
            value = FuzzyDate.parse(text)
        except FuzzyDateError as error:
            self.problem(node, "E016", str(error), path)
            return None
        self._warn_ambiguous(node, path)
        return value

    def _list(self, spec: List, node: Node, path: str) -> list[Any] | None:
        if not self._expect(node, Sequence, "a list", path):
            return None
        items = node.items  # type: ignore[union-attr]
        if len(items) < spec.min_items:
            name = path.rsplit(".", 1)[-1]
            self.problem(node, spec.empty_code, f"'{name}' needs at least {spec.min_items} item"
                         + ("s" if spec.min_items > 1 else ""), path)
        item_spec = spec.item
        if item_spec.__class__ in _SCALAR_SPECS:
            value = self.value
            result = [value(item_spec, item, f"{path}[{i}]") if item.__class__ is Scalar
                      else self.walk(item_spec, item, f"{path}[{i}]")
                      for i, item in enumerate(items)]
        else:
            walk = self.walk
            result = [walk(item_spec, item, f"{path}[{i}]") for i, item in enumerate(items)]
        if None in result:  # an empty item (`- ~`, `[a, null]`) or one refused above
            for i, item in enumerate(items):
                if isinstance(item, Scalar) and item.plain and item.value in NULLS:
                    self.problem(item, "E013", "empty list item; remove it or write a value",
                                 f"{path}[{i}]")
            result = [item for item in result if item is not None]
        return result

    def _dict(self, spec: Dict, node: Node, path: str) -> dict[str, Any] | None:
        if not self._expect(node, Mapping, "a mapping", path):
            return None
        assert isinstance(node, Mapping)
        result = {}
        items = node.items
        for key in node.keys:
            name = key.value
            sub = f"{path}.{name}"
            checked_key = self._key(spec.key, key, sub)
            if checked_key is not None:
                result[checked_key] = self.walk(spec.value, items[name], sub)
        for name in spec.required_keys:
            if name not in items:
                self.problem(node, "E011", f"missing '{name}'", path)
        return result

    def _obj(self, spec: Obj, node: Node, path: str) -> dict[str, Any] | None:
        if not self._expect(node, Mapping, "a mapping", path):
            return None
        assert isinstance(node, Mapping)
        result: dict[str, Any] = {}
        fields = spec.fields
        walk = self.walk
        prefix = f"{path}." if path else ""
        items = node.items
        for key in node.keys:
            name = key.value
            field_spec = fields.get(name)
            if field_spec is None:
                self.problem(key, "W100", f"unknown field '{name}'" + suggest(name, fields),
                             prefix + name)
                continue
            result[name] = walk(field_spec, items[name], prefix + name)
        for name in spec.required:
            value = items.get(name)
            if value is not None and not _is_null(value):
                continue
            code = "E018" if name == "sources" else "E011"
            where = f" in {path}" if path else ""
            if value is None:
                self.problem(node, code, f"missing required field '{name}'{where}", path)
            else:
                self.problem(node.key(name), code, f"field '{name}' is empty{where}", path)
        return result

    def _shapes(self, spec: Shapes, node: Node, path: str) -> Any:
        shape = (spec.list if node.__class__ is Sequence else
                 spec.mapping if node.__class__ is Mapping else spec.scalar)
        if shape is None:
            self.problem(node, "E013", f"expected {spec.allowed()}, got "
                         f"{_TYPE_NAMES[node.__class__]}", path)
            return None
        return _DISPATCH[shape.__class__](self, shape, node, path)

    def _quantity(self, spec: Quantity, node: Node, path: str) -> Any:
        """A number, or a mapping saying what the number rests on (see `spec.Quantity`)."""
        if node.__class__ is Scalar:
            return self._number(spec.number, node, path)
        value = self._obj(spec.mapping, node, path)
        if value is None:
            return None
        assert isinstance(node, Mapping)
        if value.get("value") is None and not value.get("assume"):
            self.problem(node, "E011", "give a value, or an assumption with 'assume'", path)
            return None
        low, central, high = value.get("low"), value.get("value"), value.get("high")
        if central is not None and ((low is not None and low > central)
                                    or (high is not None and high < central)):
            self.problem(node, "E013", f"the range {low if low is not None else ''}–"
                         f"{high if high is not None else ''} does not hold the value {central:g}",
                         path)
            return None
        return value


#: Spec class -> the checker's method for it. Kept on the class, not as bound methods on each
#: checker: those would make every checker a reference cycle, and with it the checked records,
#: which then only the cyclic collector frees (it is off while data loads: `runtime.py`).
_DISPATCH: dict[type, Callable[[_Checker, Any, Node, str], Any]] = {
    Text: _Checker._text, Vocab: _Checker._vocab, Ref: _Checker._ref, Id: _Checker._id,
    Int: _Checker._int, Number: _Checker._number, Date: _Checker._date,
    Const: _Checker._const, List: _Checker._list, Dict: _Checker._dict, Obj: _Checker._obj,
    Shapes: _Checker._shapes, Quantity: _Checker._quantity}


class _TooMany(Exception):
    """More problems than max_problems: checking this file stops."""


def check(root: Node, display: str, max_problems: int = DEFAULT_MAX_PROBLEMS) -> Checked:
    """Check one data file's tree against the format; never raises."""
    if root.__class__ is not Mapping:
        checker = _Checker(display, max_problems)
        got = "a list" if root.__class__ is Sequence else "a single value"
        checker.problem(root, "E010", f"expected a mapping with schema_version and lists of "
                        f"records at the top, got {got}", "")
        return checker.out
    return check_tree(FILE, root, display, max_problems)


def check_tree(spec: Any, root: Node, display: str,
               max_problems: int = DEFAULT_MAX_PROBLEMS) -> Checked:
    """Check any tree against any spec (a scenario file, say); never raises. Checking stops
    after `max_problems` problems, with a last E019 problem, and `stopped` set."""
    checker = _Checker(display, max_problems, stop=True)
    with contextlib.suppress(_TooMany):
        checker.out.value = checker.walk(spec, root, "")
    return checker.out
