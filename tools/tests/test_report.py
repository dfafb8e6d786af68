"""`yearbook report`: the deliverables read back — text fidelity, DOCX layout, PDF layout, safety, determinism."""

from __future__ import annotations

import itertools
import re
import shutil
import zipfile
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import docx
import pdfplumber
import pypdf
import pytest
from conftest import RECORDS, SEED, Run, copy_year, edit
from lxml import etree

from yearbook.cli import main
from yearbook.report import docx_direct

STEM = "2023年度意识形态工作总结及2024年工作计划"
BLANK = re.compile(r"【待填：[^】]*】")
MM = 72 / 25.4
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def seed_paragraphs() -> list[str]:
    text = SEED.read_text(encoding="utf-8").replace("##paidbegin##", "").replace("##paidend##", "")
    return [line.strip() for line in text.splitlines() if line.strip()]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The 2023 deliverables, built once from a copy of the repository's records."""
    root = tmp_path_factory.mktemp("report")
    shutil.copytree(RECORDS, root / "records")
    assert main(["report", "--records", str(root / "records"), "--out", str(root / "build")]) == 0
    return root / "build"


def docx_paragraphs(path: Path) -> list[str]:
    return [p.text.replace("\n", "") for p in docx.Document(str(path)).paragraphs if p.text.strip()]


def pdf_lines(path: Path) -> list[list[list[dict]]]:  # type: ignore[type-arg]
    """Per page, the lines of body characters (page numbers aside), each sorted left to right."""
    pages = []
    with pdfplumber.open(str(path)) as pdf:
        for page in pdf.pages:
            rows: dict[float, list[dict]] = {}  # type: ignore[type-arg]
            for char in page.chars:
                rows.setdefault(round(char["top"], 1), []).append(char)
            pages.append([sorted(rows[top], key=lambda c: c["x0"]) for top in sorted(rows)])
    return pages


def is_folio(line: list[dict]) -> bool:  # type: ignore[type-arg]
    return all(char["size"] < 15 for char in line)


# --- fidelity --------------------------------------------------------------------------------------


def test_docx_holds_every_seed_paragraph_in_order(built: Path) -> None:
    paragraphs = [p for p in docx.Document(str(built / f"{STEM}.docx")).paragraphs if p.text.strip()]
    body = [BLANK.sub("*", p.text.replace("\n", "")) for p in paragraphs if p.style.name not in ("Signature", "Date Line")]
    assert body == seed_paragraphs()
    assert [BLANK.sub("*", p.text) for p in paragraphs[-2:]] == ["*", "*"] and not any(p.text.startswith("\u3000") for p in paragraphs)


def test_pdf_holds_every_seed_paragraph_in_order(built: Path) -> None:
    text = "".join("".join(c["text"] for c in line) for page in pdf_lines(built / f"{STEM}.pdf") for line in page if not is_folio(line))
    text = BLANK.sub("*", text.replace(" ", ""))
    expected = "".join(seed_paragraphs())
    assert text.startswith(expected)
    assert text[len(expected) :] == "**"  # the signature and the date, still blank


def test_markdown_for_review_keeps_chinese_quotes_and_whole_paragraphs(built: Path) -> None:
    markdown = (built / f"{STEM}.md").read_text(encoding="utf-8")
    assert "“四个意识”" in markdown and '"四个意识"' not in markdown
    assert "# 一、主要做法和成效" in markdown
    assert any(len(line) > 200 for line in markdown.splitlines())  # not wrapped


def test_markdown_renders_on_code_hosts_as_it_reads(built: Path) -> None:
    """Rendered by cmarkgfm (GitHub's GFM): the title the one <h1>, every seed paragraph as a reader sees it,
    leads and blanks in bold, no Markdown or pandoc syntax left showing."""
    import cmarkgfm
    from lxml import html

    markdown = (built / f"{STEM}.md").read_text(encoding="utf-8")
    page = html.fragment_fromstring(cmarkgfm.github_flavored_markdown_to_html(markdown, options=cmarkgfm.Options.CMARK_OPT_UNSAFE), create_parent="div")
    assert [h.text_content() for h in page.iter("h1")] == ["2023年度意识形态工作总结及2024年工作计划"]
    shown = [BLANK.sub("*", block.text_content().strip().lstrip("\u3000")) for block in page]
    assert shown == [*seed_paragraphs(), "*", "*"]  # then the signature and the date, still blank
    text = page.text_content()
    assert not any(mark in text for mark in ("**", "{.", ":::", "custom-style", "\\"))
    strong = [s.text_content() for s in page.iter("strong")]
    assert "一是意识形态工作合力尚待增强。" in strong and "【待填：组织简称】" in strong


