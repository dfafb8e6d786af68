"""The pre-commit hook as pre-commit runs it, on good and bad records; the hook manifest and config."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import RECORDS, REPO, copy_year, edit

PRE_COMMIT = Path(sys.executable).parent / "pre-commit"
HOOK = REPO / "tools" / "hooks" / "yearbook-check.sh"


def git(repo: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True)


@pytest.fixture
def consumer(tmp_path: Path) -> Path:
    """Another repository of records that uses the hook: its own git repo, the hook from this checkout."""
    root = tmp_path / "records-repo"
    shutil.copytree(RECORDS, root / "records")
    config = {
        "repos": [
            {
                "repo": "local",
                "hooks": [
                    {
                        "id": "yearbook-check",
                        "name": "yearbook check",
                        "entry": str(HOOK),
                        "language": "system",
                        "files": r"^records/.*\.(yaml|yml)$",
                        "require_serial": True,
                    }
                ],
            }
        ]
    }
    (root / ".pre-commit-config.yaml").write_text(yaml.safe_dump(config), encoding="utf-8")
    git(root, "init", "-q", "-b", "main")
    git(root, "-c", "user.email=w@example.com", "-c", "user.name=w", "add", "-A")
    git(root, "-c", "user.email=w@example.com", "-c", "user.name=w", "commit", "-q", "-m", "records")
    return root


def pre_commit(repo: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PRE_COMMIT_HOME": str(repo.parent / "pre-commit-home"), "NO_COLOR": "1"}
    env.pop("GITHUB_ACTIONS", None)
    return subprocess.run([str(PRE_COMMIT), *args], cwd=repo, capture_output=True, text=True, env=env, timeout=300)


def test_manifest_and_config_are_valid() -> None:
    for command, path in (("validate-manifest", ".pre-commit-hooks.yaml"), ("validate-config", ".pre-commit-config.yaml")):
        done = subprocess.run([str(PRE_COMMIT), command, path], cwd=REPO, capture_output=True, text=True)
        assert done.returncode == 0, done.stdout + done.stderr
    (hook,) = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert hook["id"] == "yearbook-check" and hook["require_serial"] is True
    assert (REPO / hook["entry"]).is_file() and os.access(REPO / hook["entry"], os.X_OK)


def test_good_records_pass(consumer: Path) -> None:
    edit(consumer / "records/2023/problems.yaml", "一年来，", "这一年来，")
    done = pre_commit(consumer, "run", "--files", "records/2023/problems.yaml")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Passed" in done.stdout


def test_bad_records_fail_with_the_location(consumer: Path) -> None:
    edit(consumer / "records/2023/plans.yaml", "year: 2023", "year: 2022")
    done = pre_commit(consumer, "run", "--files", "records/2023/plans.yaml")
    assert done.returncode == 1
    assert "records/2023/plans.yaml:4:7: YB203" in done.stdout


def test_only_the_changed_year_and_the_year_linking_to_it_are_checked(consumer: Path) -> None:
    records = consumer / "records"
    for year in (2022, 2024):
        copy_year(records, 2023, year)
    edit(records / "2022/problems.yaml", "一年来，", "一年来,")  # an error in an unrelated year
    edit(
        records / "2024/activities.yaml", "    owner: party-group\n    paragraphs:", "    owner: party-group\n    carries_out: [theory-study]\n    paragraphs:"
    )
    edit(records / "2023/plans.yaml", "- id: theory-study", "- id: theory-learning")  # breaks 2024's link
    done = pre_commit(consumer, "run", "--files", "records/2023/plans.yaml")
    assert done.returncode == 1
    assert "records/2024/activities.yaml" in done.stdout and "YB202" in done.stdout and "theory-study" in done.stdout
    assert "records/2022/" not in done.stdout


def test_the_published_hook_bootstraps_itself_in_a_fresh_clone(consumer: Path, tmp_path: Path) -> None:
    """`pre-commit try-repo` clones this repository, as a consumer's pre-commit would, and runs the hook."""
    source = tmp_path / "hook-repo"
    subprocess.run(["git", "clone", "-q", str(REPO), str(source)], check=True)
    for name in (".pre-commit-hooks.yaml", "tools/hooks/yearbook-check.sh", "tools/requirements-check.txt"):
        (source / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(REPO / name, source / name)  # this checkout's files, committed or not
    git(source, "add", "-A")
    git(source, "-c", "user.email=w@example.com", "-c", "user.name=w", "commit", "-q", "-m", "hook", "--allow-empty")
    edit(consumer / "records/2023/plans.yaml", "year: 2023", "year: 2022")
    done = pre_commit(consumer, "try-repo", str(source), "yearbook-check", "--files", "records/2023/plans.yaml")
    assert done.returncode == 1, done.stdout + done.stderr
    assert "records/2023/plans.yaml:4:7: YB203" in done.stdout
