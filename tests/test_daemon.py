"""`storywatch run`: it checks on schedule, alerts, stops cleanly on SIGTERM/SIGINT, and runs once per database.

The lease tests start real processes on one SQLite file; the heartbeat, take-over and operations tests drive a
``Daemon`` in a thread with short intervals.
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import pytest

from monitor.app import App
from monitor.config import load_config
from monitor.demo.newsroom import Newsroom
from monitor.demo.stories import SUMMIT_V1, SUMMIT_V2, DemoStory, rss, story_page
from monitor.models import utcnow
from monitor.scheduler import Daemon, DaemonRunning
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


@pytest.mark.parametrize(("stop_signal", "verbose"), [(signal.SIGTERM, True), (signal.SIGINT, False)])
def test_daemon_detects_a_change_alerts_and_stops_cleanly(
    tmp_path: Path, newsroom: Newsroom, capture_server: CaptureServer, stop_signal: signal.Signals, verbose: bool
) -> None:
    """Quiet by default: a daemon with nothing wrong writes nothing to stderr (the newsroom has no robots.txt,
    a 404 that is no failure); -v gives one line per event."""
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
        [sys.executable, "-m", "monitor", *(["-v"] if verbose else []), "-c", str(config), "run"],
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
    if verbose:
        assert "storywatch running: 1 source(s), 1 notifier(s)" in stderr
        assert "version 2 (substantive), 1 alert(s) queued" in stderr
        assert "stopped" in stderr.splitlines()[-1]
    else:
        assert stderr == ""
    assert "fetch failed" not in stderr and "robots.txt" not in stderr
    assert capture_server.requests[0].json()["to"]["version"] == 2


def write_config(tmp_path: Path, newsroom: Newsroom, notifiers: str = "", delivery: str = "interval: 1s") -> Path:
    config = tmp_path / "config.yaml"
    config.write_text(f"""
storage: {{url: "sqlite:///{tmp_path / "s.db"}"}}
fetch: {{allow_private_networks: true, min_gap: 0s}}
schedule: {{ladder: ["1h: 1s"], jitter: 0}}
delivery: {{{delivery}}}
sources:
  - {{name: world, feed: "{newsroom.url("/rss.xml")}", interval: 10s}}
