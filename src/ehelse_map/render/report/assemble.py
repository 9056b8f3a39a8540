"""The evaluator's report: findings F1–F6 of the 2023 evaluation (seed 004) answered from the
data, the analysis tables, the diagrams, the assumptions behind every estimate and the sources.

`build_report` computes everything into a `Report`; `html.py`, `markdown.py` and `docx.py`
only lay it out. Diagrams are rendered here (SVG for HTML and Markdown, PNG at print
resolution for Word) so every layout shows the same pictures. Tables name records by their
short names (`render.names`); a long table shows its first rows in its section and all of them
in the appendix, where the section links to it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, TypedDict

from ehelse_map.analyses.span import Span
from ehelse_map.model.records import Actor, Area, Assumption, Dataset, Network, Role, Source
from ehelse_map.render.names import Names
from ehelse_map.render.numbers import plural, span_text
from ehelse_map.render.table import Table, with_short_headers

if TYPE_CHECKING:
    from ehelse_map.analyses.burden import BurdenResult
    from ehelse_map.analyses.findings import Findings
    from ehelse_map.analyses.overlap import OverlapResult

#: (diagram kind, section it belongs to, caption)
DIAGRAMS = (
    ("landscape", "overview", "How e-health is organised between state, regions, networks and "
                              "municipalities."),
    ("overlap", "overlap", "Networks that ask the same roles in the same organisations for the "
                           "same mandate areas."),
    ("upset", "overlap", "Which networks target the same roles in the same organisations."),
    ("burden", "burden", "Coordination hours a year asked of the most loaded person in each "
                         "municipality."),
)
#: What each picture shows, in words, for readers who cannot see it (the SVG's <desc>).
DESCRIPTIONS = {
    "landscape": "A bubble picture in three tiers: state and national bodies at the top, "
                 "regional bodies in the middle, municipalities packed by county at the bottom. "
                 "Organisations are filled discs coloured by kind; networks, programmes and "
                 "councils are rings in the tier of their level, sized by the organisations "
                 "they reach, with lines to the organisations and municipality groups they "
                 "reach. The tables of this report list the same networks and organisations.",
    "overlap": "Networks drawn as rings sized by the organisations they reach, joined by lines "
               "as thick as their overlap score; networks that overlap lie close together and "
               "the strongest overlaps are labelled. The table 'Overlapping networks' gives "
               "every pair with its score.",
    "upset": "An UpSet matrix: each column is a set of networks that target the same role in "
             "the same organisations, its bar the number of such organisation and role pairs; "
             "dots mark the networks in the set, and bars at the left each network's total.",
    "burden": "Municipalities as bubbles, area proportional to population, packed by county "
              "and coloured by the meeting hours a year asked of each one's most loaded person "
              "against the capacity of one person; the most burdened are named with their "
              "load. The tables 'Coordination burden' give the figures.",
}
TOP_ROWS = 15
#: Resolution of the pictures in a Word report: print quality.
PRINT_DPI = 300


@dataclass(frozen=True)
class Finding:
    code: str
    """F1 … F6."""
    title: str
    """The evaluation's finding, in short."""
    text: str
    """What the data shows, with numbers."""
    section: str
    """Id of the section with the detail."""
    estimated: bool = False
    circular: tuple[str, ...] = ()
    """Assumptions taken from this very finding that the answer rests on: it cannot confirm
    the finding."""


@dataclass(frozen=True)
class Diagram:
    kind: str
    caption: str
    image: bytes
    """SVG (HTML, Markdown) or PNG (Word), as `fmt` says."""
    fmt: str = "svg"
    description: str = ""
    """What the picture shows, in words (accessibility)."""

    @property
    def svg(self) -> bytes:
        return self.image


@dataclass(frozen=True)
class ReportTable:
    """A table in a section. A long one shows its first rows; `complete` is then the id of
    the appendix entry holding every row."""

    table: Table
    id: str
    complete: str | None = None
    total_rows: int = 0


