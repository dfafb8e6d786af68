"""Computed figures: sums, ratios and change against last year's folder, as the report prints them and as
`check` and `diff --years` see them."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import Run
from genre import reader_lines

from yearbook.engine import Options, check_tree
from yearbook.report.compile import compile_year

ORG = "format: 2\nname: 青禾县供水有限公司\nshort_name: 县供水公司\n"
LAST = """
  revenue: {label: 营业收入, kind: number, unit: 亿元, value: 10.0}
  share: {label: 管网覆盖率, kind: percent, unit: '%', value: 35.5}
"""
THIS = """
  revenue: {label: 营业收入, kind: number, unit: 亿元, value: 12.5}
  revenue-growth: {label: 营业收入同比增长, kind: rate, unit: '%', compute: growth(revenue)}
  revenue-last: {label: 上年营业收入, kind: number, unit: 亿元, compute: last(revenue)}
  share: {label: 管网覆盖率, kind: percent, unit: '%', value: 38.0}
  share-change: {label: 覆盖率提高, kind: number, unit: 个百分点, compute: change(share)}
  staff-a: {label: 生产人员, kind: count, unit: 人, value: 120}
  staff-b: {label: 管理人员, kind: count, unit: 人, value: 80}
  staff: {label: 职工总数, kind: count, unit: 人, compute: 'sum(staff-a, staff-b)'}
  done: {label: 完成供水量, kind: number, unit: 万吨, value: 2100}
  target: {label: 计划供水量, kind: number, unit: 万吨, value: 2000}
  completion: {label: 计划完成率, kind: rate, unit: '%', compute: 'ratio(done, target)', decimals: 2}
