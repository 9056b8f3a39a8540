"""Options shared by every command, defined once so all commands spell them the same way,
and the few helpers every command uses to load data and emit results."""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ehelse_map import runtime
from ehelse_map.render.formats import Format

if TYPE_CHECKING:
    from ehelse_map.load.check_set import CheckedFiles
    from ehelse_map.model.records import Dataset
    from ehelse_map.model.scope import Filters

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2

HOURS_IN_A_YEAR = 8784.0
"""The most hours a year has (a leap year's): the bound on `--capacity`, which also keeps out
`inf`, a capacity no figure can be divided by."""

DataOption = Annotated[Path | None, typer.Option(
    "--data", envvar="EHELSE_MAP_DATA", metavar="DIR", show_default=False,
    help="Data set folder with actors.yaml and networks.yaml [default: the bundled data].")]
FormatOption = Annotated[Format, typer.Option(
    "--format", "-f", help="Output format.", case_sensitive=False)]
AsOfOption = Annotated[str | None, typer.Option(
    "--as-of", metavar="DATE", help="Situation on this date (YYYY, YYYY-MM or YYYY-MM-DD) "
    "[default: the data's own date (dataset.as_of), else today].")]
CountryOption = Annotated[str | None, typer.Option(
    "--country", metavar="CC", help="Only this country (NO, SE, DK, ...).")]
LevelOption = Annotated[str | None, typer.Option(
    "--level", metavar="LEVEL", help="Only this level: national, regional or local.")]
KindOption = Annotated[str | None, typer.Option(
    "--kind", metavar="KIND", help="Only this kind (see docs/data-format.md).")]
RegionOption = Annotated[str | None, typer.Option(
    "--region", metavar="ID", help="Only this county or region (an actor id, e.g. vestland).")]
AreaOption = Annotated[str | None, typer.Option(
    "--area", metavar="ID", help="Only this mandate area (an area id).")]
RoleOption = Annotated[str | None, typer.Option(
    "--role", metavar="ID", help="Only this target role (a role id).")]
TopOption = Annotated[int | None, typer.Option(
    "--top", metavar="N", min=0, help="Show only the first N rows; 0 for all [default: 25 in a "
    "table on a terminal, else all].")]
AssumeOption = Annotated[list[str] | None, typer.Option(
    "--assume", metavar="ID=VALUE", help="Run under another value of an assumption "
    "(ID or ID.name, e.g. capacity-default=120); repeatable. Says what it changed.")]
LangOption = Annotated[str | None, typer.Option(
    "--lang", metavar="LANG", show_default=False,
    help="Language of the text: nb (Bokmål), nn (Nynorsk) or en [default: the global --lang, "
         "else the locale's when it is one of them, else en].")]
ActiveOption = Annotated[bool, typer.Option(
    "--active/--all", help="Only records active on the --as-of date, or all of them.")]


def fail(message: str, code: int = EXIT_USAGE) -> typer.Exit:
    """Print one line to stderr and return the Exit to raise."""
    from ehelse_map.render.escape import printable

    say(f"ehelse-map: error: {printable(message)}\n")
    return typer.Exit(code)


def language(lang: str | None, fmt: Format | None = None) -> str:
    """The language of the command's text: its own `--lang`, else the global one, else the
    locale's (`render.i18n.resolve_lang`). CSV stays English whatever is asked: its header is
    read by programs, like JSON's keys."""
    from ehelse_map.render.i18n import resolve_lang
    from ehelse_map.runtime import OUTPUT

    check_choice("--lang", lang, ("nb", "nn", "en"))
    if fmt is Format.csv:
        return "en"
    return resolve_lang(lang or OUTPUT.lang)


def as_of_date(text: str | None, dataset: Dataset | None = None) -> date:
    """The day asked for, else the data set's own date (`dataset.as_of`), else the newest
    date its sources were published (the latest the data can know of); today only for data
    that dates nothing, and then said on stderr.

    A day after the data's own date gets a one-line notice on stderr: the data may not
    describe it.
    """
    from ehelse_map.fuzzydate import FuzzyDateError, parse_as_of

    if text is None and dataset is not None and dataset.as_of is not None:
        return dataset.as_of
    if text is None and dataset is not None:
        newest = _newest_source(dataset)
        if newest is not None:  # the data's own date too: every output prints its as-of
            return newest
        today = date.today()
        sys.stderr.write(f"ehelse-map: note: the data set states no date (dataset.as_of) and "
                         f"its sources none; as of today, {today.isoformat()} (--as-of to "
                         "choose)\n")
        return today
    try:
        day = parse_as_of(text)
    except FuzzyDateError as error:
        raise fail(f"--as-of: {error}") from None
    if text is not None and dataset is not None and dataset.as_of is not None \
            and day > dataset.as_of:
        sys.stderr.write(f"ehelse-map: note: the data describes {dataset.as_of.isoformat()}; "
                         f"it may be out of date on {day.isoformat()}\n")
    return day


def _newest_source(dataset: Dataset) -> date | None:
    """The latest day a source of the data set was published (a partial date at its last
    day), or None when no source gives a date."""
    from ehelse_map.fuzzydate import FuzzyDate, FuzzyDateError

    days = []
    for source in dataset.sources.values():
        if source.published:
            try:
                days.append(FuzzyDate.parse(source.published).latest())
            except FuzzyDateError:
                continue
    return max(days, default=None)


