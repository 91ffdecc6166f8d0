"""A newsroom spread over several loopback hosts (127.0.0.2, 127.0.0.3, …), each counting requests in flight.

    with Newsrooms(hosts=3, stories=8, delay=0.3) as rooms:
        rooms.feeds()                 # one feed URL per host
        rooms.edit(host=0, story=2)   # the story's page changes (a number and an update note)
        rooms.peak                    # {host: most requests in flight at once}
        rooms.robots                  # {host: robots.txt requests}

Pages carry an ETag and answer ``If-None-Match`` with 304, so unchanged re-checks are the cheap kind; every
answer waits ``delay`` seconds (a slow publisher). Used by the worker tests and ``bench/bench_workers.py``.
"""

from __future__ import annotations

import hashlib
import threading
import time
from collections import Counter
from dataclasses import replace
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from monitor.demo.stories import DemoStory, rss, story_page

WORDS = [
    "harbour",
    "ferry",
    "council",
    "budget",
    "river",
    "school",
    "clinic",
    "bridge",
    "market",
    "station",
    "library",
    "orchard",
]


def make_story(host: int, index: int) -> DemoStory:
    word = WORDS[(host * 7 + index) % len(WORDS)]
    return DemoStory(
        path=f"/news/{host}-{index}",
        headline=f"The {word} plan for district {host}-{index} goes to a vote",
        authors=(f"Reporter {host}{index}",),
        published="2025-08-28T09:00:00Z",
        modified="2025-08-28T09:00:00Z",
        paragraphs=(
            f"Councillors in district {host}-{index} will vote on Tuesday on the {word} plan after months of debate.",
            f"The plan would cost {100 + index} million crowns over {3 + host} years, according to the council.",
            f"Residents of the {word} quarter have collected {1000 + 37 * index} signatures against the closures.",
            "The mayor said the vote would go ahead whatever the weather, and that the results would be public.",
        ),
    )


def edited(story: DemoStory, round_: int = 1) -> DemoStory:
    paragraphs = list(story.paragraphs)
    paragraphs[1] = paragraphs[1].replace("million", f"million (revised {round_}) and then {200 + round_} million")
    return replace(story, paragraphs=tuple(paragraphs), note=f"This story has been updated ({round_}).")


def worker_config(
    url: str,
    rooms: Newsrooms,
    *,
    per_host: int,
    ladder: str,
    workers: str,
    delivery: str,
    notifier: str,
    threads: int = 4,
    connections: int = 6,
) -> str:
    """A config for workers on ``url`` with one source (a feed, 10 s interval) per newsroom host."""
    sources = "\n".join(f'  - {{name: d{i}, feed: "{feed}", interval: 10s}}' for i, feed in enumerate(rooms.feeds()))
    return f"""
storage: {{url: "{url}", max_connections: {connections}}}
fetch: {{allow_private_networks: true, min_gap: 0s, per_host: {per_host}, workers: {threads}, timeout: 20s}}
schedule: {{ladder: ["{ladder}"], jitter: 0}}
delivery: {{interval: {delivery}}}
workers: {{{workers}}}
sources:
{sources}
notifiers:
  - {notifier}
"""


class _Host:
    def __init__(self, rooms: Newsrooms, address: str) -> None:
        self.address = address
        self.pages: dict[str, bytes] = {}
        rooms_ = rooms

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            disable_nagle_algorithm = True  # headers and body leave at once (no 40 ms delayed-ACK stalls)

            def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
                rooms_._serve(self, address)

            def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
                pass

        class Server(ThreadingHTTPServer):
            daemon_threads = True
            request_queue_size = 128

            def handle_error(self, request: Any, client_address: Any) -> None:
                pass

        self.server = Server((address, 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, name=f"newsroom-{address}", daemon=True)

    @property
    def base_url(self) -> str:
        return f"http://{self.address}:{self.server.server_address[1]}"


class Newsrooms:
    """``hosts`` newsrooms on 127.0.0.2 … each with a feed of ``stories`` stories; thread-safe counters."""

    def __init__(self, hosts: int = 3, stories: int = 8, *, delay: float = 0.0, first: int = 2) -> None:
        self.delay = delay
        self.hosts = [_Host(self, f"127.0.0.{first + i}") for i in range(hosts)]
        self.stories = {(h, i): make_story(h, i) for h in range(hosts) for i in range(stories)}
        self._lock = threading.Lock()
        self.in_flight: Counter[str] = Counter()
        self.peak: Counter[str] = Counter()
        self.robots: Counter[str] = Counter()
        self.served: Counter[str] = Counter()  # story page answers (200 or 304) per host
        for h, host in enumerate(self.hosts):
            mine = [s for (hh, _), s in self.stories.items() if hh == h]
            host.pages["/feed.xml"] = rss(f"District {h}", host.base_url, mine).encode()
            host.pages["/robots.txt"] = b"User-agent: *\nAllow: /\n"
            for story in mine:
                host.pages[story.path] = story_page(story, base=host.base_url).encode()

    def feeds(self) -> list[str]:
        return [host.base_url + "/feed.xml" for host in self.hosts]

    def url(self, host: int, story: int) -> str:
        return self.hosts[host].base_url + self.stories[(host, story)].path

    def edit(self, host: int, story: int, round_: int = 1) -> None:
        changed = edited(self.stories[(host, story)], round_)
        with self._lock:
            self.hosts[host].pages[changed.path] = story_page(changed, base=self.hosts[host].base_url).encode()

    def start(self) -> Newsrooms:
        for host in self.hosts:
            host.thread.start()
        return self

    def stop(self) -> None:
        for host in self.hosts:
            host.server.shutdown()
            host.server.server_close()

    def __enter__(self) -> Newsrooms:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def _serve(self, handler: BaseHTTPRequestHandler, address: str) -> None:
        path = handler.path.split("?", 1)[0]
        host = next(h for h in self.hosts if h.address == address)
        with self._lock:
            self.in_flight[address] += 1
            self.peak[address] = max(self.peak[address], self.in_flight[address])
            if path == "/robots.txt":
                self.robots[address] += 1
            body = host.pages.get(path)
        try:
            if self.delay:
                time.sleep(self.delay)
            if body is None:
                return _answer(handler, 404, b"not found", "text/plain")
            etag = '"' + hashlib.sha256(body).hexdigest()[:16] + '"'
            if path.startswith("/news/"):
                with self._lock:
                    self.served[address] += 1
            if handler.headers.get("If-None-Match") == etag:
                return _answer(handler, 304, b"", None, etag)
            kind = "application/rss+xml" if path.endswith(".xml") else "text/plain" if path.endswith(".txt") else None
            return _answer(handler, 200, body, kind or "text/html; charset=utf-8", etag)
        finally:
            with self._lock:
                self.in_flight[address] -= 1


def _answer(
    handler: BaseHTTPRequestHandler, status: int, body: bytes, kind: str | None, etag: str | None = None
) -> None:
    handler.send_response(status)
    if kind:
        handler.send_header("Content-Type", kind)
    if etag:
        handler.send_header("ETag", etag)
    handler.send_header("Content-Length", str(len(body)))
    handler.end_headers()
    if body:
        handler.wfile.write(body)
