"""Narrative areas (主要做法和成效): an optional part heading and introduction, then sections nested up to four
levels, each with paragraphs, run-in points, figures and dated events."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from yearbook.findings import Where
from yearbook.model import (
    Figure,
    Framed,
    Section,
    Text,
    frame,
    section_at,
    section_figures,
    section_ids,
    section_numbered,
    section_texts,
    walk_sections,
)
from yearbook.parts.base import PartType

if TYPE_CHECKING:
    from yearbook.diff.item import Item, ItemNumbers
    from yearbook.report.blocks import Kit
    from yearbook.report.document import Block


@dataclass(frozen=True, slots=True)
class Narrative(Framed):
    areas: tuple[Section, ...]

    def body_figures(self) -> Iterator[Figure]:
        return section_figures(self.areas)

    def body_prose(self) -> Iterator[Text]:
        return section_texts(self.areas)

    def body_numbered(self) -> Iterator[Text]:
        return section_numbered(self.areas)

    def identified(self) -> Iterator[tuple[str, str, Where]]:
        return section_ids(self.areas)

    def sections(self) -> Iterator[Section]:
        return walk_sections(self.areas)


def areas_at(data: dict[str, Any], where: Where) -> tuple[Section, ...]:
    return tuple(section_at(area, where.at("areas", i)) for i, area in enumerate(data.get("areas") or ()))


def build(name: str, data: dict[str, Any], where: Where) -> Narrative:
    return Narrative(**frame(name, data, where), areas=areas_at(data, where))


def top_level(heading: Text | None) -> int:
    """Sections sit under the part's heading, or take level 1 themselves when the part has none."""
    return 2 if heading is not None else 1


def compile_areas(areas: tuple[Section, ...], heading: Text | None, kit: Kit) -> Iterator[Block]:
    level = top_level(heading)
    for n, area in enumerate(areas, start=1):
        yield from kit.section(area, level, kit.next_first_level() if level == 1 else n)


def compile_part(part: Narrative, kit: Kit) -> Iterator[Block]:
    yield from kit.frame(part)
    yield from compile_areas(part.areas, part.heading, kit)


def items(part: Narrative, year: int, numbering: ItemNumbers) -> Iterator[Item]:
    from yearbook.diff.item import frame_items, section_items

    yield from frame_items(part, year, numbering)
    yield from section_items(year, part.name, part.areas, top_level(part.heading), "", part.name, numbering)


PART = PartType("narrative", Narrative, "工作情况", build, compile_part, items, title_en="work done")
