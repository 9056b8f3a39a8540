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
      Whatever loading leaves in reference cycles would be frozen with the data and kept to
      the end, so the loader leaves none (`tests/test_runtime.py`): the checker's bound
      methods and a recursive closure once kept every checked record and position, 72 MiB
      at ten times Nordic scale (`whatif` peaked at 315 MiB instead of 266). `diff` loads two
      data sets; the first is loaded with `more=True`, so the collector comes back only once
      the second is loaded too.
    - `collector_paused` (the YAML tree builder and the checker, `load/`): a pause around
      building trees that hold no cycles. With millions of live nodes each collection walked
      all of them: 25 s -> 10 s CPU to load a 27 MB data set. The library gets this too.
    - `without_collections` (`burden_views`, `central_loads`, `overlap`, `anchoring`): the same
      pause around analyses that make no cycles. Their results stay alive while the next
      analysis runs, so full collections walked more of them each time: one `burden_views` at
      ten times Nordic scale took 2.4–3.0 s with the collector on against 1.9 s without, and
      `whatif` (two of them) grew 11x from N=1 to N=10 for 10x the data. Analyses that build a
      networkx graph are left alone: the graph's cached views make it a cycle (`anchoring`
      follows edges in `graph.Links`, plain dicts, instead).

circlify, imported without pyplot (`import_circlify`)
    circlify imports `matplotlib.pyplot` for a debugging helper whenever it can: half a second
    of start-up and pyplot's global figure state, which the diagrams never use (they draw on
    `Figure` objects directly). pyplot is hidden from that one import, then restored. circlify's
    logger also writes its warnings to stdout, which belongs to the command's result; it is
    set to errors only.

igraph, imported without matplotlib (`import_igraph`, used by `analyses/brokers.py`)
    igraph's drawing modules import matplotlib and pyplot whenever they are installed: 0.6 s
    and 50 MiB before `brokers` counts anything, for plotting it never does. matplotlib is
    hidden from that one import (when it is not loaded already), then restored; igraph's
    plotting is left unusable in this process, its graph algorithms are not touched. Its
    `Graph()` imports numpy (50 ms, and BLAS threads) only to ask whether the edges it is
    given are an array; `brokers` hands it a list with numpy `unimportable` for that call.

matplotlib, imported without its property lists (`import_matplotlib`, used by
    `render/diagrams/`; switched on by the console entry point, `matplotlib_for_console`)
    When each artist class is defined, matplotlib writes the list of every property it can set,
    with each setter's accepted values read out of its docstring, into that class's `set()`
    docstring (`matplotlib.artist.kwdoc`): a quarter of importing `matplotlib.figure`, about
    0.15 s of every picture's start-up, for text nobody reads in a console command. While the
    figure and the Agg canvas are imported in a console command, `kwdoc` returns a line that
    says so instead; then it is restored. Only docstrings differ: `set()` keeps its signature
    and behaviour, and the pictures are the same bytes. Library callers and tests (no console
    entry point) get matplotlib as it is, and so does a process that had loaded
    `matplotlib.artist` already.

