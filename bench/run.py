"""Benchmark suite (issue 8): wall time and peak memory of the main commands at Nordic scale.

    python bench/run.py                                   # default data and N = 1, 3, 10
    python bench/run.py --sizes default,1 --repeats 3 --commands help,validate

Each command runs as its own process, round-robin with its baselines on the same data (so
machine noise hits them alike): the matching `bench/floor.py` variant (a typer app that only
imports what the command cannot avoid) and the bare parse of the same YAML files with PyYAML's
C loader. Synthetic data sets are written once per scale and seed under bench/results/data/.
Prints times, ratios, the scaling from N=1 to N=10 and a verdict per target; writes JSON to
bench/results/latest.json. Exits 1 when a target is missed. See bench/README.md.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from timing import ROOT, ehelse_map, floor

RESULTS = ROOT / "bench" / "results"
PARSE = ("import sys, yaml\n"
         "for name in sys.argv[1:]:\n"
         "    with open(name, 'rb') as handle:\n"
         "        yaml.load(handle, Loader=yaml.CSafeLoader)\n")


@dataclass(frozen=True)
class Spec:
    """One benchmarked command: its words, its floor variant and the suffix of a file it writes."""

    name: str
    words: tuple[str, ...]
    floor: str  # bench/floor.py --work value; "" is the plain run
    suffix: str | None = None


SPECS = {
    "validate": Spec("validate", ("validate",), ""),
    "overlap": Spec("overlap", ("overlap",), "networkx"),
    "burden": Spec("burden", ("burden",), "networkx"),
    "diagram": Spec("diagram landscape", ("diagram", "landscape"), "matplotlib", ".png"),
    "report": Spec("report", ("report",), "matplotlib", ".html"),
}
FLOOR_NAMES = {"": "floor (plain run)", "networkx": "floor --work networkx",
               "matplotlib": "floor --work matplotlib"}
#: Commands whose time at N=10 must stay within 3x the bare parse of the same files.
PARSE_BOUND = ("validate", "overlap", "burden")


@dataclass
class Measure:
    dataset: str
    name: str
    argv: list[str]
    baseline_floor: str | None = None
    repeats: int = 5
    times: list[float] = field(default_factory=list)
    cpu_times: list[float] = field(default_factory=list)  # user + system seconds of the child
    peak_mb: float = 0.0
    status: str = "ok"  # ok | failed | skipped
    note: str = ""

    def median(self, clock: str = "wall") -> float | None:
        times = self.times if clock == "wall" else self.cpu_times
        return statistics.median(times) if times else None


def child_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if k not in ("EHELSE_MAP_DATA", "GITHUB_ACTIONS", "FORCE_COLOR",
                        "PYTHONDONTWRITEBYTECODE")}  # steady state: cached bytecode, as users get
    # the data-set cache off: every run reads, checks and builds its data, as a first run does
    env.update(COLUMNS="100", NO_COLOR="1", TERM="dumb", EHELSE_MAP_CACHE="off")
    return env


#: Runs one command and prints its wall time, CPU time, peak RSS and exit code. A fresh, small
#: process launches each command: a child's ru_maxrss starts at the RSS of the process that
#: forked it (Linux records the old image at exec), so launching from this script, which has
#: read the data sets, would inflate every figure to this script's own peak.
LAUNCHER = ("import os, subprocess, sys, time\n"
            "start = time.perf_counter()\n"
            "child = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL)\n"
            "_, status, usage = os.wait4(child.pid, 0)\n"
            "print(time.perf_counter() - start, usage.ru_utime + usage.ru_stime,\n"
            "      usage.ru_maxrss, os.waitstatus_to_exitcode(status))\n")


def run_once(argv: list[str], cwd: Path, timeout: float) -> tuple[float, float, float, int, str]:
    """Wall and CPU seconds, peak RSS in MB (of the command alone), exit code and the tail of
    stderr. The launcher's own start-up is not counted."""
    with tempfile.TemporaryFile() as err:
        launcher = subprocess.Popen([sys.executable, "-I", "-S", "-c", LAUNCHER, *argv],
                                    stdout=subprocess.PIPE, stderr=err, cwd=cwd, env=child_env(),
                                    start_new_session=True)
        try:
            output, _ = launcher.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(launcher.pid, signal.SIGKILL)  # the command too: it is in the session
            launcher.communicate()
            return timeout, 0.0, 0.0, -9, f"killed after the {timeout:g} s timeout"
        err.seek(0)
        tail = err.read()[-1500:].decode(errors="replace")
    try:
        elapsed, cpu, maxrss, code = output.split()
    except ValueError:
        return 0.0, 0.0, 0.0, launcher.returncode or 1, tail or "the launcher failed"
    scale = 1024 * 1024 if sys.platform == "darwin" else 1024  # ru_maxrss: bytes vs KiB
    return float(elapsed), float(cpu), int(maxrss) / scale, int(code), tail


