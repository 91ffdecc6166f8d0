"""The JSON-LD layer: read headline, authors, dates and body from a page's schema.org article object."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

from bs4 import BeautifulSoup

from monitor.extractors.dates import parse_date
from monitor.extractors.text import clean, is_url, split_authors, unique


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


ARTICLE_TYPES = _words(
    "newsarticle article reportagenewsarticle blogposting analysisnewsarticle opinionnewsarticle "
    "reviewnewsarticle backgroundnewsarticle liveblogposting report scholarlyarticle techarticle"
)
_TRAILING_COMMA = re.compile(r",\s*([}\]])")


def read_jsonld(soup: BeautifulSoup) -> dict[str, Any]:
    """Fields from the first article-typed JSON-LD object (``@graph`` and lists included); {} when none."""
    for node in _objects(soup):
        if _is_article(node):
            return _fields(node)
    return {}


def _objects(soup: BeautifulSoup) -> Iterator[dict[str, Any]]:
    for script in soup.find_all("script", type=re.compile(r"ld\+json", re.IGNORECASE)):
        data = _load(script.string or script.get_text())
        if data is not None:
            yield from _walk(data)


def _load(raw: str) -> Any:
    raw = raw.strip().removeprefix("<!--").removesuffix("-->").strip()
    raw = raw.removeprefix("//<![CDATA[").removesuffix("//]]>").strip()
    if not raw:
        return None
    for attempt in (raw, _TRAILING_COMMA.sub(r"\1", raw)):
        try:
            return json.loads(attempt, strict=False)
        except ValueError:
            continue
    return None


def _walk(data: Any, depth: int = 0) -> Iterator[dict[str, Any]]:
    if depth > 4:
        return
    if isinstance(data, list):
        for item in data:
            yield from _walk(item, depth + 1)
    elif isinstance(data, dict):
        yield data
        for key in ("@graph", "mainEntity", "itemListElement"):
            if key in data:
                yield from _walk(data[key], depth + 1)


def _is_article(node: dict[str, Any]) -> bool:
    kind = node.get("@type")
    kinds = kind if isinstance(kind, list) else [kind]
    return any(isinstance(k, str) and k.lower() in ARTICLE_TYPES for k in kinds)


def _fields(node: dict[str, Any]) -> dict[str, Any]:
    fields: dict[str, Any] = {}
    headline = _text(node.get("headline")) or _text(node.get("name"))
    if headline:
        fields["headline"] = headline
    authors = _authors(node.get("author"))
    if authors:
        fields["authors"] = authors
    for key, name in (("published", "datePublished"), ("modified", "dateModified")):
        value = parse_date(_text(node.get(name)))
        if value:
            fields[key] = value
    language = _text(node.get("inLanguage"))
    if language:
        fields["language"] = language
    url = _url(node.get("mainEntityOfPage")) or _url(node.get("url"))
    if url:
        fields["canonical_url"] = url
    body = _body(node.get("articleBody"))
    if body:
        fields["body"] = body
    return fields


def _text(value: Any) -> str:
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, dict):
        value = value.get("name") or value.get("@value")
    return clean(value) if isinstance(value, str) else ""


def _url(value: Any) -> str | None:
    if isinstance(value, dict):
        value = value.get("@id") or value.get("url")
    return value if isinstance(value, str) and is_url(value) else None


def _authors(value: Any) -> tuple[str, ...]:
    people: list[str] = []
    orgs: list[str] = []
    for item in value if isinstance(value, list) else [value]:
        if isinstance(item, str):
            people.extend(split_authors(item) if not is_url(item) else [])
        elif isinstance(item, dict):
            name = _text(item.get("name"))
            if name and not is_url(name):
                (orgs if item.get("@type") == "Organization" else people).extend(split_authors(name) or [name])
    return unique(people or orgs)


def _body(value: Any) -> tuple[str, ...]:
    if not isinstance(value, str):
        return ()
    parts = re.split(r"\n\s*\n" if "\n\n" in value else r"\n", value)
    return tuple(p for p in (clean(part) for part in parts) if p)
