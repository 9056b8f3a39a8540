"""The report in Markdown, with its diagrams as SVG files written beside it."""

from __future__ import annotations

from ehelse_map.render.escape import md, md_code, md_url
from ehelse_map.render.report.assemble import Report
from ehelse_map.render.table import render_markdown


def render_report_markdown(report: Report, image_stem: str, version: str = ""
                           ) -> tuple[str, dict[str, bytes]]:
    """(Markdown text, {image file name: SVG bytes}); images are linked by relative name, so
    they must sit in the same folder as the Markdown file."""
    images: dict[str, bytes] = {}
    lines = [f"# {md(report.title)}", "",
             f"Situation as of {report.as_of.isoformat()}; scope: {md(report.scope)}.", ""]
    lines += [f"- **{md(value)}** {md(label)}" for label, value in report.facts]
    lines += ["", "> **Estimates.** Meeting cadences that the sources do not publish are "
              "estimated, and so is the staffing of municipalities (which roles one person "
              "holds). Every figure that rests on an estimate is marked *est* or \\*; the "
              "assumptions are listed under *Estimates and assumptions* below.", "",
              "## Summary: the evaluation's findings, answered from the data", ""]
    titles = {s.id: s.title for s in report.sections}
    for finding in report.findings:
        mark = " *(est)*" if finding.estimated else ""
        lines += [f"### {finding.code} — {md(finding.title)}", "", f"{md(finding.text)}{mark}",
                  "", f"Details: *{md(titles.get(finding.section, finding.section))}*.", ""]
    for section in report.sections:
        lines += [f"## {md(section.title)}", ""]
        lines += [md(p) + "\n" for p in section.intro]
        for diagram in section.diagrams:
            name = f"{image_stem}-{diagram.kind}.svg"
            images[name] = diagram.svg
            caption = md(diagram.caption)
            lines += [f"![{caption}]({md_url(name, file_name=True)})", "", f"*{caption}*", ""]
        for table in section.tables:
            lines += [render_markdown(table)]
    lines += ["## Estimates and assumptions", "",
              "These figures rest on assumptions rather than published numbers: every hour "
              "figure uses the meeting cadences below where a network's cadence is estimated, "
              "and the staffing assumption decides which roles one person holds.", ""]
    for note in report.estimates:
        users = (" Used by: " + ", ".join(md_code(u) for u in note.used_by) + "."
                 if note.used_by else "")
        lines.append(f"- {md_code(note.assumption)} — {md(note.text)}{users}")
    lines += ["", "## Sources", ""]
    for index, cited in enumerate(report.sources, 1):
        source = cited.source
        title = f"[{md(source.title)}]({md_url(source.url)})" if source.url else md(source.title)
        details = ", ".join(md(x) for x in (source.publisher, source.published) if x)
        lines.append(f"{index}. {md_code(source.id)} {title}" + (f" — {details}" if details else "")
                     + f" (cited by {cited.cited_by} records).")
    lines += ["", f"*Made with ehelse-map {md(version)} from the data as of "
              f"{report.as_of.isoformat()}. The numbers are computations on the data.*", ""]
    return "\n".join(lines), images
