"""The generic main-text extractor: find the element that holds the story and return its paragraphs."""

from __future__ import annotations

import re
from collections.abc import Iterable

from bs4 import BeautifulSoup, Comment, NavigableString, PageElement, Tag

from monitor.extractors.cleanup import class_tokens
from monitor.extractors.text import clean, element_text


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


PARAGRAPH_TAGS = ("p", "h2", "h3", "h4", "li", "blockquote", "pre", "dd")
_SCORED_TAGS = ("p", "pre")
SKIPPED_TAGS = frozenset({"h1"})  # the headline is not part of the body
_TEXT_HOLDERS = ("div", "section", "td", "article", "main", "center")
INLINE_TAGS = _words(
    "a span em strong b i u small sub sup mark abbr cite q time code s del ins font bdi bdo label img "
    "wbr var kbd samp dfn data tt big strike nobr"
)
_POSITIVE = _words(
    "article body content entry main post text story paragraph articlebody storybody blog prose richtext"
)
_NEGATIVE = _words(
    "comment comments meta footer footnote related sidebar sponsor promo share tags widget hidden "
    "media contact teaser list"
)
_TAG_WEIGHT = {
    "article": 10,
    "div": 5,
    "section": 3,
    "main": 5,
    "pre": 3,
    "td": 3,
    "blockquote": 3,
    "ul": -3,
    "ol": -3,
    "li": -3,
    "form": -3,
    "h2": -5,
    "h3": -5,
    "body": -5,
}
_BOILERPLATE = re.compile(
    r"^(?:advertisement|story continues below.*|continue reading.*|read more\b.*|related:.*|"
    r"sign up\b.*newsletter.*|click here\b.*|share this\b.*|follow us\b.*|©.*|copyright\b.*)$",
    re.IGNORECASE,
)


def generic_body(soup: BeautifulSoup) -> tuple[str, ...]:
    """Paragraphs of the best-scoring container of a cleaned page; () when it holds no story text."""
    containers = best_containers(soup)
    return paragraphs_of(containers) if containers else ()


def best_containers(soup: BeautifulSoup) -> list[Tag]:
    """The top-scoring element and the siblings that continue it (a story split across sibling divs)."""
    scores = _score_candidates(soup)
    if not scores:
        return []
    top_id = max(scores, key=lambda key: scores[key][1])
    top, top_score = scores[top_id]
    parent = top.parent
    if not isinstance(parent, Tag) or parent.name == "[document]":
        return [top]
    threshold = max(10.0, top_score * 0.2)
    top_classes = top.get("class")
    picked: list[Tag] = []
    for sibling in parent.find_all(True, recursive=False):
        if sibling is top:
            picked.append(sibling)
            continue
        bonus = top_score * 0.2 if top_classes and sibling.get("class") == top_classes else 0.0
        score = scores.get(id(sibling), (sibling, -1.0))[1]
        if score >= 0 and score + bonus >= threshold or sibling.name == "p" and _good_loose_paragraph(sibling):
            picked.append(sibling)
    return picked


def paragraphs_of(containers: Iterable[Tag]) -> tuple[str, ...]:
    """Whitespace-normalised texts of the paragraph-like blocks inside ``containers``, in page order.

    Innermost ``p``/``h2``/``li``/… elements give one paragraph each; text written straight into a ``div``
    (between its block children, as some sites do) is gathered into paragraphs too.
    """
    out: list[str] = []
    for container in containers:
        _collect(container, out)
    return tuple(_dedupe_consecutive(out))


def _collect(element: Tag, out: list[str]) -> None:
    if element.name in PARAGRAPH_TAGS and element.find(PARAGRAPH_TAGS) is None:
        out.extend(_block_texts(element))
        return
    run: list[PageElement] = []
    for child in element.children:
        if _is_inline(child):
            run.append(child)
            continue
        _flush(run, out)
        run = []
        if isinstance(child, Tag) and child.name not in SKIPPED_TAGS:
            _collect(child, out)
    _flush(run, out)


