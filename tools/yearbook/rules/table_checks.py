"""YB501 table-sum, YB502 table-formula, YB503 table-shape: a table's declared consistency (勾稽关系) holds.

Each check (`B7 = SUM(B2:B6)`, filled over a range like an Excel formula) is evaluated over the cells' numbers,
figures referred to as `{id}` included; a cell that breaks it is reported at its own line and column with the
number it should hold. A check that cannot be read, or points outside the table, is reported at the check.
Blanks and unfilled figures are skipped (YB302 lists them). Rows that cover a different number of columns than
the widest row are reported too: the table would print ragged and the addresses would shift.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from yearbook.findings import Check, Severity, Violation
from yearbook.model import MAX_POSITIONS, Figure, Grid, TableBody, grid
from yearbook.parts.table import TablePart, address, cells_of, numeric, parse_check
from yearbook.prose import format_value, normalize
from yearbook.rules.context import Context

CHECK = Check(
    "YB501",
    "table-sum",
    Severity.ERROR,
    {
        "default": (
            "表格“{table}”的 {cell} 是 {actual}，按勾稽关系“{check}”应为 {expected}（{terms}）。请核对这一格和参与计算的各格。",
            "table '{table}': {cell} holds {actual}, but the check '{check}' makes it {expected} ({terms}). Check this cell and the cells summed.",
        ),
        "not-number": (
            "表格“{table}”的 {cell}（“{value}”）不是数字，无法参与勾稽关系“{check}”。请写成数字，或从检查式中去掉这一格。",
            "table '{table}': {cell} ('{value}') is not a number, so the check '{check}' cannot use it. Write a number or leave the cell out of the check.",
        ),
    },
)
FORMULA = Check(
    "YB502",
    "table-formula",
    Severity.ERROR,
    {
        "default": (
            "看不懂检查式“{check}”。请像 Excel 公式一样写，例如 B7 = SUM(B2:B6)、B7:F7 = SUM(B2:B6)（向右填充）、D2 = B2 + C2 或 B7 = SUM(B2:B6) + 1。",
            "cannot read the check '{check}'. Write it like an Excel formula, e.g. B7 = SUM(B2:B6), B7:F7 = SUM(B2:B6) (filled right) or D2 = B2 + C2.",
        ),
        "outside": (
            "检查式“{check}”用到了 {cell}，但表格只有 {rows} 行 {columns} 列（A1 到 {last}）。请改正单元格地址。",
            "the check '{check}' uses {cell}, but the table has {rows} rows and {columns} columns (A1 to {last}). Fix the address.",
        ),
    },
)
SHAPE = Check(
    "YB503",
    "table-shape",
    Severity.ERROR,
    {
        "default": (
            "表格“{table}”第 {row} 行占 {width} 列，而表格有 {columns} 列。请补齐或删去单元格（合并单元格写 colspan/rowspan，被合并的位置不再写）。",
            "table '{table}': row {row} covers {width} columns but the table has {columns}. Add or remove cells (merged cells take colspan/rowspan; covered places are not written).",
        ),
        "overflow": (
            "表格“{table}”的这一格向下合并 {rowspan} 行，超出了表格的最后一行。请改小 rowspan。",
            "table '{table}': this cell is merged {rowspan} rows down, past the table's last row. Make rowspan smaller.",
        ),
        "widths": (
            "表格“{table}”的 widths 写了 {count} 个列宽，而表格有 {columns} 列。请按列数写列宽，或删去 widths 让各列等宽。",
            "table '{table}': widths lists {count} widths but the table has {columns} columns. List one per column, or remove widths.",
        ),
        "too-big": (
            "表格“{table}”超过 {limit} 个单元格位置（含合并的），报告中放不下。请拆成几张表，或检查 colspan/rowspan 是否写错。",
            "table '{table}' has more than {limit} cell places (merged ones included); no report can hold it. Split it, or check colspan/rowspan.",
        ),
    },
)
CHECKS = (CHECK, FORMULA, SHAPE)
Figures = Mapping[str, Figure]


def _name(part: TablePart) -> str:
    named = part.caption or part.heading
    return named.value if named is not None else part.name


def _shape(table: TableBody, name: str, shape: Grid) -> Iterator[Violation]:
    """A table's shape: too big to lay out, widths for another number of columns, cells merged past the end, rows
    that cover fewer or more columns than the rest. Any table: a part's or one in a section."""
    if shape.too_big:
        yield Violation(SHAPE, table.where.at("rows"), "too-big", {"table": name, "limit": MAX_POSITIONS})
        return
    if table.widths and len(table.widths) != shape.columns:
        yield Violation(SHAPE, table.where.at("widths"), "widths", {"table": name, "count": len(table.widths), "columns": shape.columns})
    for cell in shape.overflowing:
        yield Violation(SHAPE, cell.where, "overflow", {"table": name, "rowspan": cell.rowspan})
    for r, width, row in shape.ragged:
        yield Violation(SHAPE, row.where, args={"table": name, "row": r + 1, "width": width, "columns": shape.columns})


