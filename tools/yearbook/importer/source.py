"""A source document as the importer reads it: its paragraphs and table rows in order, numbered as a writer counts
them, with what direct formatting says about each (centred, its size, bold or a heading face all through, a bold
lead-in). Text copied out of Word carries no formatting: its lines say only their text.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Cell:
    text: str
    colspan: int = 1
    rowspan: int = 1


@dataclass(frozen=True, slots=True)
class Line:
    text: str  # a table row's cells joined by tabs
    number: int  # 1-based, counting paragraphs and table rows of the source, empty ones left out
    centred: bool = False
    size: float | None = None  # the largest font size in points, when set
    emphasis: int = 0  # set as a heading all through: its level (a heading style's; 1 黑体, 2 楷体, 3 bold); 0 if not
    lead: str = ""  # a bold lead-in followed by plain text (“强化组织保障。”)
    cells: tuple[Cell, ...] | None = None  # a table row, merged cells once with their spans

    @property
    def looks_like_title(self) -> bool:
        return self.centred or (self.size is not None and self.size >= 18)


def lines_of(texts: list[str]) -> list[Line]:
    """Plain text's paragraphs as lines (empty ones left out, the count kept)."""
    return [Line(text.strip(), n) for n, text in enumerate((t for t in texts if t.strip()), start=1)]
