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

from yearbook.importer.figures import Named, Namer, name_figures
from yearbook.importer.numbering import TypedHeading, TypedPoint, opens_with_number, typed_heading, typed_points
from yearbook.importer.source import Cell, Line, lines_of
from yearbook.load.yaml_strict import Written
from yearbook.parts import PART_TYPES
from yearbook.report.numbering import GB_HEADINGS
from yearbook.textrefs import escape

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


FILE_NAMES = {  # a part's file is named for what it is (activities.yaml), the second of a type activities-2.yaml
    "narrative": "activities",
    "problems": "problems",
    "plans": "plans",
    "figures": "highlights",
    "combined": "problems-and-plans",
    "timeline": "events",
    "table": "table",
    "text": "text",
}


def _named_by_type(parts: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
    named: dict[str, dict[str, Any]] = {}
    for data in parts.values():
        base = FILE_NAMES.get(str(data["type"]), str(data["type"]))
        name, n = base, 1
        while name in named:
            n += 1
            name = f"{base}-{n}"
        named[name] = data
    return named


@dataclass
class Guess:
    zh: str  # what was recognised or moved, quoting the start of the paragraph
    en: str
    at: int | None = None  # the source paragraph (1-based, empty ones not counted)


@dataclass
class _Rows:
    """A table standing in a section: its caption, rows of cells and the notes under it."""

    caption: str | None
    rows: list[tuple[Cell, ...]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


@dataclass
class _Node:
    heading: TypedHeading | None
    level: int
    number: int = 0  # the heading's paragraph in the source
    paragraphs: list[str] = field(default_factory=list)
    points: list[TypedPoint] = field(default_factory=list)
    together: bool = False
    way: str = ""  # how its points are written: "" apart, or the ；/。 that runs them together
    style: str = ""  # and their numbering: 一是, 首先, ① (none for bold leads)
    children: list[_Node] = field(default_factory=list)
    trailing: list[str] = field(default_factory=list)  # paragraphs after the points: the closing, if last
    events: list[tuple[str, str, str]] = field(default_factory=list)  # (ISO date or range, text, as written)
    kind_hint: str | None = None  # what a part without a heading continues as (plans after problems)
    caption: str | None = None  # a table in this part: its caption, rows of cells, the notes under it
    rows: list[tuple[Cell, ...]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    tables: list[_Rows] = field(default_factory=list)  # tables standing in this section (a part's is `rows`)
    table_open: bool = False  # the last line was a row of the table or a note under it
    source: list[str] = field(default_factory=list)  # a part's lines as written, in order: kept whole if it fits no shape


@dataclass
class Imported:
    report: dict[str, Any]
    parts: dict[str, dict[str, Any]]  # file name (no .yaml) → data
    guesses: list[Guess]
    figures: int = 0  # named values made from numbers
    blanks: int = 0  # unfilled values made from blanks


def _is_title_line(text: str) -> bool:
    return len(text) <= 40 and not text.endswith(tuple(_TERMINAL)) and typed_heading(text) is None and not _DOC_NUMBER.match(text)


def _title(lines: list[Line]) -> list[str]:
    """The title's lines, taken off the front: those set centred or large when the first is (formatting says it),
    else short lines with no closing punctuation and no number (as text copied out of Word shows a title)."""
    formatted = bool(lines) and lines[0].looks_like_title
    taken: list[str] = []
    while lines and len(taken) < 3 and not _DOC_NUMBER.match(lines[0].text) and _row(lines[0]) is None:
        if not (lines[0].looks_like_title and not lines[0].text.endswith("：") if formatted else _is_title_line(lines[0].text)):
            break
        taken.append(lines.pop(0).text)
    return taken


def _unnumbered_heading(line: Line) -> TypedHeading | None:
    """A paragraph set bold or in a heading face all through, short and not a sentence: a heading with no number."""
    text = line.text
    if not line.emphasis or line.cells is not None or len(text) > 40 or any(mark in text for mark in "。！？；") or text.endswith(tuple(_TERMINAL)):
        return None
    if _DATE.match(text) or _CAPTION.match(text) or typed_points(text, first=None) is not None or opens_with_number(text):
        return None  # a table's caption set in 黑体 is still a caption
    return TypedHeading(f"none{line.emphasis}", 0, text, "")  # one style per look: 黑体 and 楷体 are two levels


def _bold_lead(line: Line) -> TypedPoint | None:
    """A paragraph opening with a bold first sentence (“强化组织保障。正文……”): a point with no typed marker."""
    if not line.lead.endswith(("。", "：")) or not line.text.startswith(line.lead) or len(line.lead) >= len(line.text):
        return None
    return TypedPoint(line.lead.removesuffix("。"), line.text[len(line.lead) :])


def _is_signer(line: Line) -> bool:
    text = line.text
    return _row(line) is None and len(text) <= 30 and not text.endswith(tuple(_TERMINAL)) and typed_heading(text) is None and not _ATTACHMENT.match(text)


def _tail(lines: list[Line]) -> tuple[list[Line], dict[str, Any], list[str]]:
    """Split off the back matter: attachments, signature lines, the date, notes (read from the end)."""
    body = list(lines)
    notes: list[str] = []
    while body and _NOTE.match(body[-1].text):
        notes.insert(0, escape(body.pop().text))
    back: dict[str, Any] = {}
    if body and _DATE.match(body[-1].text):
        year, month, day = _DATE.match(body.pop().text).groups()  # type: ignore[union-attr]
        back["date"] = f"{year}-{int(month):02d}" + (f"-{int(day):02d}" if day else "")
    else:
        back["date"] = False
    signers: list[str] = []
    while body and _is_signer(body[-1]):
        signers.insert(0, escape(body.pop().text))
    back["signature"] = signers[0] if len(signers) == 1 else signers if signers else False
    listed = 0  # 附件：1.… 2.…: numbered lines back to the one that says 附件：
    while listed < len(body) and _row(body[-1 - listed]) is None and _ATTACHMENT.match(body[-1 - listed].text):
        listed += 1
        if body[-listed].text.startswith("附件："):
            back["attachments"] = [escape(_ATTACHMENT.match(line.text).group(2)) for line in body[-listed:]]  # type: ignore[union-attr]
            del body[-listed:]
            break
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


def _row(line: Line) -> tuple[Cell, ...] | None:
    """A table row: cells read from a DOCX table, or split by tabs (copied out of Word) or |."""
    if line.cells is not None:
        return line.cells
    return tuple(Cell(cell.strip()) for cell in _CELL_SEPARATOR.split(line.text)) if _CELL_SEPARATOR.search(line.text) else None


def _within(date: str, year: int, first_month: int) -> bool:
    """Whether an event's date (or range) lies in the report's period: one that does not stays a paragraph."""
    start, _, end = date.partition("/")
    first = f"{year}-{first_month:02d}"
    last = f"{year}-12" if first_month == 1 else f"{year + 1}-{first_month - 1:02d}"
    return first <= start[:7] and (end or start)[:7] <= last


def _usual_way(lines: list[Line]) -> str:
    """How most lists of points in the document are written: "" one point a paragraph, or run together in one
    paragraph joined by ；or 。. The document's numbering says this way; a list written another way says its own."""
    ways: dict[str, int] = {}
    for line in lines:
        found = typed_points(line.text, first=None)
        if found is not None and (found[2] or line.text.startswith(("一是", "首先", "①"))):
            ways[found[2]] = ways.get(found[2], 0) + 1  # a run-together paragraph, or the first of a list apart
    return max(ways, key=lambda way: (ways[way], way == ""), default="")


def _usual_style(lines: list[Line]) -> str | None:
    """The numbering most lists of points in the document use (一是, 首先 or ①), counting each list once."""
    counts: dict[str, int] = {}
    for line in lines:
        found = typed_points(line.text, first=1)
        if found is not None:
            counts[found[0]] = counts.get(found[0], 0) + 1
    return max(counts, key=lambda style: (counts[style], style == "一是"), default=None)


def _tree(lines: list[Line], styles: list[str], seen: dict[str, Any], year: int = 0, first_month: int = 1) -> _Node:
    root = _Node(None, 0)
    stack = [root]
    lead_points = not any(typed_points(line.text, first=None) for line in lines)  # bold leads are points when no list is typed

    def take(line: Line) -> bool:
        """Place the line; True when a table part took it (a row, or a note under it): kept whatever the part becomes."""
        text = line.text
        row = _row(line)
        event = _event(text, year, first_month) if year else None
        if event is not None and len(stack) > 1 and _within(event[0], year, first_month):
            stack[-1].events.append((*event, text))
            return False
        if stack[-1].events and typed_heading(text) is None and row is None:
            # Prose after dated paragraphs: they were paragraphs that begin with a date, not a closing list of
            # events (events print after everything else in their section), so they stay paragraphs in order.
            stack[-1].paragraphs += [written for _, _, written in stack[-1].events]
            stack[-1].events = []
        part = stack[1] if len(stack) > 1 else root
        here = stack[-1] if len(stack) > 2 else part  # a table in a section stays there; a part's is a part
        if row is not None and here is not part:
            if not here.table_open:
                holder = here.trailing if here.trailing else here.paragraphs
                here.tables.append(_Rows(holder.pop() if holder and _CAPTION.match(holder[-1]) else None))
            here.tables[-1].rows.append(row)
            here.table_open = True
            return False  # in the part's lines too: a part that fits no shape keeps it as written
        if row is not None:
            if not part.rows:
                holder = stack[-1].trailing if stack[-1].trailing else stack[-1].paragraphs
                if holder and _CAPTION.match(holder[-1]):
                    part.caption = holder.pop()
            part.rows.append(row)
            part.table_open = True
            return True
        if here.table_open and typed_heading(text) is None and _unnumbered_heading(line) is None and typed_points(text, first=None) is None:
            (part.notes if here is part else here.tables[-1].notes).append(text)  # under a table until the next heading: its notes
            return here is part
        here.table_open = False
        heading = typed_heading(text) or _unnumbered_heading(line)
        points = typed_points(text, first=len(stack[-1].points) + 1 if stack[-1].points else 1)
        if points is not None and stack[-1].points and points[2] != stack[-1].way:
            points = None  # a second list in the same place written another way: kept as the paragraph it is
        lead = _bold_lead(line) if lead_points and heading is None and len(stack) > 1 else None
        if lead is not None:
            points = ("none", (lead,), "")
        fresh = typed_points(text) if stack[-1].points and points is None else None
        if fresh is not None and stack[-1].trailing and len(stack) == 2:
            # A second list after paragraphs (问题 … then 针对上述问题 … 一是): a part without a heading goes on.
            continuation = _Node(None, stack[-1].level, paragraphs=stack[-1].trailing, kind_hint="plans")
            stack[-1].trailing = []
            stack[-2].children.append(continuation)
            stack[-1] = continuation
            points = fresh
        if points is not None and not stack[-1].children and (heading is None or heading.style == "①"):
            stack[-1].points += points[1]
            stack[-1].together = bool(points[2])
            seen.setdefault("points", points[0])
            stack[-1].way, stack[-1].style = points[2], points[0]
            return False
        if heading is not None and (heading.style in styles or len(styles) < 4):
            if heading.style not in styles:
                styles.append(heading.style)
            level = styles.index(heading.style) + 1
            while stack[-1].level >= level:
                stack.pop()
            node = _Node(heading, level, line.number)
            if heading.body:
                node.paragraphs.append(heading.body)
                seen.setdefault("run_in", set()).add(level)
            stack[-1].children.append(node)
            stack.append(node)
            return False
        (stack[-1].trailing if stack[-1].points else stack[-1].paragraphs).append(text)
        return False

    for line in lines:
        if not take(line):
            (stack[1] if len(stack) > 1 else root).source.append(line.text)
    return root


def _closing(root: _Node) -> list[str]:
    """Paragraphs after the last list of points in the document are its closing (结尾段); elsewhere they stay
    with their section, printed before its points (the format has no place after them: said as a guess)."""
    node = root
    while node.children:
        node = node.children[-1]
    closing, node.trailing = node.trailing, []
    part = root.children[-1] if root.children else root
    if closing and part.source[-len(closing) :] == closing:
        del part.source[-len(closing) :]  # the closing is the report's, not the last part's
    return closing


def _at(source: list[Line], text: str) -> int | None:
    """The source paragraph a record text came from (its start found in it)."""
    start = text.replace("{{", "{").replace("}}", "}")[:20]
    return next((line.number for line in source if start in line.text), None)


def _fold_trailing(node: _Node, guesses: list[Guess], source: list[Line]) -> None:
    if node.trailing:
        start = node.trailing[0][:12]
        guesses.append(Guess(f"“{start}……”在要点之后，移到了要点之前", f"'{start}…' came after the points; moved before them", _at(source, node.trailing[0])))
        node.paragraphs += node.trailing
        node.trailing = []
    for child in node.children:
        _fold_trailing(child, guesses, source)


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
        item: dict[str, Any] = {"id": f"{prefix}-{n}", "lead": escape(point.lead)}
        if point.text:
            item["text"] = escape(point.text)
        out.append(item)
    return out


def _events(events: list[tuple[str, str, str]], prefix: str) -> list[dict[str, Any]]:
    return [{"id": f"{prefix}-{n}", "date": date, "text": escape(text)} for n, (date, text, _) in enumerate(events, start=1)]


def _way(node: _Node, usual: tuple[str, str]) -> dict[str, Any]:
    """A list of points written otherwise than the document's usual way (run together or apart, numbered 一是,
    首先 or ①) says how it is written."""
    way, style = usual
    if not node.points:
        return {}
    numbered = {"points_style": node.style} if node.style and node.style != style else {}
    if node.way == way:
        return numbered
    joiner = {"points_joiner": node.way} if node.way and node.way != (way or "；") else {}
    return {**numbered, "points_together": bool(node.way), **joiner}


def _section(node: _Node, ident: str, way: tuple[str, str]) -> dict[str, Any]:
    assert node.heading is not None
    section: dict[str, Any] = {"id": ident, "heading": escape(node.heading.text)}
    if node.paragraphs:
        section["paragraphs"] = [escape(p) for p in node.paragraphs]
    if node.tables:
        section["tables"] = [_table_body(table.caption, table.rows, table.notes) for table in node.tables]
    if node.points:
        section.update(_way(node, way))
        section["points"] = _points(node.points, f"{ident}-point")
    if node.children:
        section["sections"] = [_section(child, f"{ident}-{n}", way) for n, child in enumerate(node.children, start=1)]
    if node.events:
        section["events"] = _events(node.events, f"{ident}-event")
    return section


def _cell(value: str) -> Any:
    """A cell as the records hold it: a number when it is one (printed back with the digits written), else text."""
    if re.fullmatch(r"-?\d{1,12}", value):
        return int(value)
    if re.fullmatch(r"-?\d{1,12}\.\d{1,6}", value):
        return Written(value)
    return escape(value) if value else None


def _spanned(cell: Cell, colspan: int) -> Any:
    value = _cell(cell.text)
    spans = {key: n for key, n in (("colspan", colspan), ("rowspan", cell.rowspan)) if n > 1}
    return {"value": value, **spans} if spans else value


def _table_body(caption: str | None, table_rows: list[tuple[Cell, ...]], notes: list[str]) -> dict[str, Any]:
    """A table's caption, header, rows and notes, merged cells with their spans. A row narrower than the widest has its last cell merged
    across the rest (text copied out of Word gives no merges: the cells' text is kept, their spans are a guess);
    the header is the first row and the rows its cells reach down over."""
    below: dict[int, int] = {}  # row → positions covered there by cells merged down from rows above
    used: list[int] = []
    for r, row in enumerate(table_rows):
        used.append(sum(cell.colspan for cell in row) + below.get(r, 0))
        for cell in row:
            for down in range(1, cell.rowspan):
                below[r + down] = below.get(r + down, 0) + cell.colspan
    width = max(used)
    rows = [[_spanned(cell, cell.colspan + (width - used[r] if c == len(row) - 1 else 0)) for c, cell in enumerate(row)] for r, row in enumerate(table_rows)]
    header = min(max((cell.rowspan for cell in table_rows[0]), default=1), len(rows) - 1)  # a lone row is data
    table: dict[str, Any] = {"caption": escape(caption)} if caption else {}
    if header > 0:
        table["header"] = rows[:header]
    table["rows"] = rows[header:]
    if notes:
        table["notes"] = [escape(p) for p in notes]
    return table


def _table(node: _Node, year: int, heading: dict[str, Any], intro: dict[str, Any]) -> dict[str, Any]:
    """The part's table, as a part of its own."""
    return {"format": 2, "year": year, "type": "table", **heading, **intro, **_table_body(node.caption, node.rows, node.notes)}


def _parts(node: _Node, n: int, year: int, way: tuple[str, str]) -> list[tuple[str, dict[str, Any]]]:
    """A level-1 node's part; a table in it is a table part (the whole part when nothing else is in it, else a
    part without a heading right after). Dated paragraphs in a part with points, sections or a table are kept as
    paragraphs (only a part of events alone is a timeline)."""
    if node.events and (node.points or node.children or node.rows):
        node.paragraphs += [written for _, _, written in node.events]
        node.events = []
    if not node.rows:
        return [_part(node, n, year, way)]
    heading = {"heading": escape(node.heading.text)} if node.heading else {}
    intro = {"intro": [escape(p) for p in node.paragraphs]} if node.paragraphs else {}
    if not node.points and not node.children:
        return [(f"part-{n}", _table(node, year, heading, intro))]
    return [_part(node, n, year, way), (f"part-{n}-table", _table(node, year, {}, {}))]


def _part(node: _Node, n: int, year: int, way: tuple[str, str]) -> tuple[str, dict[str, Any]]:
    name = f"part-{n}"
    data: dict[str, Any] = {"format": 2, "year": year}
    kind = _kind(node)
    heading = {"heading": escape(node.heading.text)} if node.heading else {}
    intro = {"intro": [escape(p) for p in node.paragraphs]} if node.paragraphs else {}
    if kind == "problems" and node.points and not node.children:
        return name, {**data, "type": "problems", **heading, **intro, **_way(node, way), "problems": _points(node.points, f"problem-{n}")}
    if kind == "plans" and not node.paragraphs[len(intro.get("intro", [])) :] and (node.points or node.children):
        plans = {**_way(node, way), "plans": _points(node.points, f"plan-{n}")} if node.points else {}
        areas = {"areas": [_section(child, f"area-{n}-{i}", way) for i, child in enumerate(node.children, start=1)]} if node.children else {}
        return name, {**data, "type": "plans", **heading, **intro, **areas, **plans}
    if kind == "figures" and node.points and not node.children:
        return name, {**data, "type": "figures", **heading, **intro, **_way(node, way), "points": _points(node.points, f"point-{n}")}
    if node.children and not node.points:
        return name, {
            **data,
            "type": "narrative",
            **heading,
            **intro,
            "areas": [_section(child, f"area-{n}-{i}", way) for i, child in enumerate(node.children, start=1)],
        }
    if node.events and not node.points and not node.children:
        return name, {**data, "type": "timeline", **heading, **intro, "events": _events(node.events, f"event-{n}")}
    if node.points and not node.children:  # points under a heading of no particular kind: a section of its own
        return name, {**data, "type": "figures", **heading, **intro, **_way(node, way), "points": _points(node.points, f"point-{n}")}
    # Fits no shape (points and sections side by side, …): the part's lines as written, in order, as free text.
    written = [line.replace("\t", "　") for line in (node.source[1:] if node.heading else node.source)]  # a row's cells apart
    if node.heading and node.heading.body:
        written = [node.heading.body, *written]
    return name, {**data, "type": "text", **heading, "paragraphs": [escape(p) for p in written] or ["（空）"]}


def import_paragraphs(paragraphs: list[str], year: int) -> Imported:
    """Records for a report given as the text of its paragraphs (copied out of Word: no formatting)."""
    return import_lines(lines_of(paragraphs), year)


def import_lines(source: list[Line], year: int) -> Imported:
    """Records for a report given as its lines (paragraphs and table rows, with their formatting when known)."""
    guesses: list[Guess] = []
    texts = list(source)
    title_lines = _title(texts)
    report: dict[str, Any] = {"format": 2, "year": year}
    if texts and _DOC_NUMBER.match(texts[0].text):
        report["doc_number"] = escape(texts.pop(0).text)
    if texts and texts[0].text.endswith("：") and len(texts[0].text) <= 30 and typed_heading(texts[0].text) is None:
        report["addressee"] = escape(texts.pop(0).text)
    body, back, notes = _tail(texts)
    styles: list[str] = []
    seen: dict[str, Any] = {}
    school_year = _SCHOOL_YEAR.search(title_lines[0] if title_lines else "")
    if school_year and int(school_year.group(2)) == int(school_year.group(1)) + 1:
        report["period"] = {"from": f"{school_year.group(1)}-09", "to": f"{school_year.group(2)}-08"}
        first, last = school_year.group(1), school_year.group(2)
        guesses.append(
            Guess(
                f"标题中的“{school_year.group(0)}”识别为报告期 {first}年9月至{last}年8月",
                f"'{school_year.group(0)}' in the title: the period September {first} to August {last}",
                1,
            )
        )
    root = _tree(body, styles, seen, year, 9 if "period" in report else 1)
    closing = _closing(root)
    _fold_trailing(root, guesses, source)
    topic = "".join(title_lines) or f"{year}年工作总结"
    title = "\n".join(escape(line) for line in title_lines) or topic  # lines where the original broke them
    report.update({"title": title, "topic": escape(topic)})
    report["opening"] = [escape(p) for p in root.paragraphs] or None
    numbering: dict[str, Any] = {}
    styles = [style if not style.startswith("none") else "none" for style in styles]
    if styles and tuple(styles) != GB_HEADINGS[: len(styles)]:
        numbering["headings"] = styles
    style = _usual_style(body) or seen.get("points", "一是")
    if style != "一是":
        numbering["points"] = style
    if seen.get("run_in"):
        numbering["run_in"] = sorted(seen["run_in"])
    way = _usual_way(body)
    usual = (way, style)
    if way:
        numbering["points_together"] = True
    if way == "。":
        numbering["points_joiner"] = "。"
    parts: dict[str, dict[str, Any]] = {}
    for n, node in enumerate(root.children, start=1):
        for name, data in _parts(node, n, year, usual):
            parts[name] = data
            what = PART_TYPES[str(data["type"])]
            heading = node.heading.text if node.heading else ""
            guesses.append(
                Guess(
                    f"“{heading or '（无标题）'}”识别为{what.title}部分",
                    f"'{heading or '(no heading)'}' read as a part of {what.title_en}",
                    node.number or None,
                )
            )
    if root.points:  # points before any heading: kept as a part without a heading
        part = {"format": 2, "year": year, "type": "figures", **_way(root, usual), "points": _points(root.points, "point-0")}
        parts = {"part-0": part, **parts}
    if root.rows:  # a table before any heading: a table part of its own, first
        parts = {"part-0-table": _table(root, year, {}, {}), **parts}
    if not parts and report["opening"]:  # prose and nothing else: kept as a part of free text
        parts["part-1"] = {"format": 2, "year": year, "type": "text", "paragraphs": report.pop("opening")}
        report["opening"] = None
    parts = _named_by_type(parts)
    report["parts"] = list(parts)
    if numbering:
        report["numbering"] = numbering
    if closing:
        report["closing"] = [escape(p) for p in closing]
    report.update(back)
    if notes:
        report["notes"] = notes
    if report["opening"] is None:
        del report["opening"]
    order = ("format", "year", "period", "title", "topic", "doc_number", "addressee", "figures", "opening", "parts", "numbering", "closing")
    report = {key: report[key] for key in sorted(report, key=lambda key: order.index(key) if key in order else len(order))}
    made = _name_figures(report, parts, guesses, source)
    blanks = sum(1 for named in made if named.found.value is None)
    return Imported(report, parts, guesses, len(made) - blanks, blanks)


def _name_figures(report: dict[str, Any], parts: dict[str, dict[str, Any]], guesses: list[Guess], source: list[Line]) -> list[Named]:
    namer, made = Namer(set()), list[Named]()
    for holder in (report, *parts.values()):
        name_figures(holder, namer, made)
    for named in made:
        found = named.found
        written = f"{found.written}{found.unit or ''}"
        what = "待填数值" if found.value is None else "命名数值"
        english = "an unfilled value" if found.value is None else "a named value"
        guesses.append(
            Guess(
                f"“{written}”成为{what} {{{named.id}}}，名称“{found.label}”",
                f"'{written}' became {english} {{{named.id}}}, labelled '{found.label}'",
                _at(source, named.text),
            )
        )
    return made
