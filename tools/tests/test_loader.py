"""The strict loader: every bad input of the issue as a fixture, asserting code, message and location."""

from __future__ import annotations

from pathlib import Path

import pytest

from yearbook.engine import Options, stamp
from yearbook.findings import Finding
from yearbook.load.files import load_file
from yearbook.load.yaml_strict import MAX_BYTES, Document


def load(tmp_path: Path, content: bytes | str) -> Document | Finding:
    path = tmp_path / "x.yaml"
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    result = load_file(path, "x.yaml")
    if isinstance(result, Document):
        return result
    (finding,) = stamp([result], {}, Options())
    return finding


def finding(tmp_path: Path, content: bytes | str) -> Finding:
    result = load(tmp_path, content)
    assert isinstance(result, Finding), f"expected a finding, loaded {result!r}"
    return result


BAD_INPUTS = [
    # (id, content, code, line, col, words the message must hold)
    ("duplicate-key", "a: 1\nb: 2\na: 3\n", "YB006", 3, 1, ["“a”", "第 1 行"]),
    ("duplicate-key-nested", "a:\n  x: 1\n  y: 2\n  x: 3\n", "YB006", 4, 3, ["“x”", "第 2 行"]),
    ("tab-indent", "a:\n\tb: 1\n", "YB007", 2, 1, ["制表符"]),
    ("tab-in-text", "a: 一\t二\n", "YB007", 1, 5, ["制表符"]),
    ("anchor", "a: &x 1\nb: 2\n", "YB008", 1, 4, ["锚点"]),
    ("alias", "a: 1\nb: *x\n", "YB008", 2, 4, ["别名"]),
    ("too-deep", "a: " + "[" * 100 + "]" * 100 + "\n", "YB009", 1, 4 + 32 - 1, ["32"]),
    ("empty", "", "YB003", 1, 1, ["没有任何内容"]),
    ("blank-lines", "\n\n  \n", "YB003", 1, 1, ["没有任何内容"]),
    ("only-comments", "# 草稿\n# 以后再写\n", "YB003", 1, 1, ["没有任何内容"]),
    ("fullwidth-colon", "format: 1\ntitle：标题\n", "YB010", 2, 6, ["全角冒号", "title: "]),
    ("fullwidth-colon-item", "items:\n  - id：x\n", "YB010", 2, 7, ["全角冒号"]),
    ("ideographic-indent", "a:\n\u3000b: 1\n", "YB010", 2, 1, ["全角空格"]),
    ("ideographic-separator", "a:\u3000一\n", "YB010", 1, 3, ["全角空格"]),
    ("syntax-unclosed", "a: [1, 2\nb: 3\n", "YB005", 1, 4, ["YAML 语法错误", "没有闭合"]),
    ("syntax-indent", "a: 1\n b: 2\n", "YB005", 2, 3, ["YAML 语法错误", "缩进"]),
    ("brace-start", "opening:\n  - {org}党组坚持\n", "YB005", 2, 10, ["加单引号"]),
    ("tag-python", "a: !!python/object/apply:os.system [ls]\n", "YB005", 1, 4, ["“!!python/object/apply:os.system”"]),
    ("tag-binary", "a: !!binary aGVsbG8=\n", "YB005", 1, 4, ["标签"]),
    ("two-documents", "a: 1\n---\nb: 2\n", "YB005", 2, 1, ["第二个"]),
    ("complex-key", "? [a, b]\n: 1\n", "YB005", 1, 3, ["简单的文字"]),
    ("control-char", "a: 一\x07二\n", "YB005", 1, 5, ["U+0007"]),
]


@pytest.mark.parametrize(("content", "code", "line", "col", "words"), [case[1:] for case in BAD_INPUTS], ids=[case[0] for case in BAD_INPUTS])
def test_bad_input_is_a_located_error(tmp_path: Path, content: str, code: str, line: int, col: int, words: list[str]) -> None:
    result = finding(tmp_path, content)
    assert (result.code, result.line, result.col) == (code, line, col), result
    for word in words:
        assert word in result.message


