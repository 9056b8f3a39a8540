"""Tables for the analyses, sized for an 80-column terminal.

Tables show ids (short), counts and right-aligned numbers; the full lists (shared members,
paths, funding lines) are in the JSON, which is rendered from the result itself. Notes under
each table state the as-of date, the filters and what rests on estimates. Given `names` with
the data set (`render.names`), the tables name records instead (the report does). Titles,
headers and notes are in `lang` (`render.i18n`); the short headers stay short in every language.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from ehelse_map.render.i18n import N_, Messages, messages
from ehelse_map.render.names import IDS, Names
from ehelse_map.render.numbers import decimal, localised, number, span_parts, span_text
from ehelse_map.render.styled import Styled, styled
from ehelse_map.render.table import Column, Table

if TYPE_CHECKING:
    from ehelse_map.analyses.anchoring import AnchoringResult
    from ehelse_map.analyses.brokers import BrokersResult
    from ehelse_map.analyses.burden import BurdenResult, BurdenRow, SizeClassRow
    from ehelse_map.analyses.funding import FundingLine, FundingResult
    from ehelse_map.analyses.gaps import GapsResult
    from ehelse_map.analyses.overlap import OverlapResult
    from ehelse_map.model.span import Span

DOCS = "docs/analyses.md"


def when(as_of: date | None, lang: str = "en") -> str:
    """`as of 2025-06-01`, the first note under every table."""
    m = messages(lang)
    return m.t("as of {date}", date=as_of.isoformat()) if as_of else m.t("all periods")


def _notes(as_of: date | None, filters: str, *more: str | Styled, lang: str = "en"
           ) -> tuple[str | Styled, ...]:
    head = when(as_of, lang) + (f"; {filters}" if filters else "")
    return (head, *(m for m in more if m))


def _networks(m: Messages, n: int) -> str:
    return m.tn("{n} network", "{n} networks", n)


def overlap_table(result: OverlapResult, lang: str = "en", *, wide: bool = False,
                  names: Names = IDS) -> Table:
    """Pairs with counts of what they share; `wide` adds the shared areas and roles by id
    (for CSV and Markdown, where width does not matter)."""
    m = messages(lang)
    rows = []
    for p in result.pairs:
        row: tuple[object, ...] = (
            names.record(p.a), names.record(p.b), decimal(p.score, 2, lang),
            m.t(RELATIONS.get(p.relation, p.relation))
            + ("*" if p.inner and p.relation == "duplicate" else "")
            + (" inf" if p.inferred else ""),
            len(p.shared_areas), len(p.shared_roles), p.shared_organisations)
        if wide:
            row += (", ".join(names.area(a) for a in p.shared_areas),
                    ", ".join(names.role(r) for r in p.shared_roles))
        rows.append(row)
    columns: tuple[Column, ...] = (
        Column(m.t("network A"), max_width=23, ids=True),
        Column(m.t("network B"), max_width=23, ids=True),
        Column(m.t("score"), "right", style="score"), Column(m.t("relation")),
        Column(m.t("areas"), "right"), Column(m.t("roles"), "right"),
        Column(m.t("orgs"), "right"))
    if wide:
        columns += (Column(m.t("shared areas"), ids=True), Column(m.t("shared roles"), ids=True))
    skipped = (m.t("not compared: {networks} ({reasons})",
                   networks=_networks(m, len(result.not_compared)),
                   reasons=", ".join(sorted({m.t(REASONS.get(n.reason, n.reason))
                                             for n in result.not_compared})))
               if result.not_compared else "")
    json_lists = "" if names.by_name else m.t("; the lists are in --format json")
    pairs = _shown(m, len(result.pairs), result.total_pairs,
                   lambda n: m.tn("{n} pair", "{n} pairs", n))
    return Table(
        title=m.t("Overlapping networks: {pairs} among {networks}", pairs=pairs,
                  networks=_networks(m, result.networks)),
        columns=columns,
        rows=tuple(rows), total_rows=result.total_pairs or None, lang=lang,
        notes=_notes(result.as_of, result.filters.describe(),
                     m.t("score: weighted Jaccard over (area, person, organisation) "
                         "combinations; roles merged by {assumptions}",
                         assumptions=", ".join(result.assumptions)) if result.persons else
                     m.t("score: weighted Jaccard over (area, role, organisation) combinations"),
                     m.t("areas, roles, orgs: shared; with --persons, roles are those held by "
                         "the persons both networks ask for; the lists are in --format json")
                     if result.persons else m.t("areas, roles, orgs: shared") + json_lists,
                     m.t("duplicate*: near-identical, and one lies inside the other")
                     if any("*" in str(r[3]) for r in rows) else "",
                     m.t("inf: one of the pair rests partly on inferences")
                     + ("" if names.by_name else m.t(" (which: --format json)"))
                     if any(p.inferred for p in result.pairs) else "",
                     skipped, lang=lang))


#: What a pair of networks is to each other (`analyses.overlap`), in words.
RELATIONS = {"nested": N_("nested"), "duplicate": N_("duplicate"), "partial": N_("partial")}
#: Why a network could not be compared.
REASONS = {"no target roles": N_("no target roles"), "no areas": N_("no areas"),
           "organisations not listed": N_("organisations not listed")}


def overlap_groups_table(result: OverlapResult, lang: str = "en",
                         names: Names = IDS) -> Table:
    m = messages(lang)
    rows = tuple((f"G{i}", len(g.networks), names.records(g.networks), g.pairs,
                  decimal(g.max_score, 2, lang)) for i, g in enumerate(result.groups, 1))
    return Table(
        title=m.t("Overlapping networks: {groups}",
                  groups=m.tn("{n} group", "{n} groups", len(result.groups))),
        columns=(Column(m.t("group")), Column(m.t("size"), "right"),
                 Column(m.t("networks"), max_width=52, ids=True),
                 Column(m.t("pairs"), "right"), Column(m.t("max"), "right")),
        rows=rows, lang=lang,
        notes=_notes(result.as_of, result.filters.describe(),
                     m.t("a group joins networks linked by pairs scoring >= {score}",
                         score=decimal(result.group_threshold, 2, lang)), lang=lang))


_BURDEN_COLUMNS = {
    "municipality": ("organisation", "nets", "mtgs", "hours", "pers", "max h", "load",
                     "areas", "fund", "rep", "est"),
    "person": ("org", "roles", "nets", "mtgs", "hours", "load", "areas", "fund", "rep", "est"),
    "role": ("role", "orgs", "nets", "mtgs", "hours", "max h", "load", "over", "est"),
    "region": ("region", "orgs", "nets", "hours", "max h", "load", "over", "est"),
}
_TEXT_COLUMNS = {"organisation": 18, "org": 14, "roles": 24, "role": 28, "region": 18}
#: The headers of the burden tables, short for 80 columns in every language.
_HEADERS = {"organisation": N_("organisation"), "org": N_("org"), "roles": N_("roles"),
            "role": N_("role"), "region": N_("region"), "nets": N_("nets"), "mtgs": N_("mtgs"),
            "hours": N_("hours"), "pers": N_("pers"), "max h": N_("max h"), "load": N_("load"),
            "areas": N_("areas"), "fund": N_("fund"), "rep": N_("rep"), "orgs": N_("orgs"),
            "over": N_("over"), "est": N_("est")}
#: What a burden table is by.
_BY = {"municipality": N_("Coordination burden by municipality: {rows}"),
       "person": N_("Coordination burden by person: {rows}"),
       "role": N_("Coordination burden by role: {rows}"),
       "region": N_("Coordination burden by region: {rows}")}


def burden_table(result: BurdenResult, lang: str = "en", names: Names = IDS) -> Table:
    """The rows of the result's view; `by="size-class"` gives `size_class_table`."""
    if result.by == "size-class":
        return size_class_table(result, lang)
    m = messages(lang)
    headers = _BURDEN_COLUMNS[result.by]
    rows = []
    loads: dict[Span, Styled] = {}  # few distinct loads among many rows: one cell each
    for r in result.rows:
        if r.load is not None and r.load not in loads:
            loads[r.load] = Styled(span_parts(r.load, percent=True, lang=lang))
        cell = {
            "organisation": names.record(r.key),
            "org": names.record(r.organisation) if r.organisation else "",
            "roles": short_roles(r.roles, names), "role": names.role(r.key),
            "region": names.record(r.key), "nets": r.networks,
            "mtgs": r.meetings_per_year, "hours": r.hours_per_year,
            "pers": r.persons, "max h": r.max_person_hours,
            "load": "–" if r.load is None else loads[r.load],  # no capacity: unknown
            "areas": r.areas,
            "fund": f"{r.funding_lines}+?" if r.lines_unknown else r.funding_lines,
            "rep": f"{r.reporting_lines}+?" if r.lines_unknown else r.reporting_lines,
            "orgs": r.organisations, "over": r.over_capacity,
            "est": marks(r),
        }
        rows.append(tuple(cell[n] for n in headers))
    columns = tuple(Column(m.t(_HEADERS[n]), max_width=_TEXT_COLUMNS[n], ids=True)
                    if n in _TEXT_COLUMNS else Column(m.t(_HEADERS[n]), style="marks")
                    if n == "est" else Column(m.t(_HEADERS[n]), "right")
                    for n in headers)
    aggregated = any(r.organisations > 1 and r.organisation for r in result.rows)
    shown = _shown(m, len(result.rows), result.total_rows,
                   lambda n: m.tn("{n} row", "{n} rows", n))
    return Table(
        title=m.t(_BY[result.by], rows=shown),
        columns=columns, rows=tuple(rows), notes=_burden_notes(result, aggregated, lang),
        total_rows=result.total_rows or None, lang=lang)


