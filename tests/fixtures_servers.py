"""Real local servers for channel tests: an HTTP capture server and an SMTP server, both on 127.0.0.1.

``capture_server`` records every request and answers from a programmable queue (``respond(429,
headers={"Retry-After": "1"})``, then 200 once the queue is empty); ``SlackApi(server)`` makes it answer
under ``/api`` as Slack's Web API does (``chat.postMessage`` keeps each message with its metadata and thread,
``conversations.history`` and ``conversations.replies`` read them back, paged); ``smtp_server`` and
``smtp_auth_server`` are aiosmtpd servers that keep every message parsed. ``closed_url()`` is an address
where nothing listens (a channel that is down).
"""

from __future__ import annotations

import asyncio
import email
import email.policy
import itertools
import json
import socket
import threading
import time
import warnings
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from email.message import EmailMessage
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

__all__ = [
    "CaptureServer",
    "CapturedRequest",
    "SlackApi",
    "SmtpCapture",
    "capture_server",
    "closed_url",
    "free_port",
    "smtp_auth_server",
    "smtp_server",
]

SMTP_USER = "desk"
SMTP_PASSWORD = "s3cret-smtp-pass"


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listened on a moment ago."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def closed_url(path: str = "/hook") -> str:
    """An http URL on 127.0.0.1 where nothing listens: connections are refused (a channel that is down)."""
    return f"http://127.0.0.1:{free_port()}{path}"


# -- HTTP ---------------------------------------------------------------------------------------------
class _QuietServer(ThreadingHTTPServer):
    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # a client that went away mid-answer (killed, timed out) is what some tests do on purpose


@dataclass(frozen=True)
class CapturedRequest:
    method: str
    path: str
    headers: dict[str, str]  # names lower-cased
    body: bytes

    def json(self) -> Any:
        return json.loads(self.body)


@dataclass
class _Response:
    status: int = 200
    body: bytes = b"ok"
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0


