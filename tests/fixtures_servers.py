"""Real local servers for channel tests: an HTTP capture server and an SMTP server, both on 127.0.0.1.

``capture_server`` records every request and answers from a programmable queue (``respond(429,
headers={"Retry-After": "1"})``, then 200 once the queue is empty); ``smtp_server`` and
``smtp_auth_server`` are aiosmtpd servers that keep every message parsed. ``closed_url()`` is an address
where nothing listens (a channel that is down).
"""

from __future__ import annotations

import email
import email.policy
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

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

__all__ = [
    "CaptureServer",
    "CapturedRequest",
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
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler_class())
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

            def _handle(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                headers = {key.lower(): value for key, value in self.headers.items()}
                response = capture._next(CapturedRequest(self.command, self.path, headers, body))
                if response.delay:
                    time.sleep(response.delay)
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
        return "250 Message accepted for delivery"


class SmtpCapture:
    """An aiosmtpd server on 127.0.0.1 that keeps each message (``messages``) and envelope (``envelopes``)."""

    def __init__(self, *, auth: tuple[str, str] | None = None) -> None:
        self.host = "127.0.0.1"
        self.port = free_port()
        self.messages: list[EmailMessage] = []
        self.envelopes: list[tuple[str, list[str]]] = []
        self.logins: list[str] = []
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
