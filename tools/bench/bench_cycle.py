"""`make bench` for the annual cycle, each against a named alternative measured in the same run (medians):

- `yearbook new-year` (a fresh process: check the latest year, edit every file in place with ruamel.yaml, write,
  check the new year) against `cp -r` of the year's folder, what a clerk does today before twelve hand edits;
- `yearbook figures import` of a filled-in sheet of the seed's 26 figures (fresh process) against the same values
  written by loading and dumping the files with PyYAML's C dumper, which is faster but loses every comment, the
  key order of flow maps and the line layout (the reason for a round-trip library); and how many lines each
  changes;
- `yearbook todo` on ten synthetic years, against `yearbook check` on the same records (the work it builds on);
- `yearbook absorb` of the seed's DOCX with three tracked edits and a comment, against `yearbook report --format
  docx`, the build it reverses.
"""

from __future__ import annotations

import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import openpyxl
import yaml

BENCH = Path(__file__).resolve().parent
RECORDS = BENCH.parents[1] / "records"
BIN = Path(sys.executable).parent
sys.path.insert(0, str(BENCH))

from synth import make_collection  # noqa: E402


def _median(action: Callable[[], object], runs: int = 5) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _run(*args: str) -> None:
    subprocess.run([str(BIN / "yearbook"), *args], check=True, capture_output=True)


def _new_year(scratch: Path) -> None:
    base = scratch / "ny"
    shutil.copytree(RECORDS, base / "records")

    def ours() -> None:
        shutil.rmtree(base / "records" / "2024", ignore_errors=True)
        _run("new-year", "--records", str(base / "records"))

    def copy() -> None:
        shutil.rmtree(base / "copy", ignore_errors=True)
        subprocess.run(["cp", "-r", str(RECORDS / "2023"), str(base / "copy")], check=True)

    now, then = _median(ours), _median(copy)
    print(
        f"new-year on the seed, fresh process: {now:.3f} s; cp -r of the folder {then:.3f} s ({now / then:.1f}× the copy, which leaves the twelve edits to do by hand)"
    )


def _figures(scratch: Path) -> None:
    base = scratch / "fig"
    shutil.copytree(RECORDS, base / "records")
    sheet = base / "f.xlsx"
    _run("figures", "export", "--records", str(base / "records"), "--xlsx", str(sheet))
    book = openpyxl.load_workbook(sheet)
    ws = book.active
    for row in range(3, ws.max_row + 1):
        kind = ws.cell(row, 3).value
        ws.cell(row, 6).value = "某某" if kind == "文字" else (95 if kind == "百分比" else row)
    book.save(sheet)
    pristine = {p.name: p.read_text(encoding="utf-8") for p in (RECORDS / "2023").glob("*.yaml")}

    def reset() -> None:
        for name, text in pristine.items():
            (base / "records" / "2023" / name).write_text(text, encoding="utf-8")

    def ours() -> None:
        reset()
        _run("figures", "import", str(sheet), "--records", str(base / "records"))

    ours()
    ours_lines = sum(
        a != b
        for name, text in pristine.items()
        for a, b in zip(text.splitlines(), (base / "records" / "2023" / name).read_text(encoding="utf-8").splitlines(), strict=False)
    )
    values = {ws.cell(row, 1).value: ws.cell(row, 6).value for row in range(3, ws.max_row + 1)}

    def plain() -> None:
        for name, text in pristine.items():
            data = yaml.load(text, Loader=yaml.CSafeLoader)
            for area in data.get("areas") or ():
                for fid, figure in (area.get("figures") or {}).items():
                    figure["value"] = values.get(fid, figure.get("value"))
            for fid, figure in (data.get("figures") or {}).items():
                figure["value"] = values.get(fid, figure.get("value"))
            (base / "plain" / name).parent.mkdir(exist_ok=True)
            (base / "plain" / name).write_text(yaml.dump(data, Dumper=yaml.CSafeDumper, allow_unicode=True), encoding="utf-8")

    now, then = _median(ours), _median(plain)
    plain_lines = sum(len(set(text.splitlines()) ^ set((base / "plain" / name).read_text(encoding="utf-8").splitlines())) for name, text in pristine.items())
    comments = sum(line.lstrip().startswith("#") for text in pristine.values() for line in text.splitlines())
    kept = sum(line.lstrip().startswith("#") for name in pristine for line in (base / "plain" / name).read_text(encoding="utf-8").splitlines())
    print(
        f"figures import of {len(values)} values, fresh process: {now:.3f} s, changing {ours_lines} lines; a PyYAML load and dump "
        f"{then:.4f} s ({now / then:.0f}×) but {plain_lines} lines differ and {comments - kept} of {comments} comments are lost"
    )


def _todo(scratch: Path) -> None:
    records = make_collection(scratch / "ten", 1, 10)[0]
    check = _median(lambda: subprocess.run([str(BIN / "yearbook"), "check", str(records)], capture_output=True), 3)
    todo = _median(lambda: subprocess.run([str(BIN / "yearbook"), "todo", "--records", str(records)], capture_output=True), 3)
    print(f"ten synthetic years, fresh processes: todo {todo:.2f} s, check {check:.2f} s ({todo / check:.2f}× the check it builds on)")


def _absorb(scratch: Path) -> None:
    sys.path.insert(0, str(BENCH.parent / "tests"))
    from reviewer import comment, track

    base = scratch / "absorb"
    shutil.copytree(RECORDS, base / "records")
    pristine = {p.name: p.read_bytes() for p in (RECORDS / "2023").glob("*.yaml")}
    _run("report", "--records", str(base / "records"), "--out", str(base / "build"), "--format", "docx")
    built = next((base / "build").glob("*.docx"))
    reviewed = comment(
        track(track(track(built.read_bytes(), "严格执行", "认真执行"), "坚持把思想建设", "始终把思想建设"), "受教育率100%", "受教育率98.5%"),
        "八个严禁",
        "请核对出处。",
    )
    (base / "reviewed.docx").write_bytes(reviewed)

    def ours() -> None:
        for name, data in pristine.items():
            (base / "records" / "2023" / name).write_bytes(data)
        _run("absorb", str(base / "reviewed.docx"), "--records", str(base / "records"))

    now = _median(ours)
    build = _median(lambda: _run("report", "--records", str(base / "records"), "--out", str(base / "again"), "--format", "docx"))
    print(
        f"absorb of a reviewed DOCX (3 tracked edits, 1 comment), fresh process: {now:.2f} s; report --format docx {build:.2f} s ({now / build:.2f}× the build it reverses)"
    )


def main() -> None:
    with tempfile.TemporaryDirectory() as scratch:
        _new_year(Path(scratch))
        _figures(Path(scratch))
        _todo(Path(scratch))
        _absorb(Path(scratch))


if __name__ == "__main__":
    main()
