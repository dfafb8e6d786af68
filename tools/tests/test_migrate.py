"""`yearbook migrate`: format 1 to format 2 as text edits, every comment kept, all files or none."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

from conftest import REPO, Run

FORMAT_1 = Path(__file__).parent / "fixtures" / "format1" / "records"  # the seed records as committed in format 1 (20213dc)


def _format_1(tmp_path: Path) -> Path:
    records = tmp_path / "records"
    shutil.copytree(FORMAT_1, records)
    return records


def _snapshot(records: Path) -> dict[str, bytes]:
    return {str(path.relative_to(records)): path.read_bytes() for path in sorted(records.rglob("*.yaml"))}


def test_the_seed_in_format_1_becomes_the_repositorys_records(tmp_path: Path, yearbook: Callable[..., Run]) -> None:
    records = _format_1(tmp_path)
    result = yearbook("migrate", str(records))
    assert result.code == 0 and "已升级" in result.err
    # Exactly the files in the repository today: the migration is what was committed, comments and all.
    assert _snapshot(records) == _snapshot(REPO / "records")
    again = yearbook("migrate", str(records))
    assert again.code == 0 and "无需迁移" in again.err


def test_dry_run_writes_nothing(tmp_path: Path, yearbook: Callable[..., Run]) -> None:
    records = _format_1(tmp_path)
    before = _snapshot(records)
    result = yearbook("migrate", str(records), "--dry-run")
    assert result.code == 0 and "将升级" in result.err and "activities.yaml" in result.err
    assert _snapshot(records) == before


def test_a_file_that_cannot_be_moved_safely_leaves_every_file_as_it_was(tmp_path: Path, yearbook: Callable[..., Run]) -> None:
    records = _format_1(tmp_path)
    activities = records / "2023" / "activities.yaml"
    text = activities.read_text(encoding="utf-8")
    activities.write_text(
        text.replace("heading: 主要做法和成效\n", "heading: 主要做法和成效\nindicators: {heading: 主要指标, paragraphs: [全年完成。]}\n"), encoding="utf-8"
    )
    before = _snapshot(records)
    result = yearbook("migrate", str(records))
    assert result.code == 2 and "流式写法" in result.err and "Traceback" not in result.err
    assert _snapshot(records) == before


def test_format_1_records_are_told_to_migrate(tmp_path: Path, yearbook: Callable[..., Run]) -> None:
    records = _format_1(tmp_path)
    result = yearbook("check", str(records))
    assert result.code == 1
    assert result.out.count("yearbook migrate") == 6  # one line per file, not a page of schema errors
