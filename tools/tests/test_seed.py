"""The seed document as records: every paragraph is there, and `check` passes with only unfilled-value warnings."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from conftest import RECORDS, SEED, Run

from yearbook import model, schemas, textrefs
from yearbook.findings import Where
from yearbook.load.files import load_file
from yearbook.load.yaml_strict import Document
from yearbook.parts import narrative
from yearbook.parts import plans as plans_part
from yearbook.parts import problems as problems_part

_NUMBERING_RE = re.compile(r"^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）)")
_CHINESE_ORDINALS = "一二三四五六七八九十"


def seed_paragraphs() -> list[str]:
    text = SEED.read_text(encoding="utf-8").replace("##paidbegin##", "").replace("##paidend##", "")
    return [_NUMBERING_RE.sub("", line.strip()) for line in text.splitlines() if line.strip()]


def _load(name: str, kind: str) -> dict:  # type: ignore[type-arg]
    path = RECORDS / "2023" / f"{name}.yaml" if name != "org" else RECORDS / "org.yaml"
    document = load_file(path, str(path))
    assert isinstance(document, Document)
    assert schemas.validate(kind, document.data, str(path)) == []
    return document.data  # type: ignore[no-any-return]


def record_paragraphs() -> Iterator[str]:
    """The records' prose in document order, blanks written back as the seed's `*`."""
    where = Where("x")
    report = model.build_report(_load("report", "report"), where)
    activities = narrative.build("activities", _load("activities", "narrative"), where)
    problems = problems_part.build("problems", _load("problems", "problems"), where)
    plans = plans_part.build("plans", _load("plans", "plans"), where)
    year = model.YearRecords(2023, report, None, (activities, problems, plans), ())
    values = {f.id: ("*" if not f.filled else f"{f.value}") for f in year.figures()} | {"org": "*"}

    def fill(text: model.Text) -> str:
        out, position = [], 0
        for ref in textrefs.references(text.value):
            assert isinstance(ref, textrefs.Reference)
            out += [text.value[position : ref.start], values[ref.name]]
            position = ref.end
        return "".join([*out, text.value[position:]])

    yield f"{year.year}年度{report.topic.value}总结及{year.year + 1}年工作计划"
    yield from map(fill, report.opening)
    assert activities.heading is not None and problems.heading is not None and plans.heading is not None
    yield activities.heading.value
    for area in activities.areas:
        yield area.heading.value
        yield from map(fill, area.paragraphs)
    for heading, intro, points in ((problems.heading, problems.intro, problems.problems), (plans.heading, plans.intro, plans.plans)):
        yield heading.value
        yield from map(fill, intro)
        for i, point in enumerate(points):
            body = fill(point.text) if point.text else ""
            yield f"{_CHINESE_ORDINALS[i]}是{fill(point.lead)}。{body}"


def test_every_seed_paragraph_is_in_the_records_in_order() -> None:
    assert list(record_paragraphs()) == seed_paragraphs()


def test_every_seed_blank_is_an_unfilled_named_value() -> None:
    seed_blanks = sum(paragraph.count("*") for paragraph in seed_paragraphs())
    record_blanks = sum(paragraph.count("*") for paragraph in record_paragraphs())
    # 25 named values and the organisation's short name, twice.
    assert seed_blanks == record_blanks == 27


@pytest.fixture
def seed_check(records: Path, yearbook: Callable[..., Run]) -> Run:
    return yearbook("check", "--format", "json")


def test_seed_records_pass_with_unfilled_warnings_only(seed_check: Run) -> None:
    import json

    report = json.loads(seed_check.out)
    assert seed_check.code == 0
    assert report["errors"] == 0
    assert report["files"] == 6
    assert {f["code"] for f in report["findings"]} == {"YB302", "YB405"}
    # 25 named values, the organisation's two names and the date of the document; and the seed's one paragraph
    # that ends with no full stop (“…不到位的情况”, which printed a one-character last line).
    assert report["warnings"] == 29
    ending = [f for f in report["findings"] if f["code"] == "YB405"]
    assert [(f["file"], f["line"]) for f in ending] == [("records/2023/problems.yaml", 12)] and "“况”" in ending[0]["message"]
