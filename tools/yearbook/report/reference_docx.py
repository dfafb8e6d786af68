"""The reference DOCX, generated from a style spec in code rather than kept as a hand-edited binary.

pandoc takes page setup (`sectPr` with the document grid), footers, settings and styles from it. Every
style pandoc applies carries explicit fonts, East Asian included, so nothing falls back to theme fonts
(which WPS reports as missing) and quotes never land in a Latin font.
"""

from __future__ import annotations

import dataclasses
import html
import io
import re
import zipfile
from dataclasses import dataclass

from yearbook.report import layout_spec as L
from yearbook.report.layout_spec import FontProfile, FontRole

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_FOOTER_TYPE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer"
_FOOTER_CONTENT = "application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"
ZIP_TIME = (1980, 1, 1, 0, 0, 0)

INDENT_TWIPS = round(2 * L.BODY_PT * L.TWIPS_PER_PT)  # 2 characters of 16 pt
# 28 characters across 156 mm need a pitch of 15.79 pt: 16 pt type condensed by 0.25 pt (w:spacing is in
# twentieths of a point) fits exactly 28 and never 29. A character grid (docGrid linesAndChars with a negative
# charSpace) would do the same in Word and WPS, but LibreOffice then gives every character two cells.
CONDENSE_TWENTIETHS = -5
CELL_TWIPS = round(L.BODY_PT * L.TWIPS_PER_PT + CONDENSE_TWENTIETHS)  # one character cell as Word sets it: 315
assert 28 * (L.BODY_PT + CONDENSE_TWENTIETHS / 20) <= L.TYPE_W_MM / L.MM_PER_PT < 29 * (L.BODY_PT + CONDENSE_TWENTIETHS / 20)
FOLIO_LINE_TWIPS = L.FOLIO_PT * L.TWIPS_PER_PT
TABLE_PT = 12
TABLE_LINE_TWIPS = 18 * L.TWIPS_PER_PT
# Every table pandoc writes names the style "Table": single black borders all round and inside, as official
# documents print them, and cells centred vertically.
_BORDERS = "".join(f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="000000"/>' for side in ("top", "left", "bottom", "right", "insideH", "insideV"))
TABLE_STYLE = (
    '<w:style w:type="table" w:styleId="Table"><w:name w:val="Table"/><w:basedOn w:val="TableNormal"/><w:qFormat/>'
    f'<w:tblPr><w:jc w:val="center"/><w:tblBorders>{_BORDERS}</w:tblBorders>'
    '<w:tblCellMar><w:top w:w="28" w:type="dxa"/><w:left w:w="85" w:type="dxa"/><w:bottom w:w="28" w:type="dxa"/><w:right w:w="85" w:type="dxa"/></w:tblCellMar></w:tblPr>'
    '<w:tcPr><w:vAlign w:val="center"/></w:tcPr></w:style>'
)
# Word measures the footer from the page edge to the footer's bottom; the page number line's top must sit
# 7 mm below the type area, so its bottom is one 14 pt line lower.
FOOTER_TWIPS = L.mm_to_twips(L.MARGIN_BOTTOM_MM - L.FOLIO_GAP_MM) - FOLIO_LINE_TWIPS


def _attribute(value: str) -> str:
    """An XML attribute value, quoted (html.escape: xml.sax.saxutils would import urllib.request, 16 ms a report)."""
    return '"' + html.escape(value, quote=True) + '"'


@dataclass(frozen=True, slots=True)
class StyleSpec:
    style_id: str
    name: str
    role: FontRole
    size_pt: float = L.BODY_PT
    kind: str = "paragraph"
    align: str = "both"
    first_line: int = INDENT_TWIPS
    right: int = 0
    line_twips: int = L.LINE_PITCH_TWIPS
    before: int = 0
    after: int = 0
    bold: bool = False
    outline: int | None = None
    keep_next: bool = False
    highlight: str | None = None
    snap_to_grid: bool = True
    condense: int = CONDENSE_TWENTIETHS


# The title's lines 1.6 em apart, as in the PDF, and off the page grid: snapped to it, LibreOffice gives each
# 22 pt line two grid lines (57.9 pt), and page 1 loses two body lines.
TITLE_STYLE = StyleSpec(
    "Title",
    "Title",
    L.TITLE,
    size_pt=L.TITLE_PT,
    align="center",
    first_line=0,
    line_twips=L.TITLE_LINE_TWIPS,
    after=L.title_after_twips(2),  # for two lines; the title paragraph says its own
    condense=0,
    snap_to_grid=False,
)
BODY_STYLES = tuple(
    StyleSpec(sid, name, L.FANG)
    for sid, name in (("BodyText", "Body Text"), ("FirstParagraph", "First Paragraph"), ("Compact", "Compact"), ("BlockText", "Block Text"))
)
STYLES: tuple[StyleSpec, ...] = (
    StyleSpec("Normal", "Normal", L.FANG),
    *BODY_STYLES,
    TITLE_STYLE,
    *(StyleSpec(f"Heading{n}", f"heading {n}", L.HEADING_ROLES[n], outline=n - 1, keep_next=True) for n in range(1, 5)),
    StyleSpec("DocNumber", "Doc Number", L.FANG, align="center", first_line=0),
    StyleSpec("Addressee", "Addressee", L.FANG, align="left", first_line=0),
    StyleSpec("Attachments", "Attachments", L.FANG, align="left", first_line=0, before=L.LINE_PITCH_TWIPS),
    # Signature and date flush right, 2 cells in (each line's own indent is written on it): a right indent holds
    # when the name is edited, where leading spaces pushed it out of place.
    StyleSpec("Signature", "Signature", L.FANG, align="right", first_line=0, right=2 * CELL_TWIPS, before=L.LINE_PITCH_TWIPS, keep_next=True),
    StyleSpec("DateLine", "Date Line", L.FANG, align="right", first_line=0, right=2 * CELL_TWIPS),
    StyleSpec("Footer", "footer", L.SONG, size_pt=L.FOLIO_PT, align="right", first_line=0, line_twips=FOLIO_LINE_TWIPS, snap_to_grid=False, condense=0),
    StyleSpec("Blank", "Blank", L.FANG, kind="character", highlight="yellow"),
    # Run-in headings: the heading's font inside a body paragraph.
    *(StyleSpec(f"Heading{n}Char", f"Heading {n} Char", L.HEADING_ROLES[n], kind="character") for n in range(1, 5)),
    StyleSpec("AttachmentLabel", "Attachment Label", L.HEI, align="left", first_line=0),
    dataclasses.replace(TITLE_STYLE, style_id="AttachmentTitle", name="Attachment Title", before=L.LINE_PITCH_TWIPS),  # on the third line
    StyleSpec("TableCaption", "Table Caption", L.HEI, align="center", first_line=0, keep_next=True),
    # Table text: 12 pt (小四) on its own 18 pt lines, off the page grid: a 156 mm line of six columns keeps four
    # characters to a cell.
    StyleSpec("TableCell", "Table Cell", L.FANG, size_pt=TABLE_PT, align="center", first_line=0, line_twips=TABLE_LINE_TWIPS, snap_to_grid=False, condense=0),
    StyleSpec(
        "TableCellLeft", "Table Cell Left", L.FANG, size_pt=TABLE_PT, align="left", first_line=0, line_twips=TABLE_LINE_TWIPS, snap_to_grid=False, condense=0
    ),
)


def _fonts(role: FontRole, profile: FontProfile) -> str:
    name = _attribute(profile.docx(role))
    return f'<w:rFonts w:ascii={name} w:eastAsia={name} w:hAnsi={name} w:cs={name} w:hint="eastAsia"/>'


def run_props(style: StyleSpec, profile: FontProfile = L.DEFAULT_PROFILE) -> str:
    size = round(style.size_pt * 2)
    bold = "<w:b/><w:bCs/>" if style.bold else '<w:b w:val="0"/><w:bCs w:val="0"/>'
    # Highlight for Word and WPS, shading as well since LibreOffice ignores highlight in a style.
    highlight = f'<w:highlight w:val="{style.highlight}"/><w:shd w:val="clear" w:color="auto" w:fill="FFFF00"/>' if style.highlight else ""
    spacing = f'<w:spacing w:val="{style.condense}"/>' if style.condense else ""
    return f'<w:rPr>{_fonts(style.role, profile)}{bold}{spacing}<w:sz w:val="{size}"/><w:szCs w:val="{size}"/>{highlight}</w:rPr>'


def para_props(style: StyleSpec) -> str:
    parts = []
    if style.keep_next:
        parts.append("<w:keepNext/>")  # the elements in the order the OOXML schema gives them (CT_PPrBase)
    # No punctuation hung past the line end: every line holds at most 28 cells, as in the PDF (LibreOffice, which
    # hangs marks by default, also loses the hung mark in its PDF). No automatic gap between Chinese and Latin or
    # digits: "2023年", not "2023 年".
    parts.append('<w:overflowPunct w:val="1"/><w:autoSpaceDE w:val="0"/><w:autoSpaceDN w:val="0"/>')
    if not style.snap_to_grid:
        parts.append('<w:snapToGrid w:val="0"/>')
    parts.append(f'<w:spacing w:before="{style.before}" w:after="{style.after}" w:line="{style.line_twips}" w:lineRule="exact"/>')
    chars = round(style.first_line / (L.BODY_PT * L.TWIPS_PER_PT) * 100)
    right = f' w:right="{style.right}"' if style.right else ""
    parts.append(f'<w:ind{right} w:firstLineChars="{chars}" w:firstLine="{style.first_line}"/>')
    parts.append(f'<w:jc w:val="{style.align}"/>')
    if style.outline is not None:
        parts.append(f'<w:outlineLvl w:val="{style.outline}"/>')
    return "<w:pPr>" + "".join(parts) + "</w:pPr>"


def _style(style: StyleSpec, profile: FontProfile) -> str:
    default = ' w:default="1"' if style.style_id == "Normal" else ""
    based = "" if style.style_id == "Normal" or style.kind == "character" else '<w:basedOn w:val="Normal"/>'
    ppr = para_props(style) if style.kind == "paragraph" else ""
    return f'<w:style w:type="{style.kind}"{default} w:styleId="{style.style_id}"><w:name w:val="{style.name}"/>{based}<w:qFormat/>{ppr}{run_props(style, profile)}</w:style>'


def styles_xml(profile: FontProfile = L.DEFAULT_PROFILE) -> str:
    body = StyleSpec("Normal", "Normal", L.FANG)
    defaults = (
        f'<w:docDefaults><w:rPrDefault><w:rPr>{_fonts(L.FANG, profile)}<w:kern w:val="2"/>'
        f'<w:sz w:val="{L.BODY_PT * 2}"/><w:szCs w:val="{L.BODY_PT * 2}"/><w:lang w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA"/></w:rPr></w:rPrDefault>'
        f"<w:pPrDefault>{para_props(body)}</w:pPrDefault></w:docDefaults>"
    )
    fixed = (
        '<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont"><w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/></w:style>'
        '<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:semiHidden/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/>'
        '<w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>'
    )
    return f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:styles xmlns:w="{W_NS}">{defaults}{fixed}{TABLE_STYLE}{"".join(_style(style, profile) for style in STYLES)}</w:styles>'


def _footer_xml(align: str, indent_side: str, profile: FontProfile) -> str:
    rpr = f'<w:rPr>{_fonts(L.SONG, profile)}<w:sz w:val="{L.FOLIO_PT * 2}"/><w:szCs w:val="{L.FOLIO_PT * 2}"/></w:rPr>'
    runs = (
        f'<w:r>{rpr}<w:t xml:space="preserve">— </w:t></w:r>'
        f'<w:r>{rpr}<w:fldChar w:fldCharType="begin"/></w:r><w:r>{rpr}<w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>'
        f'<w:r>{rpr}<w:fldChar w:fldCharType="separate"/></w:r><w:r>{rpr}<w:t>1</w:t></w:r><w:r>{rpr}<w:fldChar w:fldCharType="end"/></w:r>'
        f'<w:r>{rpr}<w:t xml:space="preserve"> —</w:t></w:r>'
    )
    ppr = f'<w:pPr><w:pStyle w:val="Footer"/><w:jc w:val="{align}"/><w:ind w:{indent_side}="{L.FOLIO_PT * L.TWIPS_PER_PT}" w:firstLine="0"/></w:pPr>'
    return f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:ftr xmlns:w="{W_NS}" xmlns:r="{R_NS}"><w:p>{ppr}{runs}</w:p></w:ftr>'


def section_xml() -> str:
    """Page setup: A4, margins 37/35/28/26 mm, a 22-line grid, odd and even footers."""
    return (
        '<w:sectPr><w:footerReference w:type="default" r:id="rIdFooterOdd"/><w:footerReference w:type="even" r:id="rIdFooterEven"/>'
        f'<w:pgSz w:w="{L.mm_to_twips(L.PAGE_W_MM)}" w:h="{L.mm_to_twips(L.PAGE_H_MM)}"/>'
        f'<w:pgMar w:top="{L.mm_to_twips(L.MARGIN_TOP_MM)}" w:right="{L.mm_to_twips(L.MARGIN_RIGHT_MM)}" w:bottom="{L.mm_to_twips(L.MARGIN_BOTTOM_MM)}" '
        f'w:left="{L.mm_to_twips(L.MARGIN_LEFT_MM)}" w:header="851" w:footer="{FOOTER_TWIPS}" w:gutter="0"/>'
        f'<w:cols w:space="425"/><w:docGrid w:type="lines" w:linePitch="{L.LINE_PITCH_TWIPS}"/></w:sectPr>'
    )


def _document_xml() -> str:
    return f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document xmlns:w="{W_NS}" xmlns:r="{R_NS}"><w:body><w:p/>{section_xml()}</w:body></w:document>'


def _font_table(profile: FontProfile) -> str:
    fonts = "".join(
        f'<w:font w:name={_attribute(profile.docx(role))}><w:altName w:val={_attribute(profile.docx_alt(role))}/><w:charset w:val="86"/><w:family w:val="auto"/><w:pitch w:val="variable"/></w:font>'
        for role in (L.TITLE, L.FANG, L.HEI, L.KAI, L.SONG)
    )
    return f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:fonts xmlns:w="{W_NS}">{fonts}</w:fonts>'


def _settings(original: str) -> str:
    settings = original.replace('<w:themeFontLang w:val="en-US" />', '<w:themeFontLang w:val="en-US" w:eastAsia="zh-CN" />')
    # evenAndOddHeaders belongs right after defaultTabStop in the schema's element order.
    return re.sub(r"(<w:defaultTabStop [^>]*/>)", r"\1<w:evenAndOddHeaders/>", settings, count=1)


def build(base: bytes, profile: FontProfile = L.DEFAULT_PROFILE) -> bytes:
    """The reference DOCX: pandoc's default package with our styles (fonts named as `profile` names them), page
    setup, footers and settings."""
    source = zipfile.ZipFile(io.BytesIO(base))
    parts = {name: source.read(name) for name in source.namelist()}
    parts["word/styles.xml"] = styles_xml(profile).encode()
    parts["word/document.xml"] = _document_xml().encode()
    parts["word/fontTable.xml"] = _font_table(profile).encode()
    parts["word/settings.xml"] = _settings(parts["word/settings.xml"].decode()).encode()
    parts["word/footer1.xml"] = _footer_xml("right", "right", profile).encode()
    parts["word/footer2.xml"] = _footer_xml("left", "left", profile).encode()
    rels = parts["word/_rels/document.xml.rels"].decode()
    footers = (
        f'<Relationship Id="rIdFooterOdd" Type="{_FOOTER_TYPE}" Target="footer1.xml"/>'
        f'<Relationship Id="rIdFooterEven" Type="{_FOOTER_TYPE}" Target="footer2.xml"/>'
    )
    parts["word/_rels/document.xml.rels"] = rels.replace("</Relationships>", footers + "</Relationships>").encode()
    types = parts["[Content_Types].xml"].decode()
    overrides = "".join(f'<Override PartName="/word/{name}" ContentType="{_FOOTER_CONTENT}"/>' for name in ("footer1.xml", "footer2.xml"))
    parts["[Content_Types].xml"] = types.replace("</Types>", overrides + "</Types>").encode()
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package:
        for name in sorted(parts, key=lambda n: (n != "[Content_Types].xml", n)):
            package.writestr(zipfile.ZipInfo(name, ZIP_TIME), parts[name], zipfile.ZIP_DEFLATED)
    return out.getvalue()
