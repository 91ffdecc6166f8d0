"""Per-host politeness for all workers together, kept in the database they share (``storage.host_store``).

    limiter = SharedHostLimiter(store, worker, per_host=2, min_gap=1.0)
    with limiter.slot("news.example"):     # one of the host's slots in the database; the start spaced by the gap
        ...one request...
    limiter.defer("news.example", 120)     # Retry-After: no worker asks the host before then

It is a ``HostLimiter`` (so this process's own threads still queue in order for the host, at most ``per_host``
of them) whose slot is then taken in the database: a claim ``host`` / ``"news.example#i"`` (one of
``per_host``) plus the host's next start time, pushed on by the gap in the same transaction. When every slot
is held the caller polls (``POLL`` seconds, jittered); a dead worker's slot expires with its other claims.
Should the database be unreachable the limits fall back to this process's own (the request still waits the gap).

``SharedRobots`` is the robots.txt side: the worker that claims a site's reading fetches it and keeps it in
``robots_cache``; the others wait for that reading instead of fetching robots.txt themselves.
"""

from __future__ import annotations

import logging
import random
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta

from monitor.models import FetchResult
from monitor.politeness import HostLimiter
from monitor.workers import Worker
from storage.host_store import RobotsEntry
from storage.store import Store

log = logging.getLogger("storywatch.fetch")

POLL = 0.05  # seconds between tries for a busy host's slot (±50 %)
DEFERRED_TTL = 1.0  # seconds a host's Retry-After hold, read from the database, is reused
ROBOTS_WAIT = 30.0  # seconds to wait for another worker's reading of robots.txt before reading it ourselves


class SharedHostLimiter(HostLimiter):
    """HostLimiter whose concurrency, gap and Retry-After hold for every worker on the database."""

    def __init__(
        self,
        store: Store,
        worker: Worker,
        per_host: int = 2,
        min_gap: float = 1.0,
        *,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        super().__init__(per_host, 0.0, sleep=sleep)  # locally: order and concurrency; the gap is the database's
        self.store = store
        self.worker = worker
        self.shared_gap = max(0.0, min_gap)
        self._holds: dict[str, tuple[float, float]] = {}  # host → (read at, seconds left then)
        self.claim_time = 0.0  # seconds spent in the slot queries (for the benchmark)

    def deferred(self, host: str) -> float:
        local = super().deferred(host)
        cached = self._holds.get(host)
        now = time.monotonic()
        if cached is not None and now - cached[0] < DEFERRED_TTL:
            return max(local, cached[1] - (now - cached[0]))
        try:
            until = self.store.host_deferred_until(host)
        except Exception:
            return local
        left = max(0.0, (until - self.worker.clock()).total_seconds()) if until is not None else 0.0
        self._holds[host] = (now, left)
        return max(local, left)

    def defer(self, host: str, seconds: float) -> None:
        super().defer(host, seconds)
        self._holds.pop(host, None)
        try:
            self.store.defer_host(host, self.worker.clock() + timedelta(seconds=max(0.0, seconds)))
        except Exception as exc:
            log.warning("could not share the Retry-After hold of %s: %s", host, exc)

    def slow_down(self, host: str, gap: float) -> None:
        super().slow_down(host, gap)
        try:
            self.store.slow_host(host, self.worker.clock() + timedelta(seconds=gap))
        except Exception as exc:
            log.warning("could not share the crawl delay of %s: %s", host, exc)

    @contextmanager
    def slot(self, host: str, gap: float | None = None) -> Iterator[None]:
        spacing = self.shared_gap if gap is None else max(self.shared_gap, gap)
        with super().slot(host, 0.0):
            key = self._take(host, spacing)
            try:
                yield
            finally:
                if key is not None:
                    started = time.monotonic()
                    self.worker.release("host", key)
                    self.claim_time += time.monotonic() - started

    def _take(self, host: str, spacing: float) -> str | None:
        """Wait for one of the host's slots in the database and for its start time; None: no database."""
        while True:
            started = time.monotonic()
            try:
                taken = self.store.take_host_slot(
                    self.worker.id,
                    host,
                    slots=self.per_host,
                    gap=timedelta(seconds=spacing),
                    now=self.worker.clock(),
                    lease=self.worker.lease,
                )
            except Exception as exc:
                log.warning("host slots of %s unavailable (%s): pacing this worker alone", host, exc)
                self._sleep(spacing)
                return None
            finally:
                self.claim_time += time.monotonic() - started
            if taken is not None:
                key, start = taken
                wait = (start - self.worker.clock()).total_seconds()
                if wait > 0:
                    self._sleep(wait)
                return key
            self._sleep(POLL * random.uniform(0.5, 1.5))


class SharedRobots:
    """robots.txt read once per site and period for every worker (``RobotsCache.shared``)."""

    def __init__(self, store: Store, worker: Worker, *, sleep: Callable[[float], None] = time.sleep) -> None:
        self.store = store
        self.worker = worker
        self._sleep = sleep

    def read(
        self, site: str, fetch: Callable[[], FetchResult], ttl: Callable[[FetchResult], float]
    ) -> tuple[FetchResult, float]:
        url = site + "/robots.txt"
        deadline = time.monotonic() + ROBOTS_WAIT
        try:
            while True:
                entry = self.store.robots_entry(site)
                now = self.worker.clock()
                if entry is not None and entry.expires_at > now:
                    return _result(url, entry), (entry.expires_at - now).total_seconds()
                if self.worker.claim("robots", site):
                    try:
                        result = fetch()
                        good_for = ttl(result)
                        self.store.save_robots(_entry(site, result, now, good_for))
                        return result, good_for
                    finally:
                        self.worker.release("robots", site)
                if time.monotonic() > deadline:
                    break
                self._sleep(0.1)
        except Exception as exc:
            log.warning("shared robots.txt of %s unavailable (%s): reading it ourselves", site, exc)
        result = fetch()
        return result, ttl(result)


def _entry(site: str, result: FetchResult, now: datetime, good_for: float) -> RobotsEntry:
    body = result.content.decode("utf-8", errors="replace") if result.ok else None
    return RobotsEntry(site, result.status, body, result.error, now, now + timedelta(seconds=good_for))


def _result(url: str, entry: RobotsEntry) -> FetchResult:
    content = (entry.body or "").encode("utf-8")
    return FetchResult(url=url, final_url=url, status=entry.status, content=content, error=entry.error)