def test_png_pages_are_the_pdfs_pages(built: Path, tmp_path: Path) -> None:
    """--format png: one A4 image a page, as many as the PDF has, numbered so that they sort in order."""
    from PIL import Image
    from pypdf import PdfReader

    records = built.parent / "records"
    assert main(["report", "--records", str(records), "--out", str(tmp_path), "--format", "png"]) == 0
    pages = sorted(tmp_path.glob("*.png"))
    assert len(pages) == len(PdfReader(str(built / f"{STEM}.pdf")).pages) and pages[0].name == f"{STEM}-01.png"
    for page in pages:
        with Image.open(page) as image:
            assert image.format == "PNG" and image.size == (1191, 1684)  # A4 at 144 ppi: 210 × 297 mm


# --- DOCX layout -------------------------------------------------------------------------------------


def test_docx_page_setup_and_grid(built: Path) -> None:
    document = docx.Document(str(built / f"{STEM}.docx"))
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    margins = [section.top_margin.mm, section.bottom_margin.mm, section.left_margin.mm, section.right_margin.mm]
    assert [round(m) for m in margins] == [37, 35, 28, 26]
    grid = section._sectPr.find(f"{W}docGrid")
    assert grid.get(f"{W}type") == "lines" and grid.get(f"{W}linePitch") == "579"  # 22 lines of 28.95 pt
    assert 22 * 579 / 20 <= 225 * MM < 23 * 579 / 20
    # 28 characters across the 156 mm line: 16 pt condensed by w:spacing (twentieths of a point).
    condensed = int(document.styles["Normal"].element.find(f"{W}rPr/{W}spacing").get(f"{W}val"))
    pitch = 16 + condensed / 20
    assert 28 * pitch <= 156 * MM < 29 * pitch


def _style_chain(document: docx.document.Document, style_id: str) -> list:  # type: ignore[type-arg]
    styles = {s.style_id: s for s in document.styles}
    chain, style = [], styles.get(style_id)
    while style is not None:
        chain.append(style)
        style = style.base_style
    return chain


def _prop(chain: list, path: str, attribute: str) -> str | None:  # type: ignore[type-arg]
    for style in chain:
        element = style.element.find(path)
        if element is not None and element.get(f"{W}{attribute}") is not None:
            return element.get(f"{W}{attribute}")
    return None


EXPECTED_FONTS = {
    "Title": "方正小标宋简体",
    "Heading1": "黑体",
    "Heading2": "楷体",
    "Heading3": "仿宋",
    "FirstParagraph": "仿宋",
    "BodyText": "仿宋",
    "Signature": "仿宋",
    "DateLine": "仿宋",
}


def test_every_applied_style_carries_east_asian_font_size_indent_and_exact_pitch(built: Path) -> None:
    document = docx.Document(str(built / f"{STEM}.docx"))
    applied = {p.style.style_id for p in document.paragraphs}
    assert {"Title", "Heading1", "Heading2", "FirstParagraph", "BodyText", "Signature", "DateLine"} <= applied
    for style_id in applied:
        chain = _style_chain(document, style_id)
        east_asia = _prop(chain, f"{W}rPr/{W}rFonts", "eastAsia")
        assert east_asia == EXPECTED_FONTS[style_id], style_id
        assert _prop(chain, f"{W}rPr/{W}rFonts", "ascii") == east_asia  # quotes and digits never fall to a Latin font
        size = _prop(chain, f"{W}rPr/{W}sz", "val")
        assert size == ("44" if style_id == "Title" else "32"), style_id
        assert _prop(chain, f"{W}pPr/{W}spacing", "lineRule") == "exact", style_id
        if style_id != "Title":
            assert _prop(chain, f"{W}rPr/{W}spacing", "val") == "-5", style_id
        assert _prop(chain, f"{W}pPr/{W}autoSpaceDE", "val") == "0", style_id
        if style_id not in ("Title", "Signature", "DateLine"):
            assert _prop(chain, f"{W}pPr/{W}spacing", "line") == "579", style_id
            assert _prop(chain, f"{W}pPr/{W}ind", "firstLine") == "640", style_id
            assert _prop(chain, f"{W}pPr/{W}spacing", "before") == "0" and _prop(chain, f"{W}pPr/{W}spacing", "after") == "0"
    defaults = document.styles.element.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}rFonts")
    assert defaults.get(f"{W}eastAsia") == "仿宋" and defaults.get(f"{W}asciiTheme") is None


