"""Slack bot token mode against the capture server posing as the Web API: threads per story, errors, limits."""

from __future__ import annotations

import itertools
import json
from datetime import UTC, datetime, timedelta

import pytest

from monitor.errors import NotifierError
from monitor.models import Article, DiffSummary, Significance
from notifiers import build_notifier
from notifiers.outbox import Outbox
from notifiers.sample import sample_alert
from storage.store import Store
from tests.fixtures_servers import CapturedRequest, CaptureServer

TOKEN = "xoxb-SECRET-123456789"
START = datetime(2025, 8, 28, 9, 0, tzinfo=UTC)


def _slack_api(server: CaptureServer) -> CaptureServer:
    counter = itertools.count(1)

    def answer(request: CapturedRequest) -> tuple[int, str, dict[str, str]]:
        ts = f"1724835600.{next(counter):06d}"
        return 200, json.dumps({"ok": True, "channel": "C0DESK", "ts": ts}), {"Content-Type": "application/json"}

    return server.answer_with(answer)


def _bot(server: CaptureServer, **options):
    return build_notifier(
        "desk", "slack", {"token": TOKEN, "channel": "#world-desk", "api_base": server.url + "/api", **options}
    )


def _story(store: Store, slug: str, versions: int, significance=Significance.SUBSTANTIVE) -> None:
    url = f"https://news.example.org/{slug}"
    story, _ = store.add_story(url, source="world", headline=slug, now=START, next_check_at=START)
    for n in range(1, versions + 1):
        article = Article(url=url, headline=f"{slug} <!channel> v{n}", body=(f"text {n}",))
        summary = DiffSummary(significance, True, ops=(("-", f"text {n - 1}"), ("+", f"text {n}"))) if n > 1 else None
        store.add_version(
            story.id,
            article,
            text=str(n),
            text_hash=f"{slug}{n}",
            seen_at=START + timedelta(minutes=n),
            summary=summary,
            notifiers=["desk"] if n > 1 else (),
        )


def test_one_thread_per_story(tmp_path, capture_server) -> None:
    _slack_api(capture_server)
    store = Store.open(f"sqlite:///{tmp_path / 'db.sqlite'}")
    _story(store, "summit", 3)
    _story(store, "storm", 2)
    outbox = Outbox(store, {"desk": _bot(capture_server)}, clock=lambda: START + timedelta(hours=1))
    assert all(r.ok for _, r in outbox.deliver_due())
    posts = [r.json() for r in capture_server.requests]
    assert [r.path for r in capture_server.requests] == ["/api/chat.postMessage"] * 3
    assert capture_server.requests[0].headers["authorization"] == f"Bearer {TOKEN}"
    assert all(p["channel"] == "#world-desk" for p in posts)
    summit = [p for p in posts if "summit" in p["text"]]
    assert "thread_ts" not in summit[0] and summit[1]["thread_ts"] == "1724835600.000001"
    assert "thread_ts" not in [p for p in posts if "storm" in p["text"]][0]
    assert "<!channel>" not in json.dumps(posts) and "&lt;!channel&gt;" in posts[0]["text"]
    store.close()


def test_api_errors_and_rate_limits(capture_server) -> None:
    bot = _bot(capture_server)
    capture_server.respond(429, "", headers={"Retry-After": "17"})
    capture_server.respond(200, json.dumps({"ok": False, "error": "channel_not_found"}))
    capture_server.respond(200, json.dumps({"ok": True, "ts": "1.2"}))
    limited = bot.send(sample_alert("desk"))
    assert not limited.ok and limited.retry_after == 17
    missing = bot.send(sample_alert("desk"))
    assert not missing.ok and "channel_not_found" in missing.error and "bot is in it" in missing.error
    assert bot.send(sample_alert("desk")).ok
    for result in (limited, missing):
        assert TOKEN not in result.error


def test_a_huge_change_is_trimmed_not_refused(capture_server) -> None:
    _slack_api(capture_server)
    bot = _bot(capture_server)
    alert = sample_alert("desk")
    summary = DiffSummary(Significance.MAJOR, False, entities_added=tuple(f"Name {i} " * 30 for i in range(400)))
    huge = type(alert)(
        **{**alert.__dict__, "change": type(alert.change)(**{**alert.change.__dict__, "summary": summary})}
    )
    assert bot.send(huge).ok
    body = capture_server.requests[0].json()
    assert len(body["blocks"]) <= 50 and all(len(b.get("text", {}).get("text", "")) <= 3000 for b in body["blocks"])


def test_mode_is_webhook_or_bot_never_both() -> None:
    with pytest.raises(NotifierError, match="webhook_url: required \\(or token and channel"):
        build_notifier("desk", "slack", {})
    with pytest.raises(NotifierError, match="channel: required with token"):
        build_notifier("desk", "slack", {"token": TOKEN})
    with pytest.raises(NotifierError) as caught:
        build_notifier("desk", "slack", {"token": TOKEN, "webhook_url": "https://hooks.example/x"})
    assert "either webhook_url, or token and channel, not both" in str(caught.value)
    assert TOKEN not in str(caught.value)


def _fill(api, count: int, *, alert_id: int) -> None:  # type: ignore[no-untyped-def]
    """The alert's message first, then ``count`` newer ones in the channel (other alerts' metadata)."""
    from notifiers.slack_history import metadata

    for n in range(count + 1):
        meta = metadata(alert_id, f"change:{alert_id}:desk") if n == 0 else metadata(1000 + n, f"change:{n}:x")
        api._post({"channel": "C0DESK", "text": f"message {n}", "metadata": meta})


def test_the_lookup_pages_back_through_the_channel_and_gives_up_past_its_bound(capture_server) -> None:
    from notifiers.slack_history import MAX_PAGES, PAGE_SIZE, LookupFailed, find_alert
    from tests.fixtures_servers import SlackApi

    api = SlackApi(capture_server)
    _fill(api, PAGE_SIZE + 50, alert_id=7)  # the alert's message is on the second page
    since = datetime.now(UTC) - timedelta(minutes=1)
    where = {"channel": "C0DESK", "since": since}
    found = find_alert(capture_server.url + "/api", TOKEN, alert_id=7, dedupe_key="change:7:desk", **where)
    assert found is not None and found.ts == api.messages[0]["ts"] and found.thread_ts is None
    assert len([r for r in capture_server.requests if "conversations.history" in r.path]) == 2
    assert find_alert(capture_server.url + "/api", TOKEN, alert_id=8, dedupe_key="change:8:desk", **where) is None
    api.messages.clear()
    _fill(api, PAGE_SIZE * MAX_PAGES + 5, alert_id=7)  # buried deeper than the lookup reads
    with pytest.raises(LookupFailed, match="too busy to tell"):
        find_alert(capture_server.url + "/api", TOKEN, alert_id=7, dedupe_key="change:7:desk", **where)
