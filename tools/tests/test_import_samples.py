"""Reports of shapes the genre fixtures do not have, written as offices write them (tests/fixtures/import/*.txt: a
述职报告 of a person mixing point styles, a 工作要点 whose items are only headings, a hospital's 总结和计划 in
第一部分 style with a table, blanks and a dated sequence, a Party branch's 首先/其次 and ① lists with a second list
after its problems, a 政府信息公开 annual report with its tables): each imports with no error, and `report` prints
back every paragraph and table cell, in order (a table that stood inside a section stays in it).
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
MOVED = {"dangzhibu": "同时，支部坚持把纪律和规矩挺在前面"}  # the paragraph after a list, which moves before it


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


def _expected(name: str, report: dict[str, object]) -> list[str]:
    """The source as a reader sees it: the title's lines as one."""
    lines = _source(name)
    title_lines = str(report["title"]).count("\n") + 1
    return ["".join(lines[:title_lines]), *lines[title_lines:]]


@pytest.mark.parametrize("name", sorted(path.stem for path in SAMPLES.glob("*.txt")))
@pytest.mark.parametrize("form", ["txt", "clerk docx"])
def test_a_sample_report_comes_back(name: str, form: str, tmp_path: Path, yearbook: Callable[..., Run], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    file = SAMPLES / f"{name}.txt"
    if form == "clerk docx":
        clerks_docx(_source(name), tmp_path / f"{name}.docx")
        file = tmp_path / f"{name}.docx"
    run, printed, report = _printed(tmp_path, yearbook, file)
    expected = _expected(name, report)
    if name in MOVED:  # a paragraph after a list of points prints before it (the format has no place after one)
        assert f"“{MOVED[name][:12]}……”在要点之后，移到了要点之前" in run.err
        assert sorted(printed) == sorted(expected) and printed != expected
    else:
        assert blanks_as_one(printed) == blanks_as_one(expected)
