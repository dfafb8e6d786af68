"""A hardened HTTP client on the standard library alone, for a command that sends a credential to a REST API
named by its environment (GitHub's today; GitLab's or Gitea's could use it as well). It knows no particular
service: the caller names it for the messages and sets the limits.

What it guarantees, used as described:

- Credentials never cross origins. Add the credential with `request.add_unredirected_header("Authorization", …)`
  and open the request with `same_origin_opener(origin)`: a redirect to any other origin (scheme, host, port) is
  refused, never followed, and the Authorization header is put back only on a redirect to the same origin.
  A redirect that would turn anything but a GET or HEAD into a GET (301, 302, 303) is refused too.
- One total deadline. A `Deadline` is one point on the monotonic clock for the whole command, not a limit per
  read: a server that trickles a byte at a time never trips a socket timeout, so `read_body` checks the deadline
  between reads, and `run_within` runs the work on a daemon thread that it stops waiting for at the deadline.
- Capped reads. `read_body` refuses an answer that says or turns out to be over its cap, reading it in chunks;
  `read_capped` reads at most its cap from a file, and only from a regular file (a device or FIFO never ends).
- Strict JSON. `strict_json` takes UTF-8 JSON only, without NaN or Infinity; nesting too deep is an error too.

Every failure is an `HttpError`, one line in Chinese and in English; values from outside go through `shown`
first, so that no answer can break a message into lines or hide control characters in it.
"""

from __future__ import annotations

import json
import os
import stat
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from yearbook.errors import UserError

if TYPE_CHECKING:
    import urllib.request
    from email.message import Message
    from http.client import HTTPResponse
    from typing import IO

CHUNK = 64 * 1024


T = TypeVar("T")


class HttpError(UserError):
    """A failure talking to the API, said in Chinese (`zh`) and English (`en`); str() is the English."""


def shown(value: object, limit: int = 120) -> str:
    """A value from outside, safe to put in a one-line message: control characters and line breaks become '?'."""
    text = "".join(ch if ch.isprintable() else "?" for ch in str(value))
    return text if len(text) <= limit else text[:limit] + "…"


def origin_of(url: str) -> tuple[str, str, int] | None:
    """(scheme, host, port) of an http(s) URL, or None for anything else or anything unparsable."""
    import urllib.parse

    try:
        parts = urllib.parse.urlsplit(url)
        port = parts.port
    except ValueError:
        return None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return None
    return parts.scheme, parts.hostname.lower(), port if port is not None else (443 if parts.scheme == "https" else 80)


def positive_int(value: object, limit: int) -> int | None:
    """`value` if it is an int (not a bool) from 1 to `limit`, else None."""
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= limit:  # True is an int in Python
        return None
    return value


@dataclass(frozen=True, slots=True)
class Deadline:
    """The one total deadline of the command, on the monotonic clock; `setting` names what set it, for the message."""

    seconds: float
    at: float
    setting: str

    @classmethod
    def start(cls, seconds: float, setting: str) -> Deadline:
        return cls(seconds, time.monotonic() + seconds, setting)

    def remaining(self) -> float:
        """Seconds left; past the deadline, an HttpError instead."""
        left = self.at - time.monotonic()
        if left <= 0:
            raise self.error()
        return left

    def error(self) -> HttpError:
        return HttpError(
            f"超过总时限 {self.seconds:g} 秒仍未完成，已放弃（{self.setting}）",
            f"gave up: not done within the total deadline of {self.seconds:g} s ({self.setting})",
        )


def run_within(deadline: Deadline, work: Callable[[], T], name: str = "safe-http") -> T:
    """work() on a daemon thread called `name`, given up on at the deadline (the thread then dies with the process)."""
    import threading

    outcome: list[T] = []
    failure: list[BaseException] = []

    def run() -> None:
        try:
            outcome.append(work())
        except BaseException as error:  # handed to the calling thread, which reports it
            failure.append(error)

    worker = threading.Thread(target=run, name=name, daemon=True)
    worker.start()
    worker.join(max(0.0, deadline.at - time.monotonic()))
    if worker.is_alive():
        raise deadline.error()
    if failure:
        raise failure[0]
    return outcome[0]


# --- files -------------------------------------------------------------------------------------------------


