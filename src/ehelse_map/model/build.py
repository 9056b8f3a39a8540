"""From data-set files to a `Dataset`: validate first, then build the frozen model."""

from __future__ import annotations

import os
from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING, Any

from ehelse_map.load.check_rules import assumed
from ehelse_map.load.files import default_data_dir, resolve_inputs
from ehelse_map.load.limits import Limits
from ehelse_map.model.records import (
    UNKNOWN,
    Actor,
    Amount,
    Area,
    AssumedValue,
    Assumption,
    Coverage,
    Dataset,
    Funding,
    Host,
    Location,
    Network,
    Observation,
    Participation,
    Period,
    Quantity,
    Relation,
    Role,
    Source,
    Staffing,
    StaffingRule,
    Target,
    documented,
)

if TYPE_CHECKING:
    from ehelse_map.load.check_set import CheckedFiles, Validated


class DataError(Exception):
    """The data set has errors; `validated.problems` says which."""

    def __init__(self, validated: Validated) -> None:
        super().__init__(f"{sum(p.severity == 'error' for p in validated.problems)} errors in the data")
        self.validated = validated


def load_dataset(data: str | os.PathLike[str] | None = None,
                 limits: Limits = Limits(), *,
                 cache: bool = False, reuse: CheckedFiles | None = None) -> Dataset:
    """Load and validate a data set folder (default: `default_data_dir()`).

    With `cache`, a data set loaded before from the same bytes comes from the cache
    (`model/cache.py`; the commands use it). With `reuse`, files with the same bytes as one
    checked before by that `CheckedFiles` are not parsed and checked again (`diff`). Raises
    DataError when the data has errors and `load.files.InputError` when files cannot be read.
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
    validated = (validate_data(contents, limits, reuse) if contents is not None
                 else validate_files(files, limits, reuse))
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
    assumptions = {r["id"]: _assumption(r) for _, _, r in records.get("assumptions", ())}
    quantities = _Quantities(assumptions)
    areas = {r["id"]: Area(r["id"], dict(r["labels"]), r.get("group"), tuple(r["sources"]),
                           tuple(r.get("broader") or ()))
             for _, _, r in records.get("areas", ())}
    roles = {r["id"]: Role(r["id"], dict(r["labels"]), r.get("anchor"), r.get("country"),
                           tuple(r["sources"]))
             for _, _, r in records.get("roles", ())}
    about = validated.dataset[1] if validated.dataset else {}
    as_of = about["as_of"].latest() if about.get("as_of") else None
    actors = {r["id"]: _actor(r, located(d, i, "actors")) for d, i, r in records.get("actors", ())}
    networks = {r["id"]: _network(r, validated.coverage.get(r["id"], ()),
                                  located(d, i, "networks"), quantities, as_of)
                for d, i, r in records.get("networks", ())}
    staffing = _staffing(validated.staffing[1], quantities) if validated.staffing else None
    relations = tuple(_relation(r) for _, _, r in records.get("relations", ()))
    observations = tuple(_observation(r, located(d, i, "observations"))
                         for d, i, r in records.get("observations", ()))
    rule = about.get("survey_rule")
    return Dataset(actors, networks, areas, roles, sources, assumptions, staffing,
                   tuple(validated.files), as_of=as_of, name=about.get("name"),
                   relations=relations, observations=observations,
                   survey_rule=None if rule in (None, "none") else rule)


def _text(value: Any) -> str | None:
    return None if value is None else str(value)


def _period(value: dict[str, Any] | None) -> Period:
    value = value or {}
    return Period(value.get("from"), value.get("to"))


def _assumption(r: dict[str, Any]) -> Assumption:
    values = {name: AssumedValue(v["value"], v.get("low"), v.get("high"), v.get("unit"))
              for name, v in (r.get("values") or {}).items()}
    return Assumption(r["id"], r["text"], tuple(r["sources"]), values,
                      tuple(r.get("from_findings") or ()))


class _Quantities:
    """Resolves what the data wrote for a number into a `Quantity` (see `spec.Quantity`)."""

    def __init__(self, assumptions: dict[str, Assumption]) -> None:
        self.assumptions = assumptions

    def __call__(self, raw: Any, field: str, estimate: str | None = None,
                 sources: tuple[str, ...] = (), single: bool = False) -> Quantity:
        """`single`: under `estimate`, an assumption with one value gives it whatever its name
        (a capacity); otherwise only a value named like the field does (a target's meetings
        never take an assumption's hours)."""
        if isinstance(raw, dict):
            return self._written(raw, field, sources)
        if raw is None:
            if estimate is not None:
                return self.from_assumption(estimate, self._name(estimate, field, single))
            return UNKNOWN
        if estimate is not None:
            return self.scaled(float(raw), estimate, self._name(estimate, field, single) or field)
        return documented(raw, sources)

    def _name(self, ident: str, field: str, single: bool) -> str | None:
        assumption = self.assumptions.get(ident)
        values = assumption.values if assumption else {}
        if field in values:
            return field
        return next(iter(values)) if single and len(values) == 1 else None

    def from_assumption(self, ident: str, name: str | None) -> Quantity:
        """The assumption's value `name` (UNKNOWN when it states none by that name)."""
        assumption = self.assumptions.get(ident)
        value = assumption.values.get(name or "") if assumption else None
        if value is None:
            return UNKNOWN
        return Quantity(value.value, value.low, value.high, "estimated", ident, name)

    def scaled(self, number: float, ident: str, field: str) -> Quantity:
        """A number of the data's own under assumption `ident`: the assumption's range scaled
        to it (no range when the assumption states no value of that name)."""
        assumption = self.assumptions.get(ident)
        value = assumption.values.get(field) if assumption else None
        if value is None or not value.value:
            return Quantity(number, None, None, "estimated", ident)
        scale = number / value.value
        return Quantity(number, None if value.low is None else value.low * scale,
                        None if value.high is None else value.high * scale, "estimated",
                        ident, field, scale)

    def _written(self, raw: dict[str, Any], field: str,
                 sources: tuple[str, ...]) -> Quantity:
        own = tuple(raw.get("sources") or ()) or sources
        if raw.get("assume"):
            ident, name, _ = assumed(raw["assume"], field,
                                     {k: {"values": a.values} for k, a in
                                      self.assumptions.items()})
            if raw.get("value") is None:
                return self.from_assumption(ident, name)
            return Quantity(raw["value"], raw.get("low"), raw.get("high"), "estimated", ident,
                            sources=own)
        value = raw["value"]
        return Quantity(value, raw.get("low", value), raw.get("high", value), "documented",
                        sources=own)


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
        other_names=tuple((n["name"], n.get("lang")) for n in r.get("other_names") or ()),
    )


