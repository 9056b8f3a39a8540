"""Analysis budget: `ehelse-map overlap` and `burden` against the floor app that imports
networkx and yaml.

    python bench/analyses.py [--repeats 15] [--tty]

Target (issue 4): each within 1.3x of `floor.py --work networkx` on the default data, measured
interleaved in the same run. `--tty` runs every command (and the floor) with standard output on
an 80 x 50 pseudo-terminal, so the tables are drawn as a person sees them: in colour, the
first 25 rows (issue 20). Exits 1 when a target is missed.
"""

from __future__ import annotations

import argparse

from timing import ehelse_map, floor, measure

BASE = "floor --work networkx"
TARGETS = {"ehelse-map overlap": 1.3, "ehelse-map burden": 1.3,
           "ehelse-map burden --by person": 1.3}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=15)
    parser.add_argument("--tty", action="store_true",
                        help="standard output on a pseudo-terminal (colour on)")
    args = parser.parse_args()
    results = measure({
        BASE: floor("--work", "networkx"),
        "ehelse-map overlap": ehelse_map("overlap"),
        "ehelse-map burden": ehelse_map("burden"),
        "ehelse-map burden --by person": ehelse_map("burden", "--by", "person"),
    }, args.repeats, tty=args.tty)
    print(f"{'command':<32}{'median ms':>10}{'peak MB':>9}")
    for m in results.values():
        print(f"{m.name:<32}{m.median * 1000:>10.1f}{m.peak_rss_mb:>9.1f}")
    failed = False
    for ours, target in TARGETS.items():
        ratio = results[ours].median / results[BASE].median
        failed |= ratio > target
        print(f"{ours} / {BASE}: {ratio:.2f}x (target {target}x) "
              f"{'ok' if ratio <= target else 'MISSED'}")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
