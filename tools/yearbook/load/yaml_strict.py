"""Text to plain data, strictly: safe YAML with YAML 1.2-like scalars and every node's position kept.

libyaml (through PyYAML's C composer) builds the node tree; this module turns nodes into plain dicts,
lists, strings and numbers and keeps the tree so that a finding can be located later, lazily: the common
case, a valid file, never pays for positions.

No YAML 1.1 surprises: only `true`/`false` are booleans, only plain decimal numbers are numbers
(`010`, `1_000`, `0x1F`, `12:30`, `.inf` stay text), unquoted dates stay text, `no`/`off`/`NO` stay text.
A number where text is meant is handled by the schema, which reports it with a hint.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from yearbook.findings import PathPart, Violation, Where
from yearbook.load import checks

MAX_BYTES = 1 << 20
MAX_DEPTH = 32
# libyaml's C composer recurses once per nesting level and crashes the process past ~20,000 levels, so
# depth must be bounded before composing. Every construct that nests needs one of `[ { : - ?` per level
# (flow sequences and mappings, block mappings, block sequences, explicit keys); below this many of them a
# file cannot be deep enough to matter and the exact (event-based, iterative) count is skipped.
_DEPTH_SCAN_THRESHOLD = 1000

_STR, _INT, _FLOAT, _BOOL, _NULL, _MAP, _SEQ = (
    "yb:str",
    "yb:int",
    "yb:float",
    "yb:bool",
    "yb:null",
    "yb:map",
    "yb:seq",
)
_OURS = frozenset((_STR, _INT, _FLOAT, _BOOL, _NULL, _MAP, _SEQ))
_INT_RE = re.compile(r"-?(?:0|[1-9][0-9]*)\Z")
_FLOAT_RE = re.compile(r"-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?\Z")
_NUMBER_START = frozenset("-0123456789")

# A key written with a full-width colon, or an ideographic space used as indentation or separator.
_KEY_BEFORE_FULLWIDTH_COLON_RE = re.compile(r"[ ]*(?:-[ ]+)?([A-Za-z_][A-Za-z0-9_-]*)[ ]*")
_IDEOGRAPHIC_SPACE_RE = re.compile(r"^[ ]*(?:-)?\u3000|^[ ]*(?:-[ ]+)?[A-Za-z_][A-Za-z0-9_-]*:\u3000", re.MULTILINE)


def _resolve(self: object, kind: type, value: str | None, implicit: tuple[bool, bool]) -> str:
    if kind is ScalarNode:
        if not implicit[0] or value is None:
            return _STR
        if value in ("", "~", "null"):
            return _NULL
        if value in ("true", "false"):
            return _BOOL
        if value[0] in _NUMBER_START:
            if _INT_RE.match(value):
                return _INT
            if _FLOAT_RE.match(value):
                return _FLOAT
        return _STR
    return _MAP if kind is MappingNode else _SEQ


class _Composer(yaml.CSafeLoader):
    resolve = _resolve

    # Path-based resolvers are never registered: skip PyYAML's bookkeeping for them on every node.
    def descend_resolver(self, current_node: Any, current_index: Any) -> None:
        pass

    def ascend_resolver(self) -> None:
        pass


@dataclass(frozen=True, slots=True)
class Document:
    """A loaded file: its plain data, its source text and its node tree (for positions)."""

    file: str
    data: Any
    text: str
    root: Node
    # Mapping node → its keys, built on first use: locating n findings in a mapping of n keys stays linear.
    _keys: dict[int, dict[str, tuple[Node, Node]]] = field(default_factory=dict, compare=False, repr=False)

    def locate(self, where: Where) -> tuple[int, int]:
        """The 1-based line and column of a place, as near as the tree allows."""
        if where.line is not None:
            return where.line, where.col or 1
        node: Node = self.root
        key_node: Node | None = None
        for part in where.path:
            child = self._child(node, part)
            if child is None:
                break
            key_node, node = child
        if where.key and key_node is not None:
            node = key_node
        if where.offset is not None and isinstance(node, ScalarNode):
            return self._locate_in_scalar(node, where.offset)
        return node.start_mark.line + 1, node.start_mark.column + 1

    def _locate_in_scalar(self, node: ScalarNode, offset: int) -> tuple[int, int]:
        # The value may differ from its source (quotes, escapes, folded lines): find the same occurrence
        # of the same character in the source slice.
        value: str = node.value
        start, end = node.start_mark, node.end_mark
        if not 0 <= offset < len(value):
            return start.line + 1, start.column + 1
        target = value[offset]
        nth = value.count(target, 0, offset)
        source = self.text[start.index : end.index]
        pos = -1
        for _ in range(nth + 1):
            pos = source.find(target, pos + 1)
            if pos < 0:
                return start.line + 1, start.column + 1
        newlines = source.count("\n", 0, pos)
        if newlines == 0:
            return start.line + 1, start.column + pos + 1
        return start.line + newlines + 1, pos - source.rfind("\n", 0, pos)

    def _child(self, node: Node, part: PathPart) -> tuple[Node | None, Node] | None:
        if isinstance(node, MappingNode):
            if len(node.value) <= _SCAN_KEYS:  # the common small mapping: a scan beats building an index
                for key, value in node.value:
                    if key.value == part:
                        return key, value
                return None
            keys = self._keys.get(id(node))
            if keys is None:
                keys = self._keys[id(node)] = {}
                for key, value in node.value:
                    keys.setdefault(key.value, (key, value))
            return keys.get(part) if isinstance(part, str) else None
        if isinstance(node, SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
            return None, node.value[part]
        return None


class Written(float):
    """A decimal number that remembers how it was written: 2.0% stays “2.0”, 193.0亿元 stays “193.0”.

    Still a float for the schema, the rules and arithmetic; only printing looks at `written`."""

    written: str

    def __new__(cls, text: str) -> Written:
        number = super().__new__(cls, text)
        number.written = text
        return number


class _Reject(Exception):
    def __init__(self, violation: Violation) -> None:
        self.violation = violation


def parse(text: str, file: str) -> Document | Violation:
    """Parse one file's text into a `Document`, or return the first violation that stops it."""
    early = _prescan(text, file)
    if early is not None:
        return early
    try:
        root = yaml.compose(text, Loader=_Composer)
    except yaml.MarkedYAMLError as error:
        return _syntax_violation(error, text, file)
    except yaml.YAMLError as error:  # unmarked: libyaml's reader refuses control characters
        control = _CONTROL_RE.search(text)
        if control is not None:
            return _control(text, file, control.start())
        return Violation(checks.SYNTAX, Where(file, line=1, col=1), "default", {"problem": str(error), "problem_en": str(error), "hint": "", "hint_en": ""})
    if root is None:
        return Violation(checks.EMPTY, Where(file, line=1, col=1))
    if "&" in text or "*" in text:
        anchor = _first_anchor(text)
        if anchor is not None:
            return Violation(checks.ANCHOR, Where(file, line=anchor.line + 1, col=anchor.column + 1))
    try:
        data = _Builder(file, "\\" in text).build(root, 0)
    except _Reject as rejection:
        return rejection.violation
    return Document(file, data, text, root)


