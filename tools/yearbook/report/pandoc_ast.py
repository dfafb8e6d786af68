"""Document to pandoc's JSON AST, purely. Record text only ever becomes `Str` nodes, so no Markdown, LaTeX,
HTML or OOXML in a record is interpreted: pandoc writes it out as the characters it is.

Styles are named through `custom-style` (paragraphs in a Div, characters in a Span) and defined in the
reference DOCX (`reference_docx.py`).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from yearbook.report.blocks import runs
from yearbook.report.document import Document, Heading, Line, PageBreak, Paragraph, Signature, Span, Table, TableCell
from yearbook.report.docx_direct import SOURCE_PROPERTY, YEAR_PROPERTY, after_mark, cell_mark, keep_mark, provenance_mark, right_mark
from yearbook.report.layout_spec import title_after_twips
from yearbook.report.reference_docx import CELL_TWIPS

PANDOC_API_VERSION = [1, 23, 1, 1]
BLANK_STYLE, SIGNATURE_STYLE, DATE_STYLE = "Blank", "Signature", "Date Line"
CAPTION_STYLE, CELL_STYLE, CELL_LEFT_STYLE = "Table Caption", "Table Cell", "Table Cell Left"
LINE_STYLES = {
    "doc-number": "Doc Number",
    "addressee": "Addressee",
    "attachments-first": "Attachments",
    "attachments": "Addressee",
    "note": "Addressee",
    "attachment-label": "Attachment Label",
    "attachment-title": "Attachment Title",
}
PAGE_BREAK = {"t": "RawBlock", "c": ["openxml", '<w:p><w:r><w:br w:type="page"/></w:r></w:p>']}
_SPACE_RUN = re.compile(r"( +)")

Json = dict[str, Any]


def _strs(text: str) -> list[Json]:
    out: list[Json] = []
    for piece in _SPACE_RUN.split(text):
        if not piece:
            continue
        out.append({"t": "Space"} if piece.strip(" ") == "" else {"t": "Str", "c": piece})  # U+3000 stays text
    return out


def _attr(style: str | None = None, classes: list[str] | None = None) -> list[Any]:
    return ["", classes or [], [["custom-style", style]] if style else []]


def inlines(spans: tuple[Span, ...]) -> list[Json]:
    """Pandoc inlines; neighbouring spans of one kind make one run, whatever record text each came from."""
    out: list[Json] = []
    for span in runs(spans):
        if span.kind == "lead":
            out.append({"t": "Strong", "c": _strs(span.text)})
        elif span.kind == "blank":
            out.append({"t": "Span", "c": [_attr(BLANK_STYLE, ["blank"]), _strs(span.text)]})
        else:
            out += _strs(span.text)
    return out


def mark(name: str) -> list[Json]:
    """An empty span with an id: pandoc writes it as a bookmark, which `docx_direct` turns into a paragraph
    property (keep with next, a right indent) and removes."""
    return [{"t": "Span", "c": [[name, [], []], []]}]


def _styled(style: str, content: list[Json]) -> Json:
    return {"t": "Div", "c": [_attr(style), [{"t": "Para", "c": content}]]}


def _run_in(block: Heading, styled: bool) -> Json:
    """A heading that runs into its paragraph: the heading in its level's character style (bold in Markdown),
    then the body."""
    content = [{"t": "Str", "c": block.number}, *inlines(block.text)]
    heading = {"t": "Span", "c": [_attr(f"Heading {min(block.level, 4)} Char"), content]} if styled else {"t": "Strong", "c": content}
    return {"t": "Para", "c": [heading, *inlines(block.body)]}


def table_ast(table: Table, content: Callable[[TableCell], list[Json]] | None = None, styled: bool = True, block: int | None = None) -> list[Json]:
    """The caption paragraph and the table: fixed column widths (written as w:gridCol, which WPS lays the table
    out from), merged cells as spans, each cell's text in a centred (or, for body text, left) cell style. With the
    table's `block` index, the caption and each cell say where they are (provenance bookmarks)."""
    fill = content or (lambda cell: inlines(cell.spans))

    def cell(c: TableCell, r: int, k: int) -> Json:
        style = CELL_LEFT_STYLE if c.align == "left" else CELL_STYLE
        align = {"t": "AlignLeft"} if c.align == "left" else {"t": "AlignCenter"}
        marks = mark(cell_mark(block, r, k)) if block is not None else []
        body = _styled(style, [*marks, *fill(c)]) if styled else {"t": "Plain", "c": fill(c)}
        return [_attr(), align, c.rowspan, c.colspan, [body]]  # type: ignore[return-value]

    def row(cells: tuple[TableCell, ...], r: int) -> Json:
        return [_attr(), [cell(c, r, k) for k, c in enumerate(cells)]]  # type: ignore[return-value]

    head = [(r, cells) for r, cells in enumerate(table.rows[: table.header_rows])]
    body = [(r + table.header_rows, cells) for r, cells in enumerate(table.rows[table.header_rows :])]
    colspecs = [[{"t": "AlignDefault"}, {"t": "ColWidth", "c": width}] for width in table.widths]
    caption_marks = mark(provenance_mark(block)) if block is not None else []
    caption = (
        _styled(CAPTION_STYLE, [*caption_marks, *inlines(table.caption)]) if styled else {"t": "Para", "c": [{"t": "Strong", "c": inlines(table.caption)}]}
    )
    out: list[Json] = [caption] if table.caption else []
    out.append(
        {
            "t": "Table",
            "c": [_attr(), [None, []], colspecs, [_attr(), [row(c, r) for r, c in head]], [[_attr(), 0, [], [row(c, r) for r, c in body]]], [_attr(), []]],
        }
    )
    return out


