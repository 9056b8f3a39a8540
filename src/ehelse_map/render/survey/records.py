"""Returned questionnaires as records of the data format: one source per questionnaire and one
observation per answer, merged into an observation file, written as YAML.

- **Period**: an answer covers the 12 months before the day it was given: from that day a
  year earlier plus one day, to the day itself.
- **Ids** are stable: an observation's id is a hash of its organisation, network, role and
  period, so the same answer imported again is the same record; a source's id is
  `survey:ORGANISATION:DAY:HASH`, the hash of what the questionnaire says.
- **Conflicts**: two answers with the same id (same organisation, network, role and period)
  that say different things are a conflict, whether both are being imported or one is in the
  file already. A conflict stops the import, unless `prefer_latest`: then the answer from the
  workbook saved last wins (its document properties' modified time), and a workbook being
  imported counts as later than an answer already in the file. Answers saved at the same
  time stay a conflict.
- **Idempotent**: an answer already in the file, saying the same, is left as it is; a
  questionnaire none of whose answers is new adds no source.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from ehelse_map.render.survey.answers import Answer, Returned

#: The fields of an observation that say what the answer is (its content, for conflicts).
CONTENT = ("takes_part", "meetings_per_year", "hours_per_meeting", "roles_held",
           "roles_held_other", "respondent_role", "note")
_OBSERVATION_ORDER = ("id", "organisation", "network", "role", "period", "answered",
                      "takes_part", "meetings_per_year", "hours_per_meeting", "roles_held",
                      "roles_held_other", "respondent_role", "role_not_targeted", "note",
                      "sources")
_SOURCE_ORDER = ("id", "title", "url", "publisher", "published", "note")


def answer_period(answered: date) -> tuple[date, date]:
    """The 12 months before `answered`, the day itself included."""
    try:
        start = answered.replace(year=answered.year - 1)
    except ValueError:  # 29 February
        start = answered.replace(year=answered.year - 1, day=28)
    return start + timedelta(days=1), answered


def observation_id(organisation: str, network: str, role: str, start: str, end: str) -> str:
    digest = hashlib.sha256(f"{organisation}|{network}|{role}|{start}|{end}".encode())
    return f"obs-{digest.hexdigest()[:12]}"


@dataclass
class Incoming:
    """An observation record made from an answer, with where it came from."""

    record: dict[str, Any]
    source: dict[str, Any]
    where: str
    saved: datetime | None


def incoming(returned: Returned, names: dict[str, str]) -> list[Incoming]:
    """The observation records of one returned questionnaire (its answers must be valid and
    it must have its answer day); `names` are organisation names for the source's title."""
    assert returned.answered is not None
    start, end = (d.isoformat() for d in answer_period(returned.answered))
    content = json.dumps([returned.organisation, returned.answered.isoformat(),
                          returned.respondent_role, returned.missing_networks,
                          [_answer_key(a) for a in returned.answers]], ensure_ascii=False)
    digest = hashlib.sha256(content.encode()).hexdigest()[:6]
    name = names.get(returned.organisation, returned.organisation)
    source = {"id": f"survey:{returned.organisation}:{returned.answered.isoformat()}:{digest}",
              "title": f"Survey answer: {name}, {returned.answered.isoformat()}",
              "publisher": name, "published": returned.answered.isoformat()}
    if returned.missing_networks:  # what the report lists as remarks
        source["note"] = f"Networks missing from the list: {returned.missing_networks}"
    found = []
    for answer in returned.answers:
        record: dict[str, Any] = {
            "id": observation_id(answer.organisation, answer.network, answer.role, start, end),
            "organisation": answer.organisation, "network": answer.network,
            "role": answer.role, "period": {"from": start, "to": end},
            "answered": returned.answered.isoformat(), "takes_part": answer.takes_part,
            "meetings_per_year": answer.meetings, "hours_per_meeting": answer.hours,
            "roles_held": list(answer.roles_held) or None,
            "roles_held_other": answer.roles_held_other,
            "respondent_role": returned.respondent_role, "note": answer.comment,
            "sources": [source["id"]]}
        found.append(Incoming({k: v for k, v in record.items() if v is not None}, source,
                              answer.where, returned.saved))
    return found


def _answer_key(answer: Answer) -> list[Any]:
    return [answer.network, answer.role, answer.takes_part, answer.meetings, answer.hours,
            list(answer.roles_held), answer.roles_held_other, answer.comment]


@dataclass
class Conflict:
    organisation: str
    network: str
    role: str
    period: str
    sides: list[tuple[str, str]]
    """(where, what it says) of each side."""

    def __str__(self) -> str:
        said = "; ".join(f"{where} says {what}" for where, what in self.sides)
        return (f"conflicting answers of {self.organisation} about {self.network}, role "
                f"{self.role}, {self.period}: {said}")


@dataclass
class Merged:
    sources: list[dict[str, Any]]
    observations: list[dict[str, Any]]
    conflicts: list[Conflict] = field(default_factory=list)
    added: int = 0
    replaced: int = 0
    unchanged: int = 0

    @property
    def changed(self) -> bool:
        return bool(self.added or self.replaced)


