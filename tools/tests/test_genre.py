"""The genre's other shapes, built for real: each fixture checks clean, and its DOCX, PDF and Markdown hold every
paragraph and every table cell of expected.txt, character for character, in order."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pdfplumber
import pytest
from conftest import Run, edit
from genre import GENRE, SHAPES, document_of, expected, reader_lines
from lxml import etree

from yearbook.report.document import Table
from yearbook.report.render import render

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_FOLIO = re.compile(r"—\s*\d+\s*—")


def test_there_are_fixtures() -> None:
    assert "disclosure" in SHAPES


@pytest.mark.parametrize("shape", SHAPES)
def test_the_fixture_checks_clean_and_compiles_to_the_expected_text(shape: str, yearbook: Callable[..., Run], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(GENRE / shape)
    result = yearbook("check", "records")
    assert result.code == 0 and "0 个错误，0 个警告" in result.out, result.out
    lines = expected(shape)
    assert sum(len(line) for line in lines) >= 1500
    assert reader_lines(document_of(shape)) == lines


def _docx_lines(docx: bytes) -> list[str]:
    """Paragraphs and table rows of the DOCX body in order; a merged cell once (vMerge continuations skipped)."""
    import zipfile

    root = etree.fromstring(zipfile.ZipFile(io.BytesIO(docx)).read("word/document.xml"))
    body = root.find(f"{W}body")
    assert body is not None
    lines: list[str] = []
    for child in body:
        if child.tag == f"{W}p":
            text = "".join(t.text or "" for t in child.iter(f"{W}t"))
            if text:
                lines.append(text.lstrip("\u3000"))
        elif child.tag == f"{W}tbl":
            for row in child.iter(f"{W}tr"):
                cells = []
                for cell in row.findall(f"{W}tc"):
                    merge = cell.find(f"{W}tcPr/{W}vMerge")
                    if merge is not None and merge.get(f"{W}val") != "restart":
                        continue
                    cells.append("".join(t.text or "" for t in cell.iter(f"{W}t")))
                lines.append("|".join(cells))
    return lines


@pytest.fixture(scope="module", params=SHAPES)
def built(request: pytest.FixtureRequest) -> tuple[str, dict[str, bytes]]:
    shape = request.param
    return shape, render(document_of(shape), ("docx", "pdf", "md"), 0)


def test_docx_holds_every_paragraph_and_cell(built: tuple[str, dict[str, bytes]]) -> None:
    shape, files = built
    lines = expected(shape)
    # The title is one paragraph with a line break; the rest is one DOCX paragraph or table row per line.
    assert _docx_lines(files["docx"]) == lines


def test_docx_tables_have_fixed_column_widths_and_merges(built: tuple[str, dict[str, bytes]]) -> None:
    import zipfile

    shape, files = built
    root = etree.fromstring(zipfile.ZipFile(io.BytesIO(files["docx"])).read("word/document.xml"))
    tables = root.findall(f".//{W}tbl")
    expected_tables = sum(isinstance(block, Table) for block in document_of(shape).blocks)
    assert len(tables) == expected_tables  # every table a real one, and nothing else turned into a table
    for table in tables:
        grid = table.findall(f"{W}tblGrid/{W}gridCol")
        assert grid and all(int(col.get(f"{W}w") or 0) > 0 for col in grid)  # WPS lays tables out from these
    if shape == "disclosure":
        spans = [int(g.get(f"{W}val") or 1) for g in root.iter(f"{W}gridSpan")]
        assert 5 in spans and 3 in spans  # 申请人情况 over five columns, 行政诉讼 over three
        assert any(m.get(f"{W}val") == "restart" for m in root.iter(f"{W}vMerge"))  # 项目 over two header rows


def _squeezed(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_pdf_holds_every_paragraph_and_cell_in_order(built: tuple[str, dict[str, bytes]]) -> None:
    """Paragraphs are found in order in the page text; tables are read back as tables (pdfplumber finds them by
    their rules), each row's cells, a merged cell once, equal to the expected row."""
    shape, files = built
    with pdfplumber.open(io.BytesIO(files["pdf"])) as pdf:
        text = _squeezed(_FOLIO.sub("", "".join(page.extract_text() or "" for page in pdf.pages)))
        rows: list[str] = []
        last: list[str] = []
        for page in pdf.pages:
            for i, table in enumerate(page.extract_tables()):
                cells = ["|".join(_squeezed(cell) for cell in row if cell is not None) for row in table]
                repeated = 0
                while i == 0 and repeated < len(cells) and repeated < len(last) and cells[repeated] == last[repeated]:
                    repeated += 1  # a table continued from the last page repeats its header rows: read once
                rows += cells[repeated:]
                last = cells
    position = 0
    table_rows = []
    for line in expected(shape):
        if "|" in line:
            table_rows.append("|".join(_squeezed(cell) for cell in line.split("|")))
            continue
        wanted = _squeezed(line)
        found = text.find(wanted, position)
        assert found >= 0, f"not in the PDF after position {position}: {line}"
        position = found + len(wanted)
    assert rows == table_rows


