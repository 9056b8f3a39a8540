"""Benchmark suite (issues 8 and 22): time and peak memory of every command, from the bundled
data to thirty times Nordic scale, against fair floors run in the same rounds.

    python bench/run.py                                   # everything: about an hour
    python bench/run.py --sizes default,1 --commands validate,overlap --repeats 3
    python bench/run.py --out bench/results/2026-11-30.txt   # also keep the printed report

Each command runs as its own process, round-robin with its baselines on the same data (so
machine noise hits them alike): the matching `bench/floor.py` variant (a typer app that only
imports what the command cannot avoid) and the bare parse of the same YAML files with PyYAML's
C loader, with the cyclic garbage collector on (as a plain script runs) and off (as our
loader runs). Each counted run of a command comes right after a run of its floor (and at N=10,
for the commands held to the parse, of the collector-off parse), and its ratio is the median
of those pairs' ratios: the machine's speed drifts over minutes, and unevenly. Synthetic data
sets (data format 2: ranges, seats, participation) are written once per scale and seed under
bench/results/data/. Prints times (wall and CPU), peak memory
(the RSS of the command's process tree), ratios, the growth from N=1 to N=10 and a verdict per
target; writes JSON to bench/results/latest.json. Exits 1 when a target is missed. See
bench/README.md.
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
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from timing import ROOT, ehelse_map, floor

RESULTS = ROOT / "bench" / "results"
PARSE = ("import gc, sys, yaml\n"
         "if sys.argv[1] == 'off':\n"
         "    gc.disable()\n"
         "for name in sys.argv[2:]:\n"
         "    with open(name, 'rb') as handle:\n"
         "        yaml.load(handle, Loader=yaml.CSafeLoader)\n")
PARSE_ON, PARSE_OFF = "bare parse (gc on)", "bare parse (gc off)"
FLOOR_NAMES = {"": "floor (plain run)", "networkx": "floor --work networkx",
               "matplotlib": "floor --work matplotlib"}

#: What a command needs to know about the data set it runs on.
@dataclass(frozen=True)
class Place:
    data: Path | None  # None: the bundled data (no --data)
    label: str  # default, N=1, ...
    out: Path  # a scratch folder for files commands write
    synthetic: bool

    def data_args(self) -> list[str]:
        return [] if self.data is None else ["--data", str(self.data)]

    def folder(self) -> str:
        return str(self.data) if self.data is not None else str(default_data())

    def file(self, name: str) -> str:
        return str(self.out / f"{self.label.replace('=', '')}-{name}")

    def pick(self, bundled: str, synthetic: str) -> str:
        return synthetic if self.synthetic else bundled


@dataclass(frozen=True)
class Spec:
    """One benchmarked command: its name, how to build its words, and its floor variant."""

    name: str
    words: Callable[[Place], list[str]]
    floor: str  # bench/floor.py --work value; "" is the plain run
    kind: str  # start-up, check, listing, analysis, diagram, report, export, scenario, tool


def _data(*words: str, kind: str = "analysis", floor_variant: str = "networkx") -> Spec:
    return Spec(" ".join(words), lambda p: [*words, *p.data_args()], floor_variant, kind)


def _diagram(kind: str) -> Spec:
    return Spec(f"diagram {kind}", lambda p: ["diagram", kind, *p.data_args(), "--output",
                                              p.file(f"{kind}.png"), "--force"],
                "matplotlib", "diagram")


def _export(fmt: str) -> Spec:
    def words(p: Place) -> list[str]:
        target = p.file(f"export-{fmt}/") if fmt == "csv" else p.file(f"export.{fmt}")
        if fmt == "csv":
            Path(target).mkdir(parents=True, exist_ok=True)
        return ["export", "-f", fmt, *p.data_args(), "--output", target, "--force"]
    return Spec(f"export {fmt}", words, "networkx", "export")


MERGE = ("digi-vestland,digi-vestland-ehelse",
         "syn-no-county-001-digi,syn-no-county-001-digi-ehealth")
SPECS: dict[str, Spec] = {s.name: s for s in [
    Spec("validate", lambda p: ["validate", p.folder()], "", "check"),
    _data("actors", kind="listing", floor_variant=""),
    _data("networks", kind="listing", floor_variant=""),
    Spec("show", lambda p: ["show", p.pick("ks", "syn-no-ministry"), *p.data_args()], "",
         "listing"),
    _data("overlap"), _data("burden"), _data("funding"), _data("anchoring"), _data("gaps"),
    _data("brokers"),
    _diagram("landscape"), _diagram("overlap"), _diagram("burden"), _diagram("upset"),
    Spec("diagram sensitivity", lambda p: ["diagram", "sensitivity", *p.data_args(), "--output",
                                            p.file("sensitivity.png"), "--force"],
         "matplotlib", "scenario"),  # the sensitivity sweep, drawn: no 1.5x floor target
    Spec("report", lambda p: ["report", *p.data_args(), "--output", p.file("report.html"),
                              "--force"], "matplotlib", "report"),
    _export("graphml"), _export("gexf"), _export("json"), _export("csv"), _export("xlsx"),
    Spec("whatif", lambda p: ["whatif", "--merge", p.pick(*MERGE), *p.data_args()],
         "networkx", "analysis"),
    _data("recommend"),
    _data("sensitivity", kind="scenario"),  # its own target: under 60 s at N=10
    Spec("diff", lambda p: ["diff", p.folder(), p.folder()], "networkx", "analysis"),
    Spec("survey create", lambda p: [
        "survey", "create", *p.data_args(), "--region",
        p.pick("vestland", "syn-no-county-001"), "--output", p.file("survey"), "--force"],
        "", "tool"),
    Spec("survey import", lambda p: [
        "survey", "import", p.file("survey"), *p.data_args(), "--output",
        p.file("observations.yaml")], "", "tool"),
    Spec("schema", lambda p: ["schema"], "", "tool"),
    Spec("migrate --check", lambda p: ["migrate", p.folder(), "--check"], "", "tool"),
    Spec("generate", lambda p: ["generate", "--scale", p.pick("1", p.label[2:]), "--output",
                                p.file("generated"), "--force"], "", "tool"),
]}
#: Commands whose time at N=10 is held to a multiple of the collector-off bare parse.
PARSE_BOUND = {"validate": 1.2, "overlap": 2.0, "burden": 2.0}
#: Sizes run once, without a warm-up: the target there is to finish.
ONCE = ("30",)


@dataclass
class Measure:
    dataset: str
    name: str
    argv: list[str]
    baseline_floor: str | None = None
    kind: str = ""
    repeats: int = 5
    warm_up: bool = True
    times: list[float] = field(default_factory=list)
    cpu_times: list[float] = field(default_factory=list)  # user + system seconds of the tree
    peak_mb: float = 0.0  # MiB
    status: str = "ok"  # ok | failed | skipped
    note: str = ""
    pair_parse: bool = False
    """Also pair with the collector-off parse (the N=10 commands held to it)."""
    paired: dict[str, list[list[float]]] = field(default_factory=dict)
    """Baseline name -> [wall, cpu] of each of those runs, in the order of `times`."""

    def median(self, clock: str = "wall") -> float | None:
        times = self.times if clock == "wall" else self.cpu_times
        return statistics.median(times) if times else None

    def pair_with(self) -> list[str]:
        """Baselines (by name, same data set) run once right before each counted run."""
        floors = [self.baseline_floor] if self.baseline_floor else []
        return floors + ([PARSE_OFF] if self.pair_parse else [])

    def paired_ratio(self, baseline: str, clock: str = "wall") -> float | None:
        """The median over the counted runs of this run's time over its baseline's run just
        before it: a drift of the machine that lasts longer than the two runs leaves it alone."""
        index = 0 if clock == "wall" else 1
        mine = self.times if clock == "wall" else self.cpu_times
        theirs = [pair[index] for pair in self.paired.get(baseline, [])]
        ratios = [a / b for a, b in zip(mine, theirs, strict=False) if b > 0]
        return statistics.median(ratios) if ratios and len(theirs) == len(mine) else None


#: Where the commands keep their data-set cache: "off" (every run reads, checks and builds its
#: data, as a first run does: the default), or a private folder (`--cache warm`: the warm-up
#: run fills it, so the counted runs are what a user gets from the second run on).
CACHE = "off"


def child_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if k not in ("EHELSE_MAP_DATA", "GITHUB_ACTIONS", "FORCE_COLOR",
                        "PYTHONDONTWRITEBYTECODE")}  # steady state: cached bytecode, as users get
    env.update(COLUMNS="100", NO_COLOR="1", TERM="dumb", EHELSE_MAP_CACHE=CACHE)
    return env


#: Runs one command and prints its wall time, CPU time, peak RSS and exit code. A fresh, small
#: process launches each command: a child's ru_maxrss starts at the RSS of the process that
#: forked it (Linux records the old image at exec), so launching from this script, which has
#: read the data sets, would inflate every figure to this script's own peak. Peak memory is of
#: the process tree: the largest ru_maxrss of any process in it (wait4), or the largest sum of
#: the RSS of all its processes seen by polling /proc every 10 ms, whichever is larger.
LAUNCHER = """\
import os, subprocess, sys, threading, time
def tree_rss(pid):
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        try:
            with open(f'/proc/{p}/status') as f:
                for line in f:
                    if line.startswith('VmRSS:'):
                        total += int(line.split()[1])
                        break
            for task in os.listdir(f'/proc/{p}/task'):
                with open(f'/proc/{p}/task/{task}/children') as f:
                    todo += [int(c) for c in f.read().split()]
        except OSError:
            pass
    return total
