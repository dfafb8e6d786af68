"""Moments that Ctrl-C or SIGTERM must not split: a signal that arrives meanwhile is held and acts right after.

For a few lines of bookkeeping only (a temporary file created and recorded, workers forked, a pool stopped), never
for work: what is held is delivered when the block ends, so stopping is delayed by the block's length. POSIX only;
elsewhere (Windows) the block runs as it is.
"""

from __future__ import annotations

import contextlib
import signal
from collections.abc import Iterator

STOPPING = (signal.SIGINT, signal.SIGTERM)


@contextlib.contextmanager
def deferred() -> Iterator[None]:
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, STOPPING)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)
