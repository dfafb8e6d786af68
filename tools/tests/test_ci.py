"""What the workflows run, run here with the same commands: annotations, the job summary, the one
pull-request comment updated in place (against a fake GitHub API on loopback), and actionlint."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

import pytest
from conftest import REPO, Run
from test_cli import assert_golden, break_records

from yearbook.ci_comment import MARKER, MAX_BODY, comment_body


def test_annotations_stop_at_ten_per_severity_and_the_summary_lists_all(
    records: Path, yearbook: Callable[..., Run], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    break_records(records)
    summary = tmp_path / "step-summary.md"
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    result = yearbook("check")
    assert result.code == 1  # errors fail the job; warnings alone would not
    assert result.out.count("::error ") == 5 and result.out.count("::warning ") == 10
    assert "::notice title=yearbook check::另有 17 处未标注" in result.out
    table = summary.read_text(encoding="utf-8")
    assert table.count("\n| `records/") == 32
    assert_golden("check.summary.md", table)


def test_warnings_alone_do_not_fail_the_job(records: Path, yearbook: Callable[..., Run], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    assert yearbook("check").code == 0


class FakeGitHub(BaseHTTPRequestHandler):
    comments: ClassVar[dict[int, dict[str, object]]] = {}
    calls: ClassVar[list[tuple[str, str]]] = []

    def _reply(self, status: int, payload: object) -> None:
        data = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def _body(self) -> dict[str, object]:
        return json.loads(self.rfile.read(int(self.headers["Content-Length"])))  # type: ignore[no-any-return]

    def do_GET(self) -> None:
        self.calls.append(("GET", self.path))
        assert self.headers["Authorization"] == "Bearer t0ken"
        self._reply(200, list(self.comments.values()) if self.path.startswith("/repos/o/r/issues/7/comments") else [])

    def do_POST(self) -> None:
        self.calls.append(("POST", self.path))
        comment = {"id": 1000 + len(self.comments), "body": self._body()["body"]}
        self.comments[int(comment["id"])] = comment  # type: ignore[call-overload]
        self._reply(201, comment)

    def do_PATCH(self) -> None:
        self.calls.append(("PATCH", self.path))
        comment_id = int(self.path.rsplit("/", 1)[1])
        self.comments[comment_id]["body"] = self._body()["body"]
        self._reply(200, self.comments[comment_id])

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def github(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[type[FakeGitHub]]:
    FakeGitHub.comments = {999: {"id": 999, "body": "a reviewer's own comment"}}
    FakeGitHub.calls = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), FakeGitHub)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    event = tmp_path / "event.json"
    event.write_text(json.dumps({"pull_request": {"number": 7}}), encoding="utf-8")
    monkeypatch.setenv("GITHUB_API_URL", f"http://127.0.0.1:{server.server_address[1]}")
    monkeypatch.setenv("GITHUB_TOKEN", "t0ken")
    monkeypatch.setenv("GITHUB_REPOSITORY", "o/r")
    monkeypatch.setenv("GITHUB_EVENT_PATH", str(event))
    yield FakeGitHub
    server.shutdown()


def test_one_comment_created_then_updated_in_place(github: type[FakeGitHub], yearbook: Callable[..., Run], tmp_path: Path) -> None:
    report = tmp_path / "diff.md"
    report.write_text("### yearbook diff\n\n**修改 1 处。**\n", encoding="utf-8")
    first = yearbook("ci-comment", str(report))
    assert first.code == 0 and "评论已发表" in first.err
    report.write_text("### yearbook diff\n\n**修改 2 处。**\n", encoding="utf-8")
    second = yearbook("ci-comment", str(report))
    assert second.code == 0 and "评论已更新" in second.err
    ours = [c for c in github.comments.values() if MARKER in str(c["body"])]
    assert len(ours) == 1 and "修改 2 处" in str(ours[0]["body"])
    assert github.comments[999]["body"] == "a reviewer's own comment"
    assert [method for method, _ in github.calls] == ["GET", "POST", "GET", "PATCH"]


def test_comment_errors_are_one_line(github: type[FakeGitHub], yearbook: Callable[..., Run], monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("GITHUB_TOKEN")
    result = yearbook("ci-comment", str(tmp_path / "diff.md"))
    assert result.code == 2 and "GITHUB_TOKEN" in result.err and "Traceback" not in result.err


def test_comment_body_is_marked_and_bounded() -> None:
    assert comment_body("x").startswith(MARKER + "\n")
    long = comment_body("字" * 100_000)
    assert len(long) < MAX_BODY + 200 and "截断" in long


def test_workflows_pass_actionlint() -> None:
    workflows = sorted((REPO / ".github" / "workflows").glob("*.yml"))
    assert len(workflows) >= 2
    actionlint = Path(sys.executable).parent / "actionlint"
    done = subprocess.run([str(actionlint), "-no-color", *map(str, workflows)], cwd=REPO, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


def test_workflows_pin_actions_and_limit_permissions() -> None:
    import re

    import yaml

    for path in (REPO / ".github" / "workflows").glob("*.yml"):
        text = path.read_text(encoding="utf-8")
        for action in re.findall(r"uses:\s*(\S+)", text):
            assert re.fullmatch(r"[\w.-]+/[\w.-]+@[0-9a-f]{40}", action), f"{path.name}: {action} is not pinned to a commit"
        workflow = yaml.safe_load(text)
        assert workflow["permissions"] in ({"contents": "read"}, {}), path.name
        assert "concurrency" in workflow, path.name


class FakeGitLab(FakeGitHub):
    """GitLab's notes API: GET/POST /projects/:id/merge_requests/:iid/notes, PUT …/notes/:note_id."""

    def do_GET(self) -> None:
        self.calls.append(("GET", self.path))
        assert self.headers["PRIVATE-TOKEN"] == "gl-t0ken" and self.headers["Authorization"] is None
        self._reply(200, list(self.comments.values()) if self.path.startswith("/api/v4/projects/42/merge_requests/7/notes?") else [])

    def do_POST(self) -> None:
        assert self.path == "/api/v4/projects/42/merge_requests/7/notes"
        super().do_POST()

    def do_PUT(self) -> None:
        self.calls.append(("PUT", self.path))
        note_id = int(self.path.rsplit("/", 1)[1])
        self.comments[note_id]["body"] = self._body()["body"]
        self._reply(200, self.comments[note_id])


