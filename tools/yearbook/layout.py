"""Where records live: `records/org.yaml` and one folder per year holding one file per kind.

Anything else in `records/` (a misspelt file name, `.yml`, a stray folder) is reported rather than
silently ignored: a file the tool never reads is a record that never reaches the report.
"""

from __future__ import annotations

import difflib
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from yearbook.findings import Check, Severity, Violation, Where
from yearbook.model import YEAR_KINDS

_YEAR_DIR_RE = re.compile(r"(19|20|21)[0-9]{2}\Z")

MISSING_FILE = Check(
    "YB206",
    "missing-file",
    Severity.ERROR,
    {
        "default": (
            "{year} 年度缺少 {kind}.yaml。每个年度文件夹都要有 {all}：新建年度时可复制上一年度的文件夹再修改。",
            "{year} has no {kind}.yaml. Every year folder holds {all}: start a new year by copying last year's folder.",
        ),
        "org": (
            "缺少 records/org.yaml（组织名称）。请按 schema/org.schema.json 新建。",
            "records/org.yaml (the organisation) is missing. Create it following schema/org.schema.json.",
        ),
    },
)

UNKNOWN_FILE = Check(
    "YB207",
    "unknown-file",
    Severity.ERROR,
    {
        "default": (
            "不认识的文件“{name}”，工具不会读取它。{suggestion}年度文件夹中只能有：{all}。",
            "unknown file '{name}'; it is never read. {suggestion_en}A year folder holds only: {all}.",
        ),
        "folder": (
            "不认识的“{name}”：records/ 下只能有 org.yaml 和以四位年份命名的文件夹（如 2023）。",
            "unknown '{name}': records/ holds only org.yaml and folders named by year (e.g. 2023).",
        ),
    },
)


@dataclass(frozen=True, slots=True)
class YearFolder:
    year: int
    path: Path
    files: dict[str, Path] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Tree:
    root: Path
    org: Path | None
    years: dict[int, YearFolder]
    problems: tuple[Violation, ...]


def display(path: Path) -> str:
    """How a path is shown in findings: relative to the working directory when under it.

    Plain string work on absolute paths (no symlink resolution): it runs once per file.
    """
    absolute = os.path.abspath(path)
    relative = os.path.relpath(absolute)
    return Path(absolute).as_posix() if relative.startswith("..") else Path(relative).as_posix()


def discover(root: Path) -> Tree:
    """The records tree under `root` (the folder holding org.yaml and the year folders)."""
    problems: list[Violation] = []
    org = root / "org.yaml"
    years: dict[int, YearFolder] = {}
    for entry in sorted(root.iterdir()):
        if entry.name.startswith(".") or entry == org:
            continue
        if entry.is_dir() and _YEAR_DIR_RE.match(entry.name):
            years[int(entry.name)] = _year_folder(entry, problems)
        elif entry.name != "README.md":
            problems.append(Violation(UNKNOWN_FILE, Where(display(entry), line=1, col=1), "folder", {"name": entry.name}))
    if not org.is_file():
        problems.append(Violation(MISSING_FILE, Where(display(root), line=1, col=1), "org"))
    return Tree(root, org if org.is_file() else None, years, tuple(problems))


def _year_folder(path: Path, problems: list[Violation]) -> YearFolder:
    folder = YearFolder(int(path.name), path)
    expected = [f"{kind}.yaml" for kind in YEAR_KINDS]
    for entry in sorted(path.iterdir()):
        if entry.name.startswith("."):
            continue
        if entry.is_file() and entry.name in expected:
            folder.files[entry.stem] = entry
        else:
            close = difflib.get_close_matches(entry.name, expected, n=1, cutoff=0.6)
            problems.append(
                Violation(
                    UNKNOWN_FILE,
                    Where(display(entry), line=1, col=1),
                    args={
                        "name": entry.name,
                        "all": tuple(expected),
                        "suggestion": f"是不是应命名为“{close[0]}”？" if close else "",
                        "suggestion_en": f"Did you mean '{close[0]}'? " if close else "",
                    },
                )
            )
    for kind in YEAR_KINDS:
        if kind not in folder.files:
            problems.append(Violation(MISSING_FILE, Where(display(path), line=1, col=1), args={"year": folder.year, "kind": kind, "all": tuple(expected)}))
    return folder


def find_root(start: Path) -> Path | None:
    """The records root for a path given on the command line: the path itself, or the `records`
    folder it lies in, or a `records` folder below it."""
    start = start.resolve()
    if start.is_dir() and not (start / "org.yaml").is_file() and start.name != "records" and (start / "records").is_dir():
        return start / "records"
    for candidate in (start, *start.parents):
        if (candidate / "org.yaml").is_file() or candidate.name == "records":
            return candidate
        if _YEAR_DIR_RE.match(candidate.name) and (candidate.parent / "org.yaml").is_file():
            return candidate.parent
    return None


def years_of(root: Path, path: Path) -> set[int] | None:
    """The years a path selects under `root`: None for the whole tree."""
    resolved, root = path.resolve(), root.resolve()
    if not resolved.is_relative_to(root):  # a folder above records/: the whole tree
        return None
    relative = resolved.relative_to(root).parts
    if not relative or relative[0] == "org.yaml":
        return None
    return {int(relative[0])} if _YEAR_DIR_RE.match(relative[0]) else None


def all_files(tree: Tree) -> Iterator[tuple[int | None, str, Path]]:
    """(year or None for org.yaml, kind, path) of every record file the tree holds."""
    if tree.org is not None:
        yield None, "org", tree.org
    for year in sorted(tree.years):
        for kind, path in tree.years[year].files.items():
            yield year, kind, path
