"""Bytes to text: UTF-8 (with or without BOM) is read; anything else is named in a clear error.

A file that is not UTF-8 gets a located violation naming the encoding it seems to be in, a few characters
read that way (so the user sees whether they read right) and a conversion command that can never destroy the
file: it writes a new file (`iconv` without `-c` stops at bytes the encoding does not have) and the user
replaces the original only after reading the new one. A wrong guess that happens to decode (Big5 bytes read
as GB18030 decode without error, into nonsense) is therefore caught by the reader, never written over the
record. Detection (charset-normalizer, imported only on this path) is restricted to the encodings Chinese
offices meet; when it cannot tell (a short file, two encodings reading equally well) both are named.
"""

from __future__ import annotations

import re
import shlex
from typing import NamedTuple

from yearbook.findings import Violation, Where, excerpt
from yearbook.load import checks

_UTF8_BOM = b"\xef\xbb\xbf"
# UTF-32 before UTF-16: the UTF-32LE mark begins with the UTF-16LE one.
_BOMS = (
    (b"\xff\xfe\x00\x00", "UTF-32", "utf-32"),
    (b"\x00\x00\xfe\xff", "UTF-32", "utf-32"),
    (b"\xff\xfe", "UTF-16", "utf-16"),
    (b"\xfe\xff", "UTF-16", "utf-16"),
)
_HEAD = 512  # bytes looked at for the NUL pattern of UTF-16 without a BOM on the fast path
_EXCERPT_CHARS = 20
# Two candidates whose text is within this much "mess" (charset-normalizer's percent_chaos) read equally well.
_CLOSE = 5.0
# Fewer non-ASCII bytes than this (about 15 Chinese characters) and the detector is often wrong: name two.
_SURE_BYTES = 30
_ASCII = bytes(range(0x80))
_NON_ASCII_RE = re.compile(r"[^\x00-\x7f]")


class Encoding(NamedTuple):
    label: str  # how a message names it
    iconv: str  # the name glibc's iconv takes (`iconv -l`)
    codec: str  # the Python codec that reads the same bytes the same way


# What Chinese offices meet, the likelier first: this order breaks the ties the detector cannot. In a family,
# the narrowest encoding that reads the whole file is named (CP950 only for a Big5 file with Windows additions).
_FAMILIES: tuple[tuple[Encoding, ...], ...] = (
    (Encoding("GB18030", "GB18030", "gb18030"),),  # GB2312 and GBK files too: GB18030 extends both
    (Encoding("Big5", "BIG5", "big5"), Encoding("Big5", "CP950", "cp950"), Encoding("Big5-HKSCS", "BIG5-HKSCS", "big5hkscs")),
    (Encoding("Shift_JIS", "SHIFT_JIS", "shift_jis"), Encoding("Shift_JIS", "CP932", "cp932")),
    (Encoding("EUC-KR", "EUC-KR", "euc_kr"), Encoding("EUC-KR", "CP949", "cp949")),
    (Encoding("Windows-1252", "CP1252", "cp1252"),),
)
_FAMILY = {encoding.codec: index for index, family in enumerate(_FAMILIES) for encoding in family}
_CHINESE = 2  # the first two families


def decode(raw: bytes, file: str) -> str | Violation:
    """Return the text of a record file, or a located violation naming the encoding it seems to be in."""
    if raw.startswith(_UTF8_BOM):
        raw = raw[3:]
    for bom, label, codec in _BOMS:
        if raw.startswith(bom):
            return _wide(raw, file, Encoding(label, label, codec))
    if b"\x00" in raw[:_HEAD]:
        # UTF-16 that is also valid UTF-8 is (nearly) all ASCII: a NUL in every other pair at least.
        wide = _utf16_without_bom(raw[:_HEAD], raw, 2)
        if wide is not None:
            return _wide(raw, file, wide)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        return _not_utf8(raw, file, error.start)
    # Windows editors save CRLF, old Mac ones a lone CR; libyaml reads both as line breaks, and so must every
    # line count here (tab, full-width and control character positions are counted on "\n").
    return text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text


