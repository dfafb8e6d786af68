"""Shared by the hostile suites: run the real command, and prove that nothing outside its output changed."""

from __future__ import annotations

import hashlib
import os
import shutil
import stat
import subprocess
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

TOOLS = Path(__file__).resolve().parents[1]
RECORDS = TOOLS.parent / "records"
SECRET = "keep me: hunter2-TOP-SECRET\n"


@dataclass
class Outcome:
    code: int
    out: str
    err: str

    @property
    def text(self) -> str:
        return self.out + self.err


def run(*args: str, cwd: Path, env: Mapping[str, str] | None = None, timeout: float = 60) -> Outcome:
    """`python -m yearbook ARGS` as a user runs it, in a clean environment (no CI variables leak in)."""
    base = {key: value for key, value in os.environ.items() if not key.startswith(("GITHUB_", "SOURCE_DATE_EPOCH", "YEARBOOK_"))}
    base["PYTHONPATH"] = str(TOOLS)
    done = subprocess.run([sys.executable, "-m", "yearbook", *args], cwd=cwd, env={**base, **(env or {})}, capture_output=True, timeout=timeout, check=False)
    return Outcome(done.returncode, done.stdout.decode(errors="replace"), done.stderr.decode(errors="replace"))


def scratch_records(folder: Path) -> Path:
    """A copy of the real records in `folder`, and a secret beside them that must never be read or changed."""
    shutil.copytree(RECORDS, folder / "records")
    (folder / "secret.txt").write_text(SECRET, encoding="utf-8")
    (folder / "tmp").mkdir()
    return folder


def assert_clean(outcome: Outcome, code: int) -> None:
    """The exit code the contract names, and never a traceback or an internal error."""
    assert "Traceback" not in outcome.text, outcome.text[-2000:]
    assert "内部错误" not in outcome.text and "internal error" not in outcome.text, outcome.text[-2000:]
    assert outcome.code == code, (outcome.code, outcome.text[-2000:])


def snapshot(root: Path, *, skip: tuple[Path, ...] = ()) -> dict[str, tuple[int, str]]:
    """Every entry under `root` (links not followed): its mode and a digest of its content or target."""
    state: dict[str, tuple[int, str]] = {}
    skipped = {os.path.abspath(path) for path in skip}
    for folder, dirs, names in os.walk(root):
        dirs[:] = [d for d in dirs if os.path.abspath(os.path.join(folder, d)) not in skipped]
        for name in dirs + names:
            path = os.path.join(folder, name)
            info = os.lstat(path)
            if stat.S_ISLNK(info.st_mode):
                digest = "->" + os.readlink(path)
            elif stat.S_ISREG(info.st_mode) and info.st_size > 1 << 24:  # a sparse giant: its size and time tell
                digest = f"{info.st_size}@{info.st_mtime_ns}"
            elif stat.S_ISREG(info.st_mode):
                digest = hashlib.sha256(Path(path).read_bytes()).hexdigest()
            else:
                digest = ""
            state[os.path.relpath(path, root)] = (stat.S_IFMT(info.st_mode), digest)
    return state
