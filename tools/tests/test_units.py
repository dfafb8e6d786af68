"""Many units in one repository: `yearbook check units/` finds every units/<unit>/records/ tree, names the unit in
every finding (its path), and gives the same output on two processes as on one."""

from __future__ import annotations

import json
import re
import shutil
import signal
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from conftest import RECORDS, Run, edit, init_repo

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def units(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    for name in ("县教育局", "县卫健委", "county-water"):
        shutil.copytree(RECORDS, tmp_path / "units" / name / "records")
    edit(tmp_path / "units" / "县卫健委" / "records" / "2023" / "plans.yaml", "- id: theory-study", "- id: political-stance")  # an error
    monkeypatch.chdir(tmp_path)
    return tmp_path / "units"


def test_every_unit_is_checked_and_named(units: Path, yearbook: Callable[..., Run]) -> None:
    run = yearbook("check", "units", "--jobs", "1")
    assert run.code == 1
    assert "检查了 18 个文件：1 个错误" in run.out
    errors = [line for line in run.out.splitlines() if " YB201 " in line]
    assert len(errors) == 1 and errors[0].startswith("units/县卫健委/records/2023/plans.yaml:")
    for name in ("县教育局", "县卫健委", "county-water"):
        assert f"units/{name}/records/2023/" in run.out


def test_two_processes_give_the_same_output(units: Path, yearbook: Callable[..., Run]) -> None:
    one = yearbook("check", "units", "--jobs", "1", "--format", "json")
    two = yearbook("check", "units", "--jobs", "2", "--format", "json")
    assert one.code == two.code == 1 and one.out == two.out


def test_a_file_of_one_unit_checks_that_unit(units: Path, yearbook: Callable[..., Run]) -> None:
    run = yearbook("check", "units/县教育局/records/2023/plans.yaml")
    assert run.code == 0 and "units/县卫健委" not in run.out


def test_the_hook_matches_unit_layouts() -> None:
    hook = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))[0]
    pattern = re.compile(hook["files"])
    assert pattern.search("records/2023/plans.yaml") and pattern.search("units/县教育局/records/2023/plans.yaml")
    assert not pattern.search("tools/tests/fixtures/x.txt") and not pattern.search("records.md")


def test_each_units_report_in_a_folder_of_its_own(units: Path, yearbook: Callable[..., Run]) -> None:
    edit(units / "县卫健委" / "records" / "2023" / "plans.yaml", "- id: political-stance\n    lead: 强化理论学习", "- id: theory-study\n    lead: 强化理论学习")
    run = yearbook("report", "--records", "units", "--out", "build", "--format", "md")
    assert run.code == 0, run.err
    for name in ("县教育局", "县卫健委", "county-water"):
        assert run.err.count(f"单位 {name}：") == 1
        assert [p.suffix for p in (units.parent / "build" / name).iterdir()] == [".md"]


def test_each_units_diff_under_its_name(units: Path, yearbook: Callable[..., Run]) -> None:
    init_repo(units.parent)
    edit(units / "county-water" / "records" / "2023" / "activities.yaml", "加强组织领导，狠抓责任落实", "加强思想领导，狠抓责任落实")
    run = yearbook("diff", "HEAD", "--records", "units")  # only the units whose files changed
    assert run.code == 0 and "2 个单位没有改动" in run.err
    sections = run.out.split("== ")[1:]
    assert [s.split(" ==")[0] for s in sections] == ["county-water"] and "加强[-组织-]{+思想+}领导" in sections[0]
    every = yearbook("diff", "HEAD", "--records", "units", "--all").out.split("== ")[1:]
    assert [s.split(" ==")[0] for s in every] == ["county-water", "县卫健委", "县教育局"] and "记录没有变化。" in every[2]
    data = json.loads(yearbook("diff", "HEAD", "--records", "units", "--format", "json", "--all").out)
    assert list(data) == ["county-water", "县卫健委", "县教育局"] and data["county-water"]["changes"] and not data["县教育局"]["changes"]
    assert list(json.loads(yearbook("diff", "HEAD", "--records", "units", "--format", "json").out)) == ["county-water"]


def test_check_since_a_revision_checks_only_the_changed_units(units: Path, yearbook: Callable[..., Run]) -> None:
    init_repo(units.parent)
    edit(units / "county-water" / "records" / "2023" / "activities.yaml", "加强组织领导，狠抓责任落实", "加强思想领导，狠抓责任落实")
    run = yearbook("check", "units", "--since", "HEAD")
    assert run.code == 0 and "检查了 6 个文件" in run.out and "units/县卫健委" not in run.out  # the unit with the error is unchanged
    assert yearbook("check", "units").code == 1


def _timeless(text: str) -> str:
    return re.sub(r"（[0-9.]+ 秒）", "（… 秒）", text)


