"""Headline figures (主要指标完成情况): a heading, an introduction and run-in points that state the year's
key figures; the figures themselves are named values the text refers to."""

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
class Headline(Part):
    name: str
    heading: Text | None
    intro: tuple[Text, ...]
    figures: tuple[Figure, ...]
    points: tuple[Point, ...]
    where: Where

    def own_figures(self) -> Iterator[Figure]:
        return iter(self.figures)

    def prose(self) -> Iterator[Text]:
        yield from present(self.heading)
        yield from self.intro
        yield from point_texts(self.points)

    def numbered(self) -> Iterator[Text]:
        yield from present(self.heading)
        yield from (point.lead for point in self.points)

    def identified(self) -> Iterator[tuple[str, str, Where]]:
        return (("point", p.id, p.where.at("id")) for p in self.points)


def build(name: str, data: dict[str, Any], where: Where) -> Headline:
    points = points_at(data.get("points") or [], where.at("points"))
    return Headline(name, text_at(data, "heading", where), texts_at(data, "intro", where), figures_at(data, where), points, where)


def compile_part(part: Headline, kit: Kit) -> Iterator[Block]:
    yield from kit.part_heading(part.heading)
    yield from kit.paragraphs(part.intro)
    yield from kit.points(part.points)


def items(part: Headline, year: int, numbering: Numbering) -> Iterator[Item]:
    yield part_item(year, part.name, part.heading, part.intro)
    yield from figure_items(year, part.name, part.figures, part.name)
    yield from point_items(year, part.name, "point", part.points, part.name, numbering)


PART = PartType("figures", Headline, "主要指标", build, compile_part, items)
