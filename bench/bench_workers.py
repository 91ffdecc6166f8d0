"""Benchmark: several `storywatch run` workers on one PostgreSQL against a newsroom on 8 loopback hosts.

    PYTHONPATH=. .venv/bin/python bench/bench_workers.py [--stories 480] [--workers 1,2,4,8] [--delay 1.0]

In one run, on a fresh database (created on the local server, dropped at the end):
  (a) slow hosts: every answer takes ``--delay`` seconds (a 304 after the wait). For 1, 2, 3, 4 and 8 worker
      processes (each ``fetch.workers: 4``, ``per_host: 4`` over all of them), baselined stories are made due and
      the workers started; checks per second from the moment all of them are up to the last check written, and
      the ratio to one worker (target: three workers at least twice as fast as one);
  (b) fast hosts (no delay): the same with every story due, where the 2 cores bound it: the knee;
  (c) claim overhead, in one process: a pass over due stories answered 304, timing the claim queries (stories
      claimed 8 at a time and released, host slots taken and released per request) against the whole check;
      and the claims per second one PostgreSQL sustains from 8 threads claiming and releasing batches.
Workers are real processes (``python -m monitor -c CONFIG run``); numbers are read from the database.
"""

from __future__ import annotations

import argparse
import os
import secrets
import signal
import subprocess
import sys
import tempfile
import threading
import time
from datetime import timedelta
from pathlib import Path

import psycopg
from sqlalchemy import func, select, update

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from monitor.app import App  # noqa: E402
from monitor.config import load_config  # noqa: E402
from monitor.models import utcnow  # noqa: E402
from monitor.politeness import HostLimiter  # noqa: E402
from monitor.politeness_shared import SharedHostLimiter, SharedRobots  # noqa: E402
from monitor.workers import Worker  # noqa: E402
from storage.store import Store  # noqa: E402
from storage.tables import checks, stories  # noqa: E402
from tests.fixtures_hosts import Newsrooms, worker_config  # noqa: E402

ADMIN = os.environ.get("STORYWATCH_TEST_PG", "postgresql://postgres@127.0.0.1:5432/test")
HOSTS = 8
HOSTS_STORIES = [1]  # stories per host, set once the newsroom is up


def config_text(url: str, rooms: Newsrooms, per_host: int) -> str:
    return worker_config(
        url,
        rooms,
        per_host=per_host,
        ladder="30d: 1d",
        workers="claim_lease: 20s, heartbeat: 5s, batch: 8",
        delivery="30s",
        notifier="{name: desk, type: console, color: false}",
        connections=3,  # 8 workers × (3 + 4 coordination): well under the server's 100, which others share
    )


def make_due(store: Store, limit: int) -> None:
    with store._engine.begin() as connection:  # noqa: SLF001 - the benchmark arranges the schedule directly
        connection.execute(update(stories).values(next_check_at=utcnow() + timedelta(days=1)))
        # round robin over the hosts (each host's stories have consecutive ids): every host gets its share
        ids = (
            select(stories.c.id).order_by(stories.c.id % HOSTS_STORIES[0], stories.c.id).limit(limit).scalar_subquery()
        )
        connection.execute(update(stories).where(stories.c.id.in_(ids)).values(next_check_at=utcnow()))


def run_workers(config: Path, store: Store, n: int, due: int) -> tuple[float, int]:
    """``due`` stories due, then ``n`` workers started at once: the checks per second once all ``n`` are up.

    Counted from the moment the last worker registered (processes start a second or more apart on 2 cores) to
    the moment the last due story's check is written; only the checks started in that window count."""
    make_due(store, due)
    t0 = utcnow()
    logs = [open(config.parent / f"w{n}-{i}.log", "w") for i in range(n)]  # noqa: SIM115
    command = [sys.executable, "-m", "monitor", "-c", str(config), "run"]
    procs = [subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=log) for log in logs]
    try:
        deadline = time.monotonic() + 60
        while sum(w.alive(utcnow(), timedelta(seconds=20)) for w in store.list_workers()) < n:
            if time.monotonic() > deadline:
                raise SystemExit("workers did not start")
            time.sleep(0.05)
        t_all = utcnow()
        deadline = time.monotonic() + 900
        while True:
            with store._engine.connect() as connection:  # noqa: SLF001
                done = connection.scalar(select(func.count()).where(stories.c.last_checked_at >= t0))
            if done >= due:
                break
            if time.monotonic() > deadline:
                raise SystemExit(f"only {done} of {due} checked")
            time.sleep(0.05)
        t_done = utcnow()
        with store._engine.connect() as connection:  # noqa: SLF001
            counted = connection.scalar(
                select(func.count()).where(checks.c.at >= t_all, checks.c.story_id.is_not(None))
            )
        return counted / (t_done - t_all).total_seconds(), counted
    finally:
        for proc in procs:
            proc.send_signal(signal.SIGTERM)
        for proc in procs:
            proc.wait(timeout=60)
        for log in logs:
            log.close()
        with store._engine.begin() as connection:  # noqa: SLF001
            connection.exec_driver_sql("DELETE FROM workers; DELETE FROM claims; DELETE FROM host_state")


def scaling(title: str, config: Path, store: Store, counts: list[int], due: dict[int, int]) -> dict[int, float]:
    print(f"\n{title}")
    print(f"{'workers':>8} {'due':>6} {'counted':>8} {'checks/s':>9} {'× one':>6}")
    rates: dict[int, float] = {}
    for n in counts:
        rate, counted = run_workers(config, store, n, due[n])
        rates[n] = rate
        print(f"{n:>8} {due[n]:>6} {counted:>8} {rate:>9.1f} {rate / rates[counts[0]]:>6.2f}", flush=True)
    return rates


