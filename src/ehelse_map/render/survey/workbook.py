"""A questionnaire as an .xlsx workbook (openpyxl), for one organisation.

Sheets: a cover that says what the answers are used for; the questionnaire, one row per
network and role it asks for time, with the tool's figure now and the answer cells; the roles
of the data (the list for "roles held"); and a very hidden sheet `ehelse-map` with what import
needs to read the answers back whatever the language of the labels: the format, the
organisation id, the date and the sheet's name. The questionnaire's first two columns hold the
network and role ids; they are hidden, and the sheet is protected (without a password) so that
only the answer cells can be edited. Answer cells have data validation: a list for "do you take
part", whole numbers 0–365 for meetings, numbers 0–24 for hours, a date for the answer day.
"""

from __future__ import annotations

import io
from datetime import datetime
from typing import TYPE_CHECKING, Any

from ehelse_map.render.numbers import span_text
from ehelse_map.render.survey.texts import TAKES_PART, basis_word, text

if TYPE_CHECKING:
    from ehelse_map.analyses.survey import Questionnaire
    from ehelse_map.model.records import Dataset

FORMAT = "ehelse-map survey 1"
META_SHEET = "ehelse-map"
#: Cells of the questionnaire sheet: the respondent's role, the answer day, missing networks.
RESPONDENT, ANSWERED, MISSING = "D4", "D5", "D6"
HEADER_ROW = 8
FIRST_ROW = 9
#: Column letter of each field of a question row.
COLUMNS = {"network_id": "A", "role_id": "B", "network": "C", "role": "D",
           "meetings_now": "E", "hours_now": "F", "basis": "G", "takes_part": "H",
           "meetings": "I", "hours": "J", "roles_held": "K", "comment": "L"}
#: The answer columns, in order.
ANSWERS = ("takes_part", "meetings", "hours", "roles_held", "comment")
_WIDTHS = {"C": 34, "D": 30, "E": 16, "F": 16, "G": 14, "H": 13, "I": 16, "J": 18,
           "K": 30, "L": 30}
_ANSWER_FILL = "FFF2A8"
_HEADER_FILL = "DCE6F1"
_MAX_ROW_CHECKED = 2000  # validation ranges reach past the last question, harmlessly


def questionnaire_workbook(questionnaire: Questionnaire, dataset: Dataset, lang: str, *,
                           dataset_name: str | None = None) -> bytes:
    """The workbook's bytes."""
    from openpyxl import Workbook

    workbook = Workbook()
    cover = workbook.active
    assert cover is not None
    cover.title = text("sheet_cover", lang)
    questions = workbook.create_sheet(text("sheet_questions", lang))
    roles = workbook.create_sheet(text("sheet_roles", lang))
    meta = workbook.create_sheet(META_SHEET)
    role_range = _roles_sheet(roles, questionnaire, dataset, lang)
    _cover(cover, questionnaire, lang, dataset_name, questions.title)
    _questions(questions, questionnaire, dataset, lang, role_range)
    _meta(meta, questionnaire, lang, questions.title, roles.title)
    meta.sheet_state = "veryHidden"
    workbook.active = 1  # open on the questionnaire
    stamp = datetime.combine(questionnaire.as_of, datetime.min.time())
    workbook.properties.creator = "ehelse-map"
    workbook.properties.created = stamp
    workbook.properties.title = text("q_title", lang, organisation=questionnaire.name)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _font(bold: bool = False, size: float = 11, italic: bool = False) -> Any:
    from openpyxl.styles import Font

    return Font(bold=bold, size=size, italic=italic)


