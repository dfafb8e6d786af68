"""Changes to text for people: the terminal (coloured on a TTY), Markdown for a pull request, JSON for tools."""

from __future__ import annotations

import html
import json
from collections import Counter
from collections.abc import Sequence
from dataclasses import asdict

from yearbook.diff.changes import Change, FieldChange
from yearbook.diff.tokens import excerpt

ACTIONS = {"added": "新增", "removed": "删除", "changed": "修改", "moved": "移动", "filled": "填写"}
_RED, _GREEN, _DIM, _RESET = "\033[31m", "\033[32m", "\033[2m", "\033[0m"


def _year(year: int | None) -> str:
    return f"{year} 年度" if year is not None else "组织"


def summary(changes: Sequence[Change]) -> str:
    if not changes:
        return "记录没有变化。"
    counts: Counter[str] = Counter(change.action for change in changes)
    return "，".join(f"{ACTIONS[action]} {counts[action]} 处" for action in ACTIONS if counts[action]) + "。"


def _name(change: Change) -> str:
    number = f"{change.number} " if change.number and change.kind in ("area", "point", "problem", "plan") else ""
    return f"{change.kind_name} {number}{change.title}（{change.id}）"


def _value(field: FieldChange, change: Change) -> str:
    unit = f" {change.unit}" if change.unit and change.unit != "%" else (change.unit or "")
    return f"{field.old or '（待填）'} → {field.new or '（待填）'}{unit}"


def headline(change: Change) -> str:
    """One line: what happened to which item."""
    if change.kind == "figure" and any(f.name == "value" for f in change.fields):
        value = next(f for f in change.fields if f.name == "value")
        return f"{change.kind_name} {change.title}（{change.id}）：{_value(value, change)}"
    if change.action == "moved":
        return f"{_name(change)}：{change.old_number} → {change.number}"
    return _name(change)


# --- terminal ----------------------------------------------------------------------------------------


def _pieces_terminal(field: FieldChange, colour: bool) -> str:
    out = []
    for piece in excerpt(field.pieces):
        if piece.op == "=":
            out.append(piece.text)
        elif colour:
            out.append(f"{_RED if piece.op == '-' else _GREEN}{piece.text}{_RESET}")
        else:
            out.append(f"[-{piece.text}-]" if piece.op == "-" else f"{{+{piece.text}+}}")
    return "".join(out).replace("\n", "¶")


def terminal(changes: Sequence[Change], title: str, colour: bool) -> str:
    lines = [title, summary(changes)]
    year: object = object()
    for change in changes:
        if change.year != year:
            year = change.year
            lines.append(f"\n{_year(change.year)}")
        lines.append(f"  {ACTIONS[change.action]}  {headline(change)}")
        for field in change.fields:
            if change.kind == "figure" and field.name == "value":
                continue
            if field.pieces:
                lines.append(f"        {field.label}：{_pieces_terminal(field, colour)}")
            else:
                lines.append(f"        {field.label}：{field.old or '（无）'} → {field.new or '（无）'}")
    return "\n".join(lines) + "\n"


# --- Markdown ----------------------------------------------------------------------------------------


def _md(text: str) -> str:
    """Record text shown literally in GitHub Markdown: HTML-escaped, Markdown specials backslashed."""
    escaped = html.escape(text, quote=False)
    for char in "\\`*_[]|~":
        escaped = escaped.replace(char, "\\" + char)
    return escaped.replace("\n", "¶")


def _pieces_md(field: FieldChange) -> str:
    out = []
    for piece in excerpt(field.pieces):
        text = _md(piece.text)
        out.append(text if piece.op == "=" else f"<del>{text}</del>" if piece.op == "-" else f"<ins>{text}</ins>")
    return "".join(out)


def markdown(changes: Sequence[Change], title: str) -> str:
    """A short summary first, the character-level details folded below it."""
    lines = [f"### {title}", "", f"**{summary(changes)}**", ""]
    if not changes:
        return "\n".join(lines)
    lines += ["| 年度 | 变化 | 条目 |", "| --- | --- | --- |"]
    lines += [f"| {_year(c.year)} | {ACTIONS[c.action]} | {_md(headline(c))} |" for c in changes]
    detailed = [c for c in changes if any(f.pieces or not (c.kind == "figure" and f.name == "value") for f in c.fields)]
    if detailed:
        lines += ["", "<details><summary>逐字改动</summary>", ""]
        for change in detailed:
            lines.append(f"- **{_md(_year(change.year))} {_md(headline(change))}**")
            for field in change.fields:
                if change.kind == "figure" and field.name == "value":
                    continue
                shown = _pieces_md(field) if field.pieces else f"{_md(field.old or '（无）')} → {_md(field.new or '（无）')}"
                lines.append(f"  - {field.label}：{shown}")
        lines += ["", "</details>"]
    return "\n".join(lines) + "\n"


def as_json(changes: Sequence[Change], title: str) -> str:
    return json.dumps({"title": title, "summary": summary(changes), "changes": [asdict(c) for c in changes]}, ensure_ascii=False, indent=2) + "\n"