def _is_inline(node: PageElement) -> bool:
    if isinstance(node, Tag):
        return node.name in INLINE_TAGS
    return isinstance(node, NavigableString) and not isinstance(node, Comment)


def _flush(run: list[PageElement], out: list[str]) -> None:
    text = "".join(node.get_text() if isinstance(node, Tag) else str(node) for node in run)
    if len(text.strip()) < 2:
        return
    links = sum(
        len(a.get_text())
        for node in run
        if isinstance(node, Tag)
        for a in ([node] if node.name == "a" else node.find_all("a"))
    )
    for part in text.split("\n\n") if "\n\n" in text else [text]:
        part = clean(part)
        if _loose_text_is_prose(part) and (links / max(1, len(text)) <= 0.5 or len(part) >= 200):
            out.append(part)


def _loose_text_is_prose(text: str) -> bool:
    """Text outside any paragraph element counts when it reads as prose, not a stray date or label."""
    if not text or _BOILERPLATE.match(text):
        return False
    return len(text) >= 40 or text.endswith((".", "!", "?", "”", '"', "’"))


def _block_texts(block: Tag) -> list[str]:
    raw = block.get_text()
    parts = [clean(part) for part in raw.split("\n")] if "\n\n" in raw or block.name == "pre" else [clean(raw)]
    texts = [p for p in parts if p and not _BOILERPLATE.match(p)]
    if not texts:
        return []
    density = _link_density(block, sum(len(t) for t in texts))
    if block.name == "li" and density > 0.3 or density > 0.5 and len(texts[0]) < 200:
        return []
    if block.name in ("h2", "h3", "h4") and len(texts[0]) > 200:
        return []
    return texts


def _paragraph_like(soup: BeautifulSoup) -> Iterable[tuple[Tag, str]]:
    """``p``/``pre`` elements with their text, and block elements holding text directly (run-in text)."""
    for element in soup.find_all(_SCORED_TAGS + _TEXT_HOLDERS):
        if element.name in _SCORED_TAGS:
            yield element, element_text(element)
            continue
        own = "".join(
            child.get_text() if isinstance(child, Tag) else str(child)
            for child in element.children
            if _is_inline(child)
        )
        if len(own) >= 25:
            yield element, clean(own)


def _score_candidates(soup: BeautifulSoup) -> dict[int, tuple[Tag, float]]:
    raw: dict[int, tuple[Tag, float]] = {}
    for para, text in _paragraph_like(soup):
        if len(text) < 25:
            continue
        points = 1 + text.count(",") + text.count("،") + min(len(text) / 100, 3)
        ancestor: Tag | None = para.parent
        for level in range(3):
            if not isinstance(ancestor, Tag) or ancestor.name == "[document]":
                break
            key = id(ancestor)
            base = raw[key][1] if key in raw else _initial_score(ancestor)
            raw[key] = (ancestor, base + points / (1 if level == 0 else 2 * level))
            ancestor = ancestor.parent
    return {key: (tag, score * (1 - _link_density(tag))) for key, (tag, score) in raw.items()}


def _initial_score(element: Tag) -> float:
    score = float(_TAG_WEIGHT.get(element.name, 0))
    if element.get("itemprop") == "articleBody":
        score += 30
    tokens = class_tokens(element)
    if tokens & _POSITIVE:
        score += 25
    if tokens & _NEGATIVE:
        score -= 25
    return score


def _link_density(element: Tag, text_length: int | None = None) -> float:
    length = text_length if text_length is not None else len(element.get_text())
    if not length:
        return 0.0
    links = sum(len(a.get_text()) for a in element.find_all("a"))
    return min(1.0, links / length)


def _good_loose_paragraph(paragraph: Tag) -> bool:
    text = element_text(paragraph)
    density = _link_density(paragraph)
    return len(text) > 80 and density < 0.25 or 0 < len(text) <= 80 and density == 0 and text.endswith(".")


def _dedupe_consecutive(texts: list[str]) -> list[str]:
    out: list[str] = []
    for text in texts:
        if not out or out[-1] != text:
            out.append(text)
    return out
