"""The record kinds' JSON Schemas (draft-07, in `schema/`) and validation against them.

A valid file, the common case, is checked by a compiled validator (fastjsonschema); only a file that
fails is validated again by `jsonschema`, whose errors are mapped back to the offending node with a
Chinese message and a fix hint. Both implement draft-07; a test holds them to the same verdicts.
"""

from __future__ import annotations

import contextlib
import copy
import functools
import json
import marshal
import os
import re
import sys
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path
from types import CodeType
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import jsonschema
    from jsonschema.exceptions import ValidationError

from yearbook.findings import Check, Severity, Violation, Where
from yearbook.suggest import closest

_COMMON_REF = "common.schema.json#/definitions/"
UNKNOWN_KEYS_SHOWN = 20

SCHEMA = Check(
    "YB101",
    "schema",
    Severity.ERROR,
    {
        "unexpected-key": (
            "不认识的键“{key}”。{suggestion}这里可用的键：{allowed}。",
            "unknown key '{key}'. {suggestion_en}Keys allowed here: {allowed}.",
        ),
        "unknown-code": (
            "不认识的规则代码“{key}”。{suggestion}可用的代码见 README 的规则表（如 YB205）。",
            "unknown check code '{key}'. {suggestion_en}The codes are listed in the README's table (e.g. YB205).",
        ),
        "more-unexpected-keys": (
            "这里另有 {count} 个不认识的键（前面已列出 {shown} 个）。这里可用的键：{allowed}。",
            "{count} more unknown keys here (the first {shown} are listed above). Keys allowed here: {allowed}.",
        ),
        "old-format": (
            "这个文件还是第 1 版记录格式。请运行 yearbook migrate（或 make migrate）升级为第 2 版：内容和注释不变，印出的报告一字不差。",
            "this file is still in record format 1. Run `yearbook migrate` (or `make migrate`) to move it to format 2: "
            "content and comments are kept and the report prints the same.",
        ),
        "part-type": (
            "这个部分文件没有写类型。请在开头加一行 type: …，可选：{types}。",
            "this part file does not say its type. Add a line type: … near the top; the types are: {types}.",
        ),
        "required": ("缺少必填的“{name}”{title}。请加上一行 {name}: …", "'{name}'{title_en} is required here. Add a line {name}: …"),
        "type": ("“{field}”应为{expected}，这里是{actual}。{hint}", "'{field}' should be {expected_en}, not {actual_en}. {hint_en}"),
        "enum": ("“{field}”的值“{value}”不在可选范围内，应为以下之一：{options}。", "'{field}' is '{value}'; it must be one of: {options}."),
        "const": ("“{field}”应为 {expected}。", "'{field}' must be {expected}."),
        "id": (
            "标识“{value}”不合规：只用小写英文字母、数字和连字符，以字母开头，例如 theory-study。",
            "id '{value}' is not valid: use lower-case letters, digits and hyphens, starting with a letter, e.g. theory-study.",
        ),
        "date": ("日期“{value}”应写作 2023-05-18，只知道月份时写 2023-05。", "date '{value}' must read 2023-05-18, or 2023-05 when only the month is known."),
        "pattern": ("“{field}”的值“{value}”格式不对。", "'{field}' value '{value}' is not in the expected form."),
        "empty": ("“{field}”不能为空。请填写内容，或删去这一项。", "'{field}' must not be empty. Fill it in or remove it."),
        "too-long": ("“{field}”过长（{size}），上限为 {limit}。", "'{field}' is too long ({size}); the limit is {limit}."),
        "range": ("“{field}”的值 {value} 超出范围（{bound}）。", "'{field}' value {value} is out of range ({bound})."),
        "unique": ("“{field}”中有重复项。请删去重复的一项。", "'{field}' lists an item twice. Remove the repeat."),
        "one-of": ("“{field}”至少需要以下之一：{options}。", "'{field}' needs at least one of: {options}."),
        "other": ("“{field}”不符合格式要求：{detail}。", "'{field}' does not match the format: {detail}."),
    },
)

_TYPES_ZH = {
    "string": "文字",
    "number": "数字",
    "integer": "整数",
    "object": "“键: 值”形式的映射",
    "array": "列表（每项以“- ”开头）",
    "null": "空",
    "boolean": "是/否",
}


def _json_type(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, (int, float)):
        return "number"
    if isinstance(value, str):
        return "string"
    return "array" if isinstance(value, list) else "object"


def _schema_file(name: str) -> Path:
    return Path(__file__).with_name("schema") / f"{name}.schema.json"


def _read(name: str) -> dict[str, Any]:
    result = json.loads(_schema_file(name).read_text(encoding="utf-8"))
    assert isinstance(result, dict)
    return result