def _table(part: TablePart, figures: Figures) -> Iterator[Violation]:
    rows = part.all_rows()
    shape = grid(rows)
    name = _name(part)
    yield from _shape(part.body, name, shape)
    if shape.too_big:
        return
    last = address((len(rows) - 1, shape.columns - 1))
    for check in part.checks:
        formula = parse_check(check.value)
        if formula is None:
            yield Violation(FORMULA, check.where, args={"check": check.value})
            continue
        every = [*formula.targets] + [cell for target in formula.targets for _sign, cell in cells_of(formula, target)]
        outside = next((cell for cell in every if cell not in shape.covered), None)
        if outside is not None:
            args = {"check": check.value, "cell": address(outside), "rows": len(rows), "columns": shape.columns, "last": last}
            yield Violation(FORMULA, check.where, "outside", args)
            continue
        for target in formula.targets:
            yield from _verify(name, check.value, shape, target, cells_of(formula, target), figures, formula.constant)


def _verify(
    name: str, check: str, shape: Grid, target: tuple[int, int], terms: Iterator[tuple[int, tuple[int, int]]], figures: Figures, constant: float
) -> Iterator[Violation]:
    anchor = shape.covered[target]
    cell = shape.anchors[anchor]
    actual = numeric(cell, figures)
    total: float = constant
    decimals = _decimals(constant)
    shown = []
    seen: set[tuple[int, int]] = set()
    for sign, position in terms:
        at = shape.covered[position]
        if at in seen:  # a merged cell counts once
            continue
        seen.add(at)
        value = numeric(shape.anchors[at], figures)
        if value is None:
            return  # a blank or unfilled input: nothing to verify yet
        if isinstance(value, str):
            yield Violation(CHECK, shape.anchors[at].where, "not-number", {"table": name, "cell": address(at), "value": value, "check": check})
            return
        total += sign * value
        decimals = max(decimals, _decimals(value))
        shown.append(f"{'−' if sign < 0 else ''}{address(at)}={format_value(value)}")
    if actual is None:
        return
    if isinstance(actual, str):
        yield Violation(CHECK, cell.where, "not-number", {"table": name, "cell": address(anchor), "value": actual, "check": check})
        return
    expected = round(total, decimals)
    if abs(actual - expected) > 10 ** -(decimals + 3):
        args = {
            "table": name,
            "cell": address(anchor),
            "actual": format_value(actual),
            "check": check,
            "expected": format_value(expected),
            "terms": "，".join(shown),
        }
        yield Violation(CHECK, cell.where, args=args)


def _decimals(value: float | int) -> int:
    text = format_value(value)
    return len(text.split(".")[1]) if "." in text else 0


def run(context: Context) -> Iterator[Violation]:
    figures = {figure.id: figure for figure in context.year.figures()}
    for part in context.year.parts:
        if isinstance(part, TablePart):
            yield from _table(part, figures)
    for section in context.year.sections():
        for table in section.tables:
            name = table.caption.value if table.caption is not None else normalize(section.heading.value)
            yield from _shape(table, name, grid(table.all_rows()))
