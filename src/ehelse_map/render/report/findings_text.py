"""The findings in words: what the data says about F1–F6, what it rests on, and what it cannot
confirm. Every count goes through `plural`, every figure through `span_text`, so a sentence
never says "1 networks" or shows an unknown as 0.
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from ehelse_map.analyses.findings import F1, F2, F3, F4, F5, F6, Evidence, Findings
from ehelse_map.model.records import Dataset
from ehelse_map.render.i18n import N_, Messages, messages
from ehelse_map.render.numbers import decimal, number, span_text
from ehelse_map.render.profile_view import TASKS

if TYPE_CHECKING:
    from ehelse_map.analyses.profile import ProfileResult
    from ehelse_map.render.names import Names

TITLES = {
    "F1": N_("Complex actor map; the same person is the target of several networks"),
    "F2": N_("Different funding sources, each with its own reporting line"),
    "F3": N_("Apparent overlap between networks"),
    "F4": N_("Joint implementation across municipalities"),
    "F5": N_("Anchoring with health leaders and elected officials decides success"),
    "F6": N_("Implementation versus continuous development"),
}
SECTIONS = {"F1": "burden", "F2": "funding", "F3": "overlap", "F4": "consolidation",
            "F5": "anchoring", "F6": "gaps"}
#: How a pair of networks relate (`analyses.overlap`), in words.
RELATIONS = {"nested": N_("nested"), "duplicate": N_("duplicate"), "partial": N_("partial")}


def _task(m: Messages, task: str) -> str:
    return m.t(TASKS[task]) if task in TASKS else task


def _relation(m: Messages, relation: str) -> str:
    return m.t(RELATIONS[relation]) if relation in RELATIONS else relation


def _and(items: list[str], m: Messages | None = None) -> str:
    if len(items) == 1:
        return items[0]
    word = (m or messages("en")).t("and")
    return ", ".join(items[:-1]) + f" {word} " + items[-1]


def _areas(m: Messages, items: tuple[str, ...], limit: int = 3) -> str:
    """`a, b` or `5 areas`, so a finding stays a sentence."""
    return ", ".join(items) if len(items) <= limit else m.tn("{n} area", "{n} areas", len(items))


def _roles(m: Messages, items: tuple[str, ...], limit: int = 3) -> str:
    return ", ".join(items) if len(items) <= limit else m.tn("{n} role", "{n} roles", len(items))


def _networks(m: Messages, n: int) -> str:
    return m.tn("{n} network", "{n} networks", n)


def f1_text(dataset: Dataset, f: F1, lang: str = "en") -> str:
    m = messages(lang)
    text = m.tn("{networks} are active. In {n} municipality of {reached} reached, one person is "
                "the target of {many} or more networks",
                "{networks} are active. In {n} municipalities of {reached} reached, one person "
                "is the target of {many} or more networks", f.municipalities_many,
                networks=_networks(m, f.networks),
                reached=number(f.municipalities_reached, lang), many=3)
    if f.capacity is not None:
        text += "; " + m.tn(
            "{persons} person is asked for more than the capacity of {capacity} hours a year",
            "{persons} persons are asked for more than the capacity of {capacity} hours a year",
            1 if f.over_capacity.value == 1 else 2,
            persons=span_text(f.over_capacity, lang=lang),
            capacity=span_text(f.capacity, lang=lang))
    text += "."
    if f.most_loaded:
        top = f.most_loaded[0]
        asked = m.t("asked for {hours} hours a year by {networks}",
                    hours=span_text(top.hours_per_year, lang=lang),
                    networks=_networks(m, top.networks))
        if len(f.most_loaded) == 1:
            roles = ", ".join(_role(dataset, x, lang) for x in top.roles)
            text += " " + m.t("The most loaded person, in {name} ({roles}), {asked}.",
                              name=top.name, roles=roles, asked=asked)
        else:
            names = [r.name for r in f.most_loaded]
            more = m.tn("{n} more municipality", "{n} more municipalities", len(names) - 5)
            shown = (_and(names, m) if len(names) <= 5
                     else ", ".join(names[:5]) + " " + m.t("and") + f" {more}")
            held = {len(r.roles) for r in f.most_loaded}
            roles = (" " + m.tn("(one person holding {n} role each)",
                                "(one person holding {n} roles each)", held.pop())
                     if len(held) == 1 else "")
            text += " " + m.t("The most loaded persons, tied, are in {names}{roles}: {asked}.",
                              names=shown, roles=roles, asked=asked)
    return text


def plural_min(n: int) -> str:
    return f"{n} or more"


def _role(dataset: Dataset, role: str, lang: str) -> str:
    return dataset.roles[role].label(lang) if role in dataset.roles else role


def f1_sizes(f: F1, lang: str = "en") -> list[tuple[str, str, str]]:
    """(size class, mean hours of the most loaded person, the same with every role a person of
    its own): what the staffing assumption adds."""
    from ehelse_map.render.analysis_tables import size_class

    separate = {s.size_class: s for s in f.by_size_separate}
    rows = []
    for row in f.by_size:
        if not row.reached or row.size_class == "unknown":
            continue
        other = separate.get(row.size_class)
        rows.append((size_class(row.size_class, lang),
                     span_text(row.person_hours_mean, lang=lang),
                     span_text(other.person_hours_mean, lang=lang) if other else "–"))
    return rows


def f2_text(f: F2, lang: str = "en") -> str:
    m = messages(lang)
    text = m.tn("Funding is documented for {documented} of {networks}; {n} network has more "
                "than one funding source now.",
                "Funding is documented for {documented} of {networks}; {n} networks have more "
                "than one funding source now.", len(f.multi_funded),
                documented=number(f.documented, lang), networks=_networks(m, f.networks))
    if f.most_lines:
        names = [name for _, name, _, _ in f.most_lines]
        _, _, lines, networks = f.most_lines[0]
        reporting = m.tn("{n} reporting line", "{n} reporting lines", lines)
        if len(names) == 1:
            text += " " + m.t("{name} answers to {lines} through {networks}, the most of any "
                              "organisation.", name=names[0], lines=reporting,
                              networks=_networks(m, networks))
        else:
            who = (_and(names, m) if len(names) <= 3
                   else m.tn("{n} organisation", "{n} organisations", len(names)))
            text += " " + m.t("{who} each answer to {lines}, the most.", who=who,
                              lines=reporting)
    if f.documented < f.networks:
        text += " " + m.t("For {networks} the data says nothing about funding: their lines "
                          "are unknown, not none.",
                          networks=_networks(m, f.networks - f.documented))
    return text


def f3_text(f: F3, lang: str = "en") -> str:
    m = messages(lang)
    if not f.pairs:
        return m.t("No two active networks reach the same role in the same organisation on the "
                   "same mandate area") + (
            "; " + m.t("{networks} could not be compared",
                       networks=_networks(m, f.not_compared)) if f.not_compared else "") + "."
    parts = []
    for p in f.strongest:
        via = ""
        if p.via_broader:
            shown = ", ".join(p.via_broader[:2])
            more = len(p.via_broader) - 2
            via = "; " + (m.t("through {names} and {n} more", names=shown, n=more) if more > 0
                          else m.t("through {names}", names=shown))
        inferred = " " + m.t("(partly inferred)") if p.inferred else ""
        parts.append(m.t("{a} and {b}{inferred} ({relation}, score {score}: {areas} for "
                         "{roles}{via})", a=p.a_name, b=p.b_name, inferred=inferred,
                         relation=_relation(m, p.relation), score=decimal(p.score, 2, lang),
                         areas=_areas(m, p.shared_areas), roles=_roles(m, p.shared_roles),
                         via=via))
    tied = len(f.strongest) > 3
    return (m.tn("{n} pair of networks overlap.", "{n} pairs of networks overlap.", f.pairs)
            + " " + (m.t("The strongest (with ties):") if tied else m.t("The strongest:"))
            + " " + "; ".join(parts) + ".")


def f4_text(f: F4, lang: str = "en") -> str:
    m = messages(lang)
    text = m.tn("{n} network runs joint implementation across municipalities.",
                "{n} networks run joint implementation across municipalities.", f.joint)
    if f.best is not None:
        text += " " + m.t("Merging {names} would take {hours} meeting hours a year off "
                          "municipalities (a computation on the data, not advice).",
                          names=f" {m.t('and')} ".join(f.best.names),
                          hours=span_text(f.best.hours_saved, lang=lang))
    else:
        text += " " + m.t("No merge of networks overlapping at {score} or more saves hours.",
                          score=decimal(f.min_score, 2, lang))
    if f.adding:
        text += " " + m.tn("{n} merge looked at would save no hours and is not a consolidation "
                           "candidate.",
                           "{n} merges looked at would save no hours and are not consolidation "
                           "candidates.", f.adding)
    return text


def f5_text(f: F5, lang: str = "en") -> str:
    m = messages(lang)
    missing = dict(f.missing)
    text = m.t("Of {networks} that name their target roles, {leaders} reach no health leaders, "
               "{executives} no chief executives and {elected} no elected officials, directly "
               "or through a body they answer to; {none} reach none of them.",
               networks=_networks(m, f.judged), leaders=missing["health-leader"],
               executives=missing["chief-executive"], elected=missing["elected"],
               none=f.unanchored)
    if f.no_roles:
        text += " " + m.tn("{n} network names no target role: whom it asks is unknown, so it is "
                           "not judged.",
                           "{n} networks name no target role: whom they ask is unknown, so "
                           "they are not judged.", f.no_roles)
    return text


def f6_text(f: F6, lang: str = "en") -> str:
    m = messages(lang)
    counts = dict(f.tasks)
    return m.t("Mandates by task: {tasks}. Implementation: {implementation}; continuous "
               "development and competence: {development}.",
               tasks=", ".join(f"{_task(m, task)} {count}" for task, count in f.tasks),
               implementation=counts.get("implementation", 0),
               development=counts.get("development", 0) + counts.get("competence", 0))


def circular_text(code: str, assumptions: tuple[str, ...], lang: str = "en") -> str:
    """What a reader must know when the answer rests on an assumption taken from the finding."""
    m = messages(lang)
    return m.t("This answer rests on {assumptions}, taken from the evaluation's finding {code} "
               "itself: the result follows from that assumption and does not confirm {code}.",
               assumptions=_and([f"`{a}`" for a in assumptions], m), code=code)


def _listed(m: Messages, items: tuple[str, ...], limit: int = 6) -> str:
    """`a, b, c`, or `12 networks (a, b, c, …)` past the limit."""
    if len(items) <= limit:
        return ", ".join(items)
    return f"{_networks(m, len(items))} ({', '.join(items[:3])}, …)"


def evidence_lines(evidence: Evidence, names: Names | None = None, lang: str = "en"
                   ) -> list[str]:
    """The parts of 'What these answers rest on' for one finding; networks by name when
    `names` has the data set."""
    m = messages(lang)

    def named(ids: tuple[str, ...]) -> tuple[str, ...]:
        return ids if names is None else tuple(names.record(i) for i in ids)

    lines = []
    if evidence.documented:
        lines.append(m.t("documented: {networks}",
                         networks=_listed(m, named(evidence.documented))))
    if evidence.estimated:
        lines.append(m.t("estimated: {assumptions}",
                         assumptions=", ".join(evidence.estimated)))
    if evidence.inferred:
        lines.append(m.t("inferred: {networks}", networks=_listed(m, named(evidence.inferred))))
    if evidence.from_findings:
        lines.append(m.t("taken from the evaluation: {assumptions}", assumptions=", ".join(
            f"{a} ({finding})" for a, finding in evidence.from_findings)))
    return lines or [m.t("nothing estimated or inferred")]


def texts(dataset: Dataset, found: Findings, lang: str = "en") -> dict[str, str]:
    """Each finding's answer, with the circularity sentence where it applies."""
    answers = {"F1": f1_text(dataset, found.f1, lang), "F2": f2_text(found.f2, lang),
               "F3": f3_text(found.f3, lang), "F4": f4_text(found.f4, lang),
               "F5": f5_text(found.f5, lang), "F6": f6_text(found.f6, lang)}
    for code in answers:
        circular = found.circular(code)
        if circular:
            answers[code] += " " + circular_text(code, circular, lang)
    return answers