def _utf16_without_bom(sample: bytes, raw: bytes, share: int) -> Encoding | None:
    """UTF-16 without a mark: ASCII characters (keys, spaces, line ends) leave a NUL on one side of their pair
    (in at least one pair of `share`), and the file must read as UTF-16. No legacy encoding has NULs in text."""
    pairs = len(sample) // 2
    even, odd = sample[0 : pairs * 2 : 2].count(0), sample[1 : pairs * 2 : 2].count(0)
    for nuls, other, encoding in ((odd, even, Encoding("UTF-16LE", "UTF-16LE", "utf-16-le")), (even, odd, Encoding("UTF-16BE", "UTF-16BE", "utf-16-be"))):
        if nuls >= max(2, pairs // share) and other * 4 <= nuls:
            try:
                raw.decode(encoding.codec)
            except UnicodeDecodeError:
                return None
            return encoding
    return None


def _wide(raw: bytes, file: str, encoding: Encoding) -> Violation:
    text = raw.decode(encoding.codec, errors="replace")
    return _legacy(file, 1, 1, [(encoding, text)])


def _not_utf8(raw: bytes, file: str, offset: int) -> Violation:
    line, col = _line_col(raw, offset)
    if b"\x00" in raw:
        wide = _utf16_without_bom(raw, raw, 32)
        if wide is not None:
            return _wide(raw, file, wide)
    candidates = _detect(raw)
    if not candidates:
        return Violation(checks.ENCODING, Where(file, line=line, col=col), "unknown", {"line": line, "col": col})
    return _legacy(file, line, col, candidates)


def _line_col(raw: bytes, offset: int) -> tuple[int, int]:
    # Everything before the first byte that is not UTF-8 is UTF-8; lines are counted the way decode() ends them.
    before = raw[:offset].decode("utf-8").replace("\r\n", "\n").replace("\r", "\n")
    return before.count("\n") + 1, len(before) - before.rfind("\n")


def _detect(raw: bytes) -> list[tuple[Encoding, str]]:
    """The encodings the bytes may be in with the text each gives: one when sure, two when not, none when unknown."""
    readable: dict[str, tuple[Encoding, str]] = {}
    for family in _FAMILIES:
        for encoding in family:
            try:
                readable[encoding.codec] = (encoding, raw.decode(encoding.codec))
            except UnicodeDecodeError:
                continue
            break
    if not readable:
        return []
    try:
        from charset_normalizer import from_bytes
    except ImportError:  # not installed: every encoding that reads the bytes is a candidate
        return sorted(readable.values(), key=_likelier)[:2] if len(readable) > 1 else list(readable.values())
    chaos: dict[str, float] = {}
    for match in from_bytes(raw, cp_isolation=list(readable)):
        if match.encoding in readable:
            chaos.setdefault(match.encoding, match.percent_chaos)
    if not chaos:
        return []  # no encoding gives readable text: binary, or several encodings mixed in one file
    ranked = list(chaos)
    close = [codec for codec in ranked if chaos[codec] <= chaos[ranked[0]] + _CLOSE]
    if len(close) == 1 and len(raw) - len(raw.translate(None, _ASCII)) >= _SURE_BYTES:
        return [readable[close[0]]]
    return sorted((readable[codec] for codec in (close if len(close) > 1 else ranked)), key=_likelier)[:2]


def _likelier(candidate: tuple[Encoding, str]) -> tuple[int, float, int]:
    """Sort key among candidates the detector cannot tell apart: Chinese first, and of GB18030 and Big5 the one
    whose text is made of that standard's common characters (the other reads as rare characters and symbols)."""
    encoding, text = candidate
    family = _FAMILY[encoding.codec]
    if family >= _CHINESE:
        return (1, 0.0, family)
    return (0, -_common_share(text, family), family)


def _common_share(text: str, family: int) -> float:
    """The share of non-ASCII characters among the most common ones of GB2312 (symbols and level 1) or Big5
    (symbols and the 5,401 frequent characters)."""
    chars = _NON_ASCII_RE.findall(text[:4000])
    if not chars:
        return 0.0
    codec, ranges = ("gb2312", ((0xA1A1, 0xA3FE), (0xB0A1, 0xD7FE))) if family == 0 else ("big5", ((0xA140, 0xA3BF), (0xA440, 0xC67E)))
    common = 0
    for char in chars:
        try:
            code = int.from_bytes(char.encode(codec))
        except UnicodeEncodeError:
            continue
        common += any(low <= code <= high for low, high in ranges)
    return common / len(chars)


def _excerpt(text: str) -> str:
    """Up to _EXCERPT_CHARS characters from the first non-ASCII one, on one line, made printable."""
    found = _NON_ASCII_RE.search(text)
    start = found.start() if found else 0
    shown = re.split("[\r\n]", text[start : start + _EXCERPT_CHARS], maxsplit=1)[0]
    return str(excerpt(shown))


def _legacy(file: str, line: int, col: int, candidates: list[tuple[Encoding, str]]) -> Violation:
    # A name starting with "-" would be read as an option; quoted, a name holding quotes or $(...) stays one word.
    path = f"./{file}" if file.startswith("-") else file
    args: dict[str, object] = {"line": line, "col": col, "source": shlex.quote(path), "target": shlex.quote(f"{path}.utf8")}
    for suffix, (encoding, text) in zip(("", "2"), candidates, strict=False):
        args |= {f"encoding{suffix}": encoding.label, f"iconv{suffix}": encoding.iconv, f"excerpt{suffix}": _excerpt(text)}
    return Violation(checks.ENCODING, Where(file, line=line, col=col), "legacy" if len(candidates) == 1 else "unsure", args)
