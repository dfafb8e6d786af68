"""Dates as records write them (2023-05-18, or 2023-05 when only the month is known), read strictly.

The schema checks the form; only the calendar knows that 2024-02-31 and 0000-01-01 are no days at all.
"""

from __future__ import annotations

import datetime as dt

FIRST_YEAR, LAST_YEAR = 1900, 2199  # the years a records folder may be named after


def calendar_date(iso: str) -> dt.date | None:
    """The (first) day a record's date names, or None when no such day exists in the years records cover."""
    parts = iso.split("-")
    if not 1 <= len(parts) <= 3 or not all(part.isascii() and part.isdigit() for part in parts):
        return None
    year, month, day = (int(part) for part in (*parts, "1", "1")[:3])
    if not FIRST_YEAR <= year <= LAST_YEAR:
        return None
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def last_day(iso: str) -> dt.date | None:
    """The last day a record's date names: the day itself, or the month's last day for 2023-05."""
    first = calendar_date(iso)
    if first is None or iso.count("-") == 2:
        return first
    following = dt.date(first.year + first.month // 12, first.month % 12 + 1, 1)
    return following - dt.timedelta(days=1)


def span_of(text: str) -> tuple[dt.date, dt.date] | None:
    """The first and last day an event's date covers: a day, a month, or a range written `2023-09-01/2023-09-05`
    (either end a month); None when an end is not on the calendar or the range runs backwards."""
    start, _, end = text.partition("/")
    first, last = calendar_date(start), last_day(end or start)
    if first is None or last is None or last < first:
        return None
    return first, last


def period_of(year: int, period: tuple[str, str] | None) -> tuple[dt.date, dt.date]:
    """The report period: the calendar year, or `period: {from: 2023-09, to: 2024-08}` (months or days)."""
    if period is not None:
        first, last = calendar_date(period[0]), last_day(period[1])
        if first is not None and last is not None and first <= last:
            return first, last
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


def _shown(parts: list[int], start: int) -> str:
    return "".join(f"{value}{unit}" for value, unit in list(zip(parts, "年月日", strict=False))[start:])


def event_date_text(text: str, with_year: bool = False) -> str:
    """How an event's date prints: 5月18日, 5月, 9月1日至5日, 9月28日至10月3日, 9月至11月; with the year when the
    report period spans two calendar years (a school year): 2023年9月1日. The second end of a range leaves out
    what it shares with the first."""
    start, _, end = text.partition("/")
    first = [int(part) for part in start.split("-")]
    shown = _shown(first, 0 if with_year else 1)
    if not end:
        return shown
    last = [int(part) for part in end.split("-")]
    if last[0] != first[0]:
        return f"{shown}至{_shown(last, 0)}"
    same_month = last[1] == first[1] and len(first) == len(last) == 3
    return f"{shown}至{_shown(last, 2 if same_month else 1)}"
