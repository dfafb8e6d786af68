"""Figures across years: the series (pure), their growth as the report computes it, and a Markdown page that
embeds one chart per figure. Drawing (matplotlib) and the workbook (openpyxl, native charts) are in trends_cmd.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from yearbook import compute
from yearbook.model import YearRecords
from yearbook.prose import format_value, normalize, with_unit

NUMERIC = ("count", "number", "percent", "rate")


@dataclass(frozen=True, slots=True)
class Series:
    id: str
    label: str
    kind: str
    unit: str
    values: tuple[tuple[int, float | None], ...]  # (year, value) in year order; None when unfilled or absent

    @property
    def known(self) -> list[tuple[int, float]]:
        return [(year, value) for year, value in self.values if value is not None]


def series(years: Mapping[int, YearRecords], wanted: Sequence[str] = ()) -> list[Series]:
    """One series per numeric figure (computed ones with the value the report prints): the ids asked for, in that
    order, or every figure with a value in at least two of the years, in the order the latest year lists them."""
    ordered = sorted(years)
    tables = {year: {f.id: f for f in years[year].figures()} for year in ordered}
    ids = list(wanted) or list(dict.fromkeys(fid for year in reversed(ordered) for fid in tables[year]))
    out = []
    for fid in ids:
        figures = [tables[year].get(fid) for year in ordered]
        present = [f for f in figures if f is not None]
        if not present or present[-1].kind not in NUMERIC:
            continue
        values = tuple(
            (year, float(f.value) if f is not None and f.filled and isinstance(f.value, int | float) and not isinstance(f.value, bool) else None)
            for year, f in zip(ordered, figures, strict=True)
        )
        if wanted or sum(v is not None for _, v in values) >= 2:
            latest = present[-1]
            out.append(Series(fid, normalize(latest.label), latest.kind, latest.unit or "", values))
    return out


def growth(a: float, b: float, kind: str) -> str:
    """The change from a to b as the report words it: percentage points for a share or a rate, a percentage
    (compute.growth, one decimal, as growth(…) prints) otherwise."""
    delta = round(b - a, 10)
    sign = "+" if delta > 0 else ""
    if kind in ("percent", "rate"):
        return f"{sign}{format_value(round(delta, 2))} 个百分点" if delta else "持平"
    if not a:
        return "—"
    return f"{sign}{format_value(compute.growth(a, b, 1))}%" if delta else "持平"


def markdown(all_series: Iterable[Series], images: Mapping[str, str], first: int, last: int) -> str:
    """The years compared: a table of every series with its latest change, then each chart."""
    listed = list(all_series)
    years = sorted({year for s in listed for year, _ in s.values})
    lines = [f"### 主要数值 {first}—{last} 年", "", "| 数值 | " + " | ".join(f"{y}年" for y in years) + " | 较上年 |", "|" + " --- |" * (len(years) + 2)]
    for s in listed:
        by_year = dict(s.values)
        known = s.known
        change = growth(known[-2][1], known[-1][1], s.kind) if len(known) >= 2 and known[-1][0] == years[-1] and known[-2][0] == years[-2] else "—"
        cells = [with_unit(_plain(by_year.get(y)), s.unit) if by_year.get(y) is not None else "（待填）" for y in years]
        lines.append(f"| {s.label} | " + " | ".join(cells) + f" | {change} |")
    for s in listed:
        if s.id in images:
            lines += ["", f"![{s.label}]({images[s.id]})"]
    return "\n".join(lines) + "\n"


def _plain(value: float | None) -> int | float | None:
    return int(value) if value is not None and value.is_integer() else value
