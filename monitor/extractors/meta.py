"""The meta layer: OpenGraph, article:* and named <meta> tags, <link rel=canonical> and <html lang>."""

from __future__ import annotations

from typing import Any
from urllib.parse import urljoin

from bs4 import BeautifulSoup

from monitor.extractors.dates import parse_date
from monitor.extractors.text import clean, is_url, split_authors, unique

_HEADLINE = ("og:title", "twitter:title", "sailthru.title", "parsely-title")
_PUBLISHED = (
    "article:published_time",
    "datepublished",
    "og:published_time",
    "pubdate",
    "publishdate",
    "parsely-pub-date",
    "sailthru.date",
    "dc.date",
    "dc.date.issued",
    "date",
    "dcterms.created",
)
_MODIFIED = (
    "article:modified_time",
    "datemodified",
    "og:updated_time",
    "lastmod",
    "last-modified",
    "dcterms.modified",
)
_AUTHOR = (
    "author",
    "article:author",
    "byl",
    "parsely-author",
    "sailthru.author",
    "dc.creator",
    "citation_author",
)


def meta_values(soup: BeautifulSoup) -> dict[str, str]:
    """First non-empty content of each ``<meta>`` by lower-cased property/name/itemprop."""
    values: dict[str, str] = {}
    for tag in soup.find_all("meta"):
        key = tag.get("property") or tag.get("name") or tag.get("itemprop")
        content = tag.get("content")
        if isinstance(key, str) and isinstance(content, str) and content.strip():
            values.setdefault(key.strip().lower(), content.strip())
    return values


def read_meta(soup: BeautifulSoup, url: str) -> dict[str, Any]:
    """Fields the page's head declares; {} for each one it does not."""
    meta = meta_values(soup)
    fields: dict[str, Any] = {}
    headline = _first(meta, _HEADLINE)
    if headline:
        fields["headline"] = clean(headline)
    authors = unique(
        [
            name
            for key in _AUTHOR
            if key in meta and not is_url(meta[key])
            for name in split_authors(meta[key])
        ]
    )
    if authors:
        fields["authors"] = authors
    for field, keys in (("published", _PUBLISHED), ("modified", _MODIFIED)):
        value = next((d for d in (parse_date(meta.get(k)) for k in keys) if d), None)
        if value:
            fields[field] = value
    canonical = _canonical(soup) or meta.get("og:url")
    if canonical:
        fields["canonical_url"] = urljoin(url, canonical)
    language = _language(soup, meta)
    if language:
        fields["language"] = language
    return fields


def _first(meta: dict[str, str], keys: tuple[str, ...]) -> str | None:
    return next((meta[k] for k in keys if k in meta), None)


def _canonical(soup: BeautifulSoup) -> str | None:
    for link in soup.find_all("link", href=True):
        rel = link.get("rel") or []
        if "canonical" in [r.lower() for r in (rel if isinstance(rel, list) else [rel])]:
            return str(link["href"]).strip() or None
    return None


def _language(soup: BeautifulSoup, meta: dict[str, str]) -> str | None:
    html = soup.find("html")
    lang = html.get("lang") if html else None
    if isinstance(lang, str) and lang.strip():
        return lang.strip()
    locale = meta.get("og:locale") or meta.get("content-language") or meta.get("language")
    return locale.replace("_", "-") if locale else None
