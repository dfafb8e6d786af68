"""The report's title: the record's own lines, or one made from the topic, broken to fit the 2号 title line."""

from __future__ import annotations

from collections.abc import Callable

from yearbook import textrefs
from yearbook.model import Text
from yearbook.prose import normalize

TITLE_CELLS = 20  # 2号 (22 pt) characters across the 156 mm type area
_TITLE_BREAK_AFTER = "及和与暨的"


def title_of(title: Text | None, topic: Text, year: int, resolve: Callable[[str], str] | None = None) -> tuple[str, ...]:
    """The title's lines as printed: the record's own title, or one made from the topic; `{org}`, `{year}` and
    other references are replaced through `resolve` (left as written without one) before the lines are broken,
    so that the break falls where the printed words are."""
    if title is not None:
        lines = tuple(_interpolate(normalize(line), resolve) for line in title.value.split("\n") if line.strip())
        return lines if len(lines) > 1 else title_lines(lines[0])
    return title_lines(f"{year}年度{_interpolate(normalize(topic.value), resolve)}总结及{year + 1}年工作计划")


def _interpolate(text: str, resolve: Callable[[str], str] | None) -> str:
    if resolve is None:
        return text
    return "".join(piece if isinstance(piece, str) else resolve(piece.name) for piece in textrefs.pieces(text))


def title_lines(title: str) -> tuple[str, ...]:
    """Break a long title into lines that fit, after a conjunction when one allows it (trapezoid shape),
    never inside a number."""
    if len(title) <= TITLE_CELLS:
        return (title,)
    candidates = [i + 1 for i, ch in enumerate(title) if ch in _TITLE_BREAK_AFTER and i + 1 <= TITLE_CELLS and len(title) - i - 1 <= TITLE_CELLS]
    if not candidates:
        middle = len(title) // 2
        candidates = [i for i in range(1, len(title)) if not (title[i - 1].isdigit() and title[i].isdigit())]
        candidates.sort(key=lambda i: abs(i - middle))
        candidates = candidates[:1]
    cut = min(candidates, key=lambda i: abs(len(title) - 2 * i))
    return (title[:cut], *title_lines(title[cut:]))
