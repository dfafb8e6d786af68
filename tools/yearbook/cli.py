"""The `yearbook` command: parses the command line, runs the command's module and turns errors into exit codes.

Exit codes: `yearbook.errors.Exit` (0 clean, 1 findings, 2 a `UserError`, 3 a defect of the tool reported in
one line, 130/143 interrupted or terminated).
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Callable, Sequence

from yearbook import __version__
from yearbook.cli_args import COMMANDS, build_parser, command_word, language
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
        module, function = next(command.run for command in COMMANDS if command.name == args.command).split(":")
        run: Callable[[argparse.Namespace], int] = getattr(importlib.import_module(module), function)
        return run(args)
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
