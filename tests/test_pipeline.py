"""The pipeline end to end on loopback: feed → fetch → extract → store → diff → outbox, and bad input."""

from __future__ import annotations

import socket
from dataclasses import replace
from pathlib import Path

import pytest
from sqlalchemy import event

from monitor.app import App
from monitor.config import parse_config
from monitor.demo.newsroom import Newsroom
from monitor.demo.stories import FERRY, SUMMIT_V1, SUMMIT_V2, DemoStory, rss, story_page
from monitor.models import Significance, StoryStatus, utcnow


def config(tmp_path: Path, store_url: str, sources: str, notifiers: str = "") -> App:
    text = f"""
storage: {{url: "{store_url}"}}
fetch: {{allow_private_networks: true, timeout: 3s, max_bytes: 200kB, workers: 2, min_gap: 0s}}
sources:
{sources}
notifiers:
  - {{name: desk, type: console, min_significance: minor, color: false}}
  - {{name: standards, type: console, min_significance: major, color: false}}
{notifiers}
"""
    return App.open(parse_config(text, env={}, path=tmp_path / "config.yaml"))


def publish(site: Newsroom, stories: list[DemoStory], seed: int = 0, feed: str = "/world/rss.xml") -> None:
    for story in stories:
        site.set(story.path, story_page(story, base=site.base_url, boilerplate_seed=seed))
    site.set(feed, rss("World", site.base_url, stories), content_type="application/rss+xml")


@pytest.fixture
def app(tmp_path: Path, newsroom: Newsroom, store_url: str):  # type: ignore[no-untyped-def]
    publish(newsroom, [SUMMIT_V1, FERRY])
    with config(tmp_path, store_url, f"  - {{name: world, feed: '{newsroom.url('/world/rss.xml')}'}}") as app:
        yield app


def test_baseline_then_one_change_with_alerts_routed_by_significance(app: App, newsroom: Newsroom) -> None:
    first = app.pipeline.run_pass()
    assert sorted(o.status for o in first) == ["discovered", "new", "new"]
    assert app.store.due_alerts(utcnow()) == []  # a baseline never alerts

    publish(newsroom, [SUMMIT_V2, FERRY], seed=7)  # summit edited; ferry only re-rendered boilerplate
    second = app.pipeline.run_pass(all_stories=True)
    by_status = {o.status: o for o in second}
    # the feed's bytes did not change, so it is not parsed again; its stories are checked as due
    assert sorted(o.status for o in second) == ["changed", "unchanged", "unchanged"]
    assert second[0].story_id is None and second[0].detail == "feed not modified"
    changed = by_status["changed"]
    assert changed.version == 2 and changed.significance is not None
    assert changed.significance >= Significance.SUBSTANTIVE

    change = app.store.latest_change(changed.story_id)
    assert change is not None
    summary = change.summary
    assert "Mirela Dastan" in summary.entities_added
    assert [(n.old, n.new) for n in summary.numbers] == [("26", "27")]
    assert summary.declared and summary.update_notes == (SUMMIT_V2.note,)
    alerts = app.store.due_alerts(utcnow())
    assert [a.notifier for a in alerts] == ["desk"]  # `standards` wants only major changes
    assert alerts[0].change.id == change.id

    delivered = app.outbox.deliver_due()
    assert [r.ok for _, r in delivered] == [True]
    assert app.store.due_alerts(utcnow()) == []


