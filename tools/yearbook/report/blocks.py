"""What every part type compiles with: named values interpolated into spans, blanks marked, headings and points
numbered in the document's style, run-in headings and run-together points. Pure.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol

from yearbook import textrefs
from yearbook.dates import event_date_text
from yearbook.model import Cell, Event, Figure, Framed, Numbering, Org, PointsWay, Responsibility, Section, TableBody, Text, grid
from yearbook.prose import format_value, normalize
from yearbook.report.document import FIGURE_VALUE, TABLE_VALUE, Block, Heading, Origin, Paragraph, Span, SpanKind, Table, TableCell
from yearbook.report.numbering import heading_number, point_number

if TYPE_CHECKING:
    from yearbook.plan_review import ReviewRow

_TERMINAL = ("。", "？", "！", "：", "；", "…")


def blank(label: str) -> Span:
    return Span(f"【待填：{label}】", "blank")


def merge_spans(spans: tuple[Span, ...]) -> tuple[Span, ...]:
    """Neighbouring spans of one kind and one origin joined, empty ones dropped."""
    out: list[Span] = []
    for span in spans:
        if not span.text:
            continue
        if out and out[-1].kind == span.kind and out[-1].origin == span.origin:
            out[-1] = Span(out[-1].text + span.text, span.kind, span.origin)
        else:
            out.append(span)
    return tuple(out)


def runs(spans: tuple[Span, ...]) -> tuple[Span, ...]:
    """The spans as a renderer writes them: neighbouring spans of one kind as one run, whatever record text each
    came from (split runs shape and break differently in Typst)."""
    return merge_spans(tuple(Span(span.text, span.kind) for span in spans))


class Numbered(Protocol):
    """A point or a plan: a lead sentence and the text after it."""

    @property
    def id(self) -> str: ...
    @property
    def lead(self) -> Text: ...
    @property
    def text(self) -> Text | None: ...


@dataclass(frozen=True, slots=True)
class Values:
    figures: Mapping[str, Figure]
    org: Org | None
    year: int

    def span(self, name: str) -> Span:
        if name == "year":
            return Span(str(self.year))
        if name == "last_year":
            return Span(str(self.year - 1))
        if name == "next_year":
            return Span(str(self.year + 1))
        if name == "org":
            short = self.org.short_name if self.org is not None else None
            return Span(short) if short else blank("组织简称")
        figure = self.figures[name]
        origin = Origin(figure.where, FIGURE_VALUE)
        shown = Span(format_value(figure.value)) if figure.filled and figure.value is not None else blank(figure.label)
        return Span(shown.text, shown.kind, origin)

    def spans(self, text: Text, kind: SpanKind = "text") -> tuple[Span, ...]:
        """The text's spans, each literal piece with its origin (the text's place and the piece's index)."""
        pieces = textrefs.pieces(normalize(text.value))
        return merge_spans(
            tuple(self.span(p.name) if isinstance(p, textrefs.Reference) else Span(p, kind, Origin(text.where, i)) for i, p in enumerate(pieces))
        )


def _ending(spans: tuple[Span, ...]) -> str:
    return spans[-1].text[-1:] if spans else ""


def _with_stop(spans: tuple[Span, ...], kind: SpanKind) -> tuple[Span, ...]:
    """A lead or run-in heading ends with a full stop unless it ends with its own punctuation."""
    return spans if _ending(spans) in _TERMINAL else (*spans, Span("。", kind))


def _as_clause(spans: tuple[Span, ...], joiner: str) -> tuple[Span, ...]:
    """The spans with their closing full stop (if any) replaced by `joiner` (；or 。) to run on."""
    if not spans:
        return spans
    last = spans[-1]
    text = last.text[:-1] if last.text[-1] in "。；" else last.text
    return (*spans[:-1], Span(text, last.kind, last.origin), Span(joiner, last.kind))


AS_NUMBERED = PointsWay()  # a list written as the document's numbering says


