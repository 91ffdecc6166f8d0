"""Hostile feeds and sitemaps: entity bombs, external entities, huge and duplicated listings, control characters.

Each is parsed by the real parsers (feedparser, lxml) with time and memory measured: a defined outcome (entries,
or a FeedError with a reason), never a file read off this machine, never an explosion.
"""

from __future__ import annotations

import time
import tracemalloc
from pathlib import Path

import pytest

from monitor.errors import FeedError
from monitor.feeds import parse_feed, parse_sitemap

BASE = "https://news.example.org"

LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
"""


def _bounded(parse, *args):
    """Run ``parse`` and return (its result or the FeedError, seconds, peak traced bytes)."""
    tracemalloc.start()
    started = time.monotonic()
    try:
        result = parse(*args)
    except FeedError as exc:
        result = exc
    finally:
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    return result, time.monotonic() - started, peak


def test_an_entity_bomb_in_a_feed_neither_explodes_nor_hangs() -> None:
    feed = (
        LAUGHS + f"<rss version='2.0'><channel><item><title>&lol9;</title><link>{BASE}/a</link></item></channel></rss>"
    )
    result, seconds, peak = _bounded(parse_feed, feed.encode(), BASE + "/rss.xml")
    assert seconds < 5 and peak < 50_000_000
    if not isinstance(result, FeedError):
        assert all(len(e.title or "") < 100_000 for e in result)


def test_an_entity_bomb_in_a_sitemap_neither_explodes_nor_hangs() -> None:
    sitemap = LAUGHS.replace("lolz", "urlset") + (
        f"<urlset xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'><url><loc>{BASE}/a&lol9;</loc></url></urlset>"
    )
    result, seconds, peak = _bounded(parse_sitemap, sitemap.encode(), BASE + "/sitemap.xml")
    assert seconds < 5 and peak < 50_000_000
    if not isinstance(result, FeedError):
        entries, _ = result
        assert all(len(e.url) < 10_000 for e in entries)


def test_external_entities_are_never_read(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-CONTENTS")
    doctype = f'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY xxe SYSTEM "file://{secret}">]>'
    feed = (
        doctype + f"<rss version='2.0'><channel><item><title>&xxe;</title><link>{BASE}/a</link></item></channel></rss>"
    )
    sitemap = doctype + (
        f"<urlset xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'><url><loc>{BASE}/&xxe;</loc></url></urlset>"
    )
    for parse, doc in ((parse_feed, feed), (parse_sitemap, sitemap)):
        result, _, _ = _bounded(parse, doc.encode(), BASE + "/x.xml")
        shown = repr(result)
        assert "TOP-SECRET" not in shown


def test_items_with_duplicate_guids_and_links_become_one_entry_per_story() -> None:
    """(A feed of 10,000 distinct entries is tracked quickly: test_poller_bad_content.)"""
    items = "".join(
        f"<item><title>Story {k % 500}</title><link>{BASE}/story-{k % 500}?utm_source=rss</link>"
        f"<guid>same-guid</guid></item>"
        for k in range(2_000)
    )
    feed = f"<?xml version='1.0'?><rss version='2.0'><channel><title>W</title>{items}</channel></rss>"
    result, seconds, _ = _bounded(parse_feed, feed.encode(), BASE + "/rss.xml")
    assert not isinstance(result, FeedError)
    assert len(result) == 500 and len({e.url for e in result}) == 500
    assert seconds < 30


@pytest.mark.parametrize("where", ["feed", "sitemap"])
def test_control_characters_and_escape_sequences_are_dropped_from_titles(where: str) -> None:
    title = "\x1b[31mBridge\x1b[0m closes\x07\x08"
    if where == "feed":
        doc = f"<rss version='2.0'><channel><item><title>{title}</title><link>{BASE}/a</link></item></channel></rss>"
        (entry,) = parse_feed(doc.encode(), BASE + "/rss.xml")
    else:
        doc = (
            "<urlset xmlns='http://www.sitemaps.org/schemas/sitemap/0.9' "
            "xmlns:news='http://www.google.com/schemas/sitemap-news/0.9'>"
            f"<url><loc>{BASE}/a</loc><news:news><news:title>{title}</news:title></news:news></url></urlset>"
        )
        (entry,), _ = parse_sitemap(doc.encode(), BASE + "/sitemap.xml")
    assert "Bridge" in (entry.title or "") and not any(ord(ch) < 32 for ch in entry.title or "")
