"""Does the exact gate ever hide an edit? Edits anywhere in the article, and boilerplate-only changes, on real pages.

    PYTHONPATH=. .venv/bin/python bench/gate_proof.py [--folds held|dev|all] [--limit N]

For each shared page (../shared/data, measuring only; nothing is copied into the repo) of the chosen folds
(default: the held-back folds 3–4, which the gate was not developed on) the page is parsed and written out
again (the baseline), read in full, and — when the read is sealed (``monitor.extractors.gate``) — changed in
one way at a time:

- **article edits**: a word of the first, a middle and the last body paragraph; a paragraph added after the
  last; the headline rewritten wherever the page states it (text, attributes, JSON-LD); every ISO time in the
  page's attributes and JSON-LD moved an hour; the visible line a time was read from (a page whose times come
  from its text) moved an hour or a day; a correction added as a paragraph and as a ``div.correction``;
- **boilerplate-only changes**: every script but JSON-LD; every link's and image's URL (cache busters); the
  text of navigation, asides and footers; the text of every block named as noise (related, ad, promo, …); an ad
  slot added at the end of the page.

For each change it asks the gate (same digest → the check would skip the full read) and reads the page in
full, and bare trafilatura too. A **miss** is a change the gate lets through (same digest) while the full read's
text or times differ (the gate hid what the full read would see). Edits the gate lets through that our full read
does not see either but bare trafilatura does (text our extractor leaves out on purpose: a hidden block) are
listed apart. Exit status 1 on any miss.
"""

from __future__ import annotations

import argparse
import copy
import re
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import lxml.html
import trafilatura
from lxml.html import HtmlElement

from bench.eval_sets import pages
from monitor.errors import ExtractionError
from monitor.extractors import EXTRACTOR_VERSION, extract
from monitor.extractors.cleanup import NOISE_TOKENS, _hidden_by_class
from monitor.extractors.document import parse
from monitor.extractors.gate import page_digest
from monitor.extractors.generic import _times
from monitor.extractors.notes import NOTE_BOX
from monitor.extractors.prefilter import PageValues
from monitor.extractors.text import class_tokens
from monitor.models import Article
from monitor.normalize import normalized_text

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
NAME = "Olvanto"
_WORD = re.compile(r"[^\W\d_]{4,}")
_ISO = re.compile(r"(\d{4}-\d\d-\d\d[T ])(\d\d)(:\d\d)")
_NO_SPACE = re.compile(r"\s+")

Edit = Callable[[HtmlElement, Article], bool]  # changes the tree in place; False when it does not apply


def _holder(tree: HtmlElement, paragraph: str) -> HtmlElement | None:
    """The innermost element whose text holds the start of ``paragraph`` (outside noise when one is)."""
    probe = _NO_SPACE.sub("", paragraph)[:40]
    innermost: list[HtmlElement] = []
    stack = [tree] if probe else []
    while stack:  # down from the root, into the children that still hold the probe
        element = stack.pop()
        inside = [
            child
            for child in element
            if isinstance(child.tag, str)
            and child.tag not in ("script", "style")
            and probe in _NO_SPACE.sub("", child.text_content())
        ]
        stack.extend(reversed(inside))
        if not inside:
            innermost.append(element)
    innermost.sort(key=lambda e: e.sourceline or 0)
    clear = [e for e in innermost if not any(_noisy(a) for a in (e, *e.iterancestors()))]
    return (clear or innermost or [None])[-1]


def _noisy(element: HtmlElement) -> bool:
    """Navigation, a noise-named block, or hidden (a share dialog's copy of the story's first paragraph): no
    place a desk's edit to the story is seen first."""
    hidden = element.get("hidden") is not None or _hidden_by_class(element.get("class") or "")
    return element.tag in ("nav", "aside", "footer") or bool(class_tokens(element) & NOISE_TOKENS) or hidden