def test_alias_bomb_fails_fast_without_expanding(tmp_path: Path) -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]" for i in range(1, 12)]
    result = finding(tmp_path, "\n".join(lines) + "\n")  # 10**12 leaves if expanded
    assert (result.code, result.line, result.col) == ("YB008", 1, 5)


def test_pathological_nesting_is_refused_before_libyaml_recursion(tmp_path: Path) -> None:
    # libyaml's composer crashes the interpreter near 20,000 levels; this must be a finding instead.
    result = finding(tmp_path, "[" * 50_000 + "]" * 50_000)
    assert (result.code, result.line, result.col) == ("YB009", 1, 33)


def test_oversized_file_is_refused_without_parsing(tmp_path: Path) -> None:
    result = finding(tmp_path, "a: " + "字" * MAX_BYTES)
    assert result.code == "YB004"
    assert str(MAX_BYTES) in result.message


def test_gbk_file_names_the_encoding_the_line_and_the_fix(tmp_path: Path) -> None:
    result = finding(tmp_path, "format: 1\nyear: 2023\ntopic: 意识形态工作\n".encode("gbk"))
    assert (result.code, result.line, result.col) == ("YB002", 3, 8)
    assert "按 GB18030 读出来是“意识形态工作”" in result.message
    assert "iconv -f GB18030 -t UTF-8" in result.message


def test_utf16_file_is_named(tmp_path: Path) -> None:
    result = finding(tmp_path, "a: 一\n".encode("utf-16"))
    assert result.code == "YB002"
    assert "UTF-16" in result.message and "iconv -f UTF-16" in result.message


def test_undecodable_non_gbk_bytes(tmp_path: Path) -> None:
    result = finding(tmp_path, b"a: \xff\xfe\xfd\xff\n")
    assert result.code == "YB002" and result.line == 1


def test_utf8_with_bom_and_crlf_loads_with_true_positions(tmp_path: Path) -> None:
    document = load(tmp_path, "\ufeffa: 一\r\nb:\r\n  c: 二\r\n".encode())
    assert isinstance(document, Document)
    assert document.data == {"a": "一", "b": {"c": "二"}}
    from yearbook.findings import Where

    assert document.locate(Where("x.yaml", ("b", "c"))) == (3, 6)


def test_no_yaml_1_1_surprises(tmp_path: Path) -> None:
    source = "a: no\nb: 010\nc: 12:30\nd: 2023-05-01\ne: off\nf: NO\ng: 1_000\nh: 0x1F\ni: .inf\nj: true\nk: 1.5\nl: ~\nm: yes\nn: -3\no: 1e3\np:\nq: False\n"
    document = load(tmp_path, source)
    assert isinstance(document, Document)
    assert document.data == {
        "a": "no",
        "b": "010",
        "c": "12:30",
        "d": "2023-05-01",
        "e": "off",
        "f": "NO",
        "g": "1_000",
        "h": "0x1F",
        "i": ".inf",
        "j": True,
        "k": 1.5,
        "l": None,
        "m": "yes",
        "n": -3,
        "o": 1000.0,
        "p": None,
        "q": "False",
    }
    assert type(document.data["n"]) is int


def test_quoted_numbers_stay_text(tmp_path: Path) -> None:
    document = load(tmp_path, "a: '12'\nb: \"true\"\n")
    assert isinstance(document, Document)
    assert document.data == {"a": "12", "b": "true"}


def test_position_of_a_character_inside_text(tmp_path: Path) -> None:
    from yearbook.findings import Where

    document = load(tmp_path, "a:\n  - 第一段,有逗号\n  - >-\n    折行的\n    第二段,逗号\n")
    assert isinstance(document, Document)
    assert document.locate(Where("x.yaml", ("a", 0), offset=3)) == (2, 8)
    second = document.data["a"][1]
    assert document.locate(Where("x.yaml", ("a", 1), offset=second.index(","))) == (5, 8)


def test_unreadable_path_is_a_finding(tmp_path: Path) -> None:
    result = load_file(tmp_path / "missing.yaml", "missing.yaml")
    assert not isinstance(result, Document)
    assert result.check.code == "YB001"
