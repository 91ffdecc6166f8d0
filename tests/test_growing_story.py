"""A breaking stub that grows (tests/data/growing/story.yaml), through the real pipeline on loopback.

Each version's body is its paragraphs only — never the headline or the byline run into the first one — so
each change is the paragraphs added and the words edited, and its alert names what was added.
"""

from __future__ import annotations

from html import escape
from pathlib import Path
from typing import Any

import yaml

from monitor.app import App
from monitor.config import parse_config
from monitor.demo.newsroom import Newsroom
from monitor.models import utcnow

STORY: dict[str, Any] = yaml.safe_load((Path(__file__).parent / "data" / "growing" / "story.yaml").read_text())


def page(paragraphs: list[str]) -> str:
    body = "\n".join(f"<p>{escape(text)}</p>" for text in paragraphs)
    return f"""<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>{escape(STORY["headline"])} | The Valmora Ledger</title></head>
<body><header><a href="/">The Valmora Ledger</a><nav><a href="/news">News</a></nav></header>
<article><h1>{escape(STORY["headline"])}</h1>
<p class="byline">{escape(STORY["byline"])}</p>
<time datetime="2025-08-28T09:12:00+01:00">28 August 2025, 09:12</time>
{body}
</article><footer>© The Valmora Ledger</footer></body></html>"""


def test_a_growing_stub_diffs_as_added_paragraphs(tmp_path: Path, newsroom: Newsroom, store_url: str) -> None:
    versions = STORY["versions"]
    newsroom.set("/news/power-cut", page(versions[0]["paragraphs"]))
    text = f"""
storage: {{url: "{store_url}"}}
fetch: {{allow_private_networks: true, timeout: 3s, min_gap: 0s}}
sources:
  - {{name: desk, url: "{newsroom.url("/news/power-cut")}"}}
notifiers:
  - {{name: desk, type: console, min_significance: cosmetic, color: false}}
"""
    with App.open(parse_config(text, env={}, path=tmp_path / "config.yaml")) as app:
        for number, version in enumerate(versions, start=1):
            newsroom.set("/news/power-cut", page(version["paragraphs"]))
            outcomes = [o for o in app.pipeline.run_pass(all_stories=True) if o.story_id]
            assert [o.status for o in outcomes] == ["new" if number == 1 else "changed"], outcomes
            stored = app.store.latest_version(outcomes[0].story_id)
            assert stored is not None and stored.number == number
            assert list(stored.article.body) == version["paragraphs"]
            assert stored.article.headline == STORY["headline"]
            if number == 1:
                continue
            change = app.store.latest_change(outcomes[0].story_id)
            assert change is not None
            summary = change.summary
            assert summary.paragraphs_added == version["paragraphs_added"]
            assert set(version["added"]) <= set(summary.entities_added)
            assert [[n.old, n.new] for n in summary.numbers] == version.get("numbers", [])
            lines = "\n".join(summary.lines())
            assert all(name in lines for name in version["added"]), lines
            assert STORY["headline"] not in " ".join(text for op, text in summary.ops if op == "+")
            alerts = [a for a in app.store.due_alerts(utcnow()) if a.change.id == change.id]
            assert [a.notifier for a in alerts] == ["desk"]
