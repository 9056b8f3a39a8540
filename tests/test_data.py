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
SHARED = Path(__file__).resolve().parents[2] / "shared"
MUNICIPALITIES_CSV = SHARED / "municipalities.csv"           # the 66 of Vestland and Rogaland
NORWAY_CSV = SHARED / "norway" / "municipalities.csv"         # all 357 (2024 numbering)
AS_OF = "2025-06-01"                                          # dataset.as_of, see data/README.md

LIST_KEYS = ("sources", "assumptions", "actors", "areas", "roles", "networks", "relations")
HEALTH_TRUSTS = {"Helse Stavanger": "helse-stavanger", "Helse Fonna": "helse-fonna",
                 "Helse Bergen": "helse-bergen", "Helse Førde": "helse-forde"}
#: The catchment trust names of ../shared/norway/municipalities.csv -> actor ids.
TRUST_IDS = {
    "Finnmarkssykehuset HF": "finnmarkssykehuset", "Universitetssykehuset Nord-Norge HF": "unn",
    "Nordlandssykehuset HF": "nordlandssykehuset", "Helgelandssykehuset HF": "helgelandssykehuset",
    "Helse Nord-Trøndelag HF": "helse-nord-trondelag", "St. Olavs hospital HF": "st-olavs-hospital",
    "Helse Møre og Romsdal HF": "helse-more-og-romsdal", "Helse Førde HF": "helse-forde",
    "Helse Bergen HF": "helse-bergen", "Helse Fonna HF": "helse-fonna",
    "Helse Stavanger HF": "helse-stavanger", "Sykehuset Østfold HF": "sykehuset-ostfold",
    "Akershus universitetssykehus HF": "ahus", "Sykehuset Innlandet HF": "sykehuset-innlandet",
    "Vestre Viken HF": "vestre-viken", "Sykehuset i Vestfold HF": "sykehuset-i-vestfold",
    "Sykehuset Telemark HF": "sykehuset-telemark", "Sørlandet sykehus HF": "sorlandet-sykehus"}
#: County number -> county actor id (Oslo's id is not "oslo": that is the municipality).
COUNTY_IDS = {"03": "oslo-fylke", "11": "rogaland", "15": "more-og-romsdal", "18": "nordland",
              "31": "ostfold", "32": "akershus", "33": "buskerud", "34": "innlandet",
              "39": "vestfold", "40": "telemark", "42": "agder", "46": "vestland",
              "50": "trondelag", "55": "troms", "56": "finnmark"}
#: Municipalities per county, 2024 numbering (../shared/norway/notes.md).
PER_COUNTY = {"oslo-fylke": 1, "rogaland": 23, "more-og-romsdal": 27, "nordland": 41,
              "ostfold": 12, "akershus": 21, "buskerud": 18, "innlandet": 46, "vestfold": 6,
              "telemark": 17, "agder": 25, "vestland": 43, "trondelag": 38, "troms": 21,
              "finnmark": 18}
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


def _ids(value: Any) -> list[str]:
    """A reference that may be one id or a list of ids, as a list."""
    if value is None:
        return []
    return [value] if isinstance(value, str) else list(value)


def _members(network: dict[str, Any], actors: dict[str, dict[str, Any]],
             networks: dict[str, dict[str, Any]] | None = None) -> set[str]:
    """Expand a coverage as docs/data-format.md describes: a list, or a selector whose
    criteria (each one id or a list, their union) are intersected."""
    coverage = network["coverage"]
    if isinstance(coverage, list):
        return set(coverage)
    kind = coverage.get("kind", "municipality")
    chosen: set[str] | None = None
    for key in ("region", "catchment", "country"):
        if key in coverage:
            wanted = set(_ids(coverage[key]))
            found = {i for i, a in actors.items() if a["kind"] == kind and a.get(key) in wanted}
            chosen = found if chosen is None else chosen & found
    if "members_of" in coverage and networks is not None:
        found = set().union(*(_members(networks[n], actors, networks)
                              for n in _ids(coverage["members_of"])))
        chosen = found if chosen is None else chosen & found
    return ((chosen or set()) - set(coverage.get("except", []))) | set(coverage.get("include", []))


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


