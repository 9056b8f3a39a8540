"""ehelse-map: actor map and overlap analysis for Nordic public e-health coordination.

The library API mirrors the commands: `load_dataset()` then the analyses in
`ehelse_map.analyses`.

Importing `ehelse_map` stays light (no PyYAML, networkx or matplotlib, not even the package
metadata): `--help` imports it. Each name below is imported from its own module on first use
(`__getattr__`); the same imports under `TYPE_CHECKING` let mypy and editors see the real
functions and classes instead of `Any`. `tests/test_public_api.py` keeps the two lists equal.
Modules inside the package import from the module that defines a name, never from here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ehelse_map.analyses.listings import list_actors, list_networks
    from ehelse_map.load.check_set import validate_files
    from ehelse_map.load.files import default_data_dir, resolve_inputs
    from ehelse_map.model.build import DataError, load_dataset
    from ehelse_map.version import __version__

#: Public name -> the module that defines it.
_LAZY = {
    "__version__": "ehelse_map.version",
    "DataError": "ehelse_map.model.build",
    "default_data_dir": "ehelse_map.load.files",
    "list_actors": "ehelse_map.analyses.listings",
    "list_networks": "ehelse_map.analyses.listings",
    "load_dataset": "ehelse_map.model.build",
    "resolve_inputs": "ehelse_map.load.files",
    "validate_files": "ehelse_map.load.check_set",
}

__all__ = [
    "DataError",
    "__version__",
    "default_data_dir",
    "list_actors",
    "list_networks",
    "load_dataset",
    "resolve_inputs",
    "validate_files",
]


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'ehelse_map' has no attribute '{name}'")
    import importlib

    return getattr(importlib.import_module(module), name)


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
