"""`ehelse-map survey create` and `survey import`: questionnaires out, answers back in as
observations of the data format."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from ehelse_map.cli.options import (
    EXIT_PROBLEMS,
    AsOfOption,
    CountryOption,
    DataOption,
    RegionOption,
    check_choice,
    emit,
    fail,
    in_scope,
    load,
    say,
    writing,
    wrote,
)

if TYPE_CHECKING:
    from ehelse_map.model.records import Dataset

LANGS = ("nb", "nn", "en")

app = typer.Typer(
    name="survey", no_args_is_help=True, add_completion=False,
    help="Ask the municipalities: questionnaires out (create), answers back (import).")


@app.command("create")
def create(
    output: Annotated[Path, typer.Option(
        "--output", "-o", metavar="DIR", help="Folder for the questionnaires: one "
        "ORGANISATION.xlsx each (made if missing).")],
    organisation: Annotated[list[str] | None, typer.Option(
        "--organisation", metavar="ID", help="A questionnaire for this organisation (an actor "
        "id or name); may be given several times.")] = None,
    region: RegionOption = None,
    country: CountryOption = None,
    lang: Annotated[str, typer.Option(
        "--lang", metavar="LANG", help="Language of the questionnaires: nb, nn or en.")] = "en",
    data: DataOption = None,
    as_of: AsOfOption = None,
    force: Annotated[bool, typer.Option(
        "--force", help="Overwrite questionnaires that already exist.")] = False,
) -> None:
    """Write one questionnaire (.xlsx) per organisation.

    Each lists the networks that reach the organisation and the roles they ask for
    time, with the tool's figure now (meetings and hours a year, range, estimated or
    documented), and asks: do you take part, meetings in the last 12 months, hours
    per meeting, roles the same person holds, networks missing. --region and
    --country select their municipalities; --organisation any actor.
    """
    from ehelse_map.analyses.survey import questionnaire, survey_organisations
    from ehelse_map.model.scope import UnknownFilter, organisation_id
    from ehelse_map.render.escape import printable
    from ehelse_map.render.survey.workbook import questionnaire_workbook
    from ehelse_map.safe_write import check_target, write_bytes

    check_choice("--lang", lang, LANGS)
    if not (organisation or region or country):
        raise fail("choose whom to ask: --organisation ID, --region ID or --country CC")
    if output.exists() and not output.is_dir():
        raise fail(f"{output}: is not a folder; -o takes the folder for the questionnaires")
    dataset = load(data)
    day, scope = in_scope(dataset, as_of, country=country, region=region)
    chosen: list[str] = []
    for value in organisation or ():
        try:
            chosen.append(organisation_id(dataset, value, "--organisation"))
        except UnknownFilter as error:
            raise fail(str(error)) from None
    if region or country:
        chosen += survey_organisations(dataset, day, scope)
    chosen = list(dict.fromkeys(chosen))
    name = Path(str(data)).name if data else None
    files: dict[Path, bytes] = {}
    skipped: list[str] = []
    for ident in chosen:
        asked = questionnaire(dataset, ident, day)
        if not asked.questions:
            skipped.append(ident)
            continue
        files[output / f"{ident}.xlsx"] = questionnaire_workbook(asked, dataset, lang,
                                                                 dataset_name=name)
    if skipped:
        say(f"ehelse-map: no network active on {day.isoformat()} asks time of "
            f"{printable(', '.join(skipped[:10]))}"
            + (f" and {len(skipped) - 10} more" if len(skipped) > 10 else "")
            + ": no questionnaire\n")
    if not files:
        raise fail("no questionnaire to write", EXIT_PROBLEMS)
    with writing(output):
        output.mkdir(parents=True, exist_ok=True)
        for path in files:  # refuse before writing anything
            check_target(path, force=force, inputs=dataset.files)
        for path, content in files.items():
            write_bytes(path, content, force=force, inputs=dataset.files)
    wrote([output], f"{len(files)} questionnaire{'s' if len(files) != 1 else ''}, "
          f"as of {day.isoformat()}, in {lang}")


@app.command("import")
def import_(
    files: Annotated[list[Path], typer.Argument(
        metavar="FILES...", help="Returned questionnaires (.xlsx), or folders of them.")],
    output: Annotated[Path | None, typer.Option(
        "--output", "-o", metavar="FILE", help="The observation file to add the answers to "
        "(made if missing) [default: observations.yaml in the --data folder].")] = None,
    data: DataOption = None,
    prefer_latest: Annotated[bool, typer.Option(
        "--prefer-latest", help="Settle conflicting answers (same organisation, network, role "
        "and period) by keeping the one in the workbook saved last; a workbook being imported "
        "counts as later than an answer already in the file.")] = False,
) -> None:
    """Read returned questionnaires into observations of the data format.

    Every answer is checked, every problem given as file.xlsx:Sheet!CELL; if any
    answer is invalid, or two answers conflict, nothing is written (exit 1).
    Importing the same questionnaire again changes nothing.
    """
    from ehelse_map.load.files import display_path
    from ehelse_map.render.escape import printable
    from ehelse_map.render.survey.answers import read_questionnaires
    from ehelse_map.render.survey.records import incoming, merge, observation_yaml
    from ehelse_map.safe_write import check_target, write_text

    if output is None:
        if data is None:
            raise fail("give the observation file: -o FILE, or --data DIR to add the answers "
                       "to DIR/observations.yaml")
        output = data / "observations.yaml"
    if output.suffix != ".yaml":
        raise fail(f"{output}: an observation file is named NAME.yaml (observations.yaml in "
                   "a data folder)")
    workbooks = _workbooks(files)
    dataset = load(data)
    inputs = [str(p) for p in workbooks] + [f for f in dataset.files
                                            if not _same(f, output)]
    with writing(output):
        check_target(output, force=True, inputs=inputs, write_through=False)
    read = read_questionnaires([(str(p), display_path(str(p))) for p in workbooks], dataset)
    problems = list(read.problems)
    if problems:
        emit("".join(f"{printable(p)}\n" for p in problems))
        say(f"ehelse-map: {len(problems)} invalid answer{'s' if len(problems) != 1 else ''} "
            f"in {len(workbooks)} questionnaire{'s' if len(workbooks) != 1 else ''}; "
            "nothing written\n")
        raise typer.Exit(EXIT_PROBLEMS)
    sources, existing = _existing(dataset, output)
    names = {a.id: a.name for a in dataset.actors.values()}
    arriving = [item for returned in read.returned if returned.answers
                for item in incoming(returned, names)]
    merged = merge(sources, existing, arriving, prefer_latest=prefer_latest,
                   file=display_path(str(output)))
    if merged.conflicts:
        emit("".join(f"{printable(str(c))}\n" for c in merged.conflicts))
        say(f"ehelse-map: {len(merged.conflicts)} conflicting answer"
            f"{'s' if len(merged.conflicts) != 1 else ''}; nothing written (settle them in "
            "the questionnaires, or keep the one saved last with --prefer-latest)\n")
        raise typer.Exit(EXIT_PROBLEMS)
    counted = (f"{len(arriving)} answer{'s' if len(arriving) != 1 else ''} from "
               f"{len(workbooks)} questionnaire{'s' if len(workbooks) != 1 else ''}")
    if not merged.changed:
        say(f"ehelse-map: nothing new: {counted}, all in {printable(str(output))} already\n")
        return
    text = observation_yaml(merged.sources, merged.observations)
    _check_result(dataset, output, text)
    with writing(output):
        write_text(output, text, force=True, inputs=inputs)
    wrote([output], f"{counted}: {merged.added} new, {merged.replaced} replaced, "
          f"{merged.unchanged} unchanged")


def _same(a: str, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return os.path.abspath(a) == os.path.abspath(b)


def _workbooks(paths: list[Path]) -> list[Path]:
    """The .xlsx files given, folders expanded (spreadsheet lock files left out)."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found += sorted(p for p in path.iterdir() if p.suffix.lower() == ".xlsx"
                            and not p.name.startswith(("~$", ".~lock")))
        elif not path.exists():
            raise fail(f"{path}: no such file")
        elif not path.is_file():
            raise fail(f"{path}: not a regular file")
        else:
            found.append(path)
    if not found:
        raise fail("no questionnaire (.xlsx) to import")
    return list(dict.fromkeys(found))