def test_every_paragraph_and_run_carries_its_look_directly(built: Path) -> None:
    """Pasted into another template (where Word resolves styles by the template's definitions) or read by a checker
    that sees only direct formatting, the text keeps fonts for every script, size, indent, alignment and pitch."""
    document = docx.Document(str(built / f"{STEM}.docx"))
    checked = 0
    for paragraph in document.paragraphs:
        if not paragraph.text.strip():
            continue
        ppr = paragraph._p.find(f"{W}pPr")
        spacing, indent, align = ppr.find(f"{W}spacing"), ppr.find(f"{W}ind"), ppr.find(f"{W}jc")
        assert spacing.get(f"{W}lineRule") == "exact" and spacing.get(f"{W}line") in ("579", "704"), paragraph.text[:10]
        assert indent is not None and align is not None, paragraph.text[:10]
        style = EXPECTED_FONTS[paragraph.style.style_id]
        for run in paragraph.runs:
            fonts = run._r.find(f"{W}rPr/{W}rFonts")
            names = {fonts.get(f"{W}{script}") for script in ("ascii", "eastAsia", "hAnsi", "cs")}
            assert names == {style}, (paragraph.text[:10], names)
            assert run._r.find(f"{W}rPr/{W}sz").get(f"{W}val") == ("44" if style == "方正小标宋简体" else "32")
            checked += 1
    assert checked > 80  # the seed's runs, all of them
    body = next(p for p in document.paragraphs if p.style.style_id == "BodyText")
    assert body.paragraph_format.first_line_indent == 640 * 635 and body.alignment == 3  # 2 characters; justified


def test_docx_footers_odd_right_even_left_with_dashed_page_field(built: Path) -> None:
    from lxml import etree

    r_id = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
    with zipfile.ZipFile(built / f"{STEM}.docx") as package:
        settings = etree.fromstring(package.read("word/settings.xml"))
        document = etree.fromstring(package.read("word/document.xml"))
        rels = {rel.get("Id"): rel.get("Target") for rel in etree.fromstring(package.read("word/_rels/document.xml.rels"))}
        references = document.findall(f".//{W}sectPr/{W}footerReference")
        footers = {ref.get(f"{W}type"): etree.fromstring(package.read("word/" + rels[ref.get(r_id)])) for ref in references}
    assert settings.find(f"{W}evenAndOddHeaders") is not None
    assert set(footers) == {"default", "even"}
    for kind, side in (("default", "right"), ("even", "left")):
        footer = footers[kind]
        assert "".join(footer.itertext()).replace(" PAGE ", "") == "— 1 —"
        assert footer.find(f".//{W}instrText").text.strip() == "PAGE"
        paragraph = footer.find(f".//{W}pPr")
        assert paragraph.find(f"{W}jc").get(f"{W}val") == side
        assert paragraph.find(f"{W}ind").get(f"{W}{side}") == "280"  # one 14 pt character in
        fonts = footer.find(f".//{W}rFonts")
        assert fonts.get(f"{W}eastAsia") == "宋体" and fonts.get(f"{W}ascii") == "宋体"
        assert footer.find(f".//{W}sz").get(f"{W}val") == "28"


def test_docx_names_its_fonts_and_no_theme_fonts(built: Path) -> None:
    """WPS asks for missing fonts when a document uses theme fonts (+mn-ea …): every font here is named."""
    with zipfile.ZipFile(built / f"{STEM}.docx") as package:
        for part in ("word/styles.xml", "word/document.xml", "word/footer1.xml"):
            xml = package.read(part).decode("utf-8") if part in package.namelist() else ""
            assert "Theme=" not in xml and "+mn-" not in xml and "+mj-" not in xml, part


