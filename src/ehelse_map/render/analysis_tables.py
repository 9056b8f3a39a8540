"""Tables for the analyses, sized for an 80-column terminal.

Tables show ids (short), counts and right-aligned numbers; the full lists (shared members,
paths, funding lines) are in the JSON, which is rendered from the result itself. Notes under
each table state the as-of date, the filters and what rests on estimates. Given `names` with
the data set (`render.names`), the tables name records instead (the report does).
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from ehelse_map.render.names import IDS, Names
from ehelse_map.render.numbers import number, plural, span_parts, span_text
from ehelse_map.render.styled import Styled, styled
from ehelse_map.render.table import Column, Table

if TYPE_CHECKING:
    from ehelse_map.analyses.anchoring import AnchoringResult
    from ehelse_map.analyses.brokers import BrokersResult
    from ehelse_map.analyses.burden import BurdenResult, BurdenRow, SizeClassRow
    from ehelse_map.analyses.funding import FundingLine, FundingResult
    from ehelse_map.analyses.gaps import GapsResult
    from ehelse_map.analyses.overlap import OverlapResult
    from ehelse_map.analyses.span import Span

DOCS = "docs/analyses.md"


def when(as_of: date | None) -> str:
    """`as of 2025-06-01`, the first note under every table."""
    return f"as of {as_of.isoformat()}" if as_of else "all periods"


def _notes(as_of: date | None, filters: str, *more: str | Styled) -> tuple[str | Styled, ...]:
    head = when(as_of) + (f"; {filters}" if filters else "")
    return (head, *(m for m in more if m))


def _count(n: int, word: str) -> str:
    return f"{n:,} {word}" + ("" if n == 1 else "s")


def overlap_table(result: OverlapResult, lang: str = "en", *, wide: bool = False,
                  names: Names = IDS) -> Table:
    """Pairs with counts of what they share; `wide` adds the shared areas and roles by id
    (for CSV and Markdown, where width does not matter)."""
    rows = []
    for p in result.pairs:
        row: tuple[object, ...] = (
            names.record(p.a), names.record(p.b), f"{p.score:.2f}",
            p.relation + ("*" if p.inner and p.relation == "duplicate" else "")
            + (" inf" if p.inferred else ""),
            len(p.shared_areas), len(p.shared_roles), p.shared_organisations)
        if wide:
            row += (", ".join(names.area(a) for a in p.shared_areas),
                    ", ".join(names.role(r) for r in p.shared_roles))
        rows.append(row)
    columns: tuple[Column, ...] = (
        Column("network A", max_width=23, ids=True), Column("network B", max_width=23, ids=True),
        Column("score", "right", style="score"), Column("relation"), Column("areas", "right"),
        Column("roles", "right"), Column("orgs", "right"))
    if wide:
        columns += (Column("shared areas", ids=True), Column("shared roles", ids=True))
    skipped = (f"not compared: {_count(len(result.not_compared), 'network')} "
               f"({', '.join(sorted({n.reason for n in result.not_compared}))})"
               if result.not_compared else "")
    return Table(
        title=f"Overlapping networks: {_shown(len(result.pairs), result.total_pairs, 'pair')} "
              f"among {_count(result.networks, 'network')}",
        columns=columns,
        rows=tuple(rows), total_rows=result.total_pairs or None,
        notes=_notes(result.as_of, result.filters.describe(),
                     "score: weighted Jaccard over (area, person, organisation) combinations; "
                     "roles merged by " + ", ".join(result.assumptions) if result.persons else
                     "score: weighted Jaccard over (area, role, organisation) combinations",
                     "areas, roles, orgs: shared; with --persons, roles are those held by "
                     "the persons both networks ask for; the lists are in --format json"
                     if result.persons else
                     "areas, roles, orgs: shared" + (
                         "" if names.by_name else "; the lists are in --format json"),
                     "duplicate*: near-identical, and one lies inside the other"
                     if any("*" in str(r[3]) for r in rows) else "",
                     "inf: one of the pair rests partly on inferences"
                     + ("" if names.by_name else " (which: --format json)")
                     if any(p.inferred for p in result.pairs) else "",
                     skipped))


def overlap_groups_table(result: OverlapResult, lang: str = "en",
                         names: Names = IDS) -> Table:
    rows = tuple((f"G{i}", len(g.networks), names.records(g.networks), g.pairs,
                  f"{g.max_score:.2f}") for i, g in enumerate(result.groups, 1))
    return Table(
        title=f"Overlapping networks: {_count(len(result.groups), 'group')}",
        columns=(Column("group"), Column("size", "right"),
                 Column("networks", max_width=52, ids=True),
                 Column("pairs", "right"), Column("max", "right")),
        rows=rows,
        notes=_notes(result.as_of, result.filters.describe(),
                     f"a group joins networks linked by pairs scoring >= "
                     f"{result.group_threshold:.2f}"))


_BURDEN_COLUMNS = {
    "municipality": ("organisation", "nets", "mtgs", "hours", "pers", "max h", "load",
                     "areas", "fund", "rep", "est"),
    "person": ("org", "roles", "nets", "mtgs", "hours", "load", "areas", "fund", "rep", "est"),
    "role": ("role", "orgs", "nets", "mtgs", "hours", "max h", "load", "over", "est"),
    "region": ("region", "orgs", "nets", "hours", "max h", "load", "over", "est"),
}
_TEXT_COLUMNS = {"organisation": 18, "org": 14, "roles": 24, "role": 28, "region": 18}


def burden_table(result: BurdenResult, lang: str = "en", names: Names = IDS) -> Table:
    """The rows of the result's view; `by="size-class"` gives `size_class_table`."""
    if result.by == "size-class":
        return size_class_table(result, lang)
    headers = _BURDEN_COLUMNS[result.by]
    rows = []
    loads: dict[Span, Styled] = {}  # few distinct loads among many rows: one cell each
    for r in result.rows:
        if r.load is not None and r.load not in loads:
            loads[r.load] = Styled(span_parts(r.load, percent=True))
        cell = {
            "organisation": names.record(r.key),
            "org": names.record(r.organisation) if r.organisation else "",
            "roles": short_roles(r.roles, names), "role": names.role(r.key),
            "region": names.record(r.key), "nets": r.networks,
            "mtgs": r.meetings_per_year, "hours": r.hours_per_year,
            "pers": r.persons, "max h": r.max_person_hours,
            "load": "" if r.load is None else loads[r.load],
            "areas": r.areas, "fund": r.funding_lines, "rep": r.reporting_lines,
            "orgs": r.organisations, "over": r.over_capacity,
            "est": marks(r),
        }
        rows.append(tuple(cell[n] for n in headers))
    columns = tuple(Column(n, max_width=_TEXT_COLUMNS[n], ids=True) if n in _TEXT_COLUMNS
                    else Column(n, style="marks") if n == "est" else Column(n, "right")
                    for n in headers)
    aggregated = any(r.organisations > 1 and r.organisation for r in result.rows)
    return Table(
        title=f"Coordination burden by {result.by}: "
              + _shown(len(result.rows), result.total_rows, "row"),
        columns=columns, rows=tuple(rows), notes=_burden_notes(result, aggregated),
        total_rows=result.total_rows or None)


