"""Each validation rule on the minimal data set, changed in one place: the exact
(file, line, column, code) of every problem, yamllint style, and the message where it matters."""

from __future__ import annotations

from pathlib import Path

import pytest

from ehelse_map.load.check_set import (
    resolve_inputs,
    validate_data,
    validate_files,
    validate_sets,
)
from ehelse_map.load.files import InputError, Limits, group_inputs
from ehelse_map.problems import TOO_MANY_PROBLEMS, Suggester, suggest

MINIMAL = Path(__file__).parent / "fixtures" / "minimal"
ACTORS = (MINIMAL / "actors.yaml").read_text(encoding="utf-8")
NETWORKS = (MINIMAL / "networks.yaml").read_text(encoding="utf-8")
A, N = "actors.yaml", "networks.yaml"


def run(actors: str = ACTORS, networks: str = NETWORKS, **limits: int):
    return validate_data([(A, actors.encode("utf-8", "surrogatepass")),
                          (N, networks.encode("utf-8", "surrogatepass"))], Limits(**limits))


def found(actors: str = ACTORS, networks: str = NETWORKS, **limits: int):
    return [(p.file[0], p.line, p.column, p.code) for p in run(actors, networks, **limits).problems]


def message(actors: str = ACTORS, networks: str = NETWORKS, code: str | None = None) -> str:
    return next(p.message for p in run(actors, networks).problems if code in (None, p.code))


def change(text: str, old: str, new: str) -> str:
    assert text.count(old) >= 1, old
    return text.replace(old, new, 1)


def test_minimal_is_valid_and_expands_coverage():
    validated = run()
    assert validated.problems == []
    assert validated.coverage == {"digi-vestland-ehelse": ("bergen", "modalen")}
    assert [r["id"] for _, _, r in validated.records["actors"]] == ["ks", "vestland", "bergen",
                                                                     "modalen"]
    assert validated.positions[A]["actors[2]"] == (30, 5)


# --- E010 shape and schema_version -----------------------------------------------------------------

def test_e010_top_level_shape_and_version():
    assert found("- a\n", "schema_version: 1\n") == [("a", 1, 1, "E010")]
    assert found(change(ACTORS, "schema_version: 1", "schema_version: 3")) == [("a", 2, 17, "E010")]
    assert found(change(ACTORS, "schema_version: 1", "schema_version: [1]")) == [("a", 2, 17, "E010")]
    assert found(change(ACTORS, "schema_version: 1\n", "")) == [("a", 2, 1, "E011")]
    assert found(change(ACTORS, "schema_version: 1", 'schema_version: "1"')) == []


# --- E011 required fields ------------------------------------------------------------------------

def test_e011_missing_and_empty_required_fields():
    actors = change(ACTORS, "    name: KS\n", "")
    actors = change(actors, "    kind: county\n", "    kind:\n")
    assert found(actors) == [("a", 18, 5, "E011"), ("a", 25, 5, "E011")]
    assert message(actors) == "missing required field 'name' in actors[0]"
    assert message(actors, code="E011").startswith("missing required field 'name'")
    assert [p.message for p in run(actors).problems][1] == "field 'kind' is empty in actors[1]"


def test_e011_labels_need_english():
    networks = change(NETWORKS, "{nn: Legemiddelområdet, en: Medicines}", "{nn: Legemiddelområdet}")
    assert found(networks=networks) == [("n", 4, 13, "E011")]
    assert message(networks=networks) == "missing 'en'"


def test_e011_population_needs_its_date():
    actors = change(ACTORS, '    population_as_of: "2024-01-01"\n', "")
    assert found(actors) == [("a", 37, 17, "E011")]


def test_a_bad_population_date_is_one_problem_not_two():
    actors = change(ACTORS, '"2024-01-01"', '"2024-02-30"')
    assert found(actors) == [("a", 38, 23, "E016")]


# --- E012 references ---------------------------------------------------------------------------------