def test_reports_of_units_on_two_processes_are_those_of_one(units: Path, yearbook: Callable[..., Run]) -> None:
    edit(units / "县卫健委" / "records" / "2023" / "plans.yaml", "- id: political-stance\n    lead: 强化理论学习", "- id: theory-study\n    lead: 强化理论学习")
    one = yearbook("report", "--records", "units", "--out", "one", "--format", "docx,md", "--jobs", "1")
    two = yearbook("report", "--records", "units", "--out", "two", "--format", "docx,md", "--jobs", "2")
    assert one.code == two.code == 0, two.err
    assert _timeless(one.err).replace("one/", "two/") == _timeless(two.err) and one.out == two.out
    assert _timeless(two.err).count("已生成 2 个文件") == 3
    files = sorted(p.relative_to(units.parent / "one") for p in (units.parent / "one").rglob("*") if p.is_file())
    assert len(files) == 6
    for relative in files:
        assert (units.parent / "one" / relative).read_bytes() == (units.parent / "two" / relative).read_bytes(), relative


def test_a_units_failure_on_a_worker_is_said_as_on_one_process(units: Path, yearbook: Callable[..., Run]) -> None:
    """The unit with an error is refused, with its findings, and the others are built, whatever the jobs."""
    runs = [yearbook("report", "--records", "units", "--out", f"out{jobs}", "--format", "md", "--jobs", jobs) for jobs in ("1", "2")]
    assert runs[0].code == runs[1].code == 1
    assert runs[0].out == runs[1].out and "YB201" in runs[1].out
    assert _timeless(runs[0].err).replace("out1/", "out2/") == _timeless(runs[1].err)
    assert not (units.parent / "out2" / "县卫健委").exists() and (units.parent / "out2" / "县教育局").is_dir()


def test_diffs_of_units_on_two_processes_are_those_of_one(units: Path, yearbook: Callable[..., Run]) -> None:
    init_repo(units.parent)
    for name in ("county-water", "县教育局"):
        edit(units / name / "records" / "2023" / "activities.yaml", "加强组织领导，狠抓责任落实", "加强思想领导，狠抓责任落实")
    for form in ("terminal", "markdown", "json"):
        one = yearbook("diff", "HEAD", "--records", "units", "--all", "--format", form, "--jobs", "1")
        two = yearbook("diff", "HEAD", "--records", "units", "--all", "--format", form, "--jobs", "2")
        assert (one.code, one.out, one.err) == (two.code, two.out, two.err), form
        assert "思想" in two.out


@pytest.mark.parametrize("jobs", ["0", "-1", "two"])
def test_jobs_must_be_a_positive_number(units: Path, yearbook: Callable[..., Run], jobs: str) -> None:
    run = yearbook("check", "units", "--jobs", jobs)
    assert run.code == 2 and "不是正整数" in run.err and "Traceback" not in run.err


def test_an_error_from_a_worker_keeps_both_languages() -> None:
    import pickle

    from yearbook.report.render import BadEpoch
    from yearbook.write import WriteError

    for error in (WriteError("无法写入。", "cannot write."), BadEpoch("x")):
        copy = pickle.loads(pickle.dumps(error))
        assert type(copy) is type(error) and (copy.zh, copy.en, str(copy)) == (error.zh, error.en, str(error))


def _yearbook_command() -> list[str]:
    import sys

    return [str(Path(sys.executable).parent / "yearbook")]


def _many_units(folder: Path, count: int) -> Path:
    for i in range(count):
        shutil.copytree(RECORDS, folder / "units" / f"u{i:03d}" / "records")
    return folder / "units"


def _when_workers_run(process: subprocess.Popen[str], workers: int = 2) -> None:
    import time

    deadline = time.monotonic() + 30
    while len(_group(process.pid)) < 1 + workers and time.monotonic() < deadline:  # the parent and its workers
        time.sleep(0.005)
    assert process.poll() is None, "finished before it could be stopped"