def test_schema_version_and_dataset(docs) -> None:
    assert [doc["schema_version"] for doc in docs] == [2, 2]
    datasets = [doc["dataset"] for doc in docs if "dataset" in doc]
    assert len(datasets) == 1
    assert datasets[0]["as_of"] == AS_OF and datasets[0]["name"]


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
    """The validator checks this too; here plain YAML, so a loader bug cannot hide one."""
    networks = {n["id"]: n for n in records["networks"]}
    areas = {a["id"] for a in records["areas"]}
    roles = {r["id"] for r in records["roles"]}
    assumptions = {a["id"] for a in records["assumptions"]}
    bodies = set(actors) | set(networks)

    def assumed(value: Any) -> None:
        if isinstance(value, dict) and "assume" in value:
            assert value["assume"].split(".")[0] in assumptions, value

    for actor in actors.values():
        for key in ("parent", "region", "catchment", "successor"):
            if actor.get(key) is not None:
                assert actor[key] in actors, (actor["id"], key, actor[key])
    for network in networks.values():
        nid = network["id"]
        host = network.get("host")
        hosts = [h["actor"] for h in host] if isinstance(host, list) else _ids(host)
        assert set(hosts) <= set(actors), nid
        for key in ("parent", "successor"):
            assert network.get(key) is None or network[key] in networks, (nid, key)
        assert set(network.get("predecessors", [])) <= set(networks), nid
        assert set(network.get("participants", [])) <= bodies, nid
        assert set(network.get("reports_to", [])) <= bodies, nid
        assert set(network.get("steered_by", [])) <= bodies, nid
        assert set(network["areas"]) <= areas, nid
        assert set(network["tasks"]) <= TASKS, nid
        coverage = network["coverage"]
        listed = coverage if isinstance(coverage, list) else [
            *coverage.get("except", []), *coverage.get("include", []),
            *(i for k in ("region", "catchment") for i in _ids(coverage.get(k)))]
        assert set(listed) <= set(actors), nid
        if isinstance(coverage, dict):
            assert set(_ids(coverage.get("members_of"))) <= set(networks), nid
        for target in network.get("targets", []):
            assert target["role"] in roles, nid
            assert target.get("estimate") is None or target["estimate"] in assumptions, nid
            assumed(target.get("meetings_per_year"))
            assumed(target.get("hours_per_meeting"))
        for funding in network.get("funding", []):
            assert funding["source"] in actors, nid
            assert funding.get("reports_to") is None or funding["reports_to"] in bodies, nid
        participation = network.get("participation") or []
        for entry in participation if isinstance(participation, list) else [participation]:
            assert entry.get("estimate") is None or entry["estimate"] in assumptions, nid
    for relation in records["relations"]:
        assert relation["from"] in bodies and set(relation["to"]) <= bodies, relation
    assert staffing["assumption"] in assumptions
    assert staffing["capacity_assumption"] in assumptions
    assumed(staffing.get("capacity_hours_per_year"))
    for rule in staffing["rules"]:
        assumed(rule.get("max_population"))
        for person in rule["persons"]:
            assert set(person) <= roles


def test_every_cadence_is_documented_or_an_estimate(records) -> None:
    for network in records["networks"]:
        for target in network.get("targets", []):
            assert target.get("estimate") or target.get("sources"), (network["id"], target)
            if not target.get("estimate"):  # documented: the count is a number, hours may be assumed
                assert isinstance(target.get("meetings_per_year"), (int, float)), network["id"]


def test_targets_refer_to_assumptions_instead_of_copying_numbers(records) -> None:
    """Under `estimate: ID` the numbers come from the assumption's values, never copied."""
    values = {a["id"]: a.get("values", {}) for a in records["assumptions"]}
    for network in records["networks"]:
        for target in network.get("targets", []):
            if target.get("estimate"):
                assert values[target["estimate"]], (network["id"], target["estimate"])
                assert "meetings_per_year" not in target and "hours_per_meeting" not in target, \
                    (network["id"], target["role"])


def test_assumptions_give_values_with_ranges_and_their_findings(records) -> None:
    assumptions = {a["id"]: a for a in records["assumptions"]}
    for ident, assumption in assumptions.items():
        for name, value in assumption.get("values", {}).items():
            assert value["low"] <= value["value"] <= value["high"], (ident, name)
            assert value["low"] < value["high"], (ident, name)
    assert assumptions["cadence-leader-network"]["values"]["meetings_per_year"] == \
        {"value": 4, "low": 2, "high": 6, "unit": "meetings/year"}
    assert assumptions["capacity-default"]["values"]["capacity_hours_per_year"]["value"] == 150
    assert assumptions["staffing-by-size"]["from_findings"] == ["F1"]   # seed:004, finding 1
    assert assumptions["funding-brings-reporting"]["from_findings"] == ["F2"]
    assert assumptions["joint-implementation-local-lead"]["from_findings"] == ["F4"]


