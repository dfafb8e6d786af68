"""`yearbook todo`: every blank `--final` would refuse, grouped by the responsibility that owns where it stands."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from conftest import Run, edit
from test_parts import tree


def test_the_seeds_blanks_by_owner(records: Path, yearbook: Callable[..., Run]) -> None:
    run = yearbook("todo", "--records", str(records), "--format", "json")
    assert run.code == 1
    data = json.loads(run.out)
    assert data["year"] == 2023 and data["total"] == 28
    owners = {group["owner"]: group for group in data["groups"]}
    assert list(owners) == ["party-group", None]  # the plans' figures belong to the plans' owner
    assert [b["line"] for b in owners["party-group"]["blanks"]] == [10, 11] and owners["party-group"]["role"] == "党组"
    final = json.loads(yearbook("check", str(records), "--final", "--format", "json").out)["findings"]
    blanks = {(f["file"], f["line"]) for f in final if f["code"] in ("YB302", "YB303")}
    assert blanks == {(b["file"], b["line"]) for group in data["groups"] for b in group["blanks"]}  # exactly what --final refuses


def test_an_owned_area_takes_its_blanks_and_placeholders(records: Path, yearbook: Callable[..., Run]) -> None:
    activities = records / "2023" / "activities.yaml"
    edit(activities, "    heading: 夯实理论武装，筑牢信仰之基\n", "    heading: 夯实理论武装，筑牢信仰之基\n    owner: party-secretary\n")
    edit(activities, "严格执行《", "XX年严格执行《")  # a placeholder in the party group's area
    data = json.loads(yearbook("todo", "--records", str(records), "--format", "json").out)
    owners = {group["owner"]: group for group in data["groups"]}
    assert list(owners) == ["party-group", "party-secretary", None]  # in responsibilities.yaml's order, then none
    assert len(owners["party-secretary"]["blanks"]) == 5 and owners["party-secretary"]["role"] == "党组书记"
    assert any(b["code"] == "YB303" and b["line"] == 12 for b in owners["party-group"]["blanks"])


def test_text_and_markdown(records: Path, yearbook: Callable[..., Run]) -> None:
    text = yearbook("todo", "--records", str(records))
    assert "2023 年度待填 28 处" in text.out and "党组（party-group）：2 处" in text.out and "records/2023/plans.yaml:10:58" in text.out
    markdown = yearbook("todo", "--records", str(records), "--format", "markdown").out
    assert markdown.count("- [ ] `records/") == 28 and "**党组（party-group）**" in markdown
    english = yearbook("todo", "--records", str(records), "--lang", "en").out
    assert "28 blanks left in 2023" in english and "not filled in yet" in english


def test_nothing_left_exits_clean(tmp_path: Path, yearbook: Callable[..., Run]) -> None:
    records = tree(
        tmp_path, "opening:\n  - 总结如下。\ndate: 2024-01-10\n", {"work": "type: text\nheading: 工作情况\nparagraphs:\n  - 全年培训工作按计划完成。\n"}
    )
    run = yearbook("todo", "--records", str(records))
    assert run.code == 0 and "没有待填的内容" in run.out


def test_the_new_years_carried_plans_are_their_owners_to_write(records: Path, yearbook: Callable[..., Run]) -> None:
    assert yearbook("new-year", "--records", str(records)).code == 0
    data = json.loads(yearbook("todo", "2024", "--records", str(records), "--format", "json").out)
    mine = next(group for group in data["groups"] if group["owner"] == "party-group")
    assert sum("的落实情况" in b["message"] for b in mine["blanks"]) == 4
    assert any("成文日期" in b["message"] for group in data["groups"] if group["owner"] is None for b in group["blanks"])
