"""`yearbook import FILE [--year Y] [--records DIR] [--dry-run] [--force]`: an old report (text copied out of Word,
or Markdown) becomes a year of records, written all at once or not at all."""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path
from typing import Any

import yaml

from yearbook.errors import Exit, UserError
from yearbook.importer.convert import CONVERTED, to_docx
from yearbook.importer.source import Line, lines_of
from yearbook.importer.structure import Imported, import_lines
from yearbook.load.yaml_strict import Written
from yearbook.parts import PART_TYPES
from yearbook.say import say
from yearbook.write import write_set

MAX_SOURCE_BYTES = 10 * 1024 * 1024
TEXT_SUFFIXES = (".txt", ".md", ".text")


def _text(path: Path, lang: str) -> str:
    raw = _bytes(path)
    raw = raw.removeprefix(b"\xef\xbb\xbf")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        text = raw.decode("gb18030")
    except UnicodeDecodeError as error:
        raise UserError(
            f"{path} 既不是 UTF-8 也不是 GBK/GB18030 编码（第 {error.start + 1} 个字节）。请在记事本或 WPS 中另存为 UTF-8 再导入。",
            f"{path} is neither UTF-8 nor GBK/GB18030 (byte {error.start + 1}). Save it as UTF-8 and import again.",
        ) from error
    say(lang, f"{path} 是 GBK/GB18030 编码，已按此读取。", f"{path} is GBK/GB18030-encoded; read as such.")
    return text


def _bytes(path: Path) -> bytes:
    try:
        with path.open("rb") as source:
            raw = source.read(MAX_SOURCE_BYTES + 1)
    except FileNotFoundError as error:
        raise UserError(f"找不到 {path}。请检查文件名和所在的文件夹。", f"{path} does not exist. Check the file name and its folder.") from error
    except IsADirectoryError as error:
        raise UserError(f"{path} 是文件夹，不是文件。请给出报告文件本身。", f"{path} is a folder; give the report file itself.") from error
    except PermissionError as error:
        raise UserError(f"没有权限读取 {path}。请检查文件的权限。", f"no permission to read {path}. Check the file's permissions.") from error
    except OSError as error:
        raise UserError(f"无法读取 {path}：{error.strerror or error}", f"cannot read {path}: {error.strerror or error}") from error
    if len(raw) > MAX_SOURCE_BYTES:
        raise UserError(f"{path} 超过 10 MiB，不像是一份报告。", f"{path} is over 10 MiB; that is not a report.")
    return raw


def _paragraphs(text: str, markdown: bool) -> list[str]:
    lines = [line.strip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    if markdown:  # headings' #, bold ** and list markers are Markdown, not the report's text
        lines = [re.sub(r"^#{1,6}\s+|\*\*|^[-*]\s+", "", line).replace("\\", "") for line in lines]
    return [line for line in lines if line]


def _year(imported_title: str, given: int | None) -> int:
    if given is not None:
        return given
    match = re.search(r"(19|20)\d{2}", imported_title)
    if match is None:
        raise UserError("标题中没有年份。请用 --year 指定年度，例如 --year 2023。", "the title names no year. Give one with --year, e.g. --year 2023.")
    return int(match.group(0))


class _Dumper(yaml.SafeDumper):
    pass


_Dumper.add_representer(Written, lambda dumper, value: dumper.represent_scalar("tag:yaml.org,2002:float", value.written))
_Dumper.add_representer(  # a title broken over lines reads as the lines it is
    str, lambda dumper, value: dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|" if "\n" in value else None)
)


def _yaml(data: dict[str, Any], schema: str) -> bytes:
    body = yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=1_000_000, default_flow_style=False)
    return f"# yaml-language-server: $schema=../../schema/{schema}.schema.json\n{body}".encode()


_ORGANISATION_ENDINGS = (
    "局",
    "委",
    "会",
    "院",
    "校",
    "学",
    "园",
    "部",
    "办",
    "室",
    "厅",
    "处",
    "科",
    "所",
    "站",
    "队",
    "中心",
    "公司",
    "集团",
    "政府",
    "支部",
    "镇",
    "乡",
    "街道",
    "社区",
    "村",
)


def _organisation(signature: object) -> str | None:
    """The organisation's name for org.yaml, from a signature that names one (not a person: 张某某)."""
    if not isinstance(signature, str):
        return None
    return signature if len(signature) > 4 or signature.endswith(_ORGANISATION_ENDINGS) else None


