"""The command line, declared once: every command, its arguments and examples, in Chinese and English.

`--help` speaks Chinese by default, English with `--lang en` on the command line or an English locale (LC_ALL,
LC_MESSAGES or LANG starting with “en”). Building the parser loads no command's module, so `yearbook` starts fast.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from yearbook.errors import Exit
from yearbook.reporters import REPORTERS


@dataclass(frozen=True, slots=True)
class Arg:
    names: tuple[str, ...]
    zh: str
    en: str
    options: dict[str, Any] = field(default_factory=dict)  # what argparse's add_argument takes besides help


@dataclass(frozen=True, slots=True)
class Command:
    name: str
    zh: str
    en: str
    args: tuple[Arg, ...] = ()
    examples: tuple[tuple[str, str, str], ...] = ()  # (command line, what it does in Chinese, in English)
    actions: tuple[Command, ...] = ()  # sub-commands (figures export / import)
    run: str = ""  # "module:function" that runs it, imported only then (--help and --version stay quick)


def _records() -> Arg:
    return Arg(("--records",), "records 目录（默认 records）", "the records folder (default: records)", {"type": Path, "default": Path("records")})


LANG = Arg(("--lang",), "提示语言：zh 中文（默认），en 英文", "language of messages: zh (default) or en", {"choices": ("zh", "en")})


def _jobs(text: str) -> int:
    if not (text.isascii() and text.isdigit()) or int(text) < 1:
        raise argparse.ArgumentTypeError(f"“{text}”不是正整数 (not a positive whole number)；例如 --jobs 2")
    return int(text)


JOBS = Arg(
    ("--jobs",),
    "同时处理几个记录树（多个单位时；默认：CPU 核数）；输出与 --jobs 1 相同",
    "records trees worked on at once (for many units; default: the number of cores); the output is the same as with --jobs 1",
    {"type": _jobs, "metavar": "N"},
)
DRY_RUN = Arg(("--dry-run",), "只列出会做的改动，不写入", "list what would change, write nothing", {"action": "store_true"})

COMMANDS: tuple[Command, ...] = (
    Command(
        "check",
        "检查记录：逐行逐列指出错误和警告",
        "validate the records: every error and warning at its line and column",
        (
            Arg(
                ("paths",),
                "records 目录、年度目录或记录文件（默认 records）",
                "records folder, year folder or record files (default: records)",
                {"nargs": "*", "type": Path},
            ),
            Arg(
                ("--format",),
                "输出格式；在 GitHub Actions 中默认 github，否则 text",
                "output format; github in GitHub Actions, else text",
                {"choices": tuple(sorted(REPORTERS))},
            ),
            LANG,
            Arg(("--final",), "定稿检查：待填数值和占位符算作错误", "final check: blanks and placeholders are errors", {"action": "store_true"}),
            Arg(("--strict",), "有警告也以 1 退出", "exit 1 on warnings too", {"action": "store_true"}),
            JOBS,
            Arg(
                ("--since",),
                "只检查自这个修订版本以来有改动的记录树（多个单位时在 CI 里用，如 --since origin/main）",
                "check only the trees with changes since this revision (for CI on many units, e.g. --since origin/main)",
            ),
        ),
        (
            ("yearbook check", "检查 records 下的全部记录", "check every record under records/"),
            ("yearbook check records/2024 --final", "定稿前检查 2024 年度", "check 2024 before filing"),
            ("yearbook check units/", "检查 units/<单位>/records/ 下的每个单位", "check every unit's records under units/"),
        ),
        run="yearbook.check_cmd:check_cmd",
    ),
    Command(
        "report",
        "生成 DOCX、PDF 和 Markdown（GB/T 9704 版式）",
        "build the DOCX, PDF and Markdown (laid out to GB/T 9704)",
        (
            Arg(("--year",), "年度，如 2023；多个用逗号分隔；all 为全部（默认最新一年）", "year, e.g. 2023; several with commas; all (default: the latest)"),
            Arg(
                ("--format",),
                "输出格式，逗号分隔：docx,pdf,md（默认这三种），png（PDF 每页一张图）",
                "formats, comma-separated: docx,pdf,md (default), png (a page image each)",
                {"default": "docx,pdf,md"},
            ),
            Arg(("--out",), "输出目录（默认 build）", "output folder (default: build)", {"type": Path, "default": Path("build")}),
            _records(),
            Arg(
                ("--final",),
                "定稿：仍有待填数值、占位符或版面问题时拒绝生成",
                "final version: refuse while blanks, placeholders or page problems remain",
                {"action": "store_true"},
            ),
            JOBS,
            LANG,
        ),
        (
            ("yearbook report", "生成最新一年的报告到 build/", "build the latest year into build/"),
            ("yearbook report --year 2023 --final", "生成 2023 年度的定稿", "build 2023's final version"),
        ),
        run="yearbook.report_cmd:report_cmd",
    ),
    Command(
        "diff",
        "比较两个版本的记录（逐字）",
        "what changed between two revisions of the records, character by character",
        (
            Arg(("base",), "基准版本（默认：与默认分支的合并基点）", "base revision (default: the merge-base with the default branch)", {"nargs": "?"}),
            Arg(("head",), "比较版本（默认：工作区）", "head revision (default: the working tree)", {"nargs": "?"}),
            Arg(("--format",), "输出格式", "output format", {"choices": ("terminal", "markdown", "json"), "default": "terminal"}),
            _records(),
            JOBS,
            LANG,
            Arg(
                ("--years",),
                "比较同一版本中的两个年度，如 --years 2023 2024",
                "compare two years of one revision, e.g. --years 2023 2024",
                {"nargs": 2, "type": int, "metavar": ("Y1", "Y2")},
            ),
            Arg(
                ("--charts",),
                "与 --years --format markdown 同用：嵌入 yearbook trends 画的图",
                "with --years --format markdown: embed the charts yearbook trends drew",
                {"type": Path},
            ),
            Arg(
                ("--docx",),
                "另存一份带修订痕迹的 Word 文件（- 为标准输出）",
                "also write a redline DOCX with tracked changes (- for standard output)",
                {"type": Path},
            ),
            Arg(("--year",), "修订版 Word 所用的年度（默认最新年度）", "the year of the redline (default: the latest)", {"type": int}),
            Arg(("--author",), "修订痕迹的作者名（默认 yearbook）", "author of the tracked changes (default: yearbook)", {"default": "yearbook"}),
            Arg(
                ("--all",),
                "多个单位时也列出没有改动的单位（默认只比较有改动的）",
                "with many units, list the unchanged ones too (default: only those with changes)",
                {"action": "store_true"},
            ),
        ),
        (
            ("yearbook diff", "工作区相对默认分支改了什么", "what the working tree changes"),
            ("yearbook diff --years 2023 2024", "两个年度并排比较", "two years side by side"),
        ),
        run="yearbook.diff_cmd:diff_cmd",
    ),
    Command(
        "ci-comment",
        "把 Markdown 文件发表为拉取请求或合并请求的一条评论（原地更新）",
        "post a Markdown file as the pull or merge request's one comment, updated in place",
        (
            Arg(
                ("file",),
                "Markdown 文件，例如 yearbook diff --format markdown 的输出",
                "a Markdown file, e.g. yearbook diff --format markdown's output",
                {"type": Path},
            ),
            LANG,
        ),
        run="yearbook.ci_comment:ci_comment_cmd",
    ),
    Command(
        "migrate",
        "把第 1 版记录升级为第 2 版",
        "move records in format 1 to format 2",
        (
            Arg(("path",), "records 目录（默认 records）", "the records folder (default: records)", {"nargs": "?", "type": Path, "default": Path("records")}),
            DRY_RUN,
            LANG,
        ),
        run="yearbook.migrate_cmd:migrate_cmd",
    ),
    Command(
        "import",
        "把旧的 Word、WPS 或文本报告转成记录",
        "turn an old Word, WPS or text report into records",
        (
            Arg(
                ("file",),
                "报告文件：.docx；.doc、.wps、.odt（需 LibreOffice）；或 .txt、.md",
                "the report: .docx; .doc, .wps, .odt (with LibreOffice); or .txt, .md",
                {"type": Path},
            ),
            Arg(("--year",), "年度（默认取标题中的第一个年份）", "the year (default: the first in the title)", {"type": int}),
            _records(),
            DRY_RUN,
            Arg(
                ("--force",),
                "年度文件夹已存在时仍写入（同名文件被替换）",
                "write into an existing year folder (files of the same name replaced)",
                {"action": "store_true"},
            ),
            LANG,
        ),
        (("yearbook import 2023年工作总结.docx --dry-run", "先看会写出哪些文件", "see which files it would write"),),
        run="yearbook.import_cmd:import_cmd",
    ),
    Command(
        "new-year",
        "从最新一年建立下一年度的记录",
        "start next year's records from the latest year's",
        (Arg(("year",), "新的年度（默认最新一年的下一年）", "the new year (default: the one after the latest)", {"nargs": "?", "type": int}), _records(), LANG),
        (("yearbook new-year", "建立下一年度，数值清空，去年的计划列为今年要写的落实情况", "make next year: values blank, last year's plans to report on"),),
        run="yearbook.new_year_cmd:new_year_cmd",
    ),
    Command(
        "todo",
        "列出定稿前还要填的内容，按负责人分组",
        "what is left to fill before the final version, by owner",
        (
            Arg(("year",), "年度（默认最新一年）", "the year (default: the latest)", {"nargs": "?", "type": int}),
            Arg(
                ("--format",),
                "输出格式（markdown 可贴进议题或拉取请求）",
                "output format (markdown for an issue or a pull request)",
                {"choices": ("text", "markdown", "json"), "default": "text"},
            ),
            _records(),
            LANG,
        ),
        run="yearbook.todo_cmd:todo_cmd",
    ),
    Command(
        "figures",
        "用 Excel/WPS 收集数值：导出表格、把填好的表格写回记录",
        "figures through Excel or WPS: export a sheet, import it filled in",
        actions=(
            Command(
                "export",
                "把一个年度的数值导出为 .xlsx",
                "export a year's figures as .xlsx",
                (
                    Arg(("year",), "年度（默认最新一年）", "the year (default: the latest)", {"nargs": "?", "type": int}),
                    Arg(("--xlsx",), "要写的 .xlsx 文件", "the .xlsx file to write", {"type": Path, "required": True}),
                    _records(),
                    LANG,
                ),
            ),
            Command(
                "import",
                "把填好的 .xlsx 写回记录（注释和排版不变）",
                "write a filled-in .xlsx back into the records (comments and layout kept)",
                (
                    Arg(("file",), "填好的 .xlsx 文件", "the filled-in .xlsx", {"type": Path}),
                    Arg(("--year",), "年度（默认按表格标题）", "the year (default: from the sheet's title)", {"type": int}),
                    DRY_RUN,
                    _records(),
                    LANG,
                ),
            ),
        ),
        examples=(
            ("yearbook figures export 2024 --xlsx 数值.xlsx", "导出 2024 年度的数值表", "export 2024's figures"),
            ("yearbook figures import 数值.xlsx", "写回填好的表", "write the filled sheet back"),
        ),
        run="yearbook.figures_cmd:figures_cmd",
    ),
    Command(
        "plan-review",
        "计划完成情况对照表：上年计划与本年落实",
        "last year's plans and how this year carried them out",
        (
            Arg(
                ("year",),
                "年度（默认最新一年；对照它的上一年度的计划）",
                "the year (default: the latest; its previous year's plans)",
                {"nargs": "?", "type": int},
            ),
            Arg(("--format",), "输出格式", "output format", {"choices": ("terminal", "markdown", "json"), "default": "terminal"}),
            Arg(("--xlsx",), "另存为 .xlsx 表格", "also write an .xlsx", {"type": Path}),
            _records(),
            LANG,
        ),
        run="yearbook.plan_review_cmd:plan_review_cmd",
    ),
    Command(
        "trends",
        "数值的历年趋势：图（PNG、SVG）、带图表的 .xlsx 和 Markdown",
        "figures across years: charts (PNG, SVG), an .xlsx with charts, Markdown",
        (
            Arg(("--figures",), "只画这些数值，标识用逗号分隔", "only these figures, ids separated by commas"),
            Arg(("--years",), "年度范围，如 2021..2024（默认全部年度）", "a range of years, e.g. 2021..2024 (default: all)"),
            Arg(("--out",), "输出目录（默认 build/trends）", "output folder (default: build/trends)", {"type": Path, "default": Path("build/trends")}),
            _records(),
            LANG,
        ),
        run="yearbook.trends_cmd:trends_cmd",
    ),
    Command(
        "absorb",
        "把审阅后的 DOCX（修订、批注）写回记录",
        "write a reviewed DOCX (tracked changes, comments) back into the records",
        (
            Arg(
                ("file",),
                "审阅过的 .docx（yearbook report 生成，在 Word 或 WPS 里修订过）",
                "the reviewed .docx (made by yearbook report, edited in Word or WPS)",
                {"type": Path},
            ),
            Arg(("--year",), "年度（默认按 DOCX 里的记录）", "the year (default: as the DOCX says)", {"type": int}),
            Arg(
                ("--accept",),
                "写回哪些改动：all 全部（默认），tracked 只写修订，none 只列批注",
                "which edits: all (default), tracked only, none (comments only)",
                {"choices": ("all", "tracked", "none"), "default": "all"},
            ),
            Arg(("--comments-only",), "只列出批注，什么都不写", "list the comments, write nothing", {"action": "store_true"}),
            Arg(
                ("--format",),
                "批注清单的格式（markdown 可贴进议题或拉取请求）",
                "format of the comment list (markdown for a pull request)",
                {"choices": ("terminal", "markdown"), "default": "terminal"},
            ),
            DRY_RUN,
            _records(),
            LANG,
        ),
        (("yearbook absorb 审阅稿.docx --dry-run", "看审阅稿会写回什么", "see what a reviewed DOCX would write back"),),
        run="yearbook.absorb_cmd:absorb_cmd",
    ),
)


def language(argv: Sequence[str]) -> str:
    """The language of the command line's help: --lang on it, else the locale, else Chinese."""
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv):
            return "en" if argv[i + 1] == "en" else "zh"
        if arg.startswith("--lang="):
            return "en" if arg.endswith("=en") else "zh"
    locale = os.environ.get("LC_ALL") or os.environ.get("LC_MESSAGES") or os.environ.get("LANG") or ""
    return "en" if locale.lower().startswith("en") else "zh"


