"""The tool's own configuration, `.yearbook.yaml` beside `records/`: language, font profile and rule severities.

Read with the same strict loader as the records and validated by `schema/config.schema.json`, so a typo
in the configuration is reported like a typo in a record.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from yearbook import schemas
from yearbook.engine import Options as EngineOptions
from yearbook.engine import stamp
from yearbook.findings import Finding, Severity, Violation, Where
from yearbook.load.files import load_file
from yearbook.sources import display
from yearbook.suggest import closest

FILE_NAME = ".yearbook.yaml"


@dataclass(frozen=True, slots=True)
class Config:
    lang: str | None = None
    severities: dict[str, Severity] = field(default_factory=dict)
    fonts: str = "windows"  # the font profile (report/layout_spec.py PROFILES)


def load_config(records_root: Path, lang: str) -> Config | tuple[Finding, ...]:
    """The configuration beside `records_root`, the defaults when there is none, or its findings."""
    path = records_root.parent / FILE_NAME
    if not path.is_file():
        return Config()
    shown = display(path)
    document = load_file(path, shown)
    if isinstance(document, Violation):
        return stamp([document], {}, EngineOptions(lang=lang))
    problems = schemas.validate("config", document.data, shown) or _unknown_codes(document.data, shown)
    if problems:
        return stamp(problems, {shown: document}, EngineOptions(lang=lang))
    data = document.data
    return Config(data.get("lang"), {code: Severity(level) for code, level in (data.get("rules") or {}).items()}, data.get("fonts") or "windows")


def _unknown_codes(data: dict[str, object], shown: str) -> list[Violation]:
    from yearbook.check_codes import BY_CODE  # the rules and their imports load only when a configuration names codes

    rules = data.get("rules") or {}
    assert isinstance(rules, dict)  # the schema said so
    violations = []
    for code in rules:
        if code not in BY_CODE:
            close = closest(code, BY_CODE)
            args = {"key": code, "suggestion": f"是不是“{close}”？" if close else "", "suggestion_en": f"Did you mean '{close}'? " if close else ""}
            violations.append(Violation(schemas.SCHEMA, Where(shown, ("rules", code), key=True), "unknown-code", args))
    return violations
