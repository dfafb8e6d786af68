"""Figures in an imported report become named values: each number that states a fact (a number with its unit:
篇, 场次, 人次, 万元, %, 个百分点 …) and each blank (`*`, XX, ××, 某某, ___) becomes a figure with a readable id and a
label taken from its context, and the text refers to it. Dates, years, numbering, document numbers, ordinals (第3),
ranges (3—5个), numbers with thousands separators and numbers inside 《》 or “” stay text: they are not facts
to fill in or carry into the next year, or they would not print back as written.

Pure: record data in, the same data with references and `figures` out.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from yearbook.load.yaml_strict import Written
from yearbook.prose import PLACEHOLDER_RE

# Units after a number, longest first so 人次 wins over 人 and 个百分点 over 个. A multiplier (万, 亿) may come
# first: 3.5万元, 12亿元, 5万人次.
_MEASURES = "个项家件条期批份所户套台辆册本部座处支位间张封起例床班届轮类种幅首集名人场次篇"
_UNITS = sorted(
    (
        *[
            "个百分点",
            "百分点",
            "人次",
            "场次",
            "户次",
            "架次",
            "车次",
            "批次",
            "课时",
            "学时",
            "小时",
            "分钟",
            "平方米",
            "平方公里",
            "立方米",
            "公里",
            "千米",
            "千瓦时",
            "千瓦",
            "公顷",
            "公斤",
            "千克",
            "元",
            "吨",
            "亩",
            "天",
            "周",
            "米",
            "倍",
        ],
        *_MEASURES,
    ),
    key=len,
    reverse=True,
)
_UNIT = rf"(?:[万亿千]?(?:{'|'.join(map(re.escape, _UNITS))})|[万亿]|[%％‰])"
_NUMBER = re.compile(rf"(?<![\d.,A-Za-z第])(\d{{1,15}}(?:\.\d{{1,6}})?)(?![\d,A-Za-z]|\.\d)(余|多)?({_UNIT})")
# Words that begin with a measure word's character: after a blank, “XX项目” names a project, it counts nothing.
_WORDS_NOT_COUNTS = frozenset(
    [
        "项目",
        "人员",
        "人民",
        "人才",
        "人口",
        "人大",
        "人社",
        "名称",
        "名单",
        "名义",
        "家庭",
        "家长",
        "家属",
        "部门",
        "部署",
        "部分",
        "部长",
        "位置",
        "期间",
        "期刊",
        "期限",
        "条例",
        "条件",
        "件事",
        "所有",
        "所在",
        "所属",
        "台账",
        "处理",
        "处室",
        "处长",
        "支部",
        "支持",
        "本单位",
        "本部",
        "本级",
        "本地",
        "种类",
        "类型",
        "场所",
        "场地",
        "集团",
        "集体",
        "届时",
        "起草",
        "张贴",
        "首先",
        "首要",
        "班子",
        "次要",
        "份额",
        "户籍",
        "座谈",
        "间隔",
        "例如",
        "轮训",
        "床位",
        "套餐",
        "次日",
        "个体",
    ]
)
_BLANK_UNIT = re.compile(rf"(余|多)?({_UNIT})")
_BOUNDARY = "，。；、：！？（）\n"
_FILLERS = re.compile(r"(?:完成|实现|共计|总计|合计|累计|共|达到|达|约|近|超过|超|逾|为|计|了|有|增至|至|到|的)+$")
_GROWTH = ("增长", "增速", "下降", "提高", "降低", "增幅", "同比", "完成率", "比上年")
_JOINERS = re.compile(r"(?<![一二三四五六七八九十同平高中初上次])等|[的和及与]")
_HAN = re.compile(r"[\u4e00-\u9fff]")
_LABEL_CHARS = 16

# Record fields that hold prose, and those that hold holders of their own (a section's figures sit on it).
PROSE_FIELDS = ("heading", "intro", "paragraphs", "opening", "closing", "caption")
ITEM_FIELDS = ("points", "problems", "plans", "events")
NESTED_FIELDS = ("areas", "sections")


@dataclass(frozen=True, slots=True)
class Found:
    start: int
    end: int  # the span replaced by the reference: the digits, or the blank
    value: int | float | None
    written: str
    unit: str | None
    label: str
    kind: str


def _inside_quotes(text: str, at: int) -> bool:
    before = text[:at]
    return before.count("《") > before.count("》") or before.count("“") > before.count("”")


def _words(text: str) -> str:
    """Context as words: other references and blanks taken out."""
    return PLACEHOLDER_RE.sub("", re.sub(r"\{[^{}]*\}", "", text))


def _before(text: str, at: int) -> str:
    start = max((text.rfind(mark, 0, at) for mark in _BOUNDARY), default=-1) + 1
    return _FILLERS.sub("", _words(text[start:at]))[-_LABEL_CHARS:]


def _after(text: str, at: int) -> str:
    """The thing counted after a measure word, up to a clause mark or a joining word (等, 的, 和 …; not the 等
    of 二等奖)."""
    ends = [i for i in (text.find(mark, at) for mark in _BOUNDARY) if i >= 0]
    return _JOINERS.split(_words(text[at : min(ends, default=len(text))]))[0][:_LABEL_CHARS]


def _kind(value: int | float | None, unit: str | None, text: str, at: int) -> str:
    if unit is None:
        return "text"
    if unit in ("%", "％", "‰"):
        growth = any(word in text[max(0, at - 12) : at] for word in _GROWTH)
        return "rate" if growth or (value is not None and not 0 <= value <= 100) else "percent"
    if isinstance(value, float) or "百分点" in unit:
        return "number"
    return "count"


def _paired(text: str) -> str:
    """The context with any quote or bracket whose partner lies outside it taken out."""
    for opening, closing in ("“”", "‘’", "《》", "（）", "【】"):
        if text.count(opening) != text.count(closing):
            text = text.replace(opening, "").replace(closing, "")
    return text


def _label(before: str, after: str, unit: str | None) -> str:
    before, after = _paired(before), _paired(after)
    if unit is None:  # a blank standing for a name: the words next to it, the blank shown as …
        return f"{before[-8:]}…{after[:4]}"
    noun = after if unit[-1:] in _MEASURES and after else ""
    return f"{before}{noun}（{unit}）" if before or noun else f"数值（{unit}）"


def found_in(text: str) -> list[Found]:
    """The numbers that state facts and the blanks in a record text (already escaped; its `{{` are literal)."""
    out: list[Found] = []
    for match in _NUMBER.finditer(text):
        start, end = match.span(1)
        if _inside_quotes(text, start) or (start >= 2 and text[start - 1] in "—–－~～-" and text[start - 2].isdigit()):
            continue  # a title or slogan, or the end of a range: kept as written
        written, unit = match.group(1), match.group(3)
        value: int | float = float(written) if "." in written else int(written)
        label = _label(_before(text, start), _after(text, match.end()), unit)
        out.append(Found(start, end, value, written, unit, label, _kind(value, unit, text, start)))
    for match in PLACEHOLDER_RE.finditer(text):
        start, end = match.span()
        unit_match = _BLANK_UNIT.match(text, end)
        if unit_match and any(text.startswith(word, unit_match.start(2)) for word in _WORDS_NOT_COUNTS):
            unit_match = None
        unit = unit_match.group(2) if unit_match else None
        after = _after(text, unit_match.end() if unit_match else end)
        named = re.fullmatch(r"【待填[：:]?([^】]*)】", match.group(0))  # as our own report prints a blank: its label
        label = named.group(1) if named and named.group(1) else _label(_before(text, start), after, unit)
        out.append(Found(start, end, None, match.group(0), unit, label, _kind(None, unit, text, start)))
    return sorted(out, key=lambda found: found.start)


def slug(label: str) -> str:
    """A readable id from a label: the pinyin of its last four Chinese characters (the thing counted), or its
    letters and digits; `figure` when it has neither."""
    from pypinyin import lazy_pinyin  # loads its dictionaries only when an import names figures

    if "…" in label:  # a name: the words on either side of the blank
        before, _, after = label.partition("…")
        han = _HAN.findall(before)[-2:] + _HAN.findall(after)[: 4 - len(_HAN.findall(before)[-2:])]
        core = before + after
    else:
        core = re.sub(r"（[^）]*）$", "", label)
        han = _HAN.findall(core)[-4:]
    words = lazy_pinyin("".join(han)) if han else re.findall(r"[a-z0-9]+", core.lower())
    text = "-".join(w for w in (re.sub(r"[^a-z0-9]", "", word) for word in words) if w)
    return text if text and text[0].isalpha() else f"figure-{text}" if text else "figure"


@dataclass
class Namer:
    """Ids unique in the year (one namespace for every file), in the order the figures are met."""

    taken: set[str]

    def new(self, label: str) -> str:
        base = slug(label)
        ident, n = base, 1
        while ident in self.taken:
            n += 1
            ident = f"{base}-{n}"
        self.taken.add(ident)
        return ident


def _figure(found: Found) -> dict[str, Any]:
    figure: dict[str, Any] = {"label": found.label, "kind": found.kind}
    if found.unit is not None:
        figure["unit"] = found.unit
    value: Any = found.value
    if isinstance(value, float):
        value = Written(found.written)
    figure["value"] = value
    return figure


@dataclass(frozen=True, slots=True)
class Named:
    id: str
    found: Found
    text: str  # the text it was found in, as written


def _referred(text: str, figures: dict[str, Any], namer: Namer, made: list[Named]) -> str:
    pieces: list[str] = []
    position = 0
    for found in found_in(text):
        ident = namer.new(found.label)
        figures[ident] = _figure(found)
        made.append(Named(ident, found, text))
        pieces += [text[position : found.start], f"{{{ident}}}"]
        position = found.end
    return "".join(pieces) + text[position:] if pieces else text


def _slots(holder: dict[str, Any]) -> Iterator[tuple[dict[str, Any] | list[Any], Any]]:
    """Where every prose text of a holder sits (container, key), leaving out nested holders."""
    for key in PROSE_FIELDS:
        value = holder.get(key)
        if isinstance(value, str):
            yield holder, key
        elif isinstance(value, list):
            yield from ((value, i) for i, text in enumerate(value) if isinstance(text, str))
    for key in ITEM_FIELDS:
        for item in holder.get(key) or []:
            yield from ((item, field) for field in ("lead", "text") if isinstance(item.get(field), str))


def _place(holder: dict[str, Any], figures: dict[str, Any]) -> None:
    """`figures` before the texts that refer to them, as a writer would put them."""
    first = next((key for key in holder if key in PROSE_FIELDS[1:] + ITEM_FIELDS + NESTED_FIELDS), None)
    entries = [(key, value) for key, value in holder.items() if key != "figures"]
    at = next((i for i, (key, _) in enumerate(entries) if key == first), len(entries))
    holder.clear()
    holder.update([*entries[:at], ("figures", figures), *entries[at:]])


def name_figures(holder: dict[str, Any], namer: Namer, made: list[Named]) -> None:
    """Name the figures of this holder and of those nested in it, adding each to `made`."""
    figures: dict[str, Any] = dict(holder.get("figures") or {})
    for container, key in list(_slots(holder)):
        container[key] = _referred(container[key], figures, namer, made)
    if figures:
        _place(holder, figures)
    for key in NESTED_FIELDS:
        for nested in holder.get(key) or []:
            name_figures(nested, namer, made)
