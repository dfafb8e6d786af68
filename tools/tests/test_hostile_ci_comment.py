"""`yearbook ci-comment` against a hostile environment and a hostile API: every case runs the real command
in a subprocess with a controlled environment, against fake APIs bound to 127.0.0.1 only, and expects
exit 2 with one line on stderr (never a traceback), and the token never sent anywhere but the API's origin."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

import yearbook
from yearbook.ci_comment import MARKER, MAX_PAGES, MAX_RESPONSE, PER_PAGE

TOKEN = "t0ken"


@dataclass
class Seen:
    method: str
    path: str
    authorization: str | None
    body: bytes


@dataclass
class Result:
    code: int
    err: str
    seconds: float


Route = Callable[["Handler"], None]


class Handler(BaseHTTPRequestHandler):
    api: Api  # set on the per-server subclass

    def _handle(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(min(length, 1_000_000)) if length else b""
        self.api.requests.append(Seen(self.command, self.path, self.headers.get("Authorization"), body))
        self.api.route(self)

    do_GET = do_POST = do_PATCH = do_PUT = do_DELETE = _handle

    def log_message(self, *args: object) -> None:
        pass


@dataclass
class Api:
    """A fake API on 127.0.0.1 that records every request and answers with `route` (GitHub-like by default)."""

    requests: list[Seen] = field(default_factory=list)
    stop: threading.Event = field(default_factory=threading.Event)
    route: Route = field(default=lambda handler: github_like(handler))
    server: ThreadingHTTPServer | None = None

    @property
    def port(self) -> int:
        assert self.server is not None
        return int(self.server.server_address[1])

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"


def reply(handler: Handler, status: int, payload: object = None, *, raw: bytes | None = None, headers: tuple[tuple[str, str], ...] = ()) -> None:
    data = raw if raw is not None else json.dumps(payload).encode()
    handler.send_response(status)
    for name, value in headers:
        handler.send_header(name, value)
    handler.send_header("Content-Type", "application/json")
    handler.send_header("Content-Length", str(len(data)))
    handler.end_headers()
    handler.wfile.write(data)


def github_like(handler: Handler) -> None:
    """No comments yet: an empty list, then a created comment #5."""
    if handler.command == "GET":
        reply(handler, 200, [])
    else:
        reply(handler, 201, {"id": 5, "body": "x"})


def redirect(handler: Handler, code: int, location: str) -> None:
    reply(handler, code, {"message": "moved"}, headers=(("Location", location),))


def serve() -> Iterator[Api]:
    api = Api()
    handler = type("BoundHandler", (Handler,), {"api": api})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)  # loopback only
    api.server = server
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield api
    api.stop.set()  # ends every trickling or sleeping handler
    server.shutdown()
    server.server_close()
    thread.join(5)


@pytest.fixture
def api() -> Iterator[Api]:
    yield from serve()


@pytest.fixture
def other() -> Iterator[Api]:
    """Another origin: it must never hear from ci-comment."""
    yield from serve()


@pytest.fixture
def files(tmp_path: Path) -> tuple[Path, Path]:
    event = tmp_path / "event.json"
    event.write_text(json.dumps({"pull_request": {"number": 7}}), encoding="utf-8")
    report = tmp_path / "diff.md"
    report.write_text("### yearbook diff\n\n**修改 1 处。**\n", encoding="utf-8")
    return event, report


@pytest.fixture
def env(api: Api, files: tuple[Path, Path]) -> dict[str, str]:
    # No proxy variables and nothing else from the outside: only what each case sets.
    return {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "PYTHONIOENCODING": "utf-8",
        "PYTHONPATH": str(Path(yearbook.__file__).resolve().parents[1]),  # the same yearbook these tests imported
        "GITHUB_TOKEN": TOKEN,
        "GITHUB_REPOSITORY": "o/r",
        "GITHUB_EVENT_PATH": str(files[0]),
        "GITHUB_API_URL": api.url,
        "YEARBOOK_CI_DEADLINE": "10",
    }


def run(env: dict[str, str], file: Path | str, lang: str = "en", timeout: float = 20) -> Result:
    start = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-m", "yearbook", "ci-comment", str(file), "--lang", lang], env=env, capture_output=True, text=True, encoding="utf-8", timeout=timeout
    )
    return Result(done.returncode, done.stderr, time.monotonic() - start)


