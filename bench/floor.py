"""The floor for any typer program: a minimal app with one command that does nothing.

`--work networkx` makes the command import networkx and yaml (the floor for analyses);
`--work matplotlib` imports matplotlib.pyplot and saves an empty figure (the floor for diagrams).
"""

from __future__ import annotations

import typer

app = typer.Typer(add_completion=False)


@app.command()
def main(work: str = typer.Option("", help="none, networkx or matplotlib"),
         output: str = typer.Option("floor.png", help="where --work matplotlib saves")) -> None:
    """Do nothing, or only the imports a heavier command cannot avoid."""
    if work == "networkx":
        import networkx  # noqa: F401
        import yaml  # noqa: F401
    elif work == "matplotlib":
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt

        figure = plt.figure()
        figure.savefig(output)


if __name__ == "__main__":
    app()
