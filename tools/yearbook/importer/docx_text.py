"""A DOCX (as Word and WPS save it) read as a reader sees it: the body's paragraphs in order with what their direct
formatting says (centred, size, bold or a heading face all through, a bold lead-in; a heading style where one is
used), each table row as its cells with their spans (a merged cell once), empty paragraphs left out.
"""

from __future__ import annotations

import io
import re
import zipfile

from lxml import etree

from yearbook.errors import UserError
from yearbook.importer.source import Cell, Line

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_OLE = b"\xd0\xcf\x11\xe0"  # an encrypted DOCX, or an old .doc, is an OLE compound file
MAX_XML_BYTES = 50 * 1024 * 1024
# Faces offices set headings in by hand, with the heading level each stands for (GB/T 9704: 黑体 for the first
# level, 楷体 for the second); bold alone ranks below them.
HEADING_FACES = {"黑体": 1, "SimHei": 1, "STHeiti": 1, "小标宋": 1, "楷体": 2, "KaiTi": 2, "STKaiti": 2}
BOLD_RANK = 3
_OFF = ("0", "false", "off")


def _text(element: etree._Element) -> str:
    parts: list[str] = []
    for node in element.iter(f"{W}t", f"{W}tab", f"{W}br"):
        if node.tag == f"{W}t":
            parts.append(node.text or "")
        elif node.tag == f"{W}tab":
            parts.append("\u3000")  # a tab inside a paragraph is spacing (署名 placed with tabs), not a cell
    return "".join(parts).strip("\u3000 ")


def _parse(package: zipfile.ZipFile, name: str, shown: str) -> etree._Element | None:
    try:
        info = package.getinfo(name)
    except KeyError:
        return None
    if info.file_size > MAX_XML_BYTES:
        raise UserError(f"{shown} 的正文超过 50 MiB，不像是一份报告。", f"{shown}'s body is over 50 MiB; that is not a report.")
    return etree.fromstring(package.read(info), etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False))


def _heading_styles(styles: etree._Element | None) -> dict[str, int]:
    """Ids of the paragraph styles that are headings (named so in any language Word writes) with their level; the
    title's style as level 0."""
    found: dict[str, int] = {}
    for style in styles.iter(f"{W}style") if styles is not None else ():
        name = style.find(f"{W}name")
        label = (name.get(f"{W}val") or "") if name is not None else ""
        level = re.fullmatch(r"(?:heading|标题)\s*([1-9])", label.strip().lower())
        if level or label.lower() == "title":
            found[style.get(f"{W}styleId") or ""] = int(level.group(1)) if level else 0
    return found


def _on(properties: etree._Element | None, tag: str) -> bool:
    node = properties.find(f"{W}{tag}") if properties is not None else None
    return node is not None and node.get(f"{W}val", "1").lower() not in _OFF


def _rank(properties: etree._Element | None) -> int:
    """The heading level a run's face stands for (1 黑体, 2 楷体, 3 bold only); 0 for body text."""
    if properties is None:
        return 0
    faces = " ".join(str(value) for fonts in properties.findall(f"{W}rFonts") for value in fonts.attrib.values())
    ranks = [rank for face, rank in HEADING_FACES.items() if face in faces]
    return min(ranks) if ranks else BOLD_RANK if _on(properties, "b") else 0


def _line(paragraph: etree._Element, number: int, headings: dict[str, int]) -> Line:
    style = paragraph.find(f"{W}pPr/{W}pStyle")
    style_id = (style.get(f"{W}val") or "") if style is not None else ""
    jc = paragraph.find(f"{W}pPr/{W}jc")
    runs = [(run.find(f"{W}rPr"), "".join(t.text or "" for t in run.iter(f"{W}t"))) for run in paragraph.iter(f"{W}r")]
    runs = [(properties, words) for properties, words in runs if words.strip()]
    ranks = [_rank(properties) for properties, _ in runs]
    marked = [rank > 0 for rank in ranks]
    lead = "".join(words for _, words in runs[: marked.index(False)]).strip() if marked and marked[0] and not all(marked) else ""
    sizes = [int(size.get(f"{W}val") or 0) / 2 for properties, _ in runs if properties is not None for size in properties.findall(f"{W}sz")]
    return Line(
        _text(paragraph),
        number,
        centred=(jc is not None and jc.get(f"{W}val") in ("center", "centre")) or headings.get(style_id) == 0,
        size=max(sizes, default=None),
        emphasis=headings.get(style_id) or (ranks[0] if marked and all(marked) else 0),
        lead=lead,
    )


