"""Bytes to text: UTF-8 (with or without BOM) is read; anything else is named in a clear error."""

from __future__ import annotations

from yearbook.findings import Violation, Where
from yearbook.load import checks

_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


def decode(raw: bytes, file: str) -> str | Violation:
    """Return the text of a record file, or a located violation naming the encoding it seems to be in."""
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    if raw.startswith(_UTF16_BOMS) or (b"\x00" in raw[:200] and len(raw) >= 2):
        return _legacy(raw, file, 0, "UTF-16", "UTF-16")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        try:
            raw.decode("gb18030")
        except UnicodeDecodeError:
            return _unknown(raw, file, error.start)
        return _legacy(raw, file, error.start, "GBK/GB18030", "GB18030")
    # Windows editors save CRLF; YAML accepts it, but a lone CR would shift every line number.
    return text.replace("\r\n", "\n") if "\r" in text else text


def _line_col(raw: bytes, offset: int) -> tuple[int, int]:
    line_start = raw.rfind(b"\n", 0, offset) + 1
    col = len(raw[line_start:offset].decode("utf-8", errors="replace")) + 1
    return raw.count(b"\n", 0, offset) + 1, col


def _legacy(raw: bytes, file: str, offset: int, encoding: str, iconv: str) -> Violation:
    line, col = _line_col(raw, offset) if encoding != "UTF-16" else (1, 1)
    return Violation(
        checks.ENCODING,
        Where(file, line=line, col=col),
        "legacy",
        {"encoding": encoding, "iconv": iconv, "line": line, "col": col, "file": file},
    )


def _unknown(raw: bytes, file: str, offset: int) -> Violation:
    line, col = _line_col(raw, offset)
    return Violation(checks.ENCODING, Where(file, line=line, col=col), "unknown", {"line": line, "col": col})
