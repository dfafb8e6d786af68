"""Moments that Ctrl-C or SIGTERM must not split: a signal that arrives meanwhile is held and acts right after.

For a few lines of bookkeeping only (a temporary file created and recorded, workers forked, a pool stopped), never
for work: what is held is delivered when the block ends, so stopping is delayed by the block's length.

Two layers, because Python runs its signal handlers in the main thread whichever thread the kernel picks: the
handlers are swapped for ones that only note the signal (another thread may receive it), and the signals are
blocked in this thread (so that processes forked and threads started in the block begin with them blocked; a
forked worker unblocks them once it has set its own handling). The first signal held is raised again at the end.
"""

from __future__ import annotations

import contextlib
import signal
import threading
from collections.abc import Iterator
from types import FrameType

STOPPING = (signal.SIGINT, signal.SIGTERM)


@contextlib.contextmanager
def deferred() -> Iterator[None]:
    if threading.current_thread() is not threading.main_thread():
        yield  # handlers can only be changed, and only run, in the main thread
        return
    held: list[int] = []

    def hold(signum: int, frame: FrameType | None) -> None:
        held.append(signum)

    previous = {signum: signal.signal(signum, hold) for signum in STOPPING}
    mask = signal.pthread_sigmask(signal.SIG_BLOCK, STOPPING) if hasattr(signal, "pthread_sigmask") else None
    try:
        yield
    finally:
        if mask is not None:
            signal.pthread_sigmask(signal.SIG_SETMASK, mask)  # a blocked one arrives now, to `hold`
        for signum, handler in previous.items():
            signal.signal(signum, handler)
        if held:
            signal.raise_signal(held[0])  # through the handler it would have met
