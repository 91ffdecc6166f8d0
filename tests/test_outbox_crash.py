"""A delivery process killed with SIGKILL at each point of the cycle: nothing lost, no duplicate but the one window.

The child is a real process delivering from a real SQLite outbox to a real HTTP server; it kills itself at one
point of the first delivery. A fresh outbox then finishes the job. Counting what the server received per
alert (by the ``X-Storywatch-Delivery`` dedupe key): every alert exactly once, except when the process died
after the channel accepted a message but before the outbox recorded it — then that one alert twice.
"""

from __future__ import annotations

import signal
import subprocess
import sys
from collections import Counter
from datetime import timedelta
from pathlib import Path

import pytest

from monitor.models import Article, DiffSummary, Significance, utcnow
from notifiers import build_notifier
from notifiers.outbox import Outbox
from storage.store import Store
from tests.fixtures_servers import CaptureServer

REPO = Path(__file__).resolve().parent.parent

CHILD = """
import os, signal, sys
from notifiers import build_notifier
from notifiers.outbox import Outbox
from storage.store import Store

db, url, point = sys.argv[1:4]
store = Store.open(db)
hook = build_notifier("desk", "webhook", {"url": url})
send, mark = hook.send, store.mark_delivered

def die(where):
    if point == where:
        os.kill(os.getpid(), signal.SIGKILL)

def send_then_maybe_die(alert):
    die("before_send")
    result = send(alert)
    die("after_accept")
    return result

def mark_then_maybe_die(*args, **kwargs):
    mark(*args, **kwargs)
    die("after_mark")

hook.send = send_then_maybe_die
store.mark_delivered = mark_then_maybe_die
Outbox(store, {"desk": hook}).deliver_due()
sys.exit(3)  # never reached: every point kills the first delivery
"""


def _seed(store: Store) -> list[str]:
    """Two stories, three alerts (story a: v2, v3; story b: v2); returns their dedupe keys in order."""
    seen = utcnow() - timedelta(hours=1)
    keys = []
    for slug, versions in (("a", 3), ("b", 2)):
        url = f"https://news.example.org/{slug}"
        story, _ = store.add_story(url, source="world", headline=slug, now=seen, next_check_at=seen)
        for n in range(1, versions + 1):
            summary = DiffSummary(Significance.SUBSTANTIVE, True) if n > 1 else None
            _, _, made = store.add_version(
                story.id,
                Article(url=url, headline=f"{slug} v{n}", body=(f"{slug} {n}",)),
                text=f"{slug}{n}",
                text_hash=f"{slug}{n}",
                seen_at=seen + timedelta(seconds=n),
                summary=summary,
                notifiers=["desk"] if n > 1 else (),
            )
            keys += [alert.dedupe_key for alert in made]
    return keys


@pytest.mark.parametrize("point", ["before_send", "after_accept", "after_mark"])
def test_sigkill_at_each_point_of_the_delivery_cycle(tmp_path: Path, capture_server: CaptureServer, point: str) -> None:
    db = f"sqlite:///{tmp_path / 'outbox.db'}"
    store = Store.open(db)
    keys = _seed(store)
    url = capture_server.url + "/hook"
    child = subprocess.run(
        [sys.executable, "-c", CHILD, db, url, point], cwd=REPO, capture_output=True, text=True, timeout=60
    )
    assert child.returncode == -signal.SIGKILL, child.stderr

    after = Outbox(store, {"desk": build_notifier("desk", "webhook", {"url": url})}).deliver_due()
    assert all(result.ok for _, result in after)
    received = [request.headers["x-storywatch-delivery"] for request in capture_server.requests]
    counts = Counter(received)
    assert set(counts) == set(keys)  # nothing lost
    first = keys[0]
    expected = {key: 1 for key in keys}
    if point == "after_accept":  # the one window: accepted by the channel, not yet recorded
        expected[first] = 2
    assert dict(counts) == expected
    story_a = [key for key in received if key in keys[:2]]
    assert story_a == sorted(story_a, key=keys.index)  # per-story order held across the crash
    rows = store.outbox_status()
    assert [(r.delivered, r.pending, r.dead) for r in rows] == [(3, 0, 0)]
    store.close()
