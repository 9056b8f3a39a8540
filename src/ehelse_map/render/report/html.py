"""The report as one self-contained HTML file: styles inline, diagrams inline as SVG, no
scripts, fonts or images loaded from anywhere. Links to sources are plain `<a href>` links."""

from __future__ import annotations

import re
from html import escape
from typing import Any

from ehelse_map.render.report.assemble import Diagram, Report, Section
from ehelse_map.render.table import Table, clean_text

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
.findings { display: grid; grid-template-columns: repeat(auto-fill, minmax(320px, 1fr));
            gap: 14px; }
.finding { border: 1px solid var(--rule); border-radius: 8px; padding: 12px 16px;
           overflow-wrap: anywhere; }
.finding h3 { margin: 0 0 6px; }
.finding .code { display: inline-block; background: var(--accent); color: #fff;
                 border-radius: 4px; padding: 0 6px; margin-right: 6px; font-size: 13px; }
.finding p { margin: 0 0 6px; }
.est { color: var(--warn); font-weight: 600; }
table { border-collapse: collapse; width: 100%; margin: 8px 0 4px; font-size: 13px; }
caption { text-align: left; font-weight: 600; padding: 4px 0; }
th, td { border-bottom: 1px solid var(--rule); padding: 4px 8px; vertical-align: top; }
th { background: var(--band); text-align: left; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
.notes { color: var(--muted); font-size: 12.5px; margin: 0 0 16px; padding-left: 18px; }
.scroll { overflow-x: auto; }
figure { margin: 16px 0; }
figure svg { display: block; max-width: 100%; height: auto; }
figcaption { color: var(--muted); font-size: 13px; }
.sources li { margin-bottom: 6px; }
code { font-size: 12.5px; background: var(--band); padding: 0 3px; border-radius: 3px; }
footer { margin-top: 48px; color: var(--muted); font-size: 12.5px; }
@media print { h2 { break-before: auto; } figure, table { break-inside: avoid; } }
"""


def _e(value: Any) -> str:
    return escape(clean_text(value), quote=True)


def render_html(report: Report, version: str = "") -> str:
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
        f'<p class="meta">Situation as of {report.as_of.isoformat()}; scope: '
        f"{_e(report.scope)}.</p>",
        '<ul class="facts">' + "".join(f"<li><b>{_e(v)}</b>{_e(k)}</li>"
                                       for k, v in report.facts) + "</ul>",
        "</header>",
        '<p class="estimate-banner"><span class="est">Estimates.</span> Meeting cadences that '
        "the sources do not publish are estimated, and so is the staffing of municipalities "
        "(which roles one person holds). Every figure that rests on an estimate is marked "
        '<span class="est">est</span> or *; the assumptions are listed under '
        '<a href="#estimates">Estimates and assumptions</a>.</p>',
        '<section id="findings">',
        "<h2>Summary: the evaluation's findings, answered from the data</h2>",
        '<div class="findings">',
    ]
    for finding in report.findings:
        mark = ' <span class="est">(est)</span>' if finding.estimated else ""
        parts.append(
            f'<article class="finding" id="finding-{finding.code.lower()}">'
            f'<h3><span class="code">{_e(finding.code)}</span>{_e(finding.title)}</h3>'
            f"<p>{_e(finding.text)}{mark}</p>"
            f'<p><a href="#{_e(finding.section)}">Details</a></p></article>')
    parts += ["</div>", "</section>"]
    for index, section in enumerate(report.sections):
        parts.append(_section(section, index))
    parts.append(_estimates(report))
    parts.append(_sources(report))
    parts += [f"<footer>Made with ehelse-map {_e(version)} from the data as of "
              f"{report.as_of.isoformat()}. The numbers are computations on the data; see "
              "the sources and assumptions above.</footer>", "</main>", "</body>", "</html>"]
    return "\n".join(parts) + "\n"


def _section(section: Section, index: int) -> str:
    parts = [f'<section id="{_e(section.id)}">', f"<h2>{_e(section.title)}</h2>"]
    parts += [f"<p>{_e(p)}</p>" for p in section.intro]
    for number, diagram in enumerate(section.diagrams):
        parts.append(_figure(diagram, f"s{index}d{number}"))
    parts += [table_html(t) for t in section.tables]
    parts.append("</section>")
    return "\n".join(parts)


def table_html(table: Table) -> str:
    numeric = [c.align == "right" for c in table.columns]
    head = "".join(f'<th{" class=num" if n else ""} scope="col">{_e(c.header)}</th>'
                   for c, n in zip(table.columns, numeric, strict=False))
    body = "".join("<tr>" + "".join(f'<td{" class=num" if n else ""}>{_e(v)}</td>'
                                    for v, n in zip(row, numeric, strict=False)) + "</tr>"
                   for row in table.rows)
    if not table.rows:
        body = f'<tr><td colspan="{len(table.columns)}">(none)</td></tr>'
    notes = ("<ul class=\"notes\">" + "".join(f"<li>{_e(n)}</li>" for n in table.notes)
             + "</ul>") if table.notes else ""
    return (f'<div class="scroll"><table><caption>{_e(table.title)}</caption>'
            f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div>{notes}")


_ID = re.compile(r'\bid="([^"]+)"')


_REFERENCE = re.compile(r'(id="|url\(#|href="#)([^")]+)(?=[")])')


def inline_svg(svg: bytes, prefix: str) -> str:
    """An SVG document as an element for HTML: no XML prologue, ids made unique per figure,
    and sized by CSS so it shrinks with the page."""
    text = svg.decode("utf-8")
    start = text.find("<svg")
    text = text[start:] if start >= 0 else text
    # One pass over the document: a replace per id was quadratic (14 of 26 s of a report at
    # Nordic scale, 3,500 ids in a 1.8 MB SVG).
    ids = set(_ID.findall(text))
    text = _REFERENCE.sub(lambda m: f"{m[1]}{prefix}-{m[2]}" if m[2] in ids else m[0], text)
    return re.sub(r'(<svg\b[^>]*?)\s(width|height)="[^"]*"', r"\1", text, count=2)


def _figure(diagram: Diagram, prefix: str) -> str:
    return (f'<figure id="diagram-{_e(diagram.kind)}">{inline_svg(diagram.svg, prefix)}'
            f"<figcaption>{_e(diagram.caption)}</figcaption></figure>")


def _estimates(report: Report) -> str:
    items = []
    for note in report.estimates:
        users = (" Used by: " + ", ".join(f"<code>{_e(u)}</code>" for u in note.used_by) + "."
                 if note.used_by else "")
        items.append(f"<li><code>{_e(note.assumption)}</code> — {_e(note.text)}{users}</li>")
    return ('<section id="estimates"><h2>Estimates and assumptions</h2>'
            "<p>These figures rest on assumptions rather than published numbers: every hour "
            "figure uses the meeting cadences below where a network's cadence is estimated, "
            "and the staffing assumption decides which roles one person holds.</p>"
            f"<ul>{''.join(items) or '<li>(none)</li>'}</ul></section>")


def _sources(report: Report) -> str:
    items = []
    for cited in report.sources:
        source = cited.source
        title = _e(source.title)
        if source.url:
            title = f'<a href="{_e(source.url)}" rel="noreferrer">{title}</a>'
        details = ", ".join(_e(x) for x in (source.publisher, source.published) if x)
        note = f" <span class=\"meta\">{_e(source.note)}</span>" if source.note else ""
        items.append(f'<li id="source-{_e(source.id)}"><code>{_e(source.id)}</code> {title}'
                     + (f" — {details}" if details else "")
                     + f" (cited by {cited.cited_by} records).{note}</li>")
    return ('<section id="sources"><h2>Sources</h2><ol class="sources">'
            + "".join(items) + "</ol></section>")