def marks(row: BurdenRow) -> str:
    """`est`: rests on estimates; `obs`: on the organisations' own survey answers; `srv`: on
    the survey rule's aggregate of others' answers; `inf`: on inferred records; `shr`:
    expected shares."""
    return " ".join(mark for mark, on in (("est", row.estimated), ("obs", row.observed),
                                          ("srv", bool(row.surveyed)),
                                          ("inf", bool(row.inferred)),
                                          ("shr", bool(row.shared))) if on)


def _shown(m: Messages, shown: int, total: int, counted: Callable[[int], str]) -> str:
    """`9 pairs`, or `showing 2 of 9 pairs` when a limit cut the list; `counted` gives a
    number with its word (`9 pairs`)."""
    if total and shown < total:
        return m.t("showing {shown} of {total}", shown=number(shown, m.lang),
                   total=counted(total))
    return counted(shown)


def size_class_table(result: BurdenResult, lang: str = "en") -> Table:
    from ehelse_map.analyses.burden import UNKNOWN_SIZE

    m = messages(lang)
    rows = tuple((size_class(s.size_class, lang), s.municipalities, s.reached,
                  # a mean or count over no municipality reached is unknown, not 0
                  decimal(s.networks_mean, 1, lang) if s.reached else "–",
                  s.hours_mean, s.person_hours_mean, s.max_person_hours,
                  s.persons_over_capacity if s.reached else "–",
                  " ".join(k for k, on in (("est", s.estimated), ("obs", bool(s.observed))) if on))
                 for s in result.size_classes)
    return Table(
        title=m.t("Coordination burden by municipality size (inhabitants)"),
        columns=(Column(m.t("size")), Column(m.t("munic."), "right"),
                 Column(m.t("reached"), "right"), Column(m.t("networks"), "right"),
                 Column(m.t("hours"), "right"), Column(m.t("person h"), "right"),
                 Column(m.t("max h"), "right"), Column(m.t("over"), "right"),
                 Column(m.t("est"), style="marks")),
        rows=rows, lang=lang,
        notes=(*_burden_notes(result, False, lang),
               m.t("networks, hours: means per municipality; person h: mean of each one's most "
                   "loaded person"),
               m.t("obs: observed (survey answers) in {classes}", classes=", ".join(
                   _observed_class(m, s) for s in result.size_classes if s.observed))
               if any(s.observed for s in result.size_classes) else "",
               *(_unknown_size_note(s, m) for s in result.size_classes
                 if s.size_class == UNKNOWN_SIZE)))


