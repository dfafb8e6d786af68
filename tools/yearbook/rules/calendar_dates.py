"""YB208 invalid-date: every date names a real day (2024-02-31 and 0000-01-01 do not).

The schema accepts any day from 01 to 31 in any month; a date that is not on the calendar cannot be
printed as 2024年2月31日 in a filed report, nor become the document's timestamp.
"""

from __future__ import annotations

from collections.abc import Iterator

from yearbook.dates import FIRST_YEAR, LAST_YEAR, calendar_date, span_of
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
        ),
        "reversed": (
            "日期范围 {date} 的结束早于开始。请写成“开始/结束”，如 2023-09-01/2023-09-05。",
            "the date range {date} ends before it starts. Write it as start/end, e.g. 2023-09-01/2023-09-05.",
        ),
    },
)


def _dates(context: Context) -> Iterator[tuple[str, Where]]:
    report = context.year.report
    if report is not None and report.date is not None:
        yield report.date, report.where.at("date")
    if report is not None and report.period is not None:
        yield from ((date, report.where.at("period", key)) for key, date in zip(("from", "to"), report.period, strict=True))
    for event in context.year.events():
        yield from ((date, event.where.at("date")) for date in event.date.split("/"))


def run(context: Context) -> Iterator[Violation]:
    for date, where in _dates(context):
        if calendar_date(date) is None:
            yield Violation(CHECK, where, args={"date": date, "first": FIRST_YEAR, "last": LAST_YEAR})
    for event in context.year.events():
        if "/" in event.date and all(calendar_date(end) for end in event.date.split("/")) and span_of(event.date) is None:
            yield Violation(CHECK, event.where.at("date"), "reversed", {"date": event.date})
    report = context.year.report
    period = report.period if report is not None else None
    if report is not None and period is not None and all(calendar_date(d) for d in period) and span_of("/".join(period)) is None:
        yield Violation(CHECK, report.where.at("period"), "reversed", {"date": " 至 ".join(period)})
