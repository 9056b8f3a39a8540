"""The tables of `ehelse-map profile`: one organisation's own view, sized for 80 columns.

`profile_tables` gives them in order (summary, meeting series, persons, funding and reporting
lines, overlaps, leaders); `--format csv` prints the meeting series alone (one row per series
the organisation bears), JSON the result itself. Ids by default; `Names` with the data set
for documents. Persons are numbered (P1, P2, ...) in the persons table, and each series names
the person who attends it. `wide` (CSV, Markdown, the report) lists the shared areas and
roles of overlaps and the networks that reach no leader, where the terminal gives counts.
Titles, headers and notes are in `lang` (`render.i18n`), the short headers short in every
language; the marks `est`, `obs`, `inf` and `shr` read alike in all of them, as in `burden`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ehelse_map.render.analysis_tables import (
    RELATIONS,
    funding_line_text,
    marks,
    short_roles,
    when,
)
from ehelse_map.render.i18n import N_, Messages, messages
from ehelse_map.render.names import IDS, Names
from ehelse_map.render.numbers import decimal, number, span_text
from ehelse_map.render.table import Column, Table

if TYPE_CHECKING:
    from ehelse_map.analyses.overlap import OverlapPair
    from ehelse_map.analyses.profile import ProfileResult

#: How the series table marks what a cadence rests on.
BASIS = {"documented": N_("doc"), "estimated": N_("est"), "observed": N_("obs"), "unknown": "–"}
ANCHOR_WORDS = {"health-leader": N_("health leaders"), "chief-executive": N_("chief executives"),
                "elected": N_("elected officials")}
#: The summary's row on each kind of leader.
REACHING = {"health-leader": N_("reaching its health leaders"),
            "chief-executive": N_("reaching its chief executives"),
            "elected": N_("reaching its elected officials")}


def _when(result: ProfileResult, lang: str = "en") -> str:
    return when(result.as_of, lang)


def _kept(*notes: str) -> tuple[str, ...]:
    return tuple(n for n in notes if n)


def _roles(names: Names, roles: tuple[str, ...]) -> str:
    return " + ".join(names.role(r) for r in roles)


def person_keys(result: ProfileResult) -> dict[tuple[str, ...], str]:
    """Each person (the roles they hold) -> `P1`, `P2`, ... in the order of the persons table."""
    return {p.roles: f"P{i}" for i, p in enumerate(result.persons, 1)}


#: The actor kinds of the data's vocabulary (`load.vocab.ACTOR_KINDS`), in words.
KINDS = {"government": N_("government"), "ministry": N_("ministry"),
         "directorate": N_("directorate"), "agency": N_("agency"),
         "state-administrator": N_("state administrator"),
         "state-enterprise": N_("state enterprise"),
         "regional-health-authority": N_("regional health authority"),
         "health-trust": N_("health trust"), "association": N_("association"),
         "county": N_("county"), "region": N_("region"), "municipality": N_("municipality"),
         "company": N_("company"), "competence-centre": N_("competence centre"),
         "other": N_("other")}

#: The tasks of the data's vocabulary (`load.vocab.TASKS`), in words.
TASKS = {"coordination": N_("coordination"), "implementation": N_("implementation"),
         "competence": N_("competence"), "development": N_("development"),
         "steering": N_("steering"), "funding": N_("funding"), "advisory": N_("advisory"),
         "information": N_("information"), "standardisation": N_("standardisation"),
         "anchoring": N_("anchoring"), "procurement": N_("procurement")}
#: The network kinds of the data's vocabulary (`load.vocab.NETWORK_KINDS`), in words.
NETWORK_KINDS = {"network": N_("network"), "programme": N_("programme"),
                 "project": N_("project"), "forum": N_("forum"), "council": N_("council"),
                 "steering-group": N_("steering group"),
                 "health-community": N_("health community"), "committee": N_("committee"),
                 "grant-scheme": N_("grant scheme"), "seminar-series": N_("seminar series"),
                 "agreement": N_("agreement"), "secretariat": N_("secretariat"),
                 "strategy": N_("strategy"), "other": N_("other")}


def _words(m: Messages, words: dict[str, str], key: str) -> str:
    """A vocabulary id in words (the id itself when the vocabulary lacks it)."""
    return m.t(words[key]) if key in words else key


def describe(result: ProfileResult, lang: str = "en") -> str:
    """`Etne: municipality in Vestland, 4,093 inhabitants`."""
    m = messages(lang)
    kind = m.t(KINDS[result.kind]) if result.kind in KINDS else result.kind
    parts = [m.t("{kind} in {region}", kind=kind, region=result.region_name)
             if result.region_name else kind]
    if result.count > 1:
        parts.append(m.tn("stands for {n} organisation", "stands for {n} organisations",
                          result.count))
    if result.population is not None:
        parts.append(m.t("{n} inhabitants", n=number(result.population, lang)))
    return f"{result.name}: " + ", ".join(parts)


def summary_table(result: ProfileResult, names: Names = IDS, *, lang: str = "en") -> Table:
    m = messages(lang)
    row = result.burden
    rows: list[tuple[str, str]] = []
    reached = m.tn("{n} network", "{n} networks", len(result.networks))
    if result.not_taking_part:
        reached += m.tn(" (and {n} whose participation leaves it out)",
                        " (and {n} whose participation leaves it out)",
                        len(result.not_taking_part))
    rows.append((m.t("networks reaching it"), reached))
    via = sorted({n.via for n in result.networks if n.via})
    if via:
        rows.append((m.t("reached through"), names.records(via)))
    if row is not None:
        most = m.t("{hours} h/yr", hours=span_text(row.max_person_hours, lang=lang))
        if row.load:
            most = m.t("{hours} h/yr, {load} of capacity", hours=span_text(
                row.max_person_hours, lang=lang), load=span_text(row.load, percent=True,
                                                                  lang=lang))
        rows += [
            (m.t("meetings a year"), span_text(row.meetings_per_year, lang=lang)),
            (m.t("hours a year, all persons"), span_text(row.hours_per_year, lang=lang)),
            (m.t("persons asked"), number(row.persons, lang)),
            (m.t("most loaded person"), most),
        ]
        if result.capacity_hours_per_year is not None:
            rows.append((m.t("persons over capacity"), span_text(row.over_capacity, lang=lang)))
    funding = m.t("{lines} from {funders}",
                  lines=m.tn("{n} line", "{n} lines", result.funding_lines),
                  funders=m.tn("{n} funder", "{n} funders", len(result.funders)))
    if result.funding_unknown:
        funding += m.t("; not documented for {networks}", networks=m.tn(
            "{n} network", "{n} networks", len(result.funding_unknown)))
    rows.append((m.t("funding"), funding))
    rows.append((m.t("reporting to"), f"{len(result.reporting_lines)}: "
                 + ", ".join(names.line(r) for r in result.reporting_lines)
                 if result.reporting_lines else "0"))
    overlaps = m.tn("{n} pair", "{n} pairs", len(result.overlaps))
    if result.person_overlaps:
        overlaps += m.t(", and {n} through one person holding two roles",
                        n=number(len(result.person_overlaps), lang))
    rows.append((m.t("overlapping networks here"), overlaps))
    for leader in result.leaders:
        paths = sum(1 for p in leader.paths if p.reaches_here)
        rows.append((m.t(REACHING[leader.anchor]),
                     m.t("{direct} directly, {here} through a body that reaches it, {other} "
                         "through another body, {none} not at all",
                         direct=number(len(leader.direct), lang), here=number(paths, lang),
                         other=number(len(leader.paths) - paths, lang),
                         none=number(len(leader.none), lang))))
    notes = [_when(result, lang)]
    if not result.active:
        notes.append(m.t("{name} is not active on this date: no network is counted",
                         name=result.name))
    if result.count > 1:
        notes.append(m.t("an aggregate record: the figures are those of one of its "
                         "organisations"))
    if result.staffing:
        notes.append(m.t("persons: roles grouped by the staffing assumption {assumption}",
                         assumption=result.staffing))
    if result.assumptions:
        notes.append(m.t("figures read value (low–high) over the ranges of: {assumptions}",
                         assumptions=", ".join(result.assumptions)))
    if result.from_findings:
        notes.append(m.t("taken from the evaluation's findings {findings}: figures that follow "
                         "from them cannot confirm them",
                         findings=", ".join(result.from_findings)))
    if row is not None and row.hours_per_year.unknown:
        notes.append(m.t("+?: some hours are unknown (no cadence or no target role in the "
                         "data); –: all unknown"))
    return Table(title=m.t("Profile of {description}", description=describe(result, lang)),
                 columns=(Column(m.t("figure"), max_width=30),
                          Column(m.t("value"), max_width=48)),
                 rows=tuple(rows), notes=tuple(notes), lang=lang)


def _via(m: Messages, names: Names, via: str | None) -> str:
    return m.t(" (via {record})", record=names.record(via)) if via else ""


def networks_table(result: ProfileResult, names: Names = IDS, *, lang: str = "en") -> Table:
    """The networks reaching the organisation: what they are, what they are for, what they
    ask in all."""
    m = messages(lang)
    rows = tuple((names.record(n.network) + _via(m, names, n.via),
                  _words(m, NETWORK_KINDS, n.kind), names.record(n.host) if n.host else "",
                  ", ".join(_words(m, TASKS, t) for t in n.tasks),
                  ", ".join(names.area(a) for a in n.areas) if names.by_name else len(n.areas),
                  n.hours_per_year, "inf" if n.inferred else "")
                 for n in result.networks)
    return Table(
        title=m.t("Networks reaching {name}: {n}", name=result.name, n=number(len(rows), lang)),
        columns=(Column(m.t("network"), max_width=26, ids=True), Column(m.t("kind")),
                 Column(m.t("host"), max_width=16, ids=True),
                 Column(m.t("tasks"), max_width=18),
                 Column(m.t("areas"), max_width=30, ids=True), Column(m.t("hours"), "right"),
                 Column("")),
        rows=rows, lang=lang,
        notes=_kept(_when(result, lang),
                    m.t("hours: a year, all its meeting series; –: unknown"),
                    m.t("inf: part of the record (reach, roles, host) is inferred")
                    if any(n.inferred for n in result.networks) else ""))


def series_table(result: ProfileResult, names: Names = IDS, *, held: bool = False,
                 lang: str = "en") -> Table:
    """One row per meeting series; a network naming no target role has one row of unknowns.
    `held` adds the roles the attending person holds (CSV has no persons table beside it)."""
    m = messages(lang)
    wide = held
    keys = person_keys(result)
    rows: list[tuple[object, ...]] = []
    for network in result.networks:
        name = names.record(network.network) + _via(m, names, network.via)
        if not network.series:
            rows.append((name, "–", "", *(("",) if wide else ()), network.meetings_per_year,
                         network.hours_per_year, BASIS["unknown"]))
        for item in network.series:
            person = keys.get(item.person, "") if item.asks != "network" else ""
            roles = (_roles(names, item.person) if person else "",) if wide else ()
            if item.asks == "network":
                rows.append((name, names.role(item.role), "", *roles, "", "", m.t(N_("post"))))
                continue
            rows.append((name, names.role(item.role), person, *roles, item.meetings_per_year,
                         item.hours_per_year,
                         m.t(BASIS[item.basis]) + (" shr" if item.shared else "")))
    notes = [_when(result, lang), m.t("mtgs, hours: a year, borne by the organisation"),
             m.t("person: who attends, as numbered in the persons table (staffing assumption)"),
             m.t("doc: documented; est: estimated; obs: observed (survey); –: unknown, never 0")]
    if any(n.via for n in result.networks):
        notes.append(m.t("via: reached through an aggregate record it belongs to"))
    if any(i.shared for n in result.networks for i in n.series):
        notes.append(m.t("shr: seats or partial participation, an expected share (low: none)"))
    if any(i.asks == "network" for n in result.networks for i in n.series):
        notes.append(m.t("post: a post the network holds itself; no time asked of members"))
    if result.not_taking_part:
        notes.append(m.t("not taking part, by documented participation: {records}",
                         records=names.records(result.not_taking_part)))
    return Table(
        title=m.t("Meeting series asked of {name}: {series} from {networks}", name=result.name,
                  series=m.tn("{n} series", "{n} series", len(rows)),
                  networks=m.tn("{n} network", "{n} networks", len(result.networks))),
        columns=(Column(m.t("network"), max_width=26, ids=True),
                 Column(m.t("role"), max_width=26, ids=True),
                 Column(m.t("person")),
                 *((Column(m.t("roles of the person"), ids=True),) if wide else ()),
                 Column(m.t("mtgs"), "right"),
                 Column(m.t("hours"), "right"), Column(m.t("basis"))),
        rows=tuple(rows), notes=tuple(notes), lang=lang)


def persons_table(result: ProfileResult, names: Names = IDS, *, wide: bool = False,
                  lang: str = "en") -> Table:
    m = messages(lang)
    keys = person_keys(result)
    rows = tuple((keys[p.roles], _roles(names, p.roles) if wide or names.by_name
                  else short_roles(p.roles), p.networks, p.meetings_per_year,
                  p.hours_per_year, "" if p.load is None
                  else span_text(p.load, percent=True, lang=lang),
                  p.over_capacity if result.capacity_hours_per_year else "", marks(p))
                 for p in result.persons)
    cap = result.capacity_hours_per_year
    return Table(
        title=m.t("Persons asked in {name}: {n}", name=result.name, n=number(len(rows), lang)),
        columns=(Column(m.t("person")), Column(m.t("roles held"), max_width=30, ids=True),
                 Column(m.t("nets"), "right"), Column(m.t("mtgs"), "right"),
                 Column(m.t("hours"), "right"), Column(m.t("load"), "right"),
                 Column(m.t("over"), "right"), Column(m.t("est"))),
        rows=rows, lang=lang,
        notes=(_when(result, lang), m.t("nets: networks asking the person; mtgs, hours: a year"),
               m.t("load: hours against a capacity of {capacity} h/yr",
                   capacity=span_text(cap, lang=lang)) if cap
               else m.t("load: no capacity set in the staffing assumption"),
               m.t("est: rests on estimates; inf: on inferred records; shr: expected shares")))


def funding_table(result: ProfileResult, names: Names = IDS, *, lang: str = "en") -> Table:
    m = messages(lang)
    rows = []
    for network in result.networks:
        if not network.funding_documented:
            funding = m.t("not documented")
        else:
            funding = "; ".join(funding_line_text(f, names, lang)
                                for f in network.funding) or m.t("none")
        rows.append((names.record(network.network), funding,
                     ", ".join(names.line(r) for r in network.reporting_lines)))
    return Table(
        title=m.t("Funding and reporting lines of the networks reaching {name}",
                  name=result.name),
        columns=(Column(m.t("network"), max_width=26, ids=True),
                 Column(m.t("funding (source/scheme)"), max_width=28),
                 Column(m.t("reports to"), max_width=22, ids=True)),
        rows=tuple(rows), lang=lang,
        notes=(_when(result, lang), m.t("only funding entries whose period covers the date "
                                        "count; each grant is a line of its own"),
               m.t("not documented: unknown, not none")))


def _pair_row(pair: OverlapPair, names: Names, how: str, wide: bool, lang: str
              ) -> tuple[object, ...]:
    score = decimal(pair.score, 2, lang)
    if not wide:
        return (names.record(pair.a), names.record(pair.b), score, how,
                len(pair.shared_areas), len(pair.shared_roles))
    return (names.record(pair.a), names.record(pair.b), score, how,
            ", ".join(names.area(a) for a in pair.shared_areas),
            ", ".join(names.role(r) for r in pair.shared_roles))


def overlaps_table(result: ProfileResult, names: Names = IDS, *, wide: bool = False,
                   lang: str = "en") -> Table:
    m = messages(lang)
    rows = [_pair_row(p, names, m.t(RELATIONS.get(p.relation, p.relation)), wide, lang)
            for p in result.overlaps]
    rows += [_pair_row(p, names, m.t(N_("person")), wide, lang) for p in result.person_overlaps]
    shared = ((Column(m.t("shared areas"), max_width=30, ids=True),
               Column(m.t("shared roles"), max_width=24, ids=True))
              if wide else (Column(m.t("areas"), "right"), Column(m.t("roles"), "right")))
    return Table(
        title=m.t("Networks that overlap in {name}: {pairs}", name=result.name,
                  pairs=m.tn("{n} pair", "{n} pairs", len(rows))),
        columns=(Column(m.t("network A"), max_width=26, ids=True),
                 Column(m.t("network B"), max_width=26, ids=True),
                 Column(m.t("score"), "right"), Column(m.t("relation")), *shared),
        rows=tuple(rows), lang=lang,
        notes=_kept(_when(result, lang),
                    m.t("score: overlap of the two networks everywhere (weighted Jaccard); the "
                        "pair asks the same role here on the shared areas"),
                    m.t("person: they ask different roles that one person holds here (staffing "
                        "assumption)") if result.person_overlaps else ""))


def leaders_table(result: ProfileResult, names: Names = IDS, *, wide: bool = False,
                  lang: str = "en") -> Table:
    m = messages(lang)
    rows = []
    for leader in result.leaders:
        kind = m.t(ANCHOR_WORDS[leader.anchor])
        for network in leader.direct:
            rows.append((kind, names.record(network), m.t("direct: asks them")))
        for path in leader.paths:
            route = " → ".join(names.record(i) for i in path.path)
            rows.append((kind, names.record(path.network),
                         m.t("{route} (reaches it)", route=route) if path.reaches_here
                         else m.t("{route} (not here)", route=route)))
        if leader.none and wide:
            rows += [(kind, names.record(n), m.t("none")) for n in leader.none]
        elif leader.none:
            rows.append((kind, m.tn("{n} network", "{n} networks", len(leader.none)),
                         m.t("none")))
    unjudged = result.leaders[0].not_judged if result.leaders else ()
    return Table(
        title=m.t("The path from the networks to {name}'s leaders", name=result.name),
        columns=(Column(m.t("leaders"), max_width=17),
                 Column(m.t("network"), max_width=26, ids=True),
                 Column(m.t("how"), max_width=33)),
        rows=tuple(rows), lang=lang,
        notes=_kept(_when(result, lang),
                    m.t("direct: the network asks the organisation's own holder of such a role; "
                        "otherwise through a body it reports to, is steered by or is part of"),
                    m.t("reaches it: that body asks this organisation's leaders too; not here: "
                        "it does not reach this organisation"),
                    m.t("not judged, naming no target role: {records}",
                        records=names.records(unjudged)) if unjudged else ""))


def profile_tables(result: ProfileResult, names: Names = IDS, *, wide: bool = False,
                   held: bool = False, lang: str = "en") -> tuple[Table, ...]:
    """Every table, in order; `held`: the series table says which roles each person holds."""
    return (summary_table(result, names, lang=lang),
            series_table(result, names, held=held, lang=lang),
            persons_table(result, names, wide=wide, lang=lang),
            funding_table(result, names, lang=lang),
            overlaps_table(result, names, wide=wide, lang=lang),
            leaders_table(result, names, wide=wide, lang=lang))
