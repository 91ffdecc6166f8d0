"""End to end through the real `storywatch` command: a local feed, a story edited, one Slack and one email alert.

Runs the installed console script in a subprocess against a local newsroom, the capture server (standing in
for Slack), an aiosmtpd server, and the store under test (SQLite and PostgreSQL).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from monitor.demo.newsroom import Newsroom
from monitor.demo.stories import FERRY, SUMMIT_V1, SUMMIT_V2, DemoStory, rss, story_page
from tests.fixtures_servers import CaptureServer, SmtpCapture

STORYWATCH = shutil.which("storywatch", path=str(Path(sys.executable).parent)) or "storywatch"
SECRET_HOOK_PATH = "/services/T0DESK/B0WORLD/sup3rs3cretT0ken"


def publish(site: Newsroom, summit: DemoStory, seed: int) -> None:
    site.set(summit.path, story_page(summit, base=site.base_url, boilerplate_seed=seed))
    site.set(FERRY.path, story_page(FERRY, base=site.base_url, boilerplate_seed=seed))
    site.set("/world/rss.xml", rss("World", site.base_url, [summit, FERRY]), content_type="application/rss+xml")


def write_config(tmp_path: Path, store_url: str, newsroom: Newsroom, smtp: SmtpCapture) -> Path:
    config = tmp_path / "config.yaml"
    config.write_text(f"""
storage:
  url: "{store_url}"
fetch:
  user_agent: "storywatch-tests (+mailto:desk@example.org)"
  allow_private_networks: true
  min_gap: 0s
sources:
  - name: world
    feed: {newsroom.url("/world/rss.xml")}
    interval: 5m
    tags: [world]
notifiers:
  - name: world-desk
    type: slack
    webhook_url: ${{SLACK_WEBHOOK_URL}}
    min_significance: substantive
  - name: standards
    type: email
    smtp_host: {smtp.host}
    smtp_port: {smtp.port}
    security: none
    from: storywatch@example.org
    to: [standards@example.org]
