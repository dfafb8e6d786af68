"""Never a word lost (hypothesis): documents of any shape, built from the pieces reports are made of (headings of
every numbering style in any order, run-in headings, points apart and together, dated paragraphs, figures, blanks,
table rows, short lines, back matter, braces), import without an exception, and every word of them is in the
records written (typed numbering and blanks aside: they become the numbering style and unfilled values). Records
pass `check` with no errors and compile into the document.
"""

from __future__ import annotations

import os
import tempfile
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from yearbook.engine import Options, check_tree
from yearbook.import_cmd import files_of
from yearbook.importer.source import Line
from yearbook.importer.structure import Imported, import_lines, import_paragraphs
from yearbook.report.compile import compile_year

# Words with none of the characters typed numbering and points are made of, so that what must survive is countable.
WORDS = (
    "加强",
    "学习",
    "组织",
    "建设",
    "推进",
    "落实",
    "服务",
    "质量",
    "保障",
    "制度",
    "会议",
    "党员",
    "培训",
    "单位",
    "工作",
    "情况",
    "问题",
    "计划",
    "打算",
    "不足",
    "主要",
    "指标",
    "要点",
    "下步",
    "安排",
    "成效",
)
MARKERS = (
    "",
    "",
    "",
    "一、",
    "二、",
    "（一）",
    "（三）",
    "1.",
    "2.",
    "1、",
    "（1）",
    "（2）",
    "①",
    "②",
    "第一部分",
    "一是",
    "二是",
    "首先，",
    "其次，",
    "最后，",
)
NUMBERING = set("一二三四五六七八九十是首先其次再最后第部分①②③附件年月日至")  # printed by the report from structure: numbering, 附件：, dates
FACTS = ("", "", "12个", "3.5万元", "8.2%", "*篇", "XX", "1,200人", "2023年", "5月18日，", "3—5个", "{x}", "“3个到位”")

words = st.lists(st.sampled_from(WORDS), min_size=1, max_size=6).map("".join)
sentence = st.tuples(words, st.sampled_from(FACTS), words, st.sampled_from(("", "。", "：", "；", "！"))).map("".join)
heading = st.tuples(st.sampled_from(MARKERS), words, st.sampled_from(("", "", "。"))).map("".join)
run_in = st.tuples(st.sampled_from(MARKERS), words, st.just("。"), sentence).map("".join)
together = st.tuples(words, st.just("，"), words, st.just("；二是"), words, st.just("，"), words, st.just("。")).map(lambda t: "一是" + "".join(t))
row = st.lists(st.one_of(words, st.sampled_from(("12", "3.5", "-1", ""))), min_size=2, max_size=5).map("\t".join)
special = st.sampled_from(
    ("各位代表：", "附件：1.学习计划", "（此件公开发布）", "2023年12月", "某局", "表1　主要指标", "5月，召开会议。", "12月30日至1月2日，值班。")
)
line = st.one_of(heading, heading, sentence, sentence, run_in, together, row, special)


def _kept(text: str) -> Counter[str]:
    """The Chinese characters of a text that must survive (numbering's characters aside)."""
    return Counter(ch for ch in text if "\u4e00" <= ch <= "\u9fff" and ch not in NUMBERING)


def _records_of(imported: Imported) -> str:
    """Write the records, check them (no errors) and compile them; their text."""
    with tempfile.TemporaryDirectory() as scratch:
        records = Path(scratch) / "records"
        (records / "2023").mkdir(parents=True)
        (records / "org.yaml").write_text("format: 2\nname: 某局\nshort_name: 某局\n", encoding="utf-8")
        written = files_of(imported, records / "2023")
        for path, data in written.items():
            path.write_bytes(data)
        result = check_tree(records, None, Options())
        assert [f"{f.code} {f.message}" for f in result.findings if f.severity.value == "error"] == []
        compile_year(result.years[2023], result.org)
        return "".join(data.decode("utf-8") for data in written.values())


@pytest.mark.slow
@settings(max_examples=int(os.environ.get("YEARBOOK_FUZZ_EXAMPLES", "150")) // 2, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(line, min_size=1, max_size=25), st.sampled_from(("", "某局2023年工作总结")))
def test_any_document_imports_with_every_word_kept(lines: list[str], title: str) -> None:
    document = [title, *lines] if title else lines
    imported = import_paragraphs(document, 2023)
    if not imported.parts:  # a title and back matter only: `import` refuses it (nothing to import)
        return
    missing = _kept("".join(document)) - _kept(_records_of(imported))
    assert not missing, f"lost: {''.join(missing.elements())}"


formatted = st.builds(
    lambda text, emphasis, lead, centred: (text, emphasis, text[: text.find("。") + 1] if lead and "。" in text else "", centred),
    line,
    st.sampled_from((0, 0, 0, 1, 2, 3)),
    st.booleans(),
    st.booleans(),
)


@pytest.mark.slow
@settings(max_examples=int(os.environ.get("YEARBOOK_FUZZ_EXAMPLES", "150")) // 2, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(formatted, min_size=1, max_size=25))
def test_any_formatting_keeps_every_word(lines: list[tuple[str, int, str, bool]]) -> None:
    """The same from a DOCX: any line may be set bold or in a heading face, open with a bold lead, be centred."""
    source = [Line(text, n, centred=centred, emphasis=emphasis, lead=lead) for n, (text, emphasis, lead, centred) in enumerate(lines, start=1)]
    imported = import_lines(source, 2023)
    if not imported.parts:
        return
    missing = _kept("".join(text for text, *_ in lines)) - _kept(_records_of(imported))
    assert not missing, f"lost: {''.join(missing.elements())}"