def marks(row: BurdenRow) -> str:
    """`est`: rests on estimates; `obs`: on the organisations' own survey answers; `srv`: on
    the survey rule's aggregate of others' answers; `inf`: on inferred records; `shr`:
    expected shares."""
    return " ".join(mark for mark, on in (("est", row.estimated), ("obs", row.observed),
                                          ("srv", bool(row.surveyed)),
                                          ("inf", bool(row.inferred)),
                                          ("shr", bool(row.shared))) if on)


def _shown(shown: int, total: int, word: str) -> str:
    """`9 pairs`, or `showing 2 of 9 pairs` when a limit cut the list."""
    if total and shown < total:
        return f"showing {shown:,} of {_count(total, word)}"
    return _count(shown, word)


def size_class_table(result: BurdenResult, lang: str = "en") -> Table:
    from ehelse_map.analyses.burden import UNKNOWN_SIZE

    rows = tuple((s.size_class, s.municipalities, s.reached, f"{s.networks_mean:.1f}",
                  s.hours_mean, s.person_hours_mean, s.max_person_hours,
                  s.persons_over_capacity,
                  " ".join(m for m, on in (("est", s.estimated), ("obs", bool(s.observed))) if on))
                 for s in result.size_classes)
    return Table(
        title="Coordination burden by municipality size (inhabitants)",
        columns=(Column("size"), Column("munic.", "right"), Column("reached", "right"),
                 Column("networks", "right"), Column("hours", "right"),
                 Column("person h", "right"), Column("max h", "right"),
                 Column("over", "right"), Column("est", style="marks")),
        rows=rows,
        notes=(*_burden_notes(result, False),
               "networks, hours: means per municipality; person h: mean of each one's most "
               "loaded person",
               "obs: observed (survey answers) in " + ", ".join(
                   f"{s.observed} of {s.reached} reached ({s.size_class})"
                   for s in result.size_classes if s.observed)
               if any(s.observed for s in result.size_classes) else "",
               *(_unknown_size_note(s) for s in result.size_classes
                 if s.size_class == UNKNOWN_SIZE)))


