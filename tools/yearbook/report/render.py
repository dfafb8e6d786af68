"""The edge that makes files: pandoc (bundled with pypandoc) for DOCX and Markdown, Typst for the PDF.

Same input, same bytes: no timestamps but SOURCE_DATE_EPOCH (or the document's own date), a reference
DOCX with fixed zip times, and a PDF without a creation date. Nothing here writes a deliverable:
`yearbook.write` writes them, as a set.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import io
import json
import os
import re
import signal
import subprocess
import tempfile
import threading
import zipfile
from collections.abc import Callable, Generator, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from yearbook.dates import calendar_date
from yearbook.errors import UserError
from yearbook.findings import excerpt
from yearbook.report import fonts, reference_docx
from yearbook.report.document import Document
from yearbook.report.glyphs import FontFile, uncovered
from yearbook.report.layout_spec import DEFAULT_PROFILE, FontProfile
from yearbook.report.pandoc_ast import to_ast, web_ast
from yearbook.report.typst_source import to_typst

FORMATS = ("docx", "pdf", "md", "png")  # png: an image of each page of the PDF
PNG_PPI = 144  # A4 at 1191 × 1684 pixels: readable in a pull request, small enough to attach


class RenderError(UserError):
    """pandoc or Typst is missing or failed; the message says which, why and what to do."""


_PANDOC_SECONDS = 300  # a whole year's DOCX takes under a second; a hung pandoc must not hang the build
_REINSTALL = "请运行 make report 重新安装（或 pip install -r tools/requirements-run.txt）"
_REINSTALL_EN = "run make report again (or pip install -r tools/requirements-run.txt)"


@functools.cache
def _pandoc_path() -> str:
    """The pandoc named by PYPANDOC_PANDOC (pypandoc's own override); else the one pypandoc-binary bundles, the
    pinned one, found by path; else the one pypandoc finds.

    By path because importing pypandoc brings urllib, ssl and logging (10 ms a report, measured) and it runs each
    candidate pandoc to compare versions, outside our control (a pandoc that hangs there could not be stopped);
    bundled first because that is the version the pins promise (pypandoc would prefer a newer system pandoc, whose
    output may differ)."""
    override = os.environ.get("PYPANDOC_PANDOC")
    if override:
        return os.path.expanduser(override)  # one that does not run is said when it is run
    from importlib.util import find_spec

    spec = find_spec("pypandoc")
    locations = spec.submodule_search_locations if spec is not None else None
    for folder in locations or ():
        for name in ("pandoc", "pandoc.exe"):
            bundled = Path(folder, "files", name)
            if bundled.is_file() and os.access(bundled, os.X_OK):
                return str(bundled)
    import logging

    try:
        import pypandoc
    except ImportError as error:
        raise RenderError(f"没有安装 pypandoc_binary（pandoc）：{_REINSTALL}", f"pypandoc_binary (pandoc) is not installed: {_REINSTALL_EN}") from error
    # pypandoc logs a traceback for a pandoc it finds but cannot run; the message below says it once.
    logging.getLogger("pypandoc").disabled = True
    try:
        return str(pypandoc.get_pandoc_path())
    except OSError as error:
        raise RenderError(f"找不到可用的 pandoc：{_REINSTALL}", f"no working pandoc found: {_REINSTALL_EN}") from error


_RUNNING: set[subprocess.Popen[bytes]] = set()  # pandoc processes under way, stopped if the build is interrupted
_RUNNING_LOCK = threading.Lock()
_REFUSING = threading.Event()  # set while a build is being stopped: no new pandoc may start
_THREADS = "yearbook-pandoc"  # the name of every thread that runs pandoc
_PANDOC_GRACE = 5.0  # seconds a pandoc thread gets to end once its pandoc is killed


def _pandoc(args: list[str], stdin: bytes, epoch: int) -> bytes:
    env = {**os.environ, "SOURCE_DATE_EPOCH": str(epoch)}
    pandoc = _pandoc_path()
    with _RUNNING_LOCK:  # started and registered at once, so that _stop_pandoc cannot miss it
        if _REFUSING.is_set():
            raise RenderError("生成已停止", "the build was stopped")
        try:
            # A session of its own: an interrupted build stops pandoc and anything it started (see _stop_pandoc).
            process = subprocess.Popen(
                [pandoc, *args], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, start_new_session=os.name == "posix"
            )
        except OSError as error:
            raise RenderError(
                f"无法运行 pandoc（{pandoc}）：{error.strerror}。{_REINSTALL}", f"cannot run pandoc ({pandoc}): {error.strerror}; {_REINSTALL_EN}"
            ) from error
        _RUNNING.add(process)
    try:
        out, err = process.communicate(stdin, timeout=_PANDOC_SECONDS)
    except subprocess.TimeoutExpired as error:
        process.kill()
        process.communicate()
        raise RenderError(f"pandoc 超过 {_PANDOC_SECONDS} 秒未完成", f"pandoc did not finish in {_PANDOC_SECONDS} s") from error
    finally:
        with _RUNNING_LOCK:
            _RUNNING.discard(process)
    if process.returncode != 0:
        detail = err.decode(errors="replace").strip()[:300] or f"exit {process.returncode}"
        raise RenderError(f"pandoc 出错：{detail}", f"pandoc failed: {detail}")
    return out


def _stop_pandoc() -> None:
    """Kill the pandoc processes under way, with whatever they started (a child holding pandoc's output open would
    keep its thread waiting): the threads then end, and clean up their temporary folders."""
    with _RUNNING_LOCK:
        for process in _RUNNING:
            with contextlib.suppress(OSError):  # it has just ended
                os.killpg(process.pid, signal.SIGKILL) if os.name == "posix" else process.kill()


@functools.cache
def _pandoc_reference() -> bytes:
    return _pandoc(["--print-default-data-file", "reference.docx"], b"", 0)


@functools.cache
def reference_docx_bytes(profile: FontProfile = DEFAULT_PROFILE) -> bytes:
    return reference_docx.build(_pandoc_reference(), profile)


class BadEpoch(UserError):
    """SOURCE_DATE_EPOCH is set but is not a whole number of seconds."""

    def __init__(self, raw: str) -> None:
        shown = excerpt(raw)
        super().__init__(
            f"环境变量 SOURCE_DATE_EPOCH 应为自 1970-01-01 起的秒数（非负整数），现在是“{shown}”。请改正或删去它。",
            f"SOURCE_DATE_EPOCH must be a whole number of seconds since 1970-01-01, not '{shown}'. Fix or unset it.",
        )


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
    """GitHub-flavoured Markdown, as the code hosts render it. --wrap=none: a line break inside Chinese would read as
    a space; no `smart`: “” stay as written."""
    return _pandoc(["-f", "json", "-t", "gfm", "--wrap=none", "--quiet"], json.dumps(web_ast(document)).encode(), epoch)


def render_docx(document: Document, epoch: int, profile: FontProfile = DEFAULT_PROFILE) -> bytes:
    return docx_from_ast(to_ast(document), epoch, profile)


def docx_from_ast(ast: dict[str, object], epoch: int, profile: FontProfile = DEFAULT_PROFILE) -> bytes:
    """A pandoc document as DOCX with the generated reference (page setup, styles, footers)."""
    with tempfile.TemporaryDirectory(prefix="yearbook-") as scratch:
        reference = Path(scratch, "reference.docx")
        reference.write_bytes(reference_docx_bytes(profile))
        output = Path(scratch, "out.docx")
        _pandoc(["-f", "json", "-t", "docx", "--quiet", "--reference-doc", str(reference), "-o", str(output)], json.dumps(ast).encode(), epoch)
        return finished(output.read_bytes(), _plain_title(ast), profile)


def _plain_title(ast: dict[str, Any]) -> str:
    """The title as one line: its break is where the printed title wraps, not a space in its words."""
    meta = ast.get("meta") or {}
    inlines = meta.get("title", {}).get("c", []) if isinstance(meta, dict) else []
    return "".join(item.get("c", "") if item.get("t") == "Str" else " " if item.get("t") == "Space" else "" for item in inlines)


def finished(docx: bytes, title: str, profile: FontProfile = DEFAULT_PROFILE) -> bytes:
    """pandoc's DOCX with the look written on every paragraph and run (`docx_direct`), and its title property
    (File → Properties, the window title) as the title reads: pandoc writes the title's line break there as a
    space (“…总结及 2024年…”). Entries, order and times are kept: the same bytes in."""
    from html import escape  # the same & < > as xml.sax.saxutils, which would import urllib.request

    from yearbook.report.docx_direct import with_direct_formatting

    source = zipfile.ZipFile(io.BytesIO(docx))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "docProps/core.xml":
                data = re.sub(rb"<dc:title>.*?</dc:title>", f"<dc:title>{escape(title, quote=False)}</dc:title>".encode(), data, count=1, flags=re.DOTALL)
            elif info.filename == "word/document.xml":
                data = with_direct_formatting(data, profile)
            target.writestr(info, data)
    return out.getvalue()


def _typst() -> Any:
    try:
        import typst
    except ImportError as error:
        raise RenderError(f"没有安装 typst（生成 PDF 用）：{_REINSTALL}", f"typst (for the PDF) is not installed: {_REINSTALL_EN}") from error
    return typst


@functools.cache
def _font_book() -> Any:
    """The system's fonts, scanned once a process (0.06 s): the font plan and the compiler share the scan."""
    return _typst().Fonts()


@functools.cache
def installed_fonts() -> tuple[FontFile, ...]:
    """Every font face this machine has, as Typst finds them."""
    return tuple(FontFile(info.family, info.path or "", info.index) for info in _font_book().fonts())


@functools.cache
def font_plan(profile: FontProfile = DEFAULT_PROFILE) -> fonts.FontPlan:
    return fonts.plan((font.family for font in installed_fonts()), profile)


def missing_glyphs(document: Document, profile: FontProfile = DEFAULT_PROFILE) -> list[str]:
    """The document's characters no installed font has (printed as empty boxes), looked up in the fonts its
    roles use first."""
    used = {family for chain in font_plan(profile).chains().values() for family in chain}
    return uncovered(document.text(), installed_fonts(), used)


@functools.cache
def _compiler() -> Any:
    """One Typst compiler a process, on the one font scan, where each `typst.compile` scanned the system fonts
    again (0.12 s a year against 0.01–0.03 s of compiling)."""
    return _typst().Compiler(font_paths=_font_book(), ignore_system_fonts=True)


def _typeset(document: Document, output: str, profile: FontProfile) -> Any:
    source = to_typst(document, font_plan(profile).chains())
    try:
        return _compiler().compile(input=source.encode("utf-8"), format=output, **({"ppi": PNG_PPI} if output == "png" else {}))
    except Exception as error:  # typst raises its own error types; all of them mean the same to a user
        raise RenderError(f"typst 出错：{str(error)[:300]}", f"typst failed: {str(error)[:300]}") from error


def render_pdf(document: Document, profile: FontProfile = DEFAULT_PROFILE) -> bytes:
    return bytes(_typeset(document, "pdf", profile))


def render_pages(document: Document, profile: FontProfile = DEFAULT_PROFILE) -> list[bytes]:
    """Each page of the PDF as a PNG image, laid out by the same Typst source (so the same page breaks)."""
    pages = _typeset(document, "png", profile)
    return [bytes(page) for page in pages] if isinstance(pages, list) else [bytes(pages)]


class YearFailed(Exception):
    """Building one of several documents failed: which one (its index), and the error."""

    def __init__(self, index: int, error: RenderError) -> None:
        super().__init__(error.en)
        self.index, self.error = index, error


def render_all(
    jobs: Sequence[tuple[Document, int]],
    formats: tuple[str, ...],
    profile: FontProfile = DEFAULT_PROFILE,
    on_pdf: Callable[[int, bytes], None] | None = None,
    threads: int | None = None,
) -> Generator[dict[str, bytes], None, None]:
    """Each (document, epoch) in all the requested formats, in memory, in order (see `render`). Every pandoc run
    (DOCX, Markdown) of every document is queued at once on `threads` worker threads (default: one per core; fewer
    when several processes build at once), while Typst lays out the
    PDFs one by one in this thread: later years' pandoc runs go on while earlier years' PDFs are made. `on_pdf`
    (the page check) is given each PDF as soon as it is made, while pandoc still runs. A failure is raised as
    YearFailed after pandoc has been stopped; so is Ctrl-C or SIGTERM, as itself."""

    def makers(document: Document, epoch: int) -> dict[str, Callable[[], bytes]]:
        return {"md": lambda: render_markdown(document, epoch), "docx": lambda: render_docx(document, epoch, profile)}

    with ThreadPoolExecutor(max_workers=threads or max(2, os.cpu_count() or 2), thread_name_prefix=_THREADS) as pool:
        index = 0
        try:
            pending = [{fmt: pool.submit(make) for fmt, make in makers(document, epoch).items() if fmt in formats} for document, epoch in jobs]
            for index, (document, _epoch) in enumerate(jobs):
                files = {"pdf": render_pdf(document, profile)} if "pdf" in formats else {}
                if on_pdf is not None and "pdf" in files:
                    on_pdf(index, files["pdf"])
                if "png" in formats:
                    pages = render_pages(document, profile)
                    width = max(2, len(str(len(pages))))
                    files.update({f"png-{n:0{width}d}": page for n, page in enumerate(pages, start=1)})
                files.update({fmt: future.result() for fmt, future in pending[index].items()})
                yield {fmt: files[fmt] for fmt in formats if fmt in files} | {key: data for key, data in files.items() if key.startswith("png-")}
        except RenderError as error:
            _cancel(pool, stopping=False)
            raise YearFailed(index, error) from error
        except BaseException as error:  # Ctrl-C / SIGTERM, the caller stopping early, or a defect: stop pandoc
            _cancel(pool, stopping=not isinstance(error, (Exception, GeneratorExit)))
            raise


def _cancel(pool: ThreadPoolExecutor, stopping: bool) -> None:
    """The runs not started dropped, the running ones killed and no new one started; then the threads are waited
    for, which is quick with pandoc gone: each removes its temporary folder before the build's error goes on.

    `stopping` (Ctrl-C, SIGTERM): the process is ending, so pandoc stays refused for good, and a thread that was
    still starting when the signal came (its job queued, the thread not yet among the pool's) is waited for too."""
    pool.shutdown(wait=False, cancel_futures=True)
    _REFUSING.set()
    try:
        _stop_pandoc()
        pool.shutdown(wait=True)
        if stopping:
            for thread in threading.enumerate():
                if thread.name.startswith(_THREADS) and thread is not threading.current_thread():
                    thread.join(_PANDOC_GRACE)
    finally:
        if not stopping:  # the process goes on (the error is said, or another build follows in tests)
            _REFUSING.clear()


def render(document: Document, formats: tuple[str, ...], epoch: int, profile: FontProfile = DEFAULT_PROFILE) -> dict[str, bytes]:
    """All requested formats in memory first: nothing is written unless every one of them succeeded. Keyed by
    format; the pages of `png` as png-01, png-02 … (zero-padded so that they sort in order). pandoc runs on worker
    threads while Typst lays out the PDF (`render_all`)."""
    try:
        return next(render_all([(document, epoch)], formats, profile))
    except YearFailed as failed:
        raise failed.error from None
