"""YB203 year-mismatch: the `year` in each file equals the name of its folder.

A file copied from last year's folder and not updated would otherwise report last year's year.
"""

from __future__ import annotations

from collections.abc import Iterator

from yearbook.findings import Check, Severity, Violation
from yearbook.rules.context import Context

CHECK = Check(
    "YB203",
    "year-mismatch",
    Severity.ERROR,
    {
        "default": (
            "文件写的年度是 {declared}，但它在 {folder} 年度的文件夹里。请把 year 改为 {folder}，或把文件移到 records/{declared}/。",
            "the file says year {declared} but sits in the folder of {folder}. Set year to {folder}, or move the file to records/{declared}/.",
        )
    },
)


def run(context: Context) -> Iterator[Violation]:
    folder = context.year.year
    for declared, where in context.year.declared_years:
        if declared != folder:
            yield Violation(CHECK, where, args={"declared": declared, "folder": folder})
