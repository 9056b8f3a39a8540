"""Golden tests: the rendered tables, byte for byte, at 80 columns.

To update after an intended change: `UPDATE_GOLDEN=1 pytest tests/analyses/test_golden.py`,
then read the diff before committing it.
"""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest

from ehelse_map.analyses import burden, overlap
from ehelse_map.model.build import load_dataset
from ehelse_map.render.analysis_tables import burden_table, overlap_table
from ehelse_map.render.table import render_table

HERE = Path(__file__).parent

# The numbers in the golden files, from tests/analyses/data as of 2024-06-30:
# overlap  ks-ekomp {legemiddel, velferdsteknologi} × {ehelsekoordinator} × 5 municipalities
#          = 10; vft-nettverket {velferdsteknologi} × {ehelsekoordinator} × 4 (all but utsira)
#          = 4, all inside ks-ekomp: 4 / (10 + 4 − 4) = 0.40, nested.
#          digi-vestland-ehelse {legemiddel, samhandling} × {helseleiar, ehelsekoordinator} ×
#          3 (Vestland) = 12; shared with ks-ekomp {legemiddel} × {ehelsekoordinator} × 3 = 3:
#          3 / (12 + 10 − 3) = 3/19 = 0.16, partial.
# burden   modalen (397 inhabitants: helseleiar + ehelsekoordinator are one person):
#          ks-ekomp 6×2 = 12 h, vft 4×3 = 12 h, digi-vestland 4×3 + 10×2 = 32 h -> 56 h in
#          6 + 4 + 4 + 10 = 24 meetings; 56 / 100 h capacity = 56 %.
DAY = date(2024, 6, 30)

TABLES = {
    "overlap.txt": lambda d: overlap_table(overlap(d, DAY)),
    "burden-person.txt": lambda d: burden_table(burden(d, DAY, by="person")),
}


@pytest.mark.parametrize("name", sorted(TABLES))
def test_golden_table(name: str) -> None:
    text = render_table(TABLES[name](load_dataset(HERE / "data")), width=80)
    golden = HERE / "golden" / name
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_text(text, encoding="utf-8")
    assert text == golden.read_text(encoding="utf-8")
    assert all(len(line) <= 80 for line in text.splitlines())
