"""Record files that are not UTF-8: the encoding is named honestly, and the suggested command never destroys a file.

Every case runs the real `yearbook check` on a scratch copy of the records, then runs the command its message
suggests, as a user would paste it into bash, and proves that the original is byte-for-byte untouched and that
the new file holds the record's text in UTF-8. A conversion that cannot be right fails and touches nothing.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from conftest import RECORDS

from yearbook.engine import Options, stamp
from yearbook.load import decode as decode_module
from yearbook.load.decode import decode
from yearbook.load.files import load_file

ICONV = shutil.which("iconv")
BASH = shutil.which("bash")
PROBLEMS = "records/2023/problems.yaml"
# One shell word as shlex.quote writes it: '...' pieces, "'" for a quote, or plain characters.
_WORD = r"""(?:'[^']*'|"[^"]*"|[^\s'"])+"""
_COMMAND_RE = re.compile(rf"iconv -f (\S+) -t UTF-8 ({_WORD}) > ({_WORD})(?= )")
_REPLACE_RE = re.compile(rf"mv ({_WORD}) ({_WORD}) [）)]")

REAL_PROBLEMS = (RECORDS / "2023" / "problems.yaml").read_text(encoding="utf-8")
BIG5_RECORD = (
    "# 存在的問題：按順序編為「一是……二是……」；lead 是領起句，不寫序號和句號。\n"
    "format: 1\n"
    "year: 2023\n"
    "heading: 存在的問題\n"
    "intro:\n"
    "  - 一年來，我單位意識形態工作取得了一定成果，但也存在一些不足，需要在今後的工作中加以改進。\n"
    "problems:\n"
    "  - id: weak-synergy\n"
    "    lead: 意識形態工作合力尚待增強\n"
    "    text: 意識形態工作涉及每個單位、每名黨員幹部，具有系統性、複雜性，需要形成各方聯動、齊抓共管的合力。\n"
)
# A five-line record with twenty characters of text: as short as records get.
BIG5_SHORT = "format: 1\nyear: 2023\nheading: 存在的問題\nintro:\n  - 宣傳教育多以灌輸式為主，方式方法單一。\n"
GBK_SHORT = "format: 1\nyear: 2023\nheading: 存在的问题\nintro:\n  - 宣传教育多以灌输式为主，方式方法单一。\n"
# 𠀀 𪚥 㐀 are outside GBK: GB18030 writes them in four bytes.
GB18030_RECORD = "format: 1\nyear: 2023\nheading: 存在的问题\nintro:\n  - 生僻字“𠀀”“𪚥”“㐀”也要写得进记录：一年来，我单位意识形态工作取得了一定成果。\n"
# € is in Windows' Big5 (CP950) only.
CP950_RECORD = "format: 1\nyear: 2023\nheading: 存在的問題\nintro:\n  - 本會預算為新臺幣五百萬元，約合€十五萬，並完成各項業務檢討與報告。\n"
SJIS_RECORD = (
    "format: 1\nyear: 2023\nheading: 課題\nintro:\n"
    "  - 本年度の活動報告書を作成しました。各部署の担当者は内容を確認してください。会議は来週の月曜日に開催されます。資料は事前に配布しますので、ご準備をお願いします。\n"
)
EUCKR_RECORD = (
    "format: 1\nyear: 2023\nheading: 과제\nintro:\n"
    "  - 올해 우리 기관은 다양한 활동을 진행하였으며, 내년에도 계속 노력하겠습니다. 회의는 다음 주 월요일에 개최됩니다. 자료는 미리 배포하오니 준비해 주시기 바랍니다.\n"
)
CP1252_RECORD = (
    "format: 1\nyear: 2023\nheading: Problèmes\nintro:\n  - Le café de Müller à São Paulo était très élégant, où José a préparé son résumé – “déjà vu”.\n"
)
# Too short to tell: both candidates are named, the likelier (for a Chinese office) first.
GBK_TINY = "format: 1\nyear: 2023\ntopic: 意识形态工作\n"
BIG5_TINY = "format: 1\nyear: 2023\nheading: 問題\n"  # reads as GB18030 too (拜肈): the mistake
# Where charset-normalizer alone ranks wrong: GBK 一年 as Big5 and EUC-KR (GB18030 not even second), Big5 as Shift_JIS.
GBK_TWO = "format: 1\nyear: 2023\nheading: 一年\n"
BIG5_FOUR = "format: 1\nyear: 2023\nheading: 香港特別\n"


