"""What every plan has: title, subtitle, the caption's sentences, and the names from the data the
picture may draw (so the build can warn once about characters no font has)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ehelse_map.model.records import Actor, Area, Network, Role
from ehelse_map.render.diagrams.style import INFERRED_MARK, display_name, owner


@dataclass(frozen=True)
class Frame:
    title: str
    subtitle: str
    caption: tuple[str, ...]
    """The caption's sentences in order, unwrapped (the layout wraps them to its width)."""
    names: tuple[tuple[str, str], ...] = ()
    """(owner, text) of every name from the data the picture may draw."""
    lang: str = "en"
    """The language of the picture's own words."""


def names_of(records: Iterable[Actor | Network | Area | Role], lang: str = "en"
             ) -> tuple[tuple[str, str], ...]:
    """(owner, drawn name) of each record, once each, in order."""
    found: dict[str, str] = {}
    for record in records:
        if isinstance(record, (Area, Role)):
            found.setdefault(owner(record), record.label(lang))
        else:
            found.setdefault(owner(record), display_name(record))
    return tuple(found.items())


def is_inferred(record: Actor | Network) -> bool:
    """Part of the record is an inference (its own `inferred`, or its coverage's)."""
    if isinstance(record, Network):
        return bool(record.inferred or record.coverage.inferred)
    return bool(record.inferred)


def marked(name: str, inferred: bool) -> str:
    """The name with the inferred mark (†) when part of its record is an inference."""
    return f"{name}\u00a0{INFERRED_MARK}" if inferred else name  # never wrapped apart
