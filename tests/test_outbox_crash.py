"""A delivery process killed with SIGKILL at each point of the cycle: nothing lost, and per channel no duplicate
that the channel lets us avoid.

The child is a real process delivering from a real SQLite outbox to a real server; it kills itself at one point
of the first delivery. A fresh outbox then finishes the job. Before each send the outbox commits the attempt's
start (``alerts.attempt_started_at``), so the restart knows which alert was in flight:

- **Slack with a bot token** looks for the alert's message (its metadata) in the channel and does not post it
  again — the story's thread is the found message's; when the channel cannot be read it sends again (logged).
- **Webhooks** send the second copy with the same ``X-Storywatch-Delivery`` id; **email** with the same
  ``Message-ID``: receivers and mail clients drop it.
- With no check possible, the one window (accepted by the channel, not yet recorded) costs one extra copy.
"""

from __future__ import annotations

import json
import logging
import signal
import subprocess
import sys
from collections import Counter
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from monitor.models import Article, DiffSummary, Significance, utcnow
from notifiers import build_notifier
from notifiers.outbox import Outbox
from storage.store import Store
from storage.tables import alerts
from tests.fixtures_servers import CaptureServer, SlackApi, SmtpCapture

REPO = Path(__file__).resolve().parent.parent
TOKEN = "xoxb-crash-SECRET-4242"

CHILD = """
import json, os, signal, sys
from notifiers import build_notifier
from notifiers.outbox import Outbox
from storage.store import Store

db, kind, settings, point = sys.argv[1:5]
store = Store.open(db)
channel = build_notifier("desk", kind, json.loads(settings))
send, mark = channel.send, store.mark_delivered

def die(where):
    if point == where:
        os.kill(os.getpid(), signal.SIGKILL)

def send_then_maybe_die(alert):
    die("before_send")
    result = send(alert)
    die("after_accept")
    return result

def mark_then_maybe_die(*args, **kwargs):
    mark(*args, **kwargs)
    die("after_mark")

import notifiers._http, notifiers.slack
http_post = notifiers._http.post_for_response

def post_then_maybe_die(*args, **kwargs):
    answer = http_post(*args, **kwargs)
    die("mid_post")  # the channel has it; our process has not seen the answer
    return answer

notifiers._http.post_for_response = notifiers.slack.post_for_response = post_then_maybe_die
channel.send = send_then_maybe_die
store.mark_delivered = mark_then_maybe_die
Outbox(store, {"desk": channel}).deliver_due()
sys.exit(3)  # never reached: every point kills the first delivery
"""


def _seed(store: Store) -> list[str]:
    """Two stories, three alerts (story a: v2, v3; story b: v2); returns their dedupe keys in order."""
    seen = utcnow() - timedelta(hours=1)
    keys = []
    for slug, versions in (("a", 3), ("b", 2)):
        url = f"https://news.example.org/{slug}"
        story, _ = store.add_story(url, source="world", headline=slug, now=seen, next_check_at=seen)
        for n in range(1, versions + 1):
            summary = DiffSummary(Significance.SUBSTANTIVE, True) if n > 1 else None
            _, _, made = store.add_version(
                story.id,
                Article(url=url, headline=f"{slug} v{n}", body=(f"{slug} {n}",)),
                text=f"{slug}{n}",
                text_hash=f"{slug}{n}",
                seen_at=seen + timedelta(seconds=n),
                summary=summary,
                notifiers=["desk"] if n > 1 else (),
            )
            keys += [alert.dedupe_key for alert in made]
    return keys