def refused(result: Result, *expected: str) -> None:
    """Exit 2, one line on stderr, no traceback, saying each of `expected`."""
    assert result.code == 2, result.err
    assert "Traceback" not in result.err and result.err.endswith("\n") and result.err.count("\n") == 1, result.err
    for text in expected:
        assert text in result.err, result.err
    assert TOKEN not in result.err


# --- the happy paths still work --------------------------------------------------------------------------


def test_created_then_updated_with_the_token_on_every_request(api: Api, env: dict[str, str], files: tuple[Path, Path]) -> None:
    comments: dict[int, dict[str, object]] = {3: {"id": 3, "body": None}}

    def route(handler: Handler) -> None:
        if handler.command == "GET":
            reply(handler, 200, list(comments.values()))
        elif handler.command == "POST":
            comments[40] = {"id": 40, "body": json.loads(handler.api.requests[-1].body)["body"]}
            reply(handler, 201, comments[40])
        else:
            reply(handler, 200, comments[40])

    api.route = route
    first, second = run(env, files[1]), run(env, files[1])
    assert first.code == 0 and "comment created (#40)" in first.err
    assert second.code == 0 and "comment updated (#40)" in second.err
    assert [seen.method for seen in api.requests] == ["GET", "POST", "GET", "PATCH"]
    assert api.requests[-1].path == "/repos/o/r/issues/comments/40"
    assert all(seen.authorization == f"Bearer {TOKEN}" for seen in api.requests)


# --- redirects -------------------------------------------------------------------------------------------


@pytest.mark.parametrize("code", [301, 302, 307, 308])
def test_a_redirect_to_another_origin_is_refused_and_the_token_stays_home(
    code: int, api: Api, other: Api, env: dict[str, str], files: tuple[Path, Path]
) -> None:
    api.route = lambda handler: redirect(handler, code, f"{other.url}/steal{handler.path}")
    result = run(env, files[1])
    refused(result, "another origin", f"http://127.0.0.1:{other.port}")
    assert not any(seen.authorization for seen in other.requests)
    assert other.requests == []  # not a single request at all
    assert len(api.requests) == 1


def test_a_post_redirected_with_307_to_another_origin_is_refused(api: Api, other: Api, env: dict[str, str], files: tuple[Path, Path]) -> None:
    api.route = lambda handler: redirect(handler, 307, f"{other.url}/x") if handler.command == "POST" else reply(handler, 200, [])
    refused(run(env, files[1]), "another origin")
    assert other.requests == []


@pytest.mark.parametrize(
    "target",
    [
        "http://localhost:{port}/x",  # same port, another host name: another origin
        "https://127.0.0.1:{port}/x",  # same host and port, another scheme
        "ftp://127.0.0.1:{port}/x",
    ],
)
def test_another_host_name_or_scheme_is_another_origin(target: str, api: Api, env: dict[str, str], files: tuple[Path, Path]) -> None:
    api.route = lambda handler: redirect(handler, 302, target.format(port=api.port))
    result = run(env, files[1])
    assert result.code == 2 and "Traceback" not in result.err and result.err.count("\n") == 1
    assert len(api.requests) == 1  # nothing followed, not even back to this server under another name


def test_the_refusal_is_said_in_chinese_too(api: Api, other: Api, env: dict[str, str], files: tuple[Path, Path]) -> None:
    api.route = lambda handler: redirect(handler, 302, f"{other.url}/x")
    refused(run(env, files[1], lang="zh"), "另一个源", "拒绝")
    assert other.requests == []


@pytest.mark.parametrize(("code", "absolute"), [(301, False), (302, True), (307, False), (308, True)])
def test_a_same_origin_redirect_is_followed_with_the_token(code: int, absolute: bool, api: Api, env: dict[str, str], files: tuple[Path, Path]) -> None:
    def route(handler: Handler) -> None:
        if handler.command == "GET" and not handler.path.startswith("/moved"):
            redirect(handler, code, f"{api.url if absolute else ''}/moved{handler.path}")
        else:
            github_like(handler)

    api.route = route
    result = run(env, files[1])
    assert result.code == 0 and "comment created (#5)" in result.err, result.err
    moved = [seen for seen in api.requests if seen.path.startswith("/moved")]
    assert len(moved) == 1 and moved[0].authorization == f"Bearer {TOKEN}"


