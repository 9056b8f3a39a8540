"""The report: every section present, sources linked, estimates noted, HTML self-contained."""

from __future__ import annotations

import contextlib
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

import pytest

from ehelse_map.model.build import load_dataset
from ehelse_map.render.report.assemble import build_report
from ehelse_map.render.report.html import inline_svg, render_html
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
    assert "width=" not in inline.split(">")[0]


def test_markdown_has_sections_and_images_beside(default_report):
    text, images = render_report_markdown(default_report, "report", "test")
    for heading in ("## Summary", "### F1", "### F6", "## Overlapping mandates",
                    "## Coordination burden", "## Funding", "## Anchoring", "## Coverage",
                    "## Consolidation candidates", "## Estimates and assumptions", "## Sources"):
        assert heading in text, heading
    assert "report-landscape.svg" in images
    for name in images:
        assert f"]({name})" in text


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


@pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed")
def test_browser_renders_the_report(tmp_path, default_html):
    """Headless Chromium with networking features off draws the page; the screenshot is a real
    PNG of the requested size and not a blank page."""
    page = tmp_path / "report.html"
    page.write_text(default_html, encoding="utf-8")
    shot = tmp_path / "shot.png"
    log = tmp_path / "chromium.log"
    with tempfile.TemporaryDirectory() as profile, open(log, "wb") as errors:
        # Output to a file, not a pipe: Chromium's helper processes can outlive the browser and
        # hold a pipe open. The browser gets its own process group, ended when it is done.
        browser = subprocess.Popen(
            [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             "--no-first-run", f"--user-data-dir={profile}", f"--screenshot={shot}",
             "--window-size=1280,2400", page.as_uri()],
            stdout=subprocess.DEVNULL, stderr=errors, start_new_session=True)
        try:
            assert browser.wait(timeout=120) == 0, log.read_text(errors="replace")[-2000:]
        finally:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(browser.pid, signal.SIGTERM)
            browser.wait()
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    assert (width, height) == (1280, 2400)
    assert len(data) > 50_000  # text, tables and a diagram; a blank page compresses to ~10 kB
