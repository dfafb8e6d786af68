"""YB208 invalid-date: every date names a real day (2024-02-31 and 0000-01-01 do not).

The schema accepts any day from 01 to 31 in any month; a date that is not on the calendar cannot be
printed as 2024年2月31日 in a filed report, nor become the document's timestamp.
"""

from __future__ import annotations

from collections.abc import Iterator

from yearbook.dates import FIRST_YEAR, LAST_YEAR, calendar_date
from yearbook.findings import Check, Severity, Violation, Where
from yearbook.rules.context import Context

CHECK = Check(
    "YB208",
    "invalid-date",
    Severity.ERROR,
    {
        "default": (
            "日期 {date} 在日历上不存在（如 2 月 30 日、4 月 31 日），或年份不在 {first}–{last} 之间。请改正日期。",
            "the date {date} is not on the calendar (like 30 February or 31 April), or its year is outside {first}–{last}. Correct it.",
        )
    },
)


def _dates(context: Context) -> Iterator[tuple[str, Where]]:
    report = context.year.report
    if report is not None and report.date is not None:
        yield report.date, report.where.at("date")
    for section in context.year.sections():
        for event in section.events:
            yield event.date, event.where.at("date")


def run(context: Context) -> Iterator[Violation]:
    for date, where in _dates(context):
        if calendar_date(date) is None:
            yield Violation(CHECK, where, args={"date": date, "first": FIRST_YEAR, "last": LAST_YEAR})