def _cover(sheet: Any, q: Questionnaire, lang: str, dataset_name: str | None,
           questions: str) -> None:
    from openpyxl.styles import Alignment

    sheet.column_dimensions["A"].width = 100
    wrap = Alignment(wrap_text=True, vertical="top")
    lines: list[tuple[str, Any]] = [
        (text("cover_title", lang, organisation=q.name), _font(True, 14)),
        ("", None),
        (text("cover_why", lang, organisation=q.name), None),
        ("", None),
        (text("cover_use_title", lang), _font(True)),
        (text("cover_use", lang, organisation=q.name), None),
        ("", None),
        (text("cover_privacy_title", lang), _font(True)),
        (text("cover_privacy", lang), None),
        ("", None),
        (text("cover_how_title", lang), _font(True)),
        (text("cover_how", lang, sheet=questions), None),
        (text("cover_figures", lang), None),
        (text("cover_return", lang), None),
        ("", None),
        (text("cover_prepared", lang, date=q.as_of.isoformat(),
              dataset=dataset_name or text("default_dataset", lang), organisation=q.name,
              id=q.organisation), _font(italic=True)),
    ]
    for row, (value, font) in enumerate(lines, 1):
        cell = sheet.cell(row=row, column=1, value=value or None)
        cell.alignment = wrap
        if font is not None:
            cell.font = font
        if len(value) > 100:
            sheet.row_dimensions[row].height = 15 * (len(value) // 95 + 1)
    sheet.protection.sheet = True


def _roles_sheet(sheet: Any, q: Questionnaire, dataset: Dataset, lang: str) -> str:
    """The roles of the data, ids hidden in column A and labels in B; returns the labels'
    range for the list validation."""
    sheet.column_dimensions["A"].hidden = True
    sheet.column_dimensions["B"].width = 48
    sheet["B1"] = text("roles_intro", lang, column=text("col_roles_held", lang))
    sheet["A2"], sheet["B2"] = "role_id", text("col_role_label", lang)
    sheet["B2"].font = _font(True)
    for row, ident in enumerate(q.roles, 3):
        sheet.cell(row=row, column=1, value=ident)
        sheet.cell(row=row, column=2, value=dataset.roles[ident].label(lang))
    sheet.protection.sheet = True
    last = max(len(q.roles) + 2, 3)
    return f"{_quoted(sheet.title)}!$B$3:$B${last}"


def _quoted(name: str) -> str:
    return "'" + name.replace("'", "''") + "'"


def _questions(sheet: Any, q: Questionnaire, dataset: Dataset, lang: str,
               role_range: str) -> None:
    from openpyxl.styles import Alignment, PatternFill, Protection

    answer_fill = PatternFill("solid", fgColor=_ANSWER_FILL)
    header_fill = PatternFill("solid", fgColor=_HEADER_FILL)
    unlocked = Protection(locked=False)
    wrap = Alignment(wrap_text=True, vertical="top")
    for letter in ("A", "B"):
        sheet.column_dimensions[letter].hidden = True
    for letter, width in _WIDTHS.items():
        sheet.column_dimensions[letter].width = width
    sheet["C1"] = text("q_title", lang, organisation=q.name)
    sheet["C1"].font = _font(True, 14)
    sheet["C2"] = text("q_instructions", lang)
    sheet["C2"].font = _font(italic=True)
    for cell, key in ((RESPONDENT, "q_respondent"), (ANSWERED, "q_answered"),
                      (MISSING, "q_missing")):
        label = sheet.cell(row=sheet[cell].row, column=3, value=text(key, lang))
        label.font = _font(True)
        sheet[cell].fill = answer_fill
        sheet[cell].protection = unlocked
        sheet[cell].alignment = wrap
    sheet[ANSWERED].number_format = "yyyy-mm-dd"
    headers = {"network_id": "network_id", "role_id": "role_id",
               "network": text("col_network", lang), "role": text("col_role", lang),
               "meetings_now": text("col_meetings_now", lang),
               "hours_now": text("col_hours_now", lang), "basis": text("col_basis", lang),
               "takes_part": text("col_takes_part", lang), "meetings": text("col_meetings", lang),
               "hours": text("col_hours", lang), "roles_held": text("col_roles_held", lang),
               "comment": text("col_comment", lang)}
    for name, header in headers.items():
        cell = sheet[f"{COLUMNS[name]}{HEADER_ROW}"]
        cell.value = header
        cell.font = _font(True)
        cell.fill = header_fill
        cell.alignment = wrap
    sheet.row_dimensions[HEADER_ROW].height = 45
    names = {a.id: a.short_name or a.name for a in dataset.actors.values()}
    for row, question in enumerate(q.questions, FIRST_ROW):
        role = dataset.roles.get(question.role)
        network = question.network_name
        if question.via:
            network += f" ({text('via', lang, name=names.get(question.via, question.via))})"
        if question.seats:
            network += f" ({text('seats', lang, seats=question.seats)})"
        values = {"network_id": question.network, "role_id": question.role,
                  "network": network, "role": role.label(lang) if role else question.role,
                  "meetings_now": span_text(question.meetings),
                  "hours_now": span_text(question.hours),
                  "basis": basis_word(question.basis, lang)}
        for name, value in values.items():
            cell = sheet[f"{COLUMNS[name]}{row}"]
            cell.value = value
            cell.alignment = wrap
        for name in ANSWERS:
            cell = sheet[f"{COLUMNS[name]}{row}"]
            cell.fill = answer_fill
            cell.protection = unlocked
            cell.alignment = wrap
        sheet[f"{COLUMNS['meetings']}{row}"].number_format = "0"
        sheet[f"{COLUMNS['hours']}{row}"].number_format = "0.0"
    last = FIRST_ROW + max(len(q.questions), 1) - 1
    _validations(sheet, lang, last, role_range)
    sheet.freeze_panes = f"E{FIRST_ROW}"
    sheet.protection.sheet = True
    sheet.protection.formatRows = False  # respondents may make rows taller for long names


def _validations(sheet: Any, lang: str, last: int, role_range: str) -> None:
    from openpyxl.worksheet.datavalidation import DataValidation

    def add(validation: Any, cells: str) -> None:
        validation.add(cells)
        sheet.add_data_validation(validation)

    def rows(name: str) -> str:
        return f"{COLUMNS[name]}{FIRST_ROW}:{COLUMNS[name]}{last}"

    invalid = text("invalid", lang)
    add(DataValidation(type="list", formula1='"' + ",".join(TAKES_PART[lang]) + '"',
                       allow_blank=True, showErrorMessage=True, errorTitle=invalid,
                       error=text("v_takes_part", lang), showInputMessage=True,
                       promptTitle=text("v_takes_part_title", lang),
                       prompt=text("v_takes_part", lang)), rows("takes_part"))
    add(DataValidation(type="whole", operator="between", formula1="0", formula2="365",
                       allow_blank=True, showErrorMessage=True, errorTitle=invalid,
                       error=text("v_meetings", lang), showInputMessage=True,
                       prompt=text("v_meetings", lang)), rows("meetings"))
    add(DataValidation(type="decimal", operator="between", formula1="0", formula2="24",
                       allow_blank=True, showErrorMessage=True, errorTitle=invalid,
                       error=text("v_hours", lang), showInputMessage=True,
                       prompt=text("v_hours", lang)), rows("hours"))
    # a list to pick from, but free text is allowed: several roles, or one the data lacks
    add(DataValidation(type="list", formula1=role_range, allow_blank=True,
                       showErrorMessage=False, showInputMessage=True,
                       prompt=text("v_roles", lang)), rows("roles_held"))
    add(DataValidation(type="date", operator="between", formula1="DATE(2000,1,1)",
                       formula2="DATE(2099,12,31)", allow_blank=True, showErrorMessage=True,
                       errorTitle=invalid, error=text("v_date", lang), showInputMessage=True,
                       prompt=text("v_date", lang)), ANSWERED)
    add(DataValidation(type="textLength", operator="lessThanOrEqual", formula1="300",
                       allow_blank=True, showErrorMessage=True, errorTitle=invalid,
                       error=text("v_respondent", lang), showInputMessage=True,
                       prompt=text("v_respondent", lang)), RESPONDENT)


def _meta(sheet: Any, q: Questionnaire, lang: str, questions: str, roles: str) -> None:
    rows = (("format", FORMAT), ("organisation", q.organisation), ("as_of", q.as_of.isoformat()),
            ("lang", lang), ("questions_sheet", questions), ("roles_sheet", roles),
            ("questions", str(len(q.questions))))
    for row, (key, value) in enumerate(rows, 1):
        sheet.cell(row=row, column=1, value=key)
        sheet.cell(row=row, column=2, value=value)
    sheet.protection.sheet = True


__all__ = ["ANSWERED", "ANSWERS", "COLUMNS", "FIRST_ROW", "FORMAT", "HEADER_ROW", "META_SHEET",
           "MISSING", "RESPONDENT", "questionnaire_workbook"]
