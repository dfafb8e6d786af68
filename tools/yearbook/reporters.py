"""Findings to text: `text` (file:line:col: CODE message), `json`, and `github` workflow annotations.

Reporters are chosen by name and return strings; printing is the CLI's business.
"""

from __future__ import annotations

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
    import json  # each format's library is imported when that format is asked for: start-up counts in the hook

    errors, warnings = _counts(findings)
    payload = {
        "files": files,
        "errors": errors,
        "warnings": warnings,
        "findings": [
            {"file": f.file, "line": f.line, "col": f.col, "code": f.code, "name": f.name, "severity": f.severity.value, "message": f.message} for f in findings
        ],
    }
    # Compact: json's C encoder handles it; `indent` would switch to the pure-Python encoder (10× slower).
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":")) + "\n"


def _escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(value: str) -> str:
    return _escape_data(value).replace(":", "%3A").replace(",", "%2C")


# GitHub shows at most 10 error and 10 warning annotations per step (50 per job); more are dropped silently.
ANNOTATIONS_PER_SEVERITY = 10


def github(findings: Sequence[Finding], files: int, lang: str) -> str:
    """GitHub Actions workflow commands: the first 10 errors and 10 warnings as annotations on their lines,
    a notice saying how many more there are (the job summary lists them all), then the summary."""
    lines, left_out = [], 0
    for severity in (Severity.ERROR, Severity.WARNING):
        of_severity = [f for f in findings if f.severity is severity]
        left_out += max(0, len(of_severity) - ANNOTATIONS_PER_SEVERITY)
        lines += [
            f"::{f.severity.value} file={_escape_property(f.file)},line={f.line},col={f.col},"
            f"title={_escape_property(f.code + ' ' + f.name)}::{_escape_data(f.message)}"
            for f in of_severity[:ANNOTATIONS_PER_SEVERITY]
        ]
    if left_out:
        more = (
            f"另有 {left_out} 处未标注在代码行上（GitHub 每步最多显示 10 个错误和 10 个警告），完整列表见作业摘要。"
            if lang == "zh"
            else f"{left_out} more findings are not annotated (GitHub shows 10 errors and 10 warnings per step); the job summary lists them all."
        )
        lines.append(f"::notice title=yearbook check::{_escape_data(more)}")
    return "\n".join([*lines, summary(findings, files, lang)]) + "\n"


def _cell(text: str) -> str:
    import html

    return html.escape(text, quote=False).replace("|", "\\|").replace("\n", " ")


def markdown(findings: Sequence[Finding], files: int, lang: str) -> str:
    """Every finding as a Markdown table, for the job summary ($GITHUB_STEP_SUMMARY)."""
    head = ("位置", "代码", "级别", "说明") if lang == "zh" else ("Location", "Code", "Level", "Message")
    lines = ["### yearbook check", "", f"**{summary(findings, files, lang)}**", ""]
    if findings:
        lines += [f"| {' | '.join(head)} |", "| --- | --- | --- | --- |"]
        lines += [f"| `{_cell(f.file)}:{f.line}:{f.col}` | {f.code} | {_LEVEL[lang][f.severity]} | {_cell(f.message)} |" for f in findings]
    return "\n".join(lines) + "\n"


_CODECLIMATE_SEVERITY = {Severity.ERROR: "major", Severity.WARNING: "minor"}


def codeclimate(findings: Sequence[Finding], files: int, lang: str) -> str:
    """GitLab's Code Quality report (artifacts:reports:codequality), the Code Climate issue format GitLab reads: each
    finding with its description, check name, severity, path and line, and a fingerprint that is unique per finding
    and the same in every run (a hash of what the finding is and where), so that GitLab can tell new from fixed."""
    import hashlib
    import json

    issues = []
    for finding in findings:
        identity = "\0".join((finding.code, finding.file, str(finding.line), str(finding.col), finding.message))
        issues.append(
            {
                "type": "issue",
                "check_name": f"{finding.code} {finding.name}",
                "description": finding.message,
                "categories": ["Style"],
                "severity": _CODECLIMATE_SEVERITY.get(finding.severity, "info"),
                "fingerprint": hashlib.sha256(identity.encode()).hexdigest(),
                "location": {"path": finding.file, "lines": {"begin": finding.line}},
            }
        )
    return json.dumps(issues, ensure_ascii=False, indent=2) + "\n"


REPORTERS: dict[str, Callable[[Sequence[Finding], int, str], str]] = {
    "text": text,
    "json": as_json,
    "github": github,
    "markdown": markdown,
    "codeclimate": codeclimate,
}
