"""The strict YAML loader: node tree, positions, and the exact (line, column, code) of each
problem, yamllint style. Most tests run on both parsers: libyaml's and PyYAML's pure-Python
one, which the loader falls back on when libyaml is missing."""

from __future__ import annotations

import gc
import os
import textwrap
from pathlib import Path

import pytest
import yaml

from ehelse_map.load.files import InputError, Limits, decode, read_bytes, read_text
from ehelse_map.load.yaml11 import (
    misread,
    to_int,
    to_number,
    yaml11_number,
    yaml11_reading,
    yaml11_type,
)
from ehelse_map.load.yaml_tree import ALIAS, Mapping, Scalar, Sequence, parse
from ehelse_map.problems import TOO_MANY_PROBLEMS


@pytest.fixture(params=["c", "python"])
def parser(request, monkeypatch) -> str:
    if request.param == "python":
        monkeypatch.delattr(yaml, "CSafeLoader", raising=False)
    elif not hasattr(yaml, "CSafeLoader"):
        pytest.skip("libyaml is not installed")
    return request.param


def load(text: str, **limits: int):
    return parse(textwrap.dedent(text), "f.yaml", Limits(**limits))


def found(text: str, **limits: int) -> list[tuple[int, int, str]]:
    return [(p.line, p.column, p.code) for p in load(text, **limits)[1]]


def messages(text: str, **limits: int) -> list[str]:
    return [p.message for p in load(text, **limits)[1]]


# --- the tree --------------------------------------------------------------------------------------

def test_every_scalar_stays_text_with_its_position(parser):
    root, problems = load("""\
        country: NO
        number: 0150
        quoted: "0150"
        list: [yes, 1.10]
        """)
    assert isinstance(root, Mapping)
    country = root.items["country"]
    assert (country.value, country.line, country.column, country.plain) == ("NO", 1, 10, True)
    assert root.items["number"].value == "0150"
    assert root.items["quoted"].plain is False
    items = root.items["list"]
    assert isinstance(items, Sequence) and (items.line, items.column) == (4, 7)
    assert [(i.value, i.column) for i in items.items] == [("yes", 8), ("1.10", 13)]
    assert [(k.value, k.line, k.column) for k in root.keys] == [
        ("country", 1, 1), ("number", 2, 1), ("quoted", 3, 1), ("list", 4, 1)]
    assert problems == []


def test_block_scalars_and_nested_positions(parser):
    root, _ = load("""\
        actors:
          - id: a
            note: |
              two
              lines
        """)
    record = root.items["actors"].items[0]
    assert (record.line, record.column) == (2, 5)
    assert record.items["note"].value == "two\nlines\n"
    assert record.items["note"].plain is False


def test_columns_count_characters_not_bytes(parser):
    root, _ = load("ø: [æøå, x]\n😀: y\n")
    assert root.items["ø"].items[1].column == 10
    assert root.items["😀"].column == 4


@pytest.mark.parametrize("text", ["", "# only a comment\n", "---\n", "~\n", "null\n", "\n\n"])
def test_empty_documents(parser, text):
    root, problems = parse(text, "f.yaml")
    assert root is None
    assert [(p.line, p.column, p.code) for p in problems] == [(1, 1, "E010")]


# --- refused YAML features ----------------------------------------------------------------------

def test_duplicate_key_points_at_both_lines(parser):
    text = """\
        a: 1
        b:
          c: 2
          c: 3
        a: 4
        """
    assert found(text) == [(4, 3, "E003"), (5, 1, "E003")]
    assert messages(text)[1] == "duplicate key 'a' (first at line 1); the first value is used"
    assert load(text)[0].items["a"].value == "1"


def test_anchors_aliases_tags_and_merge_keys(parser):
    text = """\
        a: &x [1]
        b: *x
        c: !!str 1
        d: !!python/object/apply:os.system ["echo hi"]
        e:
          <<: *x
        *x : 1
        """
    assert found(text) == [(1, 4, "E002"), (2, 4, "E002"), (3, 4, "E002"), (4, 4, "E002"),
                           (6, 3, "E002"), (6, 7, "E002"), (7, 1, "E002")]
    assert messages(text)[3] == "explicit tag '!!python/object/apply:os.system' is not allowed"
    root = load(text)[0]
    assert root.items["b"].value == ALIAS and root.items["b"].plain
    assert root.items["e"].items == {}  # the merge entry is left out
    assert "*x" not in root.items and len(root.items) == 5


def test_billion_laughs_is_refused_while_streaming(parser):
    lines = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for previous, name in zip("abcdefgh", "bcdefghi", strict=False):
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{previous}"] * 9) + "]")
    root, problems = parse("\n".join(lines) + "\n", "f.yaml")
    assert len(problems) == 9 + 8 * 9  # one per anchor and per alias, nothing expanded
    assert len(root.items["i"].items) == 9


