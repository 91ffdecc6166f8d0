"""A desk's database for the web-view tests, built through the real pipeline, and the web view served over it.

``build_desk`` publishes invented stories on a local newsroom, runs the real pipeline (fetch → extract → diff →
store) with an injected clock, and returns what the tests look up: the stories' ids, the config file the CLI
reads, the Settings and the Store. ``WebServer`` runs ``monitor.web.server.make_server`` (waitress) in a thread
on 127.0.0.1. Every name and story here is invented.
"""

from __future__ import annotations

import base64
import threading
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import timedelta
from pathlib import Path
from typing import Any

import httpx

from monitor.app import App
from monitor.config import Settings, parse_config
from monitor.demo.newsroom import Newsroom
from monitor.demo.stories import FERRY, SUMMIT_V1, SUMMIT_V2, DemoStory, rss, story_page
from monitor.diff import summarize
from monitor.models import Article, utcnow
from monitor.normalize import normalized_text, text_hash
from storage.store import Store
from tests.clock import Clock

__all__ = ["HOSTILE_V1", "Desk", "WebServer", "build_desk", "basic", "serve"]

TOKEN = "desk-web-t0ken-123"
WIRE_CHANGES = 52  # more than one page of recent changes (50 a page)

# a headline that tries to run script two ways; the page text must show it, never run it
EVIL = '<script>window.__pwned=1</script><img src=x onerror="window.__pwned=2">'
HOSTILE_V1 = DemoStory(
    path="/city/2025/08/28/council-vote",
    headline=f"Council votes on harbour budget {EVIL}",
    authors=("Nadia Brenner",),
    published="2025-08-28T08:00:00Z",
    modified="2025-08-28T08:00:00Z",
    paragraphs=(
        "The city council met on Thursday evening to vote on the harbour budget for the coming year, after weeks "
        "of hearings.",
        "Councillors approved 14 new berths for the fishing fleet after a long debate that ran past midnight in "
        "the old town hall.",
        "The mayor said the vote was a sign of confidence in the harbour and promised that work on the berths "
        "would begin in spring.",
    ),
    section="City",
)
HOSTILE_V2 = replace(  # a silent edit: a number changed, no note, no new modified time
    HOSTILE_V1,
    paragraphs=(
        HOSTILE_V1.paragraphs[0],
        HOSTILE_V1.paragraphs[1].replace("14 new berths", "12 new berths"),
        HOSTILE_V1.paragraphs[2],
    ),
)
FERRY_V2 = replace(  # found three days ago: outside since=24h
    FERRY,
    paragraphs=(
        "Ferry crews on the Valmora–Skerrin route voted on Wednesday night to end a ten-day strike.",
        *FERRY.paragraphs[1:],
    ),
)
SUMMIT_V3 = replace(
    SUMMIT_V2,
    modified="2025-08-28T13:00:00Z",
    paragraphs=(
        *SUMMIT_V2.paragraphs[:3],
        "The talks open on Friday at noon at the old customs house, said the harbour master, Åsa Ørsted.",
        *SUMMIT_V2.paragraphs[4:],
    ),
)
STORM = DemoStory(
    path="/city/2025/08/28/storm-warning",
    headline="Storm warning for the outer islands",
    authors=("Kai Voss",),
    published="2025-08-28T06:00:00Z",
    modified="2025-08-28T06:00:00Z",
    paragraphs=(
        "Forecasters issued a storm warning for the outer islands on Thursday morning.",
        "Ferries to Skerrin may be cancelled if winds rise above gale force overnight.",
    ),
    section="City",
)

FLOOD = DemoStory(
    path="/city/2025/08/28/flood-barrier",
    headline="Flood barrier tested ahead of the autumn tides",
    authors=("Kai Voss",),
    published="2025-08-28T05:00:00Z",
    modified="2025-08-28T05:00:00Z",
    paragraphs=(
        "Engineers closed the harbour's flood barrier for two hours on Thursday morning in a test ahead of the "
        "autumn tides, the port authority said.",
        "The barrier, finished last year, protects the old town and the fish market from surges of up to three "
        "metres above the usual high tide.",
    ),
    section="City",
)


@dataclass
class Desk:
    """What ``build_desk`` made."""

    settings: Settings
    store: Store
    config: Path  # the same settings as a file, for the CLI
    summit: int  # 3 versions: 1→2 declared (Mirela Dastan added), 2→3 declared (Åsa Ørsted added)
    ferry: int  # 2 versions: a silent edit found three days ago
    hostile: int  # 2 versions, a headline carrying markup; 1→2 silent
    storm: int  # 1 version, then removed (404): a removal event at version 1
    flood: int  # 1 version, removed three days ago and restored since: two events at version 1
    wire: int  # WIRE_CHANGES + 1 versions, written straight to the store (a long list to page through)
    newsroom: Newsroom
    app: App

    def close(self) -> None:
        self.app.close()


def _publish(site: Newsroom, world: list[DemoStory], city: list[DemoStory], seed: int) -> None:
    for story in [*world, *city]:
        site.set(story.path, story_page(story, base=site.base_url, boilerplate_seed=seed))
    site.set("/world/rss.xml", rss("World", site.base_url, world), content_type="application/rss+xml")
    site.set("/city/rss.xml", rss("City", site.base_url, city), content_type="application/rss+xml")


