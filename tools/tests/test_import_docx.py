"""`yearbook import` of a DOCX made the way an office makes it: what direct formatting says is read (a centred,
large title; headings with no number set bold in 黑体; bold lead-ins; tables with cells merged across and down)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import docx
import pytest
import yaml
from conftest import Run
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Pt
from genre import reader_lines

from yearbook.engine import Options, check_tree
from yearbook.report.compile import compile_year

TITLE = ["青禾县人民医院2023年工作总结", "（2023年12月）"]
BODY = [
    "2023年，医院坚持公益性办院方向，各项工作稳步推进。现将有关情况总结如下。",
    "一年来的主要工作",
    "（一）医疗质量持续提升",
    "全年门诊12000人次，同比增长5.2%。",
    "（二）人才队伍不断壮大",
    "引进硕士研究生8名。",
    "表1　主要业务指标",
]
TABLE = [["项目", "2023年", None], [None, "数量", "同比（%）"], ["门诊人次", "12000", "5.2"], ["出院人次", "3400", "-1.5"]]
AFTER = [
    "存在的不足",
    ("人才梯队不够完善。", "高级职称人员占比偏低。"),
    ("信息化水平不高。", "系统之间数据不通。"),
    "青禾县人民医院",
    "2023年12月28日",
]


def _heading_run(paragraph: docx.text.paragraph.Paragraph, text: str, face: str = "黑体") -> None:
    run = paragraph.add_run(text)
    run.bold = face == "黑体" or None
    run.font.name = face
    run._element.rPr.rFonts.set(qn("w:eastAsia"), face)


def _clerks_docx(path: Path) -> list[str]:
    """The document, and the lines a reader sees in it (a merged cell once, cells joined by |)."""
    document = docx.Document()
    for line in TITLE:
        paragraph = document.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.add_run(line).font.size = Pt(22 if line == TITLE[0] else 16)
    for line in BODY:
        paragraph = document.add_paragraph()
        if line in ("一年来的主要工作",):
            document.add_paragraph()  # an empty paragraph before a part
            _heading_run(paragraph, line)
        else:
            paragraph.add_run(line)
    table = document.add_table(rows=4, cols=3)
    table.cell(0, 0).merge(table.cell(1, 0))
    table.cell(0, 1).merge(table.cell(0, 2))
    for r, row in enumerate(TABLE):
        for c, value in enumerate(row):
            if value is not None:
                table.cell(r, c).text = value
    for line in AFTER:
        paragraph = document.add_paragraph()
        if isinstance(line, tuple):
            paragraph.add_run(line[0]).bold = True
            paragraph.add_run(line[1])
        elif line == "存在的不足":
            _heading_run(paragraph, line)
        else:
            paragraph.add_run(line)
    document.save(str(path))
    rows = ["项目|2023年", "数量|同比（%）", "门诊人次|12000|5.2", "出院人次|3400|-1.5"]
    return ["".join(TITLE), *BODY, *rows, *("".join(line) if isinstance(line, tuple) else line for line in AFTER)]


def test_direct_formatting_says_the_structure(tmp_path: Path, yearbook: Callable[..., Run], monkeypatch: pytest.MonkeyPatch) -> None:
    lines = _clerks_docx(tmp_path / "old.docx")
    monkeypatch.chdir(tmp_path)
    run = yearbook("import", "old.docx")
    assert run.code == 0, run.err
    assert "第 4 段：“一年来的主要工作”识别为工作情况部分" in run.err and "第 14 段：“存在的不足”识别为存在的问题部分" in run.err
    assert "共读入 18 段（含表格行）：2 个部分" in run.err
    folder = tmp_path / "records" / "2023"
    report = yaml.safe_load((folder / "report.yaml").read_text(encoding="utf-8"))
    assert report["title"] == "\n".join(TITLE) and report["numbering"]["headings"] == ["none", "（一）"]
    assert report["numbering"]["points"] == "none" and report["signature"] == "青禾县人民医院" and report["date"] == "2023-12-28"
    tables = [yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted(folder.glob("*.yaml"))]
    activities = next(t for t in tables if t.get("type") == "narrative")
    table = activities["areas"][1]["tables"][0]  # it stood in （二）: it stays there
    assert table["header"] == [[{"value": "项目", "rowspan": 2}, {"value": "2023年", "colspan": 2}], ["数量", "同比（%）"]]
    assert table["rows"] == [["门诊人次", 12000, 5.2], ["出院人次", 3400, -1.5]] and table["caption"] == "表1　主要业务指标"
    problems = next(t for t in tables if t.get("type") == "problems")
    assert [(p["lead"], p["text"]) for p in problems["problems"]] == [("人才梯队不够完善", "高级职称人员占比偏低。"), ("信息化水平不高", "系统之间数据不通。")]
    result = check_tree(tmp_path / "records", None, Options())
    assert [f for f in result.findings if f.severity.value == "error"] == []
    assert reader_lines(compile_year(result.years[2023], result.org)) == lines


def test_a_bold_sentence_in_the_body_is_not_a_heading_and_typed_points_win_over_bold_leads(tmp_path: Path) -> None:
    from yearbook.importer.source import Line
    from yearbook.importer.structure import import_lines

    source = [
        Line("某局2023年工作总结", 1, centred=True),
        Line("一、主要工作", 2, emphasis=1),
        Line("全年安全生产无事故。", 3, emphasis=1),  # bold all through, but a sentence
        Line("加强学习。组织学习12次。", 4, lead="加强学习。"),
        Line("一是完善制度。修订制度5项。", 5),
    ]
    imported = import_lines(source, 2023)
    part = imported.parts["highlights"]
    assert part["intro"] == ["全年安全生产无事故。", "加强学习。组织学习{zu-zhi-xue-xi}次。"]
    assert [p["lead"] for p in part["points"]] == ["完善制度"]


def _soffice_or_skip() -> str:
    import os
    import shutil

    found = shutil.which("soffice")
    if found is None and os.environ.get("CI"):
        pytest.fail("`make test` installs LibreOffice (tools/install-libreoffice.sh); it is missing")
    if found is None:
        pytest.skip("LibreOffice is not installed (make test installs it)")
    return found


@pytest.mark.slow
@pytest.mark.parametrize("suffix", [".odt", ".doc", ".wps"])  # WPS Office's .wps is a Word 97 file under its own name
def test_odt_and_doc_are_read_through_libreoffice(suffix: str, tmp_path: Path, yearbook: Callable[..., Run], monkeypatch: pytest.MonkeyPatch) -> None:
    import subprocess

    soffice = _soffice_or_skip()
    lines = _clerks_docx(tmp_path / "made.docx")
    profile = f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}"
    filters = {".odt": "odt", ".doc": "doc:MS Word 97", ".wps": "doc:MS Word 97"}
    subprocess.run(
        [soffice, profile, "--headless", "--convert-to", filters[suffix], "--outdir", str(tmp_path), str(tmp_path / "made.docx")],
        check=True,
        capture_output=True,
        timeout=180,
    )
    (tmp_path / f"made{'.doc' if suffix == '.wps' else suffix}").rename(tmp_path / f"-old{suffix}")  # a name that looks like an option
    monkeypatch.chdir(tmp_path)
    assert yearbook("import", "--", f"-old{suffix}").code == 0
    result = check_tree(tmp_path / "records", None, Options())
    assert [f for f in result.findings if f.severity.value == "error"] == []
    assert reader_lines(compile_year(result.years[2023], result.org)) == lines


@pytest.mark.slow
def test_a_damaged_odt_is_a_clear_error(tmp_path: Path, yearbook: Callable[..., Run], monkeypatch: pytest.MonkeyPatch) -> None:
    _soffice_or_skip()
    monkeypatch.chdir(tmp_path)
    (tmp_path / "old.odt").write_bytes(b"PK\x03\x04 not really an odt")
    result = yearbook("import", "old.odt")
    assert result.code == 2 and "LibreOffice 无法打开" in result.err and "Traceback" not in result.err and not (tmp_path / "records").exists()


def test_without_libreoffice_a_doc_gets_how_to_save_as_docx(tmp_path: Path, yearbook: Callable[..., Run], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("PATH", str(tmp_path / "nothing-here"))
    (tmp_path / "old.doc").write_bytes(b"\xd0\xcf\x11\xe0" + b"\x00" * 100)
    result = yearbook("import", "old.doc")
    assert result.code == 2 and "需要 LibreOffice" in result.err and "另存为" in result.err and not (tmp_path / "records").exists()


def test_a_pdf_is_refused_with_what_to_do(tmp_path: Path, yearbook: Callable[..., Run], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "old.pdf").write_bytes(b"%PDF-1.7\n")
    result = yearbook("import", "old.pdf")
    assert result.code == 2 and "只认得 .docx" in result.err and not (tmp_path / "records").exists()


@pytest.mark.parametrize("how", ["heading styles", "faces set by hand"])
def test_headings_with_no_numbers_keep_their_levels(how: str, tmp_path: Path, yearbook: Callable[..., Run], monkeypatch: pytest.MonkeyPatch) -> None:
    """Word's Heading 1/Heading 2, or 黑体 and 楷体 set by hand: two levels of headings that carry no number."""
    lines = [
        "某局2023年工作总结",
        "现将全年工作总结如下。",
        "主要工作",
        "抓好学习",
        "全年组织学习12次。",
        "抓好宣传",
        "全年发稿30篇。",
        "存在的问题",
        "学习不够深入。",
    ]
    document = docx.Document()
    document.add_paragraph(lines[0]).alignment = WD_ALIGN_PARAGRAPH.CENTER
    document.add_paragraph(lines[1])
    for line, level in [(lines[2], 1), (lines[3], 2), (lines[4], 0), (lines[5], 2), (lines[6], 0), (lines[7], 1), (lines[8], 0)]:
        if level and how == "heading styles":
            document.add_heading(line, level)
        elif level:
            _heading_run(document.add_paragraph(), line, "黑体" if level == 1 else "楷体_GB2312")
        else:
            document.add_paragraph(line)
    document.save(str(tmp_path / "old.docx"))
    monkeypatch.chdir(tmp_path)
    assert yearbook("import", "old.docx").code == 0
    report = yaml.safe_load((tmp_path / "records" / "2023" / "report.yaml").read_text(encoding="utf-8"))
    assert report["numbering"]["headings"] == ["none", "none"] and report["parts"] == ["activities", "text"]  # problems as prose, not a list: kept as text
    activities = yaml.safe_load((tmp_path / "records" / "2023" / "activities.yaml").read_text(encoding="utf-8"))
    assert [area["heading"] for area in activities["areas"]] == ["抓好学习", "抓好宣传"]
    result = check_tree(tmp_path / "records", None, Options())
    assert [f for f in result.findings if f.severity.value == "error"] == []
    assert reader_lines(compile_year(result.years[2023], result.org)) == lines
