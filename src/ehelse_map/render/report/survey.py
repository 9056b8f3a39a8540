"""The report's section on the survey: who answered, where the answers confirm or contradict
the estimates, and which assumptions they have made unnecessary.

Self-contained: `survey_section` computes `analyses.survey.survey_summary` and lays it out
as the parts of one report section (`SurveySection`: id, title, intro, tables); the report
builder only appends it as a `Section` (there is none when the data holds no survey answers).
It does not import the builder, so neither depends on the other's internals.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from ehelse_map.render.numbers import number, plural, span_text
from ehelse_map.render.table import Column, Table

if TYPE_CHECKING:
    from ehelse_map.analyses.survey import CoverageRow, SurveyResult
    from ehelse_map.model.records import Dataset

SECTION_ID = "survey"


@dataclass(frozen=True)
class SurveySection:
    """What the report's `Section` of the survey holds."""

    id: str
    title: str
    intro: tuple[str, ...]
    tables: tuple[Table, ...]


def survey_section(dataset: Dataset, as_of: date, *, country: str | None = None,
                   region: str | None = None, lang: str = "en") -> SurveySection | None:
    """The section, or None when the data set has no survey answers."""
    if not dataset.observations:
        return None
    from ehelse_map.analyses.survey import survey_summary

    result = survey_summary(dataset, as_of, country=country, region=region)
    tables = [coverage_table(result.by_region, "county or region", "Response coverage by "
                             "county"),
              coverage_table(result.by_size, "size", "Response coverage by municipality size "
                             "(inhabitants)"),
              comparison_table(result), assumptions_table(result)]
    if result.remarks:
        tables.append(Table(
            title="Remarks in the returned questionnaires (networks the lists missed)",
            columns=(Column("questionnaire", max_width=40), Column("remark", max_width=60)),
            rows=tuple((source, note) for source, note in result.remarks), notes=()))
    return SurveySection(SECTION_ID, "The survey: estimates against evidence", _intro(result),
                         tuple(tables))


def _share(part: int, whole: int) -> str:
    return f"{part / whole:.0%}" if whole else "–"


def _intro(result: SurveyResult) -> tuple[str, ...]:
    rule = (f"Survey rule {result.survey_rule}: for {len(result.surveyed)} network and role "
            "pairs the median of the members' answers stands in for the members that did not "
            "answer (marked srv)." if result.survey_rule else
            "No survey rule: members that did not answer keep the estimates.")
    contradicted = sum(1 for c in result.comparisons if c.verdict == "contradicts")
    confirmed = sum(1 for c in result.comparisons if c.verdict == "confirms")
    unnecessary = [a.assumption for a in result.assumptions if a.unnecessary]
    return (
        f"{plural(result.answers, 'answer')} from "
        f"{plural(result.questionnaires, 'returned questionnaire')}: "
        f"{result.answered} of {plural(result.municipalities, 'municipality', 'municipalities')}"
        " in scope answered "
        f"({_share(result.answered, result.municipalities)}). Where a municipality answered, "
        "its answers replace the estimates in every burden figure of this report (marked "
        "obs); an answer that it takes no part removes that network's time.",
        rule,
        f"Of {plural(len(result.comparisons), 'network and role pair')} answered, the answers "
        "confirm "
        f"the data's figure for {confirmed} and contradict it (most answers outside its "
        f"range) for {contradicted}. "
        + (f"The answers have made {', '.join(unnecessary)} unnecessary in this scope."
           if unnecessary else "No assumption is yet replaced everywhere it is used."),
    )


def coverage_table(rows: tuple[CoverageRow, ...], key: str, title: str) -> Table:
    return Table(
        title=title,
        columns=(Column(key, max_width=28), Column("municipalities", "right"),
                 Column("answered", "right"), Column("share", "right"),
                 Column("series", "right"), Column("series answered", "right")),
        rows=tuple((r.name, r.municipalities, r.answered, _share(r.answered, r.municipalities),
                    r.series, r.series_answered) for r in rows),
        notes=("series: (municipality, network, role) the networks ask time of",
               "aggregate records count as the municipalities they stand for; they cannot "
               "answer one questionnaire"))


def comparison_table(result: SurveyResult) -> Table:
    rows = []
    for c in result.comparisons:
        spread = ("" if c.median_hours is None else number(c.median_hours)
                  + (f" ({number(c.low_hours)}–{number(c.high_hours)})"
                     if c.low_hours != c.high_hours else ""))
        rows.append((c.network, c.role, span_text(c.estimate_hours), c.basis, c.answers,
                     c.inside, c.below, c.above, c.not_taking_part, c.partly, spread,
                     c.verdict))
    return Table(
        title="Answers against the data's figures (hours a year one participant bears)",
        columns=(Column("network", max_width=24), Column("role", max_width=18),
                 Column("data", "right"), Column("basis"), Column("answers", "right"),
                 Column("inside", "right"), Column("below", "right"),
                 Column("above", "right"), Column("no", "right"), Column("partly", "right"),
                 Column("answered h/yr", "right"), Column("verdict")),
        rows=tuple(rows),
        notes=("data: meetings × hours a year by the data, value (low–high) over the "
               "assumption's range; answers: 'yes' answers giving both meetings and hours",
               "inside, below, above: answers inside the data's range or outside it; no: "
               "answers that the municipality takes no part; partly: in some meetings only "
               "(not compared)",
               "verdict: confirms (all inside), contradicts (most outside), mixed"))


def assumptions_table(result: SurveyResult) -> Table:
    rows = tuple((a.assumption, a.uses, a.answered, a.surveyed, a.remaining,
                  "unnecessary" if a.unnecessary else "still needed")
                 for a in result.assumptions)
    return Table(
        title="Assumptions the answers replace",
        columns=(Column("assumption", max_width=32), Column("uses", "right"),
                 Column("by answers", "right"), Column("by rule", "right"),
                 Column("left", "right"), Column("status")),
        rows=rows,
        notes=("uses: (municipality, network, role, meetings or hours) in scope whose figure "
               "is the assumption's",
               "by answers: replaced by the municipality's own answer; by rule: by the survey "
               "rule's median",
               "unnecessary: every use is replaced in this scope; the staffing assumption is "
               "not replaced by answers ("
               + plural(result.roles_held, "municipality", "municipalities")
               + " said which roles one person holds; the answers are kept with the "
               "observations)"))


__all__ = ["SECTION_ID", "SurveySection", "assumptions_table", "comparison_table", "coverage_table",
           "survey_section"]
