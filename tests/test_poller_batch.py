"""Unchanged checks written in batches: the buffer, the batched store write, and a pass that flushes its batch.

A check answered by 304 or by an identical body writes nothing that matters, so its bookkeeping waits in a
``CheckBatch`` and goes out with others in one transaction; a crash loses only that bookkeeping (the stories
stay due and are checked again). New versions, removals and failures are written at once.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from monitor.app import App
from monitor.config import parse_config
from monitor.demo.newsroom import Newsroom
from monitor.demo.stories import FERRY, SUMMIT_V1, rss, story_page
from monitor.models import StoryStatus
from storage.check_batch import CheckBatch, QuietCheck
from storage.store import Store
from storage.tables import checks

T0 = datetime(2025, 8, 28, 9, 0, tzinfo=UTC)


def quiet(story_id: int, minutes: float = 0, **fields: object) -> QuietCheck:
    values: dict[str, object] = {
        "at": T0 + timedelta(minutes=minutes),
        "next_check_at": T0 + timedelta(minutes=minutes + 10),
        "etag": '"e1"',
        "last_modified": "Thu, 28 Aug 2025 09:00:00 GMT",
        "raw_hash": "a" * 64,
        **fields,
    }
    return QuietCheck(story_id, **values)  # type: ignore[arg-type]


def check_rows(store: Store, story_id: int) -> int:
    with store._engine.connect() as connection:
        return connection.scalar(select(func.count()).where(checks.c.story_id == story_id)) or 0


# -- the buffer ----------------------------------------------------------------------------------------------
def test_a_batch_is_written_when_full_when_old_and_when_flushed() -> None:
    written: list[list[int]] = []
    now = [0.0]
    batch = CheckBatch(lambda b: written.append([c.story_id for c in b]), size=3, age=5.0, clock=lambda: now[0])
    batch.add(quiet(1))
    batch.add(quiet(2))
    assert written == [] and len(batch) == 2
    batch.add(quiet(3))  # full
    assert written == [[1, 2, 3]] and len(batch) == 0
    batch.add(quiet(4))
    now[0] = 5.0  # the oldest has waited long enough: the next add writes
    batch.add(quiet(5))
    assert written[-1] == [4, 5]
    batch.add(quiet(6))
    assert batch.flush() == 1 and written[-1] == [6]
    assert batch.flush() == 0 and len(written) == 3  # nothing buffered: nothing written


def test_a_failed_write_is_logged_never_raised(caplog: pytest.LogCaptureFixture) -> None:
    def broken(_batch: Sequence[QuietCheck]) -> None:
        raise RuntimeError("database is locked")

    batch = CheckBatch(broken, size=10)
    batch.add(quiet(1))
    with caplog.at_level(logging.ERROR, logger="storywatch.storage"):
        assert batch.flush() == 0
    assert "1 unchanged check(s) not recorded; those stories will be checked again" in caplog.text
    assert len(batch) == 0


# -- the batched write, on SQLite and PostgreSQL ---------------------------------------------------------------
def test_record_quiet_checks_updates_stories_and_logs_each_check(store: Store) -> None:
    a, _ = store.add_story("https://news.example/a", source=None, headline="A", now=T0, next_check_at=T0)
    b, _ = store.add_story("https://news.example/b", source=None, headline="B", now=T0, next_check_at=T0)
    store.record_story_check(b.id, at=T0, status="error", error="HTTP 500")
    later = T0 + timedelta(hours=2)
    written = store.record_quiet_checks(
        [quiet(a.id), quiet(b.id, 1, etag=None, next_check_at=later), quiet(a.id, 2), quiet(999_999)]
    )
    assert written == 2  # two stories (a twice: its latest check wins); the unknown story is skipped
    a_now, b_now = store.get_story(a.id), store.get_story(b.id)
    assert a_now is not None and b_now is not None
    assert a_now.last_checked_at == T0 + timedelta(minutes=2)
    assert a_now.next_check_at == T0 + timedelta(minutes=12)
    assert (a_now.etag, a_now.raw_hash) == ('"e1"', "a" * 64)
    assert b_now.status is StoryStatus.ACTIVE and b_now.failures == 0 and b_now.last_error is None
    assert b_now.etag is None and b_now.next_check_at == later
    assert check_rows(store, a.id) == 2 and check_rows(store, b.id) == 2  # b: its error, then this check
    assert store.record_quiet_checks([]) == 0
    assert [s.id for s in store.due_stories(T0 + timedelta(minutes=30))] == [a.id]


# -- a pass ----------------------------------------------------------------------------------------------------
@pytest.fixture
def app(tmp_path: Path, newsroom: Newsroom, store_url: str):  # type: ignore[no-untyped-def]
    for story in (SUMMIT_V1, FERRY):
        newsroom.set(story.path, story_page(story, base=newsroom.base_url), headers={"ETag": f'"{story.path}"'})
    newsroom.set("/rss.xml", rss("World", newsroom.base_url, [SUMMIT_V1, FERRY]), content_type="application/rss+xml")
    text = f"""
storage: {{url: "{store_url}"}}
fetch: {{allow_private_networks: true, timeout: 3s, workers: 2, min_gap: 0s}}
sources:
  - {{name: world, feed: '{newsroom.url("/rss.xml")}'}}
"""
    with App.open(parse_config(text, env={}, path=tmp_path / "config.yaml")) as app:
        yield app


def test_a_pass_writes_its_unchanged_checks_in_one_batch_before_it_returns(app: App) -> None:
    app.pipeline.run_pass()
    before = {s.id: s for s in app.store.list_stories()}
    writes: list[int] = []
    record = app.store.record_quiet_checks
    app.pipeline.batch._write = lambda batch: writes.append(len(batch)) or record(batch)  # type: ignore[method-assign]

    outcomes = app.pipeline.run_pass(all_stories=True)
    assert {(o.status, o.detail) for o in outcomes if o.story_id} == {("unchanged", "identical body")}
    assert writes == [2] and len(app.pipeline.batch) == 0  # one transaction for both, flushed by the pass
    for story in app.store.list_stories():
        assert story.last_checked_at > before[story.id].last_checked_at  # type: ignore[operator]
        assert story.next_check_at != before[story.id].next_check_at
        assert check_rows(app.store, story.id) == 2  # baseline, then this check


def test_a_crash_loses_only_the_buffered_bookkeeping_and_the_stories_are_checked_again(app: App) -> None:
    app.pipeline.run_pass()
    stories = app.store.list_stories()
    batch = CheckBatch(app.store.record_quiet_checks, size=100)
    for story in stories:  # checked, buffered, never flushed: the process died here
        assert app.pipeline.checker.check(story, batch).status == "unchanged"
    assert len(batch) == 2
    after = {s.id: s for s in app.store.list_stories()}
    for story in stories:
        assert after[story.id].next_check_at == story.next_check_at  # as before the lost checks
        assert after[story.id].versions == 1 and check_rows(app.store, story.id) == 1
    due_at = max(s.next_check_at for s in stories)  # type: ignore[type-var]
    assert {s.id for s in app.store.due_stories(due_at)} == {s.id for s in stories}


def test_a_single_check_story_writes_at_once(app: App) -> None:
    app.pipeline.run_pass()
    story = app.store.list_stories()[0]
    assert app.pipeline.check_story(story).status == "unchanged"
    assert len(app.pipeline.batch) == 0 and check_rows(app.store, story.id) == 2
