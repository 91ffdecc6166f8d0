"""The webhook channel against a real HTTP server: body shape, HMAC signature, failures without secrets."""

from __future__ import annotations

import hashlib
import hmac
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from notifiers import build_notifier
from notifiers._http import burst
from notifiers.render import sample_alert

SECRET = "whsec-0123456789abcdef"


def test_body_is_the_diff_json_with_the_alert(capture_server) -> None:
    notifier = build_notifier("hook", "webhook", {"url": capture_server.url + "/in/token-abcdef123"})
    alert = sample_alert("hook")
    assert notifier.send(alert).ok
    (request,) = capture_server.requests
    body = request.json()
    assert body["alert"] == {"id": 0, "notifier": "hook", "dedupe_key": alert.dedupe_key, "reasons": {}, "combined": 1}
    assert body["diff_url"] is None  # no web.base_url, no diff_url option: no page to link
    added = ("alert", "diff_url", "publication", "last_text")  # the diff JSON contract plus these keys
    assert {k: v for k, v in body.items() if k not in added} == alert.change.to_json()
    assert body["publication"] == "Port Calder Gazette" and body["last_text"] == []
    assert body["from"]["version"] == 1 and body["to"]["version"] == 2
    assert body["significance"] == "major"
    assert request.headers["x-storywatch-delivery"] == alert.dedupe_key
    assert "x-storywatch-signature" not in request.headers


def test_signature_verifies_with_hmac(capture_server) -> None:
    notifier = build_notifier("hook", "webhook", {"url": capture_server.url + "/in", "secret": SECRET})
    assert notifier.send(sample_alert("hook")).ok
    (request,) = capture_server.requests
    expected = "sha256=" + hmac.new(SECRET.encode(), request.body, hashlib.sha256).hexdigest()
    assert hmac.compare_digest(request.headers["x-storywatch-signature"], expected)
    forged = "sha256=" + hmac.new(b"other", request.body, hashlib.sha256).hexdigest()
    assert not hmac.compare_digest(request.headers["x-storywatch-signature"], forged)


def test_server_error_is_redacted(capture_server) -> None:
    url = capture_server.url + "/in/token-abcdef123"
    capture_server.respond(500, f"boom at {url} with {SECRET}")
    notifier = build_notifier("hook", "webhook", {"url": url, "secret": SECRET})
    result = notifier.send(sample_alert("hook"))
    assert not result.ok and result.error.startswith("webhook: HTTP 500 Internal Server Error: boom at ***")
    assert SECRET not in result.error and "token-abcdef123" not in result.error


def test_service_unavailable_passes_retry_after_on(capture_server) -> None:
    capture_server.respond(503, headers={"Retry-After": "120"})
    notifier = build_notifier("hook", "webhook", {"url": capture_server.url + "/in"})
    result = notifier.send(sample_alert("hook"))
    assert not result.ok and result.retry_after == 120.0


class _KeepAlive:
    """An HTTP/1.1 server that keeps connections open and records each request's client port; ``drop`` answers
    that many requests by closing the connection without a word (a connection that broke)."""

    def __init__(self) -> None:
        self.ports: list[int] = []
        self.drop = 0
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            disable_nagle_algorithm = True  # headers and body leave at once (no 40 ms delayed-ACK stalls)

            def log_message(self, *args: object) -> None:
                pass

            def do_POST(self) -> None:  # noqa: N802 - the stdlib's name
                self.rfile.read(int(self.headers.get("Content-Length") or 0))
                server.ports.append(self.client_address[1])
                if server.drop:
                    server.drop -= 1
                    self.close_connection = True
                    return
                self.send_response(200)
                self.send_header("Content-Length", "2")
                self.end_headers()
                self.wfile.write(b"ok")

        self.http = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.http.daemon_threads = True
        threading.Thread(target=self.http.serve_forever, args=(0.02,), daemon=True).start()
        self.url = f"http://127.0.0.1:{self.http.server_address[1]}/in"


def test_a_burst_of_posts_shares_one_connection_and_recovers_from_a_broken_one() -> None:
    server = _KeepAlive()
    notifier = build_notifier("hook", "webhook", {"url": server.url})
    try:
        assert all(notifier.send(sample_alert("hook")).ok for _ in range(3))
        assert len(set(server.ports)) == 3  # outside a burst: a connection per POST
        server.ports.clear()
        with burst():
            assert all(notifier.send(sample_alert("hook")).ok for _ in range(3))
            assert len(server.ports) == 3 and len(set(server.ports)) == 1  # one connection for the burst
            server.drop = 1
            failed = notifier.send(sample_alert("hook"))
            assert not failed.ok and failed.error.startswith("webhook: cannot connect")
            assert notifier.send(sample_alert("hook")).ok  # a new client, a new connection
            assert len(set(server.ports)) == 2
        with burst():
            assert notifier.send(sample_alert("hook")).ok
        assert len(set(server.ports)) == 3  # a burst's connection ends with it
    finally:
        server.http.shutdown()
        server.http.server_close()
