"""YB204 event-date: an event's date falls inside the report period of its records.

The period is the calendar year, or `period:` in report.yaml (a school year 2023-09 to 2024-08). An event of
2023 dated 2022-12-30 belongs to last year's records, or the date has a typo; a range must lie wholly inside.
"""

from __future__ import annotations

from collections.abc import Iterator

from yearbook.dates import period_of, span_of
from yearbook.findings import Check, Severity, Violation
from yearbook.rules.context import Context

CHECK = Check(
    "YB204",
    "event-date",
    Severity.ERROR,
    {
        "default": (
            "事项日期 {date} 不在 {year} 年内。请改正日期，或把这个事项记到 {other} 年度。",
            "event date {date} is not in {year}. Fix the date or record the event under {other}.",
        ),
        "period": (
            "事项日期 {date} 不在报告期（{first} 至 {last}）内。请改正日期，或调整 report.yaml 的 period。",
            "event date {date} is outside the report period ({first} to {last}). Fix the date or the period in report.yaml.",
        ),
    },
)


def run(context: Context) -> Iterator[Violation]:
    year = context.year
    declared = year.report.period if year.report is not None else None
    first, last = period_of(year.year, declared)
    for event in year.events():
        span = span_of(event.date)
        if span is None:
            continue  # not on the calendar: YB208 says so
        if span[0] < first or span[1] > last:
            where = event.where.at("date")
            if declared is None:
                other = span[0].year if span[0].year != year.year else span[1].year
                yield Violation(CHECK, where, args={"date": event.date, "year": year.year, "other": other})
            else:
                yield Violation(CHECK, where, "period", {"date": event.date, "first": first.isoformat(), "last": last.isoformat()})
