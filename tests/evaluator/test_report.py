"""The report: every section present, sources linked, estimates noted, HTML self-contained;
names in its tables, complete tables in an appendix, accessible pictures; printed on A4 by
Chromium with nothing wider than the page; the Markdown's images found whatever its name."""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import signal
import subprocess
import tempfile
from datetime import date
from html.parser import HTMLParser
from pathlib import Path
from typing import ClassVar
from urllib.parse import unquote

import pytest

from ehelse_map.model.build import load_dataset
from ehelse_map.render.report.assemble import build_report
from ehelse_map.render.report.html import STYLE, inline_svg, render_html
from ehelse_map.render.report.markdown import render_report_markdown

ROOT = Path(__file__).resolve().parents[2]
FIXTURE = ROOT / "tests" / "fixtures" / "diff" / "new"
AS_OF = date(2024, 6, 1)
SECTIONS = ("findings", "overview", "overlap", "burden", "funding", "anchoring", "gaps",
            "consolidation", "estimates", "sources")


@pytest.fixture(scope="module")
def default_report():
    return build_report(load_dataset(), AS_OF)


@pytest.fixture(scope="module")
def default_html(default_report):
    return render_html(default_report, "test")


class Collector(HTMLParser):
    """Every tag with its attributes, and the ids; fails on unbalanced tags."""

    VOID: ClassVar[set[str]] = {"meta", "br", "img", "link", "input", "hr", "source", "col", "area", "base",
            "wbr", "path", "use", "rect", "circle", "line", "polyline", "polygon", "ellipse",
            "stop", "image"}

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.stack: list[str] = []
        self.errors: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_endtag(self, tag):
        if tag in self.VOID and (not self.stack or self.stack[-1] != tag):
            return
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"unexpected </{tag}> (open: {self.stack[-3:]})")
            return
        self.stack.pop()


def parse(html: str) -> Collector:
    collector = Collector()
    collector.feed(html)
    collector.close()
    return collector


def test_every_section_and_finding_is_present(default_report, default_html):
    parsed = parse(default_html)
    ids = {attrs.get("id") for _, attrs in parsed.tags}
    for section in SECTIONS:
        assert section in ids, section
    for code in ("f1", "f2", "f3", "f4", "f5", "f6"):
        assert f"finding-{code}" in ids
    assert [f.code for f in default_report.findings] == ["F1", "F2", "F3", "F4", "F5", "F6"]
    assert all(f.text for f in default_report.findings)
    assert "diagram-landscape" in ids


def test_html_is_well_formed_and_loads_nothing_from_outside(default_html):
    parsed = parse(default_html)
    assert parsed.errors == [] and parsed.stack == []
    for tag, attrs in parsed.tags:
        assert tag not in ("script", "iframe", "object", "embed", "link", "img"), tag
        for name in ("src", "srcset", "data", "poster"):
            assert name not in attrs, (tag, name)
        for name in ("href", "xlink:href"):
            value = attrs.get(name) or ""
            if tag != "a":  # links are followed only on a click; anything else would load
                assert not value or value.startswith(("#", "data:")), (tag, value[:80])
    assert not re.search(r"url\(\s*['\"]?(?!#)", default_html)
    assert "@import" not in default_html


def test_sources_are_listed_and_linked(default_report, default_html):
    parsed = parse(default_html)
    links = {attrs.get("href") for tag, attrs in parsed.tags if tag == "a"}
    with_url = [c.source for c in default_report.sources if c.source.url]
    assert with_url
    assert all(s.url in links for s in with_url)
    items = {attrs.get("id") for tag, attrs in parsed.tags if tag == "li"}
    assert all(f"source-{c.source.id}" in items for c in default_report.sources)


def test_estimates_are_noted(default_report, default_html):
    assert default_report.estimates
    assert "estimate-banner" in default_html
    for note in default_report.estimates:
        assert f"<code>{note.assumption}</code>" in default_html
    assert any(f.estimated for f in default_report.findings)
    assert '<span class="est">(est)</span>' in default_html


def test_svg_ids_are_made_unique_per_figure():
    svg = (b'<?xml version="1.0"?>\n<svg width="10pt" height="5pt" viewBox="0 0 10 5">'
           b'<clipPath id="p1"/><g clip-path="url(#p1)"/><use xlink:href="#p1"/></svg>')
    inline = inline_svg(svg, "x")
    assert inline.startswith("<svg") and 'id="x-p1"' in inline
    assert "url(#x-p1)" in inline and 'xlink:href="#x-p1"' in inline
    root = inline.split(">")[0]
    assert "width=" not in root and "height=" not in root and 'viewBox="0 0 10 5"' in root


