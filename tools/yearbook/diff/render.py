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
ACTIONS_EN = {"added": "added", "removed": "removed", "changed": "changed", "moved": "moved", "filled": "filled in"}
WORDS = {
    "zh": {
        "org": "组织",
        "year": "{year} 年度",
        "none": "记录没有变化。",
        "blank": "（待填）",
        "nothing": "（无）",
        "colon": "：",
        "sep": "，",
        "end": "。",
        "count": "{action} {n} 处",
        "table": "| 年度 | 变化 | 条目 |",
        "details": "逐字改动",
    },
    "en": {
        "org": "organisation",
        "year": "{year}",
        "none": "no changes to the records.",
        "blank": "(blank)",
        "nothing": "(none)",
        "colon": ": ",
        "sep": ", ",
        "end": ".",
        "count": "{n} {action}",
        "table": "| Year | Change | Item |",
        "details": "Character by character",
    },
}
_RED, _GREEN, _DIM, _RESET = "\033[31m", "\033[32m", "\033[2m", "\033[0m"


def _words(lang: str) -> dict[str, str]:
    return WORDS["en" if lang == "en" else "zh"]


def _action(action: str, lang: str) -> str:
    return ACTIONS_EN[action] if lang == "en" else ACTIONS[action]


def _year(year: int | None, lang: str = "zh") -> str:
    return _words(lang)["year"].format(year=year) if year is not None else _words(lang)["org"]


def summary(changes: Sequence[Change], lang: str = "zh") -> str:
    words = _words(lang)
    if not changes:
        return words["none"]
    counts: Counter[str] = Counter(change.action for change in changes)
    listed = words["sep"].join(words["count"].format(action=_action(action, lang), n=counts[action]) for action in ACTIONS if counts[action])
    return (listed[:1].upper() + listed[1:] if lang == "en" else listed) + words["end"]


def _id(change: Change, lang: str) -> str:
    return f" ({change.id})" if lang == "en" else f"（{change.id}）"


def _name(change: Change, lang: str = "zh") -> str:
    number = f"{change.number} " if change.number and change.kind in ("area", "point", "problem", "plan") else ""
    return f"{change.kind_name_in(lang)} {number}{change.title}{_id(change, lang)}"


def _value(field: FieldChange, change: Change, lang: str = "zh") -> str:
    blank = _words(lang)["blank"]
    unit = f" {change.unit}" if change.unit and change.unit != "%" else (change.unit or "")
    return f"{field.old or blank} → {field.new or blank}{unit}"


def headline(change: Change, lang: str = "zh") -> str:
    """One line: what happened to which item."""
    colon = _words(lang)["colon"]
    if change.kind == "figure" and any(f.name == "value" for f in change.fields):
        value = next(f for f in change.fields if f.name == "value")
        return f"{change.kind_name_in(lang)} {change.title}{_id(change, lang)}{colon}{_value(value, change, lang)}"
    if change.action == "moved":
        return f"{_name(change, lang)}{colon}{change.old_number} → {change.number}"
    return _name(change, lang)


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


def terminal(changes: Sequence[Change], title: str, colour: bool, lang: str = "zh") -> str:
    words = _words(lang)
    lines = [title, summary(changes, lang)]
    year: object = object()
    for change in changes:
        if change.year != year:
            year = change.year
            lines.append(f"\n{_year(change.year, lang)}")
        lines.append(f"  {_action(change.action, lang)}  {headline(change, lang)}")
        for field in change.fields:
            if change.kind == "figure" and field.name == "value":
                continue
            if field.pieces:
                lines.append(f"        {field.label_in(lang)}{words['colon']}{_pieces_terminal(field, colour)}")
            else:
                lines.append(f"        {field.label_in(lang)}{words['colon']}{field.old or words['nothing']} → {field.new or words['nothing']}")
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


def markdown(changes: Sequence[Change], title: str, lang: str = "zh") -> str:
    """A short summary first, the character-level details folded below it."""
    words = _words(lang)
    lines = [f"### {title}", "", f"**{summary(changes, lang)}**", ""]
    if not changes:
        return "\n".join(lines)
    lines += [words["table"], "| --- | --- | --- |"]
    lines += [f"| {_year(c.year, lang)} | {_action(c.action, lang)} | {_md(headline(c, lang))} |" for c in changes]
    detailed = [c for c in changes if any(f.pieces or not (c.kind == "figure" and f.name == "value") for f in c.fields)]
    if detailed:
        lines += ["", f"<details><summary>{words['details']}</summary>", ""]
        for change in detailed:
            lines.append(f"- **{_md(_year(change.year, lang))} {_md(headline(change, lang))}**")
            for field in change.fields:
                if change.kind == "figure" and field.name == "value":
                    continue
                shown = _pieces_md(field) if field.pieces else f"{_md(field.old or words['nothing'])} → {_md(field.new or words['nothing'])}"
                lines.append(f"  - {field.label_in(lang)}{words['colon']}{shown}")
        lines += ["", "</details>"]
    return "\n".join(lines) + "\n"


def as_json(changes: Sequence[Change], title: str, lang: str = "zh") -> str:
    return json.dumps({"title": title, "summary": summary(changes, lang), "changes": [asdict(c) for c in changes]}, ensure_ascii=False, indent=2) + "\n"
