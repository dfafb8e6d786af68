"""Plans (下一步工作安排, 工作要点): an optional heading and introduction, sections of their own (an area of
next year's work with its owner), then plans as run-in points, each naming the problems it addresses and the
responsibility that owns it."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from yearbook.diff.item import Item, figure_items, ids, optional, part_item, section_items
from yearbook.findings import Where
from yearbook.model import (
    Figure,
    Numbering,
    Part,
    Plan,
    Section,
    Text,
    figures_at,
    plans_at,
    present,
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
from yearbook.parts.narrative import top_level
from yearbook.prose import normalize
from yearbook.report.blocks import Kit
from yearbook.report.document import Block
from yearbook.report.numbering import point_number


@dataclass(frozen=True, slots=True)
class Plans(Part):
    name: str
    heading: Text | None
    intro: tuple[Text, ...]
    figures: tuple[Figure, ...]
    areas: tuple[Section, ...]
    plans: tuple[Plan, ...]
    where: Where

    def own_figures(self) -> Iterator[Figure]:
        yield from self.figures
        yield from section_figures(self.areas)

    def prose(self) -> Iterator[Text]:
        yield from present(self.heading)
        yield from self.intro
        yield from section_texts(self.areas)
        for plan in self.plans:
            yield from present(plan.lead, plan.text)

    def numbered(self) -> Iterator[Text]:
        yield from present(self.heading)
        yield from section_numbered(self.areas)
        yield from (plan.lead for plan in self.plans)

    def identified(self) -> Iterator[tuple[str, str, Where]]:
        yield from section_ids(self.areas)
        yield from (("plan", p.id, p.where.at("id")) for p in self.plans)

    def sections(self) -> Iterator[Section]:
        return walk_sections(self.areas)

    def plan_items(self) -> Iterator[Plan]:
        return iter(self.plans)


def build(name: str, data: dict[str, Any], where: Where) -> Plans:
    areas = tuple(section_at(area, where.at("areas", i)) for i, area in enumerate(data.get("areas") or ()))
    plans = plans_at(data.get("plans") or [], where.at("plans"))
    return Plans(name, text_at(data, "heading", where), texts_at(data, "intro", where), figures_at(data, where), areas, plans, where)


def compile_part(part: Plans, kit: Kit) -> Iterator[Block]:
    yield from kit.part_heading(part.heading)
    yield from kit.paragraphs(part.intro)
    for n, area in enumerate(part.areas, start=1):
        yield from kit.section(area, top_level(part.heading), n)
    yield from kit.points(part.plans)


def plan_items(year: int, file: str, plans: tuple[Plan, ...], parent: str, numbering: Numbering) -> Iterator[Item]:
    for n, plan in enumerate(plans, start=1):
        fields = {"lead": normalize(plan.lead.value), "text": optional(plan.text), "addresses": ids(plan.addresses), "owner": plan.owner or ""}
        yield Item("plan", plan.id, year, file, fields["lead"], point_number(n, numbering.points, len(plans)), parent, fields)


def items(part: Plans, year: int, numbering: Numbering) -> Iterator[Item]:
    yield part_item(year, part.name, part.heading, part.intro)
    yield from figure_items(year, part.name, part.figures, part.name)
    yield from section_items(year, part.name, part.areas, top_level(part.heading), "", part.name, numbering)
    yield from plan_items(year, part.name, part.plans, part.name, numbering)


PART = PartType("plans", Plans, "工作计划", build, compile_part, items)