def test_e012_unknown_reference_with_suggestion():
    networks = change(NETWORKS, "    host: ks\n", "    host: kss\n")
    networks = change(networks, "areas: [legemiddel]", "areas: [legemidel]")
    assert found(networks=networks) == [("n", 30, 11, "E012"), ("n", 32, 13, "E012")]
    problems = run(networks=networks).problems
    assert problems[0].message == "unknown actor 'kss' (did you mean 'ks'?)"
    assert problems[0].path == "networks[0].host"
    assert problems[1].message == "unknown area 'legemidel' (did you mean 'legemiddel'?)"


@pytest.mark.parametrize("broken", [
    change(ACTORS, "    title: Digi Vestland", '    title: "Digi Vestland'),  # YAML syntax
    "schema_version: 1\nsources: [\n",                                       # unclosed bracket
    "",                                                                       # empty
    "- a list\n",                                                             # not a mapping
])
def test_e012_one_line_for_the_references_an_unreadable_file_leaves_unchecked(broken):
    """One root cause, one message: the references networks.yaml makes to records of an
    actors.yaml that cannot be read are not listed one by one, nor the coverage warnings
    that follow; one problem says how many were not checked and why."""
    problems = run(broken).problems
    assert len([p for p in problems if p.file == A]) == 1  # the root cause
    follow = [p for p in problems if p.file == N]
    assert len(follow) == 1 and follow[0].code == "E012"
    assert follow[0].message == "11 references not checked: actors.yaml could not be read"
    assert (follow[0].line, follow[0].column) == (5, 15)  # where the first one is


def test_e012_references_are_listed_when_every_file_was_read():
    networks = change(NETWORKS, "    host: ks\n", "    host: kss\n")
    broken_other = change(ACTORS, "    kind: association\n", "    kind: [association\n")
    assert [p.code for p in run(networks=networks).problems] == ["E012"]
    assert "unknown actor 'kss'" in message(networks=networks)
    # A reference to the wrong kind of record is no follow-on: it is listed as it is.
    wrong = change(NETWORKS, "    host: ks\n", "    host: legemiddel\n")
    assert [p.message for p in run(broken_other, wrong).problems if p.file == N] == [
        "10 references not checked: actors.yaml could not be read",
        "'legemiddel' is an area, but an actor is expected here"]


def test_e012_reference_to_the_wrong_kind_of_record():
    networks = change(NETWORKS, "    host: ks\n", "    host: legemiddel\n")
    assert found(networks=networks) == [("n", 30, 11, "E012")]
    assert message(networks=networks) == "'legemiddel' is an area, but an actor is expected here"


def test_e012_every_kind_of_reference():
    networks = change(NETWORKS, "estimate: cadence-estimate", "estimate: cadence-estimat")
    networks = change(networks, "sources: [s7]", "sources: [s8]")
    networks = change(networks, "  assumption: staffing-by-size", "  assumption: staffing-by-siz")
    networks = change(networks, "- [helseleiar]", "- [helseleia]")
    actors = change(ACTORS, "    region: vestland\n", "    region: vestlan\n")
    assert found(actors, networks) == [
        ("a", 35, 13, "E012"),
        ("n", 15, 15, "E012"), ("n", 23, 12, "E012"), ("n", 35, 82, "E012"), ("n", 36, 89, "E012")]


def test_suggester_matches_suggest_on_long_lists():
    ids = [f"kommune-{i}" for i in range(3000)] + ["ks-e-komp", "helse-vest"]
    suggester = Suggester(ids)
    for word in ("ks-ekomp", "helse-vst", "kommune-12x", "zzz", "k", ""):
        assert suggester.suggest(word) == suggest(word, ids)


# --- E013 types ------------------------------------------------------------------------------------

def test_e013_wrong_types():
    actors = change(ACTORS, "    population: 397\n", "    population: many\n")
    actors = change(actors, "    name: KS\n", "    name: [KS]\n")
    actors = change(actors, "title: Digi Rogaland – organisering", "title: [Digi Rogaland]")
    networks = change(NETWORKS, "meetings_per_year: 4,", "meetings_per_year: x,")
    networks = change(networks, "coverage: {region: vestland}", "coverage: vestland")
    networks = change(networks, "tasks: [coordination]", "tasks: coordination")
    assert found(actors, networks) == [
        ("a", 8, 12, "E013"), ("a", 19, 11, "E013"), ("a", 47, 17, "E013"),
        ("n", 31, 15, "E013"), ("n", 33, 12, "E013"), ("n", 35, 47, "E013")]


