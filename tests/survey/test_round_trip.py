"""The survey round trip on the hand-made data set of tests/survey/data: questionnaires out,
answers filled in with openpyxl (valid, invalid, conflicting, partial), imported, and the
burden worked out by hand in the comments.

Before any answer (as of 2025-06-01), each Vest municipality is asked for
    vest-nett helseleiar          4 (2–6) × 3 (2–4)      = 12 (4–24) h, estimated
    vest-nett ehelsekoordinator   10 × 2                 = 20 h, documented
    nasjonalt ehelsekoordinator   2 × 6 = 12 h, 3 seats of 11 organisations: 12 × 3/11
                                                         = 3.27 (0–12) h, an expected share
so 35.27 (24–56) h. Aby, Dby, Fby have fewer than 5,000 inhabitants: one person holds both
roles. Answers are given on 2025-05-20: the period is 2024-05-21 to 2025-05-20.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest

from ehelse_map.analyses import burden
from ehelse_map.analyses.survey import survey_summary
from ehelse_map.model.build import load_dataset

from .helpers import NASJONALT_EHK, VEST_EHK, VEST_LEADER, copy_data, fill, set_saved

DAY = date(2025, 6, 1)
SHEET = "Spørreskjema"


@pytest.fixture
def survey(tmp_path: Path, run_cli):
    """A data folder and the Vest questionnaires in bokmål, created by the command."""
    data = copy_data(tmp_path)
    out = tmp_path / "out"
    result = run_cli(["survey", "create", "--data", str(data), "--region", "vest", "-o",
                      str(out), "--lang", "nb"])
    assert result.exit_code == 0, result.stderr
    assert "wrote" in result.stderr and "6 questionnaires" in result.stderr
    return data, out


def answer_all(out: Path) -> dict[str, Path]:
    """Aby, Bby and Cby answer validly (Cby in part); Dby's answers are invalid; Eby
    answers twice, differently (two respondents, same day); Fby does not answer."""
    files = {
        # Aby: not in nasjonalt; vest-nett's coordinator 10 × 2 (as documented), its leader
        # 6 × 2; the same person holds both roles
        "aby": fill(out / "aby.xlsx", {
            NASJONALT_EHK: {"H": "nei"},
            VEST_EHK: {"H": "ja", "I": 10, "J": 2, "K": "Leder for helse og omsorg"},
            VEST_LEADER: {"H": "ja", "I": 6, "J": 2}}, missing="Kreftnettverket"),
        # Bby: the leader takes no part in vest-nett; the coordinator had 8 meetings of 2,5 h
        # (typed with a decimal comma); nasjonalt not answered
        "bby": fill(out / "bby.xlsx", {
            VEST_EHK: {"H": "JA", "I": "8", "J": "2,5"}, VEST_LEADER: {"H": "nei"}}),
        # Cby: partial: 3 leader meetings, hours left out
        "cby": fill(out / "cby.xlsx", {VEST_LEADER: {"H": "ja", "I": 3}}),
        # Dby: every answer wrong, and no date or role
        "dby": fill(out / "dby.xlsx", {
            NASJONALT_EHK: {"H": "kanskje"},
            VEST_EHK: {"H": "ja", "I": 400, "J": "mye"},
            VEST_LEADER: {"I": 4}}, role=None, answered="2025-13-45"),
        "eby": fill(out / "eby.xlsx", {VEST_LEADER: {"H": "ja", "I": 4, "J": 3}}),
        "eby2": fill(out / "eby.xlsx", {VEST_LEADER: {"H": "ja", "I": 6, "J": 3}},
                     role="Helsesjef", save_as=out / "eby-2.xlsx"),
    }
    set_saved(files["eby"], datetime(2025, 5, 20, 9, 0))
    set_saved(files["eby2"], datetime(2025, 5, 20, 15, 30))
    return files


def test_invalid_answers_are_located_and_nothing_is_written(survey, run_cli):
    data, out = survey
    files = answer_all(out)
    result = run_cli(["survey", "import", *(str(files[k]) for k in ("aby", "dby", "bby")),
                      "--data", str(data)])
    assert result.exit_code == 1
    dby = str(files["dby"])
    assert result.stdout.splitlines() == [
        f"{dby}:{SHEET}!D4: give the respondent's role (never a name)",
        f"{dby}:{SHEET}!D5: the date answered must be a date (YYYY-MM-DD)",
        f"{dby}:{SHEET}!H9: take part must be yes, no or partly, not 'kanskje'",
        f"{dby}:{SHEET}!I10: meetings must be a whole number 0–365",
        f"{dby}:{SHEET}!J10: hours per meeting must be a number 0–24",
        f"{dby}:{SHEET}!H11: say whether the organisation takes part (yes, no or partly): "
        "the row has other answers",
    ]
    assert "6 invalid answers in 3 questionnaires; nothing written" in result.stderr
    assert not (data / "observations.yaml").exists()


def test_conflicting_answers_are_reported_not_merged(survey, run_cli):
    data, out = survey
    files = answer_all(out)
    result = run_cli(["survey", "import", str(files["eby"]), str(files["eby2"]),
                      "--data", str(data)])
    assert result.exit_code == 1
    (line,) = result.stdout.splitlines()
    assert line == (f"conflicting answers of eby about vest-nett, role helseleiar, "
                    f"2024-05-21–2025-05-20: {files['eby']}:{SHEET}!H11 says takes part: yes, "
                    f"4 meetings, 3 h a meeting (respondent_role too); {files['eby2']}:{SHEET}"
                    f"!H11 says takes part: yes, 6 meetings, 3 h a meeting (respondent_role too)")
    assert "--prefer-latest" in result.stderr
    assert not (data / "observations.yaml").exists()
    # --prefer-latest keeps the answer saved last: eby-2.xlsx, 15:30
    result = run_cli(["survey", "import", str(files["eby"]), str(files["eby2"]),
                      "--data", str(data), "--prefer-latest"])
    assert result.exit_code == 0, result.stdout + result.stderr
    (observation,) = load_dataset(data).observations
    assert (observation.meetings.value, observation.respondent_role) == (6, "Helsesjef")


def test_round_trip(survey, run_cli):
    data, out = survey
    files = answer_all(out)
    valid = [str(files[k]) for k in ("aby", "bby", "cby", "eby")]
    result = run_cli(["survey", "import", *valid, "--data", str(data)])
    assert result.exit_code == 0, result.stdout + result.stderr
    # aby 3 answers, bby 2, cby 1, eby 1
    assert "7 answers from 4 questionnaires: 7 new, 0 replaced, 0 unchanged" in result.stderr
    written = (data / "observations.yaml").read_bytes()
    assert run_cli(["validate", str(data), "--strict"]).exit_code == 0

    # importing the same files again changes nothing, not even the file's bytes
    again = run_cli(["survey", "import", *valid, "--data", str(data)])
    assert again.exit_code == 0 and "nothing new" in again.stderr
    assert (data / "observations.yaml").read_bytes() == written

    dataset = load_dataset(data)
    assert len(dataset.observations) == 7 and len(dataset.sources) == 1 + 4
    aby = {(o.network, o.role): o for o in dataset.observations if o.organisation == "aby"}
    leader = aby[("vest-nett", "helseleiar")]
    assert str(leader.period) == "2024-05-21–2025-05-20" and leader.respondent_role == "Kommunalsjef"
    assert aby[("vest-nett", "ehelsekoordinator")].roles_held == ("helseleiar",)
    assert aby[("nasjonalt", "ehelsekoordinator")].takes_part == "no"
    source = dataset.sources[leader.sources[0]]
    assert source.note == "Networks missing from the list: Kreftnettverket"

    rows = {r.key: r for r in burden(dataset, DAY).rows}

    def figure(key: str) -> tuple:
        span = rows[key].hours_per_year
        return (round(span.value, 2), round(span.low, 2), round(span.high, 2), span.estimated)

    # Aby: nasjonalt "no" -> gone; 10 × 2 + 6 × 2 = 32 h, all observed, not an estimate
    assert figure("aby") == (32, 32, 32, False)
    assert rows["aby"].networks == 1 and rows["aby"].observed
    # Bby: leader "no"; coordinator 8 × 2.5 = 20 observed + nasjonalt 3.27 (0–12) = 23.27
    assert figure("bby") == (23.27, 20, 32, False)
    # Cby: leader 3 observed × 3 (2–4) estimated hours = 9 (6–12); coordinator 20 + 3.27 (0–12)
    # -> 32.27 (26–44)
    assert figure("cby") == (32.27, 26, 44, True)
    # Eby: leader 4 × 3 = 12 observed (inside the estimate 4–24) + 20 + 3.27 (0–12)
    assert figure("eby") == (35.27, 32, 44, False)
    # Fby did not answer: 35.27 (24–56), estimated
    assert figure("fby") == (35.27, 24, 56, True) and not rows["fby"].observed

    result = burden(dataset, DAY)
    # observed in Aby, Bby, Cby, Eby of 8 reached (6 in Vest, Gby, the aggregate of 4 = 11)
    assert (result.observed_organisations, result.reached_organisations,
            result.fully_observed_organisations) == (4, 11, 1)
    table = run_cli(["burden", "--data", str(data)])
    assert "hours observed (survey answers) in 4 of 11 municipalities (all their hours in 1)" \
        in " ".join(table.stdout.split())

    summary = survey_summary(dataset, DAY)
    assert (summary.answered, summary.municipalities, summary.questionnaires) == (4, 12, 4)
    vest = next(r for r in summary.by_region if r.key == "vest")
    assert (vest.municipalities, vest.answered, vest.series, vest.series_answered) == (6, 4, 18, 7)
    compared = {(c.network, c.role): c for c in summary.comparisons}
    # leader: Aby 12 and Eby 12 lie inside 4–24; Cby gave no hours; Bby said no
    leaders = compared[("vest-nett", "helseleiar")]
    assert (leaders.answers, leaders.inside, leaders.not_taking_part, leaders.verdict) == (
        2, 2, 1, "confirms")
    # coordinator: documented 20; Aby 20 confirms it, Bby 20 too
    assert compared[("vest-nett", "ehelsekoordinator")].inside == 2


def test_the_survey_rule_gives_non_respondents_the_median(survey, run_cli):
    """With `survey_rule: median-3`, the leader meetings answered 6 (Aby), 3 (Cby), 4 (Eby)
    give Dby and Fby the median 4 meetings (range 3–6); only two answers gave hours, fewer
    than 3, so hours stay the estimate 3 (2–4): 4 × 3 = 12 (6–24) h."""
    data, out = survey
    files = answer_all(out)
    run_cli(["survey", "import", *(str(files[k]) for k in ("aby", "bby", "cby", "eby")),
             "--data", str(data)])
    actors = data / "actors.yaml"
    actors.write_text(actors.read_text().replace('  as_of: "2025-06-01"\n',
                                                 '  as_of: "2025-06-01"\n'
                                                 "  survey_rule: median-3\n"))
    dataset = load_dataset(data)
    rows = {r.key: r for r in burden(dataset, DAY, by="person").rows}
    # Fby (2,500 inhabitants): one person: leader 12 (6–24) + coordinator 20 + 3.27 (0–12)
    fby = rows["fby/helseleiar+ehelsekoordinator"]
    span = fby.hours_per_year
    assert (round(span.value, 2), round(span.low, 2), round(span.high, 2)) == (35.27, 26, 56)
    assert fby.surveyed == ("vest-nett",) and not fby.observed
    table = run_cli(["burden", "--data", str(data), "--by", "person"]).stdout
    assert "srv: survey rule median-3" in " ".join(table.split())


def test_a_member_of_an_aggregate_answers_about_the_networks_reaching_the_aggregate(
        tmp_path, run_cli):
    """Iby belongs to 'the other municipalities of Nord', which nord-nett and nasjonalt reach:
    its questionnaire has both, marked as reached through the aggregate."""
    from openpyxl import load_workbook

    data = copy_data(tmp_path)
    result = run_cli(["survey", "create", "--data", str(data), "--organisation", "Iby",
                      "-o", str(tmp_path / "out"), "--lang", "en"])
    assert result.exit_code == 0, result.stderr
    sheet = load_workbook(tmp_path / "out" / "iby.xlsx")["Questionnaire"]
    assert [(sheet[f"A{r}"].value, sheet[f"C{r}"].value) for r in (9, 10)] == [
        ("nasjonalt", "Nasjonalt nettverk (through The other municipalities of Nord) "
                      "(3 seats shared by the members)"),
        ("nord-nett", "Nord-nettverket (through The other municipalities of Nord)")]
    fill(tmp_path / "out" / "iby.xlsx", {10: {"H": "yes", "I": 5, "J": 2}})
    result = run_cli(["survey", "import", str(tmp_path / "out" / "iby.xlsx"), "--data",
                      str(data)])
    assert result.exit_code == 0, result.stdout + result.stderr
    assert run_cli(["validate", str(data)]).exit_code == 0
    # the aggregate's row is unchanged: an answer from one of its members is kept (and
    # reported by the survey summary) but does not stand for all four
    rows = {r.key: r for r in burden(load_dataset(data), DAY).rows}
    assert not rows["nord-andre"].observed


def test_import_needs_an_output_and_refuses_other_files(survey, run_cli, tmp_path):
    data, out = survey
    result = run_cli(["survey", "import", str(out / "aby.xlsx")])
    assert result.exit_code == 2 and "-o FILE, or --data DIR" in result.stderr
    result = run_cli(["survey", "import", str(out / "aby.xlsx"), "--data", str(data),
                      "-o", str(tmp_path / "answers.yml")])
    assert result.exit_code == 2 and "NAME.yaml" in result.stderr
    result = run_cli(["survey", "import", str(data / "actors.yaml"), "--data", str(data),
                      "-o", str(tmp_path / "answers.yaml")])
    assert result.exit_code == 1
    assert result.stdout.startswith(f"{data / 'actors.yaml'}: cannot read it as a questionnaire")
    # a standalone observation file (-o) with an unanswered questionnaire: nothing new
    result = run_cli(["survey", "import", str(out / "fby.xlsx"), "--data", str(data),
                      "-o", str(tmp_path / "answers.yaml")])
    assert result.exit_code == 0 and "nothing new" in result.stderr
    assert not (tmp_path / "answers.yaml").exists()


def test_create_needs_whom_to_ask(run_cli, tmp_path):
    data = copy_data(tmp_path)
    result = run_cli(["survey", "create", "--data", str(data), "-o", str(tmp_path / "q")])
    assert result.exit_code == 2 and "--organisation ID, --region ID or --country" in result.stderr
    result = run_cli(["survey", "create", "--data", str(data), "-o", str(tmp_path / "q"),
                      "--organisation", "ks"])
    assert result.exit_code == 1 and "no questionnaire" in result.stderr
    result = run_cli(["survey", "create", "--data", str(data), "-o", str(tmp_path / "q"),
                      "--organisation", "aby", "--lang", "de"])
    assert result.exit_code == 2
    args = ["survey", "create", "--data", str(data), "-o", str(tmp_path / "q"),
            "--organisation", "Aby", "--organisation", "bby"]
    assert run_cli(args).exit_code == 0
    assert sorted(p.name for p in (tmp_path / "q").iterdir()) == ["aby.xlsx", "bby.xlsx"]
    again = run_cli(args)  # an answered questionnaire is never overwritten by accident
    assert again.exit_code == 2 and "--force" in again.stderr
    assert run_cli([*args, "--force"]).exit_code == 0


def test_the_report_has_a_survey_section(survey, run_cli):
    from ehelse_map.render.report.assemble import build_report
    from ehelse_map.render.report.html import render_html

    data, out = survey
    assert "survey" not in [s.id for s in build_report(load_dataset(data), DAY,
                                                        diagrams=False).sections]
    files = answer_all(out)
    run_cli(["survey", "import", *(str(files[k]) for k in ("aby", "bby", "cby", "eby")),
             "--data", str(data)])
    report = build_report(load_dataset(data), DAY, diagrams=False)
    section = next(s for s in report.sections if s.id == "survey")
    assert section.intro[0].startswith("7 answers from 4 returned questionnaires: 4 of 12 "
                                       "municipalities in scope answered (33%)")
    by_county, by_size, compared, assumptions, remarks = [t.table for t in section.tables]
    assert ("Vest fylke", 6, 4, "67%", 18, 7) in by_county.rows
    # sizes: <5k Aby Dby Fby + the aggregate's 4 + Iby = 8, Aby answered; 5k–20k Bby Eby;
    # 20k–50k Gby; ≥50k Cby
    assert [r[:3] for r in by_size.rows] == [("<5k", 8, 1), ("5k–20k", 2, 2),
                                             ("20k–50k", 1, 0), ("≥50k", 1, 1)]
    leader = next(r for r in compared.rows if r[:2] == ("vest-nett", "helseleiar"))
    assert leader[2:] == ("12 (4–24)", "estimated", 2, 2, 0, 0, 1, 0, "12", "confirms")
    # cadence-net in scope: vest-nett's leader (6 municipalities) and nord-nett's leader (Gby
    # and the aggregate of 4), meetings and hours each: (6 + 5) × 2 = 22 uses; answers
    # replace Aby's, Eby's both (4), Bby's "no" both (2), Cby's meetings (1): 7
    assert assumptions.rows == (("cadence-net", 22, 7, 0, 15, "still needed"),)
    assert remarks.rows == (("Survey answer: Aby, 2025-05-20",
                             "Networks missing from the list: Kreftnettverket"),)
    assert 'id="survey"' in render_html(report)
