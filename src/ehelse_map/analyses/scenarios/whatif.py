"""What if: the key figures before and after a scenario, and the change per organisation."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from ehelse_map.analyses.burden import BurdenResult
from ehelse_map.analyses.figures import (
    FigureChange,
    compare,
    difference,
    key_figures_and_burden,
)
from ehelse_map.analyses.scenarios.operations import (
    CADENCE_RULE,
    Merge,
    Scenario,
    apply_scenario,
    describe,
    explain_merge,
)
from ehelse_map.model.records import Dataset
from ehelse_map.model.span import ZERO, Span


@dataclass(frozen=True)
class Saving:
    """The change for one organisation (hours a year asked of it)."""

    organisation: str
    name: str
    before: Span
    after: Span
    difference: Span
    organisations: int
    """How many organisations the row stands for (aggregates)."""


@dataclass(frozen=True)
class WhatIfResult:
    scenario: str
    as_of: date | None
    operations: tuple[str, ...]
    """Each operation in words."""
    figures: tuple[FigureChange, ...]
    organisations: tuple[Saving, ...]
    """Organisations whose hours changed, largest saving first."""
    rules: tuple[str, ...]
    """The rules the operations followed (the cadence rule for merges)."""
    explanations: tuple[str, ...]
    """For each merge, what the cadence rule kept and dropped, role by role."""
    notes: tuple[str, ...] = ()
    assumptions: tuple[str, ...] = field(default=())


def what_if(dataset: Dataset, scenario: Scenario, as_of: date | None, *,
            country: str | None = None, region: str | None = None) -> WhatIfResult:
    """The key figures before and after the scenario, and the change per organisation."""
    from ehelse_map.analyses.burden import RowMemo

    after_data = apply_scenario(dataset, scenario)
    rows = RowMemo()  # the organisations the scenario leaves alone keep their rows
    before, old = key_figures_and_burden(dataset, as_of, country=country, region=region,
                                         rows=rows)
    after, new = key_figures_and_burden(after_data, as_of, country=country, region=region,
                                        rows=rows)
    notes = []
    for operation in scenario.operations:
        if isinstance(operation, Merge) and as_of is not None:
            idle = [i for i in operation.networks
                    if i in dataset.networks and not dataset.networks[i].period.active_on(as_of)]
            if idle:
                notes.append(f"not active on {as_of.isoformat()}: {', '.join(idle)}")
    if before.observed_municipalities:
        notes.append(f"hours observed (survey answers) in {before.observed_municipalities} of "
                     f"{before.municipalities_reached} municipalities before; answers about a "
                     "network an operation changes are set aside after it")
    rules = (CADENCE_RULE,) if any(isinstance(o, Merge) for o in scenario.operations) else ()
    return WhatIfResult(
        scenario=scenario.name, as_of=as_of,
        operations=tuple(describe(o) for o in scenario.operations),
        figures=compare(before, after),
        organisations=organisation_changes(dataset, after_data, as_of, country, region,
                                           burdens=(old, new)),
        rules=rules, notes=tuple(notes),
        explanations=tuple(f"{', '.join(o.networks)} — {line}" for o in scenario.operations
                           if isinstance(o, Merge) for line in explain_merge(dataset, o)),
        assumptions=tuple(sorted(set(before.assumptions) | set(after.assumptions))))


def organisation_changes(before: Dataset, after: Dataset, as_of: date | None,
                         country: str | None = None, region: str | None = None, *,
                         burdens: tuple[BurdenResult, BurdenResult] | None = None
                         ) -> tuple[Saving, ...]:
    """`burdens`: `burden(before, ...)` and `burden(after, ...)` with these filters, when the
    caller has them (`what_if` has them from the key figures)."""
    from ehelse_map.analyses.burden import burden

    if burdens is None:
        burdens = (burden(before, as_of, country=country, region=region),
                   burden(after, as_of, country=country, region=region))
    old = {r.key: r for r in burdens[0].rows}
    new = {r.key: r for r in burdens[1].rows}
    rows = []
    for key in set(old) | set(new):
        # an organisation no network reaches any more is asked for nothing: 0 hours, known
        a = old[key].hours_per_year if key in old else ZERO
        b = new[key].hours_per_year if key in new else ZERO
        if a != b:
            row = old.get(key) or new[key]
            rows.append(Saving(key, row.name, a, b, difference(a, b), row.organisations))
    # largest change, either way
    rows.sort(key=lambda s: (-abs(s.difference.value or 0.0), s.organisation))
    return tuple(rows)


def figures_of(result: WhatIfResult) -> dict[str, FigureChange]:
    return {f.key: f for f in result.figures}


__all__ = ["Saving", "WhatIfResult", "figures_of", "organisation_changes", "what_if"]
