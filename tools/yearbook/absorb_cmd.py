"""`yearbook absorb FILE.docx [--dry-run] [--accept all|tracked|none] [--comments-only]`: a reviewer's edits in Word or
WPS (tracked or not) written back into the records, comments listed for review (see `yearbook.absorb`).

The DOCX says which records it was built from (a content hash). When the records have moved on since, edits are
applied only where they do not touch what changed; this session's version refuses then and says so.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any, Protocol

from yearbook import gitio, roundtrip
from yearbook.absorb import Edits, block_spans, map_edits, pieces_for
from yearbook.command import Records, checked, open_records, pick_year
from yearbook.engine import Result, check_source, check_tree
from yearbook.errors import Exit, UserError
from yearbook.findings import Severity, Where
from yearbook.layout import discover
from yearbook.model import Cell
from yearbook.prose import normalize
from yearbook.provenance import find_revision, records_hash
from yearbook.report.compile import compile_year
from yearbook.report.docx_direct import SOURCE_PROPERTY, YEAR_PROPERTY
from yearbook.review_docx import Reviewed, read
from yearbook.say import say
from yearbook.sources import GitRevision, WorkTree, display
from yearbook.write import write_set


def absorb_cmd(args: argparse.Namespace) -> int:
    opened = open_records(args)
    if isinstance(opened, Exit):
        return opened
    lang = opened.lang
    try:
        data = args.file.read_bytes()
    except OSError as error:
        raise UserError(f"无法读取 {display(args.file)}：{error.strerror}", f"cannot read {display(args.file)}: {error.strerror}") from error
    reviewed = read(data, display(args.file))
    source = reviewed.properties.get(SOURCE_PROPERTY)
    year_text = reviewed.properties.get(YEAR_PROPERTY, "")
    if source is None or not year_text.isdigit():
        say(
            lang,
            f"{display(args.file)} 不是 yearbook report 生成的 DOCX（缺少来源标记），无法对应到记录。旧的 Word 报告请用 yearbook import。",
            f"{display(args.file)} was not written by yearbook report (no source marks), so it cannot be mapped to the records. Use yearbook import for an old report.",
        )
        return Exit.USAGE
    year = pick_year(opened, args.year if args.year is not None else int(year_text))
    if isinstance(year, Exit):
        return year
    result = checked(opened, {year})
    if isinstance(result, Exit):
        return result
    sys.stdout.write(_comments(reviewed, result, year, lang, args.format))
    if args.comments_only or args.accept == "none":
        return Exit.CLEAN
    conflicts: list[tuple[str, str]] = []
    edits = _reviewer_edits(result, year, reviewed, args.accept)
    if not edits.texts and not edits.values and not edits.cells and not edits.removed and not edits.skipped:
        say(lang, "DOCX 的文字与记录一致，没有要写回的改动。", "the DOCX reads as the records do; nothing to write back.")
        return Exit.CLEAN
    if records_hash(opened.root, year) != source:
        base = find_revision(opened.root, year, source)
        if base is None:
            say(
                lang,
                f"记录在生成这份 DOCX 之后已经改过，git 历史里也找不到生成它的那一版（{source}），无法三方合并：直接写回会冲掉别人的改动。"
                "请在记录的 git 仓库里运行，或用生成它时的那一版记录吸收。",
                f"the records changed after this DOCX was built and git history has no revision matching it ({source}), so no three-way merge is "
                "possible and writing back would undo those changes. Run in the records' git repository, or against the records it was built from.",
            )
            return Exit.FINDINGS
        edits, conflicts = _merged(opened, year, base, result, reviewed, args.accept)
    if not edits.texts and not edits.values and not edits.cells and not edits.removed and not edits.skipped and not conflicts:
        say(lang, "DOCX 的文字与记录一致，没有要写回的改动。", "the DOCX reads as the records do; nothing to write back.")
        return Exit.CLEAN
    for conflict in conflicts:
        say(lang, conflict[0], conflict[1])
    figures = {f.where: f for f in result.years[year].figures()}
    for added in reviewed.unplaced:
        say(
            lang,
            f"审阅稿新增的段落“{added[:24]}…”没有对应的记录条目，未写回；请把它写进相应的条目。",
            f"the paragraph '{added[:24]}…' added in review belongs to no record item; not written back. Add it to the right item.",
        )
    for paragraph in reviewed.paragraphs:
        if paragraph.joined and paragraph.after.strip():
            say(
                lang,
                f"第 {paragraph.block + 1} 段与下一段合并成了一段：两段的文字分别写回，仍是两段；要合并请直接改记录。",
                f"paragraph {paragraph.block + 1} was joined to the next: each keeps its text and they stay two paragraphs; edit the records to join them.",
            )
    for skipped in edits.skipped:
        shown = f"“{skipped.before}”→“{skipped.after}”"
        why = "在工具生成的编号、标点或日期里" if skipped.why == "generated" else "跨越了几处记录文字"
        say(
            lang,
            f"第 {skipped.block + 1} 段的改动 {shown} {why}，未写回；请直接改记录。",
            f"paragraph {skipped.block + 1}: {shown} is in generated text or spans several texts; not written back.",
        )
    for where, value in edits.values.items():
        figure = figures.get(where)
        if figure is not None and figure.kind == "text":
            edits.values[where] = str(value)
    files = _apply(edits, opened.root, discover(WorkTree(opened.root)).years[year].files)
    changes = len(edits.texts) + len(edits.values) + len(edits.cells) + len(edits.removed)
    authors = Counter(change.author or "?" for paragraph in reviewed.paragraphs for change in paragraph.tracked)
    by = "、".join(f"{author} {n} 处" for author, n in authors.items())
    commenters = Counter(c.author or "?" for c in reviewed.comments)
    notes = "：" + "、".join(f"{author} {n}" for author, n in commenters.items()) if commenters else ""
    if args.dry_run:
        say(
            lang,
            f"会写回 {changes} 处（{len(files)} 个文件）；--dry-run：什么都没有写入。",
            f"would write back {changes} places ({len(files)} files); --dry-run: nothing written.",
        )
        return Exit.CLEAN
    written = write_set(files)
    after = check_tree(opened.root, {year}, opened.options())
    errors = [f for f in after.findings if f.severity is Severity.ERROR]
    say(
        lang,
        f"已写回 {changes} 处改动到 {len(written)} 个文件"
        + (f"（修订：{by}）" if by else "")
        + f"；未写回 {len(edits.skipped)} 处；冲突 {len(conflicts)} 处；批注 {len(reviewed.comments)} 条{notes}。"
        + (f"检查发现 {len(errors)} 个错误（yearbook check 查看）。" if errors else "检查通过。"),
        f"wrote {changes} changes into {len(written)} files; {len(edits.skipped)} not applied; {len(conflicts)} conflicts; {len(reviewed.comments)} comments."
        + (f" Check finds {len(errors)} errors (see yearbook check)." if errors else " Check passes."),
    )
    return Exit.FINDINGS if errors or conflicts else Exit.CLEAN


def _reviewer_edits(result: Result, year: int, reviewed: Reviewed, accept: str) -> Edits:
    """The reviewer's edits against the document `result`'s records print, keyed by their places in those records."""
    document = compile_year(result.years[year], result.org, result.years.get(year - 1))
    pieces = pieces_for({text.where: text.value for text in result.years[year].texts()})
    edits = Edits()
    for paragraph in reviewed.paragraphs:
        if paragraph.block >= len(document.blocks):
            continue
        spans = block_spans(document.blocks[paragraph.block], paragraph.line, paragraph.cell)
        printed = "".join(span.text for span in spans)
        if accept == "tracked" and paragraph.before != printed:
            continue  # edited without tracking as well: only `--accept all` takes those
        map_edits(paragraph.block, spans, printed if accept == "all" else paragraph.before, paragraph.after, edits, pieces)
    return edits


def _key(where: Where) -> tuple[str, tuple[object, ...]]:
    """A place in the records, whichever source (the work tree or a git revision) shows it."""
    path = Path(where.file)
    return f"{path.parent.name}/{path.name}", where.path


def _merged(opened: Records, year: int, base: str, current: Result, reviewed: Reviewed, accept: str) -> tuple[Edits, list[tuple[str, str]]]:
    """Three ways: the reviewer's edits against the records the DOCX was built from (`base`), kept where the records
    have not changed that text or value since (or already read as the reviewer left it); the rest are conflicts."""
    repo = gitio.toplevel(opened.root)
    folder = opened.root.resolve().relative_to(repo.resolve()).as_posix()
    earlier = check_source(GitRevision(repo, base, folder), {year}, opened.options())
    theirs = _reviewer_edits(earlier, year, reviewed, accept)
    base_texts = {_key(t.where): t.value for t in earlier.years[year].texts()}
    now_texts = {_key(t.where): t for t in current.years[year].texts()}
    base_values = {_key(f.where): f.value for f in earlier.years[year].figures()}
    now_values = {_key(f.where): f for f in current.years[year].figures()}
    edits, conflicts = Edits(skipped=theirs.skipped, count=theirs.count), []
    for item in theirs.removed:
        inside = [key for key in base_texts if key[0] == _key(item)[0] and key[1][: len(item.path)] == item.path]
        if inside and all(key in now_texts and now_texts[key].value == base_texts[key] for key in inside):
            edits.removed.add(Where(now_texts[inside[0]].where.file, item.path))
        else:
            conflicts.append(_conflict(current, item, "（整段）", "（已改动）", "（删除）"))
    base_cells = {_key(c.where): c.value for t in earlier.years[year].parts for c in _cells_of(t)}
    now_cells = {_key(c.where): c for t in current.years[year].parts for c in _cells_of(t)}
    conflicts += _three_way(theirs.texts, base_texts, now_texts, edits.texts, current, lambda now, new: normalize(str(now)) == normalize(str(new)))
    conflicts += _three_way(theirs.cells, base_cells, now_cells, edits.cells, current)
    conflicts += _three_way(theirs.values, base_values, now_values, edits.values, current)
    return edits, conflicts


class _Placed(Protocol):
    """A record text, cell or figure: where it is and what it holds."""

    @property
    def where(self) -> Where: ...
    @property
    def value(self) -> Any: ...


def _three_way(
    theirs: Mapping[Where, Any],
    base: Mapping[tuple[str, tuple[object, ...]], Any],
    now: Mapping[tuple[str, tuple[object, ...]], _Placed],
    into: dict[Where, Any],
    current: Result,
    same: Callable[[Any, Any], bool] = lambda now, new: bool(now == new),
) -> list[tuple[str, str]]:
    """The reviewer's values (`theirs`, at the base's places) put `into` the records where the records still hold the
    base's value there; where they already read as the reviewer left them, nothing; otherwise a conflict."""
    conflicts = []
    for where, new in theirs.items():
        item = now.get(_key(where))
        if item is not None and same(item.value, new):
            continue  # already so
        if item is not None and item.value == base.get(_key(where)):
            into[item.where] = new
        else:
            conflicts.append(_conflict(current, item.where if item else where, base.get(_key(where)), item.value if item else None, new))
    return conflicts