@dataclass(frozen=True)
class Appendix:
    """A complete table, of which the section shows the first rows."""

    id: str
    label: str
    """`A1`, `A2`, ...: what the section's reference calls it."""
    section: str
    """Id of the section the table belongs to."""
    table: Table


@dataclass(frozen=True)
class Section:
    id: str
    title: str
    intro: tuple[str, ...]
    tables: tuple[ReportTable, ...]
    diagrams: tuple[Diagram, ...] = ()


@dataclass(frozen=True)
class CitedSource:
    source: Source
    cited_by: int
    """Records in the data citing it."""


@dataclass(frozen=True)
class EstimateNote:
    assumption: str
    text: str
    used_by: tuple[str, ...]
    """Networks whose cadences, or figures, rest on it."""
    used_by_names: tuple[str, ...] = ()
    """Their short names, in the same order."""


@dataclass(frozen=True)
class Report:
    title: str
    as_of: date
    scope: str
    lang: str
    facts: tuple[tuple[str, str], ...]
    """(label, value) pairs for the overview."""
    findings: tuple[Finding, ...]
    sections: tuple[Section, ...]
    estimates: tuple[EstimateNote, ...]
    sources: tuple[CitedSource, ...]
    appendix: tuple[Appendix, ...] = ()
    summary: str = "Summary: the evaluation's findings, answered from the data"
    """The heading of the findings."""
    subject: str = ""
    """What the report is about, in a line under the title (the scope, or an organisation)."""


class _Analysed(TypedDict, total=False):
    """Results already computed for a diagram kind: keyword arguments of its `build`."""

    overlap: OverlapResult
    burden: BurdenResult


class Appendices:
    """Cuts long tables for their section and keeps each complete one for the appendix."""

    def __init__(self) -> None:
        self.entries: list[Appendix] = []

    def top(self, table: Table, key: str, section: str, n: int = TOP_ROWS) -> ReportTable:
        """The table with its first `n` rows, the whole of it in the appendix; tables of up
        to twice `n` rows are shown whole (cutting 18 rows to 15 helps nobody)."""
        if len(table.rows) <= 2 * n:
            return ReportTable(table, key)
        entry = Appendix(f"appendix-{key}", f"A{len(self.entries) + 1}", section, table)
        self.entries.append(entry)
        cut = Table(f"{table.title} (first {n})", table.columns, table.rows[:n], table.notes)
        return ReportTable(cut, key, entry.id, len(table.rows))


#: Characters of table text across an A4 page's text block: where the gaps matrix's column
#: headers are abbreviated (with their key), as a terminal of that width would.
PAGE_CHARACTERS = 80
#: The page a report's picture is laid out for: the 160-mm text width of an A4 page with
#: 25-mm margins, and its height less room for the caption beneath (Word keeps them together).
PICTURE_PAGE = "160x237mm"