@dataclass(frozen=True)
class Case:
    id: str
    text: str
    raw: bytes
    label: str  # the encoding the message must name first
    iconv: str  # and the name its command must use
    sure: bool  # named alone ("looks like"), or as the first of two


def _bom(bom: bytes, text: str, codec: str) -> bytes:
    return bom + text.encode(codec)


CASES = [
    Case("big5-record", BIG5_RECORD, BIG5_RECORD.encode("big5"), "Big5", "BIG5", True),
    Case("big5-five-lines", BIG5_SHORT, BIG5_SHORT.encode("big5"), "Big5", "BIG5", True),
    Case("big5-cp950-euro", CP950_RECORD, CP950_RECORD.encode("cp950"), "Big5", "CP950", True),
    Case("gbk-real-record", REAL_PROBLEMS, REAL_PROBLEMS.encode("gbk"), "GB18030", "GB18030", True),
    Case("gbk-five-lines", GBK_SHORT, GBK_SHORT.encode("gbk"), "GB18030", "GB18030", True),
    Case("gb18030-four-byte", GB18030_RECORD, GB18030_RECORD.encode("gb18030"), "GB18030", "GB18030", True),
    Case("utf16le-bom", REAL_PROBLEMS, _bom(b"\xff\xfe", REAL_PROBLEMS, "utf-16-le"), "UTF-16", "UTF-16", True),
    Case("utf16be-bom", REAL_PROBLEMS, _bom(b"\xfe\xff", REAL_PROBLEMS, "utf-16-be"), "UTF-16", "UTF-16", True),
    Case("utf16le-no-bom", REAL_PROBLEMS, REAL_PROBLEMS.encode("utf-16-le"), "UTF-16LE", "UTF-16LE", True),
    Case("utf16be-no-bom", REAL_PROBLEMS, REAL_PROBLEMS.encode("utf-16-be"), "UTF-16BE", "UTF-16BE", True),
    Case("utf32-bom", REAL_PROBLEMS, REAL_PROBLEMS.encode("utf-32"), "UTF-32", "UTF-32", True),
    Case("shift-jis", SJIS_RECORD, SJIS_RECORD.encode("shift_jis"), "Shift_JIS", "SHIFT_JIS", True),
    Case("euc-kr", EUCKR_RECORD, EUCKR_RECORD.encode("euc_kr"), "EUC-KR", "EUC-KR", True),
    Case("windows-1252", CP1252_RECORD, CP1252_RECORD.encode("cp1252"), "Windows-1252", "CP1252", True),
    Case("gbk-tiny-unsure", GBK_TINY, GBK_TINY.encode("gbk"), "GB18030", "GB18030", False),
    Case("big5-tiny-unsure", BIG5_TINY, BIG5_TINY.encode("big5"), "Big5", "BIG5", False),
    Case("gbk-two-characters-unsure", GBK_TWO, GBK_TWO.encode("gbk"), "GB18030", "GB18030", False),
    Case("big5-four-characters-unsure", BIG5_FOUR, BIG5_FOUR.encode("big5"), "Big5", "BIG5", False),
]


@dataclass
class Checked:
    code: int
    output: str
    findings: list[dict[str, object]]


