"""The record files a records tree holds, in one registry: each kind's name (its file is `<name>.yaml` and its
schema `schema/<name>.schema.json`), whether there is one per year, and how its model is built.

Everything that lists kinds (discovery, validation, the model, the benches and tests) reads this tuple, in
document order. The record-format issue grows it into a registry of part types that also say how they
compile and how they are diffed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from yearbook import model
from yearbook.findings import Where


@dataclass(frozen=True, slots=True)
class FileKind:
    name: str
    per_year: bool  # one file in each year folder; otherwise one file for the whole tree
    build: Callable[[dict[str, Any], Where], Any]

    @property
    def file(self) -> str:
        return f"{self.name}.yaml"


FILE_KINDS: tuple[FileKind, ...] = (
    FileKind("org", False, model.build_org),
    FileKind("report", True, model.build_report),
    FileKind("responsibilities", True, model.build_responsibilities),
    FileKind("activities", True, model.build_activities),
    FileKind("problems", True, model.build_problems),
    FileKind("plans", True, model.build_plans),
)
YEAR_KINDS: tuple[FileKind, ...] = tuple(kind for kind in FILE_KINDS if kind.per_year)
YEAR_KIND_NAMES: tuple[str, ...] = tuple(kind.name for kind in YEAR_KINDS)
# Every schema in schema/: the record kinds and the tool's own configuration.
SCHEMA_NAMES: tuple[str, ...] = (*(kind.name for kind in FILE_KINDS), "config")