def _cells_of(part: object) -> list[Cell]:
    """Every cell of a part's tables (a table part's, and those in its sections)."""
    bodies = [part] if hasattr(part, "all_rows") else []
    bodies += [table for section in getattr(part, "sections", lambda: ())() for table in section.tables]
    return [cell for body in bodies for row in body.all_rows() for cell in row.cells]


def _conflict(current: Result, where: Where, base: object, now: object, new: object) -> tuple[str, str]:
    line, _ = current.locate(where)
    place = f"{where.file}:{line}"
    return (
        f"冲突，未写回：{place} 生成 DOCX 时为“{base}”，记录现为“{now}”，审阅稿改为“{new}”。请决定取哪一个，直接改记录。",
        f"conflict, not written: {place} was '{base}' when the DOCX was built, the records now say '{now}', the reviewer wrote '{new}'. Decide and edit the records.",
    )


def _comments(reviewed: Reviewed, result: Result, year: int, lang: str, fmt: str) -> str:
    """The comments as a review list: who, when, on what words, in which item and where in the records; replies under
    the comment they answer. Terminal text, or a Markdown checklist for a pull request or an issue."""
    if not reviewed.comments:
        return ""
    document = compile_year(result.years[year], result.org, result.years.get(year - 1))
    by_id = {c.id: c for c in reviewed.comments}

    def place(block: int | None) -> str:
        if block is None or block >= len(document.blocks):
            return ""
        origins = [span.origin for span in block_spans(document.blocks[block], 0) if span.origin is not None]
        if not origins:
            return ""
        line, _ = result.locate(origins[0].where)
        return f"{origins[0].where.file}:{line}"

    authors = Counter(c.author for c in reviewed.comments)
    lines = []
    if fmt == "markdown":
        lines.append(f"### 审阅批注（{len(reviewed.comments)} 条：" + "、".join(f"{a} {n}" for a, n in authors.items()) + "）\n")
    for comment in reviewed.comments:
        if comment.reply_to in by_id:
            continue
        for item in (comment, *(c for c in reviewed.comments if c.reply_to == comment.id)):
            reply = item is not comment
            where = place(item.block if not reply else comment.block)
            if fmt == "markdown":
                prefix = "  - 回复 " if reply else "- [ ] "
                anchor = "" if reply else f" 关于“{item.anchored}”" + (f"（`{where}`）" if where else "")
                lines.append(f"{prefix}**{item.author}**（{item.date[:10]}）{anchor}：{item.text}")
            elif lang == "zh":
                head = "  回复" if reply else "批注"
                on = "" if reply else f"“{item.anchored}”" + (f"（{where}）" if where else "")
                lines.append(f"{head}（{item.author}，{item.date[:10]}）{on}：{item.text}")
            else:
                head = "  reply" if reply else "comment"
                on = "" if reply else f" on '{item.anchored}'" + (f" ({where})" if where else "")
                lines.append(f"{head} ({item.author}, {item.date[:10]}){on}: {item.text}")
    return "\n".join(lines) + "\n"


