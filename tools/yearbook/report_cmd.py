"""`yearbook report`: check the records, then compile and render each selected year.

Refuses to build from records with errors (and, with --final, from records with blanks or placeholders),
printing the findings instead; writes every file atomically and ends with a one-line summary.
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from yearbook.command import open_records
from yearbook.engine import Options, Result, check_tree
from yearbook.errors import Exit
from yearbook.findings import Severity
from yearbook.layout import find_roots, unit_name
from yearbook.provenance import records_hash
from yearbook.report.compile import compile_year
from yearbook.report.document import Document
from yearbook.report.file_name import file_stem
from yearbook.report.fonts import NoChineseFont
from yearbook.report.layout_spec import PROFILES
from yearbook.report.page_check import PageProblem, page_problems, printed_lines
from yearbook.report.render import FORMATS, YearFailed, epoch_of, font_plan, missing_glyphs, render_all, source_date_epoch
from yearbook.reporters import text as text_report
from yearbook.say import say
from yearbook.sources import display
from yearbook.write import write_set

_NO_FONT = (
    "没有找到任何中文字体，无法生成 PDF。在 Debian/Ubuntu 上运行 make report 会自动安装 fonts-noto-cjk；"
    "其他系统请安装 Noto Serif CJK SC 等中文字体，或只生成 --format docx,md。",
    "no Chinese font is installed, so no PDF can be made. On Debian/Ubuntu `make report` installs fonts-noto-cjk; "
    "elsewhere install a Chinese font such as Noto Serif CJK SC, or build only --format docx,md.",
)


@dataclass(frozen=True, slots=True)
class Built:
    """A records tree's deliverables, made and checked but not yet written."""

    outputs: dict[Path, bytes]
    lang: str
    seconds: float  # making them took


