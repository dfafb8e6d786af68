"""Each check with a failing fixture (a one-line edit of the real records) asserting code and position,
and passing fixtures that must stay silent."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import Run, copy_year, edit


@dataclass(frozen=True)
class Case:
    name: str
    file: str
    old: str
    new: str
    code: str
    at: str  # the finding points at the first character of this text in the edited file...
    nth: int = 0  # ...at its nth occurrence
    words: tuple[str, ...] = ()
    severity: str = "error"
    found_in: str | None = None  # when the finding is in another file than the edit


PLAN_ADDRESSES = "addresses: [weak-synergy, little-innovation]"
AREA_OWNER = "    owner: party-group\n    paragraphs:"

BAD = [
    Case("duplicate-id", "2023/plans.yaml", "- id: theory-study", "- id: political-stance", "YB201", "political-stance", 1, ("political-stance", "计划")),
    Case("duplicate-id-across-files", "2023/plans.yaml", "- id: theory-study", "- id: weak-synergy", "YB201", "weak-synergy", 1, ("problems.yaml", "问题")),
    Case("duplicate-figure-id", "2023/plans.yaml", "  story-subject:", "  papers:", "YB201", "papers", 0, ("命名数值",)),
    Case(
        "plan-to-problem",
        "2023/plans.yaml",
        PLAN_ADDRESSES,
        "addresses: [weak-synergy, litle-innovation]",
        "YB202",
        "litle-innovation",
        0,
        ("是不是“little-innovation”",),
    ),
    Case(
        "plan-owner",
        "2023/plans.yaml",
        "owner: party-group\n  - id: theory-study",
        "owner: party-grp\n  - id: theory-study",
        "YB202",
        "party-grp",
        0,
        ("responsibilities.yaml", "party-group"),
    ),
    Case("area-owner", "2023/activities.yaml", AREA_OWNER, "    owner: nobody\n    paragraphs:", "YB202", "nobody", 0, ("nobody",)),
    Case("text-to-value", "2023/activities.yaml", "撰写论文{papers}篇", "撰写论文{paper}篇", "YB202", "{paper}", 0, ("{paper}", "是不是“papers”")),
    Case("stray-brace", "2023/activities.yaml", "撰写论文{papers}篇", "撰写论文{papers}}篇", "YB202", "}篇", 0, ("花括号",)),
    Case(
        "carries-out-without-previous-year",
        "2023/activities.yaml",
        AREA_OWNER,
        "    owner: party-group\n    carries_out: [old-plan]\n    paragraphs:",
        "YB202",
        "old-plan",
        0,
        ("2022",),
    ),
    Case("year-mismatch", "2023/plans.yaml", "year: 2023", "year: 2022", "YB203", "2022", 0, ("records/2022/",)),
    Case(
        "event-date-outside-year",
        "2023/activities.yaml",
        AREA_OWNER,
        "    owner: party-group\n    events:\n      - {id: kickoff, date: 2022-12-30, text: 召开部署会。}\n    paragraphs:",
        "YB204",
        "2022-12-30",
    ),
    Case(
        "unaddressed-problem",
        "2023/plans.yaml",
        "addresses: [unclear-understanding, little-innovation]",
        "addresses: [little-innovation]",
        "YB205",
        "unclear-understanding",
        0,
        ("plans.yaml",),
        "warning",
        "2023/problems.yaml",
    ),
    Case("percent-range", "2023/activities.yaml", "value: 100}", "value: 120}", "YB301", "120", 0, ("0 到 100",)),
    Case("count-whole", "2023/activities.yaml", "unit: 篇, value: }\n      lectures", "unit: 篇, value: 2.5}\n      lectures", "YB301", "2.5", 0, ("整数",)),
    Case("count-non-negative", "2023/activities.yaml", "unit: 篇, value: }\n      lectures", "unit: 篇, value: -3}\n      lectures", "YB301", "-3"),
    Case("number-as-text", "2023/activities.yaml", "unit: 万, value: }", "unit: 万, value: 1.2万}", "YB301", "1.2万", 0, ("阿拉伯数字",)),
    Case("placeholder-star", "2023/activities.yaml", "撰写论文{papers}篇", "撰写论文*篇", "YB303", "*篇", 0, ("“*”",), "warning"),
    Case("placeholder-xx", "2023/problems.yaml", "一年来，我单位", "一年来，XX单位", "YB303", "XX单位", 0, ("“XX”",), "warning"),
    Case("placeholder-mou", "2023/problems.yaml", "一年来，我单位", "一年来，某某单位", "YB303", "某某", 0, (), "warning"),
    Case("halfwidth-comma", "2023/activities.yaml", "以开展主题教育为主线，", "以开展主题教育为主线,", "YB401", ",认真", 0, ("，",)),
    Case("halfwidth-parenthesis", "2023/problems.yaml", "一年来，我单位", "一年来(我单位", "YB401", "(我单位", 0, ("（",)),
    Case("ascii-quotes", "2023/report.yaml", "进一步增强“四个意识”", '进一步增强"四个意识"', "YB402", '"四个意识', 0, ("“”",)),
    Case("unclosed-book-title", "2023/activities.yaml", "《习近平著作选读》", "《习近平著作选读", "YB403", "《习近平著作选读", 0, ("》",)),
    Case("unopened-quote", "2023/plans.yaml", "守牢“主阵地”", "守牢主阵地”", "YB403", "”、打好", 0, ("“",)),
    Case(
        "unexpected-key-at-the-key",
        "2023/report.yaml",
        "topic: 意识形态工作\n",
        "topic: 意识形态工作\ntitel: 标题\n",
        "YB101",
        "titel",
        0,
        ("titel", "是不是想写“title”"),
    ),
    Case("required", "2023/report.yaml", "topic: 意识形态工作\n", "", "YB101", "format", 0, ("topic",)),
    Case("part-without-type", "2023/problems.yaml", "type: problems\n", "", "YB101", "format", 0, ("type:", "narrative、figures、problems")),
    Case("unknown-part-type", "2023/problems.yaml", "type: problems\n", "type: problem\n", "YB101", "problem\n", 0, ("problem", "problems")),
    Case("old-format", "2023/plans.yaml", "format: 2", "format: 1", "YB101", "1\n", 0, ("yearbook migrate",)),
    Case(
        "listed-part-missing",
        "2023/report.yaml",
        "[activities, problems, plans]",
        "[activities, problems, plans, others]",
        "YB206",
        "others",
        0,
        ("others.yaml",),
    ),
    Case("wrong-type-year", "2023/plans.yaml", "year: 2023", "year: '2023'", "YB101", "'2023'", 0, ("整数",)),
    Case("bad-id", "2023/plans.yaml", "- id: theory-study", "- id: Theory_Study", "YB101", "Theory_Study", 0, ("小写",)),
    Case(
        "enum",
        "2023/activities.yaml",
        "kind: count, unit: 篇, value: }\n      lectures",
        "kind: counts, unit: 篇, value: }\n      lectures",
        "YB101",
        "counts",
        0,
        ("count、number、percent、rate、text",),
    ),
    Case("bad-figure-key", "2023/plans.yaml", "  story-subject:", "  story_subject:", "YB101", "story_subject", 0, ("标识",)),
    Case("bad-date", "2023/report.yaml", "date:   #", "date: 2024/1/15  #", "YB101", "2024/1/15", 0, ("2023-05-18",)),
    Case("number-with-separator", "2023/report.yaml", "year: 2023", "year: 2,023", "YB101", "2,023", 0, ("阿拉伯数字",)),
    Case("text-starting-with-brace", "2023/responsibilities.yaml", "role: 党组\n", "role: {org}\n", "YB101", "{org}", 0, ("加单引号",)),
    Case(
        "empty-section",
        "2023/activities.yaml",
        "    owner: party-group\n    paragraphs:\n      - 严格执行",
        "    owner: party-group\n    note:\n      - 严格执行",
        "YB101",
        "note",
        0,
        ("note",),
    ),
    Case("typed-lead-point", "2023/plans.yaml", "lead: 提升政治站位", "lead: 三是提升政治站位", "YB404", "三是", 0, ("“三是”", "重复")),
    Case("typed-heading", "2023/activities.yaml", "heading: 加强组织领导", "heading: （一）加强组织领导", "YB404", "（一）", 1, ("“（一）”",)),
    Case("typed-part", "2023/problems.yaml", "heading: 存在的问题", "heading: 三、存在的问题", "YB404", "三、", 0, ("“三、”",)),
    Case("typed-arabic", "2023/problems.yaml", "lead: 意识形态工作合力尚待增强", "lead: 1.意识形态工作合力尚待增强", "YB404", "1.", 0, ("“1.”",)),
    Case("typed-circled", "2023/problems.yaml", "lead: 意识形态工作合力尚待增强", "lead: ①意识形态工作合力尚待增强", "YB404", "①", 0, ("“①”",)),
    Case("typed-ordinal-word", "2023/problems.yaml", "lead: 意识形态工作合力尚待增强", "lead: 首先，意识形态工作合力尚待增强", "YB404", "首先，", 0),
    Case("typed-part-number", "2023/plans.yaml", "heading: 下一步工作安排", "heading: 第三部分 下一步工作安排", "YB404", "第三部分", 0),
]


def _position(text: str, needle: str, nth: int) -> tuple[int, int]:
    index = -1
    for _ in range(nth + 1):
        index = text.index(needle, index + 1)
    line_start = text.rfind("\n", 0, index) + 1
    return text.count("\n", 0, index) + 1, index - line_start + 1


@pytest.mark.parametrize("case", BAD, ids=[case.name for case in BAD])
def test_bad_fixture_is_reported_at_the_spot(case: Case, records: Path, yearbook: Callable[..., Run]) -> None:
    path = records / case.file
    edit(path, case.old, case.new)
    result = yearbook("check", "--format", "json")
    findings = [f for f in json.loads(result.out)["findings"] if f["code"] == case.code]
    found_in = case.found_in or case.file
    line, col = _position((records / found_in).read_text(encoding="utf-8"), case.at, case.nth)
    spot = [f for f in findings if (f["file"], f["line"], f["col"]) == (f"records/{found_in}", line, col)]
    assert spot, f"no {case.code} at records/{found_in}:{line}:{col}; got {findings}"
    assert spot[0]["severity"] == case.severity
    for word in case.words:
        assert word in spot[0]["message"]
    assert result.code == (1 if case.severity == "error" else 0)


GOOD = [
    ("digits-keep-halfwidth", "2023/problems.yaml", "一年来，我单位", "一年来，1,200名党员12:30在单位"),
    ("latin-keeps-halfwidth", "2023/problems.yaml", "一年来，我单位", "一年来，我单位（PDF, Word）"),
    ("latin-apostrophe", "2023/responsibilities.yaml", "    role: 党组\n", "    role: 党组\n    holders: [O'Neil Smith]\n"),
    ("literal-braces", "2023/problems.yaml", "一年来，我单位", "一年来，{{我单位}}"),
    ("builtin-references", "2023/problems.yaml", "一年来，我单位", "一年来，{year}年我单位{next_year}年"),
    ("nested-pairs", "2023/problems.yaml", "一年来，我单位", "一年来，《关于“两个维护”的（试行）办法》我单位"),
    ("filled-value", "2023/activities.yaml", "unit: 篇, value: }\n      lectures", "unit: 篇, value: 12}\n      lectures"),
    ("numeral-not-numbering", "2023/problems.yaml", "lead: 意识形态工作合力尚待增强", "lead: 第一议题学习合力尚待增强"),
    ("decimal-not-numbering", "2023/problems.yaml", "lead: 意识形态工作合力尚待增强", "lead: 1.5倍的合力尚待增强"),
    ("year-not-numbering", "2023/plans.yaml", "heading: 下一步工作安排", "heading: 2024年工作安排"),
    ("first-not-numbering", "2023/problems.yaml", "lead: 意识形态工作合力尚待增强", "lead: 首先要看到合力尚待增强"),
    (
        "event-in-year",
        "2023/activities.yaml",
        AREA_OWNER,
        "    owner: party-group\n    events:\n      - {id: kickoff, date: 2023-02, text: 召开部署会。}\n    paragraphs:",
    ),
]


@pytest.mark.parametrize(("file", "old", "new"), [g[1:] for g in GOOD], ids=[g[0] for g in GOOD])
def test_good_fixture_adds_no_finding(file: str, old: str, new: str, records: Path, yearbook: Callable[..., Run]) -> None:
    before = json.loads(yearbook("check", "--format", "json").out)["findings"]
    edit(records / file, old, new)
    after = json.loads(yearbook("check", "--format", "json").out)["findings"]
    known = {(f["code"], f["file"], f["line"]) for f in before}  # the seed's own: blanks, and one paragraph with no full stop
    assert [f for f in after if f["code"] != "YB302" and (f["code"], f["file"], f["line"]) not in known] == []
    assert len(after) <= len(before)


def test_carries_out_resolves_against_last_years_plans(records: Path, yearbook: Callable[..., Run]) -> None:

    copy_year(records, 2023, 2024)
    edit(records / "2024" / "activities.yaml", AREA_OWNER, "    owner: party-group\n    carries_out: [political-stance, theory-stdy]\n    paragraphs:")
    result = json.loads(yearbook("check", "records/2024", "--format", "json").out)
    broken = [f for f in result["findings"] if f["code"] == "YB202"]
    assert len(broken) == 1 and "theory-stdy" in broken[0]["message"] and "是不是“theory-study”" in broken[0]["message"]
    assert all(f["file"].startswith("records/2024/") or f["file"] == "records/org.yaml" for f in result["findings"])


def test_missing_and_unknown_files(records: Path, yearbook: Callable[..., Run]) -> None:
    (records / "2023" / "problems.yaml").rename(records / "2023" / "problem.yaml")
    result = json.loads(yearbook("check", "--format", "json").out)
    codes = {(f["code"], f["file"]) for f in result["findings"]}
    assert ("YB206", "records/2023/report.yaml") in codes
    unknown = [f for f in result["findings"] if f["code"] == "YB207"]
    assert unknown and "是不是应命名为“problems.yaml”" in unknown[0]["message"]
    # Plans still load and are checked; links into the missing problems are not followed.
    assert not any(f["code"] == "YB202" for f in result["findings"])


def test_one_bad_file_does_not_stop_the_others(records: Path, yearbook: Callable[..., Run]) -> None:
    (records / "2023" / "report.yaml").write_bytes("topic: 意识形态".encode("gbk"))
    edit(records / "2023" / "plans.yaml", "year: 2023", "year: 2022")
    result = json.loads(yearbook("check", "--format", "json").out)
    codes = {f["code"] for f in result["findings"]}
    assert {"YB002", "YB203", "YB302"} <= codes
