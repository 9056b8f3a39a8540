"""`whatif` and `recommend` as terminal text and Markdown; JSON comes from the results."""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from typing import TYPE_CHECKING

from ehelse_map.analyses.scenarios.whatif import WhatIfResult
from ehelse_map.render.diff_view import figures_markdown, figures_table, number
from ehelse_map.render.escape import md, md_code, one_line
from ehelse_map.render.formats import ScenarioFormat
from ehelse_map.render.i18n import N_, Messages, messages
from ehelse_map.render.names import IDS, Names
from ehelse_map.render.numbers import decimal, signed
from ehelse_map.render.table import Column, Table, render_table

if TYPE_CHECKING:
    from ehelse_map.analyses.scenarios.recommend import Candidate, RecommendResult

TOP_ORGANISATIONS = 10


#: The name of a scenario given only by options (`whatif --merge ...`); JSON keeps it English.
COMMAND_LINE = N_("scenario from the command line")


def savings_table(result: WhatIfResult, top: int = TOP_ORGANISATIONS, lang: str = "en"
                  ) -> Table:
    m = messages(lang)
    rows = tuple((s.organisation, number(s.before, lang), number(s.after, lang),
                  signed(s.difference, lang))
                 for s in result.organisations[:top])
    more = len(result.organisations) - len(rows)
    return Table(
        title=m.t("Hours a year per organisation, largest change first"),
        columns=(Column(m.t("organisation"), max_width=30, ids=True),
                 Column(m.t("before"), "right"), Column(m.t("after"), "right"),
                 Column(m.t("change"), "right")),
        rows=rows, lang=lang,
        notes=((m.tn("{n} more organisation changed; all are in --format json",
                     "{n} more organisations changed; all are in --format json", more),)
               if more > 0 else ())
        + ((m.t("aggregate rows give the hours of one of their organisations"),)
           if any(s.organisations > 1 for s in result.organisations[:top]) else ()))


def _scenario(m: Messages, name: str) -> str:
    return m.t(COMMAND_LINE) if name == COMMAND_LINE else name


def whatif_text(result: WhatIfResult, lang: str = "en") -> str:
    m = messages(lang)
    lines = [m.t("What if: {scenario}", scenario=one_line(_scenario(m, result.scenario))), ""]
    lines += [f"  {i}. {one_line(op)}" for i, op in enumerate(result.operations, 1)]
    def wrap(text: str, indent: str) -> list[str]:
        return textwrap.wrap(one_line(text), 80, subsequent_indent=indent,  # ids stay whole
                             break_on_hyphens=False, break_long_words=False) or [""]

    lines.append("")
    for rule in result.rules:
        lines += wrap(m.t("Rule: {rule}", rule=_known(m, rule)), "  ")
    for explanation in result.explanations:
        lines += wrap(f"  - {explanation}", "    ")
    for note in result.notes:
        lines += wrap(m.t("Note: {note}", note=note), "  ")
    lines.append("")
    text = "\n".join(lines) + "\n"
    text += render_table(figures_table(result.figures, result.as_of, result.assumptions,
                                       m.t("Key figures"), m.t("before"), m.t("after"), lang))
    if result.organisations:
        text += "\n" + render_table(savings_table(result, lang=lang))
    else:
        text += "\n" + m.t("No organisation's hours change.") + "\n"
    return text


