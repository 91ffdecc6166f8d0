"""Does storywatch catch an editor's edit on real pages? A local newsroom serves each real page, then an edited copy.

For every page of ../shared/data/articles-meta (measuring only; nothing is copied into the repo) the script:
serves the page on 127.0.0.1, runs a baseline check, then serves a copy in which one body sentence gains an
invented name ("… Marek Olvanto …") and one number in the body is incremented, and checks again. It reports
how often the change is detected, the name is reported as added, the number change is reported, and how
often an identical re-serve is (wrongly) reported as a change.

    .venv/bin/python bench/edit_detection.py [--limit N]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
from pathlib import Path

from monitor.app import App
from monitor.config import parse_config
from monitor.demo.newsroom import Newsroom
from monitor.errors import ExtractionError
from monitor.extractors import extract

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "articles-meta"
NAME = "Marek Olvanto"


def edit(html: str, body: list[str]) -> tuple[str, bool] | None:
    """Insert a sentence with NAME after one body sentence and increment one number (True when it could)."""
    for paragraph in sorted(body, key=len, reverse=True):
        sentences = re.findall(r"[^.!?]{30,}?[.!?]", paragraph)
        for sentence in sentences:
            anchor = sentence.strip()[-40:]
            if anchor in html:
                html = html.replace(anchor, anchor + f" Officials said {NAME} would attend.")
                break
        else:
            continue
        break
    else:
        return None
    for paragraph in body:
        for match in re.finditer(r"(?<![\d.,])(\d{2,4})(?![\d.,])", paragraph):
            context = paragraph[max(0, match.start() - 25) : match.end() + 10]
            if context in html:
                bumped = context.replace(match.group(1), str(int(match.group(1)) + 1), 1)
                return html.replace(context, bumped), True
    return html, False


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--limit", type=int, default=0)
    args = parser.parse_args()
    if not DATA.exists():
        print(f"skipped: {DATA} is not here")
        return 0
    rows = json.loads((DATA / "expected.json").read_text())
    rows = rows[: args.limit] if args.limit else rows
    counts = {
        "pages": 0,
        "editable": 0,
        "baseline": 0,
        "false_change": 0,
        "detected": 0,
        "name": 0,
        "number_edits": 0,
        "number": 0,
    }
    with tempfile.TemporaryDirectory() as tmp, Newsroom() as site:
        text = f"""
storage: {{url: "sqlite:///{tmp}/bench.db"}}
fetch: {{allow_private_networks: true, workers: 2, min_gap: 0s}}
notifiers: [{{name: log, type: console, min_significance: major, enabled: false}}]
"""
        with App.open(parse_config(text, env={}, path=Path(tmp) / "c.yaml")) as app:
            for i, row in enumerate(rows):
                counts["pages"] += 1
                raw = (DATA / "html" / row["html"]).read_bytes()
                html = raw.decode("utf-8", errors="replace")
                try:
                    article = extract(raw, row["url"])
                except ExtractionError:
                    continue
                result = edit(html, list(article.body))
                if result is None:
                    continue
                edited, bumped = result
                counts["number_edits"] += bumped
                counts["editable"] += 1
                path = f"/p{i}"
                site.set(path, raw)
                story, _ = app.store.add_story(
                    site.url(path), source=None, headline=None, now=app.clock(), next_check_at=app.clock()
                )
                first = app.pipeline.check_story(story)
                counts["baseline"] += first.status == "new"
                again = app.pipeline.check_story(story)
                counts["false_change"] += again.status == "changed"
                site.set(path, edited)
                outcome = app.pipeline.check_story(story)
                if outcome.status != "changed":
                    continue
                counts["detected"] += 1
                change = app.store.latest_change(story.id)
                counts["name"] += NAME in change.summary.entities_added
                counts["number"] += bumped and bool(change.summary.numbers)
    editable = max(1, counts["editable"])
    print(json.dumps(counts))
    print(f"pages: {counts['pages']}, editable: {counts['editable']}")
    print(
        f"baseline stored: {counts['baseline'] / editable:.1%}; identical re-serve reported as change: "
        f"{counts['false_change'] / editable:.1%}"
    )
    print(
        f"edit detected: {counts['detected'] / editable:.1%}; name reported added: {counts['name'] / editable:.1%}; "
        f"number change reported: {counts['number'] / max(1, counts['number_edits']):.1%} of {counts['number_edits']}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
