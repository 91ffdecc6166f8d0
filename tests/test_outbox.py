"""The delivery outbox against a real SQLite Store and real local HTTP servers, with an injected clock."""

from __future__ import annotations

import logging
import random
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import ClassVar

import pytest
from sqlalchemy import select

from monitor.errors import StoreError
from monitor.models import Alert, AlertStatus, Article, DeliveryResult, DiffSummary, Significance
from notifiers import build_notifier
from notifiers.base import Notifier, Option
from notifiers.outbox import Outbox
from storage.store import Store
from storage.tables import alerts
from tests.clock import Clock
from tests.fixtures_servers import CaptureServer, closed_url

START = datetime(2025, 8, 28, 9, 0, tzinfo=UTC)
END_OF_TIME = datetime(9000, 1, 1, tzinfo=UTC)
TOKEN = "tok-SECRET-9f8e7d6c5b"


@pytest.fixture
def outbox_store(tmp_path) -> Iterator[Store]:
    store = Store.open("sqlite:///" + str(tmp_path / "outbox.db"))
    try:
        yield store
    finally:
        store.close()


@pytest.fixture
def healthy_server() -> Iterator[CaptureServer]:
    server = CaptureServer().start()
    try:
        yield server
    finally:
        server.stop()


def _story(store: Store, slug: str, versions: int, notifiers: list[str]) -> list[Alert]:
    """A story with ``versions`` versions; returns the alerts of its changes (v2, v3, …) in order."""
    url = f"https://news.example.org/{slug}"
    story, _ = store.add_story(url, source="world", headline=slug, now=START, next_check_at=START)
    alerts: list[Alert] = []
    for n in range(1, versions + 1):
        article = Article(url=url, headline=f"{slug} v{n}", body=(f"{slug} text {n}",))
        summary = None
        if n > 1:
            summary = DiffSummary(Significance.SUBSTANTIVE, True, ops=(("-", f"text {n - 1}"), ("+", f"text {n}")))
        seen = START + timedelta(minutes=n)
        _, _, made = store.add_version(
            story.id,
            article,
            text=f"{slug} {n}",
            text_hash=f"{slug}-{n}",
            seen_at=seen,
            summary=summary,
            notifiers=notifiers if n > 1 else (),
        )
        alerts.extend(made)
    return alerts


def _hook(name: str, url: str) -> Notifier:
    return build_notifier(name, "webhook", {"url": url})


def _versions(server: CaptureServer) -> list[int]:
    return [request.json()["to"]["version"] for request in server.requests]


def _pending(store: Store, notifier: str) -> list[Alert]:
    return store.due_alerts(END_OF_TIME, notifier=notifier)


def _outbox(store: Store, notifiers: dict[str, Notifier], clock: Clock, **kwargs) -> Outbox:
    return Outbox(store, notifiers, clock=clock, rng=random.Random(7), **kwargs)


def test_a_down_channel_then_up_delivers_each_alert_once_in_order(outbox_store, capture_server, healthy_server) -> None:
    _story(outbox_store, "summit", 4, ["desk", "backup"])
    for _ in range(3):
        capture_server.respond(500, "down for maintenance")
    clock = Clock(START + timedelta(hours=1))
    outbox = _outbox(
        outbox_store, {"desk": _hook("desk", capture_server.url), "backup": _hook("backup", healthy_server.url)}, clock
    )

    first = outbox.deliver_due()
    assert sorted((a.notifier, r.ok) for a, r in first) == [("backup", True)] * 3 + [("desk", False)]
    assert _versions(healthy_server) == [2, 3, 4]  # the healthy channel is not held up
    assert _versions(capture_server) == [2]  # after a failure the channel's other alerts wait

    clock.advance(5)  # v2 is waiting for its retry: v3 and v4 must not overtake it
    assert outbox.deliver_due() == []
    for _ in range(10):
        clock.advance(3600)
        outbox.deliver_due()
    assert _versions(capture_server) == [2, 2, 2, 2, 3, 4]
    assert _pending(outbox_store, "desk") == []
    (desk,) = [row for row in outbox_store.outbox_status() if row.notifier == "desk"]
    assert (desk.delivered, desk.pending, desk.dead) == (3, 0, 0)
    clock.advance(86400)
    assert outbox.deliver_due() == []
    assert _versions(healthy_server) == [2, 3, 4] and len(capture_server.requests) == 6