def whatif_markdown(result: WhatIfResult, lang: str = "en") -> str:
    m = messages(lang)
    lines = ["## " + m.t("What if: {scenario}", scenario=md(_scenario(m, result.scenario))), "",
             m.t("Operations, in order:"), ""]
    lines += [f"{i}. {md(op)}" for i, op in enumerate(result.operations, 1)]
    lines.append("")
    lines += [m.t("Rule: {rule}", rule=md(_known(m, r))) + "." for r in result.rules]
    if result.explanations:
        lines += [""] + [f"- {md(e)}" for e in result.explanations]
    lines += [m.t("Note: {note}", note=md(n)) + "." for n in result.notes]
    when = (m.t("as of {date}", date=result.as_of.isoformat()) if result.as_of
            else m.t("all periods"))
    lines += ["", "### " + m.t("Key figures ({when})", when=when), "",
              *figures_markdown(result.figures, m.t("before"), m.t("after"), lang), ""]
    if any(f.estimated for f in result.figures):
        lines += ["\\* " + m.t("rests on estimated meeting cadences")
                  + (m.t(" (assumptions: {assumptions})", assumptions=", ".join(
                      md_code(a) for a in result.assumptions)) if result.assumptions else "")
                  + ".", ""]
    if result.organisations:
        lines += ["### " + m.t("Largest changes per organisation"), "",
                  f"| {m.t('organisation')} | {m.t('before')} | {m.t('after')} | "
                  f"{m.t('change')} |", "|---|---:|---:|---:|"]
        lines += [f"| {md(s.name)} ({md_code(s.organisation)}) | {number(s.before, lang)} | "
                  f"{number(s.after, lang)} | {signed(s.difference, lang)} |"
                  for s in result.organisations[:TOP_ORGANISATIONS]]
        lines.append("")
    return "\n".join(lines)


_ANCHOR_STATUS = {
    ("health-leader", "kept"): N_("health leader kept"),
    ("health-leader", "extended"): N_("health leader extended"),
    ("health-leader", "lost"): N_("health leader lost"),
    ("health-leader", "gained"): N_("health leader gained"),
    ("chief-executive", "kept"): N_("chief exec. kept"),
    ("chief-executive", "extended"): N_("chief exec. extended"),
    ("chief-executive", "lost"): N_("chief exec. lost"),
    ("chief-executive", "gained"): N_("chief exec. gained"),
    ("elected", "kept"): N_("elected kept"),
    ("elected", "extended"): N_("elected extended"),
    ("elected", "lost"): N_("elected lost"),
    ("elected", "gained"): N_("elected gained"),
}
_RELATIONS = {"nested": N_("nested"), "duplicate": N_("duplicate"), "partial": N_("partial")}


def anchoring_words(candidate: Candidate, lang: str = "en") -> str:
    """`health leader kept, elected lost`; kinds reached by none before or after are left out."""
    m = messages(lang)
    parts = [m.t(_ANCHOR_STATUS[a.anchor, a.status]) if (a.anchor, a.status) in _ANCHOR_STATUS
             else f"{a.anchor} {a.status}"
             for a in candidate.anchoring if a.status != "none"]
    return ", ".join(parts) or m.t("none reached")


def overlap_words(candidate: Candidate, names: Names = IDS, lang: str = "en") -> str:
    m = messages(lang)
    areas = ", ".join(names.area(a) for a in candidate.shared_areas)
    if candidate.kind == "group":
        return m.t("group, max score {score}; areas: {areas}",
                   score=decimal(candidate.score, 2, lang), areas=areas)
    return m.t("{relation} {score}: {areas} × {roles} in {n} orgs",
               relation=m.t(_RELATIONS.get(candidate.relation, candidate.relation)),
               score=decimal(candidate.score, 2, lang), areas=areas,
               roles=", ".join(names.role(r) for r in candidate.shared_roles),
               n=candidate.shared_organisations)


#: The analysis's own words (`analyses.scenarios`), for the catalogs.
_DISCLAIMER = N_("A computation on the data, not advice: it shows what merging overlapping "
                 "networks would do to the meeting hours the data records, under the cadence "
                 "rule below. Mandates, ownership, funding terms and the value of each meeting "
                 "are not in the data.")
_CADENCE_RULE = N_("merged networks meet once per role: for each role the cadence with the most "
                   "hours a year among the merged networks' targets is kept, the others "
                   "dropped; the choice is made again at the low and at the high ends of the "
                   "assumptions' ranges")


def _known(m: Messages, text: str) -> str:
    """The analysis's fixed sentences in the language; any other text as it is."""
    return m.t(text) if text in (_DISCLAIMER, _CADENCE_RULE) else text


