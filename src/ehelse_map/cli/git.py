"""Reading the data as it was at a git revision, for `diff --git REV`.

The command line is the only layer that runs other programs; the analyses compare two loaded
data sets and never know where they came from.
"""

from __future__ import annotations

import os
import subprocess
import tempfile
from pathlib import Path


class GitError(Exception):
    """The data at a git revision cannot be read; the message says why."""


def data_at_revision(revision: str, data_dir: str | os.PathLike[str], into: Path) -> Path:
    """Write the data files of `data_dir` as they were at `revision` into `into`; return it.

    Paths are taken relative to the repository that holds `data_dir`, so `--git HEAD~1` works
    from any working folder.
    """
    from ehelse_map.load.files import DATA_FILES, OPTIONAL_FILES

    folder = Path(data_dir).resolve()
    top = _git(["rev-parse", "--show-toplevel"], folder).strip()
    if not top:
        raise GitError(f"{data_dir}: not inside a git repository")
    _git(["rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}"], folder,
         f"unknown revision '{revision}'")
    relative = folder.relative_to(Path(top).resolve())
    found = 0
    for name in (*DATA_FILES, *OPTIONAL_FILES):
        spec = f"{revision}:{(relative / name).as_posix()}"
        try:
            content = subprocess.run(["git", "show", spec], cwd=folder, capture_output=True,
                                     check=True, timeout=60).stdout
        except subprocess.CalledProcessError:
            continue
        (into / name).write_bytes(content)
        found += name in DATA_FILES
    if not found:
        raise GitError(f"no {' or '.join(DATA_FILES)} in {relative.as_posix() or '.'} at "
                       f"revision '{revision}'")
    return into


def _git(args: list[str], cwd: Path, message: str | None = None) -> str:
    try:
        done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True,
                              timeout=60)
    except FileNotFoundError:
        raise GitError("git is not installed") from None
    except subprocess.TimeoutExpired:
        raise GitError(f"git {args[0]} took too long") from None
    if done.returncode != 0:
        detail = message or (done.stderr.strip().splitlines() or ["git failed"])[-1]
        raise GitError(detail)
    return done.stdout


def temporary_folder() -> tempfile.TemporaryDirectory[str]:
    return tempfile.TemporaryDirectory(prefix="ehelse-map-diff-")
