"""The words of every output, in Norwegian Bokmål, Nynorsk and English.

Texts are written in English in the code, marked with `t(...)` (or `tn(...)` for a count, `N_`
for a text kept in a table and translated where it is used), and translated through gettext
message catalogs: `locales/<lang>/LC_MESSAGES/ehelse_map.po`, kept with Babel
(`pybabel extract/update/compile`, see CONTRIBUTING.md) and compiled to `.mo` files that ship in
the wheel. At run time only the standard library's `gettext` reads them.
`tests/test_i18n.py` fails when a message of the code lacks a translation in any language, or
when a `.mo` file is not what its `.po` compiles to.

Data labels keep their own languages: a Swedish or Danish body keeps its name; areas and roles
have `labels` by language in the data. JSON and CSV stay English: they are read by programs.
"""

from __future__ import annotations

import gettext
import os
from pathlib import Path

LANGS = ("en", "nb", "nn")
DOMAIN = "ehelse_map"
LOCALES = Path(__file__).parent / "locales"
#: Locale language codes read as one of LANGS: `no` (the macrolanguage) is Bokmål.
_ALIASES = {"nb": "nb", "no": "nb", "nn": "nn", "en": "en"}
#: Locales that mean "no locale": English.
_NEUTRAL = ("c", "posix")


def _code(setting: str) -> str:
    """`nb` from `nb_NO.UTF-8@euro`, `c` from `C.UTF-8`."""
    return setting.split("@")[0].split(".")[0].split("_")[0].split("-")[0].strip().lower()


def resolve_lang(value: str | None) -> str:
    """`value` when given, else the user's locale when it is Bokmål, Nynorsk or English, else
    English, as gettext reads it: the first of LC_ALL, LC_MESSAGES and LANG that is set names
    the locale; `C` or `POSIX` there is English whatever else is set; otherwise LANGUAGE, a
    list of preferences (`nn:nb`), comes first, then the locale itself."""
    if value:
        return value
    locale = next((os.environ[name] for name in ("LC_ALL", "LC_MESSAGES", "LANG")
                   if os.environ.get(name)), "")
    if _code(locale) in _NEUTRAL:
        return "en"
    for part in os.environ.get("LANGUAGE", "").split(":"):
        if _code(part) in _ALIASES:
            return _ALIASES[_code(part)]
    return _ALIASES.get(_code(locale), "en")


def N_(message: str) -> str:
    """Mark a text for the catalogs where it is kept in a table; `t` translates it later."""
    return message


class Messages:
    """The translations of one language: `t("Burden")`, `tn("{n} network", "{n} networks", n)`,
    with `str.format` fields filled from keyword arguments (`n` is filled in by `tn`, with
    the language's thousands separator)."""

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
        return text.format(n=f"{n:,}".replace(",", thousands(self.lang)), **fields)


def thousands(lang: str) -> str:
    """The thousands separator: a narrow no-break space in Norwegian, a comma in English."""
    return "\u202f" if lang in ("nb", "nn") else ","


def messages(lang: str | None) -> Messages:
    """The translations of `lang` (None: the user's locale, see `resolve_lang`)."""
    return Messages(resolve_lang(lang))
