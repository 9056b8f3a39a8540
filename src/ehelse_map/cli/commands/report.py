"""`ehelse-map report`: the evaluator's report as one HTML file, Markdown with images, or a
Word document; about the whole landscape or, with `--organisation`, about one organisation."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ehelse_map.cli.options import (
    AsOfOption,
    AssumeOption,
    CountryOption,
    DataOption,
    LangOption,
    RegionOption,
    fail,
    in_scope,
    language,
    load,
    writing,
    wrote,
)

if TYPE_CHECKING:
    from ehelse_map.render.report.assemble import Report


def report(
    output: Annotated[Path, typer.Option(
        "--output", "-o", metavar="FILE", help="report.html (one self-contained file), "
        "report.md (diagrams written beside it as report-KIND.svg) or report.docx (Word).")],
    data: DataOption = None, assume: AssumeOption = None,
    as_of: AsOfOption = None,
    country: CountryOption = None,
    region: RegionOption = None,
    organisation: Annotated[str | None, typer.Option(
        "--organisation", metavar="ID", help="A short report about one organisation (an "
        "actor id or name): its profile, the findings for it in words, its sources.")] = None,
    lang: LangOption = None,
    title: Annotated[str | None, typer.Option(
        "--title", metavar="TEXT", help="Title of the report.")] = None,
    force: Annotated[bool, typer.Option(
        "--force", help="Overwrite the report (and its images) if they exist.")] = False,
    min_score: Annotated[float | None, typer.Option(
        "--min-score", min=0.0, max=1.0, metavar="S",
        help="Merge candidates from overlap score S up [default: as recommend, 0.25].")
    ] = None,
) -> None:
    """Write a full report as one HTML file, Markdown with images, or a Word document.

    Findings F1–F6 answered from the data, the overlap, burden, funding, anchoring and gaps
    tables, diagrams, estimates and sources; with --organisation, the same for one
    municipality or body.
    """
    from ehelse_map.cli.progress import stages
    from ehelse_map.render.report.assemble import DIAGRAMS, build_report
    from ehelse_map.safe_write import check_target
    from ehelse_map.version import __version__

    suffix = output.suffix.lower()
    if suffix not in (".html", ".htm", ".md", ".markdown", ".docx"):
        raise fail(f"{output}: give a file name ending in .html, .md or .docx")
    lang = language(lang)
    if organisation is not None and (country or region or min_score is not None):
        raise fail("--organisation: a report about one organisation takes no --country, "
                   "--region or --min-score")
    with stages(len(DIAGRAMS) + 3) as step:
        step("load the data")
        dataset = load(data, assume=assume)
        day, scope = in_scope(dataset, as_of, country=country, region=region,
                              organisation=organisation)
        with writing(output):
            check_target(output, force=force, inputs=dataset.files)
        name = Path(str(data)).name if data else "ehelse-map default data set"
        picture = "png" if suffix == ".docx" else "svg"
        result: Report
        if scope.organisation is not None:
            from ehelse_map.render.report.organisation import build_organisation_report

            result = build_organisation_report(dataset, day, scope.organisation, lang=lang,
                                               title=title, source_name=name,
                                               picture_format=picture, stage=step)
        else:
            result = build_report(dataset, day, country=scope.country, region=scope.region,
                                  lang=lang, title=title, min_score=min_score,
                                  source_name=name, picture_format=picture, stage=step)
        step("write")
        written = _write(output, result, force, dataset.files, __version__)
    wrote(written)


def _write(output: Path, result: Report, force: bool, inputs: tuple[str, ...],
           version: str) -> list[Path]:
    """Write the report (and, for Markdown, its pictures); the files written."""
    from ehelse_map.safe_write import atomic_open, check_target, write_bytes, write_text

    with writing(output):
        suffix = output.suffix.lower()
        if suffix == ".docx":
            from ehelse_map.render.report.docx import render_docx

            write_bytes(output, render_docx(result, version), force=force, inputs=inputs)
            return [output]
        if suffix in (".html", ".htm"):
            from ehelse_map.render.report.html import html_chunks

            with atomic_open(output, "w", force=force, inputs=inputs) as handle:
                handle.writelines(html_chunks(result, version))  # as it is made: no copy
            return [output]
        from ehelse_map.render.report.markdown import render_report_markdown

        text, images = render_report_markdown(result, output.stem, version)
        paths = {output.with_name(n): b for n, b in images.items()}
        for path in paths:
            check_target(path, force=force, inputs=inputs)
        for path, content in paths.items():
            write_bytes(path, content, force=force, inputs=inputs)
        write_text(output, text, force=force, inputs=inputs)
        return [output, *paths]


def register(app: typer.Typer) -> None:
    app.command("report")(report)
