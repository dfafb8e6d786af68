"""Record format 1 → 2, as text edits that keep every comment, blank line and quote the writer left.

Format 2 makes a year an ordered list of parts: report.yaml gains `parts: [activities, problems, plans]`,
each part file says its `type:`, and format 1's `indicators:` block (inside activities.yaml) becomes a part
of its own, `indicators.yaml` (type figures, `paragraphs` renamed `intro`), listed first. Every edit is
checked by parsing the result: the data must be exactly the old data with the new keys, or nothing is
written. Pure: text in, text out.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import yaml

from yearbook.errors import UserError

FORMAT_1_PARTS = (("activities", "narrative"), ("problems", "problems"), ("plans", "plans"))
_FORMAT_LINE = re.compile(r"^format:[ \t]*1[ \t]*(#.*)?$", re.MULTILINE)
_YEAR_LINE = re.compile(r"^year:.*$", re.MULTILINE)
_TOP_KEY = re.compile(r"^[^\s#]")


class MigrateError(UserError):
    pass


@dataclass(frozen=True, slots=True)
class Migrated:
    files: dict[str, str]  # file name → new text (changed and new files only)
    notes: tuple[tuple[str, str], ...]  # (zh, en) of what was done beyond the format bump


def _data(text: str, name: str) -> Any:
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as error:
        raise MigrateError(f"{name} 无法解析，未迁移：{error}", f"{name} does not parse; nothing migrated: {error}") from error


def _bump(text: str, name: str) -> str:
    new, count = _FORMAT_LINE.subn(lambda m: "format: 2" + (f" {m.group(1)}" if m.group(1) else ""), text, count=1)
    if count != 1:
        raise MigrateError(f"{name} 中找不到顶格的“format: 1”一行，未迁移。", f"{name} has no top-level 'format: 1' line; nothing migrated.")
    return new


def _after_year(text: str, line: str, name: str) -> str:
    match = _YEAR_LINE.search(text)
    if match is None:
        raise MigrateError(f"{name} 中找不到顶格的“year:”一行，未迁移。", f"{name} has no top-level 'year:' line; nothing migrated.")
    return text[: match.end()] + "\n" + line + text[match.end() :]


def _split_block(text: str, key: str) -> tuple[str, list[str]]:
    """The text without the top-level block `key:` (and the comment lines directly above it), and the block's
    inner lines dedented."""
    lines = text.splitlines(keepends=True)
    start = next(i for i, line in enumerate(lines) if line.startswith(f"{key}:"))
    if lines[start].rstrip() != f"{key}:":
        raise MigrateError(
            f"“{key}:”写在同一行里（流式写法），无法自动迁移。", f"'{key}:' is written inline (flow style); it cannot be migrated automatically."
        )
    end = start + 1
    while end < len(lines) and not _TOP_KEY.match(lines[end]):
        end += 1
    while end > start + 1 and lines[end - 1].strip() == "":
        end -= 1  # trailing blank lines stay where they were
    body = lines[start + 1 : end]
    indent = min((len(line) - len(line.lstrip(" ")) for line in body if line.strip()), default=0)
    return "".join(lines[:start] + lines[end:]), [line[indent:] if line.strip() else line for line in body]


def _schema_line(text: str, old: str, new: str) -> str:
    return text.replace(f"schema/{old}.schema.json", f"schema/{new}.schema.json", 1)


def migrate_year(files: Mapping[str, str]) -> Migrated:
    """The year folder's format-1 files (name → text) as format 2. Raises MigrateError when a file cannot be
    migrated safely; nothing is half-done, since the caller writes all or nothing."""
    out: dict[str, str] = {}
    expected: dict[str, Any] = {}
    notes: list[tuple[str, str]] = []
    parts: list[str] = []
    for name, text in files.items():
        data = _data(text, name)
        if not isinstance(data, dict) or data.get("format") != 1:
            continue
        new = _bump(text, name)
        stem = name.removesuffix(".yaml")
        expected[name] = {**data, "format": 2}
        part_type = dict(FORMAT_1_PARTS).get(stem)
        if part_type is not None:
            if "indicators" in data:
                new, block = _split_block(new, "indicators")
                del expected[name]["indicators"]
                inner = "".join("intro:" + line[len("paragraphs:") :] if line.startswith("paragraphs:") else line for line in block)
                header = f"# yaml-language-server: $schema=../../schema/figures.schema.json\n# 主要指标：从 activities.yaml 的 indicators 迁出。\nformat: 2\nyear: {data['year']}\ntype: figures\n"
                out["indicators.yaml"] = header + inner
                moved = dict(data["indicators"])
                if "paragraphs" in moved:
                    moved["intro"] = moved.pop("paragraphs")
                expected["indicators.yaml"] = {"format": 2, "year": data["year"], "type": "figures", **moved}
                parts.append("indicators")
                notes.append(
                    (
                        "activities.yaml 的 indicators（主要指标）迁为单独的部分 indicators.yaml。",
                        "activities.yaml's indicators moved to a part of their own, indicators.yaml.",
                    )
                )
            new = _after_year(new, f"type: {part_type}", name)
            if part_type == "narrative":
                new = _schema_line(new, "activities", "narrative")
            expected[name]["type"] = part_type
            parts.append(stem)
        out[name] = new
    if "report.yaml" in out:
        listed = [stem for stem, _type in FORMAT_1_PARTS if f"{stem}.yaml" in files]
        order = (["indicators"] if "indicators" in parts else []) + listed
        out["report.yaml"] = _after_year(out["report.yaml"], f"parts: [{', '.join(order)}]  # 正文各部分的文件，按印刷顺序", "report.yaml")
        expected["report.yaml"]["parts"] = order
    for name, text in out.items():
        if _data(text, name) != expected[name]:
            raise MigrateError(
                f"{name} 的自动迁移结果与原内容不一致，未写入任何文件。请按 README 的“记录格式”一节手工修改。",
                f"migrating {name} would change its content; nothing was written. Edit it by hand following the README's record format section.",
            )
    return Migrated(out, tuple(notes))