class _Formatter(argparse.RawDescriptionHelpFormatter):
    lang = "zh"

    def add_usage(self, usage: str | None, actions: Any, groups: Any, prefix: str | None = None) -> None:
        super().add_usage(usage, actions, groups, prefix if prefix is not None else ("用法：" if self.lang == "zh" else "usage: "))


class Parser(argparse.ArgumentParser):
    """Usage errors in one line with the exit code of a usage error; headings in the help's language."""

    lang = "zh"

    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        sys.stderr.write(f"yearbook：参数错误：{message}\n" if self.lang == "zh" else f"yearbook: usage error: {message}\n")
        raise SystemExit(Exit.USAGE)


def _formatter(lang: str) -> Any:
    """The help formatter for a language (argparse takes a class: one per language)."""
    return type("Formatter", (_Formatter,), {"lang": lang})


def _new(lang: str, **options: Any) -> Parser:
    parser = Parser(formatter_class=_formatter(lang), add_help=False, **options)
    parser.lang = lang
    parser._positionals.title = "参数" if lang == "zh" else "arguments"
    parser._optionals.title = "选项" if lang == "zh" else "options"
    parser.add_argument("-h", "--help", action="help", help="显示这份帮助并退出" if lang == "zh" else "show this help and exit")
    return parser


