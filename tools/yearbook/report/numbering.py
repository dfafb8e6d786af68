"""Chinese official-document numbering, computed from order: 一、（一）1.（1） and 一是、二是."""

from __future__ import annotations

_DIGITS = "零一二三四五六七八九"


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


def heading_number(level: int, n: int) -> str:
    """The number of the nth heading at a level: 一、 / （一） / 1. / （1）; deeper levels repeat （1）."""
    if level == 1:
        return f"{chinese(n)}、"
    if level == 2:
        return f"（{chinese(n)}）"
    if level == 3:
        return f"{n}."
    return f"（{n}）"


def point_number(n: int) -> str:
    """一是, 二是, …: the run-in numbering of points inside body text."""
    return f"{chinese(n)}是"
