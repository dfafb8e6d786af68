"""Tables (政府信息公开年度报告's statutory tables, a figures table, a 责任分工 table): an optional heading and
introduction, a caption, header rows and body rows whose cells are text, numbers, blanks or references to
named figures, merged across rows and columns; notes under it; and declared consistency checks (勾稽关系)
written as a spreadsheet user writes them: `B7 = SUM(B2:B6)`, filled right or down over a range like an
Excel formula (`B7:F7 = SUM(B2:B6)` checks every column of row 7).

Cells are addressed like a sheet: columns A, B, C…, rows 1, 2, 3… counting the header rows first; a merged
cell is addressed by its top-left corner.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from yearbook import textrefs
from yearbook.findings import Where
from yearbook.model import Cell, Figure, Framed, Row, TableBody, Text, frame, grid, rows_at, text_at, texts_at
from yearbook.parts.base import PartType
from yearbook.prose import normalize

if TYPE_CHECKING:
    from yearbook.diff.item import Item, ItemNumbers
    from yearbook.report.blocks import Kit
    from yearbook.report.document import Block


@dataclass(frozen=True, slots=True)
class TablePart(Framed):
    caption: Text | None
    widths: tuple[float, ...]
    header: tuple[Row, ...]
    rows: tuple[Row, ...]
    checks: tuple[Text, ...]
    notes: tuple[Text, ...]

    @property
    def body(self) -> TableBody:
        return TableBody(self.caption, self.widths, self.header, self.rows, self.notes, self.where)

    def body_prose(self) -> Iterator[Text]:
        return self.body.texts()

    def identified(self) -> Iterator[tuple[str, str, Where]]:
        return (("row", row.id, row.where.at("id")) for row in self.rows if row.id is not None)

    def all_rows(self) -> tuple[Row, ...]:
        return (*self.header, *self.rows)


# --- building --------------------------------------------------------------------------------------------


def build(name: str, data: dict[str, Any], where: Where) -> TablePart:
    return TablePart(
        **frame(name, data, where),
        caption=text_at(data, "caption", where),
        widths=tuple(float(w) for w in data.get("widths") or ()),
        header=rows_at(data, "header", where),
        rows=rows_at(data, "rows", where),
        checks=texts_at(data, "checks", where),
        notes=texts_at(data, "notes", where),
    )


# --- the grid: where each cell stands, as in a spreadsheet -------------------------------------------------


def column_letter(index: int) -> str:
    """0 → A, 25 → Z, 26 → AA."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def column_index(letters: str) -> int:
    index = 0
    for char in letters.upper():
        index = index * 26 + ord(char) - ord("A") + 1
    return index - 1


def numeric(cell: Cell, figures: Mapping[str, Figure]) -> float | int | str | None:
    """A cell's number for checks: a number, a figure referred to as exactly `{id}` (None while unfilled),
    None for a blank; any other text is returned as text (not a number)."""
    value = cell.value
    if value is None or isinstance(value, int | float):
        return value
    pieces = [piece for piece in textrefs.pieces(normalize(value)) if piece != ""]
    if len(pieces) == 1 and isinstance(pieces[0], textrefs.Reference) and pieces[0].name in figures:
        figure = figures[pieces[0].name]
        if not figure.filled:
            return None
        return figure.value if isinstance(figure.value, int | float) else str(figure.value)
    return value


# --- checks: `B7 = SUM(B2:B6)`, filled over a target range ------------------------------------------------

_REF = r"([A-Za-z]{1,2})([0-9]{1,4})"
_TERM = re.compile(rf"\s*([+-])?\s*(?:SUM\(\s*{_REF}\s*:\s*{_REF}\s*\)|{_REF}|([0-9]{{1,12}}(?:\.[0-9]{{1,6}})?))\s*", re.IGNORECASE)
_CHECK = re.compile(rf"^\s*{_REF}(?:\s*:\s*{_REF})?\s*=\s*(.+)$")


@dataclass(frozen=True, slots=True)
class Term:
    sign: int
    first: tuple[int, int]  # (row, column), 0-based
    last: tuple[int, int]


