"""The typed model of the records: frozen dataclasses built only from data that passed its schema.

Every element carries its `Where`, so a rule can point at it (or at one of its fields) without the model
holding line numbers: positions are resolved only for what is reported.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
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


@dataclass(frozen=True, slots=True)
class Indicators:
    heading: Text
    figures: tuple[Figure, ...]
    paragraphs: tuple[Text, ...]
    points: tuple[Point, ...]
    where: Where


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


@dataclass(frozen=True, slots=True)
class Responsibility:
    id: str
    role: Text
    holders: tuple[Text, ...]
    duties: tuple[Text, ...]
    where: Where


@dataclass(frozen=True, slots=True)
class Activities:
    heading: Text
    intro: tuple[Text, ...]
    indicators: Indicators | None
    figures: tuple[Figure, ...]
    areas: tuple[Section, ...]
    where: Where


@dataclass(frozen=True, slots=True)
class Problems:
    heading: Text
    intro: tuple[Text, ...]
    figures: tuple[Figure, ...]
    problems: tuple[Point, ...]
    where: Where


@dataclass(frozen=True, slots=True)
class Plan:
    id: str
    lead: Text
    text: Text | None
    addresses: tuple[str, ...]
    owner: str | None
    where: Where


@dataclass(frozen=True, slots=True)
class Plans:
    heading: Text
    intro: tuple[Text, ...]
    figures: tuple[Figure, ...]
    plans: tuple[Plan, ...]
    where: Where


@dataclass(frozen=True, slots=True)
class Org:
    name: str | None
    short_name: str | None
    where: Where


@dataclass(frozen=True, slots=True)
class YearRecords:
    """One year's records. A part is None when its file is missing or failed to load or validate."""

    year: int
    report: Report | None
    responsibilities: tuple[Responsibility, ...] | None
    activities: Activities | None
    problems: Problems | None
    plans: Plans | None
    declared_years: tuple[tuple[int, Where], ...]

    def figures(self) -> Iterator[Figure]:
        """Every named value of the year, in document order."""
        if self.report is not None:
            yield from self.report.figures
        if self.activities is not None:
            yield from self.activities.figures
            if self.activities.indicators is not None:
                yield from self.activities.indicators.figures
            for section in walk_sections(self.activities.areas):
                yield from section.figures
        for holder in (self.problems, self.plans):
            if holder is not None:
                yield from holder.figures

    def texts(self) -> Iterator[Text]:
        """Every piece of prose in the year, in document order."""
        if self.report is not None:
            yield from _present(self.report.title, self.report.topic, self.report.doc_number, self.report.addressee)
            yield from self.report.opening
        if self.activities is not None:
            yield from _part_texts(self.activities.heading, self.activities.intro)
            if self.activities.indicators is not None:
                yield self.activities.indicators.heading
                yield from self.activities.indicators.paragraphs
                yield from _point_texts(self.activities.indicators.points)
            for section in walk_sections(self.activities.areas):
                yield section.heading
                yield from section.paragraphs
                yield from _point_texts(section.points)
                yield from (event.text for event in section.events)
        if self.problems is not None:
            yield from _part_texts(self.problems.heading, self.problems.intro)
            yield from _point_texts(self.problems.problems)
        if self.plans is not None:
            yield from _part_texts(self.plans.heading, self.plans.intro)
            for plan in self.plans.plans:
                yield from _present(plan.lead, plan.text)
        if self.report is not None:
            yield from self.report.closing
            yield from self.report.attachments
            yield from _present(self.report.signature)
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
        if self.activities is not None:
            if self.activities.indicators is not None:
                yield self.activities.indicators.heading
                yield from (point.lead for point in self.activities.indicators.points)
            yield self.activities.heading
            for section in walk_sections(self.activities.areas):
                yield section.heading
                yield from (point.lead for point in section.points)
        if self.problems is not None:
            yield self.problems.heading
            yield from (point.lead for point in self.problems.problems)
        if self.plans is not None:
            yield self.plans.heading
            yield from (plan.lead for plan in self.plans.plans)

    def identified(self) -> Iterator[tuple[str, str, Where]]:
        """(kind, id, where) of everything that carries an id, for uniqueness and links."""
        for figure in self.figures():
            yield "figure", figure.id, figure.where
        for responsibility in self.responsibilities or ():
            yield "responsibility", responsibility.id, responsibility.where.at("id")
        if self.activities is not None:
            if self.activities.indicators is not None:
                yield from (("point", p.id, p.where.at("id")) for p in self.activities.indicators.points)
            for section in walk_sections(self.activities.areas):
                yield "area", section.id, section.where.at("id")
                yield from (("point", p.id, p.where.at("id")) for p in section.points)
                yield from (("event", e.id, e.where.at("id")) for e in section.events)
        if self.problems is not None:
            yield from (("problem", p.id, p.where.at("id")) for p in self.problems.problems)
        if self.plans is not None:
            yield from (("plan", p.id, p.where.at("id")) for p in self.plans.plans)