def build_report(dataset: Dataset, as_of: date, *, country: str | None = None,
                 region: str | None = None, lang: str = "en", title: str | None = None,
                 diagrams: bool = True, source_name: str = "ehelse-map data set",
                 min_score: float | None = None, picture_format: str = "svg",
                 dpi: int = PRINT_DPI, stage: Callable[[str], None] | None = None) -> Report:
    """Everything the report shows, for networks active on `as_of` in the country/region.

    `picture_format` is `svg` (HTML, Markdown) or `png` at `dpi` (Word). `stage` is told when
    the analyses start and before each picture is drawn (the CLI's progress display)."""
    from ehelse_map.analyses.anchoring import anchoring
    from ehelse_map.analyses.burden import burden_views
    from ehelse_map.analyses.figures import networks_reaching
    from ehelse_map.analyses.findings import findings
    from ehelse_map.analyses.funding import funding
    from ehelse_map.analyses.gaps import gaps
    from ehelse_map.analyses.overlap import overlap
    from ehelse_map.analyses.scenarios.recommend import DEFAULT_MIN_SCORE, recommend
    from ehelse_map.model.scope import Filters
    from ehelse_map.render import analysis_tables as tables
    from ehelse_map.render.report import findings_text
    from ehelse_map.render.scenario_view import recommend_table

    if stage is not None:
        stage("analyse")
    found = overlap(dataset, as_of, country=country, region=region)
    orgs, people = burden_views(dataset, as_of, ("municipality", "person"), country=country,
                                region=region)
    money = funding(dataset, as_of, country=country, region=region)
    anchors = anchoring(dataset, as_of, country=country, region=region)
    cells = gaps(dataset, as_of, country=country, region=region)
    merges = recommend(dataset, as_of, country=country, region=region, top=5,
                       min_score=DEFAULT_MIN_SCORE if min_score is None else min_score)
    network_ids = networks_reaching(dataset, as_of, Filters(country=country, region=region))
    networks = [dataset.networks[i] for i in network_ids]
    answered = findings(dataset, as_of, networks=network_ids, overlap=found, orgs=orgs,
                        people=people, money=money, anchors=anchors, merges=merges,
                        country=country, region=region)

    names = Names(dataset, lang)
    cut = Appendices()

    def whole(table: Table, key: str) -> ReportTable:
        return ReportTable(table, key)

    analysed: dict[str, _Analysed] = {"overlap": {"overlap": found}, "burden": {"burden": orgs}}
    drawn = (pictures(dataset, as_of, country, region, lang, source_name, analysed,
                      picture_format, dpi, stage=stage) if diagrams else {})
    sections: tuple[Section, ...] = (
        Section("overview", "The landscape", (
            f"{plural(len(networks), 'network')}, programmes, forums and councils are active on "
            f"{as_of.isoformat()} in the scope of this report.",), (),
            drawn.get("overview", ())),
        Section("overlap", "Overlapping mandates (F1, F3)", (
            "Pairs of networks that reach the same role in the same organisation for the same "
            "mandate area, scored by a weighted Jaccard index (1: identical reach).",),
            (cut.top(tables.overlap_table(found, lang, names=names), "overlap-pairs",
                     "overlap"),
             whole(tables.overlap_groups_table(found, lang, names), "overlap-groups")),
            drawn.get("overlap", ())),
        Section("burden", "Coordination burden (F1)", (
            "Meeting hours a year that networks ask of each municipality and of the most loaded "
            "person in it, against the coordination capacity of one person.",),
            (cut.top(tables.burden_table(orgs, lang, names), "burden-municipality", "burden"),
             cut.top(tables.burden_table(people, lang, names), "burden-person", "burden"),
             whole(tables.size_class_table(orgs, lang), "burden-size")),
            drawn.get("burden", ())),
        Section("funding", "Funding and reporting lines (F2)", (
            "Each funding source brings its own reporting line; an organisation answers to "
            "every line of every network that reaches it.",),
            (cut.top(tables.funding_table(money, lang, names), "funding-networks", "funding"),
             cut.top(tables.funding_organisations_table(money, lang, names),
                     "funding-organisations", "funding"))),
        Section("anchoring", "Anchoring with leaders (F5)", (
            "Whether a network reaches heads of health and care, chief executives and elected "
            "officials, directly or through a body it reports to or is steered by.",),
            (cut.top(tables.anchoring_table(anchors, lang, names), "anchoring", "anchoring",
                     40),)),
        Section("gaps", "Coverage by mandate area and region (F6)", (
            "Active networks per mandate area and region: 0 is a gap, ! is crowded.",),
            (whole(with_short_headers(tables.gaps_table(cells, lang, names), PAGE_CHARACTERS),
                   "gaps"),)),
        Section("consolidation", "Consolidation candidates (F4)", (
            "Merges of overlapping networks, ranked by the meeting hours a year they would take "
            "off municipalities. A computation on the data, not advice.",),
                (whole(recommend_table(merges, names), "consolidation"),)),
        Section("basis", "What these answers rest on", (
            "For each finding: the networks whose documented values it counts, the estimates "
            "(assumptions) and inferences it rests on, and the assumptions that were taken "
            "from the evaluation's findings themselves. An answer that rests on an assumption "
            "taken from the same finding follows from that assumption: it cannot confirm the "
            "finding.",),
            (whole(_basis_table(answered, names), "basis"),
             whole(_sizes_table(answered), "sizes"))),
    )
    answers = findings_text.texts(dataset, answered, lang)
    findings_made = tuple(
        Finding(code, findings_text.TITLES[code], answers[code], findings_text.SECTIONS[code],
                bool(getattr(answered, code.lower()).evidence.estimated),
                answered.circular(code))
        for code in ("F1", "F2", "F3", "F4", "F5", "F6"))
    from ehelse_map.render.report.survey import survey_section

    survey = survey_section(dataset, as_of, country=country, region=region, lang=lang)
    if survey is not None:
        sections = (*sections, Section(
            survey.id, survey.title, survey.intro,
            tuple(ReportTable(t, f"{survey.id}-{i}") for i, t in enumerate(survey.tables, 1))))
    scope = _scope(dataset, country, region)
    return Report(
        title=title or "E-health coordination: actors, overlap and burden",
        as_of=as_of, scope=scope, lang=lang,
        facts=_facts(dataset, networks, orgs), findings=findings_made, sections=sections,
        estimates=estimates(dataset, networks, orgs.assumptions), sources=cited(dataset),
        appendix=tuple(cut.entries),
        subject=f"Situation as of {as_of.isoformat()}; scope: {scope}." + assumed(dataset))