def test_a_post_redirected_with_307_keeps_its_method_body_and_token(api: Api, env: dict[str, str], files: tuple[Path, Path]) -> None:
    api.route = lambda handler: (
        redirect(handler, 307, "/moved-post") if handler.path.endswith("/7/comments") and handler.command == "POST" else github_like(handler)
    )
    result = run(env, files[1])
    assert result.code == 0 and "comment created (#5)" in result.err, result.err
    last = api.requests[-1]
    assert (last.method, last.path, last.authorization) == ("POST", "/moved-post", f"Bearer {TOKEN}")
    assert MARKER in json.loads(last.body)["body"]


def test_a_post_turned_into_a_get_by_302_is_refused(api: Api, env: dict[str, str], files: tuple[Path, Path]) -> None:
    api.route = lambda handler: redirect(handler, 302, "/elsewhere") if handler.command == "POST" else github_like(handler)
    refused(run(env, files[1]), "redirected a POST request with HTTP 302")
    assert [seen.method for seen in api.requests] == ["GET", "POST"]


def test_a_redirect_loop_ends(api: Api, env: dict[str, str], files: tuple[Path, Path]) -> None:
    api.route = lambda handler: redirect(handler, 302, f"/loop{len(handler.api.requests)}")
    refused(run(env, files[1]), "redirected too often")
    assert len(api.requests) <= 5


def test_a_redirect_smuggling_a_line_break_stays_percent_encoded(api: Api, env: dict[str, str], files: tuple[Path, Path]) -> None:
    def route(handler: Handler) -> None:
        if handler.command == "GET" and not handler.path.startswith("/x"):
            redirect(handler, 302, "/x%0d%0aX-Evil:%201")
        else:
            reply(handler, 200, []) if handler.command == "GET" else github_like(handler)

    api.route = route
    result = run(env, files[1])
    assert result.code == 0, result.err
    assert api.requests[1].path == "/x%0d%0aX-Evil:%201"  # one request line, no injected header


# --- the environment ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("token", ["t0ken\r\nX-Evil: 1", "t0ken\n", "t0 ken", "\tt0ken", "t0ken\x7f", "t0\x1b[31mken", "tökén", "x" * 5000])
def test_a_malformed_token_is_refused_before_any_request(token: str, api: Api, env: dict[str, str], files: tuple[Path, Path]) -> None:
    env["GITHUB_TOKEN"] = token
    result = run(env, files[1])
    refused(result, "GITHUB_TOKEN is invalid")
    assert token.strip() not in result.err and api.requests == []


def test_an_empty_token_is_refused(api: Api, env: dict[str, str], files: tuple[Path, Path]) -> None:
    env["GITHUB_TOKEN"] = ""
    refused(run(env, files[1]), "GITHUB_TOKEN and GITHUB_REPOSITORY must be set")
    assert api.requests == []


@pytest.mark.parametrize("repository", ["../x", "a/b/c", "o/r\n", "o/r\nX: y", "o/..", "./r", "o r/x", "o/r?x=1", "o%2fr/x", "/r", "o/"])
def test_a_malformed_repository_is_refused(repository: str, api: Api, env: dict[str, str], files: tuple[Path, Path]) -> None:
    env["GITHUB_REPOSITORY"] = repository
    refused(run(env, files[1]), "GITHUB_REPOSITORY must be owner/name")
    assert api.requests == []


@pytest.mark.parametrize(
    ("url", "says"),
    [
        ("http://user:secretpw@127.0.0.1:{port}", "user name or password"),
        ("http://secretpw@127.0.0.1:{port}", "user name or password"),
        ("ftp://127.0.0.1:{port}", "http:// or https://"),
        ("file:///etc/passwd", "http:// or https://"),
        ("127.0.0.1:{port}", "http:// or https://"),
        ("http:///repos", "http:// or https://"),
        ("http://127.0.0.1:99999", "http:// or https://"),
        ("http://127.0.0.1:{port}/ x", "whitespace"),
        ("http://127.0.0.1:{port}\n", "whitespace"),
        ("http://127.0.0.1:{port}/?x=1", "query or fragment"),
        ("http://127.0.0.1:{port}/#x", "query or fragment"),
    ],
)
def test_a_malformed_api_url_is_refused_without_echoing_it(url: str, says: str, api: Api, env: dict[str, str], files: tuple[Path, Path]) -> None:
    env["GITHUB_API_URL"] = url.format(port=api.port)
    result = run(env, files[1])
    refused(result, "GITHUB_API_URL is invalid", says)
    assert "secretpw" not in result.err and api.requests == []


