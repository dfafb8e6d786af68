"""Part types and numbering styles on small records trees: what they print, and what `check` says about them."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import Run
from genre import reader_lines

from yearbook.dates import event_date_text
from yearbook.engine import Options, check_tree
from yearbook.prose import cells
from yearbook.report.compile import compile_year
from yearbook.report.numbering import heading_number, point_number

ORG = "format: 2\nname: 青禾县第一中学\nshort_name: 县一中\n"


def tree(root: Path, report: str, parts: dict[str, str]) -> Path:
    """records/ with org.yaml, 2023/report.yaml listing `parts` in order, and the part files."""
    records = root / "records"
    (records / "2023").mkdir(parents=True)
    (records / "org.yaml").write_text(ORG, encoding="utf-8")
    listed = ", ".join(parts)
    (records / "2023" / "report.yaml").write_text(f"format: 2\nyear: 2023\nparts: [{listed}]\ntopic: 工作\n{report}", encoding="utf-8")
    for name, text in parts.items():
        (records / "2023" / f"{name}.yaml").write_text(f"format: 2\nyear: 2023\n{text}", encoding="utf-8")
    return records


def lines_of(records: Path) -> list[str]:
    result = check_tree(records, None, Options())
    assert [f for f in result.findings if f.severity.value == "error"] == []
    return reader_lines(compile_year(result.years[2023], result.org))


def findings(yearbook: Callable[..., Run], records: Path) -> list[dict[str, object]]:
    return json.loads(yearbook("check", str(records), "--format", "json").out)["findings"]  # type: ignore[no-any-return]


SCHOOL_YEAR = "title: 县一中2023—2024学年工作总结\nperiod: {from: 2023-09, to: 2024-08}\nopening:\n  - 本学年工作总结如下。\ndate: 2024-08-30\n"
TIMELINE = """type: timeline
heading: 学年大事记
events:
  - {id: opening, date: 2023-09-01, text: 举行新学年开学典礼。}
  - {id: exams, date: 2023-12-30/2024-01-02, text: 组织期末考试。}
  - {id: sports, date: 2024-04-18/2024-04-19, text: 举办春季运动会。}
  - {id: summer, date: 2024-07, text: 开展暑期社会实践。}
"""


def test_a_school_year_prints_its_events_with_years_and_ranges(tmp_path: Path) -> None:
    lines = lines_of(tree(tmp_path, SCHOOL_YEAR, {"events": TIMELINE}))
    assert lines[2:7] == [
        "一、学年大事记",
        "2023年9月1日，举行新学年开学典礼。",
        "2023年12月30日至2024年1月2日，组织期末考试。",
        "2024年4月18日至19日，举办春季运动会。",
        "2024年7月，开展暑期社会实践。",
    ]


def test_an_event_outside_the_period_is_located(tmp_path: Path, yearbook: Callable[..., Run]) -> None:
    records = tree(tmp_path, SCHOOL_YEAR, {"events": TIMELINE.replace("date: 2024-07,", "date: 2024-09,")})
    found = [f for f in findings(yearbook, records) if f["code"] == "YB204"]
    assert len(found) == 1 and found[0]["line"] == 9 and found[0]["col"] == 24
    assert "不在报告期（2023-09-01 至 2024-08-31）内" in str(found[0]["message"])


def test_a_range_that_runs_backwards_is_located(tmp_path: Path, yearbook: Callable[..., Run]) -> None:
    records = tree(tmp_path, SCHOOL_YEAR, {"events": TIMELINE.replace("2024-04-18/2024-04-19", "2024-04-19/2024-04-18")})
    found = [f for f in findings(yearbook, records) if f["code"] == "YB208"]
    assert len(found) == 1 and found[0]["line"] == 8 and "结束早于开始" in str(found[0]["message"])


def test_without_a_period_an_event_of_another_year_is_reported(tmp_path: Path, yearbook: Callable[..., Run]) -> None:
    records = tree(tmp_path, "opening:\n  - 总结如下。\n", {"events": TIMELINE})
    found = sorted(str(f["message"]) for f in findings(yearbook, records) if f["code"] == "YB204")
    assert len(found) == 3 and "2023-12-30/2024-01-02 不在 2023 年内" in found[0] and "记到 2024 年度" in found[0]


COMBINED = """type: combined
heading: 存在的问题及下一步打算
problems:
  heading: 存在的问题
  problems:
    - {id: thin-staff, lead: 师资力量不足, text: 理化生学科教师缺口较大。}
    - {id: old-labs, lead: 实验室设备老化, text: 部分仪器已超过使用年限。}
