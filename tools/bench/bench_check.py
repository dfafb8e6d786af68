"""`make bench` for `yearbook check`: files per second against check-jsonschema and against parse-only.

All three run as fresh processes over the same synthetic files (at least 5,000), so start-up costs
count for each; the median of several runs is reported. A benchmark, not a test: it prints figures.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from synth import files_of, make_collection

TREES, YEARS, RUNS = 50, 20, 3
SCHEMA = Path(__file__).resolve().parents[2] / "schema"
BIN = Path(sys.executable).parent

PARSE_ONLY = """
import sys, yaml
for name in sys.stdin.read().split("\\n"):
    with open(name, "rb") as f:
        yaml.load(f.read(), Loader=yaml.CSafeLoader)
"""


def _timed(commands: Sequence[tuple[list[str], str | None]], expect: set[int]) -> float:
    start = time.perf_counter()
    for argv, stdin in commands:
        done = subprocess.run(argv, input=stdin, capture_output=True, text=True)
        if done.returncode not in expect:
            raise SystemExit(f"benchmark command failed ({done.returncode}): {' '.join(argv[:3])}…\n{done.stdout[-2000:]}{done.stderr[-2000:]}")
    return time.perf_counter() - start


def main() -> None:
    with tempfile.TemporaryDirectory() as scratch:
        roots = make_collection(Path(scratch), TREES, YEARS)
        by_kind = files_of(roots)
        count = sum(len(files) for files in by_kind.values())
        all_files = "\n".join(str(p) for files in by_kind.values() for p in files)
        yearbook = [([str(BIN / "yearbook"), "check", "--format", "json", *map(str, roots)], None)]
        check_jsonschema = [
            ([str(BIN / "check-jsonschema"), "--schemafile", str(SCHEMA / f"{kind}.schema.json"), *map(str, files)], None) for kind, files in by_kind.items()
        ]
        parse_only = [([sys.executable, "-c", PARSE_ONLY], all_files)]
        commands = {
            "yearbook check (schema + all rules)": (yearbook, {0, 1}),
            "check-jsonschema (ruamel.yaml.clib, schema only)": (check_jsonschema, {0}),
            "PyYAML CSafeLoader, parse only": (parse_only, {0}),
        }
        # Interleaved rounds, so that a noisy neighbour slows every contender alike.
        times: dict[str, list[float]] = {name: [] for name in commands}
        for _ in range(RUNS):
            for name, (command, expect) in commands.items():
                times[name].append(_timed(command, expect))
        results = {name: statistics.median(values) for name, values in times.items()}
    ours = results["yearbook check (schema + all rules)"]
    print(f"{count} record files in {TREES} trees × {YEARS} years; median of {RUNS} interleaved runs, each a fresh process")
    for name, seconds in results.items():
        print(f"  {name:<50} {seconds:7.2f} s  {count / seconds:8.0f} files/s")
    print(f"  yearbook vs check-jsonschema: {results['check-jsonschema (ruamel.yaml.clib, schema only)'] / ours:.2f}× as fast (aim ≥ 2×)")
    print(f"  yearbook vs parse-only:       {ours / results['PyYAML CSafeLoader, parse only']:.2f}× the time (aim ≤ 2×)")


if __name__ == "__main__":
    main()
