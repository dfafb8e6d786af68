"""`yearbook ci-comment FILE`: post a Markdown file as the pull request's one yearbook comment, updated in
place on every push (found again by a hidden marker) instead of a new comment each time.

Runs inside GitHub Actions: GITHUB_TOKEN, GITHUB_REPOSITORY, GITHUB_EVENT_PATH and GITHUB_API_URL come from
the runner. Talks to the REST API with the standard library only, through yearbook.safe_http (which knows
no GitHub: the redirect rules, the deadline, the capped reads and the strict JSON live there).

The token is a credential and the API may be anything the environment names, so nothing is trusted:
every environment value, the event file and every API answer is checked before use, and any problem is
one line on stderr and exit 2. The token is sent only to the API's own origin (scheme, host, port):
a redirect to another origin is refused, never followed.

YEARBOOK_CI_DEADLINE (seconds, default 60) bounds the whole command, not each read: a server that
trickles a byte at a time never trips a socket timeout, so the work runs in a worker thread that the
command stops waiting for when the deadline passes.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from yearbook.safe_http import Deadline, HttpError, origin_of, positive_int, read_body, read_capped, run_within, same_origin_opener, shown, strict_json
from yearbook.say import say

MARKER = "<!-- yearbook:diff -->"
MAX_BODY = 65_000  # GitHub refuses comment bodies over 65,536 characters

DEFAULT_API = "https://api.github.com"
DEFAULT_DEADLINE = 60.0  # seconds for the whole command; YEARBOOK_CI_DEADLINE overrides
MAX_DEADLINE = 86_400.0  # a day: beyond that a typo, and Thread.join overflows on absurd values
SOCKET_TIMEOUT = 30.0  # per connect/read, and never past the total deadline
PER_PAGE = 100
MAX_PAGES = 30  # 3,000 comments searched; a server that always says "more" must not keep us forever
MAX_REDIRECTS = 3  # same-origin only; GitHub redirects once for a renamed repository
# A page of 100 comments at GitHub's longest (65,536 characters, up to 3 bytes each in UTF-8) stays under this.
MAX_RESPONSE = 32 * 1024 * 1024
MAX_EVENT = 10 * 1024 * 1024  # real event payloads are kilobytes
# Enough bytes for MAX_BODY characters of any UTF-8 text (at most 4 bytes each); the rest would be cut anyway.
MAX_COMMENT_FILE = 1024 * 1024
MAX_TOKEN = 4096
MAX_ISSUE_NUMBER = 2**31 - 1
MAX_ID = 2**63 - 1  # GitHub ids are 64-bit

TOKEN = re.compile(r"[\x21-\x7e]+")  # printable ASCII, no space: anything else could split the header
REPOSITORY = re.compile(r"[A-Za-z0-9._-]{1,100}/[A-Za-z0-9._-]{1,100}")

SERVICE = "GitHub"  # how the Chinese messages of yearbook.safe_http name the API
DEADLINE_SETTING = "YEARBOOK_CI_DEADLINE"

# One error type for the command and for yearbook.safe_http: every failure is caught and said the same way.
CommentError = HttpError


def comment_body(markdown: str) -> str:
    """The comment: the marker that finds it again, then the Markdown (cut, and said so, if too long)."""
    body = f"{MARKER}\n{markdown}"
    if len(body) > MAX_BODY:
        body = body[:MAX_BODY] + "\n\n……（内容过长已截断，完整内容见作业摘要 / truncated; see the job summary）\n"
    return body


# --- values from the environment -------------------------------------------------------------------


def _token(value: str | None, name: str = "GITHUB_TOKEN", missing: tuple[str, str] | None = None) -> str:
    if not value:
        raise CommentError(
            *(
                missing
                or ("需要环境变量 GITHUB_TOKEN 和 GITHUB_REPOSITORY（在工作流中设置 env: GITHUB_TOKEN）", "GITHUB_TOKEN and GITHUB_REPOSITORY must be set")
            )
        )
    if len(value) > MAX_TOKEN or not TOKEN.fullmatch(value):  # the value itself is never shown: it is a secret
        raise CommentError(
            f"{name} 无效：只能是不含空白、换行和控制字符的可打印 ASCII 字符",
            f"{name} is invalid: printable ASCII without whitespace, line breaks or control characters only",
        )
    return value


def _repository(value: str | None) -> str:
    if not value:
        raise CommentError(
            "需要环境变量 GITHUB_TOKEN 和 GITHUB_REPOSITORY（在工作流中设置 env: GITHUB_TOKEN）", "GITHUB_TOKEN and GITHUB_REPOSITORY must be set"
        )
    # It becomes part of the request path: "." and ".." would walk out of /repos/.
    if not REPOSITORY.fullmatch(value) or any(part in (".", "..") for part in value.split("/")):
        raise CommentError(f"GITHUB_REPOSITORY 应为 owner/name：{shown(value)}", f"GITHUB_REPOSITORY must be owner/name: {shown(value)}")
    return value


def _api_url(value: str, name: str = "GITHUB_API_URL") -> str:
    import urllib.parse

    def bad(zh: str, en: str) -> CommentError:  # the URL is not echoed: it may carry a password
        return CommentError(f"{name} 无效：{zh}", f"{name} is invalid: {en}")

    if len(value) > 2048 or not value.isascii() or not value.isprintable() or " " in value:
        raise bad("含有空白、控制字符或非 ASCII 字符", "it contains whitespace, control or non-ASCII characters")
    if "?" in value or "#" in value:
        raise bad("不能带查询或片段（? 或 #）", "it must not have a query or fragment (? or #)")
    if "@" in urllib.parse.urlsplit(value).netloc:
        raise bad("不能在地址中写用户名或密码", "it must not contain a user name or password")
    if origin_of(value) is None:
        raise bad("应为带主机名的 http:// 或 https:// 地址", "it must be an http:// or https:// URL with a host")
    return value.rstrip("/")


def _deadline_seconds() -> float:
    raw = os.environ.get(DEADLINE_SETTING, "").strip()
    if not raw:
        return DEFAULT_DEADLINE
    try:
        seconds = float(raw)
    except ValueError:
        seconds = math.nan
    if not 0 < seconds <= MAX_DEADLINE:  # NaN fails this too
        raise CommentError(
            f"YEARBOOK_CI_DEADLINE 应为 0 到 {MAX_DEADLINE:g} 之间的秒数：{shown(raw)}",
            f"YEARBOOK_CI_DEADLINE must be a number of seconds above 0 and at most {MAX_DEADLINE:g}: {shown(raw)}",
        )
    return seconds


# --- files ---------------------------------------------------------------------------------------------


def _pull_request_number(event_path: str | None) -> int:
    if not event_path:
        raise CommentError(
            "不在 GitHub Actions 的拉取请求事件中（没有 GITHUB_EVENT_PATH）", "not in a GitHub Actions pull request event (no GITHUB_EVENT_PATH)"
        )
    try:
        data, more = read_capped(Path(event_path), MAX_EVENT)
    except OSError as error:
        raise CommentError(
            f"无法读取事件文件 {shown(event_path)}：{shown(error.strerror or error)}",
            f"cannot read the event file {shown(event_path)}: {shown(error.strerror or error)}",
        ) from error
    if more:
        raise CommentError(f"事件文件超过 {MAX_EVENT // 1024 // 1024} MiB", f"the event file is larger than {MAX_EVENT // 1024 // 1024} MiB")
    event = strict_json(data, "事件文件", "the event file")
    pull_request = event.get("pull_request") if isinstance(event, dict) else None
    number = positive_int(pull_request.get("number") if isinstance(pull_request, dict) else None, MAX_ISSUE_NUMBER)
    if number is None:
        raise CommentError(
            "事件中没有拉取请求编号（pull_request.number 应为正整数）", "the event has no pull request number (pull_request.number must be a positive integer)"
        )
    return number


def _read_comment_file(path: Path) -> str:
    try:
        data, more = read_capped(path, MAX_COMMENT_FILE)
    except OSError as error:
        raise CommentError(
            f"无法读取 {shown(path)}：{shown(error.strerror or error)}", f"cannot read {shown(path)}: {shown(error.strerror or error)}"
        ) from error
    import codecs

    try:
        # Strict all the same; final=False only lets a character cut by the cap end the prefix. The comment is
        # truncated (and says so) long before MAX_COMMENT_FILE bytes.
        return codecs.getincrementaldecoder("utf-8")("strict").decode(data, final=not more)
    except UnicodeDecodeError as error:
        raise CommentError(f"{shown(path)} 不是 UTF-8 文本（第 {error.start} 字节）", f"{shown(path)} is not UTF-8 text (byte {error.start})") from error


# --- the API ---------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Api:
    """A code host's REST API: where it is, how the token is sent, and how messages name it."""

    api: str
    token: str
    deadline: Deadline
    service: str = SERVICE
    auth_header: str = "Authorization"  # GitLab: PRIVATE-TOKEN, the token itself

    def _headers(self) -> dict[str, str]:
        if self.service == "GitLab":
            return {}
        return {"Accept": "application/vnd.github+json", "X-GitHub-Api-Version": "2022-11-28"}

    def _credential(self) -> str:
        return self.token if self.auth_header != "Authorization" else f"Bearer {self.token}"

    def call(self, method: str, path: str, payload: dict[str, Any] | None = None) -> object:
        import http.client  # loaded only when a comment is posted: 45 ms off every other command
        import urllib.error
        import urllib.request

        remaining = self.deadline.remaining()
        origin = origin_of(self.api)
        assert origin is not None  # checked by _api_url
        data = json.dumps(payload).encode() if payload is not None else None
        request = urllib.request.Request(f"{self.api}{path}", data=data, method=method)
        # Unredirected: urllib never copies it onto a redirect; SameOriginRedirects puts it back when safe.
        request.add_unredirected_header(self.auth_header, self._credential())
        for header, value in self._headers().items():
            request.add_header(header, value)
        if data is not None:
            request.add_header("Content-Type", "application/json")
        try:
            with same_origin_opener(origin, MAX_REDIRECTS, self.service).open(request, timeout=min(remaining, SOCKET_TIMEOUT)) as response:
                body = read_body(response, self.deadline, MAX_RESPONSE, self.service)
        except urllib.error.HTTPError as error:
            error.close()
            if error.code in (401, 403, 404):
                raise CommentError(
                    f"{self.service} 拒绝了请求（HTTP {error.code}）：令牌没有写评论的权限。来自 fork 的拉取请求只有只读权限；差异摘要仍在作业摘要中。",
                    f"{self.service} refused (HTTP {error.code}): the token may not write comments (pull requests from forks are read-only); the summary is still in the job summary.",
                ) from error
            if 300 <= error.code < 400:
                raise CommentError(
                    f"GitHub 接口重定向过多或没有目标（HTTP {error.code}）", f"the API redirected too often or without a target (HTTP {error.code})"
                ) from error
            raise CommentError(f"{self.service} 请求失败（HTTP {error.code}）", f"{self.service} request failed (HTTP {error.code})") from error
        except urllib.error.URLError as error:
            raise CommentError(f"连不上 {self.service}：{shown(error.reason)}", f"cannot reach {self.service}: {shown(error.reason)}") from error
        except (OSError, http.client.HTTPException) as error:  # timeouts, resets and malformed answers after connecting
            reason = shown(error) or type(error).__name__
            raise CommentError(f"与 {self.service} 通信失败：{reason}", f"talking to {self.service} failed: {reason}") from error
        return strict_json(body, f"{self.service} 接口的应答", "the API's answer")


