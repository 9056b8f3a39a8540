"""Returned questionnaires read back: every answer checked, every problem located as
`file.xlsx:Sheet!C7: message`.

The network and role of each row come from the hidden id columns and the organisation from the
hidden `ehelse-map` sheet, never from the labels, so a workbook answered in any language (or
with its labels edited) reads the same. Rows left empty are questions not answered. An answer
is checked against the data set too: the network must be one that reaches the organisation and
targets the role.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from ehelse_map.render.survey.texts import ANSWER_WORDS
from ehelse_map.render.survey.workbook import (
    ANSWERED,
    COLUMNS,
    FIRST_ROW,
    FORMAT,
    HEADER_ROW,
    META_SHEET,
    MISSING,
    RESPONDENT,
)

if TYPE_CHECKING:
    from ehelse_map.model.records import Dataset

#: A returned questionnaire is a few dozen kilobytes; larger files, or archives that unpack to
#: more than MAX_UNPACKED bytes, are refused before openpyxl reads them.
MAX_BYTES = 20 * 1024 * 1024
MAX_UNPACKED = 200 * 1024 * 1024
MAX_ROLE_TEXT = 300
MAX_NOTE = 10_000
#: Most rows read from one questionnaire: far more than any organisation is asked.
MAX_ROWS = 5_000
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2060-\u2069"
                      "\ufeff]")
_SEPARATORS = re.compile(r"[,;\n]+")


@dataclass(frozen=True)
class Answer:
    """One answered row of a questionnaire."""

    organisation: str
    network: str
    role: str
    takes_part: str
    """`yes`, `no` or `partly`."""
    meetings: int | None
    hours: float | None
    roles_held: tuple[str, ...]
    roles_held_other: str | None
    comment: str | None
    where: str
    """`file.xlsx:Sheet!H9`: the row's "take part" cell, for messages."""


@dataclass(frozen=True)
class Returned:
    """One returned questionnaire: who answered (a role, never a name), when, and what."""

    file: str
    organisation: str
    answered: date | None
    respondent_role: str | None
    missing_networks: str | None
    saved: datetime | None
    """When the workbook was last saved (its document properties), for --prefer-latest."""
    answers: tuple[Answer, ...]


@dataclass
class ReadResult:
    returned: list[Returned] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    """`file.xlsx:Sheet!C7: message`, in file and cell order."""


def read_questionnaires(paths: list[tuple[str, str]], dataset: Dataset,
                        today: date | None = None) -> ReadResult:
    """Read each (path, name as shown) questionnaire; problems instead of exceptions."""
    result = ReadResult()
    for path, display in paths:
        returned, problems = read_questionnaire(path, display, dataset, today or date.today())
        result.problems += problems
        if returned is not None:
            result.returned.append(returned)
    return result


def read_questionnaire(path: str, display: str, dataset: Dataset, today: date
                       ) -> tuple[Returned | None, list[str]]:
    from openpyxl import load_workbook

    def refused(reason: str) -> tuple[None, list[str]]:
        return None, [f"{display}: cannot read it as a questionnaire: {reason}"]

    try:
        with open(path, "rb") as handle:
            data = handle.read(MAX_BYTES + 1)
    except OSError as error:
        return refused(error.strerror or str(error))
    if len(data) > MAX_BYTES:
        return refused(f"more than {MAX_BYTES:,} bytes")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            if sum(info.file_size for info in archive.infolist()) > MAX_UNPACKED:
                return refused(f"it unpacks to more than {MAX_UNPACKED:,} bytes")
        workbook = load_workbook(io.BytesIO(data), data_only=True)
    except Exception:  # openpyxl raises many kinds on a file that is not a workbook
        return refused("not an .xlsx workbook")
    try:
        return _Reader(workbook, display, dataset, today).read()
    finally:
        workbook.close()


