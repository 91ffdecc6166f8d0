"""Database faults mid-pass: PostgreSQL connections terminated while `check` works. A readable outcome, never a
traceback or an SQL parameter, and nothing lost: the next check finishes the work."""

from __future__ import annotations

import ctypes
import os
import random
import resource
import signal
import sqlite3
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
from tests.fixtures_hosts import WORDS

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


def _write_config(tmp_path: Path, url: str, site: Newsroom) -> Path:
    config = tmp_path / "config.yaml"
    config.write_text(f"""
storage: {{url: "{url}"}}
fetch: {{allow_private_networks: true, min_gap: 0s, workers: 2}}
sources:
  - {{name: world, feed: "{site.url("/rss.xml")}"}}
notifiers:
  - {{name: desk, type: console, color: false}}
""")
    return config


def test_connections_terminated_mid_check_give_a_readable_outcome_and_lose_nothing(
    clean_pg_url: str, tmp_path: Path
) -> None:
    Store.open(clean_pg_url).close()  # the schema exists; the check runs in its own process
    with KillingNewsroom(clean_pg_url, kill_at=5) as site:
        for story in STORIES:
            site.set(story.path, story_page(story, base=site.base_url))
        site.set("/rss.xml", rss("World", site.base_url, STORIES), content_type="application/rss+xml")
        config = _write_config(tmp_path, clean_pg_url, site)
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


# -- a SQLite database that cannot grow, and one that cannot be written ---------------------------------------
FULL_STORIES = [replace(SUMMIT_V1, path=f"/world/full-{k}", headline=f"Ferry timetable story {k}") for k in range(12)]


def _long_edit(story, k: int):  # type: ignore[no-untyped-def]
    """The story grown by a dozen long invented paragraphs: a write of many new pages."""
    rng = random.Random(k)
    extra = tuple(
        f"Paragraph {n} of the update on story {k}: " + " ".join(rng.choice(WORDS) for _ in range(160)) + "."
        for n in range(12)
    )
    return replace(story, paragraphs=story.paragraphs + extra, note="This story has been updated.")


def _publish(site: Newsroom, stories) -> None:  # type: ignore[no-untyped-def]
    for story in stories:
        site.set(story.path, story_page(story, base=site.base_url))
    site.set("/rss.xml", rss("World", site.base_url, list(stories)), content_type="application/rss+xml")


def _sqlite_config(tmp_path: Path, site: Newsroom) -> tuple[Path, Path]:
    db = tmp_path / "full.db"
    return _write_config(tmp_path, f"sqlite:///{db}", site), db


def _check(config: Path, *, preexec=None) -> subprocess.CompletedProcess[str]:  # type: ignore[no-untyped-def]
    return subprocess.run(
        [sys.executable, "-m", "monitor", "-c", str(config), "check", "--all"],
        capture_output=True,
        text=True,
        timeout=120,
        preexec_fn=preexec,
    )


def _assert_readable(done: subprocess.CompletedProcess[str]) -> None:
    for output in (done.stdout, done.stderr):
        assert "Traceback" not in output and "[parameters:" not in output and "INSERT INTO" not in output, output
        assert "[SQL:" not in output and "sqlalche.me" not in output, output


def _stored(db: Path) -> dict[str, list[str]]:
    """Each story's stored versions' texts, by URL; the database's own integrity check must pass."""
    with sqlite3.connect(db) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        rows = connection.execute(
            "SELECT s.url, v.text FROM versions v JOIN stories s ON s.id = v.story_id ORDER BY s.url, v.number"
        ).fetchall()
    out: dict[str, list[str]] = {}
    for url, text in rows:
        out.setdefault(url, []).append(text)
    return out


def test_a_sqlite_database_that_cannot_grow_ends_check_readably_and_the_next_check_finishes(tmp_path: Path) -> None:
    """RLIMIT_FSIZE caps every file the check writes just above the database's size (SIGXFSZ ignored, so a write
    past it fails with EFBIG as on a full disk): no root, no tmpfs."""
    with Newsroom() as site:
        _publish(site, FULL_STORIES)
        config, db = _sqlite_config(tmp_path, site)
        assert _check(config).returncode == 0
        before = _stored(db)
        assert len(before) == len(FULL_STORIES)
        _publish(site, [_long_edit(story, k) for k, story in enumerate(FULL_STORIES)])
        limit = db.stat().st_size + 16 * 1024

        def cap() -> None:
            signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
            resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

        full = _check(config, preexec=cap)
        _assert_readable(full)
        assert full.returncode == 1, full.stdout + full.stderr  # a story or delivery failed: README's exit code 1
        assert "may be full" in full.stdout and "free space and run again" in full.stderr, full.stdout + full.stderr
        during = _stored(db)
        assert all(texts[0] == before[url][0] for url, texts in during.items()) and set(during) == set(before)
        assert sum(len(texts) for texts in during.values()) < 2 * len(FULL_STORIES)  # the limit was hit
        again = _check(config)  # space is back
        assert again.returncode == 0, again.stdout + again.stderr
    after = _stored(db)
    assert {url: len(texts) for url, texts in after.items()} == {url: 2 for url in before}  # nothing lost
    assert all(texts[0] == before[url][0] for url, texts in after.items())


def _no_dac_override() -> None:
    """Root too is refused a write to a read-only file: drop CAP_DAC_OVERRIDE from the bounding set before exec
    (a no-op for other users, whom the file mode already stops)."""
    if os.geteuid() == 0:
        libc = ctypes.CDLL(None, use_errno=True)
        pr_capbset_drop, cap_dac_override = 24, 1
        assert libc.prctl(pr_capbset_drop, cap_dac_override, 0, 0, 0) == 0, os.strerror(ctypes.get_errno())


def test_a_read_only_sqlite_file_ends_check_with_a_readable_error_and_changes_nothing(tmp_path: Path) -> None:
    with Newsroom() as site:
        _publish(site, FULL_STORIES[:3])
        config, db = _sqlite_config(tmp_path, site)
        assert _check(config).returncode == 0
        before = _stored(db)
        _publish(site, [_long_edit(story, k) for k, story in enumerate(FULL_STORIES[:3])])
        db.chmod(0o444)
        try:
            done = _check(config, preexec=_no_dac_override)
        finally:
            db.chmod(0o644)
    _assert_readable(done)
    assert done.returncode == 1, done.stdout + done.stderr
    assert "readonly database — the database file or its folder is not writable" in done.stderr, done.stderr
    assert _stored(db) == before
