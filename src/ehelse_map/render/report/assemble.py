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

from ehelse_map.model.records import Actor, Area, Assumption, Dataset, Network, Role, Source
from ehelse_map.render.i18n import N_, Messages, messages
from ehelse_map.render.names import Names
from ehelse_map.render.numbers import number
from ehelse_map.render.table import Table, with_short_headers

if TYPE_CHECKING:
    from ehelse_map.analyses.burden import BurdenResult
    from ehelse_map.analyses.findings import Findings
    from ehelse_map.analyses.overlap import OverlapResult
    from ehelse_map.analyses.profile import ProfileResult

#: (diagram kind, section it belongs to, caption); captions are translated where drawn.
DIAGRAMS = (
    ("landscape", "overview", N_("How e-health is organised between state, regions, networks "
                                 "and municipalities.")),
    ("overlap", "overlap", N_("Networks that ask the same roles in the same organisations for "
                              "the same mandate areas.")),
    ("upset", "overlap", N_("Which networks target the same roles in the same organisations.")),
    ("burden", "burden", N_("Coordination hours a year asked of the most loaded person in each "
                            "municipality.")),
)
#: What each picture shows, in words, for readers who cannot see it (the SVG's <desc>).
DESCRIPTIONS = {
    "landscape": N_("A bubble picture in three tiers: state and national bodies at the top, "
                 "regional bodies in the middle, municipalities packed by county at the bottom. "
                 "Organisations are filled discs coloured by kind; networks, programmes and "
                 "councils are rings in the tier of their level, sized by the organisations "
                 "they reach, with lines to the organisations and municipality groups they "
                 "reach. The tables of this report list the same networks and organisations."),
    "overlap": N_("Networks drawn as rings sized by the organisations they reach, joined by lines "
               "as thick as their overlap score; networks that overlap lie close together and "
               "the strongest overlaps are labelled. The table 'Overlapping networks' gives "
               "every pair with its score."),
    "upset": N_("An UpSet matrix: each column is a set of networks that target the same role in "
             "the same organisations, its bar the number of such organisation and role pairs; "
             "dots mark the networks in the set, and bars at the left each network's total."),
    "profile": N_("One organisation as a dark disc at the centre, and around it every network "
                  "that reaches it, as bubbles coloured by the network's level, their area the "
                  "hours a year each asks of the organisation, a thin ring at the high end of "
                  "the range; dashed rings marked with a question mark are networks whose hours "
                  "are unknown. Lines join networks that overlap there. The tables of this "
                  "report give the same networks, meeting series and persons."),
    "burden": N_("Municipalities as bubbles, area proportional to population, packed by county "
              "and coloured by the meeting hours a year asked of each one's most loaded person "
              "against the capacity of one person; the most burdened are named with their "
              "load. The tables 'Coordination burden' give the figures."),
}
#: The banner over every report's findings: `{est}` is the mark, `{link}` the estimates' heading.
BANNER = N_("Meeting cadences that the sources do not publish are estimated, and so is the "
            "staffing of municipalities (which roles one person holds). Every figure that rests "
            "on an estimate is marked {est} or *; the assumptions are listed under {link}.")
ESTIMATES_INTRO = N_("These figures rest on assumptions rather than published numbers: every "
                     "hour figure uses the meeting cadences below where a network's cadence is "
                     "estimated, and the staffing assumption decides which roles one person "
                     "holds.")
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
    summary: str = N_("Summary: the evaluation's findings, answered from the data")
    """The heading of the findings."""
    subject: str = ""
    """What the report is about, in a line under the title (the scope, or an organisation)."""


class _Analysed(TypedDict, total=False):
    """Results already computed for a diagram kind: keyword arguments of its `build`."""

    overlap: OverlapResult
    burden: BurdenResult
    profile: ProfileResult


