"""YB204 event-date: an event's date falls inside the year of its records.

An event of 2023 dated 2022-12-30 belongs to last year's records, or the date has a typo.
"""

from __future__ import annotations

from collections.abc import Iterator

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
        )
    },
)


def run(context: Context) -> Iterator[Violation]:
    year = context.year.year
    for section in context.year.sections():
        for event in section.events:
            event_year = int(event.date[:4])
            if event_year != year:
                yield Violation(CHECK, event.where.at("date"), args={"date": event.date, "year": year, "other": event_year})
