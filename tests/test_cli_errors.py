"""The last line of defence: an error no command handled is one readable line, never a traceback or a secret."""

from __future__ import annotations

import logging

import pytest
from sqlalchemy.exc import OperationalError

from monitor import logs
from monitor.cli.base import crash

SECRET = "hooks-SECRET-token-9f8e7d"


@pytest.mark.parametrize(
    ("error", "shown"),
    [
        (
            OperationalError("INSERT INTO alerts VALUES (?)", {"url": SECRET}, Exception(f"disk full near {SECRET}")),
            "database error: disk full near ***",
        ),
        (OSError(28, "No space left on device"), "No space left on device"),
        (RuntimeError(f"boom {SECRET}"), "unexpected RuntimeError: boom ***"),
    ],
)
def test_an_unhandled_error_is_one_redacted_line(error: Exception, shown: str, capsys) -> None:
    logs.protect([SECRET])
    logging.getLogger().setLevel(logging.WARNING)
    with pytest.raises(SystemExit) as stop:
        crash(error)
    assert stop.value.code == 1
    printed = capsys.readouterr().err
    assert shown in printed and SECRET not in printed
    assert "Traceback" not in printed and "INSERT INTO" not in printed


def test_log_format_json_writes_one_object_a_line_with_what_each_event_is_about(tmp_path, newsroom) -> None:
    """For log shippers: every stderr line of `-v --log-format json check` parses, and a story's events name it."""
    import json
    import subprocess
    import sys

    from monitor.demo.stories import SUMMIT_V1, rss, story_page

    newsroom.set(SUMMIT_V1.path, story_page(SUMMIT_V1, base=newsroom.base_url))
    newsroom.set("/rss.xml", rss("World", newsroom.base_url, [SUMMIT_V1]), content_type="application/rss+xml")
    config = tmp_path / "config.yaml"
    config.write_text(
        f"storage: {{url: 'sqlite:///{tmp_path / 's.db'}'}}\n"
        "fetch: {allow_private_networks: true, min_gap: 0s}\n"
        f"sources: [{{name: world, feed: '{newsroom.url('/rss.xml')}'}}]\n"
        f"notifiers: [{{name: hook, type: webhook, url: 'http://127.0.0.1:9/{SECRET}'}}]\n"
    )
    done = subprocess.run(
        [sys.executable, "-m", "monitor", "-v", "--log-format", "json", "-c", str(config), "check", "--json"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    entries = [json.loads(line) for line in done.stderr.splitlines() if line.strip()]
    assert entries and all({"time", "level", "logger", "event"} <= set(e) for e in entries)
    baseline = [e for e in entries if "baseline version stored" in e["event"]]
    assert baseline and baseline[0]["story_id"] == 1 and baseline[0]["source"] == "world"
    assert SECRET not in done.stderr and SECRET not in done.stdout