# --- one organisation (`report --organisation`) ---------------------------------------------------

#: The section of the organisation's report that holds each finding's detail.
PROFILE_SECTIONS = {"F1": "asked", "F2": "funding", "F3": "overlap", "F4": "networks",
                    "F5": "leaders", "F6": "networks"}


def profile_texts(result: ProfileResult, names: Names) -> dict[str, str]:
    """The evaluation's findings answered for one organisation, from its profile (in the
    language of `names`)."""
    m = messages(names.lang)
    if not result.networks:
        if result.not_taking_part:
            nothing = m.t("{name} takes part in none of the networks that reach it: {networks}.",
                          name=result.name,
                          networks=_names(m, names, result.not_taking_part))
        elif result.active:
            nothing = m.t("No network active on the day reaches {name}.", name=result.name)
        else:
            nothing = m.t("{name} is not active on the day: no network is counted.",
                          name=result.name)
        return dict.fromkeys(PROFILE_SECTIONS, nothing)
    return {"F1": _p1(result, names, m), "F2": _p2(result, names, m),
            "F3": _p3(result, names, m), "F4": _p4(result, names, m),
            "F5": _p5(result, names, m), "F6": _p6(result, m)}


def profile_circular(dataset: Dataset, result: ProfileResult, code: str) -> tuple[str, ...]:
    """Assumptions the answer to `code` rests on that were taken from that finding: the
    hours (F1) rest on every assumption of the profile; the overlaps (F3) on the staffing
    assumption when one person's roles make them; the rest on no assumption."""
    used: tuple[str, ...] = ()
    if code == "F1" and result.persons:
        used = result.assumptions
    elif code == "F3" and result.person_overlaps and result.staffing:
        used = (result.staffing,)
    return tuple(a for a in used if a in dataset.assumptions
                 and code in dataset.assumptions[a].from_findings)


