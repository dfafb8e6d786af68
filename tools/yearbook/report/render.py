"""The edge that makes files: pandoc (bundled with pypandoc) for DOCX and Markdown, Typst for the PDF.

Same input, same bytes: no timestamps but SOURCE_DATE_EPOCH (or the document's own date), a reference
DOCX with fixed zip times, and a PDF without a creation date. Every file is written atomically, so a
failed build leaves the previous deliverable whole.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import os
import subprocess
import tempfile
from pathlib import Path

import pypandoc
import typst

from yearbook.dates import calendar_date
from yearbook.report import fonts, reference_docx
from yearbook.report.document import Document
from yearbook.report.pandoc_ast import to_ast
from yearbook.report.typst_source import to_typst

FORMATS = ("docx", "pdf", "md")


class RenderError(Exception):
    """pandoc or Typst failed; the message says which and why."""


def _pandoc(args: list[str], stdin: bytes, epoch: int) -> bytes:
    env = {**os.environ, "SOURCE_DATE_EPOCH": str(epoch)}
    done = subprocess.run([pypandoc.get_pandoc_path(), *args], input=stdin, capture_output=True, env=env, check=False)
    if done.returncode != 0:
        raise RenderError(f"pandoc: {done.stderr.decode(errors='replace').strip()}")
    return done.stdout


@functools.cache
def reference_docx_bytes() -> bytes:
    base = _pandoc(["--print-default-data-file", "reference.docx"], b"", 0)
    return reference_docx.build(base)


class BadEpoch(ValueError):
    """SOURCE_DATE_EPOCH is set but is not a whole number of seconds."""


def source_date_epoch() -> int | None:
    """SOURCE_DATE_EPOCH as the reproducible-builds convention defines it: a non-negative integer, or unset."""
    raw = os.environ.get("SOURCE_DATE_EPOCH")
    if raw is None or raw == "":
        return None
    if not (raw.isascii() and raw.isdigit()) or len(raw) > 11:  # 11 digits reach the year 5138
        raise BadEpoch(raw)
    return int(raw)


def epoch_of(document_date: str | None, year: int) -> int:
    """SOURCE_DATE_EPOCH when set; else the document's date; else 1 January of the following year."""
    epoch = source_date_epoch()
    if epoch is not None:
        return epoch
    day = (calendar_date(document_date) if document_date else None) or dt.date(year + 1, 1, 1)
    return int(dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC).timestamp())


def render_markdown(document: Document, epoch: int) -> bytes:
    # -smart: keep “” as written (the smart writer would turn them into ASCII quotes);
    # --wrap=none: a line break inside Chinese would read as a space.
    return _pandoc(["-f", "json", "-t", "markdown-smart", "--wrap=none", "--standalone", "--quiet"], json.dumps(to_ast(document)).encode(), epoch)


def render_docx(document: Document, epoch: int) -> bytes:
    return docx_from_ast(to_ast(document), epoch)


def docx_from_ast(ast: dict[str, object], epoch: int) -> bytes:
    """A pandoc document as DOCX with the generated reference (page setup, styles, footers)."""
    with tempfile.TemporaryDirectory(prefix="yearbook-") as scratch:
        reference = Path(scratch, "reference.docx")
        reference.write_bytes(reference_docx_bytes())
        output = Path(scratch, "out.docx")
        _pandoc(["-f", "json", "-t", "docx", "--quiet", "--reference-doc", str(reference), "-o", str(output)], json.dumps(ast).encode(), epoch)
        return output.read_bytes()


@functools.cache
def font_plan() -> fonts.FontPlan:
    return fonts.plan(typst.Fonts().families())


def render_pdf(document: Document) -> bytes:
    source = to_typst(document, font_plan().chains())
    try:
        return bytes(typst.compile(source.encode("utf-8"), format="pdf"))
    except Exception as error:  # typst raises its own error types; all of them mean the same to a user
        raise RenderError(f"typst: {error}") from error


def write_atomic(path: Path, data: bytes) -> None:
    """Write next to the target and rename over it: readers see the old file or the new one, never half."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temporary, 0o666 & ~umask)  # mkstemp makes 0600; a deliverable is an ordinary file
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def render(document: Document, formats: tuple[str, ...], epoch: int) -> dict[str, bytes]:
    """All requested formats in memory first: nothing is written unless every one of them succeeded."""
    makers = {"md": lambda: render_markdown(document, epoch), "docx": lambda: render_docx(document, epoch), "pdf": lambda: render_pdf(document)}
    return {fmt: makers[fmt]() for fmt in formats}
