"""Character-level diff for Chinese prose, with numbers and Latin words kept whole.

`1200→1250` reads as one replaced number, not `12[-0-][+5+]0`; a one-character edit inside a Chinese
paragraph is one character, not a rewritten line. Tiny equal runs between two edits are folded into the
edit, so a heavy rewrite reads as a rewrite rather than confetti.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from typing import Literal

Op = Literal["=", "-", "+"]
_TOKEN = re.compile(r"\d+(?:[.,:]\d+)*%?|[A-Za-z]+(?:['’-][A-Za-z]+)*|\{[a-z0-9_-]+\}|\s+|.", re.DOTALL)


def tokenize(text: str) -> list[str]:
    return _TOKEN.findall(text)


@dataclass(frozen=True, slots=True)
class Piece:
    op: Op
    text: str


def diff(old: str, new: str) -> tuple[Piece, ...]:
    """The edit from `old` to `new` as equal, deleted and inserted pieces, in order."""
    a, b = tokenize(old), tokenize(new)
    pieces: list[Piece] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            pieces.append(Piece("=", "".join(a[i1:i2])))
            continue
        if i2 > i1:
            pieces.append(Piece("-", "".join(a[i1:i2])))
        if j2 > j1:
            pieces.append(Piece("+", "".join(b[j1:j2])))
    return _fold(pieces)


def _fold(pieces: list[Piece]) -> tuple[Piece, ...]:
    """Absorb one-character equal runs that sit between edits into them, then merge neighbours."""
    out: list[Piece] = []
    for i, piece in enumerate(pieces):
        between_edits = 0 < i < len(pieces) - 1 and pieces[i - 1].op != "=" and pieces[i + 1].op != "="
        if piece.op == "=" and len(piece.text) == 1 and between_edits:
            out += [Piece("-", piece.text), Piece("+", piece.text)]
        else:
            out.append(piece)
    merged: dict[Op, list[str]] = {"-": [], "+": []}
    result: list[Piece] = []
    for piece in out:
        if piece.op == "=":
            result += [Piece(op, "".join(merged[op])) for op in ("-", "+") if merged[op]]
            merged = {"-": [], "+": []}
            result.append(piece)
        else:
            merged[piece.op].append(piece.text)
    result += [Piece(op, "".join(merged[op])) for op in ("-", "+") if merged[op]]
    return tuple(result)


def excerpt(pieces: tuple[Piece, ...], context: int = 12) -> tuple[Piece, ...]:
    """The edit with long equal stretches cut to `context` tokens either side of a change ("…"), never
    inside a number, a Latin word or a {reference}."""
    out: list[Piece] = []
    for i, piece in enumerate(pieces):
        if piece.op != "=":
            out.append(piece)
            continue
        tokens = tokenize(piece.text)
        first, last = i == 0, i == len(pieces) - 1
        text = piece.text
        if first and len(tokens) > context:
            text = "…" + "".join(tokens[-context:])
        elif last and len(tokens) > context:
            text = "".join(tokens[:context]) + "…"
        elif not first and not last and len(tokens) > 2 * context:
            text = "".join(tokens[:context]) + "…" + "".join(tokens[-context:])
        out.append(Piece("=", text))
    return tuple(out)
