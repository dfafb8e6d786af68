"""`yearbook report` as it ran before issue 11, for `make bench` to measure against in the same run: each year in
turn, the DOCX and Markdown through pandoc and then the PDF through `typst.compile` (which scans the system fonts
again for every year), one after the other. The DOCX, Markdown and Typst source are today's, so the two differ only
in how the work is scheduled and how Typst is driven.

    python baseline_report.py RECORDS OUT YEAR[,YEAR…]|all
"""

from __future__ import annotations

import sys
from pathlib import Path

import typst

from yearbook.engine import Options, check_tree
from yearbook.report.compile import compile_year
from yearbook.report.render import epoch_of, font_plan, render_docx, render_markdown
from yearbook.report.typst_source import to_typst
from yearbook.write import write_set


def main(records: Path, out: Path, selector: str) -> None:
    result = check_tree(records, None, Options())
    years = sorted(result.years) if selector == "all" else [int(year) for year in selector.split(",")]
    chains = font_plan().chains()
    outputs: dict[Path, bytes] = {}
    for year in years:
        document = compile_year(result.years[year], result.org)
        epoch = epoch_of(document.issued, year)
        outputs[out / f"{year}.docx"] = render_docx(document, epoch)
        outputs[out / f"{year}.md"] = render_markdown(document, epoch)
        outputs[out / f"{year}.pdf"] = bytes(typst.compile(to_typst(document, chains).encode("utf-8"), format="pdf"))
    write_set(outputs)


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3])
