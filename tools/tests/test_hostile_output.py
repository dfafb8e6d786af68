"""Hostile and unlucky conditions around what `report` and `diff` write, and the environment they run in.

Deliverables are a set: after any failure (a format failing, a full disk, a signal) the previous files are
all as they were, no temporary is left in `--out` or in TMPDIR, and nothing outside `--out` changed.
"""

from __future__ import annotations

import errno
import os
import re
import shutil
import signal
import stat
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pypandoc
import pytest
from conftest import Run, edit
from hostile import SECRET, Outcome, assert_clean, run, scratch_records, snapshot

PANDOC = pypandoc.get_pandoc_path()
REPORT = "records/2023/report.yaml"
STEM = "2023年度意识形态工作总结及2024年工作计划"


@pytest.fixture
def work(tmp_path: Path) -> Path:
    return scratch_records(tmp_path)


def report(work: Path, *args: str, env: dict[str, str] | None = None, code: int = 0) -> Outcome:
    outcome = run("report", "--out", "build", *args, cwd=work, env={"TMPDIR": str(work / "tmp"), **(env or {})})
    assert_clean(outcome, code)
    assert list((work / "tmp").iterdir()) == [], "a temporary folder was left in TMPDIR"
    return outcome


def built(work: Path) -> dict[str, bytes]:
    folder = work / "build"
    return {path.name: path.read_bytes() for path in folder.iterdir()} if folder.exists() else {}


def reported_files(outcome: Outcome) -> list[str]:
    match = re.search(r"已生成 (\d+) 个文件（[0-9.]+ 秒）：(.*)", outcome.err)
    assert match, outcome.err
    names = match.group(2).split("、")
    assert len(names) == int(match.group(1))
    return names


def script(path: Path, body: str) -> Path:
    path.write_text("#!/bin/sh\n" + body, encoding="utf-8")
    path.chmod(0o755)
    return path


def fake_module(folder: Path, name: str, source: str) -> dict[str, str]:
    """An environment whose Python finds `name` as the given module first (a missing or broken install)."""
    (folder / name).mkdir(parents=True)
    (folder / name / "__init__.py").write_text(source, encoding="utf-8")
    return {"PYTHONPATH": f"{folder}{os.pathsep}{Path(__file__).resolve().parents[1]}"}


def add_year_2024(work: Path, title: str | None = None) -> None:
    shutil.copytree(work / "records" / "2023", work / "records" / "2024")
    for path in (work / "records" / "2024").iterdir():
        edit(path, "year: 2023", "year: 2024")
    if title is not None:
        for year in ("2023", "2024"):
            edit(work / "records" / year / "report.yaml", "topic: 意识形态工作", f"topic: 意识形态工作\ntitle: {title}")


# ---------------------------------------------------------------------------------------------- a set of files


def test_two_years_with_one_title_never_write_the_same_file(work: Path) -> None:
    add_year_2024(work, "年度工作总结")
    outcome = report(work, "--year", "all")
    names = sorted(built(work))
    assert names == sorted(f"年度工作总结-{year}.{fmt}" for year in (2023, 2024) for fmt in ("docx", "pdf", "md"))
    assert "2024 年度的文件改名为" in outcome.err
    assert sorted(Path(name).name for name in reported_files(outcome)) == names  # six said, six there


def test_titles_differing_only_in_case_are_kept_apart(work: Path) -> None:
    add_year_2024(work)
    edit(work / REPORT, "topic: 意识形态工作", "topic: 意识形态工作\ntitle: Annual 总结")
    edit(work / "records/2024/report.yaml", "topic: 意识形态工作", "topic: 意识形态工作\ntitle: ANNUAL 总结")
    report(work, "--year", "all", "--format", "md")
    assert sorted(built(work)) == ["ANNUAL总结-2024.md", "Annual总结-2023.md"]


def test_every_file_reported_is_there(work: Path) -> None:
    outcome = report(work)
    for name in reported_files(outcome):
        assert (work / name).is_file()