def test_pictures_are_accessible_images_without_metadata(default_report, default_html):
    """Each inline SVG is an image named by its <title> and described by its <desc>, its
    first children; matplotlib's RDF metadata and comments are gone."""
    diagrams = [d for s in default_report.sections for d in s.diagrams]
    roots = re.findall(r"<svg\b[^>]*>(?:<title[^>]*>[^<]*</title>)?(?:<desc[^>]*>[^<]*</desc>)?",
                       default_html)
    assert len(roots) == len(diagrams) == 4
    for root, diagram in zip(roots, diagrams, strict=True):
        tag = root.split(">")[0]
        assert 'role="img"' in tag and "width=" not in tag and "height=" not in tag
        label = re.search(r'aria-labelledby="([^"]+)"', tag)[1]
        described = re.search(r'aria-describedby="([^"]+)"', tag)[1]
        assert f'<title id="{label}">{diagram.caption}</title>' in root
        assert f'<desc id="{described}">' in root and diagram.description
    for leftover in ("<metadata", "rdf:", "dc:format", "cc:Work", "<!--"):
        assert leftover not in default_html


def test_tables_name_records_and_ids_stay_in_json(default_report, default_html):
    """Evaluators read names; ids are for the command line and JSON."""
    cells = re.findall(r"<td>([^<]*)</td>", default_html)
    data = load_dataset()
    network_ids = set(data.networks) | {a for a in data.actors if "-" in a}
    named = [c for c in cells if c in network_ids]
    assert named == [], named[:5]
    assert "<td>Digi Vestland e-helse</td>" in default_html
    assert "Head of health and care" in default_html  # a role by its label, not helseleiar
    assert "--format json" not in default_html


def test_long_tables_are_complete_in_the_appendix(default_report, default_html):
    """A long table shows its first rows and links to the appendix, which has every row (the
    report used to say 'N more rows: run the command with --format json')."""
    shown = [t for s in default_report.sections for t in s.tables if t.complete]
    assert shown and len(default_report.appendix) == len(shown)
    parsed = parse(default_html)
    ids = {attrs.get("id") for _, attrs in parsed.tags}
    links = {attrs.get("href") for tag, attrs in parsed.tags if tag == "a"}
    for table, entry in zip(shown, default_report.appendix, strict=True):
        assert table.complete == entry.id and f"#{entry.id}" in links and entry.id in ids
        assert len(table.table.rows) < len(entry.table.rows) == table.total_rows
        assert entry.table.rows[:len(table.table.rows)] == table.table.rows
    people = next(e for e in default_report.appendix if e.id == "appendix-burden-person")
    assert default_html.count("<tr>") > len(people.table.rows)


def test_the_source_list_has_no_internal_notes(default_report, default_html):
    """A source's `note` is a remark for whoever keeps the data ("DOMAIN.md gives no
    address"); the list prints title, publisher, date and address."""
    noted = [c.source for c in default_report.sources if c.source.note]
    assert noted
    sources = default_html[default_html.index('<section id="sources">'):]
    sources = sources[:sources.index("</section>")]
    for source in noted:
        assert source.note not in sources, source.id
    with_all = next(c.source for c in default_report.sources
                    if c.source.url and c.source.publisher and c.source.published)
    item = re.search(rf'<li id="source-{re.escape(with_all.id)}">(.*?)</li>', sources)[1]
    for part in (with_all.publisher, with_all.published, with_all.url):
        assert part.replace("&", "&amp;") in item


def test_markdown_has_sections_and_images_beside(default_report):
    text, images = render_report_markdown(default_report, "report", "test")
    for heading in ("## Summary", "### F1", "### F6", "## Overlapping mandates",
                    "## Coordination burden", "## Funding", "## Anchoring", "## Coverage",
                    "## Consolidation candidates", "## Estimates and assumptions", "## Sources"):
        assert heading in text, heading
    assert "report-landscape.svg" in images
    for name in images:
        assert f"]({name})" in text
    assert "## Appendix: complete tables" in text and "All 1,423 rows: Appendix" in text


@pytest.mark.parametrize("name", ["my report (draft 2).md", "rapport [v1] 50% & Årdal.md"])
def test_markdown_images_are_found_whatever_the_file_is_called(run_cli, tmp_path, name):
    """A name with spaces, parentheses or brackets must not end the link early: every image
    link, read by a CommonMark parser and decoded, names a file written beside the report."""
    markdown_it = pytest.importorskip("markdown_it")
    output = tmp_path / name
    result = run_cli(["report", "--data", str(FIXTURE), "--as-of", "2024-06-01", "-o",
                      str(output)])
    assert result.exit_code == 0, result.stderr
    tokens = markdown_it.MarkdownIt("commonmark").parse(output.read_text(encoding="utf-8"))
    images = [child.attrs["src"] for token in tokens if token.children
              for child in token.children if child.type == "image"]
    assert len(images) == 4
    for src in images:
        assert (tmp_path / unquote(src)).is_file(), src


