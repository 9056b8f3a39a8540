"""The staffing assumption: which roles one person holds in an organisation."""

from __future__ import annotations

from ehelse_map.model.records import Actor, Staffing, StaffingRule


def persons_for(actor: Actor, staffing: Staffing | None,
                end: str = "value") -> tuple[tuple[str, ...], ...]:
    """The groups of roles one person holds in `actor` (a role in no group is a person alone).

    An override for the actor wins. Otherwise rules apply to municipalities only: the first rule
    whose `max_population` is at least the population of one organisation (population / count
    for aggregates); with no population known, the rule without `max_population`. `end` picks
    the thresholds' `low` or `high` end where an assumption gives them a range.
    """
    if staffing is None:
        return ()
    if actor.id in staffing.overrides:
        return staffing.overrides[actor.id]
    if actor.kind != "municipality":
        return ()
    size = actor.population / max(actor.count, 1) if actor.population is not None else None
    for rule in staffing.rules:
        bound = _bound(rule, end)
        if bound is None or (size is not None and size <= bound):
            return rule.persons
    return ()


def holders(groups: tuple[tuple[str, ...], ...]) -> dict[str, tuple[str, ...]]:
    """Role -> the group of roles held by the same person; the first group naming a role wins.
    Roles missing from the map are persons of their own: use `.get(role, (role,))`."""
    found: dict[str, tuple[str, ...]] = {}
    for group in groups:
        for role in group:
            found.setdefault(role, group)
    return found


def _bound(rule: StaffingRule, end: str) -> float | None:
    if rule.threshold is None or end == "value":
        return rule.max_population
    return rule.threshold.lower if end == "low" else rule.threshold.upper
