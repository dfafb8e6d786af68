"""A reviewed DOCX read back (lxml): its custom properties, each paragraph that names its document block (the
`ybp_N` bookmarks `report` writes) with its text before and after the tracked changes, and the comments.

Tracked changes are read as Word, WPS and LibreOffice write them: w:ins and w:del (and w:moveTo / w:moveFrom) around
runs, deleted text in w:delText, each with w:author and w:date.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass, field

from lxml import etree

from yearbook.errors import UserError
from yearbook.report.docx_direct import CELL, PROVENANCE

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
MAX_PART = 50 << 20  # a year's report is well under 1 MiB of XML


@dataclass(frozen=True, slots=True)
class Tracked:
    kind: str  # "insert" or "delete"
    author: str
    date: str
    text: str


@dataclass
class ReviewedParagraph:
    block: int
    line: int | None  # a signature's line
    before: str = ""  # the text with every tracked change rejected
    after: str = ""  # the text with every tracked change accepted
    tracked: list[Tracked] = field(default_factory=list)
    joined: bool = False  # its paragraph mark deleted with tracking: it runs on into the next paragraph
    cell: tuple[int, int] | None = None  # a table cell's row and place in the row


@dataclass(frozen=True, slots=True)
class Comment:
    id: str
    author: str
    date: str
    text: str
    anchored: str  # the text the comment is on
    block: int | None  # the document block it is in, when it is in one
    reply_to: str | None = None  # the comment this one answers (Word's commentsExtended)


@dataclass
class Reviewed:
    properties: dict[str, str]
    paragraphs: list[ReviewedParagraph]
    comments: list[Comment]
    unplaced: list[str]  # paragraphs with text that name no block (added by the reviewer)


def _part(package: zipfile.ZipFile, name: str) -> etree._Element | None:
    if name not in package.namelist():
        return None
    info = package.getinfo(name)
    if info.file_size > MAX_PART:
        raise UserError(
            f"{name} 过大（{info.file_size} 字节），不像是本工具生成的报告。", f"{name} is too large ({info.file_size} bytes) for a report this tool wrote."
        )
    return etree.fromstring(package.read(name), _PARSER)


def _text(node: etree._Element, accepted: bool) -> str:
    """A paragraph's text with tracked changes accepted (insertions kept, deletions dropped) or rejected."""
    out = []
    for element in node.iter(f"{W}t", f"{W}delText"):
        inserted = any(a.tag in (f"{W}ins", f"{W}moveTo") for a in element.iterancestors())
        deleted = element.tag == f"{W}delText" or any(a.tag in (f"{W}del", f"{W}moveFrom") for a in element.iterancestors())
        if (accepted and not deleted) or (not accepted and not inserted):
            out.append(element.text or "")
    return "".join(out)


def _tracked(paragraph: etree._Element) -> list[Tracked]:
    changes = []
    for change in paragraph.iter(f"{W}ins", f"{W}del", f"{W}moveTo", f"{W}moveFrom"):
        parent = change.getparent()
        if parent is not None and parent.tag == f"{W}rPr":
            continue  # a paragraph mark's change
        kind = "insert" if change.tag in (f"{W}ins", f"{W}moveTo") else "delete"
        text = "".join(t.text or "" for t in change.iter(f"{W}t", f"{W}delText"))
        if text:
            changes.append(Tracked(kind, change.get(f"{W}author", ""), change.get(f"{W}date", ""), text))
    return changes


W14 = "{http://schemas.microsoft.com/office/word/2010/wordml}"
W15 = "{http://schemas.microsoft.com/office/word/2012/wordml}"


def _reply_parents(package: zipfile.ZipFile) -> dict[str, str]:
    """Word's comment threads: a reply's paragraph id → its parent comment's paragraph id (commentsExtended.xml)."""
    extended = _part(package, "word/commentsExtended.xml")
    return {str(e.get(f"{W15}paraId")): str(e.get(f"{W15}paraIdParent")) for e in (extended if extended is not None else ()) if e.get(f"{W15}paraIdParent")}


def _parent(first: etree._Element | None, parents: dict[str, str]) -> str | None:
    para_id = first.get(f"{W14}paraId") if first is not None else None
    return parents.get(str(para_id)) if para_id else None


