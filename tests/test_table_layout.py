"""The plain-text table fits the terminal and wraps between words: words of text are cut only
when no column has room left to give; an id is never cut or broken at any width (its row
folds instead). Styles mark unknowns and estimates; `gaps` headers are abbreviated, with a
key, only when the full names do not fit."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ehelse_map.render.table import Column, Table, abbreviations, lay_out, render_table

ROOT = Path(__file__).resolve().parents[1]


def lines_of(table: Table, width: int = 80) -> list[str]:
    return render_table(table, width=width).splitlines()


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


def test_id_columns_never_shrink_and_ellipsis_columns_give_way_first():
    table = Table("", (Column("id", ids=True), Column("name", overflow="ellipsis"),
                       Column("text")),
                  (("an-id-people-copy-and-paste", "a rather long display name here",
                    "some words"),))
    lines = lines_of(table, width=50)
    assert "an-id-people-copy-and-paste" in lines[1]
    assert "…" in lines[1]
    assert "some words" in lines[1]


def test_unknowns_are_styled_apart_from_zeros():
    table = Table("", (Column("n", "right"),), (("–",), (0,), ("12+?",)))
    laid = lay_out(table, 40, styled=True)
    assert laid.spans is not None
    styles = {line.strip(): spans for line, spans in zip(laid.lines[1:], laid.spans[1:],
                                                         strict=True)}
    assert styles["–"] == [(3, 4, "unknown")]
    assert styles["0"] == []
    assert styles["12+?"] == [(2, 4, "unknown")]


def test_gaps_names_regions_and_abbreviates_only_when_they_do_not_fit():
    from ehelse_map.analyses import gaps
    from ehelse_map.model.build import load_dataset
    from ehelse_map.render.analysis_tables import gaps_table

    table = gaps_table(gaps(load_dataset(ROOT / "data"), None))
    wide = render_table(table, width=300)
    assert "velferdsteknologi" in wide.splitlines()[1] and "A1" not in wide
    assert any(line.startswith("Region Hovedstaden ") for line in wide.splitlines())
    narrow = render_table(table, width=80).splitlines()
    assert all(len(line) <= 80 for line in narrow)
    assert "velferdsteknologi" not in narrow[1] and "A1" in narrow[1]
    assert any(line.startswith("Region Hovedstaden ") for line in narrow)  # rows keep names
    key = " ".join(line.strip() for line in narrow)
    assert "A15 velferdsteknologi" in key and "A1 digital-heimeoppfolging" in key


def test_abbreviations_drop_a_shared_first_word_then_cut_and_stay_unique():
    names = ["Region Hovedstaden", "Region Midtjylland", "Rogaland", "SE"]
    assert abbreviations(names, 6, "R") == ["Hoved.", "Midtj.", "Rogal.", "SE"]
    assert abbreviations(["abc-one", "abc-two"], 2, "A") == ["A1", "A2"]
    assert abbreviations(["same-x", "same-y"], 4, "A") == ["x", "y"]
    assert abbreviations(["abcdef", "abcdeg"], 4, "A") == ["A1", "A2"]


# --- ids are never cut -------------------------------------------------------------------------

ID = st.from_regex(r"[a-z][a-z0-9]{0,9}(-[a-z0-9]{1,12}){0,4}", fullmatch=True)


def whole(ident: str, lines: list[str]) -> bool:
    pattern = re.compile(rf"(?<![\w-]){re.escape(ident)}(?![\w-])")
    return any(pattern.search(line) for line in lines)


def check_width(lines: list[str], width: int) -> None:
    """Only a lone piece wider than the table may pass its edge."""
    for line in lines:
        assert len(line) <= width or " " not in line.strip(), (width, line)


@settings(max_examples=150)
@given(rows=st.lists(st.tuples(ID, ID, st.lists(ID, max_size=3), st.integers(0, 10**6),
                               st.text("abcdef gh-", max_size=40)), min_size=1, max_size=8),
       width=st.integers(40, 200))
def test_ids_are_never_cut_at_any_width(rows, width):
    table = Table("t", (Column("network A", ids=True, max_width=23),
                        Column("network B", ids=True, max_width=23),
                        Column("score", "right"),
                        Column("via", ids=True, max_width=16),
                        Column("text", max_width=20)),
                  tuple((a, b, n, ", ".join(via), text) for a, b, via, n, text in rows))
    lines = render_table(table, width=width).splitlines()
    for a, b, via, _, _ in rows:
        for ident in (a, b, *via):
            assert whole(ident, lines), (ident, width, lines)
    check_width(lines, width)


@pytest.mark.slow
@pytest.mark.parametrize("width", [40, 56, 72, 80, 100, 120, 160, 200])
def test_ids_of_every_table_stay_whole(width):
    from ehelse_map.analyses import anchoring, brokers, burden, funding, overlap
    from ehelse_map.analyses.listings import list_networks
    from ehelse_map.model.build import load_dataset
    from ehelse_map.render import analysis_tables as tables
    from ehelse_map.render.listing_tables import networks_table

    dataset = load_dataset(ROOT / "data")
    found = overlap(dataset, None)
    cases = [
        (tables.overlap_table(found), [i for p in found.pairs for i in (p.a, p.b)]),
        (tables.burden_table(burden(dataset, None, by="person")), []),
        (tables.funding_table(funding(dataset, None)),
         # a reporting line is "body (grant)": each id in it stays whole
         [i.strip("(),") for n in funding(dataset, None).networks
          for i in (n.network, *" ".join(n.reporting_lines).split())]),
        (tables.anchoring_table(anchoring(dataset, None)),
         [n.network for n in anchoring(dataset, None).networks]),
        (tables.brokers_table(brokers(dataset, None)),
         [b.id for b in brokers(dataset, None).brokers]),
    ]
    day = dataset.as_of or date.today()
    items = list_networks(dataset, day)
    cases.append((networks_table(items, day), [n.id for n in items]))
    for table, ids in cases:
        lines = render_table(table, width=width).splitlines()
        for ident in ids:
            assert whole(ident, lines), (table.title, ident, width)
        if width >= 80:  # narrower, some headers and figures cannot fit, ids or not
            check_width(lines, width)


def test_a_row_whose_id_does_not_fit_folds_like_df():
    table = Table("", (Column("network", ids=True), Column("n", "right")),
                  (("short", 1), ("a-very-long-network-identifier-indeed", 2)))
    lines = render_table(table, width=20).splitlines()
    assert lines == ["network            n", "short              1",
                     "a-very-long-network-identifier-indeed", "                   2"]