def measure_all(measures: list[Measure], cwd: Path, timeout: float, slow: float,
                progress: bool) -> None:
    """One warm-up round, then rounds that run every command once in turn until each has its
    `repeats` counted runs. All data sizes share the rounds, so a change in machine load hits
    N=1 and N=10 alike and the scaling factors stay fair.

    A command whose warm-up took longer than `slow` seconds is counted once, not `repeats`
    times, so one very slow command cannot make the run last for hours.
    """
    live = [m for m in measures if m.status == "ok"]
    rounds = max((m.repeats for m in live), default=0)
    for round_no in range(rounds + 1):
        for m in live:
            if m.status != "ok" or (round_no and len(m.times) >= m.repeats):
                continue
            elapsed, cpu, peak, code, tail = run_once(m.argv, cwd, timeout)
            if code != 0:
                last = (tail.strip().splitlines() or ["(no message)"])[-1]
                m.status, m.note = "failed", f"exit {code}: {last}"
                m.times, m.cpu_times = [], []
                continue
            m.peak_mb = max(m.peak_mb, peak)
            if round_no:  # round 0 warms caches and is not counted
                m.times.append(elapsed)
                m.cpu_times.append(cpu)
            elif elapsed > slow and m.repeats > 1:
                m.repeats = 1
                m.note = f"warm-up took {elapsed:.0f} s (> --slow {slow:g}); counted once"
        if progress:
            sys.stderr.write(f"  round {round_no}/{rounds} done\n")


# --- data sets ---------------------------------------------------------------------------------

def default_data() -> Path:
    try:
        from ehelse_map.load.files import default_data_dir
    except ImportError:
        from ehelse_map.model.build import default_data_dir  # type: ignore[attr-defined,no-redef]
    os.environ.pop("EHELSE_MAP_DATA", None)
    return Path(default_data_dir())


def synthetic_data(scale: float, seed: int) -> Path:
    """The generated data set for (scale, seed), regenerated when the generator changed."""
    import ehelse_map.synthetic as synthetic
    import ehelse_map.synthetic.shapes as shapes
    from ehelse_map.safe_write import write_text

    code = b"".join(Path(module.__file__).read_bytes() for module in (synthetic, shapes))
    stamp = hashlib.sha256(code + f"|{scale}|{seed}".encode()).hexdigest()
    folder = RESULTS / "data" / f"n{scale:g}-seed{seed}"
    if (folder / ".stamp").is_file() and (folder / ".stamp").read_text() == stamp:
        return folder
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in synthetic.generate(scale, seed).items():
        write_text(folder / name, text, force=True)
    (folder / ".stamp").write_text(stamp)
    return folder


def describe(folder: Path) -> dict[str, object]:
    files = [folder / n for n in ("actors.yaml", "networks.yaml") if (folder / n).is_file()]
    texts = [f.read_text(encoding="utf-8") for f in files]
    return {"folder": str(folder), "files": [str(f) for f in files],
            "bytes": sum(len(t.encode()) for t in texts),
            "records": sum(t.count("\n  - id: ") for t in texts),
            "municipalities": sum(t.count("\n    kind: municipality") for t in texts)}


# --- building the groups -----------------------------------------------------------------------

def available(spec: Spec) -> tuple[bool, str]:
    """Whether `ehelse-map WORDS --help` works, and its help text."""
    result = subprocess.run(ehelse_map(*spec.words, "--help"), capture_output=True, text=True,
                            env=child_env(), cwd=ROOT)
    return result.returncode == 0, result.stdout


def command_argv(spec: Spec, help_text: str, data: Path | None, label: str,
                 out: Path) -> list[str]:
    argv = list(spec.words)
    if data is not None:
        argv += [str(data)] if spec.name == "validate" else ["--data", str(data)]
    if spec.suffix and "--output" in help_text:
        argv += ["--output", str(out / f"{spec.words[-1]}-{label}{spec.suffix}")]
    if spec.suffix and "--force" in help_text:
        argv.append("--force")
    return ehelse_map(*argv)


def floor_argv(variant: str, out: Path) -> list[str]:
    if variant == "matplotlib":
        return floor("--work", variant, "--output", str(out / "floor.png"))
    return floor("--work", variant) if variant else floor()


