"""A reviewer's hand on a DOCX, as Word and WPS write it: tracked replacements (w:del + w:ins with author and date),
untracked edits, and comments (word/comments.xml with its relationship, content type and range marks)."""

from __future__ import annotations

import io
import zipfile
from copy import deepcopy

from lxml import etree

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W = f"{{{W_NS}}}"
_COMMENTS_TYPE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments"
_COMMENTS_CONTENT = "application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"


def _rewrite(docx: bytes, change: dict[str, bytes]) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(docx))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            target.writestr(info, change.pop(info.filename, None) or source.read(info))
        for name, data in change.items():
            target.writestr(name, data)
    return out.getvalue()


def _run_with(root: etree._Element, text: str) -> tuple[etree._Element, etree._Element]:
    for t in root.iter(f"{W}t"):
        if t.text and text in t.text:
            return t.getparent(), t  # type: ignore[return-value]
    raise AssertionError(f"no run holds {text!r}")


def _split(run: etree._Element, t: etree._Element, old: str) -> tuple[etree._Element, etree._Element]:
    """The run cut round `old`: (the run holding `old` alone, the run after it); the run before keeps the rest."""
    before, _, after = (t.text or "").partition(old)
    t.text = before
    middle, tail = deepcopy(run), deepcopy(run)
    middle.find(f"{W}t").text = old
    tail.find(f"{W}t").text = after
    run.addnext(middle)
    middle.addnext(tail)
    for piece in (run, middle, tail):
        piece.find(f"{W}t").set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    return middle, tail


def track(docx: bytes, old: str, new: str, author: str = "张主任", date: str = "2024-01-10T09:00:00Z") -> bytes:
    """`old` replaced by `new` with tracking on: the old text deleted, the new inserted, as Word writes it."""
    root = etree.fromstring(zipfile.ZipFile(io.BytesIO(docx)).read("word/document.xml"))
    run, t = _run_with(root, old)
    middle, _ = _split(run, t, old)
    if old:
        deleted = etree.Element(f"{W}del", {f"{W}id": "901", f"{W}author": author, f"{W}date": date})
        middle.addprevious(deleted)
        deleted.append(middle)
        middle.find(f"{W}t").tag = f"{W}delText"
        anchor = deleted
    else:
        anchor = middle
    if new:
        inserted_run = deepcopy(middle)
        (inserted_run.find(f"{W}delText") if inserted_run.find(f"{W}delText") is not None else inserted_run.find(f"{W}t")).tag = f"{W}t"
        inserted_run.find(f"{W}t").text = new
        inserted = etree.Element(f"{W}ins", {f"{W}id": "902", f"{W}author": author, f"{W}date": date})
        inserted.append(inserted_run)
        anchor.addnext(inserted)
    return _rewrite(docx, {"word/document.xml": etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)})


def edit(docx: bytes, old: str, new: str) -> bytes:
    """`old` replaced by `new` with tracking off: the text simply changed."""
    root = etree.fromstring(zipfile.ZipFile(io.BytesIO(docx)).read("word/document.xml"))
    _, t = _run_with(root, old)
    t.text = (t.text or "").replace(old, new, 1)
    return _rewrite(docx, {"word/document.xml": etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)})


W14 = "http://schemas.microsoft.com/office/word/2010/wordml"
W15 = "http://schemas.microsoft.com/office/word/2012/wordml"


def comment(docx: bytes, on: str, text: str, author: str = "李局长", date: str = "2024-01-11T10:00:00Z", reply: tuple[str, str] | None = None) -> bytes:
    """A comment on the words `on`, and optionally a reply to it (author, text) threaded as Word threads replies."""
    package = zipfile.ZipFile(io.BytesIO(docx))
    root = etree.fromstring(package.read("word/document.xml"))
    run, t = _run_with(root, on)
    middle, _ = _split(run, t, on)
    middle.addprevious(etree.Element(f"{W}commentRangeStart", {f"{W}id": "7"}))
    end = etree.Element(f"{W}commentRangeEnd", {f"{W}id": "7"})
    middle.addnext(end)
    reference = etree.Element(f"{W}r")
    etree.SubElement(reference, f"{W}commentReference", {f"{W}id": "7"})
    end.addnext(reference)
    answer = (
        f'<w:comment w:id="8" w:author="{reply[0]}" w:date="{date}" w:initials="R"><w:p w14:paraId="00000008"><w:r><w:t>{reply[1]}</w:t></w:r></w:p></w:comment>'
        if reply
        else ""
    )
    comments = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:comments xmlns:w="{W_NS}" xmlns:w14="{W14}">'
        f'<w:comment w:id="7" w:author="{author}" w:date="{date}" w:initials="L"><w:p w14:paraId="00000007"><w:r><w:t>{text}</w:t></w:r></w:p></w:comment>{answer}</w:comments>'
    )
    extended = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w15:commentsEx xmlns:w15="{W15}">'
        '<w15:commentEx w15:paraId="00000007" w15:done="0"/><w15:commentEx w15:paraId="00000008" w15:paraIdParent="00000007" w15:done="0"/></w15:commentsEx>'
    )
    rels = (
        package.read("word/_rels/document.xml.rels")
        .decode()
        .replace("</Relationships>", f'<Relationship Id="rIdComments" Type="{_COMMENTS_TYPE}" Target="comments.xml"/></Relationships>')
    )
    types = (
        package.read("[Content_Types].xml").decode().replace("</Types>", f'<Override PartName="/word/comments.xml" ContentType="{_COMMENTS_CONTENT}"/></Types>')
    )
    return _rewrite(
        docx,
        {
            "word/document.xml": etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True),
            "word/comments.xml": comments.encode(),
            **({"word/commentsExtended.xml": extended.encode()} if reply else {}),
            "word/_rels/document.xml.rels": rels.encode(),
            "[Content_Types].xml": types.encode(),
        },
    )