"""
TEXT = (
    "全年实现营业收入{revenue}亿元（上年{revenue-last}亿元），同比增长{revenue-growth}%；管网覆盖率{share}%，提高{share-change}个百分点；"
    "职工总数{staff}人；供水量完成计划的{completion}%。"
)


def tree(root: Path, this: str = THIS, last: str | None = LAST) -> Path:
    records = root / "records"
    records.mkdir()
    (records / "org.yaml").write_text(ORG, encoding="utf-8")
    for year, figures in ((2022, last), (2023, this)):
        if figures is None:
            continue
        folder = records / str(year)
        folder.mkdir()
        report = f"format: 2\nyear: {year}\nparts: [figures]\ntopic: 经营工作\nopening:\n  - 总结如下。\ndate: {year + 1}-01-10\n"
        (folder / "report.yaml").write_text(report, encoding="utf-8")
        part = f"format: 2\nyear: {year}\ntype: figures\nheading: 主要指标完成情况\nfigures:{figures}intro:\n  - '{TEXT if year == 2023 else '全年实现营业收入{revenue}亿元，管网覆盖率{share}%。'}'\n"
        (folder / "figures.yaml").write_text(part, encoding="utf-8")
    return records


def printed(records: Path) -> str:
    result = check_tree(records, None, Options())
    return reader_lines(compile_year(result.years[2023], result.org))[3]


def findings(yearbook: Callable[..., Run], records: Path, code: str) -> list[dict[str, object]]:
    return [f for f in json.loads(yearbook("check", str(records), "--format", "json").out)["findings"] if f["code"] == code]


def test_computed_figures_print_with_their_rounding(tmp_path: Path, yearbook: Callable[..., Run]) -> None:
    records = tree(tmp_path)
    assert json.loads(yearbook("check", str(records), "--format", "json").out)["findings"] == []
    assert printed(records) == (
        "全年实现营业收入12.5亿元（上年10.0亿元），同比增长25.0%；管网覆盖率38.0%，提高2.5个百分点；职工总数200人；供水量完成计划的105.00%。"
    )


def test_a_negative_growth_prints_with_its_sign(tmp_path: Path) -> None:
    records = tree(tmp_path, THIS.replace("value: 12.5}", "value: 9.88}"))
    assert "同比增长-1.2%" in printed(records)


def test_an_unfilled_input_leaves_the_result_unfilled_and_is_named(tmp_path: Path, yearbook: Callable[..., Run]) -> None:
    records = tree(tmp_path, THIS.replace("unit: 人, value: 80}", "unit: 人, value: }"))
    assert "职工总数【待填：职工总数】人" in printed(records)
    found = [f for f in findings(yearbook, records, "YB302") if "staff）" in str(f["message"])]
    assert len(found) == 1 and found[0]["line"] == 13 and "由 sum(staff-a, staff-b) 算出，但 staff-b 尚未填写" in str(found[0]["message"])


def test_an_unfilled_input_of_last_year_is_named_with_its_year(tmp_path: Path, yearbook: Callable[..., Run]) -> None:
    records = tree(tmp_path, last=LAST.replace("value: 10.0}", "value: }"))
    assert "同比增长【待填：营业收入同比增长】%" in printed(records)
    messages = [str(f["message"]) for f in findings(yearbook, records, "YB302") if str(f["file"]).endswith("records/2023/figures.yaml")]
    assert any("revenue-growth" in m and "2022年 revenue 尚未填写" in m for m in messages), messages


@pytest.mark.parametrize(
    ("old", "new", "words"),
    [
        ("compute: 'sum(staff-a, staff-b)'", "compute: 'total(staff-a, staff-b)'", "看不懂计算式"),
        ("compute: 'sum(staff-a, staff-b)'", "compute: 'sum(staff-a, staf-b)'", "“staf-b”不是本年度的命名数值。是不是“staff-b”"),
        ("compute: 'ratio(done, target)'", "compute: 'ratio(done, target, staff)'", "看不懂计算式"),
        ("unit: 万吨, value: 2000}", "unit: 万吨, value: 0}", "“target”为 0，不能作除数"),
        ("compute: 'sum(staff-a, staff-b)'}", "compute: 'sum(staff-a、staff-b)', value: 200}", "同时写了 value 和 compute"),
    ],
)
def test_a_formula_that_cannot_be_computed_is_located(tmp_path: Path, yearbook: Callable[..., Run], old: str, new: str, words: str) -> None:
    records = tree(tmp_path, THIS.replace(old, new))
    found = findings(yearbook, records, "YB304")
    assert len(found) == 1 and words in str(found[0]["message"]), found
    formula = "ratio(done, target)" if "为 0" in words else new  # a zero divisor is reported at the formula dividing by it
    line = next(n for n, text in enumerate((records / "2023" / "figures.yaml").read_text(encoding="utf-8").splitlines(), start=1) if formula in text)
    assert str(found[0]["file"]).endswith("records/2023/figures.yaml") and found[0]["line"] == line


def test_formulas_in_a_circle_are_reported(tmp_path: Path, yearbook: Callable[..., Run]) -> None:
    circle = THIS + "  a: {label: 甲, kind: number, compute: 'sum(b, done)'}\n  b: {label: 乙, kind: number, compute: 'sum(a, done)'}\n"
    found = findings(yearbook, tree(tmp_path, circle), "YB304")
    assert found and all("循环引用" in str(f["message"]) for f in found) and any("a → b → a" in str(f["message"]) for f in found)


def test_growth_without_last_years_folder_says_what_is_missing(tmp_path: Path, yearbook: Callable[..., Run]) -> None:
    found = findings(yearbook, tree(tmp_path, last=None), "YB304")
    assert {str(f["message"]).split("”")[0] for f in found} == {"计算“revenue", "计算“share"}
    assert all("2022 年度中同一标识" in str(f["message"]) for f in found)


def test_the_years_comparison_agrees_with_the_report(tmp_path: Path, yearbook: Callable[..., Run]) -> None:
    records = tree(tmp_path)
    out = yearbook("diff", "--years", "2022", "2023", "--records", str(records)).out
    revenue = next(line for line in out.splitlines() if "营业收入" in line and "10.0" in line)
    assert "+25.0%" in revenue  # the report prints 同比增长25.0%
    assert "+2.5 个百分点" in next(line for line in out.splitlines() if "管网覆盖率" in line)
