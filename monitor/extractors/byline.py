"""A plain byline: the authors a "By …" line just below the headline names, when no markup marks a byline."""

from __future__ import annotations

from lxml.html import HtmlElement

from monitor.extractors.authors import split_authors
from monitor.extractors.lead import is_byline
from monitor.extractors.text import element_lines

_BYLINE_REACH = 8  # elements after the headline a plain byline may stand in (a dateline, a picture before it)
_MAX_LINE = 160  # characters: a longer element is the story (or something else), and the byline search stops
# lower-case words a person's name may hold ("Ana de la Cruz", "Ludwig van Beethoven", "Omar bin Said")
_PARTICLES = frozenset("de da di del della der den des du la le van von ter ten zu bin ibn al el y e".split())  # noqa: SIM905


def byline_below_headline(tree: HtmlElement) -> tuple[str, ...]:
    """The people a plain "By …" line just below the page's first ``<h1>`` names (``<p>By Ana Ruiz</p>``, an old
    page's ``<b>By Ana Ruiz</b>``); () when none stands there before the story starts, or it names no people
    ("By train to Paris")."""
    h1 = next(tree.iter("h1"), None)
    if h1 is None:
        return ()
    for element in h1.xpath(f"following::*[position() <= {_BYLINE_REACH}]"):
        if len(" ".join(element.text_content().split())) > _MAX_LINE:
            return ()
        text = _first_line(element)  # "By Ana Ruiz<br>Updated 12:05 GMT": the byline is the first line
        if text and is_byline(text, ()):
            names = split_authors(text)
            return tuple(names) if names and all(_person(name) for name in names) else ()
    return ()


def _first_line(element: HtmlElement) -> str:
    """The element's first line: its text up to its first ``<br>`` or block element's edge."""
    lines = element_lines(element)
    return lines[0] if lines else ""


def _person(name: str) -> bool:
    """Written as a person's name: every word capitalised but the particles names hold."""
    return all(word[:1].isupper() or word in _PARTICLES for word in name.split())