def _names(m: Messages, names: Names, ids: tuple[str, ...] | list[str], limit: int = 4) -> str:
    shown = [names.record(i) for i in ids]
    if len(shown) <= limit:
        return _and(shown, m)
    return _and([*shown[:limit - 1], m.tn("{n} more network", "{n} more networks",
                                          len(shown) - limit + 1)], m)


def _p1(r: ProfileResult, names: Names, m: Messages) -> str:
    row = r.burden
    if row is None:  # no network: profile_texts has answered already
        return ""
    lang = m.lang
    series = [s for n in r.networks for s in n.series if s.asks != "network"]
    estimated = sum(1 for s in series if s.basis == "estimated")
    if row.hours_per_year.value is None:
        text = m.tn("{n} network reaches {name}.", "{n} networks reach {name}.",
                    len(r.networks), name=r.name)
    else:
        text = m.tn("{n} network reaches {name} and asks {persons} there for {hours} hours a "
                    "year in all.",
                    "{n} networks reach {name} and ask {persons} there for {hours} hours a "
                    "year in all.", len(r.networks), name=r.name,
                    persons=m.tn("{n} person", "{n} persons", row.persons),
                    hours=span_text(row.hours_per_year, lang=lang))
    top = r.persons[0] if r.persons else None
    if top is not None and top.hours_per_year.value is not None:
        load = ""
        if r.capacity_hours_per_year is not None and top.load is not None:
            load = m.t(": {share} of the capacity of one person ({capacity} hours)",
                       share=span_text(top.load, percent=True, lang=lang),
                       capacity=span_text(r.capacity_hours_per_year, lang=lang))
        text += " " + m.tn("The most loaded person, holding {n} role ({roles}), is asked by "
                           "{networks} for {hours} hours a year{load}.",
                           "The most loaded person, holding {n} roles ({roles}), is asked by "
                           "{networks} for {hours} hours a year{load}.", len(top.roles),
                           roles=_and([names.role(x) for x in top.roles], m),
                           networks=_networks(m, top.networks),
                           hours=span_text(top.hours_per_year, lang=lang), load=load)
    if estimated:
        if estimated == len(series) and estimated > 1:
            text += " " + m.t("All {n} meeting series rest on estimated cadences.",
                              n=len(series))
        else:
            text += " " + m.tn("{n} of the {total} meeting series rests on estimated cadences.",
                               "{n} of the {total} meeting series rest on estimated cadences.",
                               estimated, total=len(series))
    unknown = [n.network for n in r.networks if n.hours_per_year.value is None]
    if unknown:
        text += " " + m.t("What {networks} ask is unknown: the data gives no target role or "
                          "cadence, and it is not counted as 0.",
                          networks=_names(m, names, unknown))
    return text


