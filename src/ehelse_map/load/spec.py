"""The data format, declared once: it drives validation (`check_file.check`) and the JSON Schema
(`json_schema`), so the two cannot disagree.

A spec is a small tree of the field types below; `FILE` is the spec of a data file. Version 2
adds to version 1 (every addition is optional), so a version 1 file is read as it is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from ehelse_map.load.vocab import (
    ACTOR_KINDS,
    ANCHORS,
    ASKS,
    COUNTRIES,
    CURRENCIES,
    FINDINGS,
    FUNDING_STATUS,
    ID_PATTERN,
    LANGUAGES,
    LEVELS,
    NAME_LANGUAGES,
    NETWORK_KINDS,
    RELATION_KINDS,
    SCHEMA_VERSIONS,
    SOURCE_ID_PATTERN,
    SURVEY_RULE_PATTERN,
    TAKES_PART,
    TASKS,
    URL_PATTERN,
)

#: The longest text each kind of field takes (characters). Names are shown in tables and
#: pictures; notes are read in `show` and the report. Both are far above what real data needs
#: (the longest name in the bundled data is 75 characters, the longest note 694).
MAX_NAME = 300
MAX_NOTE = 10_000
MAX_ID = 100
#: Numbers are written with at most this many characters: more is no count of anything real,
#: and converting longer digit strings costs time that grows faster than their length.
MAX_NUMBER_TEXT = 32
#: Characters text may not hold, as the inside of a regular-expression character class:
#: C0 and C1 controls, zero-width and bidi controls, line and paragraph separators, word
#: joiners and invisible operators, the BOM. Written as `\uXXXX` escapes, which Python's `re`
#: and ECMA-262 (JSON Schema's `pattern`) read alike. Validation also refuses lone surrogates.
BAD_TEXT_CHARS = (r"\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2060-\u2069"
                  r"\ufeff")
#: The same for long text (notes), which may hold tabs and line breaks (and the separators and
#: joiners that come with pasted prose).
BAD_NOTE_CHARS = (r"\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e"
                  r"\u2066-\u2069\ufeff")


# --- field types -------------------------------------------------------------------------------

@dataclass(frozen=True)
class Text:
    description: str = ""
    pattern: str | None = None
    long: bool = False  # notes may hold line breaks and tabs
    example: str = ""
    max_length: int = MAX_NAME
    regex: re.Pattern[str] | None = field(init=False, repr=False, compare=False)
    """`pattern`, compiled once with the spec."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "regex", re.compile(self.pattern) if self.pattern else None)

    @property
    def limit(self) -> int:
        return MAX_NOTE if self.long and self.max_length == MAX_NAME else self.max_length


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
    regex: re.Pattern[str] = field(init=False, repr=False, compare=False)
    """`pattern`, compiled once with the spec."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "regex", re.compile(self.pattern))


@dataclass(frozen=True)
class Int:
    minimum: int = 0
    maximum: int = 10**9
    description: str = ""


@dataclass(frozen=True)
class Number:
    minimum: float = 0.0
    maximum: float = 1e9
    description: str = ""


@dataclass(frozen=True)
class Date:
    description: str = "a date as precise as the source: YYYY, YYYY-MM or YYYY-MM-DD"


@dataclass(frozen=True)
class Const:
    """One of a few whole numbers (the format version)."""

    values: tuple[int, ...]


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
    #: field -> (the field it needs when given, why): `population` needs `population_as_of`
    needs: dict[str, tuple[str, str]] = field(default_factory=dict)


@dataclass(frozen=True)
class Shapes:
    """A value that may take several shapes, chosen by the node: a single value (`scalar`),
    a list or a mapping. A shape left as None is not allowed."""

    scalar: Any = None
    list: Any = None
    mapping: Any = None
    description: str = ""

    def allowed(self) -> str:
        names = {"scalar": self.scalar, "list": self.list, "mapping": self.mapping}
        return " or ".join(_SHAPE_WORDS[k] for k, v in names.items() if v is not None)


_SHAPE_WORDS = {"scalar": "a single value", "list": "a list", "mapping": "a mapping"}


@dataclass(frozen=True)
class Quantity:
    """A number the analyses compute with, and what it rests on.

    - a plain number: documented (the record's sources give it; under a target's `estimate`
      it is an estimate of that assumption);
    - `{assume: ID}` or `{assume: ID.name}`: the value, low and high of an assumption;
    - `{value: N, low: L, high: H, assume: ID}`: an estimate of its own, for the reason ID;
    - `{value: N, sources: [...]}`: documented by these sources (with a range if they give one).
    Left out, the quantity is unknown: never read as 0.
    """

    number: Number
    description: str = ""
    fields: dict[str, Any] = field(default_factory=dict)

    @property
    def mapping(self) -> Obj:
        bounded = Number(self.number.minimum, self.number.maximum)
        return Obj({"value": bounded, "low": bounded, "high": bounded,
                    "assume": Text("an assumption id, or ID.name for one of its values",
                                   pattern=r"^[a-z0-9][a-z0-9-]*(\.[a-z0-9_-]+)?$"),
                    "sources": List(Ref(("source",))), "note": Text("free text", long=True)},
                   description=self.description)


# --- the format --------------------------------------------------------------------------------

SOURCES = List(Ref(("source",)), min_items=1, description="ids of the sources behind this record",
               empty_code="E018")
NAME = Text("a human-readable name")
NOTE = Text("free text", long=True)
URL = Text("web address", pattern=URL_PATTERN, max_length=2_000)
PERIOD = Obj({"from": Date(), "to": Date()}, description="active period; either end may be open")
LABELS = Dict(Vocab(LANGUAGES), Text(), required_keys=("en",), description="label by language")
PERSONS = List(List(Ref(("role",)), min_items=1), min_items=1,
               description="groups of roles; each group is held by one person")
ACTOR_LIST = List(Ref(("actor",)))
ONE_OR_MORE_ACTORS = Shapes(scalar=Ref(("actor",)), list=List(Ref(("actor",)), min_items=1))
ONE_OR_MORE_NETWORKS = Shapes(scalar=Ref(("network",)), list=List(Ref(("network",)), min_items=1))

DATASET = Obj({
    "name": NAME, "as_of": Date("the day the data describes: when it was collected"),
    "description": NOTE, "sources": List(Ref(("source",))),
    "survey_rule": Text("how survey answers stand in for the members of a network that did "
                        "not answer: none (the default), or median-N: the median of the answers "
                        "once at least N members answered", pattern=SURVEY_RULE_PATTERN),
}, required=("as_of",), description="about the data set itself")

SOURCE = Obj({
    "id": Id("source", SOURCE_ID_PATTERN), "title": NAME, "url": URL, "publisher": NAME,
    "published": Date(), "note": NOTE,
}, required=("id", "title"))

ASSUMED_MAX = 1e9
"""The largest value an assumption may state (and `--assume` may set)."""
ASSUMED_VALUE = Obj({
    "value": Number(0, ASSUMED_MAX), "low": Number(0, ASSUMED_MAX), "high": Number(0, ASSUMED_MAX),
    "unit": Text("unit, e.g. meetings/year, hours, persons, share"), "note": NOTE,
}, required=("value",), description="a quantity an assumption stands for: central value and "
   "plausible range")

ASSUMPTION = Obj({
    "id": Id("assumption"), "text": NOTE, "sources": SOURCES,
    "values": Dict(Text(pattern=r"^[a-z0-9][a-z0-9_-]*$"), ASSUMED_VALUE,
                   description="the quantities the assumption stands for, by name"),
    "from_findings": List(Vocab(FINDINGS), description="findings of the 2023 evaluation this "
                          "assumption is taken from: results resting on it cannot confirm them"),
}, required=("id", "text", "sources"))

OTHER_NAME = Obj({"name": NAME, "lang": Vocab(NAME_LANGUAGES), "note": NOTE},
                 required=("name",), description="a parallel or other official name")

ACTOR = Obj({
    "id": Id("actor"), "name": NAME, "short_name": NAME,
    "kind": Vocab(ACTOR_KINDS), "level": Vocab(LEVELS), "country": Vocab(COUNTRIES),
    "parent": Ref(("actor",)), "region": Ref(("actor",)), "catchment": Ref(("actor",)),
    "number": Text("official number, e.g. kommunenummer, as a string", pattern=r"^[0-9A-Za-z-]+$",
                   max_length=40),
    "identifiers": Dict(Text(pattern=r"^[a-z][a-z0-9_-]*$"), Text()),
    "population": Int(0, 10**9), "population_as_of": Date(), "count": Int(1, 10**7),
    "period": PERIOD, "successor": Ref(("actor",)), "former_names": List(NAME),
    "other_names": List(OTHER_NAME),
    "url": URL, "note": NOTE, "inferred": NOTE,
    "sources": SOURCES,
}, required=("id", "name", "kind", "level", "country", "sources"),
   needs={"population": ("population_as_of", "the date the figure is for")})

AREA = Obj({"id": Id("area"), "labels": LABELS, "group": Text(pattern=ID_PATTERN),
            "broader": List(Ref(("area",)), description="areas this one is part of: a mandate "
                            "for a broader area meets this one"),
            "note": NOTE, "sources": SOURCES}, required=("id", "labels", "sources"))

ROLE = Obj({"id": Id("role"), "labels": LABELS, "anchor": Vocab(ANCHORS),
            "country": Vocab(COUNTRIES), "note": NOTE, "sources": SOURCES},
           required=("id", "labels", "sources"))

MEETINGS = Quantity(Number(0, 366), "meetings a year")
HOURS = Quantity(Number(0, 24), "hours a meeting, preparation included")

STAFFING = Obj({
    "assumption": Ref(("assumption",)),
    "capacity_hours_per_year": Quantity(Number(0, 8_784), "coordination hours one person can "
                                        "give a year"),
    "capacity_assumption": Ref(("assumption",)),
    "rules": List(Obj({"max_population": Quantity(Number(0, 10**9), "inhabitants"),
                       "persons": PERSONS}, required=("persons",)), min_items=1),
    "overrides": Dict(Ref(("actor",)), PERSONS),
}, required=("assumption", "rules"))

TARGET = Obj({
    "role": Ref(("role",)), "meetings_per_year": MEETINGS, "hours_per_meeting": HOURS,
    "estimate": Ref(("assumption",)),
    "asks": Vocab(ASKS, "whom the meetings ask: one person in each member (member), a post the "
                  "network holds itself (network), or `seats` persons shared by the members"),
    "seats": Int(1, 10**6), "note": NOTE, "sources": List(Ref(("source",))),
}, required=("role",))

FUNDING = Obj({
    "source": Ref(("actor",)), "scheme": NAME,
    "grant": Text("an id of this grant or application: each is a funding and reporting line of "
                  "its own", pattern=ID_PATTERN, max_length=MAX_ID),
    "status": Vocab(FUNDING_STATUS), "period": PERIOD,
    "amount": Obj({"value": Number(0, 1e13), "currency": Vocab(CURRENCIES)},
                  required=("value", "currency")),
    "reports_to": Ref(("actor", "network")),
    "note": NOTE, "sources": List(Ref(("source",))),
}, required=("source",))

HOST = Obj({"actor": Ref(("actor",)), "from": Date(), "to": Date(), "note": NOTE,
            "sources": List(Ref(("source",)))}, required=("actor",))

PARTICIPATION = Obj({
    "count": Int(0, 10**7), "of": Int(1, 10**7), "members": ACTOR_LIST,
    "as_of": Date(), "from": Date(), "to": Date(),
    "estimate": Ref(("assumption",)), "note": NOTE, "sources": List(Ref(("source",))),
}, description="who of the organisations reached take part: a documented count, or a list")

COVERAGE = Shapes(
    list=ACTOR_LIST,
    mapping=Obj({"region": ONE_OR_MORE_ACTORS, "catchment": ONE_OR_MORE_ACTORS,
                 "members_of": ONE_OR_MORE_NETWORKS, "country": Vocab(COUNTRIES),
                 "kind": Vocab(ACTOR_KINDS), "except": ACTOR_LIST, "include": ACTOR_LIST,
                 "count": Int(0, 10**7), "inferred": NOTE}),
    description="the organisations a network reaches: a list of actor ids or a selector",
)

NETWORK = Obj({
    "id": Id("network"), "name": NAME, "short_name": NAME,
    "kind": Vocab(NETWORK_KINDS), "level": Vocab(LEVELS), "country": Vocab(COUNTRIES),
    "host": Shapes(scalar=Ref(("actor",)), list=List(HOST, min_items=1),
                   description="the hosting actor, or hosts with their periods"),
    "parent": Ref(("network",)),
    "successor": Ref(("network",)), "predecessors": List(Ref(("network",))),
    "participants": List(Ref(("actor", "network"))),
    "coverage": COVERAGE,
    "participation": Shapes(mapping=PARTICIPATION, list=List(PARTICIPATION, min_items=1)),
    "areas": List(Ref(("area",)), min_items=1), "tasks": List(Vocab(TASKS), min_items=1),
    "targets": List(TARGET), "funding": List(FUNDING),
    "reports_to": List(Ref(("actor", "network"))), "steered_by": List(Ref(("actor", "network"))),
    "period": PERIOD, "url": URL, "note": NOTE, "inferred": NOTE, "sources": SOURCES,
}, required=("id", "name", "kind", "level", "country", "coverage", "areas", "tasks", "sources"))

RELATION = Obj({
    "id": Id("relation"), "kind": Vocab(RELATION_KINDS),
    "from": Ref(("actor", "network")), "to": List(Ref(("actor", "network")), min_items=1),
    "about": NOTE, "period": PERIOD, "note": NOTE, "sources": SOURCES,
}, required=("kind", "from", "to", "sources"),
   description="a cooperation, a mandate given, an agreement, ownership or an evaluation")

OBSERVATION = Obj({
    "id": Id("observation"),
    "organisation": Ref(("actor",), "the organisation that answered"),
    "network": Ref(("network",), "the network the answer is about"),
    "role": Ref(("role",), "the role the network asks for time"),
    "period": Obj({"from": Date(), "to": Date()}, required=("from", "to"),
                  description="the months the answer covers: the 12 months before it was given"),
    "answered": Date("the day the answer was given"),
    "takes_part": Vocab(TAKES_PART, "does the organisation take part: yes, no or partly"),
    "meetings_per_year": Int(0, 366, "meetings in the period"),
    "hours_per_meeting": Number(0, 24, "typical hours a meeting, preparation included"),
    "roles_held": List(Ref(("role",)), description="roles the person who takes part also holds"),
    "roles_held_other": Text("roles held together as the respondent wrote them, where they name "
                             "no role of the data", long=True),
    "respondent_role": Text("the respondent's role, never a personal name"),
    "role_not_targeted": Text("why the answer concerns a role the network does not target (the "
                              "answer says it asks that role anyway)", long=True),
    "note": NOTE, "sources": SOURCES,
}, required=("id", "organisation", "network", "role", "period", "takes_part", "sources"),
   description="a survey answer: what one organisation says a network asks of one role")

FILE = Obj({
    "schema_version": Const(SCHEMA_VERSIONS), "dataset": DATASET,
    "sources": List(SOURCE), "assumptions": List(ASSUMPTION), "actors": List(ACTOR),
    "areas": List(AREA), "roles": List(ROLE), "staffing": STAFFING, "networks": List(NETWORK),
    "relations": List(RELATION), "observations": List(OBSERVATION),
}, required=("schema_version",))

#: Top-level lists whose items are records with an `id`, and the kind of that id.
RECORD_LISTS = {"sources": "source", "assumptions": "assumption", "actors": "actor",
                "areas": "area", "roles": "role", "networks": "network", "relations": "relation",
                "observations": "observation"}