def _rendered_lines(markdown: str) -> list[str]:
    """The Markdown as GitHub renders it (cmarkgfm, GitHub's own GFM library; inline HTML allowed as GitHub
    allows it), read as a reader would: each heading and paragraph, each table row as its cells joined by “|”."""
    import cmarkgfm
    from lxml import html

    rendered = cmarkgfm.github_flavored_markdown_to_html(markdown, options=cmarkgfm.Options.CMARK_OPT_UNSAFE)
    lines: list[str] = []
    for element in html.fragment_fromstring(rendered, create_parent="div"):
        if element.tag == "table":
            lines += ["|".join(cell.text_content() for cell in row.iter("th", "td")) for row in element.iter("tr")]
        else:
            lines.append(element.text_content().strip().lstrip("\u3000"))
    return lines


def test_markdown_holds_every_paragraph_and_cell(built: tuple[str, dict[str, bytes]]) -> None:
    """As GitHub, Gitee and GitLab show it: every paragraph and cell, and no Markdown left showing."""
    shape, files = built
    markdown = files["md"].decode("utf-8")
    if shape == "disclosure":
        assert "| 信息内容" in markdown  # a table without merged cells is a pipe table
        assert 'colspan="5"' in markdown and 'rowspan="2"' in markdown  # merged cells are kept in HTML
    lines = _rendered_lines(markdown)
    assert lines == expected(shape)
    assert not any(mark in line for line in lines for mark in ("**", "{.", ":::", "custom-style"))


# --- the table checks, failing and passing, located at the cell ----------------------------------------------


