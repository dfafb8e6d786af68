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
            lines += [text for text in (_text(block.name), *(_text(name) for name, _ in block.more), _text(block.date)) if text]
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
