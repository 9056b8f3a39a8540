"""The analyses: pure functions from the model (and graph) to frozen, sorted result dataclasses.

Each answers one finding of the evaluation (seed 004); formulas are in `docs/analyses.md`.
Importing this package does not import networkx: the graph-based analyses import it when run.

The names below are imported when first used (a command that draws the burden picture need
not import brokers, funding or gaps: 40 ms). Each function has the name of its module, so
the package keeps the function under that name even once the module is imported (the import
system would otherwise put the module there): `from ehelse_map.analyses import burden` is
always the function, as it was when everything was imported eagerly.
"""

from __future__ import annotations

import importlib
import sys
import types
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ehelse_map.analyses.anchoring import AnchoringResult, anchoring
    from ehelse_map.analyses.brokers import BrokersResult, brokers
    from ehelse_map.analyses.burden import BurdenResult, burden, size_class
    from ehelse_map.analyses.funding import FundingResult, funding
    from ehelse_map.analyses.gaps import GapsResult, gaps
    from ehelse_map.analyses.overlap import OverlapResult, overlap
    from ehelse_map.analyses.profile import ProfileResult, profile
    from ehelse_map.analyses.staffing import persons_for
    from ehelse_map.model.scope import Filters

#: Each exported name -> the module it comes from.
_HOMES: dict[str, str] = {
    "AnchoringResult": "ehelse_map.analyses.anchoring", "anchoring": "ehelse_map.analyses.anchoring",
    "BrokersResult": "ehelse_map.analyses.brokers", "brokers": "ehelse_map.analyses.brokers",
    "BurdenResult": "ehelse_map.analyses.burden", "burden": "ehelse_map.analyses.burden",
    "size_class": "ehelse_map.analyses.burden",
    "FundingResult": "ehelse_map.analyses.funding", "funding": "ehelse_map.analyses.funding",
    "GapsResult": "ehelse_map.analyses.gaps", "gaps": "ehelse_map.analyses.gaps",
    "OverlapResult": "ehelse_map.analyses.overlap", "overlap": "ehelse_map.analyses.overlap",
    "ProfileResult": "ehelse_map.analyses.profile", "profile": "ehelse_map.analyses.profile",
    "persons_for": "ehelse_map.analyses.staffing",
    "Filters": "ehelse_map.model.scope",
}

__all__ = [
    "AnchoringResult", "BrokersResult", "BurdenResult", "Filters", "FundingResult",
    "GapsResult", "OverlapResult", "ProfileResult", "anchoring", "brokers", "burden",
    "funding", "gaps", "overlap", "persons_for", "profile", "size_class",
]


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(home), name)
    globals()[name] = value  # found directly from now on
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_HOMES))


class _Package(types.ModuleType):
    def __setattr__(self, name: str, value: Any) -> None:
        # the import system binds a submodule on its package once it is imported; where the
        # package exports a function of that name, the function stays
        if isinstance(value, types.ModuleType) and _HOMES.get(name, "").endswith(f".{name}"):
            return
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package
