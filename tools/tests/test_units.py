"""Many units in one repository: `yearbook check units/` finds every units/<unit>/records/ tree, names the unit in
every finding (its path), and gives the same output on two processes as on one."""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from conftest import RECORDS, Run, edit, init_repo

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


def test_each_units_diff_under_its_name(units: Path, yearbook: Callable[..., Run]) -> None:
    init_repo(units.parent)
    edit(units / "county-water" / "records" / "2023" / "activities.yaml", "加强组织领导，狠抓责任落实", "加强思想领导，狠抓责任落实")
    run = yearbook("diff", "HEAD", "--records", "units")  # only the units whose files changed
    assert run.code == 0 and "2 个单位没有改动" in run.err
    sections = run.out.split("== ")[1:]
    assert [s.split(" ==")[0] for s in sections] == ["county-water"] and "加强[-组织-]{+思想+}领导" in sections[0]
    every = yearbook("diff", "HEAD", "--records", "units", "--all").out.split("== ")[1:]
    assert [s.split(" ==")[0] for s in every] == ["county-water", "县卫健委", "县教育局"] and "记录没有变化。" in every[2]
    data = json.loads(yearbook("diff", "HEAD", "--records", "units", "--format", "json", "--all").out)
    assert list(data) == ["county-water", "县卫健委", "县教育局"] and data["county-water"]["changes"] and not data["县教育局"]["changes"]
    assert list(json.loads(yearbook("diff", "HEAD", "--records", "units", "--format", "json").out)) == ["county-water"]


def test_check_since_a_revision_checks_only_the_changed_units(units: Path, yearbook: Callable[..., Run]) -> None:
    init_repo(units.parent)
    edit(units / "county-water" / "records" / "2023" / "activities.yaml", "加强组织领导，狠抓责任落实", "加强思想领导，狠抓责任落实")
    run = yearbook("check", "units", "--since", "HEAD")
    assert run.code == 0 and "检查了 6 个文件" in run.out and "units/县卫健委" not in run.out  # the unit with the error is unchanged
    assert yearbook("check", "units").code == 1
