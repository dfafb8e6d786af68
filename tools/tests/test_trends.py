"""`yearbook trends`: figures across years as PNG and SVG charts in a Chinese font this machine has, a workbook with
native line charts, and a Markdown page whose changes are worked out as the report works them out."""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import Run, copy_year, edit
from lxml import etree
from PIL import Image

from yearbook import compute
from yearbook.report.glyphs import FontFile, uncovered
from yearbook.trends_cmd import _font_file


@pytest.fixture
def three_years(records: Path) -> Path:
    copy_year(records, 2023, 2022)
    copy_year(records, 2023, 2024)
    for year, papers, rate in ((2022, 10, 95), (2023, 12, 100), (2024, 15, 98.5)):
        activities = records / str(year) / "activities.yaml"
        edit(activities, "unit: 篇, value: }\n      lectures", f"unit: 篇, value: {papers}}}\n      lectures")
        edit(activities, "value: 100}", f"value: {rate}}}")
    return records


def test_charts_workbook_and_page(three_years: Path, yearbook: Callable[..., Run]) -> None:
    out = three_years.parent / "trends"
    run = yearbook("trends", "--records", str(three_years), "--out", str(out))
    assert run.code == 0 and "已画出 2 个数值的趋势" in run.err
    assert sorted(p.name for p in out.iterdir()) == ["education-rate.png", "education-rate.svg", "papers.png", "papers.svg", "趋势.md", "趋势.xlsx"]
    image = Image.open(out / "papers.png")
    assert image.format == "PNG" and image.size == (960, 540)
    svg = etree.parse(str(out / "papers.svg"))
    assert svg.getroot().tag.endswith("svg") and not svg.findall(".//{http://www.w3.org/2000/svg}text")  # text drawn as outlines
    page = (out / "趋势.md").read_text(encoding="utf-8")
    assert "| 党组织书记撰写论文篇数 | 10 篇 | 12 篇 | 15 篇 | +25.0% |" in page
    assert f"+{compute.growth(12, 15, 1)}%" in page  # the growth the report's growth(…) prints
    assert "| 党员受教育率 | 95% | 100% | 98.5% | -1.5 个百分点 |" in page
    assert "![党组织书记撰写论文篇数](papers.png)" in page
    with zipfile.ZipFile(out / "趋势.xlsx") as book:
        charts = sorted(name for name in book.namelist() if name.startswith("xl/charts/chart"))
        assert len(charts) == 2
        chart = book.read(charts[0]).decode("utf-8")
        assert "<lineChart>" in chart and "'趋势'!$C$2:$E$2" in chart and "党组织书记撰写论文篇数" in chart


def test_the_charts_font_is_a_chinese_font_that_exists() -> None:
    font = _font_file()
    assert font is not None and Path(font).is_file()
    assert uncovered("党员受教育率𐀀", [FontFile("chart", font, 0)]) == ["𐀀"]  # it has the hanzi


def test_choosing_figures_and_years(three_years: Path, yearbook: Callable[..., Run]) -> None:
    out = three_years.parent / "one"
    run = yearbook("trends", "--records", str(three_years), "--out", str(out), "--figures", "education-rate", "--years", "2023..2024")
    assert run.code == 0 and sorted(p.name for p in out.iterdir()) == ["education-rate.png", "education-rate.svg", "趋势.md", "趋势.xlsx"]
    assert "| 党员受教育率 | 100% | 98.5% | -1.5 个百分点 |" in (out / "趋势.md").read_text(encoding="utf-8")
    assert yearbook("trends", "--records", str(three_years), "--figures", "no-such").code == 2
    assert yearbook("trends", "--records", str(three_years), "--years", "2024..2024").code == 2


def test_one_year_is_not_a_trend(records: Path, yearbook: Callable[..., Run]) -> None:
    run = yearbook("trends", "--records", str(records), "--out", str(records.parent / "t"))
    assert run.code == 2 and "至少要两个年度" in run.err and not (records.parent / "t").exists()


def test_the_years_comparison_embeds_the_charts(three_years: Path, yearbook: Callable[..., Run], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(three_years.parent)
    assert yearbook("trends", "--out", "build/trends").code == 0
    run = yearbook("diff", "--years", "2023", "2024", "--format", "markdown", "--charts", "build/trends")
    assert run.code == 0 and "![党组织书记撰写论文篇数](build/trends/papers.png)" in run.out and "![党员受教育率](build/trends/education-rate.png)" in run.out


def test_without_the_plotting_library_the_fix_is_said(three_years: Path, yearbook: Callable[..., Run], monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "matplotlib", None)  # as in a `make report` install, which leaves it out
    run = yearbook("trends", "--records", str(three_years), "--out", str(three_years.parent / "t"))
    assert run.code == 2 and "make trends" in run.err and not (three_years.parent / "t").exists()
