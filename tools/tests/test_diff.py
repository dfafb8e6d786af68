"""`yearbook diff` on real git repositories with scripted commits: what a reviewer reads."""

from __future__ import annotations

import json
import shutil
import subprocess
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import RECORDS, Run, commit, copy_year, edit, git
from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}
ACTIVITIES = "records/2023/activities.yaml"


def fill_papers(repo: Path, value: int) -> None:
    papers = "papers: {label: 党组织书记撰写论文篇数, kind: count, unit: 篇, value: "
    edit(repo / ACTIVITIES, papers + "}", papers + f"{value}}}")


def test_one_character_edited_in_a_chinese_paragraph(repo: Path, yearbook: Callable[..., Run]) -> None:
    edit(repo / ACTIVITIES, "加强组织领导，狠抓责任落实", "加强思想领导，狠抓责任落实")
    edit(repo / ACTIVITIES, "原原本本、逐字逐句研读党章", "原原本本、逐字逐句学习党章")
    result = yearbook("diff", "HEAD")
    assert result.code == 0
    assert "修改 2 处。" in result.out
    assert "修改  领域 （一） 加强思想领导，狠抓责任落实（leadership）" in result.out
    assert "标题：加强[-组织-]{+思想+}领导，狠抓责任落实" in result.out
    detail = next(line.strip() for line in result.out.splitlines() if line.strip().startswith("段落："))
    assert detail.startswith("段落：…") and detail.endswith("…") and len(detail) < 70  # an excerpt, not the paragraph
    assert "逐字逐句[-研读-]{+学习+}党章" in result.out


def test_numbers_and_figures_stay_whole(repo: Path, yearbook: Callable[..., Run]) -> None:
    fill_papers(repo, 12)
    commit(repo, "fill")
    edit(repo / ACTIVITIES, "unit: 篇, value: 12}", "unit: 篇, value: 15}")
    edit(repo / ACTIVITIES, "研究部署了2023年意识形态工作", "研究部署了2024年意识形态工作")
    result = yearbook("diff", "HEAD")
    assert "修改  数值 党组织书记撰写论文篇数（papers）：12 → 15 篇" in result.out
    assert "[-2023-]{+2024+}年意识形态工作" in result.out


def test_a_filled_value_reads_as_filled(repo: Path, yearbook: Callable[..., Run]) -> None:
    fill_papers(repo, 12)
    edit(
        repo / ACTIVITIES,
        "education-rate: {label: 党员受教育率, kind: percent, unit: '%', value: 100}",
        "education-rate: {label: 党员受教育率, kind: percent, unit: '%', value: 98}",
    )
    result = yearbook("diff", "HEAD")
    assert "填写 1 处" in result.out and "修改 1 处" in result.out
    assert "填写  数值 党组织书记撰写论文篇数（papers）：（待填） → 12 篇" in result.out
    assert "修改  数值 党员受教育率（education-rate）：100 → 98%" in result.out


def test_added_plan_removed_problem_and_reordered_areas(repo: Path, yearbook: Callable[..., Run]) -> None:
    plans = repo / "records/2023/plans.yaml"
    plans.write_text(
        plans.read_text(encoding="utf-8")
        + "  - id: team-building\n    lead: 加强队伍建设，提升能力水平\n    text: 选优配强宣传思想工作队伍。\n    owner: party-group\n",
        encoding="utf-8",
    )
    problems = (repo / "records/2023/problems.yaml").read_text(encoding="utf-8")
    (repo / "records/2023/problems.yaml").write_text(problems[: problems.index("  - id: little-innovation")], encoding="utf-8")
    text = (repo / ACTIVITIES).read_text(encoding="utf-8")
    leadership, publicity, culture = text.index("  - id: leadership"), text.index("  - id: publicity"), text.index("  - id: culture")
    (repo / ACTIVITIES).write_text(text[:leadership] + text[publicity:culture] + text[leadership:publicity] + text[culture:], encoding="utf-8")
    result = yearbook("diff", "HEAD", "--format", "json")
    changes = {(c["action"], c["kind"], c["id"]): c for c in json.loads(result.out)["changes"]}
    assert ("added", "plan", "team-building") in changes and changes[("added", "plan", "team-building")]["number"] == "五是"
    assert ("removed", "problem", "little-innovation") in changes
    moved = [c for c in changes.values() if c["action"] == "moved"]
    assert [(c["id"], c["old_number"], c["number"]) for c in moved] == [("publicity", "（三）", "（一）")]
    assert not any(c["action"] in ("added", "removed") and c["kind"] == "area" for c in changes.values())
    terminal = yearbook("diff", "HEAD").out
    assert "移动  领域 （一） 加强宣传引导，营造舆论氛围（publicity）：（三） → （一）" in terminal
    assert "新增  计划 五是 加强队伍建设，提升能力水平（team-building）" in terminal
    assert "删除  问题 三是 意识形态工作方式创新不够（little-innovation）" in terminal