def test_backoff_grows_and_is_capped(outbox_store) -> None:
    _story(outbox_store, "summit", 2, ["desk"])
    clock = Clock(START + timedelta(hours=1))
    outbox = _outbox(outbox_store, {"desk": _hook("desk", closed_url())}, clock, max_attempts=20)
    delays = []
    for _ in range(9):
        outbox.deliver_due()
        (alert,) = _pending(outbox_store, "desk")
        delays.append((alert.next_attempt_at - clock.now).total_seconds())
        clock.now = alert.next_attempt_at
    assert 24 <= delays[0] <= 36
    assert all(later > earlier for earlier, later in zip(delays[:6], delays[1:7], strict=True))
    assert max(delays) <= 3600 and delays[-1] == pytest.approx(3600, abs=1)
    assert Outbox(outbox_store, {}, max_delay=100).backoff(50) == 100


def test_retry_after_is_honoured_when_longer(outbox_store, capture_server) -> None:
    _story(outbox_store, "summit", 2, ["desk"])
    capture_server.respond(429, headers={"Retry-After": "900"})
    clock = Clock(START + timedelta(hours=1))
    outbox = _outbox(
        outbox_store, {"desk": build_notifier("desk", "slack", {"webhook_url": capture_server.url})}, clock
    )
    ((_, result),) = outbox.deliver_due()
    assert not result.ok and result.retry_after == 900
    (alert,) = _pending(outbox_store, "desk")
    assert alert.next_attempt_at - clock.now == timedelta(seconds=900)
    assert alert.attempts == 1 and "HTTP 429" in alert.last_error


def test_max_attempts_then_dead_then_retry(outbox_store, capture_server, caplog) -> None:
    caplog.set_level(logging.DEBUG, logger="storywatch")
    _story(outbox_store, "summit", 2, ["desk"])
    for _ in range(3):
        capture_server.respond(500, f"upstream error for /hook/{TOKEN}")
    url = f"{capture_server.url}/hook/{TOKEN}"
    clock = Clock(START + timedelta(hours=1))
    outbox = _outbox(outbox_store, {"desk": _hook("desk", url)}, clock, max_attempts=3)
    for _ in range(5):
        outbox.deliver_due()
        clock.advance(3600)
    assert len(capture_server.requests) == 3
    assert _pending(outbox_store, "desk") == []
    (row,) = outbox_store.outbox_status()
    assert (row.dead, row.pending, row.delivered) == (1, 0, 0)
    assert row.last_error.startswith("webhook: HTTP 500") and TOKEN not in row.last_error
    assert "given up after 3 attempts" in caplog.text
    assert TOKEN not in caplog.text and url not in caplog.text

    assert outbox.retry() == 1  # `storywatch notify retry`: the server is healthy again
    ((alert, result),) = outbox.deliver_due()
    assert result.ok and alert.status is AlertStatus.PENDING
    (row,) = outbox_store.outbox_status()
    assert (row.dead, row.delivered) == (0, 1)


def test_one_story_waiting_does_not_hold_another(outbox_store, capture_server) -> None:
    _story(outbox_store, "first", 2, ["desk"])
    _story(outbox_store, "second", 2, ["desk"])
    capture_server.respond(500)
    clock = Clock(START + timedelta(hours=1))
    outbox = _outbox(outbox_store, {"desk": _hook("desk", capture_server.url)}, clock)
    assert [r.ok for _, r in outbox.deliver_due()] == [False]  # the rest of the cycle waits
    clock.advance(1)
    ((alert, result),) = outbox.deliver_due()
    assert result.ok and alert.change.story_url.endswith("/second")
    clock.advance(3600)
    ((alert, result),) = outbox.deliver_due()
    assert result.ok and alert.change.story_url.endswith("/first")


def test_an_unconfigured_notifier_is_marked_dead_with_a_clear_error(outbox_store) -> None:
    _story(outbox_store, "summit", 2, ["gone"])
    outbox = _outbox(outbox_store, {}, Clock(START + timedelta(hours=1)))
    ((_, result),) = outbox.deliver_due()
    assert not result.ok and "'gone' is not configured any more" in result.error
    (row,) = outbox_store.outbox_status()
    assert row.dead == 1 and "storywatch notify retry" in row.last_error


