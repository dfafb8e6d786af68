"""A report's paragraphs to records, recognising structure the way a reader does: the title, a 文号, an
addressee, the opening; headings by their typed numbers (levels in the order the styles first appear), run-in
headings and points; parts by what their headings say; the signature, the date, 附件说明 and 附注 at the end.
Pure: paragraphs in, record data and the guesses made out. Nothing is dropped: what fits no part's shape is
kept as free text, in order.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from yearbook.importer.figures import Namer, name_figures
from yearbook.importer.numbering import TypedHeading, TypedPoint, typed_heading, typed_points
from yearbook.report.numbering import GB_HEADINGS

_DOC_NUMBER = re.compile(r"^\S{1,20}〔\d{4}〕\d{1,4}号$")
_DATE = re.compile(r"^(\d{4})年(\d{1,2})月(?:(\d{1,2})日)?$")
_ATTACHMENT = re.compile(r"^(?:附件：)?(\d{1,2})[.．](.+)$")
_NOTE = re.compile(r"^（[^）]{1,30}）$")
_DAY = r"(?:(\d{4})年)?(\d{1,2})月(?:(\d{1,2})日)?"
_END = r"(?:(\d{4})年)?(?:(\d{1,2})月)?(?:(\d{1,2})日)?"
_EVENT = re.compile(rf"^{_DAY}(?:至{_END})?，(.+)$")
_SCHOOL_YEAR = re.compile(r"(\d{4})\s*[—–\-－~～至]\s*(\d{4})\s*学年")
_CAPTION = re.compile(r"^表\s*\d{1,2}")
_CELL_SEPARATOR = re.compile(r"\t|\|")
_TERMINAL = "。！？；：…”）"
PART_KINDS = (  # (type, words in the heading that say it), first match wins
    ("combined", ("问题及", "问题和", "不足及", "不足和")),
    ("problems", ("问题", "不足", "差距", "短板")),
    ("plans", ("计划", "打算", "思路", "要点", "下一步", "安排", "工作重点", "努力方向")),
    ("figures", ("主要指标", "指标完成")),
)


PART_TITLES = {
    "narrative": "工作情况",
    "problems": "存在的问题",
    "plans": "工作计划",
    "figures": "要点",
    "table": "表格",
    "text": "文字",
    "combined": "问题及打算",
}


@dataclass
class Guess:
    zh: str  # what was recognised or moved, quoting the start of the paragraph


@dataclass
class _Node:
    heading: TypedHeading | None
    level: int
    paragraphs: list[str] = field(default_factory=list)
    points: list[TypedPoint] = field(default_factory=list)
    together: bool = False
    children: list[_Node] = field(default_factory=list)
    trailing: list[str] = field(default_factory=list)  # paragraphs after the points: the closing, if last
    events: list[tuple[str, str, str]] = field(default_factory=list)  # (ISO date or range, text, as written)
    kind_hint: str | None = None  # what a part without a heading continues as (plans after problems)
    caption: str | None = None  # a table in this part: its caption, rows of cells, the notes under it
    rows: list[list[str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


@dataclass
class Imported:
    report: dict[str, Any]
    parts: dict[str, dict[str, Any]]  # file name (no .yaml) → data
    guesses: list[Guess]


def _escape(text: str) -> str:
    """Record text: a literal brace doubled (a single one would be a reference to a named value)."""
    return text.replace("{", "{{").replace("}", "}}")


def _is_title_line(text: str) -> bool:
    return len(text) <= 40 and not text.endswith(tuple(_TERMINAL)) and typed_heading(text) is None and not _DOC_NUMBER.match(text)


def _tail(paragraphs: list[str]) -> tuple[list[str], dict[str, Any], list[str]]:
    """Split off the back matter: attachments, signature lines, the date, notes (read from the end)."""
    body = list(paragraphs)
    notes: list[str] = []
    while body and _NOTE.match(body[-1]):
        notes.insert(0, body.pop())
    back: dict[str, Any] = {}
    if body and _DATE.match(body[-1]):
        year, month, day = _DATE.match(body.pop()).groups()  # type: ignore[union-attr]
        back["date"] = f"{year}-{int(month):02d}" + (f"-{int(day):02d}" if day else "")
    else:
        back["date"] = False
    signers: list[str] = []
    while body and len(body[-1]) <= 30 and not body[-1].endswith(tuple(_TERMINAL)) and typed_heading(body[-1]) is None and not _ATTACHMENT.match(body[-1]):
        signers.insert(0, body.pop())
    back["signature"] = signers[0] if len(signers) == 1 else signers if signers else False
    attachments: list[str] = []
    while body and _ATTACHMENT.match(body[-1]):
        attachments.insert(0, _ATTACHMENT.match(body.pop()).group(2))  # type: ignore[union-attr]
    if attachments:
        back["attachments"] = attachments
    return body, back, notes


def _event(text: str, year: int, first_month: int) -> tuple[str, str] | None:
    """A paragraph led by a date (“5月18日，”, “2023年9月1日至5日，”, “9月至11月，”): its ISO date and its text. A date
    without its year takes the report's (in a school year, the next year's for months before it starts)."""
    match = _EVENT.match(text)
    if match is None:
        return None
    y1, m1, d1, y2, m2, d2, rest = match.groups()
    start_year = int(y1) if y1 else year + (1 if int(m1) < first_month else 0)
    start = f"{start_year}-{int(m1):02d}" + (f"-{int(d1):02d}" if d1 else "")
    if m2 is None and d2 is None:
        return start, rest
    end_year = int(y2) if y2 else start_year + (1 if m2 and int(m2) < int(m1) else 0)  # 12月30日至1月2日 crosses the year
    end = f"{end_year}-{int(m2 or m1):02d}" + (f"-{int(d2):02d}" if d2 else "")
    return f"{start}/{end}", rest


def _tree(paragraphs: list[str], styles: list[str], seen: dict[str, Any], year: int = 0, first_month: int = 1) -> _Node:
    root = _Node(None, 0)
    stack = [root]
    for text in paragraphs:
        event = _event(text, year, first_month) if year else None
        if event is not None and len(stack) > 1:
            stack[-1].events.append((*event, text))
            continue
        if stack[-1].events and typed_heading(text) is None and _CELL_SEPARATOR.search(text) is None:
            # Prose after dated paragraphs: they were paragraphs that begin with a date, not a closing list of
            # events (events print after everything else in their section), so they stay paragraphs in order.
            stack[-1].paragraphs += [written for _, _, written in stack[-1].events]
            stack[-1].events = []
        part = stack[1] if len(stack) > 1 else root
        if _CELL_SEPARATOR.search(text):  # a table row: cells split by tabs (copied out of Word) or |
            if not part.rows:
                holder = stack[-1].trailing if stack[-1].trailing else stack[-1].paragraphs
                if holder and _CAPTION.match(holder[-1]):
                    part.caption = holder.pop()
            part.rows.append([cell.strip() for cell in _CELL_SEPARATOR.split(text)])
            continue
        if part.rows and typed_heading(text) is None and typed_points(text, first=None) is None:
            part.notes.append(text)  # under a table until the next heading: its notes
            continue
        heading = typed_heading(text)
        points = typed_points(text, first=len(stack[-1].points) + 1 if stack[-1].points else 1)
        fresh = typed_points(text) if stack[-1].points and points is None else None
        if fresh is not None and stack[-1].trailing and len(stack) > 1:
            # A second list after paragraphs (问题 … then 针对上述问题 … 一是): a part without a heading goes on.
            continuation = _Node(None, stack[-1].level, paragraphs=stack[-1].trailing, kind_hint="plans")
            stack[-1].trailing = []
            stack[-2].children.append(continuation)
            stack[-1] = continuation
            points = fresh
        if points is not None and not stack[-1].children and (heading is None or heading.style == "①"):
            stack[-1].points += points[1]
            stack[-1].together = points[2]
            seen.setdefault("points", points[0])
            seen["together"] = seen.get("together", False) or points[2]
            continue
        if heading is not None and (heading.style in styles or len(styles) < 4):
            if heading.style not in styles:
                styles.append(heading.style)
            level = styles.index(heading.style) + 1
            while stack[-1].level >= level:
                stack.pop()
            node = _Node(heading, level)
            if heading.body:
                node.paragraphs.append(heading.body)
                seen.setdefault("run_in", set()).add(level)
            stack[-1].children.append(node)
            stack.append(node)
            continue
        (stack[-1].trailing if stack[-1].points else stack[-1].paragraphs).append(text)
    return root


def _closing(root: _Node) -> list[str]:
    """Paragraphs after the last list of points in the document are its closing (结尾段); elsewhere they stay
    with their section, printed before its points (the format has no place after them: said as a guess)."""
    node = root
    while node.children:
        node = node.children[-1]
    closing, node.trailing = node.trailing, []
    return closing


def _fold_trailing(node: _Node, guesses: list[Guess]) -> None:
    if node.trailing:
        guesses.append(Guess(f"“{node.trailing[0][:12]}……”在要点之后，移到了要点之前"))
        node.paragraphs += node.trailing
        node.trailing = []
    for child in node.children:
        _fold_trailing(child, guesses)


def _kind(node: _Node) -> str:
    if node.heading is None and node.kind_hint:
        return node.kind_hint
    text = node.heading.text if node.heading else ""
    for kind, words in PART_KINDS:
        if any(word in text for word in words):
            return kind
    return "narrative"


def _points(points: list[TypedPoint], prefix: str) -> list[dict[str, Any]]:
    out = []
    for n, point in enumerate(points, start=1):
        item: dict[str, Any] = {"id": f"{prefix}-{n}", "lead": _escape(point.lead)}
        if point.text:
            item["text"] = _escape(point.text)
        out.append(item)
    return out


def _events(events: list[tuple[str, str, str]], prefix: str) -> list[dict[str, Any]]:
    return [{"id": f"{prefix}-{n}", "date": date, "text": _escape(text)} for n, (date, text, _) in enumerate(events, start=1)]


def _section(node: _Node, ident: str) -> dict[str, Any]:
    assert node.heading is not None
    section: dict[str, Any] = {"id": ident, "heading": _escape(node.heading.text)}
    if node.paragraphs:
        section["paragraphs"] = [_escape(p) for p in node.paragraphs]
    if node.points:
        section["points"] = _points(node.points, f"{ident}-point")
    if node.children:
        section["sections"] = [_section(child, f"{ident}-{n}") for n, child in enumerate(node.children, start=1)]
    if node.events:
        section["events"] = _events(node.events, f"{ident}-event")
    if len(section) == 2:
        section["paragraphs"] = []  # an empty section: the schema will say so; nothing to lose
    return section


def _cell(value: str) -> Any:
    """A cell as the records hold it: a number when it is one, else text."""
    if re.fullmatch(r"-?\d{1,12}", value):
        return int(value)
    if re.fullmatch(r"-?\d{1,12}\.\d{1,6}", value):
        return float(value)
    return _escape(value) if value else None


def _table(node: _Node, year: int, heading: dict[str, Any], intro: dict[str, Any]) -> dict[str, Any]:
    """The node's table; a row with fewer cells than the widest has its last cell merged across the rest (text
    gives no merges: the cells' text is kept, their spans are a guess)."""
    width = max(len(row) for row in node.rows)
    rows: list[list[Any]] = []
    for row in node.rows:
        cells: list[Any] = [_cell(value) for value in row]
        if len(row) < width:
            cells[-1] = {"value": cells[-1], "colspan": width - len(row) + 1}
        rows.append(cells)
    table: dict[str, Any] = {"format": 2, "year": year, "type": "table", **heading, **intro}
    if node.caption:
        table["caption"] = _escape(node.caption)
    table["header"], table["rows"] = rows[:1], rows[1:] or rows[:1]
    if node.notes:
        table["notes"] = [_escape(p) for p in node.notes]
    return table


