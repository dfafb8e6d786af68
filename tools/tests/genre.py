"""The genre fixtures (tests/fixtures/genre/<shape>/): records of one document shape each, with the text a reader
must see, paragraph by paragraph and cell by cell, kept in expected.txt beside them."""

from __future__ import annotations

from pathlib import Path

from yearbook.engine import Options, check_tree
from yearbook.report.compile import compile_year
from yearbook.report.document import Document, Heading, Line, Paragraph, Signature, Span, Table

GENRE = Path(__file__).parent / "fixtures" / "genre"
SHAPES = sorted(path.name for path in GENRE.iterdir() if (path / "records").is_dir())


def _text(spans: tuple[Span, ...]) -> str:
    return "".join(span.text for span in spans)


def document_of(shape: str) -> Document:
    records = GENRE / shape / "records"
    result = check_tree(records, None, Options())
    year = max(result.years)
    return compile_year(result.years[year], result.org)


def reader_lines(document: Document) -> list[str]:
    """What a reader sees, one paragraph per line; a table as its caption, then one line per row with the cells
    (each merged cell once) joined by “|”."""
    lines = ["".join(_text(line) for line in document.title_lines)]
    for block in document.blocks:
        if isinstance(block, Heading):
            lines.append(block.number + _text(block.text) + _text(block.body))
        elif isinstance(block, Paragraph | Line):
            lines.append(_text(block.spans).lstrip("\u3000"))
        elif isinstance(block, Signature):
            lines += [text for text in block.texts if text]
        elif isinstance(block, Table):
            if block.caption:
                lines.append(_text(block.caption))
            lines += ["|".join(_text(cell.spans) for cell in row) for row in block.rows]
    return lines


def expected(shape: str) -> list[str]:
    return (GENRE / shape / "expected.txt").read_text(encoding="utf-8").splitlines()


def blanks_as_one(lines: list[str]) -> list[str]:
    """Lines with every blank the same: a `*` or XX typed in the original and the 【待填：…】 the report prints for
    the unfilled value it became are the same blank."""
    from yearbook.rules.placeholders import PLACEHOLDER_RE

    return [PLACEHOLDER_RE.sub("□", line) for line in lines]


def clerks_docx(lines: list[str], path: Path) -> None:
    """The lines saved as an office saves a report in Word: no heading styles; a centred 22-point title; typed
    numbering; headings set bold in 黑体 (楷体 below the first level) by hand; run-in headings and the leads of
    points in bold; table captions (“表1”) in 黑体; real Word tables for rows of cells (“|”); an empty paragraph
    before each first-level heading."""
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Pt

    from yearbook.importer.numbering import typed_heading, typed_points

    document = docx.Document()

    def run(paragraph: object, text: str, bold: bool = False, face: str | None = None) -> None:
        piece = paragraph.add_run(text)  # type: ignore[attr-defined]
        piece.bold = bold or None
        if face:
            piece.font.name = face
            piece._element.rPr.rFonts.set(qn("w:eastAsia"), face)

    title = document.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run(title, lines[0], face="方正小标宋简体")
    title.runs[0].font.size = Pt(22)
    rows: list[list[str]] = []

    def flush() -> None:
        if rows:
            width = max(len(r) for r in rows)
            table = document.add_table(rows=len(rows), cols=width)
            for r, cells in enumerate(rows):
                if len(cells) < width:  # a short row's last cell merged across the rest, as the clerk merged it
                    table.cell(r, len(cells) - 1).merge(table.cell(r, width - 1))
                for c, value in enumerate(cells):
                    table.cell(r, c).text = value
            rows.clear()

    for line in lines[1:]:
        if "|" in line:
            rows.append(line.split("|"))
            continue
        flush()
        heading = typed_heading(line)
        points = typed_points(line, first=None)
        if heading is not None and heading.style == "一、":
            document.add_paragraph()  # an empty paragraph before each part
        paragraph = document.add_paragraph()
        if heading is not None and not heading.body:
            run(paragraph, line, bold=True, face="黑体" if heading.style == "一、" else "楷体")
        elif heading is not None:
            cut = len(line) - len(heading.body)
            run(paragraph, line[:cut], bold=True, face="楷体")
            run(paragraph, line[cut:])
        elif line.startswith("表") and line[1:2].isdigit():
            run(paragraph, line, face="黑体")
        elif points is not None and not points[2] and points[1][0].text and line.find("。") > 0:
            cut = line.index("。") + 1
            run(paragraph, line[:cut], bold=True)
            run(paragraph, line[cut:])
        else:
            run(paragraph, line)
    flush()
    document.save(str(path))


def seed_lines() -> list[str]:
    """The seed report's paragraphs (its paywall markers taken out)."""
    from conftest import SEED

    text = SEED.read_text(encoding="utf-8").replace("##paidbegin##", "").replace("##paidend##", "")
    return [line.strip() for line in text.splitlines() if line.strip()]
