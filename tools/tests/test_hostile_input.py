"""Hostile and unlucky input to `yearbook check` (and what must follow from it in `report` and `diff`).

Every case runs the real command and asserts the exit code, the absence of any traceback, where the
message points, and that nothing in the working folder changed.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from conftest import edit
from hostile import Outcome, assert_clean, run, scratch_records, snapshot

PLANS = "records/2023/plans.yaml"
REPORT = "records/2023/report.yaml"
ACTIVITIES = "records/2023/activities.yaml"
PAPERS = "papers: {label: 党组织书记撰写论文篇数, kind: count, unit: 篇, value: "


@pytest.fixture
def work(tmp_path: Path) -> Path:
    return scratch_records(tmp_path)


def check(work: Path, *args: str, code: int, timeout: float = 60, env: dict[str, str] | None = None) -> Outcome:
    before = snapshot(work)
    outcome = run("check", "records", *args, cwd=work, timeout=timeout, env=env)
    assert_clean(outcome, code)
    assert snapshot(work) == before, "check changed the working folder"
    return outcome


def located(outcome: Outcome, prefix: str, code: str) -> str:
    """The one finding line at `prefix` (file or file:line:col) with `code`."""
    lines = [line for line in outcome.out.splitlines() if line.startswith(prefix) and f" {code} " in line]
    assert lines, [line for line in outcome.out.splitlines() if " YB302 " not in line]
    return lines[0]


def replace_with_link(path: Path, target: str) -> None:
    path.unlink()
    path.symlink_to(target)


# ---------------------------------------------------------------------------------------------- reading


def test_a_record_linked_to_etc_passwd_is_refused_and_never_echoed(work: Path) -> None:
    replace_with_link(work / PLANS, "/etc/passwd")
    outcome = check(work, code=1)
    line = located(outcome, f"{PLANS}:1:1:", "YB001")
    assert "/etc/passwd" in line and "records 目录之外" in line
    assert "root:" not in outcome.text and "/bin/" not in outcome.text


def test_a_record_linked_by_a_relative_path_outside_the_tree_is_refused(work: Path) -> None:
    replace_with_link(work / PLANS, "../../secret.txt")
    outcome = check(work, code=1)
    located(outcome, f"{PLANS}:1:1:", "YB001")
    assert "hunter2" not in outcome.text


def test_a_record_linked_to_a_file_inside_the_tree_is_read(work: Path) -> None:
    hidden = work / "records" / ".shared"
    hidden.mkdir()
    shutil.move(work / PLANS, hidden / "plans.yaml")
    (work / PLANS).symlink_to("../.shared/plans.yaml")
    outcome = check(work, code=0)
    assert "YB001" not in outcome.out


def test_a_year_folder_linked_outside_the_tree_is_refused(work: Path) -> None:
    outside = work / "elsewhere" / "2024"
    shutil.copytree(work / "records" / "2023", outside)
    (work / "records" / "2024").symlink_to(outside)
    outcome = check(work, code=1)
    assert "records 目录之外" in located(outcome, "records/2024:1:1:", "YB001")


def test_a_folder_link_looping_back_into_the_tree_ends(work: Path) -> None:
    (work / "records" / "2023" / "loop").symlink_to("..")
    outcome = check(work, code=1, timeout=30)
    assert "YB207" in outcome.out  # the loop's entries are strays, listed once, not walked forever


def test_a_dangling_link_is_a_located_error(work: Path) -> None:
    replace_with_link(work / PLANS, "nowhere.yaml")
    outcome = check(work, code=1)
    located(outcome, f"{PLANS}:1:1:", "YB001")


def test_a_fifo_is_refused_without_blocking(work: Path) -> None:
    (work / PLANS).unlink()
    os.mkfifo(work / PLANS)
    outcome = check(work, code=1, timeout=20)  # reading it would wait for a writer forever
    assert "命名管道" in located(outcome, f"{PLANS}:1:1:", "YB001")


def test_a_link_to_dev_zero_is_refused_without_reading(work: Path) -> None:
    replace_with_link(work / PLANS, "/dev/zero")
    outcome = check(work, code=1, timeout=20)
    located(outcome, f"{PLANS}:1:1:", "YB001")


def test_a_character_device_inside_the_tree_is_refused(work: Path) -> None:
    (work / PLANS).unlink()
    try:
        os.mknod(work / PLANS, 0o600 | 0o020000, os.makedev(1, 5))  # what /dev/zero is
    except (PermissionError, AttributeError):
        pytest.skip("making a device node needs root")
    outcome = check(work, code=1, timeout=20)
    assert "字符设备" in located(outcome, f"{PLANS}:1:1:", "YB001")


def test_a_socket_is_refused(work: Path) -> None:
    (work / PLANS).unlink()
    server = socket.socket(socket.AF_UNIX)
    try:
        os.chdir(work)  # a socket path must be short: bind by relative name
        server.bind(PLANS)
        outcome = check(work, code=1, timeout=20)
    finally:
        server.close()
    assert "套接字" in located(outcome, f"{PLANS}:1:1:", "YB001")


def test_a_sparse_file_of_ten_gigabytes_is_refused_by_its_size(work: Path) -> None:
    with open(work / PLANS, "r+b") as handle:
        handle.truncate(10 << 30)
    outcome = check(work, code=1, timeout=20)
    assert "10737418240" in located(outcome, f"{PLANS}:1:1:", "YB004")


def test_a_folder_named_like_a_record_is_reported_not_read(work: Path) -> None:
    (work / PLANS).unlink()
    (work / PLANS).mkdir()
    (work / PLANS / "x.yaml").write_text("a: 1\n", encoding="utf-8")
    outcome = check(work, code=1)
    located(outcome, "records/2023", "YB206")


def test_an_unreadable_year_folder_fails_the_check(work: Path, monkeypatch: pytest.MonkeyPatch, yearbook: Callable[..., object]) -> None:
    # Root reads any folder, so permission is refused the way the kernel would refuse it to a user.
    real_scandir = os.scandir

    def scandir(path: str | os.PathLike[str]) -> Iterator[os.DirEntry[str]]:
        if os.fspath(path).rstrip("/").endswith("2023"):
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real_scandir(path)  # type: ignore[return-value]

    monkeypatch.chdir(work)
    monkeypatch.setattr(os, "scandir", scandir)
    result = yearbook("check", "records")
    assert result.code == 1  # type: ignore[attr-defined]
    assert any(line.startswith("records/2023:1:1: YB001") and "Permission denied" in line for line in result.out.splitlines())  # type: ignore[attr-defined]


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads every folder")
def test_an_unreadable_year_folder_fails_the_check_for_a_user(work: Path) -> None:
    folder = work / "records" / "2023"
    folder.chmod(0)
    try:
        outcome = run("check", "records", cwd=work)
    finally:
        folder.chmod(0o755)
    assert_clean(outcome, 1)
    located(outcome, "records/2023:1:1:", "YB001")


def test_a_configuration_linked_outside_is_refused(work: Path) -> None:
    (work / ".yearbook.yaml").symlink_to(work / "secret.txt")
    # The configuration sits beside records/: a link from there to the secret beside it is still outside
    # the folder the configuration may be read from only when it leaves that folder; here it does not,
    # so link it out of the folder altogether.
    (work / ".yearbook.yaml").unlink()
    (work / ".yearbook.yaml").symlink_to("/etc/passwd")
    outcome = run("check", "records", cwd=work)
    assert_clean(outcome, 2)
    assert ".yearbook.yaml:1:1: YB001" in outcome.out and "root:" not in outcome.text


def test_a_huge_value_is_quoted_only_as_an_excerpt(work: Path) -> None:
    edit(work / REPORT, "topic: 意识形态工作", "topic: [" + "很长的内容" * 2000 + "]")
    outcome = check(work, code=1)
    assert max(len(line) for line in outcome.out.splitlines()) < 400


def test_an_escape_sequence_in_a_key_is_never_echoed_raw(work: Path) -> None:
    edit(work / REPORT, "topic: 意识形态工作", 'topic: 意识形态工作\n"\\e[2J\\e[31mred": 1')
    outcome = check(work, code=1)
    assert "\x1b" not in outcome.text
    located(outcome, f"{REPORT}:", "YB005")


def test_a_bidi_override_in_an_unknown_key_is_shown_escaped(work: Path) -> None:
    edit(work / REPORT, "topic: 意识形态工作", "topic: 意识形态工作\nabc\u202edef: 1")
    outcome = check(work, code=1)
    assert "\u202e" not in outcome.text and "\\u202e" in located(outcome, f"{REPORT}:", "YB101")


# ---------------------------------------------------------------------------------------------- YAML


_NESTING: dict[str, Callable[[int], str]] = {
    "explicit-keys": lambda depth: "? " * depth,
    "explicit-keys-lines": lambda depth: "".join("  " * i + "?\n" for i in range(depth)),
    "flow-sequences": lambda depth: "[" * depth,
    "flow-mappings": lambda depth: "{a: " * depth,
    "block-sequences": lambda depth: "- " * depth,
    "block-mappings": lambda depth: "".join(" " * i + "a:\n" for i in range(depth)),
    "flow-explicit-keys": lambda depth: "[? " * depth,
    "mixed": lambda depth: "- {a: [? " * (depth // 3),
    "sequence-of-mappings": lambda depth: "".join("  " * i + "- a:\n" for i in range(depth)),
}


@pytest.mark.slow
@pytest.mark.parametrize("form", sorted(_NESTING))
def test_deep_nesting_of_every_form_is_refused_before_the_composer(work: Path, form: str) -> None:
    # libyaml's C composer recurses once per level and kills the process past ~20,000 levels: in a
    # subprocess, a crash shows as a negative exit code.
    depth = 30_000 if form not in ("explicit-keys-lines", "block-mappings", "sequence-of-mappings") else 1_500
    text = _NESTING[form](depth)
    (work / PLANS).write_text(text[: 1 << 20], encoding="utf-8")
    outcome = check(work, code=1, timeout=60)
    finding = [line for line in outcome.out.splitlines() if line.startswith(PLANS)]
    assert finding and (" YB009 " in finding[0] or " YB005 " in finding[0] or " YB004 " in finding[0]), finding


@pytest.mark.slow
def test_nested_explicit_keys_do_not_crash_diff(work: Path) -> None:
    subprocess.run(["git", "init", "-q", "-b", "main"], cwd=work, check=True)
    subprocess.run(["git", "add", "records"], cwd=work, check=True)
    subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-qm", "base"], cwd=work, check=True)
    (work / PLANS).write_text("? " * 50_000, encoding="utf-8")
    outcome = run("diff", cwd=work, timeout=60)
    assert_clean(outcome, 0)
    assert "plans.yaml" in outcome.err  # named as not compared


@pytest.mark.slow
def test_a_hundred_thousand_keys_are_checked_in_seconds(work: Path) -> None:
    keys = "\n".join(f"k{i:05d}: 1" for i in range(100_000))
    (work / PLANS).write_text(f"format: 2\nyear: 2023\ntype: plans\n{keys}\n", encoding="utf-8")
    outcome = check(work, code=1, timeout=30)
    plans = [line for line in outcome.out.splitlines() if line.startswith(PLANS)]
    assert len(plans) < 30 and any("另有 99980 个不认识的键" in line for line in plans)


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ('"\\0"', "U+0000"),
        ('"\\x1b[31m"', "U+001B"),
        ('"\\a"', "U+0007"),
        ('"a\\tb"', "U+0009"),
        ('"a\\rb"', "U+000D"),
        ('"\\x7f"', "U+007F"),
        ('"\\x9b"', "U+009B"),
    ],
)
def test_a_control_character_written_as_an_escape_is_located(work: Path, value: str, code: str) -> None:
    edit(work / REPORT, "topic: 意识形态工作", f"topic: {value}")
    outcome = check(work, code=1)
    assert code in located(outcome, f"{REPORT}:6:8:", "YB005")


@pytest.mark.parametrize(
    "number",
    ["1e999", "-1e999", "1e308000", "1e-400", "12345678901234567", "0.1234567890123456", "1000000000000000", "9" * 5000, "1e15"],
)
def test_a_number_the_report_cannot_print_exactly_is_located(work: Path, number: str) -> None:
    edit(work / ACTIVITIES, PAPERS + "}", PAPERS + f"{number}}}")
    outcome = check(work, code=1)
    line = located(outcome, ACTIVITIES, "YB011")
    assert len(line) < 400


@pytest.mark.parametrize(
    ("kind", "number"), [("count", "999999999999999"), ("count", "0"), ("number", "0.000001"), ("number", "-12.5"), ("number", "99999999999999.9")]
)
def test_a_number_within_fifteen_digits_is_accepted_and_printed_as_written(work: Path, kind: str, number: str) -> None:
    edit(work / ACTIVITIES, PAPERS + "}", PAPERS.replace("kind: count", f"kind: {kind}") + f"{number}}}")
    outcome = check(work, code=0)
    assert "YB011" not in outcome.out
    assert_clean(run("report", "--format", "md", "--out", "build", cwd=work), 0)
    markdown = next((work / "build").glob("*.md")).read_text(encoding="utf-8")
    assert f"撰写论文{number}篇" in markdown


@pytest.mark.parametrize("number", [".nan", ".inf", "-.inf", ".NaN"])
def test_yaml_infinities_and_nan_stay_text_and_are_errors(work: Path, number: str) -> None:
    edit(work / ACTIVITIES, PAPERS + "}", PAPERS + f"{number}}}")
    outcome = check(work, code=1)
    assert f"这里是“{number}”" in located(outcome, ACTIVITIES, "YB301")


def test_an_alias_bomb_is_refused_at_once(work: Path) -> None:
    bomb = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"] + [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]" for i in range(1, 12)]
    (work / PLANS).write_text("\n".join(bomb) + "\n", encoding="utf-8")
    outcome = check(work, code=1, timeout=20)
    located(outcome, f"{PLANS}:1:5:", "YB008")


def test_a_u2028_line_separator_keeps_line_numbers(work: Path) -> None:
    text = (work / PLANS).read_text(encoding="utf-8")
    (work / PLANS).write_text(text.replace("year: 2023", "year: 2023 #\u2028注释", 1) + "\n\t\n", encoding="utf-8")
    outcome = check(work, code=1)
    lines = text.count("\n") + 2
    assert any(line.startswith(f"{PLANS}:{lines}:1: YB007") for line in outcome.out.splitlines()), outcome.out


# ---------------------------------------------------------------------------------------------- dates and names


@pytest.mark.parametrize("date", ["2024-02-31", "2024-04-31", "2100-02-29", "2023-02-29", "0000-01-01", "1899-12-31"])
def test_a_date_not_on_the_calendar_is_located_and_report_refuses(work: Path, date: str) -> None:
    edit(work / REPORT, "date:   #", f"date: {date}   #")
    outcome = check(work, code=1)
    assert date in located(outcome, f"{REPORT}:9:7:", "YB208")
    built = run("report", "--format", "md", "--out", "build", cwd=work)
    assert_clean(built, 1)
    assert not (work / "build").exists()


@pytest.mark.parametrize("date", ["2024-02-29", "2024-01", "2024-12-31"])
def test_a_real_date_passes_and_builds(work: Path, date: str) -> None:
    edit(work / REPORT, "date:   #", f"date: {date}   #")
    check(work, code=0)
    assert_clean(run("report", "--format", "md", "--out", "build", cwd=work), 0)


@pytest.mark.parametrize("date", ["2023-02-30", "2023-06-31", "2023-13-01"])
def test_an_impossible_event_date_is_located(work: Path, date: str) -> None:
    edit(work / ACTIVITIES, "  - id: theory\n", f"    events:\n      - id: meeting\n        date: '{date}'\n        text: 召开会议。\n  - id: theory\n")
    outcome = check(work, code=1)
    assert date in located(outcome, ACTIVITIES, "YB208" if date != "2023-13-01" else "YB101")


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("'\u202e\u2066 \u200b\u202c'", "2023年度报告"),
        ("'...'", "2023年度报告"),
        ("'---'", "2023年度报告"),
        ("'CON'", "2023年度报告"),
        ("'/ \\ : * ? < > |'", "2023年度报告"),
    ],
)
def test_a_title_without_a_usable_file_name_warns_and_builds_under_the_fallback(work: Path, title: str, expected: str) -> None:
    edit(work / REPORT, "topic: 意识形态工作", f"topic: 意识形态工作\ntitle: {title}")
    outcome = check(work, code=0)
    located(outcome, f"{REPORT}:7:", "YB209")
    built = run("report", "--format", "md", "--out", "build", cwd=work)
    assert_clean(built, 0)
    assert [path.name for path in (work / "build").iterdir()] == [f"{expected}.md"]
    assert f"{REPORT}:7:" in built.err


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("'-rf 年度总结'", "rf年度总结"),
        ("'.hidden 年度总结'", "hidden年度总结"),
        ("'年度\u202e总结\u200b报告'", "年度总结报告"),
        ("'../../etc/年度总结'", "etc年度总结"),
    ],
)
def test_a_title_is_made_a_safe_file_name(work: Path, title: str, expected: str) -> None:
    edit(work / REPORT, "topic: 意识形态工作", f"topic: 意识形态工作\ntitle: {title}")
    before = snapshot(work, skip=(work / "build",))
    built = run("report", "--format", "md", "--out", "build", cwd=work)
    assert_clean(built, 0)
    assert [path.name for path in (work / "build").iterdir()] == [f"{expected}.md"]
    assert snapshot(work, skip=(work / "build",)) == before


def test_a_very_long_title_fits_the_file_system(work: Path) -> None:
    edit(work / REPORT, "topic: 意识形态工作", "topic: " + "意识形态工作" * 40)
    built = run("report", "--format", "docx,md", "--out", "build", cwd=work)
    assert_clean(built, 0)
    names = [path.name for path in (work / "build").iterdir()]
    assert len(names) == 2 and all(len(name.encode()) <= 255 - 14 for name in names)


@pytest.mark.parametrize("name", ["\x1b[2J\x1b[31mplan.yaml", "plans\u202eexe.yaml", "a\nb.yaml"])
def test_a_file_name_with_control_characters_is_shown_escaped(work: Path, name: str) -> None:
    (work / "records" / "2023" / name).write_text("year: 2023\n", encoding="utf-8")
    outcome = check(work, code=1)
    assert "\x1b" not in outcome.text and "\u202e" not in outcome.text
    line = located(outcome, "records/2023/", "YB207")
    assert "\\u00" in line or "\\u202e" in line


@pytest.mark.parametrize("separator", ["\u2028", "\u2029"])
def test_a_line_separator_in_a_value_is_located_where_an_editor_shows_it(work: Path, separator: str) -> None:
    # libyaml counts U+2028/U+2029 as line breaks and editors do not: every line number after one would be off.
    edit(work / REPORT, "topic: 意识形态工作", f"topic: 意识形态{separator}工作")
    outcome = check(work, code=1)
    assert f"U+{ord(separator):04X}" in located(outcome, f"{REPORT}:6:12:", "YB005")
