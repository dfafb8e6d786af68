"""The typed model of the records: frozen dataclasses built only from data that passed its schema.

Every element carries its `Where`, so a rule can point at it (or at one of its fields) without the model
holding line numbers: positions are resolved only for what is reported.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from yearbook.findings import Where

ValueKind = Literal["count", "number", "percent", "rate", "text"]
FigureValue = int | float | str | None


@dataclass(frozen=True, slots=True)
class Text:
    """A piece of prose and where it stands; prose may refer to named values as {id}."""

    value: str
    where: Where


@dataclass(frozen=True, slots=True)
class Figure:
    id: str
    label: str
    kind: ValueKind
    unit: str | None
    value: FigureValue
    where: Where
    compute: str | None = None  # sum(a, b), ratio(a, b), growth(a), change(a), last(a): see yearbook.compute
    decimals: int | None = None

    @property
    def filled(self) -> bool:
        return self.value is not None and self.value != ""


@dataclass(frozen=True, slots=True)
class Point:
    """A run-in point (一是…): a lead sentence and the text after it."""

    id: str
    lead: Text
    text: Text | None
    where: Where


@dataclass(frozen=True, slots=True)
class Event:
    id: str
    date: str
    text: Text
    carries_out: tuple[str, ...]
    where: Where


@dataclass(frozen=True, slots=True)
class PointsWay:
    """How one list of points is written where it differs from the document's numbering: its numbering style
    (points_style), apart or run together (points_together), and what joins run-together points
    (points_joiner). None: as the document says."""

    together: bool | None = None
    joiner: str | None = None
    style: str | None = None  # 一是, 首先, ① or none (points_style)


def points_way_at(data: Mapping[str, Any]) -> PointsWay:
    together = data.get("points_together")
    return PointsWay(bool(together) if together is not None else None, data.get("points_joiner"), data.get("points_style"))


@dataclass(frozen=True, slots=True)
class Section:
    """An area of work at any heading level: paragraphs, then points, then subsections, then events."""

    id: str
    heading: Text
    owner: str | None
    carries_out: tuple[str, ...]
    figures: tuple[Figure, ...]
    paragraphs: tuple[Text, ...]
    points: tuple[Point, ...]
    sections: tuple[Section, ...]
    events: tuple[Event, ...]
    where: Where
    points_way: PointsWay = PointsWay()
    tables: tuple[TableBody, ...] = ()  # printed after the paragraphs, before the points


@dataclass(frozen=True, slots=True)
class Numbering:
    """How the report numbers its headings (per level) and its points, and what runs in (GB/T default)."""

    headings: tuple[str, ...] = ("一、", "（一）", "1.", "（1）")
    points: str = "一是"
    run_in: frozenset[int] = frozenset()  # heading levels whose heading runs into the first paragraph
    points_together: bool = False  # points run together in one paragraph: 一是……；二是……。
    points_joiner: str = "；"  # what ends each run-together point but the last: ；or 。 (一是……。二是……。)


@dataclass(frozen=True, slots=True)
class Report:
    topic: Text
    title: Text | None
    opening: tuple[Text, ...]
    closing: tuple[Text, ...]
    signature: Text | None
    date: str | None
    figures: tuple[Figure, ...]
    where: Where
    doc_number: Text | None = None  # 文号, centred under the title
    attachments: tuple[Text, ...] = ()  # 附件说明: names, numbered 1. 2. under the body
    addressee: Text | None = None  # 各位代表：, flush left before the opening
    signed: bool = True  # False: `signature: false`, a document printed without a signature
    dated: bool = True  # False: `date: false`, a document printed without a date
    parts: tuple[str, ...] = ()  # the part files (names without .yaml), in document order
    numbering: Numbering = Numbering()
    period: tuple[str, str] | None = None  # (from, to) when the report covers other than the calendar year
    signers: tuple[Text, ...] = ()  # several signers (联合署名), one per line, when `signature` is a list
    notes: tuple[Text, ...] = ()  # 附注 under the date, e.g. （此件公开发布）
    attachment_pages: tuple[tuple[Text, ...], ...] = ()  # per attachment, the paragraphs of its own page (or none)


@dataclass(frozen=True, slots=True)
class Responsibility:
    id: str
    role: Text
    holders: tuple[Text, ...]
    duties: tuple[Text, ...]
    where: Where


@dataclass(frozen=True, slots=True)
class Plan:
    id: str
    lead: Text
    text: Text | None
    addresses: tuple[str, ...]
    owner: str | None
    where: Where


class Part:
    """What every part of the document (one record file each, see `yearbook.parts`) tells the generic walk.

    A part type overrides what it holds; the defaults say it holds nothing of that sort.
    """

    __slots__ = ()
    name: str  # the file's name without .yaml
    heading: Text | None
    where: Where

    def own_figures(self) -> Iterator[Figure]:
        return iter(())

    def prose(self) -> Iterator[Text]:
        return iter(())

    def numbered(self) -> Iterator[Text]:
        """Headings and leads the report numbers itself."""
        return iter(())

    def identified(self) -> Iterator[tuple[str, str, Where]]:
        return iter(())

    def sections(self) -> Iterator[Section]:
        """Every section at any depth: the owners, links and events rules look at."""
        return iter(())

    def problem_points(self) -> Iterator[Point]:
        return iter(())

    def own_events(self) -> Iterator[Event]:
        return (event for section in self.sections() for event in section.events)

    def plan_items(self) -> Iterator[Plan]:
        return iter(())

    def planned_items(self) -> Iterator[Plan]:
        """What the part plans for the next year, for next year's items to carry out (see YearRecords.planned)."""
        return self.plan_items()


