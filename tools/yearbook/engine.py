"""The check pipeline: discover → load → schema → model → rules → stamp and locate.

Pure apart from reading the record files; it returns findings and never prints or exits. One bad file
never stops the others: a file that fails to load or validate is left out of the model, and rules skip
links into it.
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from yearbook import compute, layout, model, schemas
from yearbook.findings import Check, Finding, Severity, Violation, Where
from yearbook.kinds import FIXED_KIND_NAMES, YEAR_KINDS
from yearbook.load.files import load_bytes
from yearbook.load.yaml_strict import MAX_BYTES, Document
from yearbook.parts import PART_TYPES
from yearbook.parts.duties import Duties
from yearbook.rules import RULES
from yearbook.rules.context import Context
from yearbook.sources import Source, WorkTree


@dataclass(frozen=True, slots=True)
class Options:
    lang: str = "zh"
    final: bool = False
    severities: Mapping[str, Severity] = field(default_factory=dict)
    fonts: str = "windows"  # the font profile the deliverables name (YB406 runs under gb2312)


@dataclass(frozen=True, slots=True)
class Result:
    findings: tuple[Finding, ...]
    files: int
    years: Mapping[int, model.YearRecords] = field(default_factory=dict)  # the models the rules ran on
    org: model.Org | None = None
    failed: frozenset[tuple[int | None, str]] = frozenset()  # (year, kind) of files that exist but did not load or validate
    documents: Mapping[str, Document] = field(default_factory=dict)  # the loaded files, to locate a place as line:column
    folders: Mapping[int, str] = field(default_factory=dict)  # each year's folder as findings show it

    def locate(self, where: Where) -> tuple[int, int]:
        document = self.documents.get(where.file)
        return document.locate(where) if document is not None else (where.line or 1, where.col or 1)


@dataclass
class _Loaded:
    documents: dict[str, Document] = field(default_factory=dict)
    valid: dict[tuple[int | None, str], tuple[Any, str]] = field(default_factory=dict)
    violations: list[Violation] = field(default_factory=list)
    failed: set[tuple[int | None, str]] = field(default_factory=set)


def _schema_problems(kind: str | None, data: Any, shown: str) -> list[Violation]:
    """The file's schema errors: the fixed kinds by name, a part by the `type:` it declares. A file still in
    format 1 is told to migrate instead of being buried in schema errors."""
    if isinstance(data, dict) and data.get("format") == 1:
        return [Violation(schemas.SCHEMA, Where(shown, ("format",)), "old-format")]
    if kind is None:
        declared = data.get("type") if isinstance(data, dict) else None
        if declared is None:
            return [Violation(schemas.SCHEMA, Where(shown), "part-type", {"types": "、".join(PART_TYPES)})]
        if declared not in PART_TYPES:
            return [Violation(schemas.SCHEMA, Where(shown, ("type",)), "enum", {"field": "type", "value": declared, "options": "、".join(PART_TYPES)})]
        kind = str(declared)
    return schemas.validate(kind, data, shown)


def _load_all(tree: layout.Tree, source: Source) -> _Loaded:
    loaded = _Loaded(violations=list(tree.problems))
    for year, name, relative in layout.all_files(tree):
        shown = tree.shown(relative)
        document = load_bytes(functools.partial(source.read, relative, MAX_BYTES), shown)
        if isinstance(document, Violation):
            loaded.violations.append(document)
            loaded.failed.add((year, name))
            continue
        loaded.documents[shown] = document
        problems = _schema_problems(name if name in FIXED_KIND_NAMES else None, document.data, shown)
        loaded.violations.extend(problems)
        if problems:
            loaded.failed.add((year, name))
        else:
            loaded.valid[(year, name)] = (document.data, shown)
    return loaded


def _year_model(year: int, tree: layout.Tree, loaded: _Loaded) -> model.YearRecords:
    built: dict[str, Any] = {}
    declared: list[tuple[int, Where]] = []
    for kind in YEAR_KINDS:
        entry = loaded.valid.get((year, kind.name))
        if entry is not None:
            data, shown = entry
            built[kind.name] = kind.build(data, Where(shown))
            declared.append((data["year"], Where(shown, ("year",))))
    report: model.Report | None = built.get("report")
    if report is not None:
        files, problems = layout.part_files(tree, year, report.parts, report.where.at("parts"))
        loaded.violations.extend(problems)
        complete = len(files) == len(report.parts)
    else:  # report.yaml failed: its parts are still checked, though the year cannot be compiled
        files = {stem: path for stem, path in tree.years[year].files.items() if stem not in FIXED_KIND_NAMES}
        complete = (year, "report") in loaded.failed  # False when report.yaml is missing: then nothing links
    parts: list[model.Part] = []
    for name in files:
        entry = loaded.valid.get((year, name))
        if entry is None:
            complete = False
            continue
        data, shown = entry
        parts.append(PART_TYPES[data["type"]].build(name, data, Where(shown)))
        declared.append((data["year"], Where(shown, ("year",))))
    if "responsibilities" not in tree.years[year].files:
        for part in parts:
            if isinstance(part, Duties):
                loaded.violations.append(Violation(layout.MISSING_FILE, part.where.at("type"), "responsibilities", {"name": part.name, "year": year}))
    return model.YearRecords(year, report, built.get("responsibilities"), tuple(parts), tuple(declared), complete)


def check_tree(root: Path, years: set[int] | None, options: Options) -> Result:
    """Check the records under `root` on disk; `years` limits what is reported (None: everything)."""
    return check_source(WorkTree(root), years, options)


def check_source(source: Source, years: set[int] | None, options: Options) -> Result:
    """Check the records a source holds (a folder, or a git revision)."""
    tree = layout.discover(source)
    loaded = _load_all(tree, source)
    org_entry = loaded.valid.get((None, "org"))
    org = model.build_org(org_entry[0], Where(org_entry[1])) if org_entry else None
    models: dict[int, model.YearRecords] = {}
    for year in tree.years:  # in order, so that last year's computed figures are resolved before this year's
        records = _year_model(year, tree, loaded)
        resolved = compute.resolve(records, models.get(year - 1))
        models[year] = dataclasses.replace(records, computed=resolved.figures, missing=resolved.missing)
        if years is None or year in years:
            loaded.violations.extend(resolved.violations)
    violations = loaded.violations
    for year, records in models.items():
        if years is not None and year not in years:
            continue
        context = Context.of(records, models.get(year - 1), org, Where(tree.shown(tree.years[year].path)), options.fonts)
        for _check, run in RULES:
            violations.extend(run(context))
    findings = stamp(violations, loaded.documents, options)
    if years is not None:
        others = tuple(tree.shown(folder.path) for y, folder in tree.years.items() if y not in years)
        findings = tuple(f for f in findings if not any(f.file == o or f.file.startswith(o + "/") for o in others))
    folders = {year: tree.shown(folder.path) for year, folder in tree.years.items()}
    return Result(findings, sum(1 for _ in layout.all_files(tree)), models, org, frozenset(loaded.failed), loaded.documents, folders)


def severity_of(check: Check, options: Options) -> Severity:
    severity = options.severities.get(check.code, check.severity)
    if options.final and check.escalates_when_final and severity is not Severity.OFF:
        return Severity.ERROR
    return severity


def stamp(violations: Iterable[Violation], documents: Mapping[str, Document], options: Options) -> tuple[Finding, ...]:
    """Give each violation its code, severity, message and position; drop the switched-off and repeats."""
    findings: set[Finding] = set()
    for violation in violations:
        severity = severity_of(violation.check, options)
        if severity is Severity.OFF:
            continue
        where = violation.where
        document = documents.get(where.file)
        line, col = document.locate(where) if document is not None else (where.line or 1, where.col or 1)
        check = violation.check
        findings.add(Finding(check.code, check.name, severity, check.message(violation.variant, options.lang, violation.args), where.file, line, col))
    return tuple(sorted(findings, key=Finding.sort_key))
