"""YB405 paragraph-ending: a paragraph that does not end with closing punctuation (warning).

Paragraphs end with 。！？ (or ；：… where a list or a quotation goes on). One that stops short usually lost its
last words or its full stop in editing, and in print its end is easy to miss: the seed's “…不到位的情况” ended a
paragraph with no full stop. Headings, leads, table cells, titles, signatures and notes are not paragraphs.
"""

from __future__ import annotations

from collections.abc import Iterator

from yearbook.findings import Check, Severity, Violation
from yearbook.rules.context import Context

CHECK = Check(
    "YB405",
    "paragraph-ending",
    Severity.WARNING,
    {
        "default": (
            "这一段没有以句末标点结尾（最后是“{last}”）。请看看是否漏了字或漏了“。”，补上句末标点。",
            "this paragraph does not end with closing punctuation (it ends with '{last}'). Check for missing words or a missing '。', and add the closing mark.",
        )
    },
)

ENDINGS = "。！？；：…”’）》】—.!?"
PARAGRAPHS = frozenset(("paragraphs", "opening", "closing", "intro"))  # lists whose items are paragraphs
ITEMS = frozenset(("points", "problems", "plans", "events"))  # whose `text` ends a paragraph


def _is_paragraph(path: tuple[object, ...]) -> bool:
    if len(path) >= 2 and isinstance(path[-1], int) and path[-2] in PARAGRAPHS:
        return True
    return len(path) >= 3 and path[-1] == "text" and path[-3] in ITEMS


def run(context: Context) -> Iterator[Violation]:
    for text in context.texts:
        value = text.value.rstrip()
        if value.endswith("}") and not value.endswith("}}"):
            continue  # ends with a named value, whose text says how it ends (a carried plan's 落实情况)
        if value and value[-1] not in ENDINGS and _is_paragraph(text.where.path):
            yield Violation(CHECK, text.where.char(len(value) - 1), args={"last": value[-1]})