def test_keys_must_be_plain_names(parser):
    text = """\
        ~: a
        1: b
        -1.5: c
        [a]: d
        {a: 1}: e
        "": f
        yes: g
        "no": h
        ok: i
        """
    assert found(text) == [(1, 1, "E004"), (2, 1, "E004"), (3, 1, "E004"), (4, 1, "E004"),
                           (5, 1, "E004"), (6, 1, "E004"), (7, 1, "W101")]
    assert list(load(text)[0].items) == ["yes", "no", "ok"]


def test_a_repeated_key_is_checked_at_every_place_it_is_wrong(parser):
    """Keys repeat in every record, so a plain key accepted once is accepted again unchecked;
    one with a problem is checked, and reported, each time."""
    text = """\
        - yes: 1
          name: a
        - yes: 2
          name: b
        - ~: 3
        - ~: 4
        """
    assert found(text) == [(1, 3, "W101"), (3, 3, "W101"), (5, 3, "E004"), (6, 3, "E004")]
    records = load(text)[0].items
    assert [list(r.items) for r in records] == [["yes", "name"], ["yes", "name"], [], []]
    first, second = (r.keys[1].value for r in records[:2])
    assert first == second == "name" and first is second  # stored once


def test_a_second_document_stops_reading(parser):
    root, problems = load("a: 1\n---\nb: 2\n")
    assert root is None
    assert [(p.line, p.column, p.code) for p in problems] == [(2, 1, "E002")]


def test_explicit_first_document_marker_is_fine(parser):
    root, problems = load("---\na: 1\n...\n")
    assert problems == [] and root.items["a"].value == "1"


# --- limits ----------------------------------------------------------------------------------------

def test_depth_limit_is_exact(parser):
    assert found("a: [[x]]\n", max_depth=3) == []
    assert found("a: [[x]]\n", max_depth=2) == [(1, 5, "E001")]
    assert load("a: [[x]]\n", max_depth=2)[0] is None


def test_deep_brackets_cost_nothing(parser):
    root, problems = parse("[" * 100_000, "f.yaml")
    assert root is None
    assert [(p.line, p.column, p.code) for p in problems] == [(1, 65, "E001")]


def test_record_limit_counts_items_of_top_level_lists(parser):
    text = "actors: [a, b]\nnetworks: [c]\nother: {x: [1, 2, 3]}\n"
    assert found(text, max_records=3) == []
    assert found(text, max_records=2) == [(2, 12, "E019")]


def test_problem_limit_stops_reading(parser):
    root, problems = load("- *a\n- *b\n- *c\n- *d\n", max_problems=2)
    assert root is None
    assert [(p.line, p.column, p.code) for p in problems] == [
        (1, 3, "E002"), (2, 3, "E002"), (3, 3, "E019")]
    assert problems[-1].message == TOO_MANY_PROBLEMS


# --- syntax and reader errors ---------------------------------------------------------------------

def test_tab_indentation(parser):
    assert found("a:\n\t- x\n") == [(2, 1, "E001")]
    assert messages("a:\n\t- x\n") == ["YAML syntax: a tab character; indent with spaces, never tabs"]


def test_unclosed_bracket_names_where_it_opened(parser):
    problems = load("a: 1\nb: [x, y\n")[1]
    assert [(p.line, p.column, p.code) for p in problems] == [(3, 1, "E001")]
    assert problems[0].message.endswith("in the [ list that starts at line 2, column 4")


def test_unclosed_quote_names_where_it_opened(parser):
    problems = load('a: "text\nb: c\n')[1]
    assert [(p.line, p.column, p.code) for p in problems] == [(3, 1, "E001")]
    assert problems[0].message.endswith("in the quoted text that starts at line 1, column 4")


def test_colon_in_plain_value(parser):
    problems = load("a: b: c\n")[1]
    assert [(p.line, p.column, p.code) for p in problems] == [(1, 5, "E001")]
    assert "quote the value" in problems[0].message


def test_control_character_position_after_multibyte_text(parser):
    # libyaml reports the offset in bytes; the problem must still give the character column.
    problems = load('ø: "æ"\nb: a\x01\n')[1]
    assert [(p.line, p.column, p.code) for p in problems] == [(2, 5, "E001")]
    assert problems[0].message == "character U+0001 is not allowed in YAML"


def test_lone_surrogate_escape(parser):
    root, problems = load('a: "x \\ud800"\n')
    if parser == "c":  # libyaml refuses the escape itself
        assert [(p.line, p.column, p.code) for p in problems] == [(1, 9, "E001")]
    else:  # PyYAML lets it through; the checker refuses the text (see test_validate_rules)
        assert problems == [] and root.items["a"].value == "x \ud800"


