"""`yearbook absorb`: a DOCX `report` wrote, edited as a reviewer edits it in Word (tracked changes by two authors,
untracked edits, a figure's printed value, generated numbering, comments), written back into the records."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import docx
import pytest
from conftest import Run, commit
from reviewer import add_paragraph, cell_edit, comment, delete_paragraph, edit, join_paragraphs, track

ACTIVITIES = "2023/activities.yaml"


@pytest.fixture
def built(records: Path, yearbook: Callable[..., Run]) -> Path:
    out = records.parent / "build"
    assert yearbook("report", "--records", str(records), "--out", str(out), "--format", "docx").code == 0
    return next(out.glob("*.docx"))


def _text(path: Path) -> list[str]:
    return [p.text for p in docx.Document(str(path)).paragraphs if p.text.strip()]


def test_tracked_and_untracked_edits_come_back(records: Path, built: Path, yearbook: Callable[..., Run]) -> None:
    reviewed = track(built.read_bytes(), "严格执行", "认真执行", author="张主任")
    reviewed = track(reviewed, "坚持把思想建设", "始终把思想建设", author="王科长")
    reviewed = edit(reviewed, "着力担负起", "切实担负起")
    path = records.parent / "reviewed.docx"
    path.write_bytes(reviewed)
    before = (records / ACTIVITIES).read_text(encoding="utf-8")
    run = yearbook("absorb", str(path), "--records", str(records))
    assert run.code == 0 and "已写回 2 处改动" in run.err and "张主任 2 处" in run.err and "王科长 2 处" in run.err
    after = (records / ACTIVITIES).read_text(encoding="utf-8")
    changed = [(a, b) for a, b in zip(before.splitlines(), after.splitlines(), strict=True) if a != b]
    assert len(changed) == 2  # the two paragraphs, nothing else in the file
    assert "认真执行《党组" in after and "切实担负起" in after and "始终把思想建设" in after
    # The round trip: the records now print what the reviewer left.
    assert yearbook("report", "--records", str(records), "--out", str(records.parent / "again"), "--format", "docx").code == 0
    accepted = [p for p in _text(next((records.parent / "again").glob("*.docx")))]
    assert any(p.startswith("认真执行《党组") and "切实担负起" in p for p in accepted)
    # Absorbing the same file again changes nothing.
    again = yearbook("absorb", str(path), "--records", str(records))
    assert again.code == 0 and "没有要写回的改动" in again.err and (records / ACTIVITIES).read_text(encoding="utf-8") == after


def test_a_figures_printed_value_changes_the_figure(records: Path, built: Path, yearbook: Callable[..., Run]) -> None:
    path = records.parent / "reviewed.docx"
    path.write_bytes(track(built.read_bytes(), "受教育率100%", "受教育率98.5%"))
    assert yearbook("absorb", str(path), "--records", str(records)).code == 0
    text = (records / ACTIVITIES).read_text(encoding="utf-8")
    assert "education-rate: {label: 党员受教育率, kind: percent, unit: '%', value: 98.5}" in text
    assert "党员受教育率{education-rate}%" in text  # the prose keeps its reference


def test_generated_numbering_is_not_applied_and_said(records: Path, built: Path, yearbook: Callable[..., Run]) -> None:
    path = records.parent / "reviewed.docx"
    path.write_bytes(track(built.read_bytes(), "（一）加强组织领导", "（二）加强组织领导"))
    before = (records / ACTIVITIES).read_bytes()
    run = yearbook("absorb", str(path), "--records", str(records))
    assert "在工具生成的编号、标点或日期里" in run.err and "未写回 1 处" in run.err
    assert (records / ACTIVITIES).read_bytes() == before


def test_comments_are_listed_and_only_tracked_changes_taken_when_asked(records: Path, built: Path, yearbook: Callable[..., Run]) -> None:
    reviewed = comment(
        edit(track(built.read_bytes(), "严格执行", "认真执行"), "着力担负起", "切实担负起"),
        "八个严禁",
        "请核对出处。",
        reply=("王科长", "已核对，出自局党组文件。"),
    )
    path = records.parent / "reviewed.docx"
    path.write_bytes(reviewed)
    listed = yearbook("absorb", str(path), "--records", str(records), "--comments-only")
    assert (
        listed.code == 0
        and "批注（李局长，2024-01-11）“八个严禁”（records/2023/activities.yaml:12）：请核对出处。\n  回复（王科长，2024-01-11）：已核对" in listed.out
    )
    markdown = yearbook("absorb", str(path), "--records", str(records), "--comments-only", "--format", "markdown").out
    assert "### 审阅批注（2 条：李局长 1、王科长 1）" in markdown
    assert "- [ ] **李局长**（2024-01-11） 关于“八个严禁”（`records/2023/activities.yaml:12`）：请核对出处。" in markdown and "  - 回复 **王科长**" in markdown
    assert "认真执行" not in (records / ACTIVITIES).read_text(encoding="utf-8")
    tracked = yearbook("absorb", str(path), "--records", str(records), "--accept", "tracked")
    assert tracked.code == 0  # the paragraph was also edited untracked, so only --accept all takes it
    assert "认真执行" not in (records / ACTIVITIES).read_text(encoding="utf-8")


def test_records_that_moved_on_are_not_overwritten(records: Path, built: Path, yearbook: Callable[..., Run]) -> None:
    path = records.parent / "reviewed.docx"
    path.write_bytes(track(built.read_bytes(), "严格执行", "认真执行"))
    plans = records / "2023" / "plans.yaml"
    plans.write_text(plans.read_text(encoding="utf-8").replace("提升政治站位", "进一步提升政治站位"), encoding="utf-8")
    before = (records / ACTIVITIES).read_bytes()
    run = yearbook("absorb", str(path), "--records", str(records))
    assert run.code == 1 and "已经改过" in run.err and (records / ACTIVITIES).read_bytes() == before


def test_a_docx_not_from_report_is_refused(records: Path, tmp_path: Path, yearbook: Callable[..., Run]) -> None:
    document = docx.Document()
    document.add_paragraph("2023年工作总结")
    document.save(str(tmp_path / "old.docx"))
    run = yearbook("absorb", str(tmp_path / "old.docx"), "--records", str(records))
    assert run.code == 2 and "yearbook import" in run.err
    (tmp_path / "not.docx").write_text("not a docx", encoding="utf-8")
    refused = yearbook("absorb", str(tmp_path / "not.docx"), "--records", str(records))
    assert refused.code == 2 and "不是 .docx 文件" in refused.err and "另存为" in refused.err and "zip" not in refused.err


def test_three_ways_when_the_records_moved_on(repo: Path, yearbook: Callable[..., Run]) -> None:
    """Built, then the records changed in git (one paragraph the reviewer also edited, one plan they did not touch):
    the reviewer's other edit is applied on top, the overlapping one is a conflict with the three texts, and the
    plan's change stays."""
    root, records = repo, repo / "records"
    assert yearbook("report", "--format", "docx").code == 0
    built = next((root / "build").glob("*.docx"))
    reviewed = track(track(built.read_bytes(), "严格执行", "认真执行"), "坚持把思想建设", "始终把思想建设")
    (root / "reviewed.docx").write_bytes(reviewed)
    activities = records / ACTIVITIES
    activities.write_text(activities.read_text(encoding="utf-8").replace("坚持把思想建设", "一贯把思想建设"), encoding="utf-8")
    plans = records / "2023" / "plans.yaml"
    plans.write_text(plans.read_text(encoding="utf-8").replace("提升政治站位，严格落实责任", "提升政治站位，压实各级责任"), encoding="utf-8")
    commit(root, "meanwhile")
    run = yearbook("absorb", "reviewed.docx")
    assert run.code == 1
    assert "冲突，未写回" in run.err and "一贯把思想建设" in run.err and "始终把思想建设" in run.err
    text = activities.read_text(encoding="utf-8")
    assert "认真执行《党组" in text and "一贯把思想建设" in text and "始终把思想建设" not in text
    assert "压实各级责任" in plans.read_text(encoding="utf-8")
    again = yearbook("absorb", "reviewed.docx")  # the applied edit reads as the reviewer left it: only the conflict remains
    assert again.code == 1 and again.err.count("冲突，未写回") == 1 and activities.read_text(encoding="utf-8") == text


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed (make libreoffice installs it on Debian/Ubuntu)")
def test_the_marks_survive_a_save_in_libreoffice(records: Path, built: Path, yearbook: Callable[..., Run], tmp_path: Path) -> None:
    reviewed = tmp_path / "reviewed.docx"
    reviewed.write_bytes(comment(track(built.read_bytes(), "严格执行", "认真执行"), "八个严禁", "请核对出处。"))
    command = [
        "soffice",
        f"-env:UserInstallation=file://{tmp_path / 'profile'}",
        "--headless",
        "--convert-to",
        "docx:MS Word 2007 XML",
        "--outdir",
        str(tmp_path / "lo"),
        str(reviewed),
    ]
    subprocess.run(command, check=True, capture_output=True, timeout=180)
    run = yearbook("absorb", str(tmp_path / "lo" / "reviewed.docx"), "--records", str(records))
    assert run.code == 0 and "已写回 1 处改动" in run.err and "请核对出处。" in run.out and "activities.yaml:12" in run.out
    assert "认真执行《党组" in (records / ACTIVITIES).read_text(encoding="utf-8")


