"""The one place that runs git: resolve revisions, list and read files at a revision, find the merge-base.

Nothing is checked out; every failure is a `GitError` whose message says what to do.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

from yearbook.errors import UserError


class GitError(UserError):
    """git is missing or refused; the message says what to do."""


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
    if not revision or revision.startswith("-") or any(ord(ch) < 0x20 for ch in revision):  # never an option to git
        raise GitError(f"“{revision[:40]}”不是修订版本的名字", f"'{revision[:40]}' is not a revision name")
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


def changed_paths(repo: Path, base: str, head: str | None, pathspec: str) -> set[str]:
    """Repository paths under `pathspec` that differ between `base` and `head` (None: the working tree, untracked
    files included)."""
    if head is None:
        changed = _git(repo, "diff", "--name-only", "-z", base, "--", pathspec).decode(errors="surrogateescape").split("\0")
        changed += _git(repo, "ls-files", "--others", "--exclude-standard", "-z", "--", pathspec).decode(errors="surrogateescape").split("\0")
    else:
        changed = _git(repo, "diff", "--name-only", "-z", base, head, "--", pathspec).decode(errors="surrogateescape").split("\0")
    return {path for path in changed if path}


def commits_touching(repo: Path, paths: list[str], limit: int) -> list[str]:
    """The newest `limit` commits that changed any of `paths`, newest first."""
    out = _git(repo, "log", f"--max-count={limit}", "--format=%H", "--", *paths)
    return out.decode().split()


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


def read_blobs(repo: Path, revision: str, paths: list[str], limit: int) -> dict[str, bytes | int]:
    """The contents of many files at a revision, from two git processes: sizes first (`--batch-check`),
    then one `cat-file --batch` for the blobs of at most `limit` bytes. A larger blob is given as its size
    and never read: a 2 GB file committed by mistake must not be loaded into memory to be refused."""
    if not paths:
        return {}
    names = "".join(f"{revision}:{path}\n" for path in paths).encode()
    sizes: dict[str, int] = {}
    for path, line in zip(paths, _git(repo, "cat-file", "--batch-check", stdin=names).decode().splitlines(), strict=True):
        header = line.split()
        if len(header) < 3 or header[1] != "blob":
            raise GitError(f"无法读取 {revision}:{path}", f"cannot read {revision}:{path}")
        sizes[path] = int(header[2])
    small = [path for path in paths if sizes[path] <= limit]
    blobs: dict[str, bytes | int] = {path: size for path, size in sizes.items() if size > limit}
    if not small:
        return blobs
    out = _git(repo, "cat-file", "--batch", stdin="".join(f"{revision}:{path}\n" for path in small).encode())
    position = 0
    for path in small:
        header_end = out.index(b"\n", position)
        size = int(out[position:header_end].split()[2])
        start = header_end + 1
        blobs[path] = out[start : start + size]
        position = start + size + 1
    return blobs
