"""A redline DOCX: HEAD's report with Word tracked changes against BASE's.

Blocks are aligned by their text; paired blocks are diffed token by token (numbers and Latin words whole),
unpaired ones are inserted or deleted whole, paragraph mark included, so accepting every change gives
exactly HEAD's text and rejecting every change gives exactly BASE's. pandoc writes insertion and deletion
spans as `w:ins`/`w:del` but numbers the two kinds separately; every change id is renumbered here so
each is unique, as Word requires.
"""

from __future__ import annotations

import difflib
import io
import re
import zipfile
from dataclasses import dataclass
from typing import Any, Literal

from lxml import etree

from yearbook.diff.tokens import tokenize
from yearbook.report.blocks import merge_spans
from yearbook.report.document import Block, Document, Heading, Line, PageBreak, Paragraph, Signature, Span, SpanKind, Table, TableCell
from yearbook.report.docx_direct import right_mark
from yearbook.report.pandoc_ast import DATE_STYLE, LINE_STYLES, PAGE_BREAK, PANDOC_API_VERSION, SIGNATURE_STYLE, inlines, mark, table_ast
from yearbook.report.reference_docx import CELL_TWIPS

Json = dict[str, Any]
Mark = Literal["", "insertion", "deletion"]
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_NS = {"w": W}


@dataclass(frozen=True, slots=True)
class _Line:
    """A printed paragraph: how it is styled and its text as (token, span kind) pairs."""

    shape: tuple[str, ...]  # ("heading", level) / ("para",) / ("style", name) / ("table", columns)
    tokens: tuple[tuple[str, SpanKind], ...]
    table: Table | None = None  # a table is one line here, its cells compared one by one when it changed
    right: float | None = None  # a signature or date line: cells in from the right edge

    @property
    def text(self) -> str:
        return "".join(token for token, _ in self.tokens)


def _tokens(spans: tuple[Span, ...]) -> tuple[tuple[str, SpanKind], ...]:
    return tuple((token, span.kind) for span in spans for token in tokenize(span.text))


def _lines(blocks: tuple[Block, ...]) -> list[_Line]:
    lines: list[_Line] = []
    for block in blocks:
        if isinstance(block, Table):
            spans = tuple(span for row in block.rows for cell in row for span in (*cell.spans, Span("|")))
            lines.append(_Line(("table", str(len(block.widths))), _tokens((*block.caption, Span("|"), *spans)), block))
        elif isinstance(block, Heading) and block.body:
            lines.append(_Line(("para",), _tokens((Span(block.number, "lead"), *(Span(s.text, "lead") for s in block.text), *block.body))))
        elif isinstance(block, Heading):
            lines.append(_Line(("heading", str(block.level)), _tokens((Span(block.number), *block.text))))
        elif isinstance(block, Paragraph):
            lines.append(_Line(("para",), _tokens(block.spans)))
        elif isinstance(block, Line):
            lines.append(_Line(("style", LINE_STYLES[block.style]), _tokens((Span("\u3000" * block.indent), *block.spans))))
        elif isinstance(block, PageBreak):
            lines.append(_Line(("break",), ()))
        elif isinstance(block, Signature):
            for i, line in enumerate(block.lines):
                lines.append(_Line(("style", SIGNATURE_STYLE if i == 0 else DATE_STYLE), _tokens(line.spans), right=line.right))
    return lines


class _Writer:
    def __init__(self, author: str, date: str) -> None:
        self.attrs = [["author", author], ["date", date]]
        self.marks = 0

    def runs(self, tokens: list[tuple[str, SpanKind]], mark: Mark) -> list[Json]:
        content = inlines(merge_spans(tuple(Span(token, kind) for token, kind in tokens)))
        if not mark or not content:
            return content
        return [{"t": "Span", "c": [["", [mark], self.attrs], content]}]

    def paired(self, old: _Line, new: _Line) -> list[Json]:
        a, b = old.tokens, new.tokens
        out: list[Json] = []
        matcher = difflib.SequenceMatcher(None, [t for t, _ in a], [t for t, _ in b], autojunk=False)
        for tag, i1, i2, j1, j2 in matcher.get_opcodes():
            if tag == "equal":
                out += self.runs(list(b[j1:j2]), "")
                continue
            out += self.runs(list(a[i1:i2]), "deletion")
            out += self.runs(list(b[j1:j2]), "insertion")
        return out

    def table(self, new: Table, old: Table | None, mark: Mark) -> list[Json]:
        """The table with each cell marked: the whole table inserted or deleted, or, when it changed but kept its
        shape, each changed cell as old → new (a table whose shape changed is shown as the new one inserted)."""
        same_shape = old is not None and [len(r) for r in old.rows] == [len(r) for r in new.rows]
        cells = {id(cell): (r, c) for r, row in enumerate(new.rows) for c, cell in enumerate(row)}

        def content(cell: TableCell) -> list[Json]:
            tokens = list(_tokens(cell.spans))
            if old is None or not same_shape:
                return self.runs(tokens, mark)
            r, c = cells[id(cell)]
            before = _Line(("cell",), _tokens(old.rows[r][c].spans))
            return self.paired(before, _Line(("cell",), tuple(tokens)))

        return table_ast(new, content)

    def block(self, line: _Line, content: list[Json]) -> Json:
        if line.shape[0] == "break":
            return PAGE_BREAK
        if line.shape[0] == "heading":
            return {"t": "Header", "c": [min(int(line.shape[1]), 4), ["", ["unnumbered"], []], content]}
        if line.shape[0] == "style":
            if line.right is not None:
                self.marks += 1
                content = [*mark(right_mark(round(line.right * CELL_TWIPS), self.marks)), *content]
            return {"t": "Div", "c": [["", [], [["custom-style", line.shape[1]]]], [{"t": "Para", "c": content}]]}
        return {"t": "Para", "c": content}


