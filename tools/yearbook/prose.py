"""Chinese prose as it is printed and compared: spaces from YAML line folding removed, figures written out,
widths on the character grid. Shared by the compiler, the diff and the rules.
"""

from __future__ import annotations

import decimal
import re

# Only the spaces YAML line folding leaves: an ideographic space (U+3000) is typed on purpose, as in
# “表1　主动公开政府信息情况”, and stays.
_SPACES = re.compile(r"[ \t\r\n]+")


def is_cjk(char: str) -> bool:
    """A Chinese character, radical, punctuation mark or full-width form (U+2E80–9FFF, F900–FAFF, FF00–FFEF).

    Tested by code point, not by a regex class: `re` builds a class this wide point by point, 2 ms a pattern
    (measured), paid by every run of every command."""
    code = ord(char)
    return 0x2E80 <= code <= 0x9FFF or 0xF900 <= code <= 0xFAFF or 0xFF00 <= code <= 0xFFEF


def _folded_space(match: re.Match[str]) -> str:
    text, start, end = match.string, match.start(), match.end()
    return "" if start > 0 and end < len(text) and is_cjk(text[start - 1]) and is_cjk(text[end]) else " "


def normalize(text: str) -> str:
    """Prose as printed: no stray spaces from YAML line folding between Chinese characters, other runs of
    spaces as one."""
    return _SPACES.sub(_folded_space, text).strip()


def format_value(value: int | float | str) -> str:
    """A figure as printed: plain decimals, never exponents; the loader keeps numbers within 15 digits."""
    if isinstance(value, float):
        written = getattr(value, "written", None)  # a number from a record prints with the digits it was written with
        if isinstance(written, str) and "e" not in written.lower():
            return written
        if value.is_integer():
            return str(int(value))
        return format(decimal.Decimal(repr(value)), "f")  # the shortest digits that read back as the same number
    return str(value)


UNFILLED, ABSENT = "（待填）", "（无此项）"
# How blanks are typed in Word: *, ＊, XX, ××, 某某, ___, 【待填…】 (YB303 reports them; the 对照表 counts them).
PLACEHOLDER_RE = re.compile(r"[*＊]+|(?<![A-Za-z])[Xx]{2,}(?![A-Za-z])|(?:××+|ＸＸ+)|某某|_{3,}|＿{2,}|【待填[^】]*】")


def with_unit(value: int | float | str | None, unit: str | None) -> str:
    """A value with its unit, worded the same everywhere (diff --years, figures import): “98.5%”, “15 篇”, and
    “（待填）” for a value not filled in."""
    if value is None or value == "":
        return UNFILLED
    text = format_value(value)
    if not unit or isinstance(value, str):
        return text
    return f"{text}{unit}" if unit in ("%", "‰", "℃") else f"{text} {unit}"


def cells(text: str) -> float:
    """Width on the grid: a Chinese character or full-width mark is one cell, a half-width one half."""
    return sum(0.5 if ord(ch) < 0x2E80 else 1.0 for ch in text)
