"""The synthetic data generator: deterministic, valid under --strict, the right size, fake."""

from __future__ import annotations

import re

import pytest
import yaml

from ehelse_map.load.check_set import resolve_inputs, validate_files
from ehelse_map.synthetic import FILES, generate, scalar

SMALL = 0.05


def write(folder, texts: dict[str, str]) -> None:
    for name, text in texts.items():
        (folder / name).write_text(text, encoding="utf-8")


def count(texts: dict[str, str], pattern: str) -> int:
    return sum(len(re.findall(pattern, text, re.M)) for text in texts.values())


def test_same_seed_same_bytes_other_seed_other_bytes():
    assert generate(SMALL, seed=3) == generate(SMALL, seed=3)
    assert generate(SMALL, seed=3) != generate(SMALL, seed=4)
    assert set(generate(SMALL)) == set(FILES)


@pytest.mark.parametrize("seed", [0, 1, 42])
def test_output_validates_with_zero_problems(tmp_path, seed):
    write(tmp_path, generate(SMALL, seed))
    validated = validate_files(resolve_inputs([str(tmp_path)]))
    assert validated.problems == []


def test_scale_one_is_nordic_sized():
    texts = generate(1.0)
    municipalities = count(texts, r"^    kind: municipality$")
    networks = texts["networks.yaml"].split("\nnetworks:\n", 1)[1].count("\n  - id: ") + 1
    assert 1_050 <= municipalities <= 1_300
    assert 250 <= networks <= 400
    assert count(texts, r'^    country: "(NO|SE|DK|FI|IS)"$') > municipalities


def test_size_grows_linearly_with_scale():
    one, three = (count(generate(s), r"^    kind: municipality$") for s in (1.0, 3.0))
    assert three == pytest.approx(3 * one, rel=0.02)
    small = count(generate(SMALL), r"^    kind: municipality$")
    assert small == pytest.approx(SMALL * one, rel=0.2)


def test_nested_national_and_regional_coverage_are_present():
    networks = generate(SMALL)["networks.yaml"]
    assert 'coverage: {country: "NO"}' in networks
    assert "coverage: {region: " in networks and "except: [" in networks
    assert "coverage: {catchment: " in networks
    assert re.search(r"^    parent: syn-", networks, re.M)
    assert "funding: [{source: " in networks and "steered_by: [" in networks


def test_everything_is_marked_synthetic():
    texts = generate(SMALL)
    data = {name: yaml.load(text, Loader=yaml.CSafeLoader) for name, text in texts.items()}
    records = [r for d in data.values() for key in ("actors", "networks", "areas", "roles",
                                                    "assumptions") for r in d.get(key, ())]
    assert records and all(r["id"].startswith("syn-") for r in records)
    assert all(s["id"].startswith("synthetic:") for s in data["actors.yaml"]["sources"])
    named = [r for r in records if "name" in r]
    assert all(r["name"].endswith("(synthetic)") for r in named)
    assert all(text.startswith("# SYNTHETIC") for text in texts.values())


@pytest.mark.parametrize("text, plain", [
    ("Ålvik 0001 (synthetic)", True), ("NO", False), ("0150", False), ("yes", False),
    ("2024-01-01", False), ("a: b", False), ("# note", False), ("x #y", False),
    ("trailing ", False), ("1.5", False), ("SYN-NO-0706", True)])
def test_scalar_quotes_what_yaml_11_would_misread(text, plain):
    written = scalar(text)
    assert (written == text) is plain
    assert yaml.safe_load(f"key: {written}") == {"key": text}


def test_generate_command_refuses_to_overwrite_without_force(run_cli, tmp_path):
    target = tmp_path / "syn"
    first = run_cli(["generate", "--scale", str(SMALL), "-o", str(target), "--seed", "7"])
    assert first.exit_code == 0, first.stderr
    before = (target / "actors.yaml").read_bytes()
    again = run_cli(["generate", "--scale", str(SMALL), "-o", str(target), "--seed", "8"])
    assert again.exit_code == 2 and "--force" in again.stderr
    assert (target / "actors.yaml").read_bytes() == before
    forced = run_cli(["generate", "--scale", str(SMALL), "-o", str(target), "--seed", "8",
                      "--force"])
    assert forced.exit_code == 0
    assert (target / "actors.yaml").read_bytes() == generate(SMALL, 8)["actors.yaml"].encode()
    assert run_cli(["validate", "--strict", str(target)]).exit_code == 0


def test_format_2_assumptions_with_ranges_that_targets_refer_to(tmp_path):
    """The benchmarks' data exercises data format 2: ranges cost what they cost on real data."""
    from ehelse_map.analyses.sensitivity import ranged_values
    from ehelse_map.model.build import load_dataset

    texts = generate(SMALL)
    assert all("\nschema_version: 2\n" in text for text in texts.values())
    networks = texts["networks.yaml"]
    assert "estimate: syn-cadence-leader}" in networks  # numbers taken from the assumption
    assert "hours_per_meeting: {assume: syn-hours-default.steering}" in networks
    assert "asks: seats, seats: " in networks and "asks: network" in networks
    assert "participation:" in networks and "estimate: syn-participation" in networks
    assert "capacity_hours_per_year: {assume: syn-capacity}" in networks
    assert "max_population: {assume: syn-staffing-by-size.small}" in networks
    write(tmp_path, texts)
    dataset = load_dataset(tmp_path)
    ranged = {f"{ident}.{name}" for ident, name, *_ in ranged_values(dataset)}
    assert {"syn-cadence-leader.meetings_per_year", "syn-capacity.capacity_hours_per_year",
            "syn-staffing-by-size.small"} <= ranged
    targets = [t for n in dataset.networks.values() for t in n.targets]
    assert any(t.hours.low is not None and t.hours.low < t.hours.value for t in targets)
