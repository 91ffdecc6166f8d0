"""The webhook channel against a real HTTP server: body shape, HMAC signature, failures without secrets."""

from __future__ import annotations

import hashlib
import hmac

from notifiers import build_notifier
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