def _observed_class(m: Messages, row: SizeClassRow) -> str:
    return m.t("{observed} of {reached} reached ({size})", observed=row.observed,
               reached=row.reached, size=size_class(row.size_class, m.lang))


def size_class(name: str, lang: str = "en") -> str:
    """A size class as the language writes it: `5,000–19,999` reads `5 000–19 999` in
    Norwegian, `unknown` is translated."""
    from ehelse_map.analyses.burden import UNKNOWN_SIZE

    if name == UNKNOWN_SIZE:
        return messages(lang).t("unknown")
    return localised(name, lang)


def _unknown_size_note(row: SizeClassRow, m: Messages) -> str:
    """Why a class is unknown: no population in the data, often records for many."""
    many = (m.t("; {records} records each stand for many",
                records=number(row.aggregate_records, m.lang))
            if row.aggregate_records else "")
    return m.tn("unknown: {n} municipality with no population in the data ({countries}{many})",
                "unknown: {n} municipalities with no population in the data "
                "({countries}{many})", row.municipalities,
                countries=", ".join(row.countries), many=many)


def short_roles(roles: tuple[str, ...], names: Names = IDS) -> str:
    """`helseleiar +3`: the first role a person holds and how many more."""
    return names.role(roles[0]) + (f" +{len(roles) - 1}" if len(roles) > 1 else "") \
        if roles else ""


