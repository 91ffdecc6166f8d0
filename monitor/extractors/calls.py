"""A box that closes with a button: a call to the reader (subscribe, donate, try the paper, sign in), not story text.

Pages set such a call apart as a small box of its own: a short label on top ("Two weeks free", "Read left, fight
the right"), a paragraph or three of the publication speaking for itself, and a link styled as a button to another
page ("Order now", "Support us") as its last word. :func:`call_box` knows the box by that shape alone, whatever its
words or language; a story's paragraph never ends in a button, and a story's container that does (a "Continue
reading" button below a collapsed story) opens with the story's text, not with a label, or holds more than such a
box holds; a story's section closing with a button opens another site (its source's form or report) or is one
of a run of like sections.
"""

from __future__ import annotations

from lxml.html import HtmlElement

from monitor.extractors.teasers import Site
from monitor.extractors.text import class_tokens

_BUTTON_NAMES = frozenset({"btn", "button"})
_BUTTON_WORDS = 4  # of a button's label, at most ("Jetzt unterstützen", "Start your free trial")
_BOXES = frozenset({"div", "section"})
_LEVELS = 4  # blocks above the button its box may be, at most (the button's own wrapper, the paragraph it ends)
_MAX_CHARS = 1500  # of the box's text
_MAX_PARAGRAPHS = 3  # <p>s in the box besides its label, at most
_LABEL_WORDS = 6  # of the box's label ("2 Wochen kostenlos testen"), at most
_LABEL_TAGS = frozenset({"p", "div", "span", "strong", "b", "h2", "h3", "h4", "h5", "h6"})
_SENTENCE_ENDS = tuple(".!?。！？")


def call_box(link: HtmlElement, site: Site) -> HtmlElement | None:
    """The box a link styled as a button closes, when the box is a call to the reader (see the module's doc). A
    call's button opens the publication's own page (``site``: its offer, its sign-in); a button to another site
    closes a section of the story that points to its source ("Download the report", "Claim form")."""
    if not _button(link) or not site.holds(link.get("href") or ""):
        return None
    node = link
    for _ in range(_LEVELS):
        node = node.getparent()
        if node is None or node.tag in ("body", "article", "main"):
            return None
        if node.tag in _BOXES and _closes(link, node) and _labelled_call(node):
            return None if _one_of_sections(node) else node
    return None


def _one_of_sections(box: HtmlElement) -> bool:
    """Whether the box is one of a run of like sections, each opening with a label of the same kind (a story told
    in ``<section><h2>…</h2><p>…</p></section>``s, its last one closing with a link to the site's map or data): a
    call to the reader stands alone among the story's paragraphs."""
    label = next(child for child in box if isinstance(child.tag, str)).tag
    for sibling in (*box.itersiblings(preceding=True), *box.itersiblings()):
        if sibling.tag == box.tag and sibling.get("class") == box.get("class"):
            first = next((child for child in sibling if isinstance(child.tag, str)), None)
            if first is not None and first.tag == label:
                return True
    return False


def _button(link: HtmlElement) -> bool:
    """A link to another page styled as a button (its class, its wrapper's alone around it, or its role), with a
    label of a few words."""
    if not (_named_button(link) or link.get("role") == "button" or _button_wrapper(link)):
        return False  # (most links: no class, or no button's)
    href = (link.get("href") or "").strip()
    if not href or href.startswith(("#", "javascript:")):
        return False
    return 0 < len(link.text_content().split()) <= _BUTTON_WORDS


def _button_wrapper(link: HtmlElement) -> bool:
    """Whether the link stands alone in a block styled as a button (``<div class="btn"><a>…</a></div>``)."""
    wrapper = link.getparent()
    return wrapper is not None and len(wrapper) == 1 and not (wrapper.text or "").strip() and _named_button(wrapper)


def _named_button(element: HtmlElement) -> bool:
    """A class naming a button ("btn btn-primary", "button primary-button"), read only when it holds the word."""
    names = (element.get("class") or "").lower()
    return ("btn" in names or "button" in names) and bool(class_tokens(element) & _BUTTON_NAMES)


def _closes(link: HtmlElement, box: HtmlElement) -> bool:
    """Whether nothing with text follows the button inside ``box``."""
    node = link
    while node is not box:
        if (node.tail or "").strip() or any(s.text_content().strip() for s in node.itersiblings()):
            return False
        node = node.getparent()
    return True


def _labelled_call(box: HtmlElement) -> bool:
    """A short label on top, then one to three paragraphs; the whole no longer than a box's text."""
    children = [child for child in box if isinstance(child.tag, str)]
    if len(children) < 2 or (box.text or "").strip():
        return False
    label = children[0]
    text = " ".join(label.text_content().split())
    if label.tag not in _LABEL_TAGS or not text or len(text.split()) > _LABEL_WORDS or text.endswith(_SENTENCE_ENDS):
        return False
    if next(label.iter("a"), None) is not None:
        return False
    paragraphs = sum(1 for _ in box.iter("p")) - (label.tag == "p")
    return 1 <= paragraphs <= _MAX_PARAGRAPHS and len(box.text_content()) <= _MAX_CHARS