class CaptureServer:
    """A threaded HTTP server that records requests and replays queued responses (200 "ok" by default)."""

    def __init__(self) -> None:
        self.requests: list[CapturedRequest] = []
        self._responses: deque[_Response] = deque()
        self._answer: Callable[[CapturedRequest], tuple[int, bytes | str, dict[str, str]]] | None = None
        self._lock = threading.Lock()
        self.delay = 0.0  # every answer waits this long after the request is recorded (a slow channel)
        self.on_request: Callable[[CapturedRequest], None] | None = None  # called as each request is recorded
        self._server = _QuietServer(("127.0.0.1", 0), self._handler_class())
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, args=(0.02,), daemon=True)

    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    def respond(
        self, status: int = 200, body: bytes | str = b"ok", headers: dict[str, str] | None = None, delay: float = 0.0
    ) -> CaptureServer:
        """Queue one response (served in order; when the queue is empty every answer is 200 "ok")."""
        data = body.encode() if isinstance(body, str) else body
        with self._lock:
            self._responses.append(_Response(status, data, dict(headers or {}), delay))
        return self

    def answer_with(
        self, answer: Callable[[CapturedRequest], tuple[int, bytes | str, dict[str, str]]]
    ) -> CaptureServer:
        """Compute responses (status, body, headers) from requests when no queued response is left."""
        self._answer = answer
        return self

    def wait_for(self, count: int, timeout: float = 5.0) -> list[CapturedRequest]:
        deadline = time.monotonic() + timeout
        while len(self.requests) < count and time.monotonic() < deadline:
            time.sleep(0.01)
        return list(self.requests)

    def start(self) -> CaptureServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def _next(self, request: CapturedRequest) -> _Response:
        with self._lock:
            self.requests.append(request)
            if self._responses:
                return self._responses.popleft()
            if self._answer is not None:
                status, body, headers = self._answer(request)
                return _Response(status, body.encode() if isinstance(body, str) else body, headers)
            return _Response()

    def _handler_class(self) -> type[BaseHTTPRequestHandler]:
        capture = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            disable_nagle_algorithm = True  # headers and body leave at once (no 40 ms delayed-ACK stalls)

            def _handle(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                if len(body) < length:  # the sender died mid-request: nothing arrived, as for any receiver
                    self.close_connection = True
                    return
                headers = {key.lower(): value for key, value in self.headers.items()}
                request = CapturedRequest(self.command, self.path, headers, body)
                response = capture._next(request)
                if capture.on_request is not None:
                    capture.on_request(request)
                if response.delay or capture.delay:
                    time.sleep(response.delay or capture.delay)
                self.send_response(response.status)
                for key, value in response.headers.items():
                    self.send_header(key, value)
                self.send_header("Content-Length", str(len(response.body)))
                self.end_headers()
                self.wfile.write(response.body)

            do_GET = do_POST = do_PUT = _handle

            def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - keep test output quiet
                pass

        return Handler


class SlackApi:
    """Slack's Web API on a capture server (``{server.url}/api``): what a bot posts stays in the channel.

    ``chat.postMessage`` keeps each message (``ts``, ``channel``, ``text``, ``thread_ts``, ``metadata``) and answers
    ``{"ok": true, "ts", "channel"}``; ``conversations.history`` (top-level messages and broadcast replies) and
    ``conversations.replies`` (one thread) read them back newest first, from ``oldest``, ``limit`` per page with
    a cursor, metadata only with ``include_all_metadata=true`` — a channel's #name is ``channel_not_found`` there,
    as on Slack. ``fail_reads`` makes every read answer that API error (e.g. ``missing_scope``).
    """

    def __init__(self, server: CaptureServer) -> None:
        self.server = server
        self.messages: list[dict[str, Any]] = []
        self.fail_reads: str | None = None
        self._ts = itertools.count(1)
        self._lock = threading.Lock()
        server.answer_with(self._answer)

    def _answer(self, request: CapturedRequest) -> tuple[int, str, dict[str, str]]:
        url = urlsplit(request.path)
        method = url.path.rsplit("/", 1)[-1]
        if method == "chat.postMessage":
            return self._ok(self._post(request.json()))
        if method in ("conversations.history", "conversations.replies"):
            query = {key: values[0] for key, values in parse_qs(url.query).items()}
            if self.fail_reads:
                return self._ok({"ok": False, "error": self.fail_reads})
            if query.get("channel", "").startswith("#"):
                return self._ok({"ok": False, "error": "channel_not_found"})
            return self._ok(self._read(query, thread=query.get("ts") if method == "conversations.replies" else None))
        return 200, "ok", {}

    def _post(self, body: dict[str, Any]) -> dict[str, Any]:
        with self._lock:
            ts = f"{time.time():.0f}.{next(self._ts):06d}"
            message = {"ts": ts, "channel": body.get("channel"), "text": body.get("text"), "type": "message"}
            for key in ("thread_ts", "metadata", "reply_broadcast"):
                if key in body:
                    message[key] = body[key]
            self.messages.append(message)
        return {"ok": True, "channel": body.get("channel"), "ts": ts}

    def _read(self, query: dict[str, str], thread: str | None) -> dict[str, Any]:
        oldest = float(query.get("oldest") or 0)
        limit = int(query.get("limit") or 100)
        start = int(query.get("cursor") or 0)
        with self._lock:
            found = [m for m in self.messages if m["channel"] == query.get("channel") and float(m["ts"]) > oldest]
        if thread:
            found = [m for m in found if m["ts"] == thread or m.get("thread_ts") == thread]
        else:
            found = [m for m in found if "thread_ts" not in m or m.get("reply_broadcast")]
        found.sort(key=lambda m: float(m["ts"]), reverse=True)
        page = found[start : start + limit]
        if query.get("include_all_metadata") != "true":
            page = [{k: v for k, v in m.items() if k != "metadata"} for m in page]
        more = start + limit < len(found)
        answer: dict[str, Any] = {"ok": True, "messages": page, "has_more": more}
        if more:
            answer["response_metadata"] = {"next_cursor": str(start + limit)}
        return answer

    def alert_ids(self) -> list[int]:
        """The alert id of each message posted with storywatch's metadata, in order."""
        with self._lock:
            metas = [m.get("metadata") or {} for m in self.messages]
        return [int(m["event_payload"]["alert_id"]) for m in metas if m.get("event_type") == "storywatch_alert"]

    @staticmethod
    def _ok(answer: dict[str, Any]) -> tuple[int, str, dict[str, str]]:
        return 200, json.dumps(answer), {"Content-Type": "application/json"}


@pytest.fixture
def capture_server() -> Iterator[CaptureServer]:
    server = CaptureServer().start()
    try:
        yield server
    finally:
        server.stop()


# -- SMTP ---------------------------------------------------------------------------------------------
class _Recorder:
    def __init__(self, capture: SmtpCapture) -> None:
        self.capture = capture

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802 - aiosmtpd hook
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        self.capture.messages.append(message)  # type: ignore[arg-type]
        self.capture.envelopes.append((envelope.mail_from, list(envelope.rcpt_tos)))
        if self.capture.delay:  # kept, then acknowledged slowly: a sender killed meanwhile never hears the 250
            await asyncio.sleep(self.capture.delay)
        return "250 Message accepted for delivery"


class SmtpCapture:
    """An aiosmtpd server on 127.0.0.1 that keeps each message (``messages``) and envelope (``envelopes``)."""

    def __init__(self, *, auth: tuple[str, str] | None = None) -> None:
        self.host = "127.0.0.1"
        self.port = free_port()
        self.messages: list[EmailMessage] = []
        self.envelopes: list[tuple[str, list[str]]] = []
        self.logins: list[str] = []
        self.delay = 0.0  # seconds between keeping a message and answering 250
        kwargs: dict[str, Any] = {}
        if auth is not None:
            kwargs = {"authenticator": self._authenticator(auth), "auth_require_tls": False, "auth_required": True}
        self._controller = Controller(_Recorder(self), hostname=self.host, port=self.port, **kwargs)

    def _authenticator(self, auth: tuple[str, str]) -> Any:
        def check(server: Any, session: Any, envelope: Any, mechanism: str, data: Any) -> AuthResult:
            ok = isinstance(data, LoginPassword) and (data.login.decode(), data.password.decode()) == auth
            if ok:
                self.logins.append(data.login.decode())
            return AuthResult(success=ok, handled=False)

        return check

    def wait_for(self, count: int, timeout: float = 5.0) -> list[EmailMessage]:
        deadline = time.monotonic() + timeout
        while len(self.messages) < count and time.monotonic() < deadline:
            time.sleep(0.01)
        return list(self.messages)

    def start(self) -> SmtpCapture:
        self._controller.start()
        return self

    def stop(self) -> None:
        self._controller.stop()


@pytest.fixture
def smtp_server() -> Iterator[SmtpCapture]:
    server = SmtpCapture().start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def smtp_auth_server() -> Iterator[SmtpCapture]:
    """Like ``smtp_server`` but requires ``AUTH`` as ``SMTP_USER`` / ``SMTP_PASSWORD`` (no TLS)."""
    with warnings.catch_warnings():  # plain-text AUTH is what this loopback test server is for
        warnings.filterwarnings("ignore", "Requiring AUTH while not requiring TLS", UserWarning)
        server = SmtpCapture(auth=(SMTP_USER, SMTP_PASSWORD)).start()
        try:
            yield server
        finally:
            server.stop()
