"""Where record files are read from: the working tree, or a git revision read straight from the object store.

Both give the same view (relative paths under the records folder, and their bytes), so `check`, `report`
and `diff` load either through one loader.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from yearbook import gitio


class Source(Protocol):
    @property
    def label(self) -> str:
        """How the records folder is shown in findings, e.g. "records"."""
        ...

    def files(self) -> list[str]:
        """Relative posix paths of the files under the records folder, hidden ones left out."""
        ...

    def size(self, relative: str) -> int: ...

    def read(self, relative: str) -> bytes: ...


def display(path: Path | str) -> str:
    """How a path is shown in findings: relative to the working directory when under it.

    Plain string work on absolute paths (no symlink resolution): it runs once per file.
    """
    absolute = os.path.abspath(path)
    relative = os.path.relpath(absolute)
    return Path(absolute).as_posix() if relative.startswith("..") else Path(relative).as_posix()


@dataclass(frozen=True, slots=True)
class WorkTree:
    root: Path
    label: str = ""

    def __post_init__(self) -> None:
        object.__setattr__(self, "label", display(self.root))

    def files(self) -> list[str]:
        found = []
        for folder, dirs, names in os.walk(self.root):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            base = Path(folder).relative_to(self.root)
            found += [(base / name).as_posix() for name in sorted(names) if not name.startswith(".")]
        return found

    def size(self, relative: str) -> int:
        return (self.root / relative).stat().st_size

    def read(self, relative: str) -> bytes:
        return (self.root / relative).read_bytes()


@dataclass(slots=True)
class GitRevision:
    """The records folder at a revision; all blobs are read in one `git cat-file --batch`."""

    repo: Path
    revision: str
    folder: str = "records"
    label: str = "records"
    _blobs: dict[str, bytes] = field(default_factory=dict)

    def __post_init__(self) -> None:
        paths = gitio.list_files(self.repo, self.revision, self.folder)
        self._blobs = gitio.read_blobs(self.repo, self.revision, paths)
        self.label = self.folder

    def files(self) -> list[str]:
        prefix = self.folder.rstrip("/") + "/"
        return sorted(path[len(prefix) :] for path in self._blobs if not any(part.startswith(".") for part in path[len(prefix) :].split("/")))

    def size(self, relative: str) -> int:
        return len(self._blobs[f"{self.folder}/{relative}"])

    def read(self, relative: str) -> bytes:
        return self._blobs[f"{self.folder}/{relative}"]
