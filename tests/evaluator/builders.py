"""Tiny data sets built from model objects, for what-if examples worked out by hand."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from ehelse_map.model.records import (
    Actor,
    Area,
    Coverage,
    Dataset,
    Network,
    Role,
    Source,
    Staffing,
    StaffingRule,
    Target,
)

SRC = ("s1",)


def municipality(ident: str, population: int = 1000, count: int = 1) -> Actor:
    return Actor(id=ident, name=ident.title(), kind="municipality", level="local",
                 country="NO", sources=SRC, population=population,
                 population_as_of="2024-01-01", count=count)


def network(ident: str, members: Iterable[str], targets: Sequence[tuple[str, float, float]],
            areas: Sequence[str] = ("a1",), **fields) -> Network:
    return Network(id=ident, name=ident.title(), kind="network", level="regional",
                   country="NO", host=None, coverage=Coverage(tuple(members)),
                   areas=tuple(areas), tasks=("coordination",),
                   targets=tuple(Target.of(r, m, h) for r, m, h in targets),
                   sources=SRC, **fields)


def dataset(actors: Iterable[Actor], networks: Iterable[Network], *,
            groups: Sequence[Sequence[str]] = (), capacity: float = 100.0,
            anchors: dict[str, str] | None = None) -> Dataset:
    networks = list(networks)
    roles = {t.role for n in networks for t in n.targets} | {r for g in groups for r in g}
    staffing = Staffing(assumption="staffing-test",
                        rules=(StaffingRule(None, tuple(tuple(g) for g in groups)),),
                        capacity_hours_per_year=capacity)
    return Dataset(
        actors={a.id: a for a in actors}, networks={n.id: n for n in networks},
        areas={a: Area(a, {"en": a}, sources=SRC) for n in networks for a in n.areas},
        roles={r: Role(r, {"en": r}, anchor=(anchors or {}).get(r), sources=SRC)
               for r in sorted(roles)},
        sources={"s1": Source("s1", "Test source")}, assumptions={}, staffing=staffing)
