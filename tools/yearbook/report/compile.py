"""Model to document, purely: numbering computed from order, named values interpolated, blanks marked.

Nothing in a record is markup here: text only ever becomes `Span.text`, which each renderer writes out as
literal text.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator

from yearbook.dates import period_of
from yearbook.model import Org, Report, Text, YearRecords
from yearbook.parts import part_type
from yearbook.plan_review import review
from yearbook.prose import cells
from yearbook.report.blocks import Kit, Values, blank, merge_spans
from yearbook.report.document import Block, Document, Line, PageBreak, Paragraph, Signature, SignatureLine, Span
from yearbook.report.title import title_of


class NotReady(Exception):
    """The year cannot be compiled: one of its files is missing or failed its checks."""


def date_text(iso: str) -> str:
    """2024-01-05 → 2024年1月5日 (Arabic numerals, no zero padding, GB/T 9704 7.3.5.3)."""
    parts = [int(p) for p in iso.split("-")]
    return "".join(f"{value}{unit}" for value, unit in zip(parts, "年月日", strict=False))


SIGNATURE_RIGHT = 2  # cells between a signature and the right edge (右空二字)


def signature_rights(name: str, date: str) -> tuple[float, float]:
    """Cells left empty right of the signature and of the date: the signature 2 cells from the right edge and the
    date starting 2 cells right of where the signature starts; a date that would then come closer than 2 cells to
    the edge sits 2 cells from it and pushes the signature left (GB/T 9704 7.3.5.2)."""
    name_right = float(SIGNATURE_RIGHT)
    date_right = name_right + cells(name) - 2 - cells(date)
    if date_right < SIGNATURE_RIGHT:
        date_right = SIGNATURE_RIGHT
        name_right = date_right + 2 + cells(date) - cells(name)
    return name_right, date_right


def compile_year(year: YearRecords, org: Org | None, previous: YearRecords | None = None) -> Document:
    """The report of one year, as a reader sees it: front matter, each part in order, back matter. The year before,
    when given, is what a 计划完成情况对照表 part compares with."""
    report = year.report
    if report is None or not year.complete:
        raise NotReady(year.year)
    values = Values({figure.id: figure for figure in year.figures()}, org, year.year)
    first, last = period_of(year.year, report.period)
    rows = tuple(review(previous, year)) if previous is not None and previous.complete else ()
    kit = Kit(values, report.numbering, with_year=first.year != last.year, responsibilities=year.responsibilities or (), review=rows)
    blocks: list[Block] = [Line("doc-number", values.spans(report.doc_number))] if report.doc_number else []
    if report.addressee is not None:
        blocks.append(Line("addressee", values.spans(report.addressee)))
    blocks += kit.paragraphs(report.opening)
    for part in year.parts:
        blocks += part_type(part).compile(part, kit)
    blocks += kit.paragraphs(report.closing)
    blocks += _attachments(values, report.attachments)
    if report.signed or report.dated:
        blocks = [*_kept_with_next(blocks), _signature(values, report, org)]
    blocks += (Line("note", values.spans(note), 2) for note in report.notes)
    blocks += _attachment_pages(kit, report)
    title = title_of(report.title, report.topic, year.year, lambda name: values.span(name).text)
    return Document(tuple((Span(line),) for line in title), tuple(blocks), report.date, year.year)


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


def _kept_with_next(blocks: list[Block]) -> list[Block]:
    """The blocks before the signature, the 附件说明 lines and the body's last paragraph marked to stay on the
    signature's page, so that the signature and date never stand alone on a page (GB/T 9704 7.3.5.1)."""
    out = list(blocks)
    for i in range(len(out) - 1, -1, -1):
        block = out[i]
        if isinstance(block, Line) and block.style in ("attachments-first", "attachments"):
            out[i] = dataclasses.replace(block, keep=True)
            continue
        if isinstance(block, Paragraph):
            out[i] = dataclasses.replace(block, keep=True)
        break
    return out


def _signature(values: Values, report: Report, org: Org | None) -> Signature:
    """The signature and date lines; either may be left out (`signature: false`, `date: false`): a date alone
    stands 2 cells from the right edge, like a signature. Several signers stand one per line, each 2 cells from
    the right edge; the date is placed by the longest, and when it pushes that one left, all move alike."""
    names = _signer_names(values, report, org)
    date = report.date
    date_spans = () if not report.dated else (Span(date_text(date)),) if date else (blank("成文日期"),)
    longest = max(("".join(s.text for s in name) for name in names), key=cells, default="")
    name_right, date_right = signature_rights(longest, "".join(s.text for s in date_spans)) if names else (0.0, float(SIGNATURE_RIGHT))
    return Signature(tuple(SignatureLine(name, name_right) for name in names), SignatureLine(date_spans, date_right) if date_spans else None)
