"""The package root: a typed public API that stays light to import."""

from __future__ import annotations

import ast
import importlib
import subprocess
import sys
from pathlib import Path

import pytest

import ehelse_map

PACKAGE = Path(ehelse_map.__file__).resolve().parent


def _type_checking_imports(init: Path = PACKAGE / "__init__.py") -> dict[str, str]:
    """Name -> module of the imports under `if TYPE_CHECKING:` in a package's __init__.py."""
    tree = ast.parse(init.read_text(encoding="utf-8"))
    block = next(node for node in tree.body if isinstance(node, ast.If)
                 and isinstance(node.test, ast.Name) and node.test.id == "TYPE_CHECKING")
    return {alias.asname or alias.name: node.module for node in block.body
            if isinstance(node, ast.ImportFrom) and node.module for alias in node.names}


def test_the_typed_imports_are_the_lazy_ones():
    """What mypy sees (the TYPE_CHECKING imports) is what `__getattr__` loads, and `__all__`
    lists exactly those names."""
    typed = _type_checking_imports()
    assert typed == ehelse_map._LAZY
    assert sorted(ehelse_map.__all__) == sorted(typed)
    for name, module in typed.items():
        assert getattr(ehelse_map, name) is getattr(importlib.import_module(module), name)


def test_unknown_names_are_attribute_errors():
    with pytest.raises(AttributeError, match="no_such_name"):
        ehelse_map.no_such_name  # type: ignore[attr-defined]  # noqa: B018
    assert set(ehelse_map.__all__) <= set(dir(ehelse_map))


def test_importing_the_package_loads_nothing_heavy():
    """`--help` imports `ehelse_map`: no PyYAML, networkx, matplotlib, package metadata or
    submodule may come with it."""
    code = ("import sys; before = set(sys.modules); import ehelse_map\n"
            "print(' '.join(sorted(set(sys.modules) - before)))")
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True).stdout.split()
    heavy = ("ehelse_map.", "yaml", "networkx", "matplotlib", "docx", "importlib.metadata",
             "typer")
    assert "ehelse_map" in loaded
    assert [name for name in loaded if name.startswith(heavy)] == []


def test_the_package_is_marked_typed():
    """PEP 561: without `py.typed` mypy treats the installed package as untyped (`Any`). The
    wheel ships the whole package folder (`[tool.hatch.build.targets.wheel]`)."""
    assert (PACKAGE / "py.typed").is_file()


@pytest.mark.slow
def test_mypy_sees_the_real_functions(tmp_path):
    """A user's file, type-checked as a user would (the installed package, not `src/`)."""
    api = pytest.importorskip("mypy.api", reason="mypy comes with the lint extra")
    (tmp_path / "mypy.ini").write_text("[mypy]\nstrict = True\n")
    (tmp_path / "use.py").write_text(
        "from ehelse_map import DataError, __version__, load_dataset\n"
        "reveal_type(load_dataset)\n"
        "reveal_type(load_dataset())\n"
        "reveal_type(DataError)\n"
        "reveal_type(__version__)\n")
    out, err, status = api.run(["--config-file", str(tmp_path / "mypy.ini"), "--cache-dir",
                                str(tmp_path / "cache"), str(tmp_path / "use.py")])
    assert status == 0, out + err
    revealed = [line.split("Revealed type is ", 1)[1] for line in out.splitlines()
                if "Revealed type is" in line]
    assert len(revealed) == 4, out
    assert revealed[0].startswith('"def (data: str | os.PathLike[str] | None')
    assert revealed[1] == '"ehelse_map.model.records.Dataset"'
    assert revealed[2].endswith('-> ehelse_map.model.build.DataError"')
    assert revealed[3] == '"str"'


def test_analyses_exports_are_typed_and_loaded_when_used():
    """`ehelse_map.analyses` lists the same names for mypy, `__all__` and its lazy loader."""
    import ehelse_map.analyses as analyses

    typed = _type_checking_imports(PACKAGE / "analyses" / "__init__.py")
    assert typed == analyses._HOMES
    assert sorted(analyses.__all__) == sorted(typed)
    assert set(analyses.__all__) <= set(dir(analyses))
    with pytest.raises(AttributeError, match="no_such_analysis"):
        analyses.no_such_analysis  # type: ignore[attr-defined]  # noqa: B018


def test_an_analysis_is_its_function_even_once_its_module_is_imported():
    """Each function has its module's name; importing the module (as the commands do) must
    not put the module in the function's place."""
    code = ("import importlib, types\n"
            "import ehelse_map.analyses as analyses\n"
            "names = ['anchoring', 'brokers', 'burden', 'funding', 'gaps', 'overlap', 'profile']\n"
            "for name in names:\n"
            "    module = importlib.import_module(f'ehelse_map.analyses.{name}')\n"
            "    assert getattr(analyses, name) is getattr(module, name), name\n"
            "    exec(f'from ehelse_map.analyses import {name} as found')\n"
            "    assert isinstance(getattr(analyses, name), types.FunctionType), name\n"
            "print('ok')\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stdout.strip() == "ok", result.stderr


def test_importing_one_analysis_leaves_the_others_unimported():
    code = ("import sys\n"
            "from ehelse_map.analyses import burden\n"
            "loaded = sorted(m for m in sys.modules if m.startswith('ehelse_map.analyses.'))\n"
            "print(','.join(loaded))\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    loaded = result.stdout.strip().split(",")
    assert "ehelse_map.analyses.burden" in loaded, result.stderr
    for other in ("anchoring", "brokers", "funding", "gaps", "profile"):
        assert f"ehelse_map.analyses.{other}" not in loaded
