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
from yearbook.report.document import Block, Document, Line, Signature, Span
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
    kit = Kit(values, report.numbering, with_year=first.year != last.year)
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
    title = title_of(report.title, report.topic, year.year, lambda name: values.span(name).text)
    return Document(tuple((Span(line),) for line in title), tuple(blocks), report.date)


def _attachments(values: Values, names: tuple[Text, ...]) -> Iterator[Line]:
    """附件说明 (GB/T 9704 7.3.4): a blank line below the body, 2 cells in, “附件：1.名称”; later names numbered
    and aligned under the first one."""
    for n, name in enumerate(names, start=1):
        lead = "附件：" if n == 1 else ""
        spans = merge_spans((Span(f"{lead}{n}."), *values.spans(name)))
        yield Line("attachments-first" if n == 1 else "attachments", spans, 2 if n == 1 else 5)


def _signature(values: Values, report: Report, org: Org | None) -> Signature:
    """The signature and date lines; either may be left out (`signature: false`, `date: false`): a date alone
    stands 2 cells from the right edge, like a signature."""
    name: tuple[Span, ...]
    if not report.signed:
        name = ()
    elif report.signature is not None:
        name = values.spans(report.signature)
    elif org is not None and org.name:
        name = (Span(org.name),)
    else:
        name = (blank("组织全称"),)
    date = report.date
    date_spans = () if not report.dated else (Span(date_text(date)),) if date else (blank("成文日期"),)
    name_indent, date_indent = signature_indents("".join(s.text for s in name), "".join(s.text for s in date_spans))
    return Signature(name, name_indent, date_spans, date_indent)
