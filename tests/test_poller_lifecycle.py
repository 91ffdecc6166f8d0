"""Story lifecycle: two tracked stories that turn out to share one canonical URL become one (local server).

A story first seen at /world/ferry-strike and another at /world/ferry-strike-updated-slug whose page later
redirects, or points its canonical link, to the first: the later story is folded into the earlier. Both URLs
then find the one story, a feed listing either adds nothing, no version is duplicated and nothing alerts.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from monitor.app import App
from monitor.config import parse_config
from monitor.demo.newsroom import Newsroom
from monitor.demo.stories import FERRY, rss, story_page
from monitor.models import Article, DiffSummary, Significance, utcnow
from storage.store import Store

SLUG = replace(FERRY, path="/world/ferry-strike")
UPDATED = replace(FERRY, path="/world/ferry-strike-updated-slug")


def publish(site: Newsroom, *stories: object) -> None:
    site.set("/rss.xml", rss("World", site.base_url, list(stories)), content_type="application/rss+xml")  # type: ignore[arg-type]


@pytest.fixture
def app(tmp_path: Path, newsroom: Newsroom, store_url: str):  # type: ignore[no-untyped-def]
    text = f"""
storage: {{url: "{store_url}"}}
fetch: {{allow_private_networks: true, timeout: 3s, workers: 2, min_gap: 0s}}
sources:
  - {{name: world, feed: '{newsroom.url("/rss.xml")}'}}
notifiers:
  - {{name: desk, type: console, color: false}}