def _p2(r: ProfileResult, names: Names, m: Messages) -> str:
    text = m.t("The networks reaching {name} bring {funding} from {funders} and {reporting}",
               name=r.name,
               funding=m.tn("{n} funding line", "{n} funding lines", r.funding_lines),
               funders=m.tn("{n} funder", "{n} funders", len(r.funders)),
               reporting=m.tn("{n} reporting line", "{n} reporting lines",
                              len(r.reporting_lines)))
    text += (": " + _and([names.line(x) for x in r.reporting_lines], m) + "."
             if r.reporting_lines else ".")
    if r.funding_unknown:
        text += " " + m.t("For {networks} the data says nothing about funding: their lines "
                          "are unknown, not none.",
                          networks=_networks(m, len(r.funding_unknown)))
    return text


def _p3(r: ProfileResult, names: Names, m: Messages) -> str:
    if not r.overlaps and not r.person_overlaps:
        return m.t("No two of these networks ask the same role in {name} for the same area.",
                   name=r.name)
    text = ""
    if r.overlaps:
        best = r.overlaps[0]
        text = m.tn("{n} pair of these networks asks the same role in {name} for the same "
                    "mandate area.",
                    "{n} pairs of these networks ask the same role in {name} for the same "
                    "mandate area.", len(r.overlaps), name=r.name)
        text += " " + m.t("The strongest:") + " " + m.t(
            "{a} and {b}{inferred} ({relation}, score {score}: {areas} for {roles}{via})",
            a=names.record(best.a), b=names.record(best.b), inferred="",
            relation=_relation(m, best.relation), score=decimal(best.score, 2, m.lang),
            areas=_areas(m, tuple(names.area(a) for a in best.shared_areas)),
            roles=_roles(m, tuple(names.role(x) for x in best.shared_roles)), via="") + "."
    if r.person_overlaps:
        text += " " + m.tn("In {n} more pair the networks ask different roles that one person "
                           "holds in {name}.",
                           "In {n} more pairs the networks ask different roles that one person "
                           "holds in {name}.", len(r.person_overlaps), name=r.name)
    return text.strip()


