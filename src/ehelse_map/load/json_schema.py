"""The JSON Schema of the data files, generated from the one format spec in `schema.py`.

Editors use it through `# yaml-language-server: $schema=...`. It describes the shape; references
between records are checked by `ehelse-map validate` only.
"""

from __future__ import annotations

from typing import Any

from ehelse_map.load import spec as s

SCHEMA_ID = "https://ehelse-map.invalid/schema/v1/{name}.schema.json"
_FILES = {
    "actors": ("sources", "assumptions", "actors"),
    "networks": ("areas", "roles", "staffing", "networks"),
}


def _convert(spec: Any) -> dict[str, Any]:
    if isinstance(spec, s.Text):
        out: dict[str, Any] = {"type": "string"}
        if spec.pattern:
            out["pattern"] = spec.pattern
    elif isinstance(spec, s.Id):
        out = {"type": "string", "pattern": spec.pattern}
    elif isinstance(spec, s.Ref):
        out = {"type": "string", "description": "id of a " + " or ".join(spec.kinds)}
    elif isinstance(spec, s.Vocab):
        out = {"type": "string", "enum": list(spec.choices)}
    elif isinstance(spec, s.Int):
        out = {"type": "integer", "minimum": spec.minimum}
    elif isinstance(spec, s.Number):
        out = {"type": "number", "minimum": spec.minimum}
    elif isinstance(spec, s.Date):
        out = {"type": "string", "pattern": r"^\d{4}(-\d{2}(-\d{2})?)?$"}
    elif isinstance(spec, s.Const):
        out = {"const": spec.value}
    elif isinstance(spec, s.List):
        out = {"type": "array", "items": _convert(spec.item)}
        if spec.min_items:
            out["minItems"] = spec.min_items
    elif isinstance(spec, s.Dict):
        out = {"type": "object", "additionalProperties": _convert(spec.value)}
        if isinstance(spec.key, s.Vocab):
            out["propertyNames"] = {"enum": list(spec.key.choices)}
        if spec.required_keys:
            out["required"] = list(spec.required_keys)
    elif isinstance(spec, s.Obj):
        out = {"type": "object", "properties": {k: _convert(v) for k, v in spec.fields.items()},
               "additionalProperties": False}
        if spec.required:
            out["required"] = list(spec.required)
    elif isinstance(spec, s.OneOf):
        out = {"oneOf": [_convert(spec.as_list), _convert(spec.as_mapping)]}
    else:  # pragma: no cover - a new spec type without a conversion is a programming error
        raise TypeError(f"no JSON Schema for {spec!r}")
    description = getattr(spec, "description", "")
    if description and "description" not in out:
        out["description"] = description
    return out


def json_schema(name: str) -> dict[str, Any]:
    """The schema of `actors.yaml` or `networks.yaml` (`name` is 'actors' or 'networks')."""
    keys = _FILES[name]
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID.format(name=name),
        "title": f"ehelse-map {name}.yaml, format version 1",
        "type": "object",
        "properties": {"schema_version": {"const": 1},
                       **{k: _convert(s.FILE.fields[k]) for k in keys}},
        "required": ["schema_version"],
        "additionalProperties": False,
    }


def json_schemas() -> dict[str, Any]:
    return {name: json_schema(name) for name in _FILES}
