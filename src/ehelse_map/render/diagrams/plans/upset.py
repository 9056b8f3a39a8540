"""The plan of the `upset` picture: the combinations (signatures) drawn as columns, the networks
drawn as rows, and the networks that cannot be in the matrix because whom they target is not
documented (said in the caption, never drawn as targeting nobody).

Computed without matplotlib; `diagrams/upset.py` lays it out and draws it.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from ehelse_map.model.records import Dataset
from ehelse_map.render.diagrams.i18n import listing, text
from ehelse_map.render.diagrams.plans.frame import Frame, is_inferred, marked, names_of
from ehelse_map.render.diagrams.scope import Scope, scope_for, subtitle
from ehelse_map.render.diagrams.style import DiagramOptions, display_name, source_parts

MAX_COLUMNS = 28
MAX_ROWS = 20
MAX_NAMED = 12
"""Networks not in the matrix named in the caption; the rest are counted."""


@dataclass(frozen=True)
class Column:
    networks: tuple[str, ...]
    """The signature: the networks that target exactly these (organisation, role) pairs."""
    size: int
    """(organisation, role) pairs with this signature; aggregates count as their count."""

    @property
    def degree(self) -> int:
        return len(self.networks)


@dataclass(frozen=True)
class UpsetRow:
    id: str
    name: str
    """As drawn, with † when the record is partly inferred."""
    total: int
    inferred: bool


@dataclass(frozen=True)
class UpsetPlan:
    frame: Frame
    columns: tuple[Column, ...]
    """Largest first; with --highlight, its combinations first among equal sizes."""
    rows: tuple[UpsetRow, ...]
    """The networks of the columns, the most pairs first."""
    highlight: str | None
    highlight_name: str | None
    hidden_columns: int
    hidden_rows: int
    undocumented: tuple[tuple[str, str], ...] = ()
    """(network id, reason) of networks in scope that cannot be in the matrix."""


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


def plan(dataset: Dataset, options: DiagramOptions, max_columns: int = MAX_COLUMNS,
         max_rows: int = MAX_ROWS) -> UpsetPlan:
    lang = options.lang
    scope = scope_for(dataset, options)
    sizes, totals, silent = signatures(dataset, scope)
    ordered = sorted(sizes, key=lambda s: (-sizes[s], -len(s), sorted(s)))
    highlight = options.highlight
    chosen: list[frozenset[str]] = []
    for signature in ordered:
        shown = set().union(*chosen, signature) if chosen else set(signature)
        if len(chosen) >= max_columns or len(shown) > max_rows:
            continue
        chosen.append(signature)
    if highlight is not None:  # the highlighted network's combinations come first among ties
        chosen.sort(key=lambda s: (-sizes[s], highlight not in s, -len(s), sorted(s)))
    row_ids = sorted({n for s in chosen for n in s}, key=lambda n: (-totals[n], n))
    rows = []
    for ident in row_ids:
        network = dataset.networks[ident]
        inferred = is_inferred(network)
        rows.append(UpsetRow(ident, marked(display_name(network), inferred), totals[ident],
                             inferred))
    undocumented = tuple((ident, _why(dataset, ident)) for ident in silent
                         if _why(dataset, ident))
    parts = [text("caption_upset", lang)]
    hidden_columns = len(sizes) - len(chosen)
    hidden_rows = len(totals) - len(rows)
    if hidden_columns or hidden_rows:
        parts.append(text("upset_more", lang, n=hidden_columns, m=hidden_rows))
    if undocumented:
        names = [display_name(dataset.networks[i]) for i, _ in undocumented]
        listed = listing(names[:MAX_NAMED], lang) if len(names) <= MAX_NAMED else (
            ", ".join(names[:MAX_NAMED]) + " " + text("and_more", lang,
                                                       n=len(names) - MAX_NAMED))
        parts.append(text("caption_upset_undocumented", lang, n=len(undocumented),
                          names=listed))
    if any(r.inferred for r in rows):
        parts.append(text("caption_inferred_mark", lang))
    parts += source_parts(dataset, options, scope.networks)
    record = None
    if highlight is not None:
        record = dataset.networks.get(highlight) or dataset.actors.get(highlight)
    frame = Frame(options.title or text("title_upset", lang), subtitle(dataset, options),
                  tuple(parts), names_of(scope.networks), lang)
    columns = tuple(Column(tuple(sorted(s)), sizes[s]) for s in chosen)
    return UpsetPlan(frame, columns, tuple(rows), highlight,
                     (display_name(record) if record else highlight) if highlight else None,
                     hidden_columns, hidden_rows, undocumented)


def _why(dataset: Dataset, ident: str) -> str:
    """Why a network in scope targets no listed (organisation, role) pair, when the reason is
    that the data does not say (empty when it documents reaching nobody here)."""
    network = dataset.networks[ident]
    if not network.targets:
        return "no target roles"
    if not network.coverage.members:
        return "organisations not listed"
    return ""
