"""The JSON Schema of the data files, generated from the one format spec in `spec.py`.

Editors use it through `# yaml-language-server: $schema=...`. It describes the shape exactly
as `validate` reads it: a field that is not required may be null (validate reads null as
absent), text has its length limits and never holds the control, zero-width or bidi characters
validate refuses, ids and references are slugs, dates are real days, numbers have their
ranges, and a field that needs another (`population` needs `population_as_of`) says so.

What a schema of one file cannot say is checked by `ehelse-map validate` only: whether a
reference resolves, duplicate ids and keys, the order of a period's ends, rules across records
(coverage, seats, succession), and what YAML 1.1 tools would make of an unquoted scalar.
tests/test_schema_agreement.py runs every bad-input case through both and lists those classes.

Patterns are written for ECMA-262 and Python's `re` alike (`\\uXXXX` escapes, lookaheads).
"""

from __future__ import annotations

from typing import Any

from ehelse_map.load import spec as s
from ehelse_map.load.vocab import ID_PATTERN, SCHEMA_VERSIONS, SOURCE_ID_PATTERN

SCHEMA_ID = "https://ehelse-map.invalid/schema/v2/{name}.schema.json"
#: The usual layout of a data set: which top-level keys each file holds. Either file may hold
#: any of them (ids are unique across both), so each file's schema allows every key; the
#: layout only orders the properties.
LAYOUT = {
    "actors": ("dataset", "sources", "assumptions", "actors", "relations"),
    "networks": ("areas", "roles", "staffing", "networks"),
    "observations": ("sources", "observations"),
}
NAMES = (*LAYOUT, "data")


def _nullable(schema: dict[str, Any]) -> dict[str, Any]:
    return {"anyOf": [schema, {"type": "null"}]}


def _text_pattern(spec: s.Text) -> str:
    """Text as validate takes it: none of the characters it refuses, not blank, and the
    field's own pattern. A pattern that lists the characters it allows needs nothing more;
    one with `\\S` (a web address) gets a lookahead that refuses the rest."""
    bad = s.BAD_NOTE_CHARS if spec.long else s.BAD_TEXT_CHARS
    if spec.pattern is None:
        return rf"^(?=\s*\S)[^{bad}]*$"
    if "\\S" in spec.pattern:
        return rf"^(?![\s\S]*[{bad}])" + spec.pattern
    return spec.pattern


def _ref_pattern(spec: s.Ref) -> str:
    """A reference can only resolve to an id, so it has the pattern of the ids it refers to."""
    return SOURCE_ID_PATTERN if spec.kinds == ("source",) else ID_PATTERN


#: Dates as `FuzzyDate.parse` takes them: YYYY, YYYY-MM or YYYY-MM-DD, no year 0, months 1-12,
#: days that exist in their month, 29 February in leap years only.
_YEAR = "(?!0000)[0-9]{4}"
_LEAP = "(?:[0-9]{2}(?:0[48]|[2468][048]|[13579][26])|(?:0[48]|[2468][048]|[13579][26])00)"
_DAY = ("(?:(?:0[13578]|1[02])-(?:0[1-9]|[12][0-9]|3[01])|(?:0[469]|11)-(?:0[1-9]|[12][0-9]|30)"
        "|02-(?:0[1-9]|1[0-9]|2[0-8]))")
DATE_PATTERN = f"^(?:{_YEAR}(?:-(?:0[1-9]|1[0-2]))?|{_YEAR}-{_DAY}|{_LEAP}-02-29)$"


def _convert(spec: Any) -> dict[str, Any]:
    out: dict[str, Any]
    if isinstance(spec, s.Text):
        out = {"type": "string", "maxLength": spec.limit, "pattern": _text_pattern(spec)}
    elif isinstance(spec, s.Id):
        out = {"type": "string", "pattern": spec.pattern, "maxLength": s.MAX_ID}
    elif isinstance(spec, s.Ref):
        out = {"type": "string", "pattern": _ref_pattern(spec), "maxLength": s.MAX_ID,
               "description": "id of a " + " or ".join(spec.kinds)}
    elif isinstance(spec, s.Vocab):
        out = {"type": "string", "enum": list(spec.choices)}
    elif isinstance(spec, s.Int):
        out = {"type": "integer", "minimum": spec.minimum, "maximum": spec.maximum}
    elif isinstance(spec, s.Number):
        out = {"type": "number", "minimum": spec.minimum, "maximum": spec.maximum}
    elif isinstance(spec, s.Date):
        out = {"type": "string", "pattern": DATE_PATTERN}
    elif isinstance(spec, s.Const):
        out = {"enum": list(spec.values)}
    elif isinstance(spec, s.List):
        out = {"type": "array", "items": _convert(spec.item)}  # items are never null
        if spec.min_items:
            out["minItems"] = spec.min_items
    elif isinstance(spec, s.Dict):
        out = {"type": "object", "additionalProperties": _convert(spec.value)}
        if isinstance(spec.key, s.Vocab):
            out["propertyNames"] = {"enum": list(spec.key.choices)}
        elif isinstance(spec.key, s.Text):
            out["propertyNames"] = {"pattern": _text_pattern(spec.key)}
        elif isinstance(spec.key, s.Ref):
            out["propertyNames"] = {"pattern": _ref_pattern(spec.key)}
        if spec.required_keys:
            out["required"] = list(spec.required_keys)
    elif isinstance(spec, s.Obj):
        out = {"type": "object", "properties": {
            k: _convert(v) if k in spec.required else _nullable(_convert(v))
            for k, v in spec.fields.items()}, "additionalProperties": False}
        if spec.required:
            out["required"] = list(spec.required)
        needs = [{"if": {"properties": {name: {"not": {"type": "null"}}}, "required": [name]},
                  "then": {"required": [needed]}, "description": f"{name} needs {needed} ({why})"}
                 for name, (needed, why) in spec.needs.items()]
        if needs:
            out["allOf"] = needs
    elif isinstance(spec, s.Shapes):
        out = {"anyOf": [_convert(shape) for shape in (spec.scalar, spec.list, spec.mapping)
                         if shape is not None]}
    elif isinstance(spec, s.Quantity):
        out = {"anyOf": [_convert(spec.number), _convert(spec.mapping)]}
    else:  # pragma: no cover - a new spec type without a conversion is a programming error
        raise TypeError(f"no JSON Schema for {spec!r}")
    description = getattr(spec, "description", "")
    if description and "description" not in out:
        out["description"] = description
    return out


def json_schema(name: str = "data") -> dict[str, Any]:
    """The schema of `actors.yaml`, `networks.yaml` or `observations.yaml`; `data` (the
    default) checks any of them.

    Every file may hold every top-level key, so the three differ only in title and in the order
    of their properties; each checks a whole file, never a part of one.
    """
    if name not in NAMES:
        raise ValueError(f"no schema '{name}'; choose one of {', '.join(NAMES)}")
    order = [*LAYOUT.get(name, ()), *(k for k in s.FILE.fields if k != "schema_version")]
    keys = list(dict.fromkeys(order))
    title = "an ehelse-map data file" if name == "data" else f"ehelse-map {name}.yaml"
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID.format(name=name),
        "title": f"{title}, format version {SCHEMA_VERSIONS[-1]}",
        "type": "object",
        "properties": {"schema_version": {"enum": list(SCHEMA_VERSIONS)},
                       **{k: _nullable(_convert(s.FILE.fields[k])) for k in keys}},
        "required": ["schema_version"],
        "additionalProperties": False,
    }


def json_schemas() -> dict[str, Any]:
    return {name: json_schema(name) for name in NAMES}
