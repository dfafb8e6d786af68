"""YB404 typed-numbering: a heading or a lead does not start with numbering typed by hand.

The report numbers headings (一、（一）1.（1）) and points (一是、二是) itself, from their order. A heading
written “（一）加强组织领导” prints as “（一）（一）加强组织领导”, a lead written “三是强化引导” as “三是三是强化引导”;
and the typed number goes stale as soon as an item is added or moved. Text that merely begins with a numeral
(“第一议题”, “2023年”, “1.5倍”) is not numbering and is left alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from yearbook.findings import Check, Severity, Violation
from yearbook.rules.context import Context

CHECK = Check(
    "YB404",
    "typed-numbering",
    Severity.ERROR,
    {
        "default": (
            "开头的“{number}”是手工输入的编号。报告按顺序自动编号，印出来会重复（如“三是三是”“（一）（一）”），调整顺序后还会错位。请删去“{number}”。",
            "'{number}' at the start is numbering typed by hand. The report numbers items from their order, so it would print twice "
            "(like “三是三是”) and go stale when items move. Delete '{number}'.",
        )
    },
)

_NUMERAL = "一二三四五六七八九十百零〇"
_TYPED = re.compile(
    rf"""\s*(
        第[{_NUMERAL}0-9]+(?:部分|章|节|条|项|是)[、，,：:．.\s]?   # 第一部分 第二条
      | 第[{_NUMERAL}]+[、，,：:]                                 # 第一， (but not 第一议题)
      | [{_NUMERAL}]+[、是]                                        # 一、 一是
      | [（(][{_NUMERAL}0-9]+[）)]                                 # （一） （1）
      | [0-9]+[、．]                                               # 1、 1．
      | [0-9]+\.(?![0-9])                                          # 1. (but not 1.5倍)
      | [①-⑳㉑-㉟]                                                 # ①
      | (?:首先|其次|再次|最后)[，,、：:]                          # 首先，
    )""",
    re.VERBOSE,
)


def run(context: Context) -> Iterator[Violation]:
    for text in context.year.numbered():
        match = _TYPED.match(text.value)
        if match is not None:
            number = match.group(1).strip()
            yield Violation(CHECK, text.where.char(match.start(1)), args={"number": number})
