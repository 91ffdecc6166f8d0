"""Debounce, quiet hours, digests and operations alerts through the outbox, a real SQLite Store and real servers."""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest

from monitor.diff.summary import summarize
from monitor.models import Article, Significance
from notifiers import build_notifier
from notifiers.base import Notifier
from notifiers.ops import check_outbox, raise_ops_alert, source_failing
from notifiers.outbox import Outbox
from storage.store import Store
from tests.clock import Clock
from tests.fixtures_servers import CaptureServer, SmtpCapture

START = datetime(2025, 8, 28, 9, 0, tzinfo=UTC)  # 11:00 in Berlin
END_OF_TIME = datetime(9000, 1, 1, tzinfo=UTC)


@pytest.fixture
def store(tmp_path) -> Iterator[Store]:
    opened = Store.open("sqlite:///" + str(tmp_path / "alerts.db"))
    try:
        yield opened
    finally:
        opened.close()


def _article(slug: str, n: int) -> Article:
    body = [f"The {slug} summit opened with {20 + n} heads of state.", "Delegates arrived by ferry."]
    if n >= 3:
        body.append("The death toll from the storm rose overnight.")
    return Article(
        url=f"https://news.example.org/{slug}", headline=f"{slug.title()} summit", body=tuple(body)
    )


def _publish(
    store: Store, notifiers: list[Notifier], slug: str, versions: int, *, at: datetime, gap: float = 60
) -> int:
    """A story whose versions are seen ``gap`` seconds apart from ``at``, routed like the pipeline does."""
    url = f"https://news.example.org/{slug}"
    story, _ = store.add_story(url, source="world", headline=slug, now=at, next_check_at=at)
    previous = None
    for n in range(1, versions + 1):
        article = _article(slug, n)
        seen = at + timedelta(seconds=gap * (n - 1))
        summary = routed = None
        if previous is not None:
            summary = summarize(previous, article)
            routed = {
                x.name: r for x in notifiers if (r := x.route(summary, "world", (), previous, article)) is not None
            }
        store.add_version(
            story.id,
            article,
            text=str(article.body),
            text_hash=f"{slug}-{n}",
            seen_at=seen,
            summary=summary,
            notifiers=routed or (),
        )
        previous = article
    return story.id


def _outbox(store: Store, notifiers: list[Notifier], clock: Clock) -> Outbox:
    return Outbox(store, {n.name: n for n in notifiers}, clock=clock, rng=random.Random(3))


def _hook(name: str, server: CaptureServer, **options) -> Notifier:
    return build_notifier(name, "webhook", {"url": server.url + "/hook", **options})


def test_debounce_combines_a_storys_changes_into_one_alert(store, capture_server) -> None:
    desk = _hook("desk", capture_server, debounce="10m", watch=["death toll"])
    _publish(store, [desk], "harbour", 4, at=START, gap=120)  # v2, v3, v4 within 4 minutes
    clock = Clock(START + timedelta(minutes=5))
    outbox = _outbox(store, [desk], clock)
    assert outbox.deliver_due() == []  # the window (10 minutes from v2's alert) is still open
    (held,) = store.due_alerts(END_OF_TIME, notifier="desk")[:1]
    assert held.next_attempt_at == START + timedelta(minutes=2 + 10)
    clock.advance(8 * 60)
    ((sent, result),) = outbox.deliver_due()
    assert result.ok
    body = capture_server.requests[0].json()
    assert (body["from"]["version"], body["to"]["version"]) == (1, 4)
    assert body["alert"]["combined"] == 3
    assert body["alert"]["reasons"]["watch_appeared"] == ["death toll"]
    (row,) = store.outbox_status()
    assert (row.delivered, row.pending) == (3, 0)  # the two merged ones count as delivered, none lost
    clock.advance(3600)
    assert outbox.deliver_due() == [] and len(capture_server.requests) == 1  # none twice


def test_a_change_after_the_window_is_its_own_alert(store, capture_server) -> None:
    desk = _hook("desk", capture_server, debounce="5m")
    _publish(store, [desk], "harbour", 3, at=START, gap=600)  # v2 at +10m, v3 at +20m
    clock = Clock(START + timedelta(hours=1))
    results = _outbox(store, [desk], clock).deliver_due()
    assert [r.ok for _, r in results] == [True, True]
    assert [r.json()["to"]["version"] for r in capture_server.requests] == [2, 3]


def test_quiet_hours_hold_delivery_but_major_changes_go_through(store, capture_server) -> None:
    desk = _hook("desk", capture_server, quiet_hours="10:00-12:00", timezone="Europe/Berlin")
    _publish(store, [desk], "harbour", 2, at=START)  # 11:00 Berlin: quiet
    clock = Clock(START + timedelta(minutes=5))
    outbox = _outbox(store, [desk], clock)
    assert outbox.deliver_due() == []
    (held,) = store.due_alerts(END_OF_TIME, notifier="desk")
    assert held.next_attempt_at == datetime(2025, 8, 28, 10, 0, tzinfo=UTC)  # 12:00 Berlin
    clock.now = datetime(2025, 8, 28, 10, 0, 1, tzinfo=UTC)
    assert [r.ok for _, r in outbox.deliver_due()] == [True]

    urgent = _hook("urgent", capture_server, quiet_hours="00:00-23:59")
    story = _publish(store, [], "storm", 1, at=START)
    old, new = (
        _article("storm", 1),
        Article(url="https://news.example.org/storm", headline="Storm: 40 dead", body=("All new.",)),
    )
    summary = summarize(old, new)
    summary = type(summary)(**{**summary.__dict__, "significance": Significance.MAJOR})
    store.add_version(story, new, text="x", text_hash="storm-2", seen_at=START, summary=summary, notifiers=["urgent"])
    ((_, result),) = _outbox(store, [urgent], Clock(START + timedelta(minutes=1))).deliver_due()
    assert result.ok