def test_a_failing_pdf_leaves_the_previous_set_whole(work: Path, tmp_path: Path) -> None:
    report(work)
    before = built(work)
    edit(work / "records/2023/problems.yaml", "一年来，", "这一年来，")
    env = fake_module(
        tmp_path / "fake",
        "typst",
        "class FontInfo:\n    def __init__(self, family):\n        self.family, self.path, self.index = family, None, 0\n\n"
        "class Fonts:\n    def fonts(self):\n        return [FontInfo(f) for f in ('Noto Serif CJK SC', 'Noto Sans CJK SC', 'AR PL UKai CN')]\n\n"
        "class Compiler:\n    def __init__(self, *args, **kwargs):\n        pass\n\n"
        "    def compile(self, *args, **kwargs):\n        raise RuntimeError('simulated typst failure')\n",
    )
    outcome = report(work, env=env, code=2)
    assert "simulated typst failure" in outcome.err and "未写入任何文件" in outcome.err
    assert built(work) == before


def test_a_full_disk_while_writing_the_second_file_changes_nothing(work: Path, yearbook: Callable[..., Run], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(work)
    assert yearbook("report").code == 0
    before = built(work)
    edit(work / "records/2023/problems.yaml", "一年来，", "这一年来，")
    real_fsync, calls = os.fsync, []

    def fsync(fd: int) -> None:
        calls.append(fd)
        if len(calls) == 2:
            raise OSError(errno.ENOSPC, "No space left on device")
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", fsync)
    result = yearbook("report")
    assert result.code == 2 and "No space left on device" in result.err and "原有文件均未改动" in result.err
    assert built(work) == before  # no temporary left, the first format not replaced alone


def test_an_interrupt_while_renaming_removes_every_temporary(work: Path, yearbook: Callable[..., Run], monkeypatch: pytest.MonkeyPatch) -> None:
    from yearbook import write

    monkeypatch.chdir(work)
    assert yearbook("report").code == 0
    before = built(work)
    edit(work / "records/2023/problems.yaml", "一年来，", "这一年来，")

    def interrupted(source: str, target: str) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(write.os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        yearbook("report")
    assert built(work) == before


@pytest.mark.slow
@pytest.mark.parametrize(("signum", "code"), [(signal.SIGTERM, 143), (signal.SIGINT, 130)])
def test_a_signal_during_the_build_cleans_up(work: Path, tmp_path: Path, signum: int, code: int) -> None:
    report(work)
    before = built(work)
    marker = tmp_path / "pandoc-started"
    # pandoc that hangs only when writing the DOCX (inside the build's temporary folder)
    pandoc = script(tmp_path / "pandoc", f'for a in "$@"; do [ "$a" = "-o" ] && {{ touch {marker}; sleep 30; }}; done\nexec {PANDOC} "$@"\n')
    environment = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1]), "PYPANDOC_PANDOC": str(pandoc), "TMPDIR": str(work / "tmp")}
    process = subprocess.Popen(
        [sys.executable, "-m", "yearbook", "report", "--out", "build"], cwd=work, env=environment, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    deadline = time.monotonic() + 30
    while not marker.exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert marker.exists()
    assert any((work / "tmp").iterdir())  # the build's temporary folder is there now
    process.send_signal(signum)
    _, err = process.communicate(timeout=30)
    assert process.returncode == code and b"Traceback" not in err
    assert list((work / "tmp").iterdir()) == []
    assert built(work) == before


def test_a_deliverable_that_is_a_link_is_refused_and_the_link_kept(work: Path) -> None:
    (work / "build").mkdir()
    (work / "build" / f"{STEM}.md").symlink_to("../secret.txt")
    outcome = report(work, code=2)
    assert "符号链接" in outcome.err
    assert (work / "secret.txt").read_text(encoding="utf-8") == SECRET
    assert (work / "build" / f"{STEM}.md").is_symlink() and sorted(built(work)) == [f"{STEM}.md"]  # nothing else written either


def test_a_deliverable_that_is_a_fifo_is_refused_without_blocking(work: Path) -> None:
    (work / "build").mkdir()
    os.mkfifo(work / "build" / f"{STEM}.docx")
    outcome = report(work, code=2)
    assert "命名管道" in outcome.err
    assert stat.S_ISFIFO(os.lstat(work / "build" / f"{STEM}.docx").st_mode)


def test_an_output_folder_that_is_a_device_is_a_usage_error(work: Path) -> None:
    outcome = run("report", "--out", "/dev/null", cwd=work)
    assert_clean(outcome, 2)
    assert stat.S_ISCHR(os.lstat("/dev/null").st_mode)


def test_an_output_folder_that_is_a_file_is_a_usage_error(work: Path) -> None:
    before = snapshot(work)
    outcome = run("report", "--out", "secret.txt", cwd=work)
    assert_clean(outcome, 2)
    assert "无法写入" in outcome.err and snapshot(work) == before


def test_nothing_outside_the_output_folder_changes(work: Path) -> None:
    before = snapshot(work, skip=(work / "build",))
    report(work, "--year", "all")
    assert snapshot(work, skip=(work / "build",)) == before


# ---------------------------------------------------------------------------------------------- diff --docx


@pytest.fixture
def repo(work: Path) -> Path:
    subprocess.run(["git", "init", "-q", "-b", "main"], cwd=work, check=True)
    subprocess.run(["git", "add", "records"], cwd=work, check=True)
    subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-qm", "base"], cwd=work, check=True)
    edit(work / "records/2023/problems.yaml", "一年来，", "这一年来，")
    return work


@pytest.mark.parametrize(("target", "says"), [("/dev/full", "字符设备"), ("/dev/stdout", "符号链接"), ("/dev/null", "字符设备")])
def test_a_redline_to_a_device_is_refused_and_the_device_kept(repo: Path, target: str, says: str) -> None:
    kind = stat.S_IFMT(os.lstat(target).st_mode)
    outcome = run("diff", "HEAD", "--docx", target, cwd=repo)
    assert_clean(outcome, 2)
    assert says in outcome.err and "- 为标准输出" not in outcome.err and stat.S_IFMT(os.lstat(target).st_mode) == kind
    assert "写到标准输出用 -" in outcome.err


def test_a_redline_to_standard_output_is_the_docx_alone(repo: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "yearbook", "diff", "HEAD", "--docx", "-"],
        cwd=repo,
        env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1])},
        capture_output=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0 and done.stdout.startswith(b"PK\x03\x04") and b"Traceback" not in done.stderr
    assert not (repo / "-").exists()


