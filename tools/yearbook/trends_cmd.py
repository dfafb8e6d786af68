"""`yearbook trends [--figures ids] [--years A..B] [--out DIR]`: figures across years as charts (PNG and SVG drawn
with matplotlib in a Chinese font this machine has), a workbook with native Excel line charts (openpyxl), and a
Markdown page comparing the years that embeds the charts. Files are written as a set, or none.
"""

from __future__ import annotations

import argparse
import io
import re
from pathlib import Path
from typing import Any

from yearbook.command import checked, open_records
from yearbook.errors import Exit, UserError
from yearbook.say import say
from yearbook.sources import display
from yearbook.trends import Series, markdown, series
from yearbook.write import write_set

_RANGE = re.compile(r"(\d{4})\s*(?:\.\.|-|—|至)\s*(\d{4})")


def trends_cmd(args: argparse.Namespace) -> int:
    records = open_records(args)
    if isinstance(records, Exit):
        return records
    lang, available = records.lang, records.years
    selected = _years(args.years, available)
    if selected is None or len(selected) < 2:
        say(
            lang,
            f"趋势至少要两个年度；--years 写作 2021..2024。现有：{'、'.join(map(str, available)) or '（无）'}",
            f"trends need two years or more; write --years 2021..2024. There are: {', '.join(map(str, available)) or '(none)'}",
        )
        return Exit.USAGE
    result = checked(records, selected)
    if isinstance(result, Exit):
        return result
    wanted = [part.strip() for part in (args.figures or "").split(",") if part.strip()]
    known = {f.id for year in selected for f in result.years[year].figures()}
    unknown = [fid for fid in wanted if fid not in known]
    if unknown:
        say(
            lang,
            f"这些标识在 {selected[0]}—{selected[-1]} 年度里没有：{'、'.join(unknown)}",
            f"no such figures in {selected[0]}–{selected[-1]}: {', '.join(unknown)}",
        )
        return Exit.USAGE
    lines = series({year: result.years[year] for year in selected}, wanted)
    if not lines:
        say(lang, "没有在两个以上年度都填了数的数值，画不出趋势。", "no figure has values in two years or more; nothing to draw.")
        return Exit.USAGE
    font = _font_file()
    files: dict[Path, bytes] = {}
    images: dict[str, str] = {}
    for line in lines:
        png, svg = _chart(line, font)
        files[args.out / f"{line.id}.png"] = png
        files[args.out / f"{line.id}.svg"] = svg
        images[line.id] = f"{line.id}.png"
    files[args.out / "趋势.xlsx"] = _workbook(lines)
    files[args.out / "趋势.md"] = markdown(lines, images, selected[0], selected[-1]).encode("utf-8")
    written = write_set(files)
    say(
        lang,
        f"已画出 {len(lines)} 个数值的趋势，写入 {len(written)} 个文件：{display(args.out)}",
        f"drew {len(lines)} figures; wrote {len(written)} files to {display(args.out)}",
    )
    return Exit.CLEAN


def _years(selector: str | None, available: list[int]) -> list[int] | None:
    if selector is None:
        return available
    found = _RANGE.fullmatch(selector.strip())
    if found is None:
        return None
    first, last = int(found.group(1)), int(found.group(2))
    return [year for year in available if first <= year <= last]


def _font_file() -> str | None:
    """A Chinese font this machine has, as the PDF picks it (黑体's chain: a sans face reads best in a chart)."""
    try:
        from yearbook.report.render import font_plan, installed_fonts

        family = font_plan().choices["hei"].used
    except Exception:  # no typst or no Chinese font: the chart still draws, its Chinese may not
        return None
    return next((font.path for font in installed_fonts() if font.family == family and font.path), None)


def _chart(line: Series, font: str | None) -> tuple[bytes, bytes]:
    try:
        import matplotlib
    except ImportError as error:
        raise UserError(
            "画趋势图要用 matplotlib，还没有安装：请运行 make trends（或 pip install -r tools/requirements-charts.txt）。",
            "the charts need matplotlib, which is not installed: run make trends (or pip install -r tools/requirements-charts.txt).",
        ) from error

    matplotlib.use("Agg")
    from matplotlib import font_manager
    from matplotlib import pyplot as plt

    properties = None
    if font is not None:
        font_manager.fontManager.addfont(font)
        properties = font_manager.FontProperties(fname=font)
    matplotlib.rcParams.update({"svg.hashsalt": "yearbook", "svg.fonttype": "path", "axes.unicode_minus": False})
    known = line.known
    figure, axes = plt.subplots(figsize=(6.4, 3.6), dpi=150)
    try:
        axes.plot([str(year) for year, _ in known], [value for _, value in known], marker="o", color="#c00000", linewidth=2)
        for year, value in known:
            label = f"{int(value) if value.is_integer() else value}{line.unit if line.unit == '%' else ''}"
            axes.annotate(label, (str(year), value), textcoords="offset points", xytext=(0, 7), ha="center", fontproperties=properties, fontsize=9)
        title = f"{line.label}（{line.unit}）" if line.unit and line.unit != "%" else line.label + ("（%）" if line.unit == "%" else "")
        axes.set_title(title, fontproperties=properties, fontsize=12)
        axes.spines[["top", "right"]].set_visible(False)
        axes.grid(axis="y", alpha=0.3)
        axes.margins(y=0.2)
        figure.tight_layout()
        png, svg = io.BytesIO(), io.BytesIO()
        figure.savefig(png, format="png", metadata={"Software": None})
        figure.savefig(svg, format="svg", metadata={"Date": None, "Creator": None})
    finally:
        plt.close(figure)
    return png.getvalue(), svg.getvalue()


def _workbook(lines: list[Series]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.chart import LineChart, Reference
    from openpyxl.styles import Font

    book = Workbook()
    sheet: Any = book.active
    sheet.title = "趋势"
    years = [year for year, _ in lines[0].values]
    sheet.append(["数值", "单位", *(f"{year}年" for year in years)])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for line in lines:
        sheet.append([line.label, line.unit, *(value for _, value in line.values)])
    sheet.column_dimensions["A"].width = 30
    for n, line in enumerate(lines, start=2):
        chart = LineChart()
        chart.title = line.label
        chart.y_axis.title = line.unit or None
        chart.height, chart.width = 6, 12
        data = Reference(sheet, min_col=3, max_col=2 + len(years), min_row=n, max_row=n)
        chart.add_data(data, from_rows=True, titles_from_data=False)
        chart.set_categories(Reference(sheet, min_col=3, max_col=2 + len(years), min_row=1, max_row=1))
        chart.legend = None
        sheet.add_chart(chart, f"{chr(ord('C') + len(years) + 1)}{2 + (n - 2) * 13}")
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