# --- bytes and files -------------------------------------------------------------------------------

def test_decode_points_at_the_first_bad_byte():
    text, problems = decode("a: æ\nb: Troms".encode() + b"\xf8\n", "f.yaml")
    assert text is None
    assert [(p.line, p.column, p.code, p.message) for p in problems] == [
        (2, 9, "E001", "byte 0xf8 is not UTF-8 (save the file as UTF-8)")]


def test_decode_utf16_and_bom():
    assert decode("a: 1\n".encode("utf-16"), "f.yaml")[1][0].message == "file is UTF-16; save it as UTF-8"
    assert decode("\ufeffa: 1\n".encode(), "f.yaml") == ("a: 1\n", [])


def test_decode_size_cap():
    problems = decode(b"x" * 11, "f.yaml", Limits(max_bytes=10))[1]
    assert [(p.line, p.column, p.code) for p in problems] == [(1, 1, "E001")]
    assert problems[0].message == "file is 11 bytes; the limit is 10 (raise it with --max-bytes)"


def test_read_bytes_refuses_what_is_not_a_regular_file(tmp_path: Path):
    with pytest.raises(InputError, match="no such file"):
        read_bytes(str(tmp_path / "missing.yaml"), "missing.yaml", Limits())
    with pytest.raises(InputError, match="is a directory"):
        read_bytes(str(tmp_path), "dir", Limits())
    if hasattr(os, "mkfifo"):
        os.mkfifo(tmp_path / "fifo.yaml")
        with pytest.raises(InputError, match="not a regular file"):
            read_bytes(str(tmp_path / "fifo.yaml"), "fifo.yaml", Limits())


def test_read_bytes_does_not_read_a_file_over_the_cap(tmp_path: Path, monkeypatch):
    big = tmp_path / "big.yaml"
    with open(big, "wb") as handle:
        handle.truncate(1000)
    monkeypatch.setattr("builtins.open", lambda *a, **k: pytest.fail("opened a file over the cap"))
    data, problems = read_bytes(str(big), "big.yaml", Limits(max_bytes=999))
    assert data is None and problems[0].code == "E001"


def test_read_text(tmp_path: Path):
    (tmp_path / "a.yaml").write_bytes(b"a: 1\n")
    assert read_text(str(tmp_path / "a.yaml"), "a.yaml") == ("a: 1\n", [])


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads mode 000 files")
def test_unreadable_file(tmp_path: Path):
    path = tmp_path / "a.yaml"
    path.write_text("a: 1\n")
    path.chmod(0)
    with pytest.raises(InputError, match="cannot read"):
        read_bytes(str(path), "a.yaml", Limits())


def test_garbage_collection_is_restored_after_a_syntax_error():
    """The loader pauses the collector while it builds a tree (runtime.collector_paused)."""
    assert gc.isenabled()
    parse("[1, 2", "f.yaml")
    assert gc.isenabled()


def test_node_classes_are_small():
    assert not hasattr(Scalar("", 1, 1, True), "__dict__")
    assert not hasattr(Mapping(1, 1), "__dict__") and not hasattr(Sequence(1, 1), "__dict__")


# --- YAML 1.1 readings -----------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "kind", "reading"), [
    ("NO", "bool", "the boolean false"), ("on", "bool", "the boolean true"),
    ("y", "bool", "the boolean true"), ("0150", "int", "the number 104"),
    ("923609016", "int", "the number 923609016"), ("1.10", "float", "the number 1.1"),
    ("1:20", "int", "the number 80"), ("0x1F", "int", "the number 31"),
    ("0b101", "int", "the number 5"), ("-.inf", "float", "the number -infinity"),
    (".NaN", "float", "the number NaN"), ("2024-02-30", "timestamp", "a date"),
    ("1_000", "int", "the number 1000"), ("~", "null", None), ("", "null", None),
    ("1e3", None, None), ("09", None, None), ("Nordland", None, None), ("bergen", None, None),
])
def test_yaml11_readings(text, kind, reading):
    assert yaml11_type(text) == kind
    assert yaml11_reading(text) == reading
    assert misread(text) is (kind not in (None, "null"))


def test_numbers_are_decimal_here():
    assert to_int("0150") == 150 and yaml11_number("0150") == 104
    assert to_int("1_000") == 1000 and to_int("1.0") is None and to_int("") is None
    assert to_number("1.10") == 1.1 and to_number("1e3") == 1000.0 and yaml11_number("1e3") is None
    assert to_number(".") is None and to_number("-") is None and to_number("1:20") is None
