"""Claims in the database (``storage.claim_store``, ``storage.host_store``, ``storage.worker_store``), on SQLite
and PostgreSQL: due stories claimed by one owner at a time, expired claims taken over, a heartbeat renews them,
a clean stop lets them all go; a source read once per interval; host slots and the gap for all owners together."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta

import pytest

from monitor.models import Source, SourceKind
from storage.host_store import RobotsEntry
from storage.store import Store

T0 = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)
LEASE = timedelta(seconds=30)


def seconds(n: float) -> datetime:
    return T0 + timedelta(seconds=n)


def due_stories(store: Store, n: int, source: str = "world") -> list[int]:
    store.sync_sources([Source(source, SourceKind.FEED, "https://news.example/rss", timedelta(minutes=5))])
    for i in range(n):
        store.add_story(f"https://news.example/{source}/{i}", source=source, headline=None, now=T0, next_check_at=T0)
    return [s.id for s in store.list_stories(source=source)]


def test_due_stories_are_claimed_once_taken_over_when_expired_and_released(store: Store) -> None:
    ids = due_stories(store, 5)
    first = store.claim_stories("a", now=seconds(1), lease=LEASE, limit=3)
    second = store.claim_stories("b", now=seconds(1), lease=LEASE, limit=3)
    assert len(first) == 3 and len(second) == 2
    assert {s.id for s in first} | {s.id for s in second} == set(ids) and not {s.id for s in first} & {
        s.id for s in second
    }
    assert store.claim_stories("c", now=seconds(2), lease=LEASE) == []  # all held
    # "a" dies: no heartbeat; its claims expire and "c" takes them; "b" beats and keeps its own
    store.register_worker("b", host="h", pid=2, now=seconds(1))
    assert store.worker_heartbeat("b", now=seconds(25), lease=LEASE)
    taken = store.claim_stories("c", now=seconds(31), lease=LEASE)
    assert {s.id for s in taken} == {s.id for s in first}
    assert {c.owner for c in store.list_claims()} == {"b", "c"}
    assert store.release_claims("c", "story", [str(s.id) for s in taken]) == 3
    assert store.stop_worker("b", now=seconds(40)) == 2  # a clean stop lets go of everything at once
    assert store.list_claims() == []
    (row,) = store.list_workers()
    assert row.stopped_at == seconds(40) and not row.alive(seconds(40), LEASE)


def test_concurrent_claimers_never_hold_one_story_twice(store: Store) -> None:
    due_stories(store, 60)
    held: dict[str, list[int]] = {}

    def claim(owner: str) -> None:
        mine: list[int] = []
        while batch := store.claim_stories(owner, now=seconds(1), lease=LEASE, limit=4):
            mine += [s.id for s in batch]
        held[owner] = mine

    threads = [threading.Thread(target=claim, args=(f"w{i}",)) for i in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    everything = [i for ids in held.values() for i in ids]
    assert len(everything) == 60 and len(set(everything)) == 60


def test_a_source_is_read_by_one_owner_per_interval(store: Store) -> None:
    due_stories(store, 0)
    assert store.claim_source_read("a", "world", now=seconds(0), lease=LEASE, read_before=seconds(0))
    assert not store.claim_source_read("b", "world", now=seconds(1), lease=LEASE, read_before=seconds(1))  # reading
    store.record_source_check("world", at=seconds(0), error=None)
    store.release_claims("a", "source", ["world"])
    assert not store.claim_source_read("b", "world", now=seconds(2), lease=LEASE, read_before=seconds(-298))
    assert store.claim_source_read("b", "world", now=seconds(300), lease=LEASE, read_before=seconds(10))


@pytest.mark.parametrize("gap", [0.0, 1.0])
def test_host_slots_and_the_gap_hold_for_all_owners(store: Store, gap: float) -> None:
    spacing = timedelta(seconds=gap)
    a = store.take_host_slot("a", "news.example", slots=2, gap=spacing, now=T0, lease=LEASE)
    b = store.take_host_slot("b", "news.example", slots=2, gap=spacing, now=T0, lease=LEASE)
    assert a is not None and b is not None and a[0] != b[0]
    assert (a[1], b[1]) == (T0, T0 + spacing)  # starts spaced by the gap, whoever asks
    assert store.take_host_slot("c", "news.example", slots=2, gap=spacing, now=T0, lease=LEASE) is None
    assert store.take_host_slot("c", "other.example", slots=2, gap=spacing, now=T0, lease=LEASE) is not None
    store.release_claims("a", "host", [a[0]])
    again = store.take_host_slot("c", "news.example", slots=2, gap=spacing, now=T0, lease=LEASE)
    assert again is not None and again[0] == a[0] and again[1] == T0 + 2 * spacing
    assert store.take_host_slot("d", "news.example", slots=2, gap=spacing, now=T0 + LEASE, lease=LEASE) is not None


def test_retry_after_crawl_delay_and_robots_are_shared(store: Store) -> None:
    assert store.host_deferred_until("news.example") is None
    store.defer_host("news.example", seconds(120))
    store.defer_host("news.example", seconds(60))  # a shorter hold never shortens a longer one
    assert store.host_deferred_until("news.example") == seconds(120)
    store.slow_host("news.example", seconds(10))
    slot = store.take_host_slot("a", "news.example", slots=1, gap=timedelta(0), now=T0, lease=LEASE)
    assert slot is not None and slot[1] == seconds(10)
    entry = RobotsEntry("https://news.example", 200, "User-agent: *\nDisallow: /private\n", None, T0, seconds(86400))
    store.save_robots(entry)
    assert store.robots_entry("https://news.example") == entry
    store.save_robots(RobotsEntry(entry.site, 503, None, "HTTP 503", seconds(1), seconds(3600)))
    assert store.robots_entry(entry.site).status == 503  # type: ignore[union-attr]


def test_a_worker_whose_row_went_missing_is_told_to_register_again(store: Store) -> None:
    assert not store.worker_heartbeat("ghost", now=T0, lease=LEASE)
    store.register_worker("ghost", host="h", pid=1, now=T0)
    store.note_worker("ghost", "source world: 3 checks", now=seconds(1))
    (row,) = store.list_workers()
    assert (row.last_action, row.last_action_at, row.claims) == ("source world: 3 checks", seconds(1), 0)


def test_a_notifiers_outbox_is_delivered_by_the_worker_that_claims_it(
    store: Store, capsys: pytest.CaptureFixture[str]
) -> None:
    from monitor.config import WorkerSettings
    from monitor.workers import Worker
    from notifiers import build_notifier
    from notifiers.outbox import Outbox

    store.add_ops_alerts(["desk"], kind="source_failing", subject="World failing", body="3×", key="k1", now=T0)
    settings = WorkerSettings(claim_lease=LEASE)
    one, two = (Worker(store, settings, clock=lambda: seconds(1), name=n) for n in ("one", "two"))
    outboxes = []
    for worker in (one, two):
        outbox = Outbox(store, {"desk": build_notifier("desk", "console", {"color": False})}, clock=lambda: seconds(1))
        outbox.claims = worker
        outboxes.append(outbox)
    assert one.claim("notifier", "desk")  # worker one is delivering desk's outbox right now
    assert outboxes[1].deliver_due() == []  # so worker two leaves it alone
    one.release("notifier", "desk")
    (sent,) = outboxes[1].deliver_due()
    assert sent[1].ok and store.list_claims() == []  # claimed, sent, released
    assert outboxes[0].deliver_due() == []  # nothing left for anyone: sent once
    assert capsys.readouterr().out.count("World failing") == 1


def test_a_worker_that_loses_the_database_carries_on_and_rejoins(store: Store) -> None:
    from monitor.config import WorkerSettings
    from monitor.errors import StoreError
    from monitor.workers import Worker

    worker = Worker(store, WorkerSettings(claim_lease=LEASE), clock=lambda: seconds(1), name="w1")
    worker.join()
    assert worker.claim("notifier", "desk")
    real = store.worker_heartbeat

    def unreachable(*args: object, **kwargs: object) -> bool:
        raise StoreError("database error: connection refused")

    store.worker_heartbeat = unreachable  # type: ignore[method-assign]
    assert worker.beat() is False and worker.connected is False  # logged, not raised: its work goes on
    worker.release("notifier", "desk")  # (the release reached the database; a failed one would expire)
    store.worker_heartbeat = real  # type: ignore[method-assign]
    store.stop_worker("w1", now=seconds(2))
    with store._transaction(write=True) as connection:  # noqa: SLF001 - its row pruned while it was away
        from storage.tables import workers

        connection.execute(workers.delete())
    assert worker.beat() is True and worker.connected is True
    (row,) = store.list_workers()
    assert row.id == "w1" and row.alive(seconds(1), LEASE)


def test_the_heartbeat_must_leave_room_in_the_claim_lease() -> None:
    from monitor.config import parse_config
    from monitor.errors import ConfigError

    with pytest.raises(ConfigError) as caught:
        parse_config("workers: {claim_lease: 45s, heartbeat: 30s}\n", env={})
    assert "workers.heartbeat" in str(caught.value)
    assert parse_config("workers: {claim_lease: 3s, heartbeat: 1s, batch: 4}\n", env={}).workers.batch == 4
