"""A plain byline: the authors a "By …" line just below the headline names, when no markup marks a byline."""

from __future__ import annotations

import re

from lxml.html import HtmlElement

from monitor.extractors.authors import split_authors, written_as_names
from monitor.extractors.dates import is_timestamp
from monitor.extractors.lead import is_byline
from monitor.extractors.text import class_tokens, element_lines

_BYLINE_REACH = 8  # elements after the headline a plain byline may stand in (a dateline, a picture before it)
_MAX_LINE = 160  # characters: a longer element is the story (or something else), and the byline search stops
# lower-case words a person's name may hold ("Ana de la Cruz", "Ludwig van Beethoven", "Omar bin Said")
_PARTICLES = frozenset("de da di del della der den des du la le van von ter ten zu bin ibn al el y e".split())  # noqa: SIM905
# a byline's pieces beside the names that name no one: the place it was written in, a date, an e-mail address
# (``<span class="autor">Por Ana Ruiz</span><span class="lugar">Lima</span>``), the outlet the authors write for
# (``<span class="org">Wendham Star</span>``)
_PLACES_AND_DATES = "place location lugar localidad ciudad city ort lieu luogo plaats sted dateline date fecha datum"
_OUTLETS = "org organization organisation publication publisher outlet affiliation"
_NO_NAME = frozenset(f"{_PLACES_AND_DATES} {_OUTLETS}".split())
# words that say an element holds the names after all ("byline__author-date", "author-location", "author-org-link")
_A_NAME = frozenset("author authors autor auteur autore name names writer reporter person".split())  # noqa: SIM905
_ADDRESS = re.compile(r"\s*(?:mailto:)?[\w.+-]+@[\w-]+(?:\.[\w-]+)+\s*")


def byline_below_headline(tree: HtmlElement, heading: HtmlElement | None = None) -> tuple[str, ...]:
    """The people a plain "By …" line just below the page's first ``<h1>`` (or ``heading``, an old page's bold
    headline line) names (``<p>By Ana Ruiz</p>``, an old page's ``<b>By Ana Ruiz / Staff Writer</b>``); () when
    none stands there before the story starts, or it names no people ("By train to Paris")."""
    return plain_byline(tree, heading)[0]


def plain_byline(tree: HtmlElement, heading: HtmlElement | None = None) -> tuple[tuple[str, ...], HtmlElement | None]:
    """:func:`byline_below_headline`'s people and the element they were read from (None when none names them):
    whether the exact gate covers it is asked of it."""
    h1 = heading if heading is not None else next(tree.iter("h1"), None)
    if h1 is None:
        return (), None
    told = False  # a paragraph of text came: a name below it is no byline unless "By" says so (a comment's)
    for element in h1.xpath(f"following::*[position() <= {_BYLINE_REACH}]"):
        if len(" ".join(element.text_content().split())) > _MAX_LINE:
            return (), None
        text = _first_line(element)  # "By Ana Ruiz<br>Updated 12:05 GMT": the byline is the first line
        if text and (is_byline(text, ()) or not told and _named_by_class(element, text)):
            names = split_authors(text)
            return (tuple(names), element) if names and all(is_person_name(name) for name in names) else ((), None)
        told = told or element.tag == "p" and bool(text)
    return (), None


# what holds a photographer's or a quoted speaker's name, not the story's author
OTHERS_TAGS = frozenset({"figure", "figcaption", "blockquote", "q", "cite"})
# the words of an author class's block or element that say whose name it holds: a photo's, a video's, a quote's
# ("c-image__author", "c-quote__author", "c-article__photo-author")
_OTHERS_WORDS = frozenset(
    {"quote", "pullquote", "blockquote", "image", "img", "photo", "foto", "picture", "media", "caption", "credit"}
    | {"credits", "gallery", "video", "figure"}
)
_CLASS_WORDS = re.compile(r"[-_]+")


