"""Findings to text: `text` (file:line:col: CODE message), `json`, and `github` workflow annotations.

Reporters are chosen by name and return strings; printing is the CLI's business.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence

from yearbook.findings import Finding, Severity

_LEVEL = {"zh": {Severity.ERROR: "错误", Severity.WARNING: "警告"}, "en": {Severity.ERROR: "error", Severity.WARNING: "warning"}}


def _counts(findings: Sequence[Finding]) -> tuple[int, int]:
    errors = sum(1 for f in findings if f.severity is Severity.ERROR)
    return errors, len(findings) - errors


def summary(findings: Sequence[Finding], files: int, lang: str) -> str:
    errors, warnings = _counts(findings)
    if lang == "en":
        return f"{files} files checked: {errors} errors, {warnings} warnings."
    return f"检查了 {files} 个文件：{errors} 个错误，{warnings} 个警告。"


def text(findings: Sequence[Finding], files: int, lang: str) -> str:
    colon = "：" if lang == "zh" else ": "
    lines = [f"{f.file}:{f.line}:{f.col}: {f.code} {_LEVEL[lang][f.severity]}{colon}{f.message}" for f in findings]
    return "\n".join([*lines, summary(findings, files, lang)]) + "\n"


def as_json(findings: Sequence[Finding], files: int, lang: str) -> str:
    errors, warnings = _counts(findings)
    payload = {
        "files": files,
        "errors": errors,
        "warnings": warnings,
        "findings": [
            {"file": f.file, "line": f.line, "col": f.col, "code": f.code, "name": f.name, "severity": f.severity.value, "message": f.message} for f in findings
        ],
    }
    return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"


def _escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(value: str) -> str:
    return _escape_data(value).replace(":", "%3A").replace(",", "%2C")


def github(findings: Sequence[Finding], files: int, lang: str) -> str:
    """GitHub Actions workflow commands: one `::error`/`::warning` annotation per finding, then the summary."""
    lines = [
        f"::{f.severity.value} file={_escape_property(f.file)},line={f.line},col={f.col},"
        f"title={_escape_property(f.code + ' ' + f.name)}::{_escape_data(f.message)}"
        for f in findings
    ]
    return "\n".join([*lines, summary(findings, files, lang)]) + "\n"


REPORTERS: dict[str, Callable[[Sequence[Finding], int, str], str]] = {"text": text, "json": as_json, "github": github}
