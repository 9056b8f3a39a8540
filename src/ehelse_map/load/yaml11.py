"""What YAML 1.1 tools would make of a plain scalar, so we can warn before they misread it."""

from __future__ import annotations

import re
from typing import TypeVar

# The implicit resolvers of YAML 1.1 (as PyYAML applies them, plus the spec's y/n), written out
# here because we never let PyYAML resolve anything itself.
TRUE_WORDS = frozenset(["yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON", "y", "Y"])
FALSE_WORDS = frozenset(["no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF", "n", "N"])
BOOL_WORDS = TRUE_WORDS | FALSE_WORDS
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
    if text in BOOL_WORDS:
        return "bool"
    if _INT.match(text):
        return "int"
    if _FLOAT.match(text):
        return "float"
    if _TIMESTAMP.match(text):
        return "timestamp"
    return None


NUMBER_START = frozenset("0123456789+-.")
#: Longer digit strings are not converted at all: no count in the data has that many digits,
#: and converting them costs time that grows faster than their length (Python refuses over
#: 4,300 digits; base 60 `1:1:1...` grows quadratically).
MAX_DIGITS = 32


def misread(text: str) -> bool:
    """True when YAML 1.1 tools read this plain scalar as a bool, number or date, not text.

    A cheap first test (a set lookup and the first character) keeps this off the hot path for
    the usual names and ids.
    """
    if text in BOOL_WORDS:
        return True
    return text[:1] in NUMBER_START and yaml11_type(text) not in (None, "null")


def yaml11_number(text: str) -> int | float | None:
    """The number YAML 1.1 tools make of a plain scalar (`0150` is octal 104), or None (also
    for text longer than MAX_DIGITS: what other tools make of it is "a number", no more)."""
    if len(text) > MAX_DIGITS:
        return None
    kind = yaml11_type(text)
    if kind not in ("int", "float"):
        return None
    digits = text.replace("_", "")
    sign = -1 if digits[:1] == "-" else 1
    digits = digits.lstrip("+-")
    if kind == "float":
        if digits.lower() in (".inf", ".nan"):
            return float(digits.lower()[1:]) * sign
        if ":" in digits:  # sexagesimal, 1:30.5
            return sign * _base60(digits, float)
        return sign * float(digits)
    if digits.startswith("0b"):
        return sign * int(digits[2:] or "0", 2)
    if digits.startswith("0x"):
        return sign * int(digits[2:] or "0", 16)
    if ":" in digits:
        return sign * _base60(digits, int)
    if len(digits) > 1 and digits[0] == "0":
        return sign * int(digits, 8)
    return sign * int(digits)


_Number = TypeVar("_Number", int, float)


def _base60(digits: str, kind: type[_Number]) -> _Number:
    value = kind(0)
    for part in digits.split(":"):
        value = value * 60 + kind(part or "0")
    return value


def yaml11_reading(text: str) -> str | None:
    """How other YAML tools would read a plain scalar, in words, or None when as text."""
    kind = yaml11_type(text)
    if kind == "bool":
        return "the boolean " + ("true" if text in TRUE_WORDS else "false")
    if kind in ("int", "float"):
        number = yaml11_number(text)
        if number is None:
            return "a number"
        if number != number:
            return "the number NaN"
        if number in (float("inf"), float("-inf")):
            return "the number " + ("-" if number < 0 else "") + "infinity"
        return f"the number {number:g}" if isinstance(number, float) else f"the number {number}"
    if kind == "timestamp":
        return "a date"
    return None


_PLAIN_INT = re.compile(r"^[-+]?[0-9][0-9_]*$")
_PLAIN_FLOAT = re.compile(r"^[-+]?(?:[0-9][0-9_]*)?(?:\.[0-9_]+)?(?:[eE][-+]?[0-9]+)?$")


def to_int(text: str) -> int | None:
    """A whole number written in decimal (`0150` is 150 here, never octal); None otherwise."""
    if len(text) > MAX_DIGITS or not _PLAIN_INT.match(text):
        return None
    return int(text.replace("_", ""))


def to_number(text: str) -> float | None:
    """A decimal number (`1.5`, `2e3`); None otherwise, and for text over MAX_DIGITS."""
    if not text or len(text) > MAX_DIGITS or not _PLAIN_FLOAT.match(text) or text in ("+", "-", "."):
        return None
    try:
        return float(text.replace("_", ""))
    except ValueError:
        return None