@pytest.fixture
def disclosure(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    target = tmp_path / "records"
    shutil.copytree(GENRE / "disclosure" / "records", target)
    monkeypatch.chdir(tmp_path)
    return target


def at(path: Path, line_text: str, value: str) -> str:
    """`file:line:col:` of `value` inside the line holding `line_text`, as a finding names it."""
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if line_text in line:
            return f"records/{path.parent.name}/{path.name}:{n}:{line.index(value, line.index(line_text)) + 1}:"
    raise AssertionError(f"{line_text} not in {path}")


def _findings(yearbook: Callable[..., Run], code: str) -> list[str]:
    return [line for line in yearbook("check", "records").out.splitlines() if f" {code} " in line]


def test_a_total_that_does_not_add_up_is_reported_at_its_cell(disclosure: Path, yearbook: Callable[..., Run]) -> None:
    edit(disclosure / "2023" / "active.yaml", "[合计, 5, 1, 25]", "[合计, 5, 1, 26]")
    found = _findings(yearbook, "YB501")
    assert len(found) == 1
    assert found[0].startswith(at(disclosure / "2023" / "active.yaml", "[合计, 5, 1, 26]", "26") + " YB501 错误")
    assert "D4 是 26" in found[0] and "应为 25" in found[0] and "D2=2，D3=23" in found[0]


def test_a_check_filled_down_finds_the_wrong_row(disclosure: Path, yearbook: Callable[..., Run]) -> None:
    edit(disclosure / "2023" / "requests.yaml", "[三、本年度办理结果：不予公开, 2, 0, 0, 0, 2]", "[三、本年度办理结果：不予公开, 2, 0, 0, 0, 3]")
    found = _findings(yearbook, "YB501")
    # The row total (F6) and the column balance (F3 = SUM(F5:F8) − F4) both break, each at the cell that shows it.
    requests = disclosure / "2023" / "requests.yaml"
    f6, f3 = at(requests, "不予公开, 2, 0, 0, 0, 3", "3]"), at(requests, "申请数量, 12, 3, 1, 0, 16", "16")
    assert any(line.startswith(f6 + " YB501") and "F6 是 3" in line and "应为 2" in line for line in found), found
    assert any(line.startswith(f3 + " YB501") and "F3 是 16" in line and "应为 17" in line for line in found), found


def test_a_figure_in_a_cell_takes_part_in_the_sum(disclosure: Path, yearbook: Callable[..., Run]) -> None:
    edit(disclosure / "2023" / "active.yaml", "value: 23}", "value: 24}")
    found = _findings(yearbook, "YB501")
    assert len(found) == 1 and "D4 是 25" in found[0] and "应为 26" in found[0]


def test_an_unfilled_figure_skips_the_sum_until_it_is_filled(disclosure: Path, yearbook: Callable[..., Run]) -> None:
    edit(disclosure / "2023" / "active.yaml", "value: 23}", "value: }")
    assert _findings(yearbook, "YB501") == []
    assert _findings(yearbook, "YB302")


def test_text_in_a_summed_cell_is_reported(disclosure: Path, yearbook: Callable[..., Run]) -> None:
    edit(disclosure / "2023" / "active.yaml", "[规章, 0, 0, 2]", "[规章, 0, 0, 两件]")
    found = _findings(yearbook, "YB501")
    assert len(found) == 1 and found[0].startswith(at(disclosure / "2023" / "active.yaml", "[规章, 0, 0, 两件]", "两件") + " YB501")
    assert "D2（“两件”）不是数字" in found[0]


@pytest.mark.parametrize(
    ("check", "words"),
    [("B4 == SUM(B2:B3)", "看不懂检查式"), ("B4 = TOTAL(B2:B3)", "看不懂检查式"), ("B9 = SUM(B2:B3)", "用到了 B9，但表格只有 4 行 4 列（A1 到 D4）")],
)
def test_a_check_that_cannot_be_read_is_reported_at_the_check(disclosure: Path, yearbook: Callable[..., Run], check: str, words: str) -> None:
    edit(disclosure / "2023" / "active.yaml", "  - B4:D4 = SUM(B2:B3)", f"  - {check}")
    found = _findings(yearbook, "YB502")
    assert len(found) == 1 and found[0].startswith("records/2023/active.yaml:16:5: YB502") and words in found[0], found


def test_a_ragged_row_is_reported(disclosure: Path, yearbook: Callable[..., Run]) -> None:
    edit(disclosure / "2023" / "active.yaml", "[规章, 0, 0, 2]", "[规章, 0, 0]")
    found = _findings(yearbook, "YB503")
    assert len(found) == 1 and found[0].startswith("records/2023/active.yaml:12:5: YB503") and "第 2 行占 3 列，而表格有 4 列" in found[0]


def test_the_statutory_tables_pass_as_written(disclosure: Path, yearbook: Callable[..., Run]) -> None:
    result = yearbook("check", "records")
    assert result.code == 0 and "YB5" not in result.out


# --- the diff of a changed cell, in real git ---------------------------------------------------------------------


def _git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.email=w@example.com", "-c", "user.name=w", *args], cwd=cwd, check=True, capture_output=True)


def test_the_diff_shows_a_changed_cell_at_its_row_and_column(disclosure: Path, yearbook: Callable[..., Run]) -> None:
    repo = disclosure.parent
    _git(repo, "init", "-q")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "-m", "base")
    edit(disclosure / "2023" / "active.yaml", "[规章, 0, 0, 2]", "[规章, 0, 1, 3]")
    edit(disclosure / "2023" / "active.yaml", "[合计, 5, 1, 25]", "[合计, 5, 2, 26]")
    result = yearbook("diff", "HEAD", "--records", "records")
    assert result.code in (0, 1), result.err
    assert "第2行（规章）" in result.out and "C列“本年废止件数”" in result.out and "0 → 1" in result.out, result.out
    assert "D列“现行有效件数”" in result.out and "25 → 26" in result.out
    redline = repo / "redline.docx"
    assert yearbook("diff", "HEAD", "--records", "records", "--docx", str(redline)).code in (0, 1)
    import zipfile

    xml = zipfile.ZipFile(redline).read("word/document.xml").decode("utf-8")
    table = xml[xml.index("<w:tbl>") : xml.index("</w:tbl>")]
    assert "<w:del " in table and "<w:ins " in table  # the changed cells are marked inside the table
    assert re.search(r"<w:del [^>]*>.*?<w:delText[^>]*>0</w:delText>", table) and re.search(r"<w:ins [^>]*>.*?<w:t[^>]*>1</w:t>", table)


