"""`yearbook new-year [YEAR]`: start next year's records from the latest year's (see `yearbook.new_year`).

Refuses when the latest year has errors or the new year's folder exists; writes every file or none; checks what it
wrote and says what to do next.
"""

from __future__ import annotations

import argparse

from yearbook.command import checked, open_records
from yearbook.engine import check_tree
from yearbook.errors import Exit
from yearbook.findings import Severity
from yearbook.layout import discover
from yearbook.new_year import next_year
from yearbook.parts import part_type
from yearbook.say import say
from yearbook.sources import WorkTree, display
from yearbook.write import write_set


def new_year_cmd(args: argparse.Namespace) -> int:
    opened = open_records(args)
    if isinstance(opened, Exit):
        return opened
    lang, root = opened.lang, opened.root
    tree = discover(WorkTree(root))
    if not tree.years:
        say(
            lang,
            f"{display(root)} 里还没有任何年度，无从开始新的一年。请先建一个年度（或用 yearbook import 导入旧报告）。",
            f"{display(root)} has no year to start from; make one first (or yearbook import an old report).",
        )
        return Exit.USAGE
    latest = max(tree.years)
    year = args.year if args.year is not None else latest + 1
    folder = root / str(year)
    if year <= latest or folder.exists():
        say(
            lang,
            f"{display(folder)} 已经存在或不晚于最新的 {latest} 年度，不会覆盖。要重做请先删掉它。",
            f"{display(folder)} exists or is not after the latest year {latest}; nothing is overwritten. Delete it first to start again.",
        )
        return Exit.USAGE
    result = checked(opened, {latest})
    if isinstance(result, Exit):
        return result
    records = result.years[latest]
    kinds = {part.name: part_type(part).name for part in records.parts}
    texts = {stem: (root / relative).read_text(encoding="utf-8") for stem, relative in tree.years[latest].files.items()}
    made = next_year(records, texts, kinds, year)
    written = write_set({folder / f"{stem}.yaml": text.encode("utf-8") for stem, text in made.files.items()})
    after = check_tree(root, {year}, opened.options())
    errors_after = sum(1 for f in after.findings if f.severity is Severity.ERROR)
    warnings = sum(1 for f in after.findings if f.severity is Severity.WARNING)
    left_out = "、".join(made.left_out)
    say(
        lang,
        f"已从 {latest} 年度建立 {display(folder)}（{len(written)} 个文件）：{made.blanked} 个数值已清空待填，{made.years} 处年份改为 {{year}}/{{next_year}}，"
        f"{made.carried} 项上年计划列为今年要写的落实情况" + (f"；大事记 {left_out} 未复制，请按今年的事项新建" if left_out else "") + "。"
        f"检查：{errors_after} 个错误，{warnings} 个警告。",
        f"made {display(folder)} from {latest} ({len(written)} files): {made.blanked} values blanked, {made.years} years made {{year}}/{{next_year}}, "
        f"{made.carried} of last year's plans listed as items to report on" + (f"; events ({left_out}) not copied" if left_out else "") + ". "
        f"Check: {errors_after} errors, {warnings} warnings.",
    )
    say(
        lang,
        f"下一步：yearbook check 列出每个待填处；逐项填写数值，写上年计划的落实情况，核对问题和计划；yearbook report --year {year} 看草稿。",
        f"next: yearbook check lists every blank; fill in the values, write how last year's plans were carried out, review problems and plans; yearbook report --year {year} builds a draft.",
    )
    return Exit.FINDINGS if errors_after else Exit.CLEAN
