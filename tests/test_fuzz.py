"""Fuzzing the whole load-and-validate path: whatever the bytes, only Problem values come out.

Four generators: a token soup of YAML punctuation and the known hazards; random bytes;
well-formed YAML documents built from the format's own field names with hazardous values; and
single mutations of the valid minimal data set, each of which must give its own problem code.

CI runs a bounded number of examples per test (EHELSE_FUZZ_EXAMPLES, default 150);
`python bench/fuzz.py --examples 20000` runs many more. Every crash found is kept below as an
`@example`, so it is replayed on every run.
"""

from __future__ import annotations

import contextlib
import copy
import json
import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from ehelse_map.fuzzydate import FuzzyDate, FuzzyDateError
from ehelse_map.load.check_set import Validated, validate_data
from ehelse_map.load.limits import Limits
from ehelse_map.load.spec import FILE, Date, Dict, List, Obj, Quantity, Ref, Shapes, Vocab
from ehelse_map.problems import CODES, Problem, Report
from ehelse_map.render.problems import render_github, render_json, render_text

pytestmark = pytest.mark.slow

MINIMAL = Path(__file__).parent / "fixtures" / "minimal"

FUZZ = settings(
    max_examples=int(os.environ.get("EHELSE_FUZZ_EXAMPLES", "150")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

# Small limits so that the limit paths are fuzzed too, without slow examples.
LIMITS = Limits(max_bytes=200_000, max_depth=20, max_records=300, max_problems=200)


def check_outcome(validated: Validated) -> None:
    """Only well-formed Problem values, and every renderer keeps one problem to one line."""
    assert isinstance(validated, Validated)
    for problem in validated.problems:
        assert type(problem) is Problem
        assert problem.code in CODES, problem
        assert problem.line >= 1 and problem.column >= 1, problem
        assert problem.message, problem
    report = Report(tuple(validated.problems), tuple(validated.files))
    text = render_text(report)
    text.encode("utf-8")  # no lone surrogate may reach the output
    assert text.count("\n") == len(report.problems)
    assert all(re.match(r"[^:]+:\d+:\d+: (error|warning)\[[EW]\d{3}\] ", line)
               for line in text.splitlines())
    github = render_github(report)
    github.encode("utf-8")
    assert github.count("\n") == len(report.problems)
    assert all(line.startswith(("::error file=", "::warning file="))
               for line in github.splitlines())
    payload = json.loads(render_json(report))
    assert len(payload["problems"]) == len(report.problems)
    render_json(report).encode("utf-8")
    assert len(validated.problems) <= LIMITS.max_problems + 1


def run(*files: tuple[str, bytes], parser: str = "c") -> Validated:
    with yaml_parser(parser):
        validated = validate_data(list(files), LIMITS)
    check_outcome(validated)
    return validated


@contextlib.contextmanager
def yaml_parser(kind: str) -> Iterator[None]:
    """libyaml's parser ("c", the one normally used) or PyYAML's pure-Python one, which the
    loader falls back on when libyaml is missing and which lets more through (lone surrogates)."""
    saved = getattr(yaml, "CSafeLoader", None)
    if kind == "python" and saved is not None:
        del yaml.CSafeLoader
    try:
        yield
    finally:
        if kind == "python" and saved is not None:
            yaml.CSafeLoader = saved


# --- token soup ----------------------------------------------------------------------------------

TOKENS = (
    "[", "]", "{", "}", ",", ":", ": ", "- ", "? ", "&a ", "*a", "*a ", "&b [", "!!str ", "!x ",
    "!!python/object/apply:os.system ", "!<tag:yaml.org,2002:int> ", "|", "|-\n", ">", "'", '"',
    "''", '""', "#", " # c", "%YAML 1.1\n", "%TAG ! tag:x,1:\n", "---\n", "--- ", "...\n", "\n",
    "\r\n", "\r", "  ", "    ", "\t", "\\", "\\ud800", "\\udfff", "\\x00", "\\u202e", "\\U0010ffff",
    "\\N", "\\", "\x00", "\x01", "\x1b[31m", "\x7f", "\x85", "\u2028", "\u2029", "\u202e",
    "\u200b", "\u2066", "\ufeff", "\ud800", "\U0001f600", "ø", "NO", "no", "on", "yes", "y",
    "~", "null", "0150", "923609016", "1.10", "1:20", "0x1F", ".inf", ".nan", "1e3", "2024-02-30",
    "2024-01-01", "0000", "<<", "<<: ", "schema_version", "schema_version: 1\n", "actors",
    "networks", "sources", "assumptions", "areas", "roles", "staffing", "id", "name", "kind",
    "level", "country", "region", "coverage", "targets", "period", "from", "to", "labels", "en",
    "persons", "rules", "overrides", "seed:000", "bergen", "municipality", "local",
)

SOUP_PREFIXES = ("", "schema_version: 1\n", "schema_version: 1\nactors:\n  - ",
                 "schema_version: 1\nnetworks:\n  - id: n\n    ",
                 "schema_version: 1\nstaffing:\n  ")


@st.composite
def token_soup(draw: st.DrawFn) -> bytes:
    prefix = draw(st.sampled_from(SOUP_PREFIXES))
    pieces = draw(st.lists(st.one_of(st.sampled_from(TOKENS), st.text(max_size=4)), max_size=60))
    return (prefix + "".join(pieces)).encode("utf-8", "surrogatepass")


PARSERS = st.sampled_from(["c", "python"])


@FUZZ
@given(token_soup(), PARSERS)
@example(b"a: *a\n", "c")
@example(b"*a : 1\n", "c")
@example(b"? - x\n: y\n", "c")
@example(b"schema_version: 1\nactors:\n  - period: {from: '0000'}\n", "c")
@example(b'schema_version: 1\nsources: [{id: "\\ud800", title: "\\udfff"}]\n', "c")
@example("schema_version: 1\n\"\ud800\": 1\n".encode("utf-8", "surrogatepass"), "c")
# Found by fuzzing the first loader: year 0 crashed the period check (ValueError from date()).
@example(b'schema_version: 1\nactors:\n  - {id: a, period: {from: "0000", to: "0001"}}\n', "c")
# Found by fuzzing the first loader: a key holding a line break forged a second output line.
@example(b"schema_version: 1\n\"a\\n::error file=x::pwned\": 1\n", "c")
@example(b"assumption:\n  ? ''\n  : {except: x, ? 'x\n\n      y' : ''}\n", "c")
@example(b"schema_version: 1\nnetworks:\n  - id: n\n    coverage: {region: [x]}\n", "c")
@example(b"schema_version: 1\nstaffing:\n  overrides: {~: 1, x: [[1]]}\n", "c")
def test_token_soup_gives_only_problems(data: bytes, parser: str) -> None:
    run(("actors.yaml", data), parser=parser)


# --- random bytes --------------------------------------------------------------------------------

@FUZZ
@given(st.binary(max_size=400), PARSERS)
@example(b"\xff\xfe\x00\x00", "c")
@example(b"\xef\xbb\xbf", "c")
@example(b"\xef\xbb\xbf\xef\xbb\xbf", "c")
@example(b"\xfe\xff\x00a", "c")
def test_random_bytes_give_only_problems(data: bytes, parser: str) -> None:
    run(("actors.yaml", data), parser=parser)


# --- well-formed documents with hazardous values -----------------------------------------------

HAZARDS = ("NO", "no", "on", "yes", "0150", "923609016", "1.10", "1:20", "2024-02-30", "0000",
           "2024-13", "", " ", "~", "\x00", "a\u200bb", "\u202e", "x\ny", "%0A::error::", "é",
           "seed:000", "bergen", "vestland", "ks", "legemiddel", "helseleiar", "cadence-estimate",
           "municipality", "local", "NO", "network", "coordination", "en", "2022-04", "-1", "1e400")

def _field_names(spec: Any, out: set[str]) -> set[str]:
    if isinstance(spec, Obj):
        for name, sub in spec.fields.items():
            out.add(name)
            _field_names(sub, out)
    elif isinstance(spec, List):
        _field_names(spec.item, out)
    elif isinstance(spec, Shapes):
        for shape in (spec.scalar, spec.list, spec.mapping):
            if shape is not None:
                _field_names(shape, out)
    elif isinstance(spec, Quantity):
        _field_names(spec.mapping, out)
    return out


NAMES = sorted(_field_names(FILE, set()))
SCALARS = st.one_of(st.sampled_from(HAZARDS), st.integers(-3, 10**12), st.floats(allow_nan=True),
                    st.booleans(), st.none(), st.text(max_size=6))


def documents(depth: int = 4) -> st.SearchStrategy[Any]:
    keys = st.one_of(st.sampled_from(NAMES), st.sampled_from(HAZARDS), st.integers(0, 3))
    return st.recursive(SCALARS, lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(keys, inner, max_size=6)), max_leaves=40)


@st.composite
def yaml_documents(draw: st.DrawFn) -> bytes:
    top = draw(st.dictionaries(st.sampled_from([*NAMES, "schema_version"]), documents(),
                               max_size=5))
    if draw(st.booleans()):
        top["schema_version"] = draw(st.sampled_from([1, "1", 2, None, [1]]))
    style = draw(st.sampled_from([None, False, True]))
    text = yaml.safe_dump(top, default_flow_style=style, allow_unicode=draw(st.booleans()),
                          sort_keys=False)
    return text.encode("utf-8", "surrogatepass")


@FUZZ
@given(yaml_documents(), yaml_documents())
def test_wellformed_documents_give_only_problems(actors: bytes, networks: bytes) -> None:
    run(("actors.yaml", actors), ("networks.yaml", networks))


# --- mutations of the valid minimal data set ----------------------------------------------------

def minimal() -> dict[str, dict[str, Any]]:
    return {name: yaml.safe_load((MINIMAL / name).read_text(encoding="utf-8"))
            for name in ("actors.yaml", "networks.yaml")}


BASE = minimal()

#: (file, top-level list, field) of every required field of a record in the minimal data set.
REQUIRED = [(file, key, name) for file, doc in BASE.items() for key, records in doc.items()
            if isinstance(records, list) for name in FILE.fields[key].item.required
            if all(name in r for r in records)]
#: (file, list, index, field) of every reference-holding field with a single id.
REFERENCES = [(file, key, i, name) for file, doc in BASE.items() for key, records in doc.items()
              if isinstance(records, list) for i, record in enumerate(records)
              for name, value in record.items()
              if isinstance(FILE.fields[key].item.fields.get(name), Ref) and isinstance(value, str)]
#: (file, list, index, field) of every field whose value could have another type.
FIELDS = [(file, key, i, name) for file, doc in BASE.items() for key, records in doc.items()
          if isinstance(records, list) for i, record in enumerate(records) for name in record]
ID_LISTS = [(file, key) for file, doc in BASE.items() for key, records in doc.items()
            if isinstance(records, list) and len(records) >= 2]


def dump(docs: dict[str, dict[str, Any]]) -> list[tuple[str, bytes]]:
    return [(name, yaml.safe_dump(doc, allow_unicode=True, sort_keys=False).encode("utf-8"))
            for name, doc in docs.items()]


def codes(validated: Validated) -> set[str]:
    return {p.code for p in validated.problems}


def test_minimal_data_set_dumped_again_is_valid() -> None:
    validated = run(*dump(BASE))
    assert not validated.has_errors, validated.problems


@FUZZ
@given(st.sampled_from(REQUIRED), st.data())
def test_dropping_a_required_field_gives_e011(where, data) -> None:
    file, key, name = where
    docs = copy.deepcopy(BASE)
    records = docs[file][key]
    index = data.draw(st.integers(0, len(records) - 1))
    del records[index][name]
    expected = "E018" if name == "sources" else "E011"
    assert expected in codes(run(*dump(docs)))


@FUZZ
@given(st.sampled_from(ID_LISTS), st.data())
def test_duplicating_an_id_gives_e015(where, data) -> None:
    file, key = where
    docs = copy.deepcopy(BASE)
    records = docs[file][key]
    one, two = data.draw(st.lists(st.integers(0, len(records) - 1), min_size=2, max_size=2,
                                  unique=True))
    records[two]["id"] = records[one]["id"]
    assert "E015" in codes(run(*dump(docs)))


@FUZZ
@given(st.sampled_from(REFERENCES), st.from_regex(r"[a-z][a-z0-9-]{0,12}", fullmatch=True))
def test_breaking_a_reference_gives_e012(where, unknown: str) -> None:
    file, key, index, name = where
    docs = copy.deepcopy(BASE)
    known = {r["id"] for doc in docs.values() for v in doc.values() if isinstance(v, list)
             for r in v if isinstance(r, dict) and "id" in r}
    if unknown in known:
        unknown += "-x-unknown"
    docs[file][key][index][name] = unknown
    assert "E012" in codes(run(*dump(docs)))


def wrong_shapes(spec: Any) -> list[Any]:
    """Values of a shape the field's spec does not accept."""
    if isinstance(spec, List):
        return ["not-a-list", {"x": "y"}]
    if isinstance(spec, Shapes):
        return [shape for shape, allowed in (("a-single-value", spec.scalar),
                                              (["a-list"], spec.list),
                                              ({"a": "mapping"}, spec.mapping))
                if allowed is None] or [[["nested"]]]
    if isinstance(spec, Quantity):
        return [["x"]]
    if isinstance(spec, (Obj, Dict)):
        return ["not-a-mapping", ["x"]]
    return [["x"], {"x": "y"}]


@FUZZ
@given(st.sampled_from(FIELDS), st.integers(0, 1))
def test_changing_a_type_gives_e013(where, choice: int) -> None:
    file, key, index, name = where
    docs = copy.deepcopy(BASE)
    shapes = wrong_shapes(FILE.fields[key].item.fields[name])
    docs[file][key][index][name] = shapes[choice % len(shapes)]
    assert "E013" in codes(run(*dump(docs)))


@FUZZ
@given(st.sampled_from(FIELDS), st.integers(0, 3))
def test_misspelling_a_field_gives_w100_with_a_suggestion(where, position: int) -> None:
    file, key, index, name = where
    docs = copy.deepcopy(BASE)
    record = docs[file][key][index]
    typo = name[:position] + name[position + 1:] if len(name) > position else name + "x"
    if typo in record or typo == name:
        return
    record[typo] = record.pop(name)
    validated = run(*dump(docs))
    unknown = [p for p in validated.problems if p.code == "W100"]
    assert unknown and unknown[0].message.startswith(f"unknown field '{typo}'")


VOCAB_FIELDS = [(file, key, i, name) for file, key, i, name in FIELDS
                if isinstance(FILE.fields[key].item.fields.get(name), Vocab)]
DATE_FIELDS = [(file, key, i, name) for file, key, i, name in FIELDS
               if isinstance(FILE.fields[key].item.fields.get(name), Date)]
MUTATIONS = ["drop", "duplicate", "break", "retype", "vocab", "date", "unknown", "period"]
PERIOD_RECORDS = [(file, key, i) for file, doc in BASE.items() for key in ("actors", "networks")
                  if key in doc for i in range(len(doc[key]))]
PERIOD_ENDS = ["2020", "2021-04", "2024-02-29", "0001", "9999-12-31", "2019-12", "0000",
               "2023-02-29", "2024-13", "20240101"]


def bad_period(start: str, end: str) -> bool:
    """Whether a period from `start` to `end` must give E016."""
    try:
        first, last = (FuzzyDate.parse(start), FuzzyDate.parse(end))
    except FuzzyDateError:
        return True
    if first.year < 1 or last.year < 1:
        return True
    return (last.year, last.month or 12, last.day or 31) < (first.year, first.month or 1,
                                                            first.day or 1)


@FUZZ
@given(st.lists(st.tuples(st.sampled_from(MUTATIONS), st.integers(0, 10**6),
                          st.integers(0, 10**6)), min_size=1, max_size=6))
def test_several_mutations_each_give_their_code(steps) -> None:
    """Mutations on different records at once: each still yields its own problem code."""
    docs = copy.deepcopy(BASE)
    touched: set[tuple[str, str, int]] = set()
    expected: set[str] = set()

    def free(*records: tuple[str, str, int]) -> bool:
        if touched & set(records):
            return False
        touched.update(records)
        return True

    for kind, a, b in steps:
        if kind == "drop":
            file, key, name = REQUIRED[a % len(REQUIRED)]
            index = b % len(docs[file][key])
            if free((file, key, index)):
                del docs[file][key][index][name]
                expected.add("E018" if name == "sources" else "E011")
        elif kind == "duplicate":
            file, key = ID_LISTS[a % len(ID_LISTS)]
            size = len(docs[file][key])
            one, two = b % size, (b + 1 + a % (size - 1)) % size
            if free((file, key, one), (file, key, two)):
                docs[file][key][two]["id"] = docs[file][key][one]["id"]
                expected.add("E015")
        elif kind in ("break", "retype", "vocab", "date", "unknown"):
            pool = {"break": REFERENCES, "retype": FIELDS, "vocab": VOCAB_FIELDS,
                    "date": DATE_FIELDS, "unknown": FIELDS}[kind]
            file, key, index, name = pool[a % len(pool)]
            if not free((file, key, index)):
                continue
            record = docs[file][key][index]
            if kind == "break":
                record[name] = f"no-such-id-{b}"
                expected.add("E012")
            elif kind == "retype":
                shapes = wrong_shapes(FILE.fields[key].item.fields[name])
                record[name] = shapes[b % len(shapes)]
                expected.add("E013")
            elif kind == "vocab":
                record[name] = f"not-in-vocabulary-{b}"
                expected.add("E014")
            elif kind == "date":
                record[name] = ["2024-02-30", "2023-13", "0000", "24-1-1", "2024-00-10"][b % 5]
                expected.add("E016")
            else:
                record[f"{name}_{b % 7}x"] = "surplus"
                expected.add("W100")
        elif kind == "period":
            file, key, index = PERIOD_RECORDS[a % len(PERIOD_RECORDS)]
            if free((file, key, index)):
                start, end = PERIOD_ENDS[b % 10], PERIOD_ENDS[b // 10 % 10]
                docs[file][key][index]["period"] = {"from": start, "to": end}
                if bad_period(start, end):
                    expected.add("E016")
    found = codes(run(*dump(docs)))
    assert expected <= found, (steps, expected - found)


@pytest.mark.parametrize("parser", ["c", "python"])
@pytest.mark.parametrize("data", [
    b"a: *a\n", b'schema_version: 1\nsources: [{id: "\\ud800", title: "\\udfff"}]\n',
    b'schema_version: 1\n"\\ud800": 1\n', b"a: [" * 500, b"\t- x\n", b"a: 'x\n",
    b"%YAML 1.1\n%YAML 1.1\n---\n"])
def test_both_parsers_survive_the_hazards(data: bytes, parser: str) -> None:
    run(("actors.yaml", data), parser=parser)
