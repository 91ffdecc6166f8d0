"""Page variants for the noise-immunity check: the same story with rewritten boilerplate, or one edited sentence.

Both work on the page's decoded HTML with plain string operations, so the story's own markup is untouched:
``boilerplate_variant`` re-renders what a CMS changes on every request (ads, related links, relative
timestamps, counters, tracking attributes, cache-busting URLs, script order); ``edited_variant`` changes one
word of one body sentence everywhere the page carries it (visible text, JSON-LD ``articleBody``, meta).
"""

from __future__ import annotations

import random
import re
from pathlib import Path

from eval_sets import pages

from monitor.errors import ExtractionError
from monitor.extractors import extract
from monitor.extractors.document import decode
from monitor.normalize import normalized_text

_NOUNS = (
    "council harbour festival river museum bridge election market storm school library orchestra railway "
    "island garden factory village hospital airport stadium theatre bakery ferry forest"
)
_WORDS = tuple(_NOUNS.split())
_SCRIPT = re.compile(r"<script\b(?![^>]*ld\+json)[^>]*>.*?</script>", re.IGNORECASE | re.DOTALL)
_ANY_SCRIPT = re.compile(r"(<script\b.*?</script>)", re.IGNORECASE | re.DOTALL)
_SRC = re.compile(r"""\b(src|data-src)=(["'])([^"'#]+?)\2""", re.IGNORECASE)
_OPEN_TAG = re.compile(r"<(p|div|a|span|li|section)\b(?=[\s>])", re.IGNORECASE)
_H1_END = re.compile(r"</h1\s*>", re.IGNORECASE)
_P_END = re.compile(r"</p\s*>", re.IGNORECASE)
_BODY_END = re.compile(r"</body\s*>", re.IGNORECASE)
_WORD = re.compile(r"[^\W\d_]{5,}")


def _headline(rng: random.Random) -> str:
    words = rng.sample(_WORDS, 4)
    return f"{words[0].title()} {words[1]} plans for the {words[2]} and the {words[3]}"


def _ad(rng: random.Random) -> str:
    slot = rng.randrange(10**6)
    return (
        f'<div class="ad-slot ad-{slot}" id="gpt-ad-{slot}" data-ad-unit="/{slot}/news">'
        "<span>Advertisement</span></div>"
    )


def _related(rng: random.Random) -> str:
    items = "".join(
        f'<li><a href="/story/{rng.randrange(10**6)}?ref=related">{_headline(rng)}</a></li>' for _ in range(3)
    )
    return f'<aside class="related-stories"><h3>More stories</h3><ul>{items}</ul></aside>'


def _chrome(rng: random.Random) -> str:
    minutes = rng.randrange(1, 59)
    return (
        f'<div class="article-meta"><time class="timestamp relative" datetime="">Updated {minutes} minutes ago'
        f'</time><div class="share-bar"><span class="share-count">{rng.randrange(10, 9999)} shares</span>'
        f'<a class="comments-count" href="#comments">{rng.randrange(0, 999)} comments</a></div></div>'
    )


def boilerplate_variant(page: str, seed: int) -> str:
    """The page re-rendered with different ads, related links, timestamps, counters, attributes and scripts."""
    rng = random.Random(seed)
    scripts = [m.group(0) for m in _SCRIPT.finditer(page)]
    rng.shuffle(scripts)
    order = iter(scripts)
    page = _SCRIPT.sub(lambda _: next(order), page)
    page = _SRC.sub(lambda m: f"{m[1]}={m[2]}{m[3]}{'&' if '?' in m[3] else '?'}cb={rng.randrange(10**9)}{m[2]}", page)
    page = "".join(  # tracking attributes on the page's elements (not inside scripts, where they'd be data)
        part if i % 2 else _OPEN_TAG.sub(lambda m: f'<{m[1]} data-track-id="{rng.randrange(10**9):x}"', part)
        for i, part in enumerate(_ANY_SCRIPT.split(page))
    )
    page = _H1_END.sub(lambda m: m.group(0) + _chrome(rng), page, count=1)
    count = 0

    def after_paragraph(match: re.Match[str]) -> str:
        nonlocal count
        count += 1
        extra = _ad(rng) if count % 3 == 0 else ""
        extra += _related(rng) if count == 4 else ""
        return match.group(0) + extra

    page = _P_END.sub(after_paragraph, page)
    return _BODY_END.sub(lambda m: _related(rng) + _ad(rng) + m.group(0), page, count=1)


def edited_variant(page: str, body: tuple[str, ...], seed: int) -> str | None:
    """The page with one word of one body sentence replaced wherever it appears; None when no edit fits."""
    rng = random.Random(seed)
    markup = _ANY_SCRIPT.sub("", page)
    paragraphs = sorted(body, key=len, reverse=True)[:5]
    for paragraph in paragraphs:
        words = paragraph.split()
        spots = list(range(1, len(words) - 1))
        rng.shuffle(spots)
        for i in spots:
            if not _WORD.fullmatch(words[i]):
                continue
            phrase = " ".join(words[i - 1 : i + 2])
            visible = re.search(">[^<]*" + re.escape(phrase), markup)  # in element text, not only in data
            if visible and words[i][::-1] != words[i]:
                edited = " ".join((words[i - 1], words[i][::-1], words[i + 1]))
                return page.replace(phrase, edited)
    return None


def eval_noise(data: Path, group: str = "all", verbose: bool = False) -> dict[str, float]:
    """Same text under rewritten boilerplate; a different text after a one-word edit of the body (aeb, meta)."""
    stable = detected = edited = count = 0
    for seed, page in enumerate(pages(data, group, ("aeb", "meta"))):
        try:
            base = extract(page.content, page.url)
        except ExtractionError:
            continue
        count += 1
        markup = decode(page.content)
        try:
            same = normalized_text(extract(boilerplate_variant(markup, seed), page.url)) == normalized_text(base)
        except ExtractionError:
            same = False
        stable += same
        if verbose and not same:
            print(f"  noise leaked: {page.id}")
        variant = edited_variant(markup, base.body, seed)
        if variant is None:
            continue
        edited += 1
        try:
            found = normalized_text(extract(variant, page.url)) != normalized_text(base)
        except ExtractionError:
            found = True
        detected += found
        if verbose and not found:
            print(f"  edit missed: {page.id}")
    return {
        "pages": count,
        "boilerplate_identical": stable / max(1, count),
        "edited_pages": edited,
        "edit_detected": detected / max(1, edited),
    }
