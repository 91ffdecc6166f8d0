"""An operator follows "Running it in production" end to end on SQLite, with the programs a fresh machine has.

Install the wheel into a fresh virtualenv; write and check the config; find the database an older storywatch
left (schema 0004, made with the real migrations, one story in it); start the daemon as the systemd unit does
(its ExecStart, Environment and WorkingDirectory) and see it refuse the older schema; back up, `db upgrade`,
start again; take a backup while the daemon writes; scrape /metrics and /healthz from `run --metrics`; stop
it with SIGTERM; restore the backup taken before the upgrade and read it.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import signal
import sqlite3
import subprocess
from datetime import UTC, datetime
from pathlib import Path

import httpx
from sqlalchemy import MetaData, Table, insert

from monitor.demo.newsroom import Newsroom
from monitor.demo.stories import SUMMIT_V1, SUMMIT_V2, rss, story_page
from storage.engine import make_engine
from storage.migrate import head_revision
from tests.fixtures_db import revision_of, schema_at
from tests.fixtures_install import REPO, fresh_install, pip
from tests.test_workers import wait_until

UNIT = REPO / "deploy" / "storywatch-worker@.service"
OLDER = "0004"
OLD_STORY = "https://news.example.org/world/harbour-opens"  # what the older storywatch tracked


def unit_service(unit: Path, root: Path) -> tuple[list[str], dict[str, str], Path]:
    """The unit's ExecStart, Environment and WorkingDirectory, with its /opt, /etc and /var paths under root."""
    settings: dict[str, list[str]] = {}
    for line in unit.read_text().splitlines():
        key, sep, value = line.partition("=")
        if sep and not line.startswith("#"):
            settings.setdefault(key.strip(), []).append(value.strip())

    def moved(text: str) -> str:
        return re.sub(r"(?<![\w/])/(opt|etc|var)/", lambda m: f"{root}/{m.group(1)}/", text)

    command = [moved(word) for word in shlex.split(settings["ExecStart"][0])]
    env = dict(moved(pair).split("=", 1) for value in settings["Environment"] for pair in shlex.split(value))
    return command, env, Path(moved(settings["WorkingDirectory"][0]))


def _older_install(url: str) -> None:
    """What an older storywatch left: schema 0004 with one story and its first version."""
    schema_at(url, OLDER)
    engine = make_engine(url)
    meta = MetaData()
    stories, versions = (Table(name, meta, autoload_with=engine) for name in ("stories", "versions"))
    seen = datetime(2025, 3, 1, 8, 0, tzinfo=UTC)
    with engine.begin() as connection:
        story = connection.execute(
            insert(stories).values(
                url=OLD_STORY, headline="Harbour opens", status="active", first_seen_at=seen, version_count=1
            )
        ).inserted_primary_key[0]
        connection.execute(
            insert(versions).values(
                story_id=story, number=1, seen_at=seen, url=OLD_STORY, headline="Harbour opens", authors=[],
                body=["The harbour opened on Saturday."], notes=[], extractor={}, extractor_version="5",
                text="The harbour opened on Saturday.", text_hash="old-1",
            )
        )  # fmt: skip
    engine.dispose()


def _metric(text: str, name: str) -> float:
    found = re.search(rf"^{re.escape(name)} (\S+)$", text, re.MULTILINE)
    assert found, f"{name} not in /metrics:\n{text}"
    return float(found.group(1))


def _publish(site: Newsroom, story: object) -> None:
    site.set(story.path, story_page(story, base=site.base_url))  # type: ignore[attr-defined, arg-type]
    site.set("/rss.xml", rss("World", site.base_url, [story]), content_type="application/rss+xml")  # type: ignore[list-item]


