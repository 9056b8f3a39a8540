"""Process-wide state lives in ehelse_map/runtime.py, and only there."""

from __future__ import annotations

import gc
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from ehelse_map import runtime

SRC = Path(runtime.__file__).resolve().parent

#: What changes the process beyond one call: the collector, the module table, module globals
#: rebound at run time, process-wide memo caches, logger levels, class attributes set from
#: outside the class body, signal handlers, exit hooks, the environment, warning filters,
#: the recursion limit and the locale.
PROCESS_WIDE = re.compile(
    r"^\s*import gc\b|\bgc\.(disable|enable|freeze)\(|sys\.modules\[[^]]+\]\s*=|^\s*global\s"
    r"|functools\.(cache|lru_cache)\b|^\s*@(cache|lru_cache)\b|\.setLevel\("
    r"|^\s*[A-Z]\w*\.[a-z_]\w*\s*=[^=]"
    r"|\bsignal\.signal\(|\batexit\.register\(|os\.environ\[[^]]+\]\s*=[^=]|os\.putenv\("
    r"|warnings\.(filterwarnings|simplefilter)\(|sys\.setrecursionlimit\(|locale\.setlocale\(",
    re.M)


def test_no_module_but_runtime_changes_process_wide_state():
    found = [f"{path.relative_to(SRC)}:{text[:match.start()].count(chr(10)) + 1}: "
             f"{match.group(0).strip()}"
             for path in sorted(SRC.rglob("*.py")) if path.name != "runtime.py"
             for text in [path.read_text(encoding="utf-8")]
             for match in PROCESS_WIDE.finditer(text)]
    assert found == [], "process-wide state belongs in runtime.py, with its reason"


def test_collector_paused_restores_the_collector():
    assert gc.isenabled()
    with runtime.collector_paused():
        assert not gc.isenabled()
    assert gc.isenabled()
    gc.disable()
    try:
        with runtime.collector_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_collector_on_with_data_frozen_leaves_a_running_collector_alone():
    """The library and in-process callers (tests) keep their own settings."""
    frozen = gc.get_freeze_count()
    runtime.collector_on_with_data_frozen()
    assert gc.isenabled() and gc.get_freeze_count() == frozen


def test_collector_on_with_data_frozen_turns_it_back_on():
    gc.disable()
    try:
        runtime.collector_on_with_data_frozen()
        assert gc.isenabled()
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()
        gc.enable()


def _after_command(args: list[str]) -> str:
    code = ("import gc, sys\nfrom ehelse_map.cli import run\n"
            f"sys.argv = ['ehelse-map', *{args!r}]\n"
            "try:\n    run()\nexcept SystemExit:\n    pass\n"
            "sys.stderr.write(f'COLLECTOR={gc.isenabled()},{gc.get_freeze_count() > 0}')\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    return result.stderr.rsplit("COLLECTOR=", 1)[1].strip()


@pytest.mark.slow
def test_the_console_entry_point_runs_without_the_collector_until_the_data_is_loaded():
    assert _after_command(["--help"]) == "False,False"
    assert _after_command(["actors", "--format", "json"]) == "True,True"


@pytest.mark.slow
def test_diff_loads_both_data_sets_before_the_collector_comes_back(tmp_path):
    # the second data set may be as large as the first: loading it with the collector on
    # would walk its growing heap again and again, as loading the first would (runtime.py)
    from ehelse_map.load.files import default_data_dir

    folder = str(default_data_dir())
    code = ("import gc, sys\nimport ehelse_map.model.build as build\n"
            "seen = []\noriginal = build.load_dataset\n"
            "def spy(*args, **kwargs):\n    seen.append(gc.isenabled())\n"
            "    return original(*args, **kwargs)\n"
            "build.load_dataset = spy\nfrom ehelse_map.cli import run\n"
            f"sys.argv = ['ehelse-map', 'diff', {folder!r}, {folder!r}]\n"
            "try:\n    run()\nexcept SystemExit:\n    pass\n"
            "sys.stderr.write(f'LOADS={seen},{gc.isenabled()}')\n")
    env = {**os.environ, "EHELSE_MAP_CACHE": str(tmp_path / "cache")}
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            env=env)
    assert result.stderr.rsplit("LOADS=", 1)[1].strip() == "[False, False],True"


def test_circlify_comes_without_pyplot_and_without_stdout_logging():
    code = ("import logging, sys\nfrom ehelse_map.runtime import import_circlify\n"
            "module = import_circlify()\n"
            "print(module.__name__, 'matplotlib.pyplot' in sys.modules,"
            " logging.getLogger('circlify').level == logging.ERROR)\n"
            "import matplotlib.pyplot\n")  # still importable afterwards
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True)
    assert result.stdout.split() == ["circlify", "False", "True"]