def test_e013_numbers_have_limits():
    actors = change(ACTORS, "    population: 397\n", "    population: -3\n")
    networks = change(NETWORKS, "hours_per_meeting: 3,", "hours_per_meeting: .nan,")
    assert found(actors, networks) == [("a", 47, 17, "E013"), ("n", 35, 69, "E013")]


# --- E014 vocabularies -------------------------------------------------------------------------------

def test_e014_closed_vocabularies_with_suggestions():
    actors = change(ACTORS, "    kind: association\n", "    kind: asociation\n")
    networks = change(NETWORKS, "tasks: [coordination]", "tasks: [coordinaton]")
    networks = change(networks, "anchor: health-leader", "anchor: health-lead")
    networks = change(networks, "labels: {nn: Legemiddelområdet,", "labels: {xx: Legemiddelområdet,")
    assert found(actors, networks) == [("a", 20, 11, "E014"), ("n", 4, 14, "E014"),
                                       ("n", 9, 13, "E014"), ("n", 33, 13, "E014")]
    assert message(actors).endswith("(did you mean 'association'?)")


# --- E015 duplicate ids ------------------------------------------------------------------------------

def test_e015_duplicate_ids_in_one_file_and_across_files():
    actors = change(ACTORS, "  - id: modalen\n", "  - id: bergen\n")
    networks = change(NETWORKS, "  - id: legemiddel\n", "  - id: ks\n")
    networks = change(networks, "areas: [legemiddel]", "areas: [ks]")
    assert found(actors, networks) == [("a", 40, 9, "E015"), ("n", 3, 9, "E015"),
                                       ("n", 32, 13, "E012")]
    problems = run(actors, networks).problems
    assert problems[0].message == "duplicate id 'bergen' (first defined at actors.yaml:30)"
    assert problems[1].message == "duplicate id 'ks' (first defined at actors.yaml:18)"


def test_e015_staffing_given_twice():
    actors = ACTORS + "staffing:\n  assumption: staffing-by-size\n  rules: [{persons: [[helseleiar]]}]\n"
    assert found(actors) == [("n", 15, 3, "E015")]


# --- E016 dates ------------------------------------------------------------------------------------

@pytest.mark.parametrize(("date", "expected"), [
    ('"2024-02-30"', "'2024-02-30' is not a day: 2024-02 has 29 days"),
    ('"2023-02-29"', "'2023-02-29' is not a day: 2023-02 has 28 days"),
    ('"2024-13"', "'2024-13' has no month 13"),
    ('"0000"', "'0000' is not a date: there is no year 0"),
    ('"24-01-01"', "'24-01-01' is not a date (use YYYY, YYYY-MM or YYYY-MM-DD)"),
    ('" 2024"', "' 2024' is not a date (use YYYY, YYYY-MM or YYYY-MM-DD)"),
    ('"２０２４"', "'２０２４' is not a date (use YYYY, YYYY-MM or YYYY-MM-DD)"),
])
def test_e016_impossible_dates(date, expected):
    networks = change(NETWORKS, 'period: {from: "2022-04"}', f"period: {{from: {date}}}")
    assert found(networks=networks) == [("n", 37, 20, "E016")]
    assert message(networks=networks) == expected


def test_e016_period_ending_before_it_starts():
    networks = change(NETWORKS, 'period: {from: "2022-04"}', 'period: {from: "2022-04", to: "2022-03"}')
    assert found(networks=networks) == [("n", 37, 35, "E016")]
    ok = change(NETWORKS, 'period: {from: "2022-04"}', 'period: {from: "2022-04-30", to: "2022-04"}')
    assert found(networks=ok) == []  # fuzzy ends are read generously


# --- E017 text and ids -----------------------------------------------------------------------------

def test_e017_ids_and_patterns():
    actors = change(ACTORS, "  - id: modalen\n", "  - id: Modalen\n")
    actors = change(actors, 'number: "4629"', 'number: "46 29"')
    actors = change(actors, "url: https://digirogaland.no/organisering/", "url: digirogaland.no")
    assert found(actors) == [("a", 9, 10, "E017"), ("a", 40, 9, "E017"), ("a", 46, 13, "E017")]