def _apply(edits: Edits, root: Path, files: dict[str, str]) -> dict[Path, bytes]:
    """Each changed text and value set in its file, each deleted item removed, every other byte as it was."""
    by_file: dict[str, list[tuple[Where, Any, str]]] = {}
    for where, text in edits.texts.items():
        by_file.setdefault(Path(where.file).stem, []).append((where, text, "text"))
    for where, value in edits.values.items():
        by_file.setdefault(Path(where.file).stem, []).append((where, value, "value"))
    for where, cell in edits.cells.items():
        by_file.setdefault(Path(where.file).stem, []).append((where, cell, "text"))  # the cell's value is at its place
    for where in edits.removed:
        by_file.setdefault(Path(where.file).stem, []).append((where, None, "remove"))
    out: dict[Path, bytes] = {}
    for stem, items in by_file.items():
        path = root / files[stem]
        document = roundtrip.load(path.read_text(encoding="utf-8"))
        removals = sorted((where for where, _, how in items if how == "remove"), key=lambda w: w.path, reverse=True)
        for where, value, how in items:
            if how == "remove" or any(where.path[: len(r.path)] == r.path for r in removals):
                continue  # a text of a removed item
            node: Any = document
            for key in where.path[:-1]:
                node = node[key]
            if how == "value":
                node[where.path[-1]]["value"] = value
            else:
                node[where.path[-1]] = value
        for where in removals:  # last index first, so that earlier indexes stay right
            node = document
            for key in where.path[:-1]:
                node = node[key]
            del node[where.path[-1]]
        out[path] = roundtrip.dump(document).encode("utf-8")
    return out
