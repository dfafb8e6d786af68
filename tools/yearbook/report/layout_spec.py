"""The GB/T 9704 page and type, as numbers: one source for the reference DOCX and the Typst template.

Where the standard gives no number, the value chosen is stated here (see shared/reference/gbt9704.md).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

MM_PER_PT = 25.4 / 72
TWIPS_PER_PT = 20

PAGE_W_MM, PAGE_H_MM = 210, 297
MARGIN_TOP_MM, MARGIN_BOTTOM_MM, MARGIN_LEFT_MM, MARGIN_RIGHT_MM = 37, 35, 28, 26
TYPE_W_MM, TYPE_H_MM = 156, 225
LINES, CHARS = 22, 28
BODY_PT, TITLE_PT, FOLIO_PT = 16, 22, 14  # 3号, 2号, 4号
TITLE_LINE_EM = 1.6  # the title's lines: 22 pt type 35.2 pt apart (the standard gives no figure)
FOLIO_GAP_MM = 7  # page number line: 7 mm below the type area

CHAR_PITCH_PT = TYPE_W_MM / CHARS / MM_PER_PT  # 15.79 pt: a 16 pt character needs -0.21 pt tracking
# 225 mm / 22 = 28.99 pt. The PDF uses it exactly; Word's 22-line grid stores it in whole twips, 579 (28.95 pt).
LINE_PITCH_PT = TYPE_H_MM / LINES / MM_PER_PT
LINE_PITCH_TWIPS = int(LINE_PITCH_PT * TWIPS_PER_PT)


TITLE_LINE_TWIPS = round(TITLE_PT * TITLE_LINE_EM * TWIPS_PER_PT)
TITLE_GAP_PT = 2 * (LINE_PITCH_PT - BODY_PT)  # the least space between the title and the body


def title_rows(lines: int) -> int:
    """Lines of the page grid a title of `lines` lines takes with the space under it: the body then starts on a line
    of the grid (the PDF measures its title the same way; the DOCX is told through the space after the title)."""
    height = lines * TITLE_PT + (lines - 1) * (TITLE_LINE_EM - 1) * TITLE_PT
    return math.ceil((height + TITLE_GAP_PT) / LINE_PITCH_PT - 1e-4)


def title_after_twips(lines: int) -> int:
    """The space after a title of `lines` lines in Word, whose exact line height sets each title line 35.2 pt tall."""
    return title_rows(lines) * LINE_PITCH_TWIPS - lines * TITLE_LINE_TWIPS


def mm_to_twips(mm: float) -> int:
    return round(mm / MM_PER_PT * TWIPS_PER_PT)


@dataclass(frozen=True, slots=True)
class FontRole:
    """A typeface role: the name a DOCX gives (what offices have), Word's fallback for it, and the
    chain a PDF build tries on this machine (Windows and macOS names first, then free fonts)."""

    label: str
    docx: str
    docx_alt: str
    pdf_chain: tuple[str, ...]
    genuine: tuple[str, ...]  # families in the chain that are the real style rather than a stand-in


TITLE = FontRole(
    "小标宋",
    "方正小标宋简体",
    "宋体",
    (
        "FZXiaoBiaoSong-B05S",
        "方正小标宋简体",
        "FZXiaoBiaoSong-B05",
        "STZhongsong",
        "华文中宋",
        "Noto Serif CJK SC",
        "Source Han Serif SC",
        "FandolSong",
        "AR PL UMing CN",
    ),
    ("FZXiaoBiaoSong-B05S", "方正小标宋简体", "FZXiaoBiaoSong-B05"),
)
FANG = FontRole(
    "仿宋",
    "仿宋",
    "仿宋_GB2312",
    (
        "FangSong",
        "仿宋",
        "FangSong_GB2312",
        "仿宋_GB2312",
        "STFangsong",
        "华文仿宋",
        "FandolFang",
        "Zhuque Fangsong (technical preview)",
        "Noto Serif CJK SC",
        "Source Han Serif SC",
        "AR PL UMing CN",
    ),
    ("FangSong", "仿宋", "FangSong_GB2312", "仿宋_GB2312", "STFangsong", "华文仿宋", "FandolFang", "Zhuque Fangsong (technical preview)"),
)
HEI = FontRole(
    "黑体",
    "黑体",
    "SimHei",
    ("SimHei", "黑体", "STHeiti", "Heiti SC", "FandolHei", "Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Zen Hei", "WenQuanYi Micro Hei"),
    ("SimHei", "黑体", "STHeiti", "Heiti SC", "FandolHei", "Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Zen Hei", "WenQuanYi Micro Hei"),
)
KAI = FontRole(
    "楷体",
    "楷体",
    "楷体_GB2312",
    (
        "KaiTi",
        "楷体",
        "KaiTi_GB2312",
        "楷体_GB2312",
        "STKaiti",
        "华文楷体",
        "FandolKai",
        "LXGW WenKai",
        "AR PL UKai CN",
        "AR PL UKai",
        "Noto Serif CJK SC",
        "AR PL UMing CN",
    ),
    ("KaiTi", "楷体", "KaiTi_GB2312", "楷体_GB2312", "STKaiti", "华文楷体", "FandolKai", "LXGW WenKai", "AR PL UKai CN", "AR PL UKai"),
)
SONG = FontRole(
    "宋体",
    "宋体",
    "SimSun",
    ("SimSun", "宋体", "Songti SC", "STSong", "FandolSong", "Noto Serif CJK SC", "Source Han Serif SC", "AR PL UMing CN"),
    ("SimSun", "宋体", "Songti SC", "STSong", "FandolSong", "Noto Serif CJK SC", "Source Han Serif SC", "AR PL UMing CN"),
)
ROLES = {"title": TITLE, "body": FANG, "hei": HEI, "kai": KAI, "song": SONG}


@dataclass(frozen=True, slots=True, eq=False)  # one object a profile: hashed by identity, a cache key
class FontProfile:
    """The font names a DOCX gives each role, as the offices' machines and templates name them; the same names
    come first in the PDF's chains, so that a machine that has them prints with them."""

    name: str
    names: dict[str, tuple[str, str]]  # a role's label → (the DOCX's name, Word's fallback); others as the role says

    def docx(self, role: FontRole) -> str:
        return self.names.get(role.label, (role.docx, role.docx_alt))[0]

    def docx_alt(self, role: FontRole) -> str:
        return self.names.get(role.label, (role.docx, role.docx_alt))[1]

    def chain(self, role: FontRole) -> tuple[str, ...]:
        first = self.docx(role)
        return (first, *(family for family in role.pdf_chain if family != first))


# `fonts:` in .yearbook.yaml. windows: Windows' own names (the default). gb2312: the _GB2312 fonts many offices'
# red-header templates name (check then warns about characters outside GB 2312). macos: the fonts macOS and
# Office for Mac have.
PROFILES = {
    "windows": FontProfile("windows", {}),
    "gb2312": FontProfile("gb2312", {"仿宋": ("仿宋_GB2312", "仿宋"), "楷体": ("楷体_GB2312", "楷体")}),
    "macos": FontProfile(
        "macos",
        {
            "小标宋": ("华文中宋", "宋体-简"),
            "仿宋": ("华文仿宋", "仿宋"),
            "楷体": ("华文楷体", "楷体"),
            "黑体": ("黑体-简", "华文黑体"),
            "宋体": ("宋体-简", "华文宋体"),
        },
    ),
}
DEFAULT_PROFILE = PROFILES["windows"]
HEADING_ROLES = {1: HEI, 2: KAI, 3: FANG, 4: FANG}
