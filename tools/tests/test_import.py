"""`yearbook import` of text: each genre fixture's text and the seed come back from `report` as they went in."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import Run
from genre import GENRE, SHAPES, blanks_as_one, clerks_docx, expected, reader_lines, seed_lines

from yearbook.engine import Options, check_tree
from yearbook.report.compile import compile_year


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
    assert printed == lines


def test_the_seed_comes_back_as_it_went_in(tmp_path: Path, yearbook: Callable[..., Run], monkeypatch: pytest.MonkeyPatch) -> None:
    lines = seed_lines()
    run, errors, printed = _import(tmp_path, yearbook, lines, monkeypatch)
    assert run.code == 0 and errors == [] and blanks_as_one(printed) == blanks_as_one(lines)
    assert printed != lines and "【待填：各级党组织书记撰写论文（篇）】" in "".join(printed)
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


@pytest.mark.parametrize(("name", "data", "words"), [("old.wps", b"PK\x03\x04", "另存为"), ("old.txt", b"", "是空的"), ("old.txt", b"\xff\xfe\xfa", "UTF-8")])
def test_what_cannot_be_imported_is_said_clearly(
    tmp_path: Path, yearbook: Callable[..., Run], monkeypatch: pytest.MonkeyPatch, name: str, data: bytes, words: str
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / name).write_bytes(data)
    result = yearbook("import", name)
    assert result.code == 2 and words in result.err and "Traceback" not in result.err
    assert not (tmp_path / "records").exists()


def test_dated_paragraphs_become_events_only_at_the_end_of_their_section() -> None:
    from yearbook.importer.structure import import_paragraphs

    lines = [
        "青禾县第一中学2023—2024学年工作总结",
        "本学年学校工作总结如下。",
        "一、教学工作",
        "（一）课堂教学",
        "5月，我校召开教学工作会议，这一段之后还有正文。",
        "全年开展公开课评比两次。",
        "9月1日至5日，组织新生入学教育。",
        "2024年1月，组织期末考试。",
        "二、大事记",
        "12月30日至1月2日，元旦假期值班。",
    ]
    imported = import_paragraphs(lines, 2023)
    assert imported.report["period"] == {"from": "2023-09", "to": "2024-08"}
    section = imported.parts["activities"]["areas"][0]
    assert section["paragraphs"] == ["5月，我校召开教学工作会议，这一段之后还有正文。", "全年开展公开课评比两次。"]
    assert [(e["date"], e["text"]) for e in section["events"]] == [("2023-09-01/2023-09-05", "组织新生入学教育。"), ("2024-01", "组织期末考试。")]
    timeline = imported.parts["events"]
    assert timeline["type"] == "timeline" and timeline["events"][0]["date"] == "2023-12-30/2024-01-02"


@pytest.mark.parametrize("shape", SHAPES)
def test_our_own_docx_comes_back_word_for_word(shape: str, tmp_path: Path, yearbook: Callable[..., Run], monkeypatch: pytest.MonkeyPatch) -> None:
    from genre import document_of

    from yearbook.report.render import render

    monkeypatch.chdir(tmp_path)
    (tmp_path / "report.docx").write_bytes(render(document_of(shape), ("docx",), 0)["docx"])
    (tmp_path / "records").mkdir()
    (tmp_path / "records" / "org.yaml").write_text("format: 2\nname: 某单位\nshort_name: 某单位\n", encoding="utf-8")
    assert yearbook("import", "report.docx").code == 0
    result = check_tree(tmp_path / "records", None, Options())
    assert [f for f in result.findings if f.severity.value == "error"] == []
    assert reader_lines(compile_year(result.years[max(result.years)], result.org)) == expected(shape)


@pytest.mark.parametrize("shape", [*SHAPES, "seed"])
def test_a_clerks_docx_comes_back_word_for_word(shape: str, tmp_path: Path, yearbook: Callable[..., Run], monkeypatch: pytest.MonkeyPatch) -> None:
    """Built the way an office builds it (genre.clerks_docx): no heading styles, typed numbers, bold 黑体/楷体
    headings and bold leads set by hand, a centred title, empty paragraphs between parts, real Word tables."""
    lines = seed_lines() if shape == "seed" else expected(shape)
    clerks_docx(lines, tmp_path / "old.docx")
    monkeypatch.chdir(tmp_path)
    (tmp_path / "records").mkdir()
    (tmp_path / "records" / "org.yaml").write_text("format: 2\nname: 某单位\nshort_name: 某单位\n", encoding="utf-8")
    assert yearbook("import", "old.docx").code == 0
    result = check_tree(tmp_path / "records", None, Options())
    assert [f for f in result.findings if f.severity.value == "error"] == []
    assert blanks_as_one(reader_lines(compile_year(result.years[max(result.years)], result.org))) == blanks_as_one(lines)


@pytest.mark.parametrize(("data", "words"), [(b"PK\x03\x04broken", "不是完好的 DOCX"), (b"\xd0\xcf\x11\xe0" + b"\x00" * 100, "加密")])
def test_a_corrupt_or_encrypted_docx_is_a_clear_error(
    tmp_path: Path, yearbook: Callable[..., Run], monkeypatch: pytest.MonkeyPatch, data: bytes, words: str
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "old.docx").write_bytes(data)
    result = yearbook("import", "old.docx")
    assert result.code == 2 and words in result.err and "Traceback" not in result.err and not (tmp_path / "records").exists()


@pytest.mark.parametrize(("signature", "name"), [("青禾县人民医院", "青禾县人民医院"), ("张建国", None), ("柳溪镇", "柳溪镇")])
def test_org_yaml_is_named_from_a_signature_that_names_an_organisation(
    signature: str, name: str | None, tmp_path: Path, yearbook: Callable[..., Run], monkeypatch: pytest.MonkeyPatch
) -> None:
    import yaml

    monkeypatch.chdir(tmp_path)
    (tmp_path / "old.txt").write_text(f"2023年工作总结\n全年工作总结如下。\n一、主要工作\n抓好学习。\n{signature}\n2024年1月5日\n", encoding="utf-8")
    assert yearbook("import", "old.txt").code == 0
    assert yaml.safe_load((tmp_path / "records" / "org.yaml").read_text(encoding="utf-8"))["name"] == name
    assert yaml.safe_load((tmp_path / "records" / "2023" / "report.yaml").read_text(encoding="utf-8"))["signature"] == signature


def test_lists_written_differently_keep_their_own_way(tmp_path: Path, yearbook: Callable[..., Run], monkeypatch: pytest.MonkeyPatch) -> None:
    """Most lists apart, one run together with ；and one with 。: each prints back as it was written."""
    import yaml

    lines = [
        "某局2023年工作总结",
        "全年工作总结如下。",
        "一、抓好学习",
        "一是加强理论学习。组织学习12次。",
        "二是加强业务培训。培训干部80人次。",
        "二、抓好宣传",
        "一是办好专栏，全年发稿30篇；二是用好新媒体，阅读量5万次。",
        "三、抓好服务",
        "一是优化流程。办结事项120件。二是延伸服务。走访企业40家。",
        "四、抓好作风",
        "一是严守纪律。全年无违纪。",
        "二是改进作风。开展检查6次。",
    ]
    run, errors, printed = _import(tmp_path, yearbook, lines, monkeypatch)
    assert run.code == 0 and errors == [] and printed == lines
    records = tmp_path / "records" / "2023"
    report = yaml.safe_load((records / "report.yaml").read_text(encoding="utf-8"))
    assert "points_together" not in report.get("numbering", {})
    parts = {name: yaml.safe_load((records / f"{name}.yaml").read_text(encoding="utf-8")) for name in report["parts"]}
    assert [(p.get("points_together"), p.get("points_joiner")) for p in parts.values()] == [(None, None), (True, None), (True, "。"), (None, None)]


def test_readings_are_said_in_english_on_request(tmp_path: Path, yearbook: Callable[..., Run], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "old.txt").write_text("\n".join(seed_lines()), encoding="utf-8")
    result = yearbook("import", "old.txt", "--lang", "en", "--dry-run")
    assert result.code == 0 and "read as a part of problems" in result.err and "became an unfilled value {zhuan-xie-lun-wen}" in result.err
    assert "named values" in result.err.splitlines()[-1] and "识别" not in result.err


@pytest.mark.parametrize(("make", "words"), [(None, "找不到 old.docx"), ("folder", "是文件夹")])
def test_a_missing_file_or_a_folder_is_said_in_chinese(
    tmp_path: Path, yearbook: Callable[..., Run], monkeypatch: pytest.MonkeyPatch, make: str | None, words: str
) -> None:
    monkeypatch.chdir(tmp_path)
    if make == "folder":
        (tmp_path / "old.docx").mkdir()
    result = yearbook("import", "old.docx")
    assert result.code == 2 and words in result.err and "No such file" not in result.err and not (tmp_path / "records").exists()
