"""`make bench` for the validator bytecode cache: is it worth its risk?

`yearbook check records` on this repository's records (what the pre-commit hook runs on every commit), as
fresh processes: with a warm cache (entries verified by SHA-256 before use) against no cache at all (every
validator generated and compiled afresh: an empty cache folder each run). Interleaved, median of 15.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

RUNS = 15
ROOT = Path(__file__).resolve().parents[2]
YEARBOOK = str(Path(sys.executable).parent / "yearbook")


def _once(cache: str) -> float:
    start = time.perf_counter()
    done = subprocess.run([YEARBOOK, "check", "records"], cwd=ROOT, env={**os.environ, "XDG_CACHE_HOME": cache}, capture_output=True, check=False)
    elapsed = time.perf_counter() - start
    if done.returncode not in (0, 1):
        raise SystemExit(f"yearbook check failed: {done.stderr.decode(errors='replace')}")
    return elapsed


def main() -> None:
    warm, cold = [], []
    with tempfile.TemporaryDirectory() as warm_cache:
        _once(warm_cache)  # fills the cache
        for _ in range(RUNS):
            warm.append(_once(warm_cache))
            with tempfile.TemporaryDirectory() as empty:
                cold.append(_once(empty))
    w, c = statistics.median(warm), statistics.median(cold)
    print(f"yearbook check records, fresh processes, median of {RUNS} interleaved runs")
    print(f"  verified cache (warm)          {w * 1000:7.0f} ms")
    print(f"  no cache (validators compiled) {c * 1000:7.0f} ms")
    print(f"  the cache saves {(c - w) * 1000:.0f} ms a run: {c / w:.2f}× as fast with it")


if __name__ == "__main__":
    main()