def claim_overhead(config: Path, due: int) -> None:
    """One process, fast 304s: the time of the claim queries against the whole pass."""
    settings = load_config(config)
    with App.open(settings, deliver=False) as app:
        make_due(app.store, due)
        worker = Worker(app.store, settings.workers, name="bench")
        worker.join()
        limiter = SharedHostLimiter(app.store, worker, settings.fetch.per_host, 0.0)
        app.fetcher.share(limiter, SharedRobots(app.store, worker))
        app.pipeline.worker = worker
        spent = [0.0]
        for method in ("claim_stories", "release_claims", "claim_source_read"):
            original = getattr(app.store, method)

            def timed(*args, _original=original, **kwargs):  # type: ignore[no-untyped-def]
                started = time.perf_counter()
                try:
                    return _original(*args, **kwargs)
                finally:
                    spent[0] += time.perf_counter() - started

            setattr(app.store, method, timed)
        started = time.perf_counter()
        outcomes = app.pipeline.run_pass()
        wall = time.perf_counter() - started
        n = sum(o.story_id is not None for o in outcomes)
        # the same pass with no claims at all (local politeness), for the cost of a bare 304 check
        make_due(app.store, due)
        app.pipeline.worker = None
        app.fetcher.share(HostLimiter(settings.fetch.per_host, 0.0), None)  # type: ignore[arg-type]
        started = time.perf_counter()
        bare = app.pipeline.check_stories(app.store.due_stories(utcnow()))
        bare_wall = time.perf_counter() - started
        worker.leave()
    threads = app.pipeline.workers
    per_check = wall / n * threads
    story_claims = spent[0] / n * 1000
    host = (limiter.claim_time - 0.0) / n * 1000
    print(f"\nclaim overhead (one worker, {threads} threads, {n} checks answered 304, fast host):")
    without = bare_wall / len(bare) * threads * 1000
    print(f"  304 check with claims: {per_check * 1000:.1f} ms of thread time; without claims: {without:.1f} ms")
    print(
        f"  story claim + release: {story_claims:.2f} ms per check ({story_claims / (per_check * 1000):.0%} of a check)"
    )
    print(f"  host slot take + release: {host:.2f} ms per check ({host / (per_check * 1000):.0%} of a check)")


def claims_per_second(url: str, seconds: float = 5.0) -> None:
    store = Store.open(url)
    make_due(store, 10**9)
    counted = [0]
    stop = time.monotonic() + seconds
    lock = threading.Lock()

    def loop(owner: str) -> None:
        while time.monotonic() < stop:
            batch = store.claim_stories(owner, now=utcnow(), lease=timedelta(seconds=30), limit=8)
            store.release_claims(owner, "story", [str(s.id) for s in batch])
            with lock:
                counted[0] += len(batch)

    threads = [threading.Thread(target=loop, args=(f"t{i}",)) for i in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    store.close()
    print(f"\nstory claims (claim 8 + release) from 8 threads, one PostgreSQL: {counted[0] / seconds:.0f} claims/s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stories", type=int, default=640, help="stories tracked (over 8 hosts)")
    parser.add_argument("--workers", default="1,2,3,4,8")
    parser.add_argument("--delay", type=float, default=1.0, help="seconds each slow answer takes")
    args = parser.parse_args()
    counts = [int(n) for n in args.workers.split(",")]
    name = f"storywatch_bench_{secrets.token_hex(3)}"
    with psycopg.connect(ADMIN, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    url = ADMIN.replace("postgresql://", "postgresql+psycopg://").rsplit("/", 1)[0] + f"/{name}"
    try:
        with tempfile.TemporaryDirectory() as tmp, Newsrooms(hosts=HOSTS, stories=args.stories // HOSTS) as rooms:
            HOSTS_STORIES[0] = args.stories // HOSTS
            config = Path(tmp) / "config.yaml"
            config.write_text(config_text(url, rooms, per_host=4))
            subprocess.run(
                [sys.executable, "-m", "monitor", "-c", str(config), "check"], capture_output=True, check=False
            )
            store = Store.open(url)
            total = len(store.list_stories())
            print(f"{total} stories baselined on {HOSTS} hosts; per_host 4 over all workers, 4 threads per worker")
            rooms.delay = args.delay
            slow_due = {n: min(total, 160 * n) for n in counts}  # about half a minute of work each
            slow = scaling(
                f"(a) slow hosts: every answer takes {args.delay:g} s (a 304)", config, store, counts, slow_due
            )
            rooms.delay = 0.0
            fast = scaling(
                "(b) fast hosts: answers at once (CPU-bound, 2 cores)",
                config,
                store,
                counts,
                dict.fromkeys(counts, total),
            )
            store.close()
            claim_overhead(config, total)
            claims_per_second(url)
            if 3 in slow:
                ratio = slow[3] / slow[counts[0]]
                print(
                    f"\nthree workers on slow hosts: {ratio:.2f}x one (target 2x: {'met' if ratio >= 2 else 'MISSED'})"
                )
            knee = max(fast, key=fast.get)
            print(f"fast hosts: best at {knee} worker(s), {fast[knee]:.0f} checks/s")
    finally:
        with psycopg.connect(ADMIN, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


if __name__ == "__main__":
    main()