plans:
  heading: 下一步打算
  intro: [下一学年，我们将重点做好以下工作。]
  plans:
    - {id: recruit, lead: 加大教师招聘力度, text: 争取新增编制十个。, addresses: [thin-staff]}
    - {id: renew-labs, lead: 分批更新实验设备, text: 优先更新物理实验室。, addresses: [old-labs]}
    - {id: training, lead: 抓好校本培训, text: 每月开展一次教研活动。}
"""


def test_a_combined_part_numbers_its_sub_parts_and_points_in_the_documents_style(tmp_path: Path) -> None:
    report = "numbering: {points: ①}\nopening:\n  - 总结如下。\n"
    lines = lines_of(tree(tmp_path, report, {"outlook": COMBINED}))
    assert lines[2:] == [
        "一、存在的问题及下一步打算",
        "（一）存在的问题",
        "①师资力量不足。理化生学科教师缺口较大。",
        "②实验室设备老化。部分仪器已超过使用年限。",
        "（二）下一步打算",
        "下一学年，我们将重点做好以下工作。",
        "①加大教师招聘力度。争取新增编制十个。",
        "②分批更新实验设备。优先更新物理实验室。",
        "③抓好校本培训。每月开展一次教研活动。",
        "青禾县第一中学",
        "【待填：成文日期】",
    ]


def test_first_then_last_points(tmp_path: Path) -> None:
    report = "numbering: {points: 首先, points_together: true}\nopening:\n  - 总结如下。\n"
    lines = lines_of(tree(tmp_path, report, {"outlook": COMBINED}))
    assert "首先，加大教师招聘力度，争取新增编制十个；其次，分批更新实验设备，优先更新物理实验室；最后，抓好校本培训，每月开展一次教研活动。" in lines


def test_a_combined_parts_links_are_checked(tmp_path: Path, yearbook: Callable[..., Run]) -> None:
    records = tree(tmp_path, "opening:\n  - 总结如下。\n", {"outlook": COMBINED.replace("addresses: [old-labs]", "addresses: [old-lab]")})
    codes = {(f["code"], f["line"]) for f in findings(yearbook, records)}
    assert ("YB202", 15) in codes  # the plan points at a problem that does not exist
    assert ("YB205", 9) in codes  # and the problem it meant is now addressed by none


def test_typed_numbering_in_a_sub_heading_is_caught(tmp_path: Path, yearbook: Callable[..., Run]) -> None:
    records = tree(tmp_path, "opening:\n  - 总结如下。\n", {"outlook": COMBINED.replace("heading: 存在的问题\n", "heading: （一）存在的问题\n")})
    found = [f for f in findings(yearbook, records) if f["code"] == "YB404"]
    assert len(found) == 1 and found[0]["line"] == 6 and found[0]["col"] == 12


def test_heading_styles_per_level() -> None:
    styles = ("第一部分", "一、", "1、", "①")
    assert [heading_number(level, 3, styles) for level in (1, 2, 3, 4, 5)] == ["第三部分\u3000", "三、", "3、", "③", "③"]
    assert [heading_number(1, n, ("none",)) for n in (1, 2)] == ["", ""]
    assert heading_number(2, 12) == "（十二）" and heading_number(3, 12, ("一、", "（一）", "1.")) == "12."


def test_point_styles() -> None:
    assert [point_number(n, "首先", 4) for n in (1, 2, 3, 4)] == ["首先，", "其次，", "再次，", "最后，"]
    assert [point_number(n, "首先", 2) for n in (1, 2)] == ["首先，", "最后，"]
    assert [point_number(n, "①", 3) for n in (1, 3)] == ["①", "③"] and point_number(21, "①", 21) == "(21)"
    assert point_number(2, "none", 3) == ""


@pytest.mark.parametrize(
    ("date", "with_year", "printed"),
    [
        ("2023-05-18", False, "5月18日"),
        ("2023-05", False, "5月"),
        ("2023-09-01/2023-09-05", False, "9月1日至5日"),
        ("2023-09-28/2023-10-03", False, "9月28日至10月3日"),
        ("2023-09/2023-11", False, "9月至11月"),
        ("2023-12-30/2024-01-02", True, "2023年12月30日至2024年1月2日"),
        ("2024-04-18/2024-04-19", True, "2024年4月18日至19日"),
    ],
)
def test_event_dates_print_as_a_reader_writes_them(date: str, with_year: bool, printed: str) -> None:
    assert event_date_text(date, with_year) == printed


def test_run_in_at_the_third_level(tmp_path: Path) -> None:
    narrative = """type: narrative
