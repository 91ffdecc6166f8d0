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
from collections import Counter
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

from monitor.app import App
from monitor.config import parse_config
from monitor.demo.newsroom import Newsroom
from monitor.diff import summarize
from monitor.errors import ExtractionError
from monitor.extractors import extract
from monitor.models import Article

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "articles-meta"
NAME = "Marek Olvanto"
_SENTENCE = re.compile(r"\S.*?(?:[.!?](?=\s|$)|$)")
_WORD = re.compile(r"[^\W\d_][\w'’\-]*")
_NUMBER = re.compile(r"(?<![\d.,])(\d{1,4})(?![\d.,])")


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


def _sentences(paragraph: str) -> list[str]:
    return [m.group() for m in _SENTENCE.finditer(paragraph)]


def _quiet_sentence(body: list[str], i: int, sentence: str) -> bool:
    """Every capitalised word of ``sentence`` also occurs in the body outside it: deleting it drops no name."""
    rest = " ".join(body[:i] + [body[i].replace(sentence, " ", 1)] + body[i + 1 :])
    others = set(_WORD.findall(rest))
    return all(w in others for w in _WORD.findall(sentence) if w[0].isupper())


def name_free_edits(body: list[str]) -> Iterator[tuple[str, list[str]]]:
    """(kind, edited body) for each edit of ``body`` that brings in and takes out no name."""
    split = [(i, _sentences(p)) for i, p in enumerate(body)]
    long = [(i, s) for i, ss in split for s in ss if len(s) >= 40 and len(_WORD.findall(s)) >= 6]
    if len(body) >= 2 and long:
        i, sentence = long[len(long) // 2]
        j = (i + 1) % len(body)
        yield "copy to start", [*body[:j], f"{sentence} {body[j]}", *body[j + 1 :]]
        ends = [k for k, p in enumerate(body) if k != i and p.rstrip().endswith(tuple('.!?…"“”»)'))]
        if ends:  # after a paragraph that ends a sentence (not a heading or a caption)
            j = min(ends, key=lambda k: (k - i) % len(body))
            yield "copy to end", [*body[:j], f"{body[j]} {sentence}", *body[j + 1 :]]
    for i, sentences in split:
        quiet = [s for s in sentences[1:] if _quiet_sentence(body, i, s)]
        if quiet:
            edited = body[i].replace(quiet[0], "", 1).replace("  ", " ").strip()
            yield "delete", [*body[:i], edited, *body[i + 1 :]]
            break
    for i, sentence in long[len(long) // 3 :][:1]:
        words = list(_WORD.finditer(sentence))
        a, b = words[len(words) // 2], words[len(words) // 2 + 1]
        swapped = sentence[: a.start()] + b.group() + sentence[a.end() : b.start()] + a.group() + sentence[b.end() :]
        yield "swap words", [p.replace(sentence, swapped, 1) if k == i else p for k, p in enumerate(body)]
    for i, sentence in long:
        comma = re.search(r", ([^\W\d_])(\w+)", sentence)
        if comma and comma.group(1).islower():
            cut = sentence[: comma.start()] + ". " + comma.group(1).upper() + comma.group(2) + sentence[comma.end() :]
            yield "split sentence", [p.replace(sentence, cut, 1) if k == i else p for k, p in enumerate(body)]
            break
    for i, paragraph in enumerate(body):
        match = _NUMBER.search(paragraph)
        if match:
            bumped = paragraph[: match.start()] + str(int(match.group(1)) + 1) + paragraph[match.end() :]
            yield "number", [*body[:i], bumped, *body[i + 1 :]]
            break


def _language(article: Article, html: str) -> str:
    code = article.language
    if not code:
        match = re.search(r"<html[^>]*\blang=[\"']?([\w-]+)", html, re.IGNORECASE)
        code = match.group(1) if match else "?"
    return code.split("-")[0].lower()


def precision(rows: list[dict], show: bool) -> None:
    """Summarise name-free edits of every page; print how many report a name, overall and per language."""
    edits: Counter[str] = Counter()
    false: Counter[str] = Counter()
    pages: Counter[str] = Counter()
    for row in rows:
        raw = (DATA / "html" / row["html"]).read_bytes()
        try:
            article = extract(raw, row["url"])
        except ExtractionError:
            continue
        language = _language(article, raw.decode("utf-8", errors="replace")[:4000])
        pages[language] += 1
        for kind, body in name_free_edits(list(article.body)):
            edited = replace(article, body=tuple(body))
            for direction, (a, b) in (("", (article, edited)), ("undo ", (edited, article))):
                summary = summarize(a, b)
                names = summary.entities_added + summary.entities_removed
                edits[language] += 1
                edits[direction + kind] += 0
                if names:
                    false[language] += 1
                    false[direction + kind] += 1
                    if show:
                        print(
                            f"  {language} {row['html']} {direction}{kind}: +{summary.entities_added} "
                            f"-{summary.entities_removed}"
                        )
    languages = sorted(pages, key=lambda code: (-edits[code], code))
    total, wrong = sum(edits[c] for c in languages), sum(false[c] for c in languages)
    print(f"name-free edits: {total} on {sum(pages.values())} pages; false names reported: {wrong / max(1, total):.1%}")
    print(
        "  by language: "
        + ", ".join(f"{c} {false[c]}/{edits[c]} ({false[c] / max(1, edits[c]):.0%})" for c in languages)
    )
    kinds = [k for k in edits if k not in pages]
    print("  by edit: " + ", ".join(f"{k} {false[k]}" for k in kinds))


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--limit", type=int, default=0)
    parser.add_argument("--only", choices=("recall", "precision"))
    parser.add_argument("--show", action="store_true", help="print each false name")
    args = parser.parse_args()
    if not DATA.exists():
        print(f"skipped: {DATA} is not here")
        return 0
    rows = json.loads((DATA / "expected.json").read_text())
    rows = rows[: args.limit] if args.limit else rows
    if args.only != "recall":
        precision(rows, args.show)
    if args.only != "precision":
        recall(rows)
    return 0


def recall(rows: list[dict]) -> None:
    """Serve each page and an edited copy with a new name and a changed number; print what was reported."""
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


if __name__ == "__main__":
    sys.exit(main())
