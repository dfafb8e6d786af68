"""The built PDF read back as a reader sees its pages, and what is wrong with them (GB/T 9704), by page number.

`printed_lines` is the edge (pypdfium2 reads the PDF); `page_problems` is pure: the lines of each page, the
compiled document (what its headings and signature say) and the characters no font covers.

Checked: a page holding only the signature block; a heading as the last line of a page; a body line off the
22-line grid; a body line of more than 28 characters; a character printed as an empty box.
"""

from __future__ import annotations

import ctypes
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from yearbook.prose import cells
from yearbook.report import layout_spec as L
from yearbook.report.document import Document, Heading, Signature

TOP_PT = L.MARGIN_TOP_MM / L.MM_PER_PT
BOTTOM_PT = (L.MARGIN_TOP_MM + L.TYPE_H_MM) / L.MM_PER_PT
RIGHT_PT = (L.MARGIN_LEFT_MM + L.TYPE_W_MM) / L.MM_PER_PT
FIRST_BASELINE_PT = TOP_PT + 0.88 * L.BODY_PT  # the Typst template's line box: 0.88 em above the baseline
GRID_TOLERANCE_PT = 0.5


@dataclass(frozen=True, slots=True)
class PrintedLine:
    """One line of text on a page: its characters, type size, baseline (from the top of the page) and extent."""

    text: str
    size: float
    baseline: float
    left: float
    right: float

    @property
    def body(self) -> bool:
        """Set in the body size (headings included), not the title's, a table's or the page number's."""
        return abs(self.size - L.BODY_PT) < 0.5

    @property
    def in_type_area(self) -> bool:
        return TOP_PT - 1 <= self.baseline <= BOTTOM_PT + 1


@dataclass(frozen=True, slots=True)
class PageProblem:
    page: int  # 1-based
    code: str
    zh: str
    en: str


def printed_lines(pdf: bytes) -> list[list[PrintedLine]]:
    """Per page, its lines top to bottom: characters grouped by baseline, each line read left to right."""
    import pypdfium2
    import pypdfium2.raw as pdfium

    pages: list[list[PrintedLine]] = []
    document = pypdfium2.PdfDocument(pdf)
    try:
        for index in range(len(document)):
            pages.append(_page_lines(document[index], pdfium))
    finally:
        document.close()
    return pages


def _page_lines(page: Any, pdfium: Any) -> list[PrintedLine]:
    """One page's lines. The page and its text are closed here, not left to pypdfium2's finalisers: a signal raised
    inside a finaliser is dropped by Python (seen: a SIGTERM lost, the run going on to the end)."""
    textpage = page.get_textpage()
    try:
        height = page.get_height()
        rows: dict[float, list[tuple[float, str, float]]] = {}
        x, y = ctypes.c_double(), ctypes.c_double()
        for i in range(textpage.count_chars()):
            code = pdfium.FPDFText_GetUnicode(textpage.raw, i)
            if code in (0x0D, 0x0A, 0x20, 0xFFFE):  # line ends and spaces pdfium adds between runs
                continue
            pdfium.FPDFText_GetCharOrigin(textpage.raw, i, x, y)
            rows.setdefault(round(height - y.value, 1), []).append((x.value, chr(code), pdfium.FPDFText_GetFontSize(textpage.raw, i)))
    finally:
        textpage.close()
        page.close()
    lines = []
    for baseline in sorted(rows):
        chars = sorted(rows[baseline])
        right = max(left + size * (0.5 if ord(char) < 0x2E80 else 1) for left, char, size in chars)
        lines.append(PrintedLine("".join(c for _, c, _ in chars), max(s for _, _, s in chars), baseline, chars[0][0], right))
    return lines


def _signature_texts(document: Document) -> list[str]:
    return [text for block in document.blocks if isinstance(block, Signature) for text in block.texts if text]


def _heading_texts(document: Document) -> list[str]:
    return ["".join((block.number, *(span.text for span in block.text))) for block in document.blocks if isinstance(block, Heading) and not block.body]


def _stranded_signature(pages: Sequence[Sequence[PrintedLine]], document: Document) -> list[PageProblem]:
    signature = _signature_texts(document)
    if not signature:
        return []
    for number, lines in enumerate(pages, start=1):
        body = [line for line in lines if line.in_type_area]
        if body and body[0].text == signature[0]:
            return [
                PageProblem(
                    number,
                    "signature-alone",
                    f"第{number}页只有署名和日期，没有正文（GB/T 9704 要求与正文同页）：请在结尾处增删文字，或缩短前面的段落",
                    f"page {number} holds only the signature and date, without body text (GB/T 9704 keeps them with the body): add or cut words near the end",
                )
            ]
    return []