def _rewrite_refs(node: Any) -> Any:
    if isinstance(node, dict):
        return {
            key: ("#/definitions/" + value[len(_COMMON_REF) :] if key == "$ref" and value.startswith(_COMMON_REF) else _rewrite_refs(value))
            for key, value in node.items()
        }
    if isinstance(node, list):
        return [_rewrite_refs(item) for item in node]
    return node


@functools.cache
def bundled(kind: str) -> dict[str, Any]:
    """The kind's schema with the common definitions inlined, so it stands alone for both validators.

    The files keep `common.schema.json` references because editors resolve them relative to the file.
    """
    schema: dict[str, Any] = _rewrite_refs(_read(kind))
    schema["definitions"] = copy.deepcopy(_read("common")["definitions"])
    return schema


def _cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "yearbook"


_CACHE_MAGIC = b"yearbook-validator-3\n"
_CACHE_LIMIT = 1 << 22
# fastjsonschema's generated code imports its exception classes, and importing fastjsonschema costs 13 ms, half
# a Python start (measured), on every pre-commit run. The code needs nothing else of it, so that import is
# replaced by our own class. If a later fastjsonschema words the line differently, the code keeps its import and
# still works, only slower.
_IMPORT_LINE = "from fastjsonschema import JsonSchemaValueException, JsonSchemaValuesException\n"


class Invalid(ValueError):
    """What the compiled validator raises on the first error (the thorough validator then finds them all)."""

    def __init__(self, message: str, value: Any = None, name: Any = None, definition: Any = None, rule: Any = None) -> None:
        super().__init__(message)


@functools.cache
def _maker() -> bytes:
    """What makes every validator the same way, whichever the schema: read once a run."""
    from importlib.util import find_spec

    spec = find_spec("fastjsonschema")
    locations = list(spec.submodule_search_locations or ()) if spec is not None else []
    version = Path(locations[0], "version.py").read_bytes() if locations else b"?"
    return b"\0".join([_CACHE_MAGIC, sys.version.encode(), str(marshal.version).encode(), version, Path(__file__).read_bytes()])


def _cache_key(kind: str) -> bytes:
    """Everything the validator is made from, byte for byte: the schema files as they are, this module (which
    bundles them and rewrites the generated code), fastjsonschema's version, Python's and marshal's. Read without
    importing fastjsonschema or parsing the schemas."""
    parts = [_maker(), _schema_file(kind).read_bytes()]
    if kind != "common":
        parts.append(_schema_file("common").read_bytes())
    return b"\0".join(parts)


@functools.cache
def _fast(kind: str) -> Callable[[Any], Any]:
    """The compiled validator of a kind.

    Generating and compiling it costs ~13 ms a schema (89 ms for all seven, measured), a third of a
    pre-commit run, so its bytecode is cached on disk. The cache is only a cache: an entry is used only when
    it holds the very key it was made from (compared byte for byte, not by a hash), its payload's CRC-32
    matches, it unmarshals to code and that code defines `validate`; anything else (a flipped bit, a truncated
    or foreign file) is rebuilt and rewritten atomically. CRC-32 and a byte comparison rather than SHA-256:
    importing hashlib costs 4 ms (measured), and what the check guards against is damage, not an attacker,
    who could write any file in the user's own cache folder anyway."""
    key = _cache_key(kind)
    path = _cache_dir() / f"validator-{kind}-{zlib.crc32(key):08x}.marshal"
    cached = _cached_validator(path, key)
    if cached is not None:
        return cached
    import fastjsonschema  # only when the cache misses

    source = fastjsonschema.compile_to_code(bundled(kind)).replace(_IMPORT_LINE, "", 1)
    code = compile(source, f"<yearbook validator {kind}>", "exec")
    validator = _define(code)
    assert validator is not None, "fastjsonschema's code defines validate"
    with contextlib.suppress(OSError):
        _write_atomically(path, _entry(key, marshal.dumps(code)))
    return validator


def _entry(key: bytes, payload: bytes) -> bytes:
    return _CACHE_MAGIC + b"%d %08x\n" % (len(key), zlib.crc32(payload)) + key + payload


def _write_atomically(path: Path, content: bytes) -> None:
    import tempfile

    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(content)
        os.replace(temporary, path)
    finally:
        with contextlib.suppress(OSError):
            os.unlink(temporary)