#: The key to a burden table's short headers.
_LEGENDS = {
    "municipality": (N_("nets: networks; mtgs, hours: per year; pers: persons; max h: most "
                        "loaded person"),),
    "person": (N_("roles: +N more roles the same person holds (staffing assumption)"),
               N_("nets: networks; mtgs, hours: per year")),
    "role": (N_("orgs: organisations; hours: per year, all of them; max h: most loaded holder"),),
    "region": (N_("orgs: organisations; hours: per year, all of them; max h: most loaded "
                  "person"),),
}


def _burden_notes(result: BurdenResult, aggregated: bool, lang: str = "en"
                  ) -> tuple[str | Styled, ...]:
    m = messages(lang)
    cap = result.capacity_hours_per_year
    return _notes(
        result.as_of, result.filters.describe(),
        *(m.t(line) for line in _LEGENDS.get(result.by, ())),
        m.t("fund, rep: distinct funding and reporting lines") if result.by in (
            "municipality", "person") else "",
        m.t("fund, rep +?: some networks reaching it have no documented funding; the count "
            "leaves their lines out") if result.by in ("municipality", "person") and any(
            r.lines_unknown for r in result.rows) else "",
        m.t("load: hours against a capacity of {capacity} h/yr per person",
            capacity=span_text(cap, lang=lang)) if cap
        else m.t("load: no capacity set in the staffing assumption"),
        styled(("est", "estimated"), m.t(": rests on estimates; figures read value (low–high) "
                                         "over the assumptions' ranges"))
        if any(r.estimated for r in result.rows) or any(
            s.estimated for s in result.size_classes) else "",
        *_observed_notes(result, m),
        styled(("inf", "inferred"), m.t(": rests on records partly inferred"))
        if any(r.inferred for r in result.rows) else "",
        styled(("shr", "shared"), m.t(": time shared by seats or partial participation, "
                                      "counted as expected shares (low: none of it)"))
        if any(r.shared for r in result.rows) else "",
        unknown_key(lang) if any(r.hours_per_year.unknown for r in result.rows) else "",
        m.t("hours known for {known} of {networks}",
            known=number(result.hours_known_networks, lang),
            networks=_networks(m, result.networks_in_scope))
        if result.hours_known_networks < result.networks_in_scope else "",
        _network_posts(result, m),
        m.t("an aggregate actor's row gives the values of one of its organisations")
        if aggregated else "",
        m.t("assumptions: {assumptions}", assumptions=", ".join(result.assumptions))
        if result.assumptions else "",
        m.t("taken from the evaluation's findings {findings}: these figures follow from them "
            "and cannot confirm them", findings=", ".join(result.from_findings))
        if result.from_findings else "", lang=lang)


