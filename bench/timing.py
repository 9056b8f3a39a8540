"""Interleaved wall-time and peak-memory measurement of whole commands.

Commands are run round-robin (A, B, C, A, B, C, ...) so that machine noise hits every command
alike; the medians are then compared as ratios, never against absolute targets.
"""

from __future__ import annotations

import os
import resource
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

BIN = Path(sys.executable).parent
ROOT = Path(__file__).resolve().parents[1]


@dataclass
class Measure:
    name: str
    argv: list[str]
    times: list[float]
    peak_rss_mb: float = 0.0

    @property
    def median(self) -> float:
        return statistics.median(self.times)


def ehelse_map(*args: str) -> list[str]:
    return [str(BIN / "ehelse-map"), *args]


def floor(*args: str) -> list[str]:
    return [sys.executable, str(ROOT / "bench" / "floor.py"), *args]


def _environment(env: dict[str, str] | None) -> dict[str, str]:
    """The children's environment: steady state, as a user's second run (bytecode written;
    this environment sets PYTHONDONTWRITEBYTECODE, which would make every run recompile our
    modules while the floor's dependencies have theirs cached; bench/README.md)."""
    base = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    return {**base, **(env or {})}


def run_once(argv: list[str], env: dict[str, str] | None = None,
             tty: bool = False) -> tuple[float, float]:
    """Wall seconds and peak RSS (MB) of one run; fails loudly on a non-zero exit. `tty`:
    standard output is a pseudo-terminal of 80 x 50 (tables in colour, as a person sees
    them), read and thrown away."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    if tty:
        code, stderr = _run_on_tty(argv, _environment(env))
    else:
        completed = subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                   env=_environment(env), cwd=ROOT)
        code, stderr = completed.returncode, completed.stderr
    elapsed = time.perf_counter() - start
    if code != 0:
        raise SystemExit(f"{' '.join(argv)} exited {code}:\n"
                         f"{stderr.decode(errors='replace')[-2000:]}")
    after = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return elapsed, max(before, after) / 1024


def _run_on_tty(argv: list[str], env: dict[str, str]) -> tuple[int, bytes]:
    import fcntl
    import pty
    import struct
    import termios
    import threading

    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 50, 80, 0, 0))

    def drain() -> None:
        try:
            while os.read(master, 65536):
                pass
        except OSError:  # EIO: the child closed the terminal
            pass

    reader = threading.Thread(target=drain)
    reader.start()
    process = subprocess.Popen(argv, stdout=slave, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL,
                               env={"TERM": "xterm-256color", **env, "PAGER": "cat"}, cwd=ROOT)
    os.close(slave)
    _, stderr = process.communicate()
    reader.join()
    os.close(master)
    return process.returncode, stderr


def measure(commands: dict[str, list[str]], repeats: int, warmup: int = 1,
            env: dict[str, str] | None = None, tty: bool = False) -> dict[str, Measure]:
    results = {name: Measure(name, argv, []) for name, argv in commands.items()}
    for _ in range(warmup):
        for argv in commands.values():
            run_once(argv, env, tty)
    for _ in range(repeats):
        for name, argv in commands.items():
            elapsed, _ = run_once(argv, env, tty)
            results[name].times.append(elapsed)
    for name, argv in commands.items():  # peak memory: ru_maxrss of children is a high-water
        results[name].peak_rss_mb = peak_rss_mb(argv, env)  # mark, so measure each in its own child
    return results


def peak_rss_mb(argv: list[str], env: dict[str, str] | None = None) -> float:
    """Peak RSS of one run, measured in a fresh child so earlier runs do not mask it."""
    code = ("import resource,subprocess,sys;"
            "subprocess.run(sys.argv[1:],stdout=subprocess.DEVNULL,stderr=subprocess.DEVNULL);"
            "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")
    output = subprocess.run([sys.executable, "-c", code, *argv], capture_output=True, text=True,
                            env=_environment(env), cwd=ROOT)
    return int(output.stdout.strip() or 0) / 1024