def _parts(node: _Node, n: int, year: int) -> list[tuple[str, dict[str, Any]]]:
    """A level-1 node's part; a table in it is a table part (the whole part when nothing else is in it, else a
    part without a heading right after)."""
    if not node.rows:
        return [_part(node, n, year)]
    heading = {"heading": _escape(node.heading.text)} if node.heading else {}
    intro = {"intro": [_escape(p) for p in node.paragraphs]} if node.paragraphs else {}
    if not node.points and not node.children:
        return [(f"part-{n}", _table(node, year, heading, intro))]
    return [_part(node, n, year), (f"part-{n}-table", _table(node, year, {}, {}))]


def _part(node: _Node, n: int, year: int) -> tuple[str, dict[str, Any]]:
    name = f"part-{n}"
    data: dict[str, Any] = {"format": 2, "year": year}
    kind = _kind(node)
    heading = {"heading": _escape(node.heading.text)} if node.heading else {}
    intro = {"intro": [_escape(p) for p in node.paragraphs]} if node.paragraphs else {}
    if kind == "problems" and node.points and not node.children:
        return name, {**data, "type": "problems", **heading, **intro, "problems": _points(node.points, f"problem-{n}")}
    if kind == "plans" and not node.paragraphs[len(intro.get("intro", [])) :] and (node.points or node.children):
        plans = {"plans": _points(node.points, f"plan-{n}")} if node.points else {}
        areas = {"areas": [_section(child, f"area-{n}-{i}") for i, child in enumerate(node.children, start=1)]} if node.children else {}
        return name, {**data, "type": "plans", **heading, **intro, **areas, **plans}
    if kind == "figures" and node.points and not node.children:
        return name, {**data, "type": "figures", **heading, **intro, "points": _points(node.points, f"point-{n}")}
    if node.children and not node.points:
        return name, {
            **data,
            "type": "narrative",
            **heading,
            **intro,
            "areas": [_section(child, f"area-{n}-{i}") for i, child in enumerate(node.children, start=1)],
        }
    if node.events and not node.points and not node.children:
        return name, {**data, "type": "timeline", **heading, **intro, "events": _events(node.events, f"event-{n}")}
    if node.points and not node.children:  # points under a heading of no particular kind: a section of its own
        return name, {**data, "type": "figures", **heading, **intro, "points": _points(node.points, f"point-{n}")}
    return name, {**data, "type": "text", **heading, "paragraphs": [_escape(p) for p in node.paragraphs] or ["（空）"]}


