"""计划完成情况对照表 printed in the report: last year's plans beside this year's items that carry them out, with a
status (see yearbook.plan_review). The rows are worked out from the records, never typed: the part only says
where the table stands, its heading, introduction and caption."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from yearbook.findings import Where
from yearbook.model import Framed, Text, frame, text_at
from yearbook.parts.base import PartType

if TYPE_CHECKING:
    from yearbook.diff.item import Item, ItemNumbers
    from yearbook.report.blocks import Kit
    from yearbook.report.document import Block

HEADER = ("序号", "上年计划", "本年落实情况", "状态")
WIDTHS = (0.08, 0.34, 0.44, 0.14)


@dataclass(frozen=True, slots=True)
class PlanReview(Framed):
    caption: Text | None

    def body_prose(self) -> Iterator[Text]:
        return iter(() if self.caption is None else (self.caption,))


def build(name: str, data: dict[str, Any], where: Where) -> PlanReview:
    return PlanReview(**frame(name, data, where), caption=text_at(data, "caption", where))


def compile_part(part: PlanReview, kit: Kit) -> Iterator[Block]:
    from yearbook.report.document import Paragraph, Span, Table, TableCell

    yield from kit.frame(part)
    if not kit.review:
        yield Paragraph((Span("上一年度没有可对照的计划。"),))
        return
    rows = [tuple(TableCell((Span(title),)) for title in HEADER)]
    for n, row in enumerate(kit.review, start=1):
        carried = "；".join(c.title for c in row.carriers) or "—"
        rows.append(
            (TableCell((Span(str(n)),)), TableCell((Span(row.lead),), align="left"), TableCell((Span(carried),), align="left"), TableCell((Span(row.status),)))
        )
    yield Table(kit.values.spans(part.caption) if part.caption is not None else (), WIDTHS, tuple(rows), 1)


def items(part: PlanReview, year: int, numbering: ItemNumbers) -> Iterator[Item]:
    from yearbook.diff.item import frame_items

    return frame_items(part, year, numbering)  # the rows come from the plans and carries_out, compared there


PART = PartType("plan-review", PlanReview, "计划完成情况对照表", build, compile_part, items, title_en="plan review")
