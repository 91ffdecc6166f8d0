"""The Store against real databases: every test runs on SQLite and on PostgreSQL (see fixtures_db)."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import func, select, text

from monitor.errors import NotFound, StoreError
from monitor.models import (
    AlertStatus,
    Article,
    DiffSummary,
    Note,
    NumberChange,
    Significance,
    Source,
    SourceKind,
    StoryStatus,
)
from storage.engine import make_engine
from storage.migrate import current_revision, head_revision, upgrade
from storage.store import Store
from storage.tables import alerts, changes, metadata, versions

T0 = datetime(2025, 8, 28, 9, 0, tzinfo=UTC)
URL = "https://news.example.org/world/2025/08/28/summit-guests"
PASSWORD = "s3cr3t-Pa55"


def hours(n: float) -> datetime:
    return T0 + timedelta(hours=n)


def article(headline: str = "Summit opens", body: tuple[str, ...] = ("26 heads of state attend.",)) -> Article:
    return Article(url=URL, headline=headline, body=body, extractor={"name": "storywatch", "version": "2"})


def full_article() -> Article:
    """An Article with every field set; times in a non-UTC zone, to prove they come back as UTC."""
    cest = timezone(timedelta(hours=2))
    return Article(
        url=URL,
        canonical_url=URL + "/",
        headline="Summit opens with 27 heads of state",
        authors=("Ada Reporter", "Bo Editor"),
        published=datetime(2025, 8, 28, 10, 30, tzinfo=cest),
        modified=datetime(2025, 8, 28, 13, 45, 5, tzinfo=cest),
        language="en",
        body=("A total of 27 foreign heads of state attend.", "Other guests include Masoud Pezeshkian."),
        notes=(Note("update", "This story has been updated."), Note("correction", "An earlier version …")),
        extractor={"name": "storywatch", "version": 3, "layers": {"headline": "json-ld", "body": "generic"}},
    )


def full_summary() -> DiffSummary:
    return DiffSummary(
        significance=Significance.SUBSTANTIVE,
        declared=True,
        update_notes=("This story has been updated.",),
        headline=("Summit opens", "Summit opens with 27 heads of state"),
        byline=(None, "Ada Reporter, Bo Editor"),
        entities_added=("Masoud Pezeshkian",),
        entities_removed=("Nobody",),
        numbers=(NumberChange("26", "27", "A total of 27 foreign heads of state …"),),
        quotes_added=("We welcome them",),
        quotes_removed=("Old quote",),
        paragraphs_added=1,
        paragraphs_removed=2,
        paragraphs_changed=3,
        paragraphs_moved=4,
        ops=(("=", "Other guests include "), ("-", "none"), ("+", "Masoud Pezeshkian")),
    )


def add_story(store: Store, url: str = URL, source: str | None = "world", at: datetime = T0) -> int:
    story, _ = store.add_story(url, source=source, headline=None, now=at, next_check_at=at)
    return story.id


def with_change(store: Store, notifiers: tuple[str, ...] = ("slack", "email")) -> int:
    """A story with a baseline and one change that alerts ``notifiers``; returns the story id."""
    story_id = add_story(store)
    store.add_version(story_id, article(), text="v1", text_hash="h1", seen_at=hours(0))
    store.add_version(
        story_id,
        article("Summit opens with 27"),
        text="v2",
        text_hash="h2",
        seen_at=hours(1),
        summary=DiffSummary(Significance.MAJOR, declared=False),
        notifiers=notifiers,
    )
    return story_id


# schema and engine


def test_migrations_are_idempotent_and_match_the_tables(store_url: str) -> None:
    engine = make_engine(store_url)
    try:
        assert current_revision(engine) is None
        upgrade(engine)
        upgrade(engine)
        assert current_revision(engine) == head_revision()
        with engine.connect() as connection:
            assert compare_metadata(MigrationContext.configure(connection), metadata) == []
    finally:
        engine.dispose()
    Store.open(store_url).close()
    Store.open(store_url, migrate=False).close()


def test_unmigrated_database_refused_without_migrate(store_url: str) -> None:
    with pytest.raises(StoreError, match="no storywatch schema.*db upgrade"):
        Store.open(store_url, migrate=False)


def test_sqlite_pragmas_are_in_effect(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'new' / 'dir' / 'db.sqlite'}")
    try:
        with engine.connect() as connection:
            assert connection.scalar(text("PRAGMA journal_mode")) == "wal"
            assert connection.scalar(text("PRAGMA foreign_keys")) == 1
            assert connection.scalar(text("PRAGMA busy_timeout")) == 5000
    finally:
        engine.dispose()
    assert (tmp_path / "new" / "dir" / "db.sqlite").exists()


@pytest.mark.parametrize(
    "url",
    [
        f"postgresql://storywatch:{PASSWORD}@127.0.0.1:1/storywatch",  # nothing listens on port 1
        f"postgresql+psycopg://storywatch:{PASSWORD}@127.0.0.1:notaport/storywatch",
        f"mysql://storywatch:{PASSWORD}@127.0.0.1/storywatch",
        f"postgresql://storywatch:{PASSWORD}@127.0.0.1:1/storywatch?sslmode=bogus",
        f"not a url, yet with :{PASSWORD}@ in it",
    ],
)
def test_bad_url_error_never_shows_the_password(url: str) -> None:
    with pytest.raises(StoreError) as caught:
        Store.open(url)
    message = str(caught.value)
    assert PASSWORD not in message
    assert message and "Traceback" not in message


def test_postgresql_url_uses_psycopg_3() -> None:
    engine = make_engine(f"postgresql://u:{PASSWORD}@127.0.0.1/db")
    assert engine.url.drivername == "postgresql+psycopg"
    engine.dispose()


# sources


def test_sources_sync_checks_and_states(store: Store) -> None:
    feed = Source("world", SourceKind.FEED, "https://news.example.org/world.xml", timedelta(minutes=5), ("w",))
    store.sync_sources([feed, Source("one", SourceKind.URL, URL)])
    store.sync_sources([Source("world", SourceKind.SITEMAP, "https://news.example.org/sitemap.xml")])
    add_story(store)
    add_story(store, url=URL + "-2")
    store.record_source_check("world", at=hours(1), error="HTTP 500", duration=0.25)
    store.record_source_check("world", at=hours(2), error="timed out after 20s")
    world, one = sorted(store.source_states(), key=lambda s: s.name != "world")
    assert (world.kind, world.location, world.stories) == (
        "sitemap",
        "https://news.example.org/sitemap.xml",
        2,
    )
    assert (world.consecutive_failures, world.last_error, world.last_checked_at) == (
        2,
        "timed out after 20s",
        hours(2),
    )
    assert (one.stories, one.consecutive_failures, one.last_checked_at) == (0, 0, None)
    store.record_source_check("world", at=hours(3), error=None)
    world = next(s for s in store.source_states() if s.name == "world")
    assert (world.consecutive_failures, world.last_error) == (0, None)
    with pytest.raises(NotFound):
        store.record_source_check("nope", at=hours(3), error=None)


# stories


def test_add_story_is_idempotent_by_url_and_canonical_url(store: Store) -> None:
    story, created = store.add_story(URL, source="world", headline="Summit", now=T0, next_check_at=hours(1))
    assert created and story.id > 0
    assert (story.url, story.source, story.headline, story.status, story.versions) == (
        URL,
        "world",
        "Summit",
        StoryStatus.ACTIVE,
        0,
    )
    assert story.first_seen_at == T0 and story.next_check_at == hours(1)
    again, created = store.add_story(URL, source="other", headline="X", now=hours(5), next_check_at=hours(5))
    assert not created and again == story
    store.set_canonical_url(story.id, "https://news.example.org/summit")
    via_canonical, created = store.add_story(
        "https://news.example.org/summit", source=None, headline=None, now=T0, next_check_at=T0
    )
    assert not created and via_canonical.id == story.id


def test_get_story_by_id_digits_url_or_trailing_slash(store: Store) -> None:
    story_id = add_story(store)
    store.set_canonical_url(story_id, "https://news.example.org/summit/")
    for ref in (story_id, str(story_id), URL, URL + "/", "https://news.example.org/summit"):
        found = store.get_story(ref)
        assert found is not None and found.id == story_id, ref
    assert store.get_story(999) is None
    assert store.get_story("https://news.example.org/unknown") is None


def test_find_stories_answers_each_url_as_get_story_does(store: Store) -> None:
    """The batched lookup a listed pass uses: exact URL first, then exact canonical URL, then either give or take
    a slash (the oldest story first), then an alias; the same story as ``get_story`` for every URL."""
    made = {}
    for path in ("a", "b", "c", "d/", "e"):
        story, _ = store.add_story(f"https://n.example/{path}", source=None, headline=None, now=T0, next_check_at=T0)
        made[path] = story.id
    store.set_canonical_url(made["b"], "https://n.example/a/")  # b claims a's URL with a slash, as canonical
    store.set_canonical_url(made["c"], "https://n.example/shared")
    store.set_canonical_url(made["e"], "https://n.example/a")  # an exact canonical URL: after an exact URL
    store.set_canonical_url(made["d/"], "https://n.example/shared/")
    store.add_version(made["c"], article(), text="x", text_hash="h", seen_at=T0)
    store.add_version(made["d/"], article(), text="x", text_hash="h", seen_at=T0)
    store.fold_story(made["d/"], made["c"], at=hours(1))  # d's URLs become aliases of c
    urls = [
        "https://n.example/a",
        "https://n.example/a/",
        "https://n.example/b/",
        "https://n.example/shared",
        "https://n.example/shared/",
        "https://n.example/d",
        "https://n.example/d/",
        "https://n.example/none",
        "https://n.example/a",
    ]
    found = store.find_stories(urls)
    expected = {url: story.id for url in urls if (story := store.get_story(url)) is not None}
    assert {url: story.id for url, story in found.items()} == expected
    assert expected["https://n.example/a"] == made["a"] and expected["https://n.example/a/"] == made["b"]
    assert expected["https://n.example/d"] == made["c"]
    assert "https://n.example/none" not in found
    assert store.find_stories([]) == {}


def test_list_stories_orders_by_last_change_and_filters(store: Store) -> None:
    old = add_story(store, url=URL + "/old", at=hours(-48))
    never = add_story(store, url=URL + "/never", source="other", at=hours(-48))
    fresh = add_story(store, url=URL + "/fresh", at=hours(0))
    for story_id, changed_at in ((old, hours(-47)), (fresh, hours(2))):
        store.add_version(story_id, article(), text="a", text_hash="a", seen_at=changed_at - timedelta(hours=1))
        summary = DiffSummary(Significance.MINOR, declared=True)
        store.add_version(story_id, article("B"), text="b", text_hash="b", seen_at=changed_at, summary=summary)
    assert [s.id for s in store.list_stories()] == [fresh, old, never]
    assert [s.id for s in store.list_stories(since=hours(-1))] == [fresh]
    assert [s.id for s in store.list_stories(source="other")] == [never]
    listed = store.list_stories()[0]
    assert (listed.versions, listed.headline, listed.last_changed_at) == (2, "B", hours(2))


def test_due_stories_and_record_story_check(store: Store) -> None:
    late = add_story(store, url=URL + "/late", at=hours(0))
    later = add_story(store, url=URL + "/later", at=hours(-1))
    add_story(store, url=URL + "/future", at=hours(5))
    assert [s.id for s in store.due_stories(hours(1))] == [later, late]
    assert [s.id for s in store.due_stories(hours(1), limit=1)] == [later]
    assert store.due_stories(hours(1), source="none") == []

    store.record_story_check(late, at=hours(1), status="error", error="HTTP 503", next_check_at=hours(2))
    story = store.get_story(late)
    assert story is not None
    assert (story.status, story.last_error, story.last_checked_at, story.next_check_at) == (
        StoryStatus.ERROR,
        "HTTP 503",
        hours(1),
        hours(2),
    )
    store.record_story_check(late, at=hours(2), status="removed", error="HTTP 410")
    story = store.get_story(late)
    assert story is not None and (story.status, story.last_error, story.next_check_at) == (
        StoryStatus.REMOVED,
        "HTTP 410",  # the reason stays readable in `stories`
        hours(2),
    )
    assert story.removed_at == hours(2) and story.failures == 0
    store.record_story_check(late, at=hours(3), status="removed", error="HTTP 410")
    assert store.get_story(late).removed_at == hours(2)  # since the first 404/410
    back = store.record_story_check(late, at=hours(4), status="unchanged", validators=('"v2"', None), raw_hash="ab")
    assert (back.status, back.removed_at, back.last_error, back.etag, back.raw_hash) == (
        StoryStatus.ACTIVE,
        None,
        None,
        '"v2"',
        "ab",
    )
    failed = [store.record_story_check(late, at=hours(5), status="error", error="x").failures for _ in range(2)]
    assert failed == [1, 2]
    deferred = store.record_story_check(late, at=hours(6), status="deferred", error="wait")
    assert (deferred.status, deferred.failures, deferred.last_error) == (StoryStatus.ERROR, 2, "x")
    store.record_story_check(late, at=hours(3), status="unchanged", duration=1.5)
    story = store.get_story(late)
    assert story is not None and story.status == StoryStatus.ACTIVE
    with pytest.raises(NotFound):
        store.record_story_check(12345, at=hours(3), status="unchanged")


# versions and changes


def test_versions_and_changes_round_trip_every_field(store: Store) -> None:
    story_id = add_story(store)
    base, change, made = store.add_version(
        story_id, article(), text="v1", text_hash="h1", seen_at=T0, raw_html=b"<html>v1</html>" * 100
    )
    assert (base.number, base.significance, change, made) == (1, None, None, [])
    seen = datetime(2025, 8, 28, 13, 30, tzinfo=timezone(timedelta(hours=2)))
    version, change, made = store.add_version(
        story_id,
        full_article(),
        text="v2",
        text_hash="h2",
        seen_at=seen,
        summary=full_summary(),
        notifiers=("slack",),
    )
    stored = store.get_version(story_id, 2)
    assert stored == version and stored is not None
    assert stored.article == full_article() and stored.article.extractor == full_article().extractor
    assert (stored.number, stored.text_hash, stored.extractor_version) == (2, "h2", "3")
    assert stored.significance == Significance.SUBSTANTIVE
    for value in (stored.seen_at, stored.article.published, stored.article.modified):
        assert value is not None and value.tzinfo == UTC
    assert stored.seen_at == hours(2.5) and stored.article.published == hours(-0.5)

    assert change is not None and change == store.get_change(story_id, 1, 2) == store.latest_change(story_id)
    assert change.summary == full_summary() and change.significance == Significance.SUBSTANTIVE
    assert (change.story_url, change.headline) == (URL, "Summit opens with 27 heads of state")
    assert (change.from_version, change.to_version, change.from_seen_at, change.to_seen_at) == (
        1,
        2,
        T0,
        hours(2.5),
    )
    assert change.from_seen_at.tzinfo == UTC and change.to_seen_at.tzinfo == UTC
    assert [a.dedupe_key for a in made] == [f"change:{change.id}:slack"]
    assert store.raw_html(story_id, 1) == b"<html>v1</html>" * 100 and store.raw_html(story_id, 2) is None


def test_version_history_and_change_lookups(store: Store) -> None:
    story_id = with_change(store)
    summary = DiffSummary(Significance.COSMETIC, declared=True)
    store.add_version(story_id, article("C"), text="v3", text_hash="h3", seen_at=hours(2), summary=summary)
    assert [v.number for v in store.list_versions(story_id)] == [1, 2, 3]
    assert [v.significance for v in store.list_versions(story_id)] == [
        None,
        Significance.MAJOR,
        Significance.COSMETIC,
    ]
    latest = store.latest_version(story_id)
    assert latest is not None and latest.number == 3
    assert [(c.from_version, c.to_version) for c in store.list_changes(story_id)] == [(1, 2), (2, 3)]
    assert store.get_change(story_id, 1, 3) is None
    assert store.get_change(story_id, 3, 4) is None
    assert store.get_version(story_id, 9) is None
    empty = add_story(store, url=URL + "/empty")
    assert store.latest_version(empty) is None and store.latest_change(empty) is None
    assert store.list_versions(empty) == [] and store.list_changes(empty) == []
    story = store.get_story(story_id)
    assert story is not None and story.versions == 3 and story.last_changed_at == hours(2)


def test_get_versions_reads_many_as_get_version_does(store: Store) -> None:
    story_id = with_change(store)
    other = add_story(store, url=URL + "/other")
    store.add_version(other, full_article(), text="o1", text_hash="o1", seen_at=hours(3))
    keys = [(story_id, 2), (other, 1), (story_id, 1), (story_id, 9), (9999, 1), (story_id, 2)]
    found = store.get_versions(keys)
    assert sorted(found) == [(story_id, 1), (story_id, 2), (other, 1)]
    assert all(found[key] == store.get_version(*key) for key in found)
    assert found[(story_id, 2)].significance is Significance.MAJOR
    assert store.get_versions([]) == {}


def test_raw_html_is_compressed_and_pruned(store: Store) -> None:
    story_id = add_story(store)
    page = b"<html><p>Summit opens</p></html>" * 200
    for n in range(1, 5):
        store.add_version(story_id, article(), text=str(n), text_hash=str(n), seen_at=hours(n), raw_html=page)
    with store._engine.connect() as connection:
        at_rest = connection.scalar(text("SELECT raw_html FROM versions WHERE number = 1"))
    assert len(at_rest) < len(page) // 10
    assert store.prune_raw_html(keep=2) == 2
    assert [store.raw_html(story_id, n) for n in range(1, 5)] == [None, None, page, page]


def test_add_version_bad_references(store: Store) -> None:
    with pytest.raises(NotFound):
        store.add_version(404, article(), text="x", text_hash="x", seen_at=T0)
    story_id = add_story(store)
    with pytest.raises(ValueError, match="first version"):
        store.add_version(
            story_id, article(), text="x", text_hash="x", seen_at=T0, summary=full_summary(), notifiers=("s",)
        )
    assert store.list_versions(story_id) == []


def test_add_version_is_atomic(store: Store) -> None:
    story_id = add_story(store)
    store.add_version(story_id, article(), text="v1", text_hash="h1", seen_at=T0)
    with pytest.raises(StoreError, match="rolled back"):
        store.add_version(
            story_id,
            article("New"),
            text="v2",
            text_hash="h2",
            seen_at=hours(1),
            summary=full_summary(),
            notifiers=("slack", "slack"),  # the second alert violates the unique dedupe key
        )
    assert [v.number for v in store.list_versions(story_id)] == [1]
    assert store.list_changes(story_id) == [] and store.outbox_status() == []
    story = store.get_story(story_id)
    assert story is not None and (story.versions, story.headline, story.last_changed_at) == (
        1,
        "Summit opens",
        None,
    )
    with store._engine.connect() as connection:  # nothing half-written underneath either
        for table in (versions, changes, alerts):
            assert connection.scalar(select(func.count()).select_from(table)) == (1 if table is versions else 0)
    version, change, made = store.add_version(
        story_id, article("New"), text="v2", text_hash="h2", seen_at=hours(1), summary=full_summary()
    )
    assert version.number == 2 and change is not None and made == []


def test_concurrent_writers_number_versions_once_each(store: Store) -> None:
    story_id = add_story(store)
    failures: list[BaseException] = []

    def write(worker: int) -> None:
        for i in range(4):
            try:
                at = hours(worker + i / 10)
                store.add_version(story_id, article(f"{worker}-{i}"), text="t", text_hash="h", seen_at=at)
            except BaseException as exc:  # reported below, with the thread's story
                failures.append(exc)

    threads = [threading.Thread(target=write, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
    assert [v.number for v in store.list_versions(story_id)] == list(range(1, 17))


# the outbox


def test_outbox_due_delivered_failed_dead_and_status(store: Store) -> None:
    with_change(store, notifiers=("slack", "email", "webhook"))
    assert store.due_alerts(T0) == []
    due = store.due_alerts(hours(1))
    assert [a.notifier for a in due] == ["slack", "email", "webhook"]
    slack, email, webhook = due
    assert slack.status == AlertStatus.PENDING and slack.attempts == 0 and slack.change.to_version == 2
    assert [a.id for a in store.due_alerts(hours(1), notifier="email")] == [email.id]
    assert len(store.due_alerts(hours(1), limit=2)) == 2

    store.mark_delivered(slack.id, at=hours(1.1))
    store.mark_failed(email.id, error="SMTP 451", at=hours(1.1), next_attempt_at=hours(1.5))
    store.mark_failed(webhook.id, error="HTTP 500", at=hours(1.1), next_attempt_at=hours(1.2))
    store.mark_failed(webhook.id, error="HTTP 502", at=hours(1.2), next_attempt_at=None)
    assert store.due_alerts(hours(1.4)) == []
    (retry,) = store.due_alerts(hours(1.5))
    assert (retry.id, retry.attempts, retry.last_error, retry.next_attempt_at) == (
        email.id,
        1,
        "SMTP 451",
        hours(1.5),
    )

    status = {row.notifier: row for row in store.outbox_status()}
    assert sorted(status) == ["email", "slack", "webhook"]
    assert (status["slack"].delivered, status["slack"].pending, status["slack"].last_error) == (1, 0, None)
    assert status["slack"].next_attempt_at is None
    email_row = status["email"]
    assert (email_row.pending, email_row.failing, email_row.dead, email_row.last_error) == (
        1,
        1,
        0,
        "SMTP 451",
    )
    assert email_row.next_attempt_at == hours(1.5) and email_row.next_attempt_at.tzinfo == UTC
    assert (status["webhook"].dead, status["webhook"].pending, status["webhook"].last_error) == (
        1,
        0,
        "HTTP 502",
    )
    with pytest.raises(NotFound):
        store.mark_delivered(9999, at=hours(2))


def test_attempt_times_in_any_zone_are_stored_as_the_same_instant(store: Store) -> None:
    with_change(store, notifiers=("slack", "email"))
    slack, email = store.due_alerts(hours(1))
    cest = timezone(timedelta(hours=2))
    store.start_attempt(slack.id, at=hours(1.1).astimezone(cest))
    store.start_attempt(email.id, at=hours(1.1).astimezone(cest))
    assert [a.attempt_started_at for a in store.due_alerts(hours(1))] == [hours(1.1), hours(1.1)]
    store.mark_delivered(slack.id, at=hours(1.2).astimezone(cest))
    store.mark_failed(
        email.id, error="SMTP 451", at=hours(1.2).astimezone(cest), next_attempt_at=hours(2).astimezone(cest)
    )
    (retry,) = store.due_alerts(hours(2))
    assert (retry.id, retry.next_attempt_at, retry.attempt_started_at) == (email.id, hours(2), None)
    store.defer_alert(email.id, until=hours(3).astimezone(cest))
    assert store.due_alerts(hours(2.9)) == [] and [a.id for a in store.due_alerts(hours(3))] == [email.id]
    query = select(alerts.c.delivered_at, alerts.c.last_attempt_at).where(alerts.c.id == slack.id)
    with store._engine.connect() as connection:
        assert tuple(connection.execute(query).one()) == (hours(1.2), hours(1.2))


def test_unrouted_alerts_are_the_first_due_ones_no_known_notifier_sends(store: Store) -> None:
    with_change(store, notifiers=("slack", "gone", "email", "old"))
    due = store.due_alerts(hours(1))
    known = {"slack", "email"}
    assert store.unrouted_alerts(hours(1), known) == [a for a in due if a.notifier not in known] == [due[1], due[3]]
    assert store.unrouted_alerts(hours(1), known, limit=2) == [due[1]]  # only among the first two due
    assert store.unrouted_alerts(T0, set()) == []  # none due yet
    assert store.unrouted_alerts(hours(1), known | {"gone", "old"}) == []


def test_retry_alerts_now_and_revive_dead(store: Store) -> None:
    with_change(store, notifiers=("slack", "email"))
    slack, email = store.due_alerts(hours(1))
    store.mark_failed(slack.id, error="down", at=hours(1), next_attempt_at=hours(9))
    store.mark_failed(email.id, error="gave up", at=hours(1), next_attempt_at=None)
    assert store.retry_alerts(now=hours(2)) == 1
    assert [a.id for a in store.due_alerts(hours(2))] == [slack.id]
    assert store.retry_alerts(now=hours(2), notifier="email") == 0
    assert store.retry_alerts(now=hours(3), notifier="email", dead=True) == 1
    revived = store.due_alerts(hours(3), notifier="email")
    assert [(a.id, a.status, a.attempts, a.next_attempt_at) for a in revived] == [
        (email.id, AlertStatus.PENDING, 1, hours(3))
    ]
    store.mark_delivered(email.id, at=hours(3))
    delivered = {row.notifier: row for row in store.outbox_status()}["email"]
    assert (delivered.delivered, delivered.dead, delivered.pending, delivered.last_error) == (1, 0, 0, None)


def test_daemon_lease_one_holder_stale_takeover_heartbeat(store: Store) -> None:
    from datetime import timedelta

    stale = timedelta(minutes=2)
    assert store.lease() is None
    assert store.acquire_lease("host-a:1", now=hours(0), stale_after=stale) is None
    holder = store.acquire_lease("host-b:2", now=hours(0) + timedelta(seconds=30), stale_after=stale)
    assert holder is not None and holder.owner == "host-a:1"
    assert store.heartbeat("host-a:1", now=hours(0) + timedelta(minutes=1), cycle=True)
    assert store.lease().last_cycle_at == hours(0) + timedelta(minutes=1)
    # host-a dies: its heartbeat goes stale and host-b takes over; host-a's next heartbeat finds it lost
    assert store.acquire_lease("host-b:2", now=hours(0) + timedelta(minutes=4), stale_after=stale) is None
    assert not store.heartbeat("host-a:1", now=hours(0) + timedelta(minutes=5))
    store.release_lease("host-a:1")  # not the holder: nothing happens
    assert store.lease().owner == "host-b:2"
    store.release_lease("host-b:2", now=hours(0) + timedelta(minutes=6))
    assert store.lease() is None
    # … but the row stays, released: a daemon ran here, and when it stopped
    last = store.last_lease()
    assert last is not None and last.owner == "host-b:2" and last.released_at == hours(0) + timedelta(minutes=6)
    assert not store.heartbeat("host-b:2", now=hours(0) + timedelta(minutes=7))  # released: no longer its own
    # a released lease is free at once, however fresh its heartbeat
    assert store.acquire_lease("host-c:3", now=hours(0) + timedelta(minutes=6), stale_after=stale) is None
    taken = store.lease()
    assert taken is not None and taken.owner == "host-c:3" and taken.released_at is None