@dataclass(frozen=True, slots=True)
class Thread:
    """Where the one comment lives: the list of a pull request's comments (GitHub, Gitea) or of a merge
    request's notes (GitLab), and how one is changed."""

    list_path: str  # without the page query
    item_path: str  # with {id}
    update: str = "PATCH"  # GitLab: PUT
    query: str = ""  # extra list parameters (GitLab: sort=asc)


def github_thread(repository: str, number: int) -> Thread:
    return Thread(f"/repos/{repository}/issues/{number}/comments", f"/repos/{repository}/issues/comments/{{id}}")


def gitlab_thread(project: int, merge_request: int) -> Thread:
    notes = f"/projects/{project}/merge_requests/{merge_request}/notes"
    return Thread(notes, notes + "/{id}", "PUT", "&sort=asc")


def _comments(page: object) -> list[tuple[int, str]]:
    """(id, body) of each comment in a page of the API's list, which must have exactly that shape."""
    wrong = CommentError(
        "GitHub 接口返回的评论列表格式不对（应为含正整数 id 和字符串 body 的对象列表）",
        "the API's comment list is wrongly shaped (expected a list of objects with a positive integer id and a string body)",
    )
    if not isinstance(page, list):
        raise wrong
    comments: list[tuple[int, str]] = []
    for item in page:
        comment_id = positive_int(item.get("id"), MAX_ID) if isinstance(item, dict) else None
        body = item.get("body") if isinstance(item, dict) else None
        if comment_id is None or not (body is None or isinstance(body, str)):
            raise wrong
        comments.append((comment_id, body or ""))
    return comments


