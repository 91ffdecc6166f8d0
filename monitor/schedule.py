"""When to check a story next: an age ladder that a found change resets, back-off on failures, Retry-After.

    next_check(story, now, outcome=..., schedule=..., source=...) -> datetime | None   (None: stop tracking)

- A story is checked often while young and less as it ages (``schedule.ladder``); its "age" restarts when a
  change is found, so a story being edited is watched closely again (NewsDiffs and News Sniffer do the same).
- Past ``schedule.max_age`` a story is no longer checked — unless its source is pinned or it is a single
  watched article (``url:`` source), which keeps its own interval for good.
- A failure is retried soon at first (1, 2, 4 minutes: most are blips), then with exponential back-off and jitter
  up to a day, so a broken page or a struggling host is not hammered; a server's ``Retry-After`` is honoured.
- After a feed's or sitemap's story gets its baseline (its first stored version), its next check is spread over
  the whole first interval by the story's id (``spread``), deterministically: a feed that lists 10,000 new
  stories at once does not make them all due again at one instant, and the daemon's load stays smooth.
"""

from __future__ import annotations

import hashlib
import random
from datetime import datetime, timedelta

from monitor.config import ScheduleSettings
from monitor.models import Source, SourceKind, Story

FIRST_RETRY = timedelta(minutes=1)
QUICK_RETRIES = 3
_RNG = random.Random()  # shared: seeding a new Random per check reads os.urandom every time


def next_check(
    story: Story,
    now: datetime,
    *,
    schedule: ScheduleSettings,
    source: Source | None = None,
    changed: bool = False,
    failures: int = 0,
    retry_after: float | None = None,
    baseline: bool = False,
    rng: random.Random | None = None,
) -> datetime | None:
    """The next check time for ``story`` after a check at ``now`` (see the module docstring).

    ``baseline``: this check stored the story's first version; the next one is spread by ``spread``."""
    rng = rng or _RNG
    interval = _interval(story, now, schedule, source, changed)
    if interval is None:
        return None
    if retry_after is not None:
        return now + timedelta(seconds=retry_after) + _jitter(timedelta(seconds=min(retry_after, 60)), 0.1, rng)
    if failures > 0:
        backoff = min(FIRST_RETRY * (2 ** min(failures - 1, 12)), timedelta(days=1))
        interval = min(interval, backoff) if failures <= QUICK_RETRIES else max(interval, backoff)
    elif baseline and not (source is not None and source.kind is SourceKind.URL):
        return now + interval * spread(story.id)
    return now + interval + _jitter(interval, schedule.jitter, rng)


def _interval(
    story: Story, now: datetime, schedule: ScheduleSettings, source: Source | None, changed: bool
) -> timedelta | None:
    if source is not None and source.kind is SourceKind.URL:
        return source.interval  # a watched article is checked at its own pace, for as long as it is configured
    last_change = now if changed else story.last_changed_at
    age = now - story.first_seen_at
    active_age = now - last_change if last_change else age
    if age > schedule.max_age and not (source is not None and source.pinned):
        return None
    return schedule.interval_for(min(age, active_age)) or schedule.ladder[-1][1]


def spread(story_id: int) -> float:
    """A fraction in (0, 1], fixed for a story id and evenly spread over ids (a hash, so neighbours differ)."""
    digest = hashlib.blake2b(story_id.to_bytes(8, "big", signed=True), digest_size=8).digest()
    return (int.from_bytes(digest, "big") % 1_000_000 + 1) / 1_000_000


def _jitter(interval: timedelta, fraction: float, rng: random.Random) -> timedelta:
    spread = interval.total_seconds() * fraction
    return timedelta(seconds=rng.uniform(-spread, spread))
