"""YB303 placeholder-text: a literal placeholder left in the text (warning; error with `--final`).

`*`, `＊`, `XX`, `××`, `某某`, `___` and 【待填】 are how blanks are typed in Word; in records a blank is
a named value with an empty `value`, so the report shows it, the diff tracks it and `--final` stops it.
"""

from __future__ import annotations

from collections.abc import Iterator

from yearbook import textrefs
from yearbook.findings import Check, Severity, Violation
from yearbook.prose import PLACEHOLDER_RE
from yearbook.rules.context import Context

CHECK = Check(
    "YB303",
    "placeholder-text",
    Severity.WARNING,
    {
        "default": (
            "文中留有占位符“{placeholder}”。请填上实际内容；若暂时不知道，请在 figures 中定义一个命名数值（value 留空）并写 {{标识}} 引用它。",
            "a placeholder '{placeholder}' is left in the text. Write the real content; if it is not known yet, define a named value with an empty value under figures and refer to it as {{id}}.",
        )
    },
    escalates_when_final=True,
)

_TRIGGERS = ("*", "＊", "XX", "xx", "Xx", "xX", "××", "ＸＸ", "某某", "___", "＿＿", "【待填")  # substring tests are far cheaper than the regex


def run(context: Context) -> Iterator[Violation]:
    if not any(trigger in context.corpus for trigger in _TRIGGERS):
        return
    for text in context.texts:
        if not PLACEHOLDER_RE.search(text.value):
            continue
        for offset, piece in textrefs.literal_spans(text.value):
            for match in PLACEHOLDER_RE.finditer(piece):
                yield Violation(CHECK, text.where.char(offset + match.start()), args={"placeholder": match.group(0)})