@pytest.fixture
def gitlab(monkeypatch: pytest.MonkeyPatch) -> Iterator[type[FakeGitLab]]:
    FakeGitLab.comments = {5: {"id": 5, "body": "a reviewer's note", "system": False}}
    FakeGitLab.calls = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), FakeGitLab)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    for name in ("GITHUB_TOKEN", "GITHUB_REPOSITORY", "GITHUB_EVENT_PATH", "GITHUB_API_URL"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("GITLAB_CI", "true")
    monkeypatch.setenv("CI_API_V4_URL", f"http://127.0.0.1:{server.server_address[1]}/api/v4")
    monkeypatch.setenv("CI_PROJECT_ID", "42")
    monkeypatch.setenv("CI_MERGE_REQUEST_IID", "7")
    monkeypatch.setenv("YEARBOOK_GITLAB_TOKEN", "gl-t0ken")
    yield FakeGitLab
    server.shutdown()


def test_one_merge_request_note_created_then_updated_in_place(gitlab: type[FakeGitLab], yearbook: Callable[..., Run], tmp_path: Path) -> None:
    report = tmp_path / "diff.md"
    report.write_text("### yearbook diff\n\n**修改 1 处。**\n", encoding="utf-8")
    assert yearbook("ci-comment", str(report)).code == 0
    report.write_text("### yearbook diff\n\n**修改 2 处。**\n", encoding="utf-8")
    second = yearbook("ci-comment", str(report))
    assert second.code == 0 and "评论已更新" in second.err
    ours = [c for c in gitlab.comments.values() if MARKER in str(c["body"])]
    assert len(ours) == 1 and "修改 2 处" in str(ours[0]["body"]) and gitlab.comments[5]["body"] == "a reviewer's note"
    assert [method for method, _ in gitlab.calls] == ["GET", "POST", "GET", "PUT"]
    assert all("sort=asc" in path for method, path in gitlab.calls if method == "GET")


def test_gitlab_outside_a_merge_request_or_without_a_token(
    gitlab: type[FakeGitLab], yearbook: Callable[..., Run], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    (tmp_path / "diff.md").write_text("x", encoding="utf-8")
    monkeypatch.delenv("CI_MERGE_REQUEST_IID")
    result = yearbook("ci-comment", str(tmp_path / "diff.md"))
    assert result.code == 2 and "合并请求" in result.err and gitlab.calls == []
    monkeypatch.setenv("CI_MERGE_REQUEST_IID", "7")
    monkeypatch.delenv("YEARBOOK_GITLAB_TOKEN")
    result = yearbook("ci-comment", str(tmp_path / "diff.md"))
    assert result.code == 2 and "YEARBOOK_GITLAB_TOKEN" in result.err and gitlab.calls == []