def test_a_redline_through_a_link_is_refused(repo: Path) -> None:
    (repo / "red.docx").symlink_to("secret.txt")
    outcome = run("diff", "HEAD", "--docx", "red.docx", cwd=repo)
    assert_clean(outcome, 2)
    assert (repo / "secret.txt").read_text(encoding="utf-8") == SECRET


@pytest.mark.parametrize("revision", ["--output=written.txt", "-p", "HEAD\nmain", ""])
def test_a_revision_is_never_taken_for_an_option(repo: Path, revision: str) -> None:
    before = snapshot(repo, skip=(repo / ".git",))
    outcome = run("diff", "--", revision, cwd=repo)
    assert_clean(outcome, 2)
    assert snapshot(repo, skip=(repo / ".git",)) == before


def test_a_record_committed_as_a_symlink_is_not_read_from_git(repo: Path) -> None:
    plans = repo / "records/2023/plans.yaml"
    plans.unlink()
    plans.symlink_to("/etc/passwd")
    subprocess.run(["git", "add", "-A"], cwd=repo, check=True)
    subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-qm", "link"], cwd=repo, check=True)
    outcome = run("diff", "HEAD~1", "HEAD", cwd=repo)
    assert_clean(outcome, 0)
    assert "plans.yaml" in outcome.err and "root:" not in outcome.text


@pytest.mark.slow
def test_a_huge_blob_in_history_is_never_loaded(repo: Path) -> None:
    (repo / "records/2023/plans.yaml").write_bytes(b"# " + b"x" * (3 << 20))
    subprocess.run(["git", "add", "-A"], cwd=repo, check=True)
    subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-qm", "big"], cwd=repo, check=True)
    outcome = run("diff", "HEAD~1", "HEAD", cwd=repo)
    assert_clean(outcome, 0)
    assert "plans.yaml" in outcome.err


def test_an_impossible_date_does_not_break_the_redline(repo: Path) -> None:
    edit(repo / REPORT, "date:   #", "date: 2024-02-31   #")
    outcome = run("diff", "HEAD", "--docx", "red.docx", cwd=repo)
    assert_clean(outcome, 0)
    assert (repo / "red.docx").read_bytes().startswith(b"PK")


# ---------------------------------------------------------------------------------------------- environment


@pytest.mark.parametrize("epoch", ["abc", "-5", "1.5", "1e9", "99999999999999999999", " 12"])
def test_a_source_date_epoch_that_is_not_an_integer_is_a_usage_error(work: Path, epoch: str) -> None:
    outcome = report(work, "--format", "md", env={"SOURCE_DATE_EPOCH": epoch}, code=2)
    assert "SOURCE_DATE_EPOCH" in outcome.err and built(work) == {}


