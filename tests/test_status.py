"""`storywatch status`: the daemon by its lease, sources healthy or failing, stories and due, the outbox; exit codes."""

from __future__ import annotations

import io
import json
import socket
from datetime import timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from rich.console import Console

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


def terminal_status(config: Path, *args: str) -> str:
    """What `status` shows on an 80-column terminal (no colour codes)."""
    from monitor.cli import base

    console = Console(file=io.StringIO(), force_terminal=True, width=80, color_system=None, soft_wrap=True)  # as `out`
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(base, "out", console)
        patch.setattr("monitor.cli.daemon.out", console)
        status(config, *args)
    return console.file.getvalue()  # type: ignore[attr-defined]


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
        "stopped_at": None,
        "expected": False,
    }
    (source,) = data["sources"]
    assert source["name"] == "world" and source["state"] == "healthy" and source["stories"] == 2
    assert source["consecutive_failures"] == 0 and source["last_checked_at"]
    assert data["stories"] == {"total": 2, "by_status": {"active": 2}, "due": 0}
    assert data["outbox"] == {"pending": 0, "failing": 0, "dead": 0, "notifiers": []}

    text = status(world)  # not a terminal: one tab-separated record per line, its kind first
    assert text.exit_code == 0
    assert text.stdout.splitlines()[0] == "daemon\tnot running\t\t\t\t\t"
    assert "stories\t2 tracked (2 active); 0 due now\n" in text.stdout
    assert text.stdout.endswith("verdict\thealthy\n")
    on_screen = terminal_status(world)
    assert "daemon: not running" in on_screen and "storywatch run" in on_screen
    assert "2 tracked (2 active); 0 due now" in on_screen and on_screen.rstrip().endswith("healthy")


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
        assert "daemon: running (newsdesk-1:4242" in terminal_status(world)
        assert status(world).stdout.startswith("daemon\trunning\tnewsdesk-1:4242\t")

        app.store.heartbeat("newsdesk-1:4242", now=utcnow() - timedelta(minutes=5))
        dead = json.loads(status(world, "--json").stdout)["daemon"]
        assert dead["alive"] is False and dead["owner"] == "newsdesk-1:4242"
        assert "daemon: not running (last seen newsdesk-1:4242" in terminal_status(world)


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


def test_a_daemon_killed_50s_ago_is_a_problem_and_exit_1_unless_cron_only(world: Path) -> None:
    with App.open(load_config(world)) as app:
        app.pipeline.run_pass()
        app.store.acquire_lease("newsdesk-1:4242", now=utcnow() - timedelta(hours=1), stale_after=timedelta(seconds=45))
        app.store.heartbeat("newsdesk-1:4242", now=utcnow() - timedelta(seconds=50), cycle=True)
    result = status(world, "--json")
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert data["healthy"] is False and data["daemon"]["alive"] is False and data["daemon"]["expected"] is True
    assert data["problems"][0].startswith("daemon not running: newsdesk-1:4242 last seen at ")
    assert "did not stop cleanly" in data["problems"][0]
    piped = status(world)
    assert piped.exit_code == 1 and "problem\tdaemon not running: newsdesk-1:4242" in piped.stdout
    assert piped.stdout.endswith("verdict\tunhealthy\n")

    cron = status(world, "--no-daemon", "--json")
    assert cron.exit_code == 0, cron.output
    assert json.loads(cron.stdout)["problems"] == [] and json.loads(cron.stdout)["daemon"]["expected"] is False


def test_a_clean_stop_is_remembered_so_a_stopped_daemon_is_still_missed(world: Path) -> None:
    with App.open(load_config(world)) as app:
        app.pipeline.run_pass()
        app.store.acquire_lease("newsdesk-1:4242", now=utcnow(), stale_after=timedelta(seconds=45))
        assert status(world).exit_code == 0  # running: fine
        app.store.release_lease("newsdesk-1:4242")
        assert app.store.lease() is None  # nobody holds it …
        last = app.store.last_lease()
        assert last is not None and last.owner == "newsdesk-1:4242" and last.released_at is not None  # … one ran
    data = json.loads(status(world, "--json").stdout)
    assert data["healthy"] is False and data["daemon"]["stopped_at"] is not None
    assert data["problems"] == [
        f"daemon not running: newsdesk-1:4242 stopped at {data['daemon']['stopped_at']} "
        "(start it with `storywatch run`)"
    ]
    assert "daemon: not running (newsdesk-1:4242 stopped at" in terminal_status(world)
    assert status(world, "--no-daemon").exit_code == 0


def test_status_daemon_expects_one_even_before_the_first_ran(world: Path) -> None:
    with App.open(load_config(world)) as app:
        app.pipeline.run_pass()
    assert status(world).exit_code == 0  # a fresh install: none has run, none expected
    result = status(world, "--daemon", "--json")
    assert result.exit_code == 1
    assert json.loads(result.stdout)["problems"] == [
        "daemon not running: none has run on this database yet (start it with `storywatch run`)"
    ]


def test_status_at_80_columns_keeps_a_long_error_out_of_the_table(tmp_path: Path, newsroom: Newsroom) -> None:
    publish(newsroom, [SUMMIT_V1])
    long_name = "regional-politics-and-elections"
    sources = f"""  - {{name: {long_name}, feed: '{closed_url("/a/very/long/path/to/the/regional/rss.xml")}'}}
  - {{name: world, feed: '{newsroom.url("/rss.xml")}'}}"""
    config = write_config(tmp_path, sources)
    with App.open(load_config(config)) as app:
        app.pipeline.run_pass()
    screen = terminal_status(config)
    lines = screen.splitlines()
    assert all(len(line) <= 80 for line in lines), screen
    table = [line for line in lines if line.startswith(("│", "┃"))]
    assert len(table) == 3, screen  # a header and one line per source: nothing wrapped
    assert any(long_name in line for line in table)  # a source name whole, never broken mid-word
    problem = [line for line in lines if line.startswith("problem:")]
    assert problem and "could not connect" in " ".join(screen.split())  # below the table, wrapped at words

    piped = status(config).stdout.splitlines()
    (record,) = [line for line in piped if line.startswith(f"source\t{long_name}\t")]
    assert record.split("\t")[3] == "failing" and "could not connect" in record.split("\t")[-1]
