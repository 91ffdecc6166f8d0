"""What a story's check reads and writes in one transaction each (on SQLite and PostgreSQL, see fixtures_db):
``check_basis`` (the latest version, the version hashes, a duplicate story), ``store_version`` (the rows
``add_version`` writes, nothing read back) and a check recorded with the version it found."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import func, select

from monitor.errors import StoreError
from monitor.models import AlertStatus, StoryStatus
from storage.check_batch import CheckRecord
from storage.store import Store
from storage.tables import checks
from tests.test_store import T0, URL, add_story, article, full_article, full_summary, hours


def _story_pair(store: Store) -> tuple[int, int]:
    """Two stories with the same baseline: one to write through add_version, one through store_version."""
    first, second = add_story(store, url=URL + "/a"), add_story(store, url=URL + "/b")
    for story_id in (first, second):
        store.add_version(story_id, article(), text="v1", text_hash="h1", seen_at=T0, raw_html=b"<p>v1</p>")
    return first, second


def _second() -> dict[str, Any]:
    """A second version's fields, as a check found it an hour after the baseline."""
    return {"text": "v2", "text_hash": "h2", "seen_at": hours(1), "summary": full_summary()}


def _checks_logged(store: Store, story_id: int) -> list[str]:
    with store._engine.connect() as connection:
        query = select(checks.c.status).where(checks.c.story_id == story_id).order_by(checks.c.id)
        return list(connection.scalars(query))


def test_store_version_writes_what_add_version_writes(store: Store) -> None:
    read_back, lean = _story_pair(store)
    fields = {
        "text": "v2",
        "text_hash": "h2",
        "seen_at": hours(1),
        "raw_html": b"<p>v2</p>",
        "summary": full_summary(),
        "notifiers": {"slack": {"why": ["significance"]}, "email": None},
    }
    version, change, made = store.add_version(read_back, full_article(), **fields)
    written = store.store_version(lean, full_article(), **fields)

    assert change is not None and written.number == version.number == 2
    assert written.change_id == store.latest_change(lean).id  # type: ignore[union-attr]
    stored = store.get_version(lean, 2)
    assert stored is not None and (stored.article, stored.text_hash, stored.significance) == (
        version.article,
        version.text_hash,
        version.significance,
    )
    assert store.raw_html(lean, 2) == b"<p>v2</p>"
    lean_change = store.get_change(lean, 1, 2)
    assert lean_change is not None and lean_change.summary == change.summary
    alerts = {a.id: a for a in store.due_alerts(hours(2))}
    lean_alerts = [alerts[i] for i in written.alert_ids]
    assert [(a.notifier, a.reasons, a.status) for a in lean_alerts] == [(a.notifier, a.reasons, a.status) for a in made]
    assert all(a.status is AlertStatus.PENDING and a.change.id == written.change_id for a in lean_alerts)
    for story_id in (read_back, lean):
        story = store.get_story(story_id)
        assert story is not None and (story.versions, story.headline, story.last_changed_at) == (
            2,
            full_article().headline,
            hours(1),
        )


def test_a_check_is_recorded_with_the_version_it_found(store: Store) -> None:
    _, story_id = _story_pair(store)
    store.record_story_check(story_id, at=T0, status="error", error="HTTP 503")
    check = CheckRecord(
        hours(1), "changed", next_check_at=hours(2), validators=('"e2"', "Thu"), raw_hash="r2", gate="g2"
    )
    written = store.store_version(story_id, article("New"), **_second(), check=check)
    story = store.get_story(story_id)
    assert story is not None and written.number == story.versions == 2
    assert (story.status, story.failures, story.last_error, story.headline) == (StoryStatus.ACTIVE, 0, None, "New")
    assert (story.last_checked_at, story.next_check_at, story.last_changed_at) == (hours(1), hours(2), hours(1))
    assert (story.etag, story.last_modified, story.raw_hash, story.gate) == ('"e2"', "Thu", "r2", "g2")
    assert _checks_logged(store, story_id) == ["error", "changed"]


def test_a_version_rolled_back_takes_its_check_with_it(store: Store) -> None:
    _, story_id = _story_pair(store)
    check = CheckRecord(hours(1), "changed", next_check_at=hours(2), raw_hash="r2")
    clash = ("slack", "slack")  # the second alert violates the unique dedupe key
    with pytest.raises(StoreError, match="rolled back"):
        store.store_version(story_id, article("New"), **_second(), notifiers=clash, check=check)
    story = store.get_story(story_id)
    assert story is not None and (story.versions, story.raw_hash, story.last_checked_at) == (1, None, None)
    assert _checks_logged(store, story_id) == []
    with store._engine.connect() as connection:
        assert connection.scalar(select(func.count()).select_from(checks)) == 0


def test_a_duplicate_is_a_story_answering_to_the_url_before_one_holding_it_as_an_alias(store: Store) -> None:
    story_id, older, folded = add_story(store), add_story(store, url=URL + "/older"), add_story(store, url=URL + "/x")
    store.fold_story(folded, older, at=hours(1))  # URL/x is now an alias of the older story
    assert store.check_basis(story_id, [URL + "/x/"]).duplicate == (URL + "/x/", older)
    assert store.find_duplicate(URL + "/x", older) is None  # never the story itself
    newer = add_story(store, url=URL + "/newer")
    store.set_canonical_url(newer, URL + "/x")  # a later story answering to URL/x itself comes first
    assert store.check_basis(story_id, [URL + "/x"]).duplicate == (URL + "/x", newer)
    assert store.find_duplicate(URL + "/x/", newer) == older


def test_check_basis_reads_latest_hashes_and_a_duplicate(store: Store) -> None:
    story_id = add_story(store)
    empty = store.check_basis(story_id, [URL + "/elsewhere"])
    assert (empty.latest, empty.hashes, empty.duplicate) == (None, (), None)

    for n in (1, 2, 3):
        summary = full_summary() if n > 1 else None
        store.add_version(
            story_id, article(f"H{n}"), text=f"v{n}", text_hash=f"h{n}", seen_at=hours(n), summary=summary
        )
    other = add_story(store, url=URL + "/other")
    store.set_canonical_url(other, URL + "/canonical")
    basis = store.check_basis(story_id, [URL + "/nobody", URL + "/canonical/", URL + "/other"])
    assert basis.latest == store.latest_version(story_id) and basis.latest is not None
    assert basis.latest.number == 3
    assert list(basis.hashes) == store.version_hashes(story_id) == [(1, "h1"), (2, "h2"), (3, "h3")]
    assert basis.duplicate == (URL + "/canonical/", other)  # the first URL another story answers to
    assert store.check_basis(story_id, [URL, URL + "/nobody"]).duplicate is None  # never the story itself
    assert store.check_basis(other, [URL]).duplicate == (URL, story_id)
