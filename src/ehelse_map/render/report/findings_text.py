"""The findings in words: what the data says about F1–F6, what it rests on, and what it cannot
confirm. Every count goes through `plural`, every figure through `span_text`, so a sentence
never says "1 networks" or shows an unknown as 0.
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from ehelse_map.analyses.findings import F1, F2, F3, F4, F5, F6, Evidence, Findings
from ehelse_map.model.records import Dataset
from ehelse_map.render.numbers import number, plural, span_text

if TYPE_CHECKING:
    from ehelse_map.analyses.profile import ProfileResult
    from ehelse_map.render.names import Names

TITLES = {
    "F1": "Complex actor map; the same person is the target of several networks",
    "F2": "Different funding sources, each with its own reporting line",
    "F3": "Apparent overlap between networks",
    "F4": "Joint implementation across municipalities",
    "F5": "Anchoring with health leaders and elected officials decides success",
    "F6": "Implementation versus continuous development",
}
SECTIONS = {"F1": "burden", "F2": "funding", "F3": "overlap", "F4": "consolidation",
            "F5": "anchoring", "F6": "gaps"}
ANCHOR_WORDS = {"health-leader": "health leaders", "chief-executive": "chief executives",
                "elected": "elected officials"}


def _few(items: tuple[str, ...], what: str, limit: int = 3) -> str:
    return ", ".join(items) if len(items) <= limit else plural(len(items), what)


def _and(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def f1_text(dataset: Dataset, f: F1, lang: str = "en") -> str:
    text = (f"{plural(f.networks, 'network')} are active. In "
            f"{plural(f.municipalities_many, 'municipality', 'municipalities')} of "
            f"{number(f.municipalities_reached)} reached, one person is the target of "
            f"{plural_min(3)} networks")
    if f.capacity is not None:
        text += (f"; {span_text(f.over_capacity)} "
                 + ("person is" if f.over_capacity.value == 1 else "persons are")
                 + f" asked for more than the capacity of {span_text(f.capacity)} hours a year")
    text += "."
    if f.most_loaded:
        top = f.most_loaded[0]
        if len(f.most_loaded) == 1:
            roles = ", ".join(_role(dataset, x, lang) for x in top.roles)
            tie = f"The most loaded person, in {top.name} ({roles}),"
        else:
            names = [r.name for r in f.most_loaded]
            more = plural(len(names) - 5, "more municipality", "more municipalities")
            shown = _and(names) if len(names) <= 5 else ", ".join(names[:5]) + f" and {more}"
            held = {len(r.roles) for r in f.most_loaded}
            roles = (f" (one person holding {plural(held.pop(), 'role')} each)"
                     if len(held) == 1 else "")
            tie = f"The most loaded persons, tied, are in {shown}{roles}"
        text += (f" {tie}: asked for {span_text(top.hours_per_year)} hours a year by "
                 f"{plural(top.networks, 'network')}.")
    return text


def plural_min(n: int) -> str:
    return f"{n} or more"


def _role(dataset: Dataset, role: str, lang: str) -> str:
    return dataset.roles[role].label(lang) if role in dataset.roles else role


def f1_sizes(f: F1) -> list[tuple[str, str, str]]:
    """(size class, mean hours of the most loaded person, the same with every role a person of
    its own): what the staffing assumption adds."""
    separate = {s.size_class: s for s in f.by_size_separate}
    rows = []
    for row in f.by_size:
        if not row.reached or row.size_class == "unknown":
            continue
        other = separate.get(row.size_class)
        rows.append((row.size_class, span_text(row.person_hours_mean),
                     span_text(other.person_hours_mean) if other else "–"))
    return rows


def f2_text(f: F2) -> str:
    text = (f"Funding is documented for {f.documented} of {plural(f.networks, 'network')}; "
            f"{plural(len(f.multi_funded), 'network has', 'networks have')} more than one "
            "funding source now.")
    if f.most_lines:
        names = [name for _, name, _, _ in f.most_lines]
        _, _, lines, networks = f.most_lines[0]
        if len(names) == 1:
            text += (f" {names[0]} answers to {plural(lines, 'reporting line')} through "
                     f"{plural(networks, 'network')}, the most of any organisation.")
        else:
            who = _and(names) if len(names) <= 3 else plural(len(names), "organisation")
            text += f" {who} each answer to {plural(lines, 'reporting line')}, the most."
    if f.documented < f.networks:
        text += (f" For {plural(f.networks - f.documented, 'network')} the data says nothing "
                 "about funding: their lines are unknown, not none.")
    return text


def f3_text(f: F3) -> str:
    if not f.pairs:
        return ("No two active networks reach the same role in the same organisation on the "
                "same mandate area" + (f"; {plural(f.not_compared, 'network')} could not be "
                                       "compared" if f.not_compared else "") + ".")
    parts = []
    for p in f.strongest:
        via = ""
        if p.via_broader:
            shown = ", ".join(p.via_broader[:2])
            more = len(p.via_broader) - 2
            via = f"; through {shown}" + (f" and {more} more" if more > 0 else "")
        inferred = " (partly inferred)" if p.inferred else ""
        parts.append(f"{p.a_name} and {p.b_name}{inferred} ({p.relation}, score {p.score:.2f}: "
                     f"{_few(p.shared_areas, 'area')} for {_few(p.shared_roles, 'role')}{via})")
    tied = len(f.strongest) > 3
    return (f"{plural(f.pairs, 'pair')} of networks overlap. The strongest"
            + (" (with ties)" if tied else "") + ": " + "; ".join(parts) + ".")


def f4_text(f: F4) -> str:
    text = f"{plural(f.joint, 'network')} run joint implementation across municipalities."
    if f.best is not None:
        text += (f" Merging {' and '.join(f.best.names)} would take "
                 f"{span_text(f.best.hours_saved)} meeting hours a year off municipalities "
                 "(a computation on the data, not advice).")
    else:
        text += f" No merge of networks overlapping at {f.min_score:.2f} or more saves hours."
    if f.adding:
        text += (f" {plural(f.adding, 'merge')} looked at would save no hours and "
                 + ("is" if f.adding == 1 else "are") + " not a consolidation candidate.")
    return text


def f5_text(f: F5) -> str:
    missing = dict(f.missing)
    text = (f"Of {plural(f.judged, 'network')} that name their target roles, "
            f"{missing['health-leader']} reach no health leaders, "
            f"{missing['chief-executive']} no chief executives and {missing['elected']} no "
            f"elected officials, directly or through a body they answer to; "
            f"{f.unanchored} reach none of them.")
    if f.no_roles:
        text += (f" {plural(f.no_roles, 'network')} name no target role: whom "
                 + ("it asks" if f.no_roles == 1 else "they ask")
                 + " is unknown, so "
                 + ("it is" if f.no_roles == 1 else "they are") + " not judged.")
    return text


def f6_text(f: F6) -> str:
    counts = dict(f.tasks)
    return ("Mandates by task: " + ", ".join(f"{task} {count}" for task, count in f.tasks)
            + f". Implementation: {counts.get('implementation', 0)}; continuous development and "
              f"competence: {counts.get('development', 0) + counts.get('competence', 0)}.")


def circular_text(code: str, assumptions: tuple[str, ...]) -> str:
    """What a reader must know when the answer rests on an assumption taken from the finding."""
    return (f"This answer rests on {_and([f'`{a}`' for a in assumptions])}, taken from the "
            f"evaluation's finding {code} itself: the result follows from that assumption and "
            f"does not confirm {code}.")


def _listed(items: tuple[str, ...], what: str, limit: int = 6) -> str:
    """`a, b, c`, or `12 networks (a, b, c, …)` past the limit."""
    if len(items) <= limit:
        return ", ".join(items)
    return f"{plural(len(items), what)} ({', '.join(items[:3])}, …)"


def evidence_lines(evidence: Evidence, names: Names | None = None) -> list[str]:
    """The parts of 'What these answers rest on' for one finding; networks by name when
    `names` has the data set."""
    def named(ids: tuple[str, ...]) -> tuple[str, ...]:
        return ids if names is None else tuple(names.record(i) for i in ids)

    lines = []
    if evidence.documented:
        lines.append("documented: " + _listed(named(evidence.documented), "network"))
    if evidence.estimated:
        lines.append(f"estimated: {', '.join(evidence.estimated)}")
    if evidence.inferred:
        lines.append("inferred: " + _listed(named(evidence.inferred), "network"))
    if evidence.from_findings:
        lines.append("taken from the evaluation: " + ", ".join(
            f"{a} ({finding})" for a, finding in evidence.from_findings))
    return lines or ["nothing estimated or inferred"]


def texts(dataset: Dataset, found: Findings, lang: str = "en") -> dict[str, str]:
    """Each finding's answer, with the circularity sentence where it applies."""
    answers = {"F1": f1_text(dataset, found.f1, lang), "F2": f2_text(found.f2),
               "F3": f3_text(found.f3), "F4": f4_text(found.f4), "F5": f5_text(found.f5),
               "F6": f6_text(found.f6)}
    for code in answers:
        circular = found.circular(code)
        if circular:
            answers[code] += " " + circular_text(code, circular)
    return answers