def test_email_digest_summarises_every_change_of_the_window(store, smtp_server: SmtpCapture) -> None:
    digest = build_notifier(
        "morning",
        "email",
        {
            "smtp_host": smtp_server.host,
            "smtp_port": smtp_server.port,
            "security": "none",
            "from": "storywatch@example.org",
            "to": ["desk@example.org"],
            "mode": "digest",
            "digest_every": "1h",
        },
    )
    _publish(store, [digest], "harbour", 3, at=START + timedelta(minutes=10))
    _publish(store, [digest], "storm", 2, at=START + timedelta(minutes=20))
    _publish(store, [digest], "late", 2, at=START + timedelta(minutes=70))  # next window
    clock = Clock(START + timedelta(minutes=40))
    outbox = _outbox(store, [digest], clock)
    assert outbox.deliver_due() == []
    clock.now = START + timedelta(hours=1, seconds=1)
    ((sent, result),) = outbox.deliver_due()
    assert result.ok and len(sent.alerts) == 3
    (msg,) = smtp_server.wait_for(1)
    assert msg["Subject"].startswith("[storywatch] Digest: 3 changes in 2 stories")
    text = msg.get_body(("plain",)).get_content()
    assert "Harbour summit" in text and "Storm summit" in text and "Late" not in text, text
    assert "v1→v2" in text and "v2→v3" in text  # each of the harbour story's changes, and the storm's
    html = msg.get_body(("html",)).get_content()
    assert "<style" not in html and 'href="https://news.example.org/harbour"' in html
    clock.now = START + timedelta(hours=2, seconds=1)
    ((sent, result),) = outbox.deliver_due()
    assert result.ok and len(sent.alerts) == 1
    assert [r.delivered for r in store.outbox_status()] == [4]


def test_operations_alerts_reach_only_operations_notifiers(store, capture_server) -> None:
    ops = _hook("ops", capture_server, operations=True)
    desk = _hook("desk", capture_server)
    _publish(store, [ops, desk], "harbour", 2, at=START)
    assert (
        raise_ops_alert(store, [ops, desk], "extraction_broken", "site rule broken", "no body on 3 pages", START) == 1
    )
    assert raise_ops_alert(store, [ops, desk], "extraction_broken", "site rule broken", "again", START) == 0  # deduped
    assert source_failing(store, [ops, desk], "world", 3, "HTTP 503", START) == 1
    results = _outbox(store, [ops, desk], Clock(START + timedelta(minutes=1))).deliver_due()
    by = sorted((getattr(p, "notifier", ""), r.ok) for p, r in results)
    assert by == [("desk", True), ("ops", True), ("ops", True)]
    bodies = [r.json() for r in capture_server.requests]
    assert sorted(b["operations"]["kind"] for b in bodies if "operations" in b) == [
        "extraction_broken",
        "source_failing",
    ]
    assert [b["alert"]["notifier"] for b in bodies if "alert" in b] == ["desk"]


def test_dead_alerts_raise_an_operations_alert(store, capture_server) -> None:
    ops = _hook("ops", capture_server, operations=True)
    desk = build_notifier("desk", "webhook", {"url": "http://127.0.0.1:9/hook-s3cret-path"})
    _publish(store, [desk], "harbour", 2, at=START)
    later = START + timedelta(hours=1)
    outbox = Outbox(store, {"desk": desk, "ops": ops}, clock=Clock(later), max_attempts=1)
    outbox.deliver_due()
    assert check_outbox(store, [ops, desk], later) == 1
    assert check_outbox(store, [ops, desk], later) == 0
    ((payload, result),) = outbox.deliver_due()
    assert result.ok and payload.kind == "outbox_dead" and "notify retry --dead" in payload.body
    assert "s3cret" not in payload.body


def test_a_backlog_raises_an_operations_alert_but_held_alerts_do_not(store, capture_server) -> None:
    ops = _hook("ops", capture_server, operations=True)
    quiet = _hook("desk", capture_server, quiet_hours="22:00-07:00")
    night = datetime(2025, 8, 28, 23, 0, tzinfo=UTC)
    for slug in ("harbour", "ferry", "dam"):
        _publish(store, [quiet], slug, 2, at=night)
    outbox = _outbox(store, [ops, quiet], Clock(night + timedelta(minutes=5)))
    assert outbox.deliver_due() == []  # quiet hours: all three held until 07:00
    (row,) = store.outbox_status(night + timedelta(minutes=5))
    assert (row.pending, row.held) == (3, 3)
    assert check_outbox(store, [ops, quiet], night + timedelta(minutes=5), backlog=3) == 0

    down = build_notifier("down", "webhook", {"url": "http://127.0.0.1:9/hook"})
    for slug in ("river", "bridge", "port"):
        _publish(store, [down], slug, 2, at=START)
    later = START + timedelta(minutes=5)
    assert check_outbox(store, [ops, quiet, down], later, backlog=3) == 1  # three due and undelivered
    (alert,) = store.due_alerts(later, notifier="ops")
    assert alert.kind == "outbox_backlog" and "'down' has 3 alerts waiting" in alert.body
