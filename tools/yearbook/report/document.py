"""The compiled document: what the reader sees, in order, with numbers and values already in place.

Both renderers (DOCX through pandoc, PDF through Typst) read this and nothing else, so the two
deliverables cannot disagree about content.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from yearbook.findings import Where

SpanKind = Literal["text", "lead", "blank"]
FIGURE_VALUE = -1  # Origin.piece of a named value's printed value (`where` the figure's mapping)
TABLE_VALUE = -2  # Origin.piece of a table cell's number or blank (`where` the cell's value itself)


@dataclass(frozen=True, slots=True)
class Origin:
    """Where a span's text comes from: a piece of a record's text (its index in `textrefs.pieces` of the normalised
    text), or a named value (piece FIGURE_VALUE, `where` the figure's). `yearbook absorb` maps edits back by it."""

    where: Where
    piece: int


@dataclass(frozen=True, slots=True)
class Span:
    """A run of text: plain prose, a run-in lead sentence (bold), or an unfilled blank (highlighted). `origin` is None
    for what the tool generates (numbers, joiners, dates); it takes no part in comparing spans."""

    text: str
    kind: SpanKind = "text"
    origin: Origin | None = field(default=None, compare=False)


@dataclass(frozen=True, slots=True)
class Heading:
    level: int  # 1 一、  2 （一）  3 1.  4 （1）
    number: str
    text: tuple[Span, ...]
    body: tuple[Span, ...] = ()  # run-in: the first paragraph, printed on in the heading's paragraph


@dataclass(frozen=True, slots=True)
class Paragraph:
    spans: tuple[Span, ...]
    keep: bool = False  # on the same page as the next block (the body's last lines stay with the signature)


@dataclass(frozen=True, slots=True)
class SignatureLine:
    """A signer's name or the date, set flush right with `right` cells left empty before the right edge: a right
    indent holds when the name is edited in Word, where leading spaces pushed the line out of place."""

    spans: tuple[Span, ...]
    right: float


@dataclass(frozen=True, slots=True)
class Signature:
    """The signature and date lines (GB/T 9704 7.3.5.2): one name per signer, then the date; each may be absent.
    The block is never split and never stands alone on a page."""

    names: tuple[SignatureLine, ...]
    date: SignatureLine | None

    @property
    def lines(self) -> tuple[SignatureLine, ...]:
        return (*self.names, *((self.date,) if self.date else ()))

    @property
    def texts(self) -> list[str]:
        return ["".join(span.text for span in line.spans) for line in self.lines]


LineStyle = Literal["doc-number", "addressee", "attachments-first", "attachments", "note", "attachment-label", "attachment-title"]


@dataclass(frozen=True, slots=True)
class Line:
    """A line set apart from the prose: the 文号 centred under the title, the addressee flush left, the lines of
    the 附件说明 placed by their leading cells."""

    style: LineStyle
    spans: tuple[Span, ...]
    indent: int = 0  # leading character cells
    keep: bool = False  # on the same page as the next block (the 附件说明 stays with the signature)


@dataclass(frozen=True, slots=True)
class TableCell:
    spans: tuple[Span, ...]
    colspan: int = 1
    rowspan: int = 1
    align: Literal["left", "center"] = "center"


@dataclass(frozen=True, slots=True)
class Table:
    """A real table: a caption above it, column widths as fractions of the type area, rows of cells (a merged
    cell appears once, in its first row and column), the first `header_rows` rows repeated on each page."""

    caption: tuple[Span, ...]
    widths: tuple[float, ...]
    rows: tuple[tuple[TableCell, ...], ...]
    header_rows: int = 0


@dataclass(frozen=True, slots=True)
class PageBreak:
    """The next block starts a new page (an attachment's page, GB/T 9704 7.3.8)."""


Block = Heading | Paragraph | Line | Signature | Table | PageBreak


@dataclass(frozen=True, slots=True)
class Document:
    title_lines: tuple[tuple[Span, ...], ...]
    blocks: tuple[Block, ...]
    issued: str | None = None  # the date of the document (ISO), when filled in
    year: int = 0
    source: str | None = None  # the records it was built from (a content hash), carried in the DOCX's properties

    @property
    def title(self) -> str:
        return "".join(span.text for line in self.title_lines for span in line)

    def text(self) -> str:
        """Every character the document prints (for the font coverage check), in no particular layout."""
        spans = [span for line in self.title_lines for span in line]
        for block in self.blocks:
            if isinstance(block, Heading):
                spans += [Span(block.number), *block.text, *block.body]
            elif isinstance(block, Paragraph | Line):
                spans += block.spans
            elif isinstance(block, Signature):
                spans += [span for line in block.lines for span in line.spans]
            elif isinstance(block, Table):
                spans += [*block.caption, *(span for row in block.rows for cell in row for span in cell.spans)]
        return "".join(span.text for span in spans)