def test_an_api_url_with_a_base_path_is_used(api: Api, env: dict[str, str], files: tuple[Path, Path]) -> None:
    env["GITHUB_API_URL"] = f"{api.url}/api/v3/"  # GitHub Enterprise Server
    result = run(env, files[1])
    assert result.code == 0, result.err
    assert api.requests[0].path.startswith("/api/v3/repos/o/r/issues/7/comments?")


@pytest.mark.parametrize("deadline", ["0", "-1", "soon", "nan", "inf", "1e9"])
def test_a_malformed_deadline_is_refused(deadline: str, api: Api, env: dict[str, str], files: tuple[Path, Path]) -> None:
    env["YEARBOOK_CI_DEADLINE"] = deadline
    refused(run(env, files[1]), "YEARBOOK_CI_DEADLINE must be")
    assert api.requests == []


# --- the event file ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "says"),
    [
        (b"{not json", "the event file is not valid UTF-8 JSON"),
        (b"", "the event file is not valid UTF-8 JSON"),
        (b'{"pull_request": {"number": NaN}}', "the event file is not valid UTF-8 JSON"),
        (b'{"pull_request": {"number": 7, "title": "\xff\xfe"}}', "the event file is not valid UTF-8 JSON"),
        (b"\xef\xbb\xbf" + json.dumps({"pull_request": {"number": 7}}).encode(), "the event file is not valid UTF-8 JSON"),
        (b"[" * 100_000 + b"]" * 100_000, "the event file is not valid UTF-8 JSON"),
        (b"[7]", "no pull request number"),
        (b'"7"', "no pull request number"),
        (b"{}", "no pull request number"),
        (b'{"pull_request": null}', "no pull request number"),
        (b'{"pull_request": [7]}', "no pull request number"),
        (b'{"pull_request": {"number": "7"}}', "no pull request number"),
        (b'{"pull_request": {"number": true}}', "no pull request number"),
        (b'{"pull_request": {"number": -7}}', "no pull request number"),
        (b'{"pull_request": {"number": 0}}', "no pull request number"),
        (b'{"pull_request": {"number": 7.0}}', "no pull request number"),
        (b'{"pull_request": {"number": 100000000000000000000000000000}}', "no pull request number"),
        (b'{"pull_request": {"number": ' + b"9" * 5000 + b"}}", "the event file is not valid UTF-8 JSON"),
    ],
)
def test_a_malformed_event_file_is_refused(content: bytes, says: str, api: Api, env: dict[str, str], files: tuple[Path, Path]) -> None:
    files[0].write_bytes(content)
    refused(run(env, files[1]), says)
    assert api.requests == []


def test_a_missing_event_file_is_refused(api: Api, env: dict[str, str], files: tuple[Path, Path], tmp_path: Path) -> None:
    env["GITHUB_EVENT_PATH"] = str(tmp_path / "missing.json")
    refused(run(env, files[1]), "cannot read the event file", "missing.json")
    assert api.requests == []


def test_an_event_path_that_is_a_directory_or_device_is_refused(api: Api, env: dict[str, str], files: tuple[Path, Path], tmp_path: Path) -> None:
    for path in (str(tmp_path), "/dev/zero"):
        env["GITHUB_EVENT_PATH"] = path
        refused(run(env, files[1]), "event file" if path == str(tmp_path) else "not a regular file")
    assert api.requests == []


def test_an_oversized_event_file_is_refused(api: Api, env: dict[str, str], files: tuple[Path, Path]) -> None:
    files[0].write_bytes(b'{"pull_request": {"number": 7}, "pad": "' + b"x" * (11 * 1024 * 1024) + b'"}')
    refused(run(env, files[1]), "larger than 10 MiB")
    assert api.requests == []