def read_capped(path: Path, cap: int) -> tuple[bytes, bool]:
    """Up to `cap` bytes of a regular file, and whether there was more (a device or FIFO would never end)."""
    with path.open("rb") as stream:
        if not stat.S_ISREG(os.fstat(stream.fileno()).st_mode):
            raise HttpError(f"{shown(path)} 不是普通文件", f"{shown(path)} is not a regular file")
        data = stream.read(cap + 1)
    return data[:cap], len(data) > cap


def _no_constant(name: str) -> object:
    raise ValueError(f"{name} is not JSON")  # json.loads would otherwise accept NaN and Infinity


def strict_json(data: bytes, zh: str, en: str) -> object:
    """Strict UTF-8 JSON, or an HttpError naming what was being read (`zh`, `en`)."""
    try:
        return json.loads(data.decode("utf-8"), parse_constant=_no_constant)
    except (ValueError, RecursionError) as error:  # UnicodeDecodeError and JSONDecodeError are ValueErrors
        raise HttpError(f"{zh}不是有效的 UTF-8 JSON", f"{en} is not valid UTF-8 JSON ({shown(error, 80)})") from error


# --- HTTP --------------------------------------------------------------------------------------------------


def same_origin_opener(api_origin: tuple[str, str, int], max_redirects: int, service: str) -> urllib.request.OpenerDirector:
    """urllib's default opener (environment proxies as usual) with redirects kept to `api_origin`, at most
    `max_redirects` of them; `service` names the API in the Chinese messages."""
    import urllib.request

    class SameOriginRedirects(urllib.request.HTTPRedirectHandler):
        max_redirections = max_redirects

        def redirect_request(
            self, req: urllib.request.Request, fp: IO[bytes], code: int, msg: str, headers: Message, newurl: str
        ) -> urllib.request.Request | None:
            target = origin_of(newurl)
            if target != api_origin:
                fp.close()
                host = f"[{target[1]}]" if target and ":" in target[1] else target[1] if target else ""
                where = shown(f"{target[0]}://{host}:{target[2]}" if target else newurl, 80)
                raise HttpError(
                    f"{service} 接口重定向到了另一个源 {where}，为保护令牌已拒绝跟随",
                    f"the API redirected to another origin ({where}); refused to follow it, to keep the token from leaking",
                )
            newurl = newurl.replace(" ", "%20")
            if not newurl.isascii() or not newurl.isprintable():
                fp.close()
                raise HttpError(f"{service} 接口的重定向地址无效", "the API redirected to an invalid URL")
            method = req.get_method()
            keeps_method = code in (307, 308)  # 301/302/303 turn a request into a GET: only harmless for a GET
            if not keeps_method and method not in ("GET", "HEAD"):
                fp.close()
                raise HttpError(
                    f"{service} 接口以 HTTP {code} 重定向了 {method} 请求，已拒绝", f"the API redirected a {method} request with HTTP {code}; refused"
                )
            headers_kept = {k: v for k, v in req.headers.items() if k.lower() != "authorization" and (keeps_method or k.lower() != "content-type")}
            new = urllib.request.Request(
                newurl,
                data=req.data if keeps_method else None,
                headers=headers_kept,
                origin_req_host=req.origin_req_host,
                unverifiable=True,
                method=method if keeps_method else None,
            )
            # The token was added unredirected, so urllib never carries it over; same origin, so it goes back on.
            authorization = req.unredirected_hdrs.get("Authorization")
            if authorization is not None:
                new.add_unredirected_header("Authorization", authorization)
            return new

    return urllib.request.build_opener(SameOriginRedirects)


def read_body(response: HTTPResponse, deadline: Deadline, cap: int, service: str) -> bytes:
    """The whole body, in chunks, at most `cap` bytes, and checked against the deadline between reads."""
    if response.length is not None and response.length > cap:
        raise _too_large(cap, service)
    chunks: list[bytes] = []
    size = 0
    while True:
        deadline.remaining()
        chunk = response.read1(CHUNK)  # read1: returns what arrived, so a trickle cannot hold one read open
        if not chunk:
            return b"".join(chunks)
        size += len(chunk)
        if size > cap:
            raise _too_large(cap, service)
        chunks.append(chunk)


def _too_large(cap: int, service: str) -> HttpError:
    return HttpError(f"{service} 应答超过 {cap // 1024 // 1024} MiB", f"the API's answer is larger than {cap // 1024 // 1024} MiB")
