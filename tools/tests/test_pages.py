"""Page-level rules read back from what a reader gets: the signature never alone on a page, headings never at a
page's foot (DOCX properties and PDF pages, and LibreOffice's render where it is installed), and the checks
`report` makes on its PDF (stranded signature, heading at the foot, off-grid and over-long lines, tofu)."""

from __future__ import annotations

import io
import shutil
import subprocess
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import Run
from lxml import etree
from test_parts import tree

from yearbook.engine import Options, check_tree
from yearbook.report import layout_spec as L
from yearbook.report.compile import compile_year
from yearbook.report.document import Document, Heading, Paragraph, Signature, SignatureLine, Span
from yearbook.report.glyphs import FontFile, candidates, uncovered
from yearbook.report.page_check import FIRST_BASELINE_PT, PrintedLine, page_problems, printed_lines
from yearbook.report.render import installed_fonts, render, render_docx, render_pdf

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
SIGNED = "signature: 青禾县教育局\ndate: 2024-01-12\nopening:\n  - 现将有关情况报告如下。\n"
FILLER = "全年组织各类教师培训，培训教师人次稳步增长，培训质量不断提高，群众满意度持续提升。"  # 40 characters


def _document(tmp_path: Path, lines: int) -> Document:
    """A one-part report whose body is `lines` full lines of text after the heading (and a last paragraph)."""
    body = FILLER * (lines * 28 // len(FILLER) + 1)
    text = body[: lines * 28 - 2]
    part = f"type: text\nheading: 工作情况\nparagraphs:\n  - {text}\n  - 以上为本年度工作情况。\n"
    records = tree(tmp_path / str(lines), SIGNED, {"work": part})
    result = check_tree(records, None, Options())
    return compile_year(result.years[2023], result.org)


def _pages_text(pdf: bytes) -> list[list[str]]:
    return [[line.text for line in page if line.in_type_area] for page in printed_lines(pdf)]


def test_the_signature_never_stands_alone_on_a_page(tmp_path: Path) -> None:
    """Body lengths around a page's end: the body ending on the last line of page 1 would leave page 2 holding
    only the signature; the last paragraph moves with it instead, in every case."""
    moved = 0
    for lines in range(14, 22):
        document = _document(tmp_path, lines)
        pages = _pages_text(render_pdf(document))
        signature_page = next(page for page in pages if "青禾县教育局" in page)
        assert signature_page[0] != "青禾县教育局", (lines, pages)
        assert signature_page[-2:] == ["青禾县教育局", "2024年1月12日"]
        moved += len(pages) > 1 and len(pages[0]) < L.LINES - 3  # page 1 left short: the last paragraph went over
    assert moved >= 1  # the range reached the case it guards against


def test_the_docx_keeps_the_last_paragraph_with_the_signature(tmp_path: Path) -> None:
    document = _document(tmp_path, 19)
    xml = etree.fromstring(zipfile.ZipFile(io.BytesIO(render_docx(document, 0))).read("word/document.xml"))
    paragraphs = [p for p in xml.iter(f"{W}p") if "".join(p.itertext()).strip()]
    props = [[etree.QName(child).localname for child in p.find(f"{W}pPr")] for p in paragraphs]
    assert "keepNext" in props[-3] and "keepLines" in props[-3]  # the body's last paragraph
    assert "keepNext" in props[-2] and "keepNext" not in props[-1]  # the signature stays with the date
    assert "keepNext" not in props[-4]  # the rest of the body flows freely
    heading = next(p for p, text in zip(props, ["".join(p.itertext()) for p in paragraphs], strict=True) if text == "一、工作情况")
    assert "keepNext" in heading


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed (make libreoffice installs it on Debian/Ubuntu)")
def test_libreoffice_keeps_the_signature_with_the_body_and_every_punctuation_mark(tmp_path: Path) -> None:
    """The same body lengths, our DOCX rendered by LibreOffice (one run for all of them)."""
    built = {}
    for lines in range(14, 22):
        document = _document(tmp_path, lines)
        built[lines] = (document, render(document, ("docx", "pdf"), 0))
        (tmp_path / f"r{lines}.docx").write_bytes(built[lines][1]["docx"])
    profile = tmp_path / "lo-profile"
    docx = [str(tmp_path / f"r{lines}.docx") for lines in built]
    subprocess.run(
        ["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), *docx],
        check=True,
        capture_output=True,
        timeout=300,
    )
    for lines, (document, files) in built.items():
        ours, theirs = _pages_text(files["pdf"]), _pages_text((tmp_path / f"r{lines}.pdf").read_bytes())
        assert len(theirs) == len(ours), lines
        signature_page = next(page for page in theirs if "青禾县教育局" in page)
        assert signature_page[0] != "青禾县教育局", (lines, theirs)
        printed = "".join(line for page in theirs for line in page)
        assert [c for c in printed if c in "，、。；：“”"] == [c for c in document.text() if c in "，、。；：“”"]


# --- the checks on the PDF, on lines as they would be read -------------------------------------------------------


def _line(text: str, row: int, size: float = 16, shift: float = 0) -> PrintedLine:
    return PrintedLine(text, size, FIRST_BASELINE_PT + row * L.LINE_PITCH_PT + shift, 80, 80 + 16 * len(text))


DOC = Document(
    ((Span("标题"),),),
    (
        Heading(1, "一、", (Span("工作情况"),)),
        Paragraph((Span("正文。"),)),
        Signature((SignatureLine((Span("某局"),), 2),), SignatureLine((Span("2024年1月12日"),), 2)),
    ),
)


def test_a_page_holding_only_the_signature_is_reported() -> None:
    pages = [[_line("正文。", 0)], [_line("某局", 0), _line("2024年1月12日", 1), _line("—2—", 23, size=14)]]
    (problem,) = page_problems(pages, DOC)
    assert problem.page == 2 and problem.code == "signature-alone" and "第2页只有署名和日期" in problem.zh


def test_a_heading_at_the_foot_of_a_page_is_reported() -> None:
    pages = [[_line("正文。", 0), _line("一、工作情况", 21)], [_line("正文。", 0), _line("某局", 2), _line("2024年1月12日", 3)]]
    (problem,) = page_problems(pages, DOC)
    assert problem.page == 1 and problem.code == "heading-at-bottom" and "一、工作情况" in problem.zh


def test_lines_off_the_grid_or_too_long_are_reported_once_a_page() -> None:
    pages = [[_line("正文。", 0), _line("偏离网格的一行", 1, shift=3.2), _line("偏离网格的又一行", 2, shift=3.2)], [_line("长" * 29, 0), _line("某局", 2)]]
    problems = page_problems(pages, DOC)
    assert [(p.page, p.code) for p in problems] == [(1, "off-grid"), (2, "too-long")]
    assert "偏离 3.2 pt" in problems[0].zh and "29 个字宽" in problems[1].zh


def test_table_and_title_lines_are_not_held_to_the_body_grid() -> None:
    page = [_line("标题", 0, size=22, shift=7), _line("正文。", 2), _line("表格文字" * 8, 3, size=12, shift=5), _line("正文。", 5)]
    assert page_problems([[*page, _line("某局", 7), _line("2024年1月12日", 8)]], DOC) == []


def test_characters_no_font_has_are_found_in_the_fonts_given() -> None:
    body = next(font for font in installed_fonts() if font.family in ("Noto Serif CJK SC", "Noto Sans CJK SC", "FandolFang", "FangSong"))
    assert candidates("中文，。ABC 𠮷") == ["𠮷"]  # only what lies outside GB 2312 is looked up
    assert uncovered("中文𐀀", [body]) == ["𐀀"]  # Linear B: in no CJK font
    assert uncovered("中文", [FontFile("none", "/nonexistent.ttf", 0)]) == []  # nothing to look up, nothing read


def test_the_built_pdf_is_checked_and_final_refuses_a_box(tmp_path: Path, yearbook: Callable[..., Run]) -> None:
    rare = "𐀀"  # Linear B
    if not uncovered(rare, installed_fonts()):
        pytest.skip("a font on this machine draws Linear B")
    records = tree(
        tmp_path,
        SIGNED.replace("现将有关情况报告如下。", f"现将有关情况报告如下{rare}。"),
        {"work": "type: text\nheading: 工作情况\nparagraphs:\n  - 全年培训工作按计划完成。\n"},
    )
    final = yearbook("report", "--records", str(records), "--out", str(tmp_path / "final"), "--final")
    assert final.code == 1 and "U+10000" in final.err and "第1页" in final.err and not (tmp_path / "final").exists()
    draft = yearbook("report", "--records", str(records), "--out", str(tmp_path / "draft"))
    assert draft.code == 0 and "U+10000" in draft.err and len(list((tmp_path / "draft").iterdir())) == 3


def test_the_seed_builds_with_no_page_problems(records: Path, yearbook: Callable[..., Run]) -> None:
    run = yearbook("report", "--records", str(records), "--out", str(records.parent / "build"), "--format", "pdf")
    assert run.code == 0 and "版面" not in run.err
