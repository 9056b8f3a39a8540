"""The report as a Word document (python-docx), for evaluators who hand in Word.

Built from the same `Report` as the HTML and the Markdown: the title in Word's Title style,
sections as Heading 1 (each on a new page), findings and tables as Heading 2, the appendix's
tables as Heading 3, so Word's navigation pane and table of contents work; real tables with a
header row that repeats on every page; the diagrams as PNG at print resolution, sized to the
text width of an A4 page (160 mm between 25 mm margins) with an alternative text and a
numbered caption; the sources as a numbered list with their addresses. A long table shows its
first rows and links to the appendix, which has all of them.

Nothing is written here: `render_docx` returns the bytes, with fixed zip timestamps, so the
same report gives the same file. python-docx is imported inside the functions (it is needed
only for `report -o x.docx`).
"""

from __future__ import annotations

import io
import re
import zipfile
from typing import TYPE_CHECKING, Any

from ehelse_map.render.report.assemble import Appendix, Diagram, Report, ReportTable
from ehelse_map.render.table import Table, clean_text

if TYPE_CHECKING:
    from docx.document import Document
    from docx.text.paragraph import Paragraph

PAGE_MM = (210, 297)
MARGIN_MM = 25
TEXT_WIDTH_MM = PAGE_MM[0] - 2 * MARGIN_MM
#: The tallest picture, leaving room for its caption on the page.
MAX_PICTURE_MM = PAGE_MM[1] - 2 * 20 - 20
MUTED = (0x5B, 0x65, 0x77)
WARN = (0x8A, 0x53, 0x00)


def render_docx(report: Report, version: str = "") -> bytes:
    """The report as .docx bytes (pictures must be PNG: `build_report(picture_format="png")`)."""
    from docx import Document as new_document
    from docx.shared import Mm, Pt

    document = new_document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(PAGE_MM[0]), Mm(PAGE_MM[1])
    section.left_margin = section.right_margin = Mm(MARGIN_MM)
    section.top_margin = section.bottom_margin = Mm(20)
    styles = document.styles
    styles["Normal"].font.size = Pt(10)
    properties = document.core_properties
    properties.title = _t(report.title)
    properties.author = properties.last_modified_by = "ehelse-map"
    properties.comments = f"Made with ehelse-map {version} from the data as of " \
                          f"{report.as_of.isoformat()}"
    writer = _Writer(document)
    writer.front(report)
    labels = {entry.id: entry.label for entry in report.appendix}
    for part in report.sections:
        writer.heading(part.title, 1, new_page=True, bookmark=part.id)
        for text in part.intro:
            document.add_paragraph(_t(text))
        for diagram in part.diagrams:
            writer.picture(diagram)
        for shown in part.tables:
            writer.report_table(shown, labels)
    writer.estimates(report)
    writer.sources(report)
    if report.appendix:
        writer.appendix(report.appendix, {s.id: s.title for s in report.sections})
    footer = document.add_paragraph()
    _muted(footer.add_run(f"Made with ehelse-map {version} from the data as of "
                          f"{report.as_of.isoformat()}. The numbers are computations on the "
                          "data."))
    buffer = io.BytesIO()
    document.save(buffer)
    return _fixed_times(buffer.getvalue())


def _t(value: Any) -> str:
    """Text for Word: no control characters (XML 1.0 cannot hold most of them)."""
    return clean_text(value).replace("\t", " ")


def _muted(run: Any, size: float = 8.5) -> None:
    from docx.shared import Pt, RGBColor

    run.font.size = Pt(size)
    run.font.color.rgb = RGBColor(*MUTED)


