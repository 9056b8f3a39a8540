"""The tables of `ehelse-map profile`: one organisation's own view, sized for 80 columns.

`profile_tables` gives them in order (summary, meeting series, persons, funding and reporting
lines, overlaps, leaders); `--format csv` prints the meeting series alone (one row per series
the organisation bears), JSON the result itself. Ids by default; `Names` with the data set
for documents. Persons are numbered (P1, P2, ...) in the persons table, and each series names
the person who attends it. `wide` (CSV, Markdown, the report) lists the shared areas and
roles of overlaps and the networks that reach no leader, where the terminal gives counts.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ehelse_map.render.analysis_tables import funding_line_text, marks, short_roles, when
from ehelse_map.render.names import IDS, Names
from ehelse_map.render.numbers import number, plural, span_text
from ehelse_map.render.table import Column, Table

if TYPE_CHECKING:
    from ehelse_map.analyses.overlap import OverlapPair
    from ehelse_map.analyses.profile import ProfileResult

#: How the series table marks what a cadence rests on.
BASIS = {"documented": "doc", "estimated": "est", "observed": "obs", "unknown": "–"}
ANCHOR_WORDS = {"health-leader": "health leaders", "chief-executive": "chief executives",
                "elected": "elected officials"}


def _when(result: ProfileResult) -> str:
    return when(result.as_of)


def _kept(*notes: str) -> tuple[str, ...]:
    return tuple(n for n in notes if n)


def _roles(names: Names, roles: tuple[str, ...]) -> str:
    return " + ".join(names.role(r) for r in roles)


def person_keys(result: ProfileResult) -> dict[tuple[str, ...], str]:
    """Each person (the roles they hold) -> `P1`, `P2`, ... in the order of the persons table."""
    return {p.roles: f"P{i}" for i, p in enumerate(result.persons, 1)}


def describe(result: ProfileResult) -> str:
    """`Etne: municipality in Vestland, 4,093 inhabitants`."""
    parts = [result.kind]
    if result.region_name:
        parts[0] += f" in {result.region_name}"
    if result.count > 1:
        parts.append(f"stands for {plural(result.count, 'organisation')}")
    if result.population is not None:
        parts.append(f"{number(result.population)} inhabitants")
    return f"{result.name}: " + ", ".join(parts)


def summary_table(result: ProfileResult, names: Names = IDS) -> Table:
    row = result.burden
    rows: list[tuple[str, str]] = []
    reached = plural(len(result.networks), "network")
    if result.not_taking_part:
        reached += f" (and {len(result.not_taking_part)} whose participation leaves it out)"
    rows.append(("networks reaching it", reached))
    via = sorted({n.via for n in result.networks if n.via})
    if via:
        rows.append(("reached through", names.records(via)))
    if row is not None:
        rows += [
            ("meetings a year", span_text(row.meetings_per_year)),
            ("hours a year, all persons", span_text(row.hours_per_year)),
            ("persons asked", str(row.persons)),
            ("most loaded person", f"{span_text(row.max_person_hours)} h/yr"
             + (f", {span_text(row.load, percent=True)} of capacity" if row.load else "")),
        ]
        if result.capacity_hours_per_year is not None:
            rows.append(("persons over capacity", span_text(row.over_capacity)))
    funding = f"{plural(result.funding_lines, 'line')} from {plural(len(result.funders), 'funder')}"
    if result.funding_unknown:
        funding += f"; not documented for {plural(len(result.funding_unknown), 'network')}"
    rows.append(("funding lines", funding))
    rows.append(("reporting lines", f"{len(result.reporting_lines)}: "
                 + ", ".join(names.line(r) for r in result.reporting_lines)
                 if result.reporting_lines else "0"))
    overlaps = plural(len(result.overlaps), "pair")
    if result.person_overlaps:
        overlaps += f", and {len(result.person_overlaps)} through one person holding two roles"
    rows.append(("overlapping networks here", overlaps))
    for leader in result.leaders:
        paths = sum(1 for p in leader.paths if p.reaches_here)
        rows.append((f"reaching its {ANCHOR_WORDS[leader.anchor]}",
                     f"{len(leader.direct)} directly, {paths} through a body that reaches it, "
                     f"{len(leader.paths) - paths} through another body, "
                     f"{len(leader.none)} not at all"))
    notes = [_when(result)]
    if not result.active:
        notes.append(f"{result.name} is not active on this date: no network is counted")
    if result.count > 1:
        notes.append("an aggregate record: the figures are those of one of its organisations")
    if result.staffing:
        notes.append(f"persons: roles grouped by the staffing assumption {result.staffing}")
    if result.assumptions:
        notes.append("figures read value (low–high) over the ranges of: "
                     + ", ".join(result.assumptions))
    if result.from_findings:
        notes.append(f"taken from the evaluation's findings {', '.join(result.from_findings)}: "
                     "figures that follow from them cannot confirm them")
    if row is not None and row.hours_per_year.unknown:
        notes.append("+?: some hours are unknown (no cadence or no target role in the data); "
                     "–: all unknown")
    return Table(title=f"Profile of {describe(result)}",
                 columns=(Column("figure", max_width=30), Column("value", max_width=48)),
                 rows=tuple(rows), notes=tuple(notes))


def networks_table(result: ProfileResult, names: Names = IDS) -> Table:
    """The networks reaching the organisation: what they are, what they are for, what they
    ask in all."""
    rows = tuple((names.record(n.network) + (f" (via {names.record(n.via)})" if n.via else ""),
                  n.kind, names.record(n.host) if n.host else "", ", ".join(n.tasks),
                  ", ".join(names.area(a) for a in n.areas) if names.by_name else len(n.areas),
                  n.hours_per_year, "inf" if n.inferred else "")
                 for n in result.networks)
    return Table(
        title=f"Networks reaching {result.name}: {len(rows)}",
        columns=(Column("network", max_width=26), Column("kind"),
                 Column("host", max_width=16), Column("tasks", max_width=18),
                 Column("areas", max_width=30), Column("hours", "right"), Column("")),
        rows=rows,
        notes=_kept(_when(result), "hours: a year, all its meeting series; –: unknown",
                    "inf: part of the record (reach, roles, host) is inferred"
                    if any(n.inferred for n in result.networks) else ""))


def series_table(result: ProfileResult, names: Names = IDS, *, held: bool = False) -> Table:
    """One row per meeting series; a network naming no target role has one row of unknowns.
    `held` adds the roles the attending person holds (CSV has no persons table beside it)."""
    wide = held
    keys = person_keys(result)
    rows: list[tuple[object, ...]] = []
    for network in result.networks:
        name = names.record(network.network) + (f" (via {names.record(network.via)})"
                                                if network.via else "")
        if not network.series:
            rows.append((name, "–", "", *(("",) if wide else ()), network.meetings_per_year,
                         network.hours_per_year, BASIS["unknown"]))
        for item in network.series:
            person = keys.get(item.person, "") if item.asks != "network" else ""
            roles = (_roles(names, item.person) if person else "",) if wide else ()
            if item.asks == "network":
                rows.append((name, names.role(item.role), "", *roles, "", "", "post"))
                continue
            rows.append((name, names.role(item.role), person, *roles, item.meetings_per_year,
                         item.hours_per_year, BASIS[item.basis] + (" shr" if item.shared else "")))
    notes = [_when(result), "mtgs, hours: a year, borne by the organisation",
             "person: who attends, as numbered in the persons table (staffing assumption)",
             "doc: documented; est: estimated; obs: observed (survey); –: unknown, never 0"]
    if any(n.via for n in result.networks):
        notes.append("via: reached through an aggregate record it belongs to")
    if any(i.shared for n in result.networks for i in n.series):
        notes.append("shr: seats or partial participation, an expected share (low: none)")
    if any(i.asks == "network" for n in result.networks for i in n.series):
        notes.append("post: a post the network holds itself; no time asked of members")
    if result.not_taking_part:
        notes.append("not taking part, by documented participation: "
                     + names.records(result.not_taking_part))
    return Table(
        title=f"Meeting series asked of {result.name}: {plural(len(rows), 'series', 'series')} "
              f"from {plural(len(result.networks), 'network')}",
        columns=(Column("network", max_width=26), Column("role", max_width=26),
                 Column("person"), *((Column("roles of the person"),) if wide else ()),
                 Column("mtgs", "right"),
                 Column("hours", "right"), Column("basis")),
        rows=tuple(rows), notes=tuple(notes))


def persons_table(result: ProfileResult, names: Names = IDS, *, wide: bool = False) -> Table:
    keys = person_keys(result)
    rows = tuple((keys[p.roles], _roles(names, p.roles) if wide or names.by_name
                  else short_roles(p.roles), p.networks, p.meetings_per_year,
                  p.hours_per_year, "" if p.load is None else span_text(p.load, percent=True),
                  p.over_capacity if result.capacity_hours_per_year else "", marks(p))
                 for p in result.persons)
    cap = result.capacity_hours_per_year
    return Table(
        title=f"Persons asked in {result.name}: {len(rows)}",
        columns=(Column("person"), Column("roles held", max_width=30), Column("nets", "right"),
                 Column("mtgs", "right"), Column("hours", "right"), Column("load", "right"),
                 Column("over", "right"), Column("est")),
        rows=rows,
        notes=(_when(result), "nets: networks asking the person; mtgs, hours: a year",
               f"load: hours against a capacity of {span_text(cap)} h/yr" if cap
               else "load: no capacity set in the staffing assumption",
               "est: rests on estimates; inf: on inferred records; shr: expected shares"))


def funding_table(result: ProfileResult, names: Names = IDS) -> Table:
    rows = []
    for network in result.networks:
        if not network.funding_documented:
            funding = "not documented"
        else:
            funding = "; ".join(funding_line_text(f, names) for f in network.funding) or "none"
        rows.append((names.record(network.network), funding,
                     ", ".join(names.line(r) for r in network.reporting_lines)))
    return Table(
        title=f"Funding and reporting lines of the networks reaching {result.name}",
        columns=(Column("network", max_width=26), Column("funding (source/scheme)",
                                                         max_width=28),
                 Column("reports to", max_width=22)),
        rows=tuple(rows),
        notes=(_when(result), "only funding entries whose period covers the date count; each "
               "grant is a line of its own", "not documented: unknown, not none"))


def _pair_row(pair: OverlapPair, names: Names, how: str, wide: bool) -> tuple[object, ...]:
    if not wide:
        return (names.record(pair.a), names.record(pair.b), f"{pair.score:.2f}", how,
                len(pair.shared_areas), len(pair.shared_roles))
    return (names.record(pair.a), names.record(pair.b), f"{pair.score:.2f}", how,
            ", ".join(names.area(a) for a in pair.shared_areas),
            ", ".join(names.role(r) for r in pair.shared_roles))


def overlaps_table(result: ProfileResult, names: Names = IDS, *, wide: bool = False) -> Table:
    rows = [_pair_row(p, names, p.relation, wide) for p in result.overlaps]
    rows += [_pair_row(p, names, "person", wide) for p in result.person_overlaps]
    shared = ((Column("shared areas", max_width=30), Column("shared roles", max_width=24))
              if wide else (Column("areas", "right"), Column("roles", "right")))
    return Table(
        title=f"Networks that overlap in {result.name}: {plural(len(rows), 'pair')}",
        columns=(Column("network A", max_width=26), Column("network B", max_width=26),
                 Column("score", "right"), Column("relation"), *shared),
        rows=tuple(rows),
        notes=_kept(_when(result), "score: overlap of the two networks everywhere (weighted "
               "Jaccard); the pair asks the same role here on the shared areas",
               "person: they ask different roles that one person holds here (staffing "
               "assumption)" if result.person_overlaps else ""))


def leaders_table(result: ProfileResult, names: Names = IDS, *, wide: bool = False) -> Table:
    rows = []
    for leader in result.leaders:
        kind = ANCHOR_WORDS[leader.anchor]
        for network in leader.direct:
            rows.append((kind, names.record(network), "direct: asks them"))
        for path in leader.paths:
            route = " → ".join(names.record(i) for i in path.path)
            rows.append((kind, names.record(path.network), route + (
                " (reaches it)" if path.reaches_here else " (not here)")))
        if leader.none and wide:
            rows += [(kind, names.record(n), "none") for n in leader.none]
        elif leader.none:
            rows.append((kind, plural(len(leader.none), "network"), "none"))
    unjudged = result.leaders[0].not_judged if result.leaders else ()
    return Table(
        title=f"The path from the networks to {result.name}'s leaders",
        columns=(Column("leaders", max_width=17), Column("network", max_width=26),
                 Column("how", max_width=33)),
        rows=tuple(rows),
        notes=_kept(_when(result), "direct: the network asks the organisation's own holder of such "
               "a role; otherwise through a body it reports to, is steered by or is part of",
               "reaches it: that body asks this organisation's leaders too; not here: it does "
               "not reach this organisation",
               "not judged, naming no target role: " + names.records(unjudged)
               if unjudged else ""))


def profile_tables(result: ProfileResult, names: Names = IDS, *, wide: bool = False,
                   held: bool = False) -> tuple[Table, ...]:
    """Every table, in order; `held`: the series table says which roles each person holds."""
    return (summary_table(result, names), series_table(result, names, held=held),
            persons_table(result, names, wide=wide), funding_table(result, names),
            overlaps_table(result, names, wide=wide), leaders_table(result, names, wide=wide))