def test_rewrapping_yaml_is_no_change(repo: Path, yearbook: Callable[..., Run]) -> None:
    edit(
        repo / "records/2023/problems.yaml",
        "    text: 部分党员干部认为意识形态工作比较抽象，找不到工作切入点，",
        "    text: >-\n      部分党员干部认为意识形态工作比较抽象，\n      找不到工作切入点，",
    )
    edit(repo / "records/2023/plans.yaml", "addresses: [weak-synergy, little-innovation]", "addresses:   [weak-synergy,   little-innovation]")
    result = yearbook("diff", "HEAD")
    assert "记录没有变化。" in result.out


def test_between_two_commits_and_against_the_default_branch(repo: Path, yearbook: Callable[..., Run]) -> None:
    git(repo, "checkout", "-q", "-b", "feature")
    edit(repo / "records/2023/problems.yaml", "一年来，我单位", "这一年来，我单位")
    commit(repo, "edit")
    between = yearbook("diff", "main", "HEAD")
    assert "导语：{+这+}一年来" in between.out and "main" in between.out
    default = yearbook("diff")  # merge-base with main against the working tree
    assert default.code == 0 and "导语：{+这+}一年来" in default.out


def test_markdown_summary_first_details_folded_and_text_escaped(repo: Path, yearbook: Callable[..., Run]) -> None:
    edit(repo / "records/2023/problems.yaml", "一年来，我单位", "一年来，<b>我</b>单位*")
    out = yearbook("diff", "HEAD", "--format", "markdown").out
    lines = out.splitlines()
    assert lines[0].startswith("### yearbook diff") and lines[2] == "**修改 1 处。**"
    assert "<details><summary>逐字改动</summary>" in out and out.rstrip().endswith("</details>")
    assert "&lt;b&gt;" in out and "<b>" not in out
    assert "\\*" in out


def test_missing_base_in_a_shallow_clone_says_how_to_fetch_it(
    repo: Path, tmp_path: Path, yearbook: Callable[..., Run], monkeypatch: pytest.MonkeyPatch
) -> None:
    edit(repo / "records/2023/problems.yaml", "一年来，", "这一年来，")
    commit(repo, "second")
    shallow = tmp_path / "shallow"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{repo}", str(shallow)], check=True)
    monkeypatch.chdir(shallow)
    result = yearbook("diff", "HEAD~1")
    assert result.code == 2
    assert "浅克隆" in result.err and "fetch-depth: 0" in result.err and "Traceback" not in result.err


