"""``storywatch demo``: a local newsroom on 127.0.0.1 whose story gets updated, watched end to end, offline.

It runs the real parts — fetcher, feed parser, extractor, SQLite store, diff engine, outbox and the console
notifier — against our own invented stories, then prints the commands to explore what it stored.
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from rich.console import Console
from rich.rule import Rule

from monitor.app import App
from monitor.config import load_config
from monitor.demo.newsroom import Newsroom
from monitor.demo.stories import FERRY, SUMMIT_V1, SUMMIT_V2, rss, story_page

CONFIG = """\
# written by `storywatch demo`: a newsroom on 127.0.0.1, a SQLite database next to this file
storage:
  url: sqlite:///{db}
fetch:
  user_agent: "storywatch-demo (+mailto:desk@example.org)"
  timeout: 10s
  allow_private_networks: true   # the demo newsroom lives on loopback
  min_gap: 0s                    # our own local server: no need to pace requests
sources:
  - name: harbour-herald
    feed: {feed}
    interval: 1m
    tags: [world]
notifiers:
  - name: console
    type: console
    min_significance: minor
web:
  listen: 127.0.0.1:{port}      # `storywatch serve` shows what the demo stored
  base_url: http://127.0.0.1:{port}
"""


def _web_port(preferred: int = 8080) -> int:
    """8080 when it is free on loopback, else any free port (another server may hold 8080)."""
    import socket

    for port in (preferred, 0):
        with socket.socket() as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
            return probe.getsockname()[1]
    return preferred


def _publish(site: Newsroom, summit: object, seed: int) -> None:
    base = site.base_url
    site.set(SUMMIT_V1.path, story_page(summit, base=base, boilerplate_seed=seed))  # type: ignore[arg-type]
    site.set(FERRY.path, story_page(FERRY, base=base, boilerplate_seed=seed))
    site.set(
        "/world/rss.xml",
        rss("The Harbour Herald: World", base, [summit, FERRY]),  # type: ignore[list-item]
        content_type="application/rss+xml; charset=utf-8",
    )


def _program() -> str:
    """How the user can call storywatch again: its bare name when on PATH, else the full path."""
    import shutil
    import sys

    here = Path(sys.argv[0]).resolve() if sys.argv and sys.argv[0] else None
    if here and here.name == "storywatch" and shutil.which("storywatch") != str(here):
        return str(here)
    return "storywatch"


def run_demo(console: Console, *, keep: bool = True, pause: float = 1.0) -> int:
    """Run the demo; returns the exit code (0 when the alert went out)."""
    folder = Path(tempfile.mkdtemp(prefix="storywatch-demo-"))
    with Newsroom() as site:
        _publish(site, SUMMIT_V1, seed=1)
        config = folder / "config.yaml"
        port = _web_port()
        config.write_text(CONFIG.format(db=folder / "storywatch.db", feed=site.url("/world/rss.xml"), port=port))
        settings = load_config(config)
        console.print(Rule("storywatch demo"))
        console.print(f"A local newsroom is up at {site.base_url} with 2 invented stories in its RSS feed.")
        console.print(f"storywatch watches it with {config}\n")
        with App.open(settings) as app:
            console.print("[bold]1.[/bold] First pass: every story is new, stored as a baseline (no alerts).")
            first = app.pipeline.run_pass(all_stories=True)
            for o in first:
                if o.story_id is not None:
                    console.print(f"   {o.status:>9}  {o.target}")
            time.sleep(pause)
            console.print(
                "\n[bold]2.[/bold] The desk updates the summit story: one more leader, 26 → 27, a quote, "
                "an update note. The ferry story is re-rendered with new ads and timestamps only."
            )
            _publish(site, SUMMIT_V2, seed=2)
            time.sleep(pause)
            console.print("\n[bold]3.[/bold] Second pass: storywatch notices and alerts the console notifier:\n")
            second = app.pipeline.run_pass(all_stories=True)
            results = app.outbox.deliver_due()
            changed = [o for o in second if o.story_id is not None and o.status == "changed"]
            unchanged = [o for o in second if o.story_id is not None and o.status == "unchanged"]
            console.print(
                f"\n   {len(changed)} story changed, {len(unchanged)} unchanged "
                f"(boilerplate churn is not a change); {sum(r.ok for _, r in results)} alert(s) delivered."
            )
            if not changed:
                console.print("[red]the demo expected a change and saw none[/red]")
                return 1
            story_id = changed[0].story_id
            console.print(Rule("the full diff: storywatch diff " + str(story_id)))
            from notifiers.render import render_text

            change = app.store.latest_change(story_id)
            console.print(
                render_text(change, color=False, width=min(console.width, 100)), markup=False, highlight=False
            )
    if not keep:
        import shutil

        shutil.rmtree(folder, ignore_errors=True)
        return 0 if results and all(r.ok for _, r in results) else 1
    console.print(Rule(f"explore (the demo's database stays in {folder})"))
    prefix = f"{_program()} -c {config}"
    for command in (
        "stories",
        f"history {story_id}",
        f"diff {story_id} --format markdown",
        f"diff {story_id} --format json",
        f"show {story_id} --version 1",
    ):
        console.print(f"  {prefix} {command}", markup=False)
    console.print(Rule("the web view: every alert links its diff page there"))
    console.print(f"  {prefix} serve", markup=False)
    console.print("  then open the full diff in a browser:", markup=False)
    console.print(f"  {settings.web.diff_link(story_id, change.from_version, change.to_version)}", markup=False)
    return 0 if results and all(r.ok for _, r in results) else 1