def walk_sections(sections: tuple[Section, ...]) -> Iterator[Section]:
    for section in sections:
        yield section
        yield from walk_sections(section.sections)


def _present(*texts: Text | None) -> Iterator[Text]:
    return (text for text in texts if text is not None)


def _part_texts(heading: Text, intro: tuple[Text, ...]) -> Iterator[Text]:
    yield heading
    yield from intro


def _point_texts(points: tuple[Point, ...]) -> Iterator[Text]:
    for point in points:
        yield from _present(point.lead, point.text)


# --- building: from schema-valid plain data ---------------------------------------------------------


def _text(data: Mapping[str, Any], key: str, where: Where) -> Text | None:
    value = data.get(key)
    return None if value is None else Text(value, where.at(key))


def _texts(data: Mapping[str, Any], key: str, where: Where) -> tuple[Text, ...]:
    base = where.at(key)
    return tuple(Text(value, base.at(i)) for i, value in enumerate(data.get(key) or ()))


def _figures(data: Mapping[str, Any], where: Where) -> tuple[Figure, ...]:
    base = where.at("figures")
    return tuple(Figure(fid, f["label"], f["kind"], f.get("unit"), f.get("value"), base.at(fid)) for fid, f in (data.get("figures") or {}).items())


def _points(items: list[dict[str, Any]], where: Where) -> tuple[Point, ...]:
    points = []
    for i, item in enumerate(items):
        at = where.at(i)
        points.append(Point(item["id"], Text(item["lead"], at.at("lead")), _text(item, "text", at), at))
    return tuple(points)


def _section(data: dict[str, Any], where: Where) -> Section:
    return Section(
        id=data["id"],
        heading=Text(data["heading"], where.at("heading")),
        owner=data.get("owner"),
        carries_out=tuple(data.get("carries_out") or ()),
        figures=_figures(data, where),
        paragraphs=_texts(data, "paragraphs", where),
        points=_points(data.get("points") or [], where.at("points")),
        sections=tuple(_section(sub, where.at("sections", i)) for i, sub in enumerate(data.get("sections") or ())),
        events=tuple(
            Event(e["id"], e["date"], Text(e["text"], where.at("events", i, "text")), tuple(e.get("carries_out") or ()), where.at("events", i))
            for i, e in enumerate(data.get("events") or ())
        ),
        where=where,
    )


def build_report(data: dict[str, Any], where: Where) -> Report:
    topic = Text(data["topic"], where.at("topic"))
    return Report(
        topic,
        _text(data, "title", where),
        _texts(data, "opening", where),
        _texts(data, "closing", where),
        _text(data, "signature", where) if data.get("signature") is not False else None,
        data.get("date") or None,
        _figures(data, where),
        where,
        doc_number=_text(data, "doc_number", where),
        attachments=_texts(data, "attachments", where),
        addressee=_text(data, "addressee", where),
        signed=data.get("signature") is not False,
        dated=data.get("date") is not False,
    )


def build_responsibilities(data: dict[str, Any], where: Where) -> tuple[Responsibility, ...]:
    base = where.at("responsibilities")
    return tuple(
        Responsibility(r["id"], Text(r["role"], base.at(i, "role")), _texts(r, "holders", base.at(i)), _texts(r, "duties", base.at(i)), base.at(i))
        for i, r in enumerate(data["responsibilities"])
    )


def build_activities(data: dict[str, Any], where: Where) -> Activities:
    indicators = None
    if "indicators" in data:
        raw, at = data["indicators"], where.at("indicators")
        indicators = Indicators(
            Text(raw["heading"], at.at("heading")), _figures(raw, at), _texts(raw, "paragraphs", at), _points(raw.get("points") or [], at.at("points")), at
        )
    return Activities(
        Text(data["heading"], where.at("heading")),
        _texts(data, "intro", where),
        indicators,
        _figures(data, where),
        tuple(_section(area, where.at("areas", i)) for i, area in enumerate(data["areas"])),
        where,
    )


def build_problems(data: dict[str, Any], where: Where) -> Problems:
    return Problems(
        Text(data["heading"], where.at("heading")),
        _texts(data, "intro", where),
        _figures(data, where),
        _points(data["problems"], where.at("problems")),
        where,
    )


def build_plans(data: dict[str, Any], where: Where) -> Plans:
    base = where.at("plans")
    plans = tuple(
        Plan(p["id"], Text(p["lead"], base.at(i, "lead")), _text(p, "text", base.at(i)), tuple(p.get("addresses") or ()), p.get("owner"), base.at(i))
        for i, p in enumerate(data["plans"])
    )
    return Plans(Text(data["heading"], where.at("heading")), _texts(data, "intro", where), _figures(data, where), plans, where)


def build_org(data: dict[str, Any], where: Where) -> Org:
    return Org(data.get("name"), data.get("short_name"), where)
