"""The message catalogs: every text the code marks has a Bokmål and a Nynorsk translation, the
compiled `.mo` files are what their `.po` files give, and the language follows the locale."""

from __future__ import annotations

import io
import re
import string
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from ehelse_map.render import i18n
from ehelse_map.render.i18n import messages, resolve_lang

ROOT = Path(__file__).resolve().parents[1]
KEYWORDS = {"t": None, "tn": (1, 2), "N_": None}


def _method_map() -> list[tuple[str, str]]:
    """The `[python: PATTERN]` sections of babel.cfg, as pybabel reads them."""
    text = (ROOT / "babel.cfg").read_text(encoding="utf-8")
    return [(pattern.strip(), method) for method, pattern in
            re.findall(r"^\[(\w+):\s*([^\]]+)\]", text, re.M)]


def _in_code() -> dict[str | tuple[str, str], list[str]]:
    found: dict[str | tuple[str, str], list[str]] = {}
    for filename, line, message, _comments, _context in extract_from_dir(
            ROOT, _method_map(), keywords=KEYWORDS):
        key = message if isinstance(message, str) else tuple(message[:2])
        found.setdefault(key, []).append(f"{filename}:{line}")
    return found


def _catalog(lang: str):
    path = i18n.LOCALES / lang / "LC_MESSAGES" / f"{i18n.DOMAIN}.po"
    with path.open("rb") as file:
        return read_po(file)


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def test_the_code_marks_texts_for_translation():
    assert len(_in_code()) > 100


def _marked_by_ast() -> dict[str, str]:
    """Every literal first argument of a `t`, `tn` or `N_` call, read with Python's own parser."""
    import ast

    found = {}
    for pattern, _method in _method_map():
        for path in sorted(ROOT.glob(pattern.replace("**.py", "**/*.py"))):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if not (isinstance(node, ast.Call) and node.args):
                    continue
                name = getattr(node.func, "attr", getattr(node.func, "id", None))
                first = node.args[0]
                if name in KEYWORDS and isinstance(first, ast.Constant) \
                        and isinstance(first.value, str):
                    found[first.value] = f"{path.relative_to(ROOT)}:{node.lineno}"
    return found


def test_babel_sees_every_marked_text():
    """Babel's extractor loses a call whose arguments hold a lambda with a marked call inside
    (the whole outer message is dropped): compute such parts before the call."""
    seen = {k if isinstance(k, str) else k[0] for k in _in_code()}
    lost = [f"{where}: {text!r}" for text, where in _marked_by_ast().items() if text not in seen]
    assert lost == []


@pytest.mark.parametrize("lang", ["nb", "nn"])
def test_every_message_of_the_code_is_translated(lang):
    catalog = _catalog(lang)
    problems = []
    for key, where in sorted(_in_code().items(), key=str):
        message = catalog.get(key if isinstance(key, str) else key[0])
        if message is None:
            problems.append(f"{where[0]}: not in the catalog: {key!r}")
            continue
        if message.fuzzy:
            problems.append(f"{where[0]}: fuzzy: {key!r}")
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if isinstance(key, tuple) and (not isinstance(message.string, tuple)
                                       or len(strings) != catalog.num_plurals):
            problems.append(f"{where[0]}: plural forms incomplete: {key!r}")
        if not all(strings):
            problems.append(f"{where[0]}: no translation: {key!r}")
        ids = key if isinstance(key, tuple) else (key,)
        if any(_fields(s) - set().union(*map(_fields, ids)) for s in strings if s):
            problems.append(f"{where[0]}: a field the English has not: {key!r}")
    assert problems == [], f"{len(problems)} messages ({lang}); see CONTRIBUTING.md"


@pytest.mark.parametrize("lang", ["nb", "nn"])
def test_the_catalogs_hold_no_message_the_code_has_dropped(lang):
    """Obsolete messages are kept out (`pybabel update` marks them; delete them)."""
    code = {k if isinstance(k, str) else k[0] for k in _in_code()}
    kept = {m.id if isinstance(m.id, str) else m.id[0] for m in _catalog(lang) if m.id}
    assert kept - code == set()


def test_the_template_is_up_to_date():
    with (i18n.LOCALES / f"{i18n.DOMAIN}.pot").open("rb") as file:
        template = {m.id if isinstance(m.id, str) else m.id[0] for m in read_po(file) if m.id}
    assert template == {k if isinstance(k, str) else k[0] for k in _in_code()}


@pytest.mark.parametrize("lang", ["nb", "nn"])
def test_each_mo_is_its_po_compiled(lang):
    """`pybabel compile` after every change to a .po: the wheel ships the .mo files."""
    compiled = io.BytesIO()
    write_mo(compiled, _catalog(lang))
    shipped = (i18n.LOCALES / lang / "LC_MESSAGES" / f"{i18n.DOMAIN}.mo").read_bytes()
    assert shipped == compiled.getvalue()


def test_translations_are_read_at_run_time():
    assert messages("nn").t("Overlapping networks: {groups}", groups="") == "Overlappande nettverk: "
    assert messages("nb").t("hours") == "timer"
    assert messages("en").t("hours") == "hours"
    assert messages("nb").tn("{n} network", "{n} networks", 12345) == "12\u202f345 nettverk"
    assert messages("en").tn("{n} network", "{n} networks", 1) == "1 network"


_LOCALE = ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE")


@pytest.mark.parametrize(("env", "expected"), [
    ({}, "en"),
    ({"LANG": "nb_NO.UTF-8"}, "nb"),
    ({"LANG": "no_NO.UTF-8"}, "nb"),
    ({"LANG": "nn_NO.UTF-8"}, "nn"),
    ({"LANG": "en_GB.UTF-8"}, "en"),
    ({"LANG": "sv_SE.UTF-8"}, "en"),
    ({"LANG": "C"}, "en"),
    ({"LANG": "C.UTF-8", "LANGUAGE": "nn"}, "en"),
    ({"LC_ALL": "POSIX", "LANG": "nb_NO.UTF-8"}, "en"),
    ({"LC_ALL": "nn_NO.UTF-8", "LANG": "nb_NO.UTF-8"}, "nn"),
    ({"LC_MESSAGES": "nb_NO.UTF-8", "LANG": "en_US.UTF-8"}, "nb"),
    ({"LANG": "en_US.UTF-8", "LANGUAGE": "nn:nb"}, "nn"),
    ({"LANG": "nb_NO.UTF-8", "LANGUAGE": "de:sv"}, "nb"),
])
def test_the_language_follows_the_locale(monkeypatch, env, expected):
    for name in _LOCALE:
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    assert resolve_lang(None) == expected
    assert resolve_lang("nb") == "nb"


def test_the_scenario_sentences_the_catalogs_translate_are_the_analysis_own() -> None:
    """render/scenario_view.py repeats two fixed sentences of the analyses as literals, so that
    Babel can extract them; they must stay the analyses' words, or the translation is lost."""
    from ehelse_map.analyses.scenarios.operations import CADENCE_RULE
    from ehelse_map.analyses.scenarios.recommend import DISCLAIMER
    from ehelse_map.render import scenario_view

    assert scenario_view._CADENCE_RULE == CADENCE_RULE
    assert scenario_view._DISCLAIMER == DISCLAIMER
