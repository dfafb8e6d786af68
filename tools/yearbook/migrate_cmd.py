"""`yearbook migrate [PATH] [--dry-run]`: move a records tree from format 1 to format 2, every year at once,
all files written or none."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from yearbook import layout
from yearbook.errors import Exit, UserError
from yearbook.load.read import Refused, TooLarge
from yearbook.load.yaml_strict import MAX_BYTES
from yearbook.migrate import migrate_year
from yearbook.say import say
from yearbook.sources import WorkTree
from yearbook.write import write_set


def _read(source: WorkTree, relative: str) -> str:
    try:
        return source.read(relative, MAX_BYTES).decode("utf-8-sig")
    except (Refused, TooLarge, OSError, UnicodeDecodeError) as error:
        raise UserError(
            f"无法读取 {source.label}/{relative}（{error}），未迁移任何文件。请先运行 yearbook check 修正它。",
            f"cannot read {source.label}/{relative} ({error}); nothing migrated. Run `yearbook check` and fix it first.",
        ) from error


def migrate_cmd(args: argparse.Namespace) -> int:
    lang = args.lang or "zh"
    root = layout.find_root(args.path) if args.path.exists() else None
    if root is None:
        raise UserError(f"在 {args.path} 找不到 records 目录。", f"no records folder at {args.path}.")
    source = WorkTree(root)
    tree = layout.discover(source)
    writes: dict[Path, bytes] = {}
    folders: list[tuple[str, list[str]]] = [(".", [tree.org] if tree.org else [])]
    folders += [(folder.path, list(folder.files.values())) for folder in tree.years.values()]
    for path, files in folders:
        migrated = migrate_year({Path(relative).name: _read(source, relative) for relative in files})
        for name, text in migrated.files.items():
            writes[root / path / name] = text.encode("utf-8")
            shown = tree.shown(f"{path}/{name}" if path != "." else name)
            say(lang, f"{'将' if args.dry_run else '已'}升级 {shown}", f"{'would migrate' if args.dry_run else 'migrated'} {shown}")
        for zh, en in migrated.notes:
            say(lang, f"{path}：{zh}", f"{path}: {en}")
    if not writes:
        say(lang, "记录已是第 2 版格式，无需迁移。", "the records are already in format 2; nothing to migrate.")
        return Exit.CLEAN
    if not args.dry_run:
        write_set(writes)
        say(lang, "完成。请运行 yearbook check 确认，再提交。", "done. Run `yearbook check`, then commit.")
    sys.stdout.flush()
    return Exit.CLEAN
