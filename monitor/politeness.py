"""Per-host politeness: at most N requests in flight per host, a minimum gap between them, and back-off windows.

    limiter = HostLimiter(per_host=2, min_gap=1.0)
    with limiter.slot("news.example"):       # blocks until the host may be asked again
        ...one request...
    limiter.defer("news.example", 120)       # the host said Retry-After: 120 — nobody asks it before then

Threads share one limiter; the clock and the sleep are injectable so tests need not wait.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass


@dataclass
class _Host:
    turn: threading.Condition  # on the limiter's lock: signalled when a slot frees or the queue moves
    next_start: float = 0.0  # monotonic time before which no request may start
    deferred_until: float = 0.0  # the host asked us to wait (429/503 Retry-After)
    in_flight: int = 0  # slots held (a holder may still be sleeping out the gap)
    peak: int = 0
    tickets: int = 0  # handed out, one per caller of slot(), in arrival order
    serving: int = 0  # the next ticket allowed to take a free slot: first come, first served


class HostLimiter:
    """Concurrency and pacing per host name, for every source and story that lives on it."""

    def __init__(
        self,
        per_host: int = 2,
        min_gap: float = 1.0,
        *,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.per_host = max(1, per_host)
        self.min_gap = max(0.0, min_gap)
        self._clock = clock
        self._sleep = sleep
        self._hosts: dict[str, _Host] = {}
        self._lock = threading.Lock()

    def _host(self, host: str) -> _Host:
        with self._lock:
            state = self._hosts.get(host)
            if state is None:
                state = self._hosts[host] = _Host(threading.Condition(self._lock))
            return state

    def deferred(self, host: str) -> float:
        """Seconds until ``host`` may be asked again after it told us to wait (0 when it may)."""
        state = self._host(host)
        return max(0.0, state.deferred_until - self._clock())

    def defer(self, host: str, seconds: float) -> None:
        """Nobody asks ``host`` again for ``seconds`` (it answered 429/503 with Retry-After)."""
        state = self._host(host)
        with self._lock:
            state.deferred_until = max(state.deferred_until, self._clock() + max(0.0, seconds))

    def slow_down(self, host: str, gap: float) -> None:
        """Keep at least ``gap`` seconds between requests to ``host`` from now on (robots.txt Crawl-delay)."""
        state = self._host(host)
        with self._lock:
            state.next_start = max(state.next_start, self._clock() + gap)

    @contextmanager
    def slot(self, host: str, gap: float | None = None) -> Iterator[None]:
        """Hold one of the host's request slots, starting no sooner than the gap after the previous start.

        Callers are served in arrival order (a ticket each), so no request starves behind later ones; the
        start times are reserved in that order too. A caller's own timeouts should start when this yields.
        """
        state = self._host(host)
        gap = self.min_gap if gap is None else max(self.min_gap, gap)
        with self._lock:
            ticket = state.tickets
            state.tickets += 1
            while state.serving != ticket or state.in_flight >= self.per_host:
                state.turn.wait()
            state.serving += 1
            state.in_flight += 1
            state.peak = max(state.peak, state.in_flight)
            now = self._clock()
            start = max(state.next_start, now)
            state.next_start = start + gap
            state.turn.notify_all()
        try:
            if start > now:
                self._sleep(start - now)
            yield
        finally:
            with self._lock:
                state.in_flight -= 1
                state.turn.notify_all()

    def peak(self, host: str) -> int:
        """The most requests ever in flight at once to ``host`` (for tests and benchmarks)."""
        return self._host(host).peak
