"""A short report about one organisation (`report --organisation ID`): its profile, the
evaluation's findings answered for it in words, pictures of its county with it highlighted, the
assumptions and the sources its figures rest on. The same `Report` as the whole landscape's, so
HTML, Markdown and Word lay it out alike.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from ehelse_map.model.records import Dataset
from ehelse_map.render.i18n import N_, messages
from ehelse_map.render.names import Names
from ehelse_map.render.numbers import span_text
from ehelse_map.render.report.assemble import (
    PRINT_DPI,
    Appendices,
    Finding,
    Report,
    ReportTable,
    Section,
    assumed,
    cited,
    estimates,
    pictures,
)

#: The pictures of an organisation's report: the networks around it, and its county with it
#: highlighted.
DIAGRAMS = (
    ("profile", "networks", N_("The networks that reach {name}, each bubble's area the hours a "
                               "year it asks of {name}; dashed rings: hours unknown, never 0.")),
    ("landscape", "networks", N_("The networks, bodies and municipalities around {name}; "
                                 "{name} is highlighted.")),
    ("burden", "asked", N_("Coordination hours a year asked of the most loaded person in each "
                           "municipality around {name}, which is highlighted.")),
)
SERIES_ROWS = 25


def build_organisation_report(dataset: Dataset, as_of: date, organisation: str, *,
                              lang: str = "en", title: str | None = None,
                              diagrams: bool = True, source_name: str = "ehelse-map data set",
                              picture_format: str = "svg", dpi: int = PRINT_DPI,
                              stage: Callable[[str], None] | None = None) -> Report:
    """Everything the report about `organisation` (an actor id) shows, on `as_of`; `stage` is
    told before each picture is drawn."""
    from ehelse_map.analyses.profile import profile
    from ehelse_map.render.profile_view import (
        describe,
        funding_table,
        leaders_table,
        networks_table,
        overlaps_table,
        persons_table,
        series_table,
        summary_table,
    )
    from ehelse_map.render.report import findings_text

    result = profile(dataset, as_of, organisation)
    names = Names(dataset, lang)
    cut = Appendices(lang)
    m = messages(lang)
    actor = dataset.actors[organisation]
    drawn = {}
    if diagrams:
        wanted = tuple((kind, section, m.t(caption, name=result.name))
                       for kind, section, caption in DIAGRAMS)
        drawn = pictures(dataset, as_of, actor.country, actor.region, lang, source_name,
                         {"profile": {"profile": result}}, picture_format, dpi, wanted,
                         highlight=organisation, stage=stage, organisation=organisation)
    name = result.name
    sections = (
        Section("networks", m.t("{name} and the networks that reach it", name=name), (
            describe(result, lang) + ".",
            m.t("Every network active on {date} that reaches {name}, directly or through a "
                "record it belongs to, with what it is for and what it asks.",
                date=as_of.isoformat(), name=name),),
            (ReportTable(summary_table(result, names, lang=lang), "summary"),
             ReportTable(networks_table(result, names, lang=lang), "network-list")),
            drawn.get("networks", ())),
        Section("asked", m.t("What the networks ask of {name} (F1)", name=name), (
            m.t("Each meeting series a network asks of the organisation, and the person who "
                "attends it under the staffing assumption; hours are a year, with their range "
                "over the assumptions, and say whether they are documented or estimated."),),
            (cut.top(series_table(result, names, lang=lang), "series", "asked", SERIES_ROWS),
             ReportTable(persons_table(result, names, lang=lang), "persons")),
            drawn.get("asked", ())),
        Section("funding", m.t("Funding and reporting lines (F2)"), (
            m.t("The funding lines active on the day of the networks that reach {name}, and "
                "the bodies they report to.", name=name),),
            (ReportTable(funding_table(result, names, lang=lang), "funding"),)),
        Section("overlap", m.t("Networks that overlap in {name} (F3)", name=name), (
            m.t("Pairs of these networks that ask the same role in {name} for the same mandate "
                "area, with the pair's overlap score; and pairs that ask different roles held "
                "by one person here.", name=name),),
            (ReportTable(overlaps_table(result, names, wide=True, lang=lang), "overlaps"),)),
        Section("leaders", m.t("The path to {name}'s leaders (F5)", name=name), (
            m.t("Whether each network asks the organisation's heads of health and care, chief "
                "executive and elected officials, directly or through a body it reports to, is "
                "steered by or is part of."),),
            (ReportTable(leaders_table(result, names, wide=True, lang=lang), "leaders"),)),
    )
    answers = findings_text.profile_texts(result, names)
    found = []
    for code in ("F1", "F2", "F3", "F4", "F5", "F6"):
        circular = findings_text.profile_circular(dataset, result, code)
        text = answers[code] + (" " + findings_text.circular_text(code, circular, lang)
                                if circular else "")
        estimated = code == "F1" and any(s.basis == "estimated" for n in result.networks
                                         for s in n.series)
        found.append(Finding(code, m.t(findings_text.TITLES[code]), text,
                             findings_text.PROFILE_SECTIONS[code], estimated, circular))
    row = result.burden
    facts = ((m.t("networks reaching it"), str(len(result.networks))),
             (m.t("meeting hours a year"),
              span_text(row.hours_per_year, lang=lang) if row else "–"),
             (m.t("persons asked"), str(row.persons) if row else "0"),
             (m.t("lines reported to"), str(len(result.reporting_lines))),
             (m.t("overlapping pairs"), str(len(result.overlaps) + len(result.person_overlaps))))
    networks = [dataset.networks[n.network] for n in result.networks]
    return Report(
        title=title or m.t("{name}: the e-health networks that reach it", name=name),
        as_of=as_of, scope=m.t("the organisation {name}", name=name), lang=lang, facts=facts,
        findings=tuple(found), sections=sections,
        estimates=estimates(dataset, networks, result.assumptions),
        sources=cited(dataset, result.sources), appendix=tuple(cut.entries),
        summary=m.t("Summary: the evaluation's findings, for {name}", name=name),
        subject=m.tn("{description}. Situation as of {date}; {n} source cited.",
                     "{description}. Situation as of {date}; {n} sources cited.",
                     len(result.sources), description=describe(result, lang),
                     date=as_of.isoformat()) + assumed(dataset, m))