def _p4(r: ProfileResult, names: Names, m: Messages) -> str:
    joint = [n.network for n in r.networks if "implementation" in n.tasks]
    if not joint:
        return m.t("None of the networks reaching {name} runs joint implementation.",
                   name=r.name)
    return m.tn("{n} network reaching {name} runs joint implementation: {networks}.",
                "{n} networks reaching {name} run joint implementation: {networks}.",
                len(joint), name=r.name, networks=_names(m, names, joint, 6))


#: Leaders a network may reach (`load.vocab.ANCHORS`): asked directly by how many networks.
_LEADERS_ASKED = {
    "health-leader": N_("its health leaders are asked directly by {networks}"),
    "chief-executive": N_("its chief executives are asked directly by {networks}"),
    "elected": N_("its elected officials are asked directly by {networks}"),
}


def _p5(r: ProfileResult, names: Names, m: Messages) -> str:
    parts = []
    for leader in r.leaders:
        here = [p for p in leader.paths if p.reaches_here]
        networks = _networks(m, len(leader.direct))
        part = (m.t(_LEADERS_ASKED[leader.anchor], networks=networks)
                if leader.anchor in _LEADERS_ASKED else f"{leader.anchor}: {networks}")
        if here:
            part += " " + m.t("and through a body that reaches {name} by {n} more",
                              name=r.name, n=len(here))
        parts.append(part)
    judged = len(r.networks) - (len(r.leaders[0].not_judged) if r.leaders else 0)
    if not judged:
        return m.t("None of the networks reaching {name} names its target roles: whether they "
                   "reach its leaders is not judged.", name=r.name)
    text = m.tn("Of {n} network that names its target roles, {parts}.",
                "Of {n} networks that name their target roles, {parts}.", judged,
                parts="; ".join(parts))
    reach_none = [n for n in (r.leaders[0].none if r.leaders else ())
                  if all(n in lead.none for lead in r.leaders)]
    if reach_none:
        text += " " + m.t("{networks} reach none of its leaders, directly or through a body.",
                          networks=_names(m, names, reach_none))
    return text


def _p6(r: ProfileResult, m: Messages) -> str:
    tasks = Counter(t for n in r.networks for t in n.tasks)
    if not tasks:
        return m.t("The data gives no tasks for these networks.")
    ranked = sorted(tasks.items(), key=lambda i: (-i[1], i[0]))
    return m.t("The networks reaching {name}, by task: {tasks}.", name=r.name,
               tasks=", ".join(f"{_task(m, task)} {count}" for task, count in ranked))
