"""Data as inert text: the one place that decides how a value from the data (or a path, a
scenario name, a git revision) is written so that it can only be read, never act.

- `printable`: one line for a terminal or a CI log; C0/C1 controls, zero-width and bidi
  controls, line separators, the BOM and lone surrogates are shown as `\\x1b`/`\\u202e`
  escapes (escaped, not dropped: whoever fixes the data needs to see where they are).
- `one_line`: a value in a terminal table or text line: line breaks and tabs as spaces, the
  rest through `printable`.
- `inert`: a whole human-readable output (stdout and stderr, every command and format except
  `validate --format github`, whose annotations are meant): GitHub Actions runs a line as a
  workflow command when it starts, after white space, with `::` (`::error file=…::`,
  `::add-mask::`, `::stop-commands::`), or when it holds the older `##[` form anywhere. The
  first colon of such a line is written `\\x3a` and every `##[` as `##\\x5b`, like the
  escapes above. Applied to whole lines, not values, so a table cell that a wrapped or padded
  line happens to start with is covered too. `cli.options.emit`, `say` and `fail` apply it.
- `json_text`: the same for JSON text, inside JSON strings: `##[` as `##\\u005b`, plus
  `\\u` escapes for C1 controls, bidi controls and line separators, so a JSON reader gets the
  data exactly.
- `md`, `md_code`, `md_url`: Markdown (`--format markdown`, `diff`, `whatif`, `recommend`,
  `report -o x.md`). Every character Markdown, GitHub Flavored Markdown or GitHub's math gives
  a meaning to inside a line is backslash-escaped (`\\<img>`, `\\[x\\](…)`, `\\|`, `` \\` ``,
  `\\&`, `\\$`, `\\~`, `\\*`, `\\_`), so HTML, comments, links, images, tables, math and
  emphasis in the data show as typed; a value that starts with `#`, `>`, `- `, `+ `, `=`,
  `::` or `1. ` has that escaped too, so it never starts a heading, quote, list or workflow
  command. GitHub `@mentions` and `#12`/`GH-12` issue references are neutralised with a WORD
  JOINER (U+2060) after the `@`, `#` or `GH-`: invisible, so the text reads the same, but
  GitHub sees `@` followed by a non-name character and notifies nobody, links no issue.
  (Backslash escapes cannot do this: GitHub looks for mentions in the rendered text.) Bare
  addresses such as `https://example.org` may still be made links by GitHub; such a link
  shows its own address.
"""

from __future__ import annotations

import re
from typing import Any

from ehelse_map.model.span import Span
from ehelse_map.render.numbers import span_text
from ehelse_map.render.styled import Styled

#: What a data value must not bring to a terminal or a CI log: C0 and C1 controls (line breaks
#: and ESC included), zero-width and bidi controls, line and paragraph separators, the BOM, and
#: lone surrogates (which cannot even be written as UTF-8).
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff"
                     "\ud800-\udfff]")


def _escape_char(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: str) -> str:
    """`text` on one line with every unsafe character shown as an escape (`\\n` -> `\\x0a`)."""
    return _UNSAFE.sub(_escape_char, text) if not text.isprintable() else text


def text_of(value: Any) -> str:
    """A table cell's value as text: None empty, floats with thousands separators, lists joined,
    `Styled` text without its styles."""
    if value.__class__ is str:  # the usual cells first: a table has a hundred thousand
        return value
    if isinstance(value, Span):
        return span_text(value)
    if value is None:
        return ""
    if isinstance(value, Styled):
        return value.text
    if isinstance(value, float):
        return f"{value:,.1f}" if value % 1 else f"{value:,.0f}"
    if isinstance(value, (list, tuple)):
        return ", ".join(str(v) for v in value)
    return str(value)


_BREAKS = re.compile("[\t\n\u2028\u2029]")


def one_line(value: Any) -> str:
    """A value for one line of terminal text: breaks and tabs as spaces, unsafe characters
    escaped."""
    text = text_of(value)
    return text if text.isprintable() else printable(_BREAKS.sub(" ", text))


# A line that starts, after white space, with `::` (what the runner reads as a command; it
# trims white space as .NET does, which Python's \s covers), at the start or after \r or \n.
_COMMAND_LINE = re.compile(r"(\A|[\r\n])(\s*):(?=:)")


def inert(text: str) -> str:
    """Output text in which no line can be a GitHub Actions workflow command."""
    if "::" in text:
        text = _COMMAND_LINE.sub(lambda m: f"{m.group(1)}{m.group(2)}\\x3a", text)
    return text.replace("##[", "##\\x5b") if "##[" in text else text


_JSON_UNSAFE = re.compile("[\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff"
                          "\ud800-\udfff]")


def _json_escape(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group()):04x}"


def json_text(text: str) -> str:
    """JSON text (as `json.dumps` writes it) with what a terminal or a CI log would act on
    escaped inside its strings; the parsed values are unchanged. (`json.dumps` escapes C0
    controls itself; `#` can only occur inside strings, so `##[` is always in one.)"""
    text = _JSON_UNSAFE.sub(_json_escape, text)
    return text.replace("##[", "##\\u005b") if "##[" in text else text


# Every ASCII character that Markdown, GitHub Flavored Markdown or GitHub's math gives a
# meaning to inside a line; all can be backslash-escaped (CommonMark: any ASCII punctuation).
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|&~$])")
# What makes a line a heading, quote, list item, thematic break, setext underline or (with
# `::`) a workflow command when a value is the first thing on it (`*`, `_` and `~` are
# escaped everywhere already).
_MD_LEADING = re.compile(r"^(?:[#>]|[-+=](?=\s|$|[-+=])|:(?=:)|\d+(?=[.)](?:\s|$)))")
# `@name` and `@org/team` notify people on GitHub; `#12` and `GH-12` link (and back-link) an
# issue.
_MD_NOTIFY = re.compile(r"@(?=[A-Za-z0-9])|#(?=[0-9])|\bGH-(?=[0-9])", re.IGNORECASE)
WORD_JOINER = "\u2060"


def md(value: Any) -> str:
    """A value as inline Markdown text that shows exactly as typed and does nothing."""
    text = printable(" ".join(text_of(value).split()))
    text = _MD_SPECIAL.sub(r"\\\1", text)
    leading = _MD_LEADING.match(text)
    if leading is not None:
        if leading.group()[0].isdigit():  # `2024.` or `1)`: escape the punctuation after it
            end = leading.end()
            text = f"{text[:end]}\\{text[end:]}"
        else:
            text = "\\" + text
    return _MD_NOTIFY.sub(lambda m: m.group() + WORD_JOINER, text)


def md_code(value: Any) -> str:
    """An id or field name as a code span (whose content Markdown shows as typed and GitHub
    never scans for mentions); what a code span cannot hold safely (a backtick, a `|` that
    would split a table cell, spaces at either end) as `md` text instead."""
    text = one_line(value)
    if text and text == text.strip() and "`" not in text and "|" not in text:
        return f"`{text}`"
    return md(text)


def md_url(url: str, *, file_name: bool = False) -> str:
    """A link destination: spaces, brackets, quotes and the like percent-encoded, so the
    address cannot end the link early or start another. A `file_name` (relative, in the same
    folder) has every character but letters, digits and `-._~` encoded, so a `:` in it is
    never read as a scheme."""
    from urllib.parse import quote

    return quote(url, safe="-._~" if file_name else "/:?#@!$&'*+,;=%-._~")
