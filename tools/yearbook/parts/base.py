"""What a part type is: the one place that says how a kind of part is built, compiled and diffed.

A part is one record file in a year folder, named in report.yaml's `parts:` and saying its `type:`; the
type's module holds its model (a `Part`), and this `PartType` ties the rest together. The schema is
`schema/<type>.schema.json`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from yearbook.findings import Where
from yearbook.model import Part

if TYPE_CHECKING:
    from yearbook.diff.item import Item, ItemNumbers
    from yearbook.report.blocks import Kit
    from yearbook.report.document import Block

P = TypeVar("P", bound=Part)


@dataclass(frozen=True, slots=True)
class PartType(Generic[P]):
    name: str  # the `type:` a file declares, and its schema's name
    model: type[P]
    title: str  # what a writer calls it, for messages and the README
    build: Callable[[str, dict[str, Any], Where], P]  # (file name, schema-valid data, where) → model
    compile: Callable[[P, Kit], Iterator[Block]]
    items: Callable[[P, int, ItemNumbers], Iterator[Item]]  # (part, year, numbers so far) → what the diff matches
    kinds: Mapping[str, str] = field(default_factory=dict)  # item kinds it adds to the diff, with their names
    fields: Mapping[str, str] = field(default_factory=dict)  # item fields it adds, with their names
    kinds_en: Mapping[str, str] = field(default_factory=dict)  # the same names in English (diff --lang en)
    fields_en: Mapping[str, str] = field(default_factory=dict)
    prose: frozenset[str] = frozenset()  # of those, the fields diffed character by character
    title_en: str = ""  # the title in English messages
