"""A year's named values as a worksheet, and a filled-in worksheet read back: the pure core of `yearbook figures`.

Rows are plain data here (the XLSX is written and read with openpyxl in `figures_cmd`). Reading back is forgiving of
what Excel, WPS and LibreOffice users hand back (numbers stored as text, full-width digits, trailing spaces, “1,200”,
a share typed as 98% or stored as 0.98 with a % format) and strict about everything else: each bad cell is said as
Sheet!C7 with what to write instead, and nothing is applied unless every row is good.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from yearbook.model import Figure
from yearbook.parts.table import column_letter  # 0-based; openpyxl counts columns from 1
from yearbook.suggest import closest

KIND_NAMES = {"count": "计数", "number": "数字", "percent": "百分比", "rate": "比率", "text": "文字"}
HEADERS = ("标识", "名称", "类型", "单位", "上年数值", "本年数值", "负责人", "文中用处")
ID_COLUMN, VALUE_COLUMN = 1, 6  # 1-based: A and F
MAX_ROWS = 5000  # a year has tens of figures; a sheet this long is not one of ours

Value = int | float | str | None


@dataclass(frozen=True, slots=True)
class Row:
    """One figure as exported: what the sheet shows about it."""

    id: str
    label: str
    kind: str
    unit: str
    last_year: Value
    value: Value
    owner: str
    used_in: str


@dataclass(frozen=True, slots=True)
class SheetCell:
    """A cell as read back: its place, what it holds and the number format it shows with."""

    row: int  # 1-based
    column: int  # 1-based
    value: object
    number_format: str = "General"


@dataclass(frozen=True, slots=True)
class CellError:
    sheet: str
    cell: str  # e.g. F7
    zh: str
    en: str

    def said(self, lang: str) -> str:
        return f"{self.sheet}!{self.cell}：{self.zh}" if lang == "zh" else f"{self.sheet}!{self.cell}: {self.en}"


@dataclass(frozen=True, slots=True)
class Change:
    figure: Figure
    old: Value
    new: Value


def rows_of(figures: Iterable[Figure], last_year: dict[str, Value], owners: dict[str, str], uses: dict[str, str]) -> list[Row]:
    """The rows to export: every figure that is filled in by hand (computed ones are worked out, not typed)."""
    return [
        Row(f.id, f.label, KIND_NAMES.get(f.kind, f.kind), f.unit or "", last_year.get(f.id), f.value, owners.get(f.id, ""), uses.get(f.id, ""))
        for f in figures
        if f.compute is None
    ]


_SEPARATED = re.compile(r"[+-]?\d{1,3}(?:[,，]\d{3})+(?:\.\d+)?")
_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)")


def _number(raw: object, number_format: str) -> tuple[int | float | None, bool]:
    """(the number a cell holds, whether it is a fraction shown as a percentage: 0.98 with a % format); (None, …)
    when it holds no number. Text “98%” is 98: the percentage as typed."""
    if isinstance(raw, bool):
        return None, False
    if isinstance(raw, int | float):
        return raw, "%" in number_format
    text = unicodedata.normalize("NFKC", str(raw)).strip().replace(" ", "").removesuffix("%")
    if _SEPARATED.fullmatch(text):
        text = text.replace(",", "").replace("，", "")
    if not _NUMBER.fullmatch(text):
        return None, False
    number = float(text)
    return (int(number) if number.is_integer() and "." not in text else number), False


def read_value(cell: SheetCell, figure: Figure, sheet: str) -> Value | CellError:
    """The value a filled-in cell means for its figure, or what is wrong with it."""
    where = f"{column_letter(cell.column - 1)}{cell.row}"
    raw = cell.value
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    if figure.kind == "text":
        return unicodedata.normalize("NFC", str(raw)).strip() if not isinstance(raw, float) or not raw.is_integer() else str(int(raw))
    number, share = _number(raw, cell.number_format)
    if number is None:
        return CellError(
            sheet,
            where,
            f"“{raw}”不是数字。“{figure.label}”只填阿拉伯数字（如 1200），不带单位、文字和千位以外的符号。",
            f"'{raw}' is not a number. '{figure.label}' takes digits only (e.g. 1200), without units or words.",
        )
    if share and figure.kind in ("percent", "rate"):
        number = round(number * 100, 10)  # 0.98 shown as 98%: the share as a percentage
        number = int(number) if float(number).is_integer() else number
    if figure.kind == "count" and (not float(number).is_integer() or number < 0):
        return CellError(
            sheet,
            where,
            f"“{figure.label}”是计数，应为不小于 0 的整数，这里是 {raw}。",
            f"'{figure.label}' is a count: a whole number of 0 or more, not {raw}.",
        )
    if figure.kind == "count":
        number = int(number)
    if figure.kind == "percent" and not 0 <= number <= 100:
        return CellError(
            sheet,
            where,
            f"“{figure.label}”是百分比，应在 0 到 100 之间，这里是 {raw}。98.5% 写 98.5。",
            f"'{figure.label}' is a percentage between 0 and 100, not {raw}. Write 98.5% as 98.5.",
        )
    return number


def read_sheet(cells: Sequence[Sequence[SheetCell]], figures: dict[str, Figure], sheet: str) -> tuple[list[Change], list[CellError]]:
    """The changes a filled-in sheet makes (rows as read: the header row first), or every error in it."""
    errors: list[CellError] = []
    if not cells:
        return [], [
            CellError(
                sheet,
                "A1",
                "工作表是空的。请用 yearbook figures export 导出的表格填写。",
                "the sheet is empty. Fill in the sheet yearbook figures export wrote.",
            )
        ]
    header_row = next((i for i, row in enumerate(cells) if _header(row)), None)
    if header_row is None:
        return [], [
            CellError(
                sheet,
                "A1",
                "找不到表头“标识”和“本年数值”。请用 yearbook figures export 导出的表格填写，不要删改表头。",
                "no header with 标识 and 本年数值. Fill in the sheet yearbook figures export wrote, header kept.",
            )
        ]
    columns = _header(cells[header_row])
    assert columns is not None
    id_column, value_column = columns
    seen: dict[str, int] = {}
    changes: list[Change] = []
    listed = set()
    for row in cells[header_row + 1 :][:MAX_ROWS]:
        by_column = {cell.column: cell for cell in row}
        id_cell = by_column.get(id_column)
        raw_id = unicodedata.normalize("NFKC", str(id_cell.value)).strip() if id_cell is not None and id_cell.value is not None else ""
        value_cell = by_column.get(value_column) or SheetCell(row[0].row if row else 0, value_column, None)
        if not raw_id:
            if value_cell.value not in (None, ""):
                errors.append(
                    CellError(sheet, f"{column_letter(id_column - 1)}{value_cell.row}", "这一行填了数值，但没有标识。", "this row has a value but no id.")
                )
            continue
        line = id_cell.row if id_cell is not None else value_cell.row
        if raw_id in seen:
            errors.append(
                CellError(
                    sheet,
                    f"{column_letter(id_column - 1)}{line}",
                    f"标识“{raw_id}”与第 {seen[raw_id]} 行重复。请删去重复的一行。",
                    f"id '{raw_id}' repeats row {seen[raw_id]}. Remove one of the two.",
                )
            )
            continue
        seen[raw_id] = line
        figure = figures.get(raw_id)
        if figure is None:
            close = closest(raw_id, [f for f in figures if f not in seen])
            hint = (f"是不是“{close}”？", f"Did you mean '{close}'? ") if close else ("", "")
            errors.append(
                CellError(
                    sheet,
                    f"{column_letter(id_column - 1)}{line}",
                    f"标识“{raw_id}”在记录里没有。{hint[0]}标识一列不要改动；新的数值请先在记录里定义。",
                    f"id '{raw_id}' is not in the records. {hint[1]}Leave the id column as exported; define a new figure in the records first.",
                )
            )
            continue
        listed.add(raw_id)
        value = read_value(value_cell, figure, sheet)
        if isinstance(value, CellError):
            errors.append(value)
        elif not _same(value, figure.value):
            changes.append(Change(figure, figure.value, value))
    return ([] if errors else changes), errors


def _same(a: Value, b: Value) -> bool:
    if (a is None or a == "") and (b is None or b == ""):
        return True
    if isinstance(a, int | float) and isinstance(b, int | float) and not isinstance(a, bool) and not isinstance(b, bool):
        return float(a) == float(b)
    return a == b


def _header(row: Sequence[SheetCell]) -> tuple[int, int] | None:
    names = {unicodedata.normalize("NFKC", str(cell.value)).strip(): cell.column for cell in row if cell.value is not None}
    if HEADERS[0] in names and HEADERS[5] in names:
        return names[HEADERS[0]], names[HEADERS[5]]
    return None
