"""The bad-input catalogue: every folder in tests/bad_inputs/ is one case.

A case folder holds the input file(s), an optional `args.txt` (the arguments after
`ehelse-map validate --format text`; default: the case's YAML files) and `expected.txt`:

    exit: 1
    actors.yaml:3:1: error[E001] ...      <- stdout, exactly
    --- stderr
    1 file checked: 1 error, 0 warnings; invalid

Inputs too big to commit or impossible to commit (100,000 brackets, a 20 MB file, a FIFO, an
unreadable file) are made at test time by GENERATED below. Each case runs in a subprocess with
a memory cap and a time limit, so a crash, a hang or a blow-up fails the case rather than the
test run. `EHELSE_UPDATE_EXPECTED=1 pytest tests/test_bad_inputs.py` rewrites expected.txt
from the current output; review the diff before committing it.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

CASES_DIR = Path(__file__).parent / "bad_inputs"
CASES = sorted(p.name for p in CASES_DIR.iterdir() if p.is_dir())
TIME_LIMIT = 10.0  # seconds per case; they take well under one
MEMORY_LIMIT = 1024 * 1024 * 1024  # bytes of address space per case
STDERR_MARK = "--- stderr"


def _deep_brackets(folder: Path) -> None:
    (folder / "deep.yaml").write_text("schema_version: 1\nsources: " + "[" * 100_000 + "\n")


def _over_size_cap(folder: Path) -> None:
    with open(folder / "big.yaml", "wb") as handle:
        handle.truncate(20 * 1024 * 1024 + 1)


def _unreadable(folder: Path) -> None:
    if os.geteuid() == 0:
        pytest.skip("root can read a file with mode 000")
    path = folder / "actors.yaml"
    path.write_text("schema_version: 1\n")
    path.chmod(0)


def _fifo(folder: Path) -> None:
    if not hasattr(os, "mkfifo"):
        pytest.skip("no FIFOs on this platform")
    os.mkfifo(folder / "actors.yaml")


GENERATED: dict[str, Callable[[Path], None]] = {
    "deep-brackets": _deep_brackets,
    "size-cap-default": _over_size_cap,
    "unreadable-file": _unreadable,
    "fifo": _fifo,
}


def _limit_resources() -> None:  # runs in the child, before exec
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def run_case(folder: Path) -> tuple[int, str, str, float]:
    args_file = folder / "args.txt"
    if args_file.exists():
        args = shlex.split(args_file.read_text(encoding="utf-8"))
    else:
        args = sorted(p.name for p in folder.iterdir() if p.suffix == ".yaml")
    env = {k: v for k, v in os.environ.items() if k not in ("GITHUB_ACTIONS", "EHELSE_MAP_DATA")}
    env.update(NO_COLOR="1", PYTHONIOENCODING="utf-8", COLUMNS="100")
    started = time.monotonic()
    result = subprocess.run(
        [sys.executable, "-m", "ehelse_map", "validate", "--format", "text", *args],
        cwd=folder, env=env, capture_output=True, timeout=TIME_LIMIT * 3,
        preexec_fn=_limit_resources if sys.platform.startswith("linux") else None)
    elapsed = time.monotonic() - started
    return (result.returncode, result.stdout.decode("utf-8"), result.stderr.decode("utf-8"),
            elapsed)


def render_expected(code: int, stdout: str, stderr: str) -> str:
    return f"exit: {code}\n{stdout}{STDERR_MARK}\n{stderr}"


@pytest.mark.parametrize("name", CASES)
def test_bad_input(name: str, tmp_path: Path) -> None:
    source = CASES_DIR / name
    folder = tmp_path / name
    shutil.copytree(source, folder, ignore=shutil.ignore_patterns("expected.txt", ".gitkeep"))
    if name in GENERATED:
        GENERATED[name](folder)
    code, stdout, stderr, elapsed = run_case(folder)

    assert "Traceback" not in stdout + stderr, stderr
    assert code in (0, 1, 2), stderr
    assert elapsed < TIME_LIMIT, f"{name} took {elapsed:.1f} s"
    actual = render_expected(code, stdout, stderr)
    expected_file = source / "expected.txt"
    if os.environ.get("EHELSE_UPDATE_EXPECTED"):
        expected_file.write_text(actual, encoding="utf-8")
    assert actual == expected_file.read_text(encoding="utf-8")
    # One line per problem, each pointing at file:line:col.
    for line in stdout.splitlines():
        assert line.split(":")[1].isdigit() and line.split(":")[2].isdigit(), line


def test_every_case_has_expected_output() -> None:
    missing = [name for name in CASES if not (CASES_DIR / name / "expected.txt").exists()]
    assert not missing