def _comment_id(answer: object) -> int:
    comment_id = positive_int(answer.get("id") if isinstance(answer, dict) else None, MAX_ID)
    if comment_id is None:
        raise CommentError("GitHub 接口的应答中没有有效的评论 id", "the API's answer has no valid comment id")
    return comment_id


def upsert(api: Api, thread: Thread, body: str) -> tuple[str, int]:
    """Update the comment carrying the marker, or create it; returns ("updated"|"created", comment id)."""
    for page in range(1, MAX_PAGES + 1):
        comments = _comments(api.call("GET", f"{thread.list_path}?per_page={PER_PAGE}&page={page}{thread.query}"))
        for comment_id, text in comments:
            if MARKER in text:
                _comment_id(api.call(thread.update, thread.item_path.format(id=comment_id), {"body": body}))
                return "updated", comment_id
        if len(comments) < PER_PAGE:
            return "created", _comment_id(api.call("POST", thread.list_path, {"body": body}))
    raise CommentError(
        f"拉取请求的评论过多（超过 {MAX_PAGES * PER_PAGE} 条），无法查找已有的评论",
        f"too many comments on the pull request to search (more than {MAX_PAGES * PER_PAGE})",
    )


def _gitlab(deadline: Deadline) -> tuple[Api, Callable[[], Thread]]:
    """GitLab CI: the API (CI_API_V4_URL), the project (CI_PROJECT_ID) and merge request (CI_MERGE_REQUEST_IID) from
    the runner; the token from YEARBOOK_GITLAB_TOKEN, a project access token with the api scope set as a masked
    variable (the job's own CI_JOB_TOKEN may not write notes)."""
    token = _token(
        os.environ.get("YEARBOOK_GITLAB_TOKEN"),
        "YEARBOOK_GITLAB_TOKEN",
        (
            "需要 CI/CD 变量 YEARBOOK_GITLAB_TOKEN（有 api 权限的项目访问令牌，设为 masked）",
            "the CI/CD variable YEARBOOK_GITLAB_TOKEN must be set (a project access token with the api scope, masked)",
        ),
    )
    api_url = os.environ.get("CI_API_V4_URL")
    if not api_url:
        raise CommentError("不在 GitLab CI 中（没有 CI_API_V4_URL）", "not in GitLab CI (no CI_API_V4_URL)")
    api = Api(_api_url(api_url, "CI_API_V4_URL"), token, deadline, "GitLab", "PRIVATE-TOKEN")
    project = positive_int(_digits(os.environ.get("CI_PROJECT_ID")), MAX_ID)
    merge_request = positive_int(_digits(os.environ.get("CI_MERGE_REQUEST_IID")), MAX_ISSUE_NUMBER)
    if project is None or merge_request is None:
        raise CommentError(
            "不在合并请求的流水线中（CI_PROJECT_ID 和 CI_MERGE_REQUEST_IID 应为正整数）",
            "not in a merge request pipeline (CI_PROJECT_ID and CI_MERGE_REQUEST_IID must be positive integers)",
        )
    return api, lambda: gitlab_thread(project, merge_request)


