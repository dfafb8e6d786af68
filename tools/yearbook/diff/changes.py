"""Two snapshots of the records to a list of changes, purely: items matched by (year, kind, id).

An item that keeps its id but changes place among its siblings is *moved* (with its new number), not
removed and added; a named value that goes from empty to a value is *filled*, not changed. Prose is
compared after the same normalisation as the report, so re-wrapping a YAML line is no change.
"""

from __future__ import annotations

import dataclasses
import difflib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Literal

from yearbook.diff.item import (
    BASE_FIELD_NAMES,
    BASE_FIELD_NAMES_EN,
    BASE_KIND_NAMES,
    BASE_KIND_NAMES_EN,
    BASE_PROSE,
    Item,
    ItemNumbers,
    figure_items,
    joined,
    optional,
    value_of,
)
from yearbook.diff.tokens import Piece, diff
from yearbook.model import Numbering, Org, YearRecords
from yearbook.parts import PART_TYPES, part_type
from yearbook.prose import normalize

Action = Literal["added", "removed", "changed", "moved", "filled"]
# Every kind and field the diff names: the shared ones and each part type's own, from the registry.
KIND_NAMES = {**BASE_KIND_NAMES, **{k: v for t in PART_TYPES.values() for k, v in t.kinds.items()}}
FIELD_NAMES = {**BASE_FIELD_NAMES, **{k: v for t in PART_TYPES.values() for k, v in t.fields.items()}}
KIND_NAMES_EN = {**BASE_KIND_NAMES_EN, **{k: v for t in PART_TYPES.values() for k, v in t.kinds_en.items()}}
FIELD_NAMES_EN = {**BASE_FIELD_NAMES_EN, **{k: v for t in PART_TYPES.values() for k, v in t.fields_en.items()}}
PROSE = BASE_PROSE | frozenset(f for t in PART_TYPES.values() for f in t.prose)


@dataclass(frozen=True, slots=True)
class FieldChange:
    name: str
    old: str | None
    new: str | None
    pieces: tuple[Piece, ...] = ()  # the character-level edit, for prose

    @property
    def label(self) -> str:
        return FIELD_NAMES.get(self.name, self.name)

    def label_in(self, lang: str) -> str:
        return FIELD_NAMES_EN.get(self.name, self.name) if lang == "en" else self.label


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

    def kind_name_in(self, lang: str) -> str:
        return KIND_NAMES_EN.get(self.kind, self.kind) if lang == "en" else self.kind_name


@dataclass(frozen=True, slots=True)
class Snapshot:
    """One side: the models per year, the organisation, and which (year, file) failed to load."""

    years: Mapping[int, YearRecords]
    org: Org | None
    broken: frozenset[tuple[int | None, str]] = field(default_factory=frozenset)


def items(snapshot: Snapshot) -> Iterator[Item]:
    """Every comparable item of a snapshot, in document order."""
    if snapshot.org is not None:
        org = snapshot.org
        yield Item("org", "org", None, "org", "组织", None, "", {"name": org.name or "", "short_name": org.short_name or ""})
    for year, records in sorted(snapshot.years.items()):
        report = records.report
        if report is not None:
            fields = {
                "title": optional(report.title),
                "topic": normalize(report.topic.value),
                "opening": joined(report.opening),
                "closing": joined(report.closing),
                "attachments": joined(report.attachments),
                "doc_number": optional(report.doc_number),
                "addressee": optional(report.addressee),
                "signature": optional(report.signature) or joined(report.signers),
                "notes": joined(report.notes),
                "attachment_pages": "\n\n".join(joined(page) for page in report.attachment_pages if page),
                "date": report.date or "",
                "parts": "、".join(report.parts),
            }
            yield Item("report", "report", year, "report", "报告框架", None, "", fields)
            yield from figure_items(year, "report", report.figures, "report")
        for responsibility in records.responsibilities or ():
            fields = {"role": normalize(responsibility.role.value), "holders": joined(responsibility.holders), "duties": joined(responsibility.duties)}
            yield Item("responsibility", responsibility.id, year, "responsibilities", fields["role"], None, "responsibilities", fields)
        numbers = ItemNumbers(report.numbering if report is not None else Numbering())
        for part in records.parts:
            for item in part_type(part).items(part, year, numbers):
                computed = records.computed.get(item.id) if item.kind == "figure" else None
                # A computed figure is compared by the value it computes to, as the report prints it.
                yield dataclasses.replace(item, fields={**item.fields, "value": value_of(computed)}) if computed is not None else item


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
