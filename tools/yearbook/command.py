"""What every command that works on a records tree starts with: find the tree, read `.yearbook.yaml`, settle the
language, pick a year, and check the records before working on them. Each step says what is wrong itself; the
command returns the exit code it is given back.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from yearbook.config import Config, load_config
from yearbook.engine import Options, Result, check_tree
from yearbook.errors import Exit
from yearbook.findings import Severity
from yearbook.layout import discover, find_root
from yearbook.reporters import text as text_report
from yearbook.say import say
from yearbook.sources import WorkTree


@dataclass(frozen=True, slots=True)
class Records:
    root: Path
    config: Config
    lang: str
    years: list[int]  # the year folders there are, in order

    def options(self) -> Options:
        return Options(lang=self.lang, severities=self.config.severities, fonts=self.config.fonts)


def open_records(args: argparse.Namespace) -> Records | Exit:
    """The tree at `args.records` with its configuration; the language settled on is written back to `args.lang`."""
    lang = args.lang or "zh"
    root = find_root(args.records) if args.records.exists() else None
    if root is None:
        say(lang, f"在 {args.records} 找不到记录（应含 org.yaml 和年度文件夹）", f"no records at {args.records}")
        return Exit.USAGE
    config = load_config(root, lang)
    if not isinstance(config, Config):
        sys.stdout.write(text_report(config, 1, lang))
        return Exit.USAGE
    args.lang = args.lang or config.lang or "zh"
    return Records(root, config, args.lang, sorted(discover(WorkTree(root)).years))


def pick_year(records: Records, wanted: int | None) -> int | Exit:
    """The year asked for, or the latest; said when there is no such year."""
    year = wanted if wanted is not None else (records.years[-1] if records.years else None)
    if year is None or year not in records.years:
        say(
            records.lang,
            f"没有 {year} 年度的记录；现有：{'、'.join(map(str, records.years)) or '（无）'}",
            f"no records for {year}; there are: {', '.join(map(str, records.years)) or '(none)'}",
        )
        return Exit.USAGE
    return year


def checked(records: Records, years: Iterable[int]) -> Result | Exit:
    """The records checked for `years`; with errors, the errors are listed and the command is told to stop."""
    wanted = set(years)
    result = check_tree(records.root, wanted, records.options())
    errors = [f for f in result.findings if f.severity is Severity.ERROR]
    if errors or not wanted <= set(result.years):
        sys.stdout.write(text_report(errors, result.files, records.lang))
        say(records.lang, "记录有错误，先改正再继续（make check 可单独检查）。", "the records have errors; fix them first (make check checks them alone).")
        return Exit.FINDINGS
    return result
