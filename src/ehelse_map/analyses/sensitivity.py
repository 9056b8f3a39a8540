"""How sure are the headline figures? Which assumptions move them most, and how stable the
top merge candidates and overlap pairs are across the assumptions' ranges.

**Swings (a tornado).** Each assumption value with a range is set to its low end, then to its
high end, all others at their central values; each headline figure is computed at both. The
swing is |at high − at low|; sorted by swing, the rows read as a tornado diagram: the longest
bar is the assumption that matters most for that figure.

**Rank stability.** `samples` points are drawn uniformly in the box of all ranges at once, from
a seeded generator (the same seed gives the same points). For each merge candidate and overlap
pair in the central top N, the share of points at which it is still in the top N. Overlap
scores (roles mode) rest on no estimated quantity: their ranks do not move, and the result says
so rather than sampling them.

**At scale** (issue 22). Each point tried costs a burden computation and a ranking of merge
candidates, both linear in the municipalities. The swings try every ranged value at both ends
whatever the size; they reuse what no assumption moves (the overlap pairs the candidates come
from) and compute only the central values the headlines use (`burden.central_loads`). The rank
stability draws at most `POINT_BUDGET` / (municipalities in scope) points, and never fewer than
`MIN_POINTS`: the asked 40 up to 4,000 municipalities (three times Nordic scale), 14 at ten
times, 10 above; the result says how many were drawn of those asked (`samples`,
`samples_asked`), and so does the output. The rule is smooth in the size (no step but the
rounding), so the analysis grows about linearly with the data.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from ehelse_map.model.assume import apply
from ehelse_map.model.records import Dataset
from ehelse_map.model.scope import Filters

if TYPE_CHECKING:  # burden and overlap are imported where they run: `--help` stays light
    from ehelse_map.analyses.burden import CentralLoads
    from ehelse_map.analyses.overlap import OverlapResult

#: (key, label): the headline figures, in the order outputs list them.
HEADLINES = (
    ("max_person_hours", "hours a year of the most loaded person"),
    ("persons_over_capacity", "persons asked for more than their capacity"),
    ("top_saving", "hours a year the best merge candidate saves"),
)
SIZE_CLASS_KEY = "person_hours_mean:"
#: Points × municipalities the rank stability may try: fewer points at scale (see above).
POINT_BUDGET = 160_000
#: The fewest points the rank stability draws, however large the data.
MIN_POINTS = 10


@dataclass(frozen=True)
class Swing:
    figure: str
    """Key of the headline figure (`person_hours_mean:<5k` for a size class's mean)."""
    label: str
    assumption: str
    """`id.name` of the assumption value swung."""
    low: float
    high: float
    """The assumption value's range."""
    at_low: float | None
    central: float | None
    at_high: float | None
    swing: float | None
    """|at_high − at_low|; None (unknown, never 0) when either end is unknown."""


@dataclass(frozen=True)
class Stability:
    kind: str
    """`candidate` (a merge, by hours saved) or `pair` (an overlap pair, by score)."""
    item: tuple[str, ...]
    rank: int
    """Rank at the central values, 1 first."""
    share_in_top: float
    """Share of the sampled points at which it is still in the top N (0–1)."""


@dataclass(frozen=True)
class SensitivityResult:
    as_of: date | None
    filters: Filters
    figures: tuple[tuple[str, str, float | None], ...]
    """(key, label, central value) of each headline figure."""
    swings: tuple[Swing, ...]
    """Per figure (in `figures` order), the largest swing first."""
    stability: tuple[Stability, ...]
    top: int
    samples: int
    seed: int
    assumptions: tuple[str, ...]
    """`id.name` of every assumption value with a range: the box sampled."""
    pairs_fixed: bool
    """Overlap scores rest on no estimated quantity here: pair ranks cannot move."""
    samples_asked: int = 0
    """Points asked for; `samples` were drawn: fewer at scale (`points_for`)."""
    method: str = ("one at a time from low to high, others central (swings); uniform seeded "
                   "sample of the box of all ranges (rank stability)")


Ends = dict[tuple[str, str], tuple[float, float | None, float | None]]


def ranged_values(dataset: Dataset) -> list[tuple[str, str, float, float, float]]:
    """(assumption, name, value, low, high) of every assumption value with a non-empty range."""
    found = []
    for ident in sorted(dataset.assumptions):
        for name, value in sorted(dataset.assumptions[ident].values.items()):
            low = value.low if value.low is not None else value.value
            high = value.high if value.high is not None else value.value
            if high > low:
                found.append((ident, name, value.value, low, high))
    return found


def sensitivity(dataset: Dataset, as_of: date | None, *, country: str | None = None,
                region: str | None = None, top: int = 5, samples: int = 40,
                seed: int = 0) -> SensitivityResult:
    """Swings of every headline figure, and the rank stability of the top N."""
    from ehelse_map.analyses.overlap import overlap
    from ehelse_map.analyses.scenarios.recommend import DEFAULT_MIN_SCORE

    filters = Filters(country=country, region=region)
    ranged = ranged_values(dataset)
    drawn = points_for(dataset, as_of, filters, samples)
    # recommend's candidates come from these: roles mode, which no assumption moves
    pairs = overlap(dataset, as_of, country=country, region=region, min_score=DEFAULT_MIN_SCORE)

    def figures_at(ends: Ends) -> dict[str, float | None]:
        return _headlines(apply(dataset, ends) if ends else dataset, as_of, country, region,
                          pairs)

    central = figures_at({})
    keys = [k for k, _ in HEADLINES[:2]] + [k for k in central if  # smallest class first
                                            k.startswith(SIZE_CLASS_KEY)] + ["top_saving"]
    swings = []
    for ident, name, _value, low, high in ranged:
        point = figures_at({(ident, name): (low, low, low)})
        other = figures_at({(ident, name): (high, high, high)})
        for key in keys:
            a, b = point.get(key), other.get(key)
            swings.append(Swing(key, _label(key), f"{ident}.{name}", low, high, a,
                                central.get(key), b,
                                round(abs(b - a), 2) if a is not None and b is not None else None))
    order = {k: i for i, k in enumerate(keys)}
    swings.sort(key=lambda s: (order[s.figure], s.swing is None, -(s.swing or 0), s.assumption))
    stability, pairs_fixed = _stability(dataset, as_of, country, region, ranged, top,
                                        drawn, seed, pairs)
    return SensitivityResult(
        as_of=as_of, filters=filters,
        figures=tuple((k, _label(k), central.get(k)) for k in keys),
        swings=tuple(swings), stability=stability, top=top, samples=drawn, seed=seed,
        assumptions=tuple(f"{i}.{n}" for i, n, *_ in ranged), pairs_fixed=pairs_fixed,
        samples_asked=samples)


def points_for(dataset: Dataset, as_of: date | None, filters: Filters, samples: int) -> int:
    """The points the rank stability draws of the `samples` asked: at most POINT_BUDGET /
    municipalities in scope, at least MIN_POINTS (never more than asked)."""
    from ehelse_map.model.scope import organisations_in_scope

    municipalities = sum(1 for i in organisations_in_scope(dataset, as_of, filters)
                         if dataset.actors[i].kind == "municipality")
    if not municipalities:
        return samples
    return min(samples, max(MIN_POINTS, POINT_BUDGET // municipalities))


def _label(key: str) -> str:
    if key.startswith(SIZE_CLASS_KEY):
        return f"mean hours of the most loaded person, municipalities {key[len(SIZE_CLASS_KEY):]}"
    return dict(HEADLINES)[key]


def _headlines(dataset: Dataset, as_of: date | None, country: str | None,
               region: str | None, pairs: OverlapResult | None = None
               ) -> dict[str, float | None]:
    """The headline figures at the data set's values: `burden`'s central values (through
    `central_loads`, which skips the ranges and lines no headline uses) and `recommend`'s best
    candidate (its overlap pairs, which no assumption moves, given as `pairs`)."""
    from ehelse_map.analyses.burden import central_loads
    from ehelse_map.analyses.scenarios.recommend import recommend

    loads = central_loads(dataset, as_of, country=country, region=region)
    municipal = [o for o in loads.most_loaded if dataset.actors[o].kind == "municipality"]
    known = [v for o in municipal if (v := loads.most_loaded[o]) is not None]
    found: dict[str, float | None] = {
        "max_person_hours": max(known) if known else None,
        "persons_over_capacity": _over_capacity(dataset, loads, municipal)
        if loads.capacity else None,
    }
    for size, mean in loads.person_hours_mean.items():
        found[SIZE_CLASS_KEY + size] = mean
    best = recommend(dataset, as_of, country=country, region=region, top=1,
                     pairs=pairs).candidates
    found["top_saving"] = best[0].hours_saved.value if best else None
    return found


def _over_capacity(dataset: Dataset, loads: CentralLoads, municipal: list[str]) -> float | None:
    """Persons over capacity in the municipalities whose load is known; unknown (never 0)
    when no municipality's is."""
    known = [v * dataset.actors[o].count for o in municipal
             if (v := loads.over_capacity[o]) is not None]
    return sum(known) if known else None


def _stability(dataset: Dataset, as_of: date | None, country: str | None, region: str | None,
               ranged: list[tuple[str, str, float, float, float]], top: int, samples: int,
               seed: int, found: OverlapResult) -> tuple[tuple[Stability, ...], bool]:
    from ehelse_map.analyses.overlap import overlap
    from ehelse_map.analyses.scenarios.recommend import recommend

    def candidates(data: Dataset) -> list[tuple[str, ...]]:
        return [c.networks for c in recommend(data, as_of, country=country, region=region,
                                              top=top, pairs=found).candidates]

    staffing_ranged = dataset.staffing is not None and any(
        ident == dataset.staffing.assumption for ident, *_ in ranged)

    def pairs(data: Dataset) -> list[tuple[str, ...]]:
        found = overlap(data, as_of, country=country, region=region, top=top,
                        persons=staffing_ranged).pairs
        return [(p.a, p.b) for p in found]

    rankers: list[tuple[str, Callable[[Dataset], list[tuple[str, ...]]]]] = [
        ("candidate", candidates)]
    if staffing_ranged:
        rankers.append(("pair", pairs))
    central = {kind: ranker(dataset) for kind, ranker in rankers}
    if not staffing_ranged:
        central["pair"] = pairs(dataset)
    hits: dict[tuple[str, tuple[str, ...]], int] = {
        (kind, item): 0 for kind, items in central.items() for item in items}
    generator = random.Random(seed)
    drawn = samples if ranged else 0
    for _ in range(drawn):
        ends: Ends = {}
        for ident, name, _value, low, high in ranged:
            point = generator.uniform(low, high)
            ends[(ident, name)] = (point, point, point)
        sample = apply(dataset, ends)
        for kind, ranker in rankers:
            for item in ranker(sample):
                if (kind, item) in hits:
                    hits[(kind, item)] += 1
    rows = []
    for kind, items in central.items():
        for rank, item in enumerate(items, 1):
            fixed = kind == "pair" and not staffing_ranged
            share = 1.0 if fixed or not drawn else hits[(kind, item)] / drawn
            rows.append(Stability(kind, item, rank, round(share, 3)))
    return tuple(rows), not staffing_ranged
