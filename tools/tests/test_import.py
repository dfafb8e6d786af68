"""`yearbook import` of text: each genre fixture's text and the seed come back from `report` as they went in."""

from __future__ import annotations

import difflib
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import SEED, Run
from genre import GENRE, SHAPES, expected, reader_lines

from yearbook.engine import Options, check_tree
from yearbook.report.compile import compile_year

# The school year's events follow its subsections, which text cannot tell from events of the last subsection:
# those two lines come back one section earlier (the only difference; see the notes).
EVENTS_AFTER_SUBSECTIONS = {"school-year": 2}


def _import(tmp_path: Path, yearbook: Callable[..., Run], lines: list[str], monkeypatch: pytest.MonkeyPatch) -> tuple[Run, list[str], list[str]]:
    source = tmp_path / "old.txt"
    source.write_text("\n\n".join(lines) + "\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    (tmp_path / "records").mkdir()
    (tmp_path / "records" / "org.yaml").write_text("format: 2\nname: 某单位\nshort_name: 某单位\n", encoding="utf-8")
    run = yearbook("import", str(source))
    result = check_tree(tmp_path / "records", None, Options())
    errors = [f"{f.code} {f.file}:{f.line} {f.message}" for f in result.findings if f.severity.value == "error"]
    year = max(result.years)
    return run, errors, reader_lines(compile_year(result.years[year], result.org))


@pytest.mark.parametrize("shape", SHAPES)
def test_a_fixture_comes_back_as_it_went_in(shape: str, tmp_path: Path, yearbook: Callable[..., Run], monkeypatch: pytest.MonkeyPatch) -> None:
    lines = expected(shape)
    year = max(int(p.name) for p in (GENRE / shape / "records").iterdir() if p.is_dir())
    run, errors, printed = _import(tmp_path, yearbook, lines, monkeypatch)
    assert run.code == 0 and errors == [], errors
    assert max(int(p.name) for p in (tmp_path / "records").iterdir() if p.is_dir()) == year
    if shape in EVENTS_AFTER_SUBSECTIONS:
        assert sorted(printed) == sorted(lines)  # every paragraph kept, word for word
        kept_in_place = sum(block.size for block in difflib.SequenceMatcher(None, lines, printed, autojunk=False).get_matching_blocks())
        assert kept_in_place == len(lines) - EVENTS_AFTER_SUBSECTIONS[shape]
    else:
        assert printed == lines


def test_the_seed_comes_back_as_it_went_in(tmp_path: Path, yearbook: Callable[..., Run], monkeypatch: pytest.MonkeyPatch) -> None:
    text = SEED.read_text(encoding="utf-8").replace("##paidbegin##", "").replace("##paidend##", "")
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    run, errors, printed = _import(tmp_path, yearbook, lines, monkeypatch)
    assert run.code == 0 and errors == [] and printed == lines
    assert "识别为存在的问题部分" in run.err and "识别为工作计划部分" in run.err


def test_an_existing_year_is_not_overwritten(tmp_path: Path, yearbook: Callable[..., Run], monkeypatch: pytest.MonkeyPatch) -> None:
    lines = expected("runin")
    _import(tmp_path, yearbook, lines, monkeypatch)
    report = tmp_path / "records" / "2023" / "report.yaml"
    report.write_text(report.read_text(encoding="utf-8") + "# 我的注释\n", encoding="utf-8")
    before = report.read_bytes()
    again = yearbook("import", "old.txt")
    assert again.code == 2 and "已经存在" in again.err and "--force" in again.err
    assert report.read_bytes() == before
    assert yearbook("import", "old.txt", "--force").code == 0 and b"# \xe6\x88\x91" not in report.read_bytes()


def test_dry_run_writes_nothing(tmp_path: Path, yearbook: Callable[..., Run], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "old.txt").write_text("\n".join(expected("runin")), encoding="utf-8")
    result = yearbook("import", "old.txt", "--dry-run")
    assert result.code == 0 and "# ---- records/2023/report.yaml ----" in result.out and "type: narrative" in result.out
    assert not (tmp_path / "records").exists()


def test_gbk_text_is_read_and_said(tmp_path: Path, yearbook: Callable[..., Run], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "old.txt").write_bytes("\r\n".join(expected("runin")).encode("gbk"))
    result = yearbook("import", "old.txt")
    assert result.code == 0 and "GBK/GB18030" in result.err
    assert "柳溪镇" in (tmp_path / "records" / "2023" / "report.yaml").read_text(encoding="utf-8")


@pytest.mark.parametrize(("name", "data", "words"), [("old.docx", b"PK\x03\x04", "另存为"), ("old.txt", b"", "是空的"), ("old.txt", b"\xff\xfe\xfa", "UTF-8")])
def test_what_cannot_be_imported_is_said_clearly(
    tmp_path: Path, yearbook: Callable[..., Run], monkeypatch: pytest.MonkeyPatch, name: str, data: bytes, words: str
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / name).write_bytes(data)
    result = yearbook("import", name)
    assert result.code == 2 and words in result.err and "Traceback" not in result.err
    assert not (tmp_path / "records").exists()
