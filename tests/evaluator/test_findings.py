"""The report's findings are honest: counts are counted right, ties are ties, unknown is not
none, plurals agree, and an answer resting on an assumption taken from the same finding never
claims to confirm it."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ehelse_map.analyses.findings import F2, F4, F5, Evidence
from ehelse_map.model.build import load_dataset
from ehelse_map.render.report import findings_text
from ehelse_map.render.report.assemble import build_report

FORMAT2 = Path(__file__).resolve().parents[1] / "fixtures" / "format2"
AS_OF = date(2024, 6, 1)
WORDS = ("network", "municipalit", "pair", "person", "organisation", "candidate", "merge",
         "role", "line")
WRONG = re.compile(r"(?<![\d.,])1 (networks|municipalities|pairs|persons|organisations|"
                   r"candidates|merges|roles|reporting lines)\b"
                   r"|(?<![\d.,])(0|[2-9]|\d{2,}) (network|municipality|pair|person|"
                   r"organisation|candidate|merge|role|reporting line)\b(?!s)")


@pytest.fixture(scope="module")
def data():
    return load_dataset(FORMAT2)


def finding(report, code):
    return next(f for f in report.findings if f.code == code)


def test_f1_counts_municipalities_not_person_rows(data) -> None:
    # by hand: m-small's one person is asked by general, specific, seats-net and part-net (4);
    # m-mid's coordinator by 2 and its lead by 2; m-big's lead by seats-net, part-net and
    # unknown-net (3). So 2 municipalities, though 2 + 0 + 1 person rows would also give 3.
    report = build_report(data, AS_OF, diagrams=False)
    text = finding(report, "F1").text
    assert "In 2 municipalities of 3 reached, one person is the target of 3 or more networks" \
        in text


def test_a_finding_from_its_own_assumption_says_it_cannot_confirm_it(data) -> None:
    # the fixture's staffing assumption is taken from F1 (from_findings: [F1])
    f1 = finding(build_report(data, AS_OF, diagrams=False), "F1")
    assert f1.circular == ("staffing",)
    assert "taken from the evaluation's finding F1 itself" in f1.text
    assert "does not confirm F1" in f1.text


@settings(max_examples=20)
@given(st.lists(st.sampled_from(["F1", "F2", "F3", "F4", "F5", "F6"]), max_size=3),
       st.sampled_from(["cadence", "capacity", "staffing"]))
def test_no_answer_ever_claims_a_finding_confirmed(data, flags, assumption) -> None:
    """Whichever findings an assumption is said to come from (or none), no answer says
    "confirms"; every circular answer says it does not confirm its finding."""
    changed = dict(data.assumptions)
    changed[assumption] = replace(changed[assumption], from_findings=tuple(sorted(set(flags))))
    report = build_report(replace(data, assumptions=changed), AS_OF, diagrams=False)
    for item in report.findings:
        assert not re.search(r"\bconfirm(s|ed)\b", item.text), item.text
        if item.circular:
            assert f"does not confirm {item.code}" in item.text


@pytest.mark.parametrize("n", [0, 1, 2])
def test_every_template_agrees_in_number(n) -> None:
    evidence = Evidence()
    names = tuple(f"org{i}" for i in range(n))
    texts = [
        findings_text.f2_text(F2(documented=n, networks=n, multi_funded=names,
                                 most_lines=tuple((x, x, n, n) for x in names[:1]),
                                 evidence=evidence)),
        findings_text.f4_text(F4(joint=n, best=None, adding=n, min_score=0.25,
                                 evidence=evidence)),
        findings_text.f5_text(F5(judged=n, no_roles=n, missing=(
            ("health-leader", n), ("chief-executive", n), ("elected", n)), unanchored=n,
            evidence=evidence)),
    ]
    for text in texts:
        assert not WRONG.search(text), text
    from ehelse_map.render.i18n import messages

    counted = messages("en").tn("{n} network", "{n} networks", n)
    assert counted == f"{n} network" + ("" if n == 1 else "s")


def test_the_default_report_reads_right(default_report_text) -> None:
    assert not WRONG.search(default_report_text)


@pytest.fixture(scope="module")
def default_report_text():
    report = build_report(load_dataset(), date(2025, 6, 1), diagrams=False)
    return "\n".join(f.text for f in report.findings)


def test_ties_are_shown_as_ties(data) -> None:
    # every municipality of the same size, asked by the same two networks: a three-way tie
    actors = {k: replace(a, population=2000) if a.kind == "municipality" else a
              for k, a in data.actors.items()}
    networks = {k: n for k, n in data.networks.items() if k in ("general", "seats-net")}
    text = finding(build_report(replace(data, actors=actors, networks=networks), AS_OF,
                                diagrams=False), "F1").text
    assert "The most loaded persons, tied, are in Big, Middle and Small" in text