#: Most network posts a burden table's note names; the rest are counted (all are in the JSON).
NOTE_POSTS = 8


def _network_posts(result: BurdenResult, m: Messages) -> str:
    """The posts the networks hold themselves: each of them, or at national scale (hundreds)
    how many, the first `NOTE_POSTS` and where the rest are, so the note stays a note."""
    posts = sorted({f"{p.network}/{p.role}" for p in result.network_posts})
    if not posts:
        return ""
    if len(posts) <= NOTE_POSTS:
        return m.t("posts the networks hold themselves (no time asked of members): {posts}",
                   posts=", ".join(posts))
    return m.t("posts the networks hold themselves (no time asked of members): {n}, the "
               "first {first}: {posts}; all of them in --format json",
               n=number(len(posts), m.lang), first=NOTE_POSTS,
               posts=", ".join(posts[:NOTE_POSTS]))


def _observed_notes(result: BurdenResult, m: Messages) -> tuple[str, ...]:
    """How much of the figures the survey answers give: every burden table says it once any
    answer is in force, so an estimate is never read as evidence nor the other way round."""
    if not result.observed_organisations and not result.surveyed_networks:
        return ()
    fully = (m.t(" (all their hours in {n})", n=result.fully_observed_organisations)
             if result.fully_observed_organisations else "")
    notes = [m.t("hours observed (survey answers) in {observed} of {reached} municipalities"
                 "{fully}", observed=result.observed_organisations,
                 reached=result.reached_organisations, fully=fully)
             if result.reached_are_municipalities else
             m.t("hours observed (survey answers) in {observed} of {reached} organisations"
                 "{fully}", observed=result.observed_organisations,
                 reached=result.reached_organisations, fully=fully),
             m.t("obs: the organisation's own answers replace the estimates (basis observed; "
                 "\"takes part: no\" takes that network's time off)")]
    if result.surveyed_networks:
        notes.append(m.t("srv: survey rule {rule}: for members that did not answer, the median "
                         "of the others' answers (range lowest–highest) for {networks}",
                         rule=result.survey_rule,
                         networks=_networks(m, len(result.surveyed_networks))))
    return tuple(notes)


def unknown_key(lang: str = "en") -> Styled:
    """The key to unknowns, which a colour terminal shows apart from zeros."""
    m = messages(lang)
    return styled(("–", "unknown"), m.t(": unknown (no cadence or no target role in the data); "),
                  ("+?", "unknown"), m.t(": more not known"))



def funding_line_text(line: FundingLine, names: Names = IDS, lang: str = "en") -> str:
    """`ks/DT-0706 (g-2021-1, 2021–2023, 3,250,000 NOK)`."""
    detail = [part for part in (line.grant, line.period, line.status if line.status not in (
        None, "granted", "paid") else "",
        f"{number(line.amount, lang)} {line.currency}" if line.amount is not None else "")
        if part]
    return (names.record(line.source) + (f"/{line.scheme}" if line.scheme else "")
            + (f" ({', '.join(detail)})" if detail else ""))


def funding_table(result: FundingResult, lang: str = "en", names: Names = IDS) -> Table:
    m = messages(lang)
    not_documented = styled((m.t("not documented"), "unknown"))
    rows = tuple((names.record(n.network), "–" if n.funders is None else n.funders,
                  not_documented if not n.documented else
                  "; ".join(funding_line_text(f, names, lang) for f in n.lines)
                  or m.t("none"),
                  ", ".join(names.line(r) for r in n.reporting_lines))
                 for n in result.networks)
    documented = result.total_networks - len(result.undocumented)
    return Table(
        title=m.t("Funding and reporting lines: {networks}", networks=_shown(
            m, len(result.networks), result.total_networks, lambda n: _networks(m, n))),
        columns=(Column(m.t("network"), max_width=30, ids=True),
                 Column(m.t("funders"), "right"),
                 Column(m.t("funding (source/scheme)"), max_width=24, ids=True),
                 Column(m.t("reports to"), max_width=16, ids=True)),
        rows=rows, total_rows=result.total_networks or None, lang=lang,
        notes=_notes(result.as_of, result.filters.describe(),
                     m.t("funding documented for {documented} of {networks}; more than one "
                         "funder: {multi}; documented as unfunded now: {unfunded}",
                         documented=number(documented, lang),
                         networks=_networks(m, result.total_networks),
                         multi=number(len(result.multi_funded), lang),
                         unfunded=number(len(result.unfunded), lang)),
                     m.t("each grant is a funding line and a reporting line of its own; only "
                         "entries whose period covers the date count"), lang=lang))


