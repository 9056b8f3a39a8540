"""Tables for `actors`, `networks` and `show`, sized for an 80-column terminal."""

from __future__ import annotations

from dataclasses import fields
from datetime import date

from ehelse_map.analyses.listings import ActorItem, NetworkItem, TargetItem
from ehelse_map.model.records import Dataset
from ehelse_map.render.numbers import plural
from ehelse_map.render.styled import Styled, styled
from ehelse_map.render.table import Column, Table


def _title(shown: int, total: int | None, what: str) -> str:
    """`50 networks`, or `showing 25 of 50 networks` when a limit cut the list."""
    if total is not None and shown < total:
        return f"showing {shown:,} of {plural(total, what)}"
    return plural(shown, what)


def actors_table(items: tuple[ActorItem, ...], as_of: date, total: int | None = None) -> Table:
    """`total`: actors before `--top` cut the list."""
    rows = tuple((a.id, a.name, a.kind, a.country, a.number or "",
                  a.population if a.population is not None else "",
                  "" if a.active else "ended") for a in items)
    return Table(
        title=_title(len(items), total, "actor"),
        columns=(Column("id", ids=True), Column("name", max_width=26, overflow="ellipsis"),
                 Column("kind", max_width=12, overflow="ellipsis"),
                 Column("cc"), Column("no."), Column("pop.", "right"), Column("", style="marks")),
        rows=rows,
        notes=(styled("'", ("ended", "ended"), f"': not active on {as_of.isoformat()}"),)
        if any(not a.active for a in items) else (),
        total_rows=total,
    )


def networks_table(items: tuple[NetworkItem, ...], as_of: date, total: int | None = None) -> Table:
    """`total`: networks before `--top` cut the list."""
    def status(n: NetworkItem) -> str:
        flags = (("est", n.estimates), ("inf", bool(n.inferred or n.coverage_inferred)),
                 ("ended", not n.active))
        return ",".join(flag for flag, on in flags if on)

    rows = tuple((n.id, n.kind, n.country, f"{n.reach}{'' if n.members else '*'}",
                  f"{len(n.areas)}/{len(n.roles)}", status(n)) for n in items)
    notes: list[str | Styled] = [
        "reach: organisations reached (aggregates counted in full); * a documented count, "
        "members not listed",
        styled("a/r: mandate areas / target roles; ", ("est", "estimated"), ": meeting cadence "
               "rests on an estimate; ", ("inf", "inferred"), ": part of the record (reach, "
               "roles, host) is inferred (`ehelse-map show ID`)")]
    if any(not n.active for n in items):
        notes.append(styled(("ended", "ended"), f": not active on {as_of.isoformat()}"))
    return Table(
        title=_title(len(items), total, "network"),
        columns=(Column("id", ids=True), Column("kind", max_width=12, overflow="ellipsis"),
                 Column("cc"),
                 Column("reach", "right"), Column("a/r", "right"),
                 Column("status", style="marks")),
        rows=rows,
        notes=tuple(notes),
        total_rows=total,
    )


def _cadence(target: TargetItem) -> str:
    """`4×3 h = 12 h/yr`; `?` for what the data does not know; who bears it when not each
    member."""
    def shown(value: float | None) -> str:
        return "?" if value is None else f"{value:g}"

    text = (f"{shown(target.meetings_per_year)}×{shown(target.hours_per_meeting)} h = "
            f"{shown(target.hours_per_year)} h/yr")
    if target.asks == "seats":
        text += f", {target.seats} seats shared by the members"
    elif target.asks == "network":
        text += ", a post the network holds itself"
    return text


def show_table(dataset: Dataset, item: ActorItem | NetworkItem) -> Table:
    """A two-column field/value view of one record, with its sources spelt out."""
    rows: list[tuple[str, str]] = []
    for name in (f.name for f in fields(item)):
        value = getattr(item, name)
        if name in ("sources", "targets", "funding", "members", "networks") \
                or value in (None, "", ()):
            continue
        rows.append((name, _short(value)))
    if isinstance(item, ActorItem):
        for ident in item.networks:
            network = dataset.networks.get(ident)
            rows.append(("reached by", f"{ident} ({network.name})" if network else ident))
        if not item.networks:
            rows.append(("reached by", "no network active on the date"))
    if isinstance(item, NetworkItem):
        rows.append(("members", _short(item.members, limit=12)))
        for target in item.targets:
            cadence = _cadence(target)
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
    notes = (f"reached by: the networks active on the date; what they ask of it: "
             f"ehelse-map profile {item.id}",) if isinstance(item, ActorItem) and item.networks else ()
    return Table(title=item.name, columns=(Column("field", max_width=30, ids=True),
                                           Column("value", ids=True)),
                 rows=tuple(rows), notes=notes)


def _short(value: object, limit: int = 20) -> str:
    if isinstance(value, tuple):
        shown = ", ".join(str(v) for v in value[:limit])
        return shown + (f" … (+{len(value) - limit})" if len(value) > limit else "")
    return str(value)