def _existing(dataset: Dataset, output: Path) -> tuple[list[dict[str, Any]],
                                                       list[dict[str, Any]]]:
    """The sources and observations already in the observation file (none when it does not
    exist); exit 1 when it, with the data set, is not valid, and 2 when it holds more than an
    observation file does."""
    from ehelse_map.load.check_set import validate_files
    from ehelse_map.load.files import InputError, display_path
    from ehelse_map.problems import Report
    from ehelse_map.render.problems import render_text

    if not output.exists():
        return [], []
    files = [f for f in dataset.files if not _same(f, output)] + [str(output)]
    try:
        validated = validate_files(files)
    except InputError as error:
        raise fail(str(error)) from None
    if validated.has_errors:
        report = Report(tuple(validated.problems), tuple(validated.files))
        say(render_text(Report(report.errors(), report.files), False))
        raise fail(f"{output}: fix the observation file first (ehelse-map validate)",
                   EXIT_PROBLEMS)
    display = display_path(str(output))
    other = sorted({key for key, items in validated.records.items()
                    if key not in ("sources", "observations")
                    for d, _, _ in items if d == display})
    if other or (validated.staffing and validated.staffing[0] == display) or any(
            d == display for d, _ in validated.datasets):
        raise fail(f"{output}: holds {', '.join(other) or 'dataset or staffing'} too; survey "
                   "import writes only observation files (sources and observations)")
    return ([dict(r) for d, _, r in validated.records.get("sources", ()) if d == display],
            [dict(r) for d, _, r in validated.records.get("observations", ()) if d == display])


def _check_result(dataset: Dataset, output: Path, text: str) -> None:
    """Validate the data set with the new observation file before it is written: nothing
    invalid is ever written (exit 1 and the problems)."""
    from ehelse_map.load.check_set import validate_data
    from ehelse_map.load.files import display_path
    from ehelse_map.problems import Report
    from ehelse_map.render.problems import render_text

    contents = [(f, Path(f).read_bytes()) for f in dataset.files if not _same(f, output)]
    contents.append((display_path(str(output)), text.encode("utf-8")))
    validated = validate_data(contents)
    if validated.has_errors:
        report = Report(tuple(validated.problems), tuple(validated.files))
        emit(render_text(Report(report.errors(), report.files), False))
        raise fail("the answers do not fit the data set; nothing written", EXIT_PROBLEMS)


def register(main: typer.Typer) -> None:
    main.add_typer(app, name="survey")