@pytest.mark.parametrize("character", ["\\x00", "\\x1b", "\\u200b", "\\u202e", "\\u2066",
                                       "\\x85", "\\u2028", "\\ufeff", "\\t", "\\n"])
def test_e017_invisible_and_control_characters_in_names(character):
    actors = change(ACTORS, "    name: KS\n", f'    name: "K{character}S"\n')
    assert found(actors) == [("a", 19, 11, "E017")]


@pytest.mark.parametrize("name", [
    "Team 👩\u200d⚕\ufe0f",  # health worker: woman, ZWJ, staff of Aesculapius, VS16
    "👨\u200d👩\u200d👧 familie",  # family: three people joined
    "🏳\ufe0f\u200d🌈 nettverk",  # rainbow flag: a selector before the joiner
    "👩🏽\u200d💻 and 🧑\u200d🤝\u200d🧑",  # a skin tone; two sequences in one name
    "❤\ufe0f\u200d🔥 ✔\ufe0f 🇳🇴 1\ufe0f\u20e3"])
def test_emoji_sequences_are_text(name):
    """A zero-width joiner inside an emoji sequence is part of the emoji (UTS #51)."""
    actors = change(ACTORS, "    name: KS\n", f'    name: "{name}"\n')
    assert found(actors) == []
    networks = change(NETWORKS, "name: Digi Vestland – faggruppe for e-helse",
                      f'name: "{name}"')
    assert found(networks=networks) == []


@pytest.mark.parametrize("name", [
    "K\\u200dS",  # between letters
    "\\u200d👩",  # before an emoji, with nothing before it
    "👩\\u200d",  # after an emoji, with nothing after it
    "👩\\u200d\\u200d⚕",  # two in a row
    "👩\\u200d\\u202e⚕",  # an override inside a sequence
    "👩\\u200d⚕ \\u202eevil",  # an override beside a valid sequence
    "Team \\u2066👩\\u200d⚕\\u2069"])  # isolates around one
def test_joiners_and_bidi_controls_outside_emoji_stay_refused(name):
    actors = change(ACTORS, "    name: KS\n", f'    name: "{name}"\n')
    assert found(actors) == [("a", 19, 11, "E017")]


def test_notes_may_hold_tabs_and_line_breaks_but_no_other_control():
    actors = change(ACTORS, "    name: KS\n", '    name: KS\n    note: "a\\tb\\nc"\n')
    assert found(actors) == []
    actors = change(ACTORS, "    name: KS\n", '    name: KS\n    note: "a\\x0bb"\n')
    assert found(actors) == [("a", 20, 11, "E017")]


def test_e017_lone_surrogate_through_the_pure_python_parser(monkeypatch):
    import yaml

    monkeypatch.delattr(yaml, "CSafeLoader", raising=False)
    actors = change(ACTORS, "    name: KS\n", '    name: "K\\ud800"\n')
    assert found(actors) == [("a", 19, 11, "E017")]
    assert message(actors) == "text holds a lone surrogate (an invalid character)"


# --- E018 sources ----------------------------------------------------------------------------------

def test_e018_every_record_needs_a_source():
    actors = change(ACTORS, "    country: \"NO\"\n    sources: [seed:000]\n  - id: vestland",
                    "    country: \"NO\"\n  - id: vestland")
    networks = change(NETWORKS, "    sources: [seed:000]\nroles:", "    sources: []\nroles:")
    assert found(actors, networks) == [("a", 18, 5, "E018"), ("n", 5, 14, "E018")]


# --- E019 limits -------------------------------------------------------------------------------------

def test_e019_record_limit_across_both_files():
    assert found(max_records=12) == []  # 8 records in actors.yaml, 4 in networks.yaml
    problems = run(max_records=11).problems
    assert [(p.file[0], p.line, p.column, p.code) for p in problems] == [("n", 25, 5, "E019")]


def test_e019_problem_limit_lists_the_first_problems_then_says_so():
    actors = ACTORS.replace("kind: municipality", "kind: kommune")
    assert [p.code for p in run(actors).problems] == ["E014", "E014", "W302"]
    problems = run(actors, max_problems=1).problems
    assert [(p.line, p.code) for p in problems] == [(32, "E014"), (42, "E019")]
    assert problems[-1].message == TOO_MANY_PROBLEMS


