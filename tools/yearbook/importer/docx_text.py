"""A DOCX (as Word and WPS save it) read as a reader sees it: the body's paragraphs in order, each table row as its
cells joined by tabs (a merged cell once), empty paragraphs left out. Direct formatting is not read yet: structure
comes from the text, as for a report copied out of Word.
"""

from __future__ import annotations

import io
import zipfile

from lxml import etree

from yearbook.errors import UserError

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_OLE = b"\xd0\xcf\x11\xe0"  # an encrypted DOCX, or an old .doc, is an OLE compound file
MAX_XML_BYTES = 50 * 1024 * 1024


def _text(element: etree._Element) -> str:
    parts: list[str] = []
    for node in element.iter(f"{W}t", f"{W}tab", f"{W}br"):
        if node.tag == f"{W}t":
            parts.append(node.text or "")
        elif node.tag == f"{W}tab":
            parts.append("\u3000")  # a tab inside a paragraph is spacing (署名 placed with tabs), not a cell
    return "".join(parts).strip("\u3000 ")


def paragraphs(data: bytes, shown: str) -> list[str]:
    """The document's paragraphs and table rows, in order."""
    if data.startswith(_OLE):
        raise UserError(
            f"{shown} 是加密的 Word 文件或旧版 .doc：请在 Word/WPS 中取消密码（或另存为 .docx）后再导入。",
            f"{shown} is an encrypted Word file or an old .doc: remove the password (or save as .docx) in Word/WPS and import again.",
        )
    try:
        package = zipfile.ZipFile(io.BytesIO(data))
        info = package.getinfo("word/document.xml")
        if info.file_size > MAX_XML_BYTES:
            raise UserError(f"{shown} 的正文超过 50 MiB，不像是一份报告。", f"{shown}'s body is over 50 MiB; that is not a report.")
        root = etree.fromstring(package.read(info), etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False))
    except (zipfile.BadZipFile, KeyError, etree.XMLSyntaxError, OSError) as error:
        raise UserError(
            f"{shown} 不是完好的 DOCX 文件（{type(error).__name__}）。请在 Word/WPS 中打开它、另存为 .docx 后再导入。",
            f"{shown} is not a sound DOCX file ({type(error).__name__}). Open it in Word/WPS, save as .docx and import again.",
        ) from error
    body = root.find(f"{W}body")
    out: list[str] = []
    for child in body if body is not None else ():
        if child.tag == f"{W}p":
            text = _text(child)
            if text:
                out.append(text)
        elif child.tag == f"{W}tbl":
            for row in child.iter(f"{W}tr"):
                cells = []
                for cell in row.findall(f"{W}tc"):
                    merge = cell.find(f"{W}tcPr/{W}vMerge")
                    if merge is not None and merge.get(f"{W}val") != "restart":
                        continue  # covered by the cell above
                    cells.append(" ".join(filter(None, (_text(p) for p in cell.iter(f"{W}p")))))
                out.append("\t".join(cells))
    return out
