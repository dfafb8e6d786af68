"""Free text (其他需要报告的事项, 结束语 under a heading): a heading and paragraphs, nothing numbered inside."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from yearbook.findings import Where
from yearbook.model import Framed, frame
from yearbook.parts.base import PartType

if TYPE_CHECKING:
    from yearbook.diff.item import Item, ItemNumbers
    from yearbook.report.blocks import Kit
    from yearbook.report.document import Block


@dataclass(frozen=True, slots=True)
class FreeText(Framed):
    """The paragraphs are the frame's introduction: free text has no body of its own."""


def build(name: str, data: dict[str, Any], where: Where) -> FreeText:
    return FreeText(**frame(name, data, where, intro="paragraphs"))


def compile_part(part: FreeText, kit: Kit) -> Iterator[Block]:
    return kit.frame(part)


def items(part: FreeText, year: int, numbering: ItemNumbers) -> Iterator[Item]:
    from yearbook.diff.item import frame_items

    return frame_items(part, year, numbering)


PART = PartType("text", FreeText, "其他事项", build, compile_part, items, title_en="other matters")
