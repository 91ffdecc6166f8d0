"""Strip a parsed page of everything that is never story text: scripts, navigation, ads, share bars."""

from __future__ import annotations

import re
from collections.abc import Sequence

from bs4 import BeautifulSoup, NavigableString, Tag


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


DROP_TAGS = (
    "script",
    "style",
    "noscript",
    "template",
    "iframe",
    "svg",
    "canvas",
    "nav",
    "aside",
    "footer",
    "form",
    "button",
    "select",
    "input",
    "textarea",
    "figcaption",
    "figure",
    "dialog",
    "object",
    "embed",
    "video",
    "audio",
    "picture",
    "header",
    "menu",
    "link",
    "meta",
)
NOISE_TOKENS = _words(
    "ad ads adslot adunit advert adverts advertisement advertising banner related share sharing "
    "sharebar social newsletter newsletters promo promotion promoted comment comments subscribe "
    "subscription sidebar recommended recommendations popular outbrain taboola sponsored sponsor "
    "cookie cookies consent signup breadcrumb breadcrumbs footer nav navigation navbar menu modal "
    "popup paywall tags toolbar widget trending caption credit byline timestamp skip sronly "
    "disclaimer masthead pagination print rail"
)
_PROTECTED = frozenset({"html", "body", "article", "main"})
_SPLIT = re.compile(r"[-_\s:]+|(?<=[a-z])(?=[A-Z])")


def clean_tree(soup: BeautifulSoup, extra_drop: Sequence[str] = ()) -> None:
    """Remove non-story elements in place (a site rule's ``drop`` selectors first)."""
    for selector in extra_drop:
        for element in soup.select(selector):
            element.decompose()
    for br in soup.find_all("br"):
        br.replace_with(NavigableString("\n"))
    total = _paragraph_chars(soup)
    for element in soup.find_all(True):
        if element.decomposed or element.name in _PROTECTED or _is_article_body(element):
            continue
        if (element.name in DROP_TAGS or _is_hidden(element) or _is_noise(element)) and not _holds_story(
            element, total
        ):
            element.decompose()


def class_tokens(element: Tag) -> set[str]:
    """Lower-case words of an element's class and id: ``"article__share-bar"`` → {article, share, bar}."""
    classes = element.get("class") or []
    names = " ".join(classes) if isinstance(classes, list) else str(classes)
    ident = element.get("id")
    text = f"{names} {ident if isinstance(ident, str) else ''}".replace("sr-only", "srOnly")
    return {token.lower() for token in _SPLIT.split(text) if token}


def _is_noise(element: Tag) -> bool:
    if element.attrs is None:
        return False
    if element.get("role") in ("navigation", "complementary", "banner", "contentinfo", "dialog"):
        return True
    return bool(class_tokens(element) & NOISE_TOKENS)


def _is_hidden(element: Tag) -> bool:
    if element.attrs is None:
        return False
    style = element.get("style")
    if isinstance(style, str) and re.search(r"display\s*:\s*none|visibility\s*:\s*hidden", style):
        return True
    return element.has_attr("hidden")


def _is_article_body(element: Tag) -> bool:
    return element.attrs is not None and element.get("itemprop") == "articleBody"


def _holds_story(element: Tag, total: int) -> bool:
    """True for a wrapper that merely carries a noisy class but holds the story itself."""
    if element.name in ("script", "style", "noscript", "template", "svg", "iframe"):
        return False
    if element.find(["article", "main"]) or element.find(attrs={"itemprop": "articleBody"}):
        return True
    return total > 0 and _paragraph_chars(element) > 0.4 * total


def _paragraph_chars(root: Tag) -> int:
    return sum(len(p.get_text()) for p in root.find_all("p"))
