"""What a questionnaire holds, in each language, read back with openpyxl."""

from __future__ import annotations

from datetime import date

import pytest

from ehelse_map.analyses.survey import questionnaire
from ehelse_map.model.build import load_dataset
from ehelse_map.render.survey import texts
from ehelse_map.render.survey.workbook import questionnaire_workbook

from .helpers import DATA, NASJONALT_EHK, VEST_EHK, VEST_LEADER

DAY = date(2025, 6, 1)


def test_every_text_is_in_every_language():
    for key in texts.message_ids():
        assert set(texts.languages_of(key)) == set(texts.LANGS), key
        for lang in texts.LANGS:
            assert texts.text(key, lang, organisation="X", sheet="S", date="D", dataset="d",
                              id="i", name="n", seats=1, column="c").strip(), (key, lang)
    assert all(len(name) <= 31 and not set(name) & set("[]:*?/\\")
               for name in texts.sheet_names())
    assert texts.ANSWER_WORDS["delvis"] == "partly" and texts.ANSWER_WORDS["nei"] == "no"


@pytest.mark.parametrize("lang", texts.LANGS)
def test_a_questionnaire(lang, tmp_path):
    from openpyxl import load_workbook

    dataset = load_dataset(DATA)
    asked = questionnaire(dataset, "aby", DAY)
    path = tmp_path / "aby.xlsx"
    path.write_bytes(questionnaire_workbook(asked, dataset, lang))
    workbook = load_workbook(path)
    cover, sheet, roles, meta = workbook.worksheets
    assert [s.title for s in workbook.worksheets] == [
        texts.text("sheet_cover", lang), texts.text("sheet_questions", lang),
        texts.text("sheet_roles", lang), "ehelse-map"]
    assert meta.sheet_state == "veryHidden"
    assert dict(meta.iter_rows(max_col=2, values_only=True))["organisation"] == "aby"
    # the cover says what the answers are used for, and asks for no names
    cover_text = " ".join(str(c.value) for c in cover["A"] if c.value)
    assert texts.text("cover_use", lang, organisation="Aby") in cover_text
    assert texts.text("cover_privacy", lang) in cover_text
    assert texts.text("q_respondent", lang) == sheet["C4"].value
    # one row per network and role; ids in hidden, locked columns; answers unlocked
    assert [(sheet[f"A{r}"].value, sheet[f"B{r}"].value) for r in
            (NASJONALT_EHK, VEST_EHK, VEST_LEADER)] == [
        ("nasjonalt", "ehelsekoordinator"), ("vest-nett", "ehelsekoordinator"),
        ("vest-nett", "helseleiar")]
    assert sheet["A12"].value is None
    assert sheet.column_dimensions["A"].hidden and sheet.column_dimensions["B"].hidden
    assert sheet.protection.sheet and sheet["A9"].protection.locked
    assert not sheet["H9"].protection.locked and not sheet["D4"].protection.locked
    # the figure now, with its range and basis: the leader's 4 (2–6) meetings × 3 (2–4) h
    basis = {w: texts.basis_word(w, lang) for w in ("estimated", "documented")}
    assert [sheet[f"{c}{VEST_LEADER}"].value for c in "EFG"] == ["4 (2–6)", "12 (4–24)",
                                                                  basis["estimated"]]
    assert [sheet[f"{c}{VEST_EHK}"].value for c in "EFG"] == ["10", "20", basis["documented"]]
    # 3 seats of 11: 2 × 3/11 = 0.5 (0–2) meetings, 12 × 3/11 = 3.3 (0–12) h
    assert [sheet[f"{c}{NASJONALT_EHK}"].value for c in "EF"] == ["0.5 (0–2)", "3.3 (0–12)"]
    rules = {(v.type, v.formula1, v.formula2): str(v.sqref)
             for v in sheet.data_validations.dataValidation}
    words = ",".join(texts.TAKES_PART[lang])
    assert rules[("list", f'"{words}"', None)] == "H9:H11"
    assert rules[("whole", "0", "365")] == "I9:I11"
    assert rules[("decimal", "0", "24")] == "J9:J11"
    assert rules[("date", "DATE(2000,1,1)", "DATE(2099,12,31)")] == "D5"
    free = next(v for v in sheet.data_validations.dataValidation if str(v.sqref) == "K9:K11")
    assert free.type == "list" and not free.showErrorMessage  # a list, or free text
    assert [roles[f"A{r}"].value for r in (3, 4)] == ["helseleiar", "ehelsekoordinator"]