@dataclass(frozen=True, slots=True)
class Framed(Part):
    """The frame every part type shares: its file name, heading, introduction, figures and place. A type adds
    its body's fields and says what the body holds through the `body_…` methods."""

    name: str
    heading: Text | None
    intro: tuple[Text, ...]
    figures: tuple[Figure, ...]
    where: Where
    points_way: PointsWay  # how the part's own lists of points are written, where it differs from the document

    def own_figures(self) -> Iterator[Figure]:
        yield from self.figures
        yield from self.body_figures()

    def prose(self) -> Iterator[Text]:
        yield from present(self.heading)
        yield from self.intro
        yield from self.body_prose()

    def numbered(self) -> Iterator[Text]:
        yield from present(self.heading)
        yield from self.body_numbered()

    def body_figures(self) -> Iterator[Figure]:
        return iter(())

    def body_prose(self) -> Iterator[Text]:
        return iter(())

    def body_numbered(self) -> Iterator[Text]:
        return iter(())


def frame(name: str, data: Mapping[str, Any], where: Where, intro: str = "intro") -> dict[str, Any]:
    """The frame's fields from a part file's data, as keyword arguments for the part's constructor."""
    return {
        "name": name,
        "heading": text_at(data, "heading", where),
        "intro": texts_at(data, intro, where),
        "figures": figures_at(data, where),
        "where": where,
        "points_way": points_way_at(data),
    }


@dataclass(frozen=True, slots=True)
class Org:
    name: str | None
    short_name: str | None
    where: Where


