"""Site rules: a publication's own selectors for headline, byline and body, tried before any other layer."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from monitor.extractors.text import element_text, unique

if TYPE_CHECKING:  # the checking process matches rules to URLs; only the workers read pages with them
    from lxml.cssselect import CSSSelector
    from lxml.html import HtmlElement


@dataclass(frozen=True)
class SiteRule:
    """Selectors for one publication; all optional but ``url_pattern`` (a regex searched in the URL)."""

    name: str
    url_pattern: str
    headline: str | None = None  # CSS selector
    byline: str | None = None  # CSS selector; every match is one author line
    body: str | None = None  # CSS selector of the story's container(s) or its paragraphs
    drop: tuple[str, ...] = ()  # CSS selectors of elements to remove before reading the body

    def matches(self, url: str) -> bool:
        return re.search(self.url_pattern, url) is not None


@lru_cache(maxsize=512)
def selector(css: str) -> CSSSelector:
    """A compiled CSS selector (compiled once per distinct text)."""
    from lxml.cssselect import CSSSelector  # noqa: PLC0415 - lxml and cssselect: ~15 ms the checking process never needs

    return CSSSelector(css)


def select(tree: HtmlElement, css: str) -> list[HtmlElement]:
    return list(selector(css)(tree))


def matching_rule(rules: Sequence[SiteRule], url: str) -> SiteRule | None:
    """The first rule whose pattern matches ``url``."""
    return next((rule for rule in rules if rule.matches(url)), None)


def read_rule(tree: HtmlElement, rule: SiteRule) -> dict[str, Any]:
    """Headline and authors from the rule's selectors (the body is read after cleaning)."""
    fields: dict[str, Any] = {}
    if rule.headline:
        texts = [element_text(el) for el in select(tree, rule.headline)]
        if texts and texts[0]:
            fields["headline"] = texts[0]
    if rule.byline:
        # (imported here: the checking process loads the rules to hand them to its workers, never the names'
        # patterns, ~20 ms at every start)
        from monitor.extractors.authors import split_authors  # noqa: PLC0415

        names = [name for el in select(tree, rule.byline) for name in split_authors(element_text(el))]
        if names:
            fields["authors"] = unique(names)
    return fields
