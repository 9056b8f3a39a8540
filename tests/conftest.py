"""Shared fixtures: a CLI runner around the typer app, the small data set, and a data set with
dated hosts, funding and relations (format 2) for the pictures."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from typer.testing import CliRunner

from ehelse_map.fuzzydate import FuzzyDate
from ehelse_map.model.records import (
    Actor,
    Area,
    Coverage,
    Dataset,
    Funding,
    Host,
    Network,
    Period,
    Relation,
    Role,
    Source,
    Target,
)

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


@pytest.fixture(scope="session")
def relations_data():
    """A ministry mandating an association, which hosts a network (until 2024 a county did)
    and funds it; the network reaches two municipalities; another network's reach is not
    documented at all."""
    src = ("s1",)
    actors = [
        Actor("dep", "Ministry", "ministry", "national", "NO", src),
        Actor("assoc", "Association", "association", "national", "NO", src),
        Actor("county", "County", "county", "regional", "NO", src),
        Actor("m1", "One", "municipality", "local", "NO", src, region="county",
              population=1000),
        Actor("m2", "Two", "municipality", "local", "NO", src, region="county",
              population=3000),
    ]
    day = FuzzyDate.parse
    networks = [
        Network("net", "Network", "network", "regional", "NO", "assoc", Coverage(("m1", "m2")),
                ("a",), ("coordination",), (Target.of("r", 4, 2),), src,
                hosts=(Host("county", Period(None, day("2024-12-31"))),
                       Host("assoc", Period(day("2025-01-01"), None))),
                funding=(Funding("assoc", "grant", period=Period(day("2024"), None)),
                         Funding("dep", "old", period=Period(day("2019"), day("2020"))))),
        Network("quiet", "Quiet", "forum", "regional", "NO", None, Coverage(()), ("a",),
                ("coordination",), (Target.of("r", 1, 1),), src, inferred="from a slide"),
    ]
    relations = (Relation("mandate", "dep", ("assoc",), src),
                 Relation("evaluation", "dep", ("net",), src, period=Period(None, day("2020"))))
    return Dataset({a.id: a for a in actors}, {n.id: n for n in networks},
                   {"a": Area("a", {"en": "Area"})}, {"r": Role("r", {"en": "Role"})},
                   {"s1": Source("s1", "Source")}, {}, None, relations=relations)