def _norway_rows() -> list[dict[str, str]]:
    if not NORWAY_CSV.exists():
        pytest.skip(f"{NORWAY_CSV} not found: the shared facts are beside the project, not in it")
    with NORWAY_CSV.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def _norwegian_municipalities(actors: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {a["number"]: a for a in actors.values()
            if a["kind"] == "municipality" and a["country"] == "NO"}


def test_municipalities_match_the_norway_csv(actors) -> None:
    """Every municipality of ../shared/norway/municipalities.csv, with its number, name,
    parallel names, county, population on 1 January 2025 and catchment trust."""
    rows = _norway_rows()
    assert len(rows) == 357
    by_number = _norwegian_municipalities(actors)
    assert sorted(by_number) == sorted(r["number"] for r in rows)
    for row in rows:
        actor = by_number[row["number"]]
        where = f"{row['number']} {row['name']}"
        assert actor["name"] == row["name"], where
        assert actor["population"] == int(row["population"]), where
        assert actor["population_as_of"] == row["population_as_of"] == "2025-01-01", where
        assert actor["region"] == COUNTY_IDS[row["county_number"]], where
        if row["health_trust"] in TRUST_IDS:
            assert actor["catchment"] == TRUST_IDS[row["health_trust"]], where
        else:  # Oslo: split by city district, no single catchment
            assert row["number"] == "0301" and "catchment" not in actor, where
        names = [n["name"] for n in actor.get("other_names", [])]
        assert names == [n for n in row["other_names"].split("|") if n], where
        assert all(n.get("lang") in {"se", "smj", "sma", "fkv"}
                   for n in actor.get("other_names", [])), where
        assert {"kartverket-kommuner-2024", "fhi-csdata-population",
                "skde-kommunar-2024"} <= set(actor["sources"]), where
        if row["health_trust_note"]:  # Gulen, Eidfjord, Holmestrand, Bindal, Haram
            assert actor.get("note"), where


def test_municipality_ids_are_slugs_with_homonyms_told_apart(actors) -> None:
    by_number = {a["number"]: a["id"] for a in actors.values()
                 if a["kind"] == "municipality" and a["country"] == "NO"}
    assert by_number["1515"] == "heroy-more-og-romsdal" and by_number["1818"] == "heroy-nordland"
    assert by_number["3114"] == "valer-ostfold" and by_number["3419"] == "valer-innlandet"
    assert by_number["4601"] == "bergen" and by_number["1103"] == "stavanger"


def test_the_66_vestland_and_rogaland_municipalities_keep_their_ids(actors) -> None:
    """The first data set's 66 municipalities (../shared/municipalities.csv) are unchanged
    apart from the population, now for 2025."""
    if not MUNICIPALITIES_CSV.exists():
        pytest.skip(f"{MUNICIPALITIES_CSV} not found")
    with MUNICIPALITIES_CSV.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 66
    by_number = _norwegian_municipalities(actors)
    for row in rows:
        actor = by_number[row["kommunenummer"]]
        assert actor["name"] == row["name"]
        assert actor["region"] == row["county"].lower()
        assert actor["catchment"] == HEALTH_TRUSTS[row["helseforetak"]]


def test_municipalities_per_county(actors) -> None:
    counted = Counter(a["region"] for a in _norwegian_municipalities(actors).values())
    assert counted == PER_COUNTY
    assert sum(PER_COUNTY.values()) == 357
    for county in PER_COUNTY:
        assert actors[county]["kind"] == "county", county
    ended = {i: a for i, a in actors.items() if a["kind"] == "county" and a["country"] == "NO"
             and a.get("period", {}).get("to")}
    assert set(ended) == {"viken", "vestfold-og-telemark", "troms-og-finnmark"}
    assert all(a["period"]["to"] == "2023-12-31" for a in ended.values())


def test_population_adds_up_to_the_national_figure(actors) -> None:
    """5,594,340 on 1 January 2025: SSB's figure (source ssb-folkemengde-2024)."""
    assert sum(a["population"] for a in _norwegian_municipalities(actors).values()) == 5_594_340


def test_catchments_partition_the_municipalities(actors) -> None:
    """Every municipality but Oslo (split by city district) is in exactly one trust's
    catchment, and the 19 catchment trusts are all health trusts."""
    municipalities = _norwegian_municipalities(actors).values()
    catchments: dict[str, set[str]] = {}
    for actor in municipalities:
        if "catchment" in actor:
            catchments.setdefault(actor["catchment"], set()).add(actor["id"])
    assert [a["id"] for a in municipalities if "catchment" not in a] == ["oslo"]
    assert all(actors[t]["kind"] == "health-trust" for t in catchments)
    assert len(catchments) == 18  # + Oslo universitetssykehus, whose districts are in Oslo
    union = set().union(*catchments.values())
    assert sum(len(m) for m in catchments.values()) == len(union) == 356
    trusts = {i for i, a in actors.items() if a["kind"] == "health-trust" and a["country"] == "NO"}
    assert trusts == set(catchments) | {"oslo-universitetssykehus"}
    if NORWAY_CSV.exists():
        expected = Counter(TRUST_IDS[r["health_trust"]] for r in _norway_rows()
                           if r["health_trust"] in TRUST_IDS)
        assert {t: len(m) for t, m in catchments.items()} == expected


def test_health_communities_partition_the_municipalities(records, actors) -> None:
    """The 19 health communities reach every municipality once: catchments with the
    documented exceptions (Gulen and Eidfjord in Saman; Oslo's own community)."""
    networks = {n["id"]: n for n in records["networks"]}
    communities = [n for n in networks.values()
                   if n["kind"] == "health-community" and n["country"] == "NO"]
    assert len(communities) == 19
    reached = [m for n in communities for m in _members(n, actors, networks)]
    assert len(reached) == len(set(reached)) == 357


def test_national_networks_reach_every_municipality() -> None:
    """Every national Norwegian network active on the data's as-of date reaches all 357
    municipalities; the exceptions are listed with why they do not."""
    from ehelse_map.model.build import load_dataset

    dataset = load_dataset(DATA)
    assert dataset.as_of is not None
    not_by_country = {"dt-0706": "a grant only KS may apply for (s31): it reaches KS"}
    national = [n for n in dataset.active_networks(dataset.as_of)
                if n.level == "national" and n.country == "NO"]
    assert len(national) >= 8
    for network in national:
        if network.id in not_by_country:
            continue
        reached = [m for m in network.coverage.members
                   if dataset.actors[m].kind == "municipality"
                   and dataset.actors[m].period.active_on(dataset.as_of)]
        assert len(reached) == 357, network.id


def test_every_coverage_reaches_someone(records, actors) -> None:
    for network in records["networks"]:
        coverage = network["coverage"]
        if isinstance(coverage, dict) and set(coverage) <= {"count", "kind", "inferred"}:
            assert coverage["count"] > 0, network["id"]
            continue
        networks = {n["id"]: n for n in records["networks"]}
        assert _members(network, actors, networks), f"{network['id']} reaches nobody"


@pytest.mark.parametrize("network_id, expected", [
    ("digi-rogaland", 23),               # s6
    ("digi-vestland", 43),               # s5: the county's 43 municipalities
    ("saman", 18),                       # hb1
    ("helse-fonna-helsefellesskap", 16),  # hf2, hf3
    ("helsefellesskapet-sogn-og-fjordane", 17),  # catchment 18 minus Gulen
    ("helsefellesskapet-troms-og-ofoten", 24),   # hf-troms-ofoten
    ("helsefellesskap-innlandet", 42),           # hf-innlandet
    ("helsefellesskapet-vest-viken", 21),        # hf-vest-viken
    ("helsefellesskapet-vestfold", 6),           # hf-vestfold
    ("helsefellesskapet-agder", 25),             # hf-agder
    ("digiviken", 51),                           # digiviken-alle-er-med
    ("diginordland", 41),                        # diginordland-om
    ("digi-agder", 25),
    ("digitale-helgeland", 16),                  # digihelgeland-om
])
def test_documented_reach(records, actors, network_id: str, expected: int) -> None:
    networks = {n["id"]: n for n in records["networks"]}
    network = networks[network_id]
    assert len(_members(network, actors, networks)) == expected
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
    # succession: what replaced what, and what is not known (null, never a silent choice)
    assert networks["digiviken"]["predecessors"] == ["digitale-akershus", "digiviken-ost"]
    assert networks["digiviken"]["successor"] is None and "successor" in networks["digiviken"]
    assert networks["nvp"]["successor"] == "helseteknologiordningen"
    assert networks["digi-vestland"]["predecessors"] == ["digihordaland"]
    # dated hosts: Bergen from 2025; no host is claimed for the years before
    assert networks["digi-vestland"]["host"] == [
        {**networks["digi-vestland"]["host"][0], "actor": "bergen", "from": "2025-01-01"}]


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


def test_model_lists_every_norwegian_municipality() -> None:
    from ehelse_map.model.build import load_dataset

    dataset = load_dataset(DATA)
    municipalities = [a for a in dataset.actors.values()
                      if a.country == "NO" and a.kind == "municipality"]
    assert len(municipalities) == 357
    assert all(a.number and a.population and a.population_as_of for a in municipalities)
    assert len(dataset.networks["saman"].coverage.members) == 18
    assert {n.country for n in dataset.networks.values()} == {"NO", "SE", "DK"}
    assert str(dataset.as_of) == AS_OF
    assert dataset.networks["digi-vestland"].host == "bergen"  # on the as-of date
    assert dataset.networks["digi-vestland"].host_on(__import__("datetime").date(2024, 6, 1)) is None
    assert dataset.relations