def _unknown_size_note(row: SizeClassRow) -> str:
    """Why a class is unknown: no population in the data, often records for many."""
    many = (f"; {row.aggregate_records:,} records each stand for many"
            if row.aggregate_records else "")
    return (f"unknown: {plural(row.municipalities, 'municipality', 'municipalities')} with no "
            "population in the data "
            f"({', '.join(row.countries)}{many})")


def short_roles(roles: tuple[str, ...], names: Names = IDS) -> str:
    """`helseleiar +3`: the first role a person holds and how many more."""
    return names.role(roles[0]) + (f" +{len(roles) - 1}" if len(roles) > 1 else "") \
        if roles else ""


def _burden_notes(result: BurdenResult, aggregated: bool) -> tuple[str | Styled, ...]:
    cap = result.capacity_hours_per_year
    legend = {
        "municipality": "nets: networks; mtgs, hours: per year; pers: persons; "
                        "max h: most loaded person",
        "person": "roles: +N more roles the same person holds (staffing assumption)\n"
                  "nets: networks; mtgs, hours: per year",
        "role": "orgs: organisations; hours: per year, all of them; max h: most loaded "
                "holder",
        "region": "orgs: organisations; hours: per year, all of them; max h: most loaded "
                  "person",
    }.get(result.by, "")
    return _notes(
        result.as_of, result.filters.describe(), *legend.split("\n"),
        "fund, rep: distinct funding and reporting lines" if result.by in (
            "municipality", "person") else "",
        f"load: hours against a capacity of {span_text(cap)} h/yr per person" if cap
        else "load: no capacity set in the staffing assumption",
        styled(("est", "estimated"), ": rests on estimates; figures read value (low–high) "
               "over the assumptions' ranges") if any(r.estimated for r in result.rows) or any(
            s.estimated for s in result.size_classes) else "",
        *_observed_notes(result),
        styled(("inf", "inferred"), ": rests on records partly inferred")
        if any(r.inferred for r in result.rows) else "",
        styled(("shr", "shared"), ": time shared by seats or partial participation, counted "
               "as expected shares (low: none of it)") if any(r.shared for r in result.rows)
        else "",
        UNKNOWN_KEY if any(r.hours_per_year.unknown for r in result.rows) else "",
        f"hours known for {result.hours_known_networks:,} of "
        f"{_count(result.networks_in_scope, 'network')}"
        if result.hours_known_networks < result.networks_in_scope else "",
        _network_posts(result),
        "an aggregate actor's row gives the values of one of its organisations"
        if aggregated else "",
        f"assumptions: {', '.join(result.assumptions)}" if result.assumptions else "",
        f"taken from the evaluation's findings {', '.join(result.from_findings)}: these "
        "figures follow from them and cannot confirm them" if result.from_findings else "")


#: Most network posts a burden table's note names; the rest are counted (all are in the JSON).
NOTE_POSTS = 8