def test_cli_report_html_and_markdown(run_cli, tmp_path):
    base = ["report", "--data", str(FIXTURE), "--as-of", "2024-06-01"]
    html = tmp_path / "r.html"
    assert run_cli([*base, "-o", str(html), "--title", "Test <report>"]).exit_code == 0
    text = html.read_text()
    assert "<title>Test &lt;report&gt;</title>" in text
    again = run_cli([*base, "-o", str(html)])
    assert again.exit_code == 2 and "already exists" in again.stderr
    md = tmp_path / "r.md"
    out = run_cli([*base, "-o", str(md), "--lang", "nn"])
    assert out.exit_code == 0, out.stderr
    assert (tmp_path / "r-landscape.svg").exists()
    assert run_cli([*base, "-o", str(tmp_path / "r.pdf")]).exit_code == 2
    assert run_cli([*base, "-o", str(tmp_path / "x.html"), "--lang", "de"]).exit_code == 2


def test_report_is_deterministic():
    data = load_dataset(FIXTURE)
    first = render_html(build_report(data, AS_OF), "t")
    second = render_html(build_report(data, AS_OF), "t")
    assert first == second


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
PDFTOTEXT = shutil.which("pdftotext")
needs_chromium = pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed")
needs_poppler = pytest.mark.skipif(PDFTOTEXT is None, reason="pdftotext (poppler-utils) is not "
                                                             "installed")
#: A4 in PostScript points, and what Chromium writes for it (whole CSS pixels: 794 × 1123).
A4_PT = (595.28, 841.89)


def chromium(tmp_path: Path, *args: str) -> bytes:
    """Run headless Chromium with networking features off and a fresh profile; its stdout."""
    log, out = tmp_path / "chromium.log", tmp_path / "chromium.out"
    with tempfile.TemporaryDirectory() as profile, open(log, "wb") as errors, \
            open(out, "wb") as output:
        # Output to files, not pipes: Chromium's helper processes can outlive the browser and
        # hold a pipe open. The browser gets its own process group, ended when it is done.
        browser = subprocess.Popen(
            [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             "--no-first-run", f"--user-data-dir={profile}", *args],
            stdout=output, stderr=errors, start_new_session=True)
        try:
            assert browser.wait(timeout=180) == 0, log.read_text(errors="replace")[-2000:]
        finally:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(browser.pid, signal.SIGTERM)
            browser.wait()
    return out.read_bytes()


def page_margins_mm() -> tuple[float, float]:
    """(left, right) margins of the report's `@page` rule: top, sides, bottom."""
    rule = re.search(r"@page\s*{[^}]*margin:\s*([\d.]+)mm\s+([\d.]+)mm", STYLE)
    return float(rule[2]), float(rule[2])


@needs_chromium
def test_browser_renders_the_report(tmp_path, default_html):
    """Headless Chromium draws the page; the screenshot is a real PNG of the requested size and
    not a blank page."""
    page = tmp_path / "report.html"
    page.write_text(default_html, encoding="utf-8")
    shot = tmp_path / "shot.png"
    chromium(tmp_path, f"--screenshot={shot}", "--window-size=1280,2400", page.as_uri())
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    assert (width, height) == (1280, 2400)
    assert len(data) > 50_000  # text, tables and a diagram; a blank page compresses to ~10 kB


@pytest.fixture(scope="module")
def printed(tmp_path_factory, default_html) -> Path:
    """The default report printed to PDF by Chromium, as a user's Print does (no header or
    footer lines of the browser's own)."""
    if CHROMIUM is None:
        pytest.skip("Chromium is not installed")
    folder = tmp_path_factory.mktemp("print")
    page, pdf = folder / "report.html", folder / "report.pdf"
    page.write_text(default_html, encoding="utf-8")
    chromium(folder, f"--print-to-pdf={pdf}", "--no-pdf-header-footer", page.as_uri())
    return pdf


