"""YB301 value-kind: a named value fits its kind.

`count` is a whole number, not negative; `percent` (a share) lies between 0 and 100; `rate` (a completion
rate or a growth, in per cent) and `number` are any number, negative or above 100; `text` is text. An empty value is unfilled, which YB302 reports instead.
"""

from __future__ import annotations

from collections.abc import Iterator

from yearbook.findings import Check, Severity, Violation
from yearbook.model import Figure
from yearbook.rules.context import Context

CHECK = Check(
    "YB301",
    "value-kind",
    Severity.ERROR,
    {
        "count": (
            "“{label}”是计数，应为不小于 0 的整数，这里是 {value}。",
            "'{label}' is a count: a whole number of 0 or more, not {value}.",
        ),
        "percent": ("“{label}”是百分比，应在 0 到 100 之间，这里是 {value}。", "'{label}' is a percentage between 0 and 100, not {value}."),
        "number": (
            "“{label}”应为数字，这里是“{value}”。只写阿拉伯数字，不加单位和千位逗号，例如 1200。",
            "'{label}' must be a number, not '{value}'. Write digits only, without units or separators, e.g. 1200.",
        ),
        "text": (
            "“{label}”是文字，这里是数字 {value}。请加引号写成文字，或把 kind 改为 count/number。",
            "'{label}' is text, not the number {value}. Quote it, or set kind to count/number.",
        ),
    },
)


def _problem(figure: Figure) -> str | None:
    value = figure.value
    if not figure.filled:
        return None
    is_number = isinstance(value, (int, float)) and not isinstance(value, bool)
    if figure.kind == "text":
        return None if isinstance(value, str) else "text"
    if not is_number:
        return "number"
    if figure.kind == "count" and (not isinstance(value, int) or value < 0):
        return "count"
    if figure.kind == "percent" and not 0 <= value <= 100:  # type: ignore[operator]
        return "percent"
    return None


def run(context: Context) -> Iterator[Violation]:
    for figure in context.year.figures():
        if figure.compute is not None:
            continue  # its inputs are checked; a computed count may round, a computed change may be negative
        variant = _problem(figure)
        if variant is not None:
            yield Violation(CHECK, figure.where.at("value"), variant, {"label": figure.label, "value": figure.value})
