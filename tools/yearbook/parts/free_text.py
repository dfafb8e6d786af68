"""Free text (其他需要报告的事项, 结束语 under a heading): a heading and paragraphs, nothing numbered inside."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from yearbook.diff.item import Item, figure_items, part_item
from yearbook.findings import Where
from yearbook.model import Figure, Numbering, Part, Text, figures_at, present, text_at, texts_at
from yearbook.parts.base import PartType
from yearbook.report.blocks import Kit
from yearbook.report.document import Block


@dataclass(frozen=True, slots=True)
class FreeText(Part):
    name: str
    heading: Text | None
    intro: tuple[Text, ...]  # the paragraphs
    figures: tuple[Figure, ...]
    where: Where

    def own_figures(self) -> Iterator[Figure]:
        return iter(self.figures)

    def prose(self) -> Iterator[Text]:
        yield from present(self.heading)
        yield from self.intro

    def numbered(self) -> Iterator[Text]:
        return present(self.heading)


def build(name: str, data: dict[str, Any], where: Where) -> FreeText:
    return FreeText(name, text_at(data, "heading", where), texts_at(data, "paragraphs", where), figures_at(data, where), where)


def compile_part(part: FreeText, kit: Kit) -> Iterator[Block]:
    yield from kit.part_heading(part.heading)
    yield from kit.paragraphs(part.intro)


def items(part: FreeText, year: int, numbering: Numbering) -> Iterator[Item]:
    yield part_item(year, part.name, part.heading, part.intro)
    yield from figure_items(year, part.name, part.figures, part.name)


PART = PartType("text", FreeText, "其他事项", build, compile_part, items)
