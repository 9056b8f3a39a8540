"""The words of every output, in Norwegian Bokmål, Nynorsk and English.

Texts are written in English in the code, marked with `t(...)` (or `tn(...)` for a count), and
translated through gettext message catalogs: `locales/<lang>/LC_MESSAGES/ehelse_map.po`, kept
with Babel (`pybabel extract/update/compile`, see CONTRIBUTING.md) and compiled to `.mo` files
that ship in the wheel. At run time only the standard library's `gettext` reads them.
`tests/test_i18n.py` fails when a message of the code lacks a translation in any language, or
when a `.mo` file is older than its `.po`.

Data labels keep their own languages: a Swedish or Danish body keeps its name; areas and roles
have `labels` by language in the data.
"""

from __future__ import annotations

import gettext
import os
from pathlib import Path

LANGS = ("en", "nb", "nn")
DOMAIN = "ehelse_map"
LOCALES = Path(__file__).parent / "locales"
#: Locale language codes read as one of LANGS: `no` (macrolanguage) is Bokmål.
_ALIASES = {"nb": "nb", "no": "nb", "nn": "nn", "en": "en"}


def resolve_lang(value: str | None) -> str:
    """`value` when given, else the user's locale (LC_ALL, LC_MESSAGES, LANG, LANGUAGE) when it
    is Bokmål, Nynorsk or English, else English."""
    if value:
        return value
    for name in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        setting = os.environ.get(name, "")
        for part in setting.split(":"):
            code = part.split(".")[0].split("_")[0].split("-")[0].lower()
            if code in _ALIASES:
                return _ALIASES[code]
            if code and code not in ("c", "posix"):
                return "en"
    return "en"


class Messages:
    """The translations of one language: `t("Burden")`, `tn("{n} network", "{n} networks", n)`,
    with `str.format` fields filled from keyword arguments."""

    def __init__(self, lang: str) -> None:
        self.lang = lang if lang in LANGS else "en"
        if self.lang == "en":
            self._catalog: gettext.NullTranslations = gettext.NullTranslations()
        else:
            self._catalog = gettext.translation(DOMAIN, LOCALES, languages=[self.lang],
                                                fallback=True)

    def t(self, message: str, /, **fields: object) -> str:
        text = self._catalog.gettext(message)
        return text.format(**fields) if fields else text

    def tn(self, one: str, many: str, n: int, /, **fields: object) -> str:
        text = self._catalog.ngettext(one, many, n)
        return text.format(n=f"{n:,}".replace(",", _thousands(self.lang)), **fields)


def _thousands(lang: str) -> str:
    """The thousands separator: a narrow no-break space in Norwegian, a comma in English."""
    return "\u202f" if lang in ("nb", "nn") else ","


def messages(lang: str | None) -> Messages:
    """The translations of `lang` (None: the user's locale, see `resolve_lang`)."""
    return Messages(resolve_lang(lang))
