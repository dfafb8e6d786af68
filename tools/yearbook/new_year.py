"""Next year's records made from the latest year's, file by file, edited in place (comments and layout kept).

What a new year keeps and what it must not: the structure, headings, ids, figure labels, kinds and units are kept;
every figure's value and every number in a table are blanked (an unfilled value, never last year's number, which
would read as measured); years written as digits that mean the record's year, the next or the one before become
`{year}`, `{next_year}` and `{last_year}`, so the prose and the tables' headers say the new year's. Last year's plans become items of the new year's first narrative
part, each linked by `carries_out` and with its text a blank to write. Last year's problems stay, to be reviewed
(a rule says which are still word for word). Events are last year's history: events parts are left out and
events under areas removed. Links to the year before last (`carries_out`) are dropped.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from yearbook import roundtrip, textrefs
from yearbook.model import Plan, YearRecords

TEXT_KEYS = frozenset(("title", "heading", "lead", "text", "caption", "doc_number", "addressee", "signature", "role"))
TEXT_LISTS = frozenset(("paragraphs", "opening", "closing", "intro", "notes", "attachments", "duties", "holders", "signers"))
REVIEW = "上年的问题：逐条核对，已解决的删去，仍存在的改写为今年的情况（与上年完全相同时 check 会提示）"
REVIEW_PLANS = "本年度的计划：请按下一年度的安排改写（与上年完全相同时 check 会提示）"


@dataclass
class NewYear:
    """The new year's files (name → text), and what was done, for the summary."""

    files: dict[str, str] = field(default_factory=dict)
    blanked: int = 0  # figure values and table numbers
    years: int = 0  # literal years made references
    carried: int = 0  # last year's plans made items to report on
    left_out: list[str] = field(default_factory=list)  # events parts


class _Editor:
    def __init__(self, year: int, result: NewYear) -> None:
        self.year, self.result = year, result

    def walk(self, node: Any, key: object = None) -> None:
        """Every text carried, every figure value and table number blanked, links to the year before dropped."""
        if isinstance(node, dict):
            node.pop("carries_out", None)
            if "events" in node and isinstance(node.get("events"), list) and key != "root-timeline":
                del node["events"]
            for name in list(node):
                value = node[name]
                if name in TEXT_KEYS and isinstance(value, str):
                    node[name] = self.text(value)
                elif name in TEXT_LISTS and isinstance(value, list):
                    for i, item in enumerate(value):
                        if isinstance(item, str):
                            value[i] = self.text(item)
                        else:
                            self.walk(item, name)
                elif name == "figures" and isinstance(value, dict):
                    self.figures(value)
                elif name in ("rows", "header") and isinstance(value, list):
                    self.cells(value)
                else:
                    self.walk(value, name)
        elif isinstance(node, list):
            for item in node:
                self.walk(item, key)

    def text(self, value: str) -> str:
        carried, changed = textrefs.relative_years(value, self.year)
        self.result.years += changed
        return carried

    def figures(self, figures: dict[str, Any]) -> None:
        for figure in figures.values():
            if isinstance(figure, dict) and "compute" not in figure and figure.get("value") is not None:
                figure["value"] = None
                self.result.blanked += 1

    def cells(self, rows: list[Any]) -> None:
        for row in rows:
            for i, cell in enumerate(row if isinstance(row, list) else ()):
                if isinstance(cell, str):
                    row[i] = self.text(cell)
                elif isinstance(cell, dict) and isinstance(cell.get("value"), str):
                    cell["value"] = self.text(cell["value"])
                if isinstance(cell, int | float) and not isinstance(cell, bool):
                    row[i] = None
                    self.result.blanked += 1
                elif isinstance(cell, dict) and isinstance(cell.get("value"), int | float) and not isinstance(cell.get("value"), bool):
                    cell["value"] = None
                    self.result.blanked += 1


def _carried_area(plan: Plan, taken: set[str]) -> dict[str, Any]:
    """An item of the new year that reports on last year's plan: its lead as the heading, linked, its text a blank."""
    area_id = _unique(f"{plan.id}-done", taken)
    figure_id = _unique(f"{plan.id}-progress", taken)
    area: dict[str, Any] = {"id": area_id, "heading": plan.lead.value}
    if plan.owner:
        area["owner"] = plan.owner
    area["carries_out"] = [plan.id]
    area["figures"] = {figure_id: {"label": f"“{textrefs.escape(plan.lead.value)}”的落实情况", "kind": "text", "value": None}}
    area["paragraphs"] = [f"{{{figure_id}}}"]
    return area


def _unique(wanted: str, taken: set[str]) -> str:
    name, n = wanted, 2
    while name in taken:
        name, n = f"{wanted}-{n}", n + 1
    taken.add(name)
    return name


def _flow(document: Any) -> Any:
    """A figure written as the records write them: one line, in braces."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    if isinstance(document, dict):
        out = CommentedMap(document)
        for key, value in document.items():
            out[key] = _flow(value)
        if "label" in document:
            out.fa.set_flow_style()
        return out
    if isinstance(document, list):
        seq = CommentedSeq([_flow(item) for item in document])
        if all(isinstance(item, str) and item.isascii() for item in document) and document and not str(document[0]).startswith("{"):
            seq.fa.set_flow_style()
        return seq
    return document


def next_year(records: YearRecords, texts: dict[str, str], kinds: dict[str, str], year: int) -> NewYear:
    """The new year's files from the latest year's `texts` (file stem → YAML text; `kinds` the part type of each
    part file). `records` is that year's model (its plans and ids)."""
    result = NewYear()
    editor = _Editor(records.year, result)
    taken = {ident for _, ident, _ in records.identified()}
    documents: dict[str, Any] = {}
    for stem, text in texts.items():
        if kinds.get(stem) == "timeline":
            result.left_out.append(stem)
            continue
        document = roundtrip.load(text)
        document["year"] = year
        editor.walk(document)
        documents[stem] = document
    report = documents.get("report")
    if report is not None:
        _report(report, result.left_out)
    narrative = next((stem for stem in documents if kinds.get(stem) == "narrative"), None)
    for plan in records.plans():
        if narrative is None:
            break
        documents[narrative]["areas"].append(_flow(_carried_area(plan, taken)))
        result.carried += 1
    for stem, document in documents.items():
        if kinds.get(stem) == "problems" and document.get("problems"):
            document.yaml_set_comment_before_after_key("problems", before=REVIEW, indent=0)
        if kinds.get(stem) == "plans" and document.get("plans"):
            document.yaml_set_comment_before_after_key("plans", before=REVIEW_PLANS, indent=0)
        result.files[stem] = roundtrip.dump(document)
    return result


def _report(report: Any, left_out: list[str]) -> None:
    """The date blank (unless the report has none); a school year's period one year on; parts left out unlisted."""
    if report.get("date") is not False and "date" in report:
        report["date"] = None
    period = report.get("period")
    if isinstance(period, dict):
        for key in ("from", "to"):
            if isinstance(period.get(key), str) and period[key][:4].isdigit():
                period[key] = f"{int(period[key][:4]) + 1}{period[key][4:]}"
    parts = report.get("parts")
    if isinstance(parts, list):
        for stem in left_out:
            if stem in parts:
                parts.remove(stem)
