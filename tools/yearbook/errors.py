"""What a user is told when a command cannot go on, and the exit codes every command shares.

A `UserError` is an environment or usage problem (a missing pandoc, an unwritable output, a git revision that
does not exist): it carries its message in Chinese and English, and the CLI turns it into one line on stderr
and exit 2. Findings in the records are not errors of this kind: they are values, and exit 1.
"""

from __future__ import annotations

import enum
import signal


class Exit(enum.IntEnum):
    """The exit-code contract, the same for every command (README: 退出码 / Exit codes)."""

    CLEAN = 0  # no errors (warnings allowed)
    FINDINGS = 1  # the records have errors (or warnings, with --strict)
    USAGE = 2  # usage or environment error: a UserError
    BUG = 3  # an unexpected failure of the tool itself, reported in one line
    INTERRUPTED = 128 + signal.SIGINT  # Ctrl-C
    TERMINATED = 128 + signal.SIGTERM  # SIGTERM (a cancelled CI job, `timeout`)


class UserError(Exception):
    """A problem the user can fix, said in both languages; `zh` and `en` are whole sentences."""

    def __init__(self, zh: str, en: str = "") -> None:
        super().__init__(en or zh)
        self.zh, self.en = zh, en or zh

    def __reduce__(self) -> tuple[object, tuple[object, ...]]:
        """Whole across processes (a unit's error from a worker): both languages, whatever a subclass's __init__."""
        return _rebuilt, (type(self), self.zh, self.en)


def _rebuilt(kind: type[UserError], zh: str, en: str) -> UserError:
    error = Exception.__new__(kind)
    error.args = (en,)
    error.zh, error.en = zh, en
    return error
