"""Rules across records that the field types alone cannot say: periods, coverage, seats,
participation, succession, area hierarchy, assumed quantities, survey observations.

Runs after ids and references were collected, on well-formed records only; a reference that
does not resolve was reported already and is skipped here, never guessed at.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ehelse_map.load.spec import ACTOR
from ehelse_map.load.validated import Validated
from ehelse_map.problems import Problem, plural

#: Target fields whose numbers an assumption may give, by the name of its value.
CADENCE_FIELDS = ("meetings_per_year", "hours_per_meeting")


def records(out: Validated, key: str) -> Iterator[tuple[str, dict[str, Any], str]]:
    """(file, record, data path) for every well-formed record of a top-level list."""
    for display, index, record in out.records.get(key, ()):
        yield display, record, f"{key}[{index}]"


def position(out: Validated, display: str, path: str) -> tuple[int, int]:
    """Where `path` is in `display`, or where the nearest enclosing value is."""
    positions = out.positions.get(display, {})
    while path:
        if path in positions:
            return positions[path]
        path = path.rsplit(".", 1)[0] if "." in path else ""
    return (1, 1)


def add(out: Validated, display: str, path: str, code: str, message: str) -> None:
    line, column = position(out, display, path)
    out.problems.append(Problem(display, line, column, code, message, path))


def check_records(out: Validated) -> None:
    """Every rule of this module, in file order."""
    actors = [record for _, record, _ in records(out, "actors")]
    counts = {a["id"]: a.get("count") or 1 for a in actors if a.get("id")}
    assumptions = {r["id"]: r for _, r, _ in records(out, "assumptions") if r.get("id")}
    for display, record, path in records(out, "assumptions"):
        _check_assumed_values(out, display, path, record)
    for display, record, path in records(out, "actors"):
        _check_period(out, display, path, record.get("period"))
        for name, (needed, why) in ACTOR.needs.items():
            if (record.get(name) is not None
                    and f"{path}.{needed}" not in out.positions.get(display, {})):
                add(out, display, f"{path}.{name}", "E011", f"{name} needs {needed} ({why})")
    for display, record, path in records(out, "relations"):
        _check_period(out, display, path, record.get("period"))
        if record.get("from") in (record.get("to") or ()):
            add(out, display, f"{path}.to", "E013",
                f"'{record['from']}' has a relation to itself")
    _check_hierarchy(out)
    _check_datasets(out)
    index = CoverageIndex(actors)
    _expand_coverage(out, index)
    for display, record, path in records(out, "networks"):
        _check_period(out, display, path, record.get("period"))
        members = out.coverage.get(record.get("id") or "", ())
        reach = sum(counts.get(m, 1) for m in members)
        _check_coverage_count(out, display, path, record, members, reach)
        _check_targets(out, display, path, record, reach, assumptions)
        _check_hosts(out, display, path, record)
        _check_participation(out, display, path, record, members, reach)
        for i, entry in enumerate(record.get("funding") or ()):
            if isinstance(entry, dict):
                _check_period(out, display, f"{path}.funding[{i}]", entry.get("period"))
    _check_succession(out)
    _check_observations(out, actors)
    staffing = out.staffing
    if staffing is not None:
        _check_quantity_refs(out, staffing[0], "staffing", staffing[1], assumptions,
                             ("capacity_hours_per_year",))
        for i, rule in enumerate(staffing[1].get("rules") or ()):
            if isinstance(rule, dict):
                _check_quantity_refs(out, staffing[0], f"staffing.rules[{i}]", rule, assumptions,
                                     ("max_population",))


# --- periods -------------------------------------------------------------------------------------

def _check_period(out: Validated, display: str, path: str, period: Any,
                  name: str = "period") -> None:
    if not isinstance(period, dict):
        return
    start, end = period.get("from"), period.get("to")
    if start is not None and end is not None and end.latest() < start.earliest():
        where = f"{path}.{name}" if name else path
        add(out, display, f"{where}.to", "E016", f"period ends ({end}) before it starts ({start})")


def _spans(entries: list[tuple[int, Any, Any]]) -> list[tuple[int, int]]:
    """Pairs of indexes of entries whose periods (from, to; either may be open) overlap."""
    found = []
    for a, (i, start_a, end_a) in enumerate(entries):
        for j, start_b, end_b in entries[a + 1:]:
            starts = [d.earliest() for d in (start_a, start_b) if d is not None]
            ends = [d.latest() for d in (end_a, end_b) if d is not None]
            if not starts or not ends or max(starts) <= min(ends):
                found.append((i, j))
    return found


# --- assumptions and quantities ------------------------------------------------------------------

def _check_assumed_values(out: Validated, display: str, path: str,
                          record: dict[str, Any]) -> None:
    for name, value in (record.get("values") or {}).items():
        if not isinstance(value, dict) or value.get("value") is None:
            continue
        low, central, high = value.get("low"), value["value"], value.get("high")
        if (low is not None and low > central) or (high is not None and high < central):
            add(out, display, f"{path}.values.{name}", "E013",
                f"the range {low if low is not None else ''}–{high if high is not None else ''} "
                f"does not hold the value {central:g}")


def assumed(reference: str, field: str,
            assumptions: dict[str, dict[str, Any]]) -> tuple[str, str | None, str | None]:
    """(assumption id, value name, problem) for `assume: ID` or `assume: ID.name` in `field`."""
    ident, _, name = reference.partition(".")
    record = assumptions.get(ident)
    if record is None:
        return ident, None, f"unknown assumption '{ident}'"
    values = record.get("values") or {}
    if name:
        if name not in values:
            return ident, None, (f"assumption '{ident}' has no value '{name}'"
                                 + (f"; it has {', '.join(sorted(values))}" if values else ""))
        return ident, name, None
    if field in values:
        return ident, field, None
    if len(values) == 1:
        return ident, next(iter(values)), None
    if not values:
        return ident, None, (f"assumption '{ident}' states no values; give it `values:` or "
                             "write the number here")
    return ident, None, (f"assumption '{ident}' has several values; name one: "
                         + ", ".join(f"{ident}.{v}" for v in sorted(values)))


def _check_quantity_refs(out: Validated, display: str, path: str, record: dict[str, Any],
                         assumptions: dict[str, dict[str, Any]],
                         fields: tuple[str, ...]) -> None:
    for name in fields:
        value = record.get(name)
        if isinstance(value, dict) and value.get("assume"):
            _, _, problem = assumed(value["assume"], name, assumptions)
            if problem:
                add(out, display, f"{path}.{name}.assume", "E012", problem)


def _check_targets(out: Validated, display: str, path: str, record: dict[str, Any],
                   reach: int, assumptions: dict[str, dict[str, Any]]) -> None:
    for i, target in enumerate(record.get("targets") or ()):
        if not isinstance(target, dict):
            continue
        where = f"{path}.targets[{i}]"
        role = target.get("role")
        _check_quantity_refs(out, display, where, target, assumptions, CADENCE_FIELDS)
        estimate = assumptions.get(target.get("estimate") or "")
        given = [f for f in CADENCE_FIELDS if target.get(f) is not None]
        plain = [f for f in given if not isinstance(target[f], dict)]
        from_estimate = [f for f in CADENCE_FIELDS if f not in given and estimate is not None
                         and f in (estimate.get("values") or {})]
        written = out.positions.get(display, {})
        missing = [f for f in CADENCE_FIELDS if f not in given and f not in from_estimate
                   and f"{where}.{f}" not in written]  # a refused value was reported already
        asks = target.get("asks") or "member"
        if asks == "network":
            if target.get("seats") is not None:
                add(out, display, f"{where}.seats", "E013",
                    "seats apply to `asks: seats`, not to a post the network holds itself")
            continue  # a post of the network's own: no time is asked of members
        named = target.get("estimate")
        if isinstance(named, str) and named and estimate is None:
            missing = []  # the unknown assumption is the problem (E012), reported once there
        if missing and asks != "network":
            add(out, display, where, "W202",
                f"{' and '.join(f.replace('_', ' ') for f in missing)} of role '{role}' unknown: "
                "its hours are shown as unknown; give a number or an estimate")
        if plain and not target.get("estimate") and not target.get("sources"):
            add(out, display, where, "W201",
                f"cadence for role '{role}' has neither sources nor an estimate assumption; add "
                "one so readers know whether it is documented")
        if asks == "seats":
            seats = target.get("seats")
            if seats is None:
                add(out, display, where, "E011", "`asks: seats` needs `seats`: how many persons "
                    "the members send in all")
            elif reach and seats > reach:
                add(out, display, f"{where}.seats", "E013",
                    f"{seats} seats but the network reaches "
                    f"{plural(reach, 'organisation')}")
        elif target.get("seats") is not None:
            add(out, display, f"{where}.seats", "E013",
                "seats apply only with `asks: seats`")


# --- coverage and participation ------------------------------------------------------------------

class CoverageIndex:
    """Actors indexed by the fields coverage selectors use, so expansion stays linear."""

    def __init__(self, actors: list[dict[str, Any]]) -> None:
        self.order = {a["id"]: i for i, a in enumerate(actors) if a.get("id")}
        self.by_field: dict[tuple[str, str, str], list[str]] = {}
        for actor in actors:
            if not actor.get("id"):
                continue
            for name in ("region", "catchment", "country"):
                if actor.get(name):
                    key = (name, actor[name], actor.get("kind") or "")
                    self.by_field.setdefault(key, []).append(actor["id"])

    def expand(self, coverage: Any,
               networks: dict[str, tuple[str, ...]]) -> tuple[tuple[str, ...], int | None]:
        """The members a coverage selects, and its documented count. `networks` holds the
        members of networks expanded so far (for `members_of`)."""
        if isinstance(coverage, list):
            return tuple(dict.fromkeys(c for c in coverage if c)), None
        if not isinstance(coverage, dict):
            return (), None
        kind = coverage.get("kind") or "municipality"
        selected: set[str] | None = None
        for name in ("region", "catchment", "country"):
            wanted = coverage.get(name)
            if not wanted:
                continue
            found: set[str] = set()
            for value in ([wanted] if isinstance(wanted, str) else wanted):
                found.update(self.by_field.get((name, value, kind), ()))
            selected = found if selected is None else selected & found
        of = coverage.get("members_of")
        if of:
            found = set()
            for network in [of] if isinstance(of, str) else of:
                found.update(networks.get(network, ()))
            selected = found if selected is None else selected & found
        chosen = set(selected or ())
        chosen -= set(coverage.get("except") or ())
        chosen |= {i for i in coverage.get("include") or () if i}
        members = tuple(sorted(chosen, key=lambda i: (self.order.get(i, len(self.order)), i)))
        return members, coverage.get("count")


def _expand_coverage(out: Validated, index: CoverageIndex) -> None:
    """Every network's members, those selecting the members of other networks after those
    networks; a circle of `members_of` is an error (E020)."""
    pending = {r["id"]: (d, r, p) for d, r, p in records(out, "networks")
               if r.get("id") and r.get("coverage") is not None}
    done: dict[str, tuple[str, ...]] = {}
    for ident in pending:
        _visit(ident, out, index, pending, done, [])
    out.coverage.update(done)


def _members_of(record: dict[str, Any]) -> list[str]:
    coverage = record.get("coverage")
    of = coverage.get("members_of") if isinstance(coverage, dict) else None
    return [of] if isinstance(of, str) else list(of or ())


def _visit(ident: str, out: Validated, index: CoverageIndex,
           pending: dict[str, tuple[str, dict[str, Any], str]],
           done: dict[str, tuple[str, ...]], visiting: list[str]) -> None:
    """Expand the coverage of `ident` after the networks it selects members of. (A function of
    the module, not a closure: a recursive closure is a reference cycle, which would keep every
    checked record until the cyclic collector runs, and it is off while data loads.)"""
    if ident in done or ident not in pending:
        return
    display, record, path = pending[ident]
    if ident in visiting:
        circle = visiting[visiting.index(ident):]
        add(out, display, f"{path}.coverage.members_of", "E020",
            "coverage goes round in a circle: " + " → ".join([*circle, ident]))
        done[ident] = ()
        return
    visiting.append(ident)
    for other in _members_of(record):
        _visit(other, out, index, pending, done, visiting)
    visiting.pop()
    if ident not in done:
        done[ident], _ = index.expand(record["coverage"], done)


def _check_coverage_count(out: Validated, display: str, path: str, record: dict[str, Any],
                          members: tuple[str, ...], reach: int) -> None:
    coverage = record.get("coverage")
    if coverage is None:  # refused, and said so: no second message for the same cause
        return
    count = coverage.get("count") if isinstance(coverage, dict) else None
    if not members and not count:
        add(out, display, f"{path}.coverage", "W302", "coverage reaches no actor")
    if count and members and reach != count:
        add(out, display, f"{path}.coverage.count", "W301",
            f"coverage selects {plural(reach, 'organisation')} but count says {count}; mark the "
            "difference as inferred or fix the selector")


def _check_participation(out: Validated, display: str, path: str, record: dict[str, Any],
                         members: tuple[str, ...], reach: int) -> None:
    value = record.get("participation")
    entries = value if isinstance(value, list) else [value] if isinstance(value, dict) else []
    dated = []
    for i, entry in enumerate(entries):
        if not isinstance(entry, dict):
            continue
        where = f"{path}.participation" + (f"[{i}]" if isinstance(value, list) else "")
        _check_period(out, display, where, {"from": entry.get("from"), "to": entry.get("to")},
                      name="")
        count, of, listed = entry.get("count"), entry.get("of"), entry.get("members")
        if count is None and not listed:
            add(out, display, where, "E011", "participation needs `count` or `members`")
        if count is not None and of is not None and count > of:
            add(out, display, f"{where}.count", "E013",
                f"{count} take part, more than the {of} they are a part of (`of`)")
        if count is not None and of is None and reach and count > reach:
            add(out, display, f"{where}.count", "E013",
                f"{count} take part but the network reaches {plural(reach, 'organisation')}")
        outside = [m for m in listed or () if m not in members]
        if outside:
            add(out, display, f"{where}.members", "E013",
                f"{', '.join(outside[:5])} take part but the coverage does not reach "
                + ("them" if len(outside) > 1 else "it"))
        dated.append((i, entry.get("from"), entry.get("to")))
    if len(dated) > 1:
        for i, j in _spans(dated):
            add(out, display, f"{path}.participation[{j}]", "E016",
                f"participation entries {i + 1} and {j + 1} cover the same time; give each its "
                "own `from`/`to`")


def _check_hosts(out: Validated, display: str, path: str, record: dict[str, Any]) -> None:
    hosts = record.get("host")
    if not isinstance(hosts, list):
        return
    dated = []
    for i, entry in enumerate(hosts):
        if isinstance(entry, dict):
            _check_period(out, display, f"{path}.host[{i}]",
                          {"from": entry.get("from"), "to": entry.get("to")}, name="")
            dated.append((i, entry.get("from"), entry.get("to")))
    for i, j in _spans(dated):
        add(out, display, f"{path}.host[{j}]", "E016",
            f"hosts {i + 1} and {j + 1} cover the same time; give each its own `from`/`to`")


# --- hierarchy and succession --------------------------------------------------------------------

def _circle(start: str, edges: dict[str, list[str]]) -> list[str] | None:
    """A path from `start` back to itself along `edges`, if there is one."""
    stack = [(start, [start])]
    seen = set()
    while stack:
        node, trail = stack.pop()
        for nxt in edges.get(node, ()):
            if nxt == start:
                return [*trail, start]
            if nxt not in seen:
                seen.add(nxt)
                stack.append((nxt, [*trail, nxt]))
    return None


def _check_hierarchy(out: Validated) -> None:
    edges = {r["id"]: list(r.get("broader") or ()) for _, r, _ in records(out, "areas")
             if r.get("id")}
    reported: set[str] = set()
    for display, record, path in records(out, "areas"):
        ident = record.get("id")
        if not ident or ident in reported:
            continue
        circle = _circle(ident, edges)
        if circle:
            reported.update(circle)
            add(out, display, f"{path}.broader", "E020",
                "areas are broader than each other in a circle: " + " ⊃ ".join(circle))


def _check_succession(out: Validated) -> None:
    edges: dict[str, list[str]] = {}
    for _, record, _ in records(out, "networks"):
        ident = record.get("id")
        if not ident:
            continue
        if record.get("successor"):
            edges.setdefault(ident, []).append(record["successor"])
        for before in record.get("predecessors") or ():
            edges.setdefault(before, []).append(ident)
    reported: set[str] = set()
    for display, record, path in records(out, "networks"):
        ident = record.get("id")
        if not ident or ident in reported:
            continue
        circle = _circle(ident, edges)
        if circle:
            reported.update(circle)
            field = "successor" if record.get("successor") else "predecessors"
            add(out, display, f"{path}.{field}", "E020",
                "succession goes round in a circle: " + " → ".join(circle))


# --- survey observations --------------------------------------------------------------------------

def reached_by(organisation: str, members: set[str] | frozenset[str],
               parents: dict[str, str], counts: dict[str, int]) -> str | None:
    """How a network whose coverage is `members` reaches `organisation`: the organisation
    itself, or the aggregate actor (a record standing for many) it belongs to through its
    `parent`s; None when it does not reach it."""
    if organisation in members:
        return organisation
    seen = {organisation}
    parent = parents.get(organisation)
    while parent is not None and parent not in seen:
        if parent in members and counts.get(parent, 1) > 1:
            return parent
        seen.add(parent)
        parent = parents.get(parent)
    return None


def _check_observations(out: Validated, actors: list[dict[str, Any]]) -> None:
    """An observation is about an organisation the network reaches and a role it targets
    (or says why not), does not report meetings of a network it takes no part in, and is the
    only answer for its organisation, network, role and period."""
    networks = {r["id"]: r for _, r, _ in records(out, "networks") if r.get("id")}
    known_actors = {a["id"] for a in actors if a.get("id")}
    known_roles = {r["id"] for _, r, _ in records(out, "roles") if r.get("id")}
    parents = {a["id"]: a["parent"] for a in actors if a.get("id") and a.get("parent")}
    counts = {a["id"]: a.get("count") or 1 for a in actors if a.get("id")}
    members = {ident: set(found) for ident, found in out.coverage.items()}
    seen: dict[tuple[str, ...], str] = {}
    for display, record, path in records(out, "observations"):
        _check_period(out, display, path, record.get("period"))
        organisation: str = record.get("organisation") or ""
        ident: str = record.get("network") or ""
        role: str = record.get("role") or ""
        network = networks.get(ident)
        if network is not None and organisation in known_actors:
            if reached_by(organisation, members.get(ident, set()), parents,
                          counts) is None:
                add(out, display, f"{path}.organisation", "E021",
                    f"'{organisation}' is not an organisation network '{ident}' reaches; "
                    "add it to the network's coverage or correct the answer")
            targeted = {t.get("role") for t in network.get("targets") or ()
                        if isinstance(t, dict)}
            if (role in known_roles and role not in targeted
                    and not record.get("role_not_targeted")):
                shown = ", ".join(sorted(r for r in targeted if r)) or "no role"
                add(out, display, f"{path}.role", "E021",
                    f"network '{ident}' does not target role '{role}' (it targets {shown}); "
                    "say why in role_not_targeted, or correct the answer")
        if record.get("takes_part") == "no":
            for name in ("meetings_per_year", "hours_per_meeting"):
                if record.get(name):
                    add(out, display, f"{path}.{name}", "E021",
                        f"{name.replace('_', ' ')} given, but takes_part is 'no'")
        period = record.get("period") or {}
        key = (organisation, ident, role, str(period.get("from")), str(period.get("to")))
        if organisation and ident and role and period.get("from") and period.get("to"):
            if key in seen:
                add(out, display, path, "E015",
                    f"a second answer of '{organisation}' about '{ident}' for role '{role}' "
                    f"and the same period (the first is {seen[key]}); keep one")
            else:
                seen[key] = f"{display}:{position(out, display, path)[0]}"


def _check_datasets(out: Validated) -> None:
    seen = out.dataset
    for display, value in out.datasets:
        if seen is None:
            out.dataset = seen = (display, value)
        elif seen[0] != display or seen[1] is not value:
            line, column = out.positions.get(display, {}).get("dataset", (1, 1))
            out.problems.append(Problem(display, line, column, "E015",
                                        f"dataset is already described in {seen[0]}",
                                        "dataset"))
