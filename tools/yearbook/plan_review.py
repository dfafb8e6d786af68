"""计划完成情况对照表: each of last year's plans (a 工作要点's areas too) beside this year's items that carry it out
(`carries_out`), with a status. Pure.

落实: carried out by at least one item, written in full. 部分: carried out, but a carrying item still has a blank
(an unfilled value or a placeholder), so what was done is not yet said. 未见落实: no item of this year names it.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from yearbook import textrefs
from yearbook.model import Section, Text, YearRecords
from yearbook.prose import PLACEHOLDER_RE, normalize

DONE, PARTLY, NOT_SEEN = "落实", "部分", "未见落实"
STATUS_EN = {DONE: "carried out", PARTLY: "partly", NOT_SEEN: "not seen"}


@dataclass(frozen=True, slots=True)
class Carrier:
    id: str
    title: str  # the section's heading, or the event's date and first words
    complete: bool


@dataclass(frozen=True, slots=True)
class ReviewRow:
    plan_id: str
    lead: str
    owner: str
    carriers: tuple[Carrier, ...]
    status: str


def _section_texts(section: Section) -> Iterator[Text]:
    yield section.heading
    yield from section.paragraphs
    for point in section.points:
        yield point.lead
        if point.text is not None:
            yield point.text
    for sub in section.sections:
        yield from _section_texts(sub)


def _complete(texts: list[Text], unfilled: set[str]) -> bool:
    for text in texts:
        for piece in textrefs.pieces(text.value):
            if isinstance(piece, textrefs.Reference):
                if piece.name in unfilled:
                    return False
            elif PLACEHOLDER_RE.search(piece):
                return False
    return True


def review(previous: YearRecords, current: YearRecords) -> list[ReviewRow]:
    """Last year's plans in their order, each with this year's carrying items and a status."""
    unfilled = {f.id for f in current.figures() if not f.filled and f.compute is None}
    unfilled |= set(current.missing)
    carriers: dict[str, list[Carrier]] = {}
    for section in current.sections():
        for plan_id in section.carries_out:
            complete = _complete(list(_section_texts(section)), unfilled)
            carriers.setdefault(plan_id, []).append(Carrier(section.id, normalize(section.heading.value), complete))
        for event in section.events:
            for plan_id in event.carries_out:
                complete = _complete([event.text], unfilled)
                carriers.setdefault(plan_id, []).append(Carrier(event.id, f"{event.date} {normalize(event.text.value)[:16]}", complete))
    roles = {r.id: r.role.value for r in current.responsibilities or previous.responsibilities or ()}
    rows = []
    for plan in previous.planned():
        mine = tuple(carriers.get(plan.id, ()))
        status = NOT_SEEN if not mine else DONE if all(c.complete for c in mine) else PARTLY
        rows.append(ReviewRow(plan.id, normalize(plan.lead.value), roles.get(plan.owner or "", plan.owner or ""), mine, status))
    return rows


def counts(rows: list[ReviewRow]) -> dict[str, int]:
    return {status: sum(1 for row in rows if row.status == status) for status in (DONE, PARTLY, NOT_SEEN)}
