"""Tables for `actors`, `networks` and `show`, sized for an 80-column terminal."""

from __future__ import annotations

from dataclasses import fields
from datetime import date

from ..listings import ActorItem, NetworkItem
from ..model import Dataset
from .tabular import Column, Table


def actors_table(items: tuple[ActorItem, ...], as_of: date) -> Table:
    rows = tuple((a.id, a.name, a.kind, a.country, a.number or "",
                  a.population if a.population is not None else "",
                  "" if a.active else "ended") for a in items)
    return Table(
        title=f"{len(items)} actors",
        columns=(Column("id", max_width=18), Column("name", max_width=26), Column("kind", max_width=14),
                 Column("cc"), Column("no."), Column("population", "right"), Column("")),
        rows=rows,
        notes=(f"'ended': not active on {as_of.isoformat()}",) if any(not a.active for a in items) else (),
    )


def networks_table(items: tuple[NetworkItem, ...], as_of: date) -> Table:
    def reach(n: NetworkItem) -> str:
        return str(len(n.members)) if n.members else (f"{n.member_count}*" if n.member_count else "0")

    rows = tuple((n.id, n.kind, n.country, n.host or "", reach(n), len(n.areas), len(n.roles),
                  ("est." if n.estimates else "") + ("" if n.active else " ended"))
                 for n in items)
    notes = ["reach: organisations reached; * a documented count, members not listed",
             "est.: meeting cadence rests on an estimate (see `ehelse-map show ID`)"]
    if any(not n.active for n in items):
        notes.append(f"ended: not active on {as_of.isoformat()}")
    return Table(
        title=f"{len(items)} networks",
        columns=(Column("id", max_width=28), Column("kind", max_width=12), Column("cc"),
                 Column("host", max_width=16), Column("reach", "right"), Column("areas", "right"),
                 Column("roles", "right"), Column("")),
        rows=rows,
        notes=tuple(notes),
    )


def show_table(dataset: Dataset, item: ActorItem | NetworkItem) -> Table:
    """A two-column field/value view of one record, with its sources spelt out."""
    rows: list[tuple[str, str]] = []
    for name in (f.name for f in fields(item)):
        value = getattr(item, name)
        if name in ("sources", "targets", "funding", "members") or value in (None, "", ()):
            continue
        rows.append((name, _short(value)))
    if isinstance(item, NetworkItem):
        rows.append(("members", _short(item.members, limit=12)))
        for target in item.targets:
            cadence = (f"{target.meetings_per_year:g}×{target.hours_per_meeting:g} h = "
                       f"{target.hours_per_year:g} h/yr")
            rows.append((f"target {target.role}",
                         cadence + (f" (estimate: {target.estimate})" if target.estimate else "")))
        for funding in item.funding:
            line = funding.source + (f" / {funding.scheme}" if funding.scheme else "")
            rows.append(("funding", line + (f" → reports to {funding.reports_to}"
                                             if funding.reports_to else "")))
    for source_id in item.sources:
        source = dataset.sources.get(source_id)
        text = f"{source.title}" + (f" <{source.url}>" if source and source.url else "") if source else ""
        rows.append((f"source {source_id}", text))
    return Table(title=item.name, columns=(Column("field", max_width=30), Column("value")),
                 rows=tuple(rows))


def _short(value: object, limit: int = 20) -> str:
    if isinstance(value, tuple):
        shown = ", ".join(str(v) for v in value[:limit])
        return shown + (f" … (+{len(value) - limit})" if len(value) > limit else "")
    return str(value)