@dataclass(frozen=True, slots=True)
class YearRecords:
    """One year's records. `report` is None when report.yaml is missing or failed; `parts` holds the parts that
    loaded, in document order, and `complete` says whether every part did (so that links into them can be
    judged). When report.yaml failed, its parts are the folder's other files, and the year cannot compile."""

    year: int
    report: Report | None
    responsibilities: tuple[Responsibility, ...] | None
    parts: tuple[Part, ...]
    declared_years: tuple[tuple[int, Where], ...]
    complete: bool = True
    computed: Mapping[str, Figure] = field(default_factory=dict)  # computed figures with their values (yearbook.compute)
    missing: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # computed id → inputs still unfilled

    def figures(self) -> Iterator[Figure]:
        """Every named value of the year, in document order; a computed one with its computed value."""
        computed = self.computed
        if self.report is not None:
            yield from (computed.get(figure.id, figure) for figure in self.report.figures) if computed else self.report.figures
        for part in self.parts:
            yield from (computed.get(figure.id, figure) for figure in part.own_figures()) if computed else part.own_figures()

    def sections(self) -> Iterator[Section]:
        for part in self.parts:
            yield from part.sections()

    def events(self) -> Iterator[Event]:
        """Every dated event: in sections and in timelines."""
        for part in self.parts:
            yield from part.own_events()

    def problems(self) -> Iterator[Point]:
        for part in self.parts:
            yield from part.problem_points()

    def plans(self) -> Iterator[Plan]:
        for part in self.parts:
            yield from part.plan_items()

    def planned(self) -> Iterator[Plan]:
        """What the year plans for the next: its plans, and the areas of its plans parts (a 工作要点 plans in
        areas and points, not in a list of plans). Next year's items carry these out."""
        for part in self.parts:
            yield from part.planned_items()

    def has(self, part_type: type[Part]) -> bool:
        return any(isinstance(part, part_type) for part in self.parts)

    def texts(self) -> Iterator[Text]:
        """Every piece of prose in the year, in document order."""
        if self.report is not None:
            yield from present(self.report.title, self.report.topic, self.report.doc_number, self.report.addressee)
            yield from self.report.opening
        for part in self.parts:
            yield from part.prose()
        if self.report is not None:
            yield from self.report.closing
            yield from self.report.attachments
            yield from present(self.report.signature)
            yield from self.report.signers
            yield from self.report.notes
            yield from (text for page in self.report.attachment_pages for text in page)
        for responsibility in self.responsibilities or ():
            yield responsibility.role
            yield from responsibility.holders
            yield from responsibility.duties
        for figure in self.figures():
            yield Text(figure.label, figure.where.at("label"))
            if figure.kind == "text" and isinstance(figure.value, str):
                yield Text(figure.value, figure.where.at("value"))

    def numbered(self) -> Iterator[Text]:
        """The headings and leads the report numbers itself (一、（一）1.（1）, 一是……), in document order."""
        for part in self.parts:
            yield from part.numbered()

    def identified(self) -> Iterator[tuple[str, str, Where]]:
        """(kind, id, where) of everything that carries an id, for uniqueness and links."""
        for figure in self.figures():
            yield "figure", figure.id, figure.where
        for responsibility in self.responsibilities or ():
            yield "responsibility", responsibility.id, responsibility.where.at("id")
        for part in self.parts:
            yield from part.identified()


def walk_sections(sections: tuple[Section, ...]) -> Iterator[Section]:
    for section in sections:
        yield section
        yield from walk_sections(section.sections)


def present(*texts: Text | None) -> Iterator[Text]:
    """The texts that are there (optional ones left out)."""
    return (text for text in texts if text is not None)


def point_texts(points: tuple[Point, ...]) -> Iterator[Text]:
    for point in points:
        yield from present(point.lead, point.text)


def section_texts(sections: tuple[Section, ...]) -> Iterator[Text]:
    for section in walk_sections(sections):
        yield section.heading
        yield from section.paragraphs
        for table in section.tables:
            yield from table.texts()
        yield from point_texts(section.points)
        yield from (event.text for event in section.events)


def section_numbered(sections: tuple[Section, ...]) -> Iterator[Text]:
    for section in walk_sections(sections):
        yield section.heading
        yield from (point.lead for point in section.points)


def section_ids(sections: tuple[Section, ...]) -> Iterator[tuple[str, str, Where]]:
    for section in walk_sections(sections):
        yield "area", section.id, section.where.at("id")
        yield from (("point", p.id, p.where.at("id")) for p in section.points)
        yield from (("event", e.id, e.where.at("id")) for e in section.events)


def section_figures(sections: tuple[Section, ...]) -> Iterator[Figure]:
    for section in walk_sections(sections):
        yield from section.figures


# --- building: from schema-valid plain data ---------------------------------------------------------


def text_at(data: Mapping[str, Any], key: str, where: Where) -> Text | None:
    value = data.get(key)
    return None if value is None else Text(value, where.at(key))


def texts_at(data: Mapping[str, Any], key: str, where: Where) -> tuple[Text, ...]:
    base = where.at(key)
    return tuple(Text(value, base.at(i)) for i, value in enumerate(data.get(key) or ()))


def figures_at(data: Mapping[str, Any], where: Where) -> tuple[Figure, ...]:
    base = where.at("figures")
    return tuple(
        Figure(fid, f["label"], f["kind"], f.get("unit"), f.get("value"), base.at(fid), f.get("compute"), f.get("decimals"))
        for fid, f in (data.get("figures") or {}).items()
    )


