"""Guards for the shipped data set in data/.

The first group reads the YAML with plain PyYAML and checks the data on its own terms (so it
also catches what other YAML tools would misread). The last group runs the project's own
validator and model on the same files.
"""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"
FILES = (DATA / "actors.yaml", DATA / "networks.yaml")
MUNICIPALITIES_CSV = Path(__file__).resolve().parents[2] / "shared" / "municipalities.csv"

LIST_KEYS = ("sources", "assumptions", "actors", "areas", "roles", "networks")
HEALTH_TRUSTS = {"Helse Stavanger": "helse-stavanger", "Helse Fonna": "helse-fonna",
                 "Helse Bergen": "helse-bergen", "Helse Førde": "helse-forde"}
TASKS = {"coordination", "implementation", "competence", "development", "steering", "funding",
         "advisory", "information", "standardisation", "anchoring", "procurement"}


@pytest.fixture(scope="module")
def docs() -> list[dict[str, Any]]:
    return [yaml.safe_load(path.read_text(encoding="utf-8")) for path in FILES]


@pytest.fixture(scope="module")
def records(docs) -> dict[str, list[dict[str, Any]]]:
    merged: dict[str, list[dict[str, Any]]] = {key: [] for key in LIST_KEYS}
    for doc in docs:
        for key in LIST_KEYS:
            merged[key] += doc.get(key) or []
    return merged


@pytest.fixture(scope="module")
def staffing(docs) -> dict[str, Any]:
    found = [doc["staffing"] for doc in docs if "staffing" in doc]
    assert len(found) == 1
    return found[0]


@pytest.fixture(scope="module")
def actors(records) -> dict[str, dict[str, Any]]:
    return {a["id"]: a for a in records["actors"]}


def _members(network: dict[str, Any], actors: dict[str, dict[str, Any]]) -> set[str]:
    """Expand a coverage as docs/data-format.md describes (our selectors use one criterion)."""
    coverage = network["coverage"]
    if isinstance(coverage, list):
        return set(coverage)
    criteria = {k: coverage[k] for k in ("region", "catchment", "country") if k in coverage}
    if not criteria:
        return set()
    kind = coverage.get("kind", "municipality")
    chosen = {i for i, a in actors.items()
              if a["kind"] == kind and all(a.get(k) == v for k, v in criteria.items())}
    return (chosen - set(coverage.get("except", []))) | set(coverage.get("include", []))


# --- plain YAML --------------------------------------------------------------------------------