# CT_PPrBase's sequence (ECMA-376 Part 1, 17.3.1.26), as docx_direct writes it: Word may call a file corrupt when
# the order is broken.
PPR_ORDER = list(docx_direct.PPR_ORDER)


def test_docx_paragraph_properties_are_in_schema_order(built: Path) -> None:
    with zipfile.ZipFile(built / f"{STEM}.docx") as package:
        for part in ("word/styles.xml", "word/document.xml"):
            root = etree.fromstring(package.read(part))
            for ppr in root.iter(f"{W}pPr"):
                names = [etree.QName(child).localname for child in ppr]
                assert names == sorted(names, key=PPR_ORDER.index), (part, names)


def test_docx_title_property_reads_as_the_title(built: Path) -> None:
    """File → Properties and the window title: the title's words, its printed line break not turned into a space."""
    document = docx.Document(str(built / f"{STEM}.docx"))
    assert document.core_properties.title == STEM and document.paragraphs[0].text == "2023年度意识形态工作总结及\n2024年工作计划"


def test_docx_blanks_are_highlighted(built: Path) -> None:
    document = docx.Document(str(built / f"{STEM}.docx"))
    blank_runs = [run for p in document.paragraphs for run in p.runs if run.style is not None and run.style.style_id == "Blank"]
    assert len(blank_runs) == 27 + 2  # the 27 blanks of the seed, the signature and the date
    assert all(BLANK.fullmatch(run.text) for run in blank_runs)
    highlight = document.styles["Blank"].element.find(f"{W}rPr/{W}highlight")
    assert highlight is not None and highlight.get(f"{W}val") == "yellow"
    assert document.styles["Blank"].element.find(f"{W}rPr/{W}shd").get(f"{W}fill") == "FFFF00"


# --- PDF layout --------------------------------------------------------------------------------------


def test_pdf_fonts_are_embedded(built: Path) -> None:
    reader = pypdf.PdfReader(str(built / f"{STEM}.pdf"))
    seen = 0
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descendants = font.get("/DescendantFonts")
            descriptor = (descendants[0].get_object() if descendants else font)["/FontDescriptor"].get_object()
            assert any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")), font["/BaseFont"]
            seen += 1
    assert seen > 0


def test_pdf_full_pages_hold_22_lines_of_28_characters(built: Path) -> None:
    pages = pdf_lines(built / f"{STEM}.pdf")
    body_pages = [[line for line in page if not is_folio(line)] for page in pages][1:]  # page 1 has the title
    pitch, top = 225 * MM / 22, 37 * MM
    full = []
    for lines in body_pages:
        slots = [(line[0]["top"] - top) / pitch for line in lines]
        assert all(abs(slot - round(slot)) < 0.01 and 0 <= round(slot) <= 21 for slot in slots), slots  # on the 22-line grid
        if round(slots[-1]) == 21:
            full.append(lines)
            assert len(lines) == 22
    assert len(full) >= 2
    right_edge = (210 - 26) * MM
    widths: Counter[int] = Counter()
    for lines in full:
        for line in lines:
            if abs(line[-1]["x1"] - right_edge) < 1 and not any(c["text"].isascii() for c in line):  # a full line, all Chinese
                widths[len(line)] += 1
                assert len(line) <= 28, "".join(c["text"] for c in line)
    assert widths.most_common(1)[0][0] == 28
    # Consecutive Chinese characters sit one cell apart: 156 mm / 28.
    line = next(line for lines in full for line in lines if len(line) == 28)
    assert line[5]["x0"] - line[4]["x0"] == pytest.approx(156 * MM / 28, abs=0.3)


def test_pdf_line_pitch_fills_the_type_area(built: Path) -> None:
    page = [line for line in pdf_lines(built / f"{STEM}.pdf")[1] if not is_folio(line)]
    tops = [line[0]["top"] for line in page]
    pitch = 225 * MM / 22
    steps = [(b - a) / pitch for a, b in itertools.pairwise(tops)]
    assert all(abs(step - 1) < 0.002 for step in steps), steps
    assert tops[0] == pytest.approx(37 * MM, abs=1)


