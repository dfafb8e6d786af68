"""`yearbook check`: validate records trees, one or many, on several processes when there are several."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from yearbook.config import Config, load_config
from yearbook.engine import Options, check_tree
from yearbook.errors import Exit
from yearbook.findings import Finding, Severity
from yearbook.layout import find_roots, years_of
from yearbook.reporters import REPORTERS
from yearbook.say import say


def check_cmd(args: argparse.Namespace) -> int:
    lang_hint = args.lang or "zh"
    paths: list[Path] = args.paths or [Path("records")]
    by_root: dict[Path, set[int] | None] = {}
    for path in paths:
        if not path.exists():
            return _usage(f"路径不存在：{path}", f"no such path: {path}", lang_hint)
        roots = find_roots(path)
        if not roots:
            return _usage(
                f"在 {path} 找不到 records 目录（应含 org.yaml 和年度文件夹）", f"no records folder (with org.yaml and year folders) at {path}", lang_hint
            )
        for root in roots:
            selected = years_of(root, path)
            if selected is not None:
                # The next year links back (carries_out → this year's plans), so it is checked too.
                selected |= {year + 1 for year in selected if (root / str(year + 1)).is_dir()}
            previous = by_root.get(root, set())
            by_root[root] = None if selected is None or previous is None else previous | selected
    if args.since:  # only the trees whose files changed since that revision (CI on a repository of many units)
        by_root = _changed_since(by_root, args.since)
    jobs = args.jobs or os.cpu_count() or 1
    outcomes = _check_trees(list(by_root.items()), args.lang, args.final, jobs)
    findings: list[Finding] = []
    files = 0
    lang = lang_hint
    for outcome in outcomes:  # several records trees make one report, in the order of the trees
        if outcome.config_error is not None:
            sys.stdout.write(outcome.config_error)  # a tree's .yearbook.yaml is wrong
            return Exit.USAGE
        findings += outcome.findings
        files += outcome.files
        lang = outcome.lang
    fmt = args.format or ("github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text")
    sys.stdout.write(REPORTERS[fmt](findings, files, lang))
    step_summary = os.environ.get("GITHUB_STEP_SUMMARY")
    if fmt == "github" and step_summary:
        try:
            with open(step_summary, "a", encoding="utf-8") as out:  # the full list; annotations stop at 10
                out.write(REPORTERS["markdown"](findings, files, lang))
        except OSError as error:
            return _usage(
                f"无法写入作业摘要 GITHUB_STEP_SUMMARY（{step_summary}）：{error.strerror or error}。它应是一个可写文件的路径（由 GitHub Actions 设置）。",
                f"cannot write the job summary GITHUB_STEP_SUMMARY ({step_summary}): {error.strerror or error}. It must name a writable file (GitHub Actions sets it).",
                lang,
            )
    return _exit_code(findings, args.strict)


def _changed_since(by_root: dict[Path, set[int] | None], revision: str) -> dict[Path, set[int] | None]:
    from yearbook import gitio
    from yearbook.layout import changed_roots

    roots = list(by_root)
    repo = gitio.toplevel(roots[0])
    base = gitio.resolve(repo, revision)
    changed: set[str] = set()
    for root in roots:
        changed |= gitio.changed_paths(repo, base, None, root.resolve().relative_to(repo.resolve()).as_posix())
    keep = set(changed_roots(roots, repo, changed))
    return {root: years for root, years in by_root.items() if root in keep}


@dataclass(frozen=True, slots=True)
class TreeOutcome:
    """One records tree checked (plain data, so that a worker process can send it back)."""

    findings: list[Finding]
    files: int
    lang: str
    config_error: str | None = None  # the tree's .yearbook.yaml findings, as text


def _check_one(root: Path, years: set[int] | None, lang_arg: str | None, final: bool) -> TreeOutcome:
    lang_hint = lang_arg or "zh"
    config = load_config(root, lang_hint)
    if not isinstance(config, Config):
        return TreeOutcome([], 0, lang_hint, REPORTERS["text"](config, 1, lang_hint))
    lang = lang_arg or config.lang or "zh"
    result = check_tree(root, years, Options(lang=lang, final=final, severities=config.severities, fonts=config.fonts))
    return TreeOutcome(list(result.findings), result.files, lang)


def _check_trees(trees: list[tuple[Path, set[int] | None]], lang: str | None, final: bool, jobs: int) -> list[TreeOutcome]:
    """Each tree checked, on `jobs` processes when there are several trees; the results in the trees' order, the same
    as with one process."""
    from functools import partial

    from yearbook.parallel import in_order

    with in_order([partial(_check_one, root, years, lang, final) for root, years in trees], jobs) as done:
        return [each.replay() for each in done]


def _exit_code(findings: Sequence[Finding], strict: bool) -> int:
    if any(f.severity is Severity.ERROR for f in findings):
        return Exit.FINDINGS
    if strict and findings:
        return Exit.FINDINGS
    return Exit.CLEAN


def _usage(zh: str, en: str, lang: str) -> int:
    say(lang, zh, en)
    return Exit.USAGE
