"""Work over many records trees on several processes, with the output one process would give.

`check`, `report` and `diff` over a folder of units call one function per unit. With `--jobs 1` the calls run
here, one after the other. With more, they run on a pool of worker processes and come back in the calls' order,
each with what it printed, which is then printed here: the output is the same, byte for byte, whatever the
number of jobs. Workers leave Ctrl-C and SIGTERM to this process, which stops them (`Pool.terminate`) as it
unwinds, so an interrupted run prints no worker's traceback and leaves no worker behind.
"""

from __future__ import annotations

import contextlib
import io
import signal
import sys
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

R = TypeVar("R")


@dataclass(frozen=True, slots=True)
class Done(Generic[R]):
    """A call's result, or the error it raised, and what it printed before (stdout, stderr)."""

    result: R | None
    out: str = ""
    err: str = ""
    error: Exception | None = None

    def replay(self) -> R:
        sys.stdout.write(self.out)
        sys.stderr.write(self.err)
        if self.error is not None:
            raise self.error
        return self.result  # type: ignore[return-value]  # None only with an error


def in_order(function: Callable[..., R], calls: Sequence[tuple[Any, ...]], jobs: int) -> Iterator[Done[R]]:
    """`function(*call)` for each call on up to `jobs` processes; yielded in the calls' order as each is ready.

    In one process the calls print as they go (and `Done` holds nothing printed); on several, each call's output
    is captured in its worker and carried back in its `Done`. Either way `Done.replay()` gives it to the user."""
    if jobs <= 1 or len(calls) <= 1:
        for call in calls:
            yield Done(function(*call))
        return
    import multiprocessing

    with multiprocessing.Pool(min(jobs, len(calls)), initializer=_worker) as pool:  # leaving it terminates the workers
        yield from pool.imap(_Captured(function), calls)


def _worker() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C reaches the whole process group: the parent answers it
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # how Pool.terminate stops a worker, at once and quietly


class _Captured(Generic[R]):
    """The function, run with its output captured (a class, not a closure, so that it can be sent to a worker)."""

    def __init__(self, function: Callable[..., R]) -> None:
        self.function = function

    def __call__(self, call: tuple[Any, ...]) -> Done[R]:
        out, err = io.StringIO(), io.StringIO()
        try:
            with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
                result = self.function(*call)
        except Exception as error:  # said by the parent after what the call printed, as one process would
            return Done(None, out.getvalue(), err.getvalue(), error)
        return Done(result, out.getvalue(), err.getvalue())
