"""The pure compile step: numbering, title lines, signature placement, dates, prose normalisation."""

from __future__ import annotations

import pytest

from yearbook.prose import cells, normalize
from yearbook.report.compile import date_text, signature_rights
from yearbook.report.numbering import chinese, heading_number, point_number
from yearbook.report.title import title_lines


@pytest.mark.parametrize(
    ("n", "text"), [(1, "一"), (9, "九"), (10, "十"), (11, "十一"), (19, "十九"), (20, "二十"), (21, "二十一"), (99, "九十九"), (100, "100")]
)
def test_chinese_numerals(n: int, text: str) -> None:
    assert chinese(n) == text


def test_heading_and_point_numbers() -> None:
    assert [heading_number(level, 3) for level in (1, 2, 3, 4, 5)] == ["三、", "（三）", "3.", "（3）", "（3）"]
    assert [point_number(n) for n in (1, 2, 12)] == ["一是", "二是", "十二是"]
    with pytest.raises(ValueError):
        chinese(0)


def test_long_title_breaks_after_a_conjunction_within_the_line() -> None:
    assert title_lines("2023年度意识形态工作总结及2024年工作计划") == ("2023年度意识形态工作总结及", "2024年工作计划")
    assert title_lines("关于做好年度工作") == ("关于做好年度工作",)
    lines = title_lines("某某集团有限公司二〇二三年安全生产标准化建设工作总结报告书全文")
    assert all(len(line) <= 20 for line in lines) and "".join(lines) == "某某集团有限公司二〇二三年安全生产标准化建设工作总结报告书全文"


def test_title_never_breaks_inside_a_number() -> None:
    title = "一二三四五六七八九十一二三四五六七八" + "2023" + "一二三四五六七八九十一二三四五六七八"
    lines = title_lines(title)
    assert all("2023" in line or "2" not in line for line in lines)


def test_dates_use_arabic_numerals_without_padding() -> None:
    assert date_text("2024-01-05") == "2024年1月5日"
    assert date_text("2024-11") == "2024年11月"


def test_signature_two_cells_from_the_right_and_date_two_cells_further_in() -> None:
    name, date = "中共某某集团有限公司委员会", "2024年1月15日"
    name_right, date_right = signature_rights(name, date)
    assert name_right == 2
    assert 28 - date_right - cells(date) == 28 - name_right - cells(name) + 2  # the date starts 2 cells further in
    # A date longer than the signature sits 2 cells from the edge and pushes the signature left.
    name_right, date_right = signature_rights("某局", "2024年12月25日")
    assert date_right == 2 and 28 - name_right - cells("某局") == 28 - date_right - cells("2024年12月25日") - 2


def test_folded_yaml_lines_leave_no_space_inside_chinese() -> None:
    assert normalize("加强组织领导，\n狠抓责任落实 ") == "加强组织领导，狠抓责任落实"
    assert normalize("使用 Python 3\nand Word") == "使用 Python 3 and Word"


def test_normalize_matches_the_lookaround_rule_it_replaced() -> None:
    """normalize tests neighbours by code point instead of a regex class; on random mixes of Chinese, Latin,
    full-width marks and every kind of space it gives what the lookaround pattern gave."""
    import random
    import re

    cjk = "\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef"
    between = re.compile(rf"(?<=[{cjk}])[ \t\r\n]+(?=[{cjk}])")
    alphabet = ["中", "文", "，", "。", "（", "Ａ", "a", "1", " ", "  ", "\n", "\t", "\r", "\u3000", "⺀", "鿿", "豈", "\uffef", "\ufff0", "\u2e7f"]
    rng = random.Random(9704)
    for _ in range(3000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 12)))
        assert normalize(text) == re.sub(r"[ \t\r\n]+", " ", between.sub("", text)).strip(), repr(text)


@pytest.mark.parametrize(
    ("title", "lines"),
    [
        ("某某县人民政府2023年度法治政府建设工作执行情况报告", ("某某县人民政府2023年度", "法治政府建设工作执行情况报告")),
        ("某某市财政局关于2023年度部门预算执行情况的报告", ("某某市财政局关于2023年度", "部门预算执行情况的报告")),
        ("关于某某区二〇二三年度重点项目推进执行情况的专项报告", ("关于某某区二〇二三年度", "重点项目推进执行情况的专项报告")),
        ("某某大学2023—2024学年第一学期教学工作总结", ("某某大学2023—2024学年", "第一学期教学工作总结")),
    ],
)
def test_a_title_without_a_conjunction_breaks_between_words(title: str, lines: tuple[str, ...]) -> None:
    assert title_lines(title) == lines