def _target(t: dict[str, Any], quantities: _Quantities) -> Target:
    estimate = t.get("estimate")
    sources = tuple(t.get("sources") or ())
    return Target(t["role"], quantities(t.get("meetings_per_year"), "meetings_per_year",
                                        estimate, sources),
                  quantities(t.get("hours_per_meeting"), "hours_per_meeting", estimate, sources),
                  estimate, sources, t.get("asks") or "member", t.get("seats"))


def _hosts(raw: Any) -> tuple[Host, ...]:
    if isinstance(raw, str):
        return (Host(raw),)
    hosts = [Host(h["actor"], Period(h.get("from"), h.get("to"))) for h in raw or ()]
    return tuple(sorted(hosts, key=lambda h: h.period.start.earliest() if h.period.start
                        else date.min))


def _participation(raw: Any) -> tuple[Participation, ...]:
    entries = raw if isinstance(raw, list) else [raw] if isinstance(raw, dict) else []
    found = [Participation(e.get("count"), e.get("of"), tuple(e.get("members") or ()),
                           Period(e.get("from"), e.get("to")), _text(e.get("as_of")),
                           e.get("estimate"), tuple(e.get("sources") or ()))
             for e in entries]
    return tuple(sorted(found, key=lambda p: p.period.start.earliest() if p.period.start
                        else date.min))


