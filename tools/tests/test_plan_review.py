"""计划完成情况对照表 (`yearbook plan-review`): last year's plans, or a 工作要点's areas, beside this year's items that
carry them out, with 落实 / 部分 / 未见落实; as text, Markdown, JSON and an XLSX read back with openpyxl."""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import openpyxl
from conftest import Run, edit

GENRE = Path(__file__).parent / "fixtures" / "genre"


def _review(yearbook: Callable[..., Run], records: Path, *more: str) -> dict[str, object]:
    run = yearbook("plan-review", "--records", str(records), "--format", "json", *more)
    assert run.code == 0, run.err
    return json.loads(run.out)  # type: ignore[no-any-return]


def test_statuses_follow_what_this_year_wrote(records: Path, yearbook: Callable[..., Run]) -> None:
    assert yearbook("new-year", "--records", str(records)).code == 0
    data = _review(yearbook, records)
    assert data["counts"] == {"落实": 0, "部分": 4, "未见落实": 0}  # linked, but the 落实情况 still blank
    activities = records / "2024" / "activities.yaml"
    edit(
        activities,
        "political-stance-progress: {label: “提升政治站位，严格落实责任”的落实情况, kind: text, value: }",
        "political-stance-progress: {label: “提升政治站位，严格落实责任”的落实情况, kind: text, value: 全年召开党组会议12次。}",
    )
    edit(activities, "    carries_out: [theory-study]\n", "")
    data = _review(yearbook, records)
    statuses = {plan["id"]: plan["status"] for plan in data["plans"]}  # type: ignore[attr-defined, index]
    assert statuses == {"political-stance": "落实", "theory-study": "未见落实", "public-opinion": "部分", "culture-building": "部分"}
    text = yearbook("plan-review", "--records", str(records)).out
    assert "2023 年度计划 4 项：落实 1，部分 2，未见落实 1" in text and "[未见落实] 强化理论学习，坚定正确方向（theory-study）" in text
    markdown = yearbook("plan-review", "--records", str(records), "--format", "markdown").out
    assert "| 1 | 提升政治站位，严格落实责任 | 党组 | 提升政治站位，严格落实责任（political-stance-done） | 落实 |" in markdown


def test_the_xlsx(records: Path, yearbook: Callable[..., Run]) -> None:
    assert yearbook("new-year", "--records", str(records)).code == 0
    path = records.parent / "对照表.xlsx"
    assert yearbook("plan-review", "--records", str(records), "--xlsx", str(path)).code == 0
    sheet = openpyxl.load_workbook(path).active
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    assert rows[0][0] == "2023 年度计划完成情况对照表" and rows[1] == ["序号", "上年计划", "负责", "本年落实情况", "状态"]
    assert [row[4] for row in rows[2:]] == ["部分"] * 4 and rows[2][1] == "提升政治站位，严格落实责任"


def test_a_work_points_areas_are_the_plans(tmp_path: Path, yearbook: Callable[..., Run]) -> None:
    records = tmp_path / "records"
    shutil.copytree(GENRE / "plan-only" / "records", records)
    (records / "2025").mkdir()
    (records / "2025" / "report.yaml").write_text(
        "format: 2\nyear: 2025\nparts: [work]\ntopic: 卫生健康工作\nsignature: false\ndate: false\n", encoding="utf-8"
    )
    (records / "2025" / "work.yaml").write_text(
        "format: 2\nyear: 2025\ntype: narrative\nheading: 工作情况\nareas:\n"
        "  - id: reform-done\n    heading: 医改继续深化\n    carries_out: [health-reform]\n    paragraphs:\n      - 县域医共体实现全覆盖。\n",
        encoding="utf-8",
    )
    findings = json.loads(yearbook("check", str(records), "--format", "json").out)["findings"]
    assert not [f for f in findings if f["severity"] == "error"]  # carries_out may name a 工作要点's area
    data = _review(yearbook, records)
    plans = data["plans"]
    assert plans[0]["id"] == "health-reform" and plans[0]["status"] == "落实"  # type: ignore[index]
    assert {p["status"] for p in plans[1:]} == {"未见落实"}  # type: ignore[index]


def test_a_year_without_the_one_before(records: Path, yearbook: Callable[..., Run]) -> None:
    run = yearbook("plan-review", "--records", str(records))
    assert run.code == 2 and "上一年度" in run.err


def test_the_table_as_a_part_of_the_report(records: Path, yearbook: Callable[..., Run]) -> None:
    assert yearbook("new-year", "--records", str(records)).code == 0
    (records / "2024" / "review.yaml").write_text(
        "format: 2\nyear: 2024\ntype: plan-review\nheading: 上年计划落实情况\ncaption: 表1　2023年度计划完成情况对照表\n", encoding="utf-8"
    )
    edit(records / "2024" / "report.yaml", "parts: [activities, problems, plans]", "parts: [activities, review, problems, plans]")
    findings = json.loads(yearbook("check", str(records), "--format", "json").out)["findings"]
    assert not [f for f in findings if f["severity"] == "error"]
    assert yearbook("report", "--records", str(records), "--year", "2024", "--out", str(records.parent / "build"), "--format", "md,docx").code == 0
    markdown = next((records.parent / "build").glob("*.md")).read_text(encoding="utf-8")
    assert "二、上年计划落实情况" in markdown and "表1　2023年度计划完成情况对照表" in markdown
    assert re.search(r"\|\s*1\s*\|\s*提升政治站位，严格落实责任\s*\|\s*提升政治站位，严格落实责任\s*\|\s*部分\s*\|", markdown)