def test_pdf_page_numbers_dashed_odd_right_even_left_7mm_below(built: Path) -> None:
    pages = pdf_lines(built / f"{STEM}.pdf")
    left_edge, right_edge, bottom = 28 * MM, (210 - 26) * MM, (297 - 35) * MM
    for number, page in enumerate(pages, start=1):
        folio = [line for line in page if is_folio(line)]
        assert len(folio) == 1
        line = folio[0]
        assert "".join(c["text"] for c in line) == f"— {number} —"
        assert line[0]["size"] == pytest.approx(14)
        assert line[0]["top"] - bottom == pytest.approx(7 * MM, abs=1 * MM)
        if number % 2:
            assert right_edge - line[-1]["x1"] == pytest.approx(14, abs=1.5)
        else:
            assert line[0]["x0"] - left_edge == pytest.approx(14, abs=1.5)


def test_pdf_title_centred_22pt(built: Path) -> None:
    first = pdf_lines(built / f"{STEM}.pdf")[0]
    centre = (28 + (210 - 26)) / 2 * MM
    for line in first[:2]:
        assert line[0]["size"] == pytest.approx(22)
        assert (line[0]["x0"] + line[-1]["x1"]) / 2 == pytest.approx(centre, abs=2)


# --- behaviour ---------------------------------------------------------------------------------------


@pytest.fixture
def workspace(records: Path) -> Path:
    return records.parent


def test_same_records_give_byte_identical_files(workspace: Path, yearbook: Callable[..., Run]) -> None:
    assert yearbook("report", "--out", "a").code == 0
    assert yearbook("report", "--out", "b").code == 0
    for suffix in ("docx", "pdf", "md"):
        assert (workspace / "a" / f"{STEM}.{suffix}").read_bytes() == (workspace / "b" / f"{STEM}.{suffix}").read_bytes(), suffix