def recommend_table(result: RecommendResult, names: Names = IDS, lang: str = "en") -> Table:
    m = messages(lang)
    rows = tuple((i, " + ".join(names.record(n) for n in c.networks),
                  overlap_words(c, names, lang), number(c.hours_saved, lang),
                  c.organisations_adding or "", anchoring_words(c, lang))
                 for i, c in enumerate(result.candidates, 1))
    notes = [_known(m, result.disclaimer), m.t("Rule: {rule}.", rule=_known(m, result.rule)),
             m.t("saved h/yr: meeting hours a year taken off all municipalities; +orgs: "
                 "municipalities asked for more (reached by only some of the networks)"),
             m.t("looked at {merges}: pairs scoring >= {score} and groups of 3 or more",
                 merges=m.tn("{n} merge", "{n} merges", result.considered),
                 score=decimal(result.min_score, 2, lang)) + "; "
             + m.tn("{n} merge would save no hours and is not listed",
                    "{n} merges would save no hours and are not listed", len(result.adding))
             + ("" if names.by_name else " (--format json)")]
    if any(c.estimated for c in result.candidates):
        notes.append(m.t("hours rest on estimates: value (low–high) over the assumptions' "
                         "ranges"))
    if result.observed_municipalities:
        notes.append(m.t("hours observed (survey answers) in {observed} of {reached} "
                         "municipalities before a merge; a merged network's hours come from the "
                         "cadence rule on the targets", observed=result.observed_municipalities,
                         reached=result.municipalities_reached))
    if any(c.inferred for c in result.candidates):
        notes.append(m.t("inferred: {networks} rest partly on inferences",
                         networks=names.records(sorted({n for c in result.candidates
                                                        for n in c.inferred}))))
    when = (m.t("as of {date}", date=result.as_of.isoformat()) if result.as_of
            else m.t("all periods"))
    shown = (m.t("showing {shown} of {total}", shown=len(result.candidates),
                 total=m.tn("{n} candidate", "{n} candidates", result.total_candidates))
             if len(result.candidates) < result.total_candidates
             else m.tn("{n} candidate", "{n} candidates", len(result.candidates)))
    return Table(
        title=m.t("Consolidation candidates by hours saved ({when}): {shown}", when=when,
                  shown=shown),
        columns=(Column("#", "right"), Column(m.t("merge"), max_width=26, ids=True),
                 Column(m.t("overlap"), max_width=26, ids=True),
                 Column(m.t("saved h/yr"), "right"), Column(m.t("+orgs"), "right"),
                 Column(m.t("anchoring"), max_width=20)),
        rows=rows, notes=tuple(notes), lang=lang)


def recommend_markdown(result: RecommendResult, lang: str = "en") -> str:
    m = messages(lang)
    when = (m.t("as of {date}", date=result.as_of.isoformat()) if result.as_of
            else m.t("all periods"))
    lines = ["## " + m.t("Consolidation candidates ({when})", when=when), "",
             f"> {md(_known(m, result.disclaimer))}", "",
             m.t("Rule: {rule}", rule=md(_known(m, result.rule))) + ".", "",
             "| # | " + " | ".join((m.t("merge"), m.t("overlap"), m.t("hours/yr saved"),
                                     m.t("orgs asked for more"), m.t("anchoring"))) + " |",
             "|---:|---|---|---:|---:|---|"]
    for i, c in enumerate(result.candidates, 1):
        lines.append(f"| {i} | {' + '.join(md_code(n) for n in c.networks)} | "
                     f"{md(overlap_words(c, lang=lang))} | {number(c.hours_saved, lang)} | "
                     f"{c.organisations_adding} | {md(anchoring_words(c, lang))} |")
    if any(c.estimated for c in result.candidates):
        lines += ["", m.t("Hours rest on estimated meeting cadences.")]
    return "\n".join(lines) + "\n"


def _json(result: object) -> str:
    from ehelse_map.render.table import render_json

    return render_json(result)


#: `whatif` and `recommend` by format (the family `ScenarioFormat`), given the language (JSON
#: keeps its English keys).
WHATIF: dict[ScenarioFormat, Callable[[WhatIfResult, str], str]] = {
    ScenarioFormat.table: whatif_text, ScenarioFormat.json: lambda result, _lang: _json(result),
    ScenarioFormat.markdown: whatif_markdown,
}
RECOMMEND: dict[ScenarioFormat, Callable[[RecommendResult, str], str]] = {
    ScenarioFormat.table: lambda result, lang: render_table(recommend_table(result, lang=lang)),
    ScenarioFormat.json: lambda result, _lang: _json(result),
    ScenarioFormat.markdown: recommend_markdown,
}
