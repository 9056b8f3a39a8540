"""Filling questionnaires as a respondent would, with openpyxl."""

from __future__ import annotations

import re
import shutil
import zipfile
from datetime import date, datetime
from pathlib import Path
from typing import Any

DATA = Path(__file__).parent / "data"
#: Rows of every Vest questionnaire (sorted by network name, then role id).
NASJONALT_EHK, VEST_EHK, VEST_LEADER = 9, 10, 11


def copy_data(folder: Path) -> Path:
    target = folder / "data"
    shutil.copytree(DATA, target)
    return target


def fill(path: Path, answers: dict[int, dict[str, Any]], *, role: str | None = "Kommunalsjef",
         answered: Any = date(2025, 5, 20), missing: str | None = None,
         save_as: Path | None = None) -> Path:
    """Answer rows of the questionnaire: {row: {"H": "ja", "I": 6, ...}} by column letter."""
    from openpyxl import load_workbook

    workbook = load_workbook(path)
    sheet = workbook.worksheets[1]
    sheet["D4"] = role
    sheet["D5"] = answered
    sheet["D6"] = missing
    for row, cells in answers.items():
        for column, value in cells.items():
            sheet[f"{column}{row}"] = value
    target = save_as or path
    workbook.save(target)
    return target


def set_saved(path: Path, when: datetime) -> None:
    """Set the workbook's 'last saved' time (openpyxl stamps the time of saving; a spreadsheet
    program does the same when a respondent saves)."""
    with zipfile.ZipFile(path) as source:
        items = [(info, source.read(info)) for info in source.infolist()]
    stamp = when.strftime("%Y-%m-%dT%H:%M:%SZ")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for info, content in items:
            if info.filename == "docProps/core.xml":
                content = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)",
                                 rb"\g<1>" + stamp.encode() + rb"\g<2>", content)
            target.writestr(info, content)
