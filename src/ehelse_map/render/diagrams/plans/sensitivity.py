"""The plan of the `sensitivity` picture: a tornado per headline figure.

Each panel is one figure of `analyses.sensitivity` (the most loaded person's hours, persons over
capacity, mean hours by size class, the best merge's saving) at its central value, and one bar
per assumption value that moves it: from the figure with that value at its low end to the figure
with it at its high end, the others central, the largest swing on top. Values that move a figure
by nothing are counted in the panel, never drawn as empty bars; a figure the data cannot give
is said to be unknown, never drawn at 0. An assumption taken from one of the evaluation's
findings carries that finding's mark (`[F1]`), and the caption says that a figure it moves cannot
confirm the finding.

Computed without matplotlib; `diagrams/sensitivity.py` lays it out and draws it.
"""

from __future__ import annotations

from dataclasses import dataclass

from ehelse_map.analyses.sensitivity import SensitivityResult
from ehelse_map.model.records import Dataset
from ehelse_map.render.diagrams.i18n import listing, text
from ehelse_map.render.diagrams.plans.frame import Frame
from ehelse_map.render.diagrams.scope import scope_for, subtitle
from ehelse_map.render.diagrams.style import DiagramOptions, source_parts

MAX_BARS = 8
"""Bars per panel at the natural size; the rest are counted under the panel."""


@dataclass(frozen=True)
class Bar:
    assumption: str
    """`ID.value` as the data names it, with the mark of the findings it comes from."""
    low: float
    high: float
    """The assumption value's range."""
    at_low: float
    at_high: float
    """The figure with the value at its low and at its high end, the others central."""
    from_findings: tuple[str, ...]


@dataclass(frozen=True)
class Panel:
    key: str
    label: str
    """What the figure is, in the picture's language."""
    central: float | None
    """None: the data cannot give the figure (said, never drawn as 0)."""
    bars: tuple[Bar, ...]
    """Largest swing first."""
    hidden: int
    """Assumption values that move the figure but did not fit the panel."""
    still: int
    """Assumption values with a range that do not move the figure at all."""


@dataclass(frozen=True)
class SensitivityPlan:
    frame: Frame
    panels: tuple[Panel, ...]
    assumptions: int
    """Assumption values with a range (each swung once)."""


def plan(dataset: Dataset, options: DiagramOptions, sensitivity: SensitivityResult | None = None,
         max_bars: int = MAX_BARS) -> SensitivityPlan:
    lang = options.lang
    result = sensitivity if sensitivity is not None else _analyse(dataset, options)
    findings = {a.id: a.from_findings for a in dataset.assumptions.values()}
    panels = []
    for key, _label, central in result.figures:
        swings = [s for s in result.swings if s.figure == key]
        moving = [s for s in swings if s.swing and s.at_low is not None
                  and s.at_high is not None]
        bars = []
        for swing in moving[:max_bars]:
            marks = findings.get(swing.assumption.split(".", 1)[0], ())
            name = swing.assumption + (f" [{', '.join(marks)}]" if marks else "")
            assert swing.at_low is not None and swing.at_high is not None  # `moving` has both
            bars.append(Bar(name, swing.low, swing.high, swing.at_low, swing.at_high, marks))
        panels.append(Panel(key, figure_label(key, lang), central, tuple(bars),
                            len(moving) - len(bars), len(swings) - len(moving)))
    scope = scope_for(dataset, options)
    if not scope.networks and not scope.municipalities:
        panels = []  # every figure would be unknown: one sentence says why instead
    caption = [text("caption_sensitivity", lang)] if panels else [text("nothing_selected", lang)]
    marked = sorted({f for p in panels for b in p.bars for f in b.from_findings})
    if marked:
        caption.append(text("caption_sensitivity_findings", lang,
                            findings=listing(marked, lang)))
    if any(p.hidden for p in panels):
        caption.append(text("caption_sensitivity_more", lang))
    if not result.assumptions:
        caption.append(text("sensitivity_none", lang))
    caption += source_parts(dataset, options, [*scope.networks,
                                                *dataset.assumptions.values()])
    frame = Frame(options.title or text("title_sensitivity", lang), subtitle(dataset, options),
                  tuple(caption), lang=lang)
    return SensitivityPlan(frame, tuple(panels), len(result.assumptions))


def figure_label(key: str, lang: str) -> str:
    """The headline figure `key` of `analyses.sensitivity` in words (`person_hours_mean:<5k`
    names its size class)."""
    name, _, size_class = key.partition(":")
    if size_class:
        return text(f"sens_{name}", lang, size=size_class)
    return text(f"sens_{name}", lang)


def _analyse(dataset: Dataset, options: DiagramOptions) -> SensitivityResult:
    from ehelse_map.analyses.sensitivity import sensitivity

    return sensitivity(dataset, options.as_of, country=options.country, region=options.region,
                       samples=0)