def _checking_units_on_two_workers(folder: Path) -> subprocess.Popen[str]:
    """`yearbook check units --jobs 2` in a session of its own, returned once both workers exist."""
    process = subprocess.Popen(
        [*_yearbook_command(), "check", "units", "--jobs", "2"],
        cwd=folder,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    _when_workers_run(process)
    return process


def _left(pgid: int) -> list[int]:
    import time

    deadline = time.monotonic() + 10
    while _group(pgid) and time.monotonic() < deadline:
        time.sleep(0.05)
    return _group(pgid)


@pytest.mark.parametrize(("stop", "code", "said"), [(signal.SIGINT, 130, "已中断"), (signal.SIGTERM, 143, "已终止")])
def test_stopping_many_units_stops_every_worker_quietly(tmp_path: Path, stop: signal.Signals, code: int, said: str) -> None:
    """Ctrl-C reaches the whole process group, workers too, and so does a cancelled CI job's SIGTERM: the run ends
    with its code and one line, no worker's traceback, and no worker left running. Stopped as soon as the workers
    exist (when a worker has not yet set its own handling) and again once they are at work."""
    import os
    import time

    _many_units(tmp_path, 300)
    for delay in (0.0, 0.0, 0.2):
        process = _checking_units_on_two_workers(tmp_path)
        time.sleep(delay)
        os.killpg(process.pid, stop)
        _, err = process.communicate(timeout=60)
        assert process.returncode == code and said in err and "Traceback" not in err, (delay, err[-800:])
        assert _left(process.pid) == []


def test_a_worker_that_dies_is_an_error_not_a_hang(tmp_path: Path) -> None:
    import os
    import time

    _many_units(tmp_path, 300)
    process = _checking_units_on_two_workers(tmp_path)
    time.sleep(0.2)
    os.kill(max(pid for pid in _group(process.pid) if pid != process.pid), signal.SIGKILL)  # as the OOM killer would
    _, err = process.communicate(timeout=60)
    assert process.returncode == 3 and "内部错误" in err and "Traceback" not in err
    assert _left(process.pid) == []


def test_stopping_a_report_of_units_stops_their_pandoc(tmp_path: Path) -> None:
    """pandoc runs in a session of its own: a worker stopped mid-report kills it (and what it started) and removes
    its temporary folders on its way out."""
    import os
    import time

    _many_units(tmp_path, 4)
    pandoc = tmp_path / "slow-pandoc"
    pandoc.write_text("#!/bin/sh\nsleep 30\n", encoding="utf-8")
    pandoc.chmod(0o755)
    (tmp_path / "tmp").mkdir()
    env = {**os.environ, "PYPANDOC_PANDOC": str(pandoc), "TMPDIR": str(tmp_path / "tmp")}
    command = [*_yearbook_command(), "report", "--records", "units", "--out", "out", "--format", "docx", "--jobs", "2"]
    process = subprocess.Popen(command, cwd=tmp_path, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, start_new_session=True)
    deadline = time.monotonic() + 30
    while not _running(str(pandoc)) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert _running(str(pandoc)), "pandoc never started"
    os.killpg(process.pid, signal.SIGTERM)
    _, err = process.communicate(timeout=60)
    assert process.returncode == 143 and "Traceback" not in err
    deadline = time.monotonic() + 10
    while _running(str(pandoc)) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not _running(str(pandoc))
    assert list((tmp_path / "tmp").iterdir()) == []  # each worker's temporary folders removed before it ended
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").rglob("*"))


def _running(program: str) -> bool:
    """Whether a process runs `program` (its command line names it), whatever its session."""
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if program.encode() in (entry / "cmdline").read_bytes():
                    return True
            except OSError:
                continue
    return False


def test_stdout_and_stderr_interleave_as_on_one_process(units: Path) -> None:
    """One stream for both (a terminal, a CI log): each unit's lines in the order one process writes them."""
    import os

    merged = []
    for jobs in ("1", "2"):
        done = subprocess.run(
            [*_yearbook_command(), "report", "--records", "units", "--out", f"out{jobs}", "--format", "md", "--jobs", jobs],
            cwd=units.parent,
            env={**os.environ, "PYTHONUNBUFFERED": "1"},
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            check=False,
        )
        merged.append(_timeless(done.stdout).replace(f"out{jobs}/", "out/"))
    assert merged[0] == merged[1] and "单位 县卫健委" in merged[1] and "YB201" in merged[1]
    assert merged[1].index("单位 县卫健委") < merged[1].index("YB201")


def _group(pgid: int) -> list[int]:
    """The live processes of a process group (Linux /proc)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[2]) == pgid and fields[0] != "Z":
                found.append(int(entry.name))
    return found


def test_a_signal_during_bookkeeping_acts_right_after_it() -> None:
    """What `interrupts.deferred` holds (a temporary file created and recorded, workers forked, a pool stopped) is
    not split by Ctrl-C: the interrupt comes when the block ends."""
    import os
    import threading
    import time

    from yearbook.interrupts import deferred

    other = threading.Event()
    waiting = threading.Thread(target=other.wait, daemon=True)  # a thread the kernel may hand the signal to
    waiting.start()
    steps = []
    try:
        with pytest.raises(KeyboardInterrupt):
            with deferred():
                os.kill(os.getpid(), signal.SIGINT)
                time.sleep(0.05)
                steps.append("created")
                steps.append("recorded")
            steps.append("after")  # never: the interrupt is raised as the block ends
    finally:
        other.set()
    assert steps == ["created", "recorded"]
