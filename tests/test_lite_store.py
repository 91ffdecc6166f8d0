"""The light read path (storage.lite): `stories` and `status` without SQLAlchemy, giving what the Store gives.

Each query of LiteStore is compared with the Store's own on one invented desk (listings with every filter,
paging, counts, sources, the lease, workers and their claims, the outbox in every state), on SQLite and the
machine's PostgreSQL. The commands are run as processes to show that they import no SQLAlchemy, and that
whatever the light path does not take (an older schema, a missing table, an in-memory database) still gets the
Store's own answer.
"""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest

from monitor.errors import StoreError
from monitor.models import Significance
from storage.lite import LiteStore, sqlite_path
from storage.records import StoryFilters
from storage.store import Store
from tests.test_listing import T0, build_desk

NOW = T0 + timedelta(hours=8)


def build_status(store: Store) -> None:
    """Beside the desk: a failing source, a daemon lease, two workers (one holding claims), and alerts that are
    pending, failing, held, operations, dead and delivered on two notifiers."""
    store.record_source_check("world", at=T0, error="HTTP 503 from the feed")
    store.record_source_check("world", at=T0 + timedelta(minutes=5), error="HTTP 503 again")
    store.record_source_check("local", at=T0, error=None)
    store.acquire_lease("desk-host:41", now=T0, stale_after=timedelta(seconds=45))
    store.register_worker("w1:1:a", host="w1", pid=1, now=T0)
    store.register_worker("w2:2:b", host="w2", pid=2, now=T0 + timedelta(minutes=1))
    store.note_worker("w2:2:b", "checked 4 stories", now=T0 + timedelta(minutes=2))
    assert store.claim("w2:2:b", "story", "7", now=T0, lease=timedelta(minutes=5))
    assert store.claim("w2:2:b", "story", "8", now=T0, lease=timedelta(minutes=5))
    ids = store.add_ops_alerts(["desk", "standards"], kind="source_failing", subject="s", body="b", key="k1", now=T0)
    more = store.add_ops_alerts(["desk"], kind="source_failing", subject="s2", body="b", key="k2", now=T0)
    later = store.add_ops_alerts(["standards"], kind="digest", subject="s3", body="b", key="k3", now=T0)
    store.defer_alert(later[0], until=NOW + timedelta(hours=1))  # held: never tried, waits on purpose
    store.mark_failed(ids[0], error="Slack answered 500", at=T0, next_attempt_at=T0 + timedelta(minutes=1))
    store.mark_failed(ids[1], error="SMTP refused", at=T0, next_attempt_at=None)  # gave up: dead
    store.mark_delivered(more[0], at=T0)


@pytest.fixture
def both(store: Store, store_url: str) -> tuple[Store, LiteStore]:
    build_desk(store)
    build_status(store)
    lite = LiteStore.open(store_url)
    assert isinstance(lite, LiteStore)
    yield store, lite
    lite.close()


FILTERS = [
    StoryFilters(),
    StoryFilters(since=T0 + timedelta(hours=2)),
    StoryFilters(sources=["world"]),
    StoryFilters(sources=[]),
    StoryFilters(sources=["local", "world"], min_significance=Significance.MINOR),
    StoryFilters(min_significance=Significance.MAJOR),
    StoryFilters(since=T0 + timedelta(hours=1), min_significance=Significance.SUBSTANTIVE),
]


@pytest.mark.parametrize("filters", FILTERS, ids=range(len(FILTERS)))
def test_listing_equals_the_stores(both: tuple[Store, LiteStore], filters: StoryFilters) -> None:
    store, lite = both
    for offset, limit in [(0, None), (0, 5), (5, 5), (7, None), (40, 3)]:
        expected = list(store.stream_stories(filters, offset=offset, limit=limit))
        got = list(lite.stream_stories(filters, offset=offset, limit=limit, chunk=3))
        assert got == expected, (filters, offset, limit)
    assert list(lite.stream_stories(StoryFilters())), "the desk has stories"


def test_status_queries_equal_the_stores(both: tuple[Store, LiteStore]) -> None:
    store, lite = both
    assert lite.story_counts() == store.story_counts()
    assert lite.due_count(NOW) == store.due_count(NOW) > 0
    assert lite.source_states() == store.source_states()
    assert [s.consecutive_failures for s in lite.source_states()] == [0, 2]
    assert lite.last_lease() == store.last_lease() is not None
    assert lite.list_workers() == store.list_workers()
    assert [w.claims for w in lite.list_workers()] == [2, 0]
    outbox = lite.outbox_status(NOW)
    assert outbox == store.outbox_status(NOW)
    assert {(o.notifier, o.pending, o.failing, o.held, o.dead, o.delivered) for o in outbox} == {
        ("desk", 1, 1, 0, 0, 1),
        ("standards", 1, 0, 1, 1, 0),
    }
    assert lite.source_names() == store.source_names() == ["local", "world"]
    assert lite.last_lease().started_at.tzinfo is not None


