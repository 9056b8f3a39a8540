"""`ehelse-map diagram KIND -o FILE`: pictures for reports, as PNG, SVG or PDF."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ehelse_map.cli.options import (
    AsOfOption,
    AssumeOption,
    CountryOption,
    DataOption,
    RegionOption,
    check_choice,
    fail,
    in_scope,
    load,
    record,
    writing,
    wrote,
)

KIND_HELP = ("landscape (who coordinates: state, regions, networks, municipalities), "
             "overlap (networks asking the same people for the same thing), "
             "burden (load per person in each municipality) or "
             "upset (which networks target the same organisation and role).")


def diagram(
    kind: Annotated[str, typer.Argument(metavar="KIND", show_default=False, help=KIND_HELP)],
    output: Annotated[Path | None, typer.Option(
        "--output", "-o", metavar="FILE", show_default=False,
        help="File to write; the extension picks the format: .png, .svg or .pdf.")] = None,
    title: Annotated[str | None, typer.Option(
        "--title", metavar="TEXT", help="Title instead of the default one.")] = None,
    lang: Annotated[str, typer.Option(
        "--lang", metavar="LANG", help="Language of titles, legends and labels: nb, nn or en.")
    ] = "en",
    as_of: AsOfOption = None,
    country: CountryOption = None,
    region: RegionOption = None,
    highlight: Annotated[str | None, typer.Option(
        "--highlight", metavar="ID", help="Emphasise this actor or network and what it "
        "reaches.")] = None,
    group: Annotated[str, typer.Option(
        "--group", metavar="BY", help="burden only: pack municipalities by region (county) "
        "or catchment (health trust).")] = "region",
    max_bubbles: Annotated[int | None, typer.Option(
        "--max-bubbles", metavar="N", help="landscape only: most organisations and most "
        "networks drawn per country and tier (4-200; default 24, or what --size holds); the "
        "rest are summarised in a '+N more' bubble.", show_default=False)] = None,
    size: Annotated[str | None, typer.Option(
        "--size", metavar="SIZE", help="Lay the picture out for a page: a4, a4-landscape, a3, "
        "slide or WIDTHxHEIGHT in mm or in (160x240mm); no text under 7 pt printed at that "
        "size. Default: the picture's natural size.", show_default=False)] = None,
    bubble_size: Annotated[str, typer.Option(
        "--bubble-size", metavar="BY", help="burden only: municipality bubbles by population "
        "(area) or equal (all alike, so small municipalities show).")] = "population",
    dpi: Annotated[int, typer.Option(
        "--dpi", metavar="N", help="Resolution of PNG files (50-600).")] = 100,
    force: Annotated[bool, typer.Option(
        "--force", help="Overwrite FILE if it exists.")] = False,
    data: DataOption = None, assume: AssumeOption = None,
) -> None:
    """Draw a diagram of the data set for a report (PNG, SVG or PDF; same data, same bytes)."""
    from ehelse_map.cli.progress import stages
    from ehelse_map.render.diagrams import (
        BUBBLE_SIZES,
        GROUPS,
        KINDS,
        LANGS,
        DiagramOptions,
        format_of,
        parse_size,
        render,
    )
    from ehelse_map.render.diagrams.i18n import text
    from ehelse_map.safe_write import check_target, write_bytes

    check_choice("KIND", kind, KINDS)
    if output is None:
        raise fail("give the file to write with -o FILE (.png, .svg or .pdf)")
    fmt = format_of(str(output))
    if fmt is None:
        raise fail(f"{output}: unknown file type; use a name ending in .png, .svg or .pdf")
    check_choice("--lang", lang, LANGS)
    check_choice("--group", group, GROUPS)
    if group != "region" and kind != "burden":
        raise fail("--group applies to the burden diagram only")
    check_choice("--bubble-size", bubble_size, BUBBLE_SIZES)
    if bubble_size != "population" and kind != "burden":
        raise fail("--bubble-size applies to the burden diagram only")
    if max_bubbles is not None and kind != "landscape":
        raise fail("--max-bubbles applies to the landscape diagram only")
    if max_bubbles is not None and not 4 <= max_bubbles <= 200:
        raise fail(f"--max-bubbles: {max_bubbles} is outside 4-200")
    try:
        page = parse_size(size) if size is not None else None
    except ValueError as error:
        raise fail(f"--size: {error}") from None
    if not 50 <= dpi <= 600:
        raise fail(f"--dpi: {dpi} is outside 50-600")
    with writing(output):
        check_target(output, force=force)
    with stages(3) as step:
        step("load the data")
        dataset = load(data, assume=assume)
        day, scope = in_scope(dataset, as_of, country=country, region=region)
        if highlight is not None:
            highlight = record(dataset, highlight, "--highlight")
        source = (text("data_folder", lang, name=Path(data).resolve().name) if data is not None
                  else text("default_source", lang))
        options = DiagramOptions(as_of=day, lang=lang, title=title, country=scope.country,
                                 region=scope.region, highlight=highlight, group=group,
                                 source=source, max_bubbles=max_bubbles, size=page,
                                 bubble_size=bubble_size)
        step(f"draw {kind}")
        payload = render(kind, dataset, options, fmt, dpi)
        step("write")
        with writing(output):
            write_bytes(output, payload, force=force, inputs=dataset.files)
    wrote([output], f"{kind}, {fmt.upper()}, {len(payload) // 1024 or 1} KB")


def register(app: typer.Typer) -> None:
    app.command("diagram")(diagram)