def test_not_a_git_repository(tmp_path: Path, yearbook: Callable[..., Run], monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copytree(RECORDS, tmp_path / "records")
    monkeypatch.chdir(tmp_path)
    result = yearbook("diff")
    assert result.code == 2 and "git" in result.err


# --- redline -----------------------------------------------------------------------------------------


def _texts(root: etree._Element) -> list[str]:
    out = []
    for paragraph in root.iter(f"{{{W}}}p"):
        text = "".join(node.text or "" for node in paragraph.iter(f"{{{W}}}t", f"{{{W}}}delText"))
        if text.strip():
            out.append(text)
    return out


def _resolve(xml: bytes, accept: bool) -> list[str]:
    """The document's paragraphs after accepting (or rejecting) every tracked change, as Word would."""
    root = etree.fromstring(xml)
    keep, drop = ("ins", "del") if accept else ("del", "ins")
    for mark in root.xpath(f"//w:pPr/w:rPr/w:{drop}", namespaces=NS):
        paragraph = mark.getparent().getparent().getparent()
        paragraph.getparent().remove(paragraph)
    for element in root.xpath(f"//w:{drop}", namespaces=NS):
        element.getparent().remove(element)
    for element in root.xpath(f"//w:{keep}", namespaces=NS):
        parent, index = element.getparent(), element.getparent().index(element)
        for child in reversed(list(element)):
            parent.insert(index, child)
        parent.remove(element)
    return _texts(root)


def _plain(docx_path: Path) -> list[str]:
    with zipfile.ZipFile(docx_path) as package:
        return _texts(etree.fromstring(package.read("word/document.xml")))


def test_redline_accept_all_is_head_and_reject_all_is_base(repo: Path, yearbook: Callable[..., Run]) -> None:
    assert yearbook("report", "--format", "docx", "--out", str(repo.parent / "base")).code == 0
    edit(repo / ACTIVITIES, "加强组织领导，狠抓责任落实", "加强思想领导，狠抓责任落实")
    fill_papers(repo, 12)
    problems = (repo / "records/2023/problems.yaml").read_text(encoding="utf-8")
    (repo / "records/2023/problems.yaml").write_text(problems[: problems.index("  - id: little-innovation")], encoding="utf-8")
    edit(repo / "records/2023/plans.yaml", "addresses: [weak-synergy, little-innovation]", "addresses: [weak-synergy]")
    edit(repo / "records/2023/plans.yaml", "addresses: [unclear-understanding, little-innovation]", "addresses: [unclear-understanding]")
    plans = repo / "records/2023/plans.yaml"
    plans.write_text(
        plans.read_text(encoding="utf-8") + "  - id: team-building\n    lead: 加强队伍建设\n    text: 选优配强宣传思想工作队伍。\n", encoding="utf-8"
    )
    assert yearbook("report", "--format", "docx", "--out", str(repo.parent / "head")).code == 0
    result = yearbook("diff", "HEAD", "--docx", str(repo.parent / "redline.docx"))
    assert result.code == 0 and "已生成修订版" in result.err
    with zipfile.ZipFile(repo.parent / "redline.docx") as package:
        xml = package.read("word/document.xml")
    root = etree.fromstring(xml)
    changes = root.xpath("//w:ins | //w:del", namespaces=NS)
    ids = [element.get(f"{{{W}}}id") for element in changes]
    assert len(ids) >= 6 and len(set(ids)) == len(ids)
    assert {element.get(f"{{{W}}}author") for element in changes} == {"yearbook"}
    stem = "2023年度意识形态工作总结及2024年工作计划.docx"
    assert _resolve(xml, accept=True) == _plain(repo.parent / "head" / stem)
    assert _resolve(xml, accept=False) == _plain(repo.parent / "base" / stem)
    deleted_marks = root.xpath("//w:pPr/w:rPr/w:del", namespaces=NS)
    inserted_marks = root.xpath("//w:pPr/w:rPr/w:ins", namespaces=NS)
    assert deleted_marks and inserted_marks  # the removed problem and the added plan are whole paragraphs


def test_two_years_side_by_side(repo: Path, yearbook: Callable[..., Run]) -> None:
    records = repo / "records"
    copy_year(records, 2023, 2024)
    edit(records / "2023" / "activities.yaml", "unit: 篇, value: }\n      lectures", "unit: 篇, value: 12}\n      lectures")
    edit(records / "2024" / "activities.yaml", "unit: 篇, value: }\n      lectures", "unit: 篇, value: 15}\n      lectures")
    edit(records / "2024" / "activities.yaml", "value: 100}", "value: 98}")
    edit(
        records / "2024" / "activities.yaml",
        "    owner: party-group\n    paragraphs:",
        "    owner: party-group\n    carries_out: [political-stance]\n    paragraphs:",
    )
    edit(records / "2024" / "problems.yaml", "  - id: weak-synergy", "  - id: synergy-still-weak")
    out = yearbook("diff", "--years", "2023", "2024").out
    assert "党组织书记撰写论文篇数（papers）：12 篇 → 15 篇  +3（+25.0%）" in out  # the unit on both sides
    assert "党员受教育率（education-rate）：100% → 98%  -2 个百分点" in out
    assert "专题党课宣讲场次（lectures）：（待填） → （待填）" in out
    assert "2023 年度计划的落实：1/4 项在 2024 年度有落实记录" in out
    assert "提升政治站位，严格落实责任（political-stance）：领域 加强组织领导，狠抓责任落实（leadership）" in out
    assert "强化理论学习，坚定正确方向（theory-study）：（没有落实记录）" in out
    assert "再次出现的问题：3 个" in out and "意识形态工作合力尚待增强（synergy-still-weak）" in out  # same lead, new id
    assert "新出现的问题：0 个" in out and "已不再出现的问题（2023 年度有）：0 个" in out
    data = json.loads(yearbook("diff", "--years", "2023", "2024", "--format", "json").out)
    assert data["first"] == 2023 and len(data["plans"]) == 4
    assert yearbook("diff", "--years", "2023", "2030").code == 2


def test_terminal_colours_only_when_asked() -> None:
    from yearbook.diff.changes import Change, FieldChange
    from yearbook.diff.render import terminal
    from yearbook.diff.tokens import diff

    change = Change(
        "changed",
        "area",
        2023,
        "x",
        "加强思想领导",
        "（一）",
        "（一）",
        (FieldChange("heading", "加强组织领导", "加强思想领导", diff("加强组织领导", "加强思想领导")),),
    )
    coloured = terminal([change], "t", colour=True)
    assert "\033[31m组织\033[0m\033[32m思想\033[0m" in coloured
    assert "[-组织-]{+思想+}" in terminal([change], "t", colour=False)


def test_pull_request_comment_golden(repo: Path, yearbook: Callable[..., Run]) -> None:
    """The comment a reviewer reads: the same command the workflow runs, wrapped by ci-comment."""
    import re

    from test_cli import assert_golden

    from yearbook.ci_comment import comment_body

    edit(repo / ACTIVITIES, "加强组织领导，狠抓责任落实", "加强思想领导，狠抓责任落实")
    fill_papers(repo, 12)
    problems = (repo / "records/2023/problems.yaml").read_text(encoding="utf-8")
    (repo / "records/2023/problems.yaml").write_text(problems[: problems.index("  - id: little-innovation")], encoding="utf-8")
    markdown = yearbook("diff", "HEAD", "--format", "markdown").out
    assert_golden("comment.md", re.sub(r"（[0-9a-f]{8}）", "（COMMIT）", comment_body(markdown)))


def test_a_changed_addressee_is_shown_by_character(repo: Path, yearbook: Callable[..., Run]) -> None:
    edit(repo / "records/2023/report.yaml", "opening:", "addressee: 市委宣传部：\nopening:")
    commit(repo, "addressee")
    edit(repo / "records/2023/report.yaml", "addressee: 市委宣传部：", "addressee: 市委组织部：")
    result = yearbook("diff", "HEAD")
    assert result.code == 0
    assert "主送或称谓：市委[-宣传-]{+组织+}部：" in result.out


def test_two_years_list_new_and_resolved_problems(repo: Path, yearbook: Callable[..., Run]) -> None:
    records = repo / "records"
    copy_year(records, 2023, 2024)
    edit(records / "2024" / "problems.yaml", "  - id: weak-synergy\n    lead: 意识形态工作合力尚待增强", "  - id: thin-staff\n    lead: 宣传队伍力量仍显薄弱")
    out = yearbook("diff", "--years", "2023", "2024").out
    assert "新出现的问题：1 个\n  宣传队伍力量仍显薄弱（thin-staff）" in out
    assert "已不再出现的问题（2023 年度有）：1 个\n  意识形态工作合力尚待增强（weak-synergy）" in out
    assert "再次出现的问题：2 个" in out
    data = json.loads(yearbook("diff", "--years", "2023", "2024", "--format", "json").out)
    assert data["new_problems"] == [["thin-staff", "宣传队伍力量仍显薄弱"]] and data["resolved_problems"] == [["weak-synergy", "意识形态工作合力尚待增强"]]
    markdown = yearbook("diff", "--years", "2023", "2024", "--format", "markdown").out
    assert "**新出现的问题**：1 个" in markdown


def test_the_diff_in_english(repo: Path, yearbook: Callable[..., Run]) -> None:
    edit(repo / ACTIVITIES, "加强组织领导，狠抓责任落实", "加强思想领导，狠抓责任落实")
    fill_papers(repo, 12)
    out = yearbook("diff", "HEAD", "--lang", "en").out
    assert "yearbook diff: HEAD (" in out and "→ working tree" in out
    assert "\n1 changed, 1 filled in.\n" in out
    assert "changed  area （一） 加强思想领导，狠抓责任落实 (leadership)" in out
    assert "heading: 加强[-组织-]{+思想+}领导，狠抓责任落实" in out
    assert "filled in  figure 党组织书记撰写论文篇数 (papers): (blank) → 12 篇" in out
    assert not any(word in out for word in ("修改", "领域", "标题：", "数值", "年度", "（待填）"))  # the records' words stay Chinese; ours do not
    markdown = yearbook("diff", "HEAD", "--lang", "en", "--format", "markdown").out
    assert "| Year | Change | Item |" in markdown and "<summary>Character by character</summary>" in markdown
