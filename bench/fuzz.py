"""Run the fuzz tests (tests/test_fuzz.py) with many more examples than CI does.

    python bench/fuzz.py                      # 20,000 examples per fuzz test
    python bench/fuzz.py --examples 100000 --seed 7 -k token_soup
    python bench/fuzz.py --pipeline           # the whole-pipeline fuzzer, 10,000 mutated data sets

Hypothesis prints per-test statistics (examples run, time per example); a failure prints the
smallest input that breaks the loader. Add that input to the test as an `@example`, fix the
loader or validator, and run again. Failing inputs are also kept in .hypothesis/ and replayed
first on the next run.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--examples", type=int, default=20_000,
                        help="examples per fuzz test (default 20,000; CI runs 150)")
    parser.add_argument("--seed", type=int, help="hypothesis seed, to repeat a run")
    parser.add_argument("-k", dest="select", help="only tests whose name matches (pytest -k)")
    parser.add_argument("--pipeline", action="store_true",
                        help="run tests/test_pipeline_fuzz.py instead: mutated data sets that "
                             "validate go through every command (--examples default 10,000)")
    args = parser.parse_args(argv)

    if args.pipeline:
        cases = args.examples if "--examples" in (argv or sys.argv) else 10_000
        command = [sys.executable, "-m", "pytest", str(ROOT / "tests" / "test_pipeline_fuzz.py"),
                   "-q"]
        if args.select:
            command += ["-k", args.select]
        return subprocess.call(command, cwd=ROOT,
                               env=dict(os.environ, EHELSE_PIPELINE_FUZZ=str(cases)))
    command = [sys.executable, "-m", "pytest", str(ROOT / "tests" / "test_fuzz.py"), "-q",
               "--hypothesis-show-statistics"]
    if args.seed is not None:
        command.append(f"--hypothesis-seed={args.seed}")
    if args.select:
        command += ["-k", args.select]
    env = dict(os.environ, EHELSE_FUZZ_EXAMPLES=str(args.examples))
    return subprocess.call(command, cwd=ROOT, env=env)


if __name__ == "__main__":
    sys.exit(main())