def _scope(dataset: Dataset, country: str | None, region: str | None) -> str:
    parts = []
    if country:
        parts.append(f"country {country}")
    if region:
        actor = dataset.actors.get(region)
        parts.append(f"region {actor.name if actor else region}")
    return ", ".join(parts) or "all countries in the data"


def _facts(dataset: Dataset, networks: list[Network], orgs: BurdenResult
           ) -> tuple[tuple[str, str], ...]:
    municipalities = sum(a.count for a in dataset.actors.values() if a.kind == "municipality")
    reached = sum(r.organisations for r in orgs.rows if r.organisation
                  and dataset.actors[r.organisation].kind == "municipality")
    return (("active networks", str(len(networks))),
            ("actors in the data", str(len(dataset.actors))),
            ("municipalities in the data", f"{municipalities:,}"),
            ("municipalities reached", f"{reached:,}"),
            ("sources cited", str(len(dataset.sources))))


def _hours(value: Span | float) -> str:
    if isinstance(value, Span):
        return span_text(value)
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def _few(items: tuple[str, ...], what: str, limit: int = 3) -> str:
    """`a, b` or `5 areas`, so a finding stays a sentence."""
    return ", ".join(items) if len(items) <= limit else f"{len(items)} {what}"


def _basis_table(answered: Findings, names: Names) -> Table:
    from ehelse_map.render.report.findings_text import evidence_lines
    from ehelse_map.render.table import Column

    rows = []
    for code in ("F1", "F2", "F3", "F4", "F5", "F6"):
        evidence = getattr(answered, code.lower()).evidence
        circular = answered.circular(code)
        rows.append((code, "; ".join(evidence_lines(evidence, names)),
                     "follows from " + ", ".join(circular) + "; cannot confirm " + code
                     if circular else "no"))
    return Table("What each answer rests on",
                 (Column("finding"), Column("rests on", max_width=52),
                  Column("circular", max_width=24)), tuple(rows),
                 ("documented: networks whose values a source gives; estimated: assumptions "
                  "behind estimated figures; inferred: records partly inferred",))


