"""Writing what the user asked for: a set of files, all or none, and never through a link or a device.

Every file of the set is first written to a temporary beside its target; only when all of them are
written are they renamed into place. A full disk, a failing format or a signal part-way leaves every
previous file as it was and no temporary behind. A target that exists but is not a regular file (a
symlink, `/dev/full`, a FIFO, a folder) is refused before anything is written: replacing it with a
regular file would break what the user set up there. `-` means standard output, for one file.
"""

from __future__ import annotations

import os
import stat
import sys
import tempfile
from collections.abc import Mapping
from pathlib import Path

from yearbook.errors import UserError
from yearbook.interrupts import deferred
from yearbook.load.read import kind_of

STDOUT = Path("-")


class WriteError(UserError):
    """A deliverable cannot be written; nothing was changed."""


def _refuse_odd_target(path: Path) -> None:
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return
    except OSError as error:
        raise WriteError(
            f"无法写入 {path}：{error.strerror}。请检查输出目录（--out）是否是一个可写的文件夹。",
            f"cannot write {path}: {error.strerror}. Check that the output folder (--out) is a writable folder.",
        ) from error
    if stat.S_ISLNK(info.st_mode):
        raise WriteError(
            f"{path} 是一个符号链接，为免改写链接所指的文件，不写入。请换一个输出位置（写到标准输出用 -）。",
            f"{path} is a symbolic link; it is not written through. Choose another output path (- for standard output).",
        )
    if not stat.S_ISREG(info.st_mode):
        zh, en = kind_of(info.st_mode)
        raise WriteError(
            f"{path} 不是普通文件，而是{zh}，不写入。请换一个输出位置（写到标准输出用 -）。",
            f"{path} is not a regular file but {en}; it is not written. Choose another output path (- for standard output).",
        )


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_set(files: Mapping[Path, bytes]) -> list[Path]:
    """Write every file or none; returns the paths written (each checked to be there)."""
    if STDOUT in files:
        if len(files) > 1:
            raise WriteError("只有一个文件时才能写到标准输出（-）。", "only a single file can go to standard output (-).")
        sys.stdout.flush()
        sys.stdout.buffer.write(files[STDOUT])
        sys.stdout.buffer.flush()
        return []
    for path in files:
        _refuse_odd_target(path)
    staged: list[tuple[str, Path]] = []
    try:
        for path, data in files.items():
            path.parent.mkdir(parents=True, exist_ok=True)
            with deferred():  # created and recorded at once: an interrupt between would leave it behind
                handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
                staged.append((temporary, path))
            with os.fdopen(handle, "wb") as out:
                out.write(data)
                out.flush()
                os.fsync(out.fileno())  # the bytes are on disk before the old file is given up
            os.chmod(temporary, 0o666 & ~_umask())  # mkstemp makes 0600; a deliverable is an ordinary file
        for path in files:  # nothing may have appeared at a target while the set was being written
            _refuse_odd_target(path)
        for temporary, path in staged:
            os.replace(temporary, path)
    except OSError as error:
        raise WriteError(
            f"无法写入 {error.filename or '输出目录'}：{error.strerror or error}。原有文件均未改动；请检查磁盘空间和 --out 目录的权限。",
            f"cannot write {error.filename or 'the output folder'}: {error.strerror or error}. No previous file was changed; check disk space and permissions.",
        ) from error
    finally:  # also on KeyboardInterrupt and SIGTERM (raised as an exception by the entry point)
        for temporary, _ in staged:
            if os.path.lexists(temporary):
                os.unlink(temporary)
    missing = [path for path in files if not path.is_file()]
    if missing:
        raise WriteError(f"写入后找不到 {missing[0]}", f"{missing[0]} is not there after writing")
    return list(files)


def write_one(path: Path, data: bytes) -> None:
    write_set({path: data})
