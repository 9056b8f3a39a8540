"""The report in Markdown, with its diagrams as SVG files written beside it.

Images are linked by their file name, percent-encoded (`my%20report%20%282%29-burden.svg`), so
a link works whatever the report is called: spaces, parentheses, brackets and `:` cannot end
the link early or be read as a scheme. Long tables show their first rows and name the appendix
entry that has all of them.
"""

from __future__ import annotations

from ehelse_map.render.escape import md, md_code, md_url
from ehelse_map.render.report.assemble import Report
from ehelse_map.render.table import render_markdown


def image_name(stem: str, kind: str) -> str:
    """The file a diagram is written to, beside the report: `STEM-KIND.svg`."""
    return f"{stem}-{kind}.svg"


def render_report_markdown(report: Report, image_stem: str, version: str = ""
                           ) -> tuple[str, dict[str, bytes]]:
    """(Markdown text, {image file name: SVG bytes}); images are linked by relative name, so
    they must sit in the same folder as the Markdown file."""
    images: dict[str, bytes] = {}
    lines = [f"# {md(report.title)}", "", md(report.subject), ""]
    lines += [f"- **{md(value)}** {md(label)}" for label, value in report.facts]
    lines += ["", "> **Estimates.** Meeting cadences that the sources do not publish are "
              "estimated, and so is the staffing of municipalities (which roles one person "
              "holds). Every figure that rests on an estimate is marked *est* or \\*; the "
              "assumptions are listed under *Estimates and assumptions* below.", "",
              f"## {md(report.summary)}", ""]
    titles = {s.id: s.title for s in report.sections}
    labels = {entry.id: entry.label for entry in report.appendix}
    for finding in report.findings:
        mark = " *(est)*" if finding.estimated else ""
        lines += [f"### {finding.code} — {md(finding.title)}", "", f"{md(finding.text)}{mark}",
                  "", f"Details: *{md(titles.get(finding.section, finding.section))}*.", ""]
    for section in report.sections:
        lines += [f"## {md(section.title)}", ""]
        lines += [md(p) + "\n" for p in section.intro]
        for diagram in section.diagrams:
            name = image_name(image_stem, diagram.kind)
            images[name] = diagram.image
            caption = md(diagram.caption)
            lines += [f"![{caption}]({md_url(name, file_name=True)})", "", f"*{caption}*", ""]
        for shown in section.tables:
            lines += [render_markdown(shown.table)]
            if shown.complete is not None:
                lines += [f"All {shown.total_rows:,} rows: Appendix {labels[shown.complete]}, "
                          "at the end.", ""]
    lines += ["## Estimates and assumptions", "",
              "These figures rest on assumptions rather than published numbers: every hour "
              "figure uses the meeting cadences below where a network's cadence is estimated, "
              "and the staffing assumption decides which roles one person holds.", ""]
    for note in report.estimates:
        names = note.used_by_names or note.used_by
        users = (" Used by: " + ", ".join(md(u) for u in names) + "." if names else "")
        lines.append(f"- {md_code(note.assumption)} — {md(note.text)}{users}")
    lines += ["", "## Sources", ""]
    for index, cited in enumerate(report.sources, 1):
        source = cited.source
        parts = [md(source.title)] + [md(x) for x in (source.publisher, source.published) if x]
        text = ". ".join(parts) + "."
        if source.url:
            text += f" [{md(source.url)}]({md_url(source.url)})"
        lines.append(f"{index}. {text}")
    if report.appendix:
        lines += ["", "## Appendix: complete tables", "",
                  "Every row of the tables that the sections above show in part.", ""]
        for entry in report.appendix:
            lines += [f"### {entry.label}", "", render_markdown(entry.table)]
    lines += ["", f"*Made with ehelse-map {md(version)} from the data as of "
              f"{report.as_of.isoformat()}. The numbers are computations on the data.*", ""]
    return "\n".join(lines), images
