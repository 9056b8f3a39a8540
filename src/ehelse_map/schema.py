"""The data format, declared once: it drives validation (`check`) and the JSON Schema (`json_schema`).

A spec is a small tree of field types. `check` walks a node tree from `loader` against a spec,
converting text to the field's type, and collects problems, references (resolved later, when
all files are read) and the position of every value by its data path.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from typing import Any

from .fuzzydate import FuzzyDate, FuzzyDateError
from .loader import ALIAS, DEFAULT_MAX_PROBLEMS, NULLS, Mapping, Node, Scalar, Sequence
from .problems import TOO_MANY_PROBLEMS, Problem, suggest
from .scalars import misread, to_int, to_number, yaml11_number, yaml11_reading

ACTOR_KINDS = ("government", "ministry", "directorate", "agency", "state-administrator",
               "state-enterprise", "regional-health-authority", "health-trust", "association",
               "county", "region", "municipality", "company", "competence-centre", "other")
NETWORK_KINDS = ("network", "programme", "project", "forum", "council", "steering-group",
                 "health-community", "committee", "grant-scheme", "seminar-series", "agreement",
                 "secretariat", "strategy", "other")
LEVELS = ("national", "regional", "local")
COUNTRIES = ("NO", "SE", "DK", "FI", "IS", "FO", "GL", "AX")
TASKS = ("coordination", "implementation", "competence", "development", "steering", "funding",
         "advisory", "information", "standardisation", "anchoring", "procurement")
ANCHORS = ("health-leader", "chief-executive", "elected")
LANGUAGES = ("nb", "nn", "en", "sv", "da", "fi", "is")

ID_PATTERN = r"^[a-z0-9][a-z0-9-]*$"
SOURCE_ID_PATTERN = r"^[a-z0-9][a-z0-9:._-]*$"
URL_PATTERN = r"^https?://\S+$"
# Characters that have no place in ids or names: C0/C1 controls, zero-width and bidi controls.
# Lone surrogates (only the pure-Python parser lets them through) are refused as well.
_BAD_TEXT = re.compile("[\x00-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff"
                       "\ud800-\udfff]")
_BAD_LONG_TEXT = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e"
                            "\u2066-\u2069\ufeff\ud800-\udfff]")


# --- field types -------------------------------------------------------------------------------

@dataclass(frozen=True)
class Text:
    description: str = ""
    pattern: str | None = None
    long: bool = False  # notes may hold line breaks and tabs
    example: str = ""


@dataclass(frozen=True)
class Vocab:
    choices: tuple[str, ...]
    description: str = ""


@dataclass(frozen=True)
class Ref:
    """A reference to an id of one of `kinds` (actor, network, source, area, role, assumption)."""

    kinds: tuple[str, ...]
    description: str = ""


@dataclass(frozen=True)
class Id:
    kind: str
    pattern: str = ID_PATTERN


@dataclass(frozen=True)
class Int:
    minimum: int = 0
    description: str = ""


@dataclass(frozen=True)
class Number:
    minimum: float = 0.0
    description: str = ""


@dataclass(frozen=True)
class Date:
    description: str = "a date as precise as the source: YYYY, YYYY-MM or YYYY-MM-DD"


@dataclass(frozen=True)
class Const:
    value: int


@dataclass(frozen=True)
class List:
    item: Any
    min_items: int = 0
    description: str = ""
    empty_code: str = "E011"  # the problem code when there are fewer than min_items


@dataclass(frozen=True)
class Dict:
    """A mapping with free keys (labels by language, identifiers, overrides by actor)."""

    key: Any
    value: Any
    required_keys: tuple[str, ...] = ()
    description: str = ""


@dataclass(frozen=True)
class Obj:
    fields: dict[str, Any]
    required: tuple[str, ...] = ()
    description: str = ""


@dataclass(frozen=True)
class OneOf:
    """A list form or a mapping form, chosen by the node's shape."""

    as_list: List
    as_mapping: Obj
    description: str = ""


# --- the format --------------------------------------------------------------------------------

SOURCES = List(Ref(("source",)), min_items=1, description="ids of the sources behind this record",
               empty_code="E018")
NAME = Text("a human-readable name")
NOTE = Text("free text", long=True)
PERIOD = Obj({"from": Date(), "to": Date()}, description="active period; either end may be open")
LABELS = Dict(Vocab(LANGUAGES), Text(), required_keys=("en",), description="label by language")
PERSONS = List(List(Ref(("role",)), min_items=1), min_items=1,
               description="groups of roles; each group is held by one person")

SOURCE = Obj({
    "id": Id("source", SOURCE_ID_PATTERN), "title": NAME,
    "url": Text("web address", pattern=URL_PATTERN), "publisher": NAME, "published": Date(),
    "note": NOTE,
}, required=("id", "title"))

ASSUMPTION = Obj({"id": Id("assumption"), "text": NOTE, "sources": SOURCES},
                 required=("id", "text", "sources"))