def merge(existing_sources: list[dict[str, Any]], existing: list[dict[str, Any]],
          arriving: list[Incoming], *, prefer_latest: bool = False,
          file: str = "the observation file") -> Merged:
    """The observation file's records with `arriving` merged in (see the module's rules);
    `file` names the observation file in conflicts."""
    chosen: dict[str, Incoming] = {}
    rivals: dict[str, list[Incoming]] = {}
    for item in arriving:
        ident = item.record["id"]
        known = chosen.get(ident)
        if known is None:
            chosen[ident] = item
        elif _content(known.record) != _content(item.record):
            rivals.setdefault(ident, [known]).append(item)
    conflicts: list[Conflict] = []
    for ident, group in rivals.items():
        latest = _latest(group) if prefer_latest else None
        if latest is None:
            conflicts.append(_conflict(group[0].record, [(i.where, _said(i.record))
                                                         for i in group]))
            del chosen[ident]
        else:
            chosen[ident] = latest
    by_id = {r["id"]: i for i, r in enumerate(existing)}
    observations = [dict(r) for r in existing]
    result = Merged(list(existing_sources), observations)
    used_sources: set[str] = set()
    for ident, item in chosen.items():
        index = by_id.get(ident)
        if index is None:
            observations.append(item.record)
            result.added += 1
        elif _content(observations[index]) == _content(item.record):
            result.unchanged += 1
            continue
        elif prefer_latest:
            observations[index] = item.record
            result.replaced += 1
        else:
            old = observations[index]
            conflicts.append(_conflict(old, [(f"{file} ({ident})", _said(old)),
                                             (item.where, _said(item.record))]))
            continue
        used_sources.add(item.source["id"])
    known_sources = {s["id"] for s in result.sources}
    for item in arriving:
        source = item.source
        if source["id"] in used_sources and source["id"] not in known_sources:
            result.sources.append(source)
            known_sources.add(source["id"])
    result.conflicts = sorted(conflicts, key=lambda c: (c.organisation, c.network, c.role))
    return result


def _content(record: dict[str, Any]) -> tuple[Any, ...]:
    def normal(value: Any) -> Any:
        if isinstance(value, list):
            return tuple(value)
        if isinstance(value, float) and value.is_integer():
            return int(value)
        return value

    return tuple(normal(record.get(name)) for name in CONTENT)


def _latest(group: list[Incoming]) -> Incoming | None:
    """The answer saved last; None when the latest save time is shared or unknown."""
    stamps = [i.saved for i in group]
    if any(s is None for s in stamps):
        return None
    latest = max(s for s in stamps if s is not None)
    winners = [i for i in group if i.saved == latest]
    return winners[0] if len(winners) == 1 else None


def _said(record: dict[str, Any]) -> str:
    parts = [f"takes part: {record.get('takes_part')}"]
    if record.get("meetings_per_year") is not None:
        parts.append(f"{_number(record['meetings_per_year'])} meetings")
    if record.get("hours_per_meeting") is not None:
        parts.append(f"{_number(record['hours_per_meeting'])} h a meeting")
    others = [name for name in ("roles_held", "roles_held_other", "respondent_role", "note")
              if record.get(name)]
    return ", ".join(parts) + (f" ({', '.join(others)} too)" if others else "")


def _conflict(record: dict[str, Any], sides: list[tuple[str, str]]) -> Conflict:
    period = record.get("period") or {}
    return Conflict(str(record.get("organisation")), str(record.get("network")),
                    str(record.get("role")), f"{period.get('from')}–{period.get('to')}", sides)


def _number(value: Any) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)


# --- YAML -------------------------------------------------------------------------------------------

HEADER = ("# Survey answers: one observation per organisation, network and role, and one source\n"
          "# per returned questionnaire. Written by `ehelse-map survey import`; the format is in\n"
          "# docs/data-format.md#observations. Importing the same questionnaire again changes\n"
          "# nothing.\n")


def observation_yaml(sources: list[dict[str, Any]], observations: list[dict[str, Any]]) -> str:
    """The observation file: `schema_version`, `sources`, `observations`. Every text is
    quoted, so no YAML tool reads `no` as false or a date as anything but text."""
    lines = [HEADER.rstrip("\n"), "schema_version: 2"]
    if sources:
        lines.append("sources:")
        lines += _records(sources, _SOURCE_ORDER)
    lines.append("observations:" if observations else "observations: []")
    lines += _records(observations, _OBSERVATION_ORDER)
    return "\n".join(lines) + "\n"


def _records(records: list[dict[str, Any]], order: tuple[str, ...]) -> list[str]:
    lines = []
    for record in records:
        keys = [k for k in order if record.get(k) is not None]
        keys += sorted(k for k in record if k not in order and record[k] is not None)
        for i, key in enumerate(keys):
            lines.append(("  - " if i == 0 else "    ") + f"{key}: {_value(record[key])}")
    return lines


def _value(value: Any) -> str:
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {_value(v)}" for k, v in value.items()
                               if v is not None) + "}"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_value(v) for v in value) + "]"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    return json.dumps(str(value), ensure_ascii=False)


__all__ = ["Conflict", "Incoming", "Merged", "answer_period", "incoming", "merge",
           "observation_id", "observation_yaml"]
