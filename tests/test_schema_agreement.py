"""One declaration (`load/spec.py`) drives `validate` and the JSON Schema editors use: every
case of the bad-input catalogue (tests/bad_inputs) and the shipped data go through both, and
where the schema can judge, the verdicts must agree, file by file.

The two sides:

- validate: `ehelse-map validate --strict --format json` on the case, as the pre-commit hook
  and CI run it. A file is invalid when any problem points into it (with --strict a warning
  fails as an error does).
- the schema: `ehelse-map schema`, applied with `jsonschema` to each file as a YAML 1.2 reader
  loads it — the reading of yaml-language-server and check-jsonschema: strings stay strings
  (`NO`, `yes`, `2024-01-01` unquoted are text; no timestamps, no YAML 1.1 booleans or
  octals), plain numbers are numbers. A file that reader cannot load at all (bad bytes, a
  syntax error, a second document, a NUL byte) is invalid for the schema side as well, as
  check-jsonschema reports it.

What only validate can see — a schema judges one file's data, after the YAML reader is done
with the text — is listed in EXCLUDED, case by case, with the class it belongs to:

- references between records (E012: an id that exists in neither file);
- duplicates (E015: an id defined twice, a key given twice — the reader keeps one value);
- periods and other rules across fields or records (E016 period order, W30x coverage);
- the YAML text itself: anchors, aliases and merge keys (the reader expands them), the
  encoding (YAML allows UTF-16, the format asks for UTF-8), and how YAML 1.1 tools would
  misread a plain scalar (W101: the schema sees one reading);
- limits set on the command line (--max-depth 2, --max-bytes 1000, --max-records 3,
  --max-problems 5, after which validate stops listing);
- I/O errors (exit 2: a missing file, a directory, a FIFO, an unreadable file): no data.
"""

from __future__ import annotations

import json
import math
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from ehelse_map.load.json_schema import json_schema
from ehelse_map.load.spec import FILE as FILE_SPEC
from ehelse_map.load.spec import RECORD_LISTS

jsonschema = pytest.importorskip("jsonschema", reason="jsonschema is in the test extra")

ROOT = Path(__file__).resolve().parents[1]
CASES_DIR = ROOT / "tests" / "bad_inputs"
CASES = sorted(p.name for p in CASES_DIR.iterdir() if p.is_dir())
SHIPPED = "shipped data"

REFERENCES = "references: an id defined in neither file (E012)"
DUPLICATES = "duplicates: the YAML reader keeps one of two values (E003) or ids (E015)"
PERIODS = "periods and rules across fields (E016 period order, W30x coverage)"
YAML_TEXT = "the YAML text: anchors, aliases, merge keys, encoding; YAML 1.1 readings (W101)"
LIMITS = "a limit set on the command line"
IO = "I/O error (exit 2): there is no data to judge"

#: Cases the schema cannot judge, and why. Every other case must agree file by file.
EXCLUDED: dict[str, str] = {
    "anchors-aliases": YAML_TEXT,        # the reader expands &src/*src; validate refuses them
    "billion-laughs": YAML_TEXT,         # and expanding these would take forever
    "utf16-file": YAML_TEXT,             # YAML allows UTF-16; the format asks for UTF-8
    "max-problems-option": LIMITS,       # --max-problems 5: validate stops listing
    "deep-limit-option": LIMITS,         # --max-depth 2
    "size-cap-option": LIMITS,           # --max-bytes 1000
    "max-records-option": LIMITS,        # --max-records 3
    "directory-as-data-file": IO,
    "directory-given": IO,
    "fifo": IO,
    "missing-file": IO,
    "unreadable-file": IO,
    "duplicate-id-across-files": DUPLICATES,
    "duplicate-key": DUPLICATES,
    "unknown-reference": REFERENCES,
    "observations-mismatch": REFERENCES,  # an answer about a network that does not reach it
    "syntax-error-suppresses-references": REFERENCES,  # the E012 line in networks.yaml
    "impossible-date": PERIODS,          # a period ending before it starts, and a W101
    "yaml11-booleans": YAML_TEXT,        # NO, on, Yes: text to YAML 1.2, booleans to 1.1
    "yaml11-numbers": YAML_TEXT,         # 0150, 1:20: one reading each side
    "strict-warnings": YAML_TEXT,        # country: NO under --strict
}