class _Writer:
    def __init__(self, document: Document) -> None:
        self.document = document
        self.figures = 0
        self.bookmarks = 0
        self.styles: dict[bool, str] = {}

    def table_style(self, small: bool) -> str:
        """The id of the paragraph style of table cells: 8 pt (7 pt in the appendix), no
        space after, made on first use."""
        from docx.enum.style import WD_STYLE_TYPE
        from docx.shared import Pt

        if small not in self.styles:
            style = self.document.styles.add_style(
                "Table Text Small" if small else "Table Text", WD_STYLE_TYPE.PARAGRAPH)
            style.base_style = self.document.styles["Normal"]
            style.font.size = Pt(7 if small else 8)
            style.paragraph_format.space_after = Pt(0)
            style.paragraph_format.space_before = Pt(0)
            self.styles[small] = style.style_id
        return self.styles[small]

    # --- front matter and findings --------------------------------------------------------

    def front(self, report: Report) -> None:
        from docx.shared import RGBColor

        document = self.document
        document.add_heading(_t(report.title), 0)
        _muted(document.add_paragraph().add_run(_t(report.subject)), 10)
        for label, value in report.facts:
            item = document.add_paragraph(style="List Bullet")
            item.add_run(_t(value)).bold = True
            item.add_run(" " + _t(label))
        banner = document.add_paragraph()
        lead = banner.add_run("Estimates. ")
        lead.bold = True
        lead.font.color.rgb = RGBColor(*WARN)
        banner.add_run("Meeting cadences that the sources do not publish are estimated, and "
                       "so is the staffing of municipalities (which roles one person holds). "
                       "Every figure that rests on an estimate is marked est or *; the "
                       "assumptions are listed under ")
        self.link(banner, "Estimates and assumptions", "estimates")
        banner.add_run(".")
        self.heading(report.summary, 1, bookmark="findings")
        for finding in report.findings:
            self.heading(f"{finding.code} — {finding.title}", 2)
            paragraph = document.add_paragraph(_t(finding.text))
            if finding.estimated:
                mark = paragraph.add_run(" (est)")
                mark.italic = True
                mark.font.color.rgb = RGBColor(*WARN)
            details = document.add_paragraph()
            self.link(details, "Details", finding.section)

    # --- building blocks ------------------------------------------------------------------

    def heading(self, text: str, level: int, *, new_page: bool = False,
                bookmark: str | None = None) -> Paragraph:
        paragraph: Paragraph = self.document.add_heading(_t(text), level)
        paragraph.paragraph_format.page_break_before = new_page
        if bookmark is not None:
            self.bookmark(paragraph, bookmark)
        return paragraph

    def bookmark(self, paragraph: Paragraph, name: str) -> None:
        """A target for internal links, around the paragraph's text."""
        from docx.oxml import OxmlElement
        from docx.oxml.ns import qn

        self.bookmarks += 1
        start, end = OxmlElement("w:bookmarkStart"), OxmlElement("w:bookmarkEnd")
        start.set(qn("w:id"), str(self.bookmarks))
        start.set(qn("w:name"), _bookmark_name(name))
        end.set(qn("w:id"), str(self.bookmarks))
        paragraph._p.insert(1 if paragraph._p.pPr is not None else 0, start)
        paragraph._p.append(end)

    def link(self, paragraph: Paragraph, text: str, target: str, *,
             external: bool = False) -> None:
        """A hyperlink: to a bookmark in the document, or (`external`) to an address."""
        from docx.opc.constants import RELATIONSHIP_TYPE
        from docx.oxml import OxmlElement
        from docx.oxml.ns import qn

        hyperlink = OxmlElement("w:hyperlink")
        if external:
            relation = paragraph.part.relate_to(target, RELATIONSHIP_TYPE.HYPERLINK,
                                                is_external=True)
            hyperlink.set(qn("r:id"), relation)
        else:
            hyperlink.set(qn("w:anchor"), _bookmark_name(target))
        run = OxmlElement("w:r")
        properties = OxmlElement("w:rPr")
        style = OxmlElement("w:rStyle")
        style.set(qn("w:val"), "Hyperlink")
        colour = OxmlElement("w:color")
        colour.set(qn("w:val"), "0B5CAD")
        underline = OxmlElement("w:u")
        underline.set(qn("w:val"), "single")
        properties.extend([style, colour, underline])
        text_element = OxmlElement("w:t")
        text_element.text = _t(text)
        text_element.set(qn("xml:space"), "preserve")
        run.extend([properties, text_element])
        hyperlink.append(run)
        paragraph._p.append(hyperlink)

    def caption(self, label: str, text: str) -> Paragraph:
        """`Figure 3: text`, the number a SEQ field (Word renumbers it), filled in already."""
        from docx.oxml import OxmlElement
        from docx.oxml.ns import qn

        self.figures += 1
        paragraph = self.document.add_paragraph(style="Caption")
        paragraph.add_run(f"{label} ")
        parts = [("begin", None), ("instr", f" SEQ {label} \\* ARABIC "), ("separate", None),
                 ("text", str(self.figures)), ("end", None)]
        for kind, value in parts:
            run = OxmlElement("w:r")
            if kind == "instr":
                element = OxmlElement("w:instrText")
                element.set(qn("xml:space"), "preserve")
                element.text = value
            elif kind == "text":
                element = OxmlElement("w:t")
                element.text = value
            else:
                element = OxmlElement("w:fldChar")
                element.set(qn("w:fldCharType"), kind)
            run.append(element)
            paragraph._p.append(run)
        paragraph.add_run(f": {_t(text)}")
        return paragraph

    def picture(self, diagram: Diagram) -> None:
        from docx.shared import Mm

        if diagram.fmt != "png":
            raise ValueError("a Word report needs PNG pictures: build_report(picture_format="
                             "'png')")
        width, height = _png_size(diagram.image)
        shown = float(TEXT_WIDTH_MM)
        if height and shown * height / width > MAX_PICTURE_MM:
            shown = MAX_PICTURE_MM * width / height
        self.document.add_paragraph()  # room above, and what the picture's run sits in
        paragraph = self.document.paragraphs[-1]
        paragraph.paragraph_format.keep_with_next = True
        shape = paragraph.add_run().add_picture(io.BytesIO(diagram.image), width=Mm(shown))
        properties = shape._inline.docPr
        properties.set("title", _t(diagram.caption))
        properties.set("descr", _t(diagram.description or diagram.caption))
        self.caption("Figure", diagram.caption)

    def table(self, table: Table, title: str | None = None, level: int = 2,
              bookmark: str | None = None, small: bool = False) -> None:
        """The table's title as a heading, the table with a repeating header row, its notes.

        Rows are written as WordprocessingML directly: through python-docx's cell objects the
        appendix's 2,500 rows took 10 seconds."""
        from docx.oxml import parse_xml
        from docx.shared import Pt, Twips

        self.heading(title if title is not None else table.title, level, bookmark=bookmark)
        columns = len(table.columns)
        grid = self.document.add_table(rows=0, cols=columns)
        grid.style = "Table Grid"
        style = self.table_style(small)
        right = [c.align == "right" for c in table.columns]
        widths = _widths(table, small)
        for column, width in zip(grid._tbl.tblGrid.gridCol_lst, widths, strict=True):
            column.w = Twips(width)
        element = grid._tbl
        element.append(parse_xml(_row_xml([c.header for c in table.columns], right, style,
                                          widths, header=True)))
        for values in table.rows or (("(none)",) + ("",) * (columns - 1),):
            element.append(parse_xml(_row_xml(values, right, style, widths)))
        for note in table.notes:
            paragraph = self.document.add_paragraph()
            paragraph.paragraph_format.space_after = Pt(0)
            _muted(paragraph.add_run(_t(note)), 8)

    def report_table(self, shown: ReportTable, labels: dict[str, str]) -> None:
        self.table(shown.table, bookmark=f"table-{shown.id}")
        if shown.complete is not None:
            paragraph = self.document.add_paragraph(f"All {shown.total_rows:,} rows: ")
            self.link(paragraph, f"Appendix {labels[shown.complete]}", shown.complete)
            paragraph.add_run(".")

    # --- the end matter -------------------------------------------------------------------

    def estimates(self, report: Report) -> None:
        self.heading("Estimates and assumptions", 1, new_page=True, bookmark="estimates")
        self.document.add_paragraph(
            "These figures rest on assumptions rather than published numbers: every hour "
            "figure uses the meeting cadences below where a network's cadence is estimated, "
            "and the staffing assumption decides which roles one person holds.")
        for note in report.estimates:
            item = self.document.add_paragraph(style="List Bullet")
            item.add_run(_t(note.assumption)).bold = True
            names = note.used_by_names or note.used_by
            item.add_run(" — " + _t(note.text)
                         + (" Used by: " + ", ".join(_t(n) for n in names) + "." if names
                            else ""))

    def sources(self, report: Report) -> None:
        """Title, publisher, date and address of each source, as a numbered list; the
        data's internal notes about a source are not for the reader."""
        self.heading("Sources", 1, new_page=True, bookmark="sources")
        for cited in report.sources:
            source = cited.source
            item = self.document.add_paragraph(style="List Number")
            item.add_run(_t(source.title)).italic = True
            details = [_t(x) for x in (source.publisher, source.published) if x]
            item.add_run("".join(f". {d}" for d in details) + ".")
            if source.url:
                item.add_run(" ")
                self.link(item, source.url, source.url, external=True)

    def appendix(self, entries: tuple[Appendix, ...], titles: dict[str, str]) -> None:
        self.heading("Appendix: complete tables", 1, new_page=True, bookmark="appendix")
        self.document.add_paragraph("Every row of the tables that the sections above show in "
                                    "part.")
        section = None
        for entry in entries:
            if entry.section != section:
                section = entry.section
                self.heading(titles.get(section, section), 2)
            self.table(entry.table, f"{entry.label}. {entry.table.title}", 3,
                       bookmark=entry.id, small=True)
            back = self.document.add_paragraph()
            self.link(back, "Back to the section", entry.section)