def _heading_at_bottom(pages: Sequence[Sequence[PrintedLine]], document: Document) -> list[PageProblem]:
    headings = _heading_texts(document)
    problems = []
    for number, lines in enumerate(pages[:-1], start=1):
        body = [line for line in lines if line.in_type_area]
        last = body[-1].text if body else ""
        heading = next((h for h in headings if last and (h == last or (len(last) >= 2 and (h.endswith(last) or h.startswith(last))))), None)
        if heading is not None:
            problems.append(
                PageProblem(
                    number,
                    "heading-at-bottom",
                    f"第{number}页末行是标题“{heading}”，其下正文在下一页：请调整前文长度，使标题与正文同页",
                    f"page {number} ends with the heading '{heading}' and its text starts on the next page: change the length of the text before it",
                )
            )
    return problems


def _off_grid(pages: Sequence[Sequence[PrintedLine]]) -> list[PageProblem]:
    problems = []
    for number, lines in enumerate(pages, start=1):
        for row, line in enumerate((line for line in lines if line.in_type_area), start=1):
            offset = (line.baseline - FIRST_BASELINE_PT) % L.LINE_PITCH_PT
            off = min(offset, L.LINE_PITCH_PT - offset)
            if line.body and off > GRID_TOLERANCE_PT:
                problems.append(
                    PageProblem(
                        number,
                        "off-grid",
                        f"第{number}页第{row}行“{line.text[:10]}”不在每页22行的网格上（偏离 {off:.1f} pt）",
                        f"page {number}, line {row} ('{line.text[:10]}') is off the 22-line grid by {off:.1f} pt",
                    )
                )
                break  # the lines after it are off by the same amount: one finding a page
    return problems


def _too_long(pages: Sequence[Sequence[PrintedLine]]) -> list[PageProblem]:
    problems = []
    for number, lines in enumerate(pages, start=1):
        for row, line in enumerate((line for line in lines if line.in_type_area), start=1):
            width = cells(line.text)
            if line.body and (width > L.CHARS or line.right > RIGHT_PT + 1):
                problems.append(
                    PageProblem(
                        number,
                        "too-long",
                        f"第{number}页第{row}行有 {width:g} 个字宽，超过每行 {L.CHARS} 字或超出版心：“{line.text[:12]}…”",
                        f"page {number}, line {row} is {width:g} characters wide, more than {L.CHARS} or past the type area: '{line.text[:12]}…'",
                    )
                )
    return problems


def _page_of(char: str, pages: Sequence[Sequence[PrintedLine]], document: Document) -> int:
    """The page a character is printed on, found by the text before it (a glyph-less character may not read back
    as itself); 0 when it cannot be told."""
    text = document.text()
    at = text.find(char)
    before = text[max(0, at - 6) : at].strip()
    for number, lines in enumerate(pages, start=1):
        printed = "".join(line.text for line in lines)
        if char in printed or (before and before in printed):
            return number
    return 0


def _missing_glyphs(pages: Sequence[Sequence[PrintedLine]], document: Document, missing: Sequence[str]) -> list[PageProblem]:
    problems = []
    for char in missing:
        number = _page_of(char, pages, document)
        where = f"第{number}页" if number else "文中"
        where_en = f"page {number}" if number else "the text"
        problems.append(
            PageProblem(
                number,
                "missing-glyph",
                f"{where}的“{char}”（U+{ord(char):04X}）没有已安装的字体能显示，印出来是方框：请安装含此字的字体，或改用常用字",
                f"on {where_en}, '{char}' (U+{ord(char):04X}) is in no installed font and prints as an empty box: install a font that has it, or use another character",
            )
        )
    return problems


def page_problems(pages: Sequence[Sequence[PrintedLine]], document: Document, missing: Sequence[str] = ()) -> list[PageProblem]:
    """Everything wrong with the pages, in page order."""
    found = [
        *_stranded_signature(pages, document),
        *_heading_at_bottom(pages, document),
        *_off_grid(pages),
        *_too_long(pages),
        *_missing_glyphs(pages, document, missing),
    ]
    return sorted(found, key=lambda problem: problem.page)
