"""Work over many records trees on several processes, with the output one process would give.

`check`, `report` and `diff` over a folder of units make one call per unit. With `--jobs 1` the calls run here, one
after the other, printing as they go. With more, they run on worker processes (concurrent.futures'
ProcessPoolExecutor: a worker that dies breaks the pool with an error instead of hanging it) and come back in the
calls' order, each with what it printed, stdout and stderr interleaved as written, which is then printed here: the
output is the same whatever the number of jobs.

Stopping: Ctrl-C reaches the whole process group, workers too. Workers ignore it and leave the decision to this
process, which stops them as it unwinds (SIGTERM). A worker stopped in the middle of a call unwinds the call first,
as the main process would (pandoc killed, temporary folders removed), then exits; an idle one exits at once.
SIGINT and SIGTERM stay blocked while the workers are forked, so that none can arrive before a worker has set this.
"""

from __future__ import annotations

import contextlib
import io
import os
import signal
import sys
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from types import FrameType
from typing import TYPE_CHECKING, Generic, TypeVar

from yearbook.interrupts import STOPPING, deferred

if TYPE_CHECKING:
    from concurrent.futures import Future, ProcessPoolExecutor

R = TypeVar("R")

_STOP_SECONDS = 5.0  # how long stopped workers get to unwind before they are killed


@dataclass(frozen=True, slots=True)
class Done(Generic[R]):
    """A call's result, or the error it raised, and what it printed before: (1 for stdout or 2 for stderr, text)
    in the order written."""

    result: R | None
    printed: tuple[tuple[int, str], ...] = ()
    error: Exception | None = None

    def replay(self) -> R:
        for stream, text in self.printed:
            (sys.stdout if stream == 1 else sys.stderr).write(text)
        if self.error is not None:
            raise self.error
        return self.result  # type: ignore[return-value]  # None only with an error


@contextlib.contextmanager
def in_order(calls: Sequence[Callable[[], R]], jobs: int) -> Iterator[Iterator[Done[R]]]:
    """Each call (a `functools.partial` of a module-level function, so that it can be sent to a worker) on up to
    `jobs` processes, yielded in the calls' order as each is ready. Leaving the block, by an error or Ctrl-C
    included, stops the workers before the exception goes on."""
    if jobs <= 1 or len(calls) <= 1:
        yield (Done(call()) for call in calls)
        return
    from concurrent.futures import ProcessPoolExecutor  # 15 ms of imports (multiprocessing), only when used

    pool = ProcessPoolExecutor(max_workers=min(jobs, len(calls)), initializer=_worker)
    try:
        futures = _submitted(pool, calls)
        yield (future.result() for future in futures)
    except BaseException as error:
        _stop(pool, error)
        raise
    pool.shutdown()


def _submitted(pool: ProcessPoolExecutor, calls: Sequence[Callable[[], R]]) -> list[Future[Done[R]]]:
    """The calls queued; the workers are forked meanwhile, with SIGINT and SIGTERM held (see `_worker`)."""
    with deferred():
        return [pool.submit(_Captured(call)) for call in calls]


def _stop(pool: ProcessPoolExecutor, error: BaseException) -> None:
    """On an error the running calls finish (a unit's report: seconds) and the pool closes cleanly. On Ctrl-C or
    SIGTERM the workers are stopped now: told to unwind, given time, then killed. A second Ctrl-C is held until
    this is done (it would cut the killing short). The process then ends by os._exit (entry.py), so Python's exit
    handlers never wait on the pool's half-read pipes."""
    if isinstance(error, Exception):
        pool.shutdown(wait=True, cancel_futures=True)
        return
    with deferred():
        # ProcessPoolExecutor has no public way to stop its workers before Python 3.14 (terminate_workers).
        processes = list(getattr(pool, "_processes", {}).values())
        pool.shutdown(wait=False, cancel_futures=True)
        for process in processes:
            with contextlib.suppress(OSError, ValueError):
                process.terminate()
        for process in processes:
            with contextlib.suppress(OSError, ValueError, AssertionError):
                process.join(_STOP_SECONDS)
                if process.is_alive():
                    process.kill()


_in_call = False  # in a worker: whether a call is under way (SIGTERM then unwinds it) or the worker waits
_stopped = False  # in a worker: SIGTERM came; the worker ends when its call has unwound, however it ends


def _worker() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C reaches the whole group: the parent answers it
    signal.signal(signal.SIGTERM, _terminated)
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, STOPPING)


def _terminated(signum: int, frame: FrameType | None) -> None:
    global _stopped
    _stopped = True
    if _in_call:
        from yearbook.entry import Terminated

        # Once: the group's SIGTERM and then the parent's own both arrive, and a second Terminated in the middle of
        # the unwinding would cut it short (a pandoc thread's temporary folder left behind).
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        raise Terminated(signum)  # the call unwinds; _Captured then ends the worker
    os._exit(128 + signum)  # waiting for work: nothing to clean up


class _Captured(Generic[R]):
    """A call run with what it prints kept, in order (a class, not a closure, so that it can be sent to a worker)."""

    def __init__(self, call: Callable[[], R]) -> None:
        self.call = call

    def __call__(self) -> Done[R]:
        global _in_call
        printed: list[tuple[int, str]] = []
        try:
            _in_call = True
            with contextlib.redirect_stdout(_Stream(1, printed, sys.stdout)), contextlib.redirect_stderr(_Stream(2, printed, sys.stderr)):
                done = Done(self.call(), tuple(printed))
        except Exception as error:  # said by the parent after what the call printed, as one process would
            done = Done(None, tuple(printed), _sendable(error))
        except BaseException:  # stopped (Terminated): the call has unwound; the worker ends here
            os._exit(128 + signal.SIGTERM)
        finally:
            _in_call = False
        if _stopped:  # stopped, but the call ended anyway (its Terminated caught and turned into something else)
            os._exit(128 + signal.SIGTERM)
        return done


def _sendable(error: Exception) -> Exception:
    """The error as it can cross to the parent: itself if it pickles back whole, else its type and message."""
    import pickle

    try:
        pickle.loads(pickle.dumps(error))
    except Exception:
        return RuntimeError(f"{type(error).__name__}: {error}")
    return error


class _Stream(io.StringIO):
    """stdout or stderr of a call in a worker: the text kept with its stream, in order. A terminal stays a terminal
    (isatty), so that colour is chosen as it would be in one process."""

    def __init__(self, number: int, printed: list[tuple[int, str]], real: object) -> None:
        super().__init__()
        self.number, self.printed, self.real = number, printed, real

    def write(self, text: str) -> int:
        self.printed.append((self.number, text))
        return len(text)

    def isatty(self) -> bool:
        isatty = getattr(self.real, "isatty", None)
        return bool(isatty()) if callable(isatty) else False
