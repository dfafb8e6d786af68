"""The schemas themselves: draft-07, strict, described in Chinese; and the fast validator agrees with jsonschema."""

from __future__ import annotations

import copy
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from conftest import RECORDS, REPO

from yearbook import schemas
from yearbook.kinds import FILE_KINDS, YEAR_KIND_NAMES
from yearbook.load.files import load_file
from yearbook.load.yaml_strict import Document

SCHEMA_DIR = REPO / "schema"


@pytest.mark.parametrize("path", sorted(SCHEMA_DIR.glob("*.schema.json")), ids=lambda p: p.name)
def test_schema_is_draft_07_and_strict(path: Path) -> None:
    schema = json.loads(path.read_text(encoding="utf-8"))
    assert schema["$schema"] == "http://json-schema.org/draft-07/schema#"
    jsonschema.Draft7Validator.check_schema(schema)

    def objects(node: Any) -> Iterator[dict[str, Any]]:
        if isinstance(node, dict):
            if node.get("type") == "object" and "properties" in node:
                yield node
            for value in node.values():
                yield from objects(value)
        elif isinstance(node, list):
            for item in node:
                yield from objects(item)

    for obj in objects(schema):
        assert obj.get("additionalProperties") is False, f"{path.name}: an object accepts unknown keys"
    assert any("\u4e00" <= ch <= "\u9fff" for ch in schema["title"] + schema.get("description", ""))


def test_every_kind_has_a_schema_and_records_name_it() -> None:
    for kind in YEAR_KIND_NAMES:
        first = (RECORDS / "2023" / f"{kind}.yaml").read_text(encoding="utf-8").splitlines()[0]
        assert first == f"# yaml-language-server: $schema=../../schema/{kind}.schema.json"
        assert (SCHEMA_DIR / f"{kind}.schema.json").is_file()


def _mutations(data: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[tuple[Any, ...], str, Any]]:
    for replacement in (None, 1, -1, 2.5, True, "x", "", [], {}, ["x"], {"zz": 1}):
        yield path, "set", replacement
    if isinstance(data, dict):
        yield path, "add", None
        for key, value in data.items():
            yield (*path, key), "delete", None
            yield from _mutations(value, (*path, key))
    elif isinstance(data, list):
        for i, value in enumerate(data[:2]):
            yield from _mutations(value, (*path, i))


def _apply(data: Any, path: tuple[Any, ...], action: str, value: Any) -> Any:
    result = copy.deepcopy(data)
    if not path:
        return value if action == "set" else {**result, "unexpected": 1} if action == "add" else result
    parent = result
    for part in path[:-1]:
        parent = parent[part]
    if action == "delete":
        del parent[path[-1]]
    elif action == "add":
        parent[path[-1]] = {**parent[path[-1]], "unexpected": 1}
    else:
        parent[path[-1]] = value
    return result


@pytest.mark.parametrize("kind", [kind.name for kind in FILE_KINDS])
def test_fast_validator_agrees_with_jsonschema(kind: str) -> None:
    path = RECORDS / "org.yaml" if kind == "org" else RECORDS / "2023" / f"{kind}.yaml"
    document = load_file(path, str(path))
    assert isinstance(document, Document)
    checked = 0
    for mutation in _mutations(document.data):
        data = _apply(document.data, *mutation)
        fast = schemas.is_valid(kind, data)
        thorough = not any(True for _ in schemas._thorough(kind).iter_errors(data))
        assert fast == thorough, (kind, mutation)
        assert (schemas.validate(kind, data, "x.yaml") == []) == thorough
        checked += 1
    assert checked >= 40


GENRE_SHAPES = """\
format: 1
year: 2023
indicators:
  heading: 主要指标完成情况
  figures:
    revenue: {label: 营业收入, kind: number, unit: 亿元, value: 12.5}
  paragraphs:
    - 全年实现营业收入{revenue}亿元。
heading: 2023年工作情况
intro:
  - 一年来，各项工作稳步推进。
areas:
  - id: safety
    heading: 抓好安全生产
    points:
      - {id: safety-duty, lead: 压实安全责任, text: 层层签订责任书。}
      - {id: safety-check, lead: 开展隐患排查}
  - id: reform
    heading: 深化改革
    sections:
      - id: reform-structure
        heading: 优化组织架构
        sections:
          - id: reform-units
            heading: 整合二级单位
            paragraphs: [撤并二级单位3个。]
            events:
              - {id: reform-meeting, date: 2023-06-18, text: 召开改革推进会。}
"""


