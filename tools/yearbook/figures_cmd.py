"""`yearbook figures export YEAR --xlsx FILE` and `yearbook figures import FILE [--dry-run]`: the year's named values
through Excel or WPS and back into the records (openpyxl for the workbook, ruamel.yaml to change only the values).
"""

from __future__ import annotations

import argparse
import io
import re
import sys
import zipfile
from pathlib import Path
from typing import Any

from yearbook import roundtrip, textrefs
from yearbook.command import Records, checked, open_records, pick_year
from yearbook.engine import Result
from yearbook.errors import Exit, UserError
from yearbook.figures_sheet import HEADERS, KIND_NAMES, Change, SheetCell, read_sheet, rows_of
from yearbook.layout import discover
from yearbook.model import YearRecords
from yearbook.prose import with_unit
from yearbook.say import say
from yearbook.sources import WorkTree, display
from yearbook.todo import NO_OWNER, figure_owners
from yearbook.write import write_set

SHEET = "数值"
MAX_BYTES = 10 << 20  # a year's figures fill a few KiB; a workbook of 10 MiB is not one of ours
_TITLE = re.compile(r"(\d{4})\s*年度")


def figures_cmd(args: argparse.Namespace) -> int:
    records = open_records(args)
    if isinstance(records, Exit):
        return records
    return _export(args, records) if args.action == "export" else _import(args, records)


def _uses(records: YearRecords, result: Result) -> dict[str, str]:
    """Where the text first uses each figure: the file and line, and the words around it (【】 where it goes, □ for
    other values)."""
    uses: dict[str, str] = {}
    for text in records.texts():
        pieces = list(textrefs.pieces(text.value))
        for i, piece in enumerate(pieces):
            if not isinstance(piece, textrefs.Reference) or piece.name in uses:
                continue
            before = "".join(p if isinstance(p, str) else "□" for p in pieces[:i])[-12:]
            after = "".join(p if isinstance(p, str) else "□" for p in pieces[i + 1 :])[:6]
            line, _ = result.locate(text.where)
            uses[piece.name] = f"{Path(text.where.file).name}:{line} …{before}【】{after}…"
    return uses


def _export(args: argparse.Namespace, opened: Records) -> int:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill, Protection
    from openpyxl.worksheet.datavalidation import DataValidation

    lang = opened.lang
    year = pick_year(opened, args.year)
    if isinstance(year, Exit):
        return year
    result = checked(opened, {year})
    if isinstance(result, Exit):
        return result
    records = result.years[year]
    previous = result.years.get(year - 1)
    last = {f.id: f.value for f in previous.figures()} if previous is not None else {}
    roles = {r.id: r.role.value for r in records.responsibilities or ()}
    owners = {fid: roles.get(owner, owner) for fid, owner in figure_owners(records).items() if owner != NO_OWNER}
    rows = rows_of(records.figures(), last, owners, _uses(records, result))
    book = Workbook()
    sheet = book.active
    sheet.title = SHEET
    sheet.append([f"{year} 年度数值（只填“本年数值”一列；标识一列不要改动）"])
    sheet.append(list(HEADERS))
    bold = Font(bold=True)
    for cell in sheet[2]:
        cell.font = bold
        cell.fill = PatternFill("solid", fgColor="DDEBF7")
    sheet["A1"].font = Font(bold=True, size=13)
    checks = {
        "count": DataValidation(type="whole", operator="greaterThanOrEqual", formula1="0", allow_blank=True),
        "percent": DataValidation(type="decimal", operator="between", formula1="0", formula2="100", allow_blank=True),
        "number": DataValidation(type="decimal", allow_blank=True, operator="between", formula1="-1E+15", formula2="1E+15"),
        "rate": DataValidation(type="decimal", allow_blank=True, operator="between", formula1="-1E+15", formula2="1E+15"),
    }
    for kind, check in checks.items():
        check.error = {"count": "请填不小于 0 的整数。", "percent": "请填 0 到 100 之间的数，如 98.5。"}.get(kind, "请填数字。")
        check.errorTitle = "数值不对"
        sheet.add_data_validation(check)
    kinds = {v: k for k, v in KIND_NAMES.items()}
    for n, row in enumerate(rows, start=3):
        sheet.append([row.id, row.label, row.kind, row.unit, row.last_year, row.value, row.owner, row.used_in])
        for cell in sheet[n]:
            cell.protection = Protection(locked=cell.column != 6)  # only this year's value is for typing
        if kinds.get(row.kind) in checks:
            checks[kinds[row.kind]].add(f"F{n}")
    for column, width in zip("ABCDEFGH", (22, 30, 8, 8, 12, 12, 14, 48), strict=True):
        sheet.column_dimensions[column].width = width
    for cell in sheet["H"]:
        cell.alignment = Alignment(wrap_text=False)
    sheet.freeze_panes = "B3"
    sheet.protection.sheet = True  # locked cells (the id column and the others) cannot be edited; no password
    sheet.protection.formatCells = False
    book.properties.title = f"{year} 年度数值"
    book.properties.keywords = f"yearbook:{year}"
    out = io.BytesIO()
    book.save(out)
    written = write_set({args.xlsx: out.getvalue()})
    say(
        lang,
        f"已导出 {len(rows)} 个数值到 {display(written[0])}。填好“本年数值”一列后：yearbook figures import {display(written[0])}",
        f"exported {len(rows)} figures to {display(written[0])}. Fill in 本年数值, then: yearbook figures import {display(written[0])}",
    )
    return Exit.CLEAN


