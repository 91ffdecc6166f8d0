"""The meta layer: OpenGraph, article:* and named <meta> tags, <link rel=canonical> and <html lang>."""

from __future__ import annotations

from typing import Any
from urllib.parse import urljoin

from lxml.html import HtmlElement

from monitor.extractors.authors import is_publication, profile_name, split_authors
from monitor.extractors.dates import best_reading, read_date
from monitor.extractors.text import is_url, plain_text, unique

_HEADLINE = ("og:title", "twitter:title", "sailthru.title", "parsely-title")
_PUBLISHED = (
    "article:published_time",
    "article:published:time",
    "datepublished",
    "og:published_time",
    "og:article:published_time",
    "pubdate",
    "publish-date",
    "publish_date",
    "article.published",
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
    "article:modified:time",
    "datemodified",
    "og:updated_time",
    "og:article:modified_time",
    "article.updated",
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
    "dc:creator",
    "citation_author",
    "content_author",  # (an Indonesian CMS's, beside its "content_editor": no author)
)


def meta_values(tree: HtmlElement) -> dict[str, list[str]]:
    """Non-empty contents of the ``<meta>`` tags, by lower-cased property/name/itemprop, in page order."""
    values: dict[str, list[str]] = {}
    for tag in tree.iter("meta"):
        key = tag.get("property") or tag.get("name") or tag.get("itemprop")
        content = tag.get("content")
        if isinstance(key, str) and isinstance(content, str) and content.strip():
            for name in key.lower().split():  # property="dc:creator twitter:site_name": both
                values.setdefault(name, []).append(content.strip())
    return values


def read_meta(tree: HtmlElement, url: str, meta: dict[str, list[str]] | None = None) -> dict[str, Any]:
    """Fields the page's head declares; {} for each one it does not."""
    meta = meta if meta is not None else meta_values(tree)
    fields: dict[str, Any] = {}
    headline = _first(meta, _HEADLINE)
    if headline:
        fields["headline"] = plain_text(headline)
    authors: tuple[str, ...] = ()
    # a tag naming the site whole names no one, and is not split into names ("Mac & Co" → "Mac")
    sites = [*meta.get("og:site_name", []), *meta.get("application-name", [])]
    for key in _AUTHOR:  # the first kind of author tag that names someone: others repeat it in other spellings
        values = [value for value in meta.get(key, []) if not is_url(value) and not is_publication(value, sites)]
        authors = unique([name for value in values for name in split_authors(value)])
        # an author's page's address ("https://…/author/ana-ruiz"), when the tag names no one in words
        authors = authors or unique([n for value in meta.get(key, []) if is_url(value) and (n := profile_name(value))])
        if authors:
            break
    if authors:
        fields["authors"] = authors
    stated = tuple(meta[k][0] for k in (*_PUBLISHED, *_MODIFIED) if k in meta)
    if stated:  # the article's times as the head writes them (their offsets: ``page._story_offset``)
        fields["stated_times"] = stated
    for field, keys in (("published", _PUBLISHED), ("modified", _MODIFIED)):
        # the first tag that gives a time, unless a later one writes the same moment with its zone
        readings = [(d, said) for d, said in (read_date(meta[k][0]) for k in keys if k in meta) if d]
        if readings:
            fields[field], said = readings[best_reading(readings)]
            fields.setdefault("said", {})[field] = said
    canonical = _canonical(tree) or _first(meta, ("og:url",))
    if canonical:
        fields["canonical_url"] = urljoin(url, canonical)
    language = _language(tree, meta)
    if language:
        fields["language"] = language
    return fields


def _first(meta: dict[str, list[str]], keys: tuple[str, ...]) -> str | None:
    return next((meta[k][0] for k in keys if k in meta), None)


def _canonical(tree: HtmlElement) -> str | None:
    for link in tree.iter("link"):
        if "canonical" in (link.get("rel") or "").lower().split() and link.get("href"):
            return str(link.get("href")).strip() or None
    return None


def _language(tree: HtmlElement, meta: dict[str, list[str]]) -> str | None:
    lang = tree.get("lang") if tree.tag == "html" else None
    if isinstance(lang, str) and lang.strip():
        return lang.strip()
    locale = _first(meta, ("og:locale", "content-language", "language"))
    return locale.replace("_", "-") if locale else None