"""
    with App.open(parse_config(text, env={}, path=tmp_path / "config.yaml")) as app:
        yield app


def two_stories(app: App, newsroom: Newsroom) -> tuple[int, int]:
    """The story at SLUG (first seen), then the one at UPDATED (seen a pass later), each with its baseline."""
    newsroom.set(SLUG.path, story_page(SLUG, base=newsroom.base_url))
    publish(newsroom, SLUG)
    assert sorted(o.status for o in app.pipeline.run_pass()) == ["discovered", "new"]
    newsroom.set(UPDATED.path, story_page(UPDATED, base=newsroom.base_url))
    publish(newsroom, SLUG, UPDATED)
    assert sorted(o.status for o in app.pipeline.run_pass()) == ["discovered", "new"]
    first, later = (app.store.get_story(newsroom.url(s.path)) for s in (SLUG, UPDATED))
    assert first is not None and later is not None and first.id < later.id
    return first.id, later.id


MERGERS = {
    "redirect": lambda site: site.set(UPDATED.path, "", status=301, headers={"Location": SLUG.path}),
    "canonical link": lambda site: site.set(UPDATED.path, story_page(SLUG, base=site.base_url)),
}


@pytest.mark.parametrize("how", list(MERGERS))
def test_a_later_story_with_the_same_canonical_url_is_folded_into_the_earlier(
    how: str, app: App, newsroom: Newsroom
) -> None:
    first_id, later_id = two_stories(app, newsroom)
    stale = app.store.get_story(later_id)
    MERGERS[how](newsroom)  # the later URL now says it is the first story's page

    outcomes = app.pipeline.run_pass(all_stories=True)
    merged = [o for o in outcomes if o.status == "merged"]
    assert len(merged) == 1 and merged[0].story_id == first_id
    assert merged[0].detail == (
        f"the same page as story {first_id} ({newsroom.url(SLUG.path)}): story {later_id} merged into story {first_id}"
    )

    (story,) = app.store.list_stories()  # one story, the earlier one
    assert story.id == first_id and story.url == newsroom.url(SLUG.path)
    assert [v.number for v in app.store.list_versions(first_id)] == [1]  # no version duplicated
    assert app.store.get_story(newsroom.url(UPDATED.path)).id == first_id  # type: ignore[union-attr]
    assert app.store.story_aliases(first_id) == [newsroom.url(UPDATED.path)]
    assert app.store.due_alerts(utcnow()) == [] and app.store.latest_change(first_id) is None  # no alert

    again = app.pipeline.run_pass(all_stories=True)  # the feed still lists both URLs
    assert sum(o.discovered for o in again) == 0 and len(app.store.list_stories()) == 1
    assert {o.status for o in again if o.story_id} == {"unchanged"}
    late = app.pipeline.check_story(stale)  # type: ignore[arg-type]  # a worker still holding the folded story
    assert (late.status, late.failed) == ("merged", False) and len(app.store.list_stories()) == 1


def test_a_new_url_that_redirects_to_a_tracked_story_adds_no_story(app: App, newsroom: Newsroom) -> None:
    newsroom.set(SLUG.path, story_page(SLUG, base=newsroom.base_url))
    publish(newsroom, SLUG)
    app.pipeline.run_pass()
    newsroom.set(UPDATED.path, "", status=302, headers={"Location": SLUG.path})
    publish(newsroom, SLUG, UPDATED)
    outcomes = app.pipeline.run_pass()
    assert sorted(o.status for o in outcomes) == ["discovered", "merged"]
    (story,) = app.store.list_stories()
    assert story.url == newsroom.url(SLUG.path) and story.versions == 1


def test_a_canonical_link_to_the_front_page_merges_nothing(app: App, newsroom: Newsroom) -> None:
    first_id, later_id = two_stories(app, newsroom)
    home = newsroom.base_url + "/"
    for story in (SLUG, UPDATED):  # a broken CMS: every page's canonical link is the front page
        own = f'href="{newsroom.base_url}{story.path}"'
        page = story_page(story, base=newsroom.base_url).replace(own, f'href="{home}"')
        newsroom.set(story.path, page + "<!-- v2 -->")
    app.pipeline.run_pass(all_stories=True)
    assert sorted(s.id for s in app.store.list_stories()) == [first_id, later_id]


# -- the fold itself, on SQLite and PostgreSQL ----------------------------------------------------------------
T0 = datetime(2025, 8, 28, 9, 0, tzinfo=UTC)


def article(url: str, body: str) -> Article:
    return Article(url=url, headline="Ferry strike", body=(body,), extractor={"name": "t", "version": "1"})


def test_fold_story_keeps_the_earlier_history_and_aliases_every_url(store: Store) -> None:
    a, _ = store.add_story("https://n.example/a", source=None, headline=None, now=T0, next_check_at=T0)
    b, _ = store.add_story("https://n.example/b", source=None, headline=None, now=T0, next_check_at=T0)
    c, _ = store.add_story("https://n.example/c", source=None, headline=None, now=T0, next_check_at=T0)
    for story_id, url in ((a.id, a.url), (b.id, b.url)):
        store.add_version(story_id, article(url, "One."), text="One.", text_hash="h1", seen_at=T0)
    summary = DiffSummary(significance=Significance.MINOR, declared=False)
    store.add_version(
        b.id, article(b.url, "Two."), text="Two.", text_hash="h2", seen_at=T0, summary=summary, notifiers=["desk"]
    )
    store.record_story_check(b.id, at=T0, status="unchanged")
    store.set_canonical_url(b.id, "https://n.example/b-canonical")
    later = T0 + timedelta(hours=1)

    survivor = store.fold_story(b.id, a.id, at=later, canonical_url="https://n.example/a")
    assert (survivor.id, survivor.versions, survivor.next_check_at) == (a.id, 1, later)
    assert store.get_story(b.id) is None and [v.number for v in store.list_versions(a.id)] == [1]
    assert store.story_aliases(a.id) == ["https://n.example/b", "https://n.example/b-canonical"]
    for url in ("https://n.example/b", "https://n.example/b-canonical/"):
        assert store.get_story(url).id == a.id  # type: ignore[union-attr]
    assert store.find_duplicate("https://n.example/b", c.id) == a.id
    assert store.find_duplicate("https://n.example/b", a.id) is None
    assert store.add_stories([("https://n.example/b", None)], source=None, now=later) == 0
    assert store.due_alerts(later) == []  # b's change and its alert went with it

    # a survivor with no version yet takes the folded story's whole history
    survivor = store.fold_story(a.id, c.id, at=later)
    assert survivor.id == c.id and survivor.versions == 1
    assert [v.article.url for v in store.list_versions(c.id)] == ["https://n.example/a"]
    assert store.story_aliases(c.id) == ["https://n.example/a", "https://n.example/b", "https://n.example/b-canonical"]
    with pytest.raises(ValueError):
        store.fold_story(c.id, c.id, at=later)
