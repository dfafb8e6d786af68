"""Where record files are read from: the working tree, or a git revision read straight from the object store.

Both give the same view (relative paths under the records folder, and their bytes), so `check`, `report`
and `diff` load either through one loader.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from yearbook.load.read import Refused, TooLarge, inside, read_capped
from yearbook.load.yaml_strict import MAX_BYTES


class Source(Protocol):
    @property
    def label(self) -> str:
        """How the records folder is shown in findings, e.g. "records"."""
        ...

    def files(self) -> list[str]:
        """Relative posix paths of the files under the records folder, hidden ones left out."""
        ...

    def refused(self) -> list[tuple[str, Refused]]:
        """Entries that cannot be listed or read at all (an unreadable folder, a link leading out), after `files`."""
        ...

    def read(self, relative: str, limit: int) -> bytes:
        """The file's bytes; raises `Refused`, `TooLarge` (more than `limit` bytes) or `OSError`."""
        ...


def display(path: Path | str) -> str:
    """How a path is shown in findings: relative to the working directory when under it.

    Plain string work on absolute paths (no symlink resolution): it runs once per file.
    """
    absolute = os.path.abspath(path)
    relative = os.path.relpath(absolute)
    return Path(absolute).as_posix() if relative.startswith("..") else Path(relative).as_posix()


@dataclass(slots=True)
class WorkTree:
    root: Path
    label: str = ""
    _refused: list[tuple[str, Refused]] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.label = display(self.root)

    def files(self) -> list[str]:
        """Walks the tree; a linked folder is followed only when it resolves inside the tree, once."""
        self._refused = []
        found: list[str] = []
        root = os.path.realpath(self.root)
        pending: list[tuple[str, str]] = [("", root)]
        seen = {root}
        while pending:
            relative, real = pending.pop()
            try:
                entries = sorted(os.scandir(os.path.join(self.root, relative)), key=lambda entry: entry.name)
            except OSError as error:
                self._refused.append((relative or ".", Refused("folder", reason=error.strerror or str(error))))
                continue
            folders = []
            for entry in entries:
                if entry.name.startswith("."):
                    continue
                path = f"{relative}/{entry.name}" if relative else entry.name
                if entry.is_symlink() and os.path.isdir(entry.path):
                    target = os.path.realpath(entry.path)
                    if not inside(target, root):
                        self._refused.append((path, Refused("outside", target=target)))
                    elif target in seen:  # a loop, or a second way into a folder already walked: listed, not walked
                        found.append(path)
                    else:
                        seen.add(target)
                        folders.append((path, target))
                elif entry.is_dir(follow_symlinks=False):
                    seen.add(os.path.join(real, entry.name))  # so that a link to it later is not a second walk
                    folders.append((path, os.path.join(real, entry.name)))
                else:
                    found.append(path)
            pending += reversed(folders)
        return sorted(found)

    def refused(self) -> list[tuple[str, Refused]]:
        return list(self._refused)

    def read(self, relative: str, limit: int) -> bytes:
        return read_capped(self.root / relative, self.root, limit)


@dataclass(slots=True)
class GitRevision:
    """The records folder at a revision; all blobs are read in one `git cat-file --batch`."""

    repo: Path
    revision: str
    folder: str = "records"
    label: str = "records"
    _blobs: dict[str, bytes | int] = field(default_factory=dict)  # a blob over the size cap is only its size
    _links: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        from yearbook import gitio  # git only when a revision is read: `check` on files never starts it

        entries = gitio.list_files(self.repo, self.revision, self.folder)
        # A symlink's blob is its target's name and a submodule has no blob: neither is a record to read.
        self._links = [path for mode, path in entries if mode != gitio.FILE_MODE]
        files = [path for mode, path in entries if mode == gitio.FILE_MODE]
        self._blobs = gitio.read_blobs(self.repo, self.revision, files, MAX_BYTES)
        self.label = self.folder

    def files(self) -> list[str]:
        prefix = self.folder.rstrip("/") + "/"
        paths = [*self._blobs, *self._links]
        return sorted(path[len(prefix) :] for path in paths if not any(part.startswith(".") for part in path[len(prefix) :].split("/")))

    def refused(self) -> list[tuple[str, Refused]]:
        return []  # links are listed as files and refused when read, so that they count as failing to load

    def read(self, relative: str, limit: int) -> bytes:
        path = f"{self.folder}/{relative}"
        if path in self._links:
            raise Refused("git-link")
        blob = self._blobs[path]
        if isinstance(blob, int) or len(blob) > limit:
            raise TooLarge(blob if isinstance(blob, int) else len(blob))
        return blob