def test_an_operator_installs_runs_backs_up_upgrades_restores_and_watches(tmp_path: Path, newsroom: Newsroom) -> None:
    root = tmp_path / "machine"
    command, unit_env, workdir = unit_service(UNIT, root)
    bin_dir = Path(command[0]).parent
    # install: the wheel into a fresh virtualenv where the unit expects it (/opt/storywatch/.venv)
    assert fresh_install(tmp_path, bin_dir.parent) == bin_dir
    storywatch = [str(bin_dir / "storywatch")]
    config = Path(unit_env["STORYWATCH_CONFIG"])
    config.parent.mkdir(parents=True)
    workdir.mkdir(parents=True)
    backups = root / "var" / "backups"
    backups.mkdir(parents=True)
    env = {**os.environ, **unit_env, "PYTHONUNBUFFERED": "1"}

    def sw(*args: str, code: int = 0) -> subprocess.CompletedProcess[str]:
        done = subprocess.run([*storywatch, *args], env=env, cwd=workdir, capture_output=True, text=True, timeout=120)
        assert done.returncode == code, (args, done.stdout, done.stderr)
        return done

    # configure: the starter config, then the desk's sources (a newsroom on loopback) and notifier
    sw("init", str(config))
    assert "storage:" in config.read_text()
    db = workdir / "storywatch.db"
    url = f"sqlite:///{db}"
    config.write_text(f"""\
storage:
  url: {url}
fetch: {{allow_private_networks: true, min_gap: 0s}}
schedule: {{ladder: ["1h: 1s"], jitter: 0}}
sources:
  - {{name: world, feed: "{newsroom.url("/rss.xml")}", interval: 10s}}
notifiers:
  - {{name: desk, type: console, color: false}}
""")
    assert "ok" in sw("-c", str(config), "config", "check").stdout

    # the new storywatch meets the older install's database: the service refuses it, saying what to do
    _older_install(url)
    _publish(newsroom, SUMMIT_V1)
    refused = subprocess.run(command, env=env, cwd=workdir, capture_output=True, text=True, timeout=60)
    assert refused.returncode == 2 and "RestartPreventExitStatus=2" in UNIT.read_text()  # systemd leaves it stopped
    assert f"the database is at schema {OLDER}; run `storywatch db upgrade`" in refused.stderr
    assert revision_of(url) == OLDER

    # upgrade: back up, then `db upgrade`, which says from which schema to which
    sw("db", "backup", str(backups / "storywatch-before-upgrade.db"))
    (wheel,) = (tmp_path / "wheels").glob("storywatch-*.whl")  # the new version: here, the same wheel again
    subprocess.run([*pip(bin_dir), "install", "-q", "--upgrade", "--no-deps", "--no-index", str(wheel)], check=True)
    upgraded = sw("db", "upgrade")
    assert f"upgraded from schema {OLDER} to {head_revision()}" in upgraded.stdout

    # start the service again, with /metrics beside it (a drop-in adding --metrics)
    daemon = subprocess.Popen(
        [*command, "--metrics", "127.0.0.1:0"], env=env, cwd=workdir, stderr=subprocess.PIPE, text=True
    )
    try:
        assert daemon.stderr is not None
        line = daemon.stderr.readline()
        found = re.search(r"(http://127\.0\.0\.1:\d+/)metrics", line)
        assert found, line
        base = found.group(1)

        def tracked() -> list[dict]:
            return json.loads(sw("stories", "--json").stdout)

        wait_until(lambda: len(tracked()) == 2, 60, "the daemon stores the newsroom's story")
        _publish(newsroom, SUMMIT_V2)
        wait_until(lambda: any(s["versions"] == 2 for s in tracked()), 60, "the daemon records the update")

        # a backup taken while the daemon writes is a consistent database
        sw("db", "backup", str(backups / "storywatch-live.db"))
        with sqlite3.connect(backups / "storywatch-live.db") as copy:
            assert copy.execute("PRAGMA integrity_check").fetchone() == ("ok",)
            assert copy.execute("SELECT count(*) FROM stories").fetchone() == (2,)

        # monitor: /healthz and /metrics from `run --metrics`
        assert httpx.get(base + "healthz", timeout=10).status_code == 200
        if shutil.which("curl"):  # as the README scrapes it
            scraped = subprocess.run(["curl", "-s", base + "metrics"], capture_output=True, text=True, check=True)
            metrics = scraped.stdout
        else:
            metrics = httpx.get(base + "metrics", timeout=10).text
        assert _metric(metrics, "storywatch_database_up") == 1
        assert _metric(metrics, "storywatch_daemon_heartbeat_age_seconds") < 45
        assert _metric(metrics, 'storywatch_stories{status="active"}') == 2  # the older one and the newsroom's
    finally:
        daemon.send_signal(signal.SIGTERM)  # systemctl stop: the unit's KillSignal
        daemon.wait(timeout=90)
    assert daemon.returncode == 0
    assert "daemon not running" in sw("status", code=1).stdout  # a stopped daemon is missed...
    sw("status", "--no-daemon")  # ...unless it runs from cron: then all is well

    # restore the backup taken before the upgrade: the database file, without the live one's WAL
    for leftover in (db.with_name(db.name + "-wal"), db.with_name(db.name + "-shm")):
        leftover.unlink(missing_ok=True)
    shutil.copyfile(backups / "storywatch-before-upgrade.db", db)
    assert revision_of(url) == OLDER  # the older storywatch's database again, as it was
    refused = sw("stories", code=2)  # this storywatch reads it only after an upgrade
    assert f"is at schema {OLDER}" in refused.stderr
    sw("db", "upgrade")
    history = json.loads(sw("history", OLD_STORY, "--json").stdout)
    assert [v["version"] for v in history["versions"]] == [1] and history["story"]["url"] == OLD_STORY