def redline_ast(base: Document, head: Document, author: str, date: str) -> Json:
    """HEAD's document with BASE's differences as insertion and deletion spans."""
    writer = _Writer(author, date)
    old, new = _lines(base.blocks), _lines(head.blocks)
    blocks: list[Json] = []
    matcher = difflib.SequenceMatcher(None, [line.text for line in old], [line.text for line in new], autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            for line in new[j1:j2]:
                blocks += writer.table(line.table, None, "") if line.table is not None else [writer.block(line, writer.runs(list(line.tokens), ""))]
            continue
        olds, news = old[i1:i2], new[j1:j2]
        while olds or news:
            a, b = (olds[0] if olds else None), (news[0] if news else None)
            similar = a is not None and b is not None and a.shape == b.shape and difflib.SequenceMatcher(None, a.text, b.text).ratio() > 0.4
            if similar and a is not None and b is not None and b.table is not None:
                same = a.table is not None and [len(r) for r in a.table.rows] == [len(r) for r in b.table.rows]
                blocks += writer.table(b.table, a.table, "") if same else [*writer.table(a.table, None, "deletion"), *writer.table(b.table, None, "insertion")]  # type: ignore[arg-type]
                olds, news = olds[1:], news[1:]
            elif similar:
                blocks.append(writer.block(b, writer.paired(a, b)))  # type: ignore[arg-type]
                olds, news = olds[1:], news[1:]
            elif a is not None and (b is None or len(olds) >= len(news)):
                blocks += writer.table(a.table, None, "deletion") if a.table is not None else [writer.block(a, writer.runs(list(a.tokens), "deletion"))]
                olds = olds[1:]
            else:
                assert b is not None
                blocks += writer.table(b.table, None, "insertion") if b.table is not None else [writer.block(b, writer.runs(list(b.tokens), "insertion"))]
                news = news[1:]
    title = _title(writer, base, head)
    return {
        "pandoc-api-version": PANDOC_API_VERSION,
        "meta": {"title": {"t": "MetaInlines", "c": title}, "lang": {"t": "MetaString", "c": "zh-CN"}},
        "blocks": blocks,
    }


def _title(writer: _Writer, base: Document, head: Document) -> list[Json]:
    old = _Line(("title",), _tokens(tuple(span for line in base.title_lines for span in line)))
    new = _Line(("title",), _tokens(tuple(span for line in head.title_lines for span in line)))
    return writer.runs(list(new.tokens), "") if old.text == new.text else writer.paired(old, new)


_CHANGE_ID = re.compile(rb'(<w:(?:ins|del)\b[^>]*?\bw:id=")(\d+)(")')


def finish(docx: bytes, author: str, date: str) -> bytes:
    """Mark the paragraph marks of wholly inserted or deleted paragraphs, then give every change its own id."""
    source = zipfile.ZipFile(io.BytesIO(docx))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "word/document.xml":
                data = _renumber(_paragraph_marks(data, author, date))
            package.writestr(info, data)
    return out.getvalue()


def _paragraph_marks(xml: bytes, author: str, date: str) -> bytes:
    root = etree.fromstring(xml)
    for paragraph in root.iter(f"{{{W}}}p"):
        parent = paragraph.getparent()
        if parent is not None and parent.tag == f"{{{W}}}tc":
            continue  # a table cell keeps its paragraph: its mark cannot come and go with the text
        content = [child for child in paragraph if child.tag != f"{{{W}}}pPr"]
        kinds = {child.tag for child in content}
        if content and len(kinds) == 1 and kinds <= {f"{{{W}}}ins", f"{{{W}}}del"}:
            ppr = paragraph.find("w:pPr", _NS)
            if ppr is None:
                ppr = etree.SubElement(paragraph, f"{{{W}}}pPr")
                paragraph.insert(0, ppr)
            rpr = ppr.find("w:rPr", _NS)
            if rpr is None:
                rpr = etree.SubElement(ppr, f"{{{W}}}rPr")
            mark = etree.SubElement(rpr, kinds.pop())
            mark.set(f"{{{W}}}id", "0")
            mark.set(f"{{{W}}}author", author)
            mark.set(f"{{{W}}}date", date)
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True))


def _renumber(xml: bytes) -> bytes:
    counter = iter(range(1, 1 << 30))
    return _CHANGE_ID.sub(lambda m: m.group(1) + str(next(counter)).encode() + m.group(3), xml)
