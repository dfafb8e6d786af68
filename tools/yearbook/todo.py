"""What is left before a year's report can be final, grouped by who owns it. Pure: the year's model and the
blanks the rules find (YB302 unfilled values, YB303 placeholders, exactly what `--final` refuses) in; groups out.

The owner of a blank is the responsibility that owns where it stands: the section (its own `owner`, or the nearest
enclosing section's) or the plan. A named value declared outside any owned item belongs to whoever writes the
first text that uses it. Blanks nobody owns (the date, the organisation's name) form a group of their own.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from yearbook import textrefs
from yearbook.findings import Violation, Where
from yearbook.model import YearRecords

NO_OWNER = ""


@dataclass(frozen=True, slots=True)
class Blank:
    file: str
    line: int
    col: int
    code: str
    message: str


@dataclass(frozen=True, slots=True)
class Group:
    owner: str  # a responsibility id, or NO_OWNER
    role: str  # how the owner is called (the responsibility's role), or the owner id when it has none
    blanks: tuple[Blank, ...]


def _owned(year: YearRecords) -> list[tuple[Where, str]]:
    """(where, owner) of every owned section and plan, deepest paths last so that they win."""
    owned = [(section.where, section.owner) for section in year.sections() if section.owner]
    owned += [(plan.where, plan.owner) for plan in year.plans() if plan.owner]
    return sorted(owned, key=lambda pair: len(pair[0].path))


def owner_of(where: Where, owned: Sequence[tuple[Where, str]]) -> str:
    found = NO_OWNER
    for place, owner in owned:
        if place.file == where.file and where.path[: len(place.path)] == place.path:
            found = owner
    return found


def _figure_owners(year: YearRecords, owned: Sequence[tuple[Where, str]]) -> dict[str, str]:
    """Each named value's owner by the first owned text that uses it."""
    owners: dict[str, str] = {}
    for text in year.texts():
        owner = owner_of(text.where, owned)
        if not owner:
            continue
        for piece in textrefs.pieces(text.value):
            if isinstance(piece, textrefs.Reference):
                owners.setdefault(piece.name, owner)
    return owners


def figure_owners(year: YearRecords) -> dict[str, str]:
    """Each named value's owner: the owner of the item it is declared in, else of the first text that uses it."""
    owned = _owned(year)
    by_use = _figure_owners(year, owned)
    return {figure.id: owner_of(figure.where, owned) or by_use.get(figure.id, NO_OWNER) for figure in year.figures()}


def group_blanks(
    year: YearRecords, violations: Iterable[Violation], locate: Callable[[Where], tuple[int, int]], message: Callable[[Violation], str]
) -> list[Group]:
    """The blanks by owner, in the order the owners appear in responsibilities.yaml (then any other, then none);
    within a group in file and line order."""
    owned = _owned(year)
    by_figure = _figure_owners(year, owned)
    figure_places = {figure.where.path: figure.id for figure in year.figures()}
    groups: dict[str, list[Blank]] = {}
    for violation in violations:
        where = violation.where
        owner = owner_of(where, owned)
        if not owner and len(where.path) >= 1:
            figure = figure_places.get(where.path[:-1])
            owner = by_figure.get(figure, NO_OWNER) if figure else NO_OWNER
        line, col = locate(where)
        groups.setdefault(owner, []).append(Blank(where.file, line, col, violation.check.code, message(violation)))
    roles = {r.id: r.role.value for r in year.responsibilities or ()}
    order = [r.id for r in year.responsibilities or ()]
    ranked = sorted(groups, key=lambda owner: (owner == NO_OWNER, order.index(owner) if owner in order else len(order), owner))
    return [Group(owner, roles.get(owner, owner), tuple(sorted(groups[owner], key=lambda b: (b.file, b.line, b.col)))) for owner in ranked]