def points_at(items: list[dict[str, Any]], where: Where) -> tuple[Point, ...]:
    points = []
    for i, item in enumerate(items):
        at = where.at(i)
        points.append(Point(item["id"], Text(item["lead"], at.at("lead")), text_at(item, "text", at), at))
    return tuple(points)


def events_at(data: Mapping[str, Any], where: Where) -> tuple[Event, ...]:
    return tuple(
        Event(e["id"], e["date"], Text(e["text"], where.at("events", i, "text")), tuple(e.get("carries_out") or ()), where.at("events", i))
        for i, e in enumerate(data.get("events") or ())
    )


def section_at(data: dict[str, Any], where: Where) -> Section:
    return Section(
        id=data["id"],
        heading=Text(data["heading"], where.at("heading")),
        owner=data.get("owner"),
        carries_out=tuple(data.get("carries_out") or ()),
        figures=figures_at(data, where),
        paragraphs=texts_at(data, "paragraphs", where),
        points=points_at(data.get("points") or [], where.at("points")),
        sections=tuple(section_at(sub, where.at("sections", i)) for i, sub in enumerate(data.get("sections") or ())),
        events=events_at(data, where),
        where=where,
        points_way=points_way_at(data),
        tables=tuple(table_at(table, where.at("tables", i)) for i, table in enumerate(data.get("tables") or ())),
    )


def plans_at(items: list[dict[str, Any]], base: Where) -> tuple[Plan, ...]:
    return tuple(
        Plan(p["id"], Text(p["lead"], base.at(i, "lead")), text_at(p, "text", base.at(i)), tuple(p.get("addresses") or ()), p.get("owner"), base.at(i))
        for i, p in enumerate(items)
    )


_DEFAULT = Numbering()


def numbering_of(data: Mapping[str, Any] | None) -> Numbering:
    if not data:
        return _DEFAULT
    headings = tuple(data.get("headings") or ())
    return Numbering(
        headings + _DEFAULT.headings[len(headings) :],
        data.get("points", _DEFAULT.points),
        frozenset(data.get("run_in") or ()),
        bool(data.get("points_together", False)),
        str(data.get("points_joiner", _DEFAULT.points_joiner)),
    )


def _attachment_name(item: str | dict[str, Any], where: Where) -> Text:
    return Text(item["name"], where.at("name")) if isinstance(item, dict) else Text(item, where)


def build_report(data: dict[str, Any], where: Where) -> Report:
    topic = Text(data["topic"], where.at("topic"))
    return Report(
        topic,
        text_at(data, "title", where),
        texts_at(data, "opening", where),
        texts_at(data, "closing", where),
        text_at(data, "signature", where) if isinstance(data.get("signature"), str) else None,
        data.get("date") or None,
        figures_at(data, where),
        where,
        doc_number=text_at(data, "doc_number", where),
        attachments=tuple(_attachment_name(item, where.at("attachments", i)) for i, item in enumerate(data.get("attachments") or ())),
        attachment_pages=tuple(
            texts_at(item, "paragraphs", where.at("attachments", i)) if isinstance(item, dict) else () for i, item in enumerate(data.get("attachments") or ())
        ),
        signers=texts_at(data, "signature", where) if isinstance(data.get("signature"), list) else (),
        notes=texts_at(data, "notes", where),
        addressee=text_at(data, "addressee", where),
        signed=data.get("signature") is not False,
        dated=data.get("date") is not False,
        parts=tuple(data.get("parts") or ()),
        numbering=numbering_of(data.get("numbering")),
        period=(data["period"]["from"], data["period"]["to"]) if "period" in data else None,
    )


def build_responsibilities(data: dict[str, Any], where: Where) -> tuple[Responsibility, ...]:
    base = where.at("responsibilities")
    return tuple(
        Responsibility(r["id"], Text(r["role"], base.at(i, "role")), texts_at(r, "holders", base.at(i)), texts_at(r, "duties", base.at(i)), base.at(i))
        for i, r in enumerate(data["responsibilities"])
    )


def build_org(data: dict[str, Any], where: Where) -> Org:
    return Org(data.get("name"), data.get("short_name"), where)


# --- tables: a table part's, or one standing in a section -------------------------------------------------

CellValue = str | int | float | None


@dataclass(frozen=True, slots=True)
class Cell:
    value: CellValue  # text (may refer to figures as {id}), a number, or None: a blank to fill
    colspan: int
    rowspan: int
    where: Where


