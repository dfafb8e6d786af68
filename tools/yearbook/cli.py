"""The `yearbook` command: parses the command line, runs the command's module and turns errors into exit codes.

Exit codes: `yearbook.errors.Exit` (0 clean, 1 findings, 2 a `UserError`, 3 a defect of the tool reported in
one line, 130/143 interrupted or terminated).
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

from yearbook import __version__
from yearbook.cli_args import build_parser, command_word, language
from yearbook.errors import Exit, UserError
from yearbook.say import say


def main(argv: Sequence[str] | None = None) -> int:
    try:
        arguments = list(sys.argv[1:] if argv is None else argv)
        args = build_parser(__version__, language(arguments), command_word(arguments)).parse_args(arguments)
        if getattr(args, "lang", None) is None:
            args.lang = args.top_lang
    except SystemExit as exit_:  # --help, --version and usage errors end here, as codes not exceptions
        return exit_.code if isinstance(exit_.code, int) else Exit.USAGE
    try:
        if args.command == "check":  # each command's module is imported when it runs: --version and --help stay quick
            from yearbook.check_cmd import check_cmd

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
