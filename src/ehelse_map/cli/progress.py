"""A progress display on stderr for commands that can take more than a second.

    with stages(3) as step:
        step("load")
        ...
        step("analyse")

The command names its stages; nothing below the CLI knows about the display. It is shown only
when stderr is an interactive terminal and not in CI (`CI` set), and only once the work has
taken `DELAY` seconds, so a quick run draws nothing and does not import rich's progress
machinery at all. The display is transient: it is gone before the command writes its result.
"""

from __future__ import annotations

import contextlib
import os
import sys
import threading
from collections.abc import Callable, Iterator
from typing import Any

from ehelse_map.cli.terminal import is_terminal

DELAY = 0.4
"""Seconds of work before the display appears."""

Step = Callable[[str], None]


def wanted() -> bool:
    """A display helps a person watching a terminal; never in CI, a pipe or a log file."""
    return (is_terminal(sys.stderr) and not os.environ.get("CI")
            and os.environ.get("TERM") != "dumb")


@contextlib.contextmanager
def stages(total: int, *, enabled: bool = True) -> Iterator[Step]:
    """A `step(name)` function that starts the next of `total` stages. `enabled=False` (say,
    when the result goes to a terminal's stdout) shows nothing."""
    if not (enabled and wanted()):
        yield _nothing
        return
    display = _Display(total)
    try:
        yield display.step
    finally:
        display.close()


def _nothing(name: str) -> None:
    return None


class _Display:
    """Stages counted from the first call; the rich display starts after `DELAY` on a timer
    thread and follows the stages from then on."""

    def __init__(self, total: int) -> None:
        self.total = total
        self.done = -1
        self.name = ""
        self.lock = threading.Lock()
        self.progress: Any = None
        self.task: Any = None
        self.closed = False
        self.timer = threading.Timer(DELAY, self._start)
        self.timer.daemon = True
        self.timer.start()

    def step(self, name: str) -> None:
        with self.lock:
            self.done += 1
            self.name = name
            if self.progress is not None:
                self.progress.update(self.task, completed=self.done, description=name)

    def _start(self) -> None:
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            SpinnerColumn,
            TextColumn,
            TimeElapsedColumn,
        )

        with self.lock:
            if self.closed:
                return
            self.progress = Progress(
                SpinnerColumn(), TextColumn("{task.description}"), BarColumn(),
                MofNCompleteColumn(), TimeElapsedColumn(),
                console=Console(file=sys.stderr), transient=True, redirect_stdout=False)
            self.task = self.progress.add_task(self.name, total=self.total,
                                               completed=max(self.done, 0))
            self.progress.start()

    def close(self) -> None:
        self.timer.cancel()
        with self.lock:
            self.closed = True
            if self.progress is not None:
                self.progress.update(self.task, completed=self.total)
                self.progress.stop()
