"""Font profiles (`fonts:` in .yearbook.yaml): the names the DOCX gives each role, the PDF's first choices, and
the GB 2312 check that comes with the _GB2312 fonts; and the seed's DOCX as LibreOffice renders it."""

from __future__ import annotations

import collections
import difflib
import json
import shutil
import subprocess
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import Run, edit
from lxml import etree

from yearbook.report import fonts
from yearbook.report.layout_spec import FANG, HEI, KAI, PROFILES
from yearbook.report.page_check import printed_lines

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
STEM = "2023年度意识形态工作总结及2024年工作计划"


def _docx_fonts(path: Path) -> tuple[collections.Counter[str], set[str]]:
    """The east-Asian fonts the runs name directly, and the fonts the style sheet and font table name."""
    with zipfile.ZipFile(path) as package:
        document = etree.fromstring(package.read("word/document.xml"))
        styles = etree.fromstring(package.read("word/styles.xml"))
        table = etree.fromstring(package.read("word/fontTable.xml"))
    runs = collections.Counter(f.get(f"{W}eastAsia") for f in document.iter(f"{W}rFonts"))
    named = {f.get(f"{W}eastAsia") for f in styles.iter(f"{W}rFonts")} | {f.get(f"{W}name") for f in table.iter(f"{W}font")}
    return runs, named


def test_the_gb2312_profile_names_the_gb2312_fonts_in_the_docx(records: Path, yearbook: Callable[..., Run]) -> None:
    (records.parent / ".yearbook.yaml").write_text("fonts: gb2312\n", encoding="utf-8")
    assert yearbook("report", "--records", str(records), "--out", str(records.parent / "build"), "--format", "docx").code == 0
    runs, named = _docx_fonts(records.parent / "build" / f"{STEM}.docx")
    assert runs["仿宋_GB2312"] > 50 and runs["楷体_GB2312"] >= 4 and "仿宋" not in runs and "楷体" not in runs
    assert {"仿宋_GB2312", "楷体_GB2312", "黑体"} <= named and not {"仿宋", "楷体"} & named


def test_the_default_profile_keeps_windows_names(records: Path, yearbook: Callable[..., Run]) -> None:
    assert yearbook("report", "--records", str(records), "--out", str(records.parent / "build"), "--format", "docx").code == 0
    runs, _ = _docx_fonts(records.parent / "build" / f"{STEM}.docx")
    assert runs["仿宋"] > 50 and "仿宋_GB2312" not in runs


def test_a_profile_puts_its_fonts_first_in_the_pdf_chain() -> None:
    installed = ["FangSong", "仿宋_GB2312", "KaiTi", "楷体_GB2312", "SimHei", "Noto Serif CJK SC"]
    assert fonts.plan(installed).choices["body"].used == "FangSong"
    gb2312 = fonts.plan(installed, PROFILES["gb2312"])
    assert gb2312.choices["body"].used == "仿宋_GB2312" and gb2312.choices["kai"].used == "楷体_GB2312" and gb2312.choices["hei"].used == "SimHei"
    assert PROFILES["macos"].docx(FANG) == "华文仿宋" and PROFILES["macos"].docx(KAI) == "华文楷体" and PROFILES["windows"].docx(HEI) == "黑体"


def test_an_unknown_profile_is_refused_with_the_choices(records: Path, yearbook: Callable[..., Run]) -> None:
    (records.parent / ".yearbook.yaml").write_text("fonts: gb18030\n", encoding="utf-8")
    run = yearbook("check", str(records))
    assert run.code == 2 and ".yearbook.yaml:1" in run.out and "windows" in run.out and "gb2312" in run.out


def test_gb2312_profile_warns_about_characters_outside_gb2312_where_they_stand(records: Path, yearbook: Callable[..., Run]) -> None:
    problems = records / "2023" / "problems.yaml"
    edit(problems, "一年来，", "一年来，王堃同志指出，——")
    quiet = json.loads(yearbook("check", str(records), "--format", "json").out)["findings"]
    assert not [f for f in quiet if f["code"] == "YB406"]  # only under the gb2312 profile
    (records.parent / ".yearbook.yaml").write_text("fonts: gb2312\n", encoding="utf-8")
    findings = [f for f in json.loads(yearbook("check", str(records), "--format", "json").out)["findings"] if f["code"] == "YB406"]
    assert len(findings) == 1 and findings[0]["severity"] == "warning"  # “——” and “·” are in GB 2312 as Windows maps it
    line = problems.read_text(encoding="utf-8").splitlines()[findings[0]["line"] - 1]
    assert line[findings[0]["col"] - 1] == "堃" and "U+5803" in findings[0]["message"]


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed (make libreoffice installs it on Debian/Ubuntu)")
def test_libreoffice_renders_the_seed_docx_like_the_pdf(records: Path, yearbook: Callable[..., Run], tmp_path: Path) -> None:
    """Every punctuation mark kept (LibreOffice hung and lost four), the same pages starting alike, 80 % or more of
    the line breaks where the PDF has them (116/138 when written)."""
    out = records.parent / "build"
    assert yearbook("report", "--records", str(records), "--out", str(out), "--format", "docx,pdf").code == 0
    command = [
        "soffice",
        f"-env:UserInstallation=file://{tmp_path / 'profile'}",
        "--headless",
        "--convert-to",
        "pdf",
        "--outdir",
        str(tmp_path),
        str(out / f"{STEM}.docx"),
    ]
    subprocess.run(command, check=True, capture_output=True, timeout=300)
    ours = [[line.text for line in page if line.in_type_area and line.size > 15] for page in printed_lines((out / f"{STEM}.pdf").read_bytes())]
    theirs = [[line.text for line in page if line.in_type_area and line.size > 15] for page in printed_lines((tmp_path / f"{STEM}.pdf").read_bytes())]
    marks = "，、。；：“”（）《》"
    assert collections.Counter(c for p in theirs for line in p for c in line if c in marks) == collections.Counter(
        c for p in ours for line in p for c in line if c in marks
    )
    assert len(theirs) == len(ours)
    assert [page[0] for page in theirs[:2]] == [page[0] for page in ours[:2]]  # the title page holds as many lines
    ends = ([line[-4:] for page in pages for line in page] for pages in (ours, theirs))
    matcher = difflib.SequenceMatcher(None, *ends, autojunk=False)
    same = sum(block.size for block in matcher.get_matching_blocks())
    assert same / sum(len(page) for page in ours) >= 0.8
