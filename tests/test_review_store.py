"""The recent-changes query (the web view's `/` and its feed): filters, newest first, pages, source names."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from monitor.models import Article, DiffSummary, Significance, Source, SourceKind
from storage.review_store import ChangeFilters
from storage.store import Store

T0 = datetime(2025, 8, 28, 9, 0, tzinfo=UTC)


def changes_over_time(store: Store) -> dict[str, int]:
    """Six stories from two sources, each with one change found an hour after the last; story 3 changed
    later than story 4 but was stored first (a change's id and its time need not agree)."""
    ids = {}
    for k, (name, source, hour) in enumerate(
        [("a", "world", 1), ("b", "local", 2), ("c", "world", 4), ("d", "local", 3), ("e", "world", 5)]
    ):
        story, _ = store.add_story(
            f"https://news.example.org/{name}", source=source, headline=None, now=T0, next_check_at=T0
        )
        article = Article(url=story.url, headline=f"Story {name}", body=(f"Text {name}.",))
        store.add_version(story.id, article, text="1", text_hash=f"{k}-1", seen_at=T0)
        level = Significance.MAJOR if k % 2 else Significance.MINOR
        store.add_version(
            story.id,
            Article(url=story.url, headline=f"Story {name}", body=(f"Text {name}, updated.",)),
            text="2",
            text_hash=f"{k}-2",
            seen_at=T0 + timedelta(hours=hour),
            summary=DiffSummary(level, declared=k % 3 == 0),
        )
        ids[name] = story.id
    return ids


def headlines(store: Store, filters: ChangeFilters, **page: int) -> list[str | None]:
    return [row.change.headline for row in store.recent_changes(filters, **page)]


def test_recent_changes_newest_id_first_with_each_filter(store: Store) -> None:
    changes_over_time(store)
    assert headlines(store, ChangeFilters()) == ["Story e", "Story d", "Story c", "Story b", "Story a"]
    assert headlines(store, ChangeFilters(sources=["local"])) == ["Story d", "Story b"]
    assert headlines(store, ChangeFilters(min_significance=Significance.MAJOR)) == ["Story d", "Story b"]
    assert headlines(store, ChangeFilters(silent=True)) == ["Story e", "Story c", "Story b"]
    assert headlines(store, ChangeFilters(sources=["world"], silent=True)) == ["Story e", "Story c"]
    assert headlines(store, ChangeFilters(text="story d")) == ["Story d"]
    assert [r.source for r in store.recent_changes(ChangeFilters(), limit=2)] == ["world", "local"]


def test_since_counts_a_change_found_later_than_a_newer_id(store: Store) -> None:
    changes_over_time(store)
    # found from hour 4 on: c (hour 4, stored before d) and e (hour 5); d (hour 3) is older though its id is newer
    assert headlines(store, ChangeFilters(since=T0 + timedelta(hours=4))) == ["Story e", "Story c"]
    assert headlines(store, ChangeFilters(since=T0 + timedelta(hours=3))) == ["Story e", "Story d", "Story c"]
    assert headlines(store, ChangeFilters(since=T0 + timedelta(hours=6))) == []
    assert headlines(store, ChangeFilters(since=T0, sources=["local"])) == ["Story d", "Story b"]


def test_pages_follow_one_another_without_overlap(store: Store) -> None:
    changes_over_time(store)
    pages = [headlines(store, ChangeFilters(), limit=2, offset=offset) for offset in (0, 2, 4, 6)]
    assert pages == [["Story e", "Story d"], ["Story c", "Story b"], ["Story a"], []]
    assert headlines(store, ChangeFilters(sources=["world"]), limit=1, offset=1) == ["Story c"]


def test_source_names_are_the_known_sources_without_counting_stories(store: Store) -> None:
    assert store.source_names() == []
    store.sync_sources(
        [Source("world", SourceKind.FEED, "https://x.org/rss"), Source("local", SourceKind.URL, "https://x.org/a")]
    )
    assert store.source_names() == ["local", "world"]
