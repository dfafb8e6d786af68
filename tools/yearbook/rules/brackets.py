"""YB403 unbalanced-pairs: “” ‘’ 《》 （） 【】 open and close in pairs, properly nested.

A missing closing quote or book-title mark is easy to miss by eye in a long paragraph; the finding
points at the mark left without its partner.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from yearbook.findings import Check, Severity, Violation
from yearbook.rules.context import Context

CHECK = Check(
    "YB403",
    "unbalanced-pairs",
    Severity.ERROR,
    {
        "unclosed": (
            "“{open}”没有配对的“{close}”。请补上“{close}”，或删去多余的“{open}”。",
            "'{open}' has no matching '{close}'. Add the '{close}' or remove the '{open}'.",
        ),
        "unopened": (
            "“{close}”前面没有配对的“{open}”。请补上“{open}”，或删去多余的“{close}”。",
            "'{close}' has no matching '{open}' before it. Add the '{open}' or remove the '{close}'.",
        ),
    },
)

_PAIRS = {"“": "”", "‘": "’", "《": "》", "（": "）", "【": "】"}
_CLOSERS = {close: open_ for open_, close in _PAIRS.items()}
_MARK_RE = re.compile("[" + "".join(_PAIRS) + "".join(_CLOSERS) + "]")


def unbalanced(value: str) -> tuple[str, int] | None:
    """("unclosed" | "unopened", offset) of the first mark without its partner, or None."""
    stack: list[tuple[str, int]] = []
    for match in _MARK_RE.finditer(value):
        offset, char = match.start(), match.group(0)
        if char in _PAIRS:
            stack.append((char, offset))
        elif stack and stack[-1][0] == _CLOSERS[char]:
            stack.pop()
        else:
            return "unopened", offset
    return ("unclosed", stack[0][1]) if stack else None


def run(context: Context) -> Iterator[Violation]:
    for text in context.texts:
        value = text.value
        found = unbalanced(value)
        if found is not None:
            variant, offset = found
            char = value[offset]
            open_ = char if char in _PAIRS else _CLOSERS[char]
            yield Violation(CHECK, text.where.char(offset), variant, {"open": open_, "close": _PAIRS[open_]})