heading: 主要工作
areas:
  - id: teaching
    heading: 教学工作
    sections:
      - id: lessons
        heading: 抓好课堂教学
        paragraphs: [推行集体备课制度。, 开展公开课评比。]
"""
    report = "numbering: {run_in: [3]}\nopening:\n  - 总结如下。\n"
    lines = lines_of(tree(tmp_path, report, {"work": narrative}))
    assert lines[2:6] == ["一、主要工作", "（一）教学工作", "1.抓好课堂教学。推行集体备课制度。", "开展公开课评比。"]


JOINT = """opening:
  - 现将有关情况报告如下。
signature: [青禾县教育局, 青禾县财政局, 青禾县人力资源和社会保障局]
date: 2024-01-12
notes: [（此件公开发布）]
attachments:
  - 2023年教师培训经费使用明细
  - name: 2023年教师培训情况统计
    paragraphs:
      - 全年组织各类教师培训四十二期，培训教师三千一百人次。
      - 其中县级培训二十期，校本培训二十二期。
"""
TEXT_PART = "type: text\nheading: 工作情况\nparagraphs:\n  - 全年培训工作按计划完成。\n"


def test_several_signers_a_note_and_an_attachment_page(tmp_path: Path) -> None:
    records = tree(tmp_path, JOINT, {"work": TEXT_PART})
    result = check_tree(records, None, Options())
    assert [f for f in result.findings if f.code != "YB302"] == []
    document = compile_year(result.years[2023], result.org)
    lines = reader_lines(document)
    assert lines[4:] == [
        "附件：1.2023年教师培训经费使用明细",
        "2.2023年教师培训情况统计",
        "青禾县教育局",
        "青禾县财政局",
        "青禾县人力资源和社会保障局",
        "2024年1月12日",
        "（此件公开发布）",
        "附件2",
        "2023年教师培训情况统计",
        "全年组织各类教师培训四十二期，培训教师三千一百人次。",
        "其中县级培训二十期，校本培训二十二期。",
    ]
    from yearbook.report.document import Signature

    signature = next(block for block in document.blocks if isinstance(block, Signature))
    # Each name ends 2 cells from the right edge; the date starts 2 cells right of the longest name.
    assert [line.right for line in signature.names] == [2, 2, 2] and signature.date is not None
    starts = [28 - line.right - cells(text) for line, text in zip(signature.lines, signature.texts, strict=True)]
    assert starts[-1] == min(starts[:-1]) + 2


def test_an_attachment_page_starts_a_new_page_in_docx_and_pdf(tmp_path: Path) -> None:
    import io
    import zipfile

    import pdfplumber

    from yearbook.report.render import render

    records = tree(tmp_path, JOINT, {"work": TEXT_PART})
    result = check_tree(records, None, Options())
    files = render(compile_year(result.years[2023], result.org), ("docx", "pdf", "md"), 0)
    xml = zipfile.ZipFile(io.BytesIO(files["docx"])).read("word/document.xml").decode("utf-8")
    assert xml.index('<w:br w:type="page"/>') < xml.index(">附件2<") < xml.index(">2023年教师培训情况统计<", xml.index(">附件2<"))
    with pdfplumber.open(io.BytesIO(files["pdf"])) as pdf:
        last = pdf.pages[-1].extract_text().splitlines()
        assert len(pdf.pages) == 2 and last[0] == "附件2" and last[1] == "2023年教师培训情况统计"
    assert "附件2" in files["md"].decode("utf-8")


RESPONSIBILITIES = """format: 2
year: 2023
responsibilities:
  - {id: principal, role: 校长, holders: [王明], duties: [全面负责学校工作。]}
  - {id: deputy, role: 副校长, holders: [李华, 赵强], duties: [分管教学工作。, 分管安全工作。]}
