"""`ehelse-map diff`: what changed between two versions of the data, like a changelog."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ehelse_map.cli.options import (
    AsOfOption,
    CountryOption,
    DataOption,
    RegionOption,
    emit,
    fail,
    in_scope,
    load,
)
from ehelse_map.render.formats import DiffFormat

if TYPE_CHECKING:
    from ehelse_map.model.records import Dataset


def diff(
    old: Annotated[Path | None, typer.Argument(
        metavar="[OLD]", show_default=False, help="The older data set folder.")] = None,
    new: Annotated[Path | None, typer.Argument(
        metavar="[NEW]", show_default=False,
        help="The newer data set folder [default: the --data folder].")] = None,
    git: Annotated[str | None, typer.Option(
        "--git", metavar="REV", help="Compare the data as it was at this git revision of the "
        "repository holding the --data folder (HEAD, main, v1.0, HEAD~3) with the data now.")
    ] = None,
    data: DataOption = None,
    as_of: AsOfOption = None,
    country: CountryOption = None,
    region: RegionOption = None,
    fmt: Annotated[DiffFormat, typer.Option(
        "--format", "-f", case_sensitive=False,
        help="table, json, or markdown (a changelog for pull-request comments).")
    ] = DiffFormat.table,
    exit_code: Annotated[bool, typer.Option(
        "--exit-code", help="Exit 1 when the data differ (like git diff --exit-code).")] = False,
) -> None:
    """Compare two versions of the data, like a changelog.

    Records added, removed and changed field by field, and the change in overlap, burden,
    reporting lines and anchoring.
    """
    from ehelse_map.analyses.diff import diff_datasets
    from ehelse_map.cli.progress import stages
    from ehelse_map.render.diff_view import DIFF

    before, after, labels = _versions(old, new, git, data)
    day, scope = in_scope(after, as_of, country=country, region=region)
    with stages(1) as step:
        step("compare the data and the key figures")
        result = diff_datasets(before, after, day, old_label=labels[0], new_label=labels[1],
                               country=scope.country, region=scope.region)
    text = DIFF[fmt](result)
    if fmt is DiffFormat.table:  # read like `git diff`: through the pager when taller
        from ehelse_map.cli.terminal import Drawn, show
        from ehelse_map.render.escape import inert

        text = inert(text)
        show(Drawn(text, text.count("\n"), table=True))
    else:
        emit(text)
    if exit_code and result.changes:
        raise typer.Exit(1)


def _versions(old: Path | None, new: Path | None, git: str | None,
              data: Path | None) -> tuple[Dataset, Dataset, tuple[str, str]]:
    """The older and the newer data set and their labels. A file they share is read and
    checked once; what that keeps is let go once both are loaded."""
    from ehelse_map.cli.git import GitError, data_at_revision, temporary_folder
    from ehelse_map.load.check_set import CheckedFiles
    from ehelse_map.load.files import default_data_dir

    files = CheckedFiles()
    if git is not None:
        if old is not None and new is not None:
            raise fail("give --git REV or two folders, not both")
        current = old or new or data or default_data_dir()
        with temporary_folder() as folder:
            try:
                data_at_revision(git, current, Path(folder))
            except GitError as error:
                raise fail(f"--git {git}: {error}") from None
            before = load(Path(folder), cache=False, more=True, reuse=files)  # temporary
        return before, load(current, reuse=files), (f"git {git}", "working tree")
    if old is None:
        raise fail("give OLD and NEW data folders, or --git REV")
    before = load(old, more=True, reuse=files)
    return (before, load(new or data, reuse=files),
            (str(old), str(new or data or "bundled data")))


def register(app: typer.Typer) -> None:
    app.command("diff")(diff)
