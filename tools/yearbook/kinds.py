"""The record files with fixed names a records tree holds: each kind's name (its file is `<name>.yaml` and its
schema `schema/<name>.schema.json`), whether there is one per year, whether it is required, and how its model
is built. The year's other files are its parts, whose types are the registry in `yearbook.parts`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from yearbook import model
from yearbook.findings import Where
from yearbook.parts import PART_TYPES


@dataclass(frozen=True, slots=True)
class FileKind:
    name: str
    per_year: bool  # one file in each year folder; otherwise one file for the whole tree
    build: Callable[[dict[str, Any], Where], Any]
    required: bool = True

    @property
    def file(self) -> str:
        return f"{self.name}.yaml"


FILE_KINDS: tuple[FileKind, ...] = (
    FileKind("org", False, model.build_org),
    FileKind("report", True, model.build_report),
    FileKind("responsibilities", True, model.build_responsibilities, required=False),
)
FIXED_KIND_NAMES: frozenset[str] = frozenset(kind.name for kind in FILE_KINDS)
YEAR_KINDS: tuple[FileKind, ...] = tuple(kind for kind in FILE_KINDS if kind.per_year)
YEAR_KIND_NAMES: tuple[str, ...] = tuple(kind.name for kind in YEAR_KINDS)
REQUIRED_KIND_NAMES: tuple[str, ...] = tuple(kind.name for kind in YEAR_KINDS if kind.required)
# Every schema in schema/: the fixed record kinds, the part types and the tool's own configuration.
SCHEMA_NAMES: tuple[str, ...] = (*(kind.name for kind in FILE_KINDS), *PART_TYPES, "config")