def test_source_date_epoch_is_honoured(workspace: Path, yearbook: Callable[..., Run], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert yearbook("report", "--format", "docx").code == 0
    with zipfile.ZipFile(workspace / "build" / f"{STEM}.docx") as package:
        assert "2023-11-14T22:13:20Z" in package.read("docProps/core.xml").decode()


def test_a_draft_says_how_many_blanks_remain(workspace: Path, yearbook: Callable[..., Run]) -> None:
    result = yearbook("report", "--format", "md")
    assert result.code == 0 and "这是草稿：还有 28 处待填或占位符" in result.err


def test_final_refuses_while_blanks_remain_and_lists_them(workspace: Path, yearbook: Callable[..., Run]) -> None:
    result = yearbook("report", "--final")
    assert result.code == 1
    assert "records/2023/activities.yaml:17:65: YB302 错误" in result.out
    assert "未生成报告" in result.err
    assert not (workspace / "build").exists()


def test_records_with_errors_are_not_built(records: Path, yearbook: Callable[..., Run]) -> None:
    edit(records / "2023" / "plans.yaml", "year: 2023", "year: 2022")
    result = yearbook("report")
    assert result.code == 1 and "YB203" in result.out
    assert not (records.parent / "build").exists()


def test_a_failed_build_leaves_earlier_deliverables_whole(workspace: Path, yearbook: Callable[..., Run], monkeypatch: pytest.MonkeyPatch) -> None:
    assert yearbook("report").code == 0
    before = {p.name: p.read_bytes() for p in (workspace / "build").iterdir()}

    def broken(*args: object) -> bytes:
        from yearbook.report.render import RenderError

        raise RenderError("typst: simulated failure")

    monkeypatch.setattr("yearbook.report.render.render_pdf", broken)
    edit(workspace / "records" / "2023" / "problems.yaml", "一年来，", "这一年来，")
    result = yearbook("report")
    assert result.code == 2 and "simulated failure" in result.err and "Traceback" not in result.err
    after = {p.name: p.read_bytes() for p in (workspace / "build").iterdir()}
    assert after == before  # nothing half-written, nothing left behind, not even the DOCX that did succeed


def test_no_chinese_font_is_a_clear_message(workspace: Path, yearbook: Callable[..., Run], monkeypatch: pytest.MonkeyPatch) -> None:
    from yearbook.report import fonts, render

    monkeypatch.setattr(render, "font_plan", lambda profile=None: fonts.plan(["DejaVu Sans"]))
    monkeypatch.setattr("yearbook.report_cmd.font_plan", lambda profile=None: fonts.plan(["DejaVu Sans"]))
    result = yearbook("report")
    assert result.code == 2 and "没有找到任何中文字体" in result.err
    assert yearbook("report", "--format", "docx,md").code == 0  # DOCX and Markdown need no installed font


def test_substitute_fonts_are_named(yearbook: Callable[..., Run], workspace: Path) -> None:
    from yearbook.report import fonts

    plan = fonts.plan(["Noto Serif CJK SC", "Noto Sans CJK SC", "FangSong"])
    assert plan.choices["body"].used == "FangSong" and not plan.choices["body"].substitute
    assert plan.choices["kai"].used == "Noto Serif CJK SC" and "楷体 → Noto Serif CJK SC" in plan.substitutions()


def test_several_years_show_progress(records: Path, yearbook: Callable[..., Run]) -> None:
    copy_year(records, 2023, 2024)
    result = yearbook("report", "--year", "all", "--format", "md")
    assert result.code == 0
    assert "[1/2] 2023" in result.err and "[2/2] 2024" in result.err and "已生成 2 个文件" in result.err
    assert yearbook("report", "--year", "2031").code == 2


HOSTILE = r"""注意 # * _ $ \ < > [ ] @ {{ }} ~ ^ | \input{{/etc/passwd}} \end{{document}} <script>alert(1)</script> #read("/etc/passwd") #sys.inputs $x^2$ </w:t></w:r><w:r><w:t>OOXML **粗体** [链接](http://example.com) `code` <!-- c --> &amp; 结束"""


def test_markup_in_records_is_printed_literally(records: Path, yearbook: Callable[..., Run]) -> None:
    quoted = "'" + HOSTILE.replace("'", "''") + "'"
    edit(records / "2023" / "problems.yaml", "  - 一年来，我单位意识形态工作取得了一定成果，但也存在一些不足，需要在今后的工作中加以改进。", "  - " + quoted)
    (records.parent / ".yearbook.yaml").write_text("rules:\n  YB401: off\n  YB402: off\n  YB303: off\n", encoding="utf-8")
    result = yearbook("report")
    assert result.code == 0, result.out + result.err
    expected = HOSTILE.replace("{{", "{").replace("}}", "}")
    build = records.parent / "build"
    assert expected in docx_paragraphs(build / f"{STEM}.docx")
    pdf_text = "".join("".join(c["text"] for c in line) for page in pdf_lines(build / f"{STEM}.pdf") for line in page if not is_folio(line))
    assert expected.replace(" ", "") in pdf_text.replace(" ", "")
    assert "root:" not in pdf_text
    markdown = (build / f"{STEM}.md").read_text(encoding="utf-8")
    assert "<script>" not in markdown.replace("\\<script\\>", "")  # escaped, so a Markdown viewer shows it as text


def test_an_unwritable_output_is_a_usage_error(workspace: Path, yearbook: Callable[..., Run]) -> None:
    (workspace / "build").write_text("a file where the folder should be", encoding="utf-8")
    result = yearbook("report", "--format", "md")
    assert result.code == 2 and "无法写入" in result.err and "Traceback" not in result.err


def test_references_in_the_title_are_filled_in_before_it_is_broken_and_named(workspace: Path, yearbook: Callable[..., Run]) -> None:
    edit(workspace / "records" / "org.yaml", "short_name:  #", "short_name: 某某集团  #")
    title = "title: '{org}{year}年度意识形态工作总结及{next_year}年工作计划'"
    edit(workspace / "records" / "2023" / "report.yaml", "topic: 意识形态工作", f"topic: 意识形态工作\n{title}")
    assert yearbook("report", "--format", "docx,md").code == 0
    stem = "某某集团2023年度意识形态工作总结及2024年工作计划"
    assert sorted(path.name for path in (workspace / "build").iterdir()) == [f"{stem}.docx", f"{stem}.md"]
    title = docx.Document(str(workspace / "build" / f"{stem}.docx")).paragraphs[0].text
    assert title.split("\n") == ["某某集团2023年度意识形态工作总结及", "2024年工作计划"]  # broken after 及, in the printed words


@pytest.mark.parametrize(("kind", "written"), [("rate", "-1.2"), ("rate", "105.30"), ("percent", "2.0"), ("number", "193.0")])
def test_figures_print_with_the_digits_they_were_written_with(workspace: Path, yearbook: Callable[..., Run], kind: str, written: str) -> None:
    figure = "education-rate: {label: 党员受教育率, kind: percent, unit: '%', value: 100}"
    edit(
        workspace / "records" / "2023" / "activities.yaml", figure, figure.replace("kind: percent", f"kind: {kind}").replace("value: 100", f"value: {written}")
    )
    assert yearbook("check").code == 0
    assert yearbook("report", "--format", "md").code == 0
    assert f"党员受教育率{written}%" in (workspace / "build" / f"{STEM}.md").read_text(encoding="utf-8")


def test_a_share_above_100_is_an_error_but_a_rate_is_not(workspace: Path, yearbook: Callable[..., Run]) -> None:
    figure = "education-rate: {label: 党员受教育率, kind: percent, unit: '%', value: 100}"
    edit(workspace / "records" / "2023" / "activities.yaml", figure, figure.replace("value: 100", "value: 105.3"))
    assert yearbook("check").code == 1
    edit(workspace / "records" / "2023" / "activities.yaml", "kind: percent, unit: '%', value: 105.3", "kind: rate, unit: '%', value: 105.3")
    assert yearbook("check").code == 0


def _without_signature(workspace: Path, date: str) -> None:
    edit(workspace / "records" / "2023" / "report.yaml", "opening:", "signature: false\nopening:")
    edit(workspace / "records" / "2023" / "report.yaml", "date:   #", f"date: {date}   #")


def test_a_document_without_signature_and_date_ends_with_its_body(workspace: Path, yearbook: Callable[..., Run]) -> None:
    _without_signature(workspace, "false")
    check = yearbook("check")
    assert check.code == 0 and "成文日期尚未填写" not in check.out and "组织全称尚未填写" not in check.out
    assert yearbook("report").code == 0
    last = "凝聚团结向上的奋斗力量。"
    assert docx_paragraphs(workspace / "build" / f"{STEM}.docx")[-1].endswith(last)
    pdf = [line for page in pdf_lines(workspace / "build" / f"{STEM}.pdf") for line in page if not is_folio(line)]
    assert "".join(c["text"] for c in pdf[-1]).replace(" ", "").endswith(last)
    assert (workspace / "build" / f"{STEM}.md").read_text(encoding="utf-8").rstrip().endswith(last)


def test_a_date_without_a_signature_stands_two_cells_from_the_right(workspace: Path, yearbook: Callable[..., Run]) -> None:
    _without_signature(workspace, "2024-01-15")
    assert yearbook("report").code == 0
    last = docx.Document(str(workspace / "build" / f"{STEM}.docx")).paragraphs[-1]
    # Flush right, 2 cells (of 315 twips) in: a right indent, so that an edited date stays in place.
    assert last.text == "2024年1月15日" and last.alignment == 2 and last.paragraph_format.right_indent == 2 * 315 * 635
    pdf = [line for page in pdf_lines(workspace / "build" / f"{STEM}.pdf") for line in page if not is_folio(line)]
    assert "".join(c["text"] for c in pdf[-1]).replace(" ", "") == "2024年1月15日"
    right_edge = (210 - 26) * MM
    assert 2 * 15.5 <= right_edge - pdf[-1][-1]["x1"] <= 2 * 16 + 1


def test_a_doc_number_is_centred_under_the_title_and_the_addressee_flush_left(workspace: Path, yearbook: Callable[..., Run]) -> None:
    edit(workspace / "records" / "2023" / "report.yaml", "opening:", "doc_number: 集团党〔2024〕3号\naddressee: 市委宣传部：\nopening:")
    assert yearbook("report").code == 0
    document = docx.Document(str(workspace / "build" / f"{STEM}.docx"))
    texts = [(p.style.name, p.text) for p in document.paragraphs if p.text.strip()]
    assert texts[1] == ("Doc Number", "集团党〔2024〕3号") and texts[2] == ("Addressee", "市委宣传部：")
    assert texts[3][1].startswith("2023年，")
    styles = {s.name: s for s in document.styles}
    assert styles["Doc Number"].paragraph_format.alignment == 1  # centre
    assert styles["Addressee"].paragraph_format.first_line_indent in (None, 0)
    page = [line for line in pdf_lines(workspace / "build" / f"{STEM}.pdf")[0] if not is_folio(line)]
    number = next(line for line in page if "".join(c["text"] for c in line).replace(" ", "") == "集团党〔2024〕3号")
    addressee = next(line for line in page if "".join(c["text"] for c in line).replace(" ", "") == "市委宣传部：")
    middle = (number[0]["x0"] + number[-1]["x1"]) / 2
    assert middle == pytest.approx(28 * MM + 156 * MM / 2, abs=3)  # centred in the type area
    assert addressee[0]["x0"] == pytest.approx(28 * MM, abs=1)  # flush left
    pitch = 225 * MM / 22
    assert (addressee[0]["top"] - number[0]["top"]) / pitch == pytest.approx(1, abs=0.01)  # on the line grid
    markdown = (workspace / "build" / f"{STEM}.md").read_text(encoding="utf-8")
    assert markdown.index("集团党〔2024〕3号") < markdown.index("市委宣传部：") < markdown.index("2023年，")


def test_attachments_are_listed_under_the_body_numbered_and_aligned(workspace: Path, yearbook: Callable[..., Run]) -> None:
    names = "attachments:\n  - 2023年度意识形态工作责任清单\n  - 宣传思想工作要点完成情况统计表\n"
    edit(workspace / "records" / "2023" / "report.yaml", "opening:", names + "opening:")
    assert yearbook("report").code == 0
    document = docx.Document(str(workspace / "build" / f"{STEM}.docx"))
    texts = [(p.style.name, p.text) for p in document.paragraphs if p.text.strip()]
    first = next(i for i, (_, text) in enumerate(texts) if "附件：" in text)
    assert texts[first] == ("Attachments", "\u3000\u3000附件：1.2023年度意识形态工作责任清单")
    assert texts[first + 1][1] == "\u3000" * 5 + "2.宣传思想工作要点完成情况统计表"
    assert texts[first - 1][1].endswith("凝聚团结向上的奋斗力量。") and texts[first + 2][0] == "Signature"  # body, list, signature
    page = [line for line in pdf_lines(workspace / "build" / f"{STEM}.pdf")[-1] if not is_folio(line)]
    one = next(line for line in page if "附件：1." in "".join(c["text"] for c in line))
    two = next(line for line in page if "".join(c["text"] for c in line).replace(" ", "").startswith("2.宣传"))
    assert one[0]["x0"] == pytest.approx(28 * MM + 2 * 156 * MM / 28, abs=1)  # 2 cells in
    digit = next(c for c in one if c["text"] == "1")
    assert two[0]["x0"] == pytest.approx(digit["x0"], abs=1)  # 2. under 1.
    markdown = (workspace / "build" / f"{STEM}.md").read_text(encoding="utf-8")
    assert "附件：1.2023年度意识形态工作责任清单" in markdown and "2.宣传思想工作要点完成情况统计表" in markdown


def test_pandoc_is_the_bundled_one_found_without_importing_pypandoc() -> None:
    """The pinned pandoc of pypandoc-binary by its path (importing pypandoc costs a report 10 ms); PYPANDOC_PANDOC,
    pypandoc's own override, is honoured as it is, without pypandoc running it first."""
    import os
    import subprocess
    import sys

    probe = "import sys; from yearbook.report import render; print(render._pandoc_path()); print('pypandoc' in sys.modules)"
    env = {key: value for key, value in os.environ.items() if key != "PYPANDOC_PANDOC"}
    path, imported = subprocess.run([sys.executable, "-c", probe], env=env, capture_output=True, text=True, check=True).stdout.split()
    assert Path(path).parent.name == "files" and Path(path).parent.parent.name == "pypandoc" and imported == "False"
    chosen, imported = subprocess.run(
        [sys.executable, "-c", probe], env={**env, "PYPANDOC_PANDOC": path}, capture_output=True, text=True, check=True
    ).stdout.split()
    assert chosen == path and imported == "False"