def test_an_empty_source_date_epoch_counts_as_unset(work: Path) -> None:
    report(work, "--format", "md", env={"SOURCE_DATE_EPOCH": ""})


@pytest.mark.parametrize("where", ["missing/summary.md", "folder"])
def test_a_job_summary_that_cannot_be_written_is_a_usage_error(work: Path, where: str) -> None:
    (work / "folder").mkdir()
    outcome = run("check", "records", "--format", "github", cwd=work, env={"GITHUB_STEP_SUMMARY": str(work / where)})
    assert_clean(outcome, 2)
    assert "GITHUB_STEP_SUMMARY" in outcome.err


def test_pandoc_missing_is_a_message(work: Path) -> None:
    outcome = report(work, env={"PYPANDOC_PANDOC": str(work / "no-pandoc")}, code=2)
    assert "pandoc" in outcome.err and "make report" in outcome.err and built(work) == {}


def test_pandoc_not_executable_is_a_message(work: Path, tmp_path: Path) -> None:
    pandoc = script(tmp_path / "pandoc", "exit 0\n")
    pandoc.chmod(0o644)
    outcome = report(work, "--format", "docx", env={"PYPANDOC_PANDOC": str(pandoc)}, code=2)
    assert "pandoc" in outcome.err and built(work) == {}


def test_pandoc_failing_is_a_message_with_its_reason(work: Path, tmp_path: Path) -> None:
    pandoc = script(tmp_path / "pandoc", 'if [ "$1" = "--version" ]; then echo "pandoc 3.6"; exit 0; fi\necho "pandoc: out of memory" >&2\nexit 3\n')
    outcome = report(work, "--format", "md", env={"PYPANDOC_PANDOC": str(pandoc)}, code=2)
    assert "out of memory" in outcome.err and built(work) == {}


def test_the_pdf_needs_no_pandoc(work: Path) -> None:
    report(work, "--format", "pdf", env={"PYPANDOC_PANDOC": str(work / "no-pandoc")})
    assert sorted(built(work)) == [f"{STEM}.pdf"]


def test_typst_missing_is_a_message_and_docx_still_builds(work: Path, tmp_path: Path) -> None:
    env = fake_module(tmp_path / "fake", "typst", "raise ImportError('No module named typst')\n")
    outcome = report(work, env=env, code=2)
    assert "typst" in outcome.err and "make report" in outcome.err and built(work) == {}
    report(work, "--format", "docx,md", env=env)
    assert sorted(built(work)) == [f"{STEM}.docx", f"{STEM}.md"]


def test_pypandoc_missing_is_a_message(work: Path, tmp_path: Path) -> None:
    env = fake_module(tmp_path / "fake", "pypandoc", "raise ImportError('No module named pypandoc')\n")
    outcome = report(work, "--format", "docx", env=env, code=2)
    assert "pypandoc" in outcome.err and built(work) == {}


@pytest.mark.slow
@pytest.mark.parametrize("delay", [0.02, 0.1, 0.25, 0.5])
def test_an_interrupt_during_start_up_is_exit_130_without_a_traceback(work: Path, delay: float) -> None:
    # Python's own start-up (site.py) comes before any code of ours and cannot be covered; `-X importtime`
    # tells when the entry point is loaded, and the interrupt comes `delay` later, while yaml, jsonschema,
    # pandoc and Typst are still being imported (or, for the longest delays, while the report is built).
    process = subprocess.Popen(
        [sys.executable, "-X", "importtime", "-m", "yearbook", "report", "--out", "build"],
        cwd=work,
        env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1]), "TMPDIR": str(work / "tmp")},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    assert process.stderr is not None
    for line in process.stderr:
        if line.rstrip().endswith(b"yearbook.entry"):
            break
    time.sleep(delay)
    process.send_signal(signal.SIGINT)
    err = process.stderr.read()
    process.wait(timeout=60)
    assert b"Traceback" not in err and b"KeyboardInterrupt" not in err
    assert process.returncode in (130, 0)  # 0 only if it had already finished
    if process.returncode == 130:
        assert "已中断" in err.decode()
    assert list((work / "tmp").iterdir()) == []


@pytest.mark.parametrize("path", ["/dev/zero", "missing-folder"])
def test_a_path_that_holds_no_records_is_a_usage_error(work: Path, path: str) -> None:
    outcome = run("check", path, cwd=work, timeout=20)
    assert_clean(outcome, 2)
