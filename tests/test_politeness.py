"""Per-host politeness: the concurrency cap, first come first served, and timeouts that start with the request."""

from __future__ import annotations

import threading
import time

from monitor.config import FetchSettings
from monitor.demo.newsroom import Newsroom
from monitor.fetch import Fetcher
from monitor.politeness import HostLimiter


def test_at_most_per_host_requests_in_flight() -> None:
    limiter = HostLimiter(per_host=2, min_gap=0.0)
    inside: list[int] = []
    lock = threading.Lock()
    current = [0]

    def request() -> None:
        with limiter.slot("news.example"):
            with lock:
                current[0] += 1
                inside.append(current[0])
            time.sleep(0.03)
            with lock:
                current[0] -= 1

    threads = [threading.Thread(target=request) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert max(inside) == 2 and limiter.peak("news.example") == 2


def test_callers_are_served_in_arrival_order() -> None:
    limiter = HostLimiter(per_host=1, min_gap=0.0)
    order: list[int] = []
    release = threading.Event()

    def first() -> None:
        with limiter.slot("news.example"):
            release.wait(5)

    def later(n: int) -> None:
        with limiter.slot("news.example"):
            order.append(n)

    holder = threading.Thread(target=first)
    holder.start()
    waiting = []
    for n in range(6):
        t = threading.Thread(target=later, args=(n,))
        t.start()
        waiting.append(t)
        deadline = time.monotonic() + 5
        while limiter._host("news.example").tickets < n + 2 and time.monotonic() < deadline:
            time.sleep(0.001)  # thread n holds its ticket before n + 1 asks
    release.set()
    for t in [holder, *waiting]:
        t.join()
    assert order == list(range(6))


def test_waiting_for_the_hosts_turn_does_not_count_against_the_total_timeout(newsroom: Newsroom) -> None:
    """Six pages that answer at once, one at a time 0.25 s apart: the last waits 1.25 s > the 0.6 s deadline."""
    for n in range(6):
        newsroom.set(f"/story/{n}", f"<p>story {n}</p>")
    settings = FetchSettings(
        allow_private_networks=True, robots_txt=False, per_host=1, min_gap=0.25, timeout=2.0, total_timeout=0.6
    )
    results = {}
    with Fetcher(settings) as fetcher:

        def fetch(n: int) -> None:
            results[n] = fetcher.get(newsroom.url(f"/story/{n}"))

        threads = [threading.Thread(target=fetch, args=(n,)) for n in range(6)]
        started = time.monotonic()
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        took = time.monotonic() - started
    assert took >= 1.2  # the gap was kept
    assert all(r.ok for r in results.values()), {n: r.error for n, r in results.items()}