def _cells(path: Path, lang: str) -> tuple[list[list[SheetCell]], str, int | None]:
    """The first worksheet's cells, its name and the year the workbook says it is for."""
    from openpyxl import load_workbook

    try:
        data = path.read_bytes()
    except OSError as error:
        raise UserError(f"无法读取 {display(path)}：{error.strerror}", f"cannot read {display(path)}: {error.strerror}") from error
    if len(data) > MAX_BYTES or not zipfile.is_zipfile(io.BytesIO(data)):
        raise UserError(
            f"{display(path)} 不是 Excel 工作簿（.xlsx）。在 WPS 或 Excel 里请“另存为”.xlsx 格式。",
            f"{display(path)} is not an Excel workbook (.xlsx). Save it as .xlsx in WPS or Excel.",
        )
    try:
        book = load_workbook(io.BytesIO(data), data_only=True, read_only=True)
    except Exception as error:  # openpyxl raises many kinds for a damaged file; all mean the same here
        raise UserError(
            f"无法读取 {display(path)}：文件已损坏或不是 .xlsx（{type(error).__name__}）。",
            f"cannot read {display(path)}: damaged or not .xlsx ({type(error).__name__}).",
        ) from error
    sheet = book[SHEET] if SHEET in book.sheetnames else book.worksheets[0]
    # Read-only mode streams the sheet; its empty cells have no place and are skipped.
    limit_rows, limit_columns = min(sheet.max_row or 6000, 6000), min(sheet.max_column or 12, 12)
    rows = [
        [SheetCell(cell.row, cell.column, cell.value, cell.number_format or "General") for cell in row if getattr(cell, "row", None) is not None]
        for row in sheet.iter_rows(max_row=limit_rows, max_col=limit_columns)
    ]
    year = None
    keywords = book.properties.keywords or ""
    if keywords.startswith("yearbook:") and keywords[9:].isdigit():
        year = int(keywords[9:])
    elif rows and rows[0] and isinstance(rows[0][0].value, str) and (found := _TITLE.search(rows[0][0].value)):
        year = int(found.group(1))
    return rows, sheet.title, year


def _import(args: argparse.Namespace, opened: Records) -> int:
    lang, root = opened.lang, opened.root
    cells, sheet, year = _cells(args.file, lang)
    year = args.year if args.year is not None else year
    if year is None:
        say(lang, "看不出这张表是哪一年的，请加 --year 2024。", "cannot tell which year the sheet is for; add --year 2024.")
        return Exit.USAGE
    if isinstance(pick_year(opened, year), Exit):
        return Exit.USAGE
    result = checked(opened, {year})
    if isinstance(result, Exit):
        return result
    records = result.years[year]
    figures = {f.id: f for f in records.figures() if f.compute is None}
    changes, errors = read_sheet(cells, figures, sheet)
    if errors:
        for error in errors:
            sys.stdout.write(error.said(lang) + "\n")
        say(
            lang,
            f"表中有 {len(errors)} 处错误，什么都没有写入。改正后再导入。",
            f"{len(errors)} errors in the sheet; nothing was written. Fix them and import again.",
        )
        return Exit.FINDINGS
    for change in changes:
        sys.stdout.write(f"{change.figure.label}：{with_unit(change.old, change.figure.unit)} → {with_unit(change.new, change.figure.unit)}\n")
    if not changes:
        say(lang, "表中的数值与记录相同，没有要改的。", "the sheet's values are those of the records; nothing to change.")
        return Exit.CLEAN
    if args.dry_run:
        say(lang, f"共 {len(changes)} 处改动（--dry-run：什么都没有写入）。", f"{len(changes)} changes (--dry-run: nothing written).")
        return Exit.CLEAN
    files = _apply(changes, root, discover(WorkTree(root)).years[year].files)
    written = write_set(files)
    say(
        lang,
        f"已把 {len(changes)} 个数值写回 {len(written)} 个文件（注释和排版不变）。",
        f"wrote {len(changes)} values back into {len(written)} files (comments and layout kept).",
    )
    return Exit.CLEAN


def _apply(changes: list[Change], root: Path, files: dict[str, str]) -> dict[Path, bytes]:
    """Each changed figure's value set in its file, every other byte as it was."""
    by_file: dict[str, list[Change]] = {}
    for change in changes:
        by_file.setdefault(Path(change.figure.where.file).stem, []).append(change)
    out: dict[Path, bytes] = {}
    for stem, items in by_file.items():
        path = root / files[stem]
        document = roundtrip.load(path.read_text(encoding="utf-8"))
        for change in items:
            node: Any = document
            for key in change.figure.where.path:
                node = node[key]
            node["value"] = change.new
        out[path] = roundtrip.dump(document).encode("utf-8")
    return out
