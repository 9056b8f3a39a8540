"""Write a synthetic data set at N times Nordic scale (same as `ehelse-map generate`).

    python bench/generate.py --scale 10 -o bench/results/data/n10 [--seed 0] [--force]

The generator lives in `ehelse_map.synthetic`; this script only spares a benchmark run the
typer start-up. The output passes `ehelse-map validate --strict`.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path


def main() -> int:
    from ehelse_map.safe_write import WriteRefused, check_target, write_text
    from ehelse_map.synthetic import FILES, generate

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", "-n", type=float, default=1.0,
                        help="multiple of Nordic scale (default: %(default)s)")
    parser.add_argument("--output", "-o", type=Path, required=True, help="folder to write into")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--force", action="store_true", help="overwrite existing files")
    args = parser.parse_args()
    if not 0.01 <= args.scale <= 1000:
        parser.error("--scale must be between 0.01 and 1000")
    start = time.perf_counter()
    targets = [args.output / name for name in FILES]
    try:
        args.output.mkdir(parents=True, exist_ok=True)
        for target in targets:
            check_target(target, force=args.force)
        texts = generate(args.scale, args.seed)
        for target in targets:
            write_text(target, texts[target.name], force=args.force)
    except (WriteRefused, OSError) as error:
        sys.stderr.write(f"generate: error: {error}\n")
        return 2
    size = sum(len(t.encode()) for t in texts.values())
    sys.stderr.write(f"wrote {args.output} ({size / 1e6:.1f} MB, scale {args.scale:g}, seed "
                     f"{args.seed}) in {time.perf_counter() - start:.2f} s\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
