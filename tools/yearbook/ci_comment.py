"""`yearbook ci-comment FILE`: post a Markdown file as the pull request's one yearbook comment, updated in
place on every push (found again by a hidden marker) instead of a new comment each time.

Runs inside GitHub Actions: GITHUB_TOKEN, GITHUB_REPOSITORY, GITHUB_EVENT_PATH and GITHUB_API_URL come from
the runner. Talks to the REST API with the standard library only.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from yearbook.say import say

MARKER = "<!-- yearbook:diff -->"
MAX_BODY = 65_000  # GitHub refuses comment bodies over 65,536 characters


class CommentError(Exception):
    def __init__(self, zh: str, en: str) -> None:
        super().__init__(en)
        self.zh, self.en = zh, en


def comment_body(markdown: str) -> str:
    """The comment: the marker that finds it again, then the Markdown (cut, and said so, if too long)."""
    body = f"{MARKER}\n{markdown}"
    if len(body) > MAX_BODY:
        body = body[:MAX_BODY] + "\n\n……（内容过长已截断，完整内容见作业摘要 / truncated; see the job summary）\n"
    return body


@dataclass(frozen=True, slots=True)
class GitHub:
    api: str
    token: str
    repository: str

    def call(self, method: str, path: str, payload: dict[str, Any] | None = None) -> Any:
        import urllib.error  # loaded only when a comment is posted: 45 ms off every other command
        import urllib.request

        data = json.dumps(payload).encode() if payload is not None else None
        request = urllib.request.Request(f"{self.api.rstrip('/')}{path}", data=data, method=method)
        request.add_header("Authorization", f"Bearer {self.token}")
        request.add_header("Accept", "application/vnd.github+json")
        request.add_header("X-GitHub-Api-Version", "2022-11-28")
        if data is not None:
            request.add_header("Content-Type", "application/json")
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                return json.loads(response.read() or b"null")
        except urllib.error.HTTPError as error:
            if error.code in (401, 403, 404):
                raise CommentError(
                    f"GitHub 拒绝了请求（HTTP {error.code}）：令牌没有写评论的权限。来自 fork 的拉取请求只有只读权限；差异摘要仍在作业摘要中。",
                    f"GitHub refused (HTTP {error.code}): the token may not write comments (pull requests from forks are read-only); the summary is still in the job summary.",
                ) from error
            raise CommentError(f"GitHub 请求失败（HTTP {error.code}）", f"GitHub request failed (HTTP {error.code})") from error
        except urllib.error.URLError as error:
            raise CommentError(f"连不上 GitHub：{error.reason}", f"cannot reach GitHub: {error.reason}") from error


def upsert(github: GitHub, number: int, body: str) -> tuple[str, int]:
    """Update the comment carrying the marker, or create it; returns ("updated"|"created", comment id)."""
    page = 1
    while True:
        comments = github.call("GET", f"/repos/{github.repository}/issues/{number}/comments?per_page=100&page={page}")
        for comment in comments:
            if MARKER in (comment.get("body") or ""):
                github.call("PATCH", f"/repos/{github.repository}/issues/comments/{comment['id']}", {"body": body})
                return "updated", int(comment["id"])
        if len(comments) < 100:
            break
        page += 1
    created = github.call("POST", f"/repos/{github.repository}/issues/{number}/comments", {"body": body})
    return "created", int(created["id"])


def _pull_request_number() -> int:
    event_path = os.environ.get("GITHUB_EVENT_PATH")
    if not event_path or not Path(event_path).is_file():
        raise CommentError(
            "不在 GitHub Actions 的拉取请求事件中（没有 GITHUB_EVENT_PATH）", "not in a GitHub Actions pull request event (no GITHUB_EVENT_PATH)"
        )
    event = json.loads(Path(event_path).read_text(encoding="utf-8"))
    number = (event.get("pull_request") or {}).get("number")
    if not isinstance(number, int):
        raise CommentError("事件中没有拉取请求编号", "the event has no pull request number")
    return number


def ci_comment_cmd(args: argparse.Namespace) -> int:
    lang = args.lang or "zh"
    try:
        token, repository = os.environ.get("GITHUB_TOKEN"), os.environ.get("GITHUB_REPOSITORY")
        if not token or not repository:
            raise CommentError(
                "需要环境变量 GITHUB_TOKEN 和 GITHUB_REPOSITORY（在工作流中设置 env: GITHUB_TOKEN）", "GITHUB_TOKEN and GITHUB_REPOSITORY must be set"
            )
        github = GitHub(os.environ.get("GITHUB_API_URL", "https://api.github.com"), token, repository)
        action, comment_id = upsert(github, _pull_request_number(), comment_body(args.file.read_text(encoding="utf-8")))
    except CommentError as error:
        say(lang, error.zh, error.en)
        return 2
    except OSError as error:
        sys.stderr.write(f"yearbook：无法读取 {args.file}：{error.strerror}\n")
        return 2
    sys.stderr.write(
        f"yearbook：评论已{'更新' if action == 'updated' else '发表'}（#{comment_id}）\n" if lang == "zh" else f"yearbook: comment {action} (#{comment_id})\n"
    )
    return 0


def add_parser(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = commands.add_parser("ci-comment", help="把 Markdown 文件发表为拉取请求的评论（在 GitHub Actions 中，原地更新）")
    parser.add_argument("file", type=Path, help="Markdown 文件，例如 yearbook diff --format markdown 的输出")
    parser.add_argument("--lang", choices=("zh", "en"), help="提示语言")
