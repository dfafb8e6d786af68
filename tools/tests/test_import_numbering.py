"""Typed numbering read back (the importer's first step), measured on every genre fixture: each heading the report
prints is recognised with its style, number and text, and no body paragraph is taken for a heading."""

from __future__ import annotations

import pytest
from genre import SHAPES, document_of

from yearbook.importer.numbering import chinese_value, typed_heading, typed_points
from yearbook.report.document import Heading, Paragraph


def _text(spans: tuple[object, ...]) -> str:
    return "".join(span.text for span in spans)  # type: ignore[attr-defined]


@pytest.mark.parametrize("shape", SHAPES)
def test_every_printed_heading_is_recognised_and_no_paragraph_is_taken_for_one(shape: str) -> None:
    document = document_of(shape)
    headings = paragraphs = 0
    for block in document.blocks:
        if isinstance(block, Heading) and block.number:
            line = block.number + _text(block.text) + _text(block.body)
            found = typed_heading(line)
            assert found is not None, line
            assert found.text == _text(block.text).rstrip("。") and found.body == _text(block.body), line
            headings += 1
        elif isinstance(block, Paragraph):
            line = _text(block.spans)
            if typed_points(line, first=None) is None:  # a point (② … in a list) is told from a heading by its list
                assert typed_heading(line) is None, line
                paragraphs += 1
    assert headings >= 3 and paragraphs >= 1


@pytest.mark.parametrize(
    ("line", "style", "number", "text", "body"),
    [
        ("一、总体情况", "一、", 1, "总体情况", ""),
        ("（十二）强化组织保障。镇党委坚持……", "（一）", 12, "强化组织保障", "镇党委坚持……"),
        ("3.抓好课堂教学", "1.", 3, "抓好课堂教学", ""),
        ("2、教学工作", "1、", 2, "教学工作", ""),
        ("（4）优化结构", "（1）", 4, "优化结构", ""),
        ("③完善制度", "①", 3, "完善制度", ""),
        ("第二部分　工作计划", "第一部分", 2, "工作计划", ""),
        ("一、要点", "一、", 1, "要点", ""),  # 要 after 一、 is a word, not 一要 (a point)
        ("二、要坚持问题导向", "一、", 2, "要坚持问题导向", ""),
    ],
)
def test_heading_styles(line: str, style: str, number: int, text: str, body: str) -> None:
    found = typed_heading(line)
    assert found is not None and (found.style, found.number, found.text, found.body) == (style, number, text, body)


@pytest.mark.parametrize(
    "line",
    [
        "2023年，全镇经济社会保持了持续健康发展的良好态势。",  # a year, not 2.
        "1.5倍的增长来自新签约项目。",  # a decimal
        "第一议题学习共开展十二次。",  # 第一 without 部分
        "一是加强学习，二是加强宣传，这是全年工作的主线，也是各支部在年初就已明确提出并逐月抓好落实的两项重点。",
        "（一）全年在门户网站主动公开各类信息一千二百八十六条，其中规划批前公示、土地征收启动公告、建设用地批复等重点领域信息全部在法定时限内发布并同步解读。",
    ],
)
def test_what_is_not_a_heading(line: str) -> None:
    assert typed_heading(line) is None


def test_points_apart_and_together() -> None:
    style, points, together = typed_points("一是加强学习。组织全体党员学习。") or ("", (), True)
    assert style == "一是" and not together and [(p.lead, p.text) for p in points] == [("加强学习", "组织全体党员学习。")]
    style, points, together = typed_points("一是强化招引，签约项目16个；二是优化服务，解决问题43个。") or ("", (), False)
    assert style == "一是" and together and [(p.lead, p.text) for p in points] == [("强化招引", "签约项目16个。"), ("优化服务", "解决问题43个。")]
    style, points, together = typed_points("首先，加大招聘力度，新增编制十个；其次，更新设备，优先物理实验室；最后，抓好培训，每月一次。") or ("", (), False)
    assert style == "首先" and [p.lead for p in points] == ["加大招聘力度", "更新设备", "抓好培训"]
    assert typed_points("全年工作中，一是抓学习的做法效果最好。") is None  # 一是 inside a sentence
    assert typed_points("二是加强宣传。") is None  # a list starts at one


def test_chinese_numbers() -> None:
    assert [chinese_value(t) for t in ("一", "十", "十二", "二十", "九十九")] == [1, 10, 12, 20, 99]