_CONTROL_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")
# In a value, also the tab and CR that double-quoted escapes ("\t", "\r", "\x1b") can still produce.
_VALUE_CONTROL_RE = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\ufffe\uffff]")
_NESTING_INDICATORS = "[{:-?"
# What the report prints exactly: 15 significant digits (all a double holds) and less than 10^15.
MAX_DIGITS = 15
_SCAN_KEYS = 16


def _prescan(text: str, file: str) -> Violation | None:
    if "\x85" in text:  # libyaml reads NEL as a line break, which would shift every line number after it
        return _control(text, file, text.index("\x85"))
    if "\t" in text:
        return Violation(checks.TAB, _where_index(text, file, text.index("\t")))
    index = text.find("：")
    while index >= 0:
        line_start = text.rfind("\n", 0, index) + 1
        match = _KEY_BEFORE_FULLWIDTH_COLON_RE.fullmatch(text, line_start, index)
        if match:
            return Violation(checks.FULLWIDTH, _where_index(text, file, index), "colon", {"key": match.group(1)})
        next_line = text.find("\n", index)
        index = -1 if next_line < 0 else text.find("：", next_line)
    if "\u3000" in text:
        match = _IDEOGRAPHIC_SPACE_RE.search(text)
        if match:
            return Violation(checks.FULLWIDTH, _where_index(text, file, match.end() - 1), "space")
    if "\u2028" in text or "\u2029" in text:  # libyaml reads these as line breaks; editors (and our counting) do not
        return _control(text, file, min(i for i in (text.find("\u2028"), text.find("\u2029")) if i >= 0))
    bound = sum(text.count(indicator) for indicator in _NESTING_INDICATORS)
    if bound > _DEPTH_SCAN_THRESHOLD:
        return _exact_depth(text, file)
    return None


