"""Tables for `actors`, `networks` and `show`, sized for an 80-column terminal.

Titles, headers, notes and the words of `show` are in `lang` (`render.i18n`). In English the
kinds and the fields of `show` are the data's own ids (as `--kind` and the JSON name them);
in Norwegian they are words. CSV is built in English.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import fields
from datetime import date

from ehelse_map.analyses.listings import ActorItem, NetworkItem, TargetItem
from ehelse_map.model.records import Dataset
from ehelse_map.render.i18n import N_, Messages, messages
from ehelse_map.render.numbers import number
from ehelse_map.render.profile_view import KINDS, NETWORK_KINDS, TASKS
from ehelse_map.render.styled import Styled, styled
from ehelse_map.render.table import Column, Table

#: The fields of `show`, in words (Norwegian only: English shows the JSON's names).
FIELDS = {"id": N_("id"), "name": N_("name"), "kind": N_("kind"), "level": N_("level"),
          "country": N_("country"), "parent": N_("parent"), "region": N_("region"),
          "catchment": N_("catchment area"), "number": N_("number"),
          "population": N_("population"), "population_as_of": N_("population as of"),
          "count": N_("count"), "period": N_("period"), "active": N_("active"),
          "inferred": N_("inferred"), "host": N_("host"), "areas": N_("mandate areas"),
          "tasks": N_("tasks"), "roles": N_("roles"), "member_count": N_("member count"),
          "reach": N_("reach"), "reports_to": N_("reporting to"), "steered_by": N_("steered by"),
          "estimates": N_("estimates"), "coverage_inferred": N_("coverage inferred")}
#: The levels of the data's vocabulary, in words.
LEVELS = {"national": N_("national"), "regional": N_("regional"), "local": N_("local")}


def _title(m: Messages, shown: int, total: int | None, counted: Callable[[int], str]) -> str:
    """`50 networks`, or `showing 25 of 50 networks` when a limit cut the list; `counted`
    gives a number with its word."""
    if total is not None and shown < total:
        return m.t("showing {shown} of {total}", shown=number(shown, m.lang),
                   total=counted(total))
    return counted(shown)


def _kind(m: Messages, words: dict[str, str], kind: str) -> str:
    """A kind as `--kind` names it in English, in words in Norwegian."""
    return m.t(words[kind]) if m.lang != "en" and kind in words else kind


def _ended(m: Messages) -> str:
    return m.t("ended")


def actors_table(items: tuple[ActorItem, ...], as_of: date, total: int | None = None,
                 lang: str = "en") -> Table:
    """`total`: actors before `--top` cut the list."""
    m = messages(lang)
    rows = tuple((a.id, a.name, _kind(m, KINDS, a.kind), a.country, a.number or "",
                  a.population if a.population is not None else "",
                  "" if a.active else _ended(m)) for a in items)
    return Table(
        title=_title(m, len(items), total, lambda n: m.tn("{n} actor", "{n} actors", n)),
        columns=(Column(m.t("id"), ids=True),
                 Column(m.t("name"), max_width=26, overflow="ellipsis"),
                 Column(m.t("kind"), max_width=12, overflow="ellipsis"),
                 Column(m.t("cc")), Column(m.t("no.")), Column(m.t("pop."), "right"),
                 Column("", style="marks")),
        rows=rows, lang=lang,
        notes=(styled("'", (_ended(m), "ended"),
                      m.t("': not active on {date}", date=as_of.isoformat())),)
        if any(not a.active for a in items) else (),
        total_rows=total,
    )


def networks_table(items: tuple[NetworkItem, ...], as_of: date, total: int | None = None,
                   lang: str = "en") -> Table:
    """`total`: networks before `--top` cut the list."""
    m = messages(lang)
    ended = _ended(m)

    def status(n: NetworkItem) -> str:
        flags = (("est", n.estimates), ("inf", bool(n.inferred or n.coverage_inferred)),
                 (ended, not n.active))
        return ",".join(flag for flag, on in flags if on)

    rows = tuple((n.id, _kind(m, NETWORK_KINDS, n.kind), n.country,
                  f"{n.reach}{'' if n.members else '*'}",
                  f"{len(n.areas)}/{len(n.roles)}", status(n)) for n in items)
    notes: list[str | Styled] = [
        m.t("reach: organisations reached (aggregates counted in full); * a documented count, "
            "members not listed"),
        styled(m.t("a/r: mandate areas / target roles; "), ("est", "estimated"),
               m.t(": meeting cadence rests on an estimate; "), ("inf", "inferred"),
               m.t(": part of the record (reach, roles, host) is inferred (`ehelse-map show "
                   "ID`)"))]
    if any(not n.active for n in items):
        notes.append(styled((ended, "ended"),
                            m.t(": not active on {date}", date=as_of.isoformat())))
    return Table(
        title=_title(m, len(items), total,
                     lambda n: m.tn("{n} network", "{n} networks", n)),
        columns=(Column(m.t("id"), ids=True),
                 Column(m.t("kind"), max_width=12, overflow="ellipsis"),
                 Column(m.t("cc")),
                 Column(m.t("reach"), "right"), Column(m.t("a/r"), "right"),
                 Column(m.t("status"), style="marks")),
        rows=rows, lang=lang,
        notes=tuple(notes),
        total_rows=total,
    )


def _cadence(target: TargetItem, m: Messages) -> str:
    """`4×3 h = 12 h/yr`; `?` for what the data does not know; who bears it when not each
    member."""
    def shown(value: float | None) -> str:
        if value is None:
            return "?"
        text = f"{value:g}"
        return text.replace(".", ",") if m.lang in ("nb", "nn") else text

    text = m.t("{meetings}×{hours} h = {total} h/yr", meetings=shown(target.meetings_per_year),
               hours=shown(target.hours_per_meeting), total=shown(target.hours_per_year))
    if target.asks == "seats":
        text += m.t(", {seats} seats shared by the members", seats=target.seats)
    elif target.asks == "network":
        text += m.t(", a post the network holds itself")
    return text


def _field(m: Messages, name: str) -> str:
    return m.t(FIELDS[name]) if m.lang != "en" and name in FIELDS else name


def _value(m: Messages, name: str, value: object) -> str:
    """A field's value; in Norwegian yes/no, levels and tasks in words."""
    if m.lang == "en":
        return _short(value)
    if isinstance(value, bool):
        return m.t("yes") if value else m.t("no")
    if name == "level" and isinstance(value, str) and value in LEVELS:
        return m.t(LEVELS[value])
    if name == "kind" and isinstance(value, str):
        return _kind(m, {**NETWORK_KINDS, **KINDS}, value)
    if name == "tasks" and isinstance(value, tuple):
        return _short(tuple(m.t(TASKS[t]) if t in TASKS else t for t in value))
    return _short(value)