def test_a_point_deleted_whole_and_text_moved_between_items(records: Path, built: Path, yearbook: Callable[..., Run]) -> None:
    reviewed = delete_paragraph(built.read_bytes(), "四是抓好文化建设")
    sentence = "落实意识形态阵地管理“八个严禁”，确保意识形态工作责任有效落实。"
    reviewed = edit(reviewed, sentence, "")  # cut from the leadership area …
    reviewed = edit(reviewed, "夯实团结奋斗的思想根基。", "夯实团结奋斗的思想根基。" + sentence)  # … pasted at the end of the theory area
    path = records.parent / "reviewed.docx"
    path.write_bytes(reviewed)
    run = yearbook("absorb", str(path), "--records", str(records))
    assert run.code == 0, run.err
    plans = (records / "2023" / "plans.yaml").read_text(encoding="utf-8")
    assert "culture-building" not in plans and "public-opinion" in plans and plans.count("  - id: ") == 3
    activities = (records / ACTIVITIES).read_text(encoding="utf-8")
    leadership, theory = activities.split("  - id: theory")
    assert sentence not in leadership and theory.count(sentence) == 1
    assert yearbook("report", "--records", str(records), "--out", str(records.parent / "again"), "--format", "docx").code == 0
    again = _text(next((records.parent / "again").glob("*.docx")))
    assert not any("抓好文化建设，凝聚团结力量" in p for p in again)