def _network_posts(result: BurdenResult) -> str:
    """The posts the networks hold themselves: each of them, or at national scale (hundreds)
    how many, the first `NOTE_POSTS` and where the rest are, so the note stays a note."""
    posts = sorted({f"{p.network}/{p.role}" for p in result.network_posts})
    head = "posts the networks hold themselves (no time asked of members): "
    if len(posts) <= NOTE_POSTS:
        return head + ", ".join(posts) if posts else ""
    return (f"{head}{len(posts):,}, the first {NOTE_POSTS}: {', '.join(posts[:NOTE_POSTS])}; "
            "all of them in --format json")


def _observed_notes(result: BurdenResult) -> tuple[str, ...]:
    """How much of the figures the survey answers give: every burden table says it once any
    answer is in force, so an estimate is never read as evidence nor the other way round."""
    if not result.observed_organisations and not result.surveyed_networks:
        return ()
    what = "municipalities" if result.reached_are_municipalities else "organisations"
    fully = (f" (all their hours in {result.fully_observed_organisations})"
             if result.fully_observed_organisations else "")
    notes = [f"hours observed (survey answers) in {result.observed_organisations} of "
             f"{result.reached_organisations} {what}{fully}",
             "obs: the organisation's own answers replace the estimates (basis observed; "
             "\"takes part: no\" takes that network's time off)"]
    if result.surveyed_networks:
        notes.append(f"srv: survey rule {result.survey_rule}: for members that did not answer, "
                     "the median of the others' answers (range lowest–highest) for "
                     + _count(len(result.surveyed_networks), "network"))
    return tuple(notes)


#: The key to unknowns, which a colour terminal shows apart from zeros.
UNKNOWN_KEY = styled(("–", "unknown"), ": unknown (no cadence or no target role in the data); ",
                     ("+?", "unknown"), ": more not known")


def funding_line_text(line: FundingLine, names: Names = IDS) -> str:
    """`ks/DT-0706 (g-2021-1, 2021–2023, 3,250,000 NOK)`."""
    detail = [part for part in (line.grant, line.period, line.status if line.status not in (
        None, "granted", "paid") else "",
        f"{number(line.amount)} {line.currency}" if line.amount is not None else "") if part]
    return (names.record(line.source) + (f"/{line.scheme}" if line.scheme else "")
            + (f" ({', '.join(detail)})" if detail else ""))


_NOT_DOCUMENTED = styled(("not documented", "unknown"))


def funding_table(result: FundingResult, lang: str = "en", names: Names = IDS) -> Table:
    rows = tuple((names.record(n.network), "–" if n.funders is None else n.funders,
                  _NOT_DOCUMENTED if not n.documented else
                  "; ".join(funding_line_text(f, names) for f in n.lines) or "none",
                  ", ".join(names.line(r) for r in n.reporting_lines))
                 for n in result.networks)
    documented = result.total_networks - len(result.undocumented)
    return Table(
        title="Funding and reporting lines: "
              + _shown(len(result.networks), result.total_networks, "network"),
        columns=(Column("network", max_width=30, ids=True), Column("funders", "right"),
                 Column("funding (source/scheme)", max_width=24, ids=True),
                 Column("reports to", max_width=16, ids=True)),
        rows=rows, total_rows=result.total_networks or None,
        notes=_notes(result.as_of, result.filters.describe(),
                     f"funding documented for {documented:,} of "
                     f"{_count(result.total_networks, 'network')}; more than one funder: "
                     f"{len(result.multi_funded):,}; documented as unfunded now: "
                     f"{len(result.unfunded):,}",
                     "each grant is a funding line and a reporting line of its own; only "
                     "entries whose period covers the date count"))


def funding_organisations_table(result: FundingResult, lang: str = "en",
                                names: Names = IDS) -> Table:
    rows = tuple((names.record(o.organisation), o.networks, o.funders,
                  f"{o.funding_lines}+?" if o.unknown_networks else o.funding_lines,
                  f"{o.reporting_lines}+?" if o.unknown_networks else o.reporting_lines)
                 for o in result.organisations)
    return Table(
        title="Funding and reporting lines per organisation: "
              + _shown(len(result.organisations), result.total_organisations, "organisation"),
        columns=(Column("organisation", max_width=24, ids=True), Column("networks", "right"),
                 Column("funders", "right"), Column("funding lines", "right"),
                 Column("reporting lines", "right")),
        rows=rows, total_rows=result.total_organisations or None,
        notes=_notes(result.as_of, result.filters.describe(),
                     "funding line: a (source, scheme, grant) active on the date",
                     "reporting line: a body reported to, directly or through funding",
                     styled(("+?", "unknown"), ": some networks reaching it have no "
                            "documented funding")
                     if any(o.unknown_networks for o in result.organisations) else ""))


