"""Where records live: `records/org.yaml` and one folder per year holding report.yaml, responsibilities.yaml
(optional) and one file per part, each named in report.yaml's `parts:`.

Anything else in `records/` (`.yml`, a name with capitals or spaces, a stray folder) is reported rather than
silently ignored: a file the tool never reads is a record that never reaches the report. Whether every part
file is listed, and every listed part has a file, is known only once report.yaml is read (`part_files`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from yearbook.findings import Check, Severity, Violation, Where, printable
from yearbook.kinds import REQUIRED_KIND_NAMES, YEAR_KIND_NAMES
from yearbook.load.checks import UNREADABLE
from yearbook.sources import Source
from yearbook.suggest import closest

_YEAR_DIR_RE = re.compile(r"(19|20|21)[0-9]{2}\Z")
PART_FILE_RE = re.compile(r"[a-z][a-z0-9-]{0,39}\.yaml\Z")

MISSING_FILE = Check(
    "YB206",
    "missing-file",
    Severity.ERROR,
    {
        "default": (
            "{year} 年度缺少 {kind}.yaml。每个年度文件夹都要有 {all}：新建年度时可复制上一年度的文件夹再修改。",
            "{year} has no {kind}.yaml. Every year folder holds {all}: start a new year by copying last year's folder.",
        ),
        "responsibilities": (
            "“{name}”要把职责印成责任分工表，但 {year} 年度没有 responsibilities.yaml。请新建它，或从 parts 中删去“{name}”。",
            "'{name}' prints the responsibilities as a table, but {year} has no responsibilities.yaml. Create it or remove '{name}' from parts.",
        ),
        "part": (
            "report.yaml 的 parts 列出了“{name}”，但 {year} 年度没有 {name}.yaml。请新建这个文件，或从 parts 中删去“{name}”。",
            "report.yaml lists the part '{name}' but {year} has no {name}.yaml. Create the file or remove '{name}' from parts.",
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
        "unlisted": (
            "“{name}”没有列在 report.yaml 的 parts 中，不会印进报告。{suggestion}请把“{stem}”加进 parts，或删去这个文件。",
            "'{name}' is not listed in report.yaml's parts and never reaches the report. {suggestion_en}Add '{stem}' to parts or delete the file.",
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
    path: str  # relative to the records folder, e.g. "2023"
    files: dict[str, str] = field(default_factory=dict)  # kind -> relative path


def shown(label: str, relative: str) -> str:
    """How a file is named in findings; a name holding control characters is shown escaped."""
    return printable(f"{label}/{relative}" if relative and relative != "." else label)


@dataclass(frozen=True, slots=True)
class Tree:
    label: str  # how the records folder is shown, e.g. "records"
    org: str | None
    years: dict[int, YearFolder]
    problems: tuple[Violation, ...]

    def shown(self, relative: str) -> str:
        return shown(self.label, relative)


def discover(source: Source) -> Tree:
    """The records tree a source holds: org.yaml and the year folders, and what does not belong."""
    problems: list[Violation] = []
    label = source.label
    files = source.files()
    for relative, refusal in source.refused():
        problems.append(Violation(UNREADABLE, Where(shown(label, relative), line=1, col=1), refusal.variant, refusal.args_))
    years: dict[int, YearFolder] = {}
    expected = [f"{kind}.yaml" for kind in YEAR_KIND_NAMES]
    required = [f"{kind}.yaml" for kind in REQUIRED_KIND_NAMES]
    strays: dict[str, None] = {}
    for relative in files:
        parts = relative.split("/")
        if len(parts) == 1:
            if parts[0] not in ("org.yaml", "README.md"):
                strays[parts[0]] = None
        elif _YEAR_DIR_RE.match(parts[0]):
            folder = years.setdefault(int(parts[0]), YearFolder(int(parts[0]), parts[0]))
            if len(parts) == 2 and (parts[1] in expected or PART_FILE_RE.match(parts[1])):
                folder.files[parts[1][:-5]] = relative
            else:
                problems.append(_unknown_in_year(shown(label, relative), "/".join(parts[1:]), [*expected, "<部分名>.yaml"]))
        else:
            strays[parts[0]] = None
    for name in strays:
        problems.append(Violation(UNKNOWN_FILE, Where(shown(label, name), line=1, col=1), "folder", {"name": name}))
    for year, folder in sorted(years.items()):
        for kind in REQUIRED_KIND_NAMES:
            if kind not in folder.files:
                problems.append(
                    Violation(MISSING_FILE, Where(shown(label, folder.path), line=1, col=1), args={"year": year, "kind": kind, "all": tuple(required)})
                )
    has_org = "org.yaml" in files
    if not has_org:
        problems.append(Violation(MISSING_FILE, Where(label, line=1, col=1), "org"))
    return Tree(label, "org.yaml" if has_org else None, dict(sorted(years.items())), tuple(problems))


def part_files(tree: Tree, year: int, listed: tuple[str, ...], parts_where: Where) -> tuple[dict[str, str], list[Violation]]:
    """The year's part files in report.yaml's order, and what does not match: a listed part without a file
    (located at its entry in `parts:`) and a file no entry lists (located at the file)."""
    folder = tree.years[year]
    present = {stem: path for stem, path in folder.files.items() if stem not in YEAR_KIND_NAMES}
    problems: list[Violation] = []
    for i, name in enumerate(listed):
        if name not in present:
            problems.append(Violation(MISSING_FILE, parts_where.at(i), "part", {"name": name, "year": year}))
    missing = [f"{name}.yaml" for name in listed if name not in present]
    for stem, path in present.items():
        if stem not in listed:
            close = closest(f"{stem}.yaml", missing)
            args = {
                "name": f"{stem}.yaml",
                "stem": stem,
                "suggestion": f"是不是应命名为“{close}”？" if close else "",
                "suggestion_en": f"Did you mean '{close}'? " if close else "",
            }
            problems.append(Violation(UNKNOWN_FILE, Where(tree.shown(path), line=1, col=1), "unlisted", args))
    return {name: present[name] for name in listed if name in present}, problems


def _unknown_in_year(shown: str, name: str, expected: list[str]) -> Violation:
    close = closest(name, expected)
    return Violation(
        UNKNOWN_FILE,
        Where(shown, line=1, col=1),
        args={
            "name": name,
            "all": tuple(expected),
            "suggestion": f"是不是应命名为“{close}”？" if close else "",
            "suggestion_en": f"Did you mean '{close}'? " if close else "",
        },
    )


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


MAX_TREE_DEPTH = 4  # units/<unit>/records, or a level or two deeper (regions/<region>/<unit>/records)


def find_roots(start: Path) -> list[Path]:
    """The records trees a path holds: the one `find_root` finds, or, for a folder of many units (units/ with
    units/<unit>/records/ trees), every tree below it, in path order."""
    root = find_root(start)
    if root is not None or not start.is_dir():
        return [root] if root is not None else []
    found: list[Path] = []

    def walk(folder: Path, depth: int) -> None:
        if (folder / "org.yaml").is_file():
            found.append(folder.resolve())
            return
        if depth >= MAX_TREE_DEPTH:
            return
        for child in sorted(p for p in folder.iterdir() if p.is_dir() and not p.name.startswith(".") and not p.is_symlink()):
            walk(child, depth + 1)

    walk(start, 0)
    return found


def changed_roots(roots: list[Path], repo: Path, changed: set[str]) -> list[Path]:
    """The trees among `roots` that hold one of the `changed` repository paths."""
    base = repo.resolve()
    prefixes = [(root, root.resolve().relative_to(base).as_posix() + "/") for root in roots]
    return [root for root, prefix in prefixes if any(path.startswith(prefix) for path in changed)]


def unit_name(root: Path, folder: Path) -> str:
    """How a unit's tree is named under the folder of units: its path there, without the trailing records/."""
    relative = root.resolve().relative_to(folder.resolve())
    parts = relative.parts[:-1] if relative.parts and relative.parts[-1] == "records" else relative.parts
    return "/".join(parts) or root.name


def years_of(root: Path, path: Path) -> set[int] | None:
    """The years a path selects under `root`: None for the whole tree."""
    resolved, root = path.resolve(), root.resolve()
    if not resolved.is_relative_to(root):  # a folder above records/: the whole tree
        return None
    relative = resolved.relative_to(root).parts
    if not relative or relative[0] == "org.yaml":
        return None
    return {int(relative[0])} if _YEAR_DIR_RE.match(relative[0]) else None


def all_files(tree: Tree) -> Iterator[tuple[int | None, str, str]]:
    """(year or None for org.yaml, kind, relative path) of every record file the tree holds."""
    if tree.org is not None:
        yield None, "org", tree.org
    for year in sorted(tree.years):
        for kind, path in tree.years[year].files.items():
            yield year, kind, path