# --- warnings --------------------------------------------------------------------------------------

def test_w100_unknown_fields_with_suggestions():
    actors = change(ACTORS, "    name: KS\n", "    nmae: KS\n    name: KS\n")
    networks = change(NETWORKS, "coverage: {region: vestland}", "coverage: {regio: vestland}")
    problems = run(actors, networks).problems
    assert [(p.file[0], p.line, p.column, p.code) for p in problems] == [
        ("a", 19, 5, "W100"), ("n", 31, 15, "W302"), ("n", 31, 16, "W100")]
    assert problems[0].message == "unknown field 'nmae' (did you mean 'name'?)"
    assert problems[0].path == "actors[0].nmae"


def test_w101_values_other_yaml_tools_misread():
    actors = change(ACTORS, '    country: "NO"\n    sources: [seed:000]\n  - id: vestland',
                    '    country: NO\n    sources: [seed:000]\n  - id: vestland')
    actors = change(actors, 'number: "4601"', "number: 0150")
    actors = change(actors, "population: 397", "population: 0397")
    actors = change(actors, '"2024-01-01"', "2024-01-01")
    assert found(actors) == [("a", 22, 14, "W101"), ("a", 36, 13, "W101"), ("a", 38, 23, "W101"),
                             ("a", 47, 17, "W101")]
    messages = [p.message for p in run(actors).problems]
    assert messages[0] == "'NO' is read as the boolean false by other YAML tools; quote it: \"NO\""
    assert messages[1] == "'0150' is read as the number 104 by other YAML tools; quote it: \"0150\""
    assert messages[3] == "'0397' is read as text by other YAML tools; write 397"


def test_w101_free_keys_are_warned_once():
    actors = change(ACTORS, 'number: "4601"', 'number: "4601"\n    identifiers: {yes: "1"}')
    assert found(actors) == [("a", 37, 19, "W101")]


def test_w201_cadence_without_source_or_estimate():
    networks = change(NETWORKS, ", sources: [s7]}", "}")
    assert found(networks=networks) == [("n", 36, 9, "W201")]


def test_w301_and_w302_coverage():
    networks = change(NETWORKS, "coverage: {region: vestland}", "coverage: {region: vestland, count: 3}")
    assert found(networks=networks) == [("n", 31, 41, "W301")]
    networks = change(NETWORKS, "coverage: {region: vestland}", "coverage: {region: ks}")
    assert found(networks=networks) == [("n", 31, 15, "W302")]
    networks = change(NETWORKS, "coverage: {region: vestland}", "coverage: {count: 134}")
    assert found(networks=networks) == []


def test_coverage_selector_except_and_include():
    networks = change(NETWORKS, "coverage: {region: vestland}",
                      "coverage: {region: vestland, except: [modalen], include: [ks]}")
    validated = run(networks=networks)
    assert validated.problems == []
    assert validated.coverage["digi-vestland-ehelse"] == ("ks", "bergen")


# --- inputs ------------------------------------------------------------------------------------------

def test_resolve_inputs(tmp_path: Path):
    (tmp_path / "actors.yaml").write_text(ACTORS)
    (tmp_path / "networks.yaml").write_text(NETWORKS)
    (tmp_path / "other.yaml").write_text("schema_version: 1\n")
    both = [str(tmp_path / "actors.yaml"), str(tmp_path / "networks.yaml")]
    assert resolve_inputs([str(tmp_path)]) == both
    assert resolve_inputs([str(tmp_path / "networks.yaml")]) == both[::-1]
    assert resolve_inputs([str(tmp_path / "other.yaml")]) == [str(tmp_path / "other.yaml")]
    assert resolve_inputs([str(tmp_path), str(tmp_path / "actors.yaml")]) == both
    (tmp_path / "empty").mkdir()
    with pytest.raises(InputError, match=r"no actors\.yaml or networks\.yaml"):
        resolve_inputs([str(tmp_path / "empty")])


