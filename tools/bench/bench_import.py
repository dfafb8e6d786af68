"""`make bench` for `yearbook import` (text): per document, the fraction of paragraphs and table cells that come back
from `report` exactly, and the time to import, against pandoc reading the same text as Markdown (a parse with no structure recognised; pypandoc runs the
pandoc binary, so its time includes starting that process), medians of several runs.

Documents: the seed as text, and each genre fixture's text as copied out of Word (tests/fixtures/genre/*/expected.txt,
table rows tab-separated).
"""

from __future__ import annotations

import difflib
import statistics
import sys
import tempfile
import time
from pathlib import Path

import pypandoc
import yaml

TESTS = Path(__file__).resolve().parents[1] / "tests"
sys.path.insert(0, str(TESTS))

from genre import GENRE, SHAPES, expected, reader_lines  # noqa: E402

from yearbook.engine import Options, check_tree  # noqa: E402
from yearbook.importer.structure import import_paragraphs  # noqa: E402
from yearbook.report.compile import compile_year  # noqa: E402

RUNS = 7


def _median(action: object) -> float:
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        action()  # type: ignore[operator]
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _round_trip(lines: list[str], year: int) -> tuple[int, int]:
    """(paragraphs and table rows back exactly, in order; all of them)."""
    imported = import_paragraphs(lines, year)
    with tempfile.TemporaryDirectory() as scratch:
        records = Path(scratch) / "records"
        (records / str(year)).mkdir(parents=True)
        (records / "org.yaml").write_text("format: 2\nname: 某单位\nshort_name: 某单位\n", encoding="utf-8")
        dump = lambda data: yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1_000_000)  # noqa: E731
        (records / str(year) / "report.yaml").write_text(dump(imported.report), encoding="utf-8")
        for name, data in imported.parts.items():
            (records / str(year) / f"{name}.yaml").write_text(dump(data), encoding="utf-8")
        result = check_tree(records, None, Options())
        if any(f.severity.value == "error" for f in result.findings):
            return 0, len(lines)
        printed = [line.replace("|", "\t") for line in reader_lines(compile_year(result.years[year], result.org))]  # cells as given
    same = sum(block.size for block in difflib.SequenceMatcher(None, lines, printed, autojunk=False).get_matching_blocks())
    return same, len(lines)


def main() -> None:
    seed = (TESTS / "fixtures" / "seed-2023.txt").read_text(encoding="utf-8").replace("##paidbegin##", "").replace("##paidend##", "")
    documents = {"seed": ([line.strip() for line in seed.splitlines() if line.strip()], 2023)}
    for shape in SHAPES:
        year = max(int(p.name) for p in (GENRE / shape / "records").iterdir() if p.is_dir())
        documents[shape] = ([line.replace("|", "\t") for line in expected(shape)], year)
    print(f"yearbook import (text): {len(documents)} documents; medians of {RUNS} in-process runs")
    total_same = total = 0
    for name, (lines, year) in documents.items():
        same, count = _round_trip(lines, year)
        total_same, total = total_same + same, total + count
        ours = _median(lambda lines=lines, year=year: import_paragraphs(lines, year))
        text = "\n\n".join(lines)
        pandoc = _median(lambda text=text: pypandoc.convert_text(text, "json", format="markdown"))
        print(f"  {name:12} {same:3}/{count:3} back exactly   import {ours * 1000:6.1f} ms   pandoc parse {pandoc * 1000:6.1f} ms   ({ours / pandoc:.2f}×)")
    print(f"  all: {total_same}/{total} paragraphs and table rows back exactly ({total_same / total:.1%})")


if __name__ == "__main__":
    main()
