"""The look of every paragraph and run written on it directly, not only in its style; and the paragraph marks
the pandoc document carries (keep with next, a right indent) turned into the properties they stand for.

Offices paste a finished report into their own 红头 template, where Word resolves each style name with the
template's definition of it, and many checking tools read only direct formatting. With fonts for every script,
size, indent, alignment and exact line height on each paragraph and run, the text keeps its look either way.
What the paragraph or run already says for itself wins: the style only fills in what is missing.

Pure: document.xml in, document.xml out (lxml).
"""

from __future__ import annotations

import functools
import re

from lxml import etree

from yearbook.report import reference_docx as R
from yearbook.report.layout_spec import DEFAULT_PROFILE, FontProfile

W = f"{{{R.W_NS}}}"
# CT_PPrBase and CT_RPr (EG_RPrBase) in the order ECMA-376 Part 1 (17.3.1.26, 17.3.2.28) gives: Word may call a
# file corrupt when an element is out of order.
PPR_ORDER = [
    "pStyle",
    "keepNext",
    "keepLines",
    "pageBreakBefore",
    "framePr",
    "widowControl",
    "numPr",
    "suppressLineNumbers",
    "pBdr",
    "shd",
    "tabs",
    "suppressAutoHyphens",
    "kinsoku",
    "wordWrap",
    "overflowPunct",
    "topLinePunct",
    "autoSpaceDE",
    "autoSpaceDN",
    "bidi",
    "adjustRightInd",
    "snapToGrid",
    "spacing",
    "ind",
    "contextualSpacing",
    "mirrorIndents",
    "suppressOverlap",
    "jc",
    "textDirection",
    "textAlignment",
    "textboxTightWrap",
    "outlineLvl",
    "divId",
    "cnfStyle",
    "rPr",
    "sectPr",
    "pPrChange",
]
RPR_ORDER = [
    "rStyle",
    "rFonts",
    "b",
    "bCs",
    "i",
    "iCs",
    "caps",
    "smallCaps",
    "strike",
    "dstrike",
    "outline",
    "shadow",
    "emboss",
    "imprint",
    "noProof",
    "snapToGrid",
    "vanish",
    "webHidden",
    "color",
    "spacing",
    "w",
    "kern",
    "position",
    "sz",
    "szCs",
    "highlight",
    "u",
    "effect",
    "bdr",
    "shd",
    "fitText",
    "vertAlign",
    "rtl",
    "cs",
    "em",
    "lang",
    "eastAsianLayout",
    "specVanish",
    "oMath",
    "rPrChange",
]

# Paragraph marks: bookmarks named yb<what>_<twips>_<n> (n makes the name unique in the document).
MARK = re.compile(r"yb(keep|right|after)_(\d+)_\d+")


PROVENANCE = re.compile(r"ybp_(\d+)(?:_(\d+))?")  # ybp_<block>[_<line>]: the document block a paragraph prints
SOURCE_PROPERTY, YEAR_PROPERTY = "yearbook-source", "yearbook-year"  # custom document properties


def provenance_mark(block: int, line: int | None = None) -> str:
    """The bookmark naming the block of the document (and, for a signature, its line) a paragraph prints. It stays in
    the DOCX: Word, WPS and LibreOffice keep bookmarks, and `yearbook absorb` reads them."""
    return f"ybp_{block}" if line is None else f"ybp_{block}_{line}"


CELL = re.compile(r"ybc_(\d+)_(\d+)_(\d+)")  # ybc_<block>_<row>_<cell>: a table cell's paragraph


def cell_mark(block: int, row: int, cell: int) -> str:
    """The bookmark naming a table cell (its table's block, its row and its place in the row, merged cells once)."""
    return f"ybc_{block}_{row}_{cell}"


def keep_mark(n: int) -> str:
    """This paragraph stays on the page of the next one, and is not split."""
    return f"ybkeep_0_{n}"


def right_mark(twips: int, n: int) -> str:
    """This paragraph is set flush right, `twips` in from the right edge."""
    return f"ybright_{twips}_{n}"


def after_mark(twips: int, n: int) -> str:
    """This paragraph has `twips` of space after it."""
    return f"ybafter_{twips}_{n}"


def _local(element: etree._Element) -> str:
    return etree.QName(element).localname


def _props(xml: str) -> dict[str, etree._Element]:
    root = etree.fromstring(f'<w:x xmlns:w="{R.W_NS}">{xml}</w:x>')
    holder = root[0] if len(root) else root
    return {_local(child): child for child in holder}


@functools.cache
def _styles() -> dict[str, R.StyleSpec]:
    return {spec.style_id: spec for spec in R.STYLES}