start = time.perf_counter()
child = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL)
peak = [0]
done = threading.Event()
def poll():
    while not done.wait(0.01):
        peak[0] = max(peak[0], tree_rss(child.pid))
if os.path.isdir('/proc'):
    threading.Thread(target=poll, daemon=True).start()
_, status, usage = os.wait4(child.pid, 0)
elapsed = time.perf_counter() - start
done.set()
print(elapsed, usage.ru_utime + usage.ru_stime, max(usage.ru_maxrss, peak[0]),
      os.waitstatus_to_exitcode(status))
"""


def run_once(argv: list[str], cwd: Path, timeout: float) -> tuple[float, float, float, int, str]:
    """Wall and CPU seconds, peak RSS in MiB (of the command's process tree), exit code and the
    tail of stderr. The launcher's own start-up is not counted."""
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

    A command whose warm-up took longer than `slow` seconds is counted once more, not
    `repeats` times; a measure without `warm_up` (the largest data) is run once and counted.
    """
    live = [m for m in measures if m.status == "ok"]
    by_name = {(m.dataset, m.name): m for m in measures}
    rounds = max((m.repeats for m in live), default=0)
    started = time.time()
    for round_no in range(rounds + 1):
        for m in live:
            if m.status != "ok" or (round_no and len(m.times) >= m.repeats):
                continue
            if not m.warm_up and round_no == 0:
                continue
            pairs = []
            if round_no:  # each counted run right after a run of each of its baselines
                for name in m.pair_with():
                    baseline = by_name.get((m.dataset, name))
                    if baseline is not None and baseline.status == "ok":
                        b_elapsed, b_cpu, _, b_code, _ = run_once(baseline.argv, cwd, timeout)
                        if b_code == 0:
                            pairs.append((name, [b_elapsed, b_cpu]))
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
                for name, pair in pairs:
                    m.paired.setdefault(name, []).append(pair)
            elif elapsed > slow and m.repeats > 1:
                m.repeats = 1
                m.note = f"warm-up took {elapsed:.0f} s (> --slow {slow:g}); counted once"
        if progress:
            sys.stderr.write(f"  round {round_no}/{rounds} done ({time.time() - started:.0f} s)\n")


# --- data sets ---------------------------------------------------------------------------------

def default_data() -> Path:
    from ehelse_map.load.files import default_data_dir

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
    parser.add_argument("--sizes", default="default,1,3,10,30",
                        help="comma-separated: 'default' and/or scales N (default: %(default)s)")
    parser.add_argument("--commands", default="all",
                        help="comma-separated subset of: help, " + ", ".join(SPECS))
    parser.add_argument("--repeats", type=int, default=3, help="counted runs per command on "
                        "synthetic data (default: %(default)s)")
    parser.add_argument("--small-repeats", type=int, default=9, help="counted runs on the "
                        "default data and for --help (default: %(default)s)")
    parser.add_argument("--bound-repeats", type=int, default=7, help="counted runs at N=10 "
                        "of the commands held to the collector-off parse (validate, overlap, "
                        "burden): their targets are ratios of one pair of several-second runs "
                        "each, which the machine moves by a sixth (default: %(default)s)")
    parser.add_argument("--once", default=",".join(ONCE), help="sizes run once without a "
                        "warm-up, where the target is to finish (default: %(default)s)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--timeout", type=float, default=1800.0, help="seconds per run")
    parser.add_argument("--slow", type=float, default=60.0, help="count a command once when its "
                        "warm-up takes longer than this many seconds (default: %(default)s)")
    parser.add_argument("--clock", choices=("wall", "cpu"), default="cpu", help="time the "
                        "ratios and targets use: cpu (user + system of the process tree, "
                        "steadier on a busy machine: the default) or wall (default: %(default)s)")
    parser.add_argument("--cache", choices=("off", "warm"), default="off", help="the data-set "
                        "cache: off (every run loads its data, as a first run does) or warm "
                        "(filled by the warm-up run, as every later run of a user) "
                        "(default: %(default)s)")
    parser.add_argument("--json", type=Path, default=RESULTS / "latest.json")
    parser.add_argument("--out", type=Path, default=None,
                        help="also write the printed report to this file")
    parser.add_argument("--quiet", action="store_true", help="no progress on stderr")
    args = parser.parse_args()

    wanted = (["help", *SPECS] if args.commands == "all" else
              [c.strip() for c in args.commands.split(",") if c.strip()])
    unknown = [c for c in wanted if c != "help" and c not in SPECS]
    if unknown:
        parser.error(f"unknown command(s): {', '.join(unknown)}")
    sizes = [s.strip() for s in args.sizes.split(",") if s.strip()]
    once = {s.strip() for s in args.once.split(",") if s.strip()}
    notes: list[str] = []
    specs = [SPECS[key] for key in wanted if key != "help"]

    RESULTS.mkdir(parents=True, exist_ok=True)
    out = Path(tempfile.mkdtemp(prefix="ehelse-bench-"))
    global CACHE
    if args.cache == "warm":
        CACHE = tempfile.mkdtemp(prefix="ehelse-bench-cache-")  # private: mode 700
    datasets: dict[str, dict[str, object]] = {}
    measures: list[Measure] = []
    started = time.time()
    for index, size in enumerate(sizes):
        label = "default" if size == "default" else f"N={float(size):g}"
        if not args.quiet:
            sys.stderr.write(f"{label}: preparing\n")
        folder = default_data() if size == "default" else synthetic_data(float(size), args.seed)
        datasets[label] = describe(folder)
        place = Place(None if size == "default" else folder, label, out, size != "default")
        group: list[Measure] = []
        if index == 0 and "help" in wanted:
            group.append(Measure(label, "--help", ehelse_map("--help"), "floor --help",
                                 "start-up"))
            group.append(Measure(label, "floor --help", floor("--help")))
        variants = sorted({s.floor for s in specs} | {""})
        group += [Measure(label, FLOOR_NAMES[v], floor_argv(v, out)) for v in variants]
        files = [str(f) for f in datasets[label]["files"]]  # type: ignore[attr-defined]
        for name, switch in ((PARSE_ON, "on"), (PARSE_OFF, "off")):
            group.append(Measure(label, name, [sys.executable, "-c", PARSE, switch, *files]))
        for spec in specs:
            group.append(Measure(label, spec.name, ehelse_map(*spec.words(place)),
                                 FLOOR_NAMES[spec.floor], spec.kind,
                                 pair_parse=label == "N=10" and spec.name in PARSE_BOUND))
        for m in group:
            m.repeats = (1 if size in once else
                         args.small_repeats if size == "default" else args.repeats)
            if m.pair_parse and size not in once:
                m.repeats = max(m.repeats, args.bound_repeats)
            m.warm_up = size not in once
        measures += group
    if not args.quiet:
        sys.stderr.write(f"measuring {len(measures)} commands round-robin (+1 warm-up round)\n")
    try:
        measure_all(measures, out, args.timeout, args.slow, not args.quiet)
    finally:
        shutil.rmtree(out, ignore_errors=True)
        if CACHE != "off":
            shutil.rmtree(CACHE, ignore_errors=True)
    for m in measures:
        if m.note:
            notes.append(f"{m.dataset} {m.name}: {m.note}")

    by = {(m.dataset, m.name): m for m in measures}
    lines: list[str] = []

    def say(text: str = "") -> None:
        lines.append(text)
        print(text)

    def median(dataset: str, name: str) -> float | None:
        m = by.get((dataset, name))
        return m.median(args.clock) if m else None

    meta = {"python": platform.python_version(), "platform": platform.platform(),
            "cpus": os.cpu_count(), "started": time.strftime("%Y-%m-%dT%H:%M:%S",
                                                              time.localtime(started)),
            "seconds": round(time.time() - started, 1), "repeats": args.repeats,
            "small_repeats": args.small_repeats, "bound_repeats": args.bound_repeats,
            "once": sorted(once), "seed": args.seed,
            "clock": args.clock, "cache": args.cache, "commit": _commit(),
            "load_average": os.getloadavg() if hasattr(os, "getloadavg") else None}
    say(f"bench/run.py at {meta['commit']}, {meta['started']}, {meta['seconds']:.0f} s, "
        f"{meta['cpus']} cores, Python {meta['python']}, load average at the end "
        f"{' '.join(f'{x:.1f}' for x in meta['load_average'] or ())}")
    say(f"medians of {args.repeats} runs on synthetic data ({args.small_repeats} on the bundled "
        f"data, {args.bound_repeats} of N=10 {', '.join(PARSE_BOUND)}), sizes "
        f"{', '.join(sorted(once))} run once; ratios of {args.clock} time, to the "
        "floor (and at N=10 to the collector-off parse) paired: each run over its baseline's run "
        "right before it; "
        + ("data-set cache off (first runs)" if args.cache == "off" else
           "data-set cache warm (later runs; sizes run once are first runs)"))
    for label, info in datasets.items():
        say(f"  {label}: {info['bytes'] / 1e6:.1f} MB of YAML, {info['records']:,} records, "
            f"{info['municipalities']:,} municipalities")
    say()
    say(f"{'data':<9}{'command':<26}{'wall s':>9}{'cpu s':>9}{'peak MiB':>9}{'x floor':>9}"
        f"{'x parse':>9}{'x p.off':>9}")
    def versus(m: Measure, baseline: str) -> float | None:
        """m over `baseline`: the median of the ratios to the baseline run right before each
        counted run where m has them (`pair_with()`), else the ratio of the two medians."""
        paired = m.paired_ratio(baseline, args.clock)
        return paired if paired is not None else ratio(m.median(args.clock),
                                                       median(m.dataset, baseline))

    rows = []
    for m in measures:
        row = {"dataset": m.dataset, "command": m.name, "kind": m.kind,
               "wall_s": m.median("wall"), "cpu_s": m.median("cpu"),
               "peak_mb": round(m.peak_mb, 1), "floor": m.baseline_floor,
               "x_floor": versus(m, m.baseline_floor) if m.baseline_floor else None,
               "x_parse": versus(m, PARSE_ON) if m.baseline_floor else None,
               "x_parse_off": versus(m, PARSE_OFF) if m.baseline_floor else None,
               "paired": sorted(m.paired), "runs": len(m.times), "status": m.status}
        rows.append(row)
        shown = fmt(m.median("wall")) if m.status == "ok" else m.status
        say(f"{m.dataset:<9}{m.name:<26}{shown:>9}{fmt(m.median('cpu')):>9}{m.peak_mb:>9.0f}"
            f"{fmt(row['x_floor'], '.2f'):>9}{fmt(row['x_parse'], '.2f'):>9}"
            f"{fmt(row['x_parse_off'], '.2f'):>9}")

    scaling = {}
    if "N=1" in datasets and "N=10" in datasets:
        say(f"\nGrowth N=1 -> N=10 ({args.clock} time; 'net' subtracts the floor's time)")
        for name in [PARSE_ON, PARSE_OFF, *(s.name for s in specs)]:
            t1, t10 = median("N=1", name), median("N=10", name)
            base_name = next((FLOOR_NAMES[s.floor] for s in specs if s.name == name), "")
            f1, f10 = median("N=1", base_name), median("N=10", base_name)
            factor = ratio(t10, t1)
            net = ratio(t10 - f10, t1 - f1) if None not in (t1, t10, f1, f10) else None
            scaling[name] = {"n1_s": t1, "n10_s": t10, "factor": factor, "net_factor": net}
            say(f"  {name:<26}{fmt(t1):>9} -> {fmt(t10):>9}  {fmt(factor, '.1f'):>6}x"
                f"  (net {fmt(net, '.1f')}x)")

    targets = []

    def target(name: str, value: float | None, limit: float, unit: str = "x") -> None:
        verdict = "n/a" if value is None else ("ok" if value <= limit else "MISSED")
        targets.append({"target": name, "value": value, "limit": limit, "unit": unit,
                        "verdict": verdict})

    def floor_ratio(dataset: str, name: str) -> float | None:
        m = by.get((dataset, name))
        return versus(m, m.baseline_floor) if m and m.baseline_floor else None

    first = sizes[0] if sizes else ""
    first_label = "default" if first == "default" else f"N={float(first):g}" if first else ""
    target("--help <= 1.2x floor --help",
           floor_ratio(first_label, "--help"), 1.2)
    target("default data: validate <= 1.3x floor plain run", floor_ratio("default", "validate"),
           1.3)
    for spec in specs:
        if spec.kind == "analysis":
            target(f"default data: {spec.name} <= 1.3x floor --work networkx",
                   floor_ratio("default", spec.name), 1.3)
        elif spec.kind == "diagram":
            target(f"default data: {spec.name} <= 1.5x floor --work matplotlib",
                   floor_ratio("default", spec.name), 1.5)
        elif spec.kind == "report":
            target("default data: report <= 2x floor --work matplotlib",
                   floor_ratio("default", spec.name), 2.0)
    for name, limit in PARSE_BOUND.items():
        if name in SPECS and SPECS[name] in specs:
            target(f"N=10 {name} <= {limit:g}x bare parse with the collector off",
                   versus(by[("N=10", name)], PARSE_OFF) if ("N=10", name) in by else None,
                   limit)
    if "sensitivity" in SPECS and SPECS["sensitivity"] in specs:
        m = by.get(("N=10", "sensitivity"))
        target("N=10 sensitivity < 60 s (wall)", m.median("wall") if m else None, 60.0, "s")
        target("N=10 sensitivity < 60 s (cpu)", m.median("cpu") if m else None, 60.0, "s")
    peaks = [(m.peak_mb, m.name) for m in measures if m.dataset == "N=10"
             and m.status == "ok" and m.kind]
    if peaks:
        for peak, name in sorted(peaks, reverse=True):
            target(f"N=10 peak memory <= 300 MiB: {name}", peak, 300.0, "MiB")
    for name, s in scaling.items():
        if name not in (PARSE_ON, PARSE_OFF):
            target(f"N=1 -> N=10 growth <= 10x: {name}", s["factor"], 10.0)
    for m in measures:
        if m.dataset == "N=30" and m.kind:
            target(f"N=30 finishes: {m.name}", 0.0 if m.status == "ok" else 1.0, 0.0, "")
    say("\nTargets")
    for t in targets:
        value = t["value"]
        shown = ("finished" if t["unit"] == "" and value == 0.0 else
                 "did not finish" if t["unit"] == "" else f"{fmt(value, '.2f')}{t['unit']}")
        say(f"  {t['verdict']:<7}{t['target']}: {shown}")
    for note in notes:
        say(f"  note: {note}")

    payload = {"meta": meta, "datasets": datasets, "rows": rows, "scaling": scaling,
               "targets": targets, "notes": notes, "measures": [asdict(m) for m in measures]}
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(payload, indent=2) + "\n")
    if args.out is not None:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text("\n".join(lines) + "\n")
    if not args.quiet:
        sys.stderr.write(f"wrote {args.json}\n")
    return 1 if any(t["verdict"] == "MISSED" for t in targets) else 0


def _commit() -> str | None:
    result = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True,
                            text=True, cwd=ROOT)
    return result.stdout.strip() or None


if __name__ == "__main__":
    raise SystemExit(main())