def test_the_genres_other_shapes_fit_the_format(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Headline figures first, a part named differently, points instead of paragraphs, four heading levels: written
    in format 1 (indicators inside activities.yaml) and moved to format 2 by `yearbook migrate`."""
    import shutil

    from yearbook.cli import main
    from yearbook.engine import Options, check_tree

    records = tmp_path / "records"
    shutil.copytree(RECORDS, records)
    (records / "2023" / "activities.yaml").write_text(GENRE_SHAPES, encoding="utf-8")
    report = records / "2023" / "report.yaml"
    text = report.read_text(encoding="utf-8")
    report.write_text(
        text.replace("format: 2", "format: 1").replace("parts: [activities, problems, plans]  # 正文各部分的文件，按印刷顺序\n", ""), encoding="utf-8"
    )
    monkeypatch.chdir(tmp_path)
    assert any("yearbook migrate" in f.message for f in check_tree(records, None, Options()).findings)
    assert main(["migrate", "records"]) == 0
    result = check_tree(records, None, Options())
    assert [f for f in result.findings if f.code not in ("YB302", "YB405")] == []  # the seed's blanks, its one paragraph without 。
    assert "parts: [indicators, activities, problems, plans]" in report.read_text(encoding="utf-8")
    indicators = (records / "2023" / "indicators.yaml").read_text(encoding="utf-8")
    assert "type: figures\nheading: 主要指标完成情况\n" in indicators and "intro:\n  - 全年实现营业收入{revenue}亿元。" in indicators
    assert "indicators" not in (records / "2023" / "activities.yaml").read_text(encoding="utf-8")


def test_every_schema_file_is_a_registered_kind_and_every_kind_has_one() -> None:
    from yearbook.kinds import SCHEMA_NAMES

    files = {path.name.removesuffix(".schema.json") for path in (REPO / "schema").glob("*.schema.json")}
    assert files == {*SCHEMA_NAMES, "common"}
    for name in SCHEMA_NAMES:
        assert schemas.bundled(name)["$schema"].startswith("http://json-schema.org/draft-07")


_PROBE = """
import json, sys
from yearbook import schemas
verdicts = [schemas.is_valid("org", {"format": 2, "name": "某局", "short_name": "某局"}), schemas.is_valid("org", {"format": 2, "title": 1})]
print(json.dumps({"verdicts": verdicts, "generated": "fastjsonschema" in sys.modules}))
"""


def _probe(cache: Path) -> dict[str, Any]:
    import os
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-c", _PROBE], env={**os.environ, "XDG_CACHE_HOME": str(cache)}, capture_output=True, text=True, check=True)
    result: dict[str, Any] = json.loads(done.stdout)
    return result


def test_validator_cache_is_used_and_survives_damage(tmp_path: Path) -> None:
    """A warm cache validates without importing fastjsonschema (13 ms of every pre-commit run); an entry that is
    damaged or made from other schemas is never used: the validator is generated again and the entry rewritten."""
    expected = schemas.is_valid("org", {"format": 2, "name": "某局", "short_name": "某局"}), schemas.is_valid("org", {"format": 2, "title": 1})
    assert expected == (True, False)
    cold = _probe(tmp_path)
    assert cold == {"verdicts": list(expected), "generated": True}
    [entry] = (tmp_path / "yearbook").glob("validator-org-*.marshal")
    assert _probe(tmp_path) == {"verdicts": list(expected), "generated": False}
    good = entry.read_bytes()
    damaged = [
        good[:-40] + bytes([good[-40] ^ 1]) + good[-39:],  # a flipped bit in the bytecode
        good[: len(good) // 2],  # truncated
        good.replace(b'"title"', b'"titel"', 1),  # made from a different schema
        b"not a cache entry",
    ]
    for content in damaged:
        entry.write_bytes(content)
        assert _probe(tmp_path) == {"verdicts": list(expected), "generated": True}
        assert entry.read_bytes() == good  # rewritten whole