def _sizes_table(answered: Findings) -> Table:
    from ehelse_map.render.report.findings_text import f1_sizes
    from ehelse_map.render.table import Column

    staffing = answered.f1.staffing or "none"
    return Table(
        "F1 by municipality size, with and without the staffing assumption",
        (Column("size"), Column(f"with {staffing}", "right"),
         Column("every role its own person", "right")),
        tuple(f1_sizes(answered.f1)),
        ("mean hours a year of each municipality's most loaded person",
         "the difference between the columns is what the staffing assumption adds"))


def assumed(dataset: Dataset) -> str:
    """The sentence naming the assumption values changed for this run (`--assume`), which
    the report states under its title; empty when the data's own values hold."""
    if not dataset.overrides:
        return ""
    return (" Assumed for this report, not the data's values (--assume): "
            + "; ".join(dataset.overrides) + ".")


def estimates(dataset: Dataset, networks: list[Network], used: tuple[str, ...]
              ) -> tuple[EstimateNote, ...]:
    """Every assumption the figures rest on, with the networks whose cadences use it."""
    users: dict[str, set[str]] = {}
    for network in networks:
        for target in network.targets:
            if target.estimate:
                users.setdefault(target.estimate, set()).add(network.id)
    for ident in used:
        users.setdefault(ident, set())
    if dataset.staffing is not None:
        users.setdefault(dataset.staffing.assumption, set())
    notes = []
    for ident in sorted(users):
        assumption = dataset.assumptions.get(ident)
        ids = tuple(sorted(users[ident]))
        names = Names(dataset)
        notes.append(EstimateNote(ident, assumption.text if assumption else "", ids,
                                  tuple(names.record(i) for i in ids)))
    return tuple(notes)


def cited(dataset: Dataset, only: tuple[str, ...] | None = None) -> tuple[CitedSource, ...]:
    """The sources (all, or those in `only`), with how many records cite each."""
    counts: Counter[str] = Counter()
    records: list[Actor | Network | Area | Role | Assumption] = [
        *dataset.actors.values(), *dataset.networks.values(), *dataset.areas.values(),
        *dataset.roles.values(), *dataset.assumptions.values()]
    for record in records:
        counts.update(set(record.sources))
    return tuple(CitedSource(s, counts[s.id])
                 for s in sorted(dataset.sources.values(), key=lambda s: s.id)
                 if only is None or s.id in only)


def pictures(dataset: Dataset, as_of: date, country: str | None, region: str | None,
             lang: str, source_name: str, analysed: dict[str, _Analysed],
             picture_format: str = "svg", dpi: int = PRINT_DPI,
             wanted: tuple[tuple[str, str, str], ...] = DIAGRAMS,
             highlight: str | None = None,
             stage: Callable[[str], None] | None = None) -> dict[str, tuple[Diagram, ...]]:
    """The pictures (SVG, or PNG at `dpi`), each laid out for the report's page
    (`PICTURE_PAGE`: an A4 text block less room for the caption, no text under 7 points
    printed). `analysed` gives each kind the results
    the report has already computed for the same filters (kind -> keyword arguments of its
    `build`); `stage` is told before each picture is drawn."""
    from ehelse_map.render.diagrams import KINDS, DiagramOptions, parse_size, render

    options = DiagramOptions(as_of=as_of, lang=lang if lang in ("nb", "nn", "en") else "en",
                             country=country, region=region, source=source_name,
                             highlight=highlight, size=parse_size(PICTURE_PAGE))
    found: dict[str, list[Diagram]] = {}
    for kind, section, caption in wanted:
        if kind not in KINDS:
            continue
        if stage is not None:
            stage(f"draw {kind}")
        image = render(kind, dataset, options, picture_format, dpi, **analysed.get(kind, {}))
        found.setdefault(section, []).append(
            Diagram(kind, caption, image, picture_format, DESCRIPTIONS.get(kind, "")))
    return {k: tuple(v) for k, v in found.items()}

