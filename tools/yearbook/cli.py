"""The `yearbook` command. The only place that prints and chooses the exit code.

Exit codes: `yearbook.errors.Exit` (0 clean, 1 findings, 2 a `UserError`, 3 a defect of the tool reported in
one line, 130/143 interrupted or terminated).
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from yearbook import __version__
from yearbook.config import Config, load_config
from yearbook.engine import Options, check_tree
from yearbook.errors import Exit, UserError
from yearbook.findings import Finding, Severity
from yearbook.layout import find_root, years_of
from yearbook.reporters import REPORTERS
from yearbook.say import say


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        sys.stderr.write(f"yearbook：参数错误（usage error）：{message}\n")
        raise SystemExit(Exit.USAGE)


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="yearbook", description="年度工作总结及计划的记录工具 / annual work report records toolkit")
    parser.add_argument("--version", action="version", version=f"yearbook {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    check = commands.add_parser("check", help="检查记录 / validate records")
    check.add_argument("paths", nargs="*", type=Path, help="records 目录、年度目录或记录文件（默认 records）")
    check.add_argument("--format", choices=sorted(REPORTERS), help="输出格式；在 GitHub Actions 中默认 github，否则 text")
    check.add_argument("--lang", choices=("zh", "en"), help="提示语言（默认 zh，或 .yearbook.yaml 的 lang）")
    check.add_argument("--final", action="store_true", help="定稿检查：待填数值和占位符算作错误")
    check.add_argument("--strict", action="store_true", help="有警告也以 1 退出")
    report = commands.add_parser("report", help="生成 DOCX、PDF 和 Markdown / build the deliverables")
    report.add_argument("--year", help="年度，如 2023；多个用逗号分隔；all 为全部（默认最新一年）")
    report.add_argument("--format", default="docx,pdf,md", help="输出格式，逗号分隔：docx,pdf,md（默认这三种），png（PDF 每页一张图）")
    report.add_argument("--out", type=Path, default=Path("build"), help="输出目录（默认 build）")
    report.add_argument("--records", type=Path, default=Path("records"), help="records 目录（默认 records）")
    report.add_argument("--final", action="store_true", help="定稿：仍有待填数值或占位符时拒绝生成")
    report.add_argument("--lang", choices=("zh", "en"), help="提示语言")
    _diff_arguments(commands)
    _comment_arguments(commands)
    _migrate_arguments(commands)
    _import_arguments(commands)
    _new_year_arguments(commands)
    _todo_arguments(commands)
    _figures_arguments(commands)
    _plan_review_arguments(commands)
    _trends_arguments(commands)
    _absorb_arguments(commands)
    return parser


# Every command's arguments are defined here, so that `yearbook` loads only the module of the command it runs.


def _absorb_arguments(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    command = commands.add_parser("absorb", help="把审阅后的 DOCX（修订、批注）写回记录 / a reviewed DOCX back into the records")
    command.add_argument("file", type=Path, help="审阅过的 .docx（yearbook report 生成，在 Word 或 WPS 里修订过）")
    command.add_argument("--year", type=int, help="年度（默认按 DOCX 里的记录）")
    command.add_argument("--accept", choices=("all", "tracked", "none"), default="all", help="写回哪些改动：all 全部（默认），tracked 只写修订，none 只列批注")
    command.add_argument("--comments-only", action="store_true", help="只列出批注，什么都不写")
    command.add_argument("--format", choices=("terminal", "markdown"), default="terminal", help="批注清单的格式（markdown 可贴进议题或拉取请求）")
    command.add_argument("--dry-run", action="store_true", help="只列出会写回的改动，不写入")
    command.add_argument("--records", type=Path, default=Path("records"), help="records 目录（默认 records）")
    command.add_argument("--lang", choices=("zh", "en"), help="提示语言")


def _trends_arguments(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    command = commands.add_parser("trends", help="数值的历年趋势：图（PNG、SVG）、带图表的 .xlsx 和 Markdown / figures across years")
    command.add_argument("--figures", help="只画这些数值，标识用逗号分隔（默认：至少两个年度填了数的全部数值）")
    command.add_argument("--years", help="年度范围，如 2021..2024（默认全部年度）")
    command.add_argument("--out", type=Path, default=Path("build/trends"), help="输出目录（默认 build/trends）")
    command.add_argument("--records", type=Path, default=Path("records"), help="records 目录（默认 records）")
    command.add_argument("--lang", choices=("zh", "en"), help="提示语言")


def _plan_review_arguments(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    command = commands.add_parser("plan-review", help="计划完成情况对照表：上年计划与本年落实 / last year's plans, carried out or not")
    command.add_argument("year", nargs="?", type=int, help="年度（默认最新一年；对照它的上一年度的计划）")
    command.add_argument("--format", choices=("terminal", "markdown", "json"), default="terminal", help="输出格式")
    command.add_argument("--xlsx", type=Path, help="另存为 .xlsx 表格")
    command.add_argument("--records", type=Path, default=Path("records"), help="records 目录（默认 records）")
    command.add_argument("--lang", choices=("zh", "en"), help="提示语言")


def _figures_arguments(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    figures = commands.add_parser("figures", help="用 Excel/WPS 收集数值：导出表格、把填好的表格写回记录 / figures through Excel")
    actions = figures.add_subparsers(dest="action", required=True, parser_class=_Parser)
    export = actions.add_parser("export", help="把一个年度的数值导出为 .xlsx")
    export.add_argument("year", nargs="?", type=int, help="年度（默认最新一年）")
    export.add_argument("--xlsx", type=Path, required=True, help="要写的 .xlsx 文件")
    read = actions.add_parser("import", help="把填好的 .xlsx 写回记录（注释和排版不变）")
    read.add_argument("file", type=Path, help="填好的 .xlsx 文件")
    read.add_argument("--year", type=int, help="年度（默认按表格标题）")
    read.add_argument("--dry-run", action="store_true", help="只列出改动，不写入")
    for parser in (export, read):
        parser.add_argument("--records", type=Path, default=Path("records"), help="records 目录（默认 records）")
        parser.add_argument("--lang", choices=("zh", "en"), help="提示语言")


def _todo_arguments(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    command = commands.add_parser("todo", help="列出定稿前还要填的内容，按负责人分组 / what is left to fill, by owner")
    command.add_argument("year", nargs="?", type=int, help="年度（默认最新一年）")
    command.add_argument("--format", choices=("text", "markdown", "json"), default="text", help="输出格式（markdown 可贴进议题或拉取请求）")
    command.add_argument("--records", type=Path, default=Path("records"), help="records 目录（默认 records）")
    command.add_argument("--lang", choices=("zh", "en"), help="提示语言")


def _new_year_arguments(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    command = commands.add_parser("new-year", help="从最新一年建立下一年度的记录 / start next year's records")
    command.add_argument("year", nargs="?", type=int, help="新的年度（默认最新一年的下一年）")
    command.add_argument("--records", type=Path, default=Path("records"), help="records 目录（默认 records）")
    command.add_argument("--lang", choices=("zh", "en"), help="提示语言")


def _diff_arguments(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = commands.add_parser("diff", help="比较两个版本的记录 / what changed between revisions")
    parser.add_argument("base", nargs="?", help="基准版本（默认：与默认分支的合并基点）")
    parser.add_argument("head", nargs="?", help="比较版本（默认：工作区）")
    parser.add_argument("--format", choices=("terminal", "markdown", "json"), default="terminal", help="输出格式")
    parser.add_argument("--records", type=Path, default=Path("records"), help="records 目录（默认 records）")
    parser.add_argument("--lang", choices=("zh", "en"), help="提示语言")
    parser.add_argument("--years", nargs=2, type=int, metavar=("Y1", "Y2"), help="比较同一版本中的两个年度，如 --years 2023 2024")
    parser.add_argument("--charts", type=Path, help="与 --years --format markdown 同用：嵌入 yearbook trends 画的图（该目录中的 <标识>.png）")
    parser.add_argument("--docx", type=Path, help="另存一份带修订痕迹的 Word 文件（HEAD 的报告，修订对照 BASE；- 为标准输出）")
    parser.add_argument("--year", type=int, help="修订版 Word 所用的年度（默认 HEAD 的最新年度）")
    parser.add_argument("--author", default="yearbook", help="修订痕迹的作者名（默认 yearbook）")


def _comment_arguments(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = commands.add_parser("ci-comment", help="把 Markdown 文件发表为拉取请求的评论（在 GitHub Actions 中，原地更新）")
    parser.add_argument("file", type=Path, help="Markdown 文件，例如 yearbook diff --format markdown 的输出")
    parser.add_argument("--lang", choices=("zh", "en"), help="提示语言")


def _migrate_arguments(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    migrate = commands.add_parser("migrate", help="把第 1 版记录升级为第 2 版 / move records to format 2")
    migrate.add_argument("path", nargs="?", type=Path, default=Path("records"), help="records 目录（默认 records）")
    migrate.add_argument("--dry-run", action="store_true", help="只列出会改动的文件，不写入")
    migrate.add_argument("--lang", choices=("zh", "en"), help="提示语言")


def _import_arguments(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    command = commands.add_parser("import", help="把旧的报告（文本）转成记录 / import an old report")
    command.add_argument("file", type=Path, help="报告文件：.docx；.doc、.wps、.odt（需 LibreOffice）；或 .txt、.md（UTF-8 或 GBK）")
    command.add_argument("--year", type=int, help="年度（默认取标题中的第一个年份）")
    command.add_argument("--records", type=Path, default=Path("records"), help="records 目录（默认 records）")
    command.add_argument("--dry-run", action="store_true", help="只显示会写入的文件，不写入")
    command.add_argument("--force", action="store_true", help="年度文件夹已存在时仍写入（同名文件被替换）")
    command.add_argument("--lang", choices=("zh", "en"), help="提示语言")


def check_cmd(args: argparse.Namespace) -> int:
    lang_hint = args.lang or "zh"
    paths: list[Path] = args.paths or [Path("records")]
    by_root: dict[Path, set[int] | None] = {}
    for path in paths:
        if not path.exists():
            return _usage(f"路径不存在：{path}", f"no such path: {path}", lang_hint)
        root = find_root(path)
        if root is None:
            return _usage(
                f"在 {path} 找不到 records 目录（应含 org.yaml 和年度文件夹）", f"no records folder (with org.yaml and year folders) at {path}", lang_hint
            )
        selected = years_of(root, path)
        if selected is not None:
            # The next year links back (carries_out → this year's plans), so it is checked too.
            selected |= {year + 1 for year in selected if (root / str(year + 1)).is_dir()}
        previous = by_root.get(root, set())
        by_root[root] = None if selected is None or previous is None else previous | selected
    findings: list[Finding] = []
    files = 0
    lang = lang_hint
    for root, years in by_root.items():  # several records trees make one report
        config = load_config(root, lang_hint)
        if not isinstance(config, Config):
            sys.stdout.write(REPORTERS["text"](config, 1, lang_hint))
            return Exit.USAGE
        lang = args.lang or config.lang or "zh"
        result = check_tree(root, years, Options(lang=lang, final=args.final, severities=config.severities, fonts=config.fonts))
        findings += result.findings
        files += result.files
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


def _exit_code(findings: Sequence[Finding], strict: bool) -> int:
    if any(f.severity is Severity.ERROR for f in findings):
        return Exit.FINDINGS
    if strict and findings:
        return Exit.FINDINGS
    return Exit.CLEAN


def _usage(zh: str, en: str, lang: str) -> int:
    say(lang, zh, en)
    return Exit.USAGE


def main(argv: Sequence[str] | None = None) -> int:
    try:
        args = _parser().parse_args(argv)
    except SystemExit as exit_:  # --help, --version and usage errors end here, as codes not exceptions
        return exit_.code if isinstance(exit_.code, int) else Exit.USAGE
    try:
        if args.command == "check":
            return check_cmd(args)
        if args.command == "diff":
            from yearbook.diff_cmd import diff_cmd

            return diff_cmd(args)
        if args.command == "ci-comment":
            from yearbook.ci_comment import ci_comment_cmd

            return ci_comment_cmd(args)
        if args.command == "migrate":
            from yearbook.migrate_cmd import migrate_cmd

            return migrate_cmd(args)
        if args.command == "absorb":
            from yearbook.absorb_cmd import absorb_cmd

            return absorb_cmd(args)
        if args.command == "trends":
            from yearbook.trends_cmd import trends_cmd

            return trends_cmd(args)
        if args.command == "plan-review":
            from yearbook.plan_review_cmd import plan_review_cmd

            return plan_review_cmd(args)
        if args.command == "figures":
            from yearbook.figures_cmd import figures_cmd

            return figures_cmd(args)
        if args.command == "todo":
            from yearbook.todo_cmd import todo_cmd

            return todo_cmd(args)
        if args.command == "new-year":
            from yearbook.new_year_cmd import new_year_cmd

            return new_year_cmd(args)
        if args.command == "import":
            from yearbook.import_cmd import import_cmd

            return import_cmd(args)
        from yearbook.report_cmd import report_cmd  # pandoc and Typst load only when a report is built

        return report_cmd(args)
    except UserError as error:  # environment and usage problems, from any command: one line, exit 2
        say(args.lang or "zh", error.zh, error.en)
        return Exit.USAGE
    except Exception as error:  # the last line of defence: a traceback is a bug, not a message
        detail = str(error)[:300]
        sys.stderr.write(
            f"yearbook：内部错误（{type(error).__name__}: {detail}）。这是工具的缺陷，请把这条信息和所用文件报告给维护者。\n"
            f"yearbook: internal error ({type(error).__name__}: {detail}); please report it with the files used.\n"
        )
        return Exit.BUG
