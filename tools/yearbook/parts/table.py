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
from typing import Any

from yearbook import textrefs
from yearbook.diff.item import Item, ItemNumbers, frame_items, joined, optional
from yearbook.findings import Where
from yearbook.model import Figure, Framed, Text, frame, present, text_at, texts_at
from yearbook.parts.base import PartType
from yearbook.prose import format_value, normalize
from yearbook.report.blocks import Kit, Values, blank
from yearbook.report.document import Block, Paragraph, Span, Table, TableCell

CellValue = str | int | float | None


@dataclass(frozen=True, slots=True)
class Cell:
    value: CellValue  # text (may refer to figures as {id}), a number, or None: a blank to fill
    colspan: int
    rowspan: int
    where: Where


@dataclass(frozen=True, slots=True)
class Row:
    id: str | None
    cells: tuple[Cell, ...]
    where: Where


@dataclass(frozen=True, slots=True)
class TablePart(Framed):
    caption: Text | None
    widths: tuple[float, ...]
    header: tuple[Row, ...]
    rows: tuple[Row, ...]
    checks: tuple[Text, ...]
    notes: tuple[Text, ...]

    def body_prose(self) -> Iterator[Text]:
        yield from present(self.caption)
        for row in (*self.header, *self.rows):
            yield from (Text(cell.value, cell.where) for cell in row.cells if isinstance(cell.value, str))
        yield from self.notes

    def identified(self) -> Iterator[tuple[str, str, Where]]:
        return (("row", row.id, row.where.at("id")) for row in self.rows if row.id is not None)

    def all_rows(self) -> tuple[Row, ...]:
        return (*self.header, *self.rows)


# --- building --------------------------------------------------------------------------------------------


def _cell(raw: Any, where: Where) -> Cell:
    if isinstance(raw, dict):
        return Cell(raw.get("value"), int(raw.get("colspan", 1)), int(raw.get("rowspan", 1)), where.at("value") if "value" in raw else where)
    return Cell(raw, 1, 1, where)


def _row(raw: Any, where: Where) -> Row:
    if isinstance(raw, dict):
        cells_at = where.at("cells")
        return Row(raw.get("id"), tuple(_cell(c, cells_at.at(j)) for j, c in enumerate(raw["cells"])), where)
    return Row(None, tuple(_cell(c, where.at(j)) for j, c in enumerate(raw)), where)


def build(name: str, data: dict[str, Any], where: Where) -> TablePart:
    return TablePart(
        **frame(name, data, where),
        caption=text_at(data, "caption", where),
        widths=tuple(float(w) for w in data.get("widths") or ()),
        header=tuple(_row(r, where.at("header", i)) for i, r in enumerate(data.get("header") or ())),
        rows=tuple(_row(r, where.at("rows", i)) for i, r in enumerate(data["rows"])),
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


@dataclass(frozen=True, slots=True)
class Grid:
    """Each cell's top-left position (row, column; 0-based over header and body rows), the positions each
    covers, and the width of the widest row; `ragged` lists rows that cover fewer or more columns."""

    anchors: Mapping[tuple[int, int], Cell]
    covered: Mapping[tuple[int, int], tuple[int, int]]  # any covered position → its cell's anchor
    columns: int
    ragged: tuple[tuple[int, int, Row], ...]  # (row index, columns covered, row)
    overflowing: tuple[Cell, ...] = ()  # merged down past the last row
    too_big: bool = False  # more than MAX_POSITIONS places: not laid out further

    def by_row(self, count: int) -> list[list[tuple[int, Cell]]]:
        """Each row's cells as (column, cell), left to right."""
        rows: list[list[tuple[int, Cell]]] = [[] for _ in range(count)]
        for (r, c), cell in sorted(self.anchors.items()):
            rows[r].append((c, cell))
        return rows


MAX_POSITIONS = 20_000  # far beyond any table in a report, and small enough to lay out, check and print at once


def grid(rows: tuple[Row, ...]) -> Grid:
    anchors: dict[tuple[int, int], Cell] = {}
    covered: dict[tuple[int, int], tuple[int, int]] = {}
    width = [0] * len(rows)  # per row, the columns covered so far
    overflowing: list[Cell] = []
    for r, row in enumerate(rows):
        c = 0
        for cell in row.cells:
            while (r, c) in covered:
                c += 1
            anchors[(r, c)] = cell
            if r + cell.rowspan > len(rows):
                overflowing.append(cell)
            if len(covered) + cell.rowspan * cell.colspan > MAX_POSITIONS:
                return Grid(anchors, covered, max(width, default=0), (), tuple(overflowing), too_big=True)
            for dr in range(min(cell.rowspan, len(rows) - r)):
                for dc in range(cell.colspan):
                    covered[(r + dr, c + dc)] = (r, c)
                width[r + dr] = max(width[r + dr], c + cell.colspan)
            c += cell.colspan
    columns = max(width, default=0)
    ragged = tuple((r, w, row) for r, (w, row) in enumerate(zip(width, rows, strict=True)) if w != columns)
    return Grid(anchors, covered, columns, ragged, tuple(overflowing))


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


def _cell_spans(cell: Cell, values: Values) -> tuple[Span, ...]:
    if cell.value is None:
        return (blank("表格数值"),)
    if isinstance(cell.value, str):
        return values.spans(Text(cell.value, cell.where))
    return (Span(format_value(cell.value)),)


def compile_part(part: TablePart, kit: Kit) -> Iterator[Block]:
    yield from kit.frame(part)
    shape = grid(part.all_rows())
    cells = tuple(
        tuple(
            TableCell(
                _cell_spans(cell, kit.values),
                cell.colspan,
                cell.rowspan,
                "left" if col == 0 and r >= len(part.header) and isinstance(cell.value, str) else "center",
            )
            for col, cell in row
        )
        for r, row in enumerate(shape.by_row(len(part.all_rows())))
    )
    widths = part.widths if len(part.widths) == shape.columns else tuple(1.0 for _ in range(shape.columns))  # YB503 says when they differ
    caption = kit.values.spans(part.caption) if part.caption is not None else ()
    yield Table(caption, tuple(w / sum(widths) for w in widths), cells, len(part.header))
    for note in part.notes:
        yield Paragraph(kit.values.spans(note))


# --- the diff: one item per row, one field per column --------------------------------------------------------


def _shown(cell: Cell) -> str:
    return "" if cell.value is None else normalize(cell.value) if isinstance(cell.value, str) else format_value(cell.value)


def items(part: TablePart, year: int, numbering: ItemNumbers) -> Iterator[Item]:
    yield from frame_items(part, year, numbering, caption=optional(part.caption), notes=joined(part.notes))
    rows = part.all_rows()
    shape = grid(rows)
    header_names = {c: _shown(cell) for (r, c), cell in shape.anchors.items() if r == len(part.header) - 1} if part.header else {}
    for r, (row, cells) in enumerate(zip(rows, shape.by_row(len(rows)), strict=True)):
        fields = {}
        for c, cell in cells:
            name = header_names.get(c, "")
            fields[f"{column_letter(c)}列" + (f"“{name}”" if name else "")] = _shown(cell)
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
    prose=frozenset({"caption", "notes"}),
)
