"""Every check the toolkit can report, in one registry: the configuration accepts only these codes, and a test
holds the README's table to exactly this list (no check undocumented, no row for a check that does not exist)."""

from __future__ import annotations

from collections.abc import Mapping

from yearbook import compute, layout, schemas
from yearbook.findings import Check
from yearbook.load import checks as load_checks
from yearbook.rules import RULE_CHECKS

ALL: tuple[Check, ...] = (*load_checks.ALL, schemas.SCHEMA, layout.MISSING_FILE, layout.UNKNOWN_FILE, compute.CHECK, *RULE_CHECKS)
BY_CODE: Mapping[str, Check] = {check.code: check for check in ALL}
assert len(BY_CODE) == len(ALL), "two checks share a code"