def test_widths_that_do_not_match_the_columns_are_reported(disclosure: Path, yearbook: Callable[..., Run]) -> None:
    edit(disclosure / "2023" / "active.yaml", "widths: [3, 2, 2, 2]", "widths: [3, 2, 2]")
    found = _findings(yearbook, "YB503")
    assert len(found) == 1 and found[0].startswith(at(disclosure / "2023" / "active.yaml", "widths:", "[")) and "3 个列宽，而表格有 4 列" in found[0]


def test_a_cell_merged_past_the_last_row_is_reported(disclosure: Path, yearbook: Callable[..., Run]) -> None:
    edit(disclosure / "2023" / "active.yaml", "[合计, 5, 1, 25]", "[合计, 5, 1, {value: 25, rowspan: 3}]")
    found = _findings(yearbook, "YB503")
    assert len(found) == 1 and "向下合并 3 行，超出了表格的最后一行" in found[0]


def test_a_huge_merge_is_refused_quickly(disclosure: Path, yearbook: Callable[..., Run]) -> None:
    rows = "".join("  - [{value: x, colspan: 50, rowspan: 500}]\n" for _ in range(400))
    text = (disclosure / "2023" / "appeals.yaml").read_text(encoding="utf-8")
    head = text[: text.index("rows:")]
    (disclosure / "2023" / "appeals.yaml").write_text(head + "rows:\n" + rows, encoding="utf-8")
    found = _findings(yearbook, "YB503")
    assert any("超过 20000 个单元格位置" in line for line in found), found


def test_the_diff_numbers_items_as_the_report_does(monkeypatch: pytest.MonkeyPatch) -> None:
    """Level-1 numbers run on across parts in the diff too: the runin fixture's parts after its headless part."""
    from yearbook.diff.changes import Snapshot, items
    from yearbook.engine import Options, check_tree

    monkeypatch.chdir(GENRE / "runin")
    result = check_tree(Path("records"), None, Options())
    numbers = {item.title: item.number for item in items(Snapshot(result.years, result.org))}
    printed = expected("runin")
    for title, number in numbers.items():
        if number and number.endswith("、") and len(number) == 2:
            assert f"{number}{title}".replace("{next_year}", "2024").replace("{year}", "2023") in printed, (number, title)
    assert sum(1 for n in numbers.values() if n and n.endswith("、") and len(n) == 2) >= 4


@pytest.mark.parametrize(("check", "errors"), [("B4:D4 = SUM(B2:B3) + 0", 0), ("D4 = SUM(D2:D3) + 1", 1), ("D4 = 25", 0), ("D4 = 24.5", 1)])
def test_a_check_may_add_a_number(disclosure: Path, yearbook: Callable[..., Run], check: str, errors: int) -> None:
    edit(disclosure / "2023" / "active.yaml", "  - B4:D4 = SUM(B2:B3)", f"  - {check}")
    assert _findings(yearbook, "YB502") == []
    assert len(_findings(yearbook, "YB501")) == errors
