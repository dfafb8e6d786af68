"""Two years side by side: the figures and their change, which of last year's plans this year carries
out, and the problems found again."""

from __future__ import annotations

from dataclasses import dataclass

from yearbook import compute
from yearbook.model import YearRecords
from yearbook.prose import format_value, normalize


@dataclass(frozen=True, slots=True)
class FigureRow:
    id: str
    label: str
    unit: str
    first: str  # "" when unfilled, "—" when the year has no such value
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

        def shown(f: object) -> str:
            if f is None:
                return "—"
            return format_value(f.value) if f.filled and f.value is not None else ""  # type: ignore[attr-defined]

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
    if first.complete and second.complete:
        earlier = {p.id: normalize(p.lead.value) for p in first.problems()}
        leads = set(earlier.values())
        for problem in second.problems():
            lead = normalize(problem.lead.value)
            if problem.id in earlier or lead in leads:
                recurring.append((problem.id, lead))
    return YearsComparison(first.year, second.year, tuple(rows), plans, tuple(recurring))


def terminal(comparison: YearsComparison) -> str:
    a, b = comparison.first, comparison.second
    lines = [f"{a} 年度 → {b} 年度", "", "数值："]
    for row in comparison.figures:
        unit = row.unit if row.unit == "%" else f" {row.unit}" if row.unit else ""
        lines.append(f"  {row.label}（{row.id}）：{row.first or '（待填）'} → {row.second or '（待填）'}{unit}  {row.change}".rstrip())
    done = [p for p in comparison.plans if p.carried_by]
    lines += ["", f"{a} 年度计划的落实：{len(done)}/{len(comparison.plans)} 项在 {b} 年度有落实记录"]
    for plan in comparison.plans:
        status = "；".join(plan.carried_by) if plan.carried_by else "（没有落实记录）"
        lines.append(f"  {plan.lead}（{plan.id}）：{status}")
    lines += ["", f"再次出现的问题：{len(comparison.recurring_problems)} 个"]
    lines += [f"  {lead}（{pid}）" for pid, lead in comparison.recurring_problems]
    return "\n".join(lines) + "\n"


def markdown(comparison: YearsComparison) -> str:
    from yearbook.diff.render import _md

    a, b = comparison.first, comparison.second
    lines = [f"### {a} 年度 → {b} 年度", "", f"| 数值 | {a} | {b} | 变化 |", "| --- | --- | --- | --- |"]
    for row in comparison.figures:
        lines.append(f"| {_md(row.label)} | {_md(row.first or '（待填）')} | {_md(row.second or '（待填）')} {_md(row.unit)} | {row.change} |")
    lines += ["", f"**{a} 年度计划的落实**", ""]
    for plan in comparison.plans:
        lines.append(f"- {_md(plan.lead)}：{_md('；'.join(plan.carried_by)) if plan.carried_by else '**没有落实记录**'}")
    lines += ["", f"**再次出现的问题**：{len(comparison.recurring_problems)} 个", ""]
    lines += [f"- {_md(lead)}（{pid}）" for pid, lead in comparison.recurring_problems]
    return "\n".join(lines) + "\n"
