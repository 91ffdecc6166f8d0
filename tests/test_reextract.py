"""`storywatch reextract`: stored pages extracted again, versions updated in place, the outbox untouched.

Stories are tracked by the real pipeline from a local newsroom, on SQLite and PostgreSQL (``store_url``).
An "old extractor" is simulated by overwriting a version's extraction with a different one.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from sqlalchemy import func, select, update

from monitor.app import App
from monitor.cli import cli
from monitor.config import load_config
from monitor.demo.newsroom import Newsroom
from monitor.demo.stories import FERRY, SUMMIT_V1, SUMMIT_V2, DemoStory, rss, story_page
from monitor.extractors import EXTRACTOR_VERSION
from monitor.models import Article, utcnow
from monitor.normalize import normalized_text, text_hash
from storage.engine import make_engine
from storage.tables import alerts, changes, checks, stories, versions


def publish(site: Newsroom, stories: list[DemoStory], seed: int = 0) -> None:
    for story in stories:
        site.set(story.path, story_page(story, base=site.base_url, boilerplate_seed=seed))
    site.set("/world/rss.xml", rss("World", site.base_url, stories), content_type="application/rss+xml")


@pytest.fixture
def config(tmp_path: Path, newsroom: Newsroom, store_url: str) -> Iterator[Path]:
    """A config whose database holds two stories: the summit with a change (and its alert), the ferry."""
    path = tmp_path / "config.yaml"
    path.write_text(
        f"""
storage: {{url: "{store_url}"}}
fetch: {{allow_private_networks: true, timeout: 3s, workers: 1, min_gap: 0s}}
sources:
  - {{name: world, feed: "{newsroom.url("/world/rss.xml")}"}}
notifiers:
  - {{name: desk, type: console, min_significance: minor, color: false}}
