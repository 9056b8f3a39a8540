"""The report in Markdown, with its diagrams as SVG files written beside it.

Images are linked by their file name, percent-encoded (`my%20report%20%282%29-burden.svg`), so
a link works whatever the report is called: spaces, parentheses, brackets and `:` cannot end
the link early or be read as a scheme. Long tables show their first rows and name the appendix
entry that has all of them.
"""

from __future__ import annotations

from ehelse_map.render.escape import md, md_code, md_url
from ehelse_map.render.i18n import messages
from ehelse_map.render.numbers import number
from ehelse_map.render.report.assemble import BANNER, ESTIMATES_INTRO, Report
from ehelse_map.render.table import render_markdown


def image_name(stem: str, kind: str) -> str:
    """The file a diagram is written to, beside the report: `STEM-KIND.svg`."""
    return f"{stem}-{kind}.svg"


def render_report_markdown(report: Report, image_stem: str, version: str = ""
                           ) -> tuple[str, dict[str, bytes]]:
    """(Markdown text, {image file name: SVG bytes}); images are linked by relative name, so
    they must sit in the same folder as the Markdown file."""
    images: dict[str, bytes] = {}
    m = messages(report.lang)
    lines = [f"# {md(report.title)}", "", md(report.subject), ""]
    lines += [f"- **{md(value)}** {md(label)}" for label, value in report.facts]
    banner = md(m.t(BANNER, est="ESTMARK", link="LINKMARK")).replace("ESTMARK", "*est*")
    banner = banner.replace("LINKMARK", f"*{md(m.t('Estimates and assumptions'))}*")
    lines += ["", f"> **{md(m.t('Estimates.'))}** {banner}", "",
              f"## {md(report.summary)}", ""]
    titles = {s.id: s.title for s in report.sections}
    labels = {entry.id: entry.label for entry in report.appendix}
    for finding in report.findings:
        mark = " *(est)*" if finding.estimated else ""
        lines += [f"### {finding.code} — {md(finding.title)}", "", f"{md(finding.text)}{mark}",
                  "", f"{md(m.t('Details'))}: *{md(titles.get(finding.section, finding.section))}*.",
                  ""]
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
                lines += [md(m.t("All {rows} rows:", rows=number(shown.total_rows, m.lang)))
                          + " " + md(m.t("Appendix {label}", label=labels[shown.complete]))
                          + ", " + md(m.t("at the end.")), ""]
    lines += [f"## {md(m.t('Estimates and assumptions'))}", "", md(m.t(ESTIMATES_INTRO)), ""]
    for note in report.estimates:
        names = note.used_by_names or note.used_by
        users = (" " + md(m.t("Used by: {names}.", names=", ".join(names))) if names else "")
        lines.append(f"- {md_code(note.assumption)} — {md(note.text)}{users}")
    lines += ["", f"## {md(m.t('Sources'))}", ""]
    for index, cited in enumerate(report.sources, 1):
        source = cited.source
        parts = [md(source.title)] + [md(x) for x in (source.publisher, source.published) if x]
        text = ". ".join(parts) + "."
        if source.url:
            text += f" [{md(source.url)}]({md_url(source.url)})"
        lines.append(f"{index}. {text}")
    if report.appendix:
        lines += ["", f"## {md(m.t('Appendix: complete tables'))}", "",
                  md(m.t("Every row of the tables that the sections above show in part.")), ""]
        for entry in report.appendix:
            lines += [f"### {entry.label}", "", render_markdown(entry.table)]
    lines += ["", "*" + md(m.t("Made with ehelse-map {version} from the data as of {date}. The "
                               "numbers are computations on the data.", version=version,
                               date=report.as_of.isoformat())) + "*", ""]
    return "\n".join(lines), images