# --- reporting ---------------------------------------------------------------------------------

def fmt(value: float | None, spec: str = ".3f") -> str:
    return "-" if value is None else format(value, spec)


def ratio(a: float | None, b: float | None) -> float | None:
    return a / b if a is not None and b else None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="default,1,3,10",
                        help="comma-separated: 'default' and/or scales N (default: %(default)s)")
    parser.add_argument("--commands", default="help,validate,overlap,burden,diagram,report",
                        help="comma-separated subset of: help, " + ", ".join(SPECS))
    parser.add_argument("--repeats", type=int, default=5, help="counted runs per command on "
                        "synthetic data (default: %(default)s)")
    parser.add_argument("--small-repeats", type=int, default=11, help="counted runs on the "
                        "default data and for --help (default: %(default)s)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--timeout", type=float, default=900.0, help="seconds per run")
    parser.add_argument("--slow", type=float, default=60.0, help="count a command once when its "
                        "warm-up takes longer than this many seconds (default: %(default)s)")
    parser.add_argument("--clock", choices=("wall", "cpu"), default="wall", help="time the "
                        "ratios and targets use: wall (the issue's) or cpu, steadier on a busy "
                        "machine (default: %(default)s)")
    parser.add_argument("--json", type=Path, default=RESULTS / "latest.json")
    parser.add_argument("--quiet", action="store_true", help="no progress on stderr")
    args = parser.parse_args()

    wanted = [c.strip() for c in args.commands.split(",") if c.strip()]
    unknown = [c for c in wanted if c != "help" and c not in SPECS]
    if unknown:
        parser.error(f"unknown command(s): {', '.join(unknown)}")
    sizes = [s.strip() for s in args.sizes.split(",") if s.strip()]
    notes: list[str] = []
    specs: dict[str, tuple[Spec, str]] = {}
    for key in wanted:
        if key == "help":
            continue
        ok, help_text = available(SPECS[key])
        if ok:
            specs[key] = (SPECS[key], help_text)
        else:
            notes.append(f"skipped {SPECS[key].name}: `ehelse-map {' '.join(SPECS[key].words)}` "
                         "does not exist yet")

    RESULTS.mkdir(parents=True, exist_ok=True)
    out = Path(tempfile.mkdtemp(prefix="ehelse-bench-"))
    datasets: dict[str, dict[str, object]] = {}
    measures: list[Measure] = []
    started = time.time()
    for index, size in enumerate(sizes):
        label = "default" if size == "default" else f"N={float(size):g}"
        if not args.quiet:
            sys.stderr.write(f"{label}: preparing\n")
        folder = default_data() if size == "default" else synthetic_data(float(size), args.seed)
        datasets[label] = describe(folder)
        group: list[Measure] = []
        if index == 0 and "help" in wanted:
            group.append(Measure(label, "--help", ehelse_map("--help"), "floor --help"))
            group.append(Measure(label, "floor --help", floor("--help")))
        variants = sorted({s.floor for s, _ in specs.values()} | {""})
        group += [Measure(label, FLOOR_NAMES[v], floor_argv(v, out)) for v in variants]
        group.append(Measure(label, "bare parse (CSafeLoader)",
                             [sys.executable, "-c", PARSE, *datasets[label]["files"]]))
        for spec, help_text in specs.values():
            data = None if size == "default" else folder
            group.append(Measure(label, spec.name, command_argv(spec, help_text, data, label, out),
                                 FLOOR_NAMES[spec.floor]))
        for m in group:
            m.repeats = args.small_repeats if size == "default" else args.repeats
        measures += group
    if not args.quiet:
        sys.stderr.write(f"measuring {len(measures)} commands round-robin (+1 warm-up round)\n")
    try:
        measure_all(measures, out, args.timeout, args.slow, not args.quiet)
    finally:
        shutil.rmtree(out, ignore_errors=True)
    for m in measures:
        if m.note:
            notes.append(f"{m.dataset} {m.name}: {m.note}")

    by = {(m.dataset, m.name): m for m in measures}

    def median(dataset: str, name: str) -> float | None:
        m = by.get((dataset, name))
        return m.median(args.clock) if m else None

    rows = []
    print(f"{'data':<9}{'command':<26}{'wall s':>9}{'cpu s':>8}{'peak MB':>9}{'x floor':>9}"
          f"{'x parse':>9}   (ratios of {args.clock} time; medians)")
    for m in measures:
        base = median(m.dataset, m.baseline_floor) if m.baseline_floor else None
        parse = median(m.dataset, "bare parse (CSafeLoader)") if m.baseline_floor else None
        mine = m.median(args.clock)
        row = {"dataset": m.dataset, "command": m.name, "wall_s": m.median("wall"),
               "cpu_s": m.median("cpu"), "peak_mb": round(m.peak_mb, 1),
               "floor": m.baseline_floor, "x_floor": ratio(mine, base),
               "x_parse": ratio(mine, parse), "runs": len(m.times), "status": m.status}
        rows.append(row)
        shown = fmt(m.median("wall")) if m.status == "ok" else m.status
        print(f"{m.dataset:<9}{m.name:<26}{shown:>9}{fmt(m.median('cpu')):>8}{m.peak_mb:>9.1f}"
              f"{fmt(row['x_floor'], '.2f'):>9}{fmt(row['x_parse'], '.2f'):>9}")

    scaling = {}
    if "N=1" in datasets and "N=10" in datasets:
        print(f"\nScaling N=1 -> N=10 ({args.clock} time; 'net' subtracts the floor's time)")
        for name in ["bare parse (CSafeLoader)", *(s.name for s, _ in specs.values())]:
            t1, t10 = median("N=1", name), median("N=10", name)
            base_name = next((FLOOR_NAMES[s.floor] for s, _ in specs.values()
                              if s.name == name), "")
            f1, f10 = median("N=1", base_name), median("N=10", base_name)
            factor = ratio(t10, t1)
            net = ratio(t10 - f10, t1 - f1) if None not in (t1, t10, f1, f10) else None
            scaling[name] = {"n1_s": t1, "n10_s": t10, "factor": factor, "net_factor": net}
            print(f"  {name:<26}{fmt(t1):>9} -> {fmt(t10):>9}  {fmt(factor, '.1f'):>6}x"
                  f"  (net {fmt(net, '.1f')}x)")

    targets = []

    def target(name: str, value: float | None, limit: float) -> None:
        verdict = "n/a" if value is None else ("ok" if value <= limit else "MISSED")
        targets.append({"target": name, "value": value, "limit": limit, "verdict": verdict})

    first = sizes[0] if sizes else ""
    first_label = "default" if first == "default" else f"N={float(first):g}" if first else ""
    target("--help <= 1.3x floor --help",
           ratio(median(first_label, "--help"), median(first_label, "floor --help")), 1.3)
    target("validate (default data) <= 1.5x floor plain run",
           ratio(median("default", "validate"), median("default", "floor (plain run)")), 1.5)
    target("diagram landscape (default data) <= 1.5x floor --work matplotlib",
           ratio(median("default", "diagram landscape"),
                 median("default", "floor --work matplotlib")), 1.5)
    for name in PARSE_BOUND:
        target(f"N=10 {name} <= 3x bare C-loader parse",
               ratio(median("N=10", name), median("N=10", "bare parse (CSafeLoader)")), 3.0)
    peaks = [m.peak_mb for m in measures if m.dataset == "N=10" and m.status == "ok"
             and m.baseline_floor]
    target("N=10 peak memory < 1024 MB (largest command)", max(peaks) if peaks else None, 1024.0)
    for name, s in scaling.items():
        if name != "bare parse (CSafeLoader)":
            target(f"N=1 -> N=10 {name} time growth <= 12x", s["factor"], 12.0)
    print("\nTargets")
    for t in targets:
        print(f"  {t['verdict']:<7}{t['target']}: {fmt(t['value'], '.2f')}")
    for note in notes:
        print(f"  note: {note}")

    payload = {
        "meta": {"python": platform.python_version(), "platform": platform.platform(),
                 "cpus": os.cpu_count(), "started": time.strftime("%Y-%m-%dT%H:%M:%S",
                                                                   time.localtime(started)),
                 "seconds": round(time.time() - started, 1), "repeats": args.repeats,
                 "small_repeats": args.small_repeats, "seed": args.seed, "clock": args.clock,
                 "load_average": os.getloadavg() if hasattr(os, "getloadavg") else None,
                 "commit": _commit()},
        "datasets": datasets, "rows": rows, "scaling": scaling, "targets": targets,
        "notes": notes, "measures": [asdict(m) for m in measures],
    }
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(payload, indent=2) + "\n")
    if not args.quiet:
        sys.stderr.write(f"wrote {args.json}\n")
    return 1 if any(t["verdict"] == "MISSED" for t in targets) else 0


def _commit() -> str | None:
    result = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True,
                            text=True, cwd=ROOT)
    return result.stdout.strip() or None


if __name__ == "__main__":
    raise SystemExit(main())
