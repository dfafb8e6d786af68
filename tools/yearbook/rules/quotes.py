"""YB402 ascii-quotes: Chinese text quotes with “” and ‘’, not with `"` or `'`.

Straight quotes print in a Latin font and cannot say which side they open; only texts that contain
Chinese are checked, so a Latin name such as O'Neil is left alone.
"""

from __future__ import annotations

from collections.abc import Iterator

from yearbook.findings import Check, Severity, Violation
from yearbook.prose import is_cjk
from yearbook.rules.context import Context

CHECK = Check(
    "YB402",
    "ascii-quotes",
    Severity.ERROR,
    {"default": ("中文里用了英文引号 {char}，应为中文引号“”（引文内再用‘’）。", "a straight quote {char} in Chinese text; use “” (and ‘’ inside them).")},
)


def run(context: Context) -> Iterator[Violation]:
    if '"' not in context.corpus and "'" not in context.corpus:
        return
    for text in context.texts:
        value = text.value
        if ('"' in value or "'" in value) and any(map(is_cjk, value)):
            for offset, char in enumerate(value):
                if char in "\"'":
                    yield Violation(CHECK, text.where.char(offset), args={"char": char})
