"""The rules that catch a year copied from the last: years left behind in the text (YB210), plans and problems
word for word last year's (YB211), and a number written with a thousands separator (YB101's hint)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from conftest import Run, copy_year, edit


def _codes(yearbook: Callable[..., Run], path: str, code: str) -> list[dict[str, object]]:
    return [f for f in json.loads(yearbook("check", path, "--format", "json").out)["findings"] if f["code"] == code]


def test_a_year_left_behind_in_the_text_is_found_where_it_stands(records: Path, yearbook: Callable[..., Run]) -> None:
    copy_year(records, 2023, 2025)
    stale = _codes(yearbook, "records/2025", "YB210")
    assert len(stale) == 2 and {f["severity"] for f in stale} == {"warning"}  # the opening's and leadership's “2023”
    for finding in stale:
        line = (records.parent / str(finding["file"])).read_text(encoding="utf-8").splitlines()[int(finding["line"]) - 1]  # type: ignore[call-overload]
        assert line[int(finding["col"]) - 1 : int(finding["col"]) + 3] == "2023"  # type: ignore[call-overload]
        assert "{year}" in str(finding["message"]) and "2025" in str(finding["message"])


def test_neighbours_references_titles_and_spans_are_not_stale(records: Path, yearbook: Callable[..., Run]) -> None:
    edit(records / "2023" / "report.yaml", "2023年，{org}", "2022年以来，2024年，{year}年，《2019年工作要点》，“十四五”（2021—2025年）时期，{org}")
    assert _codes(yearbook, "records/2023", "YB210") == []
    edit(records / "2023" / "report.yaml", "2022年以来", "2019年以来")
    (only,) = _codes(yearbook, "records/2023", "YB210")
    assert "“2019”" in str(only["message"])


def test_new_year_copies_are_found_and_rewriting_clears_them(records: Path, yearbook: Callable[..., Run]) -> None:
    assert yearbook("new-year", "--records", str(records)).code == 0
    copied = _codes(yearbook, "records/2024", "YB211")
    plans = [f for f in copied if "计划" in str(f["message"])]
    problems = [f for f in copied if "问题" in str(f["message"])]
    assert len(plans) == 4 and len(problems) == 3 and all("plans.yaml" in str(f["file"]) for f in plans)
    edit(records / "2024" / "plans.yaml", "lead: 提升政治站位，严格落实责任", "lead: 继续提升政治站位，压实各级责任")
    assert len([f for f in _codes(yearbook, "records/2024", "YB211") if "计划" in str(f["message"])]) == 3
    assert _codes(yearbook, "records/2024", "YB210") == []  # new-year left no year behind


def test_a_thousands_separator_is_explained(records: Path, yearbook: Callable[..., Run]) -> None:
    edit(records / "2023" / "activities.yaml", "unit: 人次, value: }", "unit: 人次, value: 1,200}")
    (finding,) = _codes(yearbook, "records/2023", "YB101")
    assert "千位分隔符" in str(finding["message"]) and "1200" in str(finding["message"])
    english = json.loads(yearbook("check", "records/2023", "--format", "json", "--lang", "en").out)["findings"]
    assert any("thousands separator" in f["message"] for f in english)
