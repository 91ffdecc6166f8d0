"""Fetching and feed parsing against a real local server: redirects, caps, refusals, and bad input as values."""

from __future__ import annotations

import socket

import pytest

from monitor import fetch
from monitor.config import FetchSettings
from monitor.demo.newsroom import Newsroom
from monitor.demo.stories import FERRY, SUMMIT_V1, rss
from monitor.errors import FeedError
from monitor.feeds import canonical_key, parse_feed, parse_sitemap
from monitor.fetch import Fetcher

LOOPBACK = FetchSettings(
    allow_private_networks=True, timeout=2.0, max_bytes=50_000, max_redirects=3, min_gap=0.0, robots_txt=False
)


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_get_follows_redirects_and_reports_charset(newsroom: Newsroom) -> None:
    newsroom.set("/old", b"", status=301, headers={"Location": "/new"})
    newsroom.set("/new", "<p>héllo</p>", content_type="text/html; charset=ISO-8859-1")
    with Fetcher(LOOPBACK) as fetcher:
        result = fetcher.get(newsroom.url("/old"))
    assert result.ok and result.final_url == newsroom.url("/new")
    assert result.content_type == "text/html" and result.encoding == "iso-8859-1"
    ua = [h for h in newsroom.requests]
    assert ua == ["/old", "/new"]


def test_user_agent_is_sent(newsroom: Newsroom) -> None:
    seen: list[str] = []
    newsroom.set("/ua", "<p>x</p>")
    original = newsroom._serve

    def spy(handler):  # type: ignore[no-untyped-def]
        seen.append(handler.headers.get("User-Agent"))
        original(handler)

    newsroom._serve = spy  # type: ignore[method-assign]
    with Fetcher(
        FetchSettings(allow_private_networks=True, user_agent="desk-bot (+mailto:a@b.example)", robots_txt=False)
    ) as f:
        assert f.get(newsroom.url("/ua")).ok
    assert seen == ["desk-bot (+mailto:a@b.example)"]


@pytest.mark.parametrize(
    ("setup", "reason"),
    [
        (lambda site: site.set("/x", "gone", status=404), "HTTP 404"),
        (lambda site: site.set("/x", "oops", status=500), "HTTP 500"),
        (lambda site: site.set("/x", b"a" * 60_000), "larger than the 50 kB cap"),
        (lambda site: site.set("/x", "slow", delay=3.0), "timed out after 2s"),
        (lambda site: site.set("/x", b"", status=302, headers={"Location": "/x"}), "too many redirects"),
    ],
    ids=["404", "500", "over-cap", "timeout", "redirect-loop"],
)
def test_failures_are_values_with_readable_reasons(newsroom: Newsroom, setup, reason: str) -> None:  # type: ignore[no-untyped-def]
    setup(newsroom)
    with Fetcher(LOOPBACK) as fetcher:
        result = fetcher.get(newsroom.url("/x"))
    assert not result.ok
    assert reason in (result.error or "")


def test_unreachable_host_is_a_value() -> None:
    with Fetcher(LOOPBACK) as fetcher:
        result = fetcher.get(f"http://127.0.0.1:{closed_port()}/story")
    assert not result.ok and result.status is None
    assert result.error and result.error.startswith("could not connect")


def test_private_addresses_are_refused_unless_allowed(newsroom: Newsroom) -> None:
    newsroom.set("/x", "<p>x</p>")
    with Fetcher(FetchSettings(allow_private_networks=False)) as fetcher:
        result = fetcher.get(newsroom.url("/x"))
        scheme = fetcher.get("file:///etc/passwd")
    assert "private or loopback address" in (result.error or "")
    assert "allow_private_networks" in (result.error or "")
    assert newsroom.requests == []
    assert "only http and https" in (scheme.error or "")


def test_a_redirect_to_a_private_address_is_refused(newsroom: Newsroom, monkeypatch) -> None:
    """The address check runs on every hop. 127.0.0.1 is passed off as a public address (so the first hop is
    allowed) while ``localhost`` resolves to another loopback address: the redirect must be refused, unfetched."""
    port = newsroom.base_url.rsplit(":", 1)[1]
    newsroom.set("/hop", b"", status=302, headers={"Location": f"http://localhost:{port}/inside"})
    newsroom.set("/inside", "<p>secret</p>")
    monkeypatch.setattr(fetch, "_is_public", lambda address: address == "127.0.0.1")
    addresses = {"127.0.0.1": ["127.0.0.1"], "localhost": ["127.0.0.5"]}
    settings = FetchSettings(allow_private_networks=False, min_gap=0.0, robots_txt=False)
    with Fetcher(settings, resolver=lambda host: addresses[host]) as fetcher:
        result = fetcher.get(newsroom.url("/hop"))
    assert not result.ok and "private or loopback address" in (result.error or "")
    assert newsroom.requests == ["/hop"]


def test_feed_entries_keyed_by_canonical_url_and_deduplicated() -> None:
    base = "https://news.example"
    doc = rss("World", base, [SUMMIT_V1, FERRY, SUMMIT_V1]).replace(
        f"{base}{FERRY.path}</link>", f"{base}{FERRY.path}?utm_source=rss#top</link>"
    )
    entries = parse_feed(doc.encode(), base + "/rss.xml")
    assert [e.url for e in entries] == [base + SUMMIT_V1.path, base + FERRY.path]
    assert entries[0].title == SUMMIT_V1.headline and entries[0].published is not None


def test_atom_feed() -> None:
    atom = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>t</title>
<entry><title>One</title><link href="/a/one"/><id>tag:x,2025:1</id><updated>2025-08-28T10:00:00Z</updated></entry>
</feed>"""
    (entry,) = parse_feed(atom, "https://news.example/atom.xml")
    assert entry.url == "https://news.example/a/one" and entry.updated is not None


@pytest.mark.parametrize("doc", [b"", b"<html><body>not a feed</body></html>", b'{"json": true}', b"<rss><channel>"])
def test_unreadable_feeds_raise_feed_error(doc: bytes) -> None:
    with pytest.raises(FeedError):
        parse_feed(doc, "https://news.example/rss.xml")


def test_news_sitemap_and_index() -> None:
    urlset = b"""<?xml version="1.0"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
<url><loc>https://news.example/a</loc><news:news><news:title>A story</news:title>
<news:publication_date>2025-08-28T09:00:00Z</news:publication_date></news:news></url>
<url><loc>https://news.example/b</loc><lastmod>2025-08-28</lastmod></url></urlset>"""
    entries, children = parse_sitemap(urlset, "https://news.example/sitemap.xml")
    assert [e.url for e in entries] == ["https://news.example/a", "https://news.example/b"]
    assert entries[0].title == "A story" and children == []
    index = b"""<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<sitemap><loc>/s1.xml</loc></sitemap></sitemapindex>"""
    assert parse_sitemap(index, "https://news.example/index.xml") == ([], ["https://news.example/s1.xml"])
    with pytest.raises(FeedError):
        parse_sitemap(b"<html/>", "https://news.example/x")


def test_canonical_key() -> None:
    assert canonical_key("HTTPS://News.Example:443/a?utm_source=x&id=3#frag") == "https://news.example/a?id=3"
    assert canonical_key("http://news.example") == "http://news.example/"