def test_files_in_different_folders_are_different_data_sets(tmp_path: Path):
    """What pre-commit passes: the changed files of every folder at once."""
    for name in ("a", "b"):
        (tmp_path / name).mkdir()
        (tmp_path / name / A).write_text(ACTORS)
        (tmp_path / name / N).write_text(NETWORKS)
    a, b = tmp_path / "a", tmp_path / "b"
    paths = [str(a / A), str(b / N), str(b / A)]
    assert group_inputs(paths) == [[str(a / A), str(a / N)], [str(b / N), str(b / A)]]
    files, problems = validate_sets(paths)
    assert problems == [] and len(files) == 4  # the same ids in a and b are no duplicates
    # Within one folder a duplicate is still one; a broken folder leaves the other alone.
    (b / N).write_text(NETWORKS + "actors:\n  - {id: ks, name: K, kind: association, "
                       "level: national, country: \"NO\", sources: [seed:000]}\n")
    (a / A).write_text("schema_version: 1\nsources: [\n")
    files, problems = validate_sets(paths)
    assert [(Path(p.file).parent.name, p.code) for p in problems] == [
        ("a", "E001"), ("a", "E012"), ("b", "E015")]


def test_the_problem_limit_counts_every_data_set(tmp_path: Path):
    for name in ("a", "b"):
        (tmp_path / name).mkdir()
        (tmp_path / name / A).write_text(change(ACTORS, "kind: county", "kind: fylke"))
        (tmp_path / name / N).write_text(NETWORKS)
    _, problems = validate_sets([str(tmp_path / "a"), str(tmp_path / "b")], Limits(max_problems=1))
    assert [p.code for p in problems] == ["E014", "E019"]
    assert problems[-1].message == TOO_MANY_PROBLEMS


def test_validate_files_equals_validate_data(tmp_path: Path):
    actors = change(ACTORS, "    kind: association\n", "    kind: asociation\n")
    (tmp_path / "actors.yaml").write_text(actors)
    (tmp_path / "networks.yaml").write_text(NETWORKS)
    on_disk = validate_files([str(tmp_path / "actors.yaml"), str(tmp_path / "networks.yaml")])
    in_memory = run(actors)
    assert [(p.line, p.column, p.code, p.message) for p in on_disk.problems] == [
        (p.line, p.column, p.code, p.message) for p in in_memory.problems]


def test_check_tree_stops_at_the_problem_limit():
    from ehelse_map.load.check_file import _Checker, check_tree
    from ehelse_map.load.spec import ACTOR, List
    from ehelse_map.load.yaml_tree import parse

    root, _ = parse("- {id: A}\n- {id: B}\n- {id: C}\n", "f.yaml")
    checked = check_tree(List(ACTOR), root, "f.yaml", max_problems=2)
    assert checked.stopped
    assert [(p.line, p.column, p.code) for p in checked.problems] == [
        (1, 8, "E017"), (1, 3, "E011"), (1, 3, "E019")]
    assert checked.problems[-1].message == TOO_MANY_PROBLEMS
    # Walking with a bare checker (as scenario files do) never raises; it stops storing.
    checker = _Checker("f.yaml", 2)
    checker.walk(List(ACTOR), root, "")
    assert len(checker.out.problems) == 3 and checker.out.stopped


def test_an_unreadable_file_gives_no_unknown_cadence_warnings_either(run_cli, tmp_path):
    """The bundled networks estimate their cadences with assumptions kept in actors.yaml; when
    that file cannot be read, the estimates are not 57 'cadence unknown' warnings (W202) but
    part of the one E012 that says what was not checked."""
    from pathlib import Path

    data = Path(__file__).resolve().parents[1] / "data"
    for name in ("actors.yaml", "networks.yaml"):
        (tmp_path / name).write_bytes((data / name).read_bytes())
    actors = tmp_path / "actors.yaml"
    actors.write_text(actors.read_text(encoding="utf-8").replace("sources:", "sources: [", 1),
                      encoding="utf-8")
    result = run_cli(["validate", str(tmp_path)])
    codes = [line.split("[")[1].split("]")[0] for line in result.stdout.splitlines()
             if "error[" in line or "warning[" in line]
    assert codes == ["E001", "E012"], result.stdout
