"""circlify's circle packing (`pack_A1_0`, after Huang et al.), computed with numpy.

circlify places each new circle tangent to every pair of circles already placed, keeps the
candidates that overlap none of the others and takes the one whose distances to the others,
weighed by their radii, sum the least. In Python that is a loop over pairs, and inside it a
loop over circles: 0.7 s for one level of 80 circles, and two such levels made half the time
of `diagram overlap` at ten times Nordic scale. Here each placement is one set of array
operations over every (pair, circle), in circlify's order of operations: the same floats,
hence the same picture (`tests/test_large_data.py` compares the two on random data).
"""

from __future__ import annotations

import math
import sys
from typing import Any

_EPS = sys.float_info.epsilon
#: Circles every candidate is first tried against (the largest: data come largest first).
HEAD = 12
#: Levels of at most this many circles are packed by circlify's own loop: numpy's overhead
#: per call is more than the loop costs there (0.4 ms against 1.2 ms for 8 circles).
SMALL = 10


def circlify() -> Any:
    """The circlify module, whose `circlify()` packs each level of more than `SMALL` circles
    with `pack_a1_0` (the same circles, computed with numpy)."""
    from ehelse_map.runtime import import_circlify

    module = import_circlify()
    if not getattr(module.pack_A1_0, "vectorised", False):
        own = module.pack_A1_0

        def pack(data: list[float]) -> list[Any]:
            return own(data) if len(data) <= SMALL else pack_a1_0(data)

        pack.vectorised = True  # type: ignore[attr-defined]
        pack.original = own  # type: ignore[attr-defined]  # what the tests compare with
        module.pack_A1_0 = pack
    return module


def pack_a1_0(data: list[float]) -> list[Any]:
    """`circlify.pack_A1_0(data)`: circles (circlify's `_Circle`) whose areas are `data`,
    sorted from the largest."""
    import numpy as np

    from ehelse_map.runtime import import_circlify

    circle = import_circlify()._Circle
    if data != sorted(data, reverse=True):
        raise ValueError("data must be sorted (desc)")
    count = len(data)
    xs, ys, rs = np.zeros(count), np.zeros(count), np.zeros(count)
    # every pair of circles in itertools.combinations' order; those of the first n circles
    # are the pairs whose second circle is one of them, in the same order
    all_first, all_second = np.triu_indices(count, 1)
    for n, radius in enumerate(math.sqrt(value) for value in data):
        if n <= 1:
            xs[n] = radius if n == 0 else -radius
        else:  # the circles placed so far: views, the arrays filled in place
            placed = all_second < n
            xs[n], ys[n] = _place(np, radius, xs[:n], ys[:n], rs[:n],
                                  all_first[placed], all_second[placed])
        rs[n] = radius
    return [circle(float(x), float(y), float(r)) for x, y, r in zip(xs, ys, rs, strict=True)]


def _place(np: Any, radius: float, xs: Any, ys: Any, rs: Any, first: Any,
           second: Any) -> tuple[float, float]:
    """The centre circlify's `place_new_A1_0` chooses for a circle of `radius` next to the
    circles (xs, ys, rs) placed so far, whose pairs are (first, second)."""
    n = len(rs)
    pair_of = np.repeat(np.arange(len(first)), 2)  # each candidate's pair: two a pair
    margin = radius * _EPS * 10.0
    x1, y1, r1 = xs[first], ys[first], rs[first] + (radius + margin)
    x2, y2, r2 = xs[second], ys[second], rs[second] + (radius + margin)
    # get_intersection, term by term
    dx, dy = x2 - x1, y2 - y1
    d = np.sqrt(dx * dx + dy * dy)
    with np.errstate(divide="ignore", invalid="ignore"):
        a = (r1 * r1 - r2 * r2 + d * d) / (2 * d)
        h_squared = r1 * r1 - a * a
        solvable = (d != 0) & (h_squared >= 0) & np.isfinite(a)
        h = np.sqrt(np.where(solvable, h_squared, 0.0))
        xm = x1 + a * dx / d
        ym = y1 + a * dy / d
        xs1 = xm + h * dy / d
        xs2 = xm - h * dy / d
        ys1 = ym - h * dx / d
        ys2 = ym + h * dx / d
    single = (xs1 == xs2) & (ys1 == ys2)  # one point: no second candidate
    # candidates in circlify's order: pair by pair, the first intersection, then the second
    cx = np.stack([xs1, xs2], axis=1).reshape(-1)
    cy = np.stack([ys1, ys2], axis=1).reshape(-1)
    exists = np.stack([solvable, solvable & ~single], axis=1).reshape(-1)
    if n == 2:  # no other circles: the first candidate found is taken
        found = np.flatnonzero(exists)
        if not len(found):
            raise ValueError(f"cannot place circle for value {radius ** 2}")
        return float(cx[found[0]]), float(cy[found[0]])
    # distance(c, candidate) for the overlap test, over the "other circles": all but the pair
    # (circlify compares by value; placed circles never coincide, so by position is the same).
    # The largest circles, placed first, rule out most candidates: they are tried first.
    live = np.flatnonzero(exists)
    for columns in (slice(0, min(n, HEAD)), slice(0, n)):
        between = _distances(np, cx[live], cy[live], xs[columns], ys[columns])
        overlaps = (between - rs[None, columns] - radius) < 0.0
        _exclude_pairs(np, overlaps, first[pair_of[live]], second[pair_of[live]], False)
        keep = ~overlaps.any(axis=1)
        live, between = live[keep], between[keep]
    candidates = live
    if not len(candidates):
        raise ValueError(f"cannot place circle for value {radius ** 2}")
    # the hole degree: distance(candidate, c) weighed by c's radius, summed in order over the
    # other circles as sum() does (a pair's own circles add 0.0, which changes no sum)
    weighed = (between - radius - rs[None, :]) * rs[None, :]
    _exclude_pairs(np, weighed, first[pair_of[candidates]], second[pair_of[candidates]], 0.0)
    holes = np.add.accumulate(weighed, axis=1)[:, -1]
    best = int(np.argmin(holes))  # the first of equals, as `<` keeps it
    if abs(holes[best]) < margin:  # circlify stops early there: follow it step by step
        return _first_close(cx, cy, candidates, pair_of, holes, margin)
    return float(cx[candidates[best]]), float(cy[candidates[best]])


def _distances(np: Any, cx: Any, cy: Any, xs: Any, ys: Any) -> Any:
    """Centre distances, candidates by circles: sqrt(x * x + y * y) of circlify's `distance`."""
    gx = cx[:, None] - xs[None, :]
    gy = cy[:, None] - ys[None, :]
    return np.sqrt(gx * gx + gy * gy)


def _exclude_pairs(np: Any, table: Any, first: Any, second: Any, value: Any) -> None:
    """Set each row's entries for the two circles its candidate was placed against (where
    the table has their columns)."""
    rows = np.arange(len(table))
    for column in (first, second):
        inside = column < table.shape[1]
        table[rows[inside], column[inside]] = value


def _first_close(cx: Any, cy: Any, candidates: Any, pair_of: Any, holes: Any,
                 margin: float) -> tuple[float, float]:
    """circlify's loop, where a hole degree under `margin` ends a pair's candidates early."""
    best, least, skipped = -1, None, -1
    for index, candidate in enumerate(candidates):
        pair = int(pair_of[candidate])
        if pair == skipped:
            continue
        hole = float(holes[index])
        if least is None or hole < least:
            best, least = int(candidate), hole
        if abs(least) < margin:
            skipped = pair
    return float(cx[best]), float(cy[best])
