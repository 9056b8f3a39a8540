"""Reading a data set: which files, their bytes within the size limit, as UTF-8 text.

A data-set folder holds `actors.yaml` and `networks.yaml`, and may hold `observations.yaml`
(survey answers, written by `ehelse-map survey import`).

Anything that is not a readable regular file raises `InputError` (exit code 2) before it is
opened, so a FIFO or a device never blocks a run; a file too big or not UTF-8 gives a
`Problem` with its location.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable
from pathlib import Path

from ehelse_map.load.limits import Limits
from ehelse_map.problems import Problem

DATA_FILES = ("actors.yaml", "networks.yaml")
#: Files a data-set folder may hold besides DATA_FILES, read along when present.
OPTIONAL_FILES = ("observations.yaml",)
#: Names that look like data files but are not read: refused, so a data set saved as
#: `actors.yml` is never validated as an empty one.
MISNAMED = {"actors.yml": "actors.yaml", "networks.yml": "networks.yaml",
            "observations.yml": "observations.yaml"}
ENV_DATA = "EHELSE_MAP_DATA"


class InputError(Exception):
    """A file that cannot be read at all (missing, a directory, unreadable): exit code 2.

    `path` is the file or folder as shown to the user, for annotations that point at it.
    """

    def __init__(self, message: str, path: str | None = None) -> None:
        super().__init__(message)
        self.path = path


def _too_big(size: int, display: str, limits: Limits) -> Problem:
    return Problem(display, 1, 1, "E001", f"file is {size:,} bytes; the limit is "
                   f"{limits.max_bytes:,} (raise it with --max-bytes)")


def read_bytes(path: str, display: str, limits: Limits) -> tuple[bytes | None, list[Problem]]:
    """The file's bytes, or a problem when it is bigger than the limit (nothing is read then).

    Raises InputError for what is not a readable regular file. The type is checked before
    opening, so a FIFO or a device never blocks us.
    """
    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise InputError(f"{display}: no such file", display) from None
    except OSError as error:
        raise InputError(f"{display}: cannot read: {error.strerror}", display) from None
    if stat.S_ISDIR(info.st_mode):
        raise InputError(f"{display}: is a directory, not a YAML file", display)
    if not stat.S_ISREG(info.st_mode):
        raise InputError(f"{display}: not a regular file", display)
    if info.st_size > limits.max_bytes:
        return None, [_too_big(info.st_size, display, limits)]
    try:
        with open(path, "rb") as handle:
            data = handle.read(limits.max_bytes + 1)  # the file may have grown since stat
    except OSError as error:
        raise InputError(f"{display}: cannot read: {error.strerror}", display) from None
    return data, []


def decode(data: bytes, display: str, limits: Limits = Limits()) -> tuple[str | None, list[Problem]]:
    """UTF-8 text (a leading BOM is dropped), or one problem saying where the first bad byte is."""
    if len(data) > limits.max_bytes:
        return None, [_too_big(len(data), display, limits)]
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError as error:
        if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
            return None, [Problem(display, 1, 1, "E001",
                                  "file is UTF-16; save it as UTF-8")]
        line = data.count(b"\n", 0, error.start) + 1
        column = len(data[data.rfind(b"\n", 0, error.start) + 1:error.start]
                     .decode("utf-8", "replace")) + 1
        return None, [Problem(display, line, column, "E001",
                              f"byte 0x{data[error.start]:02x} is not UTF-8 "
                              "(save the file as UTF-8)")]


def read_text(path: str, display: str, limits: Limits = Limits()) -> tuple[str | None, list[Problem]]:
    """The file's text, or a problem when it is too big or not UTF-8 (InputError: unreadable)."""
    data, problems = read_bytes(path, display, limits)
    if data is None:
        return None, problems
    return decode(data, display, limits)


def display_path(path: str) -> str:
    """Paths in messages: relative to the working folder when below it."""
    relative = os.path.relpath(path)
    return path if relative.startswith("..") else relative


def resolve_inputs(paths: Iterable[str]) -> list[str]:
    """Data-set folders and files, as the list of YAML files to read together.

    A folder stands for its actors.yaml and networks.yaml (and observations.yaml when there is
    one); a file brings its siblings along, so references between the files always resolve.
    `actors.yml`, `networks.yml` and `observations.yml`, given or in such a folder, are refused
    (InputError), never silently left out.
    """
    files: list[str] = []
    known = (*DATA_FILES, *OPTIONAL_FILES)
    for path in paths:
        if os.path.isdir(path):
            _refuse_misnamed(path)
            found = [os.path.join(path, n) for n in DATA_FILES if os.path.lexists(os.path.join(path, n))]
            if not found:
                shown = display_path(path)
                raise InputError(f"{shown}: no actors.yaml or networks.yaml in this folder", shown)
            candidates = found + [os.path.join(path, n) for n in OPTIONAL_FILES
                                  if os.path.lexists(os.path.join(path, n))]
        else:
            folder = os.path.dirname(path) or "."
            name = os.path.basename(path)
            if name in known or name in MISNAMED:
                _refuse_misnamed(folder, given=path)
            siblings = [os.path.join(folder, n) for n in known]
            candidates = [path] + [s for s in siblings if os.path.isfile(s)
                                   and name in known]
        for candidate in candidates:
            if os.path.normpath(candidate) not in (os.path.normpath(f) for f in files):
                files.append(candidate)
    return files


def _refuse_misnamed(folder: str, given: str | None = None) -> None:
    """InputError for an `actors.yml` or `networks.yml` in a data folder (or given by name):
    ehelse-map reads `.yaml` only, and says so rather than check half a data set."""
    misnamed = [(os.path.join(folder, wrong), os.path.join(folder, right))
                for wrong, right in MISNAMED.items()
                if os.path.lexists(os.path.join(folder, wrong))
                or (given is not None and os.path.basename(given) == wrong)]
    for wrong, right in misnamed:
        if os.path.lexists(right):
            raise InputError(f"{display_path(wrong)} and {display_path(right)}: two files for "
                             f"the same data; keep one, named {os.path.basename(right)}")
    if misnamed:
        names = ", ".join(display_path(wrong) for wrong, _ in misnamed)
        renames = " and ".join(f"{os.path.basename(w)} to {os.path.basename(r)}"
                               for w, r in misnamed)
        raise InputError(f"{names}: ehelse-map reads data files named actors.yaml, "
                         f"networks.yaml and observations.yaml, not .yml; rename {renames}")


def group_inputs(paths: Iterable[str]) -> list[list[str]]:
    """`resolve_inputs`, split into data sets: one list per folder, in the order the folders
    first appear. `a/actors.yaml b/networks.yaml b/actors.yaml` (as pre-commit passes changed
    files) is two data sets, `a` and `b`, each checked on its own."""
    groups: dict[str, list[str]] = {}
    for path in resolve_inputs(paths):
        folder = os.path.normcase(os.path.abspath(os.path.dirname(path) or "."))
        groups.setdefault(folder, []).append(path)
    return list(groups.values())


def default_data_dir() -> Path:
    """`$EHELSE_MAP_DATA`, else the data set shipped in the wheel, else the repository's data/."""
    if os.environ.get(ENV_DATA):
        return Path(os.environ[ENV_DATA])
    bundled = Path(__file__).resolve().parents[1] / "data"
    if (bundled / "actors.yaml").exists():
        return bundled
    return Path(__file__).resolve().parents[3] / "data"