def test_no_event_path_is_refused(api: Api, env: dict[str, str], files: tuple[Path, Path]) -> None:
    del env["GITHUB_EVENT_PATH"]
    refused(run(env, files[1]), "no GITHUB_EVENT_PATH")


# --- the comment file --------------------------------------------------------------------------------------


def test_a_comment_file_that_is_not_utf8_is_refused(api: Api, env: dict[str, str], files: tuple[Path, Path]) -> None:
    files[1].write_bytes("年度总结".encode("gb18030"))
    refused(run(env, files[1]), "diff.md is not UTF-8 text")
    assert api.requests == []


def test_a_missing_comment_file_is_refused(api: Api, env: dict[str, str], tmp_path: Path) -> None:
    refused(run(env, tmp_path / "nope.md"), "cannot read", "nope.md")
    assert api.requests == []


def test_a_comment_file_that_is_a_directory_is_refused(api: Api, env: dict[str, str], tmp_path: Path) -> None:
    refused(run(env, tmp_path), "cannot read")
    assert api.requests == []


def test_a_comment_file_name_with_a_line_break_stays_one_line(api: Api, env: dict[str, str], tmp_path: Path) -> None:
    refused(run(env, tmp_path / "a\nb.md"), "cannot read", "a?b.md")


def test_a_huge_comment_file_is_read_capped_and_truncated(api: Api, env: dict[str, str], files: tuple[Path, Path]) -> None:
    files[1].write_text("字" * 1_000_000, encoding="utf-8")  # 3 MB; the cap cuts a character in half
    result = run(env, files[1])
    assert result.code == 0, result.err
    body = json.loads(api.requests[-1].body)["body"]
    assert body.startswith(MARKER) and "truncated" in body and len(body) < 66_000


# --- the API's answers ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "says"),
    [
        (b"{oops", "the API's answer is not valid UTF-8 JSON"),
        (b"", "the API's answer is not valid UTF-8 JSON"),
        (b'[{"id": 1, "body": "\xff"}]', "the API's answer is not valid UTF-8 JSON"),
        (b"[" * 100_000 + b"]" * 100_000, "the API's answer is not valid UTF-8 JSON"),
        (b"[Infinity]", "the API's answer is not valid UTF-8 JSON"),
        (b'{"id": 1, "body": "x"}', "wrongly shaped"),
        (b"null", "wrongly shaped"),
        (b"[1, 2]", "wrongly shaped"),
        (b'[["id", 1]]', "wrongly shaped"),
        (b'[{"id": "5", "body": "x"}]', "wrongly shaped"),
        (b'[{"id": true, "body": "x"}]', "wrongly shaped"),
        (b'[{"id": -3, "body": "x"}]', "wrongly shaped"),
        (b'[{"id": 1.5, "body": "x"}]', "wrongly shaped"),
        (b'[{"body": "x"}]', "wrongly shaped"),
        (b'[{"id": 3, "body": 42}]', "wrongly shaped"),
        (b'[{"id": 3, "body": ["<!-- yearbook:diff -->"]}]', "wrongly shaped"),
    ],
)
def test_a_malformed_comment_list_is_refused(raw: bytes, says: str, api: Api, env: dict[str, str], files: tuple[Path, Path]) -> None:
    api.route = lambda handler: reply(handler, 200, raw=raw)
    refused(run(env, files[1]), says)
    assert [seen.method for seen in api.requests] == ["GET"]  # nothing written on a bad answer


@pytest.mark.parametrize("answer", [{}, {"id": "x"}, {"id": None}, {"id": False}, {"id": 0}, [], "created"])
def test_a_post_answer_without_a_valid_id_is_refused(answer: object, api: Api, env: dict[str, str], files: tuple[Path, Path]) -> None:
    api.route = lambda handler: reply(handler, 200, []) if handler.command == "GET" else reply(handler, 201, answer)
    refused(run(env, files[1]), "no valid comment id")


def test_a_patch_answer_without_a_valid_id_is_refused(api: Api, env: dict[str, str], files: tuple[Path, Path]) -> None:
    api.route = lambda handler: reply(handler, 200, [{"id": 9, "body": MARKER}]) if handler.command == "GET" else reply(handler, 200, {"id": "9"})
    refused(run(env, files[1]), "no valid comment id")
    assert api.requests[-1].path == "/repos/o/r/issues/comments/9"