@dataclass(slots=True)
class Kit:
    """The compile state of one document: its values and numbering, and the count of numbered parts."""

    values: Values
    numbering: Numbering = field(default_factory=Numbering)
    with_year: bool = False  # dates print their year: the report period spans two calendar years
    responsibilities: tuple[Responsibility, ...] = ()  # for a part that prints them (a 责任分工 table)
    review: tuple[ReviewRow, ...] = ()  # last year's plans and how this year carried them out (a 对照表)
    parts_numbered: int = 0

    def part_heading(self, heading: Text | None) -> Iterator[Block]:
        """A part's heading at level 1, numbered on from the previous part's; none when the part has none."""
        if heading is None:
            return
        yield Heading(1, self.heading_number(1, self.next_first_level()), self.values.spans(heading))

    def next_first_level(self) -> int:
        """The number of the next level-1 heading: parts' headings and the level-1 sections of parts without a
        heading are one sequence through the document (一、二、三、 then 四、, never 一、 again)."""
        self.parts_numbered += 1
        return self.parts_numbered

    def frame(self, part: Framed) -> Iterator[Block]:
        """A part's heading (if any) and introduction."""
        yield from self.part_heading(part.heading)
        yield from self.paragraphs(part.intro)

    def heading_number(self, level: int, n: int) -> str:
        return heading_number(level, n, self.numbering.headings)

    def paragraphs(self, texts: tuple[Text, ...]) -> Iterator[Paragraph]:
        return (Paragraph(self.values.spans(text)) for text in texts)

    def points(self, points: tuple[Numbered, ...], way: PointsWay = AS_NUMBERED) -> Iterator[Paragraph]:
        """一是…… (or the document's point style): one paragraph each, or run together in one, as the document's
        numbering says unless this list says otherwise."""
        total = len(points)
        style = way.style or self.numbering.points
        together = self.numbering.points_together if way.together is None else way.together
        joiner = way.joiner or self.numbering.points_joiner
        rendered: list[tuple[Span, ...]] = []
        for n, point in enumerate(points, start=1):
            lead = (Span(point_number(n, style, total), "lead"), *self.values.spans(point.lead, "lead"))
            body = self.values.spans(point.text) if point.text is not None else ()
            if together:
                if body:
                    lead = (*_as_clause(lead, "，"), *body) if _ending(lead) not in _TERMINAL else (*lead, *body)
                rendered.append(_as_clause(lead, joiner if n < total else "。"))
            else:
                rendered.append(merge_spans((*_with_stop(lead, "lead"), *body)))
        if together and rendered:
            yield Paragraph(merge_spans(tuple(span for spans in rendered for span in spans)))
        else:
            yield from (Paragraph(spans) for spans in rendered)

    def section(self, section: Section, level: int, n: int) -> Iterator[Block]:
        number = self.heading_number(level, n)
        heading = self.values.spans(section.heading)
        tables = [block for table in section.tables for block in self.table(table)]
        body: list[Block] = [*self.paragraphs(section.paragraphs), *tables, *self.points(section.points, section.points_way)]
        if level in self.numbering.run_in and body and isinstance(body[0], Paragraph):
            # The heading runs into whatever comes first: a paragraph, a point, or the run-together points.
            yield Heading(level, number, _with_stop(heading, "text"), body[0].spans)
            body = body[1:]
        else:
            yield Heading(level, number, heading)
        yield from body
        for i, sub in enumerate(section.sections, start=1):
            yield from self.section(sub, level + 1, i)
        yield from self.events(section.events)

    def table(self, table: TableBody) -> Iterator[Block]:
        """A table (a merged cell once, with its spans), its caption above and its notes below."""
        rows = table.all_rows()
        shape = grid(rows)
        cells = tuple(
            tuple(
                TableCell(
                    self._cell_spans(cell),
                    cell.colspan,
                    cell.rowspan,
                    "left" if col == 0 and r >= len(table.header) and isinstance(cell.value, str) else "center",
                )
                for col, cell in row
            )
            for r, row in enumerate(shape.by_row(len(rows)))
        )
        widths = table.widths if len(table.widths) == shape.columns else tuple(1.0 for _ in range(shape.columns))  # YB503 says when they differ
        caption = self.values.spans(table.caption) if table.caption is not None else ()
        yield Table(caption, tuple(w / sum(widths) for w in widths), cells, len(table.header))
        for note in table.notes:
            yield Paragraph(self.values.spans(note))

    def _cell_spans(self, cell: Cell) -> tuple[Span, ...]:
        if cell.value is None:
            shown = blank("表格数值")
            return (Span(shown.text, shown.kind, Origin(cell.where, TABLE_VALUE)),)
        if isinstance(cell.value, str):
            return self.values.spans(Text(cell.value, cell.where))
        return (Span(format_value(cell.value), origin=Origin(cell.where, TABLE_VALUE)),)

    def events(self, events: tuple[Event, ...]) -> Iterator[Paragraph]:
        """Each event a paragraph led by its date: 5月18日，…… (2023年9月1日，…… when the period spans years)."""
        for event in events:
            yield Paragraph(merge_spans((Span(event_date_text(event.date, self.with_year) + "，"), *self.values.spans(event.text))))
