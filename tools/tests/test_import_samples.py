"""Reports of shapes the genre fixtures do not have, written as offices write them (tests/fixtures/import/*.txt: a
述职报告 of a person mixing point styles, a 工作要点 whose items are only headings, a hospital's 总结和计划 in
第一部分 style with a table, blanks and a dated sequence, a Party branch's 首先/其次 and ① lists with a second list
after its problems, a 政府信息公开 annual report with its tables): each imports with no error, and `report` prints
back every paragraph and table cell, in order, except a table that stood inside a section (the format keeps tables
as parts: it prints after its part, and the import says so).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from conftest import Run
from genre import blanks_as_one, clerks_docx, reader_lines

from yearbook.engine import Options, check_tree
from yearbook.report.compile import compile_year

SAMPLES = Path(__file__).parent / "fixtures" / "import"
MOVED_TABLES = {"yiyuan": "表1　2023年主要业务指标"}  # the caption of a table that stood inside a section


def _source(name: str) -> list[str]:
    text = (SAMPLES / f"{name}.txt").read_text(encoding="utf-8")
    return [line.strip().replace("\t", "|") for line in text.splitlines() if line.strip()]


def _printed(tmp_path: Path, yearbook: Callable[..., Run], file: Path) -> tuple[Run, list[str], dict[str, object]]:
    (tmp_path / "records").mkdir()
    run = yearbook("import", str(file))
    assert run.code == 0, run.err
    result = check_tree(tmp_path / "records", None, Options())
    assert [f"{f.code} {f.message}" for f in result.findings if f.severity.value == "error"] == []
    year = max(result.years)
    report = yaml.safe_load((tmp_path / "records" / str(year) / "report.yaml").read_text(encoding="utf-8"))
    return run, reader_lines(compile_year(result.years[year], result.org)), report


def _expected(name: str, report: dict[str, object], printed: list[str]) -> list[str]:
    """The source as a reader sees it: the title's lines as one, and a table that stood in a section where the
    format puts it (after its part), as the printed document has it."""
    lines = _source(name)
    title_lines = str(report["title"]).count("\n") + 1
    lines = ["".join(lines[:title_lines]), *lines[title_lines:]]
    caption = MOVED_TABLES.get(name)
    if caption is not None:
        start, end = lines.index(caption), printed.index(caption)
        size = next(i for i, line in enumerate(lines[start + 1 :], start=1) if "|" not in line and not line.startswith("注："))
        table, rest = lines[start : start + size], lines[:start] + lines[start + size :]
        lines = rest[:end] + table + rest[end:]
    return lines


@pytest.mark.parametrize("name", sorted(path.stem for path in SAMPLES.glob("*.txt")))
@pytest.mark.parametrize("form", ["txt", "clerk docx"])
def test_a_sample_report_comes_back(name: str, form: str, tmp_path: Path, yearbook: Callable[..., Run], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    file = SAMPLES / f"{name}.txt"
    if form == "clerk docx":
        clerks_docx(_source(name), tmp_path / f"{name}.docx")
        file = tmp_path / f"{name}.docx"
    run, printed, report = _printed(tmp_path, yearbook, file)
    assert blanks_as_one(printed) == blanks_as_one(_expected(name, report, printed))
    if name in MOVED_TABLES:
        assert "一节中的表格" in run.err
