"""The Slack channel: Block Kit shape, mrkdwn escaping, Slack's limits, and rate limiting on a real server."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from monitor.config import parse_config
from monitor.errors import ConfigError
from monitor.models import Alert, NumberChange
from notifiers import build_notifier
from notifiers.render import sample_alert
from notifiers.render_slack import cut, slack_payload

SECRET_PATH = "/services/T00000000/B00000000/XXXXSECRETXXXX"


def _alert(headline: str | None = None, **summary_changes) -> Alert:
    alert = sample_alert("desk")
    change = alert.change
    if headline is not None:
        change = replace(change, headline=headline)
    return replace(alert, change=replace(change, summary=replace(change.summary, **summary_changes)))


def _texts(payload: dict) -> list[str]:
    """Every text Slack would render from the payload."""
    out = [payload["text"]]
    for block in payload["blocks"]:
        if "text" in block:
            out.append(block["text"]["text"])
        for element in block.get("elements", []):
            out.append(element["text"]["text"] if isinstance(element.get("text"), dict) else element["text"])
    return out


def test_payload_shape() -> None:
    payload = slack_payload(sample_alert("desk"))
    assert payload["text"].startswith("🔴 MAJOR · Updated · Port Calder Gazette: Harbour Summit opens with 27 heads")
    assert payload["blocks"][0]["text"]["text"] == "🔴 MAJOR · Updated · Port Calder Gazette"  # headline once
    kinds = [block["type"] for block in payload["blocks"]]
    assert kinds[0] == "header" and kinds[1] == "section" and kinds[-1] == "context" and "actions" in kinds
    link = payload["blocks"][1]["text"]["text"]
    assert link.startswith("*<https://news.example.org/world/harbour-summit-opens|Harbour Summit opens with 27")
    assert "\ndeclared update · version 1 → 2 · 28 Aug 2025 11:30 UTC" in link
    sections = [block["text"]["text"] for block in payload["blocks"] if block["type"] == "section"]
    assert any("• Added: Ilse Varga" in text for text in sections)
    assert any("> A total of ~26~ *27* foreign heads of state" in text for text in sections)
    json.dumps(payload)


def test_page_text_cannot_ping_or_forge_links() -> None:
    headline = "Council vote <!channel> see <http://evil.example|click here> & <@U123>"
    alert = _alert(
        headline, ops=(("=", "Text "), ("+", "<!here> <https://evil.example|login>")), entities_added=("<!everyone>",)
    )
    payload = slack_payload(alert)
    raw = json.dumps(payload)
    for forbidden in ("<!channel>", "<!here>", "<!everyone>", "<http://evil", "<https://evil", "<@U123>"):
        assert forbidden not in raw
    assert all("&lt;!channel&gt;" in text for text in (_texts(payload)[0], _texts(payload)[2]))
    assert "&lt;http://evil.example|click here&gt; &amp; &lt;@U123&gt;" in payload["blocks"][1]["text"]["text"]
    assert any("&lt;!here&gt;" in text for text in _texts(payload))


def test_story_url_is_linked_safely() -> None:
    alert = sample_alert("desk")
    alert = replace(alert, change=replace(alert.change, story_url="https://news.example.org/a|b>c"))
    link = slack_payload(alert)["blocks"][1]["text"]["text"]
    assert link.startswith("*<https://news.example.org/a%7Cb&gt;c|")
    alert = replace(alert, change=replace(alert.change, story_url="javascript:alert(1)"))
    payload = slack_payload(alert)
    assert "<javascript" not in json.dumps(payload)
    assert "actions" not in [block["type"] for block in payload["blocks"]]


def test_a_huge_change_is_trimmed_to_slack_limits() -> None:
    alert = _alert(
        "H" * 1000 + " & <more>",
        entities_added=tuple(f"Person {i} <&>" for i in range(3000)),
        numbers=tuple(NumberChange(str(i), str(i + 1), "context " * 50) for i in range(500)),
        quotes_added=tuple("quote " * 600 for _ in range(50)),
        ops=tuple(("+" if i % 2 else "-", "word " * 2000) for i in range(40)),
    )
    payload = slack_payload(alert)
    assert len(payload["blocks"]) <= 50
    assert len(payload["text"]) <= 3000
    header = payload["blocks"][0]
    assert header["type"] == "header" and len(header["text"]["text"]) <= 150
    for block in payload["blocks"]:
        if block["type"] == "section":
            assert len(block["text"]["text"]) <= 3000
    assert "more lines not shown" in json.dumps(payload)
    json.dumps(payload)


def test_cut_never_splits_an_entity() -> None:
    assert cut("abc &amp; def", 7) == "abc…"
    assert cut("short", 10) == "short"
    assert len(cut("x" * 5000, 3000)) == 3000


def test_send_posts_the_payload(capture_server) -> None:
    notifier = build_notifier("desk", "slack", {"webhook_url": capture_server.url + SECRET_PATH})
    result = notifier.send(sample_alert("desk"))
    assert result.ok and result.error is None
    (request,) = capture_server.requests
    assert request.method == "POST" and request.path == SECRET_PATH
    assert request.headers["content-type"].startswith("application/json")
    assert request.json() == slack_payload(sample_alert("desk"))


def test_rate_limited_then_accepted(capture_server) -> None:
    capture_server.respond(429, "rate_limited", headers={"Retry-After": "1"})
    notifier = build_notifier("desk", "slack", {"webhook_url": capture_server.url + SECRET_PATH})
    first = notifier.send(sample_alert("desk"))
    assert not first.ok and first.retry_after == 1.0 and "HTTP 429" in first.error
    second = notifier.send(sample_alert("desk"))
    assert second.ok
    assert len(capture_server.requests) == 2


def test_errors_are_readable_and_redacted(capture_server) -> None:
    url = capture_server.url + SECRET_PATH
    capture_server.respond(404, f"no_service for {SECRET_PATH}")
    notifier = build_notifier("desk", "slack", {"webhook_url": url})
    result = notifier.send(sample_alert("desk"))
    assert not result.ok and result.retry_after is None
    assert result.error.startswith("slack: HTTP 404 Not Found: no_service")
    assert "SECRET" not in result.error and url not in result.error


def test_timeout_is_a_failed_delivery(capture_server) -> None:
    capture_server.respond(200, delay=1.0)
    notifier = build_notifier("desk", "slack", {"webhook_url": capture_server.url + SECRET_PATH, "timeout": 0.2})
    result = notifier.send(sample_alert("desk"))
    assert not result.ok and "timed out after 0.2s" in result.error


def test_a_full_diff_button_when_the_notifier_has_a_diff_url(capture_server) -> None:
    template = "https://tools.example.org/storywatch/{story_id}/diff?from={from_version}&to={to_version}"
    notifier = build_notifier("desk", "slack", {"webhook_url": capture_server.url + "/hook", "diff_url": template})
    assert notifier.send(sample_alert("desk")).ok
    blocks = capture_server.requests[0].json()["blocks"]
    (actions,) = [b for b in blocks if b["type"] == "actions"]
    urls = {e["text"]["text"]: e["url"] for e in actions["elements"]}
    assert urls["Full diff"] == "https://tools.example.org/storywatch/7/diff?from=1&to=2"
    assert "storywatch diff 7 --from 1 --to 2" in blocks[-1]["elements"][0]["text"]
    plain = slack_payload(sample_alert("desk"))  # no diff_url: the story button and the command only
    (actions,) = [b for b in plain["blocks"] if b["type"] == "actions"]
    assert [e["text"]["text"] for e in actions["elements"]] == ["Open the story"]


def test_a_diff_url_with_unknown_fields_is_a_config_error() -> None:
    text = """
notifiers:
  - name: desk
    type: slack
    webhook_url: https://hooks.example/services/T0/B0/x
    diff_url: https://tools.example.org/{story}/diff
"""
    with pytest.raises(ConfigError) as caught:
        parse_config(text, env={})
    assert any(p.startswith("notifiers[0].diff_url: only {story_id}") for p in caught.value.problems)
