"""`yearbook diff`: what changed between two revisions (default: the merge-base with the default branch and
the working tree), or between two years of one revision."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
from pathlib import Path

from yearbook import gitio
from yearbook.diff import render
from yearbook.diff.changes import Snapshot, compare
from yearbook.engine import Options, Result, check_source
from yearbook.errors import Exit
from yearbook.layout import changed_roots, find_root, find_roots, unit_name
from yearbook.say import say
from yearbook.sources import GitRevision, Source, WorkTree
from yearbook.write import STDOUT, write_one


def _snapshot(result: Result) -> Snapshot:
    return Snapshot(result.years, result.org, result.failed)


def diff_cmd(args: argparse.Namespace) -> int:
    """One records tree; or, for a folder of units, each unit's diff under its name, in the units' order."""
    roots = find_roots(args.records) if args.records.exists() else []
    if len(roots) <= 1 or args.docx is not None:
        return _diff_tree(args)
    lang = args.lang or "zh"
    if not args.all and not args.years:  # only the units whose files changed between the two sides
        repo = gitio.toplevel(roots[0])
        base = gitio.resolve(repo, args.base) if args.base else gitio.merge_base(repo, "HEAD", gitio.default_branch(repo))
        head = gitio.resolve(repo, args.head) if args.head else None
        changed = changed_roots(roots, repo, gitio.changed_paths(repo, base, head, args.records.resolve().relative_to(repo.resolve()).as_posix()))
        if len(changed) < len(roots):
            say(
                lang,
                f"{len(roots) - len(changed)} 个单位没有改动，未列出（--all 全部列出）",
                f"{len(roots) - len(changed)} units unchanged, not listed (--all lists them)",
            )
        roots = changed
        if args.base is None:
            args = argparse.Namespace(**{**vars(args), "base": base})
    from functools import partial

    from yearbook.parallel import in_order

    units = [unit_name(root, args.records) for root in roots]
    calls = [partial(_diff_unit, argparse.Namespace(**{**vars(args), "records": root}), unit) for root, unit in zip(roots, units, strict=True)]
    codes: list[int] = [Exit.CLEAN]
    documents: dict[str, object] = {}
    with in_order(calls, args.jobs or os.cpu_count() or 1) as done:
        for unit, each in zip(units, done, strict=True):
            code, printed = each.replay()
            if args.format == "json":  # one JSON document: each unit's under its name
                documents[unit] = json.loads(printed) if printed.strip() else None
            codes.append(code)
    if args.format == "json":
        sys.stdout.write(json.dumps(documents, ensure_ascii=False, indent=2) + "\n")
    return max(codes)


def _diff_unit(args: argparse.Namespace, unit: str) -> tuple[int, str]:
    """A unit's diff under its name; as JSON, kept (not printed) to go into the one document of all units."""
    if args.format != "json":
        sys.stdout.write(f"## {unit}\n\n" if args.format == "markdown" else f"== {unit} ==\n")
        return _diff_tree(args), ""
    import contextlib
    import io

    captured = io.StringIO()
    with contextlib.redirect_stdout(captured):
        code = _diff_tree(args)
    return code, captured.getvalue()


