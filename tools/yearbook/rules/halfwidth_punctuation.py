"""YB401 halfwidth-punctuation: `, ; : ? ! ( )` next to a Chinese character should be full-width.

`2023年,党组` reads wrong in print: Chinese text takes ，；：？！（）. Half-width marks between digits
or Latin letters (`1,200`, `12:30`, `(PDF)`) are left alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from yearbook import textrefs
from yearbook.findings import Check, Severity, Violation
from yearbook.prose import is_cjk
from yearbook.rules.context import Context

CHECK = Check(
    "YB401",
    "halfwidth-punctuation",
    Severity.ERROR,
    {"default": ("中文里用了半角的“{char}”，应为全角的“{full}”。", "a half-width '{char}' in Chinese text; use the full-width '{full}'.")},
)

_FULL = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！", "(": "（", ")": "）"}
_HALF_RE = re.compile(r"[,;:?!()]")


def _beside_chinese(match: re.Match[str]) -> bool:
    text, start, end = match.string, match.start(), match.end()
    return (start > 0 and is_cjk(text[start - 1])) or (end < len(text) and is_cjk(text[end]))


def run(context: Context) -> Iterator[Violation]:
    if not any(mark in context.corpus for mark in _FULL):
        return
    for text in context.texts:
        if not any(_beside_chinese(match) for match in _HALF_RE.finditer(text.value)):
            continue
        for offset, piece in textrefs.literal_spans(text.value):
            for match in filter(_beside_chinese, _HALF_RE.finditer(piece)):
                char = match.group(0)
                yield Violation(CHECK, text.where.char(offset + match.start()), args={"char": char, "full": _FULL[char]})
