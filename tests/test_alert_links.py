"""Every alert links the web view (``web.base_url``): Slack, email and webhooks against real loopback servers,
removals and restorations to the story page, the notifier's ``diff_url`` as an override, and ``notify test``."""

from __future__ import annotations

import json
import os
import subprocess
from dataclasses import replace
from pathlib import Path

import pytest

from monitor.app import build_notifiers
from monitor.config import parse_config
from monitor.models import Alert, DiffSummary, Significance
from notifiers import build_notifier
from notifiers.base import Notifier
from notifiers.sample import sample_alert
from tests.fixtures_servers import CaptureServer, SmtpCapture
from tests.test_end_to_end import STORYWATCH

BASE = "https://storywatch.example.org/desk"
DIFF_PAGE = f"{BASE}/stories/7/diff?from=1&to=2"  # the sample alert: story 7, version 1 → 2
STORY_PAGE = f"{BASE}/stories/7"
OVERRIDE = "https://tools.example.org/sw/{story_id}/{from_version}..{to_version}"


def _event(kind: str) -> Alert:
    """The sample story removed (or restored) at version 2: one version, no diff."""
    alert = sample_alert("desk")
    summary = DiffSummary(significance=Significance.MAJOR, declared=False, event=kind, event_detail="HTTP 410 Gone")
    return replace(alert, change=replace(alert.change, from_version=2, to_version=2, summary=summary))


def _slack(server: CaptureServer, base_url: str | None = BASE, **options) -> Notifier:
    settings = {"webhook_url": server.url + "/services/T0/B0/s3cret", **options}
    return build_notifier("desk", "slack", settings, web_base_url=base_url)


def _buttons(payload: dict) -> dict[str, str]:
    (actions,) = [b for b in payload["blocks"] if b["type"] == "actions"]
    return {e["text"]["text"]: e["url"] for e in actions["elements"]}


def _mailer(smtp: SmtpCapture, base_url: str | None = BASE, **options) -> Notifier:
    settings = {
        "smtp_host": smtp.host,
        "smtp_port": smtp.port,
        "security": "none",
        "from": "storywatch@example.org",
        "to": ["desk@example.org"],
        **options,
    }
    return build_notifier("standards", "email", settings, web_base_url=base_url)


def _parts(smtp: SmtpCapture) -> tuple[str, str]:
    (message,) = smtp.wait_for(1)
    return message.get_body(("plain",)).get_content(), message.get_body(("html",)).get_content()


def test_slack_gets_a_full_diff_button_to_the_diff_page(capture_server) -> None:
    assert _slack(capture_server).send(sample_alert("desk")).ok
    payload = capture_server.requests[0].json()
    assert _buttons(payload) == {
        "Open the story": "https://news.example.org/world/harbour-summit-opens",
        "Full diff": DIFF_PAGE,
    }
    assert "storywatch diff 7 --from 1 --to 2" in payload["blocks"][-1]["elements"][0]["text"]


def test_email_links_the_diff_page_near_the_top_of_both_parts(smtp_server) -> None:
    assert _mailer(smtp_server).send(sample_alert("standards")).ok
    plain, html = _parts(smtp_server)
    assert plain.splitlines()[:3] == [
        "[MAJOR] Updated: Harbour Summit opens with 27 heads of state — Port Calder Gazette",
        "https://news.example.org/world/harbour-summit-opens",
        f"Full diff: {DIFF_PAGE}",
    ]
    link = f'href="{DIFF_PAGE.replace("&", "&amp;")}"'
    assert link in html and ">Full diff →</a>" in html
    assert html.index(link) < html.index("Headline rewritten")  # above the summary, right under the headline


def test_webhook_json_carries_diff_url(capture_server) -> None:
    hook = build_notifier("hook", "webhook", {"url": capture_server.url + "/in"}, web_base_url=BASE + "/")
    assert hook.send(sample_alert("hook")).ok
    body = capture_server.requests[0].json()
    assert body["diff_url"] == DIFF_PAGE  # a trailing slash on base_url is not doubled
    assert (body["from"]["version"], body["to"]["version"]) == (1, 2)


@pytest.mark.parametrize("kind", ["removed", "restored"])
def test_a_removal_or_restoration_links_the_story_page(
    kind: str, capture_server: CaptureServer, smtp_server: SmtpCapture
) -> None:
    alert = _event(kind)
    assert _slack(capture_server, diff_url=OVERRIDE).send(alert).ok  # no diff: the override does not apply
    payload = capture_server.requests[0].json()
    assert _buttons(payload)["Story history"] == STORY_PAGE and "Full diff" not in _buttons(payload)
    context = payload["blocks"][-1]["elements"][0]["text"]
    assert "`storywatch history 7`" in context and "--from" not in context
    assert "silent" not in json.dumps(payload).lower()

    hook = build_notifier("hook", "webhook", {"url": capture_server.url + "/in"}, web_base_url=BASE)
    assert hook.send(alert).ok
    assert capture_server.requests[1].json()["diff_url"] == STORY_PAGE

    assert _mailer(smtp_server).send(alert).ok
    plain, html = _parts(smtp_server)
    assert f"Story history: {STORY_PAGE}" in plain.splitlines()[:4]
    assert f'href="{STORY_PAGE}"' in html
    assert "silent" not in (plain + html).lower() and "struck through" not in html  # no key above no diff