def load(data: Path | None, *, cache: bool = True, assume: list[str] | None = None,
         more: bool = False, reuse: CheckedFiles | None = None) -> Dataset:
    """The data set, or the problems on stderr and exit 1 (2 when files cannot be read).
    `cache`: keep it in the data-set cache (not for one-off folders, which would push out
    the entries that are used). `more`: another data set is loaded next (`diff`), so the
    collector stays off until the last one is loaded, as it is for the first. `reuse`: the
    files checked by the loads before, taken over where the bytes are the same."""
    from ehelse_map.cli.terminal import use_color
    from ehelse_map.load.files import InputError
    from ehelse_map.model.build import DataError, load_dataset
    from ehelse_map.problems import Report
    from ehelse_map.render.problems import render_text, summary
    from ehelse_map.runtime import collector_on_with_data_frozen

    try:
        dataset = load_dataset(data, cache=cache, reuse=reuse)
        if not more:
            collector_on_with_data_frozen()  # off since start-up (cli.run); see runtime.py
        return assumed(dataset, assume) if assume else dataset
    except InputError as error:
        raise fail(str(error)) from None
    except DataError as error:
        report = Report(tuple(error.validated.problems), tuple(error.validated.files))
        say(render_text(Report(report.errors(), report.files), use_color(sys.stderr)))
        say(f"ehelse-map: the data set has errors ({summary(report)}); "
            "run `ehelse-map validate` for details\n")
        raise typer.Exit(EXIT_PROBLEMS) from None


def assumed(dataset: Dataset, assume: list[str]) -> Dataset:
    """The data set under `--assume` overrides, each said on stderr; a bad one exits 2."""
    from ehelse_map.model.assume import AssumeError, parse_override, with_assumptions

    overrides: dict[str, float] = {}
    try:
        for text in assume:
            reference, value = parse_override(text)
            overrides[reference] = value
        dataset, applied = with_assumptions(dataset, overrides)
    except (AssumeError, ValueError) as error:
        raise fail(f"--assume: {error}") from None
    for override in applied:
        say(f"ehelse-map: assuming {override}\n")
    runtime.set_assumed(dataset.overrides)
    return dataset


def in_scope(dataset: Dataset, as_of: str | None, *, country: str | None = None,
             region: str | None = None, area: str | None = None, role: str | None = None,
             organisation: str | None = None, top: int | None = None) -> tuple[date, Filters]:
    """The as-of day and the filters as the data set's ids, the same way in every command.

    An unknown value is a usage error with a suggestion (exit 2); filters that select nothing
    are said on stderr, and the command goes on to print its empty result (exit 0).
    """
    from ehelse_map.model.scope import UnknownFilter, nothing_in_scope, resolve_filters

    try:
        filters = resolve_filters(dataset, country=country, region=region, area=area,
                                  role=role, organisation=organisation, top=top)
    except UnknownFilter as error:
        raise fail(str(error)) from None
    day = as_of_date(as_of, dataset)  # after the usage errors: a notice never precedes one
    message = nothing_in_scope(dataset, day, filters)
    if message is not None:
        from ehelse_map.render.escape import printable

        say(f"ehelse-map: {printable(message)}\n")
    return day, filters


def record(dataset: Dataset, value: str, option: str) -> str:
    """An actor or network id from an id or a name (any case), or a usage error (exit 2)."""
    from ehelse_map.model.scope import UnknownFilter, record_id

    try:
        return record_id(dataset, value, option)
    except UnknownFilter as error:
        raise fail(str(error)) from None


def organisation(dataset: Dataset, value: str, option: str) -> str:
    """An actor id from an id or a name (any case), or a usage error (exit 2)."""
    from ehelse_map.model.scope import UnknownFilter, organisation_id

    try:
        return organisation_id(dataset, value, option)
    except UnknownFilter as error:
        raise fail(str(error)) from None


def check_choice(option: str, value: str | None, known: object) -> None:
    """Unknown filter values are usage errors with a suggestion, never silently empty output."""
    from ehelse_map.problems import suggest

    if value is not None and value not in known:  # type: ignore[operator]
        raise fail(f"{option}: unknown value '{value}'" + suggest(value, list(known)))  # type: ignore[call-overload]


@contextlib.contextmanager
def writing(output: object) -> Iterator[None]:
    """Turn a refused or failed write into one clear line and exit 2; the target is untouched
    (safe_write never leaves a partial file)."""
    from ehelse_map.safe_write import WriteRefused

    try:
        yield
    except WriteRefused as error:
        raise fail(str(error)) from None
    except OSError as error:
        raise fail(f"{error.filename or output}: cannot write: {error.strerror or error}") from None


def emit(text: str, *, annotations: bool = False) -> None:
    """Write a command's output to stdout. No line of it can be a GitHub Actions workflow
    command (`render.escape.inert`), unless it is `annotations` (`validate --format github`),
    whose data is escaped by its own renderer."""
    from ehelse_map.render.escape import inert

    sys.stdout.write(text if annotations else inert(text))
    sys.stdout.flush()


def say(text: str) -> None:
    """Write a message to stderr; like `emit`, no line of it can be a workflow command. Data in
    it must already be `printable`."""
    from ehelse_map.render.escape import inert

    sys.stderr.write(inert(text))


def wrote(paths: Iterable[object], detail: str = "") -> None:
    """`ehelse-map: wrote a.svg, b.svg (detail)` on stderr."""
    from ehelse_map.render.escape import printable

    names = ", ".join(printable(str(p)) for p in paths)
    say(f"ehelse-map: wrote {names}{f' ({detail})' if detail else ''}\n")
