"""Find the rest of a story split over several containers, before and after the one a generic read came from.

Pages cut a story into parts with a newsletter box, an ad slot or a related-stories block between them; a
main-text extractor picks one container and reads only one part, so an edit in the others is never seen.
The other parts sit in containers like that one (the same tag, a shared class that names a role, not a
layout) among its siblings or its ancestors' siblings; the boxes between them are unlike it and are left out.
The walk stops where the story ends (another ``<article>``, a block holding an ``<h1>``, a ``<header>`` or a
``<footer>``) and never leaves the story's ``<article>``/``<main>``. Only the tree already parsed is walked:
no new parse, no serialisation.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from lxml.html import HtmlElement

from monitor.extractors.body import PARAGRAPH_TAGS, paragraphs_of

__all__ = ["continuation"]

_MAX_LEVELS = 3  # the last paragraph's container, its parent and grandparent
_TOP = frozenset({"article", "main", "body", "html"})  # never looked beyond
# where the story ends: another story, its own head (headline, hero picture, byline) or the page's foot; the walk
# stops at a block that is or holds one, and no part holds one
_EDGES = ("article", "header", "footer", "h1")
_ENDS = 3  # the read's first and last paragraphs looked for in the page (one may be text the page lacks)
_MIN_STORY = 80  # characters of paragraph text a later part holds at least
_MAX_LINKS = 0.3  # share of a later part's text in links: more is a teaser list, not story text
_LAYOUT_NAMES = (
    "row col column columns grid cell container wrapper wrap inner outer clearfix clear group block section "
    "content left right main full width"
)
_LAYOUT = frozenset(_LAYOUT_NAMES.split())  # classes unlike boxes share: they say where, not what
_FIRST = re.compile(r"\S")  # a text's first character, white space aside (as ``str.split`` knows it)


def continuation(tree: HtmlElement, paragraphs: Sequence[str]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Paragraphs of the story's parts before and after those ``paragraphs`` (a generic read of ``tree``) came
    from, that the read lacks, each in page order; ((), ()) when the story is in one piece."""
    if not paragraphs:
        return (), ()
    seen = {_normal(p) for p in paragraphs}
    read = "\n".join(seen)  # a part's text the read holds in pieces (its <br><br>-separated lines) is no new part
    first, last = _ends(tree, paragraphs)
    before = _parts(first, seen, read, preceding=True) if first is not None else []
    after = _parts(last, seen, read, preceding=False) if last is not None else []
    return tuple(reversed(before)), tuple(after)


def _ends(tree: HtmlElement, paragraphs: Sequence[str]) -> tuple[HtmlElement | None, HtmlElement | None]:
    """The page's blocks holding the read's first and last paragraphs (of the first and last few, the ones
    nearest the read's ends that the page holds), in one walk of the page's blocks."""
    count = len(paragraphs)
    ends = {*range(min(_ENDS, count)), *range(max(0, count - _ENDS), count)}
    wanted = {_normal(paragraphs[i]): i for i in sorted(ends, reverse=True) if len(paragraphs[i]) >= _MIN_STORY // 2}
    if not wanted:
        return None, None
    shortest, longest = min(len(key) for key in wanted), max(len(key) for key in wanted)
    openings = {key[0] for key in wanted}  # a paragraph's first character, white space aside, casefolded
    found: dict[int, HtmlElement] = {}
    for tags in (("p",), PARAGRAPH_TAGS - {"p"}):  # paragraphs first: the others only for what they lack
        for element in tree.iter(*tags):
            text = element.text_content()
            if not shortest <= len(text) <= 2 * longest + 200:  # white space and markup aside, a paragraph's length
                continue
            first = _FIRST.search(text)  # (a text opening otherwise is spared its key)
            if first is None or first.group().casefold()[:1] not in openings:
                continue
            index = wanted.get(_normal(text))
            if index is not None and index not in found:
                found[index] = element
                if len(found) == len(wanted):
                    break
        if {min(wanted.values()), max(wanted.values())} <= found.keys():
            break
    if not found:
        return None, None
    return found[min(found)], found[max(found)]


def _parts(block: HtmlElement, seen: set[str], read: str, *, preceding: bool) -> list[str]:
    """Texts of the containers like ``block``'s, walking away from it (backwards when ``preceding``: the
    texts come out last first), none made of the ``read``'s paragraphs run together; ``seen`` gains each text
    taken."""
    out: list[str] = []
    container = node = block.getparent()
    for _ in range(_MAX_LEVELS):
        if node is None or node.tag in _TOP:
            break
        for sibling in node.itersiblings(preceding=preceding):
            if not isinstance(sibling.tag, str):
                continue
            if next(sibling.iter(*_EDGES), None) is not None:
                return out  # another story begins, or this one's head: the story's edge
            texts = [text for part in _like(sibling, node, container) for text in paragraphs_of([part])]
            for text in reversed(texts) if preceding else texts:
                key = _normal(text)
                if key and key not in seen and not _run_together(key, read):
                    seen.add(key)
                    out.append(text)
        node = node.getparent()
    return out


def _run_together(key: str, read: str) -> bool:
    """Whether a text is the read's paragraphs run together (a paragraph whose ``<br><br>``-separated lines the
    read took one by one): it opens with one of them, and each of the read's paragraphs it holds is one more."""
    held = [p for p in read.split("\n") if p and p in key]
    return any(key.startswith(p) for p in held) and sum(len(p) for p in held) >= len(key)


def _like(sibling: HtmlElement, node: HtmlElement, container: HtmlElement) -> list[HtmlElement]:
    """``sibling`` when it is like ``node``, else the outermost blocks inside it like ``container`` (the
    story's own container, one level down in a like wrapper) — only those holding story text."""
    if _alike(sibling, node):
        found = [sibling]
    elif node is container:
        found = []
    else:
        found = [d for d in sibling.iter(container.tag) if _alike(d, container)]
        found = [d for d in found if not any(a in found for a in d.iterancestors())]
    return [part for part in found if _story_like(part) and next(part.iter(*_EDGES), None) is None]


def _alike(element: HtmlElement, container: HtmlElement) -> bool:
    """The same tag and a class they share that names a role, not a layout ("article-body", not "row")."""
    if element.tag != container.tag:
        return False
    shared = set((element.get("class") or "").split()) & set((container.get("class") or "").split())
    return any(name.lower() not in _LAYOUT and len(name) >= 4 for name in shared)


def _story_like(element: HtmlElement) -> bool:
    """Paragraphs of text, not a box of links."""
    text = sum(len(p.text_content().strip()) for p in element.iter("p"))
    if text < _MIN_STORY:
        return False
    links = sum(len(a.text_content().strip()) for a in element.iter("a"))
    return links < _MAX_LINKS * text


def _normal(text: str) -> str:
    """The text without white space, case-folded: the same paragraph, however its markup spaced it."""
    return "".join(text.split()).casefold()