def _cached_validator(path: Path, key: bytes) -> Callable[[Any], Any] | None:
    try:
        with open(path, "rb") as cache:
            raw = cache.read(_CACHE_LIMIT + 1)
    except OSError:
        return None
    if len(raw) > _CACHE_LIMIT or not raw.startswith(_CACHE_MAGIC):
        return None
    header, _, rest = raw[len(_CACHE_MAGIC) :].partition(b"\n")
    try:
        length_text, crc_text = header.split(b" ")
        length, crc = int(length_text), int(crc_text, 16)
    except ValueError:
        return None
    if rest[:length] != key:
        return None
    payload = rest[length:]
    if zlib.crc32(payload) != crc:
        return None
    try:
        code = marshal.loads(payload)
    except (ValueError, EOFError, TypeError):
        return None
    return _define(code) if isinstance(code, CodeType) else None


def _define(code: CodeType) -> Callable[[Any], Any] | None:
    namespace: dict[str, Any] = {"JsonSchemaValueException": Invalid, "JsonSchemaValuesException": Invalid}
    try:
        exec(code, namespace)  # code fastjsonschema generated from our own schema, and checked as above
    except Exception:
        return None
    validate = namespace.get("validate")
    return validate if callable(validate) else None


@functools.cache
def _thorough(kind: str) -> jsonschema.Draft7Validator:
    import jsonschema  # only files that fail the fast validator need it; importing costs 0.1 s

    return jsonschema.Draft7Validator(bundled(kind))


def is_valid(kind: str, data: Any) -> bool:
    try:
        _fast(kind)(data)
    except ValueError:  # Invalid, or fastjsonschema's own exception (a ValueError too) if its import was kept
        return False
    return True


def validate(kind: str, data: Any, file: str) -> list[Violation]:
    """Violations of the kind's schema, each located at the offending node (an unknown key at the key)."""
    if is_valid(kind, data):
        return []
    errors = sorted(_thorough(kind).iter_errors(data), key=lambda e: [str(p) for p in e.absolute_path])
    return [violation for error in errors for violation in _violations(error, file)]


def _field(error: ValidationError) -> str:
    parts = list(error.absolute_path)
    while parts and isinstance(parts[-1], int):
        parts.pop()
    name = str(parts[-1]) if parts else "（文件顶层）"
    title = error.schema.get("title") if isinstance(error.schema, dict) else None
    return f"{name}（{title}）" if title and title != name else name


def _violations(error: ValidationError, file: str) -> Iterator[Violation]:
    path = tuple(error.absolute_path)
    where = Where(file, path)
    # jsonschema types these as "value or Unset"; for an error that was raised they are always set.
    validator: Any = error.validator
    instance: Any = error.instance
    expected: Any = error.validator_value
    schema: dict[str, Any] = error.schema if isinstance(error.schema, dict) else {}
    in_key_names = "propertyNames" in error.absolute_schema_path
    if in_key_names:
        yield Violation(SCHEMA, Where(file, (*path, instance), key=True), "id", {"value": instance})
    elif validator == "additionalProperties":
        allowed = list(schema.get("properties", {}))
        unknown = [key for key in instance if key not in allowed]
        for key in unknown[:UNKNOWN_KEYS_SHOWN]:
            yield _unexpected_key(file, path, key, allowed)
        if len(unknown) > UNKNOWN_KEYS_SHOWN:  # a pasted table of 100,000 keys needs one line, not 100,000
            yield Violation(
                SCHEMA, where, "more-unexpected-keys", {"count": len(unknown) - UNKNOWN_KEYS_SHOWN, "shown": UNKNOWN_KEYS_SHOWN, "allowed": tuple(allowed)}
            )
    elif validator == "required":
        for name in expected:
            if name not in instance and error.message.startswith(repr(name)):
                title = schema.get("properties", {}).get(name, {}).get("title")
                yield Violation(SCHEMA, where, "required", {"name": name, "title": f"（{title}）" if title else "", "title_en": ""})
    elif validator == "type":
        yield _type_violation(where, error)
    elif validator == "enum":
        yield Violation(SCHEMA, where, "enum", {"field": _field(error), "value": instance, "options": tuple(map(str, expected))})
    elif validator == "const":
        yield Violation(SCHEMA, where, "const", {"field": _field(error), "expected": expected})
    elif validator == "pattern":
        variant = "id" if "a-z" in expected else "date" if "[0-9]{4}" in expected else "pattern"
        yield Violation(SCHEMA, where, variant, {"field": _field(error), "value": instance})
    elif validator in ("minLength", "minItems", "minProperties"):
        yield Violation(SCHEMA, where, "empty", {"field": _field(error)})
    elif validator in ("maxLength", "maxItems"):
        yield Violation(SCHEMA, where, "too-long", {"field": _field(error), "size": len(instance), "limit": expected})
    elif validator in ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"):
        bound = f"{'≥' if validator == 'minimum' else '≤'} {expected}"
        yield Violation(SCHEMA, where, "range", {"field": _field(error), "value": instance, "bound": bound})
    elif validator == "uniqueItems":
        yield Violation(SCHEMA, where, "unique", {"field": _field(error)})
    elif validator in ("anyOf", "oneOf"):
        yield from _alternatives(error, file)
    else:
        yield Violation(SCHEMA, where, "other", {"field": _field(error), "detail": error.message})


