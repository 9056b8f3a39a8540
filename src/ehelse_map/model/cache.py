"""A cache of loaded data sets, so that running commands again on the same files skips reading,
checking and building the model: about 50 ms of a command on the bundled data, 2 s at ten times
Nordic scale (`bench/README.md`).

An entry is keyed by the bytes that were validated (each input file's name as shown and its
content), the limits, the Python version and the code that reads and models the data (its
files' sizes and modification times, PyYAML's too), so an edited file or an upgraded ehelse-map
never meets a stale entry. Only data sets without errors are cached; what `validate` reports is
always worked out afresh. Anything wrong with the cache (no home folder, a read-only disk, a
truncated entry, a folder or entry that is not the user's own, a folder, FIFO, device, socket
or link where an entry should be) makes it a miss, never an error, a wait or a traceback.

Where: `$EHELSE_MAP_CACHE` if set (`off` turns the cache off), else `$XDG_CACHE_HOME/ehelse-map`,
else `~/.cache/ehelse-map`. Entries are pickles, so they are read only from a folder that is the
user's own and writable by nobody else, and only when the entry is the user's own too. The
newest `KEEP` entries are kept.
"""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ehelse_map.load.limits import Limits
    from ehelse_map.model.records import Dataset

KEEP = 8
OFF = ("off", "0", "no", "false")
#: Modules whose code decides what a data set loads as; a change to any of them is a new key.
#: Paths relative to the package folder.
CODE = ("load", "model", "fuzzydate.py", "problems.py")


def folder() -> Path | None:
    """The cache folder, or None when the cache is off (or there is no home folder to put it
    in: a relative path would put it wherever the command runs)."""
    setting = os.environ.get("EHELSE_MAP_CACHE", "").strip()
    if setting.lower() in OFF:
        return None
    if setting:
        place = Path(setting)
    else:
        base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"),
                                                                ".cache")
        place = Path(base) / "ehelse-map"
    return place if place.is_absolute() else None


def key(contents: list[tuple[str, bytes]], limits: Limits) -> str:
    """The entry's name for these files (display name and bytes, as validated)."""
    import hashlib  # here: a run with the cache off never hashes (5 ms to import)
    import importlib.util

    from ehelse_map.version import __version__

    digest = hashlib.sha256(f"{__version__}|{sys.version}|{limits!r}|".encode())
    package = Path(__file__).resolve().parents[1]
    code = sorted(path for name in CODE for path in (
        (package / name).glob("*.py") if (package / name).is_dir() else [package / name]))
    spec = importlib.util.find_spec("yaml")
    if spec is not None and spec.origin:  # PyYAML's version, through its files
        code.append(Path(spec.origin))
    for path in code:
        info = path.stat()
        digest.update(f"{path.name}:{info.st_size}:{info.st_mtime_ns}|".encode())
    for display, data in contents:
        digest.update(f"{display}|{len(data)}|".encode())
        digest.update(data)
    return digest.hexdigest()[:32]


def _private(info: os.stat_result, folder: bool) -> bool:
    """Owned by us and, for the folder, writable by nobody else: a pickle from anyone else
    could run their code."""
    if not hasattr(os, "getuid"):
        return True
    return info.st_uid == os.getuid() and not (folder and info.st_mode & 0o022)


#: Opening an entry never follows a link, never waits (a FIFO) and never takes a terminal.
_OPEN = (os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
         | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0))


def _usable_folder(place: Path) -> bool:
    info = place.stat()
    return stat.S_ISDIR(info.st_mode) and _private(info, folder=True)


def get(name: str) -> Dataset | None:
    """The cached data set, or None on a miss (or any trouble reading it)."""
    place = folder()
    if place is None:
        return None
    import pickle

    try:
        if not _usable_folder(place):
            return None
        path = place / f"{name}.pickle"
        if not stat.S_ISREG(os.lstat(path).st_mode):  # a folder, FIFO, device, socket, link
            return None
        with os.fdopen(os.open(path, _OPEN), "rb") as handle:
            info = os.fstat(handle.fileno())  # what was opened, should it have been swapped
            if not stat.S_ISREG(info.st_mode) or not _private(info, folder=False):
                return None
            found: Any = pickle.load(handle)
    except Exception:  # a missing, truncated or foreign entry is a miss
        return None
    from ehelse_map.model.records import Dataset

    return found if isinstance(found, Dataset) else None


def put(name: str, dataset: Dataset) -> None:
    """Store `dataset` (atomically) and drop all but the newest `KEEP` entries; never raises
    for an unwritable cache."""
    place = folder()
    if place is None:
        return
    import pickle

    from ehelse_map.safe_write import write_bytes

    try:
        place.mkdir(mode=0o700, parents=True, exist_ok=True)
        if not _usable_folder(place):
            return
        path = place / f"{name}.pickle"
        if os.path.lexists(path) and not stat.S_ISREG(os.lstat(path).st_mode):
            return  # something else is there: leave it, and do without this entry
        write_bytes(path, pickle.dumps(dataset, pickle.HIGHEST_PROTOCOL), force=True,
                    write_through=False)
    except Exception:  # WriteRefused, OSError, a full disk: the cache is only a cache
        return
    _prune(place)


def _prune(place: Path) -> None:
    """Keep the newest KEEP entries; only regular files are entries, and each is removed on its
    own (one that cannot be does not stop the others)."""
    entries = []
    try:
        with os.scandir(place) as scan:
            for entry in scan:
                if entry.name.endswith(".pickle"):
                    try:
                        info = entry.stat(follow_symlinks=False)
                    except OSError:
                        continue
                    if stat.S_ISREG(info.st_mode):
                        entries.append((info.st_mtime_ns, entry.path))
    except OSError:
        return
    for _, old in sorted(entries, reverse=True)[KEEP:]:
        try:
            os.unlink(old)
        except OSError:
            continue