ACTOR = Obj({
    "id": Id("actor"), "name": NAME, "short_name": NAME,
    "kind": Vocab(ACTOR_KINDS), "level": Vocab(LEVELS), "country": Vocab(COUNTRIES),
    "parent": Ref(("actor",)), "region": Ref(("actor",)), "catchment": Ref(("actor",)),
    "number": Text("official number, e.g. kommunenummer, as a string", pattern=r"^[0-9A-Za-z-]+$"),
    "identifiers": Dict(Text(pattern=r"^[a-z][a-z0-9_-]*$"), Text()),
    "population": Int(0), "population_as_of": Date(), "count": Int(1),
    "period": PERIOD, "successor": Ref(("actor",)), "former_names": List(NAME),
    "url": Text("web address", pattern=URL_PATTERN), "note": NOTE, "inferred": NOTE,
    "sources": SOURCES,
}, required=("id", "name", "kind", "level", "country", "sources"))

AREA = Obj({"id": Id("area"), "labels": LABELS, "group": Text(pattern=ID_PATTERN), "note": NOTE,
            "sources": SOURCES}, required=("id", "labels", "sources"))

ROLE = Obj({"id": Id("role"), "labels": LABELS, "anchor": Vocab(ANCHORS),
            "country": Vocab(COUNTRIES), "note": NOTE, "sources": SOURCES},
           required=("id", "labels", "sources"))

STAFFING = Obj({
    "assumption": Ref(("assumption",)),
    "capacity_hours_per_year": Number(0),
    "capacity_assumption": Ref(("assumption",)),
    "rules": List(Obj({"max_population": Int(0), "persons": PERSONS}, required=("persons",)),
                  min_items=1),
    "overrides": Dict(Ref(("actor",)), PERSONS),
}, required=("assumption", "rules"))

TARGET = Obj({
    "role": Ref(("role",)), "meetings_per_year": Number(0), "hours_per_meeting": Number(0),
    "estimate": Ref(("assumption",)), "note": NOTE, "sources": List(Ref(("source",))),
}, required=("role", "meetings_per_year", "hours_per_meeting"))

FUNDING = Obj({
    "source": Ref(("actor",)), "scheme": NAME, "reports_to": Ref(("actor", "network")),
    "note": NOTE, "sources": List(Ref(("source",))),
}, required=("source",))

ACTOR_LIST = List(Ref(("actor",)))
COVERAGE = OneOf(
    ACTOR_LIST,
    Obj({"region": Ref(("actor",)), "catchment": Ref(("actor",)), "country": Vocab(COUNTRIES),
         "kind": Vocab(ACTOR_KINDS), "except": ACTOR_LIST, "include": ACTOR_LIST,
         "count": Int(0), "inferred": NOTE}),
    description="the organisations a network reaches: a list of actor ids or a selector",
)

NETWORK = Obj({
    "id": Id("network"), "name": NAME, "short_name": NAME,
    "kind": Vocab(NETWORK_KINDS), "level": Vocab(LEVELS), "country": Vocab(COUNTRIES),
    "host": Ref(("actor",)), "parent": Ref(("network",)),
    "participants": List(Ref(("actor", "network"))),
    "coverage": COVERAGE,
    "areas": List(Ref(("area",)), min_items=1), "tasks": List(Vocab(TASKS), min_items=1),
    "targets": List(TARGET), "funding": List(FUNDING),
    "reports_to": List(Ref(("actor", "network"))), "steered_by": List(Ref(("actor", "network"))),
    "period": PERIOD, "url": Text("web address", pattern=URL_PATTERN), "note": NOTE,
    "inferred": NOTE, "sources": SOURCES,
}, required=("id", "name", "kind", "level", "country", "coverage", "areas", "tasks", "sources"))

FILE = Obj({
    "schema_version": Const(1),
    "sources": List(SOURCE), "assumptions": List(ASSUMPTION), "actors": List(ACTOR),
    "areas": List(AREA), "roles": List(ROLE), "staffing": STAFFING, "networks": List(NETWORK),
}, required=("schema_version",))

#: Top-level lists whose items are records with an `id`, and the kind of that id.
RECORD_LISTS = {"sources": "source", "assumptions": "assumption", "actors": "actor",
                "areas": "area", "roles": "role", "networks": "network"}


# --- checking ----------------------------------------------------------------------------------

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
    return node.__class__ is Scalar and node.plain and node.value in NULLS  # type: ignore[union-attr]


#: Plain scalars that stand for no value: nulls, and aliases (reported by the loader already).
_ABSENT = NULLS | {ALIAS}
#: Specs whose values are single scalars: lists of them do not record item positions.
_SCALAR_SPECS = (Text, Vocab, Ref, Id, Int, Number, Date, Const)
_TYPE_NAMES = {Scalar: "a text value", Mapping: "a mapping", Sequence: "a list"}