#: Twips (1/20 pt) across the text width: what the columns of a table share.
TEXT_WIDTH_TWIPS = round(TEXT_WIDTH_MM / 25.4 * 1440)
#: A character of table text, in twips (about 0.6 em of 8 pt, bold headers included), and
#: the cell's margins (Word's and LibreOffice's default: 0.075 inch on each side).
CHAR_TWIPS, PADDING_TWIPS = 100, 2 * 108 + 40
#: Characters a column is given room for at most: longer text wraps.
WIDEST = 40


def _widths(table: Table, small: bool = False) -> list[int]:
    """Column widths in twips, laid out as a browser lays out a table: every column gets its
    longest word (so no word is broken), and what is left goes to the columns in proportion
    to how much more their longest text needs. Word and LibreOffice would otherwise give every
    column the same width, breaking short headers and numbers in narrow columns."""
    char = CHAR_TWIPS * (7 if small else 8) // 8
    least, most = [], []
    for index, column in enumerate(table.columns):
        texts = [column.header] + [_t(row[index]) for row in table.rows if index < len(row)]
        word = max((len(w) for text in texts for w in text.split()), default=1)
        whole = max((len(text) for text in texts), default=1)
        least.append(min(word, WIDEST) * char + PADDING_TWIPS)
        most.append(max(min(whole, WIDEST) * char + PADDING_TWIPS, least[-1]))
    room = TEXT_WIDTH_TWIPS
    if sum(most) <= room:
        return [w * room // sum(most) for w in most]
    if sum(least) >= room:
        return [w * room // sum(least) for w in least]
    spare = room - sum(least)
    wants = [b - a for a, b in zip(least, most, strict=True)]
    return [a + spare * w // (sum(wants) or 1) for a, w in zip(least, wants, strict=True)]


def _row_xml(values: tuple[Any, ...] | list[Any], right: list[bool], style: str,
             widths: list[int], *, header: bool = False) -> str:
    """One table row; a `header` row is bold and marked as the table's header, which Word
    repeats at the top of every page the table runs onto."""
    from xml.sax.saxutils import escape

    from docx.oxml.ns import nsdecls

    cells = []
    for value, numeric, width in zip(values, right, widths, strict=True):
        align = '<w:jc w:val="right"/>' if numeric else ""
        bold = "<w:rPr><w:b/></w:rPr>" if header else ""
        cells.append(f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/></w:tcPr>'
                     f'<w:p><w:pPr><w:pStyle w:val="{style}"/>{align}</w:pPr>'
                     f'<w:r>{bold}<w:t xml:space="preserve">{escape(_t(value))}</w:t></w:r>'
                     "</w:p></w:tc>")
    properties = "<w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>" if header else \
        "<w:trPr><w:cantSplit/></w:trPr>"
    return f'<w:tr {nsdecls("w")}>{properties}{"".join(cells)}</w:tr>'


_NOT_IN_BOOKMARK = re.compile(r"[^A-Za-z0-9_]")


def _bookmark_name(name: str) -> str:
    """Word's bookmark names: a letter first, letters, digits and `_`, at most 40."""
    return ("b_" + _NOT_IN_BOOKMARK.sub("_", name))[:40]


def _png_size(png: bytes) -> tuple[int, int]:
    """Width and height in pixels, from the PNG's header."""
    if png[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError("not a PNG picture")
    return int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")


def _fixed_times(docx: bytes) -> bytes:
    """The same package with every member dated 1980-01-01: same report, same bytes."""
    source = zipfile.ZipFile(io.BytesIO(docx))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            fixed.compress_type = info.compress_type
            fixed.external_attr = info.external_attr
            target.writestr(fixed, source.read(info.filename))
    return out.getvalue()
