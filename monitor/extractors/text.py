"""Small text helpers shared by the extractor layers: whitespace, element text, class names."""

from __future__ import annotations

import html
import re
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the checking process uses the text helpers without ever loading lxml
    from lxml.html import HtmlElement


def clean(text: str | None) -> str:
    """Collapse every whitespace run to one space and trim (also unescapes stray HTML entities)."""
    if not text:
        return ""
    if "&" in text:
        text = html.unescape(text)
    return " ".join(text.split())  # (str.split knows the same white space as the regex \s: the same, faster)


_ENTITY = re.compile(r"&(?:#\d+|#x[0-9a-fA-F]+|[a-zA-Z]+);?")
_TAG = re.compile(r"</?[a-zA-Z][^<>]*>")
_MAX_ESCAPES = 3


def plain_text(value: str) -> str:
    """A metadata string as a reader sees it: HTML entities decoded however many times the CMS escaped them
    ("&amp;amp;#8217;" → "’"), markup taken out ("<em>new</em>" → "new"), whitespace collapsed."""
    for _ in range(_MAX_ESCAPES):
        if "&" not in value or not _ENTITY.search(value):
            break
        value = html.unescape(value)
    if "<" in value:
        value = _TAG.sub("", value)
    return " ".join(value.split())


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
