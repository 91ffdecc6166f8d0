"""Staggered first checks: a feed that lists thousands of new stories does not make them all due at one instant.

After a story's baseline its next check is spread over the whole first interval by its id (deterministic), so
the daemon's load after a big feed's baseline pass is smooth rather than one burst per interval.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

from monitor.app import App
from monitor.config import ScheduleSettings, parse_config
from monitor.demo.newsroom import Newsroom
from monitor.demo.stories import FERRY, rss, story_page
from monitor.models import Source, SourceKind, Story, StoryStatus
from monitor.schedule import next_check, spread

T0 = datetime(2025, 8, 28, 9, 0, tzinfo=UTC)
FIRST = ScheduleSettings().ladder[0][1]  # the first interval of the default ladder (10 minutes)
FEED = Source("world", SourceKind.FEED, "https://news.example/rss.xml")


def story(story_id: int) -> Story:
    return Story(story_id, f"https://news.example/s/{story_id}", "world", None, StoryStatus.ACTIVE, 0, T0)


def test_ten_thousand_baselines_are_due_again_evenly_over_the_first_interval() -> None:
    schedule = ScheduleSettings(jitter=0.0)  # even with no random jitter at all
    times = [next_check(story(i), T0, schedule=schedule, source=FEED, baseline=True) for i in range(1, 10_001)]
    offsets = [(t - T0) / FIRST for t in times if t is not None]
    assert len(offsets) == 10_000 and all(0 < x <= 1 for x in offsets)
    buckets = Counter(min(int(x * 10), 9) for x in offsets)  # ten slices of the interval, ~1,000 each
    assert sorted(buckets) == list(range(10)) and all(850 <= n <= 1150 for n in buckets.values())
    assert max(Counter(times).values()) <= 3  # no instant that many stories share
    again = [next_check(story(i), T0, schedule=schedule, source=FEED, baseline=True) for i in range(1, 10_001)]
    assert again == times  # deterministic: by story id, not by chance


def test_spread_is_a_fixed_fraction_per_story_and_only_after_a_baseline() -> None:
    assert spread(7) == spread(7) and 0 < spread(7) <= 1 and spread(7) != spread(8)
    schedule = ScheduleSettings(jitter=0.0)
    assert next_check(story(7), T0, schedule=schedule, source=FEED) == T0 + FIRST  # later checks: the ladder
    assert next_check(story(7), T0, schedule=schedule, source=FEED, baseline=True) == T0 + FIRST * spread(7)
    watched = Source("one", SourceKind.URL, "https://news.example/s/7", interval=timedelta(minutes=1))
    assert next_check(story(7), T0, schedule=schedule, source=watched, baseline=True) == T0 + timedelta(minutes=1)
    failed = next_check(story(7), T0, schedule=schedule, source=FEED, baseline=True, failures=1)
    assert failed == T0 + timedelta(minutes=1)  # a failure's retry is not spread


def test_a_feed_of_new_stories_is_due_again_spread_over_the_first_interval(
    tmp_path: Path, newsroom: Newsroom, store_url: str
) -> None:
    stories = [replace(FERRY, path=f"/world/story-{i}", headline=f"Ferry story {i}") for i in range(30)]
    for item in stories:
        newsroom.set(item.path, story_page(item, base=newsroom.base_url))
    newsroom.set("/rss.xml", rss("World", newsroom.base_url, stories), content_type="application/rss+xml")
    text = f"""
storage: {{url: "{store_url}"}}
fetch: {{allow_private_networks: true, timeout: 3s, workers: 2, min_gap: 0s}}
schedule: {{jitter: 0}}
sources:
  - {{name: world, feed: '{newsroom.url("/rss.xml")}'}}
"""
    with App.open(parse_config(text, env={}, path=tmp_path / "config.yaml")) as app:
        outcomes = app.pipeline.run_pass()
        assert sum(o.status == "new" for o in outcomes) == 30
        tracked = app.store.list_stories()
        offsets = [(s.next_check_at - s.last_checked_at) / FIRST for s in tracked]  # type: ignore[operator]
        assert all(0 < x <= 1 for x in offsets)
        assert len({s.next_check_at for s in tracked}) == 30  # no two due at the same instant
        assert max(offsets) - min(offsets) > 0.5  # spread over the interval, not bunched at its end
        for s in tracked:
            assert abs((s.next_check_at - s.last_checked_at) / FIRST - spread(s.id)) < 1e-6  # type: ignore[operator]
