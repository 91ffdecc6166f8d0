"""robots.txt, fetched once per site, cached, and obeyed (RFC 9309 semantics for failures).

A 4xx answer means no rules (everything allowed); a 5xx or an unreachable site means "disallow everything"
until the next try, an hour later, so a struggling site is not crawled harder. Crawl-delay is honoured up to
a cap, through the host limiter. With ``shared`` set (workers sharing a database: ``monitor.politeness_shared``)
one worker reads a site's robots.txt per period and every worker uses that reading.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol
from urllib.parse import urlsplit
from urllib.robotparser import RobotFileParser

from monitor.models import FetchResult

log = logging.getLogger("storywatch.robots")

OK_TTL = 24 * 3600.0
FAILED_TTL = 3600.0
MAX_CRAWL_DELAY = 30.0


@dataclass
class _Rules:
    parser: RobotFileParser | None  # None: allow everything
    disallow_all: bool
    expires: float
    reason: str | None = None


class SharedReading(Protocol):
    """robots.txt readings shared between workers: ``read`` returns the reading and the seconds it stays good."""

    def read(
        self, site: str, fetch: Callable[[], FetchResult], ttl: Callable[[FetchResult], float]
    ) -> tuple[FetchResult, float]: ...


def ttl(result: FetchResult) -> float:
    """How long a reading of robots.txt is good for: a day, or an hour when the site could not answer."""
    if result.ok or (result.status is not None and 400 <= result.status < 500):
        return OK_TTL
    return FAILED_TTL


class RobotsCache:
    """Answers "may we fetch this URL?" for one user agent, fetching each site's robots.txt when needed."""

    def __init__(
        self,
        fetch: Callable[[str], FetchResult],
        user_agent: str,
        *,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._fetch = fetch
        self._agent = user_agent.split("/")[0].split(" ")[0] or "*"
        self._clock = clock
        self._sites: dict[str, _Rules] = {}
        self._lock = threading.Lock()
        self._site_locks: dict[str, threading.RLock] = {}
        self.shared: SharedReading | None = None

    def check(self, url: str) -> str | None:
        """None when ``url`` may be fetched, else the readable reason it may not."""
        parts = urlsplit(url)
        site = f"{parts.scheme}://{parts.netloc}"
        rules = self._rules(site)
        if rules.disallow_all:
            return f"{rules.reason} (reading {site}/robots.txt; not fetching from {site} until it can be read)"
        if rules.parser is not None and not rules.parser.can_fetch(self._agent, url):
            return f"disallowed by {site}/robots.txt"
        return None

    def crawl_delay(self, url: str) -> float | None:
        parts = urlsplit(url)
        rules = self._rules(f"{parts.scheme}://{parts.netloc}")
        if rules.parser is None:
            return None
        delay = rules.parser.crawl_delay(self._agent)
        return min(float(delay), MAX_CRAWL_DELAY) if delay else None

    def _rules(self, site: str) -> _Rules:
        with self._lock:
            cached = self._sites.get(site)
            if cached is not None and cached.expires > self._clock():
                return cached
            site_lock = self._site_locks.setdefault(site, threading.RLock())
        with site_lock:  # one fetch of robots.txt per site, even with many threads asking
            with self._lock:
                cached = self._sites.get(site)
                if cached is not None and cached.expires > self._clock():
                    return cached
            rules = self._load(site)
            with self._lock:
                self._sites[site] = rules
            return rules

    def _load(self, site: str) -> _Rules:
        def fetch() -> FetchResult:
            return self._fetch(site + "/robots.txt")

        result, good_for = self.shared.read(site, fetch, ttl) if self.shared is not None else (fetch(), None)
        expires = self._clock() + (ttl(result) if good_for is None else good_for)
        if result.ok:
            parser = RobotFileParser()
            parser.parse(result.content.decode("utf-8", errors="replace").splitlines())
            return _Rules(parser, False, expires)
        if result.status is not None and 400 <= result.status < 500:
            log.debug("%s/robots.txt: HTTP %s, so no rules: everything may be fetched", site, result.status)
            return _Rules(None, False, expires)  # no robots.txt: no rules
        log.info("robots.txt of %s unavailable: %s", site, result.error)
        return _Rules(None, True, expires, result.error or f"HTTP {result.status}")
