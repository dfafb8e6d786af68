"""`yearbook diff`: what changed between two revisions (default: the merge-base with the default branch and
the working tree), or between two years of one revision."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from yearbook import gitio
from yearbook.diff import render
from yearbook.diff.changes import Snapshot, compare
from yearbook.engine import Options, Result, check_source
from yearbook.layout import find_root
from yearbook.sources import GitRevision, Source, WorkTree

EXIT_CLEAN, EXIT_USAGE = 0, 2


def _snapshot(result: Result) -> Snapshot:
    return Snapshot(result.years, result.org, result.failed)


def _say(zh: str, en: str, lang: str) -> None:
    sys.stderr.write(f"yearbook：{zh}\n" if lang == "zh" else f"yearbook: {en}\n")


def diff_cmd(args: argparse.Namespace) -> int:
    lang = args.lang or "zh"
    root = find_root(args.records) if args.records.exists() else None
    if root is None:
        _say(f"在 {args.records} 找不到记录", f"no records at {args.records}", lang)
        return EXIT_USAGE
    try:
        repo = gitio.toplevel(root)
        folder = root.resolve().relative_to(repo.resolve()).as_posix()
        base_rev = args.base or gitio.merge_base(repo, "HEAD", gitio.default_branch(repo))
        base_commit = gitio.resolve(repo, base_rev)
        head: Source = WorkTree(root) if args.head is None else GitRevision(repo, gitio.resolve(repo, args.head), folder)
        base = GitRevision(repo, base_commit, folder)
    except gitio.GitError as error:
        _say(error.zh, error.en, lang)
        return EXIT_USAGE
    options = Options(lang=lang)
    changes = compare(_snapshot(check_source(base, None, options)), _snapshot(check_source(head, None, options)))
    head_name = "工作区" if args.head is None else args.head
    title = f"yearbook diff：{base_rev}（{base_commit[:8]}）→ {head_name}"
    if args.format == "json":
        sys.stdout.write(render.as_json(changes, title))
    elif args.format == "markdown":
        sys.stdout.write(render.markdown(changes, title))
    else:
        colour = sys.stdout.isatty() and "NO_COLOR" not in os.environ
        sys.stdout.write(render.terminal(changes, title, colour))
    return EXIT_CLEAN


def add_parser(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = commands.add_parser("diff", help="比较两个版本的记录 / what changed between revisions")
    parser.add_argument("base", nargs="?", help="基准版本（默认：与默认分支的合并基点）")
    parser.add_argument("head", nargs="?", help="比较版本（默认：工作区）")
    parser.add_argument("--format", choices=("terminal", "markdown", "json"), default="terminal", help="输出格式")
    parser.add_argument("--records", type=Path, default=Path("records"), help="records 目录（默认 records）")
    parser.add_argument("--lang", choices=("zh", "en"), help="提示语言")
