"""One record file, from bytes to a `Document` or a located violation: read (capped, regular files only),
decode, parse. The only way the toolkit turns a file into data, for records and for its own configuration."""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path

from yearbook.findings import Violation, Where
from yearbook.load import checks as load_checks
from yearbook.load.decode import decode
from yearbook.load.read import Refused, TooLarge, read_capped
from yearbook.load.yaml_strict import MAX_BYTES, Document, parse


def load_file(path: Path, shown: str) -> Document | Violation:
    """Read and parse one file on disk (it must lie in its own folder); every failure is a located violation."""
    return load_bytes(functools.partial(read_capped, path, path.parent, MAX_BYTES), shown)


def load_bytes(read: Callable[[], bytes], shown: str) -> Document | Violation:
    """Parse what `read` returns (it raises `Refused`, `TooLarge` or `OSError`); never an exception."""
    at_start = Where(shown, line=1, col=1)
    try:
        raw = read()
    except Refused as refusal:
        return Violation(load_checks.UNREADABLE, at_start, refusal.variant, refusal.args_)
    except TooLarge as too_large:
        return Violation(load_checks.TOO_LARGE, at_start, args={"size": too_large.size, "limit": MAX_BYTES})
    except OSError as error:
        return Violation(load_checks.UNREADABLE, at_start, args={"reason": error.strerror or str(error)})
    if not raw.strip():
        return Violation(load_checks.EMPTY, at_start)
    text = decode(raw, shown)
    return text if isinstance(text, Violation) else parse(text, shown)
