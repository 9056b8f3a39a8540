"""What changed between two versions of the data: records added, removed and changed field by
field, and what that did to the key figures (overlap, burden, reporting lines, anchoring).

Records are compared by id within their kind. Fields holding sets of ids (areas, tasks, sources,
coverage members, ...) are compared as sets and reported as items added and removed; targets
are matched by role and funding lines by (source, scheme), so a changed cadence reads as one
field `targets[helseleiar]`. Coverage is compared after expansion: a municipality added to a
region changes the members of every network that selects the region.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date
from typing import Any

from ehelse_map.analyses.figures import FigureChange, compare, key_figures
from ehelse_map.model.records import Dataset, Staffing, Target

KINDS = ("network", "actor", "source", "assumption", "area", "role", "staffing")
SET_FIELDS = frozenset({"areas", "tasks", "sources", "reports_to", "steered_by", "participants",
                        "former_names", "coverage"})


@dataclass(frozen=True)
class FieldChange:
    field: str
    old: Any
    """The old value as text or number; None when the field was empty."""
    new: Any
    added: tuple[str, ...] = ()
    """For set fields: items only in the new version."""
    removed: tuple[str, ...] = ()
    """For set fields: items only in the old version."""


@dataclass(frozen=True)
class RecordChange:
    kind: str
    """network, actor, source, assumption, area, role or staffing."""
    id: str
    name: str
    change: str
    """`added`, `removed` or `changed`."""
    fields: tuple[FieldChange, ...] = ()


@dataclass(frozen=True)
class DiffResult:
    old: str
    """What the old side is: a folder or `git REV`."""
    new: str
    as_of: date | None
    changes: tuple[RecordChange, ...]
    """By kind (networks first), then added, removed, changed, then id."""
    figures: tuple[FigureChange, ...]
    assumptions: tuple[str, ...]

    @property
    def counts(self) -> dict[str, int]:
        return {c: sum(r.change == c for r in self.changes) for c in ("added", "removed", "changed")}


def diff_datasets(old: Dataset, new: Dataset, as_of: date | None, *, old_label: str = "old",
                  new_label: str = "new", country: str | None = None,
                  region: str | None = None) -> DiffResult:
    """Every change from `old` to `new`, and the key figures of both on `as_of`."""
    changes: list[RecordChange] = []
    collections = (("network", old.networks, new.networks), ("actor", old.actors, new.actors),
                   ("source", old.sources, new.sources),
                   ("assumption", old.assumptions, new.assumptions),
                   ("area", old.areas, new.areas), ("role", old.roles, new.roles))
    for kind, before, after in collections:
        changes += _compare_records(kind, before, after)
    staffing = _compare_fields(_staffing_fields(old.staffing), _staffing_fields(new.staffing))
    if staffing:
        changes.append(RecordChange("staffing", "staffing", "staffing assumption", "changed",
                                    staffing))
    order = {"added": 0, "removed": 1, "changed": 2}
    changes.sort(key=lambda c: (KINDS.index(c.kind), order[c.change], c.id))
    from ehelse_map.analyses.burden import RowMemo

    rows = RowMemo()  # organisations whose networks did not change keep their rows
    before_figures = key_figures(old, as_of, country=country, region=region, rows=rows)
    after_figures = key_figures(new, as_of, country=country, region=region, rows=rows)
    return DiffResult(
        old=old_label, new=new_label, as_of=as_of, changes=tuple(changes),
        figures=compare(before_figures, after_figures),
        assumptions=tuple(sorted(set(before_figures.assumptions)
                                 | set(after_figures.assumptions))))


def _name(record: Any) -> str:
    for attribute in ("short_name", "name", "title"):
        value = getattr(record, attribute, None)
        if value:
            return str(value)
    labels: dict[str, str] | None = getattr(record, "labels", None)
    ident: str = record.id
    return labels.get("en", ident) if labels else ident


def _compare_records(kind: str, before: dict[str, Any], after: dict[str, Any]) -> list[RecordChange]:
    changes = []
    for ident in sorted(set(before) | set(after)):
        if ident not in before:
            changes.append(RecordChange(kind, ident, _name(after[ident]), "added"))
        elif ident not in after:
            changes.append(RecordChange(kind, ident, _name(before[ident]), "removed"))
        elif before[ident] != after[ident]:  # equality leaves out where the record stands
            found = _compare_fields(record_fields(before[ident]), record_fields(after[ident]))
            if found:
                changes.append(RecordChange(kind, ident, _name(after[ident]), "changed", found))
    return changes


def _compare_fields(old: dict[str, Any], new: dict[str, Any]) -> tuple[FieldChange, ...]:
    found = []
    for name in sorted(set(old) | set(new), key=_field_order):
        a, b = old.get(name), new.get(name)
        if a == b:
            continue
        if isinstance(a, frozenset) or isinstance(b, frozenset):
            a_set, b_set = a or frozenset(), b or frozenset()
            found.append(FieldChange(name, ", ".join(sorted(a_set)) or None,
                                     ", ".join(sorted(b_set)) or None,
                                     tuple(sorted(b_set - a_set)), tuple(sorted(a_set - b_set))))
        else:
            found.append(FieldChange(name, a, b))
    return tuple(found)


def _field_order(name: str) -> tuple[int, str]:
    head = name.split("[")[0].split(".")[0]
    order = ("name", "short_name", "kind", "level", "country", "host", "parent", "coverage",
             "areas", "tasks", "targets", "funding", "reports_to", "steered_by")
    return (order.index(head) if head in order else len(order), name)


def record_fields(record: Any) -> dict[str, Any]:
    """A record as comparable values: text, numbers, and frozensets for sets of ids."""
    values: dict[str, Any] = {}
    for item in fields(record):
        if item.name == "location":
            continue
        value = getattr(record, item.name)
        if item.name == "coverage":
            values["coverage"] = frozenset(value.members)
            values["coverage.count"] = value.count
            values["coverage.inferred"] = value.inferred
        elif item.name == "targets":
            for target in value:
                values[f"targets[{target.role}]"] = _target_text(target)
        elif item.name == "funding":
            for line in value:
                key = line.source + (f"/{line.scheme}" if line.scheme else "")
                values[f"funding[{key}]"] = ("reports to " + line.reports_to
                                             if line.reports_to else "funds")
        elif item.name in ("labels", "identifiers"):
            for key, text in sorted(value.items()):
                values[f"{item.name}.{key}"] = text
        elif item.name in SET_FIELDS:
            values[item.name] = frozenset(value)
        elif item.name == "period":
            values["period"] = str(value) or None
        elif value not in (None, "", ()):
            values[item.name] = value if isinstance(value, (str, int, float, bool)) else str(value)
    return {k: v for k, v in values.items() if v not in (None, frozenset())}


def _target_text(target: Target) -> str:
    def shown(value: float | None) -> str:
        return "?" if value is None else f"{value:g}"

    text = f"{shown(target.meetings_per_year)}/yr × {shown(target.hours_per_meeting)} h"
    return text + (f" (estimate: {target.estimate})" if target.estimate else "")


def _staffing_fields(staffing: Staffing | None) -> dict[str, Any]:
    if staffing is None:
        return {}
    values: dict[str, Any] = {
        "assumption": staffing.assumption,
        "capacity_hours_per_year": staffing.capacity_hours_per_year,
        "capacity_assumption": staffing.capacity_assumption,
    }
    for index, rule in enumerate(staffing.rules):
        bound = f"up to {rule.max_population:,}" if rule.max_population is not None else "larger"
        values[f"rules[{index}]"] = f"{bound}: " + "; ".join("+".join(g) for g in rule.persons)
    for actor, groups in sorted(staffing.overrides.items()):
        values[f"overrides.{actor}"] = "; ".join("+".join(g) for g in groups)
    return {k: v for k, v in values.items() if v is not None}


__all__ = ["DiffResult", "FieldChange", "RecordChange", "diff_datasets", "record_fields"]
