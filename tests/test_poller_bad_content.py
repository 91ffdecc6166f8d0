"""Bad content and lifecycle, each against a local server: pulled stories, charsets, robots.txt, odd feeds.

Same scene as ``test_poller_bad_input``: the bad source on 127.0.0.1, a healthy one on ``localhost`` beside it.
"""

from __future__ import annotations

import logging
import time
from dataclasses import replace
from pathlib import Path

import pytest

from monitor.demo.newsroom import Newsroom
from monitor.demo.stories import FERRY, SUMMIT_V1, story_page
from monitor.errors import FeedError
from monitor.feeds import parse_feed
from monitor.models import Significance, StoryStatus, utcnow
from tests import test_poller_bad_input as scene
from tests.test_poller_bad_input import assert_healthy_unaffected, by_target, open_app, page, shown

healthy_site = scene.healthy_site  # the fixture: the healthy source's site, on localhost

STANDARDS = "  - {name: standards, type: console, min_significance: major, color: false}"


@pytest.mark.parametrize(("status", "reason"), [(404, "HTTP 404 Not Found"), (410, "HTTP 410 Gone")])
def test_a_pulled_story_is_removed_with_a_major_alert_and_restored_when_it_returns(
    status: int, reason: str, tmp_path: Path, newsroom: Newsroom, healthy_site: Newsroom
) -> None:
    path = "/world/summit"
    newsroom.set(path, page(SUMMIT_V1, newsroom))
    url = newsroom.url(path)
    with open_app(tmp_path, healthy_site, f"  - {{name: bad, url: '{url}'}}", notifiers=STANDARDS) as app:
        app.pipeline.run_pass()

        newsroom.set(path, "<h1>Not here</h1>", status=status)
        outcomes = app.pipeline.run_pass(all_stories=True)
        assert by_target(outcomes)[url].status == "removed"
        story = app.store.get_story(url)
        assert story is not None and story.status is StoryStatus.REMOVED and story.last_error == reason
        assert story.removed_at is not None and story.versions == 1
        assert f"removed: {reason}" in shown(app)
        removed = app.store.latest_change(story.id)
        assert removed is not None and removed.summary.event == "removed"
        assert removed.significance is Significance.MAJOR
        alerts = [a for a in app.store.due_alerts(utcnow()) if a.notifier == "standards"]
        assert [a.change.summary.event for a in alerts] == ["removed"]
        assert_healthy_unaffected(app, healthy_site, outcomes)

        again = app.pipeline.run_pass(all_stories=True)  # still gone: no second alert
        assert by_target(again)[url].status == "removed"
        assert len([a for a in app.store.due_alerts(utcnow()) if a.notifier == "standards"]) == 1

        newsroom.set(path, page(SUMMIT_V1, newsroom))
        back = app.pipeline.run_pass(all_stories=True)
        assert not by_target(back)[url].failed
        story = app.store.get_story(url)
        assert story is not None and story.status is StoryStatus.ACTIVE and story.last_error is None
        assert story.removed_at is None
        restored = app.store.latest_change(story.id)
        assert restored is not None and restored.summary.event == "restored"
        assert_healthy_unaffected(app, healthy_site, back)


SENTENCE = "Les pêcheurs de l’île disent: “Ça coûte 5 € de plus par caisse” — déjà trop, à Brésil-sur-Mer."


def charset_page(newsroom: Newsroom, encoding: str) -> bytes:
    story = replace(FERRY, path="/world/ferry", paragraphs=(*FERRY.paragraphs, SENTENCE))
    html = page(story, newsroom).replace('<meta charset="utf-8">', "")  # no <meta charset> to fall back on
    return html.encode(encoding)