def check(cwd: Path, path: str, *options: str) -> Checked:
    """`yearbook check --format json PATH` as a real process; never a traceback."""
    env = {key: value for key, value in os.environ.items() if not key.startswith(("GITHUB_", "YEARBOOK_"))}
    done = subprocess.run([sys.executable, "-m", "yearbook", "check", "--format", "json", *options, path], cwd=cwd, env=env, capture_output=True, timeout=60)
    output = done.stdout.decode("utf-8") + done.stderr.decode("utf-8", errors="replace")
    assert "Traceback" not in output and "内部错误" not in output, output[-3000:]
    return Checked(done.returncode, output, json.loads(done.stdout)["findings"] if done.stdout.strip() else [])


def encoding_finding(checked: Checked, file: str) -> str:
    """The one YB002 message for `file` (exit 1); every other finding is about another file."""
    assert checked.code == 1, checked.output[-3000:]
    found = [f for f in checked.findings if f["code"] == "YB002"]
    assert [f["file"] for f in found] == [file], checked.output[-3000:]
    message = found[0]["message"]
    assert isinstance(message, str)
    return message


def command(message: str) -> tuple[str, str, str, str]:
    """The conversion command a message suggests, its -f name and its (quoted) source and target words."""
    match = _COMMAND_RE.search(message)
    assert match is not None, message
    return match.group(0), match.group(1), match.group(2), match.group(3)


def bash(line: str, cwd: Path) -> subprocess.CompletedProcess[bytes]:
    assert BASH is not None
    return subprocess.run([BASH, "-c", line], cwd=cwd, capture_output=True, timeout=60)


def expected_excerpt(text: str) -> str:
    """What the message quotes: 20 characters from the first non-ASCII one, up to the end of the line."""
    start = next((i for i, char in enumerate(text) if ord(char) > 0x7F), 0)
    return re.split("[\r\n]", text[start : start + 20], maxsplit=1)[0]


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    shutil.copytree(RECORDS, tmp_path / "records")
    return tmp_path


# ------------------------------------------------------------------------------------------ named and converted


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_the_encoding_is_named_and_the_suggested_command_converts_without_touching_the_original(tree: Path, case: Case) -> None:
    original = tree / PROBLEMS
    original.write_bytes(case.raw)
    message = encoding_finding(check(tree, "records"), PROBLEMS)
    assert f"按 {case.label} 读出来是“{expected_excerpt(case.text)}”" in message, message
    assert (f"看起来是 {case.label}，" in message) is case.sure, message
    line, name, source, target = command(message)
    assert name == case.iconv
    assert "&&" not in message and "-c " not in line  # one step, and iconv stops at bytes it cannot convert
    if ICONV is None or BASH is None:
        pytest.skip("iconv is not installed: the command was not run")
    done = bash(line, tree)
    assert done.returncode == 0, done.stderr
    assert original.read_bytes() == case.raw  # byte-identical
    converted = tree / (PROBLEMS + ".utf8")
    assert converted.read_bytes() == case.text.encode("utf-8")
    # Only after reading the new file does the user replace the original, with the command the message names.
    replace = _REPLACE_RE.search(message)
    assert replace is not None and (replace.group(1), replace.group(2)) == (target, source), message
    assert bash(replace.group(0)[:-1], tree).returncode == 0
    assert original.read_bytes() == case.text.encode("utf-8") and not converted.exists()
    assert all(f["code"] != "YB002" for f in check(tree, "records").findings)


def test_the_english_message_gives_the_same_safe_command(tree: Path) -> None:
    (tree / PROBLEMS).write_bytes(BIG5_RECORD.encode("big5"))
    message = encoding_finding(check(tree, "records", "--lang", "en"), PROBLEMS)
    assert "it looks like Big5, which reads it as" in message and "never over the original" in message
    assert command(message)[0] == f"iconv -f BIG5 -t UTF-8 {PROBLEMS} > {PROBLEMS}.utf8"


def test_a_file_that_is_not_any_one_encoding_is_said_to_be_unknown(tree: Path) -> None:
    # UTF-8 with a line pasted in from a GBK file: no encoding reads the whole file, so none is named.
    (tree / PROBLEMS).write_bytes(REAL_PROBLEMS.encode("utf-8") + "  - 意识形态工作\n".encode("gbk"))
    message = encoding_finding(check(tree, "records"), PROBLEMS)
    assert "无法判断是哪种编码" in message and "iconv" not in message


