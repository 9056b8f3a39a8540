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


@pytest.fixture(autouse=True, scope="session")
def english_locale():
    """Texts follow the user's locale (`render.i18n.resolve_lang`); tests compare English, so
    they (and the commands they start) run in the C locale unless a test says otherwise."""
    import os

    for name in ("LC_ALL", "LC_MESSAGES", "LANGUAGE"):
        os.environ.pop(name, None)
    os.environ["LANG"] = "C.UTF-8"


@pytest.fixture
def minimal_dir() -> Path:
    return MINIMAL


def _most_reached(dataset: Dataset) -> str:
    """The municipality (or, with none, the organisation) the most networks reach, directly
    or through an aggregate it belongs to; the first by id among equals."""
    from ehelse_map.model.scope import reached_as

    def reach(actor: Actor) -> int:
        through = set(reached_as(dataset, actor.id))
        return sum(1 for n in dataset.networks.values()
                   if not through.isdisjoint(n.coverage.members))

    actors = [a for a in dataset.actors.values() if a.kind == "municipality"] or list(
        dataset.actors.values())
    return min(actors, key=lambda a: (-reach(a), a.id)).id


@pytest.fixture(scope="session")
def kind_options():
    """`kind_options(kind, dataset)`: the `DiagramOptions` fields a diagram kind cannot be
    drawn without on `dataset` (empty for most): `profile` needs the organisation at its
    centre, here the one the most networks reach, the fullest picture. Tests that draw every
    kind add these; `--name value` on the command line."""

    def get(kind: str, dataset: Dataset) -> dict[str, str]:
        if kind == "profile":
            return {"organisation": _most_reached(dataset)}
        return {}

    return get


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