def _funding(f: dict[str, Any]) -> Funding:
    amount = f.get("amount")
    return Funding(f["source"], f.get("scheme"), f.get("reports_to"), f.get("note"),
                   tuple(f.get("sources") or ()), f.get("grant"), f.get("status"),
                   _period(f.get("period")),
                   Amount(amount["value"], amount["currency"]) if amount else None)


def _network(r: dict[str, Any], members: tuple[str, ...], location: Location,
             quantities: _Quantities, as_of: date | None) -> Network:
    coverage = r.get("coverage")
    selector = coverage if isinstance(coverage, dict) else {}
    hosts = _hosts(r.get("host"))
    network = Network(
        id=r["id"], name=r["name"], kind=r["kind"], level=r["level"], country=r["country"],
        host=None,
        coverage=Coverage(members, selector.get("count"), selector.get("inferred")),
        areas=tuple(r["areas"]), tasks=tuple(r["tasks"]),
        targets=tuple(_target(t, quantities) for t in r.get("targets") or ()),
        sources=tuple(r["sources"]), short_name=r.get("short_name"), parent=r.get("parent"),
        participants=tuple(r.get("participants") or ()),
        funding=tuple(_funding(f) for f in r.get("funding") or ()),
        reports_to=tuple(r.get("reports_to") or ()), steered_by=tuple(r.get("steered_by") or ()),
        period=_period(r.get("period")), url=r.get("url"), note=r.get("note"),
        inferred=r.get("inferred"), location=location, hosts=hosts,
        funding_documented=r.get("funding") is not None,
        targets_documented=r.get("targets") is not None,
        successor=r.get("successor"), predecessors=tuple(r.get("predecessors") or ()),
        participation=_participation(r.get("participation")),
    )
    return replace(network, host=network.host_on(as_of))


def _relation(r: dict[str, Any]) -> Relation:
    return Relation(r["kind"], r["from"], tuple(r["to"]), tuple(r["sources"]), r.get("id"),
                    r.get("about"), _period(r.get("period")), r.get("note"))


def _observation(r: dict[str, Any], location: Location) -> Observation:
    sources = tuple(r["sources"])

    def observed(value: float | None) -> Quantity:
        if value is None:
            return UNKNOWN
        return Quantity(float(value), float(value), float(value), "observed", sources=sources)

    return Observation(
        id=r["id"], organisation=r["organisation"], network=r["network"], role=r["role"],
        period=_period(r["period"]), takes_part=r["takes_part"], sources=sources,
        meetings=observed(r.get("meetings_per_year")), hours=observed(r.get("hours_per_meeting")),
        answered=r.get("answered"), roles_held=tuple(r.get("roles_held") or ()),
        roles_held_other=r.get("roles_held_other"), respondent_role=r.get("respondent_role"),
        role_not_targeted=r.get("role_not_targeted"), note=r.get("note"), location=location)


def _staffing(r: dict[str, Any], quantities: _Quantities) -> Staffing:
    def persons(groups: list[list[str]]) -> tuple[tuple[str, ...], ...]:
        return tuple(tuple(g) for g in groups or ())

    def rule(raw: dict[str, Any]) -> StaffingRule:
        bound = raw.get("max_population")
        if bound is None:
            return StaffingRule(None, persons(raw["persons"]))
        threshold = quantities(bound, "max_population", None)
        central = threshold.value
        return StaffingRule(None if central is None else round(central), persons(raw["persons"]),
                            threshold)

    capacity = quantities(r.get("capacity_hours_per_year"), "capacity_hours_per_year",
                          r.get("capacity_assumption"), single=True)
    return Staffing(
        assumption=r["assumption"],
        rules=tuple(rule(raw) for raw in r["rules"]),
        overrides={k: persons(v) for k, v in (r.get("overrides") or {}).items()},
        capacity_hours_per_year=capacity.value or 0.0,
        capacity_assumption=r.get("capacity_assumption"),
        capacity=capacity,
    )
