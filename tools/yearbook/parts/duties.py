"""A 责任分工 table printed from responsibilities.yaml: the responsibilities stay data (owners and links point at
them), and this part is the choice to print them, one row per responsibility: 角色 | 担任者 | 职责."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

from yearbook.findings import Where
from yearbook.model import Framed, Text, frame, text_at
from yearbook.parts.base import PartType

if TYPE_CHECKING:
    from yearbook.diff.item import Item, ItemNumbers
    from yearbook.report.blocks import Kit
    from yearbook.report.document import Block, Span, TableCell

HEADER = ("角色", "担任者", "职责")
WIDTHS = (0.2, 0.2, 0.6)


@dataclass(frozen=True, slots=True)
class Duties(Framed):
    caption: Text | None

    def body_prose(self) -> Iterator[Text]:
        return iter(() if self.caption is None else (self.caption,))


def build(name: str, data: dict[str, Any], where: Where) -> Duties:
    return Duties(**frame(name, data, where), caption=text_at(data, "caption", where))


def _cell(texts: tuple[Text, ...], kit: Kit, joiner: str, align: Literal["left", "center"]) -> TableCell:
    """Names joined by 、; duties, each a sentence with its own full stop, run on."""
    from yearbook.report.blocks import merge_spans
    from yearbook.report.document import Span, TableCell

    spans: list[Span] = []
    for i, text in enumerate(texts):
        spans += ([Span(joiner)] if i and joiner else []) + list(kit.values.spans(text))
    return TableCell(merge_spans(tuple(spans)), align=align)


def compile_part(part: Duties, kit: Kit) -> Iterator[Block]:
    from yearbook.report.document import Span, Table, TableCell

    yield from kit.frame(part)
    rows = [tuple(TableCell((Span(title),)) for title in HEADER)]
    rows += [(_cell((r.role,), kit, "", "center"), _cell(r.holders, kit, "、", "center"), _cell(r.duties, kit, "", "left")) for r in kit.responsibilities]
    yield Table(kit.values.spans(part.caption) if part.caption is not None else (), WIDTHS, tuple(rows), 1)


def items(part: Duties, year: int, numbering: ItemNumbers) -> Iterator[Item]:
    from yearbook.diff.item import frame_items

    return frame_items(part, year, numbering)  # the rows are responsibilities.yaml's, compared there


PART = PartType("duties", Duties, "责任分工表", build, compile_part, items, title_en="duties")
