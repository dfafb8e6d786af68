"""Reading a record file from disk: only regular files inside the records tree, with a size cap while reading.

A record that is a symlink to `/etc/passwd`, a FIFO that would block forever, `/dev/zero` that never ends:
each is refused before a byte is read, with a reason the engine turns into a located finding. What was
checked is what is read: the descriptor is opened without following links and must be the very file that
was checked, so swapping a file between the check and the read gains nothing.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

_CHUNK = 1 << 16
_KINDS = (
    (stat.S_ISDIR, "文件夹", "a folder"),
    (stat.S_ISFIFO, "命名管道（FIFO）", "a FIFO"),
    (stat.S_ISSOCK, "套接字", "a socket"),
    (stat.S_ISCHR, "字符设备", "a character device"),
    (stat.S_ISBLK, "块设备", "a block device"),
)


class Refused(Exception):
    """The path is not a file a record may be read from; `variant` and `args` fill the YB001 message."""

    def __init__(self, variant: str, **args: object) -> None:
        super().__init__(variant)
        self.variant = variant
        self.args_ = args


class TooLarge(Exception):
    def __init__(self, size: int) -> None:
        super().__init__(size)
        self.size = size


def inside(path: str, root: str) -> bool:
    """Whether a resolved path lies in (or is) a resolved root."""
    return path == root or path.startswith(root.rstrip(os.sep) + os.sep)


def kind_of(mode: int) -> tuple[str, str]:
    """What a non-regular file is, in Chinese and English."""
    for test, zh, en in _KINDS:
        if test(mode):
            return zh, en
    return "特殊文件", "a special file"


def read_capped(path: Path, root: Path, limit: int) -> bytes:
    """The bytes of `path` (a path under `root`, as the tree's walk found it), which must be a regular file
    inside `root` of at most `limit` bytes; a link is followed only when it resolves inside `root`.

    Raises `Refused`, `TooLarge` or `OSError`; never blocks on a FIFO, never opens a device, never reads more
    than `limit` + 1 bytes.
    """
    before = os.lstat(path)
    real: str | Path = path
    if stat.S_ISLNK(before.st_mode):  # the rare case pays for resolving the whole path
        real = os.path.realpath(path)
        if not inside(real, os.path.realpath(root)):
            raise Refused("outside", target=real)
        before = os.stat(real)
    if not stat.S_ISREG(before.st_mode):
        zh, en = kind_of(before.st_mode)
        raise Refused("special", kind=zh, kind_en=en)
    if before.st_size > limit:
        raise TooLarge(before.st_size)
    # O_NOFOLLOW: `real` ends in no link, so a link appearing now is a swap; O_NONBLOCK: a FIFO swapped in
    # after the stat still opens at once (and is then refused by the identity check below).
    flags = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)
    fd = os.open(real, flags)
    try:
        opened = os.fstat(fd)
        if not stat.S_ISREG(opened.st_mode) or (opened.st_dev, opened.st_ino) != (before.st_dev, before.st_ino):
            raise Refused("changed")
        chunks: list[bytes] = []
        total = 0
        while total <= limit:  # a file that grows while it is read still stops at the cap
            chunk = os.read(fd, min(_CHUNK, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
        if total > limit:
            raise TooLarge(total)
        return b"".join(chunks)
    finally:
        os.close(fd)