def show_table(dataset: Dataset, item: ActorItem | NetworkItem, lang: str = "en") -> Table:
    """A two-column field/value view of one record, with its sources spelt out."""
    m = messages(lang)
    rows: list[tuple[str, str]] = []
    for name in (f.name for f in fields(item)):
        value = getattr(item, name)
        if name in ("sources", "targets", "funding", "members", "networks") \
                or value in (None, "", ()):
            continue
        rows.append((_field(m, name), _value(m, name, value)))
    reached_by = m.t("reached by")
    if isinstance(item, ActorItem):
        for ident in item.networks:
            network = dataset.networks.get(ident)
            rows.append((reached_by, f"{ident} ({network.name})" if network else ident))
        if not item.networks:
            rows.append((reached_by, m.t("no network active on the date")))
    if isinstance(item, NetworkItem):
        rows.append((m.t("members"), _short(item.members, limit=12)))
        for target in item.targets:
            cadence = _cadence(target, m)
            rows.append((m.t("target {role}", role=target.role),
                         cadence + (m.t(" (estimate: {assumption})", assumption=target.estimate)
                                    if target.estimate else "")))
        for funding in item.funding:
            line = funding.source + (f" / {funding.scheme}" if funding.scheme else "")
            rows.append((m.t("funding"), line + (m.t(" → reports to {body}",
                                                     body=funding.reports_to)
                                                 if funding.reports_to else "")))
    for source_id in item.sources:
        source = dataset.sources.get(source_id)
        text = f"{source.title}" + (f" <{source.url}>" if source and source.url else "") if source else ""
        rows.append((m.t("source {id}", id=source_id), text))
    notes = (m.t("reached by: the networks active on the date; what they ask of it: "
                 "ehelse-map profile {id}", id=item.id),) \
        if isinstance(item, ActorItem) and item.networks else ()
    return Table(title=item.name, columns=(Column(m.t("field"), max_width=30, ids=True),
                                           Column(m.t("value"), ids=True)),
                 rows=tuple(rows), notes=notes, lang=lang)


def _short(value: object, limit: int = 20) -> str:
    if isinstance(value, tuple):
        shown = ", ".join(str(v) for v in value[:limit])
        return shown + (f" … (+{len(value) - limit})" if len(value) > limit else "")
    return str(value)