def import_paragraphs(paragraphs: list[str], year: int) -> Imported:
    """Records for a report given as its paragraphs (empty ones already left out)."""
    guesses: list[Guess] = []
    texts = [p.strip() for p in paragraphs if p.strip()]
    title_lines: list[str] = []
    while texts and _is_title_line(texts[0]) and len(title_lines) < 3:
        title_lines.append(texts.pop(0))
    report: dict[str, Any] = {"format": 2, "year": year}
    if texts and _DOC_NUMBER.match(texts[0]):
        report["doc_number"] = texts.pop(0)
    if texts and texts[0].endswith("：") and len(texts[0]) <= 30 and typed_heading(texts[0]) is None:
        report["addressee"] = texts.pop(0)
    body, back, notes = _tail(texts)
    styles: list[str] = []
    seen: dict[str, Any] = {}
    school_year = _SCHOOL_YEAR.search(title_lines[0] if title_lines else "")
    if school_year and int(school_year.group(2)) == int(school_year.group(1)) + 1:
        report["period"] = {"from": f"{school_year.group(1)}-09", "to": f"{school_year.group(2)}-08"}
        guesses.append(Guess(f"标题中的“{school_year.group(0)}”识别为报告期 {school_year.group(1)}年9月至{school_year.group(2)}年8月"))
    root = _tree(body, styles, seen, year, 9 if "period" in report else 1)
    closing = _closing(root)
    _fold_trailing(root, guesses)
    title = "".join(title_lines) or f"{year}年工作总结"
    report.update({"title": _escape(title), "topic": _escape(title)})
    report["opening"] = [_escape(p) for p in root.paragraphs] or None
    numbering: dict[str, Any] = {}
    if styles and tuple(styles) != GB_HEADINGS[: len(styles)]:
        numbering["headings"] = styles
    if seen.get("points", "一是") != "一是":
        numbering["points"] = seen["points"]
    if seen.get("run_in"):
        numbering["run_in"] = sorted(seen["run_in"])
    if seen.get("together"):
        numbering["points_together"] = True
    parts: dict[str, dict[str, Any]] = {}
    for n, node in enumerate(root.children, start=1):
        for name, data in _parts(node, n, year):
            parts[name] = data
            guesses.append(Guess(f"“{node.heading.text if node.heading else '（无标题）'}”识别为{PART_TITLES.get(str(data['type']), data['type'])}部分"))
    if root.points:  # points before any heading: kept as a part without a heading
        parts["part-0"] = {"format": 2, "year": year, "type": "figures", "points": _points(root.points, "point-0")}
    report["parts"] = list(parts)
    if numbering:
        report["numbering"] = numbering
    if closing:
        report["closing"] = [_escape(p) for p in closing]
    report.update(back)
    if notes:
        report["notes"] = notes
    if report["opening"] is None:
        del report["opening"]
    _name_figures(report, parts, guesses)
    return Imported(report, parts, guesses)


def _name_figures(report: dict[str, Any], parts: dict[str, dict[str, Any]], guesses: list[Guess]) -> None:
    namer = Namer(set())
    name_figures(report, namer)
    for data in parts.values():
        name_figures(data, namer)
    figures = [figure for holder in _holders([report, *parts.values()]) for figure in (holder.get("figures") or {}).values()]
    blanks = sum(1 for figure in figures if figure["value"] is None)
    if figures:
        guesses.append(Guess(f"文中 {len(figures) - blanks} 个带单位的数字成为命名数值，{blanks} 处空白（*、XX 等）成为待填数值：请核对它们的名称（label）"))


def _holders(holders: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [h for holder in holders for h in (holder, *_holders([*(holder.get("areas") or []), *(holder.get("sections") or [])]))]