@functools.cache
def _paragraph_look(style_id: str) -> dict[str, etree._Element]:
    spec = _styles().get(style_id) or _styles()["Normal"]
    return _props(R.para_props(spec)) if spec.kind == "paragraph" else {}


@functools.cache
def _run_look(paragraph_style: str, character_style: str | None, profile: FontProfile) -> dict[str, etree._Element]:
    """A run's look: its paragraph style's run properties, then its character style's over them."""
    spec = _styles().get(paragraph_style) or _styles()["Normal"]
    look = _props(R.run_props(spec, profile))
    character = _styles().get(character_style or "")
    if character is not None and character.kind == "character":
        look.update(_props(R.run_props(character, profile)))
    return look


def _fill(properties: etree._Element, look: dict[str, etree._Element], order: list[str]) -> None:
    """Each property of `look` the element does not state yet, put where the schema's order wants it; rFonts that
    names no font (pandoc writes w:hint only) gets the fonts."""
    have = {_local(child): child for child in properties}
    for name, element in look.items():
        if name in have:
            if name == "rFonts":
                for key, value in element.attrib.items():
                    if have[name].get(key) is None:
                        have[name].set(key, value)
            continue
        _insert(properties, _copy(element), order)


def _copy(element: etree._Element) -> etree._Element:
    return etree.fromstring(etree.tostring(element))


def _rank(element: etree._Element, order: list[str]) -> int:
    name = _local(element)
    return order.index(name) if name in order else len(order)  # another namespace's extension goes last


def _insert(properties: etree._Element, element: etree._Element, order: list[str]) -> None:
    rank = _rank(element, order)
    for i, child in enumerate(properties):
        if _rank(child, order) > rank:
            properties.insert(i, element)
            return
    properties.append(element)


def _set(properties: etree._Element, element: etree._Element) -> None:
    """The property stated, replacing what was there."""
    for child in properties.findall(element.tag):
        properties.remove(child)
    _insert(properties, element, PPR_ORDER)


def _element(name: str, **attributes: str) -> etree._Element:
    element = etree.Element(f"{W}{name}")
    for key, value in attributes.items():
        element.set(f"{W}{key}", value)
    return element


def _own(parent: etree._Element, name: str) -> etree._Element:
    """The paragraph's pPr or the run's rPr, made first if missing (it is always the first child)."""
    found = parent.find(f"{W}{name}")
    if found is None:
        found = etree.Element(f"{W}{name}")
        parent.insert(0, found)
    return found


def _apply_marks(paragraph: etree._Element, ppr: etree._Element) -> None:
    """Our bookmarks are instructions, not places: each becomes its property and is removed."""
    for start in paragraph.findall(f"{W}bookmarkStart"):
        found = MARK.fullmatch(start.get(f"{W}name", ""))
        if found is None:
            continue
        what, twips = found.groups()
        if what == "right":
            _set(ppr, _element("ind", right=twips, firstLine="0", firstLineChars="0"))
            _set(ppr, _element("jc", val="right"))
        elif what == "after":
            look = _paragraph_look(_style_of(ppr))["spacing"]
            spacing = {etree.QName(key).localname: str(value) for key, value in look.attrib.items()}
            _set(ppr, _element("spacing", **{**spacing, "after": twips}))
        else:
            _set(ppr, _element("keepNext"))
            _set(ppr, _element("keepLines"))
        mark_id = start.get(f"{W}id")
        for end in paragraph.findall(f"{W}bookmarkEnd"):
            if end.get(f"{W}id") == mark_id:
                paragraph.remove(end)
        paragraph.remove(start)


def _style_of(ppr: etree._Element) -> str:
    style = ppr.find(f"{W}pStyle")
    return style.get(f"{W}val", "Normal") if style is not None else "Normal"


def with_direct_formatting(document_xml: bytes, profile: FontProfile = DEFAULT_PROFILE) -> bytes:
    """document.xml with every paragraph's and run's look written on it (see the module's docstring)."""
    root = etree.fromstring(document_xml)
    for paragraph in root.iter(f"{W}p"):
        ppr = _own(paragraph, "pPr")
        style_id = _style_of(ppr)
        _apply_marks(paragraph, ppr)
        _fill(ppr, _paragraph_look(style_id), PPR_ORDER)
        for run in paragraph.iter(f"{W}r"):
            rpr = _own(run, "rPr")
            character = rpr.find(f"{W}rStyle")
            _fill(rpr, _run_look(style_id, character.get(f"{W}val") if character is not None else None, profile), RPR_ORDER)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