def _rows(table: etree._Element, number: int) -> list[Line]:
    """A table's rows as lines: a cell merged across columns (gridSpan) or down rows (vMerge) once, with its spans."""
    grid: list[list[tuple[int, etree._Element]]] = []
    for row in table.findall(f"{W}tr"):
        column, cells = 0, []
        for cell in row.findall(f"{W}tc"):
            span = cell.find(f"{W}tcPr/{W}gridSpan")
            cells.append((column, cell))
            column += max(1, int(span.get(f"{W}val") or 1)) if span is not None and (span.get(f"{W}val") or "").isdigit() else 1
        grid.append(cells)
    lines: list[Line] = []
    for r, cells in enumerate(grid):
        out = []
        for column, cell in cells:
            merge = cell.find(f"{W}tcPr/{W}vMerge")
            if merge is not None and merge.get(f"{W}val") != "restart":
                continue  # covered by the cell above
            span = cell.find(f"{W}tcPr/{W}gridSpan")
            colspan = int(span.get(f"{W}val") or 1) if span is not None and (span.get(f"{W}val") or "").isdigit() else 1
            rowspan = 1
            while merge is not None and r + rowspan < len(grid):
                below = dict(grid[r + rowspan]).get(column)
                more = below.find(f"{W}tcPr/{W}vMerge") if below is not None else None
                if more is None or more.get(f"{W}val") == "restart":
                    break
                rowspan += 1
            out.append(Cell(" ".join(filter(None, (_text(p) for p in cell.iter(f"{W}p")))), max(1, colspan), rowspan))
        if out:
            lines.append(Line("\t".join(cell.text for cell in out), number + len(lines), cells=tuple(out)))
    return lines


def _blocks(container: etree._Element) -> list[etree._Element]:
    """Paragraphs and tables in order, looking inside content controls (w:sdt) as WPS and templates use them."""
    out: list[etree._Element] = []
    for child in container:
        if child.tag in (f"{W}p", f"{W}tbl"):
            out.append(child)
        elif child.tag == f"{W}sdt":
            content = child.find(f"{W}sdtContent")
            out += _blocks(content) if content is not None else []
    return out


def lines(data: bytes, shown: str) -> list[Line]:
    """The document's paragraphs and table rows, in order."""
    if data.startswith(_OLE):
        raise UserError(
            f"{shown} 是加密的 Word 文件或旧版 .doc：请在 Word/WPS 中取消密码（或另存为 .docx）后再导入。",
            f"{shown} is an encrypted Word file or an old .doc: remove the password (or save as .docx) in Word/WPS and import again.",
        )
    try:
        package = zipfile.ZipFile(io.BytesIO(data))
        root = _parse(package, "word/document.xml", shown)
        if root is None:
            raise KeyError("word/document.xml")
        headings = _heading_styles(_parse(package, "word/styles.xml", shown))
    except (zipfile.BadZipFile, KeyError, etree.XMLSyntaxError, OSError) as error:
        raise UserError(
            f"{shown} 不是完好的 DOCX 文件（{type(error).__name__}）。请在 Word/WPS 中打开它、另存为 .docx 后再导入。",
            f"{shown} is not a sound DOCX file ({type(error).__name__}). Open it in Word/WPS, save as .docx and import again.",
        ) from error
    body = root.find(f"{W}body")
    out: list[Line] = []
    for block in _blocks(body) if body is not None else []:
        if block.tag == f"{W}p":
            line = _line(block, len(out) + 1, headings)
            if line.text:
                out.append(line)
        else:
            out += _rows(block, len(out) + 1)
    return out