def config_text(store_url: str, site: Newsroom, *, extra: str = "") -> str:
    world, city, wire = (site.url(f"/{name}/rss.xml") for name in ("world", "city", "wire"))
    return f"""
storage: {{url: "{store_url}"}}
fetch: {{allow_private_networks: true, timeout: 3s, workers: 2, min_gap: 0s}}
sources:
  - {{name: world, feed: "{world}", tags: [world, international]}}
  - {{name: city, feed: "{city}", tags: [local]}}
  - {{name: wire, feed: "{wire}", tags: [wire]}}
{extra}
"""


def build_desk(tmp: Path, store_url: str, site: Newsroom, *, extra: str = "") -> Desk:
    """The desk's stories through the real pipeline; ``extra`` is more config (notifiers:, web:)."""
    path = tmp / "config.yaml"
    path.write_text(config_text(store_url, site, extra=extra))
    settings = parse_config(path.read_text(), env={}, path=path)
    now = utcnow()
    clock = Clock(now - timedelta(days=4))
    site.set("/wire/rss.xml", rss("Wire", site.base_url, []), content_type="application/rss+xml")
    app = App.open(settings, clock=clock)
    wire = _wire_story(app.store, site, clock.now)
    _publish(site, [SUMMIT_V1, FERRY], [HOSTILE_V1, STORM, FLOOD], seed=1)
    app.pipeline.run_pass()  # baselines, four days ago
    ids = {s.url: s.id for s in app.store.list_stories()}

    def check_now(story: DemoStory) -> None:  # not due yet: checked now, as `check --all` would
        found = app.store.get_story(ids[site.url(story.path)])
        assert found is not None
        app.pipeline.check_story(found)

    clock.now = now - timedelta(days=3)
    _publish(site, [SUMMIT_V1, FERRY_V2], [HOSTILE_V1, STORM], seed=2)
    site.remove(FLOOD.path)
    app.pipeline.run_pass()  # the ferry's silent edit
    check_now(FLOOD)  # gone: a removal event
    clock.now = now - timedelta(hours=2)
    _publish(site, [SUMMIT_V2, FERRY_V2], [HOSTILE_V2, STORM, FLOOD], seed=3)
    app.pipeline.run_pass()  # the summit's declared update and the council's silent edit
    check_now(FLOOD)  # back, word for word: a restoration event
    clock.now = now - timedelta(hours=1)
    _publish(site, [SUMMIT_V3, FERRY_V2], [HOSTILE_V2, FLOOD], seed=4)
    site.remove(STORM.path)  # the storm warning is pulled: a removal event
    app.pipeline.run_pass()
    check_now(STORM)
    app.outbox.deliver_due()
    return Desk(
        settings=settings,
        store=app.store,
        config=path,
        summit=ids[site.url(SUMMIT_V1.path)],
        ferry=ids[site.url(FERRY.path)],
        hostile=ids[site.url(HOSTILE_V1.path)],
        storm=ids[site.url(STORM.path)],
        flood=ids[site.url(FLOOD.path)],
        wire=wire,
        newsroom=site,
        app=app,
    )


def _wire_story(store: Store, site: Newsroom, at: Any) -> int:
    """A wire story whose running total was corrected WIRE_CHANGES times (stored directly, never due)."""
    url = site.url("/wire/running-total")
    story, _ = store.add_story(
        url, source="wire", headline="Wire: running total", now=at, next_check_at=at + timedelta(days=365)
    )
    previous: Article | None = None
    for k in range(WIRE_CHANGES + 1):
        article = Article(
            url=url,
            headline="Wire: running total",
            authors=("Wire Desk",),
            body=(f"The running total stood at {100 + k} on the wire this morning.", "More follows."),
        )
        text = normalized_text(article)
        summary = summarize(previous, article) if previous is not None else None
        store.add_version(
            story.id, article, text=text, text_hash=text_hash(text), seen_at=at + timedelta(minutes=k), summary=summary
        )
        previous = article
    return story.id


# -- the server --------------------------------------------------------------------------------------------
class WebServer:
    """``make_server`` (waitress) serving ``settings``/``store`` on 127.0.0.1 in a thread."""

    def __init__(self, settings: Settings, store: Store, port: int = 0) -> None:
        from monitor.web.server import make_server

        self.server = make_server(settings, store, "127.0.0.1", port)
        self.server.adj.asyncore_loop_timeout = 0.05  # stop() returns at once instead of within a second
        self.url = f"http://127.0.0.1:{self.server.effective_port}"
        self._thread = threading.Thread(target=self.server.run, name="web-view", daemon=True)

    def start(self) -> WebServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self.server.close()
        self._thread.join(timeout=5)

    def client(self, **kwargs: Any) -> httpx.Client:
        return httpx.Client(base_url=self.url, timeout=10, **kwargs)


def serve(settings: Settings, store: Store, port: int = 0) -> Iterator[WebServer]:
    server = WebServer(settings, store, port).start()
    try:
        yield server
    finally:
        server.stop()


def basic(user: str, password: str) -> str:
    return "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()
