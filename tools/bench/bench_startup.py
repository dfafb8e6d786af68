"""`make bench` for start-up: `yearbook check` on one file, what the pre-commit hook runs on every commit.

Fresh processes, interleaved, median of 31 runs each, against `python -c pass` (the same interpreter and virtualenv,
so the interpreter's own start counts on both sides) and against the libraries a check cannot do without (the
YAML parser, dataclasses, pathlib: the floor of any check written this way). Also `yearbook --version`, the
command line alone. The validator cache is warm, as it is from the second commit on.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

RUNS = 31
ROOT = Path(__file__).resolve().parents[2]
YEARBOOK = str(Path(sys.executable).parent / "yearbook")


def _one_file() -> str:
    latest = max((p for p in (ROOT / "records").iterdir() if p.name.isdigit()), key=lambda p: int(p.name))
    return str(min(latest.glob("*.yaml")).relative_to(ROOT))


def main() -> None:
    env = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}  # bytecode cached, as installed
    target = _one_file()
    commands = {
        "python -c pass": [sys.executable, "-c", "pass"],
        "the libraries alone (yaml, dataclasses, pathlib, re)": [sys.executable, "-c", "import yaml, dataclasses, pathlib, re, typing, json"],
        "yearbook --version": [YEARBOOK, "--version"],
        f"yearbook check {target}": [YEARBOOK, "check", target],
    }
    for command in commands.values():  # warm: bytecode and the validator cache written, files in the page cache
        subprocess.run(command, cwd=ROOT, env=env, capture_output=True, check=False)
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(RUNS):
        for name, command in commands.items():
            start = time.perf_counter()
            subprocess.run(command, cwd=ROOT, env=env, capture_output=True, check=False)
            times[name].append(time.perf_counter() - start)
    base = statistics.median(times["python -c pass"])
    print(f"start-up, fresh processes, median of {RUNS} interleaved runs (ratio to python -c pass)")
    for name, values in times.items():
        median = statistics.median(values)
        print(f"  {name:58} {median * 1000:6.1f} ms  {median / base:4.1f}×")


if __name__ == "__main__":
    main()
