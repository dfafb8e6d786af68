"""`make bench` for `yearbook import`: per document and per form it comes in, the fraction of paragraphs and of table
cells that come back from `report` exactly (in order), the figures named and blanks found, and the time to import,
against pandoc reading the same file (a parse that recognises no structure; pypandoc runs the pandoc binary, so its
time includes starting that process). Medians of several in-process runs.

Documents: the seed, the eight genre fixtures and the sample reports of other shapes (tests/fixtures/import/), each
in three forms (the samples in the first two):
- txt: the text as copied out of Word (tests/fixtures/genre/*/expected.txt; table rows tab-separated);
- clerk docx: a DOCX made the way an office makes one (tests/genre.py clerks_docx: typed numbering, 黑体/楷体 set
  by hand, bold leads, real Word tables with merged cells, empty paragraphs between parts, no heading styles);
- own docx: the DOCX `yearbook report` writes from the records (for the seed, from records/2023).
A blank typed in the original (`*`, XX …) and the 【待填：…】 the report prints for the unfilled value it became
count as the same text.
"""

from __future__ import annotations

import difflib
import re
import statistics
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pypandoc

TESTS = Path(__file__).resolve().parents[1] / "tests"
ROOT = TESTS.parents[1]
sys.path.insert(0, str(TESTS))

from genre import GENRE, SHAPES, blanks_as_one, clerks_docx, document_of, expected, reader_lines, seed_lines  # noqa: E402

from yearbook.engine import Options, check_tree  # noqa: E402
from yearbook.import_cmd import files_of  # noqa: E402
from yearbook.importer import docx_text  # noqa: E402
from yearbook.importer.source import Line, lines_of  # noqa: E402
from yearbook.importer.structure import Imported, import_lines  # noqa: E402
from yearbook.report.compile import compile_year  # noqa: E402
from yearbook.report.render import render  # noqa: E402

RUNS = 7


def _median(action: Callable[[], object]) -> float:
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _units(lines: list[str]) -> list[tuple[str, str]]:
    """A document as the units measured: each paragraph, and each table cell (a row's cells joined by |)."""
    return [("cell", cell) if "|" in line else ("paragraph", line) for line in blanks_as_one(lines) for cell in (line.split("|") if "|" in line else [line])]


def _printed(imported: Imported, year: int) -> tuple[list[str], int]:
    """What `report` prints from the imported records, and the number of errors `check` finds in them."""
    with tempfile.TemporaryDirectory() as scratch:
        records = Path(scratch) / "records"
        (records / str(year)).mkdir(parents=True)
        (records / "org.yaml").write_text("format: 2\nname: 某单位\nshort_name: 某单位\n", encoding="utf-8")
        for path, data in files_of(imported, records / str(year)).items():
            path.write_bytes(data)
        result = check_tree(records, None, Options())
        errors = sum(1 for f in result.findings if f.severity.value == "error")
        return (reader_lines(compile_year(result.years[year], result.org)) if year in result.years else []), errors


def _fidelity(original: list[str], printed: list[str]) -> tuple[dict[str, tuple[int, int]], int]:
    """Per kind (units back exactly and in order, all units), and how many units are back exactly anywhere
    (a unit printed elsewhere is kept, not lost)."""
    want, got = _units(original), _units(printed)
    matched: dict[str, int] = {"paragraph": 0, "cell": 0}
    for block in difflib.SequenceMatcher(None, want, got, autojunk=False).get_matching_blocks():
        for kind, _ in want[block.a : block.a + block.size]:
            matched[kind] += 1
    kept = sum((Counter(want) & Counter(got)).values())
    return {kind: (matched[kind], sum(1 for k, _ in want if k == kind)) for kind in matched}, kept


def _title_as_one(lines: list[str], imported: Imported) -> list[str]:
    """The source with the title's lines as one, as a reader's lines of the printed document show it."""
    count = str(imported.report.get("title", "")).count("\n") + 1
    return ["".join(lines[:count]), *lines[count:]]


SAMPLES = TESTS / "fixtures" / "import"


