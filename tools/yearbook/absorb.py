"""A reviewer's edits mapped back to the records, purely: the printed paragraph's spans (each knowing the record
text piece or named value it prints) against the paragraph's text before and after review.

An edit inside a record's text changes that text; an edit inside a named value's printed value changes the value
(its figure, not the prose); an edit inside what the tool generates (numbers, joiners, the date) does not apply,
and is said with where it was.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field

from yearbook import textrefs
from yearbook.findings import Where
from yearbook.prose import normalize
from yearbook.report.document import FIGURE_VALUE, TABLE_VALUE, Heading, Line, Origin, Paragraph, Signature, Span, Table

_NUMBER = re.compile(r"[+-]?\d+(?:\.\d+)?")


@dataclass(frozen=True, slots=True)
class NotApplied:
    block: int
    before: str
    after: str
    why: str  # "generated": in a number, joiner, date …; "across": spans several record texts


@dataclass
class Edits:
    """What a review changes: record texts (place → new text), figure values (place → new value), and the edits
    that do not apply."""

    texts: dict[Where, str] = field(default_factory=dict)
    values: dict[Where, int | float | str] = field(default_factory=dict)
    cells: dict[Where, int | float | str | None] = field(default_factory=dict)  # a table cell's number, or blank
    removed: set[Where] = field(default_factory=set)  # list items (a paragraph, a point) deleted whole
    skipped: list[NotApplied] = field(default_factory=list)
    count: int = 0


def block_spans(block: object, line: int | None = None, cell: tuple[int, int] | None = None) -> tuple[Span, ...]:
    """The spans a block prints as one paragraph (a signature's line by its index, a table's caption or one of its
    cells), as the DOCX writes them."""
    if isinstance(block, Table):
        if cell is None:
            return block.caption
        row, place = cell
        return block.rows[row][place].spans if row < len(block.rows) and place < len(block.rows[row]) else ()
    if isinstance(block, Paragraph):
        return block.spans
    if isinstance(block, Heading):
        return (Span(block.number), *block.text, *block.body)
    if isinstance(block, Line):
        return (Span("\u3000" * block.indent), *block.spans)
    if isinstance(block, Signature) and line is not None and line < len(block.lines):
        return block.lines[line].spans
    return ()


def _span_at(starts: Sequence[int], spans: Sequence[Span], i1: int, i2: int) -> int | None:
    """The one span an edit of [i1, i2) falls in; for an insertion (i1 == i2), the record text before it, else after."""

    def index(position: int) -> int:
        return max(k for k, start in enumerate(starts) if start <= position) if position >= 0 else -1

    if i1 < i2:
        first, last = index(i1), index(i2 - 1)
        return first if first == last else None
    before = index(i1 - 1) if i1 > 0 else -1
    if before >= 0 and spans[before].origin is not None:
        return before
    after = index(i1) if i1 < sum(len(s.text) for s in spans) else -1
    return after if after >= 0 else before if before >= 0 else None


def map_edits(block_index: int, spans: tuple[Span, ...], before: str, after: str, edits: Edits, pieces_of: dict[Where, list[str | textrefs.Reference]]) -> None:
    """The difference between `before` (what the spans print) and `after`, added to `edits`."""
    if before == after:
        return
    if before.strip() and not after.strip():
        item = _item(spans)
        if item is not None:
            edits.removed.add(item)
            edits.count += 1
        else:
            edits.skipped.append(NotApplied(block_index, before, after, "generated"))
        return
    starts, position = [], 0
    for span in spans:
        starts.append(position)
        position += len(span.text)
    changed_pieces: dict[tuple[Where, int], str] = {}
    changed_values: dict[Where, str] = {}
    table_cells: set[Where] = set()
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, before, after, autojunk=False).get_opcodes()[::-1]:
        if tag == "equal":
            continue
        edits.count += 1
        k = _span_at(starts, spans, i1, i2)
        origin: Origin | None = spans[k].origin if k is not None else None
        if k is None or origin is None:
            edits.skipped.append(NotApplied(block_index, before[i1:i2], after[j1:j2], "generated" if k is not None else "across"))
            continue
        span = spans[k]
        local1, local2 = i1 - starts[k], i2 - starts[k]
        if origin.piece in (FIGURE_VALUE, TABLE_VALUE):
            current = changed_values.get(origin.where, span.text)
            changed_values[origin.where] = current[:local1] + after[j1:j2] + current[local2:]
            table_cells.add(origin.where) if origin.piece == TABLE_VALUE else None
            continue
        key = (origin.where, origin.piece)
        piece = pieces_of[origin.where][origin.piece]
        assert isinstance(piece, str)
        current = changed_pieces.get(key, piece)
        changed_pieces[key] = current[:local1] + after[j1:j2] + current[local2:]
    for (where, piece_index), text in changed_pieces.items():
        pieces = pieces_of[where]
        pieces[piece_index] = text
        edits.texts[where] = "".join(p if isinstance(p, str) else f"{{{p.name}}}" for p in _escaped(pieces))
    for where, shown in changed_values.items():
        if where in table_cells:
            edits.cells[where] = None if not shown.strip() or shown.startswith("【待填") else _value(shown)
        else:
            edits.values[where] = _value(shown)


def _item(spans: tuple[Span, ...]) -> Where | None:
    """The one list item (a paragraph, a point, a plan …) whose texts a paragraph prints, if there is one."""
    items = set()
    for span in spans:
        if span.origin is None or span.origin.piece in (FIGURE_VALUE, TABLE_VALUE):
            continue
        path = span.origin.where.path
        item = path if path and isinstance(path[-1], int) else path[:-1]
        items.add(Where(span.origin.where.file, item))
    only = next(iter(items)) if len(items) == 1 else None
    return only if only is not None and only.path and isinstance(only.path[-1], int) else None


def _escaped(pieces: list[str | textrefs.Reference]) -> list[str | textrefs.Reference]:
    return [textrefs.escape(p) if isinstance(p, str) else p for p in pieces]


def _value(shown: str) -> int | float | str:
    """A printed value as typed: a number when it reads as one (full-width digits too), else the text."""
    text = unicodedata.normalize("NFKC", shown).strip().replace(",", "")
    if _NUMBER.fullmatch(text):
        number = float(text)
        return int(number) if "." not in text else number
    return shown.strip()


def pieces_for(texts: dict[Where, str]) -> dict[Where, list[str | textrefs.Reference]]:
    """Each record text's pieces, as the spans index them (of the normalised text)."""
    return {where: list(textrefs.pieces(normalize(value))) for where, value in texts.items()}
