"""Diagram budget: `ehelse-map diagram landscape -o x.png` against the floor app that imports
matplotlib.pyplot and saves an empty figure (`floor.py --work matplotlib`).

    python bench/diagram.py [--repeats 9] [--kind landscape] [--data DIR]

Target (issue 5): within 1.5x of the floor, measured in the same run. Commands run round-robin
(see `timing.py`); wall time is the target, CPU time (user + system) is printed beside it
because it is far less disturbed by other load on the machine. The command is measured twice:
with the data-set cache off (a first run: reading, checking and building the data) and warm (a
run again on the same files; `ehelse_map/cache.py`). The verdict is on the first run; exits 1
when it misses.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import tempfile
from pathlib import Path

from timing import ehelse_map, floor, run_once

TARGET = 1.5


def cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=9)
    parser.add_argument("--kind", default="landscape")
    parser.add_argument("--data", default=None, help="data set folder [default: the bundled]")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder)
        command = ehelse_map("diagram", args.kind, "-o", str(out / "x.png"), "--force",
                             *(["--data", args.data] if args.data else []))
        commands = {
            "floor (pyplot, empty)": floor("--work", "matplotlib", "--output",
                                           str(out / "floor.png")),
            f"diagram {args.kind}, first run": ["env", "EHELSE_MAP_CACHE=off", *command],
            f"diagram {args.kind}, run again": ["env", f"EHELSE_MAP_CACHE={out / 'cache'}",
                                                *command],
        }
        wall: dict[str, list[float]] = {name: [] for name in commands}
        cpu: dict[str, list[float]] = {name: [] for name in commands}
        for argv in commands.values():  # warm-up: file cache, .pyc files, font cache
            run_once(argv)
        for _ in range(args.repeats):
            for name, argv in commands.items():
                before = cpu_seconds()
                elapsed, _ = run_once(argv)
                cpu[name].append(cpu_seconds() - before)
                wall[name].append(elapsed)
    base, first, _again = commands
    print(f"{'command':<34}{'wall ms':>9}{'cpu ms':>9}{'wall x':>8}{'cpu x':>7}")
    for name in commands:
        ratio = statistics.median(wall[name]) / statistics.median(wall[base])
        cpu_ratio = statistics.median(cpu[name]) / statistics.median(cpu[base])
        print(f"{name:<34}{statistics.median(wall[name]) * 1000:>9.0f}"
              f"{statistics.median(cpu[name]) * 1000:>9.0f}{ratio:>8.2f}{cpu_ratio:>7.2f}")
    ratio = statistics.median(wall[first]) / statistics.median(wall[base])
    print(f"first run: {ratio:.2f}x the floor (target {TARGET}x) "
          f"{'ok' if ratio <= TARGET else 'MISSED'}")
    return 0 if ratio <= TARGET else 1


if __name__ == "__main__":
    raise SystemExit(main())
