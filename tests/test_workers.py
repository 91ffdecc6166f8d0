"""Several `storywatch run` workers on one PostgreSQL: real processes, a newsroom on several loopback hosts.

Three workers share the work through the database alone: every story baselined once, each edit alerted once
(counted at a capture server), per-host concurrency within ``fetch.per_host`` over all workers together (the
newsroom counts requests in flight) and robots.txt read once per host; a worker killed with SIGKILL mid-pass
loses nothing and doubles nothing (its claims expire and are taken); SIGTERM lets go of every claim at once;
SQLite still refuses a second `run`. Intervals and leases are short (config), so each test takes seconds.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import select

from storage.store import Store
from storage.tables import checks
from tests.fixtures_db import _reset_schema
from tests.fixtures_hosts import Newsrooms, worker_config
from tests.fixtures_servers import CaptureServer

pytestmark = pytest.mark.postgres

PER_HOST = 2


def wait_until(predicate: Callable[[], object], timeout: float = 40.0, what: str = "condition") -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.2)
    raise AssertionError(f"{what}: not met within {timeout:g}s")


def write_config(path: Path, url: str, rooms: Newsrooms, hook: str, *, workers: int = 4) -> Path:
    text = worker_config(
        url,
        rooms,
        per_host=PER_HOST,
        ladder="1h: 5s",
        workers="claim_lease: 3s, heartbeat: 1s, batch: 4",
        delivery="1s",
        notifier=f'{{name: hook, type: webhook, url: "{hook}"}}',
        threads=workers,
    )
    path.write_text(text)
    return path


def start(config: Path) -> subprocess.Popen[str]:
    """A worker process; its log goes to a file beside the config (a pipe nobody reads would fill and block it)."""
    log = open(config.parent / f"worker-{time.monotonic_ns()}.log", "w")  # noqa: SIM115 - the process owns it
    process = subprocess.Popen(
        [sys.executable, "-m", "monitor", "-v", "-c", str(config), "run"],  # -v: the events the tests read
        stdout=subprocess.DEVNULL,
        stderr=log,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    log.close()
    process.log = Path(log.name)  # type: ignore[attr-defined]
    return process


def log_of(process: subprocess.Popen[str]) -> str:
    return process.log.read_text()  # type: ignore[attr-defined]


@contextmanager
def workers(config: Path, n: int) -> Iterator[list[subprocess.Popen[str]]]:
    processes = [start(config) for _ in range(n)]
    try:
        yield processes
    finally:
        for process in processes:
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
        for process in processes:
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def owner_prefix(process: subprocess.Popen[str]) -> str:
    return f"{socket.gethostname()}:{process.pid}:"


def status_json(config: Path) -> dict:
    done = subprocess.run(
        [sys.executable, "-m", "monitor", "-c", str(config), "status", "--json"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    return json.loads(done.stdout)


def check_rows(store: Store) -> dict[int, list[tuple]]:
    """Every logged check per story: (at, status), in order."""
    with store._engine.connect() as connection:  # noqa: SLF001 - the test reads the log as stored
        rows = connection.execute(select(checks.c.story_id, checks.c.at, checks.c.status).order_by(checks.c.at))
        out: dict[int, list[tuple]] = {}
        for story_id, at, status in rows:
            out.setdefault(story_id, []).append((at, status))
        return out


def assert_each_story_baselined_once(store: Store, expected: int) -> None:
    stories = store.list_stories()
    assert len(stories) == expected
    logged = check_rows(store)
    for story in stories:
        assert [v.number for v in store.list_versions(story.id)][:1] == [1]
        news = [status for _, status in logged.get(story.id, []) if status == "new"]
        assert news == ["new"], f"story {story.url}: baseline checks {news}"


def assert_versions(store: Store, rooms: Newsrooms, edits: list[tuple[int, int]]) -> None:
    """An edited story has two versions (baseline, edit), every other story one: no change found twice."""
    edited = {rooms.url(h, i) for h, i in edits}
    for story in store.list_stories():
        assert story.versions == (2 if story.url in edited else 1), story.url


@pytest.fixture
def pg(pg_url: str) -> str:
    _reset_schema(pg_url)
    return pg_url


@pytest.fixture
def hook(capture_server: CaptureServer) -> str:
    return f"{capture_server.url}/hook"


def test_three_workers_baseline_once_alert_each_edit_once_and_hold_per_host_limits_together(
    tmp_path: Path, pg: str, capture_server: CaptureServer, hook: str
) -> None:
    with Newsrooms(hosts=3, stories=8) as rooms:
        config = write_config(tmp_path / "config.yaml", pg, rooms, hook)
        with workers(config, 3) as processes, Store.open(pg) as store:
            wait_until(lambda: sum(s.versions == 1 for s in store.list_stories()) == 24, what="24 baselines")
            rooms.delay = 0.3  # slow answers from now: the three workers' re-checks overlap on every host
            edits = [(h, i) for h in range(3) for i in (1, 5)]
            for h, i in edits:
                rooms.edit(h, i)
            wait_until(lambda: len(capture_server.requests) >= len(edits), what="6 alerts")
            time.sleep(3)  # time for a duplicate to show
            state = status_json(config)
            assert all(p.poll() is None for p in processes), [
                log_of(p)[-3000:] for p in processes if p.poll() is not None
            ]
        assert_each_story_baselined_once(store, 24)
        assert_versions(store, rooms, edits)
        alerted = sorted(r.json()["story"]["url"] for r in capture_server.requests)
        assert alerted == sorted(rooms.url(h, i) for h, i in edits)  # each edit once, nothing else
        assert max(rooms.peak.values()) <= PER_HOST, rooms.peak
        assert max(rooms.peak.values()) == PER_HOST  # the limit was reached, so it was tested
        assert set(rooms.robots.values()) == {1}, rooms.robots  # robots.txt once per host, not once per worker
        assert state["workers_alive"] == 3
        listed = {w["pid"] for w in state["workers"] if w["alive"]}
        assert listed == {p.pid for p in processes}
        assert all({"id", "host", "pid", "started_at", "heartbeat_at", "alive"} <= set(w) for w in state["workers"])
        assert any(w["last_action"] for w in state["workers"])


def test_a_worker_killed_mid_pass_loses_nothing_and_doubles_nothing(
    tmp_path: Path, pg: str, capture_server: CaptureServer, hook: str
) -> None:
    with Newsrooms(hosts=3, stories=8, delay=0.4) as rooms:
        config = write_config(tmp_path / "config.yaml", pg, rooms, hook)
        with workers(config, 3) as processes, Store.open(pg) as store:
            victim = processes[0]

            def victim_holds_stories() -> bool:
                return any(c.kind == "story" and c.owner.startswith(owner_prefix(victim)) for c in store.list_claims())

            wait_until(victim_holds_stories, what="the victim claims stories")
            victim.kill()  # SIGKILL: no chance to release anything
            victim.wait()
            wait_until(lambda: sum(s.versions == 1 for s in store.list_stories()) == 24, what="24 baselines")
            # its claims expired (3 s lease) and were taken: none left
            wait_until(lambda: not any(c.owner.startswith(owner_prefix(victim)) for c in store.list_claims()))
            edits = [(0, 0), (1, 3), (2, 7)]
            for h, i in edits:
                rooms.edit(h, i)
            wait_until(lambda: len(capture_server.requests) >= len(edits), what="3 alerts")
            time.sleep(3)
            state = status_json(config)
        assert_each_story_baselined_once(store, 24)
        assert_versions(store, rooms, edits)
        alerted = sorted(r.json()["story"]["url"] for r in capture_server.requests)
        assert alerted == sorted(rooms.url(h, i) for h, i in edits)
        dead = [w for w in state["workers"] if w["pid"] == victim.pid]
        assert len(dead) == 1 and dead[0]["alive"] is False and dead[0]["stopped_at"] is None
        assert state["workers_alive"] == 2, (state["checked_at"], state["workers"], [p.poll() for p in processes])


def test_sigterm_releases_the_workers_claims_at_once(tmp_path: Path, pg: str, hook: str) -> None:
    with Newsrooms(hosts=2, stories=10, delay=0.5) as rooms:
        config = write_config(tmp_path / "config.yaml", pg, rooms, hook)
        with workers(config, 1) as processes, Store.open(pg) as store:
            worker = processes[0]
            mine = owner_prefix(worker)
            wait_until(lambda: any(c.kind == "story" and c.owner.startswith(mine) for c in store.list_claims()))
            worker.send_signal(signal.SIGTERM)
            worker.wait(timeout=30)
            stderr = log_of(worker)
            assert worker.returncode == 0, stderr
            assert [c for c in store.list_claims() if c.owner.startswith(mine)] == []
            (row,) = [w for w in store.list_workers() if w.id.startswith(mine)]
            assert row.stopped_at is not None and row.claims == 0
            assert "claim(s) released" in stderr


def test_sqlite_keeps_one_daemon_a_single_worker(tmp_path: Path, hook: str) -> None:
    with Newsrooms(hosts=1, stories=2) as rooms:
        db = f"sqlite:///{tmp_path / 's.db'}"
        config = write_config(tmp_path / "config.yaml", db, rooms, hook)
        with workers(config, 1) as (first,), Store.open(db) as store:
            wait_until(lambda: any(w.alive for w in store.list_workers()) if store.list_workers() else False)
            second = subprocess.run(
                [sys.executable, "-m", "monitor", "-c", str(config), "run"], capture_output=True, text=True, timeout=60
            )
            assert second.returncode == 2
            assert f":{first.pid})" in second.stderr and "stop it first" in second.stderr
            wait_until(lambda: sum(s.versions == 1 for s in store.list_stories()) == 2)
            assert [w.pid for w in store.list_workers()] == [first.pid]  # the refused one never registered
            shown = subprocess.run(
                [sys.executable, "-m", "monitor", "-c", str(config), "status"],
                capture_output=True,
                text=True,
                timeout=60,
            )
            (worker_line,) = [line for line in shown.stdout.splitlines() if line.startswith("worker\t")]  # piped
            assert f":{first.pid}:" in worker_line and "\talive\t" in worker_line
