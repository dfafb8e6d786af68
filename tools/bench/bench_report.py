"""`make bench` for `yearbook report`: seconds to build one year's DOCX and PDF, against LibreOffice.

yearbook is timed in-process (compile + pandoc + Typst, after one warm-up that loads fonts) and as the
fresh `yearbook report` command; the alternative is what offices do today, LibreOffice converting the
DOCX to PDF (`soffice --headless --convert-to pdf`), a fresh process each time. Medians of several runs.
"""

from __future__ import annotations

import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from yearbook.engine import Options, check_tree
from yearbook.report.compile import compile_year
from yearbook.report.render import render

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


def main() -> None:
    result = check_tree(RECORDS, None, Options())
    year = max(result.years)

    def build() -> dict[str, bytes]:
        return render(compile_year(result.years[year], result.org), ("docx", "pdf"), 0)

    files = build()  # warm-up: reference DOCX, font scan
    in_process = _median(build)
    with tempfile.TemporaryDirectory() as scratch:
        out = Path(scratch)
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
        print(
            f"  yearbook DOCX+PDF vs LibreOffice PDF alone: {libreoffice / in_process:.1f}× as fast in process, {libreoffice / fresh:.1f}× as fresh processes"
        )


if __name__ == "__main__":
    main()
