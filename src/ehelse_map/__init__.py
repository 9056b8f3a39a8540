"""ehelse-map: actor map and overlap analysis for Nordic public e-health coordination.

The library API mirrors the commands: `load_dataset()` then the analyses in
`ehelse_map.analyses`. Heavy modules load only when used.
"""

from __future__ import annotations

from typing import Any

_LAZY = {
    "load_dataset": "ehelse_map.model.build",
    "default_data_dir": "ehelse_map.load.files",
    "DataError": "ehelse_map.model.build",
    "validate_files": "ehelse_map.load.check_set",
    "resolve_inputs": "ehelse_map.load.check_set",
    "list_actors": "ehelse_map.analyses.listings",
    "list_networks": "ehelse_map.analyses.listings",
}


def __getattr__(name: str) -> Any:
    if name == "__version__":  # read from the package metadata only when asked
        from ehelse_map.version import __version__

        return __version__
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'ehelse_map' has no attribute '{name}'")
    import importlib

    return getattr(importlib.import_module(module), name)


__all__ = ["__version__", *_LAZY]
