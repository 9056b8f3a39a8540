"""The plain-text table fits the terminal and wraps between words: ids are cut only when no
column has room left to give."""

from __future__ import annotations

from ehelse_map.render.table import Column, Table, render_table


def lines_of(table: Table, width: int = 80) -> list[str]:
    return render_table(table, width=width, color=False).splitlines()


def test_a_long_word_is_not_cut_while_another_column_has_room():
    """`max_width` is where text wraps, not where a word is cut: the long name widens its
    column and the roomier column gives way."""
    table = Table("", (Column("network A", max_width=23), Column("network B", max_width=23),
                       Column("notes")),
                  (("digi-vestland-ehelse", "velferdsteknologinettverket",
                    "a note long enough to wrap over several lines of the table"),))
    lines = lines_of(table)
    assert all(len(line) <= 80 for line in lines)
    assert "velferdsteknologinettverket" in lines[1]


def test_hyphenated_ids_wrap_after_a_hyphen():
    table = Table("", (Column("id", max_width=12), Column("value", "right")),
                  (("digi-rogaland-leiarnettverk-ehelse", "1"),))
    lines = lines_of(table, width=30)
    ids = [line.split()[0] for line in lines[1:] if line.strip()]
    assert "".join(ids) == "digi-rogaland-leiarnettverk-ehelse"
    assert all(part.endswith("-") for part in ids[:-1])


def test_words_are_cut_only_when_nothing_else_fits():
    table = Table("", (Column("a"), Column("b")),
                  (("x" * 50, "y" * 50),))
    lines = lines_of(table, width=40)
    assert all(len(line) <= 40 for line in lines)
    assert "".join(line.split()[0] for line in lines[1:]) == "x" * 50


def test_keep_columns_never_shrink_and_ellipsis_columns_give_way_first():
    table = Table("", (Column("id", keep=True), Column("name", overflow="ellipsis"),
                       Column("text")),
                  (("an-id-people-copy-and-paste", "a rather long display name here",
                    "some words"),))
    lines = lines_of(table, width=50)
    assert "an-id-people-copy-and-paste" in lines[1]
    assert "…" in lines[1]
    assert "some words" in lines[1]
