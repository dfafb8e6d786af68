"""Computed figures: values the report works out from other figures, never typed, so they cannot disagree.

A figure with `compute:` instead of `value:` is one of
  sum(a, b, …)   the sum of this year's figures
  ratio(a, b)    a / b × 100 (a completion rate, a share)
  growth(a)      (a − last year's a) / last year's a × 100 (同比增长, in %)
  change(a)      a − last year's a (增加 N 个, or N 个百分点 for a percent)
  last(a)        last year's a (上年同期)
rounded to `decimals:` places (default: 1 for ratio and growth, else as many as the inputs were written with).
Last year's values come from the previous year's folder, by the same id. When an input is unfilled the result is
unfilled too, and the inputs still missing are named (YB302). Pure: models in, resolved figures and violations out.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping
from dataclasses import dataclass

from yearbook.findings import Check, Severity, Violation
from yearbook.load.yaml_strict import Written
from yearbook.model import Figure, YearRecords
from yearbook.prose import format_value
from yearbook.suggest import closest

CHECK = Check(
    "YB304",
    "computed-figure",
    Severity.ERROR,
    {
        "syntax": (
            "看不懂计算式“{compute}”。可用：sum(a, b, …) 求和、ratio(a, b) 比率（%）、growth(a) 同比增长（%）、change(a) 比上年增减、last(a) 上年数值，括号里写命名数值的标识。",
            "cannot read the formula '{compute}'. Use sum(a, b, …), ratio(a, b) (in %), growth(a) (year on year, in %), "
            "change(a) (against last year) or last(a), with figure ids inside the brackets.",
        ),
        "unknown": (
            "计算式用到的“{name}”不是本年度的命名数值。{suggestion}",
            "the formula uses '{name}', which is not a figure of this year. {suggestion_en}",
        ),
        "no-previous": (
            "计算“{name}”的上年数值需要 {previous} 年度中同一标识的命名数值，但没有找到。请在 {previous} 年度记录中补上“{name}”，或不用 growth/change/last。",
            "'{name}' needs last year's value, but {previous} has no figure with that id. Add '{name}' to {previous}, or do not use growth/change/last.",
        ),
        "text": (
            "“{name}”是文字（kind: text），不能参与计算。",
            "'{name}' is text (kind: text) and cannot be computed with.",
        ),
        "cycle": (
            "计算式循环引用：{chain}。请让其中一个数值直接填写。",
            "the formulas refer to each other in a circle: {chain}. Fill one of them in directly.",
        ),
        "zero": (
            "“{name}”为 0，不能作除数，计算结果无法得出。",
            "'{name}' is 0 and cannot be divided by; the result cannot be computed.",
        ),
        "both": (
            "“{id}”同时写了 value 和 compute。计算的数值不用填写：请删去 value，或删去 compute 改为直接填写。",
            "'{id}' has both value and compute. A computed figure is not filled in: remove value, or remove compute and fill it in.",
        ),
    },
)

_CALL = re.compile(r"\s*(sum|ratio|growth|change|last)\s*[(（]\s*([a-z0-9-]+(?:\s*[,，、]\s*[a-z0-9-]+)*)\s*[)）]\s*\Z")
_ARITY = {"sum": (1, 64), "ratio": (2, 2), "growth": (1, 1), "change": (1, 1), "last": (1, 1)}
Number = int | float


@dataclass(frozen=True, slots=True)
class Resolved:
    figures: Mapping[str, Figure]  # the computed figures with their values (None while an input is unfilled)
    missing: Mapping[str, tuple[str, ...]]  # computed id → the inputs still unfilled ("a" or "2023年 a")
    violations: tuple[Violation, ...]


class _Failed(Exception):
    def __init__(self, violation: Violation) -> None:
        self.violation = violation


def parse(compute: str) -> tuple[str, tuple[str, ...]] | None:
    match = _CALL.match(compute)
    if match is None:
        return None
    name, args = match.group(1), tuple(re.split(r"\s*[,，、]\s*", match.group(2).strip()))
    low, high = _ARITY[name]
    return (name, args) if low <= len(args) <= high else None


def decimals_of(value: Number) -> int:
    """The decimals a number was written (or computed) with."""
    text = format_value(value)
    return len(text.split(".")[1]) if "." in text else 0


def _rounded(value: float, decimals: int) -> Number:
    return Written(f"{value:.{decimals}f}") if decimals > 0 else round(value)


def growth(before: Number, after: Number, decimals: int = 1) -> Number:
    """同比增长 in %, rounded as the report rounds it; `before` must not be 0."""
    return _rounded((after - before) / before * 100, decimals)


class _Resolver:
    def __init__(self, year: YearRecords, previous: YearRecords | None) -> None:
        self.year = year
        self.own = {figure.id: figure for figure in year.figures()}
        self.last = {figure.id: figure for figure in previous.figures()} if previous is not None else None
        self.values: dict[str, tuple[Number | None, tuple[str, ...]]] = {}
        self.failed: set[str] = set()
        self.stack: list[str] = []

    def value(self, figure: Figure) -> tuple[Number | None, tuple[str, ...]]:
        """The figure's number (None when unfilled) and the unfilled inputs behind it."""
        if figure.compute is None:
            if figure.kind == "text" and figure.filled:
                raise _Failed(Violation(CHECK, figure.where.at("kind"), "text", {"name": figure.id}))
            return (figure.value if figure.filled and isinstance(figure.value, int | float) else None), (() if figure.filled else (figure.id,))
        if figure.id in self.values:
            return self.values[figure.id]
        if figure.id in self.stack:
            chain = " → ".join([*self.stack[self.stack.index(figure.id) :], figure.id])
            raise _Failed(Violation(CHECK, figure.where.at("compute"), "cycle", {"chain": chain}))
        self.stack.append(figure.id)
        try:
            result = self._compute(figure)
        finally:
            self.stack.pop()
        self.values[figure.id] = result
        return result

    def _input(self, figure: Figure, name: str) -> Figure:
        found = self.own.get(name)
        if found is None:
            close = closest(name, self.own)
            args = {"name": name, "suggestion": f"是不是“{close}”？" if close else "", "suggestion_en": f"Did you mean '{close}'?" if close else ""}
            raise _Failed(Violation(CHECK, figure.where.at("compute"), "unknown", args))
        return found

    def _previous(self, figure: Figure, name: str) -> tuple[Number | None, tuple[str, ...]]:
        found = self.last.get(name) if self.last is not None else None
        if found is None:
            raise _Failed(Violation(CHECK, figure.where.at("compute"), "no-previous", {"name": name, "previous": self.year.year - 1}))
        number = found.value if found.filled and isinstance(found.value, int | float) else None
        return number, (() if number is not None else (f"{self.year.year - 1}年 {name}",))

    def _compute(self, figure: Figure) -> tuple[Number | None, tuple[str, ...]]:
        assert figure.compute is not None
        call = parse(figure.compute)
        if call is None:
            raise _Failed(Violation(CHECK, figure.where.at("compute"), "syntax", {"compute": figure.compute}))
        name, args = call
        inputs = [self.value(self._input(figure, arg)) for arg in args]
        if name in ("growth", "change", "last"):
            inputs.append(self._previous(figure, args[0]))
        missing = tuple(dict.fromkeys(m for _, ms in inputs for m in ms))
        numbers = [number for number, _ in inputs]
        if missing or any(number is None for number in numbers):
            return None, missing or (args[0],)
        values: list[Number] = [n for n in numbers if n is not None]
        decimals = figure.decimals if figure.decimals is not None else (1 if name in ("ratio", "growth") else max(map(decimals_of, values)))
        if name == "sum":
            return _rounded(sum(values), decimals), ()
        if name == "last":
            return _rounded(values[-1], decimals), ()
        if name == "change":
            return _rounded(values[0] - values[1], decimals), ()
        divisor = values[1]
        if divisor == 0:
            raise _Failed(Violation(CHECK, figure.where.at("compute"), "zero", {"name": args[1] if name == "ratio" else f"{self.year.year - 1}年 {args[0]}"}))
        if name == "growth":
            return growth(divisor, values[0], decimals), ()
        return _rounded(values[0] / divisor * 100, decimals), ()


def resolve(year: YearRecords, previous: YearRecords | None) -> Resolved:
    """The year's computed figures resolved against its own figures and last year's."""
    if not any(figure.compute is not None for figure in year.figures()):
        return Resolved({}, {}, ())  # the common case: nothing to compute
    resolver = _Resolver(year, previous)
    figures: dict[str, Figure] = {}
    missing: dict[str, tuple[str, ...]] = {}
    violations: list[Violation] = []
    for figure in year.figures():
        if figure.compute is None:
            continue
        if figure.value is not None:
            violations.append(Violation(CHECK, figure.where.at("value"), "both", {"id": figure.id}))
        try:
            value, unfilled = resolver.value(figure)
        except _Failed as failed:
            violations.append(failed.violation)
            value, unfilled = None, ()
        figures[figure.id] = dataclasses.replace(figure, value=value)
        if value is None and unfilled:
            missing[figure.id] = unfilled
    return Resolved(figures, missing, tuple(violations))  # a repeat (an input failing twice) is dropped when stamped