# --- one organisation (`report --organisation`) ---------------------------------------------------

#: The section of the organisation's report that holds each finding's detail.
PROFILE_SECTIONS = {"F1": "asked", "F2": "funding", "F3": "overlap", "F4": "networks",
                    "F5": "leaders", "F6": "networks"}


def profile_texts(result: ProfileResult, names: Names) -> dict[str, str]:
    """The evaluation's findings answered for one organisation, from its profile."""
    if not result.networks:
        if result.not_taking_part:
            nothing = (f"{result.name} takes part in none of the networks that reach it: "
                       f"{_names(names, result.not_taking_part, 'network')}.")
        elif result.active:
            nothing = f"No network active on the day reaches {result.name}."
        else:
            nothing = f"{result.name} is not active on the day: no network is counted."
        return dict.fromkeys(PROFILE_SECTIONS, nothing)
    return {"F1": _p1(result, names), "F2": _p2(result, names), "F3": _p3(result, names),
            "F4": _p4(result, names), "F5": _p5(result, names), "F6": _p6(result)}


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


def _names(names: Names, ids: tuple[str, ...] | list[str], what: str, limit: int = 4) -> str:
    shown = [names.record(i) for i in ids]
    if len(shown) <= limit:
        return _and(shown)
    return _and([*shown[:limit - 1], plural(len(shown) - limit + 1, "more " + what)])


