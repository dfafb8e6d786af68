"""`yearbook todo [YEAR] [--format text|markdown|json]`: what is left to fill before the year can be final, by owner.

Exit 0 when nothing is left, 1 when blanks remain (so a CI step can gate on it), 2 on a usage error.
"""

from __future__ import annotations

import argparse
import json
import sys

from yearbook.command import checked, open_records, pick_year
from yearbook.errors import Exit
from yearbook.findings import Where
from yearbook.rules import placeholders, unfilled_values
from yearbook.rules.context import Context
from yearbook.todo import NO_OWNER, Group, group_blanks


def todo_cmd(args: argparse.Namespace) -> int:
    records = open_records(args)
    if isinstance(records, Exit):
        return records
    lang = records.lang
    year = pick_year(records, args.year)
    if isinstance(year, Exit):
        return year
    result = checked(records, {year})
    if isinstance(result, Exit):
        return result
    this = result.years[year]
    context = Context.of(this, result.years.get(year - 1), result.org, Where(result.folders.get(year, str(year))), records.config.fonts)
    violations = [*unfilled_values.run(context), *placeholders.run(context)]
    groups = group_blanks(this, violations, result.locate, lambda v: v.check.message(v.variant, lang, v.args))
    writers = {"text": _text, "markdown": _markdown, "json": _json}
    sys.stdout.write(writers[args.format](groups, year, lang))
    return Exit.FINDINGS if groups else Exit.CLEAN


def _owner(group: Group, lang: str) -> str:
    if group.owner == NO_OWNER:
        return "未指定负责人（在工作领域或计划上写 owner 即可分给负责人）" if lang == "zh" else "no owner (give the area or plan an owner)"
    return f"{group.role}（{group.owner}）" if lang == "zh" else f"{group.role} ({group.owner})"


def _total(groups: list[Group]) -> int:
    return sum(len(group.blanks) for group in groups)


def _text(groups: list[Group], year: int, lang: str) -> str:
    if not groups:
        return (
            f"{year} 年度没有待填的内容，可以定稿（yearbook report --final）。\n"
            if lang == "zh"
            else f"nothing left to fill in {year}: ready for yearbook report --final.\n"
        )
    lines = [f"{year} 年度待填 {_total(groups)} 处：" if lang == "zh" else f"{_total(groups)} blanks left in {year}:"]
    for group in groups:
        lines.append(f"\n{_owner(group, lang)}：{len(group.blanks)} 处" if lang == "zh" else f"\n{_owner(group, lang)}: {len(group.blanks)}")
        lines += [f"  {b.file}:{b.line}:{b.col}  {b.message}" for b in group.blanks]
    return "\n".join(lines) + "\n"


def _markdown(groups: list[Group], year: int, lang: str) -> str:
    """A checklist for an issue or a pull request: a heading per owner, a box per blank."""
    if not groups:
        return f"### {year} 年度待办\n\n没有待填的内容。\n" if lang == "zh" else f"### To do in {year}\n\nNothing left to fill.\n"
    title = f"### {year} 年度待办（{_total(groups)} 处）" if lang == "zh" else f"### To do in {year} ({_total(groups)})"
    out = [title]
    for group in groups:
        out.append(f"\n**{_owner(group, lang)}**\n")
        out += [f"- [ ] `{b.file}:{b.line}` {b.message}" for b in group.blanks]
    return "\n".join(out) + "\n"


def _json(groups: list[Group], year: int, lang: str) -> str:
    data = {
        "year": year,
        "total": _total(groups),
        "groups": [
            {
                "owner": group.owner or None,
                "role": group.role or None,
                "blanks": [{"file": b.file, "line": b.line, "col": b.col, "code": b.code, "message": b.message} for b in group.blanks],
            }
            for group in groups
        ],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