class _Reader:
    def __init__(self, workbook: Any, display: str, dataset: Dataset, today: date) -> None:
        self.workbook = workbook
        self.display = display
        self.dataset = dataset
        self.today = today
        self.found: list[tuple[int, int, str]] = []  # (row, column, message), for sorting
        self.sheet: Any = None
        self.answered_rows = 0

    def problem(self, cell: str | None, message: str) -> None:
        if cell is None or self.sheet is None:
            self.found.append((0, 0, f"{self.display}: {message}"))
            return
        from openpyxl.utils.cell import coordinate_to_tuple

        row, column = coordinate_to_tuple(cell)
        self.found.append((row, column, f"{self.display}:{self.sheet.title}!{cell}: {message}"))

    @property
    def problems(self) -> list[str]:
        """In cell order: row by row, left to right."""
        return [message for _, _, message in sorted(self.found)]

    def read(self) -> tuple[Returned | None, list[str]]:
        meta = self._meta()
        if meta is None:
            return None, self.problems
        organisation = meta.get("organisation", "")
        if organisation not in self.dataset.actors:
            self.problem(None, f"the questionnaire is for organisation '{organisation}', which "
                         "the data set does not have")
            return None, self.problems
        self.sheet = self._questions_sheet(meta.get("questions_sheet"))
        if self.sheet is None:
            self.problem(None, "no questionnaire sheet (its header row is gone): was the sheet "
                         "renamed or rows moved?")
            return None, self.problems
        answers = self._rows(organisation)
        respondent = self._text(RESPONDENT, "the respondent's role", MAX_ROLE_TEXT)
        missing = self._text(MISSING, "missing networks", MAX_NOTE)
        answered = self._date(ANSWERED)
        if self.answered_rows:
            if respondent is None and not self._has_problem(RESPONDENT):
                self.problem(RESPONDENT, "give the respondent's role (never a name)")
            if answered is None and not self._has_problem(ANSWERED):
                self.problem(ANSWERED, "give the date the questionnaire was answered")
        saved = self.workbook.properties.modified
        return Returned(self.display, organisation, answered, respondent, missing,
                        saved if isinstance(saved, datetime) else None,
                        tuple(answers)), self.problems

    def _has_problem(self, cell: str) -> bool:
        return any(m.startswith(f"{self.display}:{self.sheet.title}!{cell}:")
                   for _, _, m in self.found)

    def _meta(self) -> dict[str, str] | None:
        if META_SHEET not in self.workbook.sheetnames:
            self.problem(None, "not an ehelse-map questionnaire (it has no 'ehelse-map' sheet)")
            return None
        sheet = self.workbook[META_SHEET]
        meta = {str(key): str(value) for key, value in sheet.iter_rows(
            min_row=1, max_row=50, max_col=2, values_only=True) if key is not None}
        if meta.get("format") != FORMAT:
            self.problem(None, f"questionnaire format '{meta.get('format')}' is not one this "
                         f"version reads ({FORMAT})")
            return None
        return meta

    def _questions_sheet(self, name: str | None) -> Any:
        if name in self.workbook.sheetnames:
            return self.workbook[name]
        for sheet in self.workbook.worksheets:  # renamed: find it by its hidden header
            if sheet[f"A{HEADER_ROW}"].value == "network_id":
                return sheet
        return None

    # --- cells -------------------------------------------------------------------------------

    def _value(self, cell: str) -> Any:
        value = self.sheet[cell].value
        if isinstance(value, str):
            value = value.strip()
            return value or None
        return value

    def _text(self, cell: str, what: str, limit: int) -> str | None:
        value = self._value(cell)
        if value is None:
            return None
        if isinstance(value, (datetime, date)):
            value = value.date().isoformat() if isinstance(value, datetime) else value.isoformat()
        text = str(value) if not isinstance(value, float) else f"{value:g}"
        if len(text) > limit:
            self.problem(cell, f"{what} is {len(text):,} characters long; at most {limit:,}")
            return None
        bad = _CONTROL.search(text)
        if bad is not None:
            self.problem(cell, f"{what} holds the invisible or control character "
                         f"U+{ord(bad.group()):04X}; remove it")
            return None
        return " ".join(text.split()) if limit == MAX_ROLE_TEXT else text

    def _date(self, cell: str) -> date | None:
        value = self._value(cell)
        if value is None:
            return None
        day: date | None = None
        if isinstance(value, datetime):
            day = value.date()
        elif isinstance(value, date):
            day = value
        elif isinstance(value, str):
            day = _parse_day(value)
        if day is None:
            self.problem(cell, "the date answered must be a date (YYYY-MM-DD)")
            return None
        if day > self.today:
            self.problem(cell, f"the date answered ({day.isoformat()}) is in the future")
            return None
        if day.year < 2000:
            self.problem(cell, f"the date answered ({day.isoformat()}) is before 2000")
            return None
        return day

    def _whole(self, cell: str, low: int, high: int, what: str) -> tuple[bool, int | None]:
        value = self._value(cell)
        if value is None:
            return True, None
        number = _number(value)
        if number is None or number != int(number) or not low <= number <= high:
            self.problem(cell, f"{what} must be a whole number {low}–{high}")
            return False, None
        return True, int(number)

    def _decimal(self, cell: str, low: float, high: float, what: str
                 ) -> tuple[bool, float | None]:
        value = self._value(cell)
        if value is None:
            return True, None
        number = _number(value)
        if number is None or not low <= number <= high:
            self.problem(cell, f"{what} must be a number {low:g}–{high:g}")
            return False, None
        return True, round(number, 2)

    # --- rows --------------------------------------------------------------------------------

    def _rows(self, organisation: str) -> list[Answer]:
        from ehelse_map.model.scope import reached_through

        answers = []
        column = COLUMNS
        for row in range(FIRST_ROW, FIRST_ROW + MAX_ROWS):
            ident = self._value(f"{column['network_id']}{row}")
            role = self._value(f"{column['role_id']}{row}")
            if ident is None and role is None:
                break
            cells = {name: f"{column[name]}{row}" for name in column}
            given = [name for name in ("takes_part", "meetings", "hours", "roles_held",
                                       "comment") if self._value(cells[name]) is not None]
            if not given:
                continue  # not answered
            self.answered_rows += 1
            network = self.dataset.networks.get(str(ident))
            if network is None:
                self.problem(cells["network_id"], f"network id '{ident}' (hidden column) is "
                             "not in the data set")
                continue
            if reached_through(self.dataset, organisation, network) is None:
                self.problem(cells["network_id"], f"network '{ident}' does not reach "
                             f"'{organisation}' in the data set")
                continue
            if str(role) not in {t.role for t in network.targets}:
                self.problem(cells["role_id"], f"network '{ident}' does not target role "
                             f"'{role}' in the data set")
                continue
            answer = self._answer(organisation, str(ident), str(role), cells)
            if answer is not None:
                answers.append(answer)
        return answers

    def _answer(self, organisation: str, network: str, role: str,
                cells: dict[str, str]) -> Answer | None:
        ok = True
        word = self._value(cells["takes_part"])
        takes_part = ANSWER_WORDS.get(str(word).casefold()) if word is not None else None
        if word is None:
            self.problem(cells["takes_part"], "say whether the organisation takes part (yes, "
                         "no or partly): the row has other answers")
            ok = False
        elif takes_part is None:
            self.problem(cells["takes_part"], f"take part must be yes, no or partly, not "
                         f"'{word}'")
            ok = False
        good, meetings = self._whole(cells["meetings"], 0, 365, "meetings")
        ok = ok and good
        good, hours = self._decimal(cells["hours"], 0, 24, "hours per meeting")
        ok = ok and good
        if takes_part == "no":
            for name, value in (("meetings", meetings), ("hours", hours)):
                if value:
                    self.problem(cells[name], f"{name} given, but the organisation does not "
                                 "take part ('no')")
                    ok = False
        held_text = self._text(cells["roles_held"], "roles held", MAX_NOTE)
        comment = self._text(cells["comment"], "comment", MAX_NOTE)
        if not ok:
            return None
        held, other = self._roles(held_text or "", role)
        return Answer(organisation, network, role, takes_part or "", meetings, hours, held,
                      other, comment, f"{self.display}:{self.sheet.title}!{cells['takes_part']}")

    def _roles(self, written: str, own: str) -> tuple[tuple[str, ...], str | None]:
        """Role ids named by id or by a label in any language; what names no role is kept
        as written."""
        names: dict[str, str] = {}
        for role in self.dataset.roles.values():
            for label in (role.id, *role.labels.values()):
                names.setdefault(label.casefold(), role.id)
        found: list[str] = []
        other: list[str] = []
        for part in _SEPARATORS.split(written):
            part = " ".join(part.split())
            if not part:
                continue
            ident = names.get(part.casefold())
            if ident is None:
                other.append(part)
            elif ident != own and ident not in found:
                found.append(ident)
        return tuple(found), ", ".join(other) or None


def _number(value: Any) -> float | None:
    """A cell's number: a number, or text such as `2,5` (a decimal comma) or `6`."""
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return float(value)
    if isinstance(value, str):
        text = value.replace("\u00a0", "").replace(" ", "")
        if re.fullmatch(r"[0-9]+([.,][0-9]+)?", text):
            return float(text.replace(",", "."))
    return None


def _parse_day(text: str) -> date | None:
    for pattern in ("%Y-%m-%d", "%d.%m.%Y", "%d.%m.%y", "%d/%m/%Y"):
        try:
            return datetime.strptime(text.strip(), pattern).date()
        except ValueError:
            continue
    return None


__all__ = ["Answer", "ReadResult", "Returned", "read_questionnaire", "read_questionnaires"]
