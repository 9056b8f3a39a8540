"""From data-set files to a `Dataset`: validate first, then build the frozen model."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any

from ehelse_map.load.files import default_data_dir, resolve_inputs
from ehelse_map.load.limits import Limits
from ehelse_map.model.records import (
    Actor,
    Area,
    Assumption,
    Coverage,
    Dataset,
    Funding,
    Location,
    Network,
    Period,
    Role,
    Source,
    Staffing,
    StaffingRule,
    Target,
)

if TYPE_CHECKING:
    from ehelse_map.load.check_set import Validated


class DataError(Exception):
    """The data set has errors; `validated.problems` says which."""

    def __init__(self, validated: Validated) -> None:
        super().__init__(f"{sum(p.severity == 'error' for p in validated.problems)} errors in the data")
        self.validated = validated


def load_dataset(data: str | os.PathLike[str] | None = None,
                 limits: Limits = Limits(), *,
                 cache: bool = False) -> Dataset:
    """Load and validate a data set folder (default: `default_data_dir()`).

    With `cache`, a data set loaded before from the same bytes comes from the cache
    (`ehelse_map.cache`; the commands use it). Raises DataError when the data has errors and
    reading.InputError when files cannot be read.
    """
    from ehelse_map.model import cache as stored

    files = resolve_inputs([str(data if data is not None else default_data_dir())])
    contents = _contents(files, limits) if cache and stored.folder() is not None else None
    name = stored.key(contents, limits) if contents is not None else None
    if name is not None:
        found = stored.get(name)
        if found is not None:
            return found
    from ehelse_map.load.check_set import validate_data, validate_files  # not needed on a cache hit

    # with a key, validate the very bytes it was made from
    validated = (validate_data(contents, limits) if contents is not None
                 else validate_files(files, limits))
    del contents
    if validated.has_errors:
        raise DataError(validated)
    dataset = build_dataset(validated)
    if name is not None:
        stored.put(name, dataset)
    return dataset


def _contents(files: list[str], limits: Limits) -> list[tuple[str, bytes]] | None:
    """Each file's name as shown and its bytes, read as validation reads them (InputError for
    what is not a regular file); None when one is over the size limit (validation says so)."""
    from ehelse_map.load.files import display_path, read_bytes

    contents = []
    for path in files:
        display = display_path(path)
        data, _ = read_bytes(path, display, limits)
        if data is None:
            return None
        contents.append((display, data))
    return contents


def build_dataset(validated: Validated) -> Dataset:
    """The model for a data set that validated without errors."""
    records = validated.records

    def located(display: str, index: int, key: str) -> Location:
        line, column = validated.positions.get(display, {}).get(f"{key}[{index}]", (1, 1))
        return Location(display, line, column, f"{key}[{index}]")

    sources = {r["id"]: Source(r["id"], r["title"], r.get("url"), r.get("publisher"),
                               _text(r.get("published")), r.get("note"))
               for _, _, r in records.get("sources", ())}
    assumptions = {r["id"]: Assumption(r["id"], r["text"], tuple(r["sources"]))
                   for _, _, r in records.get("assumptions", ())}
    areas = {r["id"]: Area(r["id"], dict(r["labels"]), r.get("group"), tuple(r["sources"]))
             for _, _, r in records.get("areas", ())}
    roles = {r["id"]: Role(r["id"], dict(r["labels"]), r.get("anchor"), r.get("country"),
                           tuple(r["sources"]))
             for _, _, r in records.get("roles", ())}
    actors = {r["id"]: _actor(r, located(d, i, "actors")) for d, i, r in records.get("actors", ())}
    networks = {r["id"]: _network(r, validated.coverage.get(r["id"], ()), located(d, i, "networks"))
                for d, i, r in records.get("networks", ())}
    staffing = _staffing(validated.staffing[1]) if validated.staffing else None
    return Dataset(actors, networks, areas, roles, sources, assumptions, staffing,
                   tuple(validated.files))


def _text(value: Any) -> str | None:
    return None if value is None else str(value)


def _period(value: dict[str, Any] | None) -> Period:
    value = value or {}
    return Period(value.get("from"), value.get("to"))


def _actor(r: dict[str, Any], location: Location) -> Actor:
    return Actor(
        id=r["id"], name=r["name"], kind=r["kind"], level=r["level"], country=r["country"],
        sources=tuple(r["sources"]), short_name=r.get("short_name"), parent=r.get("parent"),
        region=r.get("region"), catchment=r.get("catchment"), number=r.get("number"),
        identifiers=dict(r.get("identifiers") or {}), population=r.get("population"),
        population_as_of=_text(r.get("population_as_of")), count=r.get("count") or 1,
        period=_period(r.get("period")), successor=r.get("successor"),
        former_names=tuple(r.get("former_names") or ()), url=r.get("url"), note=r.get("note"),
        inferred=r.get("inferred"), location=location,
    )


def _network(r: dict[str, Any], members: tuple[str, ...], location: Location) -> Network:
    coverage = r.get("coverage")
    selector = coverage if isinstance(coverage, dict) else {}
    return Network(
        id=r["id"], name=r["name"], kind=r["kind"], level=r["level"], country=r["country"],
        host=r.get("host"),
        coverage=Coverage(members, selector.get("count"), selector.get("inferred")),
        areas=tuple(r["areas"]), tasks=tuple(r["tasks"]),
        targets=tuple(Target(t["role"], t["meetings_per_year"], t["hours_per_meeting"],
                             t.get("estimate"), tuple(t.get("sources") or ()))
                      for t in r.get("targets") or ()),
        sources=tuple(r["sources"]), short_name=r.get("short_name"), parent=r.get("parent"),
        participants=tuple(r.get("participants") or ()),
        funding=tuple(Funding(f["source"], f.get("scheme"), f.get("reports_to"), f.get("note"),
                              tuple(f.get("sources") or ()))
                      for f in r.get("funding") or ()),
        reports_to=tuple(r.get("reports_to") or ()), steered_by=tuple(r.get("steered_by") or ()),
        period=_period(r.get("period")), url=r.get("url"), note=r.get("note"),
        inferred=r.get("inferred"), location=location,
    )


def _staffing(r: dict[str, Any]) -> Staffing:
    def persons(groups: list[list[str]]) -> tuple[tuple[str, ...], ...]:
        return tuple(tuple(g) for g in groups or ())

    return Staffing(
        assumption=r["assumption"],
        rules=tuple(StaffingRule(rule.get("max_population"), persons(rule["persons"]))
                    for rule in r["rules"]),
        overrides={k: persons(v) for k, v in (r.get("overrides") or {}).items()},
        capacity_hours_per_year=r.get("capacity_hours_per_year") or 0.0,
        capacity_assumption=r.get("capacity_assumption"),
    )
