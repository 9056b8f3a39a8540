"""How tables name the records they show: by id, or by name.

Terminal tables and CSV show ids, which people copy into the next command; documents (the
report in HTML, Markdown and Word) show short names, which readers know. JSON always keeps the
ids. A table function takes a `Names` and asks it for every actor, network, role and area it
shows; `IDS` gives the ids back unchanged.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ehelse_map.model.records import Dataset


@dataclass(frozen=True)
class Names:
    dataset: Dataset | None = None
    """None: every record is shown by its id."""
    lang: str = "en"

    def record(self, ident: str) -> str:
        """An actor's or a network's short name (else its name); the id when unknown."""
        if self.dataset is None:
            return ident
        found = self.dataset.networks.get(ident) or self.dataset.actors.get(ident)
        return (found.short_name or found.name) if found is not None else ident

    def records(self, idents: tuple[str, ...] | list[str]) -> str:
        return ", ".join(self.record(i) for i in idents)

    def role(self, ident: str) -> str:
        if self.dataset is None or ident not in self.dataset.roles:
            return ident
        return self.dataset.roles[ident].label(self.lang)

    def area(self, ident: str) -> str:
        if self.dataset is None or ident not in self.dataset.areas:
            return ident
        return self.dataset.areas[ident].label(self.lang)

    def line(self, line: str) -> str:
        """A reporting line, `body` or `body (grant)`, with the body named."""
        body, _, grant = line.partition(" (")
        return self.record(body) + (f" ({grant}" if grant else "")

    @property
    def by_name(self) -> bool:
        return self.dataset is not None


IDS = Names()
