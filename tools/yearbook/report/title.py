"""The report's title: the record's own lines, or one made from the topic, broken to fit the 2号 title line."""

from __future__ import annotations

from collections.abc import Callable

from yearbook import textrefs
from yearbook.model import Text
from yearbook.prose import normalize

TITLE_CELLS = 20  # 2号 (22 pt) characters across the 156 mm type area
_TITLE_BREAK_AFTER = "及和与暨的"
# Words the genre's titles are built from: a line may start with the first kind or end with the second.
_WORDS_STARTING = ("关于", "工作", "执行", "落实", "情况", "总结", "报告", "计划", "要点", "方案", "建设", "管理")
_WORDS_ENDING = ("年度", "学年", "党委", "党组", "人民政府", "委员会", "公司", "集团", "局", "厅", "院", "校")


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
    """Break a long title into lines that fit (trapezoid shape), between words: after a conjunction when one
    allows it; else at a word the genre's titles are made of (…年度｜, ｜关于, ｜工作, ｜执行, ｜情况, ｜报告 …);
    only failing both, at the most balanced point that splits no number and no Latin word."""
    if len(title) <= TITLE_CELLS:
        return (title,)
    for fits in (_both_fit, _first_fits):
        for tier in _tiers(title):
            candidates = [i for i in tier if fits(title, i)]
            if candidates:
                cut = min(candidates, key=lambda i: abs(len(title) - 2 * i)) if fits is _both_fit else max(candidates)
                return (title[:cut], *title_lines(title[cut:]))
    return (title[:TITLE_CELLS], *title_lines(title[TITLE_CELLS:]))  # not reached: tier 3 has every point


def _both_fit(title: str, cut: int) -> bool:
    return cut <= TITLE_CELLS and len(title) - cut <= TITLE_CELLS


def _first_fits(title: str, cut: int) -> bool:
    return cut <= TITLE_CELLS


def _tiers(title: str) -> tuple[list[int], list[int], list[int]]:
    points = range(1, len(title))
    conjunctions = [i for i in points if title[i - 1] in _TITLE_BREAK_AFTER]
    words = [
        i
        for i in points
        if title[i - 1] in "、，：" or title.startswith(_WORDS_STARTING, i) or (title.endswith(_WORDS_ENDING, 0, i) and not title[i].isdigit())
    ]
    anywhere = [i for i in points if not (title[i - 1].isascii() and title[i - 1].isalnum() and title[i].isascii() and title[i].isalnum())]
    return conjunctions, words, anywhere