@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_no_anchors_aliases_tags_or_extra_documents(path: Path) -> None:
    events = list(yaml.parse(path.read_text(encoding="utf-8")))
    assert sum(isinstance(e, yaml.DocumentStartEvent) for e in events) == 1
    for event in events:
        assert not isinstance(event, yaml.AliasEvent), event.start_mark
        if isinstance(event, (yaml.ScalarEvent, yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            assert event.anchor is None, event.start_mark
            if isinstance(event, yaml.ScalarEvent):
                assert event.tag is None, event.start_mark


def test_schema_version(docs) -> None:
    assert [doc["schema_version"] for doc in docs] == [1, 1]


def test_ids_are_unique_across_both_files(records) -> None:
    ids = [r["id"] for key in LIST_KEYS for r in records[key]]
    assert [i for i, n in Counter(ids).items() if n > 1] == []


def test_every_record_has_a_source_that_resolves(records) -> None:
    known = {s["id"] for s in records["sources"]}
    for key in ("assumptions", "actors", "areas", "roles", "networks"):
        for record in records[key]:
            assert record.get("sources"), f"{key} {record['id']} has no source"
            assert set(record["sources"]) <= known, f"{key} {record['id']}: {record['sources']}"
    for network in records["networks"]:
        for part in network.get("targets", []) + network.get("funding", []):
            assert set(part.get("sources", [])) <= known, network["id"]


def test_every_source_is_cited(records, docs) -> None:
    text = "\n".join(path.read_text(encoding="utf-8") for path in FILES)
    for source in records["sources"]:
        assert text.count(source["id"]) > 1, f"source {source['id']} is never cited"


def test_text_fields_stay_text(records) -> None:
    """Values other YAML tools would read as bool/number/date are quoted (W101)."""
    for actor in records["actors"]:
        for key in ("id", "name", "country", "number", "population_as_of"):
            if key in actor:
                assert isinstance(actor[key], str), (actor["id"], key, actor[key])
    for key in ("actors", "networks"):
        for record in records[key]:
            assert isinstance(record["country"], str), record["id"]
            for end in (record.get("period") or {}).values():
                assert isinstance(end, str), (record["id"], end)
    for source in records["sources"]:
        assert isinstance(source.get("published", ""), str), source["id"]
    for role in records["roles"]:
        assert isinstance(role.get("country", ""), str), role["id"]


def test_every_reference_resolves(records, staffing, actors) -> None:
    networks = {n["id"]: n for n in records["networks"]}
    areas = {a["id"] for a in records["areas"]}
    roles = {r["id"] for r in records["roles"]}
    assumptions = {a["id"] for a in records["assumptions"]}
    bodies = set(actors) | set(networks)
    for actor in actors.values():
        for key in ("parent", "region", "catchment", "successor"):
            if actor.get(key) is not None:
                assert actor[key] in actors, (actor["id"], key, actor[key])
    for network in networks.values():
        nid = network["id"]
        assert network["host"] is None or network["host"] in actors, nid
        assert network.get("parent") is None or network["parent"] in networks, nid
        assert set(network.get("participants", [])) <= set(actors), nid
        assert set(network.get("reports_to", [])) <= bodies, nid
        assert set(network.get("steered_by", [])) <= bodies, nid
        assert set(network["areas"]) <= areas, nid
        assert set(network["tasks"]) <= TASKS, nid
        coverage = network["coverage"]
        listed = coverage if isinstance(coverage, list) else [
            *coverage.get("except", []), *coverage.get("include", []),
            *(coverage[k] for k in ("region", "catchment") if k in coverage)]
        assert set(listed) <= set(actors), nid
        for target in network.get("targets", []):
            assert target["role"] in roles, nid
            assert target.get("estimate") is None or target["estimate"] in assumptions, nid
        for funding in network.get("funding", []):
            assert funding["source"] in actors, nid
            assert funding.get("reports_to") is None or funding["reports_to"] in bodies, nid
    assert staffing["assumption"] in assumptions
    assert staffing["capacity_assumption"] in assumptions
    for rule in staffing["rules"]:
        for person in rule["persons"]:
            assert set(person) <= roles


def test_every_cadence_is_documented_or_an_estimate(records) -> None:
    for network in records["networks"]:
        for target in network.get("targets", []):
            assert target.get("estimate") or target.get("sources"), (network["id"], target)


def test_municipalities_match_the_csv(actors) -> None:
    if not MUNICIPALITIES_CSV.exists():
        pytest.skip(f"{MUNICIPALITIES_CSV} not found")
    with MUNICIPALITIES_CSV.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 66
    by_number = {a["number"]: a for a in actors.values()
                 if a["kind"] == "municipality" and a["country"] == "NO"}
    assert len(by_number) == 66
    for row in rows:
        actor = by_number.get(row["kommunenummer"])
        assert actor is not None, f"municipality {row['kommunenummer']} {row['name']} missing"
        assert actor["name"] == row["name"]
        assert actor["population"] == int(row["population_2024-01-01"])
        assert actor["population_as_of"] == "2024-01-01"
        assert actor["region"] == row["county"].lower()
        assert actor["catchment"] == HEALTH_TRUSTS[row["helseforetak"]]
        assert {"p1", "h1"} <= set(actor["sources"])


def test_every_coverage_reaches_someone(records, actors) -> None:
    for network in records["networks"]:
        coverage = network["coverage"]
        if isinstance(coverage, dict) and set(coverage) <= {"count", "kind"}:
            assert coverage["count"] > 0, network["id"]
            continue
        assert _members(network, actors), f"{network['id']} reaches nobody"


@pytest.mark.parametrize("network_id, expected", [
    ("digi-rogaland", 23),               # s6
    ("digi-vestland", 43),               # s5: the county's 43 municipalities
    ("saman", 18),                       # hb1
    ("helse-fonna-helsefellesskap", 16),  # hf2, hf3
])
def test_documented_reach(records, actors, network_id: str, expected: int) -> None:
    network = next(n for n in records["networks"] if n["id"] == network_id)
    assert len(_members(network, actors)) == expected
    if isinstance(network["coverage"], dict) and "count" in network["coverage"]:
        assert network["coverage"]["count"] == expected


def test_saman_area_committees_partition_its_members(records, actors) -> None:
    networks = {n["id"]: n for n in records["networks"]}
    committees = [n for n in networks.values() if n.get("parent") == "saman"]
    assert len(committees) == 4
    listed = [m for c in committees for m in c["coverage"]]
    assert len(listed) == len(set(listed))
    assert set(listed) == _members(networks["saman"], actors)


def test_ended_bodies_keep_their_end_dates(actors, records) -> None:
    networks = {n["id"]: n for n in records["networks"]}
    assert actors["direktoratet-for-ehelse"]["period"] == {"from": "2016-01-01", "to": "2023-12-31"}
    assert actors["direktoratet-for-ehelse"]["successor"] == "helsedirektoratet"
    for network_id in ("vestlandsprosjektet", "ehelseseminar-2008"):
        assert networks[network_id]["period"].get("to"), network_id
    assert networks["ehelseseminar-2008"]["coverage"] == {"count": 134, "kind": "municipality"}


def test_aggregate_counts_add_up(actors) -> None:
    danish = [a for a in actors.values() if a["country"] == "DK" and a["kind"] == "municipality"]
    assert sum(a["count"] for a in danish) == 98  # KL represents all 98 (s59)
    assert actors["se-kommuner"]["count"] == 290
    assert actors["se-regioner"]["count"] == 21


# --- the project's own validator and model ----------------------------------------------------

def test_validates_strict_with_no_problems() -> None:
    from ehelse_map.load.check_set import resolve_inputs, validate_files

    validated = validate_files(resolve_inputs([str(DATA)]))
    assert [f"{p.file}:{p.line}:{p.column} {p.code} {p.message}" for p in validated.problems] == []


def test_cli_validate_strict_passes(run_cli) -> None:
    result = run_cli(["validate", "--strict", "--data", str(DATA)])
    assert result.exit_code == 0, result.stdout + result.stderr


def test_model_lists_the_66_municipalities() -> None:
    from ehelse_map.model.build import load_dataset

    dataset = load_dataset(DATA)
    municipalities = [a for a in dataset.actors.values()
                      if a.country == "NO" and a.kind == "municipality"]
    assert len(municipalities) == 66
    assert all(a.number and a.population and a.population_as_of for a in municipalities)
    assert len(dataset.networks["saman"].coverage.members) == 18
    assert {n.country for n in dataset.networks.values()} == {"NO", "SE", "DK"}

