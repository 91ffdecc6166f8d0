"""Bad network input, each against a local server: a defined outcome, a readable reason, other sources unaffected.

Every test runs a bad source on 127.0.0.1 beside a healthy one on ``localhost`` (the same loopback address, but
another host to the per-host limiter, so a host that asks us to back off holds back only itself). The
connection-level misbehaviour (a slow-drip body, a reset) comes from ``RawServer``, a tiny threaded server.
"""

from __future__ import annotations

import io
import socket
import socketserver
import struct
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import pytest
from rich.console import Console

from monitor.app import App
from monitor.cli import tables
from monitor.config import load_config
from monitor.demo.newsroom import Newsroom
from monitor.demo.stories import FERRY, SUMMIT_V1, DemoStory, rss, story_page
from monitor.models import CheckOutcome, StoryStatus, utcnow
from monitor.status import gather

FETCH = "{allow_private_networks: true, min_gap: 0s, timeout: 2s, total_timeout: 4s}"
HEALTHY = replace(FERRY, path="/healthy/ferry")


# -- the scene ---------------------------------------------------------------------------------------------
@pytest.fixture
def healthy_site() -> Iterator[Newsroom]:
    """The healthy source's site, addressed as ``localhost``: one story in one feed."""
    with Newsroom() as site:
        base = site.base_url.replace("127.0.0.1", "localhost")
        site.set(HEALTHY.path, story_page(HEALTHY, base=base))
        site.set("/rss.xml", rss("Healthy", base, [HEALTHY]), content_type="application/rss+xml")
        yield site


def local(site: Newsroom, path: str) -> str:
    return site.url(path).replace("127.0.0.1", "localhost")


def open_app(tmp_path: Path, healthy_site: Newsroom, *bad_sources: str, notifiers: str = "") -> App:
    """The app over a SQLite file, with the given bad sources and the healthy one beside them."""
    sources = "\n".join([*bad_sources, f"  - {{name: healthy, feed: '{local(healthy_site, '/rss.xml')}'}}"])
    config = tmp_path / "config.yaml"
    config.write_text(f"""
storage: {{url: "sqlite:///{tmp_path / "s.db"}"}}
fetch: {FETCH}
sources:
{sources}
notifiers:
  - {{name: desk, type: console, color: false}}
{notifiers}
""")
    return App.open(load_config(config))


def by_target(outcomes: list[CheckOutcome]) -> dict[str, CheckOutcome]:
    return {o.target: o for o in outcomes}


def assert_healthy_unaffected(app: App, healthy_site: Newsroom, outcomes: list[CheckOutcome]) -> None:
    result = by_target(outcomes)
    assert result["healthy"].status in ("discovered", "unchanged"), result["healthy"]
    url = local(healthy_site, HEALTHY.path)
    assert result[url].status in ("new", "unchanged", "not_modified"), result[url]
    story = app.store.get_story(url)
    assert story is not None and story.status is StoryStatus.ACTIVE and story.versions == 1
    assert story.last_error is None


def shown(app: App) -> str:
    """What `storywatch stories` and `storywatch status` print, rendered wide enough to read in one line."""
    console = Console(file=io.StringIO(), width=500, color_system=None)
    console.print(tables.stories_table(app.store.list_stories()))
    tables.print_status(console, gather(app.store, app.settings, utcnow()))
    return console.file.getvalue()  # type: ignore[attr-defined]


def page(story: DemoStory, site: Newsroom) -> str:
    return story_page(story, base=site.base_url)


# -- story pages that go bad after their baseline ------------------------------------------------------------
Breaker = Callable[[Newsroom, str], None]
BREAKERS: dict[str, tuple[Breaker, str]] = {
    "timeout": (lambda site, path: site.set(path, page(SUMMIT_V1, site), delay=3.0), "timed out after 2s"),
    "500": (lambda site, path: site.set(path, "oops", status=500), "HTTP 500 Internal Server Error"),
    "503 with Retry-After": (
        lambda site, path: site.set(path, "busy", status=503, headers={"Retry-After": "120"}),
        "HTTP 503 Service Unavailable (asked to retry after 120s)",
    ),
    "429 with Retry-After": (
        lambda site, path: site.set(path, "slow down", status=429, headers={"Retry-After": "30"}),
        "HTTP 429 Too Many Requests (asked to retry after 30s)",
    ),
    "redirect loop": (
        lambda site, path: (
            site.set(path, "", status=302, headers={"Location": path + "/b"}),
            site.set(path + "/b", "", status=302, headers={"Location": path}),
        ),
        "too many redirects",
    ),
    "body over the cap": (
        lambda site, path: site.set(path, b"<html><body><p>" + b"x" * 10_100_000 + b"</p></body></html>"),
        "body larger than the 10 MB cap",
    ),
    "wrong content type": (
        lambda site, path: site.set(path, b"\x89PNG\r\n\x1a\n" + bytes(2000), content_type="image/png"),
        "not an HTML page (content type image/png)",
    ),
}


