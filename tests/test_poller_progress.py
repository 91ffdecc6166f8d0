"""`storywatch check` shows a progress bar on a terminal's stderr, and nothing of it anywhere else."""

from __future__ import annotations

import io
import os
import pty
import select
import subprocess
import sys
from pathlib import Path

from rich.console import Console

from monitor.app import App
from monitor.cli.tables import check_progress
from monitor.config import load_config
from monitor.demo.newsroom import Newsroom
from monitor.demo.stories import FERRY, SUMMIT_V1, DemoStory, rss, story_page


def setup_site(tmp_path: Path, newsroom: Newsroom) -> Path:
    stories: list[DemoStory] = [SUMMIT_V1, FERRY]
    for story in stories:
        newsroom.set(story.path, story_page(story, base=newsroom.base_url))
    newsroom.set("/rss.xml", rss("World", newsroom.base_url, stories), content_type="application/rss+xml")
    config = tmp_path / "config.yaml"
    config.write_text(f"""
storage: {{url: "sqlite:///{tmp_path / "s.db"}"}}
fetch: {{allow_private_networks: true, min_gap: 0s}}
sources:
  - {{name: world, feed: "{newsroom.url("/rss.xml")}"}}
""")
    return config


def run_with_tty_stderr(*args: str) -> tuple[int, str, str]:
    """Run the CLI with stderr on a pseudo-terminal (stdout a pipe); returns (exit code, stdout, terminal)."""
    master, slave = pty.openpty()
    env = {**os.environ, "TERM": "xterm-256color", "COLUMNS": "100"}
    env.pop("NO_COLOR", None)
    process = subprocess.Popen(
        [sys.executable, "-m", "monitor", *args], stdout=subprocess.PIPE, stderr=slave, env=env, text=True
    )
    os.close(slave)
    seen = bytearray()
    while True:
        ready, _, _ = select.select([master], [], [], 30)
        if not ready:
            break
        try:
            chunk = os.read(master, 65536)
        except OSError:  # the child closed the terminal
            break
        if not chunk:
            break
        seen.extend(chunk)
    stdout = process.stdout.read() if process.stdout else ""
    process.wait(30)
    os.close(master)
    return process.returncode, stdout, seen.decode("utf-8", "replace")


def test_check_on_a_terminal_draws_progress_on_stderr_only(tmp_path: Path, newsroom: Newsroom) -> None:
    config = setup_site(tmp_path, newsroom)
    code, stdout, terminal = run_with_tty_stderr("-c", str(config), "check")
    assert code == 0, terminal
    assert "checking" in terminal and "2/2" in terminal
    assert "checking" not in stdout and "2 story check(s)" in stdout


def test_check_json_on_a_terminal_draws_no_progress(tmp_path: Path, newsroom: Newsroom) -> None:
    config = setup_site(tmp_path, newsroom)
    code, stdout, terminal = run_with_tty_stderr("-c", str(config), "check", "--json")
    assert code == 0, terminal
    assert "checking" not in terminal
    assert stdout.lstrip().startswith("{")


def test_check_without_a_terminal_draws_no_progress(tmp_path: Path, newsroom: Newsroom) -> None:
    config = setup_site(tmp_path, newsroom)
    result = subprocess.run(
        [sys.executable, "-m", "monitor", "-c", str(config), "check"], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert "checking" not in result.stderr and "\x1b[" not in result.stderr


def test_the_progress_wrapper_counts_every_story_and_leaves_the_pipeline_as_it_was(
    tmp_path: Path, newsroom: Newsroom
) -> None:
    config = setup_site(tmp_path, newsroom)
    console = Console(file=io.StringIO(), force_terminal=True, width=100)
    with App.open(load_config(config)) as app:
        with check_progress(app.pipeline, console) as progress:
            outcomes = app.pipeline.run_pass(listed=True)
            (task,) = progress.tasks
            assert (task.description, task.total, task.completed) == ("checking stories", 2, 2)
        assert [o.status for o in outcomes] == ["discovered", "new", "new"]
        assert "check_story" not in vars(app.pipeline) and "check_stories" not in vars(app.pipeline)
