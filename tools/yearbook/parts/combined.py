"""A combined part (存在的问题及下一步打算): one numbered heading, an optional introduction, then two sub-parts,
the problems and the plans, each with an optional heading of its own (numbered at the next level) and
introduction; plans address the problems by id as in separate parts."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from yearbook.findings import Where
from yearbook.model import Framed, Plan, Point, Text, frame, plans_at, point_texts, points_at, present, text_at, texts_at
from yearbook.parts.base import PartType
from yearbook.parts.plans import plan_items

if TYPE_CHECKING:
    from yearbook.diff.item import Item, ItemNumbers
    from yearbook.report.blocks import Kit
    from yearbook.report.document import Block


@dataclass(frozen=True, slots=True)
class Combined(Framed):
    problems_heading: Text | None
    problems_intro: tuple[Text, ...]
    problems: tuple[Point, ...]
    plans_heading: Text | None
    plans_intro: tuple[Text, ...]
    plans: tuple[Plan, ...]

    def body_prose(self) -> Iterator[Text]:
        yield from present(self.problems_heading)
        yield from self.problems_intro
        yield from point_texts(self.problems)
        yield from present(self.plans_heading)
        yield from self.plans_intro
        for plan in self.plans:
            yield from present(plan.lead, plan.text)

    def body_numbered(self) -> Iterator[Text]:
        yield from present(self.problems_heading)
        yield from (point.lead for point in self.problems)
        yield from present(self.plans_heading)
        yield from (plan.lead for plan in self.plans)

    def identified(self) -> Iterator[tuple[str, str, Where]]:
        yield from (("problem", p.id, p.where.at("id")) for p in self.problems)
        yield from (("plan", p.id, p.where.at("id")) for p in self.plans)

    def problem_points(self) -> Iterator[Point]:
        return iter(self.problems)

    def plan_items(self) -> Iterator[Plan]:
        return iter(self.plans)


def build(name: str, data: dict[str, Any], where: Where) -> Combined:
    problems: Mapping[str, Any] = data["problems"]
    plans: Mapping[str, Any] = data["plans"]
    at_problems, at_plans = where.at("problems"), where.at("plans")
    return Combined(
        **frame(name, data, where),
        problems_heading=text_at(problems, "heading", at_problems),
        problems_intro=texts_at(problems, "intro", at_problems),
        problems=points_at(problems["problems"], at_problems.at("problems")),
        plans_heading=text_at(plans, "heading", at_plans),
        plans_intro=texts_at(plans, "intro", at_plans),
        plans=plans_at(plans["plans"], at_plans.at("plans")),
    )


def compile_part(part: Combined, kit: Kit) -> Iterator[Block]:
    from yearbook.report.document import Heading

    yield from kit.frame(part)
    level = 2 if part.heading is not None else 1
    numbered = 0
    for heading, intro, points in ((part.problems_heading, part.problems_intro, part.problems), (part.plans_heading, part.plans_intro, part.plans)):
        if heading is not None:
            numbered += 1
            n = kit.next_first_level() if level == 1 else numbered
            yield Heading(level, kit.heading_number(level, n), kit.values.spans(heading))
        yield from kit.paragraphs(intro)
        yield from kit.points(points, part.points_way)


def items(part: Combined, year: int, numbering: ItemNumbers) -> Iterator[Item]:
    from yearbook.diff.item import frame_items, part_item, point_items

    yield from frame_items(part, year, numbering)
    for suffix, heading, intro in (("problems", part.problems_heading, part.problems_intro), ("plans", part.plans_heading, part.plans_intro)):
        if heading is not None and part.heading is None:  # the sub-parts stand at level 1: they count there
            numbering.next_first_level()
        yield part_item(year, f"{part.name}-{suffix}", heading, intro)
        if suffix == "problems":
            yield from point_items(year, part.name, "problem", part.problems, part.name, numbering)
    yield from plan_items(year, part.name, part.plans, part.name, numbering)


PART = PartType("combined", Combined, "问题及打算", build, compile_part, items, title_en="problems and plans")
