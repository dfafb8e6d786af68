"""Many units in one repository: `yearbook check units/` finds every units/<unit>/records/ tree, names the unit in
every finding (its path), and gives the same output on two processes as on one."""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from conftest import RECORDS, Run, edit

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def units(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    for name in ("县教育局", "县卫健委", "county-water"):
        shutil.copytree(RECORDS, tmp_path / "units" / name / "records")
    edit(tmp_path / "units" / "县卫健委" / "records" / "2023" / "plans.yaml", "- id: theory-study", "- id: political-stance")  # an error
    monkeypatch.chdir(tmp_path)
    return tmp_path / "units"


def test_every_unit_is_checked_and_named(units: Path, yearbook: Callable[..., Run]) -> None:
    run = yearbook("check", "units", "--jobs", "1")
    assert run.code == 1
    assert "检查了 18 个文件：1 个错误" in run.out
    errors = [line for line in run.out.splitlines() if " YB201 " in line]
    assert len(errors) == 1 and errors[0].startswith("units/县卫健委/records/2023/plans.yaml:")
    for name in ("县教育局", "县卫健委", "county-water"):
        assert f"units/{name}/records/2023/" in run.out


def test_two_processes_give_the_same_output(units: Path, yearbook: Callable[..., Run]) -> None:
    one = yearbook("check", "units", "--jobs", "1", "--format", "json")
    two = yearbook("check", "units", "--jobs", "2", "--format", "json")
    assert one.code == two.code == 1 and one.out == two.out


def test_a_file_of_one_unit_checks_that_unit(units: Path, yearbook: Callable[..., Run]) -> None:
    run = yearbook("check", "units/县教育局/records/2023/plans.yaml")
    assert run.code == 0 and "units/县卫健委" not in run.out


def test_the_hook_matches_unit_layouts() -> None:
    hook = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))[0]
    pattern = re.compile(hook["files"])
    assert pattern.search("records/2023/plans.yaml") and pattern.search("units/县教育局/records/2023/plans.yaml")
    assert not pattern.search("tools/tests/fixtures/x.txt") and not pattern.search("records.md")


def test_each_units_report_in_a_folder_of_its_own(units: Path, yearbook: Callable[..., Run]) -> None:
    edit(units / "县卫健委" / "records" / "2023" / "plans.yaml", "- id: political-stance\n    lead: 强化理论学习", "- id: theory-study\n    lead: 强化理论学习")
    run = yearbook("report", "--records", "units", "--out", "build", "--format", "md")
    assert run.code == 0, run.err
    for name in ("县教育局", "县卫健委", "county-water"):
        assert run.err.count(f"单位 {name}：") == 1
        assert [p.suffix for p in (units.parent / "build" / name).iterdir()] == [".md"]