def _diff_tree(args: argparse.Namespace) -> int:
    lang = args.lang or "zh"
    root = find_root(args.records) if args.records.exists() else None
    if root is None:
        say(lang, f"在 {args.records} 找不到记录", f"no records at {args.records}")
        return Exit.USAGE
    if args.years:
        return _years_cmd(args, root, lang)
    repo = gitio.toplevel(root)
    folder = root.resolve().relative_to(repo.resolve()).as_posix()
    if args.base is None:
        branch = gitio.default_branch(repo)
        base_rev, base_name = gitio.merge_base(repo, "HEAD", branch), f"{branch} 的合并基点"
    else:
        base_rev = base_name = args.base
    base_commit = gitio.resolve(repo, base_rev)
    head: Source = WorkTree(root) if args.head is None else GitRevision(repo, gitio.resolve(repo, args.head), folder)
    base = GitRevision(repo, base_commit, folder)
    options = Options(lang=lang)
    base_result, head_result = check_source(base, None, options), check_source(head, None, options)
    changes = compare(_snapshot(base_result), _snapshot(head_result))
    head_name = ("工作区" if lang == "zh" else "working tree") if args.head is None else args.head
    title = f"yearbook diff：{base_name}（{base_commit[:8]}）→ {head_name}" if lang == "zh" else f"yearbook diff: {base_name} ({base_commit[:8]}) → {head_name}"
    skipped = sorted(base_result.failed | head_result.failed, key=str)
    if skipped:
        names = "、".join(f"{year}/{kind}.yaml" if year else f"{kind}.yaml" for year, kind in skipped)
        say(lang, f"以下文件在某一边有错误，未比较：{names}（yearbook check 查看详情）", f"not compared, failing on one side: {names} (see yearbook check)")
    if args.docx is not None:
        code = _write_redline(args, base_result, head_result, lang)
        if code != Exit.CLEAN or args.docx == STDOUT:  # standard output carries the DOCX alone
            return code
    if args.format == "json":
        sys.stdout.write(render.as_json(changes, title, lang))
    elif args.format == "markdown":
        sys.stdout.write(render.markdown(changes, title, lang))
    else:
        colour = sys.stdout.isatty() and "NO_COLOR" not in os.environ
        sys.stdout.write(render.terminal(changes, title, colour, lang))
    return Exit.CLEAN


def _write_redline(args: argparse.Namespace, base: Result, head: Result, lang: str) -> int:
    from yearbook.diff.redline import finish, redline_ast  # pandoc and lxml load only for a redline
    from yearbook.report.compile import NotReady, compile_year
    from yearbook.report.render import RenderError, docx_from_ast, epoch_of

    year = args.year or (max(head.years) if head.years else None)
    if year is None or year not in head.years or year not in base.years:
        say(lang, f"两边都要有 {year} 年度的记录才能生成修订版", f"both sides need records for {year} to make a redline")
        return Exit.USAGE
    try:
        base_doc, head_doc = compile_year(base.years[year], base.org), compile_year(head.years[year], head.org)
    except NotReady:
        say(
            lang,
            f"{year} 年度有文件缺失或未通过检查，无法生成修订版；请先运行 yearbook check",
            f"{year} has missing or failing files; run yearbook check first",
        )
        return Exit.USAGE
    epoch = epoch_of(head_doc.issued, year)
    date = dt.datetime.fromtimestamp(epoch, dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    try:
        data = finish(docx_from_ast(redline_ast(base_doc, head_doc, args.author, date), epoch), args.author, date)
    except RenderError as error:
        say(lang, f"生成修订版失败：{error.zh}", f"the redline failed: {error.en}")
        return Exit.USAGE
    write_one(args.docx, data)
    if args.docx != STDOUT:
        say(lang, f"已生成修订版：{args.docx}", f"wrote the redline: {args.docx}")
    return Exit.CLEAN


def _years_cmd(args: argparse.Namespace, root: Path, lang: str) -> int:
    import json
    from dataclasses import asdict

    from yearbook.diff.years import compare_years, markdown, terminal

    first, second = args.years
    result = check_source(WorkTree(root), None, Options(lang=lang))
    missing = [year for year in (first, second) if year not in result.years]
    if missing:
        say(lang, f"没有 {'、'.join(map(str, missing))} 年度的记录", f"no records for {', '.join(map(str, missing))}")
        return Exit.USAGE
    comparison = compare_years(result.years[first], result.years[second])
    if args.format == "json":
        sys.stdout.write(json.dumps(asdict(comparison), ensure_ascii=False, indent=2) + "\n")
    else:
        charts = {row.id: (args.charts / f"{row.id}.png").as_posix() for row in comparison.figures if args.charts and (args.charts / f"{row.id}.png").is_file()}
        sys.stdout.write(markdown(comparison, charts) if args.format == "markdown" else terminal(comparison))
    return Exit.CLEAN