def read(data: bytes, shown: str) -> Reviewed:
    try:
        package = zipfile.ZipFile(io.BytesIO(data))
        document = _part(package, "word/document.xml")
    except zipfile.BadZipFile as error:
        raise UserError(
            f"{shown} 不是 .docx 文件。请在 Word 或 WPS 里“另存为”Word 文档（.docx）后再吸收。",
            f"{shown} is not a .docx file. Save it as a Word document (.docx) in Word or WPS, then absorb it.",
        ) from error
    except etree.XMLSyntaxError as error:
        raise UserError(
            f"{shown} 已损坏，正文读不出来（第 {error.lineno} 行）。请在 Word 或 WPS 里打开并重新保存为 .docx。",
            f"{shown} is damaged: its text cannot be read (line {error.lineno}). Open it in Word or WPS and save it again as .docx.",
        ) from error
    if document is None:
        raise UserError(
            f"{shown} 里没有正文（word/document.xml）。请用 Word 或 WPS 另存为 .docx。", f"{shown} has no word/document.xml; save it as .docx in Word or WPS."
        )
    properties: dict[str, str] = {}
    custom = _part(package, "docProps/custom.xml")
    for prop in custom if custom is not None else ():
        properties[str(prop.get("name", ""))] = "".join(str(text) for text in prop.itertext())
    paragraphs: list[ReviewedParagraph] = []
    unplaced: list[str] = []
    anchors: dict[str, tuple[int | None, list[str]]] = {}
    open_comments: set[str] = set()
    for paragraph in document.iter(f"{W}p"):
        names = [str(start.get(f"{W}name", "")) for start in paragraph.iter(f"{W}bookmarkStart")]
        found = next((m for m in (PROVENANCE.fullmatch(name) for name in names) if m), None)
        in_cell = next((m for m in (CELL.fullmatch(name) for name in names) if m), None)
        block = int(found.group(1)) if found else int(in_cell.group(1)) if in_cell else None
        for node in paragraph.iter(f"{W}commentRangeStart", f"{W}commentRangeEnd", f"{W}t"):
            if node.tag == f"{W}commentRangeStart":
                open_comments.add(node.get(f"{W}id", ""))
                anchors.setdefault(node.get(f"{W}id", ""), (block, []))
            elif node.tag == f"{W}commentRangeEnd":
                open_comments.discard(node.get(f"{W}id", ""))
            else:
                for cid in open_comments:
                    anchors[cid][1].append(node.text or "")
        if in_cell is not None:
            cell = (int(in_cell.group(2)), int(in_cell.group(3)))
            paragraphs.append(ReviewedParagraph(int(in_cell.group(1)), None, _text(paragraph, False), _text(paragraph, True), _tracked(paragraph), cell=cell))
            continue
        if found is None:
            text = _text(paragraph, accepted=True)
            parent = paragraph.getparent()
            if text.strip() and parent is not None and parent.tag == f"{W}body":
                unplaced.append(text)
            continue
        mark = paragraph.find(f"{W}pPr/{W}rPr/{W}del")
        paragraphs.append(
            ReviewedParagraph(
                block or 0,
                int(found.group(2)) if found.group(2) else None,
                _text(paragraph, False),
                _text(paragraph, True),
                _tracked(paragraph),
                mark is not None,
            )
        )
    comments = []
    notes = _part(package, "word/comments.xml")
    parents = _reply_parents(package)
    para_of: dict[str, str] = {}
    for note in notes if notes is not None else ():
        cid = note.get(f"{W}id", "")
        first = next(note.iter(f"{W}p"), None)
        para_id = first.get(f"{W14}paraId") if first is not None else None
        if para_id:
            para_of[para_id] = cid
        block, anchored = anchors.get(cid, (None, []))
        text = "\n".join("".join(t.text or "" for t in p.iter(f"{W}t")) for p in note.iter(f"{W}p"))
        comments.append(Comment(cid, note.get(f"{W}author", ""), note.get(f"{W}date", ""), text, "".join(anchored), block, _parent(first, parents)))
    comments = [Comment(c.id, c.author, c.date, c.text, c.anchored, c.block, para_of.get(c.reply_to or "")) if c.reply_to else c for c in comments]
    return Reviewed(properties, paragraphs, comments, unplaced)