def test_deleting_what_others_refer_to_is_checked(records: Path, built: Path, yearbook: Callable[..., Run]) -> None:
    path = records.parent / "reviewed.docx"
    path.write_bytes(delete_paragraph(built.read_bytes(), "二是部分党员干部"))  # a problem two plans address
    run = yearbook("absorb", str(path), "--records", str(records))
    assert run.code == 1 and "检查发现" in run.err
    assert "unclear-understanding" not in (records / "2023" / "problems.yaml").read_text(encoding="utf-8")
    assert "YB202" in yearbook("check", str(records)).out


def test_a_deletion_across_a_paragraph_boundary(records: Path, built: Path, yearbook: Callable[..., Run]) -> None:
    """The end of the leadership area and the start of the heading after it deleted in one sweep: each paragraph
    loses its part, both stay (said), and nothing else moves."""
    path = records.parent / "reviewed.docx"
    path.write_bytes(join_paragraphs(built.read_bytes(), "确保意识形态工作责任有效落实。", "坚持把思想建设作为"))
    run = yearbook("absorb", str(path), "--records", str(records))
    assert run.code == 0 and "合并成了一段" in run.err
    text = (records / ACTIVITIES).read_text(encoding="utf-8")
    assert "确保意识形态工作责任有效落实。" not in text and "坚持把思想建设作为" not in text
    leadership = next(line for line in text.splitlines() if line.strip().startswith("- 严格执行《"))
    theory = next(line for line in text.splitlines() if "意识形态工作的根本任务" in line)
    assert leadership.endswith("落实意识形态阵地管理“八个严禁”，")
    assert theory.strip().startswith("- 意识形态工作的根本任务")


def test_table_cells_come_back(tmp_path: Path, yearbook: Callable[..., Run]) -> None:
    """A number typed in a table cell and a cell's words go back to that cell; a cell that prints a named value goes
    back to the figure."""
    records = tmp_path / "records"
    shutil.copytree(Path(__file__).parent / "fixtures" / "genre" / "disclosure" / "records", records)
    assert yearbook("report", "--records", str(records), "--out", str(tmp_path / "build"), "--format", "docx").code == 0
    built = next((tmp_path / "build").glob("*.docx"))
    document = docx.Document(str(built))
    table = document.tables[0]
    assert [c.text for c in table.rows[1].cells][:4] == ["规章", "0", "0", "2"]
    reviewed = cell_edit(built.read_bytes(), table=0, row=2, cell=0, new="行政规范性文件（含废止）")  # words
    reviewed = cell_edit(reviewed, table=0, row=1, cell=3, new="3")  # a number typed in the cell
    reviewed = cell_edit(reviewed, table=0, row=2, cell=3, new="24")  # a cell that prints {normative-in-force}
    path = tmp_path / "reviewed.docx"
    path.write_bytes(reviewed)
    run = yearbook("absorb", str(path), "--records", str(records))
    assert "已写回 3 处改动" in run.err, run.err
    active = (records / "2023" / "active.yaml").read_text(encoding="utf-8")
    assert "{id: rules, cells: [规章, 0, 0, 3]}" in active and "{id: normative, cells: [行政规范性文件（含废止）, 5, 1, '{normative-in-force}']}" in active
    assert "value: 24}" in active  # the figure, not the cell
    assert "YB501" in yearbook("check", str(records)).out  # the column no longer sums: check says so


def test_a_paragraph_added_in_review_is_said_not_lost(records: Path, built: Path, yearbook: Callable[..., Run]) -> None:
    path = records.parent / "reviewed.docx"
    path.write_bytes(add_paragraph(track(built.read_bytes(), "严格执行", "认真执行"), "认真执行", "另外，全年开展专项检查两次。"))
    run = yearbook("absorb", str(path), "--records", str(records))
    assert "“另外，全年开展专项检查两次。…”没有对应的记录条目" in run.err and "已写回 1 处改动" in run.err