@pytest.mark.parametrize(
    ("encoding", "content_type"),
    [
        ("windows-1252", "text/html"),  # undeclared charset, legacy bytes
        ("utf-8", "text/html; charset=iso-8859-1"),  # the header says Latin-1, the bytes are UTF-8
    ],
    ids=["undeclared windows-1252", "header says iso-8859-1, body is utf-8"],
)
def test_undeclared_or_wrong_charset_is_decoded_right(
    encoding: str, content_type: str, tmp_path: Path, newsroom: Newsroom, healthy_site: Newsroom
) -> None:
    newsroom.set("/world/ferry", charset_page(newsroom, encoding), content_type=content_type)
    url = newsroom.url("/world/ferry")
    with open_app(tmp_path, healthy_site, f"  - {{name: bad, url: '{url}'}}") as app:
        outcomes = app.pipeline.run_pass()
        assert by_target(outcomes)[url].status == "new", by_target(outcomes)[url]
        story = app.store.get_story(url)
        assert story is not None
        version = app.store.latest_version(story.id)
        assert version is not None
        assert SENTENCE in version.article.body, version.article.body[-1]
        assert_healthy_unaffected(app, healthy_site, outcomes)


def test_robots_txt_disallow_is_obeyed_and_said(tmp_path: Path, newsroom: Newsroom, healthy_site: Newsroom) -> None:
    newsroom.set("/robots.txt", "User-agent: *\nDisallow: /private/\n", content_type="text/plain")
    newsroom.set("/private/summit", page(SUMMIT_V1, newsroom))
    url = newsroom.url("/private/summit")
    with open_app(tmp_path, healthy_site, f"  - {{name: bad, url: '{url}'}}") as app:
        outcomes = app.pipeline.run_pass()
        reason = f"disallowed by {newsroom.base_url}/robots.txt"
        outcome = by_target(outcomes)[url]
        assert outcome.status == "error" and outcome.error == reason, outcome
        assert "/private/summit" not in newsroom.requests and "/robots.txt" in newsroom.requests
        story = app.store.get_story(url)
        assert story is not None and story.last_error == reason and story.versions == 0
        assert reason in shown(app)
        assert_healthy_unaffected(app, healthy_site, outcomes)


def test_a_missing_robots_txt_is_no_failure_and_logs_nothing_by_default(
    tmp_path: Path, newsroom: Newsroom, healthy_site: Newsroom, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)  # what `-v` shows; the default (WARNING) shows less
    with open_app(tmp_path, healthy_site, "") as app:
        app.pipeline.run_pass()
    assert "/robots.txt" in healthy_site.requests  # asked, answered 404: everything allowed
    ours = [r for r in caplog.records if r.name.startswith("storywatch")]  # httpx is kept at WARNING by `logs`
    assert not [r for r in ours if "robots.txt" in r.getMessage() or "fetch failed" in r.getMessage()]
    assert not [r for r in ours if r.levelno >= logging.WARNING]


def big_feed(base: str, count: int) -> bytes:
    items = "".join(
        f"<item><title>Story number {i}</title><link>{base}/bulk/{i}</link><guid>bulk-{i}</guid></item>"
        for i in range(count)
    )
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>Big</title>{items}</channel></rss>'.encode()


def test_a_feed_of_10000_entries_tracks_every_one_quickly(
    tmp_path: Path, newsroom: Newsroom, healthy_site: Newsroom
) -> None:
    newsroom.set("/big.xml", big_feed(newsroom.base_url, 10_000), content_type="application/rss+xml")
    with open_app(tmp_path, healthy_site, f"  - {{name: big, feed: '{newsroom.url('/big.xml')}'}}") as app:
        big, healthy = app.settings.sources
        started = time.monotonic()
        outcome = app.pipeline.check_source(big)
        elapsed = time.monotonic() - started
        assert outcome.status == "discovered" and outcome.discovered == 10_000, outcome
        assert elapsed < 15, f"discovering 10,000 entries took {elapsed:.1f}s"
        assert app.store.story_counts() == {"active": 10_000}
        assert app.store.get_story(newsroom.url("/bulk/9999")) is not None
        assert app.pipeline.check_source(big).discovered == 0  # read again: nothing new, nothing doubled

        outcomes = app.pipeline.run_pass(sources=[healthy])
        assert_healthy_unaffected(app, healthy_site, outcomes)
        assert len(outcomes) == 2  # the big source's 10,000 due stories are its own job's business


