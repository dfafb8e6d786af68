"""The registry of part types: everything that knows what a kind of part is, in one module per type.

The engine builds parts through it, the compiler compiles them, the diff lists their items, validation
picks the schema, and the README's format table is checked against it.
"""

from __future__ import annotations

from typing import Any

from yearbook.model import Part
from yearbook.parts import combined, duties, free_text, headline, narrative, plan_review, plans, problems, table, timeline
from yearbook.parts.base import PartType

PART_TYPES: dict[str, PartType[Any]] = {
    module.PART.name: module.PART for module in (narrative, headline, problems, plans, combined, timeline, table, duties, plan_review, free_text)
}
_BY_MODEL: dict[type[Part], PartType[Any]] = {part_type.model: part_type for part_type in PART_TYPES.values()}


def part_type(part: Part) -> PartType[Any]:
    """The type a built part belongs to."""
    return _BY_MODEL[type(part)]
