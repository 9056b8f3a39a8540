"""The `observations` of the data format: survey answers in `observations.yaml`, read along
with a data-set folder, described by the JSON Schema and cross-checked by `validate`.

The bad-input cases `observations-wrong-types` and `observations-mismatch` in
tests/bad_inputs give every problem with its file:line:col; these tests cover the rest."""

from __future__ import annotations

from pathlib import Path

import pytest

from ehelse_map.load.check_set import resolve_inputs, validate_data
from ehelse_map.load.files import InputError

MINIMAL = Path(__file__).parent / "fixtures" / "minimal"
ACTORS = (MINIMAL / "actors.yaml").read_bytes()
NETWORKS = (MINIMAL / "networks.yaml").read_bytes()

OBSERVATIONS = """\
schema_version: 2
sources:
  - id: survey:modalen:2025-05-20:0a1b2c
    title: Survey answer from Modalen, 2025-05-20
observations:
  - id: obs-1
    organisation: modalen
    network: digi-vestland-ehelse
    role: helseleiar
    period: {from: "2024-05-21", to: "2025-05-20"}
    answered: "2025-05-20"
    takes_part: "yes"
    meetings_per_year: 6
    hours_per_meeting: 2.5
    roles_held: [ehelsekoordinator]
    respondent_role: Kommunalsjef helse
    sources: [survey:modalen:2025-05-20:0a1b2c]
"""


def _problems(observations: str) -> list[tuple[str, int, int, str]]:
    validated = validate_data([("actors.yaml", ACTORS), ("networks.yaml", NETWORKS),
                               ("observations.yaml", observations.encode())])
    return [(p.file, p.line, p.column, p.code) for p in validated.problems]


def test_a_valid_observation_file_has_no_problems():
    assert _problems(OBSERVATIONS) == []


def test_role_not_targeted_is_allowed_when_it_says_why():
    networks = NETWORKS.replace(b"      - {role: ehelsekoordinator, meetings_per_year: 4, "
                                b"hours_per_meeting: 3, sources: [s7]}\n", b"")
    text = OBSERVATIONS.replace("role: helseleiar", "role: ehelsekoordinator")
    found = validate_data([("actors.yaml", ACTORS), ("networks.yaml", networks),
                           ("observations.yaml", text.encode())]).problems
    assert [(p.line, p.column, p.code) for p in found] == [(9, 11, "E021")]
    assert "does not target role 'ehelsekoordinator'" in found[0].message
    flagged = text.replace("    sources: [survey", "    role_not_targeted: the coordinator goes "
                           "in the leader's place\n    sources: [survey")
    assert validate_data([("actors.yaml", ACTORS), ("networks.yaml", networks),
                          ("observations.yaml", flagged.encode())]).problems == []


def test_an_organisation_reached_through_an_aggregate_it_belongs_to():
    """A network covering an aggregate record ("the municipalities of a region") reaches the
    organisations whose `parent` is that aggregate."""
    actors = ACTORS + b"""\
  - id: sogn-kommunar
    name: Kommunane i Sogn
    kind: municipality
    level: local
    country: "NO"
    count: 9
    sources: [seed:000]
  - id: vik
    name: Vik
    kind: municipality
    level: local
    country: "NO"
    parent: sogn-kommunar
    sources: [seed:000]
"""
    networks = NETWORKS.replace(b"coverage: {region: vestland}",
                                b"coverage: [bergen, modalen, sogn-kommunar]")
    text = OBSERVATIONS.replace("organisation: modalen", "organisation: vik")
    assert validate_data([("actors.yaml", actors), ("networks.yaml", networks),
                          ("observations.yaml", text.encode())]).problems == []
    alone = networks.replace(b", sogn-kommunar]", b"]")
    found = validate_data([("actors.yaml", actors), ("networks.yaml", alone),
                           ("observations.yaml", text.encode())]).problems
    assert [(p.line, p.column, p.code) for p in found] == [(7, 19, "E021")]


def test_survey_rule_is_none_or_median_n():
    day = b"dataset:\n  as_of: \"2025-06-01\"\n  survey_rule: median-5\n"
    actors = ACTORS.replace(b"sources:\n", day + b"sources:\n", 1)
    assert validate_data([("actors.yaml", actors), ("networks.yaml", NETWORKS)]).problems == []
    wrong = actors.replace(b"median-5", b"mean-5")
    found = validate_data([("actors.yaml", wrong), ("networks.yaml", NETWORKS)]).problems
    assert [(p.line, p.column, p.code) for p in found] == [(5, 16, "E017")]


def test_a_data_folder_reads_its_observation_file(tmp_path: Path):
    (tmp_path / "actors.yaml").write_bytes(ACTORS)
    (tmp_path / "networks.yaml").write_bytes(NETWORKS)
    three = [str(tmp_path / n) for n in ("actors.yaml", "networks.yaml")]
    assert resolve_inputs([str(tmp_path)]) == three  # optional: not there, not read
    (tmp_path / "observations.yaml").write_text(OBSERVATIONS)
    three.append(str(tmp_path / "observations.yaml"))
    assert resolve_inputs([str(tmp_path)]) == three
    # a file brings its siblings along, whichever of the three it is
    assert resolve_inputs([three[2]]) == [three[2], three[0], three[1]]
    assert resolve_inputs([three[0]]) == three
    (tmp_path / "observations.yml").write_text(OBSERVATIONS)
    with pytest.raises(InputError, match=r"observations\.yml and .*observations\.yaml"):
        resolve_inputs([str(tmp_path)])


def test_schema_describes_observations(run_cli):
    import json

    payload = json.loads(run_cli(["schema", "--file", "observations"]).stdout)
    assert list(payload["properties"])[:3] == ["schema_version", "sources", "observations"]
    item = payload["properties"]["observations"]["anyOf"][0]["items"]
    assert item["required"] == ["id", "organisation", "network", "role", "period",
                                "takes_part", "sources"]
    assert item["properties"]["takes_part"]["enum"] == ["yes", "no", "partly"]
    assert item["properties"]["meetings_per_year"]["anyOf"][0]["maximum"] == 366
