"""Turn a fetched feed (RSS/Atom, via feedparser) or news sitemap into FeedEntry values.

parse_feed(content, base_url)    -> list[FeedEntry]       raises FeedError when nothing is readable
parse_sitemap(content, base_url) -> (entries, child sitemap URLs)
canonical_key(url)               -> the URL a story is keyed by (tracking parameters and fragment dropped)
"""

from __future__ import annotations

import calendar
import logging
from datetime import UTC, datetime
from typing import TYPE_CHECKING
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

import feedparser

from monitor.errors import FeedError
from monitor.models import FeedEntry, parse_iso
from monitor.normalize import printable

if TYPE_CHECKING:
    from lxml.etree import _Element

log = logging.getLogger("storywatch.feeds")

NOT_A_FEED = "not a feed (got an HTML page; did you mean url:?)"
_HTML_TYPES = {"text/html", "application/xhtml+xml"}
_TRACKING = ("utm_", "fbclid", "gclid", "mc_cid", "mc_eid", "cmpid", "ocid", "ito", "smid", "ref_src")


def canonical_key(url: str) -> str:
    """``HTTPS://Example.org/a?utm_source=x#top`` → ``https://example.org/a``: one story, one key."""
    parts = urlsplit(url.strip())
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not k.lower().startswith(_TRACKING)]
    netloc = parts.netloc.lower()
    if (parts.scheme == "http" and netloc.endswith(":80")) or (parts.scheme == "https" and netloc.endswith(":443")):
        netloc = netloc.rsplit(":", 1)[0]
    return urlunsplit((parts.scheme.lower(), netloc, parts.path or "/", urlencode(query), ""))


def parse_feed(content: bytes, base_url: str, content_type: str | None = None) -> list[FeedEntry]:
    """Entries of an RSS or Atom document, de-duplicated by canonical URL (GUIDs are not trusted).

    A well-formed feed with no items is an empty list, not an error; a web page where a feed was expected is
    an error that says so (the source is probably an article, for ``url:``)."""
    headers = {"content-location": base_url, "content-type": content_type or "application/xml"}
    parsed = feedparser.parse(content, response_headers=headers)
    entries: dict[str, FeedEntry] = {}
    for item in parsed.entries:
        link = item.get("link") or _guid_link(item)
        if not link:
            continue
        url = canonical_key(urljoin(base_url, link))
        if urlsplit(url).scheme not in {"http", "https"} or url in entries:
            continue
        entries[url] = FeedEntry(
            url=url,
            title=printable((item.get("title") or "").strip()) or None,
            guid=item.get("id"),
            published=_struct_time(dict.get(item, "published_parsed")),
            updated=_struct_time(dict.get(item, "updated_parsed")),
        )
    if not entries:
        if not parsed.get("version") and looks_like_html(content, content_type):
            raise FeedError(NOT_A_FEED)
        reason = getattr(parsed, "bozo_exception", None)
        if parsed.entries:
            raise FeedError("the feed's entries have no usable links")
        if parsed.get("version") and not parsed.get("bozo"):
            return []  # a valid feed that lists nothing right now
        if reason is not None:
            raise FeedError(f"not a readable feed: {reason}")
        raise FeedError("the feed has no entries")
    if parsed.get("bozo"):
        log.info(
            "feed %s is not well-formed (%s); read %d entries anyway",
            base_url,
            parsed.bozo_exception,
            len(entries),
        )
    return list(entries.values())


def looks_like_html(content: bytes, content_type: str | None = None) -> bool:
    """True for a web page: served as HTML, or opening (after a BOM, blanks and comments) with ``<!DOCTYPE html``
    or ``<html``. A feed served as ``text/html`` by a careless server still parses: this is asked only when
    the document held no entries."""
    if (content_type or "").split(";")[0].strip().lower() in _HTML_TYPES:
        return True
    head = content[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    while head.startswith(b"<!--") and b"-->" in head:
        head = head.split(b"-->", 1)[1].lstrip()
    return head.startswith((b"<!doctype html", b"<html"))


def _guid_link(item: feedparser.FeedParserDict) -> str | None:
    guid = item.get("id") or ""
    return guid if guid.startswith(("http://", "https://")) else None


def _struct_time(value: object) -> datetime | None:
    if not value:
        return None
    try:
        return datetime.fromtimestamp(calendar.timegm(value), UTC)  # type: ignore[arg-type]
    except (TypeError, ValueError, OverflowError):
        return None


_SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
_NEWS = "{http://www.google.com/schemas/sitemap-news/0.9}"


def parse_sitemap(content: bytes, base_url: str) -> tuple[list[FeedEntry], list[str]]:
    """A news sitemap's entries, or (for a sitemap index) the child sitemaps to read next."""
    from lxml import etree  # noqa: PLC0415 - only a sitemap source needs it (~5 ms of every check's start)

    parser = etree.XMLParser(recover=True, resolve_entities=False, no_network=True, huge_tree=False)
    try:
        root = etree.fromstring(content, parser)
    except etree.XMLSyntaxError as exc:
        raise FeedError(f"not a readable sitemap: {exc}") from None
    if root is None:
        raise FeedError("not a readable sitemap: the document is empty")
    tag = etree.QName(root).localname
    if tag == "sitemapindex":
        children = [urljoin(base_url, loc.strip()) for loc in _texts(root, "sitemap", "loc")]
        return [], children
    if tag != "urlset":
        raise FeedError(f"not a sitemap: the root element is <{tag}>, expected <urlset> or <sitemapindex>")
    entries: dict[str, FeedEntry] = {}
    for node in root:
        if not isinstance(node.tag, str) or etree.QName(node).localname != "url":
            continue
        loc = _child_text(node, "loc")
        if not loc:
            continue
        url = canonical_key(urljoin(base_url, loc))
        news = next((c for c in node if isinstance(c.tag, str) and etree.QName(c).localname == "news"), None)
        title = printable(_child_text(news, "title")) if news is not None else None
        published = _safe_iso(_child_text(news, "publication_date")) if news is not None else None
        updated = _safe_iso(_child_text(node, "lastmod"))
        entries.setdefault(url, FeedEntry(url=url, title=title, published=published, updated=updated))
    if not entries:
        raise FeedError("the sitemap lists no URLs")
    return list(entries.values()), []


def _texts(root: _Element, parent: str, child: str) -> list[str]:
    from lxml import etree  # noqa: PLC0415 - loaded by parse_sitemap already

    out = []
    for node in root:
        if isinstance(node.tag, str) and etree.QName(node).localname == parent:
            text = _child_text(node, child)
            if text:
                out.append(text)
    return out


def _child_text(node: _Element | None, name: str) -> str | None:
    from lxml import etree  # noqa: PLC0415 - loaded by parse_sitemap already

    if node is None:
        return None
    for child in node:
        if isinstance(child.tag, str) and etree.QName(child).localname == name and child.text:
            return child.text.strip()
    return None


def _safe_iso(text: str | None) -> datetime | None:
    try:
        return parse_iso(text)
    except ValueError:
        return None
