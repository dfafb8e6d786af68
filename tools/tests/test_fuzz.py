"""Property-based fuzzing (hypothesis) of the loader and of `check` on mutated records.

The properties: any bytes and any text give a `Document` or a located violation, never an exception;
any mutation of the real records gives findings (exit 0, 1 or 2), never a crash; and records that
`check` passes always compile into a document and a file name (what `report` needs apart from pandoc
and Typst). A few examples also go through the real command, where a crash of libyaml's C code would
show as a negative exit code rather than take the test run down.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import RECORDS
from hostile import assert_clean, run
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from yearbook.engine import Options, stamp
from yearbook.engine import check_source as check_records
from yearbook.findings import Severity
from yearbook.load.decode import decode
from yearbook.load.files import load_bytes
from yearbook.load.yaml_strict import parse
from yearbook.report.compile import compile_year
from yearbook.report.file_name import file_stem
from yearbook.report.pandoc_ast import to_ast
from yearbook.report.render import epoch_of, font_plan
from yearbook.report.typst_source import to_typst
from yearbook.sources import WorkTree

# What YAML gives meaning to, what the loader refuses, and ordinary text: the places bugs hide.
YAML_ALPHABET = "-?:,[]{}#&*!|>'\"%@`\\ \n\t\r.0123456789eE+_~abcyzAZ：　，。“”中文年\x00\x1b\x7f\x85\u2028\u202e\ufeff"
FILES = sorted(str(path.relative_to(RECORDS)) for path in RECORDS.rglob("*.yaml"))
# YEARBOOK_FUZZ_EXAMPLES=2000 for a deeper run than make test's
FUZZ = settings(
    max_examples=int(os.environ.get("YEARBOOK_FUZZ_EXAMPLES", "150")), deadline=5000, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large]
)


def _never_raises_on(text: str) -> None:
    result = parse(text, "x.yaml")
    if not hasattr(result, "data"):
        stamp([result], {}, Options())  # type: ignore[list-item]  # the message formats with its arguments
        stamp([result], {}, Options(lang="en"))  # type: ignore[list-item]


@FUZZ
@given(st.text(alphabet=YAML_ALPHABET, max_size=300))
def test_the_parser_never_raises_on_yaml_like_text(text: str) -> None:
    _never_raises_on(text)


@FUZZ
@given(st.text(max_size=200))
def test_the_parser_never_raises_on_any_text(text: str) -> None:
    _never_raises_on(text)


@FUZZ
@given(st.binary(max_size=300))
def test_loading_never_raises_on_any_bytes(raw: bytes) -> None:
    result = load_bytes(lambda: raw, "x.yaml")
    if not hasattr(result, "data"):
        stamp([result], {}, Options())  # type: ignore[list-item]
    decoded = decode(raw, "x.yaml")
    assert isinstance(decoded, str) or decoded.check.code == "YB002"


@dataclass(frozen=True)
class Mutation:
    file: str
    kind: str
    at: float
    length: int
    text: str

    def apply(self, source: str) -> str:
        lines = source.split("\n")
        where = int(self.at * len(source))
        line = int(self.at * len(lines))
        if self.kind == "delete":
            return source[:where] + source[where + self.length :]
        if self.kind == "insert":
            return source[:where] + self.text + source[where:]
        if self.kind == "replace-line":
            return "\n".join([*lines[:line], self.text, *lines[line + 1 :]])
        if self.kind == "duplicate-line":
            return "\n".join([*lines[: line + 1], *lines[line:]])
        if self.kind == "swap-lines":
            other = min(len(lines) - 1, line + 1 + self.length % 5)
            lines[line], lines[other] = lines[other], lines[line]
            return "\n".join(lines)
        # "value": a scalar after the first ": " from here on is replaced
        colon = source.find(": ", where)
        if colon < 0:
            return source
        end = source.find("\n", colon)
        return source[: colon + 2] + self.text + (source[end:] if end >= 0 else "")


SCALARS = st.one_of(
    st.sampled_from(["", "~", "null", "true", "no", "010", "1e999", "-1", "0.5", "12:30", "2024-02-31", "'{org}'", "{x}", "[]", "{}", "*a", "&a b", "!!str x"]),
    st.integers(min_value=-(10**20), max_value=10**20).map(str),
    st.text(alphabet=YAML_ALPHABET, max_size=30),
)
MUTATIONS = st.builds(
    Mutation,
    file=st.sampled_from(FILES),
    kind=st.sampled_from(["delete", "insert", "replace-line", "duplicate-line", "swap-lines", "value"]),
    at=st.floats(min_value=0, max_value=0.999),
    length=st.integers(min_value=1, max_value=40),
    text=SCALARS,
)


@contextmanager
def mutated(mutations: list[Mutation]) -> Iterator[Path]:
    with tempfile.TemporaryDirectory(prefix="yearbook-fuzz-") as scratch:
        root = Path(scratch) / "records"
        shutil.copytree(RECORDS, root)
        for mutation in mutations:
            path = root / mutation.file
            path.write_text(mutation.apply(path.read_text(encoding="utf-8")), encoding="utf-8")
        yield root


@FUZZ
@given(st.lists(MUTATIONS, min_size=1, max_size=3))
def test_check_never_raises_and_what_it_passes_compiles(mutations: list[Mutation]) -> None:
    with mutated(mutations) as root:
        result = check_records(WorkTree(root), None, Options(final=False))
    if any(finding.severity is Severity.ERROR for finding in result.findings):
        event("check finds errors")
        return
    event("check passes: compiled")
    for year, records in result.years.items():  # what report does before pandoc and Typst
        document = compile_year(records, result.org)
        to_ast(document)
        to_typst(document, font_plan().chains())
        epoch_of(document.issued, year)
        assert file_stem(document.title, year).text


@pytest.mark.slow
@settings(max_examples=int(os.environ.get("YEARBOOK_FUZZ_EXAMPLES", "150")) // 6, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(MUTATIONS, min_size=1, max_size=3))
def test_the_real_command_exits_0_1_or_2_on_mutated_records(mutations: list[Mutation]) -> None:
    with mutated(mutations) as root:
        outcome = run("check", "records", cwd=root.parent, timeout=30)
        assert outcome.code in (0, 1, 2) and "Traceback" not in outcome.text, outcome.text[-2000:]
        event(f"exit {outcome.code}")
        if outcome.code == 0:  # anything check passes, report builds
            assert_clean(run("report", "--format", "md,docx", "--out", "build", cwd=root.parent, timeout=60), 0)
