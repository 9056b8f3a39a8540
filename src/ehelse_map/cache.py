"""A cache of loaded data sets, so that running commands again on the same files skips reading,
checking and building the model: 60 ms of a command on the bundled data, 2 s at ten times Nordic
scale (`bench/README.md`).

An entry is keyed by the bytes of every input file, the working folder, the limits, the Python
version and the code that reads and models the data (its files' sizes and modification times),
so an edited file or an upgraded ehelse-map never meets a stale entry. Only data sets without errors are cached; what
`validate` reports is always worked out afresh. Anything wrong with the cache (no home folder, a
read-only disk, a truncated entry) makes it a miss, never an error.

Where: `$EHELSE_MAP_CACHE` if set (`off` turns the cache off), else `$XDG_CACHE_HOME/ehelse-map`,
else `~/.cache/ehelse-map`. Entries are pickles; like `__pycache__`, the folder must be writable
by its owner only. The newest `KEEP` entries are kept.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .model import Dataset
    from .reading import Limits

KEEP = 8
OFF = ("off", "0", "no", "false")
#: Modules whose code decides what a data set loads as; a change to any of them is a new key.
CODE = ("reading", "loader", "scalars", "fuzzydate", "schema", "checking", "validate", "model",
        "dataset", "cache")


def folder() -> Path | None:
    """The cache folder, or None when the cache is turned off."""
    setting = os.environ.get("EHELSE_MAP_CACHE", "").strip()
    if setting.lower() in OFF:
        return None
    if setting:
        return Path(setting)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "ehelse-map"


def key(files: list[str], limits: Limits) -> str | None:
    """The entry's name for these files, or None when one cannot be read within the limits
    (the loader will then say why)."""
    from . import __version__

    # file names in locations are shown relative to the working folder, so it is part of the key
    digest = hashlib.sha256(f"{__version__}|{sys.version}|{limits!r}|{os.getcwd()}|".encode())
    package = Path(__file__).parent
    for module in CODE:
        info = (package / f"{module}.py").stat()
        digest.update(f"{module}:{info.st_size}:{info.st_mtime_ns}|".encode())
    for path in files:
        try:
            with open(path, "rb") as handle:
                data = handle.read(limits.max_bytes + 1)
        except OSError:
            return None
        if len(data) > limits.max_bytes:
            return None
        digest.update(f"{os.path.abspath(path)}|{len(data)}|".encode())
        digest.update(data)
    return digest.hexdigest()[:32]


def get(name: str) -> Dataset | None:
    """The cached data set, or None on a miss (or any trouble reading it)."""
    place = folder()
    if place is None:
        return None
    try:
        with open(place / f"{name}.pickle", "rb") as handle:
            found: Any = pickle.load(handle)
    except Exception:  # a missing, truncated or foreign entry is a miss
        return None
    from .model import Dataset

    return found if isinstance(found, Dataset) else None


def put(name: str, dataset: Dataset) -> None:
    """Store `dataset` (atomically) and drop all but the newest `KEEP` entries; never raises
    for an unwritable cache."""
    place = folder()
    if place is None:
        return
    from .safe_write import write_bytes

    try:
        place.mkdir(mode=0o700, parents=True, exist_ok=True)
        write_bytes(place / f"{name}.pickle", pickle.dumps(dataset, pickle.HIGHEST_PROTOCOL),
                    force=True)
        entries = sorted(place.glob("*.pickle"), key=lambda p: p.stat().st_mtime_ns,
                         reverse=True)
        for old in entries[KEEP:]:
            old.unlink()
    except OSError:
        pass