def report_cmd(args: argparse.Namespace) -> int:
    """One records tree; or, for a folder of units (units/<unit>/records/), each unit into out/<unit>/, built on
    --jobs processes and written here, one unit after the other, in the units' order."""
    roots = find_roots(args.records) if args.records.exists() else []
    if len(roots) <= 1:
        return _written(_build(args))
    from functools import partial

    from yearbook.parallel import in_order

    jobs = args.jobs or os.cpu_count() or 1
    threads = max(1, (os.cpu_count() or 1) // jobs)  # each process's pandoc runs: together about one per core
    calls = []
    for root in roots:
        unit = unit_name(root, args.records)
        calls.append(partial(_build_unit, argparse.Namespace(**{**vars(args), "records": root, "out": args.out / unit}), unit, threads))
    with in_order(calls, jobs) as done:
        return max(_written(each.replay()) for each in done)


def _build_unit(args: argparse.Namespace, unit: str, threads: int) -> Built | int:
    say(args.lang or "zh", f"单位 {unit}：", f"unit {unit}:")
    return _build(args, threads)


def _written(built: Built | int) -> int:
    """The deliverables written as a set, and said; an exit code passed through."""
    if isinstance(built, int):
        return built
    started = time.perf_counter()
    written = write_set(built.outputs)
    seconds = built.seconds + time.perf_counter() - started
    lang = built.lang
    names = "、".join(display(path) for path in written) if lang == "zh" else ", ".join(display(path) for path in written)
    say(lang, f"已生成 {len(written)} 个文件（{seconds:.2f} 秒）：{names}", f"wrote {len(written)} files in {seconds:.2f} s: {names}")
    return Exit.CLEAN


def _build(args: argparse.Namespace, threads: int | None = None) -> Built | int:
    """The tree's deliverables in memory, checked; or the exit code when there are none (said why). `threads`:
    pandoc's, when several trees are built at once."""
    started = time.perf_counter()
    lang = args.lang or "zh"
    formats = tuple(dict.fromkeys(part.strip() for part in args.format.split(",") if part.strip()))
    unknown = [fmt for fmt in formats if fmt not in FORMATS]
    if unknown or not formats:
        say(
            lang,
            f"不认识的格式：{'、'.join(unknown) or '（空）'}；可用 docx、pdf、md、png",
            f"unknown format {', '.join(unknown) or '(none)'}; use docx, pdf, md, png",
        )
        return Exit.USAGE
    source_date_epoch()  # a bad value is said before any work is done
    opened = open_records(args)  # settles args.lang: the CLI says a UserError in the language settled on
    if isinstance(opened, Exit):
        return opened
    root, config, lang, available = opened.root, opened.config, opened.lang, opened.years
    profile = PROFILES[config.fonts]
    years = _years(args.year, available)
    if years is None:
        say(
            lang,
            f"没有 {args.year} 年度的记录；现有：{'、'.join(map(str, available)) or '（无）'}",
            f"no records for {args.year}; there are: {', '.join(map(str, available)) or '(none)'}",
        )
        return Exit.USAGE
    result = check_tree(root, set(years), Options(lang=lang, final=args.final, severities=config.severities, fonts=config.fonts))
    errors = [f for f in result.findings if f.severity is Severity.ERROR]
    if errors:
        sys.stdout.write(text_report(errors, result.files, lang))
        say(
            lang,
            "记录有错误，未生成报告。请先改正以上错误（make check 可单独检查）。",
            "the records have errors; nothing was built. Fix the errors above first (make check checks them alone).",
        )
        return Exit.FINDINGS
    blanks = sum(1 for f in result.findings if f.code in ("YB302", "YB303"))
    if blanks:
        say(
            lang,
            f"这是草稿：还有 {blanks} 处待填或占位符，文中以黄色【待填：…】标出（yearbook check 列出位置；定稿用 --final）。",
            f"this is a draft: {blanks} blanks or placeholders remain, marked 【待填：…】 (yearbook check lists them; use --final for the filed version).",
        )
    if "pdf" in formats or "png" in formats:
        try:
            substitutes = font_plan(profile).substitutions()
        except NoChineseFont:
            say(lang, *_NO_FONT)
            return Exit.USAGE
        if substitutes:
            say(
                lang,
                f"PDF 字体替代：{'；'.join(substitutes)}（本机没有原字体；DOCX 仍指定原字体）",
                f"PDF font substitutes: {'; '.join(substitutes)} (the originals are not installed; the DOCX still names them)",
            )
    outputs: dict[Path, bytes] = {}
    documents = {
        year: dataclasses.replace(compile_year(result.years[year], result.org, result.years.get(year - 1)), source=records_hash(root, year)) for year in years
    }
    stems = _stems(result, documents, lang)
    jobs = [(document, epoch_of(document.issued, year)) for year, document in documents.items()]
    checked: dict[int, list[PageProblem]] = {}

    def check_pages(index: int, pdf: bytes) -> None:
        checked[index] = page_problems(printed_lines(pdf), jobs[index][0], missing_glyphs(jobs[index][0], profile))

    built = render_all(jobs, formats, profile, check_pages, threads)
    try:
        for i, (year, files) in enumerate(zip(documents, built, strict=True), start=1):
            if len(years) > 1:
                sys.stderr.write(f"[{i}/{len(years)}] {year} …\n")
            problems = checked.get(i - 1, [])
            for problem in problems:
                say(lang, f"{year} 年度 PDF 版面：{problem.zh}", f"{year} PDF layout: {problem.en}")
            if problems and args.final:
                say(
                    lang,
                    "定稿不能有版面问题，未写入任何文件。请按以上提示修改记录后再生成。",
                    "a final version must have no page problems; nothing was written. Change the records as above and build again.",
                )
                return Exit.FINDINGS
            outputs.update({args.out / _file_name(stems[year], key): data for key, data in files.items()})
    except YearFailed as failed:
        year = years[failed.index]
        say(lang, f"生成 {year} 年度报告失败，未写入任何文件：{failed.error.zh}", f"building {year} failed; nothing was written: {failed.error.en}")
        return Exit.USAGE
    finally:
        built.close()  # an early return stops the pandoc runs still queued
    return Built(outputs, lang, time.perf_counter() - started)


def _file_name(stem: str, key: str) -> str:
    """report.docx, report.pdf, report.md; a page image report-01.png."""
    return f"{stem}-{key.removeprefix('png-')}.png" if key.startswith("png-") else f"{stem}.{key}"


def _stems(result: Result, documents: dict[int, Document], lang: str) -> dict[int, str]:
    """Each year's file name: from its title, else its fallback (said at the title's line), and never
    the same as another year's (two years titled alike get their year appended, and are told so)."""
    stems: dict[int, str] = {}
    for year, document in documents.items():
        named = file_stem(document.title, year)  # the title as printed, references filled in
        if not named.usable:
            line = next((f for f in result.findings if f.code == "YB209" and f.file.endswith(f"{year}/report.yaml")), None)
            where = f"{line.file}:{line.line}:{line.col}：" if line else ""
            say(lang, f"{where}标题不能作文件名，改用“{named.text}”", f"{where}the title makes no usable file name; using '{named.text}'")
        stems[year] = named.text
    taken = Counter(stem.casefold() for stem in stems.values())  # case-insensitive file systems count too
    for year, stem in stems.items():
        if taken[stem.casefold()] > 1:
            stems[year] = f"{stem}-{year}"
            say(lang, f"有多个年度的标题相同，{year} 年度的文件改名为“{stems[year]}”", f"several years share a title; {year}'s files are named '{stems[year]}'")
    return stems


def _years(selector: str | None, available: list[int]) -> list[int] | None:
    if not available:
        return None
    if selector is None:
        return [available[-1]]
    if selector == "all":
        return available
    try:
        wanted = [int(part) for part in selector.split(",")]
    except ValueError:
        return None
    return wanted if all(year in available for year in wanted) else None
