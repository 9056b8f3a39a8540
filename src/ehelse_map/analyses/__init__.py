"""The analyses: pure functions from the model (and graph) to frozen, sorted result dataclasses.

Each answers one finding of the evaluation (seed 004); formulas are in `docs/analyses.md`.
Importing this package does not import networkx: the graph-based analyses import it when run.
(The functions are imported eagerly on purpose: each has the name of its module, and a lazy
`__getattr__` would hand out the module once the submodule had been imported.)
"""

from __future__ import annotations

from ehelse_map.analyses.anchoring import AnchoringResult, anchoring
from ehelse_map.analyses.brokers import BrokersResult, brokers
from ehelse_map.analyses.burden import BurdenResult, burden, size_class
from ehelse_map.analyses.funding import FundingResult, funding
from ehelse_map.analyses.gaps import GapsResult, gaps
from ehelse_map.analyses.overlap import OverlapResult, overlap
from ehelse_map.analyses.profile import ProfileResult, profile
from ehelse_map.analyses.staffing import persons_for
from ehelse_map.model.scope import Filters

__all__ = [
    "AnchoringResult", "BrokersResult", "BurdenResult", "Filters", "FundingResult",
    "GapsResult", "OverlapResult", "ProfileResult", "anchoring", "brokers", "burden",
    "funding", "gaps", "overlap", "persons_for", "profile", "size_class",
]
