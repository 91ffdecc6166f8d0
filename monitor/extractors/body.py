"""The story's paragraphs: a site rule's containers, else trafilatura's main-text extraction of the tree."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable

from lxml.html import HtmlElement
from trafilatura import bare_extraction

from monitor.extractors.text import clean

log = logging.getLogger("storywatch.extract")

PARAGRAPH_TAGS = frozenset({"p", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "dd", "dt", "td"})
_BLOCKS = PARAGRAPH_TAGS | {"div", "section", "article", "ul", "ol", "table", "tr", "figure", "main"}
_BOILERPLATE = re.compile(
    r"^(?:advertisement|anzeige|publicité|story continues below.*|continue reading.*|read more\b.*|"
    r"related:.*|sign up\b.*newsletter.*|click here\b.*|share this\b.*|follow us\b.*|©.*|copyright\b.*)$",
    re.IGNORECASE,
)


def generic_body(tree: HtmlElement, url: str) -> tuple[str, ...]:
    """Paragraphs of the main text as trafilatura finds it (headings, list items and quotes one each)."""
    try:
        document = bare_extraction(tree, url=url, include_comments=False, include_tables=True, with_metadata=False)
    except Exception as error:  # noqa: BLE001 - a library bug on one page must not stop the daemon
        log.warning("generic extraction failed for %s: %s", url, error)
        return ()
    body = getattr(document, "body", None)
    if body is None:
        return ()
    out: list[str] = []
    for element in body:
        if element.tag == "head" and element.get("rend") == "h1":
            continue  # the headline is not part of the body
        if element.tag in ("list", "table"):
            out.extend(_text(item) for item in element if item.tag in ("item", "row"))
        else:
            out.append(_text(element))
    return _keep(out)


def paragraphs_of(containers: Iterable[HtmlElement]) -> tuple[str, ...]:
    """Texts of the innermost paragraph-like blocks inside ``containers`` (a site rule's body), in page order."""
    out: list[str] = []
    for container in containers:
        blocks = [d for d in container.iterdescendants() if isinstance(d.tag, str) and d.tag in _BLOCKS]
        if container.tag in PARAGRAPH_TAGS or not blocks:
            out.append(clean(container.text_content()))
            continue
        for element in container.iterdescendants():
            if element.tag in PARAGRAPH_TAGS and not any(d.tag in PARAGRAPH_TAGS for d in element.iterdescendants()):
                out.append(clean(element.text_content()))
    return _keep(out)


def _text(element: HtmlElement) -> str:
    for line_break in element.iter("lb"):  # trafilatura's <br>: keep the words on either side apart
        line_break.tail = " " + (line_break.tail or "")
    if element.tag == "row":
        return clean(" ".join("".join(cell.itertext()) for cell in element))
    return clean("".join(element.itertext()))


def _keep(texts: list[str]) -> tuple[str, ...]:
    out: list[str] = []
    for text in texts:
        if text and not _BOILERPLATE.match(text) and (not out or out[-1] != text):
            out.append(text)
    return tuple(out)
