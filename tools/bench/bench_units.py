"""`make bench` for many units: `yearbook check units/` over synthetic units (each the real records' ten years with
their prose rotated), on one process (`--jobs 1`) against two (`--jobs 2`), in the same run. Medians of 3 for 200
units, one run each for 2,000 (about 100,000 files). The aim on two cores: --jobs 2 at most 0.55× of --jobs 1.

Then the incremental diff: 10 of 200 units changed in a git repository, `yearbook diff --records units` (only the
changed units) against `--all` (every unit). The aim: at most 0.1×. And `diff --all` of those 200 units, and
`report` of 20 units (the latest year's DOCX, PDF and Markdown each), on one process against two.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from synth import make_collection

BIN = Path(sys.executable).parent


def _time(units: Path, jobs: int) -> float:
    start = time.perf_counter()
    subprocess.run([str(BIN / "yearbook"), "check", str(units), "--jobs", str(jobs)], capture_output=True, check=False)
    return time.perf_counter() - start


def _incremental(scratch: Path) -> None:
    units = scratch / "units"
    make_collection(units, 200, 10)

    def git(*args: str) -> None:
        subprocess.run(["git", "-C", str(scratch), *args], check=True, capture_output=True)

    git("init", "-q", "-b", "main")
    git("-c", "user.email=b@example.com", "-c", "user.name=bench", "add", "-A")
    git("-c", "user.email=b@example.com", "-c", "user.name=bench", "commit", "-q", "-m", "base")
    for tree in sorted(units.iterdir())[:10]:
        path = tree / "records" / "2009" / "problems.yaml"
        path.write_text(path.read_text(encoding="utf-8").replace("一年来，", "这一年来，"), encoding="utf-8")
    command = [str(BIN / "yearbook"), "diff", "HEAD", "--records", str(units)]

    def run(*more: str) -> float:
        start = time.perf_counter()
        subprocess.run([*command, *more], capture_output=True, check=True, cwd=scratch)
        return time.perf_counter() - start

    changed = statistics.median(run() for _ in range(3))
    every = run("--all", "--jobs", "1")
    print(f"diff of 10 changed units among 200: {changed:.2f} s; every unit (--all) {every:.2f} s ({changed / every:.2f}×, aim ≤ 0.1×)")
    both = run("--all", "--jobs", "2")
    print(f"diff --all of 200 units: --jobs 1 {every:.2f} s, --jobs 2 {both:.2f} s ({both / every:.2f}×)")


def _reports(scratch: Path) -> None:
    units = scratch / "units"
    make_collection(units, 20, 10)

    def run(jobs: int) -> float:
        start = time.perf_counter()
        subprocess.run(
            [str(BIN / "yearbook"), "report", "--records", str(units), "--out", str(scratch / f"out{jobs}"), "--jobs", str(jobs)],
            capture_output=True,
            check=True,
        )
        return time.perf_counter() - start

    one, two = run(1), run(2)
    print(f"report of 20 units (DOCX, PDF, Markdown each): --jobs 1 {one:.2f} s, --jobs 2 {two:.2f} s ({two / one:.2f}×)")


def main() -> None:
    for count, runs in ((200, 3), (2000, 1)):
        with tempfile.TemporaryDirectory() as scratch:
            units = Path(scratch) / "units"
            make_collection(units, count, 10)
            one = statistics.median(_time(units, 1) for _ in range(runs))
            two = statistics.median(_time(units, 2) for _ in range(runs))
            print(f"check {count} units × 10 years ({count * 51:,} files): --jobs 1 {one:.2f} s, --jobs 2 {two:.2f} s ({two / one:.2f}×, aim ≤ 0.55×)")
    with tempfile.TemporaryDirectory() as scratch:
        _incremental(Path(scratch))
    with tempfile.TemporaryDirectory() as scratch:
        _reports(Path(scratch))


if __name__ == "__main__":
    main()
