"""`upset`: an UpSet matrix (Lex et al., 2014) of which networks target the same (organisation,
role) combinations — the picture for more than three overlapping sets, where Venn diagrams fail.

Every (organisation, role) pair that some network targets gets a signature: the set of networks
that target it. Columns are signatures, largest first; a bar counts the pairs with exactly that
signature (aggregates count as the organisations they stand for), the dots below say which
networks it is, and the bars at the left give each network's total.
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING

from ehelse_map.model.records import Dataset
from ehelse_map.render.diagrams.i18n import text
from ehelse_map.render.diagrams.layout.sheet import (
    MARGIN,
    LegendBlock,
    LegendEntry,
    Measurer,
    Sheet,
    caption_height,
    caption_text,
    draw_caption,
    draw_header,
    draw_legend,
    header_height,
    legend_size,
    shorten,
)
from ehelse_map.render.diagrams.scope import Scope, scope_for, subtitle
from ehelse_map.render.diagrams.style import (
    DARK,
    FAINT,
    MUTED,
    Box,
    DiagramOptions,
    display_name,
    source_parts,
)

if TYPE_CHECKING:
    from matplotlib.figure import Figure

WIDTH = 14.0
MAX_COLUMNS = 28
MAX_ROWS = 20
ROW = 0.25
COLUMN = 0.34
BARS_HEIGHT = 2.6
SET_BARS = 1.5
NAME_SIZE = 7.5
VALUE_SIZE = 6.5
DEGREE_COLOURS = ("#BBBBBB", "#56B4E9", "#0072B2", "#D55E00")
"""Okabe–Ito: grey for combinations of one network, then blue, dark blue, vermillion (4+)."""
HIGHLIGHT = "#E69F00"


def signatures(dataset: Dataset, scope: Scope
               ) -> tuple[dict[frozenset[str], int], dict[str, int], list[str]]:
    """(signature -> pairs, network -> pairs targeted, networks in scope with no listed pair)."""
    targeted: dict[tuple[str, str], set[str]] = defaultdict(set)
    for network in scope.networks:
        for member in scope.members[network.id]:
            for role in network.roles:
                targeted[(member, role)].add(network.id)
    sizes: dict[frozenset[str], int] = defaultdict(int)
    totals: dict[str, int] = defaultdict(int)
    for (member, _role), networks in targeted.items():
        weight = dataset.actors[member].count
        sizes[frozenset(networks)] += weight
        for network_id in networks:
            totals[network_id] += weight
    silent = sorted(n.id for n in scope.networks if n.id not in totals)
    return dict(sizes), dict(totals), silent


def build(dataset: Dataset, options: DiagramOptions) -> Figure:
    lang = options.lang
    measurer = Measurer()
    scope = scope_for(dataset, options)
    sizes, totals, _silent = signatures(dataset, scope)
    ordered = sorted(sizes, key=lambda s: (-sizes[s], -len(s), sorted(s)))
    highlight = options.highlight
    columns: list[frozenset[str]] = []
    for signature in ordered:
        shown = set().union(*columns, signature) if columns else set(signature)
        if len(columns) >= MAX_COLUMNS or len(shown) > MAX_ROWS:
            continue
        columns.append(signature)
    if highlight is not None:  # the highlighted network's combinations come first among ties
        columns.sort(key=lambda s: (-sizes[s], highlight not in s, -len(s), sorted(s)))
    rows = sorted({n for s in columns for n in s}, key=lambda n: (-totals[n], n))
    hidden_columns = len(sizes) - len(columns)
    hidden_rows = len(totals) - len(rows)

    names = {n: shorten(display_name(dataset.networks[n]), NAME_SIZE, 2.6, measurer)
             for n in rows}
    name_width = max([measurer.size(v, NAME_SIZE)[0] for v in names.values()] + [1.0])
    degrees = sorted({min(len(s), 4) for s in columns})
    legend = LegendBlock(text("legend_degree", lang), [
        LegendEntry(text("degree_1", lang) if d == 1 else text("degree_more", lang, n=4)
                    if d == 4 else text("degree_n", lang, n=d), "patch", DEGREE_COLOURS[d - 1])
        for d in degrees])
    if highlight is not None:
        record = dataset.networks.get(highlight) or dataset.actors.get(highlight)
        legend.entries.append(LegendEntry(text("highlight_legend", lang, name=display_name(
            record) if record else highlight), "patch", HIGHLIGHT))
    legend_w, _legend_h = legend_size(measurer, legend)

    parts = [text("caption_upset", lang)]
    if hidden_columns or hidden_rows:
        parts.append(text("upset_more", lang, n=hidden_columns, m=hidden_rows))
    parts += source_parts(dataset, options, scope.networks)
    caption = caption_text(measurer, parts, WIDTH - 2 * MARGIN)
    head = header_height(measurer, "x")
    matrix_height = max(len(rows), 1) * ROW
    height = (MARGIN + head + 0.3 + BARS_HEIGHT + 0.2 + matrix_height + 0.2
              + caption_height(measurer, caption) + MARGIN)
    sheet = Sheet(WIDTH, height)
    draw_header(sheet, options.title or text("title_upset", lang), subtitle(dataset, options), measurer)
    draw_caption(sheet, caption)
    if not columns:
        sheet.text(WIDTH / 2, height / 2, text("upset_none", lang), size=11, colour=MUTED)
        return sheet.figure

    matrix_x0 = MARGIN + SET_BARS + 0.15 + name_width + 0.2
    matrix_top = height - MARGIN - head - 0.3 - BARS_HEIGHT - 0.2
    column_width = min(COLUMN, (WIDTH - MARGIN - legend_w - 0.5 - matrix_x0) / len(columns))
    _draw_matrix(sheet, rows, columns, names, matrix_x0, matrix_top, column_width, highlight)
    _draw_column_bars(sheet, columns, sizes, matrix_x0, matrix_top + 0.2, column_width,
                      highlight, lang, measurer)
    _draw_set_bars(sheet, rows, totals, matrix_top, highlight, lang, measurer,
                   MARGIN + SET_BARS)
    draw_legend(sheet, WIDTH - MARGIN - legend_w, matrix_top + 0.2 + BARS_HEIGHT, legend,
                measurer)
    return sheet.figure


def _colour(signature: frozenset[str], highlight: str | None) -> str:
    if highlight is not None and highlight in signature:
        return HIGHLIGHT
    return DEGREE_COLOURS[min(len(signature), 4) - 1]


def _draw_matrix(sheet: Sheet, rows: list[str], columns: list[frozenset[str]],
                 names: dict[str, str], x0: float, top: float, width: float,
                 highlight: str | None) -> None:
    right = x0 + width * len(columns)
    for index, network in enumerate(rows):
        y = top - (index + 0.5) * ROW
        if index % 2 == 0:
            sheet.rect(Box(MARGIN, y - ROW / 2, right, y + ROW / 2), face="#F5F5F5")
        weight = "bold" if network == highlight else "normal"
        sheet.text(x0 - 0.2, y, names[network], size=NAME_SIZE, weight=weight, colour=DARK,
                   ha="right")
    dot = min(0.075, width * 0.3)
    for col, signature in enumerate(columns):
        x = x0 + (col + 0.5) * width
        ys = []
        for index, network in enumerate(rows):
            y = top - (index + 0.5) * ROW
            member = network in signature
            sheet.disc(x, y, dot, face=DARK if member else FAINT, edge="none", lw=0, zorder=4)
            if member:
                ys.append(y)
        if len(ys) > 1:
            sheet.line([x, x], [min(ys), max(ys)], colour=DARK, lw=2.0, zorder=3)


def _draw_column_bars(sheet: Sheet, columns: list[frozenset[str]], sizes: dict[frozenset[str], int],
                      x0: float, bottom: float, width: float, highlight: str | None, lang: str,
                      measurer: Measurer) -> None:
    top_value = max(sizes[s] for s in columns)
    unit = (BARS_HEIGHT - 0.25) / top_value
    for col, signature in enumerate(columns):
        x = x0 + (col + 0.5) * width
        h = sizes[signature] * unit
        sheet.rect(Box(x - width * 0.35, bottom, x + width * 0.35, bottom + h),
                   face=_colour(signature, highlight), zorder=2)
        sheet.text(x, bottom + h + 0.03, f"{sizes[signature]:,}".replace(",", "\u202f"),
                   size=VALUE_SIZE, colour=DARK, va="bottom")
    # the axis: a baseline and a title at the left
    sheet.line([x0, x0 + width * len(columns)], [bottom, bottom], colour="#999999", lw=0.6)
    title = text("upset_bars", lang)
    sheet.text(x0 - 0.2, bottom + BARS_HEIGHT / 2, title, size=7.5, colour=MUTED, ha="right")


def _draw_set_bars(sheet: Sheet, rows: list[str], totals: dict[str, int], top: float,
                   highlight: str | None, lang: str, measurer: Measurer, right: float) -> None:
    biggest = max(totals[n] for n in rows)
    unit = (SET_BARS - 0.45) / biggest
    for index, network in enumerate(rows):
        y = top - (index + 0.5) * ROW
        w = totals[network] * unit
        face = HIGHLIGHT if network == highlight else "#777777"
        sheet.rect(Box(right - w, y - ROW * 0.3, right, y + ROW * 0.3), face=face, zorder=2)
        sheet.text(right - w - 0.04, y, f"{totals[network]:,}".replace(",", "\u202f"),
                   size=VALUE_SIZE, colour=DARK, ha="right")
    title = text("upset_sets", lang)
    sheet.text(right - SET_BARS / 2 + 0.1, top + 0.12, title, size=7, colour=MUTED, va="bottom")