def _shown(text: str) -> str:
    """Text for a message, with whitespace other than a plain space made visible: an id
    `'s6\\u00a0'` says what is wrong where `'s6 '` would not."""
    return "".join(c if c == " " or (c.isprintable() and not c.isspace()) else
                   f"\\u{ord(c):04x}" for c in text)


@functools.lru_cache(maxsize=None)
def _compiled(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


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
        self.dispatch = {Text: self._text, Vocab: self._vocab, Ref: self._ref, Id: self._id,
                         Int: self._int, Number: self._number, Date: self._date,
                         Const: self._const, List: self._list, Dict: self._dict, Obj: self._obj,
                         OneOf: self._oneof}

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
        if node.__class__ is Scalar and node.plain and node.value in _ABSENT:  # type: ignore[union-attr]
            return None
        return self.dispatch[spec.__class__](spec, node, path)

    def _expect(self, node: Node, cls: type, what: str, path: str) -> bool:
        if node.__class__ is cls:
            return True
        self.problem(node, "E013", f"expected {what}, got {_TYPE_NAMES[node.__class__]}", path)
        return False

    def _text_value(self, node: Node, path: str, long: bool = False) -> str | None:
        if not self._expect(node, Scalar, "a text value", path):
            return None
        text = node.value  # type: ignore[union-attr]
        if text.isprintable():  # the usual case, in C: no control, format or separator character
            return text
        bad = (_BAD_LONG_TEXT if long else _BAD_TEXT).search(text)
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
        text = self._text_value(node, path, spec.long)
        if text is None:
            return None
        assert isinstance(node, Scalar)
        if node.plain and text in NULLS:
            return None
        self._warn_ambiguous(node, path)
        if spec.pattern and not _compiled(spec.pattern).match(text):
            self.problem(node, "E017", f"'{_shown(text)}' does not match {spec.pattern}", path)
            return None
        return text

    def _key(self, spec: Any, node: Scalar, path: str) -> Any:
        """A free key of a Dict: like a value, but the loader already warned about `yes:`."""
        if spec.__class__ is Text:
            text = self._text_value(node, path)
            if text is not None and spec.pattern and not _compiled(spec.pattern).match(text):
                self.problem(node, "E017", f"'{_shown(text)}' does not match {spec.pattern}", path)
                return None
            return text
        return self.value(spec, node, path)

    def _id(self, spec: Id, node: Node, path: str) -> str | None:
        text = self._text_value(node, path)
        if text is None:
            return None
        assert isinstance(node, Scalar)
        if not _compiled(spec.pattern).match(text):
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
        number = to_int(node.value) if node.plain else None
        if number is None:
            self.problem(node, "E013", f"expected a whole number, got '{node.value}'", path)
            return None
        if number < spec.minimum:
            self.problem(node, "E013", f"{number} is less than {spec.minimum}", path)
            return None
        if node.value[:1] == "0" and len(node.value) > 1:  # `0150`: octal 104 elsewhere
            self._warn_number(node, number, path)
        return number

    def _number(self, spec: Number, node: Node, path: str) -> float | None:
        if not self._expect(node, Scalar, "a number", path):
            return None
        assert isinstance(node, Scalar)
        number = to_number(node.value) if node.plain else None
        if number is None or number != number or number in (float("inf"), float("-inf")):
            self.problem(node, "E013", f"expected a number, got '{node.value}'", path)
            return None
        if number < spec.minimum:
            self.problem(node, "E013", f"{node.value} is less than {spec.minimum:g}", path)
            return None
        if not node.value.isdigit() or node.value[0] == "0":
            self._warn_number(node, number, path)
        return number

    def _const(self, spec: Const, node: Node, path: str) -> int | None:
        if node.__class__ is not Scalar or node.value != str(spec.value):  # type: ignore[union-attr]
            shown = (f" '{node.value}'" if node.__class__ is Scalar  # type: ignore[union-attr]
                     else f" ({_TYPE_NAMES[node.__class__]})")
            self.problem(node, "E010", f"unsupported {path}{shown}; this version of ehelse-map "
                         f"reads {spec.value}", path)
            return None
        return spec.value

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
            return [value(item_spec, item, f"{path}[{i}]") if item.__class__ is Scalar
                    else self.walk(item_spec, item, f"{path}[{i}]") for i, item in enumerate(items)]
        walk = self.walk
        return [walk(item_spec, item, f"{path}[{i}]") for i, item in enumerate(items)]

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

    def _oneof(self, spec: OneOf, node: Node, path: str) -> Any:
        if node.__class__ is Sequence:
            return self._list(spec.as_list, node, path)
        if node.__class__ is Mapping:
            return self._obj(spec.as_mapping, node, path)
        self.problem(node, "E013", "expected a list of actor ids or a selector mapping", path)
        return None


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
    try:
        checker.out.value = checker.walk(spec, root, "")
    except _TooMany:
        pass
    return checker.out
