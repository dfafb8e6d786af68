"""The `yearbook check` command as a user meets it: formats (golden files), exit codes, options, config."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import RECORDS, Run, edit, run_command

GOLDEN = Path(__file__).parent / "golden"


def break_records(records: Path) -> None:
    """A broken copy of the seed records: one mistake of each common sort."""
    edit(records / "2023" / "activities.yaml", "以开展主题教育为主线，", "以开展主题教育为主线,")
    edit(records / "2023" / "activities.yaml", "value: 100}", "value: 120}")
    edit(records / "2023" / "plans.yaml", "addresses: [weak-synergy, little-innovation]", "addresses: [weak-synergy, litle-innovation]")
    edit(records / "2023" / "report.yaml", "topic: 意识形态工作\n", "topic: 意识形态工作\ntitel: 标题\n")
    edit(records / "2023" / "responsibilities.yaml", "    role: 党组\n", "    role: 党组\n    role: 党组书记\n")


def assert_golden(name: str, actual: str) -> None:
    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN"):
        path.write_text(actual, encoding="utf-8")
    assert actual == path.read_text(encoding="utf-8"), f"output differs from {path}; rerun with UPDATE_GOLDEN=1 if intended"


@pytest.mark.parametrize(
    ("fmt", "lang", "golden"), [("text", "zh", "check.txt"), ("text", "en", "check.en.txt"), ("json", "zh", "check.json"), ("github", "zh", "check.github.txt")]
)
def test_golden_output_on_broken_seed(fmt: str, lang: str, golden: str, records: Path, yearbook: Callable[..., Run]) -> None:
    break_records(records)
    result = yearbook("check", "--format", fmt, "--lang", lang)
    assert result.code == 1
    assert result.err == ""
    assert_golden(golden, result.out)


def test_github_format_is_chosen_under_actions(records: Path, yearbook: Callable[..., Run], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    result = yearbook("check")
    assert result.out.startswith("::warning file=records/2023/activities.yaml,line=17,col=65,title=YB302 unfilled-value::")


def test_exit_codes(records: Path, yearbook: Callable[..., Run]) -> None:
    assert yearbook("check").code == 0  # warnings only
    assert yearbook("check", "--strict").code == 1
    final = yearbook("check", "--final")
    assert final.code == 1 and "YB302 错误" in final.out
    assert yearbook("check", "no/such/path").code == 2
    assert yearbook("check", "--format", "xml").code == 2


def test_usage_error_is_short_and_in_chinese(records: Path, yearbook: Callable[..., Run]) -> None:
    result = yearbook("check", "no/such/path")
    assert result.code == 2 and "路径不存在：no/such/path" in result.err
    assert "Traceback" not in result.err


def test_an_internal_failure_is_one_line_and_exit_3(records: Path, yearbook: Callable[..., Run], monkeypatch: pytest.MonkeyPatch) -> None:
    def explode(*args: object, **kwargs: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr("yearbook.check_cmd.check_tree", explode)
    result = yearbook("check")
    assert result.code == 3
    assert "内部错误（RuntimeError: boom）" in result.err and "Traceback" not in result.err


def test_checks_a_year_folder_or_a_file(records: Path, yearbook: Callable[..., Run]) -> None:
    edit(records / "2023" / "plans.yaml", "year: 2023", "year: 2022")
    for target in ("records/2023", "records/2023/plans.yaml", "records", "."):
        result = yearbook("check", target)
        assert result.code == 1 and "records/2023/plans.yaml:4:7: YB203" in result.out, target


def test_config_sets_severity_and_language(records: Path, yearbook: Callable[..., Run]) -> None:
    (records.parent / ".yearbook.yaml").write_text("lang: en\nrules:\n  YB302: off\n  YB405: off\n", encoding="utf-8")
    result = yearbook("check")
    assert result.code == 0
    assert result.out == "6 files checked: 0 errors, 0 warnings.\n"


def test_config_errors_are_reported_like_record_errors(records: Path, yearbook: Callable[..., Run]) -> None:
    (records.parent / ".yearbook.yaml").write_text("rules:\n  YB302: silent\n", encoding="utf-8")
    result = yearbook("check")
    assert result.code == 2
    assert ".yearbook.yaml:2:10: YB101" in result.out and "error、warning、off" in result.out


def test_runs_as_module_and_console_script(records: Path) -> None:
    module = run_command("check", cwd=records.parent)
    assert module.returncode == 0 and "检查了 6 个文件：0 个错误，29 个警告。" in module.stdout
    script = Path(sys.executable).parent / "yearbook"  # the console script beside the interpreter
    console = subprocess.run([str(script), "check", "--lang", "en"], cwd=records.parent, capture_output=True, text=True, timeout=60)
    assert console.returncode == 0 and "6 files checked: 0 errors, 29 warnings." in console.stdout


def test_repository_records_are_checked_in_place(yearbook: Callable[..., Run], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(RECORDS.parent)
    result = yearbook("check", "--format", "json")
    assert result.code == 0 and json.loads(result.out)["errors"] == 0


def test_readme_documents_every_check() -> None:
    from yearbook.check_codes import BY_CODE

    readme = (RECORDS.parent / "README.md").read_text(encoding="utf-8")
    for check in BY_CODE.values():
        assert f"| {check.code} | {check.name} |" in readme, check.code
    documented = set(re.findall(r"^\| (YB[0-9]{3}) \|", readme, re.MULTILINE))
    assert documented == set(BY_CODE), documented ^ set(BY_CODE)  # no row for a check that does not exist


def test_configuration_rejects_a_code_no_check_has(records: Path, yearbook: Callable[..., Run]) -> None:
    (records.parent / ".yearbook.yaml").write_text("rules:\n  YB205: error\n  YB250: off\n", encoding="utf-8")
    result = yearbook("check", "records")
    assert result.code == 2
    assert ".yearbook.yaml:3:3: YB101" in result.out and "不认识的规则代码“YB250”" in result.out and "YB205" in result.out


def test_help_speaks_chinese_by_default_and_english_when_asked(yearbook: Callable[..., Run], monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(name, raising=False)
    chinese = yearbook("--help")
    assert chinese.code == 0 and chinese.out.startswith("用法：yearbook") and "检查记录" in chinese.out and "absorb" in chinese.out
    example = yearbook("report", "--help")
    assert "例如：\n  yearbook report\n      生成最新一年的报告到 build/" in example.out and "选项" in example.out
    english = yearbook("--lang", "en", "--help")
    assert english.out.startswith("usage: yearbook") and "validate the records" in english.out and "检查" not in english.out
    assert "examples:" in yearbook("report", "--help", "--lang", "en").out
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    assert "the .xlsx file to write" in yearbook("figures", "export", "--help").out


def test_a_usage_error_is_one_line_in_the_help_language(yearbook: Callable[..., Run], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("LANG", raising=False)
    monkeypatch.delenv("LC_ALL", raising=False)
    result = yearbook("report", "--no-such-option")
    assert result.code == 2 and "yearbook：参数错误" in result.err and "Traceback" not in result.err
    assert "yearbook: usage error" in yearbook("report", "--no-such-option", "--lang", "en").err


def test_the_entry_point_says_the_shared_exit_codes() -> None:
    """entry.py keeps its own copies (it imports nothing before main); they are the codes every command documents."""
    from yearbook import entry
    from yearbook.errors import Exit

    assert (entry._INTERRUPTED, entry._TERMINATED) == (Exit.INTERRUPTED, Exit.TERMINATED) == (130, 143)


def test_a_signal_python_drops_in_a_finaliser_still_stops_the_run() -> None:
    """Python drops an exception raised inside a finaliser (pypdfium2 closes pages in one): a SIGTERM that arrives
    there used to let the run go on and end 0. The entry point remembers it and ends with 143 all the same."""
    import subprocess
    import sys

    probe = """
import gc, os, signal, sys, weakref
import yearbook.cli
from yearbook import entry

class Page:
    pass

def run(argv):
    page = Page()
    weakref.finalize(page, os.kill, os.getpid(), signal.SIGTERM)  # the signal comes while a finaliser runs
    del page
    gc.collect()
    return 0

yearbook.cli.main = run
sys.exit(entry.main([]))
"""
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 143 and "已终止" in done.stderr


def test_every_command_names_the_function_that_runs_it() -> None:
    import importlib

    from yearbook.cli_args import COMMANDS

    for command in COMMANDS:
        module, function = command.run.split(":")
        assert callable(getattr(importlib.import_module(module), function)), command.name