def _unexpected_key(file: str, path: tuple[Any, ...], key: str, allowed: list[str]) -> Violation:
    close = closest(str(key), allowed)
    suggestion = (f"是不是想写“{close}”？", f"Did you mean '{close}'? ") if close else ("", "")
    if str(key).rstrip().endswith((")", "）", "]")):  # `{…, compute: sum(a, b)}`: the comma ended the entry
        suggestion = (
            "写在 { } 里的值含逗号时，YAML 把逗号当成分隔：请给整个值加单引号，如 compute: 'sum(a, b)'，或用顿号 sum(a、b)。",
            "Inside { }, a comma ends the entry: quote the whole value, e.g. compute: 'sum(a, b)'. ",
        )
    if re.fullmatch(r"\d{3}(?:\.\d+)?", str(key).strip()):  # `{…, value: 1,200}`: the comma ended the entry
        suggestion = (
            "数字里不能写千位分隔符：在 { } 里 YAML 把逗号当成分隔，“1,200”被读成 1 和一个键“200”。请去掉逗号，写成 value: 1200。",
            "A number has no thousands separator: inside { } a comma ends the entry, so '1,200' reads as 1 and a key '200'. Drop the comma: value: 1200. ",
        )
    args = {"key": key, "allowed": tuple(allowed), "suggestion": suggestion[0], "suggestion_en": suggestion[1]}
    return Violation(SCHEMA, Where(file, (*path, key), key=True), "unexpected-key", args)


def _alternatives(error: ValidationError, file: str) -> Iterator[Violation]:
    context = list(error.context or [])
    if context and all(sub.validator == "required" for sub in context):
        options = tuple(name for sub in context for name in sub.validator_value)  # type: ignore[union-attr]  # set on raised errors
        yield Violation(SCHEMA, Where(file, tuple(error.absolute_path)), "one-of", {"field": _field(error), "options": options})
        return
    from jsonschema.exceptions import best_match

    # A null where a value may be unfilled or given: the type mismatch of the non-null branch reads best.
    # Likewise `false` where a part may be switched off (`signature: false`): unless the value is a boolean, the
    # branch it meant to match is the other one.
    meant = [
        sub
        for sub in context
        if sub.validator_value != "null" and not (sub.validator == "const" and sub.validator_value is False and not isinstance(sub.instance, bool))
    ]
    best = best_match(meant or context)
    if best is None:
        yield Violation(SCHEMA, Where(file, tuple(error.absolute_path)), "other", {"field": _field(error), "detail": error.message})
        return
    yield from _violations(best, file)


def _type_violation(where: Where, error: ValidationError) -> Violation:
    declared: Any = error.validator_value
    expected: list[str] = declared if isinstance(declared, list) else [declared]
    expected = [t for t in expected if t != "null"] or expected
    actual_type = _json_type(error.instance)
    instance = error.instance
    hint_zh = hint_en = ""
    if ("number" in expected or "integer" in expected) and isinstance(instance, str):
        hint_zh = f"“{instance}”被读作文字：数字只写阿拉伯数字，不加前导零、千位逗号、下划线或单位，例如 1200。"
        hint_en = f"'{instance}' was read as text: write plain digits without leading zeros, separators or units, e.g. 1200."
    elif "string" in expected and isinstance(instance, dict):
        hint_zh = "以 { 开头的文字会被当作映射：请给整段文字加单引号，例如 '{org}党组……'。"
        hint_en = "text starting with { is read as a mapping: quote the whole text, e.g. '{org}…'."
    elif "string" in expected and isinstance(instance, (int, float, bool)):
        hint_zh = "如需写成文字，请加引号，例如 '2023'。"
        hint_en = "to write it as text, quote it, e.g. '2023'."
    elif instance is None:
        hint_zh = "这里不能留空。"
        hint_en = "it must not be empty."
    actual = f"{_TYPES_ZH[actual_type]}" + (f"“{instance}”" if actual_type in ("string", "number", "boolean") else "")
    return Violation(
        SCHEMA,
        where,
        "type",
        {
            "field": _field(error),
            "expected": "或".join(_TYPES_ZH[t] for t in expected),
            "expected_en": " or ".join(expected),
            "actual": actual,
            "actual_en": actual_type + (f" '{instance}'" if actual_type in ("string", "number", "boolean") else ""),
            "hint": hint_zh,
            "hint_en": hint_en,
        },
    )
