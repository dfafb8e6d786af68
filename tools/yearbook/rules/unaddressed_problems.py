"""YB205 unaddressed-problem: every problem found is addressed by at least one plan (warning).

A report that names a problem and plans nothing for it reads as unfinished; link the plan that answers
it through the plan's `addresses`.
"""

from __future__ import annotations

from collections.abc import Iterator

from yearbook.findings import Check, Severity, Violation
from yearbook.rules.context import Context

CHECK = Check(
    "YB205",
    "unaddressed-problem",
    Severity.WARNING,
    {
        "default": (
            "问题“{id}”（{lead}）没有任何计划针对它。请在 {files} 相应计划的 addresses 中加上 {id}。",
            "no plan addresses problem '{id}' ({lead}). Add {id} to the addresses of the plan that answers it in {files}.",
        )
    },
)


def run(context: Context) -> Iterator[Violation]:
    year = context.year
    if not year.complete:
        return
    addressed = {target for plan in year.plans() for target in plan.addresses}
    holders = [f"{part.name}.yaml" for part in year.parts if any(True for _ in part.plan_items())]
    files = "、".join(holders) or "计划所在的文件"
    for problem in year.problems():
        if problem.id not in addressed:
            yield Violation(CHECK, problem.where.at("id"), args={"id": problem.id, "lead": problem.lead.value, "files": files})