@dataclass(frozen=True, slots=True)
class Row:
    id: str | None
    cells: tuple[Cell, ...]
    where: Where


@dataclass(frozen=True, slots=True)
class TableBody:
    """A table as printed: caption, header rows, body rows, notes under it, and column widths (relative)."""

    caption: Text | None
    widths: tuple[float, ...]
    header: tuple[Row, ...]
    rows: tuple[Row, ...]
    notes: tuple[Text, ...]
    where: Where

    def all_rows(self) -> tuple[Row, ...]:
        return (*self.header, *self.rows)

    def texts(self) -> Iterator[Text]:
        yield from present(self.caption)
        for row in self.all_rows():
            yield from (Text(cell.value, cell.where) for cell in row.cells if isinstance(cell.value, str))
        yield from self.notes


def cell_at(raw: Any, where: Where) -> Cell:
    if isinstance(raw, dict):
        return Cell(raw.get("value"), int(raw.get("colspan", 1)), int(raw.get("rowspan", 1)), where.at("value") if "value" in raw else where)
    return Cell(raw, 1, 1, where)


def row_at(raw: Any, where: Where) -> Row:
    if isinstance(raw, dict):
        cells_at = where.at("cells")
        return Row(raw.get("id"), tuple(cell_at(c, cells_at.at(j)) for j, c in enumerate(raw["cells"])), where)
    return Row(None, tuple(cell_at(c, where.at(j)) for j, c in enumerate(raw)), where)


def rows_at(data: Mapping[str, Any], key: str, where: Where) -> tuple[Row, ...]:
    return tuple(row_at(r, where.at(key, i)) for i, r in enumerate(data.get(key) or ()))


def table_at(data: Mapping[str, Any], where: Where) -> TableBody:
    return TableBody(
        text_at(data, "caption", where),
        tuple(float(w) for w in data.get("widths") or ()),
        rows_at(data, "header", where),
        rows_at(data, "rows", where),
        texts_at(data, "notes", where),
        where,
    )


@dataclass(frozen=True, slots=True)
class Grid:
    """Each cell's top-left position (row, column; 0-based over header and body rows), the positions each
    covers, and the width of the widest row; `ragged` lists rows that cover fewer or more columns."""

    anchors: Mapping[tuple[int, int], Cell]
    covered: Mapping[tuple[int, int], tuple[int, int]]  # any covered position → its cell's anchor
    columns: int
    ragged: tuple[tuple[int, int, Row], ...]  # (row index, columns covered, row)
    overflowing: tuple[Cell, ...] = ()  # merged down past the last row
    too_big: bool = False  # more than MAX_POSITIONS places: not laid out further

    def by_row(self, count: int) -> list[list[tuple[int, Cell]]]:
        """Each row's cells as (column, cell), left to right."""
        rows: list[list[tuple[int, Cell]]] = [[] for _ in range(count)]
        for (r, c), cell in sorted(self.anchors.items()):
            rows[r].append((c, cell))
        return rows


MAX_POSITIONS = 20_000  # far beyond any table in a report, and small enough to lay out, check and print at once


def grid(rows: tuple[Row, ...]) -> Grid:
    anchors: dict[tuple[int, int], Cell] = {}
    covered: dict[tuple[int, int], tuple[int, int]] = {}
    width = [0] * len(rows)  # per row, the columns covered so far
    overflowing: list[Cell] = []
    for r, row in enumerate(rows):
        c = 0
        for cell in row.cells:
            while (r, c) in covered:
                c += 1
            anchors[(r, c)] = cell
            if r + cell.rowspan > len(rows):
                overflowing.append(cell)
            if len(covered) + cell.rowspan * cell.colspan > MAX_POSITIONS:
                return Grid(anchors, covered, max(width, default=0), (), tuple(overflowing), too_big=True)
            for dr in range(min(cell.rowspan, len(rows) - r)):
                for dc in range(cell.colspan):
                    covered[(r + dr, c + dc)] = (r, c)
                width[r + dr] = max(width[r + dr], c + cell.colspan)
            c += cell.colspan
    columns = max(width, default=0)
    ragged = tuple((r, w, row) for r, (w, row) in enumerate(zip(width, rows, strict=True)) if w != columns)
    return Grid(anchors, covered, columns, ragged, tuple(overflowing))