@pytest.mark.parametrize("case", list(BREAKERS))
def test_a_story_that_goes_bad_keeps_its_versions_and_says_why(
    case: str, tmp_path: Path, newsroom: Newsroom, healthy_site: Newsroom
) -> None:
    path = "/world/summit"
    newsroom.set(path, page(SUMMIT_V1, newsroom))
    url = newsroom.url(path)
    with open_app(tmp_path, healthy_site, f"  - {{name: bad, url: '{url}'}}") as app:
        first = app.pipeline.run_pass()
        assert by_target(first)[url].status == "new"

        breaker, reason = BREAKERS[case]
        breaker(newsroom, path)
        started = time.monotonic()
        outcomes = app.pipeline.run_pass(all_stories=True)
        assert time.monotonic() - started < 10

        outcome = by_target(outcomes)[url]
        assert outcome.status == "error", outcome
        assert (outcome.error or "").startswith(reason), outcome.error
        story = app.store.get_story(url)
        assert story is not None and story.status is StoryStatus.ERROR
        assert (story.last_error or "").startswith(reason) and story.versions == 1
        assert reason in shown(app)
        assert_healthy_unaffected(app, healthy_site, outcomes)


@pytest.mark.parametrize(
    ("status", "retry_after", "reason"),
    [
        (503, "120", "HTTP 503 Service Unavailable (asked to retry after 120s)"),
        (429, "30", "HTTP 429 Too Many Requests (asked to retry after 30s)"),
    ],
)
def test_a_host_that_asks_us_to_wait_is_not_asked_again_in_the_same_pass(
    status: int, retry_after: str, reason: str, tmp_path: Path, newsroom: Newsroom, healthy_site: Newsroom
) -> None:
    stories = [replace(SUMMIT_V1, path="/world/a"), replace(FERRY, path="/world/b")]
    for story in stories:
        newsroom.set(story.path, page(story, newsroom))
    newsroom.set("/feed.xml", rss("World", newsroom.base_url, stories), content_type="application/rss+xml")
    with open_app(tmp_path, healthy_site, f"  - {{name: bad, feed: '{newsroom.url('/feed.xml')}'}}") as app:
        app.pipeline.run_pass()
        assert all(s.versions == 1 for s in app.store.list_stories())

        newsroom.set("/feed.xml", "busy", status=status, headers={"Retry-After": retry_after})
        newsroom.requests.clear()
        outcomes = app.pipeline.run_pass(all_stories=True)
        result = by_target(outcomes)
        assert result["bad"].status == "error" and (result["bad"].error or "").startswith(reason)
        for story in stories:
            assert result[newsroom.url(story.path)].status == "deferred"
        assert newsroom.requests == ["/feed.xml"]  # nothing more was asked of that host in this pass
        assert all(s.versions == 1 for s in app.store.list_stories())
        assert reason in shown(app)
        assert_healthy_unaffected(app, healthy_site, outcomes)


def test_a_story_that_asks_us_to_wait_does_not_make_its_feed_a_failing_source(
    tmp_path: Path, newsroom: Newsroom, healthy_site: Newsroom
) -> None:
    """A 429 + Retry-After on one story holds back its whole host, its feed too: that is a wait, not a failure."""
    stories = [replace(SUMMIT_V1, path="/world/a"), replace(FERRY, path="/world/b")]
    for story in stories:
        newsroom.set(story.path, page(story, newsroom))
    newsroom.set("/feed.xml", rss("World", newsroom.base_url, stories), content_type="application/rss+xml")
    ops = "  - {name: ops, type: console, operations: true, color: false}"
    with open_app(
        tmp_path, healthy_site, f"  - {{name: bad, feed: '{newsroom.url('/feed.xml')}'}}", notifiers=ops
    ) as app:
        app.pipeline.run_pass()
        newsroom.set("/world/a", "slow down", status=429, headers={"Retry-After": "600"})
        app.pipeline.run_pass(all_stories=True)  # the story's 429 defers the host
        for _ in range(4):  # more passes than it takes to call a source failing
            result = by_target(app.pipeline.run_pass())
            assert result["bad"].status == "deferred" and "Retry-After" in (result["bad"].detail or "")
        (state,) = [s for s in app.store.source_states() if s.name == "bad"]
        assert state.consecutive_failures == 0 and state.last_error is None
        assert app.store.due_alerts(utcnow() + timedelta(days=1), notifier="ops") == []


