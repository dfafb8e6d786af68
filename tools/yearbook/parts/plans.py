"""Plans (下一步工作安排, 工作要点): an optional heading and introduction, sections of their own (an area of
next year's work with its owner), then plans as run-in points, each naming the problems it addresses and the
responsibility that owns it."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from yearbook.findings import Where
from yearbook.model import (
    Plan,
    Text,
    frame,
    plans_at,
    present,
)
from yearbook.parts.base import PartType
from yearbook.parts.narrative import Narrative, areas_at, compile_areas, top_level
from yearbook.prose import normalize

if TYPE_CHECKING:
    from yearbook.diff.item import Item, ItemNumbers
    from yearbook.report.blocks import Kit
    from yearbook.report.document import Block


@dataclass(frozen=True, slots=True)
class Plans(Narrative):
    """Areas of their own (a 工作要点's sections, as a narrative's), then plans."""

    plans: tuple[Plan, ...]

    def body_prose(self) -> Iterator[Text]:
        yield from Narrative.body_prose(self)
        for plan in self.plans:
            yield from present(plan.lead, plan.text)

    def body_numbered(self) -> Iterator[Text]:
        yield from Narrative.body_numbered(self)
        yield from (plan.lead for plan in self.plans)

    def identified(self) -> Iterator[tuple[str, str, Where]]:
        yield from Narrative.identified(self)
        yield from (("plan", p.id, p.where.at("id")) for p in self.plans)

    def plan_items(self) -> Iterator[Plan]:
        return iter(self.plans)

    def planned_items(self) -> Iterator[Plan]:
        """The areas first (a 工作要点's items: its heading is the plan), then the plans."""
        yield from (Plan(area.id, area.heading, None, (), area.owner, area.where) for area in self.areas)
        yield from self.plans


def build(name: str, data: dict[str, Any], where: Where) -> Plans:
    return Plans(**frame(name, data, where), areas=areas_at(data, where), plans=plans_at(data.get("plans") or [], where.at("plans")))


def compile_part(part: Plans, kit: Kit) -> Iterator[Block]:
    yield from kit.frame(part)
    yield from compile_areas(part.areas, part.heading, kit)
    yield from kit.points(part.plans, part.points_way)


def plan_items(year: int, file: str, plans: tuple[Plan, ...], parent: str, numbering: ItemNumbers) -> Iterator[Item]:
    from yearbook.diff.item import Item, ids, optional
    from yearbook.report.numbering import point_number

    for n, plan in enumerate(plans, start=1):
        fields = {"lead": normalize(plan.lead.value), "text": optional(plan.text), "addresses": ids(plan.addresses), "owner": plan.owner or ""}
        yield Item("plan", plan.id, year, file, fields["lead"], point_number(n, numbering.points, len(plans)), parent, fields)


def items(part: Plans, year: int, numbering: ItemNumbers) -> Iterator[Item]:
    from yearbook.diff.item import frame_items, section_items

    yield from frame_items(part, year, numbering)
    yield from section_items(year, part.name, part.areas, top_level(part.heading), "", part.name, numbering)
    yield from plan_items(year, part.name, part.plans, part.name, numbering)


PART = PartType("plans", Plans, "工作计划", build, compile_part, items, title_en="plans")
