"""Labels that never overlap: each label tries candidate positions around what it names, in
order, and takes the first whose box hits no placed label; a label with no free position is
dropped and counted, so the diagram can say "+N more".

Everything is in inches. Text boxes come from the Agg renderer (`Measurer`), so the boxes here are
the boxes matplotlib draws; `tests/test_diagrams.py` checks the drawn result independently.

What a candidate box could hit is looked up in a grid of square cells, so placing a label costs
the same whether the picture holds fifty bubbles or fifty thousand.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from ehelse_map.render.diagrams.layout.sheet import Measurer, Sheet
from ehelse_map.render.diagrams.style import DARK, Box

PAD = 0.04
"""Space between a bubble and its label, and the least gap between two labels (inches)."""
CELL = 0.5
"""Side of the grid cells that index bubbles and placed text (inches)."""


@dataclass
class Label:
    text: str
    x: float
    y: float
    r: float = 0.0
    """Radius of the bubble being labelled (0 for a point)."""
    size: float = 7.5
    weight: str = "normal"
    colour: str = DARK
    priority: float = 0.0
    """Higher is placed first, so it gets the best position."""
    inside: bool = False
    """Try the centre of the bubble first (when the text fits in it)."""
    sides: tuple[str, ...] = ("below", "above", "right", "left")
    leader: bool = False
    """Also try positions farther out, joined to the bubble by a thin line."""
    halo: bool = False
    """A translucent white box behind the text, for labels drawn across lines."""
    inside_colour: str | None = None
    """Text colour when placed inside the bubble (e.g. white on a dark fill)."""
    key: str = ""
    spots: tuple[tuple[float, float], ...] = ()
    """Centres to try first, in order (a pair's label along its edge)."""
    within: tuple[tuple[float, float, float], ...] = ()
    """Circles (x, y, r) the label may lie inside (the rings a nested network is drawn in):
    for these only crossing the rim counts as hitting them."""
    steps: int = 6
    """How far a leader may take the label: this many steps of 0.22 inches."""


@dataclass
class Placed:
    label: Label
    box: Box
    cx: float
    cy: float
    inside: bool = False
    leader: tuple[float, float, float, float] | None = None


_Thing = TypeVar("_Thing")


class Grid(Generic[_Thing]):
    """Things indexed by the square cells their bounding box touches."""

    def __init__(self) -> None:
        self._cells: dict[tuple[int, int], list[_Thing]] = {}

    def add(self, x0: float, y0: float, x1: float, y1: float, thing: _Thing) -> None:
        for cell in _cells(x0, y0, x1, y1):
            self._cells.setdefault(cell, []).append(thing)

    def near(self, box: Box, margin: float = 0.0) -> list[_Thing]:
        """Everything whose cells meet `box` grown by `margin` (each thing once)."""
        found: dict[int, _Thing] = {}
        for cell in _cells(box.x0 - margin, box.y0 - margin, box.x1 + margin,
                           box.y1 + margin):
            for thing in self._cells.get(cell, ()):
                found[id(thing)] = thing
        return list(found.values())


def _cells(x0: float, y0: float, x1: float, y1: float) -> Iterator[tuple[int, int]]:
    for i in range(math.floor(x0 / CELL), math.floor(x1 / CELL) + 1):
        for j in range(math.floor(y0 / CELL), math.floor(y1 / CELL) + 1):
            yield i, j


@dataclass
class Placer:
    measurer: Measurer
    bounds: Box
    placed: list[Placed] = field(default_factory=list)
    dropped: list[Label] = field(default_factory=list)
    _bubbles: Grid[tuple[float, float, float]] = field(default_factory=Grid, repr=False)
    """Circles (x, y, r) that labels should avoid when they can (soft)."""
    _text: Grid[Box] = field(default_factory=Grid, repr=False)
    """Boxes labels must never cover: other text, legends, titles (hard)."""

    def avoid(self, circles: Iterable[tuple[float, float, float]]) -> None:
        """Bubbles that labels keep clear of when any position allows."""
        for x, y, r in circles:
            self._bubbles.add(x - r, y - r, x + r, y + r, (x, y, r))

    def sharing_text(self) -> Placer:
        """A placer with its own bubbles to avoid, whose placed labels also block this one's
        (and the other way round): labels that must keep clear of other things than the rest
        (a group's name, of the other groups' circles) are placed by it first."""
        other = Placer(self.measurer, self.bounds)
        other._text = self._text
        return other

    def block(self, box: Box) -> None:
        """A box no label may cover."""
        self._text.add(box.x0, box.y0, box.x1, box.y1, box)

    def place_all(self, labels: Iterable[Label]) -> list[Placed]:
        """Place labels by priority (then input order); returns those placed."""
        ordered = sorted(enumerate(labels), key=lambda item: (-item[1].priority, item[0]))
        result = []
        for _, label in ordered:
            spot = self.place(label)
            if spot is not None:
                result.append(spot)
        return result

    def place(self, label: Label) -> Placed | None:
        width, height = self.measurer.size(label.text, label.size, label.weight)
        fallback: Placed | None = None
        for cx, cy, inside, leader in self._candidates(label, width, height):
            box = Box(cx - width / 2, cy - height / 2, cx + width / 2, cy + height / 2)
            if not box.inside(self.bounds) or self._hits_text(box):
                continue
            spot = Placed(label, box, cx, cy, inside, leader)
            if inside or not self._hits_bubble(box, label):
                self._accept(spot)
                return spot
            if fallback is None and not leader:
                fallback = spot
        if fallback is not None:
            self._accept(fallback)
            return fallback
        self.dropped.append(label)
        return None

    def _accept(self, spot: Placed) -> None:
        self.placed.append(spot)
        self.block(spot.box)

    def _hits_text(self, box: Box) -> bool:
        return any(box.overlaps(other, PAD / 2) for other in self._text.near(box, PAD / 2))

    def _hits_bubble(self, box: Box, label: Label) -> bool:
        for x, y, r in self._bubbles.near(box):
            if abs(x - label.x) < 1e-9 and abs(y - label.y) < 1e-9 and abs(r - label.r) < 1e-9:
                continue  # its own bubble: positions already keep clear of it
            if (x, y, r) in label.within:
                if box.hits_circle(x, y, r) and not _inside_circle(box, x, y, r):
                    return True  # across the rim of a ring it is drawn in
                continue
            if box.hits_circle(x, y, r):
                return True
        return False

    def _candidates(self, label: Label, width: float, height: float
                    ) -> Iterator[tuple[float, float, bool, tuple[float, float, float, float] | None]]:
        x, y, r = label.x, label.y, label.r
        if label.inside and width <= 1.9 * r and height <= 1.5 * r and \
                math.hypot(width / 2, height / 2) <= r * 1.02:
            yield x, y, True, None
        for cx, cy in label.spots:
            yield cx, cy, False, None
        gap = r + PAD
        offsets = {
            "below": (0.0, -(gap + height / 2)),
            "above": (0.0, gap + height / 2),
            "right": (gap + width / 2, 0.0),
            "left": (-(gap + width / 2), 0.0),
        }
        for side in label.sides:
            dx, dy = offsets[side]
            yield x + dx, y + dy, False, None
        if not label.sides:
            return
        # diagonals, hugging the bubble
        diagonal = gap * 0.75
        for sx, sy in ((1, -1), (-1, -1), (1, 1), (-1, 1)):
            yield (x + sx * (diagonal + width / 2), y + sy * (diagonal + height / 2),
                   False, None)
        if not label.leader:
            return
        for step in range(1, label.steps + 1):
            distance = gap + step * 0.22
            for index in range(16):
                angle = -math.pi / 2 + index * math.pi / 8
                ex, ey = math.cos(angle), math.sin(angle)
                cx = x + ex * (distance + width / 2)
                cy = y + ey * (distance + height / 2)
                yield cx, cy, False, (x + ex * r, y + ey * r, *_nearest(cx, cy, width, height,
                                                                        x, y))


def _inside_circle(box: Box, x: float, y: float, r: float) -> bool:
    """Every corner of `box` lies inside the circle."""
    return all((cx - x) ** 2 + (cy - y) ** 2 <= r * r
               for cx in (box.x0, box.x1) for cy in (box.y0, box.y1))


def _nearest(cx: float, cy: float, width: float, height: float, x: float,
             y: float) -> tuple[float, float]:
    """The point of the label box nearest to (x, y): where a leader line ends."""
    return (min(max(x, cx - width / 2), cx + width / 2),
            min(max(y, cy - height / 2), cy + height / 2))


def draw_placed(sheet: Sheet, placed: Iterable[Placed], zorder: float = 12) -> None:
    """Draw placed labels (and their leader lines)."""
    for spot in placed:
        label = spot.label
        colour = label.inside_colour if (spot.inside and label.inside_colour) else label.colour
        kwargs: dict[str, Any] = {}
        if label.halo and not spot.inside:
            kwargs["bbox"] = {"boxstyle": "square,pad=0.08", "facecolor": "white",
                              "edgecolor": "none", "alpha": 0.8}
        sheet.text(spot.cx, spot.cy, label.text, size=label.size, weight=label.weight,
                   colour=colour, zorder=zorder, **kwargs)
        if spot.leader is not None:
            x0, y0, x1, y1 = spot.leader
            sheet.line([x0, x1], [y0, y1], colour="#888888", lw=0.5, zorder=zorder - 1)