def test_unchanged_page_stores_nothing_new(app: App) -> None:
    app.pipeline.run_pass()
    again = app.pipeline.run_pass(all_stories=True)
    assert sorted(o.status for o in again) == ["unchanged", "unchanged", "unchanged"]
    assert {o.detail for o in again if o.story_id} == {"identical body"}  # no extraction was needed
    assert all(s.versions == 1 for s in app.store.list_stories())


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_bad_input_is_recorded_and_every_other_source_still_checked(
    tmp_path: Path, newsroom: Newsroom, store_url: str
) -> None:
    good = replace(FERRY, path="/good")
    gone, notes, empty, slow = (replace(FERRY, path=p) for p in ("/gone", "/json", "/empty", "/slow"))
    publish(newsroom, [good, gone, notes, empty, slow], feed="/feed.xml")
    newsroom.set("/broken.xml", "<rss><channel><item><title>no link", content_type="application/rss+xml")
    sources = "\n".join(
        [
            f"  - {{name: down, feed: 'http://127.0.0.1:{closed_port()}/rss.xml'}}",
            f"  - {{name: broken, feed: '{newsroom.url('/broken.xml')}'}}",
            f"  - {{name: missing, feed: '{newsroom.url('/nothing-here.xml')}'}}",
            f"  - {{name: site, feed: '{newsroom.url('/feed.xml')}'}}",
        ]
    )
    with config(tmp_path, store_url, sources) as app:
        app.pipeline.run_pass()
        stories = {s.url.rsplit("/", 1)[1]: s for s in app.store.list_stories()}
        assert {k: s.versions for k, s in stories.items()} == {
            "good": 1,
            "gone": 1,
            "json": 1,
            "empty": 1,
            "slow": 1,
        }

        newsroom.set("/gone", "<h1>Not found</h1>", status=404)
        newsroom.set("/json", '{"headline": "not a page"}', content_type="application/json")
        newsroom.set("/empty", "", content_type="text/html")
        newsroom.set("/slow", story_page(slow), delay=4.0)
        outcomes = app.pipeline.run_pass(all_stories=True)
        result = {o.target.rsplit("/", 1)[-1] if o.story_id else o.target: o for o in outcomes}

        assert result["down"].status == "error" and "could not connect" in (result["down"].error or "")
        assert result["broken"].status == "error" and result["broken"].error
        assert result["missing"].status == "error" and "HTTP 404" in (result["missing"].error or "")
        assert result["site"].status == "unchanged"  # the feed did not change: not parsed again
        assert result["good"].status == "unchanged"
        assert result["gone"].status == "removed"
        assert "not an HTML page" in (result["json"].error or "")
        assert "extraction failed" in (result["empty"].error or "")
        assert "timed out" in (result["slow"].error or "")

        after = {s.url.rsplit("/", 1)[1]: s for s in app.store.list_stories()}
        assert after["gone"].status is StoryStatus.REMOVED
        assert after["json"].status is StoryStatus.ERROR and "not an HTML page" in (after["json"].last_error or "")
        assert all(s.versions == 1 for s in after.values())  # nothing already stored was touched
        states = {s.name: s for s in app.store.source_states()}
        assert states["down"].consecutive_failures == 2 and states["site"].consecutive_failures == 0


def test_single_url_source(tmp_path: Path, newsroom: Newsroom, store_url: str) -> None:
    publish(newsroom, [SUMMIT_V1])
    url = newsroom.url(SUMMIT_V1.path)
    with config(tmp_path, store_url, f"  - {{name: one, url: '{url}', interval: 1m}}") as app:
        outcomes = app.pipeline.run_pass()
        assert [o.status for o in outcomes] == ["tracked", "new"]
        (story,) = app.store.list_stories()
        assert story.url == url and story.headline == SUMMIT_V1.headline
        assert story.next_check_at is not None
        seconds = (story.next_check_at - story.last_checked_at).total_seconds()
        assert 50 <= seconds <= 70  # its own interval (1m) with ±10% jitter


def test_removed_then_restored_each_alert_once_and_show_in_history(app: App, newsroom: Newsroom) -> None:
    app.pipeline.run_pass()
    story = app.store.get_story(newsroom.url(SUMMIT_V1.path))
    newsroom.set(SUMMIT_V1.path, "<h1>Gone</h1>", status=410)
    removed = [app.pipeline.check_story(app.store.get_story(story.id)) for _ in range(2)]
    assert [o.status for o in removed] == ["removed", "removed"]
    alerts = app.store.due_alerts(utcnow())
    assert [a.notifier for a in alerts] == ["desk", "standards"]  # major: both desks, and only once
    event = alerts[0].change
    assert event.summary.event == "removed" and "HTTP 410" in (event.summary.event_detail or "")
    assert event.summary.lines()[0].startswith("Story removed by the publisher")
    gone = app.store.get_story(story.id)
    assert gone.status is StoryStatus.REMOVED and gone.last_error.startswith("HTTP 410")
    app.outbox.deliver_due()

    publish(newsroom, [SUMMIT_V1, FERRY])  # the page is back, unchanged
    back = app.pipeline.check_story(app.store.get_story(story.id))
    assert back.status == "unchanged"
    restored = app.store.due_alerts(utcnow())
    assert {a.change.summary.event for a in restored} == {"restored"}
    assert app.store.get_story(story.id).status is StoryStatus.ACTIVE
    versions = app.store.list_versions(story.id)
    assert [v.number for v in versions] == [1]  # events add no version
    assert [c.summary.event for c in app.store.list_changes(story.id)] == ["removed", "restored"]


