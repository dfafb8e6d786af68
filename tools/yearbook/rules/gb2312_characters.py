"""YB406 gb2312-characters: a character outside GB 2312 while the fonts are the GB2312 profile (warning).

仿宋_GB2312 and 楷体_GB2312, the fonts many offices' templates name, hold the 6,763 hanzi of GB 2312 and its
symbols, nothing more: a rarer character in a name or a place (“堃”, “喆”, “赟”) prints as an empty box. The rule
runs only when `.yearbook.yaml` says `fonts: gb2312`; each character is reported once a text, where it stands.
"""

from __future__ import annotations

from collections.abc import Iterator

from yearbook.findings import Check, Severity, Violation
from yearbook.report.glyphs import in_gb2312
from yearbook.rules.context import Context

CHECK = Check(
    "YB406",
    "gb2312-characters",
    Severity.WARNING,
    {
        "default": (
            "“{char}”（U+{code}）不在 GB 2312 字符集中，所用的仿宋_GB2312、楷体_GB2312 字体没有这个字，打印出来是方框。"
            "请核对是否必须用这个字；必须用时，在 .yearbook.yaml 中改用 fonts: windows（仿宋、楷体有此字）。",
            "'{char}' (U+{code}) is outside GB 2312: the 仿宋_GB2312 and 楷体_GB2312 fonts in use do not have it, and it prints as "
            "an empty box. Check whether it must be this character; if so, set fonts: windows in .yearbook.yaml (仿宋 and 楷体 have it).",
        )
    },
)


def run(context: Context) -> Iterator[Violation]:
    if context.fonts != "gb2312" or context.corpus.isascii():
        return
    for text in context.texts:
        seen: set[str] = set()
        for index, char in enumerate(text.value):
            if char in seen or char.isascii() or char.isspace() or in_gb2312(char):
                continue
            seen.add(char)
            yield Violation(CHECK, text.where.char(index), args={"char": char, "code": f"{ord(char):04X}"})