def credits_other(element: HtmlElement) -> bool:
    """Whether an element whose class ends in "author" names another's author than the story's: it stands in a
    figure, its caption, a quote or a citation, or its class's BEM block or element names one (a photo, a
    video, a quote, a caption, a credit, a gallery)."""
    if any(node.tag in OTHERS_TAGS for node in element.iterancestors()):
        return True
    for node in (element, element.getparent()) if element.tag == "a" else (element,):
        if node is None:
            continue
        for token in (node.get("class") or "").split():
            lowered = token.lower()
            if "author" in lowered and not _OTHERS_WORDS.isdisjoint(_CLASS_WORDS.split(lowered)):
                return True
    return False


# the words of an element's class that say it holds the author's name, in whatever form the byline markup the
# generic layer reads does not list ("author-2", "author_name", "authorName", "article-author-name") …
_AUTHOR_CLASS = frozenset("author authors autor auteur autore byline writer reporter".split())  # noqa: SIM905
# … unless another word of it says the element is a toolbar or a list of stories ("author-tools", "writer-picks");
# a list of the authors themselves ("author-list"), their links or their social accounts may hold the names
_NOT_AUTHOR_CLASS = frozenset("tools tool picks pick related popular stories".split())  # noqa: SIM905
_MAX_CLASSED_WORDS = 8


def _named_by_class(element: HtmlElement, text: str) -> bool:
    """Whether a line without "By" is the byline all the same: its element's class says it holds the author's
    name and it holds only names written as names ("Ana Ruiz", "Ana Ruiz and Tom Hale", never "Ana Ruiz writes
    about the harbour" nor an author's bio)."""
    tokens = class_tokens(element)
    if (
        not tokens & _AUTHOR_CLASS
        or tokens & _NOT_AUTHOR_CLASS
        or len(text.split()) > _MAX_CLASSED_WORDS
        or credits_other(element)
    ):
        return False
    names = split_authors(text)
    return bool(names) and all(map(is_full_name, names)) and written_as_names(text)


def is_full_name(name: str) -> bool:
    """A first name and a surname, or a name in a script without capitals ("李晓梅")."""
    return is_person_name(name) and (len(name.split()) > 1 or name.upper() == name.lower())


def _first_line(element: HtmlElement) -> str:
    """The element's first line: its text up to its first ``<br>`` or block element's edge."""
    lines = byline_lines(element)
    return lines[0] if lines else ""


def byline_lines(element: HtmlElement) -> list[str]:
    """The lines a byline element shows (``text.element_lines``), without a place, a date, an e-mail address or
    an outlet set in an element of its own beside the names (not "Ana Ruiz Lima"): each of those only breaks the
    line."""
    return _names_set_apart(element) or element_lines(element, skip=_names_no_one)


def _names_set_apart(element: HtmlElement) -> list[str]:
    """The names of a byline element that holds only linked or spanned full names with nothing between them
    (``<span>Ana Ruiz</span><span>Ben Ode</span>``: a style sheet sets them apart, the text joins them into "Ana
    Ruiz Ben Ode"), each its own line; none otherwise — a space between two spans may join a given name and a
    surname ("<span>Ana María</span> <span>Ruiz López</span>")."""
    if len(element) < 2 or (element.text or "").strip() or any(child.tail for child in element):
        return []
    if any(child.tag not in ("a", "span") or len(child) for child in element):
        return []
    names = [" ".join((child.text or "").split()) for child in element]
    return names if all(len(name.split()) > 1 and is_full_name(name) for name in names) else []


def _names_no_one(element: HtmlElement) -> bool:
    """A place's, a date's, an outlet's element (its names say so, and none says it holds a name, unless all it
    holds is a time stamp: "author-date"), a ``<time>``, or an e-mail address (all its text is one: "Ana Ruiz
    (ana@…)" is a name linked to one)."""
    tokens = class_tokens(element)
    if element.tag == "time":
        return True
    if tokens & _NO_NAME:
        return not tokens & _A_NAME or not len(element) and is_timestamp(element.text or "")
    mail = tokens & {"email", "mail"} or (element.get("href") or "").startswith("mailto:")
    return bool(mail) and bool(_ADDRESS.fullmatch(element.text_content()))


def is_person_name(name: str) -> bool:
    """Written as a person's name: every word capitalised but the particles names hold."""
    return all(word[:1].isupper() or word in _PARTICLES for word in name.split())
