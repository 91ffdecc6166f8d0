"""Database faults mid-pass: PostgreSQL connections terminated while `check` works. A readable outcome, never a
traceback or an SQL parameter, and nothing lost: the next check finishes the work."""

from __future__ import annotations

import subprocess
import sys
import threading
from dataclasses import replace
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import psycopg
from sqlalchemy.engine import make_url

from monitor.demo.newsroom import Newsroom
from monitor.demo.stories import SUMMIT_V1, rss, story_page
from storage.store import Store

STORIES = [replace(SUMMIT_V1, path=f"/world/story-{k}", headline=f"Harbour story number {k}") for k in range(30)]


class KillingNewsroom(Newsroom):
    """A newsroom that, from its ``kill_at``-th story request on, terminates every other connection to the
    database every few milliseconds until ``stop_killing()``: transactions die mid-flight, not only idle ones."""

    def __init__(self, clean_pg_url: str, kill_at: int) -> None:
        super().__init__()
        self.url_ = make_url(clean_pg_url)
        self.kill_at = kill_at
        self.seen = 0
        self.killed = 0
        self._count = threading.Lock()
        self.stopped = threading.Event()

    def _serve(self, handler: BaseHTTPRequestHandler) -> None:
        if handler.path.startswith("/world/story-"):
            with self._count:
                self.seen += 1
                kill = self.seen == self.kill_at
            if kill:
                threading.Thread(target=self._keep_killing, daemon=True).start()
        super()._serve(handler)

    def stop_killing(self) -> None:
        self.stopped.set()

    def _keep_killing(self) -> None:
        while not self.stopped.wait(0.005):
            self._terminate()

    def _terminate(self) -> None:
        u = self.url_
        with psycopg.connect(host=u.host, port=u.port or 5432, user=u.username, dbname=u.database) as admin:
            rows = admin.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE datname = current_database() AND pid <> pg_backend_pid()"
            ).fetchall()
            self.killed += len(rows)


def test_connections_terminated_mid_check_give_a_readable_outcome_and_lose_nothing(
    clean_pg_url: str, tmp_path: Path
) -> None:
    Store.open(clean_pg_url).close()  # the schema exists; the check runs in its own process
    with KillingNewsroom(clean_pg_url, kill_at=5) as site:
        for story in STORIES:
            site.set(story.path, story_page(story, base=site.base_url))
        site.set("/rss.xml", rss("World", site.base_url, STORIES), content_type="application/rss+xml")
        config = tmp_path / "config.yaml"
        config.write_text(f"""
storage: {{url: "{clean_pg_url}"}}
fetch: {{allow_private_networks: true, min_gap: 0s, workers: 2}}
sources:
  - {{name: world, feed: "{site.url("/rss.xml")}"}}
notifiers:
  - {{name: desk, type: console, color: false}}
""")
        first = subprocess.run(
            [sys.executable, "-m", "monitor", "-c", str(config), "check"], capture_output=True, text=True, timeout=120
        )
        site.stop_killing()
        assert site.killed >= 1, "the fault was never injected"
        assert first.returncode in (0, 1), first.stderr
        for output in (first.stdout, first.stderr):
            assert "Traceback" not in output and "[parameters:" not in output and "INSERT INTO" not in output
        second = subprocess.run(
            [sys.executable, "-m", "monitor", "-c", str(config), "check", "--all"],
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert second.returncode == 0, second.stdout + second.stderr
    with Store.open(clean_pg_url, migrate=False) as store:
        stored = {s.url: s.versions for s in store.list_stories()}
    assert sorted(stored.values()) == [1] * len(STORIES)  # every story baselined once: none lost, none doubled


def test_the_web_view_answers_503_in_a_sentence_when_the_database_is_gone(clean_pg_url: str) -> None:
    """The server stays up; each page says the database did not answer, and comes back when it does."""
    import httpx

    from monitor.config import parse_config
    from monitor.web.server import bound_url, make_server

    store = Store.open(clean_pg_url)
    settings = parse_config(f"storage: {{url: '{clean_pg_url}'}}\n", env={})
    server = make_server(settings, store, "127.0.0.1", 0)
    threading.Thread(target=server.run, daemon=True).start()
    base = bound_url(server)
    u = make_url(clean_pg_url)
    try:
        assert httpx.get(base, timeout=5).status_code == 200
        with psycopg.connect(host=u.host, port=u.port or 5432, user=u.username, dbname="test", autocommit=True) as a:
            a.execute(f'ALTER DATABASE "{u.database}" WITH ALLOW_CONNECTIONS false')
            a.execute(f"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{u.database}'")
            try:
                for path in ("", "stories/1", "api/stories", "healthz", "metrics"):
                    page = httpx.get(base + path, timeout=15)
                    assert page.status_code == 503 if path != "metrics" else page.status_code in (200, 503), path
                    assert "Traceback" not in page.text and "SELECT" not in page.text
                assert "storywatch_database_up 0.0" in httpx.get(base + "metrics", timeout=15).text
            finally:
                a.execute(f'ALTER DATABASE "{u.database}" WITH ALLOW_CONNECTIONS true')
        assert httpx.get(base, timeout=5).status_code == 200
    finally:
        server.close()
        store.close()
