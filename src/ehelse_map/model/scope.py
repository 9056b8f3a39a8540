"""What is in scope: the one place that decides what `--as-of`, `--country`, `--region`,
`--area`, `--role` and `--organisation` select.

Every analysis, diagram, report, export and command asks this module, so a filter value means
the same thing everywhere:

- a record (actor or network) is *active* when its period overlaps the as-of day (fuzzy ends are
  read generously; `as_of=None` means every period);
- `country` keeps networks of that country and organisations in it;
- `region` keeps organisations whose `region` is that county or region, and the region itself;
  networks are kept when they reach an organisation in it (an analysis counts only those);
- `area` and `role` keep networks with that mandate area or target role, and count only it;
- `organisation` keeps the networks that reach that organisation: directly, or through an
  aggregate record it belongs to (an actor with `count` > 1 that it names as its `parent`,
  at any depth), since an aggregate stands for each of its organisations.

`resolve_filters` turns what a user typed into these values: country codes in any case, a
county or region by id or by name in any case, areas and roles by id or label. An unknown value
raises `UnknownFilter` with a suggestion; every command reports it the same way (exit 2).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ehelse_map.load.vocab import COUNTRIES
from ehelse_map.model.records import Actor, Dataset, Network
from ehelse_map.problems import suggest

#: Actor kinds that are regions in the sense of `--region`.
REGION_KINDS = ("county", "region")


@dataclass(frozen=True)
class Filters:
    """The filters an analysis was run with, kept in its result so outputs can state them."""

    country: str | None = None
    """Only networks of this country (`NO`), and only organisations in it."""
    region: str | None = None
    """Only organisations whose `region` is this actor id (or that are the region itself)."""
    area: str | None = None
    """Only this mandate area."""
    role: str | None = None
    """Only this target role."""
    top: int | None = None
    """At most this many rows in the main listing (after sorting); None: all."""
    organisation: str | None = None
    """Only networks that reach this organisation (an actor id), directly or through an
    aggregate it belongs to (`reached_as`)."""

    def describe(self) -> str:
        """`country NO, area legemiddel` — for table notes; empty when nothing is filtered.
        The row limit (`top`) is not a filter of what is counted: a table's headline says
        what it cut (`showing 2 of 9 pairs`)."""
        parts = [f"{name} {value}" for name, value in (
            ("country", self.country), ("region", self.region), ("area", self.area),
            ("role", self.role), ("organisation", self.organisation))
            if value is not None]
        return ", ".join(parts)


class UnknownFilter(ValueError):
    """A filter value that names nothing in the data set; the message has a suggestion."""

    def __init__(self, option: str, value: str, message: str) -> None:
        super().__init__(f"{option}: {message}")
        self.option = option
        self.value = value


# --- the period rule -----------------------------------------------------------------------------

def active(record: Actor | Network, as_of: date | None) -> bool:
    """Active on `as_of` (fuzzy ends read generously); always True when `as_of` is None."""
    return as_of is None or record.period.active_on(as_of)


# --- organisations and networks in scope ---------------------------------------------------------

def in_region(actor: Actor, region: str | None) -> bool:
    """True when `region` is None, or the actor lies in that region or is the region."""
    return region is None or region in (actor.region, actor.id)


def organisation_in_scope(actor: Actor, as_of: date | None, filters: Filters) -> bool:
    """An organisation counts when active and inside the country and region filters."""
    return (active(actor, as_of)
            and (filters.country is None or actor.country == filters.country)
            and in_region(actor, filters.region))


def organisations_in_scope(dataset: Dataset, as_of: date | None,
                           filters: Filters) -> frozenset[str]:
    """Ids of every actor that counts as a reached organisation under the filters (computed
    once per analysis, so each network's reach is one set intersection)."""
    return frozenset(a.id for a in dataset.actors.values()
                     if organisation_in_scope(a, as_of, filters))


def narrower_areas(dataset: Dataset) -> dict[str, frozenset[str]]:
    """Area -> itself and every area under it (`broader` read downwards, transitively): what a
    mandate for the area covers. Validation refuses circles."""
    below: dict[str, set[str]] = {a: set() for a in dataset.areas}
    for record in dataset.areas.values():
        for parent in record.broader:
            below.setdefault(parent, set()).add(record.id)
    closure: dict[str, frozenset[str]] = {}

    def walk(area: str) -> frozenset[str]:
        if area not in closure:
            closure[area] = frozenset()  # guards against a circle in unvalidated data
            found = {area}
            for child in below.get(area, ()):
                found |= walk(child)
            closure[area] = frozenset(found)
        return closure[area]

    for ident in list(below):
        walk(ident)
    return closure


def covered_areas(network: Network, closure: dict[str, frozenset[str]]) -> frozenset[str]:
    """The areas a network's mandate covers: its own and every narrower one."""
    found: set[str] = set()
    for area in network.areas:
        found |= closure.get(area, frozenset({area}))
    return frozenset(found)


def reached_as(dataset: Dataset, organisation: str) -> tuple[str, ...]:
    """The records through which a network reaches `organisation`: the organisation itself,
    then every aggregate it belongs to, nearest first.

    An aggregate is an actor standing for several organisations (`count` > 1, "the 29
    municipalities of Region Hovedstaden"); an organisation whose `parent` is one (at any
    depth) is reached by every network reaching the aggregate. An ordinary parent (a health
    trust's regional health authority) is a body of its own: reaching it reaches nobody else.
    """
    found = [organisation]
    seen = {organisation}
    actor = dataset.actors.get(organisation)
    while actor is not None and actor.parent is not None and actor.parent not in seen:
        seen.add(actor.parent)
        actor = dataset.actors.get(actor.parent)
        if actor is not None and actor.count > 1:
            found.append(actor.id)
    return tuple(found)


def networks_in_scope(dataset: Dataset, as_of: date | None, filters: Filters) -> list[Network]:
    """Active networks matching the country, area, role and organisation filters, sorted by id.

    The region filter does not drop networks here: an analysis counts each network's members
    in the region (`members`), so a network reaching nobody there adds nothing. A network with
    a broader mandate area is in scope of `--area` for each narrower area it covers.
    """
    closure = narrower_areas(dataset) if filters.area is not None else {}
    through = (frozenset(reached_as(dataset, filters.organisation))
               if filters.organisation is not None else frozenset())
    return [n for n in sorted(dataset.networks.values(), key=lambda n: n.id)
            if active(n, as_of)
            and (filters.country is None or n.country == filters.country)
            and (filters.area is None or filters.area in covered_areas(n, closure))
            and (filters.role is None or filters.role in n.roles)
            and (filters.organisation is None
                 or not through.isdisjoint(n.coverage.members))]


def reached_through(dataset: Dataset, organisation: str, network: Network) -> str | None:
    """How `network` reaches `organisation`: the organisation itself, or the aggregate actor
    (a record standing for many, `count` > 1) it belongs to through its `parent`s; None when
    the network does not reach it. The rule `validate` checks survey answers against."""
    from ehelse_map.load.check_rules import reached_by

    parents = {}
    ident: str | None = organisation
    while ident is not None and ident not in parents and ident in dataset.actors:
        parent = dataset.actors[ident].parent
        if parent is not None:
            parents[ident] = parent
        ident = parent
    counts = {a: dataset.actors[a].count for a in (organisation, *parents.values())
              if a in dataset.actors}
    return reached_by(organisation, frozenset(network.coverage.members), parents, counts)


def members(network: Network, scope: frozenset[str]) -> tuple[str, ...]:
    """The network's reached organisations in `scope`, sorted and without repeats."""
    return tuple(sorted(scope.intersection(network.coverage.members)))


def areas_of(network: Network, filters: Filters,
             closure: dict[str, frozenset[str]] | None = None) -> tuple[str, ...]:
    """The network's mandate areas (with `closure`, every narrower area they cover too),
    only the filtered one when `--area` is given."""
    own = tuple(dict.fromkeys(network.areas))
    if closure is not None:
        own = tuple(sorted(covered_areas(network, closure)))
    return tuple(a for a in own if filters.area is None or a == filters.area)


def roles_of(network: Network, filters: Filters) -> tuple[str, ...]:
    """The network's target roles, only the filtered one when `--role` is given."""
    return tuple(r for r in network.roles if filters.role is None or r == filters.role)


# --- what a user typed -> ids ---------------------------------------------------------------------

def regions(dataset: Dataset) -> dict[str, str]:
    """Every county or region id `--region` accepts -> its display name, sorted by id.

    A region is an actor of a region kind, or any id organisations give as their `region`.
    """
    ids = {a.id for a in dataset.actors.values() if a.kind in REGION_KINDS}
    ids |= {a.region for a in dataset.actors.values() if a.region}
    names = {}
    for ident in sorted(ids):
        actor = dataset.actors.get(ident)
        names[ident] = (actor.short_name or actor.name) if actor else ident
    return names


def resolve_filters(dataset: Dataset | None, *, country: str | None = None,
                    region: str | None = None, area: str | None = None,
                    role: str | None = None, organisation: str | None = None,
                    top: int | None = None) -> Filters:
    """The filters as ids of the data set; raises `UnknownFilter` for a value that names
    nothing. Case does not matter, and a region, area or role may be given by its name.
    With `dataset=None` only the country is checked (before the data is loaded)."""
    if country is not None:
        code = country.upper()
        if code not in COUNTRIES:
            raise UnknownFilter("--country", country, _unknown(country, COUNTRIES, "country"))
        country = code
    if dataset is not None:
        if region is not None:
            region = _region_id(dataset, region)
        if area is not None:
            area = _vocabulary_id("--area", area, {
                a.id: tuple(a.labels.values()) for a in dataset.areas.values()}, "mandate area")
        if role is not None:
            role = _vocabulary_id("--role", role, {
                r.id: tuple(r.labels.values()) for r in dataset.roles.values()}, "role")
        if organisation is not None:
            organisation = organisation_id(dataset, organisation, "--organisation")
    return Filters(country=country, region=region, area=area, role=role, top=top,
                   organisation=organisation)


def organisation_id(dataset: Dataset, value: str, option: str) -> str:
    """An actor id from an id or a name in any case; `UnknownFilter` otherwise."""
    names = {a.id: tuple(n for n in (a.name, a.short_name) if n) for a in dataset.actors.values()}
    return _vocabulary_id(option, value, names, "actor")


def record_id(dataset: Dataset, value: str, option: str) -> str:
    """An actor or network id from an id or a name in any case; `UnknownFilter` otherwise."""
    records: tuple[Actor | Network, ...] = (*dataset.actors.values(), *dataset.networks.values())
    names = {r.id: tuple(n for n in (r.name, r.short_name) if n) for r in records}
    return _vocabulary_id(option, value, names, "actor or network")


def _region_id(dataset: Dataset, value: str) -> str:
    known = regions(dataset)
    names = {}
    for ident in known:
        actor = dataset.actors.get(ident)
        names[ident] = tuple(n for n in (actor.name, actor.short_name) if n) if actor else ()
    try:
        return _vocabulary_id("--region", value, names, "county or region")
    except UnknownFilter:
        actor = dataset.actors.get(value) or next(
            (a for a in dataset.actors.values() if value.casefold() in
             (a.id, a.name.casefold(), (a.short_name or "").casefold())), None)
        if actor is not None:  # a municipality or a body: say what it is
            where = f"; it lies in '{actor.region}'" if actor.region else ""
            raise UnknownFilter("--region", value, f"'{value}' is a {actor.kind}, not a county "
                                f"or region{where}") from None
        raise


def _vocabulary_id(option: str, value: str, names: dict[str, tuple[str, ...]],
                   what: str) -> str:
    if value in names:
        return value
    folded = value.casefold()
    for ident, labels in names.items():
        if folded == ident.casefold() or any(folded == label.casefold() for label in labels):
            return ident
    raise UnknownFilter(option, value, _unknown(value, sorted(names), what))


def _unknown(value: str, known: list[str] | tuple[str, ...], what: str) -> str:
    """`unknown value 'x' (did you mean 'y'?)`, the same words as every other option."""
    folded = {k.casefold(): k for k in known}
    hint = suggest(value.casefold(), folded)
    if hint:
        close = hint.split("'")[1]
        hint = f" (did you mean '{folded[close]}'?)"
    article = "an" if what[:1] in "aeiou" else "a"
    return f"unknown value '{value}'{hint}; expected {article} {what} id"


# --- saying what a filter selected ----------------------------------------------------------------

def nothing_in_scope(dataset: Dataset, as_of: date | None, filters: Filters) -> str | None:
    """A sentence when the filters select no organisation or no network, else None.

    Commands print it on stderr and exit 0 with their (empty) result: a valid filter that
    selects nothing is an answer, not an error.
    """
    organisations = organisations_in_scope(dataset, as_of, filters)
    networks = [n for n in networks_in_scope(dataset, as_of, filters)
                if organisations.intersection(n.coverage.members)]
    if networks:
        return None
    shown = filters.describe() or "no filter"
    day = f" on {as_of.isoformat()}" if as_of else ""
    if not organisations:
        return f"nothing in scope: no organisation is active{day} under {shown}"
    return f"nothing in scope: no network reaches an organisation{day} under {shown}"
