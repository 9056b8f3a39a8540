"""How a figure reads in every table and sentence (`render.numbers.span_text`)."""

from __future__ import annotations

import pytest

from ehelse_map.model.span import Span
from ehelse_map.render.numbers import span_text


@pytest.mark.parametrize("span, lang, text", [
    (Span(None, None, None), "en", "–"),  # unknown is never 0
    (Span(107.2, 54.4, 161.0), "en", "107 (54–161)"),  # whole numbers from 10 up
    (Span(4.5, 4.5, 4.5), "en", "4.5"),  # no range when the ends read the same
    (Span(120.0, 120.0, 120.0, unknown=2), "en", "120+?"),  # a floor: parts are unknown
    (Span(1234.5, 1000.0, 1500.0), "nb", "1\u202f234 (1\u202f000–1\u202f500)"),
    (Span(0.56, 0.28, 0.84), "en", "0.6 (0.3–0.8)"),
])
def test_a_figure_reads_with_its_range_and_what_is_unknown(span, lang, text):
    assert span_text(span, lang=lang) == text


def test_an_infinite_figure_reads_inf_rather_than_stopping_the_command():
    """A load over a capacity near zero is infinite; round(inf) raised OverflowError and took
    the whole table down with it."""
    assert span_text(Span(float("inf"), 50.0, float("inf"))) == "inf (50–inf)"
    assert span_text(Span(float("inf"), None, None), percent=True) == "inf%"


def test_a_figure_reads_the_same_however_often_and_after_whatever_came_before():
    """Long tables repeat their figures, so each distinct one is written once; -0.0 equals
    0.0 as a key, yet each reads as itself."""
    assert [span_text(Span(-0.0, -0.0, -0.0)), span_text(Span(0.0, 0.0, 0.0)),
            span_text(Span(-0.0, -0.0, -0.0))] == ["-0", "0", "-0"]
    figures = [Span(107.2, 54.4, 161.0), Span(107.2, 54.4, 161.0, unknown=1),
               Span(0.56, 0.28, 0.84), Span(1234.5, 1000.0, 1500.0)]
    first = [span_text(s, lang=lang, percent=p) for s in figures for lang in ("en", "nb")
             for p in (False, True)]
    again = [span_text(s, lang=lang, percent=p) for s in figures for lang in ("en", "nb")
             for p in (False, True)]
    assert first == again
    assert first[:2] == ["107 (54–161)", "10720% (5440%–16100%)"]
    assert first[4] == "107 (54–161)+?"