def test_a_revert_is_reported_as_a_return_to_the_earlier_version(app: App, newsroom: Newsroom) -> None:
    app.pipeline.run_pass()
    story_id = app.store.get_story(newsroom.url(SUMMIT_V1.path)).id
    publish(newsroom, [SUMMIT_V2, FERRY], seed=1)
    app.pipeline.check_story(app.store.get_story(story_id))
    publish(newsroom, [SUMMIT_V1, FERRY], seed=2)  # the CMS cache flips back
    outcome = app.pipeline.check_story(app.store.get_story(story_id))
    assert outcome.status == "changed" and outcome.version == 3
    change = app.store.latest_change(story_id)
    assert change.summary.reverted_to == 1 and change.summary.lines()[0] == "Reverted to version 1"

    # what a changed check reads: the latest version in one SELECT, and for revert detection the hashes alone
    versions = app.store.list_versions(story_id)
    assert app.store.version_hashes(story_id) == [(v.number, v.text_hash) for v in versions]
    selects: list[str] = []
    event.listen(app.store._engine, "before_cursor_execute", lambda *a: selects.append(a[2]))
    assert app.store.latest_version(story_id) == versions[-1] and versions[-1].number == 3
    assert len([q for q in selects if q.lstrip().upper().startswith("SELECT")]) == 1


def test_a_304_and_an_identical_body_cost_no_extraction(app: App, newsroom: Newsroom) -> None:
    publish(newsroom, [SUMMIT_V1, FERRY])
    page = story_page(SUMMIT_V1, base=newsroom.base_url)
    newsroom.set(SUMMIT_V1.path, page, headers={"ETag": '"v1"'})
    app.pipeline.run_pass()
    story = app.store.get_story(newsroom.url(SUMMIT_V1.path))
    assert story.etag == '"v1"' and story.raw_hash
    seen: list[str | None] = []
    original = newsroom._serve

    def conditional(handler):  # type: ignore[no-untyped-def]
        seen.append(handler.headers.get("If-None-Match"))
        if handler.headers.get("If-None-Match") == '"v1"':
            handler.send_response(304)
            handler.send_header("Content-Length", "0")
            handler.end_headers()
            return
        original(handler)

    newsroom._serve = conditional  # type: ignore[method-assign]
    outcome = app.pipeline.check_story(app.store.get_story(story.id))
    assert (outcome.status, outcome.detail) == ("unchanged", "not modified (304)")
    assert seen[-1] == '"v1"'


def test_a_headline_rewritten_only_on_the_page_is_a_headline_change(app: App, newsroom: Newsroom) -> None:
    """The CMS rewrote the visible <h1> and <title> but left JSON-LD and og:title stale."""
    app.pipeline.run_pass()
    story_id = app.store.get_story(newsroom.url(SUMMIT_V1.path)).id
    page = story_page(SUMMIT_V1, base=newsroom.base_url)
    new = "Leaders arrive in Valmora as summit guest list grows"
    edited = page.replace(f'<h1 class="headline">{SUMMIT_V1.headline}</h1>', f'<h1 class="headline">{new}</h1>')
    edited = edited.replace(f"<title>{SUMMIT_V1.headline} |", f"<title>{new} |")
    assert edited.count(new) == 2
    newsroom.set(SUMMIT_V1.path, edited)
    outcome = app.pipeline.check_story(app.store.get_story(story_id))
    assert outcome.status == "changed"
    summary = app.store.latest_change(story_id).summary
    assert summary.headline == (SUMMIT_V1.headline, new)
    assert summary.significance is Significance.MAJOR


def test_the_extractor_is_warmed_only_when_a_page_needs_reading(
    app: App, newsroom: Newsroom, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A pass of identical pages starts no extraction process: the fork server starts at the first page to read."""
    warmed: list[str] = []
    monkeypatch.setattr(app.pipeline.checker.extractor, "warm", lambda: warmed.append("warm"))
    app.pipeline.run_pass(all_stories=True)  # the baselines: every page read
    assert warmed
    warmed.clear()
    outcomes = app.pipeline.run_pass(all_stories=True)
    assert {o.detail for o in outcomes if o.story_id} == {"identical body"} and warmed == []
    newsroom.set(SUMMIT_V1.path, story_page(SUMMIT_V2, base=newsroom.base_url))
    changed = app.pipeline.check_story(app.store.get_story(newsroom.url(SUMMIT_V1.path)))
    assert changed.status == "changed" and warmed == ["warm"]
