"""A questionnaire opened and saved again by LibreOffice (headless), as a respondent using it
would: the validation lists, the hidden id columns and the answers survive, and import reads
the saved file. Skipped where neither `libreoffice` nor `soffice` is installed."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from .helpers import VEST_EHK, VEST_LEADER, copy_data, fill

OFFICE = shutil.which("libreoffice") or shutil.which("soffice")
pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(OFFICE is None, reason="LibreOffice is not installed")]


def _through_libreoffice(source: Path, folder: Path) -> Path:
    """Open `source` in LibreOffice and save it as .xlsx into `folder`."""
    folder.mkdir()
    env = {**os.environ, "HOME": str(folder.parent)}  # a profile of its own, not the user's
    assert OFFICE is not None
    done = subprocess.run(
        [OFFICE, "--headless", "--norestore", f"-env:UserInstallation=file://{folder.parent}/lo",
         "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", str(folder), str(source)],
        capture_output=True, text=True, timeout=180, env=env)
    saved = folder / source.name
    assert done.returncode == 0 and saved.exists(), done.stdout + done.stderr
    return saved


def test_validation_lists_survive_libreoffice_and_the_answers_import(tmp_path, run_cli):
    from openpyxl import load_workbook

    data = copy_data(tmp_path)
    out = tmp_path / "out"
    assert run_cli(["survey", "create", "--data", str(data), "--organisation", "aby", "-o",
                    str(out), "--lang", "nn"]).exit_code == 0
    fill(out / "aby.xlsx", {VEST_EHK: {"H": "ja", "I": 10, "J": 2},
                            VEST_LEADER: {"H": "delvis", "I": 2, "J": 1.5}})
    saved = _through_libreoffice(out / "aby.xlsx", tmp_path / "saved")

    workbook = load_workbook(saved)
    sheet = workbook["Spørjeskjema"]
    rules = {(v.type, v.formula1): str(v.sqref) for v in sheet.data_validations.dataValidation}
    assert rules[("list", '"ja,nei,delvis"')] == "H9:H11"
    assert rules[("whole", "0")] == "I9:I11"
    assert rules[("decimal", "0")] == "J9:J11"
    roles = next(f for (kind, f) in rules if kind == "list" and f != '"ja,nei,delvis"')
    assert roles.replace("'", "").replace("$", "") == "Roller!B3:B4"
    hidden = {n for d in sheet.column_dimensions.values() if d.hidden
              for n in range(d.min or 0, (d.max or 0) + 1)}
    assert {1, 2} <= hidden and 3 not in hidden  # the id columns, and only they
    assert sheet.protection.sheet
    assert (sheet["A11"].value, sheet["B11"].value) == ("vest-nett", "helseleiar")

    result = run_cli(["survey", "import", str(saved), "--data", str(data)])
    assert result.exit_code == 0, result.stdout + result.stderr
    assert "2 answers from 1 questionnaire: 2 new" in result.stderr
