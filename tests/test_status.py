"""`storywatch status`: the daemon by its lease, sources healthy or failing, stories and due, the outbox; exit codes."""

from __future__ import annotations

import json
import socket
from datetime import timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from monitor.app import App
from monitor.cli import cli
from monitor.config import load_config
from monitor.demo.newsroom import Newsroom
from monitor.demo.stories import FERRY, SUMMIT_V1, SUMMIT_V2, DemoStory, rss, story_page
from monitor.models import utcnow
from tests.fixtures_servers import CaptureServer


def closed_url(path: str) -> str:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return f"http://127.0.0.1:{sock.getsockname()[1]}{path}"


def publish(site: Newsroom, stories: list[DemoStory]) -> None:
    for story in stories:
        site.set(story.path, story_page(story, base=site.base_url))
    site.set("/rss.xml", rss("World", site.base_url, stories), content_type="application/rss+xml")


def write_config(tmp_path: Path, sources: str, notifiers: str = "  - {name: desk, type: console}") -> Path:
    config = tmp_path / "config.yaml"
    config.write_text(f"""
storage: {{url: "sqlite:///{tmp_path / "s.db"}"}}
fetch: {{allow_private_networks: true, min_gap: 0s, timeout: 2s}}
delivery: {{max_attempts: 1}}
sources:
{sources}
notifiers:
{notifiers}
""")
    return config


def status(config: Path, *args: str) -> Result:
    return CliRunner().invoke(cli, ["-c", str(config), "status", *args])


@pytest.fixture
def world(tmp_path: Path, newsroom: Newsroom) -> Path:
    publish(newsroom, [SUMMIT_V1, FERRY])
    return write_config(tmp_path, f"  - {{name: world, feed: '{newsroom.url('/rss.xml')}'}}")


def test_status_needs_a_database_and_creates_none(world: Path, tmp_path: Path) -> None:
    result = status(world)
    assert result.exit_code == 2
    assert "no database" in result.stderr and not (tmp_path / "s.db").exists()


def test_healthy_after_a_pass_with_stories_counted_and_no_daemon(world: Path) -> None:
    with App.open(load_config(world)) as app:
        app.pipeline.run_pass()
    result = status(world, "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["healthy"] is True and data["problems"] == []
    assert data["daemon"] == {
        "alive": False,
        "owner": None,
        "started_at": None,
        "heartbeat_at": None,
        "last_cycle_at": None,
    }
    (source,) = data["sources"]
    assert source["name"] == "world" and source["state"] == "healthy" and source["stories"] == 2
    assert source["consecutive_failures"] == 0 and source["last_checked_at"]
    assert data["stories"] == {"total": 2, "by_status": {"active": 2}, "due": 0}
    assert data["outbox"] == {"pending": 0, "failing": 0, "dead": 0, "notifiers": []}

    text = status(world)
    assert text.exit_code == 0
    assert "daemon: not running" in text.stdout and "storywatch run" in text.stdout
    assert "2 tracked (2 active); 0 due now" in text.stdout and text.stdout.rstrip().endswith("healthy")


def test_a_failing_source_makes_status_exit_1_and_says_why(tmp_path: Path, newsroom: Newsroom) -> None:
    publish(newsroom, [SUMMIT_V1])
    sources = f"""  - {{name: down, feed: '{closed_url("/rss.xml")}'}}
  - {{name: world, feed: '{newsroom.url("/rss.xml")}'}}"""
    config = write_config(tmp_path, sources)
    with App.open(load_config(config)) as app:
        app.pipeline.run_pass()
        app.pipeline.run_pass()
    result = status(config, "--json")
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    by_name = {s["name"]: s for s in data["sources"]}
    assert by_name["down"]["state"] == "failing" and by_name["down"]["consecutive_failures"] == 2
    assert "could not connect" in by_name["down"]["last_error"]
    assert by_name["world"]["state"] == "healthy"
    assert data["problems"] == [f"source down failing (2× in a row): {by_name['down']['last_error']}"]

    text = status(config)
    assert text.exit_code == 1 and "failing" in text.stdout and "unhealthy" in text.stdout


def test_dead_alerts_make_status_exit_1(tmp_path: Path, newsroom: Newsroom, capture_server: CaptureServer) -> None:
    publish(newsroom, [SUMMIT_V1])
    config = write_config(
        tmp_path,
        f"  - {{name: world, feed: '{newsroom.url('/rss.xml')}'}}",
        f"  - {{name: hook, type: webhook, url: '{capture_server.url}/hook'}}",
    )
    with App.open(load_config(config)) as app:
        app.pipeline.run_pass()
        publish(newsroom, [SUMMIT_V2])
        app.pipeline.run_pass(all_stories=True)
        capture_server.respond(500)
        app.outbox.deliver_due()  # max_attempts: 1 → dead at once
    data = json.loads(status(config, "--json").stdout)
    assert data["healthy"] is False and data["outbox"]["dead"] == 1
    assert data["outbox"]["notifiers"][0]["notifier"] == "hook"
    assert data["problems"][0].startswith("notifier hook: 1 dead alert(s): webhook: HTTP 500")
    assert status(config).exit_code == 1


def test_daemon_alive_by_a_fresh_heartbeat_and_dead_by_a_stale_one(world: Path) -> None:
    with App.open(load_config(world)) as app:
        app.pipeline.run_pass()
        started = utcnow() - timedelta(hours=2)
        app.store.acquire_lease("newsdesk-1:4242", now=started, stale_after=timedelta(seconds=45))
        app.store.heartbeat("newsdesk-1:4242", now=utcnow(), cycle=True)
        alive = json.loads(status(world, "--json").stdout)["daemon"]
        assert alive["alive"] is True and alive["owner"] == "newsdesk-1:4242"
        assert alive["last_cycle_at"] and alive["started_at"].startswith(started.strftime("%Y-%m-%dT%H:%M"))
        assert "daemon: running (newsdesk-1:4242" in status(world).stdout

        app.store.heartbeat("newsdesk-1:4242", now=utcnow() - timedelta(minutes=5))
        dead = json.loads(status(world, "--json").stdout)["daemon"]
        assert dead["alive"] is False and dead["owner"] == "newsdesk-1:4242"
        assert "daemon: not running (last seen newsdesk-1:4242" in status(world).stdout


def test_due_and_removed_stories_are_counted(tmp_path: Path, newsroom: Newsroom) -> None:
    publish(newsroom, [SUMMIT_V1, FERRY])
    config = write_config(tmp_path, f"  - {{name: world, feed: '{newsroom.url('/rss.xml')}'}}")
    with App.open(load_config(config)) as app:
        app.pipeline.run_pass()
        newsroom.set(FERRY.path, "<h1>Gone</h1>", status=410)
        app.pipeline.run_pass(all_stories=True)
        app.store.add_story(newsroom.url("/later"), source="world", headline=None, now=utcnow(), next_check_at=utcnow())
    data = json.loads(status(config, "--json").stdout)
    assert data["stories"]["total"] == 3
    assert data["stories"]["by_status"] == {"active": 2, "removed": 1}
    assert data["stories"]["due"] == 1


def test_status_needs_no_notifier_secret(world: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with App.open(load_config(world)) as app:
        app.pipeline.run_pass()
    monkeypatch.delenv("HOOK_URL", raising=False)
    config = tmp_path / "secret.yaml"
    config.write_text(
        world.read_text().replace("{name: desk, type: console}", "{name: hook, type: webhook, url: '${HOOK_URL}'}")
    )
    result = status(config)
    assert result.exit_code == 0, result.output
