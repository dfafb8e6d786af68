"""YB202 broken-link: every link resolves.

A plan's `addresses` names problems of the same year and its `owner` a responsibility; an area's `owner`
too. `carries_out` on an area or event names a plan of the previous year. A `{id}` in any text names a
named value of the year (or `{org}`, `{year}`, `{next_year}`, `{last_year}`); literal braces are written `{{` and `}}`.
Links into a file that is missing or failed its own checks are not followed (that file is reported).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from yearbook import textrefs
from yearbook.findings import Check, Severity, Violation, Where
from yearbook.rules.context import Context
from yearbook.suggest import closest

CHECK = Check(
    "YB202",
    "broken-link",
    Severity.ERROR,
    {
        "problem": (
            "针对的问题“{target}”不存在。{suggestion}本年度 problems.yaml 中的问题有：{known}。",
            "problem '{target}' does not exist. {suggestion_en}Problems this year: {known}.",
        ),
        "owner": (
            "责任主体“{target}”不存在。{suggestion}本年度 responsibilities.yaml 中的职责有：{known}。",
            "responsibility '{target}' does not exist. {suggestion_en}Responsibilities this year: {known}.",
        ),
        "plan": (
            "“{target}”不是 {previous} 年度的计划。{suggestion}{previous} 年度的计划有：{known}。",
            "'{target}' is not a plan of {previous}. {suggestion_en}Plans of {previous}: {known}.",
        ),
        "no-previous": (
            "写了落实上年计划“{target}”，但没有 {previous} 年度的计划（records/{previous}/plans.yaml）可供核对。请补上该年度记录，或删去 carries_out。",
            "carries out '{target}' of {previous}, but there are no plans for {previous} (records/{previous}/plans.yaml) to check it against. Add them or remove carries_out.",
        ),
        "reference": (
            "引用了不存在的命名数值“{{{target}}}”。{suggestion}请在 figures 中定义它或改正拼写；如要写字面花括号，请写 {{{{ 和 }}}}。",
            "'{{{target}}}' refers to no named value. {suggestion_en}Define it under figures or fix the spelling; write literal braces as {{{{ and }}}}.",
        ),
        "brace": (
            "花括号没有配对。引用命名数值写作 {{标识}}，字面花括号写作 {{{{ 和 }}}}。",
            "an unpaired brace. Refer to a named value as {{id}}; write literal braces as {{{{ and }}}}.",
        ),
    },
)


def _broken(variant: str, where: Where, target: str, known: Iterable[str], **extra: object) -> Violation:
    known = list(known)
    close = closest(target, known)
    return Violation(
        CHECK,
        where,
        variant,
        {
            "target": target,
            "known": tuple(known),
            "suggestion": f"是不是“{close}”？" if close else "",
            "suggestion_en": f"Did you mean '{close}'? " if close else "",
            **extra,
        },
    )


def run(context: Context) -> Iterator[Violation]:
    year = context.year
    yield from _plan_links(context)
    yield from _carries_out(context)
    names = {figure.id for figure in year.figures()} | set(textrefs.BUILTIN)
    if "{" not in context.corpus and "}" not in context.corpus:
        return
    for text in context.texts:
        for ref in textrefs.references(text.value):
            if isinstance(ref, textrefs.StrayBrace):
                yield Violation(CHECK, text.where.char(ref.start), "brace")
            elif ref.name not in names:
                yield _broken("reference", text.where.char(ref.start), ref.name, sorted(names))


def _plan_links(context: Context) -> Iterator[Violation]:
    year = context.year
    problems = [p.id for p in year.problems()] if year.complete else None  # a part that failed: its ids unknown
    owners = [r.id for r in year.responsibilities] if year.responsibilities is not None else None
    for plan in year.plans():
        if problems is not None:
            for i, target in enumerate(plan.addresses):
                if target not in problems:
                    yield _broken("problem", plan.where.at("addresses", i), target, problems)
        if owners is not None and plan.owner is not None and plan.owner not in owners:
            yield _broken("owner", plan.where.at("owner"), plan.owner, owners)
    if owners is not None:
        for section in year.sections():
            if section.owner is not None and section.owner not in owners:
                yield _broken("owner", section.where.at("owner"), section.owner, owners)


def _carries_out(context: Context) -> Iterator[Violation]:
    previous_year = context.year.year - 1
    previous = context.previous
    known = [p.id for p in previous.planned()] if previous is not None and previous.complete else None
    for section in context.year.sections():
        links = [(section.where.at("carries_out", i), t) for i, t in enumerate(section.carries_out)]
        links += [(e.where.at("carries_out", i), t) for e in section.events for i, t in enumerate(e.carries_out)]
        for where, target in links:
            if known is None:
                yield Violation(CHECK, where, "no-previous", {"target": target, "previous": previous_year})
            elif target not in known:
                yield _broken("plan", where, target, known, previous=previous_year)