class Exploding(Notifier):
    """A channel whose send() raises, leaking its secret in the message (type unset: not registered)."""

    options: ClassVar[tuple[Option, ...]] = (Option("token", secret=True, help="api token"),)

    def send(self, alert: Alert) -> DeliveryResult:
        raise RuntimeError(f"crashed while using {self.settings['token']}")


def test_an_exception_from_send_is_caught_redacted_and_recorded(outbox_store, healthy_server, caplog) -> None:
    caplog.set_level(logging.DEBUG, logger="storywatch")
    _story(outbox_store, "summit", 2, ["broken", "backup"])
    notifiers = {"broken": Exploding("broken", {"token": TOKEN}), "backup": _hook("backup", healthy_server.url)}
    outbox = _outbox(outbox_store, notifiers, Clock(START + timedelta(hours=1)))
    results = {alert.notifier: result for alert, result in outbox.deliver_due()}
    assert results["backup"].ok
    assert results["broken"].error == "broken: unexpected RuntimeError: crashed while using ***"
    (alert,) = _pending(outbox_store, "broken")
    assert alert.attempts == 1 and TOKEN not in alert.last_error
    assert TOKEN not in caplog.text and "crashed while using ***" in caplog.text


def test_status_counts_held_and_operations_alerts_apart(outbox_store) -> None:
    first, _ = _story(outbox_store, "summit", 3, ["desk"])
    now = START + timedelta(hours=1)
    outbox_store.defer_alert(first.id, until=now + timedelta(minutes=10))  # debounce or quiet hours
    outbox_store.add_ops_alerts(["desk"], kind="source_failing", subject="s", body="b", key="k1", now=now)
    (row,) = outbox_store.outbox_status(now)
    assert (row.pending, row.held, row.operations, row.failing) == (3, 1, 1, 0)
    (later,) = outbox_store.outbox_status(now + timedelta(minutes=11))  # the hold is over: due, not held
    assert (later.pending, later.held) == (3, 0)


def test_drain_delivers_a_backlog_far_past_one_batch_and_stops_at_a_failing_channel(
    outbox_store: Store, healthy_server: CaptureServer
) -> None:
    """`check` drains the outbox before it exits: 250 changes are 250 deliveries, not the first 100."""
    for k in range(25):
        _story(outbox_store, f"story-{k}", 11, ["desk", "down"])  # 10 changes each: 250 alerts per notifier
    clock = Clock(START + timedelta(hours=1))
    notifiers = {"desk": _hook("desk", healthy_server.url + "/hook"), "down": _hook("down", closed_url())}
    results = _outbox(outbox_store, notifiers, clock).drain(batch=100)
    assert len(healthy_server.requests) == 250
    assert sum(r.ok for _, r in results) == 250
    assert _pending(outbox_store, "desk") == []
    failed = [a for a, r in results if not r.ok]
    assert failed and len(outbox_store.due_alerts(END_OF_TIME, notifier="down", limit=1000)) == 250  # waiting
    assert len(failed) <= 250


def test_notify_retry_leaves_dead_alerts_until_dead_is_given(tmp_path, capture_server) -> None:
    """`storywatch notify retry --dead`, as the README's delivery guarantees tell it, through the CLI."""
    from click.testing import CliRunner

    from monitor.cli import cli

    db = tmp_path / "outbox.db"
    with Store.open(f"sqlite:///{db}") as store:
        _story(store, "summit", 2, ["desk"])
        capture_server.respond(500, "down for maintenance")
        outbox = _outbox(
            store, {"desk": _hook("desk", capture_server.url)}, Clock(START + timedelta(hours=1)), max_attempts=1
        )
        ((_, result),) = outbox.deliver_due()
        assert not result.ok and store.outbox_status()[0].dead == 1
    config = tmp_path / "config.yaml"
    config.write_text(
        f'storage: {{url: "sqlite:///{db}"}}\n'
        f'notifiers:\n  - {{name: desk, type: webhook, url: "{capture_server.url}"}}\n'
    )
    left = CliRunner().invoke(cli, ["-c", str(config), "notify", "retry"])
    assert left.exit_code == 0 and "1 dead alert(s) were left alone" in left.output, left.output
    revived = CliRunner().invoke(cli, ["-c", str(config), "notify", "retry", "--dead"])
    assert revived.exit_code == 0 and "1 alert(s) queued again; 1 delivered" in revived.output, revived.output
    assert len(capture_server.requests) == 2  # the failed try, then the revived one


