"""`storywatch run` as a real process: it checks on schedule, alerts, and stops cleanly on SIGTERM/SIGINT."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from monitor.demo.newsroom import Newsroom
from monitor.demo.stories import SUMMIT_V1, SUMMIT_V2, DemoStory, rss, story_page
from storage.store import Store
from tests.fixtures_servers import CaptureServer


def publish(site: Newsroom, story: DemoStory) -> None:
    site.set(story.path, story_page(story, base=site.base_url))
    site.set("/rss.xml", rss("World", site.base_url, [story]), content_type="application/rss+xml")


def wait_until(predicate, timeout: float = 30.0) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.2)
    raise AssertionError("condition not met in time")


@pytest.mark.parametrize("stop_signal", [signal.SIGTERM, signal.SIGINT])
def test_daemon_detects_a_change_alerts_and_stops_cleanly(
    tmp_path: Path, newsroom: Newsroom, capture_server: CaptureServer, stop_signal: signal.Signals
) -> None:
    publish(newsroom, SUMMIT_V1)
    db = tmp_path / "s.db"
    config = tmp_path / "config.yaml"
    config.write_text(f"""
storage: {{url: "sqlite:///{db}"}}
fetch: {{allow_private_networks: true, min_gap: 0s}}
schedule: {{ladder: ["1h: 1s"], jitter: 0}}
delivery: {{interval: 1s}}
sources:
  - {{name: world, feed: "{newsroom.url("/rss.xml")}", interval: 10s}}
notifiers:
  - {{name: hook, type: webhook, url: "{capture_server.url}/hook"}}
""")
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    process = subprocess.Popen(
        [sys.executable, "-m", "monitor", "-c", str(config), "run"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        store = Store.open(f"sqlite:///{db}")
        try:
            wait_until(lambda: any(s.versions == 1 for s in store.list_stories()))
            publish(newsroom, SUMMIT_V2)
            wait_until(lambda: len(capture_server.requests) == 1, timeout=40)
        finally:
            store.close()
        process.send_signal(stop_signal)
        _, stderr = process.communicate(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == 0, stderr
    assert "storywatch running: 1 source(s), 1 notifier(s)" in stderr
    assert "stopped" in stderr.splitlines()[-1]
    assert capture_server.requests[0].json()["to"]["version"] == 2
