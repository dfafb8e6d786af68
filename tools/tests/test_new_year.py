"""`yearbook new-year`: next year's records from the latest year's, on the seed and on fixtures with tables,
computed figures, a school year and events; checked, built, and compared line by line with the year it came from."""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import Run

from yearbook import textrefs
from yearbook.engine import Options, check_tree

GENRE = Path(__file__).parent / "fixtures" / "genre"


def _findings(yearbook: Callable[..., Run], records: Path) -> list[dict[str, object]]:
    return json.loads(yearbook("check", str(records), "--format", "json").out)["findings"]  # type: ignore[no-any-return]


def _literal_years(records: Path, year: int) -> list[str]:
    """Digits of a year left in the year's prose (references such as {year} aside)."""
    result = check_tree(records, {year}, Options())
    found = []
    for text in result.years[year].texts():
        for _, piece in textrefs.literal_spans(text.value):
            found += re.findall(r"(?<![0-9])20[0-9]{2}(?![0-9])", piece)
    return found


def test_years_in_the_text_become_references() -> None:
    assert textrefs.relative_years("2023年，完成2024年计划的准备；{year}年；2023-2024学年；比2022年；12023；2021年", 2023) == (
        "{year}年，完成{next_year}年计划的准备；{year}年；{year}-{next_year}学年；比{last_year}年；12023；2021年",
        5,
    )
    assert textrefs.relative_years("《2023年工作要点》与{papers}篇", 2023)[0] == "《{year}年工作要点》与{papers}篇"


def test_the_seed_starts_its_next_year(records: Path, yearbook: Callable[..., Run]) -> None:
    run = yearbook("new-year", "--records", str(records))
    assert run.code == 0 and "检查：0 个错误" in run.err and "yearbook report --year 2024" in run.err
    new = records / "2024"
    assert sorted(p.name for p in new.iterdir()) == sorted(p.name for p in (records / "2023").iterdir())
    findings = [f for f in _findings(yearbook, records) if str(f["file"]).startswith(str(records / "2024")) or "/2024/" in str(f["file"])]
    assert not [f for f in findings if f["severity"] == "error"]
    result = check_tree(records, {2024}, Options())
    this, last = result.years[2024], result.years[2023]
    # Every figure blank, labels, kinds and units kept; no literal year left in the prose.
    assert all(not f.filled for f in this.figures() if f.compute is None)
    old = {f.id: (f.label, f.kind, f.unit) for f in last.figures()}
    assert all(old[f.id] == (f.label, f.kind, f.unit) for f in this.figures() if f.id in old)
    assert _literal_years(records, 2024) == []
    # Each of last year's plans is an item of this year that carries it out, its text a visible blank.
    carried = {link: section for part in this.parts for section in getattr(part, "areas", ()) for link in getattr(section, "carries_out", ())}
    assert set(carried) == {plan.id for plan in last.plans()}
    assert this.report is not None and this.report.date is None
    # The files read like last year's: the same comments and lines, but for what changed.
    before = (records / "2023" / "activities.yaml").read_text(encoding="utf-8").splitlines()
    after = (new / "activities.yaml").read_text(encoding="utf-8").splitlines()
    changed = [i for i, (a, b) in enumerate(zip(before, after, strict=False)) if a != b]
    assert [before[i][:30] for i in changed] == [before[i][:30] for i in changed if re.search(r"year: |2023|value: \d", before[i])]
    assert [line for line in before if line.lstrip().startswith("#")] == [line for line in after if line.lstrip().startswith("#")]
    # The draft builds, every blank visible.
    built = yearbook("report", "--records", str(records), "--year", "2024", "--out", str(records.parent / "build"), "--format", "md")
    assert built.code == 0
    markdown = next((records.parent / "build").glob("*.md")).read_text(encoding="utf-8")
    assert "2024年" in markdown and "2023年，" not in markdown and markdown.count("【待填：") >= 30
    assert "【待填：“提升政治站位，严格落实责任”的落实情况】" in markdown


def test_it_never_overwrites(records: Path, yearbook: Callable[..., Run]) -> None:
    assert yearbook("new-year", "--records", str(records)).code == 0
    before = {p.name: p.read_bytes() for p in (records / "2024").iterdir()}
    again = yearbook("new-year", "2024", "--records", str(records))
    assert again.code == 2 and "不会覆盖" in again.err
    assert {p.name: p.read_bytes() for p in (records / "2024").iterdir()} == before
    assert yearbook("new-year", "2022", "--records", str(records)).code == 2


def test_a_year_with_errors_is_not_carried_on(records: Path, yearbook: Callable[..., Run]) -> None:
    path = records / "2023" / "plans.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("type: plans", "type: plan"), encoding="utf-8")
    run = yearbook("new-year", "--records", str(records))
    assert run.code == 1 and "先改正" in run.err and not (records / "2024").exists()


def test_tables_and_computed_figures(tmp_path: Path, yearbook: Callable[..., Run]) -> None:
    records = tmp_path / "records"
    shutil.copytree(GENRE / "headline" / "records", records)
    assert yearbook("new-year", "--records", str(records)).code == 0
    assert not [f for f in _findings(yearbook, records) if f["severity"] == "error"]
    result = check_tree(records, {2024}, Options())
    this = result.years[2024]
    computed = [f for f in this.figures() if f.compute is not None]
    assert computed and all(f.compute == g.compute for f in computed for g in result.years[2023].figures() if g.id == f.id)
    assert all(not f.filled for f in this.figures() if f.compute is None)
    text = "\n".join(p.read_text(encoding="utf-8") for p in (records / "2024").glob("*.yaml"))
    numbers_in_rows = re.findall(r"^\s+- \[.*\b\d+(?:\.\d+)?\b.*\]$", text, flags=re.MULTILINE)
    assert not [row for row in numbers_in_rows if not re.search(r"'\{|“|[\u4e00-\u9fff]", row)]  # rows of numbers are blank now
    assert _literal_years(records, 2024) == []
    assert "[指标, 单位, '{year}年', '{last_year}年', 同比增长（%）]" in text  # the header's columns move with the year
    built = yearbook("report", "--records", str(records), "--year", "2024", "--out", str(tmp_path / "build"), "--format", "md")
    assert built.code == 0 and "| 指标 | 单位 | 2024年 | 2023年 |" in next((tmp_path / "build").glob("*.md")).read_text(encoding="utf-8")


def test_a_school_year_moves_its_period_and_leaves_last_years_events(tmp_path: Path, yearbook: Callable[..., Run]) -> None:
    records = tmp_path / "records"
    shutil.copytree(GENRE / "school-year" / "records", records)
    run = yearbook("new-year", "--records", str(records))
    assert run.code == 0 and "大事记" in run.err
    report = (records / "2024" / "report.yaml").read_text(encoding="utf-8")
    assert "2024-09" in report and "2025-08" in report and "timeline" not in report.split("parts:")[1].splitlines()[0]
    assert not (records / "2024" / "timeline.yaml").exists()
    assert not [f for f in _findings(yearbook, records) if f["severity"] == "error"]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_no_records_is_said(tmp_path: Path, yearbook: Callable[..., Run], lang: str) -> None:
    run = yearbook("new-year", "--records", str(tmp_path / "nowhere"), "--lang", lang)
    assert run.code == 2 and ("找不到记录" in run.err if lang == "zh" else "no records" in run.err)
