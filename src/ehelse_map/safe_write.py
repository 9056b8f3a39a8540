"""The one way ehelse-map writes files: to a temporary file beside the target, then an atomic
replace. On any error the temporary file is removed and the target is left as it was.

Unlike click's `open_file(atomic=True)`, a failure inside the `with` block never replaces the
target with a partial file. What the target is decides how it is written:

- a regular file, or a new one: temporary file and atomic replace (`--force` to overwrite);
- a symbolic link (with `--force`): the file it points to is written, atomically as above, in
  the folder of that file; the link stays a link;
- a FIFO, a character device (`/dev/null`, a terminal) or a process's own stream
  (`/dev/stdout`, `/dev/stderr`, `/dev/fd/N`, `/proc/self/fd/N`): opened and written
  directly, since there is nothing to replace (no `--force` needed; a FIFO waits for its
  reader, as with `>` in a shell);
- a directory, a block device or a socket: refused; `-` is stdout.

Temporary files are hidden and named `.NAME.ehelse-map-PID-XXXXXXXX.tmp`. SIGINT, SIGTERM,
SIGHUP and SIGQUIT during a write remove the temporary file, then take their usual course
(the handlers in place before are restored, and the signal is raised again). A run killed
outright (SIGKILL, a power cut) cannot clean up: the next write into the same folder removes
such leftovers, but only files with that name pattern, owned by the user, and whose process
is no longer running or that are older than `STALE_AFTER` seconds (a process id may have been
reused).

Every error names the path the user gave, never the temporary file.
"""

from __future__ import annotations

import contextlib
import os
import re
import stat
import sys
import tempfile
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any

from ehelse_map.runtime import signals_end_block

#: A temporary file older than this (seconds) is stale, whatever its process id says.
STALE_AFTER = 3600
TEMP_MARK = "ehelse-map"
_TEMP_NAME = re.compile(rf"\..*\.{TEMP_MARK}-([0-9]+)-[a-z0-9_]+\.tmp", re.DOTALL)
#: Signals that end a run without Python's clean-up unless handled; SIGINT only when it is not
#: already Python's KeyboardInterrupt.
_SIGNALS = ("SIGINT", "SIGTERM", "SIGHUP", "SIGQUIT")
#: A process's own streams: links into /proc that no temporary file can be renamed over.
_STREAM = re.compile(r"/dev/(stdin|stdout|stderr|fd/[0-9]+)|/proc/(self|thread-self|[0-9]+)"
                     r"(/task/[0-9]+)?/fd/[0-9]+")

PathLike = str | os.PathLike[str]


class WriteRefused(Exception):
    """The output path is not one we may write to; the message says why, for the user."""


def check_target(target: PathLike, *, force: bool = False, inputs: Iterable[PathLike] = (),
                 write_through: bool = True) -> None:
    """Refuse directories, input files (even with --force), block devices, sockets and existing
    files without --force; FIFOs, character devices and /dev/stdout are fine (written through),
    unless not `write_through`."""
    if str(target) == "-":
        return
    path = Path(target)
    for source in inputs:
        with contextlib.suppress(OSError):
            if os.path.exists(path) and os.path.samefile(path, source):
                raise WriteRefused(f"{target}: is an input file; refusing to write over it")
    kind = _kind(path)
    if kind == "broken link":
        raise WriteRefused(f"{target}: is a symbolic link that cannot be followed")
    if kind == "directory":
        raise WriteRefused(f"{target}: is a directory; give a file name")
    if kind in ("fifo", "device", "stream"):
        if not write_through:
            raise WriteRefused(f"{target}: is not a regular file")
        return
    if kind in ("block device", "socket", "special file"):
        raise WriteRefused(f"{target}: is a {kind}; refusing to write to it")
    if kind != "missing" and not force:
        raise WriteRefused(f"{target}: already exists; use --force to overwrite it")
    destination = _destination(path)
    if not destination.parent.is_dir():
        raise WriteRefused(f"{target}: folder {destination.parent} does not exist")


def _kind(path: Path) -> str:
    """What is at `path`, following symbolic links: missing, file, directory, fifo, device
    (character), stream (/dev/stdout and the like), block device, socket, special file or
    broken link (a loop, or a folder on the way that cannot be read)."""
    if _STREAM.fullmatch(os.path.abspath(path)):
        return "stream"
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:  # nothing there, or a link to nothing (written as a new file)
        return "file" if os.path.lexists(path) else "missing"
    except OSError:
        return "broken link" if os.path.lexists(path) else "missing"
    if stat.S_ISREG(mode):
        return "file"
    if stat.S_ISDIR(mode):
        return "directory"
    if stat.S_ISFIFO(mode):
        return "fifo"
    if stat.S_ISCHR(mode):
        return "device"
    if stat.S_ISBLK(mode):
        return "block device"
    return "socket" if stat.S_ISSOCK(mode) else "special file"


