"""The rules run on a year's model after the schema. One module per rule; its docstring documents it.

Each module has `CHECK` (code, name, default severity, messages) and `run(context)` yielding violations;
the engine stamps code and severity and locates them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from types import ModuleType

from yearbook.findings import Check, Violation
from yearbook.rules import (
    brackets,
    calendar_dates,
    copied_items,
    duplicate_ids,
    event_dates,
    file_names,
    gb2312_characters,
    halfwidth_punctuation,
    links,
    paragraph_endings,
    placeholders,
    quotes,
    stale_years,
    table_checks,
    typed_numbering,
    unaddressed_problems,
    unfilled_values,
    value_kinds,
    year_match,
)
from yearbook.rules.context import Context

MODULES: tuple[ModuleType, ...] = (
    duplicate_ids,
    links,
    year_match,
    stale_years,
    copied_items,
    calendar_dates,
    event_dates,
    file_names,
    unaddressed_problems,
    value_kinds,
    unfilled_values,
    placeholders,
    halfwidth_punctuation,
    paragraph_endings,
    gb2312_characters,
    quotes,
    brackets,
    typed_numbering,
    table_checks,
)

Runner = Callable[[Context], Iterable[Violation]]
RULES: tuple[tuple[Check, Runner], ...] = tuple((module.CHECK, module.run) for module in MODULES)
# Every check a rule can report: a module that reports several lists them all in CHECKS.
RULE_CHECKS: tuple[Check, ...] = tuple(check for module in MODULES for check in getattr(module, "CHECKS", (module.CHECK,)))
