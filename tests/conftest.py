"""Shared fixtures: a CLI runner around the typer app, and the small data set."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from typer.testing import CliRunner

ROOT = Path(__file__).resolve().parents[1]
MINIMAL = ROOT / "tests" / "fixtures" / "minimal"

# One Hypothesis profile for every property test. A shared 2-core CI machine is slow at times:
# no per-example deadline, and no "generation is slow" health check, since our strategies build
# whole data sets on purpose. Example counts stay as each test sets them.
settings.register_profile(
    "ehelse",
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    derandomize=False,
)
settings.load_profile("ehelse")


@pytest.fixture(autouse=True, scope="session")
def private_cache(tmp_path_factory):
    """Commands cache loaded data sets; tests (and the commands they start) use a folder of
    their own, never the user's ~/.cache."""
    import os

    os.environ["EHELSE_MAP_CACHE"] = str(tmp_path_factory.mktemp("cache"))


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
