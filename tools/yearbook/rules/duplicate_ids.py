"""YB201 duplicate-id: every id is used once within a year.

Ids name areas, points, problems, plans, responsibilities, events and named values; diffs and links
match items by id, so two items with one id would be confused. Reported at the second use.
"""

from __future__ import annotations

from collections.abc import Iterator

from yearbook.findings import Check, Severity, Violation, Where
from yearbook.rules.context import Context

CHECK = Check(
    "YB201",
    "duplicate-id",
    Severity.ERROR,
    {
        "default": (
            "标识“{id}”重复：{first_file} 中已有一个{first_kind}用了它。同一年度内标识不能重复，请另取一个。",
            "id '{id}' is used twice: a {first_kind_en} in {first_file} already has it. Ids are unique within a year; choose another.",
        )
    },
)

KIND_NAMES = {
    "figure": ("命名数值", "named value"),
    "responsibility": ("职责", "responsibility"),
    "area": ("工作领域", "area"),
    "point": ("要点", "point"),
    "event": ("事项", "event"),
    "problem": ("问题", "problem"),
    "plan": ("计划", "plan"),
}


def run(context: Context) -> Iterator[Violation]:
    first: dict[str, tuple[str, Where]] = {}
    for kind, ident, where in context.year.identified():
        if ident in first:
            first_kind, first_where = first[ident]
            yield Violation(
                CHECK,
                where if kind != "figure" else Where(where.file, where.path, key=True),
                args={"id": ident, "first_file": first_where.file, "first_kind": KIND_NAMES[first_kind][0], "first_kind_en": KIND_NAMES[first_kind][1]},
            )
        else:
            first[ident] = (kind, where)