def _digits(value: str | None) -> int | None:
    return int(value) if value is not None and value.isascii() and value.isdigit() and len(value) <= 19 else None


def ci_comment_cmd(args: argparse.Namespace) -> int:
    lang = args.lang or "zh"
    try:
        deadline = Deadline.start(_deadline_seconds(), DEADLINE_SETTING)
        if os.environ.get("GITLAB_CI") == "true":
            api, thread_of = _gitlab(deadline)
        else:  # GitHub Actions, and Gitea Actions, which sets the same variables and serves the same API
            token, repository = _token(os.environ.get("GITHUB_TOKEN")), _repository(os.environ.get("GITHUB_REPOSITORY"))
            api = Api(_api_url(os.environ.get("GITHUB_API_URL") or DEFAULT_API), token, deadline)
            event_path = os.environ.get("GITHUB_EVENT_PATH")

            def thread_of() -> Thread:
                return github_thread(repository, _pull_request_number(event_path))

        def work() -> tuple[str, int]:  # file reads too: a FIFO as either file would block forever
            thread = thread_of()
            return upsert(api, thread, comment_body(_read_comment_file(args.file)))

        action, comment_id = run_within(deadline, work, name="yearbook-ci-comment")
    except CommentError as error:
        say(lang, error.zh, error.en)
        return 2
    sys.stderr.write(
        f"yearbook：评论已{'更新' if action == 'updated' else '发表'}（#{comment_id}）\n" if lang == "zh" else f"yearbook: comment {action} (#{comment_id})\n"
    )
    return 0
