"""`make bench` for many units: `yearbook check units/` over synthetic units (each the real records' ten years with
their prose rotated), on one process (`--jobs 1`) against two (`--jobs 2`), in the same run. Medians of 3 for 200
units, one run each for 2,000 (about 100,000 files). The aim on two cores: --jobs 2 at most 0.55× of --jobs 1.
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


def main() -> None:
    for count, runs in ((200, 3), (2000, 1)):
        with tempfile.TemporaryDirectory() as scratch:
            units = Path(scratch) / "units"
            make_collection(units, count, 10)
            one = statistics.median(_time(units, 1) for _ in range(runs))
            two = statistics.median(_time(units, 2) for _ in range(runs))
            print(f"check {count} units × 10 years ({count * 51:,} files): --jobs 1 {one:.2f} s, --jobs 2 {two:.2f} s ({two / one:.2f}×, aim ≤ 0.55×)")


if __name__ == "__main__":
    main()
