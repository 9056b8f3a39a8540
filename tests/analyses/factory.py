"""Small data sets built directly from model objects, for tests worked out by hand."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

from ehelse_map.fuzzydate import FuzzyDate
from ehelse_map.model.records import (
    Actor,
    Area,
    Coverage,
    Dataset,
    Funding,
    Network,
    Period,
    Role,
    Source,
    Staffing,
    StaffingRule,
    Target,
)

AS_OF = date(2024, 6, 1)
SRC = ("s1",)


def period(start: str | None = None, end: str | None = None) -> Period:
    return Period(FuzzyDate.parse(start) if start else None,
                  FuzzyDate.parse(end) if end else None)


def actor(ident: str, kind: str = "municipality", *, level: str | None = None,
          country: str = "NO", **fields: Any) -> Actor:
    """A municipality by default; `level` follows the kind unless given."""
    if level is None:
        level = "local" if kind == "municipality" else (
            "regional" if kind in ("county", "region", "health-trust") else "national")
    return Actor(id=ident, name=ident.replace("-", " ").title(), kind=kind, level=level,
                 country=country, sources=SRC, **fields)


def target(role: str, meetings: float, hours: float, estimate: str | None = None) -> Target:
    return Target.of(role, meetings, hours, estimate)


def network(ident: str, members: Iterable[str], *, areas: Sequence[str] = ("a1",),
            targets: Sequence[Target] | Sequence[tuple[str, float, float]] = (("r1", 1, 1),),
            host: str | None = None, country: str = "NO", count: int | None = None,
            funding: Sequence[Funding] = (), **fields: Any) -> Network:
    """A network; targets may be given as `(role, meetings_per_year, hours_per_meeting)`."""
    built = tuple(t if isinstance(t, Target) else target(*t) for t in targets)
    return Network(id=ident, name=ident.replace("-", " ").title(), kind="network",
                   level=fields.pop("level", "regional"), country=country, host=host,
                   coverage=Coverage(members=tuple(members), count=count), areas=tuple(areas),
                   tasks=("coordination",), targets=built, sources=SRC,
                   funding=tuple(funding), **fields)


def municipalities(*idents: str, **fields: Any) -> list[Actor]:
    return [actor(i, **fields) for i in idents]


def dataset(actors: Iterable[Actor], networks: Iterable[Network], *,
            roles: Iterable[Role] = (), staffing: Staffing | None = None) -> Dataset:
    """A Dataset; areas and roles the networks name are added to the vocabularies."""
    networks = list(networks)
    role_map = {r.id: r for r in roles}
    for n in networks:
        for t in n.targets:
            role_map.setdefault(t.role, Role(t.role, {"en": t.role}, sources=SRC))
    areas = {a: Area(a, {"en": a}, sources=SRC) for n in networks for a in n.areas}
    return Dataset(actors={a.id: a for a in actors}, networks={n.id: n for n in networks},
                   areas=areas, roles=role_map, sources={"s1": Source("s1", "Test source")},
                   assumptions={}, staffing=staffing)


def role(ident: str, anchor: str | None = None) -> Role:
    return Role(ident, {"en": ident.title()}, anchor=anchor, sources=SRC)


def staffing(rules: Sequence[tuple[int | None, Sequence[Sequence[str]]]], *,
             capacity: float = 0.0, overrides: dict[str, Sequence[Sequence[str]]] | None = None
             ) -> Staffing:
    return Staffing(
        assumption="staffing-test",
        rules=tuple(StaffingRule(bound, tuple(tuple(g) for g in groups))
                    for bound, groups in rules),
        overrides={k: tuple(tuple(g) for g in v) for k, v in (overrides or {}).items()},
        capacity_hours_per_year=capacity,
        capacity_assumption="capacity-test" if capacity else None)
