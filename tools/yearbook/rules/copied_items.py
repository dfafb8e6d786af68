"""YB211 copied-item: a plan or a problem word for word the same as last year's (warning).

A year started from the last one (`yearbook new-year`) keeps last year's problems and plans to be reviewed; one
left unchanged is either still true, and then worth saying so in this year's words, or forgotten. Years are
compared as what they mean (this year's “2024” and last year's “2023” are both “this year”), so a copy made by
new-year, which writes {year}, is found too.
"""

from __future__ import annotations

from collections.abc import Iterator

from yearbook import textrefs
from yearbook.findings import Check, Severity, Violation
from yearbook.model import Point, YearRecords
from yearbook.rules.context import Context

CHECK = Check(
    "YB211",
    "copied-item",
    Severity.WARNING,
    {
        "plan": (
            "这条计划与上一年度完全相同。请按今年的情况改写，或写明继续推进的新举措。",
            "this plan is word for word last year's. Rewrite it for the coming year, or say what is new in carrying it on.",
        ),
        "problem": (
            "这个问题与上一年度完全相同。请核对：已解决的删去；仍存在的写明今年的新情况。",
            "this problem is word for word last year's. Check it: remove it if solved; if it persists, say how it stands this year.",
        ),
    },
)


def _key(year: int, lead: str, text: str | None) -> str:
    return "\n".join(textrefs.relative_years(part, year)[0] for part in (lead, text or ""))


def _problems(records: YearRecords) -> Iterator[Point]:
    for part in records.parts:
        yield from getattr(part, "problems", ())


def run(context: Context) -> Iterator[Violation]:
    previous = context.previous
    if previous is None:
        return
    for kind, mine, theirs in (
        ("plan", list(context.year.plans()), list(previous.plans())),
        ("problem", list(_problems(context.year)), list(_problems(previous))),
    ):
        if not mine or not theirs:
            continue
        last = {_key(previous.year, item.lead.value, item.text.value if item.text else None) for item in theirs}
        for item in mine:
            if _key(context.year.year, item.lead.value, item.text.value if item.text else None) in last:
                yield Violation(CHECK, item.lead.where, kind)
