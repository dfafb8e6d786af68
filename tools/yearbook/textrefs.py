"""Named-value references in prose: `{id}` refers to a value, `{{` and `}}` are literal braces.

Pure and shared by the checker (links, placeholders) and the compiler (interpolation).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

_TOKEN_RE = re.compile(r"\{\{|\}\}|\{([^{}]*)\}|[{}]")
ID_RE = re.compile(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*\Z")
BUILTIN = ("org", "year", "next_year", "last_year")


@dataclass(frozen=True, slots=True)
class Reference:
    name: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class StrayBrace:
    start: int


def references(text: str) -> Iterator[Reference | StrayBrace]:
    """The references and unpaired braces of a text, in order. Fast when there are no braces at all."""
    if "{" not in text and "}" not in text:
        return
    for match in _TOKEN_RE.finditer(text):
        token = match.group(0)
        if token in ("{{", "}}"):
            continue
        if match.group(1) is not None:
            yield Reference(match.group(1), match.start(), match.end())
        else:
            yield StrayBrace(match.start())


def escape(text: str) -> str:
    """Literal text as record text: its braces doubled, so none reads as a reference."""
    return text.replace("{", "{{").replace("}", "}}")


def literal_spans(text: str) -> Iterator[tuple[int, str]]:
    """(offset, piece) of the text with references taken out, for rules that read the prose itself."""
    if "{" not in text and "}" not in text:
        yield 0, text
        return
    position = 0
    for match in _TOKEN_RE.finditer(text):
        if match.group(1) is not None:
            yield position, text[position : match.start()]
            position = match.end()
    yield position, text[position:]


def pieces(text: str) -> Iterator[str | Reference]:
    """The text as literal strings (escaped braces made single) and references, in order."""
    position = 0
    for match in _TOKEN_RE.finditer(text):
        token = match.group(0)
        if token in ("{{", "}}"):
            yield text[position : match.start()] + token[0]
        elif match.group(1) is not None:
            yield text[position : match.start()]
            yield Reference(match.group(1), match.start(), match.end())
        else:
            yield text[position : match.end()]  # a stray brace stays as written; check reports it
        position = match.end()
    yield text[position:]


def _year_pattern(year: int) -> re.Pattern[str]:
    return re.compile(rf"(?<![0-9０-９])(?:{year - 1}|{year}|{year + 1})(?![0-9０-９])")


def relative_years(text: str, year: int) -> tuple[str, int]:
    """The text with the digits of `year` as {year}, of the next year as {next_year} and of the year before as
    {last_year} (a table's “2023年 | 2022年” columns), outside references; and how many were changed."""
    pattern = _year_pattern(year)
    out, changed, position = [], 0, 0
    for offset, piece in literal_spans(text):
        out.append(text[position:offset])

        def replace(match: re.Match[str]) -> str:
            nonlocal changed
            changed += 1
            return {str(year): "{year}", str(year + 1): "{next_year}"}.get(match.group(0), "{last_year}")

        out.append(pattern.sub(replace, piece))
        position = offset + len(piece)
    out.append(text[position:])
    return "".join(out), changed
