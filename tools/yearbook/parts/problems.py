"""Problems (存在的问题): an optional heading and introduction, then the problems as run-in points
(一是…… in the document's point style); plans address them by id."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from yearbook.diff.item import Item, figure_items, part_item, point_items
from yearbook.findings import Where
from yearbook.model import Figure, Numbering, Part, Point, Text, figures_at, point_texts, points_at, present, text_at, texts_at
from yearbook.parts.base import PartType
from yearbook.report.blocks import Kit
from yearbook.report.document import Block


@dataclass(frozen=True, slots=True)
class Problems(Part):
    name: str
    heading: Text | None
    intro: tuple[Text, ...]
    figures: tuple[Figure, ...]
    problems: tuple[Point, ...]
    where: Where

    def own_figures(self) -> Iterator[Figure]:
        return iter(self.figures)

    def prose(self) -> Iterator[Text]:
        yield from present(self.heading)
        yield from self.intro
        yield from point_texts(self.problems)

    def numbered(self) -> Iterator[Text]:
        yield from present(self.heading)
        yield from (point.lead for point in self.problems)

    def identified(self) -> Iterator[tuple[str, str, Where]]:
        return (("problem", p.id, p.where.at("id")) for p in self.problems)

    def problem_points(self) -> Iterator[Point]:
        return iter(self.problems)


def build(name: str, data: dict[str, Any], where: Where) -> Problems:
    problems = points_at(data["problems"], where.at("problems"))
    return Problems(name, text_at(data, "heading", where), texts_at(data, "intro", where), figures_at(data, where), problems, where)


def compile_part(part: Problems, kit: Kit) -> Iterator[Block]:
    yield from kit.part_heading(part.heading)
    yield from kit.paragraphs(part.intro)
    yield from kit.points(part.problems)


def items(part: Problems, year: int, numbering: Numbering) -> Iterator[Item]:
    yield part_item(year, part.name, part.heading, part.intro)
    yield from figure_items(year, part.name, part.figures, part.name)
    yield from point_items(year, part.name, "problem", part.problems, part.name, numbering)


PART = PartType("problems", Problems, "存在的问题", build, compile_part, items)