@needs_chromium
def test_the_report_prints_on_a4(printed):
    """Every page of the printed report is A4 (the @page rule), read from the PDF's MediaBox;
    with poppler installed, pdfinfo agrees."""
    boxes = re.findall(rb"/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]",
                       printed.read_bytes())
    assert len(boxes) > 10  # sections start on new pages
    for width, height in boxes:
        assert abs(float(width) - A4_PT[0]) < 1.5 and abs(float(height) - A4_PT[1]) < 1.5
    if shutil.which("pdfinfo"):
        info = subprocess.run(["pdfinfo", str(printed)], capture_output=True, text=True,
                              check=True).stdout
        assert "(A4)" in info and int(re.search(r"Pages:\s+(\d+)", info)[1]) == len(boxes)


@needs_chromium
def test_nothing_is_wider_than_the_page(tmp_path, default_html):
    """The print layout, laid out by Chromium at the width between the A4 page's margins: no
    element reaches past it. The page's own print rules are applied on screen (`@media print`
    read as `@media all`), and a probe script, added to this copy only, lists the elements
    whose box ends outside the viewport; `--dump-dom` brings its answer back. Measuring the
    layout itself, rather than the PDF, also catches what a printer would cut off or shrink."""
    left, right = page_margins_mm()
    width = round((210 - left - right) / 25.4 * 96)  # CSS pixels between the margins
    probe = """<script>(function () {
      var width = document.documentElement.clientWidth, wide = [];
      var all = document.body.getElementsByTagName("*");
      for (var i = 0; i < all.length; i++) {
        var box = all[i].getBoundingClientRect();
        if (box.width > 0 && (box.right > width + 0.5 || box.left < -0.5))
          wide.push(all[i].tagName + "#" + all[i].id + " " + Math.round(box.right));
      }
      var out = document.createElement("pre");
      out.id = "layout-probe";
      out.textContent = JSON.stringify({width: width, elements: all.length,
        scroll: document.documentElement.scrollWidth, wide: wide.slice(0, 10)});
      document.body.appendChild(out);
    })();</script>"""
    assert "@media print" in default_html
    page = tmp_path / "probe.html"
    page.write_text(default_html.replace("@media print", "@media all")
                    .replace("</body>", probe + "</body>"), encoding="utf-8")
    dom = chromium(tmp_path, "--hide-scrollbars", f"--window-size={width},1200", "--dump-dom",
                   page.as_uri()).decode("utf-8")
    found = json.loads(re.search(r'<pre id="layout-probe">(.*?)</pre>', dom)[1]
                       .replace("&quot;", '"').replace("&amp;", "&"))
    assert found["width"] == width and found["elements"] > 10_000
    assert found["wide"] == [] and found["scroll"] == width, found


