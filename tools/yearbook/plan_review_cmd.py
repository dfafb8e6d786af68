"""`yearbook plan-review [YEAR] [--format terminal|markdown|json] [--xlsx FILE]`: 计划完成情况对照表 (see plan_review)."""

from __future__ import annotations

import argparse
import io
import json
import sys

from yearbook.command import checked, open_records
from yearbook.diff.render import _md
from yearbook.errors import Exit
from yearbook.plan_review import STATUS_EN, ReviewRow, counts, review
from yearbook.say import say
from yearbook.sources import display
from yearbook.write import write_set

HEADERS = ("序号", "上年计划", "负责", "本年落实情况", "状态")


def plan_review_cmd(args: argparse.Namespace) -> int:
    records = open_records(args)
    if isinstance(records, Exit):
        return records
    lang, years = records.lang, records.years
    year = args.year if args.year is not None else (years[-1] if years else None)
    if year is None or year not in years or year - 1 not in years:
        say(
            lang,
            f"对照表要有 {year} 年度和它的上一年度的记录；现有：{'、'.join(map(str, years)) or '（无）'}",
            f"the review needs {year} and the year before it; there are: {', '.join(map(str, years)) or '(none)'}",
        )
        return Exit.USAGE
    result = checked(records, {year - 1, year})
    if isinstance(result, Exit):
        return result
    rows = review(result.years[year - 1], result.years[year])
    if args.xlsx is not None:
        written = write_set({args.xlsx: _xlsx(rows, year)})
        say(lang, f"已写出 {display(written[0])}", f"wrote {display(written[0])}")
    writers = {"terminal": _terminal, "markdown": _markdown, "json": _json}
    sys.stdout.write(writers[args.format](rows, year, lang))
    return Exit.CLEAN


def _carried(row: ReviewRow) -> str:
    return "；".join(f"{c.title}（{c.id}）" + ("" if c.complete else "【未写完】") for c in row.carriers) or "—"


def _summary(rows: list[ReviewRow], year: int, lang: str) -> str:
    n = counts(rows)
    if lang == "zh":
        return f"{year - 1} 年度计划 {len(rows)} 项：落实 {n['落实']}，部分 {n['部分']}，未见落实 {n['未见落实']}"
    return f"{len(rows)} plans of {year - 1}: {n['落实']} carried out, {n['部分']} partly, {n['未见落实']} not seen"


def _terminal(rows: list[ReviewRow], year: int, lang: str) -> str:
    lines = [f"{year - 1} 年度计划在 {year} 年度的落实情况" if lang == "zh" else f"{year - 1}'s plans in {year}", _summary(rows, year, lang), ""]
    for n, row in enumerate(rows, start=1):
        status = row.status if lang == "zh" else STATUS_EN[row.status]
        lines.append(
            f"{n:>2}. [{status}] {row.lead}（{row.plan_id}）"
            + (f"  负责：{row.owner}" if row.owner and lang == "zh" else f"  owner: {row.owner}" if row.owner else "")
        )
        lines.append(f"      {_carried(row)}")
    return "\n".join(lines) + "\n"


def _markdown(rows: list[ReviewRow], year: int, lang: str) -> str:
    lines = [f"### {year - 1} 年度计划完成情况对照表", "", _summary(rows, year, lang), "", "| " + " | ".join(HEADERS) + " |", "| --- | --- | --- | --- | --- |"]
    for n, row in enumerate(rows, start=1):
        lines.append(f"| {n} | {_md(row.lead)} | {_md(row.owner)} | {_md(_carried(row))} | {row.status} |")
    return "\n".join(lines) + "\n"


def _json(rows: list[ReviewRow], year: int, lang: str) -> str:
    data = {
        "year": year,
        "counts": counts(rows),
        "plans": [
            {
                "id": row.plan_id,
                "lead": row.lead,
                "owner": row.owner or None,
                "status": row.status,
                "carried_by": [{"id": c.id, "title": c.title, "complete": c.complete} for c in row.carriers],
            }
            for row in rows
        ],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def _xlsx(rows: list[ReviewRow], year: int) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill

    book = Workbook()
    sheet = book.active
    sheet.title = "对照表"
    sheet.append([f"{year - 1} 年度计划完成情况对照表"])
    sheet["A1"].font = Font(bold=True, size=13)
    sheet.append(list(HEADERS))
    for cell in sheet[2]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDEBF7")
    fills = {"落实": "E2EFDA", "部分": "FFF2CC", "未见落实": "FCE4D6"}
    for n, row in enumerate(rows, start=1):
        sheet.append([n, row.lead, row.owner, _carried(row), row.status])
        sheet.cell(n + 2, 5).fill = PatternFill("solid", fgColor=fills[row.status])
        for cell in sheet[n + 2]:
            cell.alignment = Alignment(wrap_text=True, vertical="center")
    for column, width in zip("ABCDE", (6, 36, 14, 48, 10), strict=True):
        sheet.column_dimensions[column].width = width
    sheet.freeze_panes = "A3"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