class Appendices:
    """Cuts long tables for their section and keeps each complete one for the appendix."""

    def __init__(self, lang: str = "en") -> None:
        self.entries: list[Appendix] = []
        self.lang = lang

    def top(self, table: Table, key: str, section: str, n: int = TOP_ROWS) -> ReportTable:
        """The table with its first `n` rows, the whole of it in the appendix; tables of up
        to twice `n` rows are shown whole (cutting 18 rows to 15 helps nobody)."""
        if len(table.rows) <= 2 * n:
            return ReportTable(table, key)
        entry = Appendix(f"appendix-{key}", f"A{len(self.entries) + 1}", section, table)
        self.entries.append(entry)
        cut = Table(messages(self.lang).t("{title} (first {n})", title=table.title, n=n),
                    table.columns, table.rows[:n], table.notes, lang=table.lang)
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
    score = DEFAULT_MIN_SCORE if min_score is None else min_score
    merges = recommend(dataset, as_of, country=country, region=region, top=5, min_score=score,
                       pairs=found.at_least(score) if score >= found.min_score else None)
    network_ids = networks_reaching(dataset, as_of, Filters(country=country, region=region))
    networks = [dataset.networks[i] for i in network_ids]
    answered = findings(dataset, as_of, networks=network_ids, overlap=found, orgs=orgs,
                        people=people, money=money, anchors=anchors, merges=merges,
                        country=country, region=region)

    names = Names(dataset, lang)
    cut = Appendices(lang)
    m = messages(lang)

    def whole(table: Table, key: str) -> ReportTable:
        return ReportTable(table, key)

    analysed: dict[str, _Analysed] = {"overlap": {"overlap": found}, "burden": {"burden": orgs}}
    drawn = (pictures(dataset, as_of, country, region, lang, source_name, analysed,
                      picture_format, dpi, stage=stage) if diagrams else {})
    sections: tuple[Section, ...] = (
        Section("overview", m.t("The landscape"), (
            m.tn("{n} network, programme, forum or council is active on {date} in the scope of "
                 "this report.",
                 "{n} networks, programmes, forums and councils are active on {date} in the "
                 "scope of this report.", len(networks), date=as_of.isoformat()),), (),
            drawn.get("overview", ())),
        Section("overlap", m.t("Overlapping mandates (F1, F3)"), (
            m.t("Pairs of networks that reach the same role in the same organisation for the "
                "same mandate area, scored by a weighted Jaccard index (1: identical reach)."),),
            (cut.top(tables.overlap_table(found, lang, names=names), "overlap-pairs",
                     "overlap"),
             whole(tables.overlap_groups_table(found, lang, names), "overlap-groups")),
            drawn.get("overlap", ())),
        Section("burden", m.t("Coordination burden (F1)"), (
            m.t("Meeting hours a year that networks ask of each municipality and of the most "
                "loaded person in it, against the coordination capacity of one person."),),
            (cut.top(tables.burden_table(orgs, lang, names), "burden-municipality", "burden"),
             cut.top(tables.burden_table(people, lang, names), "burden-person", "burden"),
             whole(tables.size_class_table(orgs, lang), "burden-size")),
            drawn.get("burden", ())),
        Section("funding", m.t("Funding and reporting lines (F2)"), (
            m.t("Each funding source brings its own reporting line; an organisation answers to "
                "every line of every network that reaches it."),),
            (cut.top(tables.funding_table(money, lang, names), "funding-networks", "funding"),
             cut.top(tables.funding_organisations_table(money, lang, names),
                     "funding-organisations", "funding"))),
        Section("anchoring", m.t("Anchoring with leaders (F5)"), (
            m.t("Whether a network reaches heads of health and care, chief executives and "
                "elected officials, directly or through a body it reports to or is steered "
                "by."),),
            (cut.top(tables.anchoring_table(anchors, lang, names), "anchoring", "anchoring",
                     40),)),
        Section("gaps", m.t("Coverage by mandate area and region (F6)"), (
            m.t("Active networks per mandate area and region: 0 is a gap, ! is crowded."),),
            (whole(with_short_headers(tables.gaps_table(cells, lang, names), PAGE_CHARACTERS),
                   "gaps"),)),
        Section("consolidation", m.t("Consolidation candidates (F4)"), (
            m.t("Merges of overlapping networks, ranked by the meeting hours a year they would "
                "take off municipalities. A computation on the data, not advice."),),
                (whole(recommend_table(merges, names, lang), "consolidation"),)),
        Section("basis", m.t("What these answers rest on"), (
            m.t("For each finding: the networks whose documented values it counts, the "
                "estimates (assumptions) and inferences it rests on, and the assumptions that "
                "were taken from the evaluation's findings themselves. An answer that rests on "
                "an assumption taken from the same finding follows from that assumption: it "
                "cannot confirm the finding."),),
            (whole(_basis_table(answered, names, m), "basis"),
             whole(_sizes_table(answered, m), "sizes"))),
    )
    answers = findings_text.texts(dataset, answered, lang)
    findings_made = tuple(
        Finding(code, m.t(findings_text.TITLES[code]), answers[code],
                findings_text.SECTIONS[code],
                bool(getattr(answered, code.lower()).evidence.estimated),
                answered.circular(code))
        for code in ("F1", "F2", "F3", "F4", "F5", "F6"))
    from ehelse_map.render.report.survey import survey_section

    survey = survey_section(dataset, as_of, country=country, region=region, lang=lang)
    if survey is not None:
        sections = (*sections, Section(
            survey.id, survey.title, survey.intro,
            tuple(ReportTable(t, f"{survey.id}-{i}") for i, t in enumerate(survey.tables, 1))))
    scope = _scope(dataset, country, region, m)
    return Report(
        title=title or m.t("E-health coordination: actors, overlap and burden"),
        as_of=as_of, scope=scope, lang=lang,
        facts=_facts(dataset, networks, orgs, m), findings=findings_made, sections=sections,
        estimates=estimates(dataset, networks, orgs.assumptions), sources=cited(dataset),
        appendix=tuple(cut.entries), summary=m.t(Report.summary),
        subject=m.t("Situation as of {date}; scope: {scope}.", date=as_of.isoformat(),
                    scope=scope) + assumed(dataset, m))