# --------------------------------------------------------------------------------- a wrong or lossy conversion


def _suggested(tree: Path, raw: bytes) -> str:
    (tree / PROBLEMS).write_bytes(raw)
    return command(encoding_finding(check(tree, "records"), PROBLEMS))[0]


@pytest.mark.parametrize("wrong", ["SHIFT_JIS", "EUC-KR", "UTF-16LE"])
def test_big5_converted_as_an_encoding_that_rejects_it_fails_and_touches_nothing(tree: Path, wrong: str) -> None:
    raw = BIG5_RECORD.encode("big5")
    line = _suggested(tree, raw).replace("-f BIG5 ", f"-f {wrong} ")  # as the "unsure" message tells the user to
    if ICONV is None or BASH is None:
        pytest.skip("iconv is not installed")
    done = bash(line, tree)
    assert done.returncode != 0 and b"iconv" in done.stderr
    assert (tree / PROBLEMS).read_bytes() == raw


def test_a_file_cut_inside_a_character_fails_to_convert_and_touches_nothing(tree: Path) -> None:
    raw = REAL_PROBLEMS.encode("gbk")
    line = _suggested(tree, raw)
    cut = raw.rstrip(b"\n")[:-1]  # the last Chinese character loses its second byte
    (tree / PROBLEMS).write_bytes(cut)
    if ICONV is None or BASH is None:
        pytest.skip("iconv is not installed")
    done = bash(line, tree)
    assert done.returncode != 0 and b"iconv" in done.stderr
    assert (tree / PROBLEMS).read_bytes() == cut


def test_big5_read_as_gb18030_does_not_fail_which_is_why_the_original_is_never_overwritten(tree: Path) -> None:
    # The accident: iconv decodes Big5 bytes as GB18030 without an error, into nonsense. The command
    # writes that nonsense to a new file only; the message names Big5, and the original stays as it was.
    raw = BIG5_RECORD.encode("big5")
    line = _suggested(tree, raw)
    assert " -f BIG5 " in line
    if ICONV is None or BASH is None:
        pytest.skip("iconv is not installed")
    done = bash(line.replace("-f BIG5 ", "-f GB18030 "), tree)
    assert done.returncode == 0
    assert (tree / PROBLEMS).read_bytes() == raw
    assert (tree / (PROBLEMS + ".utf8")).read_bytes() != BIG5_RECORD.encode("utf-8")


# -------------------------------------------------------------------------------- a hostile name in the command


def test_a_name_with_quotes_and_command_substitution_stays_one_word(tmp_path: Path) -> None:
    folder = 'it\'s $(touch pwned) `touch pwned2` ; touch pwned3 "x"'
    shutil.copytree(RECORDS, tmp_path / folder / "records")
    raw = REAL_PROBLEMS.encode("gbk")
    original = tmp_path / folder / PROBLEMS
    original.write_bytes(raw)
    message = encoding_finding(check(tmp_path, f"{folder}/records"), f"{folder}/{PROBLEMS}")
    # Cut out as a user copies it (up to the message's next words), not by the shell-aware pattern.
    line = message[message.index("iconv -f ") : message.index(" ，然后打开")]
    assert line == command(message)[0]
    if ICONV is None or BASH is None:
        pytest.skip("iconv is not installed")
    done = bash(line, tmp_path)
    assert list(tmp_path.rglob("pwned*")) == [], done.stderr
    assert done.returncode == 0, done.stderr
    assert original.read_bytes() == raw
    replace = _REPLACE_RE.search(message)
    assert replace is not None
    assert bash(replace.group(0)[:-1], tmp_path).returncode == 0
    assert list(tmp_path.rglob("pwned*")) == []
    assert original.read_bytes() == REAL_PROBLEMS.encode("utf-8")


# ----------------------------------------------------------------------------------- line ends and line numbers


