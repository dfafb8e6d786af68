"""Model to document, purely: numbering computed from order, named values interpolated, blanks marked.

Nothing in a record is markup here: text only ever becomes `Span.text`, which each renderer writes out as
literal text.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from yearbook import textrefs
from yearbook.model import Figure, Org, Point, Report, Section, Text, YearRecords
from yearbook.prose import cells, format_value, normalize
from yearbook.report.document import Block, Document, Heading, Line, Paragraph, Signature, Span, SpanKind
from yearbook.report.numbering import heading_number, point_number
from yearbook.report.title import title_of

LINE_CELLS = 28  # characters per line on the GB/T 9704 grid


class NotReady(Exception):
    """The year cannot be compiled: one of its files is missing or failed its checks."""


def blank(label: str) -> Span:
    return Span(f"【待填：{label}】", "blank")


@dataclass(frozen=True, slots=True)
class _Values:
    figures: Mapping[str, Figure]
    org: Org | None
    year: int

    def span(self, name: str) -> Span:
        if name == "year":
            return Span(str(self.year))
        if name == "next_year":
            return Span(str(self.year + 1))
        if name == "org":
            short = self.org.short_name if self.org is not None else None
            return Span(short) if short else blank("组织简称")
        figure = self.figures[name]
        return Span(format_value(figure.value)) if figure.filled and figure.value is not None else blank(figure.label)

    def spans(self, text: Text, kind: SpanKind = "text") -> tuple[Span, ...]:
        return merge_spans(tuple(self.span(p.name) if isinstance(p, textrefs.Reference) else Span(p, kind) for p in textrefs.pieces(normalize(text.value))))


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


def _points(values: _Values, points: tuple[Point, ...]) -> Iterator[Paragraph]:
    for n, point in enumerate(points, start=1):
        lead = normalize(point.lead.value)
        stop = "" if lead.endswith(("。", "？", "！", "：")) else "。"
        lead_spans = values.spans(point.lead, "lead")
        spans = (Span(point_number(n), "lead"), *lead_spans, Span(stop, "lead"))
        if point.text is not None:
            spans += values.spans(point.text)
        yield Paragraph(merge_spans(spans))


def merge_spans(spans: tuple[Span, ...]) -> tuple[Span, ...]:
    """Neighbouring spans of one kind joined, empty ones dropped."""
    out: list[Span] = []
    for span in spans:
        if not span.text:
            continue
        if out and out[-1].kind == span.kind:
            out[-1] = Span(out[-1].text + span.text, span.kind)
        else:
            out.append(span)
    return tuple(out)


def _event_date(iso: str) -> str:
    month_day = iso.split("-")[1:]
    return "".join(f"{int(value)}{unit}" for value, unit in zip(month_day, "月日", strict=False))


def _section(values: _Values, section: Section, level: int, n: int) -> Iterator[Block]:
    yield Heading(level, heading_number(level, n), values.spans(section.heading))
    for paragraph in section.paragraphs:
        yield Paragraph(values.spans(paragraph))
    yield from _points(values, section.points)
    for i, sub in enumerate(section.sections, start=1):
        yield from _section(values, sub, level + 1, i)
    for event in section.events:
        yield Paragraph(merge_spans((Span(_event_date(event.date) + "，"), *values.spans(event.text))))


def compile_year(year: YearRecords, org: Org | None) -> Document:
    """The report of one year, as a reader sees it."""
    report, activities, problems, plans = year.report, year.activities, year.problems, year.plans
    if report is None or activities is None or problems is None or plans is None:
        raise NotReady(year.year)
    values = _Values({figure.id: figure for figure in year.figures()}, org, year.year)
    blocks: list[Block] = [Line("doc-number", values.spans(report.doc_number))] if report.doc_number else []
    if report.addressee is not None:
        blocks.append(Line("addressee", values.spans(report.addressee)))
    blocks += [Paragraph(values.spans(text)) for text in report.opening]
    part = 0

    def part_heading(heading: Text) -> Heading:
        nonlocal part
        part += 1
        return Heading(1, heading_number(1, part), values.spans(heading))

    if activities.indicators is not None:
        indicators = activities.indicators
        blocks.append(part_heading(indicators.heading))
        blocks += [Paragraph(values.spans(text)) for text in indicators.paragraphs]
        blocks += _points(values, indicators.points)
    blocks.append(part_heading(activities.heading))
    blocks += [Paragraph(values.spans(text)) for text in activities.intro]
    for n, area in enumerate(activities.areas, start=1):
        blocks += _section(values, area, 2, n)
    for heading, intro, points in ((problems.heading, problems.intro, problems.problems), (plans.heading, plans.intro, plans.plans)):
        blocks.append(part_heading(heading))
        blocks += [Paragraph(values.spans(text)) for text in intro]
        blocks += _points(values, points)  # type: ignore[arg-type]
    blocks += [Paragraph(values.spans(text)) for text in report.closing]
    blocks += _attachments(values, report.attachments)
    if report.signed or report.dated:
        blocks.append(_signature(values, report, org))
    title = title_of(report.title, report.topic, year.year, lambda name: values.span(name).text)
    return Document(tuple((Span(line),) for line in title), tuple(blocks), report.date)


def _attachments(values: _Values, names: tuple[Text, ...]) -> Iterator[Line]:
    """附件说明 (GB/T 9704 7.3.4): a blank line below the body, 2 cells in, “附件：1.名称”; later names numbered
    and aligned under the first one."""
    for n, name in enumerate(names, start=1):
        lead = "附件：" if n == 1 else ""
        spans = merge_spans((Span(f"{lead}{n}."), *values.spans(name)))
        yield Line("attachments-first" if n == 1 else "attachments", spans, 2 if n == 1 else 5)


def _signature(values: _Values, report: Report, org: Org | None) -> Signature:
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
