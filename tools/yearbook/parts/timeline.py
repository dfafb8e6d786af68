"""A dated timeline (大事记, a school year by its events): an optional heading and introduction, then events in
order, each a paragraph led by its date (a day, a month or a range), checked against the report period."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from yearbook.findings import Where
from yearbook.model import Event, Framed, Text, events_at, frame
from yearbook.parts.base import PartType

if TYPE_CHECKING:
    from yearbook.diff.item import Item, ItemNumbers
    from yearbook.report.blocks import Kit
    from yearbook.report.document import Block


@dataclass(frozen=True, slots=True)
class Timeline(Framed):
    events: tuple[Event, ...]

    def body_prose(self) -> Iterator[Text]:
        return (event.text for event in self.events)

    def identified(self) -> Iterator[tuple[str, str, Where]]:
        return (("event", e.id, e.where.at("id")) for e in self.events)

    def own_events(self) -> Iterator[Event]:
        return iter(self.events)


def build(name: str, data: dict[str, Any], where: Where) -> Timeline:
    return Timeline(**frame(name, data, where), events=events_at(data, where))


def compile_part(part: Timeline, kit: Kit) -> Iterator[Block]:
    yield from kit.frame(part)
    yield from kit.events(part.events)


def items(part: Timeline, year: int, numbering: ItemNumbers) -> Iterator[Item]:
    from yearbook.diff.item import event_items, frame_items

    yield from frame_items(part, year, numbering)
    yield from event_items(year, part.name, part.events, part.name)


PART = PartType("timeline", Timeline, "大事记", build, compile_part, items, title_en="events")