"""


def test_a_duties_part_prints_the_responsibilities_as_a_table(tmp_path: Path) -> None:
    records = tree(tmp_path, "opening:\n  - 总结如下。\n", {"duties": "type: duties\nheading: 责任分工\ncaption: 表1　工作责任分工\n"})
    (records / "2023" / "responsibilities.yaml").write_text(RESPONSIBILITIES, encoding="utf-8")
    assert lines_of(records)[2:8] == [
        "一、责任分工",
        "表1　工作责任分工",
        "角色|担任者|职责",
        "校长|王明|全面负责学校工作。",
        "副校长|李华、赵强|分管教学工作。分管安全工作。",
        "青禾县第一中学",
    ]


def test_a_duties_part_without_responsibilities_is_reported(tmp_path: Path, yearbook: Callable[..., Run]) -> None:
    records = tree(tmp_path, "opening:\n  - 总结如下。\n", {"duties": "type: duties\nheading: 责任分工\n"})
    found = [f for f in findings(yearbook, records) if f["code"] == "YB206"]
    assert len(found) == 1 and found[0]["line"] == 3 and "没有 responsibilities.yaml" in str(found[0]["message"])


SECTION_TABLE = """type: narrative
heading: 主要工作
areas:
  - id: teaching
    heading: 教学质量
    figures:
      pass-rate: {label: 合格率, kind: percent, unit: '%', value: 98.5}
    paragraphs:
      - 全年教学质量稳步提升。
    tables:
      - caption: 表1　学业水平考试情况
        header:
          - [{value: 年级, rowspan: 2}, {value: 合格率（%）, colspan: 2}]
          - [2022年, 2023年]
        rows:
          - [高一, 96.0, '{pass-rate}']
          - [高二, 95.5, null]
        notes:
          - 注：高二2023年数据待统计。
    points:
      - {id: reform, lead: 深化课堂改革, text: 开展公开课30节。}
"""


def test_a_table_stands_in_its_section(tmp_path: Path, yearbook: Callable[..., Run]) -> None:
    """After the section's paragraphs and before its points; merged cells once; figures and blanks as anywhere."""
    records = tree(tmp_path, "opening:\n  - 总结如下。\n", {"work": SECTION_TABLE})
    assert lines_of(records)[2:12] == [
        "一、主要工作",
        "（一）教学质量",
        "全年教学质量稳步提升。",
        "表1　学业水平考试情况",
        "年级|合格率（%）",
        "2022年|2023年",
        "高一|96.0|98.5",
        "高二|95.5|【待填：表格数值】",
        "注：高二2023年数据待统计。",
        "一是深化课堂改革。开展公开课30节。",
    ]
    broken = SECTION_TABLE.replace("'{pass-rate}'", "'{pass-rat}'")
    (records / "2023" / "work.yaml").write_text(f"format: 2\nyear: 2023\n{broken}", encoding="utf-8")
    assert [f["code"] for f in findings(yearbook, records) if f["severity"] == "error"] == ["YB202"]  # a reference in a cell is checked
    ragged = SECTION_TABLE.replace("[高一, 96.0, '{pass-rate}']", "[高一, 96.0]")
    (records / "2023" / "work.yaml").write_text(f"format: 2\nyear: 2023\n{ragged}", encoding="utf-8")
    said = [(f["code"], f["line"]) for f in findings(yearbook, records) if f["severity"] == "error"]
    assert said == [("YB503", 18)]  # a row short of the table's columns, at that row


def test_the_diff_shows_a_change_in_a_sections_table(tmp_path: Path) -> None:
    from yearbook.diff.item import ItemNumbers, section_items
    from yearbook.model import Numbering

    records = tree(tmp_path, "opening:\n  - 总结如下。\n", {"work": SECTION_TABLE})
    result = check_tree(records, None, Options())
    part = result.years[2023].parts[0]
    area = next(item for item in section_items(2023, "work", part.areas, 2, "", "work", ItemNumbers(Numbering())) if item.kind == "area")  # type: ignore[attr-defined]
    assert area.fields["tables"].splitlines() == [
        "表1　学业水平考试情况",
        "年级｜合格率（%）",
        "2022年｜2023年",
        "高一｜96.0｜{pass-rate}",
        "高二｜95.5｜",
        "注：高二2023年数据待统计。",
    ]


def test_a_paragraph_without_closing_punctuation_is_a_warning(tmp_path: Path, yearbook: Callable[..., Run]) -> None:
    """YB405 on paragraphs and point texts; headings, leads, table cells and captions are not paragraphs."""
    part = """type: narrative
heading: 主要工作
intro: [全年工作如下：]
areas:
  - id: study
    heading: 抓好学习
    paragraphs: [组织学习12次, 开展研讨6次。]
    tables:
      - {caption: 表1　学习情况, rows: [[学习, 12次]]}
    points:
      - {id: one, lead: 加强理论学习, text: 组织读书班3期}
      - {id: two, lead: 加强业务培训, text: 培训干部80人次。}
"""
    records = tree(tmp_path, "opening:\n  - 总结如下。\n", {"work": part})
    said = [(f["code"], f["line"], f["message"]) for f in findings(yearbook, records) if f["code"] == "YB405"]
    assert [(code, line) for code, line, _ in said] == [("YB405", 9), ("YB405", 13)] and "“次”" in said[0][2] and "“期”" in said[1][2]