def _summary(imported: Imported, count: int) -> tuple[str, str]:
    kinds: dict[str, int] = {}
    for data in imported.parts.values():
        kinds[str(data["type"])] = kinds.get(str(data["type"]), 0) + 1
    parts = "、".join(f"{PART_TYPES[kind].title} {n}" for kind, n in kinds.items())
    return (
        f"共读入 {count} 段（含表格行）：{len(imported.parts)} 个部分（{parts}），{imported.figures} 个命名数值，"
        f"{imported.blanks} 处待填；以上 {len(imported.guesses)} 条识别请对照原文核对。",
        f"read {count} paragraphs and table rows: {len(imported.parts)} parts ({', '.join(f'{PART_TYPES[kind].title_en} {n}' for kind, n in kinds.items())}), "
        f"{imported.figures} named values, {imported.blanks} unfilled; check the {len(imported.guesses)} readings above against the original.",
    )


def files_of(imported: Imported, folder: Path) -> dict[Path, bytes]:
    files = {folder / "report.yaml": _yaml(imported.report, "report")}
    files.update({folder / f"{name}.yaml": _yaml(data, str(data["type"])) for name, data in imported.parts.items()})
    return files


def import_cmd(args: argparse.Namespace) -> int:
    lang = args.lang or "zh"
    path: Path = args.file
    suffix = path.suffix.lower()
    if suffix == ".docx" or suffix in CONVERTED:
        from yearbook.importer import docx_text  # lxml loads only for a DOCX: `check` installs without it

        data = _bytes(path)
        lines: list[Line] = docx_text.lines(to_docx(data, suffix, str(path)) if suffix in CONVERTED else data, str(path))
    elif suffix in TEXT_SUFFIXES:
        lines = lines_of(_paragraphs(_text(path, lang), path.suffix.lower() == ".md"))
    else:
        raise UserError(
            f"不能导入 {path}：只认得 .docx、.doc、.wps、.odt、.txt、.md。PDF 或图片请先在 Word/WPS 中转成 .docx（或复制文字存为 .txt）。",
            f"cannot import {path}: only .docx, .doc, .wps, .odt, .txt and .md are read. Turn a PDF or image into .docx (or copy the text into a .txt) first.",
        )
    if not lines:
        raise UserError(f"{path} 是空的。", f"{path} is empty.")
    year = _year(lines[0].text, args.year)
    imported = import_lines(lines, year)
    if not imported.parts:
        raise UserError(
            f"{path} 里只找到标题（和落款），没有正文可以导入。请确认选对了文件。",
            f"{path} holds only a title (and a signature): there is no body to import. Check that this is the right file.",
        )
    records: Path = args.records
    folder = records / str(year)
    if folder.exists() and not args.force and not args.dry_run:
        raise UserError(
            f"{folder} 已经存在，未写入任何文件。要替换其中的同名文件请加 --force，或先用 --dry-run 看看会写什么。",
            f"{folder} exists; nothing written. Add --force to replace its files of the same names, or look first with --dry-run.",
        )
    files = files_of(imported, folder)
    if not (records / "org.yaml").exists():
        name = _organisation(imported.report.get("signature"))
        files[records / "org.yaml"] = (
            b"# yaml-language-server: $schema=../schema/org.schema.json\n"
            + yaml.safe_dump({"format": 2, "name": name, "short_name": None}, allow_unicode=True).encode()
        )
    for guess in imported.guesses:
        at = f"第 {guess.at} 段：" if guess.at else ""
        say(lang, f"{at}{guess.zh}", f"{f'paragraph {guess.at}: ' if guess.at else ''}{guess.en}")
    say(lang, *_summary(imported, len(lines)))
    if args.dry_run:
        for target, data in files.items():
            sys.stdout.write(f"# ---- {target} ----\n{data.decode()}\n")
        return Exit.CLEAN
    folder.mkdir(parents=True, exist_ok=True)
    write_set(files)
    say(
        lang,
        f"已写入 {len(files)} 个文件到 {folder}。请运行 yearbook check {folder} 核对，再用 yearbook report 对照原文。",
        f"wrote {len(files)} files to {folder}. Run `yearbook check {folder}`, then compare `yearbook report` with the original.",
    )
    return Exit.CLEAN
