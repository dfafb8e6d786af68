"""YB302 unfilled-value: a named value, the organisation's name or the date is still empty.

A warning in drafts, where blanks are normal; an error with `--final`, since a filed report must not
carry a blank. The draft deliverables show each blank as 【待填：名称】.
"""

from __future__ import annotations

from collections.abc import Iterator

from yearbook import textrefs
from yearbook.findings import Check, Severity, Violation
from yearbook.rules.context import Context

CHECK = Check(
    "YB302",
    "unfilled-value",
    Severity.WARNING,
    {
        "figure": ("“{label}”（{id}）尚未填写。定稿前请填上 value。", "'{label}' ({id}) is not filled in yet. Fill in its value before the final version."),
        "computed": (
            "“{label}”（{id}）要由 {compute} 算出，但 {missing} 尚未填写。填上后它会自动算出。",
            "'{label}' ({id}) is computed as {compute}, but {missing} is not filled in yet. Fill it in and it is computed.",
        ),
        "org": (
            "组织{field}尚未填写（{use}）。请在 records/org.yaml 中填写 {key}。",
            "the organisation's {field_en} is not filled in ({use_en}). Fill in {key} in records/org.yaml.",
        ),
        "date": (
            "成文日期尚未填写。定稿前请填上 date，例如 {example}。",
            "the date of the document is not filled in. Set date before the final version, e.g. {example}.",
        ),
    },
    escalates_when_final=True,
)


def run(context: Context) -> Iterator[Violation]:
    year = context.year
    for figure in year.figures():
        if figure.compute is not None:
            if figure.id in year.missing:
                args = {"label": figure.label, "id": figure.id, "compute": figure.compute, "missing": "、".join(year.missing[figure.id])}
                yield Violation(CHECK, figure.where.at("compute"), "computed", args)
        elif not figure.filled:
            yield Violation(CHECK, figure.where.at("value"), "figure", {"label": figure.label, "id": figure.id})
    report = year.report
    if report is not None and report.dated and report.date is None:
        yield Violation(CHECK, report.where.at("date"), "date", {"example": f"{year.year + 1}-01-15"})
    org = context.org
    if org is None:
        return
    if org.short_name is None and "{org}" in context.corpus and any(_refers_to_org(text.value) for text in context.texts):
        yield Violation(
            CHECK,
            org.where.at("short_name"),
            "org",
            {"field": "简称", "field_en": "short name", "use": "文中 {org} 用它", "use_en": "{org} in the text uses it", "key": "short_name"},
        )
    if org.name is None and report is not None and report.signed and report.signature is None:
        yield Violation(
            CHECK, org.where.at("name"), "org", {"field": "全称", "field_en": "full name", "use": "署名用它", "use_en": "the signature uses it", "key": "name"}
        )


def _refers_to_org(value: str) -> bool:
    return "{org}" in value and any(isinstance(ref, textrefs.Reference) and ref.name == "org" for ref in textrefs.references(value))