@needs_chromium
@needs_poppler
def test_every_word_and_picture_is_on_the_printed_page(printed, default_report):
    """In the PDF itself: every word lies inside the page's margins (poppler's word boxes),
    and every diagram is there, drawn: its caption and the title it draws (SVG text stays
    text, so it is in the PDF's text)."""
    boxes = subprocess.run([PDFTOTEXT, "-bbox", str(printed), "-"], capture_output=True,
                           text=True, check=True).stdout
    left, right = (m / 25.4 * 72 for m in page_margins_mm())
    pages = re.findall(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', boxes, re.S)
    assert pages
    for page_width, _, words in pages:
        for x_min, x_max in re.findall(r'<word xMin="([\d.]+)" yMin="[\d.]+" '
                                       r'xMax="([\d.]+)"', words):
            # 2 pt: poppler's boxes are the glyphs' font boxes, a little wider than the ink
            assert float(x_min) >= left - 2 and float(x_max) <= float(page_width) - right + 2
    text = " ".join(subprocess.run([PDFTOTEXT, str(printed), "-"], capture_output=True,
                                   text=True, check=True).stdout.split())
    for diagram in (d for s in default_report.sections for d in s.diagrams):
        assert " ".join(diagram.caption.split()) in text, diagram.kind
        sizes = re.findall(r'<text style="[^"]*font-size: ([\d.]+)px[^"]*"[^>]*>([^<]+)</text>',
                           diagram.image.decode("utf-8"))
        title = max(sizes, key=lambda found: float(found[0]))[1]
        assert " ".join(title.split()) in text, (diagram.kind, title)


# --- the report about one organisation ----------------------------------------------------------

FORMAT2 = ROOT / "tests" / "fixtures" / "format2"


def test_a_report_about_one_municipality():
    """`report --organisation m-small` on the hand-made format-2 data set (its figures are
    worked out in tests/analyses/test_profile.py): its profile, its findings in words, the
    assumptions and only the sources it rests on."""
    from ehelse_map.render.report.organisation import build_organisation_report

    data = load_dataset(FORMAT2)
    report = build_organisation_report(data, AS_OF, "m-small", diagrams=False)
    assert report.title == "Small: the e-health networks that reach it"
    assert [s.id for s in report.sections] == ["networks", "asked", "funding", "overlap",
                                               "leaders"]
    answers = {f.code: f.text for f in report.findings}
    assert answers["F1"].startswith(
        "4 networks reach Small and ask 1 person there for 38 (24–56) hours a year in all. "
        "The most loaded person, holding 2 roles (Head of health and care and Coordinator), "
        "is asked by 4 networks for 38 (24–56) hours a year: 38% (20%–70%) of the capacity "
        "of one person (100 (80–120) hours). 1 of the 4 meeting series rests on estimated "
        "cadences.")
    # the staffing assumption is taken from F1: the answer says it cannot confirm F1
    assert next(f for f in report.findings if f.code == "F1").circular == ("staffing",)
    assert "1 funding line from 1 funder and 1 reporting line: Funder (g2)" in answers["F2"]
    assert "For 2 networks the data says nothing about funding" in answers["F2"]
    assert "Participation network and Seats network (duplicate, score 1.00" in answers["F3"]
    assert "its health leaders are asked directly by 2 networks" in answers["F5"]
    assert [c.source.id for c in report.sources] == ["src-a", "src-b"]
    assert [e.assumption for e in report.estimates] == ["cadence", "capacity", "staffing"]
    html = render_html(report, "test")
    parsed = parse(html)
    assert parsed.errors == [] and parsed.stack == []
    ids = {attrs.get("id") for _, attrs in parsed.tags}
    assert {f.section for f in report.findings} <= ids
    assert "<td>Participation network</td>" in html and "<td>part-net</td>" not in html


def test_organisation_reports_on_the_default_data_read_right():
    """Numbers and verbs agree, whatever the organisation: a municipality, an aggregate, a
    body reached by one network, a body no network reaches."""
    from ehelse_map.render.report.organisation import build_organisation_report

    data = load_dataset()
    wrong = re.compile(r"\b(?:1|one) (?:networks|persons|pairs|funders|lines)\b|"
                       r"\b(?:[02-9]|\d\d+) (?:network|person|pair|funder)\b(?!s)|"
                       r"\b1 network reach\b|\bask 0 persons\b")
    for organisation in ("etne", "se-kommuner", "ks", "hod"):
        report = build_organisation_report(data, date(2025, 6, 1), organisation,
                                           diagrams=False)
        for finding in report.findings:
            assert finding.text and not wrong.search(finding.text), finding.text


def test_cli_report_about_one_organisation(run_cli, tmp_path):
    base = ["report", "--data", str(FORMAT2)]
    html = tmp_path / "small.html"
    result = run_cli([*base, "--organisation", "Small", "-o", str(html)])
    assert result.exit_code == 0, result.stderr
    text = html.read_text(encoding="utf-8")
    assert "<h1>Small: the e-health networks that reach it</h1>" in text
    # its own profile, and its county with Small highlighted: landscape and burden
    assert text.count("<svg") == 3
    assert "Networks reaching Small and the hours they ask" in text  # whole, not cut
    assert text.index('id="diagram-profile"') < text.index("Funding and reporting lines")
    markdown = tmp_path / "small.md"
    assert run_cli([*base, "--organisation", "m-small", "-o", str(markdown)]).exit_code == 0
    assert (tmp_path / "small-landscape.svg").exists()
    assert "Specific network" in (tmp_path / "small-profile.svg").read_text(encoding="utf-8")
    mixed = run_cli([*base, "--organisation", "m-small", "--region", "west", "-o",
                     str(tmp_path / "x.html")])
    assert mixed.exit_code == 2 and "takes no --country, --region" in mixed.stderr
    unknown = run_cli([*base, "--organisation", "m-smal", "-o", str(tmp_path / "y.html")])
    assert unknown.exit_code == 2 and "did you mean 'm-small'" in unknown.stderr


def test_the_html_file_is_the_rendered_report_written_piece_by_piece(run_cli, tmp_path,
                                                                      monkeypatch):
    # the complete tables of the appendix are written as they are made, a few rows at a time
    # (tens of thousands of rows at national scale): the file is still the whole document
    from ehelse_map.render.report import html as html_module
    from ehelse_map.version import __version__

    monkeypatch.setattr(html_module, "ROWS_PER_CHUNK", 7)
    written = tmp_path / "r.html"
    result = run_cli(["report", "--as-of", "2024-06-01", "-o", str(written)])
    assert result.exit_code == 0, result.stderr
    report = build_report(load_dataset(), AS_OF, source_name="ehelse-map default data set")
    assert report.appendix and any(len(a.table.rows) > 7 for a in report.appendix)
    assert written.read_text(encoding="utf-8") == render_html(report, __version__)