def test_a_single_url_source_is_as_healthy_as_its_story(
    tmp_path: Path, newsroom: Newsroom, healthy_site: Newsroom
) -> None:
    story = replace(SUMMIT_V1, path="/world/only")
    newsroom.set(story.path, page(story, newsroom))
    ops = "  - {name: ops, type: console, operations: true, color: false}"
    with open_app(
        tmp_path, healthy_site, f"  - {{name: one, url: '{newsroom.url(story.path)}'}}", notifiers=ops
    ) as app:
        app.pipeline.run_pass()
        newsroom.set(story.path, "down for maintenance", status=500)
        for _ in range(3):
            app.pipeline.run_pass(all_stories=True)
        status = gather(app.store, app.settings, utcnow())
        (one,) = [s for s in status.sources if s.name == "one"]
        assert one.state == "failing" and one.failures == 3 and "HTTP 500" in (one.last_error or "")
        assert not status.healthy
        (alert,) = app.store.due_alerts(utcnow() + timedelta(days=1), notifier="ops")
        assert alert.kind == "source_failing"
        newsroom.set(story.path, page(story, newsroom))
        app.pipeline.run_pass(all_stories=True)
        (one,) = [s for s in gather(app.store, app.settings, utcnow()).sources if s.name == "one"]
        assert one.state == "healthy"


# -- connection-level misbehaviour -----------------------------------------------------------------------------
class RawServer:
    """A threaded HTTP/1.1 server on 127.0.0.1 that answers ``/robots.txt`` with 404 and every other path by
    ``mode``: "page" (a proper story page), "drip" (a body a byte every 0.5 s) or "reset" (a TCP reset)."""

    def __init__(self, body: bytes) -> None:
        self.body = body
        self.mode = "page"
        raw = self

        class Handler(socketserver.BaseRequestHandler):
            def handle(self) -> None:
                raw._handle(self.request)

        self._server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        threading.Thread(target=self._server.serve_forever, daemon=True).start()

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}{path}"

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def _handle(self, sock: socket.socket) -> None:
        request = b""
        while b"\r\n\r\n" not in request:
            chunk = sock.recv(4096)
            if not chunk:
                return
            request += chunk
        path = request.split(b" ", 2)[1].decode()
        try:
            if path == "/robots.txt":
                sock.sendall(b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
            elif self.mode == "page":
                head = f"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {len(self.body)}"
                sock.sendall(head.encode() + b"\r\nConnection: close\r\n\r\n" + self.body)
            elif self.mode == "drip":
                head = f"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: {len(self.body)}\r\n\r\n"
                sock.sendall(head.encode())
                for byte in self.body[:60]:
                    sock.sendall(bytes([byte]))
                    time.sleep(0.5)
            else:  # reset: linger 0, then close → RST instead of FIN
                sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        except OSError:  # the client gave up on us: that is the point
            pass
        finally:
            sock.close()


@pytest.mark.parametrize(
    ("mode", "reason"),
    [("drip", "timed out after 4s"), ("reset", "the server broke the connection: ")],
)
def test_slow_drip_and_reset_connections(mode: str, reason: str, tmp_path: Path, healthy_site: Newsroom) -> None:
    server = RawServer(story_page(SUMMIT_V1).encode())
    url = server.url("/world/summit")
    try:
        with open_app(tmp_path, healthy_site, f"  - {{name: bad, url: '{url}'}}") as app:
            assert by_target(app.pipeline.run_pass())[url].status == "new"
            server.mode = mode
            started = time.monotonic()
            outcomes = app.pipeline.run_pass(all_stories=True)
            assert time.monotonic() - started < 8  # the total deadline cut the drip short
            outcome = by_target(outcomes)[url]
            assert outcome.status == "error" and (outcome.error or "").startswith(reason), outcome
            story = app.store.get_story(url)
            assert story is not None and story.versions == 1 and (story.last_error or "").startswith(reason)
            assert reason.strip() in shown(app)
            assert_healthy_unaffected(app, healthy_site, outcomes)
    finally:
        server.close()
