"""Start-up budget: `ehelse-map --help` and `validate` against the floor typer app.

    python bench/startup.py [--repeats 15]

Targets (issue 22): --help within 1.2x of the floor's --help; validate on the default data (all
of Norway) within 1.3x of the floor's plain run. Exits 1 when a target is missed.
"""

from __future__ import annotations

import argparse

from timing import ehelse_map, floor, measure

TARGETS = {("ehelse-map --help", "floor --help"): 1.2,
           ("ehelse-map validate", "floor (plain run)"): 1.3}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=15)
    args = parser.parse_args()
    results = measure({
        "floor --help": floor("--help"),
        "ehelse-map --help": ehelse_map("--help"),
        "floor (plain run)": floor(),
        "ehelse-map validate": ehelse_map("validate"),
    }, args.repeats)
    print(f"{'command':<24}{'median ms':>10}{'peak MB':>9}")
    for m in results.values():
        print(f"{m.name:<24}{m.median * 1000:>10.1f}{m.peak_rss_mb:>9.1f}")
    failed = False
    for (ours, base), target in TARGETS.items():
        ratio = results[ours].median / results[base].median
        verdict = "ok" if ratio <= target else "MISSED"
        failed |= ratio > target
        print(f"{ours} / {base}: {ratio:.2f}x (target {target}x) {verdict}")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