def _crash(tmp_path: Path, kind: str, settings: dict, point: str) -> Store:
    """A store with three alerts whose first delivery was killed at ``point``; the store, reopened."""
    db = f"sqlite:///{tmp_path / 'outbox.db'}"
    store = Store.open(db)
    _seed(store)
    child = subprocess.run(
        [sys.executable, "-c", CHILD, db, kind, json.dumps(settings), point],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert child.returncode == -signal.SIGKILL, child.stderr
    return store


def _seed_keys(store: Store) -> list[str]:
    """Every alert's dedupe key, by id (as ``_started`` lists their markers)."""
    with store._engine.connect() as connection:  # noqa: SLF001 - the rows as stored
        return list(connection.scalars(select(alerts.c.dedupe_key).order_by(alerts.c.id)))


def _finish(store: Store, kind: str, settings: dict) -> None:
    after = Outbox(store, {"desk": build_notifier("desk", kind, settings)}).deliver_due()
    assert after and all(result.ok for _, result in after)
    rows = store.outbox_status()
    assert [(r.delivered, r.pending, r.dead) for r in rows] == [(3, 0, 0)]


def _started(store: Store) -> list[object]:
    with store._engine.connect() as connection:  # noqa: SLF001 - the marker as stored
        return list(connection.scalars(select(alerts.c.attempt_started_at).order_by(alerts.c.id)))


@pytest.mark.parametrize("point", ["before_send", "mid_post", "after_accept", "after_mark"])
def test_webhook_killed_at_each_point_resends_under_the_same_delivery_id(
    tmp_path: Path, capture_server: CaptureServer, point: str
) -> None:
    settings = {"url": capture_server.url + "/hook"}
    store = _crash(tmp_path, "webhook", settings, point)
    keys = [row.dedupe_key for row in store.due_alerts(utcnow() + timedelta(days=1))] if point != "after_mark" else []
    started = _started(store)
    # the first alert's attempt was written down before its send; only a finished attempt cleared it, and the
    # next alert's attempt begins only once the outcome is written (with it, in one transaction): one alert at
    # most was in flight at the kill — after the first's outcome, the second, marked but never sent
    assert (started[0] is not None) == (point != "after_mark")
    assert (started[1] is not None) == (point == "after_mark")
    assert started[2] is None
    # an alert in flight at the kill (its attempt begun, never recorded) that the channel had already accepted is
    # the one copy a webhook may get twice: no lookup can tell; which ones those are is timing (a fast send)
    seeds = _seed_keys(store)
    in_flight = {seeds[i] for i, at in enumerate(started) if at is not None}
    accepted = {request.headers["x-storywatch-delivery"] for request in capture_server.requests}
    _finish(store, "webhook", settings)
    assert _started(store) == [None, None, None]
    received = [request.headers["x-storywatch-delivery"] for request in capture_server.requests]
    bodies = [request.json()["alert"]["dedupe_key"] for request in capture_server.requests]
    assert received == bodies  # the delivery id is the alert's dedupe key, the same on every copy
    counts = Counter(received)
    assert len(counts) == 3  # nothing lost
    expected = {key: 1 + (key in in_flight & accepted) for key in counts}
    if point in ("mid_post", "after_accept"):  # the window the kill aimed at: accepted by the channel, not recorded
        assert expected[received[0]] == 2
        assert received[0] == keys[0]
    assert sum(expected.values()) - 3 <= len(in_flight)  # at most one extra copy per POST in flight at the kill
    assert dict(counts) == expected
    story_a = [key for key in received if key.startswith(("change:1:", "change:2:"))]
    assert story_a == sorted(story_a)  # per-story order held across the crash
    store.close()


def test_webhook_retries_keep_the_delivery_id(tmp_path: Path, capture_server: CaptureServer) -> None:
    store = Store.open(f"sqlite:///{tmp_path / 'outbox.db'}")
    _seed(store)
    capture_server.respond(503, "busy").respond(500, "oops")
    clock = [utcnow()]
    outbox = Outbox(
        store, {"desk": build_notifier("desk", "webhook", {"url": capture_server.url})}, clock=lambda: clock[0]
    )
    for _ in range(3):
        outbox.deliver_due()
        clock[0] += timedelta(hours=2)
    ids = [request.headers["x-storywatch-delivery"] for request in capture_server.requests]
    assert ids[:3] == ["change:1:desk"] * 3 and Counter(ids) == {
        "change:1:desk": 3,
        "change:2:desk": 1,
        "change:3:desk": 1,
    }
    store.close()


@pytest.mark.parametrize("point", ["before_send", "mid_post", "after_accept", "after_mark"])
def test_slack_bot_killed_at_each_point_posts_each_alert_once(
    tmp_path: Path, capture_server: CaptureServer, point: str
) -> None:
    api = SlackApi(capture_server)
    capture_server.delay = 0.05
    settings = {"token": TOKEN, "channel": "C0DESK", "api_base": capture_server.url + "/api"}
    store = _crash(tmp_path, "slack", settings, point)
    _finish(store, "slack", settings)
    assert sorted(api.alert_ids()) == [1, 2, 3]  # each alert once: the one in flight was found, not resent
    reads = [r.path for r in capture_server.requests if "conversations." in r.path]
    # looked only for an alert whose attempt never ended: the first — in the channel, or in its story's thread
    # once the post's thread was saved; once its outcome was written, the second (begun with that outcome, never
    # sent), in story a's thread, found nowhere and posted once
    if point == "after_mark":
        assert len(reads) == 1 and reads[0].startswith("/api/conversations.replies?")
    else:
        where = "replies" if point == "after_accept" else "history"
        assert len(reads) == 1 and reads[0].startswith(f"/api/conversations.{where}?")
    assert all("include_all_metadata=true" in path for path in reads)
    first, second, _ = api.messages
    assert "thread_ts" not in first and second["thread_ts"] == first["ts"]  # story a's thread is the found post
    assert store.thread_ref(1, "desk") == first["ts"]
    assert TOKEN not in json.dumps(api.messages)
    store.close()


def test_slack_bot_that_cannot_read_the_channel_sends_again_and_says_so(
    tmp_path: Path, capture_server: CaptureServer, caplog: pytest.LogCaptureFixture
) -> None:
    api = SlackApi(capture_server)
    api.fail_reads = "missing_scope"
    settings = {"token": TOKEN, "channel": "C0DESK", "api_base": capture_server.url + "/api"}
    store = _crash(tmp_path, "slack", settings, "mid_post")
    with caplog.at_level(logging.INFO, "storywatch"):
        _finish(store, "slack", settings)
    assert sorted(api.alert_ids()) == [1, 1, 2, 3]  # never lost for fear of a duplicate: one extra copy
    (line,) = [r.getMessage() for r in caplog.records if "cannot be read" in r.getMessage()]
    assert "alert 1" in line and "missing_scope" in line and "channels:history" in line and TOKEN not in line
    store.close()


def test_slack_bot_lookup_with_a_channel_name_explains_the_id(
    tmp_path: Path, capture_server: CaptureServer, caplog: pytest.LogCaptureFixture
) -> None:
    SlackApi(capture_server)
    settings = {"token": TOKEN, "channel": "#world-desk", "api_base": capture_server.url + "/api"}
    store = _crash(tmp_path, "slack", settings, "mid_post")
    with caplog.at_level(logging.INFO, "storywatch"):
        _finish(store, "slack", settings)
    assert any("channel's id" in r.getMessage() for r in caplog.records)
    store.close()


@pytest.mark.parametrize("point", ["after_accept", "after_mark"])
def test_email_killed_mid_delivery_resends_the_same_message_id(
    tmp_path: Path, smtp_server: SmtpCapture, point: str
) -> None:
    settings = {
        "smtp_host": smtp_server.host,
        "smtp_port": smtp_server.port,
        "from": "sw@example.org",
        "to": ["d@example.org"],
    }
    store = _crash(tmp_path, "email", settings, point)
    _finish(store, "email", settings)
    messages = smtp_server.wait_for(4 if point == "after_accept" else 3)
    by_key: dict[str, set[str]] = {}
    for message in messages:
        by_key.setdefault(message["X-Storywatch-Dedupe-Key"], set()).add(message["Message-ID"])
    assert len(by_key) == 3 and all(len(ids) == 1 for ids in by_key.values())  # one Message-ID per alert
    assert len(messages) == (4 if point == "after_accept" else 3)
    store.close()


def test_the_attempt_marker_keeps_the_first_unfinished_start_and_clears_with_the_outcome(store: Store) -> None:
    """On SQLite and PostgreSQL: set before a send, kept (earliest) across an attempt that never finished,
    cleared by a delivery or a failure; a delivered alert is never marked again."""
    _seed(store)
    first, second, third = (alert.id for alert in store.due_alerts(utcnow() + timedelta(days=1)))
    t0 = utcnow()
    store.start_attempt(first, at=t0)
    store.start_attempt(first, at=t0 + timedelta(minutes=5))  # the restart's attempt: the message may be from t0
    store.start_attempt(second, at=t0)
    (loaded, *_) = store.due_alerts(t0 + timedelta(days=1))
    assert loaded.id == first and loaded.attempt_started_at == t0
    store.mark_delivered(first, at=t0 + timedelta(minutes=6))
    store.mark_failed(second, error="HTTP 500", at=t0, next_attempt_at=t0 + timedelta(minutes=1))
    store.start_attempt(first, at=t0 + timedelta(minutes=7))  # delivered: no attempt to start
    assert _started(store) == [None, None, None]
    assert [a.attempt_started_at for a in store.due_alerts(t0 + timedelta(days=1))] == [None, None]
    assert third in {a.id for a in store.due_alerts(t0 + timedelta(days=1))}