def test_igraph_comes_without_matplotlib_which_stays_importable():
    # igraph's drawing modules import matplotlib and pyplot whenever they can: brokers
    # would start half a second later for plotting it never does
    code = ("import sys\nfrom ehelse_map.runtime import import_igraph\n"
            "module = import_igraph()\n"
            "print(module.__name__, 'matplotlib' in sys.modules,"
            " module.Graph(n=3, edges=[(0, 1), (1, 2)]).betweenness())\n"
            "import matplotlib.pyplot\n")  # still importable afterwards
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True)
    assert result.stdout.strip().split(maxsplit=2) == ["igraph", "False", "[0.0, 1.0, 0.0]"]


def test_a_module_is_unimportable_only_inside_the_block():
    code = ("import sys\nfrom ehelse_map.runtime import unimportable\n"
            "with unimportable('json'):\n"
            "    try:\n        import json\n    except ImportError:\n        print('refused')\n"
            "import json\nprint(json.dumps(1))\n"
            "with unimportable('json'):\n    import json as again\n"  # loaded: left alone
            "print(again is json)\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True)
    assert result.stdout.split() == ["refused", "1", "True"]


def test_loading_leaves_nothing_for_the_cyclic_collector():
    # the console turns the collector off while data loads and then freezes what is alive
    # (runtime.py): anything a load leaves in reference cycles would stay for the whole run.
    # Bound methods kept on the checker and a recursive closure once kept 437,000 objects
    # (every checked record and position, 72 MiB at ten times Nordic scale).
    code = ("import gc\nfrom ehelse_map.model.build import load_dataset\n"
            "load_dataset()\ngc.collect()\ngc.disable()\n"
            "data = load_dataset()\nprint(len(data.actors), gc.collect())\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True, env={**os.environ, "EHELSE_MAP_CACHE": "off"})
    actors, garbage = map(int, result.stdout.split())
    assert actors > 400 and garbage < 50


def test_analyses_run_without_collections_make_no_reference_cycles():
    # burden_views, central_loads, overlap and anchoring pause the collector
    # (runtime.without_collections):
    # what they made in cycles would stay until the next collection after them
    code = ("import gc\nfrom datetime import date\n"
            "from ehelse_map.model.build import load_dataset\n"
            "from ehelse_map.analyses.burden import burden_views, central_loads\n"
            "from ehelse_map.analyses.overlap import overlap\n"
            "from ehelse_map.analyses.anchoring import anchoring\n"
            "data, day = load_dataset(), date(2025, 1, 1)\n"
            "runs = (lambda: burden_views(data, day, ('municipality', 'person', 'role', 'region')),"
            " lambda: central_loads(data, day), lambda: overlap(data, day, persons=True),"
            " lambda: anchoring(data, day))\n"
            "for run in runs:\n"
            "    run(); gc.collect(); gc.disable(); run(); print(gc.collect()); gc.enable()\n"
            "print(gc.isenabled())\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True, env={**os.environ, "EHELSE_MAP_CACHE": "off"})
    *collected, enabled = result.stdout.split()
    assert enabled == "True", "the collector is on again after them"
    assert all(int(n) < 50 for n in collected), collected


def _line_set_doc(code: str) -> tuple[str, str]:
    """What Line2D.set's docstring ends with after `code` ran, and where kwdoc comes from and
    whether set()'s signature still lists the properties."""
    code += ("import inspect, matplotlib.artist, matplotlib.lines\n"
             "print(matplotlib.lines.Line2D.set.__doc__.rstrip().splitlines()[-1].strip())\n"
             "print(matplotlib.artist.kwdoc.__module__,"
             " 'linewidth' in inspect.signature(matplotlib.lines.Line2D.set).parameters)\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True, env={**os.environ, "EHELSE_MAP_CACHE": "off"})
    last, origin = result.stdout.splitlines()[-2:]
    return last, origin


@pytest.mark.slow
def test_a_console_picture_imports_matplotlib_without_its_property_lists(tmp_path):
    # a quarter of importing matplotlib.figure is writing every artist's settable properties
    # into its set() docstring; a console command never shows them (runtime.py)
    picture = tmp_path / "landscape.png"
    code = ("import sys\nfrom ehelse_map.cli import run\n"
            f"sys.argv = ['ehelse-map', 'diagram', 'landscape', '--output', {str(picture)!r}]\n"
            "try:\n    run()\nexcept SystemExit:\n    pass\n")
    assert _line_set_doc(code) == (runtime.BRIEF_KWDOC, "matplotlib.artist True")
    assert picture.read_bytes().startswith(b"\x89PNG")


def test_the_library_gets_matplotlib_with_its_property_lists():
    code = "from ehelse_map.runtime import import_matplotlib\nimport_matplotlib()\n"
    last, origin = _line_set_doc(code)
    assert last != runtime.BRIEF_KWDOC and origin == "matplotlib.artist True"