def funding_organisations_table(result: FundingResult, lang: str = "en",
                                names: Names = IDS) -> Table:
    m = messages(lang)
    rows = tuple((names.record(o.organisation), o.networks, o.funders,
                  f"{o.funding_lines}+?" if o.unknown_networks else o.funding_lines,
                  f"{o.reporting_lines}+?" if o.unknown_networks else o.reporting_lines)
                 for o in result.organisations)
    organisations = _shown(m, len(result.organisations), result.total_organisations,
                           lambda n: m.tn("{n} organisation", "{n} organisations", n))
    return Table(
        title=m.t("Funding and reporting lines per organisation: {organisations}",
                  organisations=organisations),
        columns=(Column(m.t("organisation"), max_width=24, ids=True),
                 Column(m.t("networks"), "right"), Column(m.t("funders"), "right"),
                 Column(m.t("funding lines"), "right"),
                 Column(m.t("reporting lines"), "right")),
        rows=rows, total_rows=result.total_organisations or None, lang=lang,
        notes=_notes(result.as_of, result.filters.describe(),
                     m.t("funding line: a (source, scheme, grant) active on the date"),
                     m.t("reporting line: a body reported to, directly or through funding"),
                     styled(("+?", "unknown"), m.t(": some networks reaching it have no "
                                                   "documented funding"))
                     if any(o.unknown_networks for o in result.organisations) else "",
                     lang=lang))


_ANCHOR_HEADERS = {"health-leader": N_("leader"), "chief-executive": N_("exec."),
                   "elected": N_("elected")}


def anchoring_table(result: AnchoringResult, lang: str = "en", names: Names = IDS) -> Table:
    m = messages(lang)
    how = {"direct": m.t("direct"), "path": m.t("path")}
    rows = []
    for n in result.networks:
        via = sorted({a.body for a in n.anchors if a.how == "path" and a.body})
        rows.append((names.record(n.network),
                     *(how.get(a.how, "–") for a in n.anchors),
                     names.records(via)))
    networks = _shown(m, len(result.networks), result.total_networks, lambda n: _networks(m, n))
    return Table(
        title=(m.t("Anchoring: {networks}", networks=networks)
               if len(result.networks) < result.total_networks
               else m.t("Anchoring of {networks}", networks=networks)),
        columns=(Column(m.t("network"), max_width=32, ids=True),
                 *(Column(m.t(h), style="anchor") for h in _ANCHOR_HEADERS.values()),
                 Column(m.t("via"), max_width=25, ids=True)),
        rows=tuple(rows), total_rows=result.total_networks or None, lang=lang,
        notes=_notes(result.as_of, result.filters.describe(),
                     m.t("leader: head of health and care; exec.: chief executive; elected: "
                         "politicians"),
                     m.t("path: reports to, is steered by or is part of a body (via) that "
                         "targets them"),
                     m.t("reach none: {n}", n=number(len(result.unanchored), lang)) + (
                         "" if names.by_name else m.t("; the paths are in --format json")),
                     lang=lang))


