"""Shared fixtures: a scratch copy of the real records, and the CLI run in-process or as a real command."""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from yearbook.cli import main

REPO = Path(__file__).resolve().parents[2]
RECORDS = REPO / "records"
# The report the project started from (shared/seeds/000_365c023360583015.txt), kept with the tests.
SEED = Path(__file__).parent / "fixtures" / "seed-2023.txt"


@dataclass
class Run:
    code: int
    out: str
    err: str


@pytest.fixture
def records(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the repository's records in a scratch folder that is also the working directory."""
    target = tmp_path / "records"
    shutil.copytree(RECORDS, target)
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    return target


@pytest.fixture
def yearbook(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Callable[..., Run]:
    """Run `yearbook ARGS` in-process and capture what a user would see."""
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)

    def run(*args: str) -> Run:
        code = main(list(args))
        captured = capsys.readouterr()
        return Run(code, captured.out, captured.err)

    return run


def edit(path: Path, old: str, new: str, count: int = 1) -> None:
    """Replace `old` by `new` in a record file, insisting that `old` is there `count` times."""
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == count, f"{old!r} occurs {text.count(old)} times in {path}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def copy_year(records: Path, source: int, target: int) -> None:
    """A new year folder copied from another, every file saying its new year."""
    shutil.copytree(records / str(source), records / str(target))
    for path in (records / str(target)).glob("*.yaml"):
        edit(path, f"year: {source}", f"year: {target}")


def run_command(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "yearbook", *args], cwd=cwd, capture_output=True, text=True, timeout=60)


def git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True, text=True).stdout


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A git repository holding the real records in one commit on main; the working directory."""
    root = tmp_path / "repo"
    shutil.copytree(RECORDS, root / "records")
    init_repo(root)
    monkeypatch.chdir(root)
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    return root


def commit(repo: Path, message: str) -> None:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message)


def init_repo(root: Path) -> None:
    """A git repository at `root` with everything in it committed on main."""
    git(root, "init", "-q", "-b", "main")
    git(root, "config", "user.email", "writer@example.com")
    git(root, "config", "user.name", "Writer")
    commit(root, "base")