def _sample_forms(name: str, scratch: Path) -> tuple[int, dict[str, tuple[list[str], Callable[[], list[Line]], Callable[[], object]]]]:
    """A sample has no records of its own: its text and a clerk's DOCX of it (a table that stood in a section prints
    after its part, so its rows count as not back in place)."""
    text = (SAMPLES / f"{name}.txt").read_text(encoding="utf-8")
    lines = [line.strip().replace("\t", "|") for line in text.splitlines() if line.strip()]
    year = int(re.findall(r"(?:19|20)\d{2}", lines[0])[0])
    clerk = scratch / f"{name}-clerk.docx"
    clerks_docx(lines, clerk)
    return year, {
        "txt": (lines, lambda: lines_of(text.splitlines()), lambda: pypandoc.convert_text(text, "json", format="markdown")),
        "clerk docx": (lines, lambda: docx_text.lines(clerk.read_bytes(), clerk.name), lambda: pypandoc.convert_file(str(clerk), "json")),
    }


def _forms(name: str, scratch: Path) -> tuple[int, dict[str, tuple[list[str], Callable[[], list[Line]], Callable[[], object]]]]:
    """The document's year and its forms: (the lines a reader sees in it, read it as the importer does, pandoc reading it)."""
    if name == "seed":
        lines, year = seed_lines(), 2023
        result = check_tree(ROOT / "records", None, Options())
        document = compile_year(result.years[2023], result.org)
    else:
        lines = expected(name)
        document = document_of(name)
        year = max(int(p.name) for p in (GENRE / name / "records").iterdir() if p.is_dir())
    text = "\n\n".join(line.replace("|", "\t") for line in lines)
    clerk, own = scratch / f"{name}-clerk.docx", scratch / f"{name}-own.docx"
    clerks_docx(lines, clerk)
    own.write_bytes(render(document, ("docx",), 0)["docx"])
    own_lines = reader_lines(document)

    def read_docx(path: Path) -> Callable[[], list[Line]]:
        return lambda: docx_text.lines(path.read_bytes(), path.name)

    return year, {
        "txt": (lines, lambda: lines_of(text.split("\n\n")), lambda: pypandoc.convert_text(text, "json", format="markdown")),
        "clerk docx": (lines, read_docx(clerk), lambda: pypandoc.convert_file(str(clerk), "json")),
        "own docx": (own_lines, read_docx(own), lambda: pypandoc.convert_file(str(own), "json")),
    }


def main() -> None:
    samples = sorted(path.stem for path in SAMPLES.glob("*.txt"))
    print(
        f"yearbook import: {len(SHAPES) + 1} documents × 3 forms, {len(samples)} samples × 2; import time: median of {RUNS} in-process runs, reading included"
    )
    print(
        f"  {'document':14} {'form':10} {'paragraphs':>11} {'cells':>9} {'figures':>7} {'blanks':>6} {'errors':>6} {'kept':>5} {'import':>9} {'pandoc':>9} {'ratio':>6}"
    )
    totals: dict[str, list[int]] = {"paragraph": [0, 0], "cell": [0, 0]}
    ratios: list[float] = []
    total_kept = 0
    with tempfile.TemporaryDirectory() as scratch:
        for name in ["seed", *SHAPES, *samples]:
            year, forms = _sample_forms(name, Path(scratch)) if name in samples else _forms(name, Path(scratch))
            for form, (original, read, pandoc) in forms.items():
                imported = import_lines(read(), year)
                printed, errors = _printed(imported, year)
                fidelity, kept = _fidelity(_title_as_one(original, imported), printed)
                total_kept += kept
                for kind, (same, count) in fidelity.items():
                    totals[kind][0] += same
                    totals[kind][1] += count
                ours = _median(lambda read=read, year=year: import_lines(read(), year))  # type: ignore[misc]
                theirs = _median(pandoc)
                ratios.append(ours / theirs)
                paragraphs, cells = fidelity["paragraph"], fidelity["cell"]
                shown_cells = f"{cells[0]}/{cells[1]}" if cells[1] else "–"
                print(
                    f"  {name:14} {form:10} {paragraphs[0]:>5}/{paragraphs[1]:<5} {shown_cells:>9} {imported.figures:>7} {imported.blanks:>6} {errors:>6} {kept:>5}"
                    f" {ours * 1000:>6.1f} ms {theirs * 1000:>6.1f} ms {ours / theirs:>5.2f}×"
                )
    for kind, (same, count) in totals.items():
        print(f"  all {kind}s: {same}/{count} back exactly and in order ({same / count:.1%})")
    units = sum(count for _, count in totals.values())
    print(f"  kept (back exactly, wherever printed): {total_kept}/{units} paragraphs and cells ({total_kept / units:.1%})")
    print(f"  import time against pandoc reading the same file: median {statistics.median(ratios):.2f}× (range {min(ratios):.2f}–{max(ratios):.2f}×)")


if __name__ == "__main__":
    main()
