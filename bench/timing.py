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


def run_once(argv: list[str], env: dict[str, str] | None = None) -> tuple[float, float]:
    """Wall seconds and peak RSS (MB) of one run; fails loudly on a non-zero exit."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    completed = subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                               env={**os.environ, **(env or {})}, cwd=ROOT)
    elapsed = time.perf_counter() - start
    if completed.returncode != 0:
        raise SystemExit(f"{' '.join(argv)} exited {completed.returncode}:\n"
                         f"{completed.stderr.decode(errors='replace')[-2000:]}")
    after = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return elapsed, max(before, after) / 1024


def measure(commands: dict[str, list[str]], repeats: int, warmup: int = 1,
            env: dict[str, str] | None = None) -> dict[str, Measure]:
    results = {name: Measure(name, argv, []) for name, argv in commands.items()}
    for _ in range(warmup):
        for argv in commands.values():
            run_once(argv, env)
    for _ in range(repeats):
        for name, argv in commands.items():
            elapsed, _ = run_once(argv, env)
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
                            env={**os.environ, **(env or {})}, cwd=ROOT)
    return int(output.stdout.strip() or 0) / 1024
