"""`ehelse-map generate`: write a synthetic data set at N times Nordic scale, for benchmarks."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ehelse_map.cli.options import EXIT_OK, writing, wrote


def generate(
    output: Annotated[Path, typer.Option(
        "--output", "-o", metavar="DIR", show_default=False,
        help="Folder to write actors.yaml and networks.yaml into (created when missing).")],
    scale: Annotated[float, typer.Option(
        "--scale", "-n", min=0.01, max=1000.0, metavar="N",
        help="Size as a multiple of the Nordic countries: 1 is about 1,100 municipalities "
             "and 300 networks; 0.05 is a small test set.")] = 1.0,
    seed: Annotated[int, typer.Option("--seed", help="Random seed; the same seed and scale "
                                      "give the same bytes.")] = 0,
    force: Annotated[bool, typer.Option("--force", help="Overwrite existing files.")] = False,
) -> None:
    """Write a synthetic data set (made-up, clearly marked) shaped like the real one.

    The data is valid under `validate --strict`. Use it to measure speed and memory at scale:
    see bench/README.md.
    """
    from ehelse_map.cli.progress import stages
    from ehelse_map.safe_write import WriteRefused, check_target, write_text
    from ehelse_map.synthetic import FILES
    from ehelse_map.synthetic import generate as synthesize

    targets = [output / name for name in FILES]
    with writing(output), stages(1 + len(targets)) as step:
        if output.exists() and not output.is_dir():
            raise WriteRefused(f"{output}: is a file; give a folder")
        output.mkdir(parents=True, exist_ok=True)
        for target in targets:  # refuse before writing anything
            check_target(target, force=force)
        step(f"generate scale {scale:g}")
        texts = synthesize(scale, seed)
        for target in targets:
            step(f"write {target.name}")
            write_text(target, texts[target.name], force=force)
    wrote(targets, f"scale {scale:g}, seed {seed}")
    raise typer.Exit(EXIT_OK)


def register(app: typer.Typer) -> None:
    app.command("generate")(generate)