_ANCHOR_HEADERS = {"health-leader": "leader", "chief-executive": "exec.", "elected": "elected"}


def anchoring_table(result: AnchoringResult, lang: str = "en", names: Names = IDS) -> Table:
    rows = []
    for n in result.networks:
        via = sorted({a.body for a in n.anchors if a.how == "path" and a.body})
        rows.append((names.record(n.network),
                     *({"direct": "direct", "path": "path"}.get(a.how, "–") for a in n.anchors),
                     names.records(via)))
    return Table(
        title=("Anchoring: " if len(result.networks) < result.total_networks else "Anchoring of ")
              + _shown(len(result.networks), result.total_networks, "network"),
        columns=(Column("network", max_width=32, ids=True),
                 *(Column(h, style="anchor") for h in _ANCHOR_HEADERS.values()),
                 Column("via", max_width=25, ids=True)),
        rows=tuple(rows), total_rows=result.total_networks or None,
        notes=_notes(result.as_of, result.filters.describe(),
                     "leader: head of health and care; exec.: chief executive; elected: "
                     "politicians",
                     "path: reports to, is steered by or is part of a body (via) that "
                     "targets them",
                     f"reach none: {len(result.unanchored):,}" + (
                         "" if names.by_name else "; the paths are in --format json")))


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
    return Table(
        title="Networks per area and region",
        columns=(Column("region", max_width=24) if by_region
                 else Column("area", max_width=24, ids=True), *matrix),
        rows=tuple(rows),
        notes=_notes(result.as_of, result.filters.describe(),
                     styled("uncovered (", ("0", "uncovered"),
                            f"): {_count(len(result.uncovered), 'cell')}; crowded "
                            f"(>= {result.crowded_at}, marked ", ("!", "crowded"),
                            f"): {len(result.crowded):,}"),
                     styled(("·", "unused"), " the area is not used in that country") if any(
                         "·" in r[1:] for r in rows) else "",
                     f"not placed (only a count of organisations): {names.records(result.unplaced)}"
                     if result.unplaced else ""))


_LEVELS = {"national": "N", "regional": "R", "local": "L"}


def brokers_table(result: BrokersResult, lang: str = "en") -> Table:
    rows = tuple((b.id, b.type, b.level, f"{b.betweenness:.3f}", f"{b.degree_centrality:.3f}",
                  b.degree, " ".join(_LEVELS.get(c, c) for c in b.connects))
                 for b in result.brokers)
    return Table(
        title="Brokers: " + (
            f"{_shown(len(rows), result.total_rows, 'node')}, {_count(result.edges, 'edge')}"
            if result.total_rows == result.nodes else
            f"{_shown(len(rows), result.total_rows, 'node')} in scope; graph of "
            f"{_count(result.nodes, 'node')}, {_count(result.edges, 'edge')}"),
        columns=(Column("id", max_width=32, ids=True), Column("type"), Column("level"),
                 Column("between", "right"), Column("degree", "right"),
                 Column("links", "right"), Column("connects")),
        rows=rows, total_rows=result.total_rows or None,
        notes=_notes(result.as_of, result.filters.describe(),
                     "between: betweenness centrality; degree: degree centrality; links: "
                     "neighbours",
                     "connects: levels of the neighbours (N national, R regional, L local)",
                     _betweenness_method(result)))


def _betweenness_method(result: BrokersResult) -> str:
    """How the betweenness was counted: every node, or a seeded sample with its bound."""
    if result.method == "sampled":
        return (f"betweenness estimated from shortest paths from {result.sources:,} of "
                f"{result.nodes:,} nodes (seeded sample; each value within "
                f"±{result.error_bound:.4f} of the exact one at 95 %)")
    return f"betweenness exact: shortest paths from all {result.nodes:,} nodes"