def test_endless_pagination_stops_at_the_page_cap(api: Api, env: dict[str, str], files: tuple[Path, Path]) -> None:
    def route(handler: Handler) -> None:
        page = int(parse_qs(urlsplit(handler.path).query)["page"][0])
        reply(handler, 200, [{"id": page * 1000 + i, "body": "not ours"} for i in range(PER_PAGE)])

    api.route = route
    result = run(env, files[1])
    refused(result, "too many comments")
    assert [seen.method for seen in api.requests] == ["GET"] * MAX_PAGES  # and no new comment on top of them
    assert result.seconds < 10


@pytest.mark.parametrize(
    ("status", "says"), [(500, "HTTP 500"), (502, "HTTP 502"), (429, "HTTP 429"), (401, "GitHub refused (HTTP 401)"), (403, "may not write comments")]
)
def test_an_http_error_is_one_line(status: int, says: str, api: Api, env: dict[str, str], files: tuple[Path, Path]) -> None:
    api.route = lambda handler: reply(handler, status, {"message": "no\nway"})
    refused(run(env, files[1]), says)


def test_a_declared_oversized_answer_is_refused_unread(api: Api, env: dict[str, str], files: tuple[Path, Path]) -> None:
    def route(handler: Handler) -> None:
        handler.send_response(200)
        handler.send_header("Content-Length", str(MAX_RESPONSE + 1))
        handler.end_headers()
        handler.wfile.write(b"[")

    api.route = route
    refused(run(env, files[1]), f"larger than {MAX_RESPONSE // 1024 // 1024} MiB")


def test_an_undeclared_oversized_answer_is_cut_off(api: Api, env: dict[str, str], files: tuple[Path, Path]) -> None:
    def route(handler: Handler) -> None:
        handler.send_response(200)  # no Content-Length: the body runs until the connection closes
        handler.end_headers()
        try:
            for _ in range(MAX_RESPONSE // 65536 + 2):  # just over the cap, then stop
                handler.wfile.write(b" " * 65536)
        except OSError:
            pass

    api.route = route
    refused(run(env, files[1]), f"larger than {MAX_RESPONSE // 1024 // 1024} MiB")


def test_a_connection_closed_without_an_answer_is_one_line(api: Api, env: dict[str, str], files: tuple[Path, Path]) -> None:
    api.route = lambda handler: None  # reads the request, then closes without a word
    refused(run(env, files[1]), "GitHub")


def test_nothing_listening_is_one_line(api: Api, env: dict[str, str], files: tuple[Path, Path]) -> None:
    env["GITHUB_API_URL"] = "http://127.0.0.1:9"  # discard: nothing listens there on a test machine
    refused(run(env, files[1]), "cannot reach GitHub")


# --- the total deadline ------------------------------------------------------------------------------------


@pytest.mark.slow  # waits out a real deadline
def test_a_trickling_answer_hits_the_total_deadline(api: Api, env: dict[str, str], files: tuple[Path, Path]) -> None:
    def route(handler: Handler) -> None:
        handler.send_response(200)
        handler.send_header("Content-Length", "100000")
        handler.end_headers()
        for _ in range(200):  # one byte every 0.2 s: never a socket timeout; bounded, and stopped by the test
            if handler.api.stop.wait(0.2):
                return
            try:
                handler.wfile.write(b" ")
                handler.wfile.flush()
            except OSError:
                return

    api.route = route
    env["YEARBOOK_CI_DEADLINE"] = "2"
    result = run(env, files[1])
    refused(result, "deadline")
    assert result.seconds < 5


@pytest.mark.slow  # waits out a real deadline
def test_a_server_that_never_answers_hits_the_total_deadline(api: Api, env: dict[str, str], files: tuple[Path, Path]) -> None:
    api.route = lambda handler: handler.api.stop.wait(30) and None  # accepts, reads the request, then sleeps
    env["YEARBOOK_CI_DEADLINE"] = "1.5"
    result = run(env, files[1], lang="zh")
    refused(result, "超过总时限", "YEARBOOK_CI_DEADLINE")
    assert result.seconds < 5
