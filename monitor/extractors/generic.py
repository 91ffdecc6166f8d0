"""The generic metadata layer: <h1>, <time datetime>, byline elements and <title>, read from the page."""

from __future__ import annotations

import re
from typing import Any

from bs4 import BeautifulSoup, Tag

from monitor.extractors.dates import parse_date
from monitor.extractors.text import clean, element_text, split_authors, unique

_BYLINE_SELECTORS = (
    "[itemprop=author] [itemprop=name]",
    "[rel=author]",
    ".byline__name",
    ".author-name",
    ".byline-name",
    "[itemprop=author]",
    ".byline",
    ".author",
)
_TITLE_SUFFIX = re.compile(r"\s+[|–—-]\s+[^|–—-]{2,40}$")


def read_generic(soup: BeautifulSoup) -> dict[str, Any]:
    """Fields visible in the page itself; {} for each one the page does not show."""
    fields: dict[str, Any] = {}
    headline = _headline(soup)
    if headline:
        fields["headline"] = headline
    authors = _authors(soup)
    if authors:
        fields["authors"] = authors
    published, modified = _times(soup)
    if published:
        fields["published"] = published
    if modified:
        fields["modified"] = modified
    return fields


def _headline(soup: BeautifulSoup) -> str | None:
    scope = soup.find("article") or soup.find("main") or soup
    h1 = scope.find("h1") if isinstance(scope, Tag) else None
    h1 = h1 or soup.find("h1")
    if isinstance(h1, Tag) and element_text(h1):
        return element_text(h1)
    title = soup.find("title")
    if isinstance(title, Tag) and element_text(title):
        return _TITLE_SUFFIX.sub("", element_text(title))
    return None


def _authors(soup: BeautifulSoup) -> tuple[str, ...]:
    for selector in _BYLINE_SELECTORS:
        texts = [element_text(el) for el in soup.select(selector)]
        names = [name for text in texts if 0 < len(text) < 120 for name in split_authors(text)]
        if names:
            return unique(names)
    return ()


def _times(soup: BeautifulSoup) -> tuple[Any, Any]:
    published = modified = None
    for tag in soup.find_all(["time", "meta"], attrs={"itemprop": re.compile("^date(Published|Modified)$")}):
        value = parse_date(tag.get("datetime") or tag.get("content"))
        if tag.get("itemprop") == "datePublished":
            published = published or value
        else:
            modified = modified or value
    times = [parse_date(str(t["datetime"])) for t in soup.find_all("time", datetime=True)]
    times = [t for t in times if t]
    published = published or (times[0] if times else None)
    if not modified and len(times) > 1 and max(times) > published:
        modified = max(times)
    return published, modified


def title_text(soup: BeautifulSoup) -> str:
    """The document <title>, for error messages and logs."""
    title = soup.find("title")
    return clean(title.get_text()) if isinstance(title, Tag) else ""