def _signature(block: Signature, n: int, styled: bool) -> list[Json]:
    """One paragraph per line, each flush right at its own distance from the edge; the first (Signature style) has
    the blank line above it and keeps with the next."""
    out = []
    for i, line in enumerate(block.lines):
        place = [*mark(provenance_mark(n, i)), *mark(right_mark(round(line.right * CELL_TWIPS), n * 100 + i))] if styled else []
        out.append(_styled(SIGNATURE_STYLE if i == 0 else DATE_STYLE, [*place, *inlines(line.spans)]))
    return out


def to_ast(document: Document, styled: bool = True) -> Json:
    """The pandoc document: metadata title (the Title paragraph in DOCX), then the body blocks. Unstyled (for
    Markdown), run-in headings are bold and table cells plain, so tables come out as pipe tables (HTML where
    cells merge)."""
    title: list[Json] = mark(after_mark(title_after_twips(len(document.title_lines)), 0)) if styled else []
    for i, line in enumerate(document.title_lines):
        if i:
            title.append({"t": "LineBreak"})
        title += inlines(line)
    blocks: list[Json] = []
    for n, block in enumerate(document.blocks):
        # Every paragraph says which block of the document it is (`yearbook absorb` maps edits back by it).
        keep = [*mark(provenance_mark(n)), *(mark(keep_mark(n)) if getattr(block, "keep", False) else [])] if styled else []
        if isinstance(block, Heading) and block.body:
            run_in = _run_in(block, styled)
            blocks.append({"t": "Para", "c": [*keep, *run_in["c"]]})
        elif isinstance(block, Heading):
            content = [*keep, {"t": "Str", "c": block.number}, *inlines(block.text)]
            blocks.append({"t": "Header", "c": [min(block.level, 4), ["", ["unnumbered"], []], content]})
        elif isinstance(block, Table):
            blocks += table_ast(block, styled=styled, block=n if styled else None)
        elif isinstance(block, PageBreak):
            blocks.append(PAGE_BREAK if styled else {"t": "HorizontalRule"})
        elif isinstance(block, Paragraph):
            blocks.append({"t": "Para", "c": [*keep, *inlines(block.spans)]})
        elif isinstance(block, Line):
            if styled and block.style == "attachment-title":
                keep = [*mark(provenance_mark(n)), *mark(after_mark(title_after_twips(1), n))]
            blocks.append(_styled(LINE_STYLES[block.style], [*keep, {"t": "Str", "c": "\u3000" * block.indent}, *inlines(block.spans)]))
        elif isinstance(block, Signature):
            blocks += _signature(block, n, styled)
    meta: Json = {"title": {"t": "MetaInlines", "c": title}, "lang": {"t": "MetaString", "c": "zh-CN"}}
    if styled and document.source:  # custom document properties, which Word and WPS keep through editing
        meta[SOURCE_PROPERTY] = {"t": "MetaString", "c": document.source}
        meta[YEAR_PROPERTY] = {"t": "MetaString", "c": str(document.year)}
    return {
        "pandoc-api-version": PANDOC_API_VERSION,
        "meta": meta,
        "blocks": blocks,
    }


def _web_inlines(items: list[Json]) -> list[Json]:
    """Bold (leads, run-in headings, blanks) as HTML <strong>: GFM's ** does not close after a full-width mark
    followed by a Chinese character (“**一是……。**意识” shows its asterisks); <strong> renders on GitHub, Gitee and
    GitLab alike."""
    out: list[Json] = []
    for item in items:
        if item["t"] == "Strong" or (item["t"] == "Span" and "blank" in item["c"][0][1]):
            content = item["c"] if item["t"] == "Strong" else item["c"][1]
            out += [{"t": "RawInline", "c": ["html", "<strong>"]}, *_web_inlines(content), {"t": "RawInline", "c": ["html", "</strong>"]}]
        elif item["t"] == "Span":
            out += _web_inlines(item["c"][1])
        else:
            out.append(item)
    return out


def _web_block(block: Json) -> list[Json]:
    kind = block["t"]
    if kind == "Div":  # a styled line (signature, date, 文号 …): its paragraphs, the spacing they carry kept
        return [b for inner in block["c"][1] for b in _web_block(inner)]
    if kind == "Header":
        level, _attrs, content = block["c"]
        return [{"t": "Header", "c": [min(level + 1, 6), ["", [], []], _web_inlines(content)]}]
    if kind in ("Para", "Plain"):
        return [{"t": kind, "c": _web_inlines(block["c"])}]
    return [block]


def web_ast(document: Document) -> Json:
    """The document for Markdown that GitHub, Gitee and GitLab render (GFM): the title as the one level-1
    heading, headings a level below it without pandoc's attributes, styled lines as plain paragraphs, bold as
    <strong>; tables as pipe tables, or HTML tables where cells merge."""
    ast = to_ast(document, styled=False)
    title = [{"t": "Str", "c": "".join(span.text for line in document.title_lines for span in line)}]
    blocks = [{"t": "Header", "c": [1, ["", [], []], title]}]
    for block in ast["blocks"]:
        blocks += _web_block(block)
    return {**ast, "meta": {}, "blocks": blocks}
