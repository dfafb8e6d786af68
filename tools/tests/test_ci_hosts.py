"""CI beyond GitHub: the GitLab configuration (its keys, the Code Quality artifact, the merge-request jobs), the
Gitea workflow (actionlint, pinned actions), the Gitee Go pipeline, and `check --format codeclimate` against the
fields GitLab reads, fingerprints unique and stable."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import yaml
from conftest import Run, edit

REPO = Path(__file__).resolve().parents[2]
# GitLab CI's global keywords and the job keywords this configuration may use (docs.gitlab.com/ee/ci/yaml/).
GLOBAL = {"stages", "default", "workflow", "variables", "include"}
JOB = {"stage", "script", "before_script", "after_script", "rules", "variables", "artifacts", "timeout", "image", "cache", "needs", "interruptible", "tags"}
SEVERITIES = {"info", "minor", "major", "critical", "blocker"}


def test_the_gitlab_configuration() -> None:
    config = yaml.safe_load((REPO / ".gitlab-ci.yml").read_text(encoding="utf-8"))
    jobs = {name: job for name, job in config.items() if name not in GLOBAL}
    assert set(config) - set(jobs) <= GLOBAL and jobs
    for name, job in jobs.items():
        assert set(job) <= JOB, (name, set(job) - JOB)
        assert job["stage"] in config["stages"] and isinstance(job["script"], list) and all(isinstance(line, str) for line in job["script"])
    quality = jobs["records"]["artifacts"]
    assert quality["reports"]["codequality"] == "gl-code-quality-report.json" and quality["when"] == "always"
    assert any("--format codeclimate > gl-code-quality-report.json" in line for line in jobs["records"]["script"])
    assert jobs["diff"]["rules"] == [{"if": '$CI_PIPELINE_SOURCE == "merge_request_event"'}] and jobs["diff"]["variables"]["GIT_DEPTH"] == "0"
    assert any("ci-comment" in line for line in jobs["diff"]["script"]) and "build/redline.docx" in jobs["diff"]["artifacts"]["paths"]
    assert "build/draft/" in jobs["drafts"]["artifacts"]["paths"]
    rules = [rule["if"] for rule in config["workflow"]["rules"]]
    assert '$CI_PIPELINE_SOURCE == "merge_request_event"' in rules and "$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH" in rules


def test_the_gitea_workflow_passes_actionlint_and_pins_its_actions() -> None:
    path = REPO / ".gitea" / "workflows" / "pull-request.yml"
    text = path.read_text(encoding="utf-8")
    for action in re.findall(r"uses:\s*(\S+)", text):
        assert re.fullmatch(r"[\w.-]+/[\w.-]+@[0-9a-f]{40}", action), action
    workflow = yaml.safe_load(text)
    assert workflow["permissions"] == {"contents": "read"}
    steps = workflow["jobs"]["records"]["steps"]
    assert any("check records --format text" in str(step.get("run", "")) for step in steps)  # no annotations on Gitea
    actionlint = Path(sys.executable).parent / "actionlint"
    done = subprocess.run([str(actionlint), "-no-color", str(path)], cwd=REPO, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_gitee_go_pipeline() -> None:
    pipeline = yaml.safe_load((REPO / ".workflow" / "yearbook.yml").read_text(encoding="utf-8"))
    assert pipeline["version"] == "1.0" and pipeline["triggers"]["pr"]
    commands = [command for stage in pipeline["stages"] for step in stage["steps"] for command in step["commands"]]
    assert commands == ["make check", "make report"]
    assert any(step.get("artifacts") for stage in pipeline["stages"] for step in stage["steps"])


def _codeclimate(yearbook: Callable[..., Run], records: Path) -> list[dict[str, object]]:
    return json.loads(yearbook("check", str(records), "--format", "codeclimate").out)  # type: ignore[no-any-return]


def test_codeclimate_has_what_gitlab_reads(records: Path, yearbook: Callable[..., Run]) -> None:
    edit(records / "2023" / "plans.yaml", "- id: theory-study", "- id: political-stance")  # an error too
    issues = _codeclimate(yearbook, records)
    assert len(issues) >= 30 and {"major", "minor"} <= {str(i["severity"]) for i in issues}
    for issue in issues:
        assert isinstance(issue["description"], str) and issue["description"]
        assert re.fullmatch(r"YB\d{3} [a-z-]+", str(issue["check_name"]))
        assert issue["severity"] in SEVERITIES and re.fullmatch(r"[0-9a-f]{64}", str(issue["fingerprint"]))
        location = issue["location"]
        assert isinstance(location, dict) and str(location["path"]).startswith("records/") and location["lines"]["begin"] >= 1
    fingerprints = [i["fingerprint"] for i in issues]
    assert len(set(fingerprints)) == len(fingerprints)  # unique per finding
    assert [i["fingerprint"] for i in _codeclimate(yearbook, records)] == fingerprints  # the same in every run