notifiers:
{notifiers or "  - {name: desk, type: console, color: false}"}
""")
    return config


def start_daemon(config: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "monitor", "-c", str(config), "run"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )


def stop(process: subprocess.Popen[str]) -> str:
    process.send_signal(signal.SIGTERM)
    _, stderr = process.communicate(timeout=30)
    return stderr


def test_a_second_daemon_on_the_same_database_refuses_and_the_lease_is_released_on_stop(
    tmp_path: Path, newsroom: Newsroom
) -> None:
    publish(newsroom, SUMMIT_V1)
    config = write_config(tmp_path, newsroom)
    first = start_daemon(config)
    second = third = None
    try:
        store = Store.open(f"sqlite:///{tmp_path / 's.db'}")
        try:
            holder = f"{socket.gethostname()}:{first.pid}"
            wait_until(lambda: (lease := store.lease()) is not None and lease.last_cycle_at is not None)
            lease = store.lease()
            assert lease is not None and lease.owner == holder

            second = start_daemon(config)
            _, stderr = second.communicate(timeout=30)
            assert second.returncode == 2, stderr
            assert f"another storywatch daemon ({holder}) is running on this database since" in stderr
            assert lease.started_at.strftime("%Y-%m-%dT%H:%M:%S") in stderr and "stop it first" in stderr
            assert first.poll() is None  # the first daemon is untouched
            assert store.lease() is not None and store.lease().owner == holder  # type: ignore[union-attr]

            stderr = stop(first)
            assert first.returncode == 0, stderr
            assert store.lease() is None  # let go on a clean stop

            third = start_daemon(config)  # the database is free again
            wait_until(lambda: (lease := store.lease()) is not None and lease.owner.endswith(f":{third.pid}"))
            stderr = stop(third)
            assert third.returncode == 0, stderr
            assert store.lease() is None
        finally:
            store.close()
    finally:
        for process in (first, second, third):
            if process is not None and process.poll() is None:
                process.kill()


@contextmanager
def running(daemon: Daemon) -> Iterator[threading.Thread]:
    def run() -> None:
        with suppress(DaemonRunning):  # a lost lease: the test reads daemon.lost
            daemon.run(install_signals=False)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    try:
        yield thread
    finally:
        daemon.stop()
        thread.join(30)


def test_heartbeat_renews_the_lease_notes_each_cycle_and_a_stale_lease_is_taken_over(
    tmp_path: Path, newsroom: Newsroom
) -> None:
    publish(newsroom, SUMMIT_V1)
    with App.open(load_config(write_config(tmp_path, newsroom))) as app:
        long_ago = utcnow() - timedelta(minutes=5)
        assert app.store.acquire_lease("crashed-host:1", now=long_ago, stale_after=timedelta(seconds=45)) is None
        daemon = Daemon(app, owner="here:2", heartbeat=timedelta(seconds=0.2))
        with running(daemon):
            wait_until(lambda: (lease := app.store.lease()) is not None and lease.owner == "here:2")
            wait_until(lambda: app.store.lease().last_cycle_at is not None)  # type: ignore[union-attr]
            first = app.store.lease().heartbeat_at  # type: ignore[union-attr]
            wait_until(lambda: app.store.lease().heartbeat_at > first)  # type: ignore[union-attr]
            with pytest.raises(DaemonRunning, match=r"another storywatch daemon \(here:2\)"):
                Daemon(app, owner="elsewhere:3").run(install_signals=False)
        assert app.store.lease() is None


def test_a_fresh_lease_of_a_killed_daemon_on_this_machine_is_taken_at_once(tmp_path: Path, newsroom: Newsroom) -> None:
    """After a SIGKILL the restarted daemon need not wait out the stale time: the holder's pid runs no more here.
    A live process here, or any process of another machine, still holds its lease."""
    publish(newsroom, SUMMIT_V1)
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    # a live process of this machine that is neither this test's nor the new daemon's ("here:1"): the test's parent
    # may be pid 1 itself when it runs detached
    live = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    here = socket.gethostname()
    cases = ((f"{here}:{live.pid}", False), (f"other-host:{dead.pid}", False), (f"{here}:{dead.pid}", True))
    with contextlib.ExitStack() as stack:
        stack.callback(live.wait)
        stack.callback(live.kill)
        app = stack.enter_context(App.open(load_config(write_config(tmp_path, newsroom))))
        for holder, taken in cases:
            assert app.store.acquire_lease(holder, now=utcnow(), stale_after=timedelta(seconds=45)) is None
            daemon = Daemon(app, owner=f"{here}:1")
            if taken:
                daemon.acquire()
                assert app.store.lease().owner == daemon.owner  # type: ignore[union-attr]
            else:
                with pytest.raises(DaemonRunning, match=holder):
                    daemon.acquire()
                app.store.release_lease(holder)


def test_a_daemon_that_lost_its_lease_stops(tmp_path: Path, newsroom: Newsroom) -> None:
    publish(newsroom, SUMMIT_V1)
    with App.open(load_config(write_config(tmp_path, newsroom))) as app:
        daemon = Daemon(app, owner="slow:1", heartbeat=timedelta(seconds=0.2))
        with running(daemon) as thread:
            wait_until(lambda: app.store.lease() is not None)
            # it looked dead to another daemon, which took over (in one transaction: no heartbeat comes between)
            assert app.store.acquire_lease("fresh:2", now=utcnow(), stale_after=timedelta(0)) is None
            thread.join(10)
            assert not thread.is_alive()
            assert daemon.lost is not None and "another storywatch daemon (fresh:2)" in str(daemon.lost)
        lease = app.store.lease()
        assert lease is not None and lease.owner == "fresh:2"  # the stopping daemon did not release it


def test_each_delivery_cycle_reports_dead_alerts_to_operations(
    tmp_path: Path, newsroom: Newsroom, capture_server: CaptureServer
) -> None:
    token = "tok-5ecret-77"
    publish(newsroom, SUMMIT_V1)
    notifiers = f"""  - {{name: hook, type: webhook, url: "{capture_server.url}/hook/{token}"}}
  - {{name: ops, type: webhook, url: "{capture_server.url}/ops", operations: true}}"""
    config = write_config(tmp_path, newsroom, notifiers, delivery="interval: 1h, max_attempts: 1")
    with App.open(load_config(config)) as app:
        app.pipeline.run_pass()
        publish(newsroom, SUMMIT_V2)
        app.pipeline.run_pass(all_stories=True)
        capture_server.respond(500, f"upstream broke at /hook/{token}")
        daemon = Daemon(app, owner="here:1")
        daemon.deliver()  # the change alert fails once and is given up (max_attempts: 1); ops hears of it
        daemon.deliver()  # the operations alert goes out
        ops = [r for r in capture_server.requests if r.path == "/ops"]
        assert len(ops) == 1
        report = ops[0].json()["operations"]
        assert report["kind"] == "outbox_dead" and "hook" in report["subject"]
        assert token not in ops[0].body.decode()
        daemon.deliver()  # the same condition is not reported twice
        assert len([r for r in capture_server.requests if r.path == "/ops"]) == 1


def publish_many(site: Newsroom, count: int) -> None:
    stories = [replace(SUMMIT_V1, path=f"/world/story-{n}") for n in range(count)]
    for story in stories:
        site.set(story.path, story_page(story, base=site.base_url))
    site.set("/rss.xml", rss("World", site.base_url, stories), content_type="application/rss+xml")


def test_stopping_mid_pass_starts_no_new_check_and_keeps_the_lease_until_done(
    tmp_path: Path, newsroom: Newsroom
) -> None:
    """A pass of 40 stories paced 0.25 s apart takes 10 s; a stop after the first few ends it in about a second,
    the rest stay due, and the lease is renewed while in-flight checks finish (no second daemon can take over)."""
    publish_many(newsroom, 40)
    config = write_config(tmp_path, newsroom)
    config.write_text(config.read_text().replace("min_gap: 0s", "min_gap: 0.25s"))
    with App.open(load_config(config)) as app:
        daemon = Daemon(app, owner="here:1", heartbeat=timedelta(seconds=0.2))
        with running(daemon) as thread:
            wait_until(lambda: len(newsroom.requests) >= 5)
            daemon.stop()
            stopped_at = time.monotonic()
            thread.join(15)
            took = time.monotonic() - stopped_at
        assert not thread.is_alive() and took < 5, took
        checked = sum(s.versions == 1 for s in app.store.list_stories())
        assert 3 <= checked < 40  # the rest were left for the next pass, still due
        due = {s.id for s in app.store.due_stories(utcnow())}
        assert {s.id for s in app.store.list_stories() if s.versions == 0} <= due
        assert app.store.lease() is None  # released on the clean stop


def test_a_pass_stops_starting_checks_when_its_budget_is_spent(tmp_path: Path, newsroom: Newsroom) -> None:
    publish_many(newsroom, 12)
    config = write_config(tmp_path, newsroom)
    config.write_text(config.read_text().replace("min_gap: 0s", "min_gap: 0.2s"))
    with App.open(load_config(config)) as app:
        app.pipeline.run_pass(budget=0.5)  # the feed, then as many baselines as fit in half a second
        first = sum(s.versions == 1 for s in app.store.list_stories())
        assert 1 <= first < 12
        app.pipeline.run_pass()  # no budget: the rest, most overdue first
        assert all(s.versions == 1 for s in app.store.list_stories())


def test_run_with_metrics_answers_healthz_and_metrics_beside_the_daemon(tmp_path: Path, newsroom: Newsroom) -> None:
    """For installs without the web view: `run --metrics HOST:PORT` serves /healthz and /metrics, nothing else."""
    import re

    import httpx

    publish(newsroom, SUMMIT_V1)
    config = write_config(tmp_path, newsroom)
    process = subprocess.Popen(
        [sys.executable, "-m", "monitor", "-c", str(config), "run", "--metrics", "127.0.0.1:0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    try:
        line = process.stderr.readline() if process.stderr else ""
        while line and "metrics and health on" not in line:
            line = process.stderr.readline() if process.stderr else ""
        found = re.search(r"(http://127\.0\.0\.1:\d+/)metrics", line)
        assert found, line
        base = found.group(1)
        wait_until(lambda: httpx.get(base + "healthz", timeout=2).status_code == 200)
        assert httpx.get(base + "healthz", timeout=2).json()["daemon"]["fresh"] is True
        wait_until(lambda: "storywatch_stories" in httpx.get(base + "metrics", timeout=2).text)
        assert httpx.get(base, timeout=2).status_code == 404  # the web view is not served here
    finally:
        stderr = stop(process)
    assert process.returncode == 0, stderr