class Yaml12Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """PyYAML's safe loader (on libyaml, which refuses what is not Unicode, such as a lone
    surrogate) with the YAML 1.2 core schema's implicit types only: null, true/false,
    decimal/0o/0x integers and floats. Everything else stays a string."""


Yaml12Loader.yaml_implicit_resolvers = {}
for _tag, _pattern, _first in (
        ("null", r"^(?:~|null|Null|NULL|)$", "~nN"),
        ("bool", r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF"),
        ("int", r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$", "-+0123456789"),
        ("float", r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
                  r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$", "-+.0123456789")):
    Yaml12Loader.add_implicit_resolver(f"tag:yaml.org,2002:{_tag}", re.compile(_pattern),
                                       [*_first, ""] if _tag == "null" else list(_first))


def _int12(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> int:
    text = loader.construct_scalar(node)
    if text.startswith(("0o", "0x")):
        return int(text[2:], 8 if text[1] == "o" else 16)
    return int(text, 10)


def _float12(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> float:
    text = loader.construct_scalar(node).lower()
    if text.endswith(".inf"):
        return -math.inf if text.startswith("-") else math.inf
    return math.nan if text == ".nan" else float(text)


def _bool12(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> bool:
    return loader.construct_scalar(node).lower() == "true"


Yaml12Loader.add_constructor("tag:yaml.org,2002:int", _int12)
Yaml12Loader.add_constructor("tag:yaml.org,2002:float", _float12)
Yaml12Loader.add_constructor("tag:yaml.org,2002:bool", _bool12)


def test_the_yaml_12_reading():
    text = "a: NO\nb: 0150\nc: 2024-01-01\nd: yes\ne: 1:20\nf: 0x1F\ng: 1.10\nh: ~\ni: true\n"
    assert yaml.load(text, Loader=Yaml12Loader) == {
        "a": "NO", "b": 150, "c": "2024-01-01", "d": "yes", "e": "1:20", "f": 31, "g": 1.1,
        "h": None, "i": True}


#: Verdicts are compared per record (`actors[3]`), or per top-level key for what is not in a
#: list of records (`staffing`, `dataset`); a problem validate finds in the YAML text itself
#: (path "": a syntax error, an alias, a tag) is compared per file.
FILE = ("<file>",)


def _unit(parts: list[Any]) -> tuple[Any, ...]:
    """The record or top-level key a JSON path (from jsonschema) is in."""
    if not parts:
        return FILE
    if parts[0] in RECORD_LISTS and len(parts) > 1 and isinstance(parts[1], int):
        return tuple(parts[:2])
    return (parts[0],)


def _path_unit(path: str) -> tuple[Any, ...]:
    """The same for validate's data paths: `actors[2].labels.en` -> ("actors", 2); a key that
    is not the format's (an unknown field at the top) is its own unit, dots and all."""
    if not path:
        return FILE
    record = re.match(r"([a-z_]+)\[(\d+)\]", path)
    if record and record.group(1) in RECORD_LISTS:
        return (record.group(1), int(record.group(2)))
    head = re.match(r"[a-z_]+(?=$|[.\[])", path)
    if head and head.group() in FILE_SPEC.fields:
        return (head.group(),)
    return (path,)


def schema_units(path: Path) -> dict[tuple[Any, ...], list[str]]:
    """{unit: why} for everything the schema refuses in the file ({} when it accepts it); a
    file the YAML reader cannot load is refused as a whole with the reader's message."""
    validator = jsonschema.Draft202012Validator(json_schema("data"))
    try:
        data = yaml.load(path.read_bytes(), Loader=Yaml12Loader)
    except (yaml.YAMLError, RecursionError, ValueError) as error:
        return {FILE: [f"YAML: {str(error).splitlines()[0]}"]}
    found: dict[tuple[Any, ...], list[str]] = {}
    for error in (leaf for top in validator.iter_errors(data) for leaf in _leaves(top)):
        parts = list(error.absolute_path)
        units = [_unit(parts)]
        if not parts and error.validator == "additionalProperties" and isinstance(data, dict):
            units = [(key,) for key in data if key not in error.schema["properties"]]
        for unit in units:
            found.setdefault(unit, []).append(error.message[:160])
    return found


def _leaves(error: Any) -> Any:
    """The errors inside an `anyOf` (a field that may be null, a value of several shapes) in
    the branches whose type fits the value: where the schema really objects."""
    if error.validator in ("anyOf", "oneOf") and error.context:
        branches: dict[Any, list[Any]] = {}
        for sub in error.context:
            branches.setdefault(sub.relative_schema_path[0], []).append(sub)
        fitting = [subs for subs in branches.values()
                   if not any(e.validator == "type" and not e.relative_path for e in subs)]
        if fitting:
            for subs in fitting:
                for sub in subs:
                    yield from _leaves(sub)
            return
    yield error


def validate_units(problems: list[dict[str, Any]]) -> dict[tuple[Any, ...], list[str]]:
    found: dict[tuple[Any, ...], list[str]] = {}
    for problem in problems:
        unit = _path_unit(problem["path"])
        found.setdefault(unit, []).append(f"{problem['code']} {problem['message']}"[:160])
    return found


def validate_run(run_cli, folder: Path, args: list[str]) -> tuple[int, dict[str, list[dict]]]:
    """(exit code, {file: problems}) of `validate --strict --format json` in `folder`."""
    import os

    here = os.getcwd()
    os.chdir(folder)
    try:
        result = run_cli(["validate", "--strict", "--format", "json", *args])
    finally:
        os.chdir(here)
    if result.exit_code == 2:
        return 2, {}
    payload = json.loads(result.stdout)
    found: dict[str, list[dict]] = {name: [] for name in payload["files"]}
    for problem in payload["problems"]:
        found.setdefault(problem["file"], []).append(problem)
    return result.exit_code, found


def disagreements(folder: Path, by_file: dict[str, list[dict]]) -> list[str]:
    """Where validate and the schema judge a file, record or key differently."""
    found = []
    for file, problems in by_file.items():
        theirs = schema_units(folder / file)
        ours = validate_units(problems)
        if FILE in ours or FILE in theirs:  # judged as a whole: valid or not
            if bool(ours) != bool(theirs):
                found.append(f"{file}: validate {ours or 'valid'}; schema {theirs or 'valid'}")
            continue
        for unit in sorted(set(ours) ^ set(theirs), key=str):
            found.append(f"{file} {unit}: validate {ours.get(unit, 'valid')}; "
                         f"schema {theirs.get(unit, 'valid')}")
    return found


def _case(name: str, tmp_path: Path) -> tuple[Path, list[str]]:
    """The case copied to `tmp_path` (made inputs made), and validate's arguments."""
    if name == SHIPPED:
        return ROOT / "data", ["actors.yaml", "networks.yaml"]
    from test_bad_inputs import GENERATED  # the catalogue's own generators

    folder = tmp_path / name
    shutil.copytree(CASES_DIR / name, folder, ignore=shutil.ignore_patterns("expected.txt",
                                                                            ".gitkeep"))
    if name in GENERATED:
        GENERATED[name](folder)
    args_file = folder / "args.txt"
    if args_file.exists():
        args = shlex.split(args_file.read_text(encoding="utf-8"))
    else:
        args = sorted(p.name for p in folder.iterdir() if p.suffix == ".yaml")
    return folder, args


def test_every_exclusion_names_a_case_and_a_reason():
    assert set(EXCLUDED) <= set(CASES), set(EXCLUDED) - set(CASES)
    assert all(reason for reason in EXCLUDED.values())


@pytest.mark.parametrize("name", [SHIPPED, *(c for c in CASES if c not in EXCLUDED)])
def test_schema_and_validate_agree(name, tmp_path, run_cli):
    folder, args = _case(name, tmp_path)
    code, by_file = validate_run(run_cli, folder, args)
    assert code != 2, f"{name}: an I/O error; list it in EXCLUDED"
    assert by_file, name
    assert not (found := disagreements(folder, by_file)), "\n".join(found)


# --- the patterns, character by character and day by day ----------------------------------------

def _engines(pattern: str) -> list[Any]:
    """`pattern` in Python's `re` (jsonschema) and, where installed, in ECMA-262 through
    regress (check-jsonschema's engine): both must read it the same way."""
    engines: list[Any] = [lambda text, compiled=re.compile(pattern): compiled.search(text)]
    try:
        import regress
    except ImportError:
        return engines
    compiled_ecma = regress.Regex(pattern)
    return [*engines, lambda text: compiled_ecma.find(text)]


def _text_schema(name: str) -> dict[str, Any]:
    actor = json_schema("data")["properties"]["actors"]["anyOf"][0]["items"]["properties"]
    return actor[name]["anyOf"][0] if "anyOf" in actor[name] else actor[name]  # name is required


@pytest.mark.parametrize("field, long", [("name", False), ("note", True)])
def test_text_patterns_refuse_exactly_what_validate_refuses(field, long):
    from ehelse_map.load.check_file import _BAD_LONG_TEXT, _BAD_TEXT

    bad = _BAD_LONG_TEXT if long else _BAD_TEXT
    engines = _engines(_text_schema(field)["pattern"])
    for code in [*range(0x0000, 0x3000), 0xfeff, 0xfffd, 0x1f600]:
        if 0xd800 <= code <= 0xdfff:
            continue
        text = f"a{chr(code)}b"
        expected = bad.search(text) is None
        for engine in engines:
            assert (engine(text) is not None) == expected, (field, hex(code))
    for engine in engines:
        assert engine("") is None and engine("  \t ") is None, "empty and blank are refused"


def test_web_addresses_refuse_invisible_characters():
    engines = _engines(_text_schema("url")["pattern"])
    for engine in engines:
        assert engine("https://example.org/a")
        assert engine("https://example.org/\u200ba") is None
        assert engine("www.example.org") is None


def test_the_date_pattern_takes_the_days_validate_takes():
    from ehelse_map.fuzzydate import FuzzyDate, FuzzyDateError
    from ehelse_map.load.json_schema import DATE_PATTERN

    texts = ["2024-1", "24", "20240", "2024-01-01T00", " 2024", "2024-00", "abcd", ""]
    for year in (0, 1, 4, 100, 400, 1900, 2000, 2023, 2024, 2100, 2400, 9999):
        texts.append(f"{year:04d}")
        for month in range(14):
            texts.append(f"{year:04d}-{month:02d}")
            texts += [f"{year:04d}-{month:02d}-{day:02d}" for day in range(33)]
    engines = _engines(DATE_PATTERN)
    for text in texts:
        try:
            FuzzyDate.parse(text)
            expected = True
        except FuzzyDateError:
            expected = False
        for engine in engines:
            assert (engine(text) is not None) == expected, text


def test_check_jsonschema_accepts_the_shipped_data_with_the_generated_schemas(tmp_path, run_cli):
    """What the yaml-language-server modeline in docs/data-format.md gives an editor, checked
    from the command line: each shipped file against the schema `ehelse-map schema` writes."""
    cli = shutil.which("check-jsonschema") or str(Path(sys.executable).parent / "check-jsonschema")
    if not Path(cli).exists():
        pytest.skip("check-jsonschema is not installed (it is in the test extra)")
    for name in ("data", "actors", "networks"):
        (tmp_path / f"{name}.schema.json").write_text(
            run_cli(["schema", "--file", name]).stdout, encoding="utf-8")
    data = ROOT / "data"
    runs = [("data", [data / "actors.yaml", data / "networks.yaml"]),
            ("actors", [data / "actors.yaml"]), ("networks", [data / "networks.yaml"])]
    for schema, files in runs:
        result = subprocess.run([cli, "--schemafile", str(tmp_path / f"{schema}.schema.json"),
                                 *map(str, files)], capture_output=True, text=True, timeout=120)
        assert result.returncode == 0, result.stdout + result.stderr
    broken = tmp_path / "actors.yaml"
    broken.write_text((data / "actors.yaml").read_text(encoding="utf-8")
                      .replace("kind: association", "kind: asociation", 1), encoding="utf-8")
    result = subprocess.run([cli, "--schemafile", str(tmp_path / "actors.schema.json"),
                             str(broken)], capture_output=True, text=True, timeout=120)
    assert result.returncode == 1 and "asociation" in result.stdout