def test_old_mac_line_ends_give_true_line_numbers_for_a_tab(tree: Path) -> None:
    lines = REAL_PROBLEMS.split("\n")
    lines[5] += "\t"  # line 6: "intro:" followed by a tab
    (tree / PROBLEMS).write_bytes("\r".join(lines).encode("utf-8"))
    checked = check(tree, "records")
    assert checked.code == 1
    assert [(f["line"], f["col"]) for f in checked.findings if f["code"] == "YB007"] == [(6, len(lines[5]))], checked.output


def test_old_mac_line_ends_give_true_line_numbers_from_libyaml(tree: Path) -> None:
    lines = REAL_PROBLEMS.split("\n")
    lines[8] = "  - id: [weak-synergy"  # line 9: a bracket that is never closed
    (tree / PROBLEMS).write_bytes("\r".join(lines).encode("utf-8"))
    checked = check(tree, "records")
    assert [(f["line"], f["col"]) for f in checked.findings if f["code"] == "YB005"] == [(9, 9)], checked.output


def test_old_mac_line_ends_give_the_true_line_of_a_gbk_character(tmp_path: Path) -> None:
    path = tmp_path / "x.yaml"
    path.write_bytes("format: 1\ryear: 2023\r\ntopic: 意识形态工作\r".encode("gbk"))
    result = load_file(path, "x.yaml")
    assert not hasattr(result, "data")
    (finding,) = stamp([result], {}, Options())  # type: ignore[list-item]
    assert (finding.code, finding.line, finding.col) == ("YB002", 3, 8)


def test_libyaml_reads_u2028_and_u2029_as_line_breaks_so_decode_leaves_them_alone() -> None:
    # libyaml (YAML 1.1) ends a line at U+2028 and U+2029 and counts it; editors do not show a new line there,
    # and the loader's own checks count only "\n". decode() keeps them, so tab and full-width positions stay
    # where an editor shows them; yaml_strict must refuse them before libyaml counts lines (as it does NEL).
    for separator in ("\u2028", "\u2029"):
        root = yaml.compose(f"a: 1{separator}b: 2\n", Loader=yaml.CSafeLoader)
        assert [(key.value, key.start_mark.line) for key, _ in root.value] == [("a", 0), ("b", 1)]
        assert decode(f"a: 1{separator}b: 2\n".encode(), "x.yaml") == f"a: 1{separator}b: 2\n"


def test_utf8_with_a_nul_is_not_called_utf16(tmp_path: Path) -> None:
    path = tmp_path / "x.yaml"
    path.write_bytes(b"a: 1\x00\nb: 2\x00\n")
    (finding,) = stamp([load_file(path, "x.yaml")], {}, Options())  # type: ignore[list-item]
    assert (finding.code, finding.line, finding.col) == ("YB005", 1, 5) and "U+0000" in finding.message


# ------------------------------------------------------------------------------- names iconv and Python share


SAMPLES = {
    "GB18030": "一年来工作取得了一定成果𠀀",
    "Big5": "一年來工作取得了一定成果",
    "Big5-HKSCS": "一年來工作取得了一定成果",
    "Shift_JIS": "本年度の活動報告書を作成しました",
    "EUC-KR": "올해 우리 기관은 다양한 활동을",
    "Windows-1252": "Café Müller – “déjà vu”",
}
ENCODINGS = [encoding for family in decode_module._FAMILIES for encoding in family]


@pytest.mark.parametrize("encoding", ENCODINGS, ids=[encoding.iconv for encoding in ENCODINGS])
def test_every_named_encoding_is_one_iconv_takes_and_reads_as_python_does(encoding: decode_module.Encoding) -> None:
    if ICONV is None:
        pytest.skip("iconv is not installed")
    raw = f"text: {SAMPLES[encoding.label]}\n".encode(encoding.codec)
    done = subprocess.run([ICONV, "-f", encoding.iconv, "-t", "UTF-8"], input=raw, capture_output=True, timeout=30)
    assert done.returncode == 0, done.stderr
    assert done.stdout.decode("utf-8") == raw.decode(encoding.codec)