def _verb(n: int, one: str, many: str) -> str:
    return one if n == 1 else many


def _p1(r: ProfileResult, names: Names) -> str:
    row = r.burden
    if row is None:  # no network: profile_texts has answered already
        return ""
    series = [s for n in r.networks for s in n.series if s.asks != "network"]
    estimated = sum(1 for s in series if s.basis == "estimated")
    reach = (f"{plural(len(r.networks), 'network')} "
             f"{_verb(len(r.networks), 'reaches', 'reach')} {r.name}")
    if row.hours_per_year.value is None:
        text = f"{reach}."
    else:
        text = (f"{reach} and {_verb(len(r.networks), 'asks', 'ask')} "
                f"{plural(row.persons, 'person')} there for {span_text(row.hours_per_year)} "
                "hours a year in all.")
    top = r.persons[0] if r.persons else None
    if top is not None and top.hours_per_year.value is not None:
        roles = _and([names.role(x) for x in top.roles])
        text += (f" The most loaded person, holding {plural(len(top.roles), 'role')} "
                 f"({roles}), is asked by {plural(top.networks, 'network')} for "
                 f"{span_text(top.hours_per_year)} hours a year")
        if r.capacity_hours_per_year is not None and top.load is not None:
            text += (f": {span_text(top.load, percent=True)} of the capacity of one person "
                     f"({span_text(r.capacity_hours_per_year)} hours)")
        text += "."
    if estimated:
        text += (f" All {plural(len(series), 'meeting series', 'meeting series')} rest"
                 if estimated == len(series) and estimated > 1 else
                 f" {estimated} of the {plural(len(series), 'meeting series', 'meeting series')}"
                 f" {_verb(estimated, 'rests', 'rest')}") + " on estimated cadences."
    unknown = [n.network for n in r.networks if n.hours_per_year.value is None]
    if unknown:
        text += (f" What {_names(names, unknown, 'network')} "
                 f"{_verb(len(unknown), 'asks', 'ask')} is unknown: the data gives no target "
                 "role or cadence, and it is not counted as 0.")
    return text


