"""YB210 stale-year: a year in the text that is neither the record's year nor a neighbour (warning).

A report is written from last year's, and a year typed as digits stays behind: “2023年” in the 2025 folder. The
record's year (both years of a school year), the one before and the one after may be named; any other year is reported where it
stands, unless it sits in a title (《…》) or a span of years that takes in the record's year (2021—2025年). Years
written as {year}, {last_year} or {next_year} move with the record and are never stale.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from yearbook import textrefs
from yearbook.dates import period_of
from yearbook.findings import Check, Severity, Violation
from yearbook.rules.context import Context

CHECK = Check(
    "YB210",
    "stale-year",
    Severity.WARNING,
    {
        "default": (
            "文中的“{found}”年既不是本年度（{year}）也不是相邻的年度，多半是从往年照抄来的。指本年度请写 {{year}}，"
            "上一年度写 {{last_year}}，下一年度写 {{next_year}}（随年度变化）；确实要写 {found} 年就忽略此提示。",
            "'{found}' is neither the record's year ({year}) nor a neighbour: it was probably copied from an earlier year. "
            "Write {{year}} for this year, {{last_year}} for the one before, {{next_year}} for the next (they follow the "
            "record); if {found} is meant, ignore this warning.",
        )
    },
)

_YEAR = re.compile(r"(?<![0-9０-９])(19[5-9][0-9]|20[0-9]{2})(?![0-9０-９])")
_SPAN = re.compile(r"(?<![0-9])(\d{4})\s*[—–\-－~～至到]+\s*(\d{4})(?![0-9])")


def _covered(piece: str, year: int) -> list[tuple[int, int]]:
    """Stretches where a year is not a stale one: inside 《…》, or a span of years that takes in `year`."""
    stretches = [(m.start(), m.end()) for m in re.finditer(r"《[^》]*》", piece)]
    stretches += [(m.start(), m.end()) for m in _SPAN.finditer(piece) if int(m.group(1)) <= year <= int(m.group(2))]
    return stretches


def run(context: Context) -> Iterator[Violation]:
    year = context.year.year
    if not _YEAR.search(context.corpus):
        return
    report = context.year.report
    first, last = period_of(year, report.period if report is not None else None)  # a school year spans two
    allowed = {str(y) for y in range(first.year - 1, last.year + 2)}
    for text in context.texts:
        for offset, piece in textrefs.literal_spans(text.value):
            matches = [m for m in _YEAR.finditer(piece) if m.group(1) not in allowed]
            if not matches:
                continue
            covered = _covered(piece, year)
            for match in matches:
                if not any(start <= match.start() < end for start, end in covered):
                    yield Violation(CHECK, text.where.char(offset + match.start()), args={"found": match.group(1), "year": year})