def delete_paragraph(docx: bytes, starting: str, author: str = "张主任", date: str = "2024-01-10T09:00:00Z") -> bytes:
    """The whole paragraph that starts with `starting` deleted with tracking on, its mark too."""
    root = etree.fromstring(zipfile.ZipFile(io.BytesIO(docx)).read("word/document.xml"))
    paragraph = next(p for p in root.iter(f"{W}p") if "".join(t.text or "" for t in p.iter(f"{W}t")).startswith(starting))
    for run in list(paragraph.iter(f"{W}r")):
        deleted = etree.Element(f"{W}del", {f"{W}id": "903", f"{W}author": author, f"{W}date": date})
        run.addprevious(deleted)
        deleted.append(run)
        for t in run.iter(f"{W}t"):
            t.tag = f"{W}delText"
    properties = paragraph.find(f"{W}pPr")
    marks = properties.find(f"{W}rPr") if properties.find(f"{W}rPr") is not None else etree.SubElement(properties, f"{W}rPr")
    etree.SubElement(marks, f"{W}del", {f"{W}id": "904", f"{W}author": author, f"{W}date": date})
    return _rewrite(docx, {"word/document.xml": etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)})


def join_paragraphs(docx: bytes, end_of_first: str, start_of_second: str, author: str = "张主任", date: str = "2024-01-10T09:00:00Z") -> bytes:
    """A tracked deletion across a paragraph boundary: the end of one paragraph, its mark and the start of the next."""
    docx = track(docx, end_of_first, "", author, date)
    docx = track(docx, start_of_second, "", author, date)
    root = etree.fromstring(zipfile.ZipFile(io.BytesIO(docx)).read("word/document.xml"))
    paragraph = next(p for p in root.iter(f"{W}p") if end_of_first in "".join(t.text or "" for t in p.iter(f"{W}delText")))
    properties = paragraph.find(f"{W}pPr")
    marks = properties.find(f"{W}rPr") if properties.find(f"{W}rPr") is not None else etree.SubElement(properties, f"{W}rPr")
    etree.SubElement(marks, f"{W}del", {f"{W}id": "905", f"{W}author": author, f"{W}date": date})
    return _rewrite(docx, {"word/document.xml": etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)})


def cell_edit(docx: bytes, table: int, row: int, cell: int, new: str) -> bytes:
    """A table cell's text replaced, untracked: its first run takes the new text, the others are emptied."""
    root = etree.fromstring(zipfile.ZipFile(io.BytesIO(docx)).read("word/document.xml"))
    target = list(root.iter(f"{W}tbl"))[table].findall(f"{W}tr")[row].findall(f"{W}tc")[cell]
    texts = list(target.iter(f"{W}t"))
    texts[0].text = new
    for t in texts[1:]:
        t.text = ""
    return _rewrite(docx, {"word/document.xml": etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)})


def add_paragraph(docx: bytes, after: str, text: str) -> bytes:
    """A new paragraph typed after the one holding `after` (untracked, as a reviewer adds one)."""
    root = etree.fromstring(zipfile.ZipFile(io.BytesIO(docx)).read("word/document.xml"))
    paragraph = next(p for p in root.iter(f"{W}p") if after in "".join(t.text or "" for t in p.iter(f"{W}t")))
    new = etree.Element(f"{W}p")
    run = etree.SubElement(new, f"{W}r")
    etree.SubElement(run, f"{W}t").text = text
    paragraph.addnext(new)
    return _rewrite(docx, {"word/document.xml": etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)})
