"""The one place that runs git: resolve revisions, list and read files at a revision, find the merge-base.

Nothing is checked out; every failure is a `GitError` whose message says what to do.
"""

from __future__ import annotations

import subprocess
from pathlib import Path


class GitError(Exception):
    def __init__(self, zh: str, en: str) -> None:
        super().__init__(en)
        self.zh, self.en = zh, en


def _git(repo: Path, *args: str, stdin: bytes | None = None) -> bytes:
    try:
        done = subprocess.run(["git", "-C", str(repo), *args], input=stdin, capture_output=True, check=False)
    except FileNotFoundError as error:
        raise GitError("找不到 git 命令，请先安装 git。", "git is not installed.") from error
    if done.returncode != 0:
        message = done.stderr.decode(errors="replace").strip()
        raise GitError(f"git {' '.join(args[:2])} 失败：{message}", f"git {' '.join(args[:2])} failed: {message}")
    return done.stdout


def toplevel(path: Path) -> Path:
    return Path(_git(path, "rev-parse", "--show-toplevel").decode().strip())


def is_shallow(repo: Path) -> bool:
    return _git(repo, "rev-parse", "--is-shallow-repository").decode().strip() == "true"


def resolve(repo: Path, revision: str) -> str:
    """The commit a revision names, or a GitError that says how to get it (shallow clones lack history)."""
    try:
        return _git(repo, "rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}").decode().strip()
    except GitError:
        hint_zh = hint_en = ""
        if is_shallow(repo):
            hint_zh = (
                "这是一个浅克隆（shallow clone），没有这段历史：请运行 git fetch --unshallow，或在 GitHub Actions 的 actions/checkout 中设置 fetch-depth: 0。"
            )
            hint_en = "This is a shallow clone without that history: run git fetch --unshallow, or set fetch-depth: 0 on actions/checkout."
        raise GitError(f"找不到修订版本“{revision}”。{hint_zh}", f"revision '{revision}' not found. {hint_en}") from None


def default_branch(repo: Path) -> str:
    """origin's default branch if known, else main or master, whichever exists."""
    try:
        return _git(repo, "symbolic-ref", "--short", "refs/remotes/origin/HEAD").decode().strip()
    except GitError:
        pass
    for candidate in ("origin/main", "main", "origin/master", "master"):
        try:
            _git(repo, "rev-parse", "--verify", "--quiet", f"{candidate}^{{commit}}")
            return candidate
        except GitError:
            continue
    raise GitError(
        "找不到默认分支（main 或 master），请明确写出要比较的修订版本。", "no default branch (main or master) found; name the revision to compare against."
    )


def merge_base(repo: Path, a: str, b: str) -> str:
    return _git(repo, "merge-base", a, b).decode().strip()


FILE_MODES = ("100644", "100755")
FILE_MODE = "file"


def list_files(repo: Path, revision: str, folder: str) -> list[tuple[str, str]]:
    """(mode, path) of every entry under `folder`: mode is FILE_MODE for an ordinary file, else git's mode."""
    out = _git(repo, "ls-tree", "-r", "-z", revision, "--", folder.rstrip("/") + "/")
    entries = []
    for line in out.decode(errors="surrogateescape").split("\0"):
        if line:
            meta, _, path = line.partition("\t")
            mode = meta.split(" ")[0]
            entries.append((FILE_MODE if mode in FILE_MODES else mode, path))
    return entries


def read_blobs(repo: Path, revision: str, paths: list[str]) -> dict[str, bytes]:
    """The contents of many files at a revision from one `git cat-file --batch` process."""
    if not paths:
        return {}
    out = _git(repo, "cat-file", "--batch", stdin="".join(f"{revision}:{path}\n" for path in paths).encode())
    blobs, position = {}, 0
    for path in paths:
        header_end = out.index(b"\n", position)
        header = out[position:header_end].split()
        if len(header) < 3 or header[1] != b"blob":
            raise GitError(f"无法读取 {revision}:{path}", f"cannot read {revision}:{path}")
        size = int(header[2])
        start = header_end + 1
        blobs[path] = out[start : start + size]
        position = start + size + 1
    return blobs
