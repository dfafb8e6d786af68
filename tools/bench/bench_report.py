"""`make bench` for `yearbook report`: seconds to build one year's DOCX and PDF, against LibreOffice.

yearbook is timed in-process (compile + pandoc + Typst, after one warm-up that loads fonts) and as the
fresh `yearbook report` command; the alternative is what offices do today, LibreOffice converting the
DOCX to PDF (`soffice --headless --convert-to pdf`), a fresh process each time. Medians of several runs.
"""

from __future__ import annotations

import difflib
import io
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pdfplumber
import typst

from yearbook.engine import Options, check_tree
from yearbook.report import render as render_module
from yearbook.report.compile import compile_year
from yearbook.report.document import Document
from yearbook.report.render import font_plan, render
from yearbook.report.typst_source import to_typst

RECORDS = Path(__file__).resolve().parents[2] / "records"
RUNS = 7
BIN = Path(sys.executable).parent


def _median(action: object, runs: int = RUNS) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()  # type: ignore[operator]
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _ten_documents(seed: Document) -> list[Document]:
    """Ten different documents, as ten years would be: the seed, the eight genre fixtures, and the headline
    fixture's earlier year (different text, so Typst's memoised layout of one does not serve the next)."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
    from genre import GENRE, SHAPES, document_of

    earlier = check_tree(GENRE / "headline" / "records", None, Options())
    return [seed, *(document_of(shape) for shape in SHAPES), compile_year(earlier.years[min(earlier.years)], earlier.org)]


def _ten_years(seed: Document) -> None:
    """The PDFs of ten years in one process: one Typst compiler reused (its fonts scanned once), against
    `typst.compile` for each year, which scans the system fonts every time (how `report` compiled before)."""
    chains = font_plan().chains()
    documents = _ten_documents(seed)

    def reusing() -> None:
        render_module._compiler.cache_clear()  # a new process's compiler: fonts scanned once, nothing memoised yet
        render_module._font_book.cache_clear()
        for document in documents:
            render_module.render_pdf(document)

    reused = _median(reusing, 3)
    each = _median(lambda: [typst.compile(to_typst(document, chains).encode("utf-8"), format="pdf") for document in documents], 3)
    print(
        f"ten years' PDFs in one process (3 runs): one compiler reused {reused:6.2f} s, typst.compile each year {each:6.2f} s ({reused / each:.2f}×, aim ≤ 0.5×)"
    )


def _lines(pdf: bytes) -> list[list[str]]:
    """Per page, its lines of text (folios aside: a line of small characters), top to bottom."""
    pages = []
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        for page in document.pages:
            rows: dict[int, list[dict[str, object]]] = {}
            for char in page.chars:
                rows.setdefault(round(float(char["top"])), []).append(char)
            lines = ["".join(str(c["text"]) for c in sorted(row, key=lambda c: float(c["x0"]))).replace(" ", "") for _, row in sorted(rows.items())]
            pages.append([line for line, row in zip(lines, [rows[k] for k in sorted(rows)], strict=True) if any(float(c["size"]) >= 15 for c in row)])
    return pages


def _compare_renders(ours: bytes, libreoffice: bytes) -> None:
    """Our DOCX as LibreOffice lays it out, against our PDF: pages, the text each page starts with, and the lines
    that end at the same character (the line breaks), in order."""
    a, b = _lines(ours), _lines(libreoffice)
    starts = sum(1 for x, y in zip(a, b, strict=False) if x and y and x[0][:8] == y[0][:8])
    ends_a = [line[-6:] for page in a for line in page]
    ends_b = [line[-6:] for page in b for line in page]
    same = sum(block.size for block in difflib.SequenceMatcher(None, ends_a, ends_b, autojunk=False).get_matching_blocks())
    print(
        f"  LibreOffice's render of our DOCX against our PDF: {len(b)} pages against {len(a)}, {starts}/{len(a)} pages start alike,"
        f" {same}/{len(ends_a)} line breaks the same ({same / max(1, len(ends_a)):.0%})"
    )


def _fresh_against_baseline(scratch: Path) -> None:
    """`yearbook report` as a fresh command against the pipeline as it ran before (bench/baseline_report.py), both
    fresh processes in this run: one year, and `--year all` on ten years of synthetic records."""
    from synth import make_collection

    ten = make_collection(scratch / "ten", 1, 10)[0]
    for label, records, year, aim in (("one year", RECORDS, "2023", 0.7), ("--year all, ten years", ten, "all", 0.5)):
        ours = [str(BIN / "yearbook"), "report", "--records", str(records), "--year", year, "--format", "docx,pdf,md", "--out", str(scratch / "ours")]
        before = [sys.executable, str(Path(__file__).with_name("baseline_report.py")), str(records), str(scratch / "before"), year]
        for command in (ours, before):
            subprocess.run(command, check=True, capture_output=True)  # warm the file cache
        now = _median(lambda command=ours: subprocess.run(command, check=True, capture_output=True), 5)  # type: ignore[misc]
        then = _median(lambda command=before: subprocess.run(command, check=True, capture_output=True), 5)  # type: ignore[misc]
        print(f"  {label}, fresh process (5 runs): yearbook report {now:6.2f} s, the pipeline before issue 11 {then:6.2f} s ({now / then:.2f}×, aim ≤ {aim}×)")


def main() -> None:
    result = check_tree(RECORDS, None, Options())
    year = max(result.years)

    def build() -> dict[str, bytes]:
        return render(compile_year(result.years[year], result.org), ("docx", "pdf"), 0)

    files = build()  # warm-up: reference DOCX, font scan
    in_process = _median(build)
    _ten_years(compile_year(result.years[year], result.org))
    with tempfile.TemporaryDirectory() as scratch:
        out = Path(scratch)
        _fresh_against_baseline(out)
        command = [str(BIN / "yearbook"), "report", "--records", str(RECORDS), "--year", str(year), "--format", "docx,pdf", "--out", str(out / "y")]
        fresh = _median(lambda: subprocess.run(command, check=True, capture_output=True), 3)
        docx = out / "report.docx"
        docx.write_bytes(files["docx"])
        soffice = shutil.which("soffice") or shutil.which("libreoffice")
        print(f"one year ({year}, {len(files['pdf']) // 1024} KiB PDF); medians")
        print(f"  yearbook compile + DOCX + PDF, in process ({RUNS} runs)        {in_process:6.2f} s  (aim < 1 s)")
        print(f"  yearbook report --format docx,pdf, fresh process (3 runs)    {fresh:6.2f} s")
        if soffice is None:
            print("  LibreOffice DOCX→PDF: not installed (make bench installs libreoffice-writer-nogui on Debian/Ubuntu)")
            return
        profile = out / "lo-profile"
        convert = [soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf", "--outdir", str(out / "lo"), str(docx)]
        subprocess.run(convert, check=True, capture_output=True)  # first start creates the profile
        libreoffice = _median(lambda: subprocess.run(convert, check=True, capture_output=True), 3)
        print(f"  LibreOffice DOCX→PDF only, fresh process (3 runs)            {libreoffice:6.2f} s")
        _compare_renders(files["pdf"], (out / "lo" / "report.pdf").read_bytes())
        print(
            f"  yearbook DOCX+PDF vs LibreOffice PDF alone: {libreoffice / in_process:.1f}× as fast in process, {libreoffice / fresh:.1f}× as fresh processes"
        )


if __name__ == "__main__":
    main()
