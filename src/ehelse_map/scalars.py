"""What YAML 1.1 tools would make of a plain scalar, so we can warn before they misread it."""

from __future__ import annotations

import re

# The implicit resolvers of YAML 1.1 (as PyYAML applies them), written out here because we
# never let PyYAML resolve anything itself.
_BOOL = re.compile(r"^(?:yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF|y|Y|n|N)$")
_INT = re.compile(r"""^(?:[-+]?0b[0-1_]+
    |[-+]?0[0-7_]+
    |[-+]?(?:0|[1-9][0-9_]*)
    |[-+]?0x[0-9a-fA-F_]+
    |[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+)$""", re.X)
_FLOAT = re.compile(r"""^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?
    |\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?
    |[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*
    |[-+]?\.(?:inf|Inf|INF)
    |\.(?:nan|NaN|NAN))$""", re.X)
_TIMESTAMP = re.compile(r"""^(?:[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]
    |[0-9][0-9][0-9][0-9]-[0-9][0-9]?-[0-9][0-9]?
     (?:[Tt]|[ \t]+)[0-9][0-9]?:[0-9][0-9]:[0-9][0-9](?:\.[0-9]*)?
     (?:[ \t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?)$""", re.X)
_NULL = re.compile(r"^(?:~|null|Null|NULL|)$")


def yaml11_type(text: str) -> str | None:
    """'bool', 'int', 'float', 'timestamp' or 'null' when YAML 1.1 would resolve it so."""
    if _NULL.match(text):
        return "null"
    if _BOOL.match(text):
        return "bool"
    if _INT.match(text):
        return "int"
    if _FLOAT.match(text):
        return "float"
    if _TIMESTAMP.match(text):
        return "timestamp"
    return None


_PLAIN_INT = re.compile(r"^[-+]?[0-9][0-9_]*$")
_PLAIN_FLOAT = re.compile(r"^[-+]?(?:[0-9][0-9_]*)?(?:\.[0-9_]+)?(?:[eE][-+]?[0-9]+)?$")


def to_int(text: str) -> int | None:
    """A whole number written in decimal (`0150` is 150 here, never octal); None otherwise."""
    if not _PLAIN_INT.match(text):
        return None
    return int(text.replace("_", ""))


def to_number(text: str) -> float | None:
    if not text or not _PLAIN_FLOAT.match(text) or text in ("+", "-", "."):
        return None
    try:
        return float(text.replace("_", ""))
    except ValueError:
        return None
