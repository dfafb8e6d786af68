"""Which records a DOCX was built from: a content hash of the year's files and org.yaml, carried in the DOCX's
custom properties so that `yearbook absorb` can tell whether the records moved on since, and find the revision in
git they were at (for a three-way merge).
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from pathlib import Path

from yearbook import gitio

HISTORY_LIMIT = 500  # commits looked through for the revision a DOCX was built from


def hash_of(files: Mapping[str, bytes]) -> str:
    """The first 16 hex digits of SHA-256 over the files (path relative to the records folder → bytes), by path."""
    digest = hashlib.sha256()
    for name in sorted(files):
        digest.update(name.encode() + b"\0" + files[name] + b"\0")
    return digest.hexdigest()[:16]


def _wanted(name: str, year: int) -> bool:
    return name == "org.yaml" or (name.startswith(f"{year}/") and name.endswith(".yaml") and name.count("/") == 1)


def records_hash(root: Path, year: int) -> str:
    """The hash of org.yaml and the year's files as they are on disk."""
    paths = [root / "org.yaml", *sorted((root / str(year)).glob("*.yaml"))]
    return hash_of({path.relative_to(root).as_posix(): path.read_bytes() for path in paths if path.is_file()})


def find_revision(root: Path, year: int, wanted: str) -> str | None:
    """The newest commit whose records hash to `wanted` (None when the records are not in git, or none does)."""
    try:
        repo = gitio.toplevel(root)
        folder = root.resolve().relative_to(repo.resolve()).as_posix()
        commits = gitio.commits_touching(repo, [f"{folder}/{year}", f"{folder}/org.yaml"], HISTORY_LIMIT)
        for commit in commits:
            entries = [path for mode, path in gitio.list_files(repo, commit, folder) if mode == gitio.FILE_MODE]
            names = [path for path in entries if _wanted(path[len(folder) + 1 :], year)]
            blobs = gitio.read_blobs(repo, commit, names, 1 << 22)
            files = {path[len(folder) + 1 :]: data for path, data in blobs.items() if isinstance(data, bytes)}
            if hash_of(files) == wanted:
                return commit
    except (gitio.GitError, ValueError):
        return None
    return None