def _exact_depth(text: str, file: str) -> Violation | None:
    depth = 0
    try:
        for event in yaml.parse(text, Loader=yaml.CSafeLoader):
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                depth += 1
                mark = event.start_mark
                if depth > MAX_DEPTH and mark is not None:
                    return Violation(checks.TOO_DEEP, Where(file, line=mark.line + 1, col=mark.column + 1), args={"limit": MAX_DEPTH})
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                depth -= 1
    except yaml.YAMLError:
        return None  # compose reports the syntax error with its position
    return None


def _control(text: str, file: str, index: int) -> Violation:
    return Violation(checks.SYNTAX, _where_index(text, file, index), "control", {"code": f"U+{ord(text[index]):04X}"})


def _first_anchor(text: str) -> Any:
    """The mark of the first anchor or alias, found by events so that an alias bomb is never expanded."""
    for event in yaml.parse(text, Loader=yaml.CSafeLoader):
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None) is not None:
            return event.start_mark
    return None


def _where_index(text: str, file: str, index: int) -> Where:
    line_start = text.rfind("\n", 0, index) + 1
    return Where(file, line=text.count("\n", 0, index) + 1, col=index - line_start + 1)


class _Builder:
    def __init__(self, file: str, escapes: bool) -> None:
        self.file = file
        # libyaml refuses control characters in the text itself; only a double-quoted escape ("\x1b") can
        # make one, and every escape starts with a backslash: without one, no value needs looking at.
        self.escapes = escapes

    def _where(self, node: Node) -> Where:
        return Where(self.file, line=node.start_mark.line + 1, col=node.start_mark.column + 1)

    def build(self, node: Node, depth: int) -> Any:
        tag = node.tag
        if tag not in _OURS:
            shown = tag.replace("tag:yaml.org,2002:", "!!")
            raise _Reject(Violation(checks.SYNTAX, self._where(node), "tag", {"tag": shown}))
        if tag == _STR:
            return self._text(node) if self.escapes else node.value
        if depth >= MAX_DEPTH:
            raise _Reject(Violation(checks.TOO_DEEP, self._where(node), args={"limit": MAX_DEPTH}))
        if tag == _MAP:
            assert isinstance(node, MappingNode)
            return self._mapping(node, depth)
        if tag == _SEQ:
            return [self.build(item, depth + 1) for item in node.value]
        if tag in (_INT, _FLOAT):
            return self._number(node)
        if tag == _BOOL:
            return node.value == "true"
        return None

    def _text(self, node: Node) -> str:
        value: str = node.value
        control = _VALUE_CONTROL_RE.search(value)
        if control is not None:
            raise _Reject(Violation(checks.SYNTAX, self._where(node), "control", {"code": f"U+{ord(control.group()):04X}"}))
        return value

    def _number(self, node: Node) -> int | float:
        text: str = node.value
        mantissa = re.split("[eE]", text.lstrip("-"), maxsplit=1)[0]
        digits = mantissa.replace(".", "").lstrip("0")
        if "." in mantissa:
            digits = digits.rstrip("0")
        if len(digits) > MAX_DIGITS:  # before int(): Python refuses to convert more than 4,300 digits
            raise _Reject(Violation(checks.NUMBER, self._where(node), args={"value": text, "digits": MAX_DIGITS}))
        if node.tag == _INT:
            return int(text)
        value = Written(text)
        size = abs(float(value))
        if not math.isfinite(size) or size >= 10**MAX_DIGITS or (size != 0 and size < 1e-6) or (size == 0 and digits):
            raise _Reject(Violation(checks.NUMBER, self._where(node), args={"value": text, "digits": MAX_DIGITS}))
        return value

    def _mapping(self, node: MappingNode, depth: int) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode):
                raise _Reject(Violation(checks.SYNTAX, self._where(key_node), "complex-key"))
            key = self._text(key_node) if self.escapes else key_node.value
            if key in result:
                first = next(k for k, _ in node.value if k.value == key)
                raise _Reject(Violation(checks.DUPLICATE_KEY, self._where(key_node), args={"key": key, "first_line": first.start_mark.line + 1}))
            result[key] = self.build(value_node, depth + 1)
        return result


