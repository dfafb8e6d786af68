"""`yearbook absorb FILE.docx [--dry-run] [--accept all|tracked|none] [--comments-only]`: a reviewer's edits in Word or
WPS (tracked or not) written back into the records, comments listed for review (see `yearbook.absorb`).

The DOCX says which records it was built from (a content hash). When the records have moved on since, edits are
applied only where they do not touch what changed; this session's version refuses then and says so.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path
from typing import Any

from yearbook import roundtrip
from yearbook.absorb import Edits, block_spans, map_edits, pieces_for
from yearbook.command import checked, open_records, pick_year
from yearbook.engine import check_tree
from yearbook.errors import Exit, UserError
from yearbook.findings import Severity, Where
from yearbook.layout import discover
from yearbook.provenance import records_hash
from yearbook.report.compile import compile_year
from yearbook.report.docx_direct import SOURCE_PROPERTY, YEAR_PROPERTY
from yearbook.review_docx import Reviewed, read
from yearbook.say import say
from yearbook.sources import WorkTree, display
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
    _say_comments(reviewed, lang)
    if args.comments_only or args.accept == "none":
        return Exit.CLEAN
    result = checked(opened, {year})
    if isinstance(result, Exit):
        return result
    document = compile_year(result.years[year], result.org, result.years.get(year - 1))
    texts = {text.where: text.value for text in result.years[year].texts()}
    pieces = pieces_for(texts)
    edits = Edits()
    for paragraph in reviewed.paragraphs:
        if paragraph.block >= len(document.blocks):
            continue
        spans = block_spans(document.blocks[paragraph.block], paragraph.line)
        printed = "".join(span.text for span in spans)
        before = printed if args.accept == "all" else paragraph.before
        if args.accept == "tracked" and paragraph.before != printed:
            continue  # edited without tracking as well: only `--accept all` takes those
        map_edits(paragraph.block, spans, before, paragraph.after, edits, pieces)
    if not edits.texts and not edits.values and not edits.skipped:
        say(lang, "DOCX 的文字与记录一致，没有要写回的改动。", "the DOCX reads as the records do; nothing to write back.")
        return Exit.CLEAN
    moved_on = records_hash(opened.root, year) != source
    if moved_on:
        say(
            lang,
            f"记录在生成这份 DOCX 之后已经改过（来源 {source}，现在 {records_hash(opened.root, year)}），直接写回会冲掉别人的改动。"
            "请用生成它时的那一版记录吸收，再合并（三方合并尚未支持）。",
            f"the records changed after this DOCX was built (source {source}, now {records_hash(opened.root, year)}); writing back would undo those "
            "changes. Absorb against the records it was built from, then merge (three-way merging is not supported yet).",
        )
        return Exit.FINDINGS
    figures = {f.where: f for f in result.years[year].figures()}
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
    changes = len(edits.texts) + len(edits.values)
    authors = Counter(change.author or "?" for paragraph in reviewed.paragraphs for change in paragraph.tracked)
    by = "、".join(f"{author} {n} 处" for author, n in authors.items())
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
        + f"；未写回 {len(edits.skipped)} 处；批注 {len(reviewed.comments)} 条。"
        + (f"检查发现 {len(errors)} 个错误（yearbook check 查看）。" if errors else "检查通过。"),
        f"wrote {changes} changes into {len(written)} files; {len(edits.skipped)} not applied; {len(reviewed.comments)} comments."
        + (f" Check finds {len(errors)} errors (see yearbook check)." if errors else " Check passes."),
    )
    return Exit.FINDINGS if errors else Exit.CLEAN


def _say_comments(reviewed: Reviewed, lang: str) -> None:
    for comment in reviewed.comments:
        where = f"第 {comment.block + 1} 段" if comment.block is not None else "文中"
        sys.stdout.write(
            f"批注（{comment.author}，{comment.date[:10]}）{where}“{comment.anchored}”：{comment.text}\n"
            if lang == "zh"
            else f"comment ({comment.author}, {comment.date[:10]}) on '{comment.anchored}': {comment.text}\n"
        )


def _apply(edits: Edits, root: Path, files: dict[str, str]) -> dict[Path, bytes]:
    """Each changed text and value set in its file, every other byte as it was."""
    by_file: dict[str, list[tuple[Where, Any, bool]]] = {}
    for where, text in edits.texts.items():
        by_file.setdefault(Path(where.file).stem, []).append((where, text, False))
    for where, value in edits.values.items():
        by_file.setdefault(Path(where.file).stem, []).append((where, value, True))
    out: dict[Path, bytes] = {}
    for stem, items in by_file.items():
        path = root / files[stem]
        document = roundtrip.load(path.read_text(encoding="utf-8"))
        for where, value, is_figure in items:
            node: Any = document
            for key in where.path[:-1]:
                node = node[key]
            if is_figure:
                node[where.path[-1]]["value"] = value
            else:
                node[where.path[-1]] = value
        out[path] = roundtrip.dump(document).encode("utf-8")
    return out
