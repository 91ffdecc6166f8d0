"""Find what points out of a story to other stories: lists of their headlines, "Read more" boxes.

Pages set lists of other stories' headlines (each a link, "Topic: <a>Headline</a>", or a teaser card) and boxes
with a heading of their own ("Read more", "Lesen Sie auch", "Related") over another story's headline, picture and
link between a story's paragraphs or below them. A list's or box's heading alone is no paragraph (``body``'s
boilerplate lines), but the headlines under it would read as paragraphs. A box is the heading's parent when all
it holds besides the heading is links, else the block right after the heading when that is.
"""

from __future__ import annotations

import re

from lxml.html import HtmlElement

from monitor.extractors.text import clean, is_url

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


_MIN_LINKS = 3  # items of a list of links to other pages
_MIN_HEADLINE = 25  # characters an item's text holds on average: a headline's, not a menu entry's or a tag's
_MAX_HEADLINE = 200  # … and at most: a longer item is a paragraph of its own, whatever it links
_LINKED_SHARE = 0.5  # of each item's text its links to other pages hold
LINK_LIST_SHARE = 0.4  # of the page's paragraph and list text: a longer list of links is the story itself


def link_list(element: HtmlElement) -> bool:
    """A list whose every item is, mostly, a link to another page with a headline's words ("Schlafstörungen:
    <a>Häufig hilft nur noch diese Methode</a>"): other stories pointed to from inside this one. A table of
    contents (links within the page), a menu (single words), a list with a sentence of its own or the story's
    references (their addresses shown as the links' text) is none."""
    items = [child for child in element if child.tag == "li"]
    if len(items) < _MIN_LINKS or len(items) != sum(1 for child in element if isinstance(child.tag, str)):
        return False
    lengths = []
    for item in items:
        text = _letters_and_spaces(item.text_content())
        linked = sum(_letters_and_spaces(a.text_content()) for a in item.iter("a") if _away(a))
        if not text or not (text <= _MAX_HEADLINE and linked >= _LINKED_SHARE * text or _card_item(item, text)):
            return False
        lengths.append(text)
    return sum(lengths) >= _MIN_HEADLINE * len(lengths)


def _away(link: HtmlElement) -> bool:
    """A link to another page by a title (not to a place in this one, nor one showing its address)."""
    return not (link.get("href") or "#").startswith("#") and not is_url(link.text_content().strip())


_MAX_CARD = 400  # characters of a teaser card: a date, a headline, a line or two of its opening


def _card_item(item: HtmlElement, text: int) -> bool:
    """A list item that is another story's teaser card: an ``<article>`` of its own whose heading is a link to
    it (a date, the headline, its opening words)."""
    if text > _MAX_CARD or next(item.iter("article"), None) is None:
        return False
    for heading in item.iter(*_HEADINGS[:5]):
        links = [a for a in heading.iter("a") if _away(a)]
        if links and sum(_letters_and_spaces(a.text_content()) for a in links) >= text_chars(heading):
            return True
    return False


_LABEL_TAGS = frozenset({"h2", "h3", "h4", "h5", "h6", "p", "div", "span", "strong", "b"})
_MAX_LIST_LABEL = 60  # characters


def list_label(element: HtmlElement) -> HtmlElement | None:
    """The short line right above ``element`` that heads it ("Auch interessant:", "POPULAR ARTICLES"), when
    nothing but white space stands between them; a sentence (it ends with a full stop) heads nothing."""
    label = element.getprevious()
    if label is None or label.tag not in _LABEL_TAGS or (label.tail or "").strip():
        return None
    if next(label.iterdescendants("a", "img", "p", "li"), None) is not None:  # a link, a picture, a block
        return None
    text = " ".join(label.text_content().split())
    return label if 0 < len(text) <= _MAX_LIST_LABEL and not text.endswith(".") else None


def _letters_and_spaces(text: str) -> int:
    return len(" ".join(text.split()))


def text_chars(element: HtmlElement) -> int:
    """Characters of ``element``'s text, white space runs counted as one."""
    return _letters_and_spaces(element.text_content())


def block_chars(root: HtmlElement) -> int:
    """Characters of the paragraph and list-item text in ``root`` (the page, or a list)."""
    return sum(text_chars(element) for element in root.iter("p", "li"))
