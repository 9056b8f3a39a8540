"""The report in Word: opened with python-docx, it has Word's heading styles, real tables with
header rows, pictures at 300 dpi as wide as an A4 page's text with captions, and the sources as
a numbered list without the data's internal notes; the same report gives the same bytes."""

from __future__ import annotations

import io
import re
from datetime import date
from pathlib import Path

import pytest

docx = pytest.importorskip("docx")

from docx.shared import Mm  # noqa: E402

from ehelse_map.model.build import load_dataset  # noqa: E402
from ehelse_map.render.report.assemble import build_report  # noqa: E402
from ehelse_map.render.report.docx import MAX_PICTURE_MM, TEXT_WIDTH_MM, render_docx  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
FIXTURE = ROOT / "tests" / "fixtures" / "diff" / "new"
AS_OF = date(2024, 6, 1)
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture(scope="module")
def pictured():
    """A small data set with every diagram, as PNG at print resolution."""
    report = build_report(load_dataset(FIXTURE), AS_OF, picture_format="png")
    return report, render_docx(report, "test")


@pytest.fixture(scope="module")
def full():
    """The bundled data without pictures: long tables, so an appendix."""
    report = build_report(load_dataset(), AS_OF, diagrams=False)
    return report, docx.Document(io.BytesIO(render_docx(report, "test")))


def styled(document, prefix: str) -> list[tuple[str, str]]:
    return [(p.style.name, p.text) for p in document.paragraphs
            if p.style.name.startswith(prefix)]


def test_headings_use_words_styles(full):
    report, document = full
    assert styled(document, "Title") == [("Title", report.title)]
    first = [text for _, text in styled(document, "Heading 1")]
    assert first == [report.summary, *(s.title for s in report.sections),
                     "Estimates and assumptions", "Sources", "Appendix: complete tables"]
    second = [text for _, text in styled(document, "Heading 2")]
    for finding in report.findings:
        assert f"{finding.code} — {finding.title}" in second
    third = [text for _, text in styled(document, "Heading 3")]
    assert third == [f"{e.label}. {e.table.title}" for e in report.appendix]


def test_tables_are_real_tables_with_header_rows(full):
    report, document = full
    tables = [t.table for s in report.sections for t in s.tables] + [
        e.table for e in report.appendix]
    assert len(document.tables) == len(tables)
    for grid, table in zip(document.tables, tables, strict=True):
        header = grid.rows[0]
        assert [c.text for c in header.cells] == [c.header for c in table.columns]
        assert header._tr.find(f"{W}trPr/{W}tblHeader") is not None  # repeats on each page
        assert len(grid.rows) == 1 + max(len(table.rows), 1)
    people = next(e for e in report.appendix if e.id == "appendix-burden-person")
    assert len(document.tables[tables.index(people.table)].rows) == 1 + len(people.table.rows)


def test_a_cut_table_links_to_its_complete_table(full):
    report, document = full
    xml = document.element.xml
    for entry in report.appendix:
        name = "b_" + re.sub(r"[^A-Za-z0-9_]", "_", entry.id)
        assert f'w:name="{name[:40]}"' in xml and f'w:anchor="{name[:40]}"' in xml


def test_pictures_at_300_dpi_as_wide_as_the_text_with_captions(pictured):
    report, data = pictured
    document = docx.Document(io.BytesIO(data))
    diagrams = [d for s in report.sections for d in s.diagrams]
    shapes = document.inline_shapes
    assert len(shapes) == len(diagrams) == 4
    section = document.sections[0]
    assert round(section.page_width.mm) == 210 and round(section.page_height.mm) == 297
    text_width = section.page_width - section.left_margin - section.right_margin
    assert abs(text_width - Mm(TEXT_WIDTH_MM)) < Mm(0.1)
    for shape, diagram in zip(shapes, diagrams, strict=True):
        if shape.width < Mm(TEXT_WIDTH_MM) - Mm(0.1):
            # a picture no page holds at 7 pt (the three countries' landscape, which warns)
            # is shown as tall as a page allows beside its caption
            assert abs(shape.height - Mm(MAX_PICTURE_MM)) < Mm(0.1), diagram.kind
        else:
            assert abs(shape.width - Mm(TEXT_WIDTH_MM)) < Mm(0.1)  # A4 text width: 160 mm
        blip = shape._inline.graphic.graphicData.pic.blipFill.blip
        image = document.part.related_parts[blip.embed].image
        assert image.content_type == "image/png" and image.horz_dpi == image.vert_dpi == 300
        assert shape._inline.docPr.get("descr") == diagram.description  # alternative text
    captions = [text for _, text in styled(document, "Caption")]
    assert captions == [f"Figure {i}: {d.caption}" for i, d in enumerate(diagrams, 1)]
    assert 'w:instrText xml:space="preserve"> SEQ Figure' in document.element.xml


def test_sources_are_a_numbered_list_without_internal_notes(full):
    report, document = full
    items = [p.text for p in document.paragraphs if p.style.name == "List Number"]
    assert len(items) == len(report.sources)
    text = "\n".join(p.text for p in document.paragraphs)
    for cited in report.sources:
        if cited.source.note:
            assert cited.source.note not in text
    with_all = next(c.source for c in report.sources
                    if c.source.url and c.source.publisher and c.source.published)
    item = next(i for i in items if i.startswith(with_all.title))
    assert with_all.publisher in item and with_all.published in item and with_all.url in item


def test_the_same_report_gives_the_same_bytes(pictured):
    report, data = pictured
    assert render_docx(report, "test") == data


def test_cli_writes_word(run_cli, tmp_path):
    output = tmp_path / "report.docx"
    result = run_cli(["report", "--data", str(FIXTURE), "--as-of", "2024-06-01", "-o",
                      str(output)])
    assert result.exit_code == 0, result.stderr
    document = docx.Document(str(output))
    assert len(document.inline_shapes) == 4 and document.tables
    organisation = tmp_path / "bergen.docx"
    result = run_cli(["report", "--data", str(FIXTURE), "--as-of", "2024-06-01",
                      "--organisation", "Bergen", "-o", str(organisation)])
    assert result.exit_code == 0, result.stderr
    assert docx.Document(str(organisation)).paragraphs[0].text.startswith("Bergen")
