"""What a deliverable is called: the title on one line, made safe for every file system the report meets.

A title is the user's text, so it may hold what a file name must not: path separators, characters Windows
refuses, control and bidi-override characters (which make `报告.exe‮xcod.` look like something else), a
leading `-` (read as an option) or `.` (hidden), or more bytes than a file name holds.
"""

from __future__ import annotations

import re
import unicodedata
from typing import NamedTuple

# A file name holds 255 bytes; the atomic writer adds ".", "." + 8 random characters and ".tmp", and the
# longest extension is ".docx": 200 bytes for the stem leave room for all of them.
MAX_STEM_BYTES = 200
_NOT_IN_FILE_NAMES = re.compile(r'[\\/:*?"<>|\s]+')
_WINDOWS_RESERVED = re.compile(r"(CON|PRN|AUX|NUL|COM[0-9]|LPT[0-9])(\..*)?\Z", re.IGNORECASE)


class Stem(NamedTuple):
    text: str
    usable: bool  # False: the title gave nothing usable and `text` is the fallback


def fallback(year: int) -> str:
    return f"{year}年度报告"


def file_stem(title: str, year: int) -> Stem:
    """The file name (without extension) for a title; the year's fallback name when the title gives none."""
    kept = "".join(ch for ch in title if unicodedata.category(ch)[0] != "C")  # controls, format (bidi), unassigned
    stem = _NOT_IN_FILE_NAMES.sub("", kept).lstrip(".-").rstrip(".")
    encoded = stem.encode("utf-8")
    if len(encoded) > MAX_STEM_BYTES:
        stem = encoded[:MAX_STEM_BYTES].decode("utf-8", errors="ignore").rstrip(".")
    if not stem or _WINDOWS_RESERVED.match(stem):
        return Stem(fallback(year), False)
    return Stem(stem, True)