def test_a_removal_says_when_it_was_found_not_when_its_version_was_first_seen() -> None:
    from datetime import UTC, datetime

    from notifiers.render import alert_text

    found = datetime(2025, 8, 29, 14, 5, tzinfo=UTC)
    alert = _event("removed")
    text = alert_text(replace(alert, change=replace(alert.change, created_at=found)), STORY_PAGE)
    assert "version 2 · removed 29 Aug 2025 14:05 UTC" in text and "28 Aug 2025 11:30" not in text


def test_a_removal_without_base_url_links_nothing_that_fails(capture_server) -> None:
    assert _slack(capture_server, base_url=None, diff_url=OVERRIDE).send(_event("removed")).ok
    payload = capture_server.requests[0].json()
    assert list(_buttons(payload)) == ["Open the story"]
    assert "--from 2 --to 2" not in json.dumps(payload)


def test_the_notifiers_diff_url_wins_over_base_url(capture_server, smtp_server) -> None:
    assert _slack(capture_server, diff_url=OVERRIDE).send(sample_alert("desk")).ok
    assert _buttons(capture_server.requests[0].json())["Full diff"] == "https://tools.example.org/sw/7/1..2"
    hook = build_notifier("hook", "webhook", {"url": capture_server.url + "/in", "diff_url": OVERRIDE})
    assert hook.send(sample_alert("hook")).ok  # diff_url alone, no base_url: email and webhooks honour it too
    assert capture_server.requests[1].json()["diff_url"] == "https://tools.example.org/sw/7/1..2"
    assert _mailer(smtp_server, base_url=None, diff_url=OVERRIDE).send(sample_alert("standards")).ok
    plain, html = _parts(smtp_server)
    assert "Full diff: https://tools.example.org/sw/7/1..2" in plain and BASE not in plain + html


def test_without_base_url_or_diff_url_no_web_link(capture_server, smtp_server) -> None:
    assert _slack(capture_server, base_url=None).send(sample_alert("desk")).ok
    assert list(_buttons(capture_server.requests[0].json())) == ["Open the story"]
    assert _mailer(smtp_server, base_url=None).send(sample_alert("standards")).ok
    plain, html = _parts(smtp_server)
    assert "Full diff" not in plain + html and "/stories/" not in plain + html


def test_build_notifiers_passes_web_base_url_from_the_config() -> None:
    settings = parse_config(
        f"web: {{base_url: '{BASE}/'}}\nnotifiers:\n  - {{name: hook, type: webhook, url: 'https://h.example/x'}}\n",
        env={},
    )
    (hook,) = build_notifiers(settings)
    assert hook.diff_link(sample_alert("hook").change) == DIFF_PAGE
    assert settings.web.diff_link(7, 1, 2) == DIFF_PAGE and settings.web.diff_link(7, 2, 2) == STORY_PAGE


def _notify_test(tmp_path: Path, server: CaptureServer, notifier: str) -> subprocess.CompletedProcess[str]:
    config = tmp_path / "config.yaml"
    config.write_text(
        f"web: {{base_url: '{BASE}'}}\n"
        "notifiers:\n"
        "  - {name: desk, type: slack, webhook_url: '${SLACK_WEBHOOK_URL}'}\n"
        f"  - {{name: tools, type: webhook, url: '${{SLACK_WEBHOOK_URL}}', diff_url: '{OVERRIDE}'}}\n"
    )
    env = {**os.environ, "SLACK_WEBHOOK_URL": server.url + "/services/T0/B0/s3cret"}
    return subprocess.run(
        [STORYWATCH, "-c", str(config), "notify", "test", notifier], capture_output=True, text=True, env=env
    )


def test_notify_test_uses_the_real_link_says_it_is_a_test_and_prints_the_link(
    tmp_path: Path, capture_server: CaptureServer
) -> None:
    sent = _notify_test(tmp_path, capture_server, "desk")
    assert sent.returncode == 0, sent.stderr
    link = f"{BASE}/stories/0/diff?from=1&to=2"  # the invented story: id 0, versions 1 → 2
    assert sent.stdout.strip() == f"desk: test alert sent; it links {link}"
    payload = capture_server.requests[0].json()
    assert (
        payload["blocks"][0]["text"]["text"] == "Test alert from storywatch — 🔴 MAJOR · Updated · Port Calder Gazette"
    )
    assert _buttons(payload)["Full diff"] == link
    assert "storywatch diff" not in json.dumps(payload) and "test alert" in payload["blocks"][-1]["elements"][0]["text"]
    assert "s3cret" not in sent.stdout + sent.stderr

    override = _notify_test(tmp_path, capture_server, "tools")
    assert override.returncode == 0, override.stderr
    assert override.stdout.strip() == "tools: test alert sent; it links https://tools.example.org/sw/0/1..2"
    body = capture_server.requests[1].json()
    assert body["diff_url"] == "https://tools.example.org/sw/0/1..2" and body["alert"]["reasons"] == {"test": True}


def test_the_test_email_says_it_is_a_test_in_its_subject(smtp_server) -> None:
    from notifiers.sample import alert_for_notify_test

    assert _mailer(smtp_server).send(alert_for_notify_test("standards")).ok
    (message,) = smtp_server.wait_for(1)
    assert (
        message["Subject"]
        == "Test alert from storywatch — [MAJOR] Updated: Harbour Summit opens with 27 heads of state"
        " — Port Calder Gazette"
    )
    plain = message.get_body(("plain",)).get_content()
    assert plain.startswith("This is a test sent by `storywatch notify test`")
    assert f"Full diff: {BASE}/stories/0/diff?from=1&to=2" in plain