""")
    return config


def storywatch(config: Path, *args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([STORYWATCH, "-c", str(config), *args], capture_output=True, text=True, env=env, timeout=120)


def test_feed_to_slack_and_email_then_diff_json(
    tmp_path: Path,
    store_url: str,
    newsroom: Newsroom,
    capture_server: CaptureServer,
    smtp_server: SmtpCapture,
) -> None:
    hook = capture_server.url + SECRET_HOOK_PATH
    env = {**os.environ, "SLACK_WEBHOOK_URL": hook}
    publish(newsroom, SUMMIT_V1, seed=1)
    config = write_config(tmp_path, store_url, newsroom, smtp_server)

    checked = storywatch(config, "config", "check", env=env)
    assert checked.returncode == 0, checked.stderr
    assert "sup3rs3cret" not in checked.stdout + checked.stderr

    first = storywatch(config, "check", "--json", env=env)
    assert first.returncode == 0, first.stderr
    statuses = sorted(o["status"] for o in json.loads(first.stdout)["outcomes"])
    assert statuses == ["discovered", "new", "new"]
    assert capture_server.requests == [] and smtp_server.messages == []  # baselines never alert

    publish(newsroom, SUMMIT_V2, seed=2)
    second = storywatch(config, "check", env=env)
    assert second.returncode == 0, second.stderr
    assert "1 changed" in second.stderr  # the summary is for the person; stdout (a pipe) holds the records
    assert "\tchanged\t2\tsubstantive\n" in second.stdout

    third = storywatch(config, "check", "--all", env=env)  # nothing new: nothing sent again
    assert third.returncode == 0, third.stderr

    assert len(capture_server.requests) == 1
    slack = capture_server.requests[0]
    assert slack.path == SECRET_HOOK_PATH
    payload = slack.json()
    assert "Mirela Dastan" in json.dumps(payload) and "27" in payload["text"]
    (mail,) = smtp_server.wait_for(1)
    assert mail["To"] == "standards@example.org" and SUMMIT_V1.headline in mail["Subject"]
    plain = mail.get_body(("plain",)).get_content()
    html = mail.get_body(("html",)).get_content()
    assert "Mirela Dastan" in plain and "Mirela Dastan" in html

    url = newsroom.url(SUMMIT_V1.path)
    diff = storywatch(config, "diff", url, "--format", "json", env=env)
    assert diff.returncode == 0, diff.stderr
    data = json.loads(diff.stdout)
    assert list(data)[:13] == [  # the contract's keys, in its order (later keys may be added after them)
        "story",
        "from",
        "to",
        "significance",
        "declared",
        "update_notes",
        "headline",
        "byline",
        "entities",
        "numbers",
        "quotes",
        "paragraphs",
        "ops",
    ]
    assert data["story"]["url"] == url and data["story"]["headline"] == SUMMIT_V2.headline
    assert data["from"]["version"] == 1 and data["to"]["version"] == 2
    assert data["from"]["seen_at"].endswith("Z") and data["to"]["seen_at"] >= data["from"]["seen_at"]
    assert data["significance"] in {"substantive", "major"}
    assert data["declared"] is True
    assert data["update_notes"] == [SUMMIT_V2.note]
    assert data["headline"] is None and data["byline"] is None
    assert "Mirela Dastan" in data["entities"]["added"] and data["entities"]["removed"] == []
    assert [(n["old"], n["new"]) for n in data["numbers"]] == [("26", "27")]
    assert "27 foreign heads of state" in data["numbers"][0]["context"]
    assert any("We came to be heard" in q for q in data["quotes"]["added"])
    assert data["paragraphs"]["added"] == 1 and data["paragraphs"]["changed"] == 2
    assert {op for op, _ in data["ops"]} == {"=", "-", "+"}
    assert ["-", "26"] in data["ops"] and ["+", "27"] in data["ops"]

    for command in (["stories", "--json"], ["history", url, "--json"], ["notify", "status", "--json"]):
        result = storywatch(config, *command, env=env)
        assert result.returncode == 0, result.stderr
        assert "sup3rs3cret" not in result.stdout + result.stderr
    stories = json.loads(storywatch(config, "stories", "--json", env=env).stdout)
    assert {s["url"]: s["versions"] for s in stories} == {url: 2, newsroom.url(FERRY.path): 1}
    assert set(stories[0]) >= {
        "id",
        "url",
        "headline",
        "source",
        "versions",
        "last_changed_at",
        "last_checked_at",
        "status",
    }
    history = json.loads(storywatch(config, "history", url, "--json", env=env).stdout)
    assert [v["version"] for v in history["versions"]] == [1, 2]
    assert history["versions"][0]["significance"] is None
    outbox = json.loads(storywatch(config, "notify", "status", "--json", env=env).stdout)
    assert {r["notifier"]: r["delivered"] for r in outbox} == {"world-desk": 1, "standards": 1}


def test_check_exits_1_with_a_summary_when_a_source_fails(
    tmp_path: Path,
    store_url: str,
    newsroom: Newsroom,
    smtp_server: SmtpCapture,
    capture_server: CaptureServer,
) -> None:
    env = {**os.environ, "SLACK_WEBHOOK_URL": capture_server.url + "/hook"}
    publish(newsroom, SUMMIT_V1, seed=1)
    config = write_config(tmp_path, store_url, newsroom, smtp_server)
    text = config.read_text().replace(
        "interval: 5m", "interval: 5m\n  - name: nowhere\n    feed: " + newsroom.url("/no-such-feed.xml")
    )
    config.write_text(text)
    result = storywatch(config, "check", env=env)
    assert result.returncode == 1
    assert "nowhere\terror\t\tHTTP 404" in result.stdout  # one tab-separated record per line in a pipe
    assert "1 failed" in result.stderr and "2 new" in result.stderr


def test_bad_config_exits_2_naming_the_path(tmp_path: Path) -> None:
    config = tmp_path / "config.yaml"
    config.write_text("notifiers:\n  - name: x\n    type: slack\n    webhok_url: https://hooks.example/x\n")
    result = subprocess.run([STORYWATCH, "-c", str(config), "config", "check"], capture_output=True, text=True)
    assert result.returncode == 2
    assert "notifiers[0].webhok_url: unknown key (did you mean 'webhook_url'?)" in result.stderr
    result = subprocess.run([STORYWATCH, "-c", str(config), "check"], capture_output=True, text=True)
    assert result.returncode == 2 and "notifiers[0].webhok_url: unknown key" in result.stderr


@pytest.mark.parametrize("command", [["history", "999"], ["diff", "https://nowhere.example/x"], ["show", "42"]])
def test_unknown_story_is_a_usage_error(tmp_path: Path, command: list[str]) -> None:
    config = tmp_path / "config.yaml"
    config.write_text(f"storage: {{url: 'sqlite:///{tmp_path}/s.db'}}\n")
    result = subprocess.run([STORYWATCH, "-c", str(config), *command], capture_output=True, text=True)
    assert result.returncode == 2 and "no database at" in result.stderr  # a read-only command creates nothing
    assert not (tmp_path / "s.db").exists()
    assert subprocess.run([STORYWATCH, "-c", str(config), "check"], capture_output=True).returncode == 0
    result = subprocess.run([STORYWATCH, "-c", str(config), *command], capture_output=True, text=True)
    assert result.returncode == 2 and "no story" in result.stderr


def test_notify_test_needs_only_that_notifiers_secrets(tmp_path: Path, capture_server: CaptureServer) -> None:
    config = tmp_path / "config.yaml"
    config.write_text(
        "notifiers:\n"
        "  - {name: hook, type: webhook, url: '${HOOK_URL}'}\n"
        "  - {name: desk, type: slack, webhook_url: '${SLACK_WEBHOOK_URL}'}\n"
    )
    env = {k: v for k, v in os.environ.items() if k != "SLACK_WEBHOOK_URL"}
    env["HOOK_URL"] = capture_server.url + "/hook/s3cr3t-path"
    sent = subprocess.run(
        [STORYWATCH, "-c", str(config), "notify", "test", "hook"], capture_output=True, text=True, env=env
    )
    assert sent.returncode == 0, sent.stderr
    assert "hook: test alert sent" in sent.stdout
    assert len(capture_server.requests) == 1 and capture_server.requests[0].path == "/hook/s3cr3t-path"
    body = capture_server.requests[0].json()  # marked as a test, and about no stored story (never a real thread)
    assert body["story"]["id"] == 0 and body["alert"]["reasons"] == {"test": True}
    assert body["diff_url"] is None and "it links" not in sent.stdout  # no web.base_url: no page to link
    missing = subprocess.run(
        [STORYWATCH, "-c", str(config), "notify", "test", "desk"], capture_output=True, text=True, env=env
    )
    assert (
        missing.returncode == 2 and "notifiers[1].webhook_url: environment variable SLACK_WEBHOOK_URL" in missing.stderr
    )
    unknown = subprocess.run(
        [STORYWATCH, "-c", str(config), "notify", "test", "nope"], capture_output=True, text=True, env=env
    )
    assert unknown.returncode == 2 and "no notifier named 'nope' (notifiers: hook, desk)" in unknown.stderr
    assert "s3cr3t" not in sent.stdout + sent.stderr + missing.stderr + unknown.stderr