def _epilog(command: Command, lang: str) -> str | None:
    if not command.examples:
        return None
    head = "例如：" if lang == "zh" else "examples:"
    return head + "\n" + "\n".join(f"  {line}\n      {zh if lang == 'zh' else en}" for line, zh, en in command.examples)


def _add(commands: Any, command: Command, lang: str) -> None:
    parser = commands.add_parser(
        command.name,
        help=command.zh if lang == "zh" else command.en,
        description=command.zh if lang == "zh" else command.en,
        epilog=_epilog(command, lang),
        formatter_class=_formatter(lang),
        add_help=False,
    )
    parser.lang = lang
    parser._positionals.title = "参数" if lang == "zh" else "arguments"
    parser._optionals.title = "选项" if lang == "zh" else "options"
    parser.add_argument("-h", "--help", action="help", help="显示这份帮助并退出" if lang == "zh" else "show this help and exit")
    for arg in command.args:
        parser.add_argument(*arg.names, help=arg.zh if lang == "zh" else arg.en, **arg.options)
    if command.actions:
        actions = parser.add_subparsers(dest="action", required=True, parser_class=Parser, title="子命令" if lang == "zh" else "commands")
        for action in command.actions:
            _add(actions, action, lang)


def command_word(argv: Sequence[str]) -> str | None:
    """The command a command line names (`check` in `yearbook --lang en check x.yaml`), if it names a known one."""
    skip = False
    for arg in argv:
        if skip:
            skip = False
        elif arg == "--lang":
            skip = True
        elif not arg.startswith("-"):
            return arg if any(command.name == arg for command in COMMANDS) else None
    return None


