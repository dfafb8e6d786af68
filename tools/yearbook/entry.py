"""The console entry point: signals become exceptions before anything else is imported.

Ctrl-C while the toolkit is still importing (yaml, jsonschema: a tenth of a second) would otherwise print a
KeyboardInterrupt traceback, and SIGTERM (a CI job cancelled, `timeout`) would end the process without
running the clean-up that removes temporary files. Both now unwind like any error: every `finally` runs,
and the exit code is the shell's convention, 128 + the signal number.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
from collections.abc import Sequence
from types import FrameType

# Exit.INTERRUPTED and Exit.TERMINATED (yearbook.errors), without importing it here: every import before main()
# is a moment in which Ctrl-C would print a traceback.
_INTERRUPTED = 128 + signal.SIGINT
_TERMINATED = 128 + signal.SIGTERM


class Terminated(BaseException):
    """SIGTERM, raised where the program is, so that clean-up runs. A BaseException, like KeyboardInterrupt,
    so that no `except Exception` on the way mistakes it for an ordinary failure."""


_received: list[int] = []  # every stop signal that came, even one whose exception Python dropped on the way


def _terminate(signum: int, frame: FrameType | None) -> None:
    _received.append(signum)
    raise Terminated(signum)


def _interrupt(signum: int, frame: FrameType | None) -> None:
    _received.append(signum)
    raise KeyboardInterrupt


def main(argv: Sequence[str] | None = None) -> int:
    try:
        signal.signal(signal.SIGTERM, _terminate)
        if signal.getsignal(signal.SIGINT) is signal.default_int_handler:  # not when started with Ctrl-C ignored
            signal.signal(signal.SIGINT, _interrupt)
        from yearbook.cli import main as run

        code = run(argv)
        # The work is done and its result decided: a signal now, while the interpreter shuts down, must not turn
        # that result into a death by signal (-2, seen when Ctrl-C came just as a report finished).
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        if _received:  # raised inside a finaliser, where Python drops exceptions: the run went on, but was stopped
            raise Terminated(_received[0]) if _received[0] == signal.SIGTERM else KeyboardInterrupt
        return code
    except KeyboardInterrupt:
        _quietly("yearbook：已中断（interrupted）\n")
        # Everything has unwound (temporaries removed); but CPython remembers an interrupt that passed through
        # certain C-level calls during imports and would end the process by SIGINT (-2) after we return, whatever
        # we return (seen under load: "已中断" printed, then exit -2). The contract says 130, so end here.
        return _end(_INTERRUPTED)
    except Terminated:
        _quietly("yearbook：已终止（terminated）\n")
        # Likewise: everything has unwound, and Python's exit handlers would wait on a process pool whose workers
        # were just killed (seen: a hang after 已终止, 1 run in 45).
        return _end(_TERMINATED)


def _end(code: int) -> int:
    """Output flushed, then the process ends at once with `code` (it never returns)."""
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError, KeyboardInterrupt, Terminated):
            stream.flush()
    os._exit(code)


def _quietly(message: str) -> None:
    try:
        sys.stderr.write(message)
        sys.stderr.flush()
    except (OSError, KeyboardInterrupt, Terminated):  # a second signal, or stderr gone: nothing more to say
        pass
