"""What every stage reports: checks (code, severity, messages), violations and located findings.

A stage (loader, schema, rule) only says *what* it saw and *where* (a `Violation`); the engine stamps
the code and the severity from the `Check` and the configuration, and resolves the place to a line and
column. Messages live beside the check that raises them, in Chinese and English.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import NamedTuple

PathPart = str | int


class Severity(enum.Enum):
    ERROR = "error"
    WARNING = "warning"
    OFF = "off"


EXCERPT_CHARS = 40
# Arguments that quote what a file holds (a value, a key, a heading): cut to an excerpt in every message.
CONTENT = frozenset(
    {
        "value",
        "key",
        "actual",
        "actual_en",
        "detail",
        "heading",
        "lead",
        "label",
        "role",
        "name",
        "date",
        "tag",
        "text",
        "placeholder",
        "id",
        "field",
        "declared",
        "char",
        "open",
        "excerpt",
    }
)
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")


def printable(text: str) -> str:
    """Control and invisible (bidi, zero-width) characters as visible escapes: a file name or a value cannot
    clear a terminal, colour a log or reorder what a reader sees."""
    return _UNPRINTABLE.sub(lambda m: f"\\u{ord(m.group()):04x}", text) if _UNPRINTABLE.search(text) else text


def excerpt(value: object) -> object:
    """Content quoted in a message: at most EXCERPT_CHARS characters, made printable, so a record never floods
    a terminal, a log or a pull request, nor steers one with escapes."""
    if not isinstance(value, str):
        return value
    return printable(value if len(value) <= EXCERPT_CHARS else value[: EXCERPT_CHARS - 1] + "…")


@dataclass(frozen=True, slots=True)
class Check:
    """One kind of finding: a stable code, a name, a default severity and its messages.

    `messages` maps a variant name to a (Chinese, English) pair of `str.format` templates; each says what is
    wrong and how to fix it. `escalates_when_final` turns a warning into an error under `--final`.
    """

    code: str
    name: str
    severity: Severity
    messages: Mapping[str, tuple[str, str]]
    escalates_when_final: bool = False

    def message(self, variant: str, lang: str, args: Mapping[str, object]) -> str:
        """The message in `lang`; a tuple argument is listed the way that language lists things."""
        zh, en = self.messages[variant]
        separator, nothing = (", ", "(none)") if lang == "en" else ("、", "（无）")
        shown = {
            key: (separator.join(map(str, value)) or nothing) if isinstance(value, tuple) else excerpt(value) if key in CONTENT else value
            for key, value in args.items()
        }
        return (en if lang == "en" else zh).format(**shown)


class Where(NamedTuple):
    """A place in a record file: a path of keys and indexes, resolved to line:column only when reported.

    `key` points at a mapping key instead of its value; `offset` at a character inside a text value.
    `line`/`col` (1-based) are given directly when there is no node (encoding and syntax errors).
    A named tuple rather than a frozen dataclass: the model makes one per element, and this is the
    cheapest immutable value Python has.
    """

    file: str
    path: tuple[PathPart, ...] = ()
    key: bool = False
    offset: int | None = None
    line: int | None = None
    col: int | None = None

    def at(self, *parts: PathPart) -> Where:
        return Where(self.file, self.path + parts)

    def char(self, offset: int) -> Where:
        return Where(self.file, self.path, offset=offset)


@dataclass(frozen=True, slots=True)
class Violation:
    check: Check
    where: Where
    variant: str = "default"
    args: Mapping[str, object] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Finding:
    """A violation with its code, severity, message and 1-based position stamped by the engine."""

    code: str
    name: str
    severity: Severity
    message: str
    file: str
    line: int
    col: int

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.file, self.line, self.col, self.code)
