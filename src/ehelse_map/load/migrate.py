"""From format version 1 to version 2: a change of the version number, nothing else.

Version 2 only adds to version 1, so a version 1 file means the same in version 2; migrating
rewrites the `schema_version` value in place and keeps every comment, quote and line as the
user wrote them.
"""

from __future__ import annotations

from ehelse_map.load.limits import Limits
from ehelse_map.load.vocab import SCHEMA_VERSIONS
from ehelse_map.load.yaml_tree import Mapping, Scalar, parse

LATEST = SCHEMA_VERSIONS[-1]


class MigrateError(ValueError):
    """The file cannot be migrated: not YAML, or no schema_version we know."""


def migrate_text(text: str, display: str, limits: Limits = Limits()) -> str | None:
    """The text with its `schema_version` set to the latest version, or None when it already
    is. Raises MigrateError when the file has no schema_version this version reads."""
    root, problems = parse(text, display, limits)
    if root is None or not isinstance(root, Mapping):
        first = problems[0] if problems else None
        raise MigrateError(f"{first}" if first else f"{display}: not a YAML mapping")
    node = root.items.get("schema_version")
    if not isinstance(node, Scalar) or node.value not in {str(v) for v in SCHEMA_VERSIONS}:
        raise MigrateError(f"{display}: no schema_version of {' or '.join(map(str, SCHEMA_VERSIONS))}")
    if node.value == str(LATEST):
        return None
    lines = text.split("\n")
    line = lines[node.line - 1]
    start = node.column - 1
    quote = line[start] if line[start:start + 1] in ("'", '"') else ""
    end = start + len(quote) * 2 + len(node.value)
    if line[start + len(quote):end - len(quote)] != node.value:
        raise MigrateError(f"{display}:{node.line}:{node.column}: schema_version is not on "
                           "one line; change it by hand")
    lines[node.line - 1] = line[:start] + quote + str(LATEST) + quote + line[end:]
    return "\n".join(lines)
