"""A short report about one organisation (`report --organisation ID`): its profile, the
evaluation's findings answered for it in words, pictures of its county with it highlighted, the
assumptions and the sources its figures rest on. The same `Report` as the whole landscape's, so
HTML, Markdown and Word lay it out alike.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from ehelse_map.model.records import Dataset
from ehelse_map.render.names import Names
from ehelse_map.render.numbers import plural, span_text
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

#: The pictures of an organisation's report: its county, with it highlighted.
DIAGRAMS = (
    ("landscape", "networks", "The networks, bodies and municipalities around {name}; "
                              "{name} is highlighted."),
    ("burden", "asked", "Coordination hours a year asked of the most loaded person in each "
                        "municipality around {name}, which is highlighted."),
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
    cut = Appendices()
    actor = dataset.actors[organisation]
    drawn = {}
    if diagrams:
        wanted = tuple((kind, section, caption.format(name=result.name))
                       for kind, section, caption in DIAGRAMS)
        drawn = pictures(dataset, as_of, actor.country, actor.region, lang, source_name, {},
                         picture_format, dpi, wanted, highlight=organisation,
                         stage=stage)
    name = result.name
    sections = (
        Section("networks", f"{name} and the networks that reach it", (
            describe(result) + ".",
            f"Every network active on {as_of.isoformat()} that reaches {name}, directly or "
            "through a record it belongs to, with what it is for and what it asks.",),
            (ReportTable(summary_table(result, names), "summary"),
             ReportTable(networks_table(result, names), "network-list")),
            drawn.get("networks", ())),
        Section("asked", f"What the networks ask of {name} (F1)", (
            "Each meeting series a network asks of the organisation, and the person who "
            "attends it under the staffing assumption; hours are a year, with their range "
            "over the assumptions, and say whether they are documented or estimated.",),
            (cut.top(series_table(result, names), "series", "asked", SERIES_ROWS),
             ReportTable(persons_table(result, names), "persons")),
            drawn.get("asked", ())),
        Section("funding", "Funding and reporting lines (F2)", (
            f"The funding lines active on the day of the networks that reach {name}, and the "
            "bodies they report to.",),
            (ReportTable(funding_table(result, names), "funding"),)),
        Section("overlap", f"Networks that overlap in {name} (F3)", (
            f"Pairs of these networks that ask the same role in {name} for the same mandate "
            "area, with the pair's overlap score; and pairs that ask different roles held by "
            "one person here.",),
            (ReportTable(overlaps_table(result, names, wide=True), "overlaps"),)),
        Section("leaders", f"The path to {name}'s leaders (F5)", (
            "Whether each network asks the organisation's heads of health and care, chief "
            "executive and elected officials, directly or through a body it reports to, is "
            "steered by or is part of.",),
            (ReportTable(leaders_table(result, names, wide=True), "leaders"),)),
    )
    answers = findings_text.profile_texts(result, names)
    found = []
    for code in ("F1", "F2", "F3", "F4", "F5", "F6"):
        circular = findings_text.profile_circular(dataset, result, code)
        text = answers[code] + (" " + findings_text.circular_text(code, circular)
                                if circular else "")
        estimated = code == "F1" and any(s.basis == "estimated" for n in result.networks
                                         for s in n.series)
        found.append(Finding(code, findings_text.TITLES[code], text,
                             findings_text.PROFILE_SECTIONS[code], estimated, circular))
    row = result.burden
    facts = (("networks reaching it", str(len(result.networks))),
             ("meeting hours a year", span_text(row.hours_per_year) if row else "–"),
             ("persons asked", str(row.persons) if row else "0"),
             ("reporting lines", str(len(result.reporting_lines))),
             ("overlapping pairs", str(len(result.overlaps) + len(result.person_overlaps))))
    networks = [dataset.networks[n.network] for n in result.networks]
    return Report(
        title=title or f"{name}: the e-health networks that reach it",
        as_of=as_of, scope=f"the organisation {name}", lang=lang, facts=facts,
        findings=tuple(found), sections=sections,
        estimates=estimates(dataset, networks, result.assumptions),
        sources=cited(dataset, result.sources), appendix=tuple(cut.entries),
        summary=f"Summary: the evaluation's findings, for {name}",
        subject=f"{describe(result)}. Situation as of {as_of.isoformat()}; "
                f"{plural(len(result.sources), 'source')} cited." + assumed(dataset))
