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
