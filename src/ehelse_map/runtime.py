"""Process-wide state: everything ehelse-map changes that outlives one function call.

Everything else in the package is functions of their arguments; what would otherwise be hidden
global state is here, each with why it is worth it and what it was measured to save
(figures from `bench/README.md` and the commits that made each change). Nothing here is
needed for correct results: without any of it the commands print the same, only slower or,
for circlify, noisier.

The cyclic garbage collector
    A command lives for seconds and then exits. Reference counting frees everything that is
    not in a cycle; the collector's passes walk every live object and, while a command starts
    and loads its data, find nothing to free.

    - `collector_off_for_start_up` (the console entry point, `cli.run`): no collections while
      the modules are imported and the data set is loaded. Measured in 9 interleaved rounds:
      `diagram landscape` on the bundled data 1.29 s -> 1.10 s CPU; at ten times Nordic scale
      `burden` 4.3 -> 3.3 s and `overlap` 2.7 -> 2.3 s.
    - `collector_on_with_data_frozen` (`cli.options.load`, once the data set is loaded): the
      data set lives until exit, so it is frozen (collections no longer walk it) and the
      collector is turned back on for what the command makes. With the collector off
      throughout, `report` at 30 times Nordic scale peaked at 807 MB instead of 523 MB; with the
      freeze, `report` at N=10 peaks at 290 MB instead of 356 MB for about 10% more time, and
      the bundled data's landscape keeps its time (1.015 s vs 1.027 s CPU). It does nothing
      when the collector is on: the library and in-process callers (tests) keep their settings.
    - `collector_paused` (the YAML tree builder and the checker, `load/`): a pause around
      building trees that hold no cycles. With millions of live nodes each collection walked
      all of them: 25 s -> 10 s CPU to load a 27 MB data set. The library gets this too.

circlify, imported without pyplot (`import_circlify`)
    circlify imports `matplotlib.pyplot` for a debugging helper whenever it can: half a second
    of start-up and pyplot's global figure state, which the diagrams never use (they draw on
    `Figure` objects directly). pyplot is hidden from that one import, then restored. circlify's
    logger also writes its warnings to stdout, which belongs to the command's result; it is
    set to errors only.

Not here, because they are not process-wide: matplotlib's rcParams are set for one diagram and
restored (`render/diagrams/style.diagram_context`); text is measured by one `Measurer` per
diagram; the PNG text renderer falls back to matplotlib's drawing per renderer; the checker's
patterns are compiled by the specs that declare them (`load/spec.py`); `cli.app` builds the
typer application when asked. The data-set cache lives on disk (`model/cache.py`).
`tests/test_runtime.py` fails when another module changes process-wide state.
"""

from __future__ import annotations

import gc
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

# --- the cyclic garbage collector --------------------------------------------------------------


def collector_off_for_start_up() -> None:
    """Turn the cyclic collector off while a console command starts and loads its data."""
    gc.disable()


def collector_on_with_data_frozen() -> None:
    """After the data set is loaded: freeze what is alive (the data) and turn the collector
    back on. Only when it is off (the console entry point turned it off)."""
    if not gc.isenabled():
        gc.freeze()
        gc.enable()


@contextmanager
def collector_paused() -> Iterator[None]:
    """No collections inside the block; the collector is on again afterwards if it was on."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


# --- circlify ----------------------------------------------------------------------------------


def import_circlify() -> Any:
    """The circlify module, imported without matplotlib.pyplot and with a quiet logger."""
    if "circlify" not in sys.modules:
        import logging

        blocked = "matplotlib.pyplot" not in sys.modules
        if blocked:
            sys.modules["matplotlib.pyplot"] = None  # type: ignore[assignment]  # import fails
        try:
            import circlify  # noqa: F401
        finally:
            if blocked:
                del sys.modules["matplotlib.pyplot"]
        logging.getLogger("circlify").setLevel(logging.ERROR)
    return sys.modules["circlify"]
