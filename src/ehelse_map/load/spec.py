"""The data format, declared once: it drives validation (`check_file.check`) and the JSON Schema
(`json_schema`).

A spec is a small tree of the field types below; `FILE` is the spec of a data file.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ehelse_map.load.vocab import (
    ACTOR_KINDS,
    ANCHORS,
    COUNTRIES,
    ID_PATTERN,
    LANGUAGES,
    LEVELS,
    NETWORK_KINDS,
    SOURCE_ID_PATTERN,
    TASKS,
    URL_PATTERN,
)

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