def test_a_feed_whose_entries_all_point_to_one_url_is_one_story(
    tmp_path: Path, newsroom: Newsroom, healthy_site: Newsroom
) -> None:
    path = "/world/summit"
    newsroom.set(path, story_page(SUMMIT_V1, base=newsroom.base_url))
    links = [
        f"{newsroom.base_url}{path}",
        f"{newsroom.base_url}{path}?utm_source=rss",
        f"{newsroom.base_url}{path}#top",
    ]
    items = "".join(
        f"<item><title>Update {i}</title><link>{links[i % 3]}</link><guid>guid-{i}</guid></item>" for i in range(30)
    )
    feed = f'<?xml version="1.0"?><rss version="2.0"><channel><title>One</title>{items}</channel></rss>'
    newsroom.set("/one.xml", feed, content_type="application/rss+xml")
    with open_app(tmp_path, healthy_site, f"  - {{name: one, feed: '{newsroom.url('/one.xml')}'}}") as app:
        outcomes = app.pipeline.run_pass()
        assert by_target(outcomes)["one"].discovered == 1
        (story,) = app.store.list_stories(source="one")
        assert story.url == newsroom.url(path) and story.versions == 1
        assert newsroom.requests.count(path) == 1  # checked once, not once per entry
        assert_healthy_unaffected(app, healthy_site, outcomes)


def test_a_feed_url_that_serves_a_web_page_says_so(tmp_path: Path, newsroom: Newsroom, healthy_site: Newsroom) -> None:
    newsroom.set("/world/", page(SUMMIT_V1, newsroom))  # the section's web page, where a feed was expected
    with open_app(tmp_path, healthy_site, f"  - {{name: section, feed: '{newsroom.url('/world/')}'}}") as app:
        outcomes = app.pipeline.run_pass()
        reason = "not a feed (got an HTML page; did you mean url:?)"
        assert by_target(outcomes)["section"].error == reason
        assert reason in shown(app)
        assert_healthy_unaffected(app, healthy_site, outcomes)


@pytest.mark.parametrize(
    ("doc", "content_type"),
    [
        (b"<!DOCTYPE html><html><body><a href='/a'>A</a></body></html>", "text/html"),
        (b"\xef\xbb\xbf<!-- cms -->\n<html lang='en'><body>Front page</body></html>", "application/octet-stream"),
        (b"<html><body>not a feed</body></html>", None),
    ],
    ids=["served as html", "bom and comment", "no content type"],
)
def test_a_web_page_is_not_a_feed(doc: bytes, content_type: str | None) -> None:
    with pytest.raises(FeedError, match=r"^not a feed \(got an HTML page; did you mean url:\?\)$"):
        parse_feed(doc, "https://news.example/world/", content_type)


def test_an_empty_feed_is_still_no_error_and_junk_still_unreadable() -> None:
    empty = b'<?xml version="1.0"?><rss version="2.0"><channel><title>Quiet</title></channel></rss>'
    assert parse_feed(empty, "https://news.example/rss.xml", "application/rss+xml") == []
    with pytest.raises(FeedError, match="not a readable feed"):
        parse_feed(b'{"json": true}', "https://news.example/rss.xml", "application/json")


def test_control_characters_in_a_feed_title_never_reach_the_store_or_a_terminal(
    tmp_path: Path, newsroom: Newsroom, healthy_site: Newsroom
) -> None:
    """The title names the story until its page is read; here the page never answers, so the title stays."""
    hostile = "\x1b[2J\x1b[31mHarbour\x1b[0m bridge \x1b]8;;http://127.0.0.1/\x07closes\x1b]8;;\x07\x07"
    item = f"<item><title>{hostile}</title><link>{newsroom.url('/world/bridge')}</link></item>"
    newsroom.set(
        "/rss.xml",
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>W</title>{item}</channel></rss>',
        content_type="application/rss+xml",
    )
    newsroom.set("/world/bridge", "<h1>down</h1>", status=500)
    with open_app(tmp_path, healthy_site, f"  - {{name: bad, feed: '{newsroom.url('/rss.xml')}'}}") as app:
        app.pipeline.run_pass()
        story = app.store.get_story(newsroom.url("/world/bridge"))
        assert story is not None and story.headline == "Harbour bridge closes"
        assert not any(ch in shown(app) for ch in "\x1b\x07\x9b")