"""
    )
    publish(newsroom, [SUMMIT_V1, FERRY])
    with App.open(load_config(path)) as app:
        app.pipeline.run_pass()
        publish(newsroom, [SUMMIT_V2, FERRY], seed=7)
        app.pipeline.run_pass(all_stories=True)
        assert len(app.store.due_alerts(utcnow())) == 1
    yield path


def run(config: Path, *args: str) -> Result:
    return CliRunner().invoke(cli, ["-c", str(config), "reextract", *args])


def open_app(config: Path) -> App:
    return App.open(load_config(config), deliver=False)


def outdate(app: App, story_id: int, number: int) -> str:
    """Overwrite a version with what an older extractor read (boilerplate leaked in); returns its text hash."""
    stored = app.store.get_version(story_id, number)
    assert stored is not None
    old = replace(
        stored.article,
        body=(*stored.article.body, "Advertisement"),
        extractor={**stored.article.extractor, "version": "1"},
    )
    text = normalized_text(old)
    app.store.replace_extraction(story_id, number, old, text=text, text_hash=text_hash(text))
    # and sealed no gate today's extractor trusts (a digest names the extractor's version: never the same)
    engine = make_engine(app.settings.storage.url)
    with engine.begin() as connection:
        connection.execute(update(stories).where(stories.c.id == story_id).values(gate=None))
    engine.dispose()
    return text_hash(text)


def snapshot(url: str) -> dict[str, Any]:
    """Everything reextract must leave alone: the outbox, the changes, the check log, the version count."""
    engine = make_engine(url)
    try:
        with engine.connect() as connection:
            return {
                "alerts": [tuple(row) for row in connection.execute(select(alerts).order_by(alerts.c.id))],
                "changes": [tuple(row) for row in connection.execute(select(changes).order_by(changes.c.id))],
                "checks": connection.scalar(select(func.count()).select_from(checks)),
                "versions": connection.scalar(select(func.count()).select_from(versions)),
            }
    finally:
        engine.dispose()


def test_reextract_updates_versions_in_place_and_alerts_no_one(config: Path, store_url: str) -> None:
    with open_app(config) as app:
        summit = next(s for s in app.store.list_stories() if "summit" in s.url)
        current = app.store.get_version(summit.id, 1)
        assert current is not None
        stale = outdate(app, summit.id, 1)
    before = snapshot(store_url)

    result = run(config, "--all", "--json")

    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["extractor_version"] == EXTRACTOR_VERSION and report["dry_run"] is False
    by_url = {s["url"]: s for s in report["stories"]}
    assert len(by_url) == 2
    summit_report = next(s for url, s in by_url.items() if "summit" in url)
    assert (summit_report["reread"], summit_report["changed"], summit_report["skipped"]) == (2, 1, 0)
    assert [(v["version"], v["status"]) for v in summit_report["versions"]] == [(1, "changed"), (2, "unchanged")]
    ferry_report = next(s for url, s in by_url.items() if "ferry" in url)
    assert (ferry_report["reread"], ferry_report["changed"]) == (1, 0)

    assert snapshot(store_url) == before  # no alert, change, check or version added or touched
    with open_app(config) as app:
        fixed = app.store.get_version(summit.id, 1)
        assert fixed is not None and fixed.text_hash != stale
        assert fixed.text_hash == current.text_hash and fixed.article.body == current.article.body
        assert {v.extractor_version for v in app.store.list_versions(summit.id)} == {EXTRACTOR_VERSION}


def test_dry_run_reports_and_stores_nothing(config: Path, store_url: str) -> None:
    with open_app(config) as app:
        ferry = next(s for s in app.store.list_stories() if "ferry" in s.url)
        stale = outdate(app, ferry.id, 1)
    before = snapshot(store_url)

    result = run(config, "--story", str(ferry.id), "--dry-run")

    assert result.exit_code == 0, result.output
    assert "1 with changed text" in result.output and "dry run, nothing stored" in result.output
    assert snapshot(store_url) == before
    with open_app(config) as app:
        version = app.store.get_version(ferry.id, 1)
        assert version is not None and version.text_hash == stale and version.extractor_version == "1"


def test_a_version_without_raw_html_is_skipped(config: Path) -> None:
    with open_app(config) as app:
        summit = next(s for s in app.store.list_stories() if "summit" in s.url)
        assert app.store.prune_raw_html(keep=1) == 1  # the summit's first page is no longer kept

    result = run(config, "--story", summit.url, "--json")

    assert result.exit_code == 0, result.output
    (story,) = json.loads(result.output)["stories"]
    assert [(v["version"], v["status"]) for v in story["versions"]] == [(1, "skipped"), (2, "unchanged")]
    assert story["versions"][0]["detail"] == "no raw HTML kept"


def test_a_page_the_extractor_now_fails_on_keeps_its_version_and_exits_1(config: Path, store_url: str) -> None:
    with open_app(config) as app:
        ferry = next(s for s in app.store.list_stories() if "ferry" in s.url)
        latest = app.store.latest_version(ferry.id)
        assert latest is not None
        article = Article(url=ferry.url, headline="Stored", body=("A paragraph that was read once.",))
        app.store.add_version(
            ferry.id, article, text="t", text_hash="h", seen_at=utcnow(), raw_html=b"%PDF-1.7 not a page"
        )
    before = snapshot(store_url)

    result = run(config, "--story", str(ferry.id))

    assert result.exit_code == 1, result.output
    assert "1 failed" in result.output and "v2:" in result.output
    assert snapshot(store_url) == before
    with open_app(config) as app:
        kept = app.store.get_version(ferry.id, 2)
        assert kept is not None and kept.text_hash == "h" and kept.article.headline == "Stored"


def test_usage_errors_exit_2(config: Path) -> None:
    nothing = run(config)
    assert nothing.exit_code == 2 and "--story STORY" in nothing.output
    unknown = run(config, "--story", "9999")
    assert unknown.exit_code == 2 and "no story '9999'" in unknown.output


def test_a_parser_change_is_not_reported_as_a_story_change(config: Path, newsroom: Newsroom) -> None:
    """The latest version was read by an older extractor: a check re-reads its kept page before comparing."""
    with open_app(config) as app:
        ferry = next(s for s in app.store.list_stories() if "ferry" in s.url)
        stale = outdate(app, ferry.id, 1)
        alerts_before = len(app.store.due_alerts(utcnow()))
    publish(newsroom, [SUMMIT_V2, FERRY], seed=11)  # new boilerplate: other bytes, same story

    with open_app(config) as app:
        outcomes = {o.target: o for o in app.pipeline.run_pass(all_stories=True)}
        (outcome,) = [o for url, o in outcomes.items() if "ferry" in url]
        assert outcome.status == "unchanged", outcome
        assert app.store.get_story(ferry.id).versions == 1
        current = app.store.get_version(ferry.id, 1)
        assert current is not None and current.extractor_version == EXTRACTOR_VERSION
        assert current.text_hash != stale and "Advertisement" not in current.article.body
        assert len(app.store.due_alerts(utcnow())) == alerts_before