def _p2(r: ProfileResult, names: Names) -> str:
    text = (f"The networks reaching {r.name} bring "
            f"{plural(r.funding_lines, 'funding line')} from "
            f"{plural(len(r.funders), 'funder')} and "
            f"{plural(len(r.reporting_lines), 'reporting line')}")
    text += (": " + _and([names.line(x) for x in r.reporting_lines]) + "."
             if r.reporting_lines else ".")
    if r.funding_unknown:
        text += (f" For {plural(len(r.funding_unknown), 'network')} the data says nothing "
                 "about funding: their lines are unknown, not none.")
    return text


def _p3(r: ProfileResult, names: Names) -> str:
    if not r.overlaps and not r.person_overlaps:
        return f"No two of these networks ask the same role in {r.name} for the same area."
    text = ""
    if r.overlaps:
        best = r.overlaps[0]
        text = (f"{plural(len(r.overlaps), 'pair')} of these networks ask the same role in "
                f"{r.name} for the same mandate area. The strongest: {names.record(best.a)} "
                f"and {names.record(best.b)} ({best.relation}, score {best.score:.2f}: "
                f"{_few(tuple(names.area(a) for a in best.shared_areas), 'area')} for "
                f"{_few(tuple(names.role(x) for x in best.shared_roles), 'role')}).")
    if r.person_overlaps:
        text += (f" In {plural(len(r.person_overlaps), 'more pair')} the networks ask "
                 f"different roles that one person holds in {r.name}.")
    return text.strip()


def _p4(r: ProfileResult, names: Names) -> str:
    joint = [n.network for n in r.networks if "implementation" in n.tasks]
    if not joint:
        return f"None of the networks reaching {r.name} runs joint implementation."
    return (f"{plural(len(joint), 'network')} reaching {r.name} "
            + ("runs" if len(joint) == 1 else "run")
            + f" joint implementation: {_names(names, joint, 'network', 6)}.")


def _p5(r: ProfileResult, names: Names) -> str:
    parts = []
    for leader in r.leaders:
        here = [p for p in leader.paths if p.reaches_here]
        words = ANCHOR_WORDS.get(leader.anchor, leader.anchor)
        part = f"its {words} are asked directly by {plural(len(leader.direct), 'network')}"
        if here:
            part += f" and through a body that reaches {r.name} by {len(here)} more"
        parts.append(part)
    judged = len(r.networks) - (len(r.leaders[0].not_judged) if r.leaders else 0)
    if not judged:
        return (f"None of the networks reaching {r.name} names its target roles: whether "
                "they reach its leaders is not judged.")
    text = (f"Of {plural(judged, 'network')} that {_verb(judged, 'names its', 'name their')} "
            "target roles, " + "; ".join(parts) + ".")
    reach_none = [n for n in (r.leaders[0].none if r.leaders else ())
                  if all(n in lead.none for lead in r.leaders)]
    if reach_none:
        text += (f" {_names(names, reach_none, 'network')} reach none of its leaders, "
                 "directly or through a body.")
    return text


def _p6(r: ProfileResult) -> str:
    tasks = Counter(t for n in r.networks for t in n.tasks)
    if not tasks:
        return "The data gives no tasks for these networks."
    ranked = sorted(tasks.items(), key=lambda i: (-i[1], i[0]))
    return (f"The networks reaching {r.name}, by task: "
            + ", ".join(f"{task} {count}" for task, count in ranked) + ".")
