"""Headline figures (主要指标完成情况): a heading, an introduction and run-in points that state the year's
key figures; the figures themselves are named values the text refers to."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from yearbook.findings import Where
from yearbook.model import Framed, Point, Text, frame, point_texts, points_at
from yearbook.parts.base import PartType

if TYPE_CHECKING:
    from yearbook.diff.item import Item, ItemNumbers
    from yearbook.report.blocks import Kit
    from yearbook.report.document import Block


@dataclass(frozen=True, slots=True)
class Headline(Framed):
    points: tuple[Point, ...]

    def body_prose(self) -> Iterator[Text]:
        return point_texts(self.points)

    def body_numbered(self) -> Iterator[Text]:
        return (point.lead for point in self.points)

    def identified(self) -> Iterator[tuple[str, str, Where]]:
        return (("point", p.id, p.where.at("id")) for p in self.points)


def build(name: str, data: dict[str, Any], where: Where) -> Headline:
    return Headline(**frame(name, data, where), points=points_at(data.get("points") or [], where.at("points")))


def compile_part(part: Headline, kit: Kit) -> Iterator[Block]:
    yield from kit.frame(part)
    yield from kit.points(part.points, part.points_way)


def items(part: Headline, year: int, numbering: ItemNumbers) -> Iterator[Item]:
    from yearbook.diff.item import frame_items, point_items

    yield from frame_items(part, year, numbering)
    yield from point_items(year, part.name, "point", part.points, part.name, numbering)


PART = PartType("figures", Headline, "主要指标", build, compile_part, items, title_en="headline figures")
