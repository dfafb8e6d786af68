"""Chinese official-document numbering, computed from order in the document's own style.

Headings: 一、（一）1.（1） by default (GB/T 9704 7.3.3), and the other styles the genre uses: 1、 ①
第一部分, or none. Points inside body text: 一是/二是 by default, 首先/其次/最后, ①②③, or none. A style is
named by how its first number looks, which is what a writer copying an old report can see.
"""

from __future__ import annotations

from collections.abc import Callable

_DIGITS = "零一二三四五六七八九"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"


def chinese(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 99 → 九十九; from 100 on, Arabic digits (no report lists that many)."""
    if n <= 0:
        raise ValueError(f"numbering starts at 1, not {n}")
    if n < 10:
        return _DIGITS[n]
    if n < 20:
        return "十" + (_DIGITS[n % 10] if n % 10 else "")
    if n < 100:
        return _DIGITS[n // 10] + "十" + (_DIGITS[n % 10] if n % 10 else "")
    return str(n)


def circled(n: int) -> str:
    """① … ⑳, then (21) and on: Unicode has circled numbers up to 50 but fonts for body text stop at 20."""
    return _CIRCLED[n - 1] if 1 <= n <= len(_CIRCLED) else f"({n})"


HEADING_STYLES: dict[str, Callable[[int], str]] = {
    "一、": lambda n: f"{chinese(n)}、",
    "（一）": lambda n: f"（{chinese(n)}）",
    "1.": lambda n: f"{n}.",
    "1、": lambda n: f"{n}、",
    "（1）": lambda n: f"（{n}）",
    "①": circled,
    "第一部分": lambda n: f"第{chinese(n)}部分　",
    "none": lambda n: "",
}
GB_HEADINGS = ("一、", "（一）", "1.", "（1）")

_ORDINAL_WORDS = ("首先", "其次", "再次")


def _ordinal_word(n: int, total: int) -> str:
    if n == total and n > 1:
        return "最后，"
    return _ORDINAL_WORDS[min(n, len(_ORDINAL_WORDS)) - 1] + "，"


POINT_STYLES: dict[str, Callable[[int, int], str]] = {
    "一是": lambda n, total: f"{chinese(n)}是",
    "首先": _ordinal_word,
    "①": lambda n, total: circled(n),
    "none": lambda n, total: "",
}


def heading_number(level: int, n: int, styles: tuple[str, ...] = GB_HEADINGS) -> str:
    """The number of the nth heading at a level (1-based) in the given styles; deeper levels repeat the last."""
    return HEADING_STYLES[styles[min(level, len(styles)) - 1]](n)


def point_number(n: int, style: str = "一是", total: int = 0) -> str:
    """The run-in number of the nth of `total` points: 一是, 首先， / 最后，, ①."""
    return POINT_STYLES[style](n, total or n)
