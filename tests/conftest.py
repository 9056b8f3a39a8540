"""Shared fixtures: a CLI runner around the typer app, and the small data set."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

ROOT = Path(__file__).resolve().parents[1]
MINIMAL = ROOT / "tests" / "fixtures" / "minimal"


@pytest.fixture
def minimal_dir() -> Path:
    return MINIMAL


@pytest.fixture
def run_cli():
    """`run_cli(["actors", "--format", "json"])` -> click Result with stdout/stderr apart."""
    from ehelse_map.cli import app

    def run(args: list[str], env: dict[str, str] | None = None):
        runner = CliRunner()
        return runner.invoke(app, args, env=env, catch_exceptions=False)

    return run
