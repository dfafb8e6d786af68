"""Validation while typing (VS Code's YAML language server settings, schema modelines, hover texts) and
readable `git diff --word-diff` for Chinese."""

from __future__ import annotations

import fnmatch
import json
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import RECORDS, REPO, edit

SCHEMA = REPO / "schema"


def _schema_name(path: Path) -> str:
    """The schema a record file must name: its kind for the fixed files, its `type` for a part."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return str(data["type"]) if "type" in data else path.stem


def test_vscode_maps_every_record_file_to_its_schema() -> None:
    settings = json.loads((REPO / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    mapping = settings["yaml.schemas"]
    for schema in mapping:
        assert (REPO / schema).is_file(), schema
    for path in RECORDS.rglob("*.yaml"):
        record = path.relative_to(REPO).as_posix()
        matches = [schema for schema, pattern in mapping.items() if fnmatch.fnmatch(record, pattern)]
        assert matches == [f"./schema/{_schema_name(path)}.schema.json"], record
    assert json.loads((REPO / ".vscode" / "extensions.json").read_text(encoding="utf-8"))["recommendations"] == ["redhat.vscode-yaml"]


def test_every_record_file_names_its_schema_for_any_editor() -> None:
    for path in RECORDS.rglob("*.yaml"):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        target = (path.parent / first.removeprefix("# yaml-language-server: $schema=")).resolve()
        assert first.startswith("# yaml-language-server: $schema=") and target == (SCHEMA / f"{_schema_name(path)}.schema.json").resolve(), path


def _properties(node: Any, definitions: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    if isinstance(node, dict):
        yield from (node.get("properties") or {}).items()
        for value in node.values():
            yield from _properties(value, definitions)
    elif isinstance(node, list):
        for item in node:
            yield from _properties(item, definitions)


@pytest.mark.parametrize("path", sorted(SCHEMA.glob("*.schema.json")), ids=lambda p: p.name)
def test_every_key_has_chinese_hover_text_or_a_described_definition(path: Path) -> None:
    schema = json.loads(path.read_text(encoding="utf-8"))
    common = json.loads((SCHEMA / "common.schema.json").read_text(encoding="utf-8"))["definitions"]
    for name, sub in _properties(schema, common):
        if name in ("format", "year", "id", "figures", "paragraphs", "points", "date", "events") or ("$ref" in sub and "title" not in sub):
            ref = sub.get("$ref", "")
            target = common.get(ref.rsplit("/", 1)[-1], {}) if ref else {}
            text = target.get("title", "") + target.get("description", "") + sub.get("title", "")
        else:
            text = sub.get("title", "") + sub.get("description", "")
        assert any("\u4e00" <= ch <= "\u9fff" for ch in text), f"{path.name}: '{name}' has no Chinese title or description"


def test_enums_complete_in_editors() -> None:
    figure = json.loads((SCHEMA / "common.schema.json").read_text(encoding="utf-8"))["definitions"]["figure"]
    assert figure["properties"]["kind"]["enum"] == ["count", "number", "percent", "rate", "text"]


def test_git_word_diff_splits_chinese_by_character_and_keeps_numbers_whole(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    shutil.copytree(RECORDS, repo / "records")
    shutil.copy(REPO / ".gitattributes", repo / ".gitattributes")

    def git(*args: str) -> str:
        env_args = ["-c", "user.email=w@example.com", "-c", "user.name=w"]
        return subprocess.run(
            ["git", "-C", str(repo), *env_args, *args],
            check=True,
            capture_output=True,
            text=True,
            env={"LC_ALL": "C", "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)},
        ).stdout

    git("init", "-q")
    subprocess.run(["sh", str(REPO / "tools" / "git-setup.sh")], cwd=repo, check=True)
    git("add", "-A")
    git("commit", "-q", "-m", "base")
    # 组 → 织 share two of their three UTF-8 bytes: a byte-wise regex would split them.
    edit(repo / "records/2023/activities.yaml", "加强组织领导", "加强织织领导")
    edit(repo / "records/2023/activities.yaml", "研究部署了2023年", "研究部署了2024年")
    out = git("diff", "--word-diff=plain")
    assert "加强[-组-]{+织+}织领导" in out
    assert "研究部署了[-2023-]{+2024+}年" in out
    default = git("diff", "--word-diff=plain", "--word-diff-regex=[^[:space:]]+")  # git's own notion of a word
    assert "[-组-]" not in default and "加强组织领导" in default  # without the driver: the whole line is one word
