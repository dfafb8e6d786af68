"""Narrative areas (主要做法和成效): an optional part heading and introduction, then sections nested up to four
levels, each with paragraphs, run-in points, figures and dated events."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from yearbook.diff.item import Item, figure_items, part_item, section_items
from yearbook.findings import Where
from yearbook.model import (
    Figure,
    Numbering,
    Part,
    Section,
    Text,
    figures_at,
    section_at,
    section_figures,
    section_ids,
    section_numbered,
    section_texts,
    text_at,
    texts_at,
    walk_sections,
)
from yearbook.parts.base import PartType
from yearbook.report.blocks import Kit
from yearbook.report.document import Block


@dataclass(frozen=True, slots=True)
class Narrative(Part):
    name: str
    heading: Text | None
    intro: tuple[Text, ...]
    figures: tuple[Figure, ...]
    areas: tuple[Section, ...]
    where: Where

    def own_figures(self) -> Iterator[Figure]:
        yield from self.figures
        yield from section_figures(self.areas)

    def prose(self) -> Iterator[Text]:
        if self.heading is not None:
            yield self.heading
        yield from self.intro
        yield from section_texts(self.areas)

    def numbered(self) -> Iterator[Text]:
        if self.heading is not None:
            yield self.heading
        yield from section_numbered(self.areas)

    def identified(self) -> Iterator[tuple[str, str, Where]]:
        return section_ids(self.areas)

    def sections(self) -> Iterator[Section]:
        return walk_sections(self.areas)


def build(name: str, data: dict[str, Any], where: Where) -> Narrative:
    areas = tuple(section_at(area, where.at("areas", i)) for i, area in enumerate(data.get("areas") or ()))
    return Narrative(name, text_at(data, "heading", where), texts_at(data, "intro", where), figures_at(data, where), areas, where)


def top_level(heading: Text | None) -> int:
    """Sections sit under the part's heading, or take level 1 themselves when the part has none."""
    return 2 if heading is not None else 1


def compile_part(part: Narrative, kit: Kit) -> Iterator[Block]:
    yield from kit.part_heading(part.heading)
    yield from kit.paragraphs(part.intro)
    for n, area in enumerate(part.areas, start=1):
        yield from kit.section(area, top_level(part.heading), n)


def items(part: Narrative, year: int, numbering: Numbering) -> Iterator[Item]:
    yield part_item(year, part.name, part.heading, part.intro)
    yield from figure_items(year, part.name, part.figures, part.name)
    yield from section_items(year, part.name, part.areas, top_level(part.heading), "", part.name, numbering)


PART = PartType("narrative", Narrative, "工作情况", build, compile_part, items)
