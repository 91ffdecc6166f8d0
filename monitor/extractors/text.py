"""Small text helpers shared by the extractor layers: whitespace, element text, author names."""

from __future__ import annotations

import html
import re
from functools import lru_cache

from lxml.html import HtmlElement

_WS = re.compile(r"\s+")
BYLINE_START = _BY = re.compile(r"^\s*(?:by|von|par|por|di|door|af|av|przez)\s+", re.IGNORECASE)
_AUTHOR_SPLIT = re.compile(r"\s*(?:,|;|\band\b|&|\bund\b|\bet\b|\|)\s*", re.IGNORECASE)
_NOT_A_NAME = re.compile(r"https?:|www\.|@|\d|^updated\b|^published\b", re.IGNORECASE)


def clean(text: str | None) -> str:
    """Collapse every whitespace run to one space and trim (also unescapes stray HTML entities)."""
    if not text:
        return ""
    if "&" in text:
        text = html.unescape(text)
    return _WS.sub(" ", text).strip()


_SPLIT = re.compile(r"[-_\s:]+|(?<=[a-z])(?=[A-Z])")


def element_text(element: HtmlElement) -> str:
    """The visible text of one element, whitespace-normalised, inline tags joined without extra spaces."""
    return clean(element.text_content())


def class_tokens(element: HtmlElement) -> set[str]:
    """Lower-case words of an element's class and id: ``"article__share-bar"`` → {article, share, bar}."""
    return set(name_tokens(f"{element.get('class') or ''} {element.get('id') or ''}"))


@lru_cache(maxsize=8192)
def name_tokens(names: str) -> frozenset[str]:
    """Lower-case words of a class and id string (pages repeat a few names many times: cached)."""
    return frozenset(token.lower() for token in _SPLIT.split(names.replace("sr-only", "srOnly")) if token)


def is_url(text: str) -> bool:
    return text.startswith(("http://", "https://", "//", "www."))


def split_authors(text: str) -> list[str]:
    """``"By Jane Doe and John Roe, CNN"`` → ``["Jane Doe", "John Roe"]``."""
    text = _BY.sub("", clean(text))
    names: list[str] = []
    for part in _AUTHOR_SPLIT.split(text):
        part = _BY.sub("", part.strip(" .·-–—:"))
        if not part or _NOT_A_NAME.search(part) or len(part) > 60:
            continue
        if part.isupper() and len(part) <= 6:  # "CNN", "AP", "AFP": an agency, not a person
            continue
        names.append(part)
    return names


def unique(items: list[str]) -> tuple[str, ...]:
    """Keep the first of each case-insensitive duplicate, in order."""
    seen: set[str] = set()
    out: list[str] = []
    for item in items:
        key = item.casefold()
        if item and key not in seen:
            seen.add(key)
            out.append(item)
    return tuple(out)
