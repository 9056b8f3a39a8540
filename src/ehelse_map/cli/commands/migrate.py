"""`ehelse-map migrate DIR`: move a data set to the latest format version, in place."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from ehelse_map.cli.options import EXIT_PROBLEMS, fail, writing


def migrate(
    folder: Annotated[Path, typer.Argument(metavar="DIR", show_default=False,
                                           help="A data set folder (or one of its files).")],
    check: Annotated[bool, typer.Option(
        "--check", help="Change nothing; exit 1 when a file would change.")] = False,
) -> None:
    """Move a data set to the latest format version (2), keeping everything else as written.

    Version 2 only adds to version 1: the files' meaning does not change, only their
    schema_version. Each file is rewritten atomically.
    """
    from ehelse_map.load.files import InputError, display_path, read_text, resolve_inputs
    from ehelse_map.load.migrate import LATEST, MigrateError, migrate_text
    from ehelse_map.safe_write import write_text

    try:
        files = resolve_inputs([str(folder)])
    except InputError as error:
        raise fail(str(error)) from None
    changes: dict[str, str] = {}
    for path in files:
        display = display_path(path)
        try:
            text, problems = read_text(path, display)
        except InputError as error:
            raise fail(str(error)) from None
        if text is None:
            raise fail(str(problems[0]) if problems else f"{display}: cannot read", EXIT_PROBLEMS)
        try:
            new = migrate_text(text, display)
        except MigrateError as error:
            raise fail(str(error), EXIT_PROBLEMS) from None
        if new is not None:
            changes[path] = new
    for path in files:
        state = "would change" if check else "migrated"
        word = f"{state} to version {LATEST}" if path in changes else f"already version {LATEST}"
        sys.stderr.write(f"{display_path(path)}: {word}\n")
    if check:
        if changes:
            raise typer.Exit(EXIT_PROBLEMS)
        return
    for path, text in changes.items():
        with writing(path):
            write_text(Path(path), text, force=True)


def register(app: typer.Typer) -> None:
    app.command("migrate")(migrate)
