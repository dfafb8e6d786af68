"""A comparable item of the records (what the diff matches by year, kind and id), and the helpers every part
type uses to list its items. Pure.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from yearbook.model import Cell, Event, Figure, Framed, Numbering, Section, TableBody, Text, present
from yearbook.prose import format_value, normalize
from yearbook.report.blocks import Numbered
from yearbook.report.numbering import heading_number, point_number

# The kinds and fields every part type shares; a part type adds its own in its `PartType`.
BASE_KIND_NAMES = {
    "report": "报告",
    "part": "部分",
    "area": "领域",
    "point": "要点",
    "problem": "问题",
    "plan": "计划",
    "responsibility": "职责",
    "event": "事项",
    "figure": "数值",
    "org": "组织",
}
BASE_FIELD_NAMES = {
    "title": "标题",
    "topic": "主题",
    "opening": "开头段",
    "closing": "结尾段",
    "doc_number": "文号",
    "addressee": "主送或称谓",
    "attachments": "附件说明",
    "signature": "署名",
    "date": "成文日期",
    "heading": "标题",
    "intro": "导语",
    "paragraphs": "段落",
    "lead": "领起句",
    "text": "正文",
    "owner": "责任主体",
    "addresses": "针对的问题",
    "carries_out": "落实上年计划",
    "role": "角色",
    "holders": "担任者",
    "duties": "职责内容",
    "label": "名称",
    "kind": "类型",
    "unit": "单位",
    "value": "数值",
    "name": "全称",
    "short_name": "简称",
    "parts": "各部分",
    "notes": "附注",
    "attachment_pages": "附件正文",
    "compute": "计算式",
    "type": "部分类型",
    "tables": "表格",
}
BASE_KIND_NAMES_EN = {
    "report": "report",
    "part": "part",
    "area": "area",
    "point": "point",
    "problem": "problem",
    "plan": "plan",
    "responsibility": "responsibility",
    "event": "event",
    "figure": "figure",
    "org": "organisation",
}
BASE_FIELD_NAMES_EN = {
    "title": "title",
    "topic": "topic",
    "opening": "opening",
    "closing": "closing",
    "doc_number": "document number",
    "addressee": "addressee",
    "attachments": "attachments",
    "signature": "signature",
    "date": "date",
    "heading": "heading",
    "intro": "introduction",
    "paragraphs": "paragraphs",
    "lead": "lead",
    "text": "text",
    "owner": "owner",
    "addresses": "addresses",
    "carries_out": "carries out",
    "role": "role",
    "holders": "holders",
    "duties": "duties",
    "label": "label",
    "kind": "kind",
    "unit": "unit",
    "value": "value",
    "name": "name",
    "short_name": "short name",
    "parts": "parts",
    "notes": "notes",
    "attachment_pages": "attachment pages",
    "compute": "formula",
    "type": "part type",
    "tables": "tables",
}
assert set(BASE_KIND_NAMES_EN) == set(BASE_KIND_NAMES) and set(BASE_FIELD_NAMES_EN) == set(BASE_FIELD_NAMES)
BASE_PROSE = frozenset(
    (
        "title",
        "topic",
        "doc_number",
        "addressee",
        "attachments",
        "attachment_pages",
        "notes",
        "opening",
        "closing",
        "signature",
        "heading",
        "intro",
        "paragraphs",
        "tables",
        "lead",
        "text",
        "duties",
        "role",
        "holders",
    )
)


@dataclass(frozen=True, slots=True)
class Item:
    kind: str
    id: str
    year: int | None
    file: str  # the file it lives in, without .yaml: report, activities, … (org for org.yaml)
    title: str
    number: str | None
    parent: str
    fields: Mapping[str, str]
    unit: str | None = None


def cell_text(cell: Cell) -> str:
    return "" if cell.value is None else normalize(cell.value) if isinstance(cell.value, str) else format_value(cell.value)


def table_text(table: TableBody) -> str:
    """A table as the diff compares it: caption, a line per row (cells joined by ｜, a merged cell once), notes."""
    rows = ["｜".join(cell_text(c) for c in row.cells) for row in table.all_rows()]
    return "\n".join([*(normalize(t.value) for t in present(table.caption)), *rows, *(normalize(t.value) for t in table.notes)])


def joined(texts: tuple[Text, ...]) -> str:
    return "\n".join(normalize(t.value) for t in texts)


def ids(values: tuple[str, ...]) -> str:
    return "、".join(values)


def optional(text: Text | None) -> str:
    return normalize(text.value) if text is not None else ""


def value_of(figure: Figure) -> str:
    return "" if not figure.filled or figure.value is None else format_value(figure.value)


def figure_items(year: int, file: str, figures: tuple[Figure, ...], parent: str) -> Iterator[Item]:
    for figure in figures:
        fields = {"label": normalize(figure.label), "kind": figure.kind, "unit": figure.unit or "", "value": value_of(figure), "compute": figure.compute or ""}
        yield Item("figure", figure.id, year, file, normalize(figure.label), None, parent, fields, figure.unit)


def part_item(year: int, file: str, heading: Text | None, intro: tuple[Text, ...], **more: str) -> Item:
    """The part itself: its heading and introduction (and what else the part type adds)."""
    title = optional(heading)
    return Item("part", file, year, file, title or file, None, "", {"heading": title, "intro": joined(intro), **more})


@dataclass(slots=True)
class ItemNumbers:
    """The numbers items show, as the report prints them: the document's styles, and the level-1 count that runs
    through the parts in order (a part's heading, or the level-1 sections of a part without one)."""

    numbering: Numbering
    first_level: int = 0

    @property
    def points(self) -> str:
        return self.numbering.points

    @property
    def headings(self) -> tuple[str, ...]:
        return self.numbering.headings

    def next_first_level(self) -> int:
        self.first_level += 1
        return self.first_level


def frame_items(part: Framed, year: int, numbers: ItemNumbers, **more: str) -> Iterator[Item]:
    """The part itself (heading, introduction and what else its type adds) and its own figures."""
    number = heading_number(1, numbers.next_first_level(), numbers.headings) if part.heading is not None else None
    yield dataclasses.replace(part_item(year, part.name, part.heading, part.intro, **more), number=number)
    yield from figure_items(year, part.name, part.figures, part.name)


def point_items(year: int, file: str, kind: str, points: tuple[Numbered, ...], parent: str, numbering: ItemNumbers) -> Iterator[Item]:
    for n, point in enumerate(points, start=1):
        fields = {"lead": normalize(point.lead.value), "text": optional(point.text)}
        yield Item(kind, point.id, year, file, fields["lead"], point_number(n, numbering.points, len(points)), parent, fields)


def event_items(year: int, file: str, events: tuple[Event, ...], parent: str) -> Iterator[Item]:
    for event in events:
        fields = {"date": event.date, "text": normalize(event.text.value), "carries_out": ids(event.carries_out)}
        yield Item("event", event.id, year, file, fields["text"][:20], event.date, parent, fields)


def section_items(year: int, file: str, sections: tuple[Section, ...], level: int, prefix: str, parent: str, numbering: ItemNumbers) -> Iterator[Item]:
    for n, section in enumerate(sections, start=1):
        number = prefix + heading_number(level, numbering.next_first_level() if level == 1 else n, numbering.headings)
        fields = {
            "heading": normalize(section.heading.value),
            "paragraphs": joined(section.paragraphs),
            "tables": "\n\n".join(table_text(table) for table in section.tables),
            "owner": section.owner or "",
            "carries_out": ids(section.carries_out),
        }
        yield Item("area", section.id, year, file, fields["heading"], number, parent, fields)
        yield from figure_items(year, file, section.figures, section.id)
        yield from point_items(year, file, "point", section.points, section.id, numbering)
        yield from event_items(year, file, section.events, section.id)
        yield from section_items(year, file, section.sections, level + 1, number, section.id, numbering)
