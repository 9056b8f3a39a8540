"""The report as one self-contained HTML file: styles inline, diagrams inline as SVG, no
scripts, fonts or images loaded from anywhere. Links to sources are plain `<a href>` links.

It prints on A4 (`@page`): every section starts on a new page, figures and table rows are not
split, table headers repeat on each page, and nothing is wider than the page: table cells wrap
between words, and a word longer than `LONG_WORD` characters (an id, a grant number) gets
break opportunities after its hyphens, slashes and dots and at least every `LONG_WORD`
characters, so no column needs more room than that; text outside tables wraps anywhere; there
are no scrolling boxes to cut a table off on paper. Each diagram is
an accessible image (`role="img"` with a `<title>` and a `<desc>`), without matplotlib's
metadata. Tables name records; a long table shows its first rows and links to the appendix,
which holds every row.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from html import escape
from typing import Any

from ehelse_map.render.i18n import Messages, messages
from ehelse_map.render.numbers import number
from ehelse_map.render.report.assemble import (
    BANNER,
    ESTIMATES_INTRO,
    Appendix,
    Diagram,
    Report,
    ReportTable,
    Section,
)
from ehelse_map.render.table import Table, clean_text, localised

STYLE = """
:root { --ink: #1d2433; --muted: #5b6577; --rule: #d9dee7; --accent: #0b5cad;
        --band: #f3f5f9; --warn: #8a5300; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
       color: var(--ink); background: #fff; }
main { max-width: 1100px; margin: 0 auto; padding: 24px 32px 64px; }
header { border-bottom: 3px solid var(--accent); margin-bottom: 24px; padding-bottom: 12px; }
h1 { font-size: 28px; margin: 0 0 4px; line-height: 1.2; }
h2 { font-size: 21px; margin: 40px 0 8px; padding-top: 8px; border-top: 1px solid var(--rule); }
h3 { font-size: 16px; margin: 20px 0 6px; }
.meta { color: var(--muted); margin: 0; }
.facts { display: flex; flex-wrap: wrap; gap: 12px; margin: 16px 0 0; padding: 0;
         list-style: none; }
.facts li { background: var(--band); border-radius: 6px; padding: 8px 14px; }
.facts b { display: block; font-size: 20px; }
.estimate-banner { background: #fff7e6; border-left: 4px solid var(--warn); padding: 10px 14px;
                   margin: 16px 0; }
.findings { display: grid; grid-template-columns: repeat(auto-fill, minmax(300px, 1fr));
            gap: 14px; }
.finding { border: 1px solid var(--rule); border-radius: 8px; padding: 12px 16px; }
.finding h3 { margin: 0 0 6px; }
.finding .code { display: inline-block; background: var(--accent); color: #fff;
                 border-radius: 4px; padding: 0 6px; margin-right: 6px; font-size: 13px; }
.finding p { margin: 0 0 6px; }
.est { color: var(--warn); font-weight: 600; }
p, li, caption, figcaption, a, code { overflow-wrap: anywhere; }
th, td { overflow-wrap: break-word; }
table { border-collapse: collapse; width: 100%; max-width: 100%; margin: 8px 0 4px;
        font-size: 13px; }
caption { text-align: left; font-weight: 600; padding: 4px 0; }
th, td { border-bottom: 1px solid var(--rule); padding: 4px 8px; vertical-align: top;
         hyphens: auto; }
th { background: var(--band); text-align: left; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
.notes { color: var(--muted); font-size: 12.5px; margin: 0 0 8px; padding-left: 18px; }
.more { font-size: 13px; margin: 0 0 16px; }
.appendix table { font-size: 11px; }
.appendix th, .appendix td { padding: 2px 5px; }
figure { margin: 16px 0; }
figure svg { display: block; width: 100%; max-width: 100%; height: auto; }
figcaption { color: var(--muted); font-size: 13px; }
.sources li { margin-bottom: 6px; }
code { font-size: 12.5px; background: var(--band); padding: 0 3px; border-radius: 3px; }
footer { margin-top: 48px; color: var(--muted); font-size: 12.5px; }
@page { size: A4; margin: 16mm 15mm 18mm; }
@media print {
  body { font-size: 10pt; line-height: 1.4; }
  main { max-width: none; margin: 0; padding: 0; }
  main > section { break-before: page; }
  main > section#findings { break-before: auto; }
  h2 { margin-top: 0; border-top: none; }
  h2, h3, caption, .finding h3 { break-after: avoid; }
  figure, .finding, tr, .facts li { break-inside: avoid; }
  figure svg { max-height: 225mm; }
  thead { display: table-header-group; }
  table { font-size: 8.5pt; }
  .appendix table { font-size: 7.5pt; }
  .findings { grid-template-columns: 1fr 1fr; }
  a { color: inherit; }
}
"""


def _e(value: Any) -> str:
    return escape(clean_text(value), quote=True)


def render_html(report: Report, version: str = "") -> str:
    """The report as one HTML document."""
    return "".join(html_chunks(report, version))


def html_chunks(report: Report, version: str = "") -> Iterator[str]:
    """`render_html`'s text, piece by piece, for writing as it is made: the complete tables of
    the appendix run to tens of thousands of rows at national scale (issue 22)."""
    m = messages(report.lang)
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{_e(report.lang)}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<meta name=\"generator\" content=\"ehelse-map {_e(version)}\">",
        f"<title>{_e(report.title)}</title>",
        f"<style>{STYLE}</style>",
        "</head>",
        "<body>",
        "<main>",
        "<header>",
        f"<h1>{_e(report.title)}</h1>",
        f'<p class="meta">{_e(report.subject)}</p>',
        '<ul class="facts">' + "".join(f"<li><b>{_e(v)}</b>{_e(k)}</li>"
                                       for k, v in report.facts) + "</ul>",
        "</header>",
        f'<p class="estimate-banner"><span class="est">{_e(m.t("Estimates."))}</span> '
        + _e(m.t(BANNER)).format(
            est='<span class="est">est</span>',
            link=f'<a href="#estimates">{_e(m.t("Estimates and assumptions"))}</a>') + "</p>",
        '<section id="findings">',
        f"<h2>{_e(report.summary)}</h2>",
        '<div class="findings">',
    ]
    for finding in report.findings:
        mark = ' <span class="est">(est)</span>' if finding.estimated else ""
        parts.append(
            f'<article class="finding" id="finding-{finding.code.lower()}">'
            f'<h3><span class="code">{_e(finding.code)}</span>{_e(finding.title)}</h3>'
            f"<p>{_e(finding.text)}{mark}</p>"
            f'<p><a href="#{_e(finding.section)}">{_e(m.t("Details"))}</a></p></article>')
    parts += ["</div>", "</section>"]
    labels = {entry.id: entry.label for entry in report.appendix}
    for index, section in enumerate(report.sections):
        parts.append(_section(section, index, labels, m))
    parts.append(_estimates(report, m))
    parts.append(_sources(report, m))
    yield "\n".join(parts) + "\n"
    if report.appendix:
        yield from _appendix(report, m)
        yield "\n"
    parts = ["<footer>" + _e(m.t("Made with ehelse-map {version} from the data as of {date}. "
                                  "The numbers are computations on the data; see the sources "
                                  "and assumptions above.", version=version,
                                  date=report.as_of.isoformat())) + "</footer>",
              "</main>", "</body>", "</html>"]
    yield "\n".join(parts) + "\n"


def _section(section: Section, index: int, labels: dict[str, str], m: Messages) -> str:
    parts = [f'<section id="{_e(section.id)}">', f"<h2>{_e(section.title)}</h2>"]
    parts += [f"<p>{_e(p)}</p>" for p in section.intro]
    for place, diagram in enumerate(section.diagrams):
        parts.append(_figure(diagram, f"s{index}d{place}"))
    for shown in section.tables:
        parts.append(_report_table(shown, labels, m))
    parts.append("</section>")
    return "\n".join(parts)


def _report_table(shown: ReportTable, labels: dict[str, str], m: Messages) -> str:
    more = ""
    if shown.complete is not None:
        more = ('<p class="more">' + _e(m.t("All {rows} rows:", rows=number(
                    shown.total_rows, m.lang))) + f' <a href="#{_e(shown.complete)}">'
                + _e(m.t("Appendix {label}", label=labels[shown.complete])) + "</a>.</p>")
    return table_html(shown.table, f"table-{shown.id}") + more


def table_html(table: Table, anchor: str | None = None, title: str | None = None) -> str:
    """A table with its caption and notes; `anchor` becomes its id (a link target)."""
    return "".join(table_chunks(table, anchor, title))


#: Rows of a table written as one piece by `table_chunks`.
ROWS_PER_CHUNK = 500


def table_chunks(table: Table, anchor: str | None = None,
                 title: str | None = None) -> Iterator[str]:
    """`table_html`'s text in pieces of `ROWS_PER_CHUNK` rows."""
    table = localised(table)
    numeric = [c.align == "right" for c in table.columns]
    head = "".join(f'<th{" class=num" if n else ""} scope="col">{_cell(c.header)}</th>'
                   for c, n in zip(table.columns, numeric, strict=False))
    ident = f' id="{_e(anchor)}"' if anchor else ""
    caption = _e(title if title is not None else table.title)
    yield (f"<table{ident}><caption>{caption}</caption>"
           f"<thead><tr>{head}</tr></thead><tbody>")
    if not table.rows:
        yield f'<tr><td colspan="{len(table.columns)}">(none)</td></tr>'
    data_cell = _cell_writer()
    for start in range(0, len(table.rows), ROWS_PER_CHUNK):
        yield "".join("<tr>" + "".join(data_cell(v, n)
                                       for v, n in zip(row, numeric, strict=False)) + "</tr>"
                      for row in table.rows[start:start + ROWS_PER_CHUNK])
    notes = ("<ul class=\"notes\">" + "".join(f"<li>{_e(n)}</li>" for n in table.notes)
             + "</ul>") if table.notes else ""
    yield f"</tbody></table>{notes}"


#: Words longer than this get break opportunities (`<wbr>`) in table cells.
LONG_WORD = 24
_LONG = re.compile(rf"\S{{{LONG_WORD + 1},}}")
_PIECE = re.compile(r"[^-_/.:]*[-_/.:]?")
_WORDS = re.compile(r"(\S+)")


def _cell_writer() -> Callable[[Any, bool], str]:
    """`<td>` elements for one table's values, each distinct text or integer written once: a
    long table repeats a few hundred of them (counts, kinds, names) over tens of thousands of
    cells. Other values are written each time (floats, and the spans and styled texts that
    hold them: -0.0 equals 0.0 but is written "-0")."""
    written: dict[tuple[Any, bool], str] = {}

    def data_cell(value: Any, numeric: bool) -> str:
        if type(value) is str or type(value) is int:  # not bool, not a subclass
            key = (value, numeric)
            text = written.get(key)
            if text is None:
                text = written[key] = _td(value, numeric)
            return text
        return _td(value, numeric)

    return data_cell


def _td(value: Any, numeric: bool) -> str:
    return f'<td{" class=num" if numeric else ""}>{_cell(value)}</td>'


def _cell(value: Any) -> str:
    """A table cell's text, escaped, with break opportunities in long words."""
    text = clean_text(value)
    if len(text) <= LONG_WORD or not _LONG.search(text):
        return escape(text, quote=True)
    return "".join(_broken(part) for part in _WORDS.split(text))


def _broken(part: str) -> str:
    """One word (or the space between words): pieces ending at `-_/.:`, none longer than
    `LONG_WORD`, joined by `<wbr>`."""
    if len(part) <= LONG_WORD or part.isspace():
        return escape(part, quote=True)
    chunks = []
    for piece in _PIECE.findall(part):
        while len(piece) > LONG_WORD:
            chunks.append(piece[:LONG_WORD])
            piece = piece[LONG_WORD:]
        if piece:
            chunks.append(piece)
    return "<wbr>".join(escape(chunk, quote=True) for chunk in chunks)


_ID = re.compile(r'\bid="([^"]+)"')
_REFERENCE = re.compile(r'(id="|url\(#|href="#)([^")]+)(?=[")])')
_METADATA = re.compile(r"\s*<metadata>.*?</metadata>", re.DOTALL)
_COMMENT = re.compile(r"\s*<!--.*?-->", re.DOTALL)
_ROOT = re.compile(r"<svg\b[^>]*>")
_SIZE = re.compile(r'\s(?:width|height)="[^"]*"')


def inline_svg(svg: bytes, prefix: str, title: str = "", description: str = "") -> str:
    """An SVG document as an element for HTML: no XML prologue, comments or RDF metadata, ids
    made unique per figure, sized by CSS (no width or height of its own, so it shrinks with
    the page), and an image for assistive technology: `role="img"` named by a `<title>` and
    described by a `<desc>`, its first children."""
    text = svg.decode("utf-8")
    start = text.find("<svg")
    text = text[start:] if start >= 0 else text
    text = _COMMENT.sub("", _METADATA.sub("", text, count=1))
    # One pass over the document: a replace per id was quadratic (14 of 26 s of a report at
    # Nordic scale, 3,500 ids in a 1.8 MB SVG).
    ids = set(_ID.findall(text))
    text = _REFERENCE.sub(lambda m: f"{m[1]}{prefix}-{m[2]}" if m[2] in ids else m[0], text)
    root = _ROOT.search(text)
    if root is None:
        return text
    tag = _SIZE.sub("", root.group())[:-1] + ' role="img"'
    if title:
        tag += f' aria-labelledby="{prefix}-title"'
    if description:
        tag += f' aria-describedby="{prefix}-desc"'
    tag += ">"
    inner = (f'<title id="{prefix}-title">{_e(title)}</title>' if title else "") + (
        f'<desc id="{prefix}-desc">{_e(description)}</desc>' if description else "")
    return text[:root.start()] + tag + inner + text[root.end():]


def _figure(diagram: Diagram, prefix: str) -> str:
    return (f'<figure id="diagram-{_e(diagram.kind)}">'
            f"{inline_svg(diagram.image, prefix, diagram.caption, diagram.description)}"
            f"<figcaption>{_e(diagram.caption)}</figcaption></figure>")


def _estimates(report: Report, m: Messages) -> str:
    items = []
    for note in report.estimates:
        names = note.used_by_names or note.used_by
        users = (" " + _e(m.t("Used by: {names}.", names=", ".join(names))) if names else "")
        items.append(f"<li><code>{_e(note.assumption)}</code> — {_e(note.text)}{users}</li>")
    none = "<li>" + _e(m.t("(none)")) + "</li>"
    return ('<section id="estimates"><h2>' + _e(m.t("Estimates and assumptions")) + "</h2>"
            "<p>" + _e(m.t(ESTIMATES_INTRO)) + "</p>"
            f"<ul>{''.join(items) or none}</ul></section>")


def _sources(report: Report, m: Messages) -> str:
    """Title, publisher, date and address of every source; never the data's internal notes
    about a source, which are for whoever keeps the data."""
    items = []
    for cited in report.sources:
        source = cited.source
        parts = [f"<cite>{_e(source.title)}</cite>"]
        parts += [_e(x) for x in (source.publisher, source.published) if x]
        text = ". ".join(parts) + "."
        if source.url:
            text += f' <a href="{_e(source.url)}" rel="noreferrer">{_e(source.url)}</a>'
        items.append(f'<li id="source-{_e(source.id)}">{text}</li>')
    return ('<section id="sources"><h2>' + _e(m.t("Sources")) + '</h2><ol class="sources">'
            + "".join(items) + "</ol></section>")


def _appendix(report: Report, m: Messages) -> Iterator[str]:
    yield ('<section id="appendix" class="appendix"><h2>'
           + _e(m.t("Appendix: complete tables")) + "</h2>\n"
           + "<p>" + _e(m.t("Every row of the tables that the sections above show in part."))
           + "</p>")
    for entry in report.appendix:
        yield "\n"
        yield from _appendix_table(entry, m)
    yield "\n</section>"


def _appendix_table(entry: Appendix, m: Messages) -> Iterator[str]:
    yield f'<div id="{_e(entry.id)}">'
    yield from table_chunks(entry.table, title=f"{entry.label}. {entry.table.title}")
    yield (f'<p class="more"><a href="#{_e(entry.section)}">'
           + _e(m.t("Back to the section")) + "</a></p></div>")
