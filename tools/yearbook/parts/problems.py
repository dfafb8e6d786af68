"""Problems (存在的问题): an optional heading and introduction, then the problems as run-in points
(一是…… in the document's point style); plans address them by id."""

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
class Problems(Framed):
    problems: tuple[Point, ...]

    def body_prose(self) -> Iterator[Text]:
        return point_texts(self.problems)

    def body_numbered(self) -> Iterator[Text]:
        return (point.lead for point in self.problems)

    def identified(self) -> Iterator[tuple[str, str, Where]]:
        return (("problem", p.id, p.where.at("id")) for p in self.problems)

    def problem_points(self) -> Iterator[Point]:
        return iter(self.problems)


def build(name: str, data: dict[str, Any], where: Where) -> Problems:
    return Problems(**frame(name, data, where), problems=points_at(data["problems"], where.at("problems")))


def compile_part(part: Problems, kit: Kit) -> Iterator[Block]:
    yield from kit.frame(part)
    yield from kit.points(part.problems, part.points_way)


def items(part: Problems, year: int, numbering: ItemNumbers) -> Iterator[Item]:
    from yearbook.diff.item import frame_items, point_items

    yield from frame_items(part, year, numbering)
    yield from point_items(year, part.name, "problem", part.problems, part.name, numbering)


PART = PartType("problems", Problems, "存在的问题", build, compile_part, items, title_en="problems")