def build_parser(version: str, lang: str = "zh", only: str | None = None) -> argparse.ArgumentParser:
    """The command line's parser; with `only`, the parser of that one command under the top level (what a run
    needs: building all fourteen costs a pre-commit run 5 ms, measured)."""
    description = (
        "年度工作总结及计划的记录工具：检查、生成、比较和回收审阅意见" if lang == "zh" else "annual work report records: check, build, compare, absorb reviews"
    )
    parser = _new(
        lang,
        prog="yearbook",
        description=description,
        epilog="yearbook <命令> --help 看每条命令的用法和例子" if lang == "zh" else "yearbook <command> --help shows each command's use and examples",
    )
    parser.add_argument("--version", action="version", version=f"yearbook {version}", help="显示版本号并退出" if lang == "zh" else "show the version and exit")
    # Before the command as well as after it; its own dest, since a command's default would overwrite it.
    parser.add_argument("--lang", dest="top_lang", choices=("zh", "en"), help=LANG.zh if lang == "zh" else LANG.en)
    commands = parser.add_subparsers(
        dest="command", required=True, parser_class=Parser, title="命令" if lang == "zh" else "commands", metavar="<命令>" if lang == "zh" else "<command>"
    )
    for command in COMMANDS:
        if only is None or command.name == only:
            _add(commands, command, lang)
    return parser