def test_anything_else_is_the_full_stores(both: tuple[Store, LiteStore]) -> None:
    store, lite = both
    story = next(iter(store.stream_stories(StoryFilters(min_significance=Significance.MINOR))))
    assert lite.list_versions(story.id) == store.list_versions(story.id)
    assert lite.latest_change(story.id) == store.latest_change(story.id)
    with pytest.raises(AttributeError):
        lite._no_such_private  # noqa: B018 - private names are never forwarded


def test_an_older_schema_gets_the_stores_answer(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'old.db'}"
    Store.open(url).close()
    with sqlite3.connect(tmp_path / "old.db") as connection:
        connection.execute("UPDATE alembic_version SET version_num = '0004'")
    with pytest.raises(StoreError, match=r"schema 0004; run `storywatch db upgrade`"):
        LiteStore.open(url)


def test_a_foreign_database_gets_the_stores_answer(tmp_path: Path) -> None:
    with sqlite3.connect(tmp_path / "other.db") as connection:
        connection.execute("CREATE TABLE invoices (id INTEGER)")
    with pytest.raises(StoreError, match="tables but no storywatch schema"):
        LiteStore.open(f"sqlite:///{tmp_path / 'other.db'}")


def test_what_the_light_path_does_not_take(tmp_path: Path) -> None:
    assert sqlite_path("sqlite:///:memory:") is None
    assert sqlite_path("sqlite://") is None
    assert sqlite_path(f"sqlite:///{tmp_path / 'missing.db'}") is None
    assert sqlite_path("sqlite:///file:x.db?mode=ro&uri=true") is None
    (tmp_path / "here.db").touch()
    assert sqlite_path(f"sqlite:///{tmp_path / 'here.db'}") == str(tmp_path / "here.db")
    with pytest.raises(StoreError, match="no storywatch schema yet"):  # the Store's own check answered
        LiteStore.open("sqlite:///:memory:", max_connections=2)


@pytest.mark.postgres
def test_an_unreachable_server_is_said_as_the_store_says_it() -> None:
    url = "postgresql://storywatch:s3cret-pw@127.0.0.1:1/none"  # nothing listens on port 1
    with pytest.raises(StoreError) as caught:
        LiteStore.open(url)
    with pytest.raises(StoreError) as stores:
        Store.open(url, migrate=False)
    assert str(caught.value) == str(stores.value)
    assert str(caught.value).startswith("cannot open database postgresql+psycopg://storywatch:***@127.0.0.1:1/none")
    assert "s3cret-pw" not in str(caught.value)


def test_a_broken_table_mid_read_is_a_store_error(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'desk.db'}"
    Store.open(url).close()
    lite = LiteStore.open(url)
    with sqlite3.connect(tmp_path / "desk.db") as connection:
        connection.execute("DROP TABLE daemon_lease")
    with pytest.raises(StoreError, match="database error: no such table: daemon_lease"):
        lite.last_lease()
    assert lite.story_counts() == {}  # the connection is still usable
    lite.close()


def _run(*argv: str) -> subprocess.CompletedProcess[str]:
    code = (
        "import runpy, sys; sys.argv = ['storywatch', *sys.argv[1:]]\n"
        "try:\n    runpy.run_module('monitor', run_name='__main__')\n"
        "finally:\n    print('SQLALCHEMY' if 'sqlalchemy' in sys.modules else 'LIGHT', file=sys.stderr)\n"
    )
    return subprocess.run([sys.executable, "-c", code, *argv], capture_output=True, text=True, timeout=120)


def test_stories_and_status_start_without_sqlalchemy(store: Store, store_url: str, tmp_path: Path) -> None:
    build_desk(store)
    build_status(store)
    config = tmp_path / "config.yaml"
    config.write_text(
        f"storage: {{url: {json.dumps(store_url)}}}\n"
        "sources:\n  - {name: world, url: 'https://world.example.org/rss.xml'}\n"
        "  - {name: local, url: 'https://local.example.org/rss.xml'}\n"
    )
    listed = _run("-c", str(config), "stories", "--json", "--limit", "4")
    assert listed.returncode == 0, listed.stderr
    assert listed.stderr.strip().endswith("LIGHT")
    expected = [s.to_json() for s in store.stream_stories(StoryFilters(), limit=4)]
    assert json.loads(listed.stdout) == expected
    status = _run("-c", str(config), "status", "--json", "--no-daemon")
    assert status.stderr.strip().endswith("LIGHT"), status.stderr
    data = json.loads(status.stdout)
    assert data["stories"]["total"] == 23 and data["workers"][0]["claims"] == 2
    assert data["outbox"]["dead"] == 1 and not data["healthy"]
    # a command that needs more than the light queries opens the full Store through it
    history = _run("-c", str(config), "history", str(expected[0]["id"]), "--json")
    assert history.returncode == 0, history.stderr
    assert history.stderr.strip().endswith("SQLALCHEMY")
    assert json.loads(history.stdout)["story"]["id"] == expected[0]["id"]
