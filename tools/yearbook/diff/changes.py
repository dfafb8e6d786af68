"""Two snapshots of the records to a list of changes, purely: items matched by (year, kind, id).

An item that keeps its id but changes place among its siblings is *moved* (with its new number), not
removed and added; a named value that goes from empty to a value is *filled*, not changed. Prose is
compared after the same normalisation as the report, so re-wrapping a YAML line is no change.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Literal

from yearbook.diff.tokens import Piece, diff
from yearbook.model import Figure, Org, Point, Section, YearRecords
from yearbook.prose import format_value, normalize
from yearbook.report.numbering import heading_number, point_number

Action = Literal["added", "removed", "changed", "moved", "filled"]
KIND_NAMES = {
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
FIELD_NAMES = {
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
}
PROSE = frozenset(
    (
        "title",
        "topic",
        "doc_number",
        "addressee",
        "attachments",
        "opening",
        "closing",
        "signature",
        "heading",
        "intro",
        "paragraphs",
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
    file: str  # the record kind it lives in: report, activities, … (org for org.yaml)
    title: str
    number: str | None
    parent: str
    fields: Mapping[str, str]
    unit: str | None = None


@dataclass(frozen=True, slots=True)
class FieldChange:
    name: str
    old: str | None
    new: str | None
    pieces: tuple[Piece, ...] = ()  # the character-level edit, for prose

    @property
    def label(self) -> str:
        return FIELD_NAMES.get(self.name, self.name)


@dataclass(frozen=True, slots=True)
class Change:
    action: Action
    kind: str
    year: int | None
    id: str
    title: str
    number: str | None
    old_number: str | None = None
    fields: tuple[FieldChange, ...] = ()
    unit: str | None = None
    file: str = ""

    @property
    def kind_name(self) -> str:
        return KIND_NAMES[self.kind]


@dataclass(frozen=True, slots=True)
class Snapshot:
    """One side: the models per year, the organisation, and which (year, file) failed to load."""

    years: Mapping[int, YearRecords]
    org: Org | None
    broken: frozenset[tuple[int | None, str]] = field(default_factory=frozenset)


def _joined(texts: tuple[object, ...]) -> str:
    return "\n".join(normalize(t.value) for t in texts)  # type: ignore[attr-defined]


def _ids(values: tuple[str, ...]) -> str:
    return "、".join(values)


def _value(figure: Figure) -> str:
    return "" if not figure.filled or figure.value is None else format_value(figure.value)


def _figure_items(year: int, file: str, figures: tuple[Figure, ...], parent: str) -> Iterator[Item]:
    for figure in figures:
        fields = {"label": normalize(figure.label), "kind": figure.kind, "unit": figure.unit or "", "value": _value(figure)}
        yield Item("figure", figure.id, year, file, normalize(figure.label), None, parent, fields, figure.unit)


def _points(year: int, file: str, kind: str, points: tuple[Point, ...], parent: str) -> Iterator[Item]:
    for n, point in enumerate(points, start=1):
        fields = {"lead": normalize(point.lead.value), "text": normalize(point.text.value) if point.text else ""}
        yield Item(kind, point.id, year, file, fields["lead"], point_number(n), parent, fields)


def _sections(year: int, sections: tuple[Section, ...], level: int, prefix: str, parent: str) -> Iterator[Item]:
    for n, section in enumerate(sections, start=1):
        number = prefix + heading_number(level, n)
        fields = {
            "heading": normalize(section.heading.value),
            "paragraphs": _joined(section.paragraphs),
            "owner": section.owner or "",
            "carries_out": _ids(section.carries_out),
        }
        yield Item("area", section.id, year, "activities", fields["heading"], number, parent, fields)
        yield from _figure_items(year, "activities", section.figures, section.id)
        yield from _points(year, "activities", "point", section.points, section.id)
        for event in section.events:
            event_fields = {"date": event.date, "text": normalize(event.text.value), "carries_out": _ids(event.carries_out)}
            yield Item("event", event.id, year, "activities", event_fields["text"][:20], event.date, section.id, event_fields)
        yield from _sections(year, section.sections, level + 1, number, section.id)


def items(snapshot: Snapshot) -> Iterator[Item]:
    """Every comparable item of a snapshot, in document order."""
    if snapshot.org is not None:
        org = snapshot.org
        yield Item("org", "org", None, "org", "组织", None, "", {"name": org.name or "", "short_name": org.short_name or ""})
    for year, records in sorted(snapshot.years.items()):
        report = records.report
        if report is not None:
            fields = {
                "title": normalize(report.title.value) if report.title else "",
                "topic": normalize(report.topic.value),
                "opening": _joined(report.opening),
                "closing": _joined(report.closing),
                "attachments": _joined(report.attachments),
                "doc_number": normalize(report.doc_number.value) if report.doc_number else "",
                "addressee": normalize(report.addressee.value) if report.addressee else "",
                "signature": normalize(report.signature.value) if report.signature else "",
                "date": report.date or "",
            }
            yield Item("report", "report", year, "report", "报告框架", None, "", fields)
            yield from _figure_items(year, "report", report.figures, "report")
        for responsibility in records.responsibilities or ():
            fields = {"role": normalize(responsibility.role.value), "holders": _joined(responsibility.holders), "duties": _joined(responsibility.duties)}
            yield Item("responsibility", responsibility.id, year, "responsibilities", fields["role"], None, "responsibilities", fields)
        activities = records.activities
        if activities is not None:
            yield Item(
                "part",
                "activities",
                year,
                "activities",
                normalize(activities.heading.value),
                None,
                "",
                {"heading": normalize(activities.heading.value), "intro": _joined(activities.intro)},
            )
            yield from _figure_items(year, "activities", activities.figures, "activities")
            if activities.indicators is not None:
                indicators = activities.indicators
                fields = {"heading": normalize(indicators.heading.value), "intro": _joined(indicators.paragraphs)}
                yield Item("part", "indicators", year, "activities", fields["heading"], None, "", fields)
                yield from _figure_items(year, "activities", indicators.figures, "indicators")
                yield from _points(year, "activities", "point", indicators.points, "indicators")
            yield from _sections(year, activities.areas, 2, "", "activities")
        for file, part in (("problems", records.problems), ("plans", records.plans)):
            if part is not None:
                heading = normalize(part.heading.value)
                yield Item("part", file, year, file, heading, None, "", {"heading": heading, "intro": _joined(part.intro)})
                yield from _figure_items(year, file, part.figures, file)
        if records.problems is not None:
            yield from _points(year, "problems", "problem", records.problems.problems, "problems")
        if records.plans is not None:
            for n, plan in enumerate(records.plans.plans, start=1):
                fields = {
                    "lead": normalize(plan.lead.value),
                    "text": normalize(plan.text.value) if plan.text else "",
                    "addresses": _ids(plan.addresses),
                    "owner": plan.owner or "",
                }
                yield Item("plan", plan.id, year, "plans", fields["lead"], point_number(n), "plans", fields)


Key = tuple[int | None, str, str]


def _moved(base: Mapping[Key, Item], head: Mapping[Key, Item]) -> set[Key]:
    """Items whose order among their (common) siblings changed: those outside the longest common order."""
    moved: set[Key] = set()
    siblings: dict[tuple[int | None, str, str], tuple[list[Key], list[Key]]] = {}
    for side, table in ((0, base), (1, head)):
        for key, item in table.items():
            if key in base and key in head:
                siblings.setdefault((item.year, item.kind, item.parent), ([], []))[side].append(key)
    for old, new in siblings.values():
        kept: set[Key] = set()
        for block in difflib.SequenceMatcher(None, old, new, autojunk=False).get_matching_blocks():
            kept.update(old[block.a : block.a + block.size])
        moved.update(key for key in new if key not in kept)
    return moved


def compare(base: Snapshot, head: Snapshot) -> list[Change]:
    """The changes from `base` to `head`, in HEAD's document order (removed items where they stood)."""
    old = {(i.year, i.kind, i.id): i for i in items(base)}
    new = {(i.year, i.kind, i.id): i for i in items(head)}
    skip = base.broken | head.broken
    moved = _moved(old, new)
    changes: list[Change] = []
    order = list(new) + [key for key in old if key not in new]
    for key in order:
        before, after = old.get(key), new.get(key)
        item = after or before
        assert item is not None
        if (item.year, item.file) in skip:
            continue
        if before is None:
            changes.append(Change("added", item.kind, item.year, item.id, item.title, item.number, unit=item.unit, file=item.file))
        elif after is None:
            changes.append(Change("removed", item.kind, item.year, item.id, item.title, item.number, unit=item.unit, file=item.file))
        else:
            fields = tuple(_field_changes(before, after))
            if item.kind == "figure" and [f.name for f in fields] == ["value"] and not before.fields["value"]:
                changes.append(Change("filled", item.kind, item.year, item.id, after.title, None, fields=fields, unit=after.unit, file=item.file))
            elif key in moved:
                changes.append(Change("moved", item.kind, item.year, item.id, after.title, after.number, before.number, fields, after.unit, item.file))
            elif fields:
                changes.append(Change("changed", item.kind, item.year, item.id, after.title, after.number, before.number, fields, after.unit, item.file))
    return changes


def _field_changes(before: Item, after: Item) -> Iterator[FieldChange]:
    for name, new_value in after.fields.items():
        old_value = before.fields.get(name, "")
        if old_value == new_value:
            continue
        pieces = diff(old_value, new_value) if name in PROSE and old_value and new_value else ()
        yield FieldChange(name, old_value or None, new_value or None, pieces)
