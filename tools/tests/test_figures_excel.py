"""Figures through Excel and WPS: the sheet `figures export` writes (read back with openpyxl), the values colleagues
type in it (as openpyxl and as LibreOffice save them), and `figures import` writing them into the YAML with every
other byte unchanged; every bad cell located as Sheet!C7, and nothing written unless every row is good."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest
from conftest import Run

ACTIVITIES = "2023/activities.yaml"


@pytest.fixture
def sheet(records: Path, yearbook: Callable[..., Run]) -> Path:
    path = records.parent / "figures.xlsx"
    run = yearbook("figures", "export", "--records", str(records), "--xlsx", str(path))
    assert run.code == 0 and "已导出 26 个数值" in run.err
    return path


def _fill(path: Path, values: dict[str, object], target: Path | None = None, formats: dict[str, str] | None = None) -> Path:
    book = openpyxl.load_workbook(path)
    ws = book.active
    rows = {ws.cell(r, 1).value: r for r in range(3, ws.max_row + 1)}
    for fid, value in values.items():
        cell = ws.cell(rows[fid], 6)
        cell.value = value
        if formats and fid in formats:
            cell.number_format = formats[fid]
    out = target or path.with_name("filled.xlsx")
    book.save(out)
    return out


def test_the_exported_sheet(sheet: Path) -> None:
    book = openpyxl.load_workbook(sheet)
    ws = book.active
    assert ws.title == "数值" and book.properties.keywords == "yearbook:2023"
    assert [c.value for c in ws[2]] == ["标识", "名称", "类型", "单位", "上年数值", "本年数值", "负责人", "文中用处"]
    rows = {row[0].value: [c.value for c in row] for row in ws.iter_rows(min_row=3)}
    assert rows["education-rate"][1:6] == ["党员受教育率", "百分比", "%", None, 100]
    assert rows["guiding-thought"][6] == "党组"  # the plans' owner
    assert "撰写论文【】篇" in rows["papers"][7]
    validations = {str(v.sqref): (v.type, v.formula1, v.formula2) for v in ws.data_validations.dataValidation}
    counts = next(key for key, value in validations.items() if value[0] == "whole")
    assert "F3" in counts.split() and ("decimal", "0", "100") in validations.values()
    assert ws.protection.sheet and ws["A3"].protection.locked and not ws["F3"].protection.locked
    assert ws.column_dimensions["B"].width >= 20 and ws.freeze_panes == "B3"


def test_values_come_back_and_nothing_else_changes(records: Path, sheet: Path, yearbook: Callable[..., Run]) -> None:
    before = (records / ACTIVITIES).read_text(encoding="utf-8")
    others = {p: p.read_bytes() for p in (records / "2023").glob("*.yaml") if p.name != "activities.yaml"}
    filled = _fill(
        sheet,
        {"papers": 12, "lectures": "１５", "trainees": " 1,200 ", "education-rate": 0.985, "newspaper": "人民日报 ", "new-media-reads": "3.5"},
        formats={"education-rate": "0.0%"},
    )
    dry = yearbook("figures", "import", str(filled), "--records", str(records), "--dry-run")
    assert dry.code == 0 and (records / ACTIVITIES).read_text(encoding="utf-8") == before
    run = yearbook("figures", "import", str(filled), "--records", str(records))
    assert run.code == 0
    assert "党员受教育率：100% → 98.5%" in run.out and "党组织书记撰写论文篇数：（待填） → 12 篇" in run.out and "新媒体阅读量：（待填） → 3.5 万" in run.out
    after = (records / ACTIVITIES).read_text(encoding="utf-8")
    changed = [(a, b) for a, b in zip(before.splitlines(), after.splitlines(), strict=True) if a != b]
    assert len(changed) == 6 and all(a.split("value:")[0] == b.split("value:")[0] for a, b in changed)  # only the values
    assert "papers: {label: 党组织书记撰写论文篇数, kind: count, unit: 篇, value: 12}" in after
    assert "value: 98.5}" in after and "value: 1200}" in after and "value: 人民日报}" in after
    assert {p: p.read_bytes() for p in others} == others
    assert yearbook("check", str(records)).code == 0
    again = yearbook("figures", "import", str(filled), "--records", str(records))
    assert again.code == 0 and "没有要改的" in again.err and (records / ACTIVITIES).read_text(encoding="utf-8") == after


@pytest.mark.parametrize(
    ("values", "cell", "words"),
    [
        ({"papers": "十二"}, "F3", "不是数字"),
        ({"papers": 2.5}, "F3", "计数"),
        ({"papers": -1}, "F3", "计数"),
        ({"education-rate": 120}, "F6", "0 到 100"),
        ({"trainees": "1200人次"}, "F5", "不带单位"),
    ],
)
def test_a_bad_cell_is_located_and_nothing_is_written(
    records: Path, sheet: Path, yearbook: Callable[..., Run], values: dict[str, object], cell: str, words: str
) -> None:
    before = (records / ACTIVITIES).read_bytes()
    run = yearbook("figures", "import", str(_fill(sheet, {**values, "lectures": 15})), "--records", str(records))
    assert run.code == 1 and f"数值!{cell}：" in run.out and words in run.out and "什么都没有写入" in run.err
    assert (records / ACTIVITIES).read_bytes() == before


def test_ids_edited_repeated_or_gone_are_errors(records: Path, sheet: Path, yearbook: Callable[..., Run]) -> None:
    book = openpyxl.load_workbook(sheet)
    ws = book.active
    ws["A3"].value = "paper"  # edited
    ws["A5"].value = "lectures"  # repeats row 4
    ws.append(["retired-figure", "旧数值", "计数", "个", None, 3])
    book.save(sheet.with_name("ids.xlsx"))
    before = (records / ACTIVITIES).read_bytes()
    run = yearbook("figures", "import", str(sheet.with_name("ids.xlsx")), "--records", str(records))
    assert run.code == 1
    assert "数值!A3：标识“paper”在记录里没有。是不是“papers”？" in run.out
    assert "数值!A5：标识“lectures”与第 4 行重复" in run.out
    assert "“retired-figure”在记录里没有" in run.out
    assert (records / ACTIVITIES).read_bytes() == before


def test_not_a_workbook_and_a_foreign_sheet(records: Path, yearbook: Callable[..., Run], tmp_path: Path) -> None:
    text = tmp_path / "figures.xlsx"
    text.write_text("标识,本年数值\npapers,12\n", encoding="utf-8")
    run = yearbook("figures", "import", str(text), "--records", str(records), "--year", "2023")
    assert run.code == 2 and "不是 Excel 工作簿" in run.err
    book = openpyxl.Workbook()
    book.active.append(["编号", "数值"])
    book.save(tmp_path / "other.xlsx")
    run = yearbook("figures", "import", str(tmp_path / "other.xlsx"), "--records", str(records), "--year", "2023")
    assert run.code == 1 and "找不到表头" in run.out


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed (make libreoffice installs it on Debian/Ubuntu)")
def test_a_sheet_saved_by_libreoffice(records: Path, sheet: Path, yearbook: Callable[..., Run], tmp_path: Path) -> None:
    """As a WPS or LibreOffice user hands it back: typed as text with full-width digits, separators, a % sign and
    trailing spaces, then saved by the office suite itself."""
    filled = _fill(sheet, {"papers": "１２", "trainees": "1,200", "education-rate": "98.5%", "lectures": "15 ", "newspaper": "人民日报"}, tmp_path / "in.xlsx")
    book = openpyxl.load_workbook(filled)
    book.active.protection.sheet = False
    book.save(filled)
    out = tmp_path / "lo"
    command = ["soffice", f"-env:UserInstallation=file://{tmp_path / 'profile'}", "--headless", "--convert-to", "xlsx", "--outdir", str(out), str(filled)]
    subprocess.run(command, check=True, capture_output=True, timeout=180)
    saved = out / "in.xlsx"
    assert openpyxl.load_workbook(saved).active.title == "数值"
    run = yearbook("figures", "import", str(saved), "--records", str(records), "--year", "2023")
    assert run.code == 0, run.out + run.err
    after = (records / ACTIVITIES).read_text(encoding="utf-8")
    assert "value: 12}" in after and "value: 1200}" in after and "value: 98.5}" in after and "value: 15}" in after and "value: 人民日报}" in after