_PROBLEMS_ZH = {
    "mapping values are not allowed in this context": "此处不能出现“键: 值”（缩进不对，或文字中有“: ”而没有加引号）",
    "could not find expected ':'": "找不到应有的冒号“:”（键后用了全角冒号，或上一行缩进不对）",
    "did not find expected key": "找不到应有的键（缩进不一致）",
    "did not find expected '-' indicator": "找不到应有的列表项“- ”（缩进不一致）",
    "block sequence entries are not allowed in this context": "此处不能出现列表项“- ”（缩进不对）",
    "found character that cannot start any token": "出现了不能作为开头的字符（如 @、`、%），请给这段文字加引号",
    "did not find expected ',' or ']'": "这个方括号 [ 没有闭合（缺少 ]）",
    "did not find expected ',' or '}'": "这个花括号 { 没有闭合（缺少 }）",
    "found unexpected end of stream": "文件意外结束（引号没有闭合？）",
    "found unknown escape character": "双引号中的反斜杠 \\ 无法识别，请改用单引号或去掉反斜杠",
    "found undefined alias": "出现了未定义的别名（*名称）",
    "did not find expected alphabetic or numeric character": "锚点或别名（& 或 * 之后）缺少名称",
    "did not find expected <document start>": "出现了多余的内容",
    "expected a single document in the stream": "一个文件只能有一个文档",
    "found a tab character where an indentation space is expected": "缩进中有制表符（Tab）",
}


def _syntax_violation(error: yaml.MarkedYAMLError, text: str, file: str) -> Violation:
    problem = (error.problem or error.context or "").strip()
    # An unclosed bracket is noticed lines later; the bracket that opened it is where the fix goes.
    unclosed = problem.startswith("did not find expected ',' or")
    mark = (error.context_mark if unclosed else None) or error.problem_mark or error.context_mark
    line, col = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
    if problem.startswith("found undefined alias") or ("alias" in problem and "anchor" in problem):
        return Violation(checks.ANCHOR, Where(file, line=line, col=col))
    if "expected a single document" in problem or problem.startswith("but found another document"):
        return Violation(checks.SYNTAX, Where(file, line=line, col=col), "multiple-documents")
    hint_zh, hint_en = _hint(text, line)
    return Violation(
        checks.SYNTAX,
        Where(file, line=line, col=col),
        "default",
        {"problem": _PROBLEMS_ZH.get(problem, problem), "problem_en": problem, "hint": hint_zh, "hint_en": hint_en},
    )


def _hint(text: str, line: int) -> tuple[str, str]:
    lines = text.split("\n")
    around = lines[max(0, line - 2) : line]
    for source in around:
        stripped = source.strip()
        value = stripped[2:] if stripped.startswith("- ") else stripped.partition(": ")[2]
        if value.startswith(("{", "[")) and any(ord(ch) > 0x2E80 for ch in value):
            return (
                "以 { 或 [ 开头的文字会被当作 YAML 的映射或列表：请给整段文字加单引号，例如 '{org}党组……'。",
                "text starting with { or [ is read as a YAML mapping or list: quote the whole text, e.g. '{org}…'.",
            )
    return ("请检查这一行及上一行的缩进、冒号和引号。", "Check the indentation, colons and quotes on this line and the one before.")