def test_an_outcome_that_cannot_be_written_stops_the_channel_and_the_alert_goes_again(
    outbox_store, capture_server, monkeypatch
) -> None:
    made = _story(outbox_store, "bridge", 4, ["desk"])
    clock = Clock(START + timedelta(hours=1))
    outbox = _outbox(outbox_store, {"desk": _hook("desk", capture_server.url)}, clock)
    mark, start = outbox_store.mark_delivered, outbox_store.start_attempt
    marks = []

    def flaky_mark(*args, **kwargs):
        marks.append(args)
        if len(marks) == 2:
            raise StoreError("database error: database is locked")
        return mark(*args, **kwargs)

    def start_after_the_last_outcome(alert_id, **kwargs):  # the rule: no other attempt of the notifier unfinished
        assert [a.id for a in made if a.id != alert_id and _attempt_started(outbox_store, a.id)] == []
        return start(alert_id, **kwargs)

    monkeypatch.setattr(outbox_store, "mark_delivered", flaky_mark)
    monkeypatch.setattr(outbox_store, "start_attempt", start_after_the_last_outcome)
    with pytest.raises(StoreError, match="database is locked"):  # reported, as any failing cycle (check exits 1)
        outbox.deliver_due()  # v2 recorded; v3 sent but not recorded: v4 not started
    assert _versions(capture_server) == [2, 3]
    assert [_attempt_started(outbox_store, a.id) for a in made] == [False, True, False]  # v3 in flight
    clock.advance(60)
    outbox.deliver_due()  # v3 sent again under its delivery id, then v4
    assert _versions(capture_server) == [2, 3, 3, 4]
    ids = [request.headers["x-storywatch-delivery"] for request in capture_server.requests]
    assert ids[1] == ids[2] and len(set(ids)) == 3
    assert [_attempt_started(outbox_store, a.id) for a in made] == [False, False, False]
    assert _pending(outbox_store, "desk") == []


def test_a_nul_in_a_channel_error_is_left_out_of_the_stored_error(outbox_store, capture_server) -> None:
    _story(outbox_store, "ferry", 2, ["desk"])
    capture_server.respond(500, "bad\x00gateway")
    outbox = _outbox(outbox_store, {"desk": _hook("desk", capture_server.url)}, Clock(START + timedelta(hours=1)))
    ((_, result),) = outbox.deliver_due()
    assert not result.ok and "\x00" not in (result.error or "")
    (row,) = outbox_store.outbox_status()
    assert row.failing == 1 and "\x00" not in (row.last_error or "")


def _attempt_started(store: Store, alert_id: int) -> bool:
    with store._engine.connect() as connection:  # noqa: SLF001 - the marker as stored
        return connection.scalar(select(alerts.c.attempt_started_at).where(alerts.c.id == alert_id)) is not None


def test_one_shot_commands_leave_the_outbox_to_a_running_daemon(tmp_path, capture_server) -> None:
    """`check` and `notify retry` beside a live daemon: it sends, they do not — no alert from two processes."""
    from click.testing import CliRunner

    from monitor.cli import cli
    from monitor.models import utcnow

    db = tmp_path / "outbox.db"
    owner = "newsroom-box-2:4242"  # another machine's daemon: alive while its heartbeat is fresh
    with Store.open(f"sqlite:///{db}") as store:
        _story(store, "harbour", 3, ["desk"])
        assert store.acquire_lease(owner, now=utcnow(), stale_after=timedelta(seconds=45)) is None
    config = tmp_path / "config.yaml"
    config.write_text(
        f'storage: {{url: "sqlite:///{db}"}}\n'
        f'notifiers:\n  - {{name: desk, type: webhook, url: "{capture_server.url}"}}\n'
    )
    checked = CliRunner().invoke(cli, ["-c", str(config), "check"])
    assert checked.exit_code == 0, checked.output
    assert f"alerts left to the running daemon ({owner}) to deliver" in checked.output
    retried = CliRunner().invoke(cli, ["-c", str(config), "notify", "retry"])
    assert retried.exit_code == 0 and f"left to the running daemon ({owner})" in retried.output, retried.output
    assert capture_server.requests == []
    with Store.open(f"sqlite:///{db}") as store:
        store.release_lease(owner)  # the daemon stopped: the next check delivers
        checked = CliRunner().invoke(cli, ["-c", str(config), "check"])
        assert checked.exit_code == 0 and "left to the running daemon" not in checked.output, checked.output
        assert _versions(capture_server) == [2, 3]
