"""The one way ehelse-map writes files: to a temporary file beside the target, then an atomic
replace. On any error the temporary file is removed and the target is left as it was.

Unlike click's `open_file(atomic=True)`, a failure inside the `with` block never replaces the
target with a partial file.
"""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any, Literal, overload


class WriteRefused(Exception):
    """The output path is not one we may write to; the message says why, for the user."""


def check_target(target: str | os.PathLike[str], *, force: bool = False,
                 inputs: Iterable[str | os.PathLike[str]] = ()) -> None:
    """Refuse directories, input files (even with --force) and existing files without --force."""
    path = Path(target)
    if str(target) == "-":
        return
    for source in inputs:
        with contextlib.suppress(OSError):
            if path.exists() and os.path.samefile(path, source):
                raise WriteRefused(f"{target}: is an input file; refusing to write over it")
    if path.is_dir():
        raise WriteRefused(f"{target}: is a directory; give a file name")
    if path.exists() and not force:
        raise WriteRefused(f"{target}: already exists; use --force to overwrite it")
    if not path.parent.exists():
        raise WriteRefused(f"{target}: folder {path.parent} does not exist")


@overload
def atomic_open(target: str | os.PathLike[str], mode: Literal["w"] = "w", *, force: bool = False,
                inputs: Iterable[str | os.PathLike[str]] = ()
                ) -> contextlib.AbstractContextManager[IO[str]]: ...


@overload
def atomic_open(target: str | os.PathLike[str], mode: Literal["wb"], *, force: bool = False,
                inputs: Iterable[str | os.PathLike[str]] = ()
                ) -> contextlib.AbstractContextManager[IO[bytes]]: ...


@contextlib.contextmanager
def atomic_open(target: str | os.PathLike[str], mode: str = "w", *, force: bool = False,
                inputs: Iterable[str | os.PathLike[str]] = ()) -> Iterator[IO[Any]]:
    """Open `target` for writing atomically; `-` is stdout. Mode is 'w' or 'wb'."""
    check_target(target, force=force, inputs=inputs)
    if str(target) == "-":
        stream = sys.stdout.buffer if "b" in mode else sys.stdout
        yield stream
        stream.flush()
        return
    path = Path(target)
    descriptor, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp",
                                             dir=path.parent)
    try:
        with os.fdopen(descriptor, mode, encoding=None if "b" in mode else "utf-8") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        if path.exists():
            with contextlib.suppress(OSError):
                os.chmod(temporary, path.stat().st_mode & 0o7777)
        else:
            os.chmod(temporary, 0o666 & ~_umask())
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
    _fsync_folder(path.parent)


def _fsync_folder(folder: Path) -> None:
    """Make the rename itself durable; best effort (not every system can open a folder)."""
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)


def write_bytes(target: str | os.PathLike[str], data: bytes, *, force: bool = False,
                inputs: Iterable[str | os.PathLike[str]] = ()) -> None:
    with atomic_open(target, "wb", force=force, inputs=inputs) as handle:
        handle.write(data)


def write_text(target: str | os.PathLike[str], text: str, *, force: bool = False,
               inputs: Iterable[str | os.PathLike[str]] = ()) -> None:
    with atomic_open(target, "w", force=force, inputs=inputs) as handle:
        handle.write(text)


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current
