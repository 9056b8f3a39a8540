"""`sensitivity` as tables: the tornado of swings per figure, and the rank stability.

Titles, headers and notes are in `lang` (`render.i18n`); CSV is built in English."""

from __future__ import annotations

from ehelse_map.analyses.sensitivity import (
    MIN_POINTS,
    POINT_BUDGET,
    SIZE_CLASS_KEY,
    SensitivityResult,
)
from ehelse_map.render.analysis_tables import size_class, when
from ehelse_map.render.i18n import N_, Messages, messages
from ehelse_map.render.numbers import number as _number
from ehelse_map.render.table import Column, Table

#: The headline figures (`analyses.sensitivity.HEADLINES`), in words.
HEADLINES = {"max_person_hours": N_("hours a year of the most loaded person"),
             "persons_over_capacity": N_("persons asked for more than their capacity"),
             "top_saving": N_("hours a year the best merge candidate saves")}
#: What the rank stability ranks.
KINDS = {"candidate": N_("candidate"), "pair": N_("pair")}


def number(value: float | None, lang: str = "en") -> str:
    """Whole numbers from 10 up (as in every range), one decimal below."""
    if value is not None and abs(value) >= 10:
        return _number(round(value), lang)
    return _number(value, lang)


def figure_label(key: str, lang: str = "en") -> str:
    """A headline figure in words: `hours a year of the most loaded person`."""
    m = messages(lang)
    if key.startswith(SIZE_CLASS_KEY):
        return m.t("mean hours of the most loaded person, municipalities {size}",
                   size=size_class(key[len(SIZE_CLASS_KEY):], lang))
    return m.t(HEADLINES[key]) if key in HEADLINES else key


def swings_table(result: SensitivityResult, lang: str = "en") -> Table:
    """Every swing in one table (CSV, Markdown): figure, assumption, range, results."""
    m = messages(lang)
    rows = tuple((s.figure, s.assumption, number(s.low, lang), number(s.high, lang),
                  number(s.at_low, lang), number(s.central, lang), number(s.at_high, lang),
                  number(s.swing, lang))
                 for s in result.swings)
    return Table(
        title=_title(result, m),
        columns=(Column(m.t("figure")), Column(m.t("assumption")), Column(m.t("low"), "right"),
                 Column(m.t("high"), "right"), Column(m.t("at low"), "right"),
                 Column(m.t("value"), "right"), Column(m.t("at high"), "right"),
                 Column(m.t("swing"), "right")),
        rows=rows, notes=_notes(result, m), lang=lang)


def tornado_tables(result: SensitivityResult, lang: str = "en") -> tuple[Table, ...]:
    """One small table per headline figure, the largest swing first: a tornado in text."""
    m = messages(lang)
    tables = []
    for index, (key, _label, central) in enumerate(result.figures):
        rows = tuple((s.assumption, f"{number(s.low, lang)}–{number(s.high, lang)}",
                      number(s.at_low, lang), number(s.at_high, lang), number(s.swing, lang))
                     for s in result.swings if s.figure == key)
        tables.append(Table(
            title=(_title(result, m) + "\n\n" if index == 0 else "")
            + f"{figure_label(key, lang)}: {number(central, lang)}",
            columns=(Column(m.t("assumption"), ids=True), Column(m.t("range"), "right"),
                     Column(m.t("at low"), "right"), Column(m.t("at high"), "right"),
                     Column(m.t("swing"), "right")),
            rows=rows, lang=lang,
            notes=_notes(result, m) if index == len(result.figures) - 1 else ()))
    return tuple(tables)


def _title(result: SensitivityResult, m: Messages) -> str:
    return m.t("Sensitivity: which assumptions move the headline figures ({when})",
               when=when(result.as_of, m.lang))


def _notes(result: SensitivityResult, m: Messages) -> tuple[str, ...]:
    return (m.t("each assumption value set to its low, then its high end, the others central; "
                "swing: |at high − at low|, largest first"),
            m.t("assumptions with a range: {n}", n=_number(len(result.assumptions), m.lang))
            if result.assumptions else m.t("no assumption states a range: nothing can swing"),
            result.filters.describe())


def stability_table(result: SensitivityResult, lang: str = "en") -> Table:
    m = messages(lang)
    rows = tuple((m.t(KINDS[s.kind]) if s.kind in KINDS else s.kind, " + ".join(s.item),
                  s.rank, f"{s.share_in_top:.0%}")
                 for s in result.stability)
    return Table(
        title=m.t("Rank stability of the top {top}", top=result.top),
        columns=(Column(m.t("kind")), Column(m.t("networks"), ids=True),
                 Column(m.t("rank"), "right"),
                 Column(m.t("in top {top}", top=result.top), "right")),
        rows=rows, lang=lang,
        notes=tuple(note for note in (
            m.t("share of {points} drawn uniformly in the box of all ranges (seed {seed}) at "
                "which it stays in the top {top}",
                points=m.tn("{n} point", "{n} points", result.samples), seed=result.seed,
                top=result.top),
            m.t("overlap scores rest on no estimated quantity: pair ranks cannot move")
            if result.pairs_fixed else
            m.t("pairs compared as persons (the staffing assumption has a range)"),
            _fewer_points(result, m)) if note))


def _fewer_points(result: SensitivityResult, m: Messages) -> str:
    """Says so when the data's size cut the points drawn below those asked."""
    if result.samples_asked <= result.samples:
        return ""
    return m.t("{drawn} of the {asked} points asked, at this size: at most {budget} / "
               "municipalities in scope points, and at least {least} (each point reruns "
               "burden and merge candidates)", drawn=_number(result.samples, m.lang),
               asked=_number(result.samples_asked, m.lang),
               budget=_number(POINT_BUDGET, m.lang), least=MIN_POINTS)