def _word_edit(which: str) -> Edit:
    def edit(tree: HtmlElement, article: Article) -> bool:
        body = article.body
        if not body:
            return False
        index = {"first": 0, "middle": len(body) // 2, "last": len(body) - 1}[which]
        holder = _holder(tree, body[index])
        if holder is None:
            return False
        for node in holder.iter():
            for attr in ("text", "tail"):
                if node is holder and attr == "tail":
                    continue
                value = getattr(node, attr) if isinstance(node.tag, str) else None
                if value and (match := _WORD.search(value)):
                    setattr(node, attr, value[: match.start()] + NAME + value[match.end() :])
                    return True
        return False

    return edit


def _after_last(tree: HtmlElement, article: Article, make: Callable[[HtmlElement], HtmlElement]) -> bool:
    if not article.body:
        return False
    holder = _holder(tree, article.body[-1])
    if holder is None or holder.getparent() is None:
        return False
    holder.addnext(make(holder))
    return True


def _added_paragraph(tree: HtmlElement, article: Article) -> bool:
    def make(holder: HtmlElement) -> HtmlElement:
        element = lxml.html.Element(holder.tag if holder.tag in ("p", "div", "li") else "p")
        element.text = f"Marek {NAME}, a harbour official, said the talks would resume on Monday."
        return element

    return _after_last(tree, article, make)


def _note_paragraph(tree: HtmlElement, article: Article) -> bool:
    def make(holder: HtmlElement) -> HtmlElement:
        element = lxml.html.Element("p")
        element.text = "Correction: An earlier version of this story gave the wrong date for the harbour vote."
        return element

    return _after_last(tree, article, make)


def _note_box(tree: HtmlElement, article: Article) -> bool:
    if not article.body:
        return False
    holder = _holder(tree, article.body[-1])
    parent = holder.getparent() if holder is not None else None
    if parent is None or parent.getparent() is None:
        return False
    box = lxml.html.fromstring(
        '<div class="correction"><p>Correction: This story has been updated to correct the name of the '
        "harbour's new director.</p></div>"
    )
    parent.addnext(box)
    return True


def _headline(tree: HtmlElement, article: Article) -> bool:
    old = article.headline
    if not old or len(old) < 8:
        return False
    new = f"{old} as talks resume"
    changed = False
    for node in tree.iter():
        if not isinstance(node.tag, str):
            continue
        for attr in ("text", "tail"):
            value = getattr(node, attr)
            if value and old in value:
                setattr(node, attr, value.replace(old, new))
                changed = True
        for key, value in node.attrib.items():
            if old in value:
                node.set(key, value.replace(old, new))
                changed = True
    return changed


def _dates(tree: HtmlElement, article: Article) -> bool:
    def shift(match: re.Match[str]) -> str:
        return f"{match.group(1)}{(int(match.group(2)) + 1) % 24:02d}{match.group(3)}"

    changed = False
    for node in tree.iter():
        if not isinstance(node.tag, str):
            continue
        for key, value in node.attrib.items():
            if _ISO.search(value):
                node.set(key, _ISO.sub(shift, value))
                changed = True
        if node.tag == "script" and "ld+json" in (node.get("type") or "") and node.text and _ISO.search(node.text):
            node.text = _ISO.sub(shift, node.text)
            changed = True
    return changed


_CLOCK = re.compile(r"\b(\d{1,2})([:.h]\d\d)\b")  # a time of day in a visible line ("10:20", "10.20", "10h20")
_DAY = re.compile(r"\b([1-9]|1\d|2[0-7])\b")  # a day of the month that can move one day on


def _date_lines(tree: HtmlElement, article: Article) -> bool:
    """The visible lines a published or modified time was read from, moved an hour (or, without a time of day,
    a day): a page whose times come from its text, not its metadata."""
    changed = False
    for line in _times(tree, PageValues(tree))[3].values():
        for node in line.iter():
            for key in ("text", "tail") if node is not line else ("text",):
                value = getattr(node, key)
                if not isinstance(node.tag, str) or not value:
                    continue
                moved = _CLOCK.sub(lambda m: f"{(int(m.group(1)) + 1) % 24:02d}{m.group(2)}", value, count=1)
                if moved == value:
                    moved = _DAY.sub(lambda m: str(int(m.group(1)) + 1), value, count=1)
                if moved != value:
                    setattr(node, key, moved)
                    changed = True
                    break
            if changed:
                break
    return changed


def _scripts(tree: HtmlElement, article: Article) -> bool:
    found = False
    for script in tree.iter("script"):
        if "ld+json" not in (script.get("type") or ""):
            script.text = f"{script.text or ''}\n/* build 8812 at 10:41:07 */"
            found = True
    return found


def _urls(tree: HtmlElement, article: Article) -> bool:
    found = False
    for node in tree.iter("a", "img", "link", "source"):
        for key in ("href", "src"):
            value = node.get(key)
            if value and "canonical" not in (node.get("rel") or ""):
                node.set(key, f"{value}{'&' if '?' in value else '?'}cb=20261201")
                found = True
    return found


def _furniture(tree: HtmlElement, article: Article) -> bool:
    found = False
    for node in tree.iter("nav", "aside", "footer"):
        node.text = f"Most read: {NAME} wins the harbour race. {node.text or ''}"
        found = True
    return found


def _noise_blocks(tree: HtmlElement, article: Article) -> bool:
    found = False
    for node in tree.iter():
        if not isinstance(node.tag, str) or node.tag in ("html", "body", "article", "main"):
            continue
        names = f"{node.get('class') or ''} {node.get('id') or ''}"
        if class_tokens(node) & NOISE_TOKENS and not NOTE_BOX.search(names):
            node.text = f"Trending: {NAME} wins. {node.text or ''}"
            found = True
    return found


def _ad_slot(tree: HtmlElement, article: Article) -> bool:
    body = tree.find("body")
    if body is None:
        return False
    body.append(lxml.html.fromstring('<div class="ad-slot" id="ad-7731"><span>Advertisement</span></div>'))
    return True


ARTICLE_EDITS: dict[str, Edit] = {
    "first paragraph word": _word_edit("first"),
    "middle paragraph word": _word_edit("middle"),
    "last paragraph word": _word_edit("last"),
    "paragraph added": _added_paragraph,
    "headline rewritten": _headline,
    "times moved": _dates,
    "date line moved": _date_lines,
    "correction paragraph": _note_paragraph,
    "correction box": _note_box,
}
BOILERPLATE: dict[str, Edit] = {
    "scripts": _scripts,
    "link and image URLs": _urls,
    "nav, aside, footer text": _furniture,
    "noise-named blocks": _noise_blocks,
    "ad slot added": _ad_slot,
}


def _serialize(tree: HtmlElement) -> bytes:
    return lxml.html.tostring(tree, encoding="utf-8", doctype="<!DOCTYPE html>")


def _text(content: bytes, url: str) -> str | None:
    """What a check compares: the normalised text, and the published and modified times."""
    try:
        article = extract(content, url)
    except ExtractionError:
        return None
    return f"{normalized_text(article)}\n{article.published}\n{article.modified}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folds", choices=("held", "dev", "all"), default="held")
    parser.add_argument("--limit", type=int, default=0)
    parser.add_argument("--data", type=Path, default=DATA, help="the shared pages (default: ../shared/data)")
    args = parser.parse_args()
    if not args.data.exists():
        print(f"no shared data at {args.data}: nothing to measure")
        return 0
    chosen = list(pages(args.data, args.folds))[: args.limit or None]
    tried: Counter[str] = Counter()
    passed: Counter[str] = Counter()  # the gate held: same digest, the full read skipped
    changed: Counter[str] = Counter()  # the full read's text differs from the baseline's
    misses: list[str] = []  # the gate held where the full read sees the change: it hid an edit
    unread: list[str] = []  # the gate held and the full read sees nothing either, but bare trafilatura does
    false_alerts: Counter[str] = Counter()
    read_pages = sealed = 0
    gate_time = read_time = 0.0
    started = time.monotonic()
    for page in chosen:
        try:
            tree = parse(page.content)
        except ExtractionError:
            continue
        base = _serialize(tree)
        try:
            article = extract(base, page.url)
        except ExtractionError:
            continue
        read_pages += 1
        digest = article.extractor.get("gate")
        if not digest:
            continue  # never gated: every fetch with new bytes is read in full
        sealed += 1
        base_text = _text(base, page.url)
        base_bare = trafilatura.extract(base, url=page.url) or ""
        for group, edits in (("article", ARTICLE_EDITS), ("boilerplate", BOILERPLATE)):
            for name, edit in edits.items():
                edited_tree = copy.deepcopy(tree)
                if not edit(edited_tree, article):
                    continue
                content = _serialize(edited_tree)
                key = f"{group}: {name}"
                tried[key] += 1
                clock = time.process_time()
                same = page_digest(content, page.url, encoding=None, rule=None, version=EXTRACTOR_VERSION) == digest
                gate_time += time.process_time() - clock
                clock = time.process_time()
                text = _text(content, page.url)
                read_time += time.process_time() - clock
                differs = text != base_text
                bare_differs = (trafilatura.extract(content, url=page.url) or "") != base_bare
                passed[key] += same
                changed[key] += differs
                if same and differs:
                    misses.append(f"{key} on {page.set}/{page.id}")
                elif same and group == "article" and bare_differs:
                    unread.append(f"{key} on {page.set}/{page.id}")
                if group == "boilerplate" and differs:
                    false_alerts[key] += 1
    print(f"folds {args.folds}: {read_pages} pages read, {sealed} sealed ({sealed / max(read_pages, 1):.0%}) — ")
    print(f"  an unsealed page is read in full on every new fetch; {time.monotonic() - started:.0f} s")
    print(f"{'change':<40}{'pages':>7}{'gate held':>11}{'text changed':>14}")
    for key in tried:
        print(f"{key:<40}{tried[key]:>7}{passed[key]:>11}{changed[key]:>14}")
    checks = sum(tried.values())
    per_check = 1000 / max(checks, 1)
    print(f"gate {gate_time * per_check:.1f} ms a page, full read {read_time * per_check:.1f} ms")
    print(f"misses (gate held, the full read's text changed): {len(misses)}")
    for miss in misses:
        print("  " + miss)
    print(f"edits neither the gate nor the full read sees, bare trafilatura does: {len(unread)}")
    for miss in unread:
        print("  " + miss)
    if false_alerts:
        print("boilerplate changes the full read calls a change:", dict(false_alerts))
    return 1 if misses else 0


if __name__ == "__main__":
    sys.exit(main())