def gaps_table(result: GapsResult, lang: str = "en", names: Names = IDS) -> Table:
    """The matrix with the longer dimension as rows, so it grows downwards, not sideways.
    Regions and areas show by name (regions by id where two share a name); column headers
    that do not fit the terminal are abbreviated, with the key under the table."""
    cells = {(c.region, c.area): c for c in result.cells}
    region_names = [r.name for r in result.regions]
    unique = len(set(region_names)) == len(region_names)
    regions = {r.id: r.name if unique else r.id for r in result.regions}
    by_region = len(regions) >= len(result.areas)
    row_keys, column_keys = ((list(regions), result.areas) if by_region
                             else (result.areas, list(regions)))
    rows = []
    for row_key in row_keys:
        row: list[str | int] = [regions[row_key] if by_region else names.area(row_key)]
        for column_key in column_keys:
            cell = cells.get((row_key, column_key) if by_region else (column_key, row_key))
            row.append("·" if cell is None else
                       f"{cell.count}!" if cell.status == "crowded" else cell.count)
        rows.append(tuple(row))
    if by_region:
        matrix = tuple(Column(names.area(area), "right", style="gaps", abbreviate="A")
                       for area in column_keys)
    else:
        matrix = tuple(Column(regions[key], "right", style="gaps", abbreviate="R")
                       for key in column_keys)
    m = messages(lang)
    return Table(
        title=m.t("Networks per area and region"),
        columns=(Column(m.t("region"), max_width=24) if by_region
                 else Column(m.t("area"), max_width=24, ids=True), *matrix),
        rows=tuple(rows), lang=lang,
        notes=_notes(result.as_of, result.filters.describe(),
                     styled(m.t("uncovered ("), ("0", "uncovered"),
                            m.t("): {cells}; crowded (>= {crowded_at}, marked ",
                                cells=m.tn("{n} cell", "{n} cells", len(result.uncovered)),
                                crowded_at=result.crowded_at), ("!", "crowded"),
                            f"): {number(len(result.crowded), lang)}"),
                     styled(("·", "unused"), m.t(" the area is not used in that country"))
                     if any("·" in r[1:] for r in rows) else "",
                     m.t("not placed (only a count of organisations): {records}",
                         records=names.records(result.unplaced))
                     if result.unplaced else "", lang=lang))


_LEVELS = {"national": "N", "regional": "R", "local": "L"}


def brokers_table(result: BrokersResult, lang: str = "en") -> Table:
    m = messages(lang)
    rows = tuple((b.id, b.type, b.level, decimal(b.betweenness, 3, lang),
                  decimal(b.degree_centrality, 3, lang),
                  b.degree, " ".join(_LEVELS.get(c, c) for c in b.connects))
                 for b in result.brokers)
    nodes = _shown(m, len(rows), result.total_rows, lambda n: m.tn("{n} node", "{n} nodes", n))
    edges = m.tn("{n} edge", "{n} edges", result.edges)
    return Table(
        title=(m.t("Brokers: {nodes}, {edges}", nodes=nodes, edges=edges)
               if result.total_rows == result.nodes else
               m.t("Brokers: {nodes} in scope; graph of {all_nodes}, {edges}", nodes=nodes,
                   all_nodes=m.tn("{n} node", "{n} nodes", result.nodes), edges=edges)),
        columns=(Column("id", max_width=32, ids=True), Column(m.t("type")),
                 Column(m.t("level")), Column(m.t("between"), "right"),
                 Column(m.t("degree"), "right"), Column(m.t("links"), "right"),
                 Column(m.t("connects"))),
        rows=rows, total_rows=result.total_rows or None, lang=lang,
        notes=_notes(result.as_of, result.filters.describe(),
                     m.t("between: betweenness centrality; degree: degree centrality; links: "
                         "neighbours"),
                     m.t("connects: levels of the neighbours (N national, R regional, L local)"),
                     _betweenness_method(result, m), lang=lang))


def _betweenness_method(result: BrokersResult, m: Messages) -> str:
    """How the betweenness was counted: every node, or a seeded sample with its bound."""
    if result.method == "sampled":
        return m.t("betweenness estimated from shortest paths from {sources} of {nodes} nodes "
                   "(seeded sample; each value within ±{bound} of the exact one at 95 %)",
                   sources=number(result.sources, m.lang), nodes=number(result.nodes, m.lang),
                   bound=decimal(result.error_bound, 4, m.lang))
    return m.t("betweenness exact: shortest paths from all {nodes} nodes",
               nodes=number(result.nodes, m.lang))
