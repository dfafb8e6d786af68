"""Two years side by side: the figures and their change, which of last year's plans this year carries
out, and the problems found again."""

from __future__ import annotations

from dataclasses import dataclass

from yearbook import compute
from yearbook.model import Figure, YearRecords
from yearbook.prose import ABSENT, format_value, normalize, with_unit


@dataclass(frozen=True, slots=True)
class FigureRow:
    id: str
    label: str
    unit: str
    first: str  # with its unit, “（待填）” when unfilled, “（无此项）” when the year has no such value
    second: str
    change: str


@dataclass(frozen=True, slots=True)
class PlanFollowUp:
    id: str
    lead: str
    carried_by: tuple[str, ...]  # "领域 加强…（id）" / "事项 2024-03-05 …（id）"


@dataclass(frozen=True, slots=True)
class YearsComparison:
    first: int
    second: int
    figures: tuple[FigureRow, ...]
    plans: tuple[PlanFollowUp, ...]
    recurring_problems: tuple[tuple[str, str], ...]  # (id, lead) found in both years
    new_problems: tuple[tuple[str, str], ...] = ()  # the second year's problems the first did not have
    resolved_problems: tuple[tuple[str, str], ...] = ()  # the first year's problems that no longer appear


def _number(value: object) -> float | None:
    return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else None


def _change(old: object, new: object, percent: bool, decimals: int = 1) -> str:
    a, b = _number(old), _number(new)
    if a is None or b is None:
        return "" if old == new else "有变化"
    places = max(compute.decimals_of(v) for v in (old, new) if isinstance(v, int | float))
    delta = round(b - a, places)  # 3.86 − 3.52 is 0.34, not 0.33999…
    sign = "+" if delta > 0 else ""
    if percent:  # a change of a rate is in percentage points, not a percentage of a percentage
        return f"{sign}{format_value(round(delta, 2))} 个百分点" if delta else "持平"
    text = f"{sign}{format_value(delta)}" if delta else "持平"
    if a and delta:
        text += f"（{sign}{format_value(compute.growth(a, b, decimals))}%）"  # as a computed growth(…) figure prints it
    return text


def compare_years(first: YearRecords, second: YearRecords) -> YearsComparison:
    old = {f.id: f for f in first.figures()}
    new = {f.id: f for f in second.figures()}
    # When the report computes growth(x) with its own rounding, the comparison rounds x's growth the same way.
    growth_decimals = {
        call[1][0]: f.decimals for f in new.values() if f.compute and f.decimals is not None and (call := compute.parse(f.compute)) and call[0] == "growth"
    }
    rows = []
    for fid in list(old) + [f for f in new if f not in old]:
        a, b = old.get(fid), new.get(fid)
        figure = b or a
        assert figure is not None

        def shown(f: Figure | None) -> str:
            return ABSENT if f is None else with_unit(f.value, f.unit)

        decimals = growth_decimals.get(fid, 1)
        change = _change(a.value, b.value, figure.kind in ("percent", "rate"), decimals) if a and b and a.filled and b.filled else ""
        rows.append(FigureRow(fid, normalize(figure.label), figure.unit or "", shown(a), shown(b), change))
    carried: dict[str, list[str]] = {}
    for section in second.sections():
        for plan_id in section.carries_out:
            carried.setdefault(plan_id, []).append(f"领域 {normalize(section.heading.value)}（{section.id}）")
        for event in section.events:
            for plan_id in event.carries_out:
                carried.setdefault(plan_id, []).append(f"事项 {event.date} {normalize(event.text.value)[:20]}（{event.id}）")
    plans = tuple(PlanFollowUp(p.id, normalize(p.lead.value), tuple(carried.get(p.id, ()))) for p in first.plans())
    recurring: list[tuple[str, str]] = []
    appeared: list[tuple[str, str]] = []
    resolved: list[tuple[str, str]] = []
    if first.complete and second.complete:
        earlier = {p.id: normalize(p.lead.value) for p in first.problems()}
        later = {p.id: normalize(p.lead.value) for p in second.problems()}
        for pid, lead in later.items():
            (recurring if pid in earlier or lead in earlier.values() else appeared).append((pid, lead))
        resolved = [(pid, lead) for pid, lead in earlier.items() if pid not in later and lead not in later.values()]
    return YearsComparison(first.year, second.year, tuple(rows), plans, tuple(recurring), tuple(appeared), tuple(resolved))


def terminal(comparison: YearsComparison) -> str:
    a, b = comparison.first, comparison.second
    lines = [f"{a} 年度 → {b} 年度", "", "数值："]
    for row in comparison.figures:
        lines.append(f"  {row.label}（{row.id}）：{row.first} → {row.second}  {row.change}".rstrip())
    done = [p for p in comparison.plans if p.carried_by]
    lines += ["", f"{a} 年度计划的落实：{len(done)}/{len(comparison.plans)} 项在 {b} 年度有落实记录"]
    for plan in comparison.plans:
        status = "；".join(plan.carried_by) if plan.carried_by else "（没有落实记录）"
        lines.append(f"  {plan.lead}（{plan.id}）：{status}")
    for title, problems in _problem_lists(comparison):
        lines += ["", f"{title}：{len(problems)} 个"]
        lines += [f"  {lead}（{pid}）" for pid, lead in problems]
    return "\n".join(lines) + "\n"


def _problem_lists(comparison: YearsComparison) -> list[tuple[str, tuple[tuple[str, str], ...]]]:
    a = comparison.first
    return [
        ("再次出现的问题", comparison.recurring_problems),
        ("新出现的问题", comparison.new_problems),
        (f"已不再出现的问题（{a} 年度有）", comparison.resolved_problems),
    ]


def markdown(comparison: YearsComparison, charts: dict[str, str] | None = None) -> str:
    """The comparison for a pull request or an issue; `charts` (figure id → image path, from `yearbook trends`)
    are embedded under the figures' table."""
    from yearbook.diff.render import _md

    a, b = comparison.first, comparison.second
    lines = [f"### {a} 年度 → {b} 年度", "", f"| 数值 | {a} | {b} | 变化 |", "| --- | --- | --- | --- |"]
    for row in comparison.figures:
        lines.append(f"| {_md(row.label)} | {_md(row.first)} | {_md(row.second)} | {row.change} |")
    for row in comparison.figures:
        if charts and row.id in charts:
            lines += ["", f"![{_md(row.label)}]({charts[row.id]})"]
    lines += ["", f"**{a} 年度计划的落实**", ""]
    for plan in comparison.plans:
        lines.append(f"- {_md(plan.lead)}：{_md('；'.join(plan.carried_by)) if plan.carried_by else '**没有落实记录**'}")
    for title, problems in _problem_lists(comparison):
        lines += ["", f"**{title}**：{len(problems)} 个", ""]
        lines += [f"- {_md(lead)}（{pid}）" for pid, lead in problems]
    return "\n".join(lines) + "\n"