@dataclass(frozen=True, slots=True)
class Formula:
    targets: tuple[tuple[int, int], ...]  # every cell the check is filled over
    terms: tuple[Term, ...]  # relative to the first target
    origin: tuple[int, int]
    constant: float = 0  # the numbers written in the formula (`SUM(B2:B6) + 1`), signed and added


def _position(letters: str, digits: str) -> tuple[int, int]:
    return int(digits) - 1, column_index(letters)


def parse_check(text: str) -> Formula | None:
    """`B7 = SUM(B2:B6)`, `B7:F7 = SUM(B2:B6)`, `D2:D6 = B2 + C2`, `E3 = B3 - C3 - D3`, `B7 = SUM(B2:B6) + 1`;
    None when not of that form."""
    match = _CHECK.match(text.replace("＝", "=").replace("（", "(").replace("）", ")").replace("：", ":"))
    if match is None:
        return None
    first = _position(match.group(1), match.group(2))
    last = _position(match.group(3), match.group(4)) if match.group(3) else first
    expression, position = match.group(5), 0
    terms: list[Term] = []
    constant, parsed = 0.0, 0
    while position < len(expression):
        term = _TERM.match(expression, position)
        if term is None or term.end() == position or (parsed and term.group(1) is None):
            return None
        parsed += 1
        sign = -1 if term.group(1) == "-" else 1
        if term.group(8):
            constant += sign * float(term.group(8))
        elif term.group(2):
            terms.append(Term(sign, _position(term.group(2), term.group(3)), _position(term.group(4), term.group(5))))
        else:
            cell = _position(term.group(6), term.group(7))
            terms.append(Term(sign, cell, cell))
        position = term.end()
    if not parsed or last[0] < first[0] or last[1] < first[1]:
        return None
    targets = tuple((r, c) for r in range(first[0], last[0] + 1) for c in range(first[1], last[1] + 1))
    return Formula(targets, tuple(terms), first, constant)


def cells_of(formula: Formula, target: tuple[int, int]) -> Iterator[tuple[int, tuple[int, int]]]:
    """(sign, position) of every cell the check sums for one target, shifted like a filled Excel formula."""
    dr, dc = target[0] - formula.origin[0], target[1] - formula.origin[1]
    for term in formula.terms:
        for r in range(term.first[0] + dr, term.last[0] + dr + 1):
            for c in range(term.first[1] + dc, term.last[1] + dc + 1):
                yield term.sign, (r, c)


def address(position: tuple[int, int]) -> str:
    return f"{column_letter(position[1])}{position[0] + 1}"


# --- compiling ---------------------------------------------------------------------------------------------


def compile_part(part: TablePart, kit: Kit) -> Iterator[Block]:
    yield from kit.frame(part)
    yield from kit.table(part.body)


# --- the diff: one item per row, one field per column --------------------------------------------------------


def items(part: TablePart, year: int, numbering: ItemNumbers) -> Iterator[Item]:
    from yearbook.diff.item import Item, cell_text, frame_items, joined, optional

    yield from frame_items(part, year, numbering, caption=optional(part.caption), notes=joined(part.notes))
    rows = part.all_rows()
    shape = grid(rows)
    header_names = {c: cell_text(cell) for (r, c), cell in shape.anchors.items() if r == len(part.header) - 1} if part.header else {}
    for r, (row, cells) in enumerate(zip(rows, shape.by_row(len(rows)), strict=True)):
        fields = {}
        for c, cell in cells:
            name = header_names.get(c, "")
            fields[f"{column_letter(c)}列" + (f"“{name}”" if name else "")] = cell_text(cell)
        first = next(iter(fields.values()), "")
        title = f"第{r + 1}行（{first}）" if first else f"第{r + 1}行"
        kind = "header-row" if r < len(part.header) else "row"
        yield Item(kind, row.id or f"{part.name}-{r + 1}", year, part.name, title, f"第{r + 1}行", part.name, fields)


PART = PartType(
    "table",
    TablePart,
    "表格",
    build,
    compile_part,
    items,
    kinds={"row": "表格行", "header-row": "表头行"},
    fields={"caption": "表题", "notes": "注"},
    kinds_en={"row": "table row", "header-row": "header row"},
    fields_en={"caption": "caption", "notes": "notes"},
    title_en="table",
    prose=frozenset({"caption", "notes"}),
)