def _scope(dataset: Dataset, country: str | None, region: str | None, m: Messages) -> str:
    from ehelse_map.render.diagrams.i18n import text

    parts = []
    if country:
        parts.append(m.t("country {country}", country=text(f"country_{country}", m.lang)
                         if f"country_{country}" in _COUNTRIES else country))
    if region:
        actor = dataset.actors.get(region)
        parts.append(m.t("region {name}", name=actor.name if actor else region))
    return ", ".join(parts) or m.t("all countries in the data")


_COUNTRIES = frozenset(f"country_{c}" for c in ("NO", "SE", "DK", "FI", "IS", "FO", "GL", "AX"))


def _facts(dataset: Dataset, networks: list[Network], orgs: BurdenResult, m: Messages
           ) -> tuple[tuple[str, str], ...]:
    municipalities = sum(a.count for a in dataset.actors.values() if a.kind == "municipality")
    reached = sum(r.organisations for r in orgs.rows if r.organisation
                  and dataset.actors[r.organisation].kind == "municipality")
    return ((m.t("active networks"), number(len(networks), m.lang)),
            (m.t("actors in the data"), number(len(dataset.actors), m.lang)),
            (m.t("municipalities in the data"), number(municipalities, m.lang)),
            (m.t("municipalities reached"), number(reached, m.lang)),
            (m.t("sources cited"), number(len(dataset.sources), m.lang)))


def _basis_table(answered: Findings, names: Names, m: Messages) -> Table:
    from ehelse_map.render.report.findings_text import evidence_lines
    from ehelse_map.render.table import Column

    rows = []
    for code in ("F1", "F2", "F3", "F4", "F5", "F6"):
        evidence = getattr(answered, code.lower()).evidence
        circular = answered.circular(code)
        rows.append((code, "; ".join(evidence_lines(evidence, names, m.lang)),
                     m.t("follows from {assumptions}; cannot confirm {finding}",
                         assumptions=", ".join(circular), finding=code)
                     if circular else m.t("no")))
    return Table(m.t("What each answer rests on"),
                 (Column(m.t("finding")), Column(m.t("rests on"), max_width=52),
                  Column(m.t("circular"), max_width=24)), tuple(rows),
                 (m.t("documented: networks whose values a source gives; estimated: assumptions "
                      "behind estimated figures; inferred: records partly inferred"),),
                 lang=m.lang)


def _sizes_table(answered: Findings, m: Messages) -> Table:
    from ehelse_map.render.report.findings_text import f1_sizes
    from ehelse_map.render.table import Column

    staffing = answered.f1.staffing or m.t("none")
    return Table(
        m.t("F1 by municipality size, with and without the staffing assumption"),
        (Column(m.t("size")), Column(m.t("with {assumption}", assumption=staffing), "right"),
         Column(m.t("every role its own person"), "right")),
        tuple(f1_sizes(answered.f1, m.lang)),
        (m.t("mean hours a year of each municipality's most loaded person"),
         m.t("the difference between the columns is what the staffing assumption adds")),
        lang=m.lang)


def assumed(dataset: Dataset, m: Messages) -> str:
    """The sentence naming the assumption values changed for this run (`--assume`), which
    the report states under its title; empty when the data's own values hold."""
    if not dataset.overrides:
        return ""
    return " " + m.t("Assumed for this report, not the data's values (--assume): {overrides}.",
                     overrides="; ".join(dataset.overrides))


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
             stage: Callable[[str], None] | None = None,
             organisation: str | None = None) -> dict[str, tuple[Diagram, ...]]:
    """The pictures (SVG, or PNG at `dpi`), each laid out for the report's page
    (`PICTURE_PAGE`: an A4 text block less room for the caption, no text under 7 points
    printed). `analysed` gives each kind the results
    the report has already computed for the same filters (kind -> keyword arguments of its
    `build`); `stage` is told before each picture is drawn. `organisation` is the one at the
    centre of a `profile` picture, which shows all its networks, unfiltered and unhighlighted."""
    import dataclasses

    from ehelse_map.render.diagrams import KINDS, DiagramOptions, parse_size, render

    options = DiagramOptions(as_of=as_of, lang=lang if lang in ("nb", "nn", "en") else "en",
                             country=country, region=region, source=source_name,
                             highlight=highlight, size=parse_size(PICTURE_PAGE))
    found: dict[str, list[Diagram]] = {}
    m = messages(lang)
    for kind, section, caption in wanted:
        if kind not in KINDS:
            continue
        if stage is not None:
            stage(f"draw {kind}")
        chosen = options
        if kind == "profile":
            if organisation is None:
                continue
            chosen = dataclasses.replace(options, organisation=organisation, highlight=None,
                                         country=None, region=None)
        image = render(kind, dataset, chosen, picture_format, dpi, **analysed.get(kind, {}))
        found.setdefault(section, []).append(
            Diagram(kind, m.t(caption), image, picture_format,
                    m.t(DESCRIPTIONS[kind]) if kind in DESCRIPTIONS else ""))
    return {k: tuple(v) for k, v in found.items()}

