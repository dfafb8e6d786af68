"""Which characters of a document no installed font can draw: Typst then prints the first font's empty box (tofu).

The character maps are read with fontTools. Every Chinese font a report's chains can pick covers GB 2312 (the
6,763 hanzi of everyday text, and its punctuation), so only characters outside it are looked up: a typical year
has none, and the check costs nothing; a rare character in a name or a place is looked for in the chains' fonts
first, then in every installed font.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class FontFile:
    family: str
    path: str
    index: int


def in_gb2312(char: str) -> bool:
    """In GB 2312 as Windows maps it (code page 936: its “—” is U+2014 and its “·” U+00B7, where Python's own gb2312
    codec has U+2015 and U+30FB): the GBK bytes fall in GB 2312's rows."""
    if char.isascii():
        return True
    try:
        code = char.encode("gbk")
    except UnicodeEncodeError:
        return False
    return len(code) == 2 and 0xA1 <= code[0] <= 0xF7 and 0xA1 <= code[1] <= 0xFE


def candidates(text: str) -> list[str]:
    """The characters worth looking up: outside GB 2312, and neither whitespace nor a control character."""
    return sorted({char for char in text if not char.isspace() and char.isprintable() and not in_gb2312(char)})


@functools.cache
def _charmap(path: str, index: int) -> frozenset[int]:
    from fontTools.ttLib import TTFont  # only when a character outside GB 2312 is printed

    try:
        with TTFont(path, fontNumber=index, lazy=True) as font:
            return frozenset(font.getBestCmap() or ())
    except Exception:  # a font file fontTools cannot read covers nothing here; Typst will not use it either
        return frozenset()


def uncovered(text: str, fonts: Sequence[FontFile], preferred: Iterable[str] = ()) -> list[str]:
    """The characters of `text` that none of `fonts` has, looking in the `preferred` families' files first."""
    wanted = {ord(char) for char in candidates(text)}
    if not wanted:
        return []
    first = set(preferred)
    for font in sorted(fonts, key=lambda f: f.family not in first):
        wanted -= _charmap(font.path, font.index)
        if not wanted:
            return []
    return [chr(code) for code in sorted(wanted)]