Signal handlers while a file is written (`signals_end_block`, used by `safe_write`)
    SIGTERM, SIGHUP, SIGQUIT (and SIGINT when it is not Python's KeyboardInterrupt) would end
    the process without running any clean-up, leaving a hidden temporary file beside the
    user's. For the few milliseconds of a write they raise an exception instead, so the
    temporary file is removed; then the previous handler is restored and the signal raised
    again, so the run ends as it would have (status 143 on SIGTERM).

Caches of what the machine has (`remembered`, used by `render/diagrams/glyphs.py` and
    `render/diagrams/layout/agg_text.py`)
    The fonts installed and the code points each has a glyph for do not change while a command
    runs; finding them takes matplotlib's font manager and FreeType about 0.2 s per font stack,
    once per process instead of once per label. Whether every installed font is scalable (so
    that a text's size takes no part in choosing its font) is found once too.

Output settings of the run (`OUTPUT`, set by the CLI's callback from `--no-color`,
    `--no-pager` and `--lang`, and by `cli/options.assumed` from `--assume`; read by
    `cli/terminal.py` and `cli/options.language`)
    Global options are given before the command, as in git, and hold for everything it writes;
    passing them through every command and renderer would thread two flags through forty
    signatures for no gain. The assumptions a run changed are named in everything it prints,
    whatever the command, as the last note of a table and an `assumed` list in JSON. The
    library never reads them.

SIGINT while a pager runs (`interrupt_ignored`, used by `cli/terminal.py`)
    Ctrl-C in `less` belongs to the pager, as in git: ehelse-map ignores it until the pager
    has ended, then restores the handler it had.

The diagrams' text (`AGG_TEXT`, `WARNED`; used by `render/diagrams/`)
    - `AGG_TEXT`: whether PNG text goes through `layout.agg_text`'s whole-line path (a third
      of the time of matplotlib's glyph-by-glyph drawing; 0.2 s of a 1.1 s landscape). It
      relies on private matplotlib internals, so it is checked once per process, and any
      failure then or later switches it off for the rest of the run (matplotlib's own text
      path draws instead, and the reason is kept in `AGG_TEXT.failure`).
    - `WARNED`: the owners ("network 'x'") already told on stderr that no font has some of
      their characters: once per run each, not once per picture of a report.

Not here, because they are not process-wide: matplotlib's rcParams are set for one diagram and
restored (`render/diagrams/style.diagram_context`); text is measured by one `Measurer` per
diagram (made inside that context; a fresh one costs no measurable time), and the font files
and heights a PNG's text needs are kept by its canvas's renderer (`layout/agg_text.py`); the checker's
patterns are compiled by the specs that declare them (`load/spec.py`); `cli.app` builds the
typer application when asked. The data-set cache lives on disk (`model/cache.py`).
`tests/test_runtime.py` fails when another module changes process-wide state.
"""

from __future__ import annotations

import contextlib
import errno
import functools
import gc
import signal
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, ParamSpec, TypeVar

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


_P = ParamSpec("_P")
_R = TypeVar("_R")


def without_collections(function: Callable[_P, _R]) -> Callable[_P, _R]:
    """`function` run inside `collector_paused`: for analyses that make hundreds of thousands
    of objects and no reference cycles (`tests/test_runtime.py` checks that they make none)."""

    @functools.wraps(function)
    def run(*args: _P.args, **kwargs: _P.kwargs) -> _R:
        with collector_paused():
            return function(*args, **kwargs)

    return run


# --- circlify ----------------------------------------------------------------------------------


def import_circlify() -> Any:
    """The circlify module, imported without matplotlib.pyplot and with a quiet logger."""
    if "circlify" not in sys.modules:
        import logging

        _import_without("circlify", "matplotlib.pyplot")
        logging.getLogger("circlify").setLevel(logging.ERROR)
    return sys.modules["circlify"]


def import_igraph() -> Any:
    """The igraph module, imported without matplotlib: igraph's drawing modules import
    matplotlib and pyplot whenever they can, which `brokers` never draws with. Where
    matplotlib is loaded already, igraph gets it as it is."""
    if "igraph" not in sys.modules:
        _import_without("igraph", "matplotlib")
    return sys.modules["igraph"]


def _import_without(name: str, hidden: str) -> None:
    """Import `name` while importing `hidden` fails (unless `hidden` is loaded already), then
    leave `hidden` importable again."""
    import importlib

    with unimportable(hidden):
        importlib.import_module(name)


@contextmanager
def unimportable(name: str) -> Iterator[None]:
    """Inside the block, importing module `name` raises ImportError, unless it is loaded
    already; afterwards it is importable again."""
    blocked = name not in sys.modules
    if blocked:
        sys.modules[name] = None  # type: ignore[assignment]  # its import fails
    try:
        yield
    finally:
        if blocked:
            del sys.modules[name]


# --- matplotlib without its property lists -----------------------------------------------------


@dataclass
class MatplotlibImport:
    """How `import_matplotlib` imports matplotlib in this process."""

    brief_docstrings: bool = False
    """A console command: artist classes get a one-line `set()` docstring (runtime.py says why)."""


MATPLOTLIB = MatplotlibImport()
BRIEF_KWDOC = "Properties: see matplotlib.artist.kwdoc (not listed in a console command)."


def matplotlib_for_console() -> None:
    """The console entry point: matplotlib is imported without its property lists."""
    MATPLOTLIB.brief_docstrings = True


def import_matplotlib() -> None:
    """Import `matplotlib.figure` and the Agg canvas (what every picture needs); in a console
    command, without writing each artist class's property list into its docstring."""
    if not MATPLOTLIB.brief_docstrings or "matplotlib.artist" in sys.modules:
        _import_figure_and_canvas()
        return
    import matplotlib.artist as artist

    full = getattr(artist, "kwdoc", None)
    if full is None:  # a matplotlib without it: nothing to skip
        _import_figure_and_canvas()
        return
    artist.kwdoc = _brief_kwdoc
    try:
        _import_figure_and_canvas()
    finally:
        artist.kwdoc = full


def _brief_kwdoc(artist: object) -> str:
    return BRIEF_KWDOC


def _import_figure_and_canvas() -> None:
    import matplotlib.backends.backend_agg
    import matplotlib.figure  # noqa: F401


# --- caches of the machine ----------------------------------------------------------------------

_T = TypeVar("_T")


def remembered(function: Callable[..., _T]) -> Callable[..., _T]:
    """Remember a function's results for the process: for facts of the machine only."""
    return functools.cache(function)


# --- signals while a file is written -------------------------------------------------------------

class _Signalled(BaseException):
    def __init__(self, number: int) -> None:
        super().__init__(number)
        self.number = number


@contextlib.contextmanager
def signals_end_block(names: tuple[str, ...]) -> Iterator[None]:
    """While the block runs, a signal that would end the process at once raises `_Signalled`
    instead, so the block's clean-up runs; then the signal is raised again with the handler that
    was there before (the process ends as it would have). Handlers are restored either way.
    Only the main thread can handle signals; elsewhere nothing changes."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous: dict[int, Any] = {}

    def handler(number: int, frame: object) -> None:
        raise _Signalled(number)

    try:
        for name in names:
            number = getattr(signal, name, None)
            if number is not None and signal.getsignal(number) == signal.SIG_DFL:
                previous[number] = signal.signal(number, handler)
        yield
    except _Signalled as caught:
        _restore(previous)
        previous = {}
        signal.raise_signal(caught.number)
        # still here: the handler before ours did not end the run; the write is abandoned
        raise OSError(errno.EINTR, f"interrupted by signal {caught.number}") from None
    finally:
        _restore(previous)


def _restore(previous: dict[int, Any]) -> None:
    for number, handler in previous.items():
        signal.signal(number, handler)


# --- output settings of the run ----------------------------------------------------------------


@dataclass
class OutputSettings:
    """The global options of the current run."""

    color: bool = True
    """False with `--no-color`."""
    pager: bool = True
    """False with `--no-pager`."""
    assumed: tuple[str, ...] = ()
    """The `--assume` overrides in force (`model.assume.Override` as text)."""
    lang: str | None = None
    """The global `--lang` (nb, nn or en); None: the command's own `--lang`, else the locale."""


OUTPUT = OutputSettings()


def set_output(*, color: bool, pager: bool, lang: str | None = None) -> None:
    """Set the run's output settings (the CLI's callback, once per run)."""
    OUTPUT.color = color
    OUTPUT.pager = pager
    OUTPUT.lang = lang
    OUTPUT.assumed = ()


def set_assumed(overrides: tuple[str, ...]) -> None:
    """The overrides every output of the run names (`cli/options.assumed`)."""
    OUTPUT.assumed = overrides


@contextlib.contextmanager
def interrupt_ignored() -> Iterator[None]:
    """SIGINT is ignored while the block runs (a pager owns Ctrl-C), then restored. Only the
    main thread can handle signals; elsewhere nothing changes."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


# --- the diagrams' text ------------------------------------------------------------------------


@dataclass
class AggTextState:
    """The whole-line PNG text path (`render/diagrams/layout/agg_text.py`): unchecked, usable,
    or off."""

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