def _destination(path: Path) -> Path:
    """The file to replace: for a symbolic link, the file it points to (so the link stays)."""
    return Path(os.path.realpath(path)) if os.path.islink(path) else path


@contextlib.contextmanager
def atomic_open(target: PathLike, mode: str = "w", *, force: bool = False,
                inputs: Iterable[PathLike] = (), write_through: bool = True) -> Iterator[IO[Any]]:
    """Open `target` for writing atomically; `-` is stdout. Mode is 'w' or 'wb'.

    `write_through=False` refuses FIFOs, devices and /dev/stdout instead of writing to them (for
    files nobody names on a command line, like cache entries).
    """
    check_target(target, force=force, inputs=inputs, write_through=write_through)
    if str(target) == "-":
        stream = sys.stdout.buffer if "b" in mode else sys.stdout
        yield stream
        stream.flush()
        return
    path = Path(target)
    encoding = None if "b" in mode else "utf-8"
    try:
        if _kind(path) in ("fifo", "device", "stream"):
            with _open_through(path, mode, encoding) as handle:
                yield handle
            return
        destination = _destination(path)
        remove_stale(destination.parent)
        with signals_end_block(_SIGNALS):
            yield from _write_replace(destination, mode, encoding)
    except OSError as error:
        named = _named(error, target)
        if named is error:
            raise
        raise named from error


def _write_replace(path: Path, mode: str, encoding: str | None) -> Iterator[IO[Any]]:
    descriptor, temporary = tempfile.mkstemp(
        prefix=f".{path.name[:100]}.{TEMP_MARK}-{os.getpid()}-", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(descriptor, mode, encoding=encoding) as handle:
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


@contextlib.contextmanager
def _open_through(path: Path, mode: str, encoding: str | None) -> Iterator[IO[Any]]:
    """A FIFO, a device or a process's stream, opened as it is (appending: a redirected stdout
    keeps what was written to it before) and never created, truncated or replaced."""
    flags = os.O_WRONLY | os.O_APPEND | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)
    descriptor = os.open(path, flags)
    with os.fdopen(descriptor, mode, encoding=encoding) as handle:
        yield handle
        handle.flush()


def _named(error: OSError, target: PathLike) -> OSError:
    """The error as one about `target`, the path the user gave, unless it is about another file
    (something the `with` block read, say)."""
    if error.errno is None or (error.filename is not None and not _ours(error.filename, target)):
        return error
    return type(error)(error.errno, error.strerror, str(target))


def _ours(filename: Any, target: PathLike) -> bool:
    name = os.path.basename(os.fsdecode(filename))
    return bool(_TEMP_NAME.fullmatch(name)) or os.path.abspath(os.fsdecode(filename)) in (
        os.path.abspath(target), os.path.realpath(target))


def remove_stale(folder: PathLike) -> list[str]:
    """Remove temporary files that runs killed outright left in `folder`: our name pattern,
    regular files owned by this user, whose process is gone (or is older than STALE_AFTER).
    Best effort; returns the names removed."""
    removed: list[str] = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    now = time.time()
    for entry in entries:
        match = _TEMP_NAME.fullmatch(entry.name)
        if match is None:
            continue
        try:
            info = entry.stat(follow_symlinks=False)
            if not stat.S_ISREG(info.st_mode) or (hasattr(os, "getuid")
                                                  and info.st_uid != os.getuid()):
                continue
            if now - info.st_mtime < STALE_AFTER and _running(int(match.group(1))):
                continue
            os.unlink(entry.path)
            removed.append(entry.name)
        except OSError:
            continue
    return removed


def _running(pid: int) -> bool:
    """Is process `pid` alive on this machine? (Unknown counts as alive.)"""
    if pid == os.getpid():
        return True
    if os.name != "posix":  # os.kill(pid, 0) would end the process on Windows
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (OSError, OverflowError):
        return True
    return True


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


def write_bytes(target: PathLike, data: bytes, **kwargs: Any) -> None:
    with atomic_open(target, "wb", **kwargs) as handle:
        handle.write(data)


def write_text(target: PathLike, text: str, **kwargs: Any) -> None:
    with atomic_open(target, "w", **kwargs) as handle:
        handle.write(text)


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current
