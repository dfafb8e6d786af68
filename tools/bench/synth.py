"""A synthetic records collection for benchmarks: many trees of many years, made from the real records.

Each year is the 2023 records with its year changed and its prose rotated, so files differ and the text
stays realistic Chinese of the genre.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml

RECORDS = Path(__file__).resolve().parents[2] / "records"
# Every file of a year: report.yaml, responsibilities.yaml and the parts, as the real records hold them.
YEAR_FILES: tuple[str, ...] = tuple(sorted(path.stem for path in (RECORDS / "2023").glob("*.yaml")))


def _schema(stem: str) -> str:
    """The schema a year's file is validated against: its kind, or for a part the type it declares."""
    data = yaml.safe_load((RECORDS / "2023" / f"{stem}.yaml").read_text(encoding="utf-8"))
    return str(data.get("type", stem))


def _rotate(text: str, shift: int) -> str:
    # Rotate the sentences of each long prose line: different bytes, the same balanced Chinese, still valid.
    lines = []
    for line in text.split("\n"):
        head, sep, body = line.partition("- ")
        if sep and len(body) > 40 and "{" not in body and not head.strip() and body.endswith("。"):
            sentences = [s + "。" for s in body[:-1].split("。")]
            k = shift % len(sentences)
            body = "".join(sentences[k:] + sentences[:k])
        lines.append(head + sep + body)
    return "\n".join(lines)


def make_collection(target: Path, trees: int, years: int) -> list[Path]:
    """Write `trees` records trees of `years` years each under `target`; return the tree roots."""
    sources = {kind: (RECORDS / "2023" / f"{kind}.yaml").read_text(encoding="utf-8") for kind in YEAR_FILES}
    roots = []
    for t in range(trees):
        root = target / f"org{t:03d}" / "records"
        root.mkdir(parents=True)
        shutil.copy(RECORDS / "org.yaml", root / "org.yaml")
        for y in range(years):
            year = 2000 + y
            folder = root / str(year)
            folder.mkdir()
            for kind, text in sources.items():
                (folder / f"{kind}.yaml").write_text(_rotate(text.replace("year: 2023", f"year: {year}"), t * 31 + y), encoding="utf-8")
        roots.append(root)
    return roots


def files_of(roots: list[Path]) -> dict[str, list[Path]]:
    """The collection's files by the schema that validates them."""
    by_schema: dict[str, list[Path]] = {"org": [root / "org.yaml" for root in roots]}
    for stem in YEAR_FILES:
        by_schema.setdefault(_schema(stem), []).extend(sorted(p for root in roots for p in root.glob(f"*/{stem}.yaml")))
    return by_schema
