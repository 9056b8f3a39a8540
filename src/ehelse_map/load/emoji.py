"""Emoji sequences as Unicode defines them (UTS #51), for the rules on text characters.

A zero-width joiner (U+200D) is invisible, and the validator refuses invisible characters in
names; inside an emoji ZWJ sequence ("👩‍⚕️" is WOMAN, ZWJ, STAFF OF AESCULAPIUS, VS16) it is
part of the emoji and must pass. `EMOJI_SEQUENCE` finds such sequences: pictographs
(Extended_Pictographic), each with its presentation selector, skin-tone modifier or tags, joined
by ZWJs; flags (two regional indicators) and keycaps.
"""

from __future__ import annotations

import re

#: Extended_Pictographic (emoji-data.txt; unchanged since Unicode 13, its unassigned code
#: points reserved for future emoji).
EXTENDED_PICTOGRAPHIC = (
    "\u00a9\u00ae\u203c\u2049\u2122\u2139\u2194-\u2199\u21a9\u21aa\u231a\u231b\u2328\u2388"
    "\u23cf\u23e9-\u23f3\u23f8-\u23fa\u24c2\u25aa\u25ab\u25b6\u25c0\u25fb-\u25fe\u2600-\u2605"
    "\u2607-\u2612\u2614-\u2685\u2690-\u2705\u2708-\u2712\u2714\u2716\u271d\u2721\u2728"
    "\u2733\u2734\u2744\u2747\u274c\u274e\u2753-\u2755\u2757\u2763-\u2767\u2795-\u2797"
    "\u27a1\u27b0\u27bf\u2934\u2935\u2b05-\u2b07\u2b1b\u2b1c\u2b50\u2b55\u3030\u303d\u3297"
    "\u3299\U0001f000-\U0001f0ff\U0001f10d-\U0001f10f\U0001f12f\U0001f16c-\U0001f171"
    "\U0001f17e\U0001f17f\U0001f18e\U0001f191-\U0001f19a\U0001f1ad-\U0001f1e5"
    "\U0001f201-\U0001f20f\U0001f21a\U0001f22f\U0001f232-\U0001f23a\U0001f23c-\U0001f23f"
    "\U0001f249-\U0001f3fa\U0001f400-\U0001f53d\U0001f546-\U0001f64f\U0001f680-\U0001f6ff"
    "\U0001f774-\U0001f77f\U0001f7d5-\U0001f7ff\U0001f80c-\U0001f80f\U0001f848-\U0001f84f"
    "\U0001f85a-\U0001f85f\U0001f888-\U0001f88f\U0001f8ae-\U0001f8ff\U0001f90c-\U0001f93a"
    "\U0001f93c-\U0001f945\U0001f947-\U0001faff\U0001fc00-\U0001fffd")
ZWJ = "\u200d"
#: What may follow a pictograph within one emoji: text or emoji presentation selectors (VS15,
#: VS16), skin-tone modifiers, and tags (subdivision flags such as England's).
_MODIFIERS = "\ufe0e\ufe0f\U0001f3fb-\U0001f3ff\U000e0020-\U000e007f"
_ELEMENT = f"[{EXTENDED_PICTOGRAPHIC}][{_MODIFIERS}]*"

#: One emoji: pictographs joined by ZWJs, a flag, or a keycap.
EMOJI_SEQUENCE = re.compile(
    f"{_ELEMENT}(?:{ZWJ}{_ELEMENT})*|[\U0001f1e6-\U0001f1ff]{{2}}|[0-9#*]\ufe0f?\u20e3")
_JOINED = re.compile(f"{_ELEMENT}(?:{ZWJ}{_ELEMENT})+")


def without_emoji_joiners(text: str) -> str:
    """`text` with the ZWJs that join emoji removed (every other ZWJ kept)."""
    if ZWJ not in text:
        return text
    return _JOINED.sub(lambda match: match[0].replace(ZWJ, ""), text)


def joiners_kept(text: str, strip: re.Pattern[str]) -> str:
    """`strip.sub("", text)`, except for the ZWJs inside emoji sequences."""
    if ZWJ not in text:
        return strip.sub("", text)
    parts = []
    end = 0
    for match in _JOINED.finditer(text):
        parts.append(strip.sub("", text[end:match.start()]))
        parts.append(ZWJ.join(strip.sub("", piece) for piece in match[0].split(ZWJ)))
        end = match.end()
    parts.append(strip.sub("", text[end:]))
    return "".join(parts)
