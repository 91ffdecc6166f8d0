"""Remove the boxes inside a page that point to other stories: a "Read more" heading over another story's link.

A page sets such a box between a story's paragraphs or below them, with a heading of its own ("Read more",
"Lesen Sie auch", "Related") over another story's headline, picture and link. The heading alone is no
paragraph (``body``'s boilerplate lines), but the headline under it would read as one. The box is the heading's
parent when all it holds besides the heading is links, else the block right after the heading when that is.
"""

from __future__ import annotations

import re

from lxml.html import HtmlElement

from monitor.extractors.text import clean

_POINTER = re.compile(
    r"^(?:read more|read next|more on this(?: story)?|related(?: articles?| stories| coverage| content)?|see also|"
    r"also read|read also|more stories|recommended(?: for you)?|"
    r"lesen sie auch|lesen sie mehr|mehr zum thema|zum thema|auch interessant|das könnte sie auch interessieren|"
    r"weitere artikel|à lire aussi|lire aussi|sur le même sujet|lee también|ver también|leggi anche|"
    r"leia também|lees ook|läs också|les også|læs også)\s*:?$",
    re.IGNORECASE,
)
_HEADINGS = ("h2", "h3", "h4", "h5", "h6", "p")
_MAX_LABEL = 40  # characters of a box's heading
_MAX_BOX = 400  # characters a box holds besides its heading: a headline or two, not a section of the story
_LINKED = 0.6  # of which links hold at least this share
_KEEP = frozenset({"html", "body", "article", "main"})


def drop_pointer_boxes(tree: HtmlElement) -> None:
    """Remove every box of ``tree`` that a pointer heading ("Read more") heads and links fill."""
    for heading in list(tree.iter(*_HEADINGS)):
        parent = heading.getparent()
        if parent is None or len(heading) > 3:
            continue
        text = clean(heading.text_content())
        if len(text) > _MAX_LABEL or not _POINTER.match(text):
            continue
        if parent.tag not in _KEEP and _links_only(parent, len(text)):
            parent.drop_tree()
            continue
        box = heading.getnext()
        if box is not None and not (heading.tail or "").strip() and _links_only(box, 0):
            box.drop_tree()
            heading.drop_tree()


def _links_only(element: HtmlElement, label: int) -> bool:
    """Whether ``element``'s text, but for ``label`` characters of its heading, is short and mostly links."""
    text = len(clean(element.text_content())) - label
    if not 0 < text <= _MAX_BOX:
        return False
    linked = sum(len(clean(a.text_content())) for a in element.iter("a") if a.get("href"))
    return linked >= _LINKED * text
