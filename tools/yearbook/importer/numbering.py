"""Typed numbering read back, the inverse of `report/numbering.py`: which heading style a paragraph opens with
(一、 （一） 1. 1、 （1） ① 第一部分), its number, the heading text and, for a run-in heading, the body after it;
and the run-in points (一是/首先/①) a paragraph holds. Pure: text in, structure out.

The importer uses it to take typed numbers out of an old report and record the style instead, so that the
report numbers the same way. A heading is only what a reader would take for one: the number at the very start,
followed by text; 2023年, 1.5倍, 第一议题 and 一是 inside a sentence are not headings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_CN = "一二三四五六七八九十"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"

# (style, pattern of the number at the start). Order matters: （一） before 一、, 1、 before 1.
_HEADINGS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("第一部分", re.compile(rf"第([{_CN}]+)部分[\s　、：:]*")),
    ("（一）", re.compile(rf"[（(]([{_CN}]+)[）)]\s*")),
    ("（1）", re.compile(r"[（(]([0-9]{1,2})[）)]\s*")),
    ("一、", re.compile(rf"([{_CN}]+)、\s*")),
    ("1、", re.compile(r"([0-9]{1,2})、\s*")),
    ("1.", re.compile(r"([0-9]{1,2})[.．](?![0-9])\s*")),
    ("①", re.compile(rf"([{_CIRCLED}])\s*")),
)
_STOPS = "。！？；"


def chinese_value(text: str) -> int:
    """一 → 1, 十 → 10, 十二 → 12, 二十 → 20, 九十九 → 99."""
    if "十" not in text:
        return _CN.index(text) + 1
    tens, _, ones = text.partition("十")
    return (_CN.index(tens) + 1 if tens else 1) * 10 + (_CN.index(ones) + 1 if ones else 0)


def _value(style: str, digits: str) -> int:
    if style in ("一、", "（一）", "第一部分"):
        return chinese_value(digits)
    if style == "①":
        return _CIRCLED.index(digits) + 1
    return int(digits)


@dataclass(frozen=True, slots=True)
class TypedHeading:
    style: str  # the style's name as in `numbering.headings`: 一、 （一） 1. 1、 （1） ① 第一部分
    number: int
    text: str  # the heading without its number (and without the full stop of a run-in heading)
    body: str  # for a run-in heading, the paragraph after it; otherwise empty


def opens_with_number(paragraph: str) -> bool:
    """Whether a paragraph begins with what looks like a typed heading number (whether or not it is a heading)."""
    return any(pattern.match(paragraph.strip()) for _, pattern in _HEADINGS)


def typed_heading(paragraph: str, run_in_limit: int = 40) -> TypedHeading | None:
    """The heading a paragraph opens with, or None. A numbered paragraph whose first sentence is short and ends
    with 。 and goes on is a run-in heading (“（一）强化组织保障。镇党委……”); a numbered paragraph that is one
    long sentence is a numbered paragraph of body text, not a heading (None)."""
    text = paragraph.strip()
    for style, pattern in _HEADINGS:
        match = pattern.match(text)
        if match is None or match.end() == len(text):
            continue
        rest = text[match.end() :]
        number = _value(style, match.group(1))
        stop = min((i for i in (rest.find(mark) for mark in _STOPS) if i >= 0), default=-1)
        if stop < 0 and not rest.endswith(("。", "：")):
            return TypedHeading(style, number, rest, "")
        if 0 <= stop <= run_in_limit and stop + 1 < len(rest):
            return TypedHeading(style, number, rest[:stop], rest[stop + 1 :])
        if stop < 0 or stop + 1 == len(rest):
            return TypedHeading(style, number, rest.rstrip("。："), "") if len(rest) <= run_in_limit else None
        return None
    return None


_POINT_STARTS: dict[str, re.Pattern[str]] = {
    "一是": re.compile(rf"([{_CN}]+)是"),
    "首先": re.compile(r"(首先|其次|再次|最后)[，,]"),
    "①": re.compile(rf"([{_CIRCLED}])"),
}


@dataclass(frozen=True, slots=True)
class TypedPoint:
    lead: str
    text: str  # after the lead (empty when the point is only a lead)


def typed_points(paragraph: str, first: int | None = 1) -> tuple[str, tuple[TypedPoint, ...], str] | None:
    """The point style and points of a paragraph that *is* points: either one point (“一是加强学习。组织……”), or
    several run together (“一是……，……；二是……。” or “一是……。……。二是……。”, returned with the ；or 。 that joins
    them; "" for one point in its own paragraph). The numbers must run 1, 2, 3 … from the
    start of the paragraph; “一是” met in the middle of a sentence is not a point. `first` is the number the
    paragraph must open with (2 for the paragraph after 一是's; None: any, when the caller keeps no count)."""
    text = paragraph.strip()
    for style, start in _POINT_STARTS.items():
        start_match = start.match(text)
        if start_match is None:
            continue
        if style == "首先":  # 再次 and 最后 stand wherever the list has got to (third, fourth … or second)
            word = start_match.group(1)
            opening = {"首先": 1, "其次": 2}.get(word, first if first is not None and first >= 2 else 2)
        else:
            opening = _value("一、" if style == "一是" else "①", start_match.group(1))
        if first is not None and opening != first:
            return None
        pieces = _split_points(text, style, opening)
        if pieces is None:
            return None
        joiners = {piece[-1:] for piece in pieces[:-1]}
        if len(joiners) > 1:
            return None  # run together with ；here and 。there: kept as the paragraph it is
        together = joiners.pop() if joiners else ""
        points = tuple(_lead_and_text(piece, bool(together)) for piece in pieces)
        return style, points, together
    return None


def _split_points(text: str, style: str, opening: int) -> list[str] | None:
    """The paragraph cut at each following number (一是/二是…, ①/②…, 其次/再次/最后) that follows a ；or 。."""
    if style == "首先":
        cuts = [m.start() for m in re.finditer(r"(?<=[；。])(其次|再次|最后)[，,]", text)] if text.startswith("首先") else []
        starts = [0, *cuts]
        pieces = [text[a:b] for a, b in zip(starts, [*cuts, len(text)], strict=True)]
        return [re.sub(r"^(首先|其次|再次|最后)[，,]", "", piece) for piece in pieces]
    expected, position, starts = opening + 1, 0, [0]
    while True:
        marker = (_number_word(expected) + "是") if style == "一是" else (_CIRCLED[expected - 1] if expected <= len(_CIRCLED) else "")
        found = text.find(marker, position)
        while found > 0 and text[found - 1] not in "；。":
            found = text.find(marker, found + 1)
        if not marker or found < 0:
            break
        starts.append(found)
        position, expected = found + 1, expected + 1
    pieces = [text[a:b] for a, b in zip(starts, [*starts[1:], len(text)], strict=True)]
    prefix = re.compile(rf"^[{_CN}]+是" if style == "一是" else rf"^[{_CIRCLED}]")
    return [prefix.sub("", piece) for piece in pieces]


def _number_word(n: int) -> str:
    from yearbook.report.numbering import chinese

    return chinese(n)


def _lead_and_text(piece: str, together: bool) -> TypedPoint:
    """A point's lead is its first clause: up to 。 when apart (“加强学习。组织……”), up to ， when run together
    (“加强学习，组织……；”); the joining ；/。 at the end of a run-together point is the report's to add."""
    if together:
        piece = piece[:-1] if piece.endswith(("；", "。")) else piece
        cut = min((i for i in (piece.find("，"), piece.find("。")) if i >= 0), default=-1)
        if cut < 0:
            return TypedPoint(piece, "")
        lead = piece[: cut + 1] if piece[cut] == "。" else piece[:cut]  # a lead that is a sentence keeps its 。
        return TypedPoint(lead, piece[cut + 1 :] + "。" if piece[cut + 1 :] else "")
    lead, sep, rest = piece.partition("。")
    return TypedPoint(lead, rest if sep else "")
