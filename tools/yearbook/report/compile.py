"""Model to document, purely: numbering computed from order, named values interpolated, blanks marked.

Nothing in a record is markup here: text only ever becomes `Span.text`, which each renderer writes out as
literal text.
"""

from __future__ import annotations

from collections.abc import Iterator

from yearbook.dates import period_of
from yearbook.model import Org, Report, Text, YearRecords
from yearbook.parts import part_type
from yearbook.prose import cells
from yearbook.report.blocks import Kit, Values, blank, merge_spans
from yearbook.report.document import Block, Document, Line, PageBreak, Signature, Span
from yearbook.report.title import title_of

LINE_CELLS = 28  # characters per line on the GB/T 9704 grid


class NotReady(Exception):
    """The year cannot be compiled: one of its files is missing or failed its checks."""


def date_text(iso: str) -> str:
    """2024-01-05 → 2024年1月5日 (Arabic numerals, no zero padding, GB/T 9704 7.3.5.3)."""
    parts = [int(p) for p in iso.split("-")]
    return "".join(f"{value}{unit}" for value, unit in zip(parts, "年月日", strict=False))


def signature_indents(name: str, date: str) -> tuple[int, int]:
    """Leading cells of the signature and date lines: the signature 2 cells from the right edge and the date
    starting 2 cells right of it; a longer date sits 2 cells from the edge and pushes the signature left."""
    name_indent = LINE_CELLS - 2 - round(cells(name) + 0.49)
    date_indent = name_indent + 2
    if date_indent + cells(date) > LINE_CELLS - 2:
        date_indent = LINE_CELLS - 2 - round(cells(date) + 0.49)
        name_indent = date_indent - 2
    return max(name_indent, 0), max(date_indent, 0)


def compile_year(year: YearRecords, org: Org | None) -> Document:
    """The report of one year, as a reader sees it: front matter, each part in order, back matter."""
    report = year.report
    if report is None or not year.complete:
        raise NotReady(year.year)
    values = Values({figure.id: figure for figure in year.figures()}, org, year.year)
    first, last = period_of(year.year, report.period)
    kit = Kit(values, report.numbering, with_year=first.year != last.year, responsibilities=year.responsibilities or ())
    blocks: list[Block] = [Line("doc-number", values.spans(report.doc_number))] if report.doc_number else []
    if report.addressee is not None:
        blocks.append(Line("addressee", values.spans(report.addressee)))
    blocks += kit.paragraphs(report.opening)
    for part in year.parts:
        blocks += part_type(part).compile(part, kit)
    blocks += kit.paragraphs(report.closing)
    blocks += _attachments(values, report.attachments)
    if report.signed or report.dated:
        blocks.append(_signature(values, report, org))
    blocks += (Line("note", values.spans(note), 2) for note in report.notes)
    blocks += _attachment_pages(kit, report)
    title = title_of(report.title, report.topic, year.year, lambda name: values.span(name).text)
    return Document(tuple((Span(line),) for line in title), tuple(blocks), report.date)


def _attachments(values: Values, names: tuple[Text, ...]) -> Iterator[Line]:
    """附件说明 (GB/T 9704 7.3.4): a blank line below the body, 2 cells in, “附件：1.名称”; later names numbered
    and aligned under the first one."""
    for n, name in enumerate(names, start=1):
        lead = "附件：" if n == 1 else ""
        spans = merge_spans((Span(f"{lead}{n}."), *values.spans(name)))
        yield Line("attachments-first" if n == 1 else "attachments", spans, 2 if n == 1 else 5)


def _attachment_pages(kit: Kit, report: Report) -> Iterator[Block]:
    """Each attachment with content on a page of its own (GB/T 9704 7.3.8): “附件1” (“附件” when there is only
    one) flush left in hei on the first line, its name centred on the third, then its paragraphs."""
    numbered = len(report.attachments) > 1
    for n, (name, page) in enumerate(zip(report.attachments, report.attachment_pages, strict=True), start=1):
        if not page:
            continue
        yield PageBreak()
        yield Line("attachment-label", (Span(f"附件{n}" if numbered else "附件"),))
        yield Line("attachment-title", kit.values.spans(name))
        yield from kit.paragraphs(page)


def _signer_names(values: Values, report: Report, org: Org | None) -> list[tuple[Span, ...]]:
    if not report.signed:
        return []
    if report.signers:
        return [values.spans(signer) for signer in report.signers]
    if report.signature is not None:
        return [values.spans(report.signature)]
    return [(Span(org.name),)] if org is not None and org.name else [(blank("组织全称"),)]


def _signature(values: Values, report: Report, org: Org | None) -> Signature:
    """The signature and date lines; either may be left out (`signature: false`, `date: false`): a date alone
    stands 2 cells from the right edge, like a signature. Several signers stand one per line, each 2 cells from
    the right edge; the date is placed by the longest, and when it pushes that one left, all move alike."""
    names = _signer_names(values, report, org)
    date = report.date
    date_spans = () if not report.dated else (Span(date_text(date)),) if date else (blank("成文日期"),)
    texts = ["".join(s.text for s in name) for name in names]
    longest = max(texts, key=cells, default="")
    longest_indent, date_indent = signature_indents(longest, "".join(s.text for s in date_spans))
    shift = signature_indents(longest, "")[0] - longest_indent if names else 0
    indents = [max(signature_indents(text, "")[0] - shift, 0) for text in texts]
    first, first_indent = (names[0], indents[0]) if names else ((), longest_indent)
    return Signature(first, first_indent, date_spans, date_indent, tuple(zip(names[1:], indents[1:], strict=True)))
