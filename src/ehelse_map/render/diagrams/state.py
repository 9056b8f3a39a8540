"""Process-wide state of the diagrams package, all of it in this one module.

Nothing else in `ehelse_map.render.diagrams` keeps a flag or a registry at module or class level;
what lives for the run of the process is here, named, and reset by tests through this module:

- `AGG_TEXT`: whether PNG text goes through `layout.agg_text`'s whole-line path. It relies on
  private matplotlib internals, so it is checked once, on first use, and any failure then or
  later switches it off for the rest of the run (matplotlib's own text path draws instead);
- `WARNED`: the owners ("network 'x'") already told on stderr that no font has some of their
  characters (once per run each);
- `MEASURER`: the one text measurer (`layout.sheet.sheet_measurer`), kept because measuring is
  the slow part of laying out text.

Pure caches of functions of the installed fonts (`glyphs.families`, `glyphs.font_files`, the
character classes) stay beside their functions: they never change what a run does.

A process-wide module, `ehelse_map/runtime.py`, is being added for the whole program; when it
lands this state moves there. Until then it stays inside the diagrams package.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class AggTextState:
    """The whole-line PNG text path (`layout.agg_text`): unchecked, usable, or off."""

    checked: bool = False
    """The capability check has run (it runs once per process)."""
    usable: bool = False
    """The check passed and nothing has failed since."""
    failure: str | None = None
    """Why it is off: the exception of the check or of the first failed drawing."""

    def switch_off(self, error: BaseException) -> None:
        self.checked = True
        self.usable = False
        if self.failure is None:
            self.failure = f"{type(error).__name__}: {error}"


AGG_TEXT = AggTextState()
WARNED: set[str] = set()


@dataclass
class Shared:
    """Objects built once per process and shared by every diagram."""

    measurer: Any = field(default=None)
    """The `layout.sheet.Measurer` (typed loosely: this module imports nothing of the layout)."""


SHARED = Shared()
